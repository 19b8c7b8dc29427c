// The composition root: configuration in, a running bot out. The only place that chooses implementations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, ConversationState,
  UserState, type Storage,
} from 'botbuilder';
import type { Logger } from 'pino';
import type restify from 'restify';
import { AddonAssistantBot, onTurnError } from './bot/addonAssistantBot.js';
import type { BotServices } from './bot/services.js';
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
import { AzureTableLedgerStore } from './store/azureLedgerStore.js';
import { createAzureBotStorage } from './store/azureBotStorage.js';
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

/** The embedded SQLite files by default; Azure Table Storage (ledger) and Blob Storage (bot state) to scale out. */
async function openStores(config: Config, overrides: AppOverrides): Promise<Stores> {
  if (config.storage === 'azure') {
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
  const i18n = createI18n();
  const services: BotServices = { billing, i18n, clock, logger };
  const cards = CardRenderer.load();

  const conversationState = new ConversationState(botStorage);
  const userState = new UserState(botStorage);
  const languagePreference = userState.createProperty<Language | undefined>('language');
  const mainDialog = new MainDialog(services, cards, languagePreference);
  const bot = new AddonAssistantBot(services, conversationState, userState, mainDialog);

  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppType: config.auth?.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: config.auth?.appTenantId ?? '',
  });
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, credentials));
  adapter.use(new TenantGate({
    localMode: config.localMode,
    billing,
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
