// The root dialog: routes each new utterance or menu click by intent, and runs the turn (language, 30-minute idle
// expiry, domain failures told in the user's language).
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog } from '../conversation/dialogKit.js';
import type { DialogContext, DialogState, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { resolveTurnLanguage } from '../turn/turnLanguage.js';
import type { BotServices } from '../turn/services.js';
import { noteIntent, noteOutcome } from '../turn/turnState.js';
import type { CardRenderer } from '../cards/render.js';
import { readCardAction, type CardAction } from '../conversation/verbs.js';
import { isDomainError } from '../domain/errors.js';
import type { Language } from '../domain/ids.js';
import { ApprovalHandler, approvalActionOf } from './approvals/approvalHandler.js';
import { BuyAddonDialog } from './buy/buyAddonDialog.js';
import type { BuyAddonOptions, BuySlots } from './buy/state.js';
import { ChangeQuantityDialog } from './manage/changeQuantityDialog.js';
import { routeManageCard, routeManageIntent } from './manage/routes.js';
import { RecurringBillingDialog } from './manage/recurringBillingDialog.js';
import { RemoveAddonDialog } from './manage/removeAddonDialog.js';
import { causeOf, say, sendDomainError, sendHelpCard, sendSay, sendWelcomeCard, switchLanguage, type DialogDeps } from '../turn/dialogDeps.js';
import { BUY_ADDON_DIALOG, MAIN_DIALOG, MAIN_WATERFALL } from '../conversation/dialogIds.js';
import { answerRequestsPage, sendRequests } from './approvals/requestList.js';
import { answerCardClick, answerStaleCard } from '../conversation/staleCards.js';
import { targetLanguageOf, understandTurn, type Understanding } from '../turn/understanding.js';

/** A flow left alone this long ends, with a message, at the user's next turn. */
export const IDLE_LIMIT_MS = 30 * 60 * 1000;

/** The conversation's dialog state, plus when the user was last active in a flow (epoch ms, from the clock). */
export interface AssistantDialogState extends DialogState {
  lastActiveAt?: number;
}

function slotsOf(understood: Understanding): BuySlots {
  const slots: { -readonly [K in keyof BuySlots]: BuySlots[K] } = {};
  if (understood.addon) slots.addonId = understood.addon;
  if (understood.plan) slots.planId = understood.plan;
  if (understood.quantity !== null && Number.isFinite(understood.quantity)) slots.quantity = understood.quantity;
  if (understood.quantityRead) slots.quantityRead = understood.quantityRead;
  if (understood.frequency) slots.frequency = understood.frequency;
  return slots;
}

export class MainDialog extends ComponentDialog {
  private readonly deps: DialogDeps;
  /** Approval card actions: answered whatever flow the clicker is in. */
  private readonly approvals: ApprovalHandler;

  constructor(services: BotServices, cards: CardRenderer, languagePreference: StatePropertyAccessor<Language | undefined>) {
    super(MAIN_DIALOG);
    this.deps = { services, cards, languagePreference };
    this.approvals = new ApprovalHandler(this.deps);
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
    const approval = approvalActionOf(context.activity);
    if (approval) return this.approvals.handle(context, approval);
    const state = await dialogState.get(context, { dialogStack: [] });
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dc = await dialogs.createContext(context);
    const now = this.deps.services.clock.now().getTime();
    try {
      const idle = state.dialogStack.length > 0 && typeof state.lastActiveAt === 'number' && now - state.lastActiveAt >= IDLE_LIMIT_MS;
      if (idle && (await this.expire(dc))) return;
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
    } catch (error) {
      const cause = causeOf(error);
      if (!isDomainError(cause)) throw error;
      // unknown_tenant, forbidden (unknown user) and the like: tell the user, drop the flow.
      await sendDomainError(this.deps, context, cause);
      await dc.cancelAllDialogs();
    } finally {
      state.lastActiveAt = now;
    }
  }

  async sendWelcome(context: TurnContext): Promise<void> {
    await resolveTurnLanguage(this.deps, context);
    await sendWelcomeCard(this.deps, context);
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

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const action = readCardAction(context.activity);
    if (action) return this.routeCard(step, action);
    const understood = understandTurn(context);
    if (!understood) return step.endDialog();
    noteIntent(context, understood.intent);
    const managed = await routeManageIntent(this.deps, step, understood);
    if (managed) return managed;
    switch (understood.intent) {
      case 'buy': {
        const options: BuyAddonOptions = { slots: slotsOf(understood) };
        return step.beginDialog(BUY_ADDON_DIALOG, options);
      }
      case 'help':
        await sendHelpCard(this.deps, context);
        break;
      case 'greeting':
        await sendWelcomeCard(this.deps, context);
        break;
      case 'set_language':
        await switchLanguage(this.deps, context, targetLanguageOf(understood));
        break;
      case 'list_requests':
        await sendRequests(this.deps, context);
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
      default:
        // Not built yet in this version.
        noteOutcome(context, 'not_available');
        await sendSay(this.deps, context, 'notAvailableYet');
        await sendHelpCard(this.deps, context);
    }
    return step.endDialog();
  }

  private async routeCard(step: WaterfallStepContext, action: CardAction): Promise<DialogTurnResult> {
    const { context } = step;
    noteIntent(context, action.verb);
    const managed = await routeManageCard(this.deps, step, action);
    if (managed) return managed;
    switch (action.verb) {
      case 'menu.buy': {
        const options: BuyAddonOptions = { slots: {} };
        return step.beginDialog(BUY_ADDON_DIALOG, options);
      }
      case 'menu.help':
        await sendHelpCard(this.deps, context);
        break;
      case 'requests.page':
        await answerRequestsPage(this.deps, context, action);
        break;
      default:
        // A flow's card with no flow running: canceled, expired, finished, or clicked twice.
        await answerStaleCard(this.deps, context, action);
    }
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
