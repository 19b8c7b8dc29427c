// The composition root: configuration in, a running bot out. The only place that chooses implementations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, ConversationState,
  ShowTypingMiddleware, UserState, type Activity, type Storage,
} from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import { AddonAssistantBot, answerUnansweredInvokes, onTurnError } from './bot/addonAssistantBot.js';
import { StorageApprovalCopies } from './bot/approvalCopies.js';
import { StorageConversationReferences } from './bot/conversationReferences.js';
import { LocalActAs } from './bot/localActAs.js';
import { ProactiveNotifier } from './bot/proactiveNotifier.js';
import type { ApprovalServices, BotServices } from './bot/services.js';
import { TenantGate } from './bot/tenantGate.js';
import { CardRenderer } from './cards/render.js';
import type { Config } from './config/config.js';
import { readTenantsFile } from './config/tenantsFile.js';
import { BillingService } from './domain/billingService.js';
import type { Language } from './domain/ids.js';
import type { Clock, IdGenerator, LedgerStore } from './domain/ports.js';
import { MainDialog } from './dialogs/mainDialog.js';
import { createI18n, describeError } from './i18n/index.js';
import { DomainError } from './domain/errors.js';
import { languageOf } from './bot/language.js';
import { createServer } from './server/server.js';
import { RandomIds } from './store/ids.js';
import { SqliteBotStorage } from './store/sqliteBotStorage.js';
import { warmUp } from './nlu/recognizer.js';
import { SqliteLedgerStore } from './store/sqliteLedgerStore.js';
import { systemClock } from './store/systemClock.js';

export interface AppOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly ledger?: LedgerStore;
  readonly botStorage?: Storage;
}

export interface App {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly billing: BillingService;
  readonly conversationState: ConversationState;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

interface Stores {
  readonly ledger: LedgerStore;
  readonly botStorage: Storage;
  readonly closeAll: () => Promise<void>;
}

// ---- outbound connector calls: retried on 429 only ----

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
/**
 * A typing indicator only when a message's turn is still running after this long (then every 2 s): a quick answer
 * needs none, and an indicator sent anyway is one more Bot Connector call on every turn.
 */
export const TYPING_DELAY_MS = 400;

interface ResponseLike { readonly status: number; readonly headers: { get(name: string): string | undefined } }
interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: { name: string; sendRequest(request: unknown, next: (request: unknown) => Promise<ResponseLike>): Promise<ResponseLike> },
    options: { phase: 'Retry' },
  ): void;
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
 * a few times. The connector client's default Azure pipeline also retries 5xx, 408 and network errors (which may
 * have been delivered: a duplicate message), so its retry policy is replaced. A client, with its pipeline and
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
      this.logger.error('connector client without a pipeline: outbound retries are the SDK defaults');
      return client;
    }
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
    pipeline.addPolicy({
      name: 'retryOn429Only',
      sendRequest: async (request, next) => {
        for (let attempt = 1; ; attempt++) {
          const response = await next(request);
          const wait = response.status === 429 && attempt < CONNECTOR_429_TRIES
            ? retryAfterMs(response.headers.get('retry-after'), attempt) : undefined;
          if (wait === undefined) return response;
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      },
    }, { phase: 'Retry' });
    return client;
  }
}

class RetryOn429Authentication extends ConfigurationBotFrameworkAuthentication {
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

/** The embedded SQLite files by default; Azure Table Storage (ledger) and Blob Storage (bot state) to scale out. */
async function openStores(config: Config, overrides: AppOverrides): Promise<Stores> {
  if (config.storage === 'azure') {
    // Loaded only when chosen: the Azure SDKs (Tables, and Blobs through botbuilder-azure-blobs) are a large part of
    // the module graph, and the default SQLite setup should not pay for them at every cold start.
    const [{ AzureTableLedgerStore }, { createAzureBotStorage }] = await Promise.all([
      import('./store/azureLedgerStore.js'), import('./store/azureBotStorage.js'),
    ]);
    const connectionString = config.azureConnectionString ?? '';
    const ledger = overrides.ledger ?? await AzureTableLedgerStore.open(connectionString);
    return { ledger, botStorage: overrides.botStorage ?? createAzureBotStorage(connectionString), closeAll: () => ledger.close() };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const ledger = overrides.ledger ?? SqliteLedgerStore.open(join(config.dataDir, 'ledger.db'));
  const state = overrides.botStorage ? undefined : SqliteBotStorage.open(join(config.dataDir, 'state.db'));
  return {
    ledger,
    botStorage: overrides.botStorage ?? (state as Storage),
    closeAll: async () => {
      await ledger.close();
      state?.close();
    },
  };
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const { ledger, botStorage, closeAll } = await openStores(config, overrides);
  const billing = new BillingService(ledger, clock, overrides.ids ?? new RandomIds());
  if (config.tenantsFile) {
    for (const seed of readTenantsFile(config.tenantsFile)) await billing.provisionTenant(seed);
  }
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppType: config.auth?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.auth?.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(new RetryOn429Authentication(credentials, logger));
  const i18n = createI18n();
  // Approvals across chats: conversation references and card copies on the bot's Storage (SQLite or Azure blobs).
  const references = new StorageConversationReferences(botStorage);
  const approvals: ApprovalServices = {
    references,
    notifier: new ProactiveNotifier(adapter, config.auth?.appId ?? '', references, logger),
    copies: new StorageApprovalCopies(botStorage),
  };
  const services: BotServices = { billing, i18n, clock, logger, approvals };
  const cards = CardRenderer.load();

  const conversationState = new ConversationState(botStorage);
  const userState = new UserState(botStorage);
  const languagePreference = userState.createProperty<Language | undefined>('language');
  const mainDialog = new MainDialog(services, cards, languagePreference);
  const bot = new AddonAssistantBot(services, conversationState, userState, mainDialog);

  adapter.use(answerUnansweredInvokes);
  adapter.use(new ShowTypingMiddleware(TYPING_DELAY_MS, 2_000));
  adapter.use(new TenantGate({
    localMode: config.localMode,
    billing,
    ...(config.localMode ? { actAs: new LocalActAs(config.devActAs, billing, i18n) } : {}),
    refuse: async (context) => {
      const language = languageOf(context.activity, undefined);
      await context.sendActivity(describeError(i18n, new DomainError('unknown_tenant'), language));
    },
  }));
  adapter.onTurnError = onTurnError(services, conversationState, userState);
  // Build the number recognizers now rather than on the first turn that contains a number.
  warmUp();

  let open = true;
  const server = createServer({ adapter, bot, logger, healthy: () => open });
  return {
    server, adapter, billing, conversationState,
    listen: (port, host = '0.0.0.0') => new Promise<number>((resolve) => {
      server.listen(port, host, () => resolve(Number(server.address().port)));
    }),
    close: async () => {
      open = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await closeAll();
    },
  };
}
