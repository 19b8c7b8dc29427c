// The buy flow's checkout question: Place order and Refresh (cards are added in the admin center, never in chat).
import type { AdaptiveCardAttachment } from '../../../cards/render.js';
import type { Question, Reading } from '../../../conversation/questionDialog.js';
import { refuse, refuseWith, send, stale } from '../../../conversation/questionKit.js';
import { answerCardClick } from '../../../conversation/staleCards.js';
import { type CardAction, readCardAction } from '../../../conversation/verbs.js';
import { isUsable } from '../../../domain/billingService.js';
import { isDomainError } from '../../../domain/errors.js';
import { describeError } from '../../../i18n/index.js';
import { type DialogDeps, callerIn, say, sendSay, sendText } from '../../../turn/dialogDeps.js';
import { isCardInvoke, languageIn, noteOutcome, replaceClickedCard } from '../../../turn/turnState.js';
import { checkout } from '../cards.js';
import { type CheckoutAnswer, type CheckoutQuestion, CheckoutQuestionT } from '../state.js';
import { quoteView } from '../../../conversation/views.js';
import { text } from '../../../i18n/text.js';
import { BUY_TEXTS } from '../texts.js';
import { AutoAssignSubmitT, type PlaceOrderSubmit, PlaceOrderSubmitT, RefreshCheckoutSubmitT } from '../verbs.js';
import type { TurnContext } from 'botbuilder';

/** Domain failures at checkout after which the same card can still be used. */
const CHECKOUT_RETRYABLE: ReadonlySet<string> = new Set(['payment_method_required', 'invalid_payment_method', 'card_expired', 'in_progress']);

async function askCheckout(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion): Promise<void> {
  await send(context, await renderCheckout(deps, context, question));
}

async function renderCheckout(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion): Promise<AdaptiveCardAttachment> {
  const { billing, clock } = deps.services;
  const caller = callerIn(context);
  const { quote, base } = question;
  // Licenses nobody uses yet, read now: buying more of the same add-on for the same subscription says so first.
  const [{ tenant }, methods, unassigned] = await Promise.all([
    billing.whoIs(caller), billing.listPaymentMethods(caller), billing.unassignedLicenses(caller, { addonId: quote.addonId, baseSubscriptionId: base.id }),
  ]);
  const now = clock.now();
  const timeZone = typeof context.activity.localTimezone === 'string' ? context.activity.localTimezone : undefined;
  return deps.cards.render('checkout', checkout({
    flowId: question.flowId, quote, base, methods: methods.filter((m) => isUsable(m, now)),
    selected: question.paymentMethodId, cloud: tenant.cloud, language: languageIn(context), timeZone, unassigned,
  }));
}

async function readCheckout(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion): Promise<Reading<CheckoutQuestion, CheckoutAnswer>> {
  const action = readCardAction(context.activity);
  if (!action) {
    await sendSay(deps, context, 'useCheckoutButtons');
    return { kind: 'again' };
  }
  if (action.verb === 'buy.placeOrder') return placeOrder(deps, context, question, action);
  if (action.verb === 'buy.refreshCheckout') return refreshCheckout(deps, context, question, action);
  if (action.verb === 'buy.autoAssign') return toggleAutoAssign(deps, context, question, action);
  // A checkout card sent before cards moved to the admin center: its form is never read (it may hold a number).
  if (action.verb === 'buy.addCard') return refuse(deps, context, question, (q) => renderCheckout(deps, context, q), 'cardEntryRetired');
  return stale(deps, context, action);
}

async function placeOrder(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion, action: CardAction): Promise<Reading<CheckoutQuestion, CheckoutAnswer>> {
  const render = (q: CheckoutQuestion) => renderCheckout(deps, context, q);
  const parsed = PlaceOrderSubmitT.safeParse(action.data);
  if (!parsed.success) return refuse(deps, context, question, render, 'invalidCard');
  const submitted: PlaceOrderSubmit = parsed.data;
  // An older checkout card of this flow (before "back") or a forged quote id: nothing is placed.
  if (submitted.quoteId !== question.quote.id) return stale(deps, context, action);
  const { quote } = question;
  try {
    const placed = await deps.services.billing.placeOrder(callerIn(context), {
      quoteId: quote.id, paymentMethodId: submitted.paymentMethodId,
      expected: { addonId: quote.addonId, quantity: quote.quantity, frequency: quote.frequency, totalPerPeriod: quote.totalPerPeriod },
    });
    return { kind: 'answer', value: { kind: 'placed', orderId: placed.order.id, duplicate: placed.duplicate } };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    noteOutcome(context, `error:${error.code}`);
    const message = describeError(error, languageIn(context));
    if (CHECKOUT_RETRYABLE.has(error.code)) return refuseWith(context, { ...question, paymentMethodId: undefined }, render, message);
    await answerCardClick(deps, context, { tone: 'attention', title: say(deps, context, 'orderNotPlacedTitle'), message });
    return { kind: 'answer', value: { kind: 'stopped' } };
  }
}

/** "Refresh": the checkout card again, with a card the admin just added in the admin center. */
async function refreshCheckout(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion, action: CardAction): Promise<Reading<CheckoutQuestion, CheckoutAnswer>> {
  const render = (q: CheckoutQuestion) => renderCheckout(deps, context, q);
  const parsed = RefreshCheckoutSubmitT.safeParse(action.data);
  if (!parsed.success) return refuse(deps, context, question, render, 'invalidCard');
  if (parsed.data.quoteId !== question.quote.id) return stale(deps, context, action);
  const next: CheckoutQuestion = { ...question, paymentMethodId: parsed.data.paymentMethodId ?? question.paymentMethodId };
  if (isCardInvoke(context)) await replaceClickedCard(context, await render(next));
  else await askCheckout(deps, context, next);
  return { kind: 'again', options: next };
}

/**
 * "Turn on/off auto-assign": the same terms quoted again with the state asked for; the new quote's card replaces the
 * clicked one, so Place order only ever places a quote that a card showed (the older card is stale from now on).
 */
async function toggleAutoAssign(deps: DialogDeps, context: TurnContext, question: CheckoutQuestion, action: CardAction): Promise<Reading<CheckoutQuestion, CheckoutAnswer>> {
  const render = (q: CheckoutQuestion) => renderCheckout(deps, context, q);
  const parsed = AutoAssignSubmitT.safeParse(action.data);
  if (!parsed.success) return refuse(deps, context, question, render, 'invalidCard');
  if (parsed.data.quoteId !== question.quote.id) return stale(deps, context, action);
  const { quote, base } = question;
  const autoAssign = parsed.data.autoAssign === 'true';
  const language = languageIn(context);
  try {
    const requoted = await deps.services.billing.quotePurchase(callerIn(context), {
      addonId: quote.addonId, baseSubscriptionId: base.id, quantity: quote.quantity, frequency: quote.frequency, autoAssign,
    });
    const next: CheckoutQuestion = { ...question, quote: quoteView(requoted), paymentMethodId: parsed.data.paymentMethodId ?? question.paymentMethodId };
    noteOutcome(context, autoAssign ? 'auto_assign_on' : 'auto_assign_off');
    await sendText(context, text(BUY_TEXTS, language, autoAssign ? 'autoAssignTurnedOn' : 'autoAssignTurnedOff'));
    if (isCardInvoke(context)) await replaceClickedCard(context, await render(next));
    else await askCheckout(deps, context, next);
    return { kind: 'again', options: next };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    noteOutcome(context, `error:${error.code}`);
    return refuseWith(context, question, render, describeError(error, language));
  }
}

// -------------------------------------------------------------------------------------------------------------
// Question: request approval (users without purchase rights)
// -------------------------------------------------------------------------------------------------------------

export function checkoutQuestion(deps: DialogDeps): Question<CheckoutQuestion, CheckoutAnswer> {
  return {
    options: CheckoutQuestionT,
    ask: (context, question) => askCheckout(deps, context, question),
    read: (context, question) => readCheckout(deps, context, question),
  };
}
