// A Bot Framework token issuer on loopback, for testing real token validation offline: an OpenID configuration and
// its key set (an RSA key made here, endorsed for msteams), served at the address the bot is given as
// BotOpenIdMetadata, and tokens signed with that key (or another, or none). It can also hang (accept and never
// answer) to play a metadata endpoint out of reach, and counts what it was asked.
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The issuer of the tokens the Bot Framework channel sends (botframework-connector's ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  readonly appId: string;
  readonly serviceUrl: string;
  /** Claims to add or override (exp, nbf, iss, aud…); undefined removes one. */
  readonly claims?: Readonly<Record<string, unknown>>;
  readonly kid?: string;
  readonly alg?: 'RS256' | 'none';
  /** Sign with this private key instead of the published one's. */
  readonly signWith?: KeyObject;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class OpenIdIssuer {
  readonly kid = `test-key-${randomUUID()}`;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  /** 'serve' answers; 'hang' accepts and never answers. */
  mode: 'serve' | 'hang' = 'serve';
  /** Requests received, by path. */
  readonly requests: string[] = [];

  get metadataUrl(): string {
    return `http://127.0.0.1:${this.port}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      if (this.mode === 'hang') return;
      this.answer(req.url ?? '', res);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.metadataUrl;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => {
      if (this.server) this.server.close(() => resolve());
      else resolve();
    });
  }

  private answer(path: string, res: ServerResponse): void {
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration') {
      json({ issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${this.port}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (path === '/v1/keys') {
      const jwk = this.keys.publicKey.export({ format: 'jwk' });
      json({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    } else {
      res.writeHead(404);
      res.end();
    }
  }

  /** A channel token as the Bot Framework would sign it for this app and service URL, valid for an hour. */
  token(options: TokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: CHANNEL_ISSUER, aud: options.appId, serviceurl: options.serviceUrl, nbf: now - 60, exp: now + 3600, ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    const alg = options.alg ?? 'RS256';
    const unsigned = `${base64url({ alg, kid: options.kid ?? this.kid, typ: 'JWT' })}.${base64url(claims)}`;
    if (alg === 'none') return `${unsigned}.`;
    const signature = createSign('RSA-SHA256').update(unsigned).sign(options.signWith ?? this.keys.privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }
}

/** A loopback address where nothing listens (a port bound, then released). */
export async function unreachableUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`;
}
