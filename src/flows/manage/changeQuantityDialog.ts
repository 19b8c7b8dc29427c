// Change quantity (traditional) / add or remove licenses (standalone), SPEC sections 2 and 3: which add-on → the new
// total (typed, on the card, or already in the utterance: "to 25", "5 more") → the confirmation card with the
// difference per period and the prorated charge or refund now, or the renewal date of a scheduled reduction →
// the outcome. Refusals (below the assigned count, a reduction with recurring billing off, no change) are told with
// what to do instead, and the question stays open.
import type { TurnContext } from 'botbuilder';
import { WaterfallDialog } from '../../conversation/dialogKit.js';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { isCardInvoke, languageIn, replaceClickedCard } from '../../turn/turnState.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import { CARD_TEXTS } from '../../cards/text.js';
import { readCardAction } from '../../conversation/verbs.js';
import { getAddon } from '../../domain/catalog.js';
import { readNumberInput } from '../../nlu/numbers.js';
import { newTotalOf, quantityTargetOf, type QuantityTarget } from '../../nlu/quantityTarget.js';
import { callerIn, say, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { ASK_NEW_QUANTITY, ASK_QUANTITY_ADDON, CHANGE_QUANTITY_DIALOG, CHANGE_QUANTITY_WATERFALL, CONFIRM_QUANTITY } from '../../conversation/dialogIds.js';
import { ManageAddonDialog, type ChangeAnswer, type ManageOptions } from './manageAddonDialog.js';
import { addonQuantity, AddonViewT, type AddonView } from '../../conversation/addonViews.js';
import { MANAGE_CARD_TEXTS } from '../../conversation/manageCardTexts.js';
import { changeQuantityCard } from './cards.js';
import { changeView, type ChangeView } from './views.js';
import { quantityRefusal } from '../../conversation/quantityReplies.js';
import { QuestionDialog, type Reading } from '../../conversation/questionDialog.js';
import type { ManagePurpose } from '../../conversation/tenantSubscriptions.js';
import { textOf, understandTurn } from '../../turn/understanding.js';
import { refuse, refuseWith, send, stale } from '../../conversation/questionKit.js';

const FlowIdT = z.string().min(1).max(64);

const QuantityQuestionT = z.object({ flowId: FlowIdT, addon: AddonViewT });
type QuantityQuestion = z.infer<typeof QuantityQuestionT>;

/** The card's "Review change": the new total as the client sends it (a string, read literally: "-1" stays -1). */
const ReviewSubmitT = z.object({ verb: z.literal('quantity.review'), flowId: FlowIdT, quantity: z.string().max(64) }).strict();

export class ChangeQuantityDialog extends ManageAddonDialog {
  constructor(deps: DialogDeps) {
    super(CHANGE_QUANTITY_DIALOG, deps, { waterfall: CHANGE_QUANTITY_WATERFALL, askAddon: ASK_QUANTITY_ADDON, askConfirm: CONFIRM_QUANTITY });
    this.addDialog(new QuestionDialog<QuantityQuestion, ChangeAnswer>(ASK_NEW_QUANTITY, {
      options: QuantityQuestionT, ask: this.askQuantity.bind(this), read: this.readQuantity.bind(this),
    }));
    this.addDialog(new WaterfallDialog<ManageOptions>(CHANGE_QUANTITY_WATERFALL, [
      this.pickStep.bind(this),
      this.quantityStep.bind(this),
      this.confirmStep.bind(this),
      this.outcomeStep.bind(this),
    ]));
    this.initialDialogId = CHANGE_QUANTITY_WATERFALL;
  }

  protected purposeOf(): ManagePurpose {
    return 'quantity';
  }

  protected override detailsQuestionId(): string {
    return ASK_NEW_QUANTITY;
  }

  /** 2. The new total: from the utterance when it gave one that quotes, else asked. */
  private async quantityStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const { flow, addon } = this.takePicked(step);
    const target = flow.options.quantity;
    const total = target ? newTotalOf(target, addon.quantity) : null;
    const refusal = target && quantityRefusal(this.deps, step.context, addon.addonId, { written: target.written, value: target.amount },
      target.change === 'total' ? undefined : total);
    if (refusal) await sendText(step.context, refusal);
    else if (total !== null) {
      const quoted = await this.quote(step.context, addon, total);
      if (quoted.ok) return step.next({ change: quoted.change } satisfies ChangeAnswer);
    }
    const question: QuantityQuestion = { flowId: flow.flowId, addon };
    return step.beginDialog(ASK_NEW_QUANTITY, question);
  }

  /** The domain checks the rules and prices the change; nothing from a card but the number. */
  private quote(context: TurnContext, addon: AddonView, newQuantity: number) {
    return this.quoted(context, async (): Promise<ChangeView> => changeView(
      await this.deps.services.billing.proposeQuantityChange(callerIn(context), { subscriptionId: addon.subscriptionId, newQuantity }),
    ));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: the new total
  // -------------------------------------------------------------------------------------------------------------

  private async askQuantity(context: TurnContext, question: QuantityQuestion): Promise<void> {
    await send(context, await this.renderQuantity(context, question));
  }

  private async renderQuantity(context: TurnContext, question: QuantityQuestion): Promise<AdaptiveCardAttachment> {
    const { tenant } = await this.deps.services.billing.whoIs(callerIn(context));
    return this.deps.cards.render('changeQuantity', changeQuantityCard({ ...question, cloud: tenant.cloud, language: languageIn(context) }));
  }

  private async readQuantity(context: TurnContext, question: QuantityQuestion): Promise<Reading<QuantityQuestion, ChangeAnswer>> {
    const render = (q: QuantityQuestion) => this.renderQuantity(context, q);
    const { addon } = question;
    const language = languageIn(context);
    const unit = CARD_TEXTS[language].units[getAddon(addon.addonId).unit].other;
    const hint = { unit, example: addon.quantity + 5 };
    const action = readCardAction(context.activity);
    let target: QuantityTarget | null;
    if (action) {
      if (action.verb !== 'quantity.review') return stale(this.deps, context, action);
      const parsed = ReviewSubmitT.safeParse(action.data);
      if (!parsed.success) {
        const key = parsed.error.issues.some((i) => i.code === 'unrecognized_keys' || i.path[0] !== 'quantity') ? 'invalidCard' : 'newQuantityNeeded';
        return refuse(this.deps, context, question, render, key, hint);
      }
      const read = readNumberInput(parsed.data.quantity);
      target = { change: 'total', amount: read.value, written: read.written };
    } else {
      const text = textOf(context);
      // A bare number the recognizer does not read ("1e9", "+-5") is still a wrong quantity, not another question.
      const read = understandTurn(context)?.quantityRead ?? (/^[\s\d.,eE+\-\u2212]+$/.test(text) ? readNumberInput(text) : null);
      target = quantityTargetOf(text, read);
    }
    if (!target) return refuse(this.deps, context, question, render, 'newQuantityNeeded', hint);
    const total = newTotalOf(target, addon.quantity);
    const refusal = quantityRefusal(this.deps, context, addon.addonId, { written: target.written, value: target.amount },
      target.change === 'total' ? undefined : total);
    if (refusal || total === null) return refuseWith(context, question, render, refusal ?? say(this.deps, context, 'newQuantityNeeded', hint));
    const quoted = await this.quote(context, addon, total);
    if (!quoted.ok) {
      if (isCardInvoke(context)) await replaceClickedCard(context, await render(question));
      return { kind: 'again', options: question };
    }
    await this.acknowledge(context, MANAGE_CARD_TEXTS[language].confirm.to, addonQuantity(addon.addonId, total, language));
    return { kind: 'answer', value: { change: quoted.change } };
  }
}
