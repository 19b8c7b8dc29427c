// The composition root: configuration in, a running bot out. The only place that chooses implementations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudAdapter, ConfigurationServiceClientCredentialFactory, type ConversationState,
  type Storage,
} from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import { RetryOn429Authentication } from './bot/connectorAuthentication.js';
import { AddonAssistantBot, answerUnansweredInvokes, onTurnError } from './bot/addonAssistantBot.js';
import { StorageApprovalCopies } from './proactive/approvalCopies.js';
import { StorageConversationReferences } from './proactive/conversationReferences.js';
import { LocalActAs } from './bot/localActAs.js';
import { ProactiveNotifier } from './proactive/proactiveNotifier.js';
import type { ApprovalServices, BotServices } from './turn/services.js';
import { TenantGate } from './bot/tenantGate.js';
import { TenantScopedConversationState, TenantScopedUserState } from './bot/tenantScopedState.js';
import { TypingIndicator } from './bot/typingIndicator.js';
import { TurnScopedLedger } from './turn/turnLedger.js';
import { CardRenderer } from './cards/render.js';
import { LOCAL_MODE_HOST, type Config } from './config/config.js';
import { BillingService } from './domain/billingService.js';
import type { Language } from './domain/ids.js';
import type { Clock, IdGenerator, LedgerStore } from './domain/ports.js';
import { MainDialog } from './flows/router.js';
import { nudgeMessages } from './flows/nudges/cards.js';
import { describeError, LANGUAGES } from './i18n/index.js';
import type { StaleStateStore } from './maintenance/staleState.js';
import { startNudgeSweeps } from './maintenance/nudgeSchedule.js';
import type { Repeating } from './maintenance/repeat.js';
import { startSweeps, type SweepSchedule } from './maintenance/sweep.js';
import { DomainError } from './domain/errors.js';
import { languageOf } from './turn/language.js';
import { AuthenticatedCloudAdapter } from './server/authenticatedAdapter.js';
import { createServer } from './server/server.js';
import type { SigningKeysOptions } from './server/openIdSigningKeys.js';
import { BotFrameworkRequestAuthentication, LocalModeAuthentication } from './server/requestAuthentication.js';
import { RandomIds } from './store/ids.js';
import { SqliteBotStorage } from './store/sqliteBotStorage.js';
import { warmUp } from './nlu/recognizer.js';
import { SqliteLedgerStore } from './store/sqliteLedgerStore.js';
import { systemClock } from './store/systemClock.js';
import { dataDirFailure, listenFailure } from './startupError.js';
import { syncTenantsFile, type TenantsFileTiming } from './tenantsFileSync.js';
import type { TenantsFileWatcher } from './config/tenantsFileWatcher.js';

export interface AppOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly ledger?: LedgerStore;
  readonly botStorage?: Storage;
  /** How quickly a TENANTS_FILE change is noticed (tests). */
  readonly tenantsFileTiming?: TenantsFileTiming;
  /** Production mode: the bounds of the Bot Framework signing key fetches (tests shorten them). */
  readonly signingKeys?: SigningKeysOptions;
  /** Until the first sweep after listen (default: the interval, at most a minute). */
  readonly sweepFirstDelayMs?: number;
  /** Until the first nudge sweep after listen (default: the interval, at most a minute). */
  readonly nudgeFirstDelayMs?: number;
}

export interface App {
  readonly server: restify.Server;
  readonly adapter: CloudAdapter;
  readonly billing: BillingService;
  /** The bot itself (tests run turns through the adapter's middleware to it). */
  readonly bot: AddonAssistantBot;
  readonly conversationState: ConversationState;
  /** Settles once the work put off until the first answer (see warmUpAfterFirstAnswer) is done. */
  readonly warmedUp: Promise<void>;
  /** Listens on host (loopback unless told) and port (0: any free one); rejects with a StartupError. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * A typing indicator only when a message's turn is still running after this long (then every 2 s): a quick answer
 * needs none, and an indicator sent anyway is one more Bot Connector call on every turn.
 */
export const TYPING_DELAY_MS = 400;
/** Teams shows an indicator for a few seconds: renewed this often while the turn runs. */
export const TYPING_PERIOD_MS = 2_000;

/**
 * Work that makes later turns quick but would hold up the first answer after a start: building the card templates
 * that answer did not need and compiling the number recognizers' patterns (about 0.3 s in all). It starts once the
 * first response is sent, one piece per event-loop turn, so that a request arriving meanwhile waits for one piece
 * at most (about 65 ms for the first, 10 ms for most).
 */
function warmUpAfterFirstAnswer(server: restify.Server, logger: Logger, pieces: readonly (() => void)[]): Promise<void> {
  return new Promise<void>((resolve) => {
    const run = (index: number): void => {
      const piece = pieces[index];
      if (!piece) {
        resolve();
        return;
      }
      try {
        piece();
      } catch (error) {
        // Only a cost moved to later: the turn that needs it does the work (and meets the error) itself.
        logger.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'warm-up step failed');
      }
      setImmediate(() => run(index + 1));
    };
    server.once('after', () => setImmediate(() => run(0)));
  });
}

/** The app's credentials (none in local mode) for Bot Connector calls, which are bounded in time and retried on 429 only. */
export function connectorAuthentication(config: Config, logger: Logger): {
  credentials: ConfigurationServiceClientCredentialFactory; outbound: RetryOn429Authentication;
} {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppType: config.auth?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.auth?.appTenantId ?? '',
  });
  return { credentials, outbound: new RetryOn429Authentication(credentials, logger) };
}

export interface Stores {
  readonly ledger: LedgerStore;
  readonly botStorage: Storage;
  /** The bot state store the sweep cleans; undefined for one given by a test. */
  readonly staleState: StaleStateStore | undefined;
  readonly closeAll: () => Promise<void>;
}

/** The embedded SQLite files by default; Azure Table Storage (ledger) and Blob Storage (bot state) to scale out. */
export async function openStores(config: Config, overrides: AppOverrides, clock: Clock): Promise<Stores> {
  if (config.storage === 'azure') {
    // Loaded only when chosen: the Azure SDKs (Tables, and Blobs through botbuilder-azure-blobs) are a large part of
    // the module graph, and the default SQLite setup should not pay for them at every cold start.
    const [{ AzureTableLedgerStore }, { createAzureBotStorage }] = await Promise.all([
      import('./store/azureLedgerStore.js'), import('./store/azureBotStorage.js'),
    ]);
    const connectionString = config.azureConnectionString ?? '';
    const ledger = overrides.ledger ?? await AzureTableLedgerStore.open(connectionString);
    const blobs = overrides.botStorage ? undefined : createAzureBotStorage(connectionString);
    return { ledger, botStorage: overrides.botStorage ?? (blobs as Storage), staleState: blobs, closeAll: () => ledger.close() };
  }
  let ledger: LedgerStore;
  try {
    mkdirSync(config.dataDir, { recursive: true });
    ledger = overrides.ledger ?? SqliteLedgerStore.open(join(config.dataDir, 'ledger.db'));
  } catch (error) {
    throw dataDirFailure(error, config.dataDir);
  }
  let state: SqliteBotStorage | undefined;
  try {
    state = overrides.botStorage ? undefined : SqliteBotStorage.open(join(config.dataDir, 'state.db'), clock);
  } catch (error) {
    await ledger.close();
    throw dataDirFailure(error, config.dataDir);
  }
  return {
    ledger,
    botStorage: overrides.botStorage ?? (state as Storage),
    staleState: state,
    closeAll: async () => {
      await ledger.close();
      state?.close();
    },
  };
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const clock = overrides.clock ?? systemClock;
  const { ledger, botStorage, staleState, closeAll } = await openStores(config, overrides, clock);
  // Each turn reads a row once (see turn/turnLedger.ts); outside turns (tenants file, sweeps) reads go straight through.
  const turnLedger = new TurnScopedLedger(ledger);
  const billing = new BillingService(turnLedger, clock, overrides.ids ?? new RandomIds());
  let tenantsFile: TenantsFileWatcher | undefined;
  try {
    tenantsFile = config.tenantsFile ? await syncTenantsFile(config.tenantsFile, billing, logger, overrides.tenantsFileTiming) : undefined;
  } catch (error) {
    await closeAll();
    throw error;
  }
  const { credentials, outbound } = connectorAuthentication(config, logger);
  const adapter = new AuthenticatedCloudAdapter(outbound);
  const authentication = config.auth
    ? new BotFrameworkRequestAuthentication({
      appId: config.auth.appId, appTenantId: config.auth.appTenantId, openIdMetadataUrl: config.auth.openIdMetadataUrl, outbound, credentials,
      onKeysUnavailable: (metadataUrl, reason) => logger.warn({ metadataUrl, reason }, 'Bot Framework signing keys unavailable'),
      ...(overrides.signingKeys ? { keys: overrides.signingKeys } : {}),
    })
    : new LocalModeAuthentication(outbound);
  // Approvals across chats: conversation references and card copies on the bot's Storage (SQLite or Azure blobs).
  const references = new StorageConversationReferences(botStorage);
  const notifier = new ProactiveNotifier(adapter, config.auth?.appId ?? '', references, logger);
  const approvals: ApprovalServices = { references, notifier, copies: new StorageApprovalCopies(botStorage) };
  const services: BotServices = { billing, clock, logger, approvals };
  const cards = CardRenderer.load();

  const conversationState = new TenantScopedConversationState(botStorage);
  const userState = new TenantScopedUserState(botStorage);
  const languagePreference = userState.createProperty<Language | undefined>('language');
  const mainDialog = new MainDialog(services, cards, languagePreference);
  const bot = new AddonAssistantBot(services, conversationState, userState, mainDialog);

  adapter.use(answerUnansweredInvokes);
  adapter.use(new TypingIndicator(logger, { delayMs: TYPING_DELAY_MS, periodMs: TYPING_PERIOD_MS }));
  adapter.use({ onTurn: (_context, next) => turnLedger.run(next) });
  adapter.use(new TenantGate({
    localMode: config.localMode,
    billing,
    ...(config.localMode ? { actAs: new LocalActAs(config.devActAs, billing) } : {}),
    refuse: async (context) => {
      const language = languageOf(context.activity, undefined);
      await context.sendActivity(describeError(new DomainError('unknown_tenant'), language));
    },
  }));
  adapter.onTurnError = onTurnError(services, conversationState, userState);

  let open = true;
  let sweeps: SweepSchedule | undefined;
  let nudges: Repeating | undefined;
  const server = createServer({ adapter, authentication, bot, logger, healthy: () => open });
  const warmedUp = warmUpAfterFirstAnswer(server, logger, [
    ...cards.unprepared().map((name) => () => cards.prepare(name)),
    ...LANGUAGES.map((language) => () => warmUp(language)),
  ]);
  return {
    server, adapter, billing, bot, conversationState, warmedUp,
    listen: (port, host = LOCAL_MODE_HOST) => new Promise<number>((resolve, reject) => {
      const failed = (error: unknown): void => reject(listenFailure(error, host, port));
      server.once('error', failed);
      server.listen(port, host, () => {
        server.removeListener('error', failed);
        sweeps ??= startSweeps(config.sweepIntervalMinutes, { ledger, botState: staleState }, clock, logger, overrides.sweepFirstDelayMs);
        nudges ??= startNudgeSweeps(config.nudgeIntervalMinutes, { billing, references, sender: notifier, render: nudgeMessages(cards), clock, logger },
          undefined, overrides.nudgeFirstDelayMs);
        resolve(Number(server.address().port));
      });
    }),
    close: async () => {
      open = false;
      await tenantsFile?.close();
      await sweeps?.stop();
      await nudges?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await closeAll();
    },
  };
}
