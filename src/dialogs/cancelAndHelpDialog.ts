// The base of every flow: "cancel", "back", "help" (and "English" / "français") work at any step, typed in either
// language (the recognizer's intents) or clicked (Cancel buttons, the help card's menu). Card clicks that belong
// to another flow are stale and change nothing.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { noteIntent, noteOutcome } from '../bot/turnState.js';
import { readCardAction, type CardAction } from '../cards/verbs.js';
import { say, sendHelpCard, sendSay, sendText, switchLanguage, type DialogDeps } from './dialogDeps.js';
import { answerCardClick, answerStaleCard } from './staleCards.js';
import { targetLanguageOf, understandTurn } from './understanding.js';

const WAITING: DialogTurnResult = { status: DialogTurnStatus.waiting };

export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected constructor(dialogId: string, protected readonly deps: DialogDeps) {
    super(dialogId);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  /** The id of the flow this dialog runs (sent back by its cards); a card of any other flow is stale. */
  protected flowIdOf(_innerDc: DialogContext): string | undefined {
    return undefined;
  }

  /** "back": flows that can step back override this; by default there is no earlier step. */
  protected async onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    await sendSay(this.deps, innerDc.context, 'atFirstStep');
    return WAITING;
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const action = readCardAction(context.activity);
    if (action) return this.interruptByCard(innerDc, action);
    const understood = understandTurn(context);
    if (!understood) return undefined;
    switch (understood.intent) {
      case 'cancel':
        noteIntent(context, 'cancel');
        return this.cancel(innerDc, false);
      case 'back':
        noteIntent(context, 'back');
        return this.onBack(innerDc);
      case 'help':
        noteIntent(context, 'help');
        return this.help(innerDc);
      case 'set_language': {
        noteIntent(context, 'set_language');
        await switchLanguage(this.deps, context, targetLanguageOf(understood));
        await innerDc.repromptDialog();
        return WAITING;
      }
      default:
        return undefined;
    }
  }

  private async interruptByCard(innerDc: DialogContext, action: CardAction): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    noteIntent(context, action.verb);
    switch (action.verb) {
      case 'menu.help':
        return this.help(innerDc);
      case 'menu.buy':
      case 'menu.addons':
        await sendSay(this.deps, context, 'busy');
        return WAITING;
      default:
        break;
    }
    const flowId = action.data.flowId;
    if (typeof flowId !== 'string' || flowId !== this.flowIdOf(innerDc)) {
      await answerStaleCard(this.deps, context, action);
      return WAITING;
    }
    return action.verb === 'buy.cancel' ? this.cancel(innerDc, true) : undefined;
  }

  private async help(innerDc: DialogContext): Promise<DialogTurnResult> {
    await sendHelpCard(this.deps, innerDc.context);
    await innerDc.repromptDialog();
    return WAITING;
  }

  private async cancel(innerDc: DialogContext, clicked: boolean): Promise<DialogTurnResult> {
    const context: TurnContext = innerDc.context;
    noteOutcome(context, 'canceled');
    const message = say(this.deps, context, 'canceled');
    if (clicked) await answerCardClick(this.deps, context, { tone: 'default', title: say(this.deps, context, 'canceledTitle'), message });
    else await sendText(context, message);
    return innerDc.cancelAllDialogs();
  }
}
