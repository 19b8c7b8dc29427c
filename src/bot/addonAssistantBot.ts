// The Teams bot: messages and card actions go through the main dialog; the bot's own install or arrival in a
// conversation gets the welcome card; states are saved after every turn; one structured log line per turn.
import { performance } from 'node:perf_hooks';
import {
  ActivityTypes, INVOKE_RESPONSE_KEY, MessageFactory, TeamsActivityHandler, TurnContext, type ConversationState, type InvokeResponse, type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import { isTimeout } from '../callDeadline.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render.js';
import { isDomainError } from '../domain/errors.js';
import { BOT_TEXTS } from '../i18n/botMessages.js';
import { text as textIn } from '../i18n/text.js';
import type { Language } from '../domain/ids.js';
import { causeOf } from '../turn/dialogDeps.js';
import type { AssistantDialogState, MainDialog } from '../flows/router.js';
import { createTurnLog, type TurnLogRecord } from '../logging.js';
import { languageOf, languageOfLocale } from '../turn/language.js';
import type { BotServices } from '../turn/services.js';
import { rememberPersonalChat } from '../proactive/conversationReferences.js';
import { tenantIdOf } from '../turn/turnIdentity.js';
import { languageIn, noteIntent, noteOutcome, replacementCard, turnOf } from '../turn/turnState.js';

/** ConversationState property holding the dialog stack (and the last-activity time). */
export const DIALOG_STATE_PROPERTY = 'dialogState';
/** UserState property holding the language preference ("English" / "français"). */
export const LANGUAGE_PROPERTY = 'language';
const WELCOMED_AT_PROPERTY = 'welcomedAt';
/** Teams and the Playground may announce one install twice (installationUpdate and conversationUpdate). */
const WELCOME_REPEAT_MS = 60_000;

/** The language preference accessor; give the same one to MainDialog. */
export function languagePreferenceOf(userState: UserState): StatePropertyAccessor<Language | undefined> {
  return userState.createProperty<Language | undefined>(LANGUAGE_PROPERTY);
}

/** The body of an adaptiveCard/action invoke response: a card that replaces the clicked one, or a short message. */
type CardActionResponse =
  | { readonly statusCode: 200; readonly type: typeof ADAPTIVE_CARD_CONTENT_TYPE; readonly value: AdaptiveCard }
  | { readonly statusCode: 200; readonly type: 'application/vnd.microsoft.activity.message'; readonly value: string };

/** In channels and group chats the text starts with the bot's @mention; Teams may also leave `<at>…</at>` behind. */
function stripMentions(context: TurnContext): void {
  const { activity } = context;
  if (typeof activity.text !== 'string') return;
  TurnContext.removeRecipientMention(activity);
  activity.text = (activity.text ?? '').replace(/<at>[^<]*<\/at>/gi, ' ').replace(/\s+/g, ' ').trim();
}

/** What a log may say about an error: its domain code or its class name; never its message, which may carry data. */
function errorCodeOf(error: unknown): string {
  const cause = causeOf(error);
  if (isDomainError(cause)) return cause.code;
  return cause instanceof Error ? cause.name : typeof cause === 'string' ? 'string' : 'unknown';
}

export class AddonAssistantBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<AssistantDialogState>;
  private readonly welcomedAt: StatePropertyAccessor<number | undefined>;
  private readonly logTurn: (record: TurnLogRecord) => void;

  constructor(
    private readonly services: BotServices,
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly mainDialog: MainDialog,
  ) {
    super();
    this.logTurn = createTurnLog(services.logger);
    this.dialogState = conversationState.createProperty<AssistantDialogState>(DIALOG_STATE_PROPERTY);
    this.welcomedAt = conversationState.createProperty<number | undefined>(WELCOMED_AT_PROPERTY);

    this.onMessage(async (context, next) => {
      stripMentions(context);
      await this.mainDialog.run(context, this.dialogState);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      // Teams (and the Playground) also send installationUpdate, at the same moment: welcoming on both races on the
      // conversation state and shows the card twice, so on Teams only the installation welcomes.
      const welcomedByInstall = context.activity.channelId === 'msteams';
      if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) {
        if (welcomedByInstall) await this.mainDialog.endOpenFlow(context, this.dialogState);
        else await this.welcome(context);
      }
      await next();
    });
  }

  /** Every turn: handle it, save the states, log one line (ids, intent, duration, outcome; never text or payloads). */
  override async run(context: TurnContext): Promise<void> {
    const started = performance.now();
    const record = turnOf(context);
    try {
      // A message or card action reads both states: in one go rather than one after the other as each is first used.
      const { type, name } = context.activity;
      if (type === 'message' || (type === 'invoke' && name === 'adaptiveCard/action')) {
        await Promise.all([this.conversationState.load(context), this.userState.load(context)]);
      }
      await super.run(context);
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
      await this.rememberChat(context);
    } catch (error) {
      record.outcome = `error:${errorCodeOf(error)}`;
      throw error;
    } finally {
      this.logTurn({
        tenant: tenantIdOf(context.activity) ?? null,
        conversation: context.activity.conversation?.id ?? null,
        activity: context.activity.type,
        intent: record.intent,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        outcome: record.outcome,
        ...(record.followedLanguage ? { languageSwitch: record.followedLanguage } : {}),
      });
    }
  }

  /** Action.Execute (Teams universal actions): the verb goes through the same dialog; the response carries the card. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') {
      // This bot answers card actions only: Action.Execute, and Teams' old unnamed card action. Any other invoke
      // (message extension, task module, tab, sign-in…) is nothing its manifest declares: the client's mistake, a 400,
      // where botbuilder would answer 501 or fail on a malformed value.
      if (context.activity.name) return { status: 400 };
      const response = await super.onInvokeActivity(context);
      return response.status === 501 ? { status: 400 } : response;
    }
    let postedCard = false;
    context.onSendActivities(async (_context, activities, next) => {
      if (activities.some((a) => a.type === ActivityTypes.Message && (a.attachments?.length ?? 0) > 0)) postedCard = true;
      return next();
    });
    await this.mainDialog.run(context, this.dialogState);
    const card = replacementCard(context);
    // No card chosen: the clicked card stays as it is and the client shows a message under it. When the click
    // started or moved a flow, whose card and words are now in the chat, a short acknowledgement (the same words
    // twice read as two answers); else (a refusal, an error) what the bot said.
    const lastText = turnOf(context).lastText;
    const message = postedCard || lastText === undefined ? textIn(BOT_TEXTS, await this.languageOf(context), 'answered') : lastText;
    const body: CardActionResponse = card
      ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card.content }
      : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message };
    return { status: 200, body };
  }

  /** Old-style Teams card actions (an invoke with no name): our cards send none. */
  protected override handleTeamsCardActionInvoke(_context: TurnContext): Promise<InvokeResponse> {
    return Promise.resolve({ status: 200 });
  }

  /** Where this user's personal chat is, for proactive messages (approval cards); a failure only loses a shortcut. */
  private async rememberChat(context: TurnContext): Promise<void> {
    const approvals = this.services.approvals;
    if (!approvals) return;
    try {
      await rememberPersonalChat(approvals.references, context.activity, TurnContext.getConversationReference(context.activity), languageIn(context));
    } catch (error) {
      this.services.logger.warn({ tenant: tenantIdOf(context.activity) ?? null, code: errorCodeOf(error) }, 'could not save the conversation reference');
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    noteIntent(context, 'welcome');
    // A new install (the Playground sends one on every page load) ends any open flow, even when the card is skipped:
    // its cards are stale from now on.
    await this.mainDialog.endOpenFlow(context, this.dialogState);
    const now = this.services.clock.now().getTime();
    const last = await this.welcomedAt.get(context);
    if (typeof last === 'number' && now - last < WELCOME_REPEAT_MS) {
      noteOutcome(context, 'welcome_skipped');
      return;
    }
    await this.welcomedAt.set(context, now);
    await this.mainDialog.sendWelcome(context);
  }

  private async languageOf(context: TurnContext): Promise<Language> {
    return languageOf(context.activity, languageOfLocale(await languagePreferenceOf(this.userState).get(context)));
  }
}

/**
 * Adapter middleware, first in line: an invoke nothing answered (the tenant gate drops an activity that has no tenant
 * or no user) gets a 400 instead of botbuilder's 501: there is nothing here for that client.
 */
export async function answerUnansweredInvokes(context: TurnContext, next: () => Promise<void>): Promise<void> {
  await next();
  if (context.activity.type === 'invoke' && context.turnState.get(INVOKE_RESPONSE_KEY) === undefined) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
  }
}

/**
 * A failure of what the bot depends on, not of the bot: storage (Azure Storage, SQLite) unreachable, busy, refusing or
 * not answering within its bound, or the Bot Connector answering an error or nothing in time. The admin may simply
 * try again (money is deduplicated on business keys, and a ledger unit cut short is committed whole or not at all),
 * and the conversation's state is still good: it is kept, so the flow goes on where it was.
 */
export function isServiceFailure(error: unknown): boolean {
  const cause = causeOf(error);
  if (!(cause instanceof Error)) return false;
  const code = (cause as Error & { code?: unknown }).code;
  return cause.name === 'RestError' || cause.name === 'SqliteError' || cause.message.startsWith('Storage: ') || isTimeout(cause)
    || (typeof code === 'string' && /^E[A-Z]+$/.test(code));
}

/**
 * What a log may say about a service failure: its HTTP status, its code (ECONNRESET, TableNotFound, ETIMEDOUT…) and,
 * for a call that passed its bound, which service; no message.
 */
function serviceErrorDetail(error: unknown): { status?: number; serviceCode?: string; service?: string } {
  const cause = causeOf(error) as { statusCode?: unknown; code?: unknown; service?: unknown };
  return {
    ...(typeof cause.statusCode === 'number' ? { status: cause.statusCode } : {}),
    ...(typeof cause.code === 'string' && /^\w{1,64}$/.test(cause.code) ? { serviceCode: cause.code } : {}),
    ...(cause.service === 'connector' || cause.service === 'storage' ? { service: cause.service } : {}),
  };
}

/**
 * The adapter's onTurnError (`adapter.onTurnError = onTurnError(services, conversationState, userState)`): logs the
 * error code (never the payload or message), tells the user plainly in their language (the stored preference when
 * userState is given), and clears the conversation state a failed turn may have left broken. When a service failed
 * (isServiceFailure), it says "try again, it's safe" and keeps the state, without touching storage again (the
 * language is the preference already read this turn, if any). After a card's Action.Execute the invoke response
 * carries the same message. It never throws: the HTTP answer stays a 200.
 */
export function onTurnError(
  services: BotServices, conversationState: ConversationState, userState?: UserState,
): (context: TurnContext, error: Error) => Promise<void> {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const serviceFailure = isServiceFailure(error);
    const { activity } = context;
    services.logger.error({
      tenant: tenantIdOf(activity) ?? null,
      conversation: typeof activity.conversation?.id === 'string' ? activity.conversation.id : null,
      activity: activity.type,
      code: errorCodeOf(error),
      serviceFailure,
      ...(serviceFailure ? serviceErrorDetail(error) : {}),
    }, 'turn failed');
    let stored: unknown;
    try {
      stored = !userState ? undefined
        : serviceFailure ? (userState.get(context) as Record<string, unknown> | undefined)?.[LANGUAGE_PROPERTY]
          : await languagePreferenceOf(userState).get(context);
    } catch {
      stored = undefined;
    }
    let text: string;
    try {
      const language = languageOf(activity, languageOfLocale(stored));
      text = textIn(BOT_TEXTS, language, serviceFailure ? 'serviceUnavailable' : 'somethingWentWrong');
    } catch {
      text = textIn(BOT_TEXTS, 'en', serviceFailure ? 'serviceUnavailable' : 'somethingWentWrong');
    }
    try {
      if (activity.type === 'invoke') {
        // A card's Action.Execute shows the message where the user clicked; other invokes get a status (botbuilder
        // would answer 501): 400 when the domain refused the input (the gate met an id no store accepts), else 500.
        const body: CardActionResponse = { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
        const value = activity.name === 'adaptiveCard/action' ? { status: 200, body } : { status: isDomainError(causeOf(error)) ? 400 : 500 };
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
      }
      await context.sendActivity(MessageFactory.text(text));
    } catch (sendError) {
      services.logger.warn({ code: errorCodeOf(sendError) }, 'could not tell the user about a failed turn');
    }
    if (serviceFailure) return;
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      services.logger.warn({ code: errorCodeOf(deleteError) }, 'could not clear the conversation state');
    }
  };
}
