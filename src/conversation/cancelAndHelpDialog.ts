// The base of every flow: "cancel", "back", "help" (and "English" / "français") work at any step, typed in either
// language (the recognizer's intents) or clicked (Cancel buttons). The router (src/flows/router.ts) has already
// answered everything else that is no answer to the open question: lists, new requests, other flows' cards.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnStatus } from './dialogKit.js';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { noteIntent, noteOutcome } from '../turn/turnState.js';
import { readCardAction, type CardAction } from './verbs.js';
import type { BotMessageKey } from '../i18n/botMessages.js';
import { say, sendSay, sendText, switchLanguage, type DialogDeps } from '../turn/dialogDeps.js';
import { sendHelpCard } from './menuCards.js';
import { answerCardClick, answerStaleCard } from './staleCards.js';
import { targetLanguageOf, understandTurn } from '../turn/understanding.js';

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

  /** What "cancel" says: the buy flow's "Nothing was bought" by default; the change flows say nothing was changed. */
  protected canceledKey(): BotMessageKey {
    return 'canceled';
  }

  /** What a click that would start another flow says while this one runs. */
  protected busyKey(): BotMessageKey {
    return 'busy';
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
      // Anything else reaching here is the question's to read (the router decided so).
      default:
        return undefined;
    }
  }

  /** A click on this flow's card (the router sent every other click elsewhere): its Cancel, or the question's answer. */
  private async interruptByCard(innerDc: DialogContext, action: CardAction): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    noteIntent(context, action.verb);
    const flowId = action.data.flowId;
    if (typeof flowId !== 'string' || flowId !== this.flowIdOf(innerDc)) {
      await answerStaleCard(this.deps, context, action);
      return WAITING;
    }
    return action.verb === 'buy.cancel' || action.verb === 'manage.cancel' ? this.cancel(innerDc, true) : undefined;
  }

  private async help(innerDc: DialogContext): Promise<DialogTurnResult> {
    await sendHelpCard(this.deps, innerDc.context);
    await innerDc.repromptDialog();
    return WAITING;
  }

  private async cancel(innerDc: DialogContext, clicked: boolean): Promise<DialogTurnResult> {
    const context: TurnContext = innerDc.context;
    noteOutcome(context, 'canceled');
    const message = say(this.deps, context, this.canceledKey());
    if (clicked) await answerCardClick(this.deps, context, { tone: 'default', title: say(this.deps, context, 'canceledTitle'), message });
    else await sendText(context, message);
    return innerDc.cancelAllDialogs();
  }
}
