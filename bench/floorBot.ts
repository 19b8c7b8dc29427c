// The benchmark's second reference: the framework floor. What the stack this project must use costs per turn before
// any of the bot's own work: CloudAdapter behind restify (the same body parser and the same cached connector clients
// as the real bot), ConversationState and UserState on the real bot's SQLite bot storage, a DialogSet with one
// ComponentDialog holding a waterfall, and a fixed Adaptive Card posted at each step. No recognition, no domain, no
// ledger, no card expansion, no middleware. It plays the echo bot's messages: a first message begins the waterfall,
// each next one moves it a step, "cancel" ends it. Run as its own process: `PORT=… DATA_DIR=… node dist/bench/floorBot.js`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ActivityHandler, CardFactory, CloudAdapter, ConfigurationServiceClientCredentialFactory, ConversationState, MessageFactory, UserState,
  type TurnContext,
} from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import pino from 'pino';
import { RetryOn429Authentication } from '../src/bot/connectorAuthentication.js';
import { SqliteBotStorage } from '../src/store/sqliteBotStorage.js';
import { serveBot } from './serveBot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout card's template as a plain object: a card of the size the real bot posts, with nothing to expand. */
const CARD: unknown = JSON.parse(readFileSync(path.resolve(here, '..', '..', 'cards', 'checkout.json'), 'utf8'));
const FLOW_ID = 'flow';

class FlowDialog extends ComponentDialog {
  constructor() {
    super(FLOW_ID);
    const postCard = async (step: WaterfallStepContext) => {
      await step.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(CARD)));
      return ComponentDialog.EndOfTurn;
    };
    this.addDialog(new WaterfallDialog('steps', [postCard, postCard, postCard, (step) => step.endDialog()]));
    this.initialDialogId = 'steps';
  }
}

class FloorBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly conversationState: ConversationState, private readonly userState: UserState) {
    super();
    const language = userState.createProperty<string>('language');
    this.dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    this.dialogs.add(new FlowDialog());
    this.onMessage(async (context, next) => {
      await language.get(context, 'en');
      const dc = await this.dialogs.createContext(context);
      if (context.activity.text === 'cancel') {
        await dc.cancelAllDialogs();
        await context.sendActivity('Canceled.');
      } else if ((await dc.continueDialog()).status === DialogTurnStatus.empty) {
        await dc.beginDialog(FLOW_ID);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const storage = SqliteBotStorage.open(path.join(dataDir, 'floor-state.db'));
const credentials = new ConfigurationServiceClientCredentialFactory({
  MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '',
});
const adapter = new CloudAdapter(new RetryOn429Authentication(credentials, pino({ level: 'silent' })));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`floor bot turn failed: ${error.name}\n`);
  await context.sendActivity('The floor bot failed.');
};
const bot = new FloorBot(new ConversationState(storage), new UserState(storage));

serveBot('floor bot', adapter, bot, () => storage.close());
