// Outbound Bot Connector calls: connector and user-token clients built once per app id and service URL (CloudAdapter
// would build them on every turn), retried on 429 only, honouring Retry-After, and bounded in time.
import {
  ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationServiceClientCredentialFactory,
} from 'botbuilder';
import type { Logger } from 'pino';
import {
  abortableDelay, CONNECTOR_CALL_TIMEOUT_MS, deadlinePolicy, type PipelinePolicyLike, type PipelineRequestLike,
} from '../callDeadline.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
/** The JWT claims botframework-connector reads the bot's app id from (AuthenticationConstants there). */
const AUDIENCE_CLAIM = 'aud';
const APP_ID_CLAIM = 'appid';

/** Tries of one outbound call answered 429, and the longest Retry-After a turn waits for (else it gives up). */
export const CONNECTOR_429_TRIES = 3;
export const CONNECTOR_MAX_RETRY_AFTER_MS = 5_000;

interface ResponseLike { readonly status: number; readonly headers: { get(name: string): string | undefined } }
type RequestLike = PipelineRequestLike;
interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicyLike<RequestLike, ResponseLike>, options: { phase: 'Retry' | 'Serialize' }): void;
}

/** The wait a 429 asks for (Retry-After in seconds or as an HTTP date; else 0.5 s, 1 s…); undefined if too long. */
export function retryAfterMs(header: string | undefined, attempt: number, now: number = Date.now()): number | undefined {
  const seconds = header === undefined || header.trim() === '' ? Number.NaN : Number(header);
  const date = header === undefined ? Number.NaN : Date.parse(header);
  const wait = Math.max(0, Number.isFinite(seconds) ? seconds * 1000 : Number.isFinite(date) ? date - now : 500 * attempt);
  return wait <= CONNECTOR_MAX_RETRY_AFTER_MS ? wait : undefined;
}

/** Connector clients kept per (bot app id, audience, service URL): Teams uses a handful of service URLs. */
const CONNECTOR_CLIENTS_KEPT = 64;

type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * What makes two connector clients the same: botframework-connector's ConnectorFactoryImpl keeps it in public fields
 * (the app id is undefined in local mode, where nothing is signed).
 */
function clientKeyOf(factory: ConnectorFactory, serviceUrl: string, audience: string | undefined): string | undefined {
  const { appId, toChannelFromBotOAuthScope } = factory as unknown as { appId?: unknown; toChannelFromBotOAuthScope?: unknown };
  if (!('appId' in factory) || (appId !== undefined && typeof appId !== 'string') || typeof toChannelFromBotOAuthScope !== 'string') return undefined;
  return JSON.stringify([appId ?? '', audience ?? toChannelFromBotOAuthScope, serviceUrl]);
}

/**
 * Posting an activity is not idempotent: an outbound connector call is retried on 429 only, honouring Retry-After,
 * a few times, all within CONNECTOR_CALL_TIMEOUT_MS. The connector client's default Azure pipeline also retries 5xx,
 * 408 and network errors (which may have been delivered: a duplicate message), so its retry policy is replaced. A client, with its pipeline and
 * credentials (which cache their token), is built once per app id, audience and service URL and then reused, as
 * botbuilder's older BotFrameworkAdapter did: CloudAdapter would build one per turn.
 */
class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(private readonly logger: Logger) {}

  wrap(factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl: string, audience?: string) => {
        const key = clientKeyOf(factory, serviceUrl, audience);
        const kept = key === undefined ? undefined : this.clients.get(key);
        if (kept) return kept;
        const created = this.create(factory, serviceUrl, audience);
        if (key !== undefined) {
          if (this.clients.size >= CONNECTOR_CLIENTS_KEPT) this.clients.clear();
          this.clients.set(key, created);
          // A failed creation (credentials) is not kept: the next turn tries again.
          created.catch(() => this.clients.delete(key));
        }
        return created;
      },
    };
  }

  private async create(factory: ConnectorFactory, serviceUrl: string, audience: string | undefined): Promise<ConnectorClient> {
    const client = await factory.create(serviceUrl, audience);
    // botframework-connector keeps its @azure/core-client ServiceClient in a private field.
    const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
    if (!pipeline) {
      this.logger.error('connector client without a pipeline: outbound calls keep the SDK defaults (retries, no time bound)');
      return client;
    }
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.addPolicy({
      name: 'retryOn429Only',
      sendRequest: async (request, next) => {
        const started = Date.now();
        for (let attempt = 1; ; attempt++) {
          const response = await next(request);
          const wait = response.status === 429 && attempt < CONNECTOR_429_TRIES
            ? retryAfterMs(response.headers.get('retry-after'), attempt) : undefined;
          // A wait that would outlast the call's bound is not started: the 429 is the answer.
          if (wait === undefined || Date.now() - started + wait >= CONNECTOR_CALL_TIMEOUT_MS) return response;
          await abortableDelay(wait, request.abortSignal);
        }
      },
    }, { phase: 'Retry' });
    // In the outermost phase, so that the bound also covers the signing policy botbuilder adds without a phase (its
    // token fetch, in production mode).
    pipeline.addPolicy(deadlinePolicy<RequestLike, ResponseLike>('connector', CONNECTOR_CALL_TIMEOUT_MS), { phase: 'Serialize' });
    return client;
  }
}

export class RetryOn429Authentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients: ConnectorClients;
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(credentials: ConfigurationServiceClientCredentialFactory, logger: Logger) {
    super({}, credentials);
    this.clients = new ConnectorClients(logger);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.clients.wrap(result.connectorFactory) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.wrap(super.createConnectorFactory(claimsIdentity));
  }

  /**
   * CloudAdapter asks for a user token client on every turn (this bot has no sign-in, but botbuilder builds one
   * anyway): one per app id, as for connector clients. The app id is the token's audience (or appid) claim.
   */
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = claimsIdentity.getClaimValue(AUDIENCE_CLAIM) ?? claimsIdentity.getClaimValue(APP_ID_CLAIM) ?? '';
    const kept = this.userTokenClients.get(appId);
    if (kept) return kept;
    const created = super.createUserTokenClient(claimsIdentity);
    if (this.userTokenClients.size >= CONNECTOR_CLIENTS_KEPT) this.userTokenClients.clear();
    this.userTokenClients.set(appId, created);
    created.catch(() => this.userTokenClients.delete(appId));
    return created;
  }
}
