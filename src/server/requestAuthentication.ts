// Who may post to /api/messages. Local mode: anyone (botbuilder's disabled authentication). Production: a request
// whose Bot Framework token cannot be validated, for whatever reason, is refused as Unauthorized (a bare 401).
//
// botbuilder's own check stays the authority, but it only ever sees tokens that already passed a check of ours:
// well formed, an RS algorithm, in date, for this app, from a Bot Framework issuer and signed by one of its keys. Ours
// fetches the keys with a time bound, one fetch at a time and not again soon after a failure (botbuilder fetches them
// on every request until one succeeds, with no time bound, and answers a failure with 500 and the error in the
// body), and it rejects quietly (botbuilder writes a stack to stderr for an expired or forged token, and adds the
// tenant of any unverified token to its list of accepted issuers).
import { verify as verifySignature } from 'node:crypto';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { OpenIdSigningKeys, SIGNING_KEYS_FETCH_TIMEOUT_MS, type SigningKeysOptions } from './openIdSigningKeys.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;

export class Unauthorized extends Error {
  override readonly name = 'Unauthorized';
  /** Why, in a few words for the log (never the token). */
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface RequestAuthentication {
  /** The identity behind a request, or Unauthorized. */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult>;
}

/** The public cloud's Bot Framework endpoints (botframework-connector's AuthenticationConstants). */
export const BOT_FRAMEWORK = {
  channelTokenIssuer: 'https://api.botframework.com',
  channelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  entraOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  toChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  toChannelFromBotOAuthScope: 'https://api.botframework.com',
  oAuthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
} as const;

/** Tenants of the Bot Framework whose Entra tokens botbuilder accepts (its ToBotFromBotOrEmulatorTokenValidationParameters). */
const BOT_FRAMEWORK_TENANTS = ['d6d49420-f39b-4df7-a1dc-d59a935871db', 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47'];
const entraIssuers = (tenantId: string): string[] => [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];

const HASH_OF_ALGORITHM: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
/** botbuilder's tolerance for clocks that disagree, in seconds. */
const CLOCK_TOLERANCE_S = 5 * 60;
/** botbuilder's check has no time bound of its own (its key fetch can hang): past this, the request is refused. */
const SDK_CHECK_TIMEOUT_MS = 2 * SIGNING_KEYS_FETCH_TIMEOUT_MS;

export interface BotFrameworkAuthenticationOptions {
  readonly appId: string;
  readonly appTenantId: string | undefined;
  /** BotOpenIdMetadata: where the channel's signing keys are published, if not the public cloud's. */
  readonly openIdMetadataUrl: string | undefined;
  /** botbuilder's authentication for the replies (its connector clients); its own inbound check is not used. */
  readonly outbound: ConfigurationBotFrameworkAuthentication;
  /** The credentials botbuilder checks the app id against. */
  readonly credentials: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1];
  readonly onKeysUnavailable: (metadataUrl: string, reason: string) => void;
  readonly keys?: SigningKeysOptions;
}

interface Jwt {
  readonly header: { readonly alg?: unknown; readonly kid?: unknown };
  readonly payload: Readonly<Record<string, unknown>>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

function parseJwt(token: string): Jwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const decoded = [header, payload].map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown);
    const [h, p] = decoded;
    if (typeof h !== 'object' || h === null || typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
    return { header: h, payload: p as Record<string, unknown>, signingInput: `${header}.${payload}`, signature: Buffer.from(signature, 'base64url') };
  } catch {
    return undefined;
  }
}

/** Production: the Bot Framework's tokens only. */
export class BotFrameworkRequestAuthentication implements RequestAuthentication {
  private readonly channelKeys: OpenIdSigningKeys;
  private readonly entraKeys: OpenIdSigningKeys;
  private readonly entraIssuers: ReadonlySet<string>;
  private readonly sdk: ConfigurationBotFrameworkAuthentication;

  constructor(private readonly options: BotFrameworkAuthenticationOptions) {
    const channelMetadataUrl = options.openIdMetadataUrl ?? BOT_FRAMEWORK.channelOpenIdMetadataUrl;
    const failed = (url: string) => (reason: string) => options.onKeysUnavailable(url, reason);
    this.channelKeys = new OpenIdSigningKeys(channelMetadataUrl, failed(channelMetadataUrl), options.keys);
    this.entraKeys = new OpenIdSigningKeys(BOT_FRAMEWORK.entraOpenIdMetadataUrl, failed(BOT_FRAMEWORK.entraOpenIdMetadataUrl), options.keys);
    this.entraIssuers = new Set([...BOT_FRAMEWORK_TENANTS, ...(options.appTenantId ? [options.appTenantId] : [])].flatMap(entraIssuers));
    // botbuilder reads BotOpenIdMetadata only with every other endpoint given too (else it leaves them undefined).
    this.sdk = new ConfigurationBotFrameworkAuthentication(options.openIdMetadataUrl
      ? {
        ToChannelFromBotLoginUrl: BOT_FRAMEWORK.toChannelFromBotLoginUrl, ToChannelFromBotOAuthScope: BOT_FRAMEWORK.toChannelFromBotOAuthScope,
        ToBotFromChannelTokenIssuer: BOT_FRAMEWORK.channelTokenIssuer, OAuthUrl: BOT_FRAMEWORK.oAuthUrl,
        ToBotFromChannelOpenIdMetadataUrl: options.openIdMetadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: BOT_FRAMEWORK.entraOpenIdMetadataUrl,
        CallerId: BOT_FRAMEWORK.callerId,
      }
      : {}, options.credentials);
  }

  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    await this.precheck(activity, authHeader);
    const result = await this.sdkCheck(activity, authHeader);
    return { ...result, connectorFactory: this.connectorFactoryFor(result.claimsIdentity) };
  }

  private connectorFactoryFor(identity: ClaimsIdentity): ConnectorFactory {
    return this.options.outbound.createConnectorFactory(identity);
  }

  private async precheck(activity: Activity, authHeader: string): Promise<void> {
    const [scheme, token, ...rest] = authHeader.trim().split(' ');
    if (scheme !== 'Bearer' || !token || rest.length > 0) throw new Unauthorized(authHeader.trim() === '' ? 'no token' : 'not a bearer token');
    const jwt = parseJwt(token);
    if (!jwt) throw new Unauthorized('malformed token');
    const { alg, kid } = jwt.header;
    const hash = typeof alg === 'string' ? HASH_OF_ALGORITHM[alg] : undefined;
    if (!hash) throw new Unauthorized('signing algorithm not allowed');
    if (typeof kid !== 'string' || kid === '') throw new Unauthorized('no key id');
    const { exp, nbf, aud, iss } = jwt.payload;
    const now = Date.now() / 1000;
    if (typeof exp !== 'number' || now > exp + CLOCK_TOLERANCE_S) throw new Unauthorized('expired');
    if (nbf !== undefined && (typeof nbf !== 'number' || now < nbf - CLOCK_TOLERANCE_S)) throw new Unauthorized('not yet valid');
    if (aud !== this.options.appId) throw new Unauthorized('wrong audience');
    const keys = this.keysFor(iss, jwt.payload);
    const key = await keys.find(kid);
    if (!key) throw new Unauthorized(keys.state === 'unavailable' ? 'signing keys unavailable' : 'unknown signing key');
    if (!verifySignature(hash, Buffer.from(jwt.signingInput), key.key, jwt.signature)) throw new Unauthorized('bad signature');
    if (key.endorsements && key.endorsements.length > 0 && !key.endorsements.includes(activity.channelId)) {
      throw new Unauthorized('key not endorsed for the channel');
    }
  }

  /** The channel's keys for the channel's tokens; Entra's for a Bot Framework tenant's token issued to this app. */
  private keysFor(issuer: unknown, payload: Readonly<Record<string, unknown>>): OpenIdSigningKeys {
    if (issuer === BOT_FRAMEWORK.channelTokenIssuer) return this.channelKeys;
    if (typeof issuer === 'string' && this.entraIssuers.has(issuer) && (payload.appid ?? payload.azp) === this.options.appId) return this.entraKeys;
    throw new Unauthorized('issuer not trusted');
  }

  private async sdkCheck(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Unauthorized('token check timed out')), SDK_CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([this.sdk.authenticateRequest(activity, authHeader), timeout]);
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      throw new Unauthorized(`refused by botbuilder: ${error instanceof Error ? error.message.slice(0, 120) : 'unknown'}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Local mode: botbuilder's authentication, disabled (no app id), which lets every request through anonymously. */
export class LocalModeAuthentication implements RequestAuthentication {
  constructor(private readonly auth: ConfigurationBotFrameworkAuthentication) {}

  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.auth.authenticateRequest(activity, authHeader);
  }
}
