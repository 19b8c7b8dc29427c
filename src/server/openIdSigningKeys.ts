// The public keys a token issuer signs with, from its OpenID configuration (jwks_uri), fetched with a time bound,
// one fetch at a time, and not again soon after a failure: a flood of tokens while the issuer is unreachable or
// hanging waits for one bounded fetch at most, then is answered at once.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export interface SigningKey {
  readonly key: KeyObject;
  /** The channels the Bot Framework endorses this key for, if it says. */
  readonly endorsements: readonly string[] | undefined;
}

export interface SigningKeysOptions {
  /** Bound of one refresh: the configuration document and the key set together. */
  readonly fetchTimeoutMs?: number;
  /** After a failed refresh, no other is tried for this long (the keys already known are still used). */
  readonly retryAfterFailureMs?: number;
  /** Known keys are refreshed once they are this old (the Bot Framework SDK's default: a day). */
  readonly maxAgeMs?: number;
  /** A token naming a key not in the set refreshes it at most this often (keys are published before use). */
  readonly unknownKeyRefreshMs?: number;
  readonly now?: () => number;
}

export const SIGNING_KEYS_FETCH_TIMEOUT_MS = 3_000;
const RETRY_AFTER_FAILURE_MS = 10_000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KEY_REFRESH_MS = 5 * 60 * 1000;

const OpenIdConfigurationT = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });
const JwkT = z.object({
  kid: z.string(), kty: z.string(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional(),
});
const JwksT = z.object({ keys: z.array(z.unknown()) });

/** How the last refresh went, for the log line of a refused request. */
export type KeysState = 'fresh' | 'unavailable';

export class OpenIdSigningKeys {
  private keys: ReadonlyMap<string, SigningKey> | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private lastFailed = false;
  private inFlight: Promise<void> | undefined;
  private readonly fetchTimeoutMs: number;
  private readonly retryAfterFailureMs: number;
  private readonly maxAgeMs: number;
  private readonly unknownKeyRefreshMs: number;
  private readonly now: () => number;

  constructor(
    readonly metadataUrl: string,
    private readonly onRefreshFailed: (reason: string) => void,
    options: SigningKeysOptions = {},
  ) {
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? SIGNING_KEYS_FETCH_TIMEOUT_MS;
    this.retryAfterFailureMs = options.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS;
    this.maxAgeMs = options.maxAgeMs ?? MAX_AGE_MS;
    this.unknownKeyRefreshMs = options.unknownKeyRefreshMs ?? UNKNOWN_KEY_REFRESH_MS;
    this.now = options.now ?? Date.now;
  }

  /** Whether keys could be had at the last try (a refused token is logged with it). */
  get state(): KeysState {
    return this.keys && !this.lastFailed ? 'fresh' : 'unavailable';
  }

  /** The key with this id, refreshing the set if it is old, missing, or lacks the id (each within the bounds). */
  async find(keyId: string): Promise<SigningKey | undefined> {
    const now = this.now();
    const sinceAttempt = now - this.attemptedAt;
    const mayRetry = !this.lastFailed || sinceAttempt >= this.retryAfterFailureMs;
    const stale = now - this.fetchedAt >= this.maxAgeMs;
    const unknown = !this.keys?.has(keyId);
    if (this.inFlight || (mayRetry && (stale || (unknown && sinceAttempt >= this.unknownKeyRefreshMs)))) await this.refresh();
    return this.keys?.get(keyId);
  }

  /** One refresh at a time; its failure is reported once and leaves the known keys in place. */
  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().then(
      (keys) => {
        this.keys = keys;
        this.fetchedAt = this.now();
        this.lastFailed = false;
      },
      (error: unknown) => {
        this.lastFailed = true;
        this.onRefreshFailed(reasonOf(error));
      },
    ).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<ReadonlyMap<string, SigningKey>> {
    this.attemptedAt = this.now();
    const signal = AbortSignal.timeout(this.fetchTimeoutMs);
    const configuration = OpenIdConfigurationT.parse(await getJson(this.metadataUrl, signal));
    const jwks = JwksT.parse(await getJson(configuration.jwks_uri, signal));
    const keys = new Map<string, SigningKey>();
    for (const candidate of jwks.keys) {
      const jwk = JwkT.safeParse(candidate);
      // RSA keys only: the Bot Framework signs with RS256 (other kinds in a set are skipped, not trusted).
      if (!jwk.success || jwk.data.kty !== 'RSA' || !jwk.data.n || !jwk.data.e) continue;
      keys.set(jwk.data.kid, {
        key: createPublicKey({ key: { kty: 'RSA', n: jwk.data.n, e: jwk.data.e }, format: 'jwk' }),
        endorsements: jwk.data.endorsements,
      });
    }
    return keys;
  }
}

async function getJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** A short reason for the log: a timeout, a network error code, an HTTP status or a malformed document. */
function reasonOf(error: unknown): string {
  if (error instanceof z.ZodError) return 'malformed document';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message.slice(0, 100) : 'unknown';
}
