// The root dialog and the one router: it decides what every message and card click means, from the verb registry
// (src/flows/verbs.ts) and the "new request wins" rule (src/conversation/newRequestWins.ts), before the open flow
// continues; it runs the turn (language, 30-minute idle expiry, domain failures told in the user's language).
import { ActivityTypes, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { notice } from '../cards/common.js';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog } from '../conversation/dialogKit.js';
import { dialogMemoryConfiguration, useDialogMemory } from '../conversation/dialogMemory.js';
import type { DialogContext, DialogState, DialogStateManagerConfiguration, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { resolveTurnLanguage } from '../turn/turnLanguage.js';
import type { BotServices } from '../turn/services.js';
import { languageIn, noteIntent, noteOutcome } from '../turn/turnState.js';
import type { CardRenderer } from '../cards/render.js';
import { readCardAction, readCardInput, type CardAction } from '../conversation/verbs.js';
import { isDomainError } from '../domain/errors.js';
import type { Language } from '../domain/ids.js';
import { ApprovalHandler, type ApprovalAction } from './approvals/approvalHandler.js';
import { BuyAddonDialog } from './buy/buyAddonDialog.js';
import type { BuyAddonOptions } from './buy/state.js';
import { ChangeQuantityDialog } from './manage/changeQuantityDialog.js';
import { RecurringBillingDialog } from './manage/recurringBillingDialog.js';
import { RemoveAddonDialog } from './manage/removeAddonDialog.js';
import { NudgeHandler, type NudgeAction } from './nudges/nudgeHandler.js';
import { causeOf, say, sendDomainError, sendSay, sendText, switchLanguage, type DialogDeps } from '../turn/dialogDeps.js';
import { sendHelpCard, sendWelcomeCard } from '../conversation/menuCards.js';
import { BUY_ADDON_DIALOG, MAIN_DIALOG, MAIN_WATERFALL } from '../conversation/dialogIds.js';
import { answerCardClick, answerStaleCard } from '../conversation/staleCards.js';
import { targetLanguageOf, textOf, understandTurn, type Understanding } from '../turn/understanding.js';
import { heardOf, openQuestionOf, verdictOf } from '../conversation/newRequestWins.js';
import { understandWithEvidence } from '../nlu/recognizer.js';
import { text } from '../i18n/text.js';
import { addonNoun } from '../i18n/nouns.js';
import { ROUTER_TEXTS } from '../conversation/texts.js';
import { specOf } from './verbs.js';
import { HeldFlowT, openFlowOf, type HeldFlow, type OpenFlow } from './openFlow.js';
import { answerAsideClick, answerAsideText, isAsideIntent, startOf, startTyped, type Start } from './routes.js';
import { z } from 'zod';

/** The ids of the card messages sent this turn, in order. */
function recordSentCards(context: TurnContext): string[] {
  const ids: string[] = [];
  context.onSendActivities(async (_context, activities, next) => {
    const responses = await next();
    activities.forEach((activity, i) => {
      const id = responses[i]?.id;
      if (activity.type === ActivityTypes.Message && (activity.attachments?.length ?? 0) > 0 && id) ids.push(id);
    });
    return responses;
  });
  return ids;
}

/** A flow left alone this long ends, with a message, at the user's next turn. */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;

/** The conversation's dialog state, plus when the user was last active in a flow (epoch ms, from the clock). */
export interface AssistantDialogState extends DialogState {
  lastActiveAt?: number;
  /** The flow the user left for a new request: "back" with no flow open starts it again. */
  held?: HeldFlow;
  /** The message id of the open flow's latest card: leaving the flow turns it read-only. */
  openCardId?: string;
}

type Routed = 'flow' | 'aside' | 'done';

/** What the router hands its waterfall when it starts the main dialog: a request decided before, or a held flow. */
const RouteOptionsT = z.object({ resume: HeldFlowT.optional() });
type RouteOptions = z.infer<typeof RouteOptionsT>;

export class MainDialog extends ComponentDialog {
  private readonly deps: DialogDeps;
  /** Approval card actions: answered whatever flow the clicker is in. */
  private readonly approvals: ApprovalHandler;
  /** A nudge card's Keep and Stop these reminders: answered whatever flow the clicker is in. */
  private readonly nudges: NudgeHandler;
  /** Built once: botbuilder-dialogs would build it again on every turn. */
  private readonly dialogMemory: DialogStateManagerConfiguration = dialogMemoryConfiguration();

  constructor(services: BotServices, cards: CardRenderer, languagePreference: StatePropertyAccessor<Language | undefined>) {
    super(MAIN_DIALOG);
    this.deps = { services, cards, languagePreference };
    this.approvals = new ApprovalHandler(this.deps);
    this.nudges = new NudgeHandler(this.deps);
    this.addDialog(new BuyAddonDialog(this.deps));
    this.addDialog(new ChangeQuantityDialog(this.deps));
    this.addDialog(new RemoveAddonDialog(this.deps));
    this.addDialog(new RecurringBillingDialog(this.deps));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.routeStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Runs one turn through the dialog stack (the BotBuilder-Samples `run` helper, with idle expiry). */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<AssistantDialogState>): Promise<void> {
    await resolveTurnLanguage(this.deps, context);
    const input = readCardInput(context.activity);
    if (input?.kind === 'unreadable') return this.unreadable(context);
    if (input && specOf(input.verb).scope === 'approval') return this.approvals.handle(context, input as ApprovalAction);
    if (input && specOf(input.verb).scope === 'nudge') return this.nudges.handle(context, input as NudgeAction);
    const state = await dialogState.get(context, { dialogStack: [] });
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    useDialogMemory(context, this.dialogMemory);
    const dc = await dialogs.createContext(context);
    const now = this.deps.services.clock.now().getTime();
    const sentCards = recordSentCards(context);
    let answeredAside = false;
    try {
      const idle = state.dialogStack.length > 0 && typeof state.lastActiveAt === 'number' && now - state.lastActiveAt >= IDLE_LIMIT_MS;
      if (idle && (await this.expire(dc))) return;
      const open = openFlowOf(state);
      const routed = open ? await this.routeOpen(dc, state, open, input) : 'flow';
      if (routed !== 'flow') {
        answeredAside = routed === 'aside';
        return;
      }
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, this.resumeOf(context, state));
    } catch (error) {
      const cause = causeOf(error);
      if (!isDomainError(cause)) throw error;
      // unknown_tenant, forbidden (unknown user) and the like: tell the user, drop the flow.
      await sendDomainError(this.deps, context, cause);
      await dc.cancelAllDialogs();
    } finally {
      const lastCard = sentCards.at(-1);
      // Only an open flow goes idle: a turn that leaves none open changes no state, and nothing is saved.
      if (state.dialogStack.length === 0) {
        delete state.openCardId;
        delete state.lastActiveAt;
      } else {
        state.lastActiveAt = now;
        if (lastCard !== undefined && !answeredAside) state.openCardId = lastCard;
      }
    }
  }

  async sendWelcome(context: TurnContext): Promise<void> {
    await resolveTurnLanguage(this.deps, context);
    await sendWelcomeCard(this.deps, context);
  }

  /** A new install (the Playground sends one on every page load): any open flow ends, and its cards become stale. */
  async endOpenFlow(context: TurnContext, dialogState: StatePropertyAccessor<AssistantDialogState>): Promise<void> {
    const state = await dialogState.get(context, { dialogStack: [] });
    state.dialogStack = [];
    delete state.held;
  }

  /** A card submission with no verb this bot knows: said plainly, and nothing changes. */
  private async unreadable(context: TurnContext): Promise<void> {
    noteOutcome(context, 'unreadable_card');
    await sendText(context, text(ROUTER_TEXTS, languageIn(context), 'unreadableCard'));
  }

  /** "back" with no flow open, after a flow was left for a new request: that flow again, under a new flowId. */
  private resumeOf(context: TurnContext, state: AssistantDialogState): RouteOptions {
    if (readCardAction(context.activity) || understandTurn(context)?.intent !== 'back' || !state.held) return {};
    const resume = state.held;
    delete state.held;
    return { resume };
  }

  /**
   * What a turn means while a flow waits at a question: 'flow' when the open flow reads it (an answer, a control word,
   * a click on its own card); 'aside' when the router answered it and the open card is still the flow's; 'done'
   * when the router answered it with the flow's card again or a new request.
   */
  private async routeOpen(dc: DialogContext, state: AssistantDialogState, open: OpenFlow, input: ReturnType<typeof readCardInput>): Promise<Routed> {
    const { context } = dc;
    if (input?.kind === 'action') {
      const spec = specOf(input.verb);
      switch (spec.scope) {
        case 'approval':
        case 'nudge':
          return 'flow';
        case 'list':
          noteIntent(context, input.verb);
          await this.aside(context, () => answerAsideClick(this.deps, context, input));
          // A new list under the open question: say it is still waiting (a page turned in place needs no word).
          if (input.verb === 'menu.addons' || input.verb === 'menu.orders') await sendSay(this.deps, context, open.flow === 'buy' ? 'busy' : 'busyChanging');
          return 'aside';
        case 'anywhere':
          noteIntent(context, input.verb);
          if (spec.starts === undefined) {
            await sendHelpCard(this.deps, context);
            await dc.repromptDialog();
            return 'done';
          }
          await this.leaveFor(dc, state, open);
          return 'done';
        case 'flow':
          if (input.data.flowId === open.flowId && spec.flows.includes(open.flow)) return 'flow';
          noteIntent(context, input.verb);
          await answerStaleCard(this.deps, context, input);
          return 'aside';
      }
    }
    const understood = understandTurn(context);
    if (!understood) return 'flow';
    const said = textOf(context);
    const { byVerb } = understandWithEvidence(said, languageIn(context));
    const verdict = verdictOf(openQuestionOf(open.at), heardOf(understood, byVerb, said));
    switch (verdict) {
      case 'answer':
      case 'control':
        return 'flow';
      case 'same':
        noteIntent(context, understood.intent);
        noteOutcome(context, 'shown_again');
        await dc.repromptDialog();
        return 'done';
      case 'aside':
        noteIntent(context, understood.intent);
        if (isAsideIntent(understood.intent)) await this.aside(context, () => answerAsideText(this.deps, context, understood));
        await sendSay(this.deps, context, open.flow === 'buy' ? 'busy' : 'busyChanging');
        return 'aside';
      case 'new':
        await this.leaveFor(dc, state, open);
        return 'done';
    }
  }

  /** An answer aside fails alone: the domain's refusal is told, and the open flow keeps waiting. */
  private async aside(context: TurnContext, answer: () => Promise<void>): Promise<void> {
    try {
      await answer();
    } catch (error) {
      const cause = causeOf(error);
      if (!isDomainError(cause)) throw error;
      await sendDomainError(this.deps, context, cause);
    }
  }

  /** A new request wins: the open flow is left (held when it has choices worth keeping) and the request starts. */
  private async leaveFor(dc: DialogContext, state: AssistantDialogState, open: OpenFlow): Promise<void> {
    const { context } = dc;
    const language = languageIn(context);
    const addon = open.addon === undefined ? undefined : addonNoun(open.addon);
    let line: string;
    if (open.flow === 'buy') {
      line = open.held
        ? (addon ? text(ROUTER_TEXTS, language, 'purchaseHeld', { addon }) : text(ROUTER_TEXTS, language, 'purchaseHeldNoAddon'))
        : (addon ? text(ROUTER_TEXTS, language, 'purchaseStopped', { addon }) : text(ROUTER_TEXTS, language, 'purchaseStoppedNoAddon'));
    } else {
      line = open.held && addon ? text(ROUTER_TEXTS, language, 'changeHeld', { addon })
        : (addon ? text(ROUTER_TEXTS, language, 'changeStopped', { addon }) : text(ROUTER_TEXTS, language, 'changeStoppedNoAddon'));
    }
    if (open.held) state.held = open.held;
    else delete state.held;
    await this.retireOpenCard(context, state);
    await sendText(context, line);
    await dc.cancelAllDialogs();
    await dc.beginDialog(this.id, {});
  }

  /** The left flow's card becomes a read-only notice where Teams allows it (a later click on it is stale anyway). */
  private async retireOpenCard(context: TurnContext, state: AssistantDialogState): Promise<void> {
    const id = state.openCardId;
    delete state.openCardId;
    if (id === undefined) return;
    const card = this.deps.cards.render('notice', notice('default', say(this.deps, context, 'staleTitle'), say(this.deps, context, 'staleCard')));
    try {
      await context.updateActivity({ id, type: ActivityTypes.Message, attachments: [card] });
    } catch {
      // The channel refused the update (an old message, a client without updates): the card stays and reads as stale.
    }
  }

  /** Ends an idle flow. Returns true when the turn is over (a click on the expired flow's card). */
  private async expire(dc: DialogContext): Promise<boolean> {
    const { context } = dc;
    await dc.cancelAllDialogs();
    noteOutcome(context, 'expired');
    const action = readCardAction(context.activity);
    const message = say(this.deps, context, 'expired');
    if (action && typeof action.data.flowId === 'string') {
      await answerCardClick(this.deps, context, { tone: 'warning', title: say(this.deps, context, 'staleTitle'), message });
      return true;
    }
    await sendSay(this.deps, context, 'expired');
    return false;
  }

  private async routeStep(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const options = RouteOptionsT.safeParse(step.options ?? {});
    const resume = options.success ? options.data.resume : undefined;
    if (resume) return this.resume(step, resume);
    const action = readCardAction(context.activity);
    if (action) return this.routeCard(step, action);
    const understood = understandTurn(context);
    if (!understood) return step.endDialog();
    noteIntent(context, understood.intent);
    return this.routeText(step, understood);
  }

  private async resume(step: WaterfallStepContext, held: HeldFlow): Promise<DialogTurnResult> {
    const { context } = step;
    const language = languageIn(context);
    noteIntent(context, 'back');
    noteOutcome(context, 'resumed');
    if (held.flow === 'buy') {
      const addon = held.slots.addonId;
      await sendText(context, addon ? text(ROUTER_TEXTS, language, 'purchaseResumed', { addon: addonNoun(addon) }) : text(ROUTER_TEXTS, language, 'purchaseResumedNoAddon'));
      return this.begin(step, { kind: 'buy', dialogId: BUY_ADDON_DIALOG, options: { slots: held.slots } });
    }
    await sendText(context, text(ROUTER_TEXTS, language, 'changeResumed', { addon: addonNoun(held.addonId) }));
    return this.begin(step, {
      kind: 'manage', dialogId: held.dialogId,
      options: { subscriptionId: held.subscriptionId, ...(held.turnOn === undefined ? {} : { turnOn: held.turnOn }) },
    });
  }

  /** A typed request with no flow open. */
  private async routeText(step: WaterfallStepContext, understood: Understanding): Promise<DialogTurnResult> {
    const { context } = step;
    const { intent } = understood;
    switch (intent) {
      case 'buy':
      case 'change_quantity':
      case 'remove':
      case 'recurring_billing_off':
      case 'recurring_billing_on':
        return this.begin(step, startTyped({ ...understood, intent }, textOf(context)));
      case 'availability':
      case 'list_addons':
      case 'list_orders':
      case 'list_requests':
      case 'renewals':
      case 'spend':
      case 'reminders_off':
      case 'reminders_on':
        await answerAsideText(this.deps, context, understood);
        break;
      case 'help':
        await sendHelpCard(this.deps, context);
        break;
      case 'greeting':
        await sendWelcomeCard(this.deps, context);
        break;
      case 'set_language':
        await switchLanguage(this.deps, context, targetLanguageOf(understood));
        break;
      case 'cancel':
        await sendSay(this.deps, context, 'nothingToCancel');
        break;
      case 'back':
        await sendSay(this.deps, context, 'nothingToGoBack');
        break;
      case 'none':
        noteOutcome(context, 'not_understood');
        await sendSay(this.deps, context, 'didNotUnderstand');
        await sendHelpCard(this.deps, context);
        break;
      default: {
        const unhandled: never = intent;
        throw new Error(`router: unhandled intent ${String(unhandled)}`);
      }
    }
    return step.endDialog();
  }

  /** A click with no flow open, decided from the verb registry. */
  private async routeCard(step: WaterfallStepContext, action: CardAction): Promise<DialogTurnResult> {
    const { context } = step;
    noteIntent(context, action.verb);
    const spec = specOf(action.verb);
    switch (spec.scope) {
      case 'list':
        await answerAsideClick(this.deps, context, action);
        break;
      case 'anywhere': {
        if (spec.starts === undefined) {
          await sendHelpCard(this.deps, context);
          break;
        }
        const start = startOf(action);
        if (start) return this.begin(step, start);
        noteOutcome(context, 'invalid_input');
        await sendSay(this.deps, context, 'invalidCard');
        break;
      }
      case 'flow':
      case 'approval':
      case 'nudge':
        // A flow's card with no flow running: canceled, left, expired, finished, or clicked twice.
        await answerStaleCard(this.deps, context, action);
        break;
    }
    return step.endDialog();
  }

  private async begin(step: WaterfallStepContext, start: Start): Promise<DialogTurnResult> {
    if (start.kind === 'buy') {
      const options: BuyAddonOptions = start.options;
      return step.beginDialog(start.dialogId, options);
    }
    return step.beginDialog(start.dialogId, start.options);
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
