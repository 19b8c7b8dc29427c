// Buy an add-on (SPEC section 3): base subscription → add-on → quantity, frequency, auto-assign → checkout → receipt.
// Slots given in the utterance are skipped (and shown on the checkout card). Steps stay thin: each asks the
// BillingService and renders a reply; every card answer enters through a reader that safeParses the payload with
// zod, and every id is checked again by the domain. Dialog state holds ids and slot values only.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { WaterfallDialog } from '../../conversation/dialogKit.js';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { isCardInvoke, languageIn, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import { pageOf, type Fact } from '../../cards/common.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import { CARD_TEXTS, quantityWithUnit } from '../../cards/text.js';
import { BUY_CARD_TEXTS } from './cardTexts.js';
import { readCardAction, type CardAction } from '../../conversation/verbs.js';
import { addonName, getAddon, planName } from '../../domain/catalog.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { isPlanId, type AddonId, type PlanId } from '../../domain/ids.js';
import type { Subscription } from '../../domain/model.js';
import { canPurchase } from '../../domain/billingService.js';
import { addonNoun } from '../../i18n/nouns.js';
import { text } from '../../i18n/text.js';
import { WORDS } from '../../i18n/words.js';
import { BUY_TEXTS } from './texts.js';
import { describeError } from '../../i18n/index.js';
import { readNumberInput } from '../../nlu/numbers.js';
import { baseTitle, baseView, planList, quoteView, type QuoteView } from '../../conversation/views.js';
import { notice } from '../../cards/common.js';
import { addonChoice, orderPlaced, purchaseDetails, subscriptionChoice } from './cards.js';
import { CancelAndHelpDialog } from '../../conversation/cancelAndHelpDialog.js';
import { callerIn, sendSay, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { ASK_ADDON, ASK_CHECKOUT, ASK_DETAILS, ASK_REQUEST, ASK_SUBSCRIPTION, BUY_ADDON_DIALOG, BUY_WATERFALL } from '../../conversation/dialogIds.js';
import { quantityRefusal } from '../../conversation/quantityReplies.js';
import { QuestionDialog, type Reading } from '../../conversation/questionDialog.js';
import { textOf, understandTurn } from '../../turn/understanding.js';
import { ordinalOf, problemOf, refuse, refuseWith, send, stale } from '../../conversation/questionKit.js';
import { checkoutQuestion } from './questions/checkout.js';
import { requestQuestion } from './questions/request.js';
import {
  type AddonAnswer, AddonAnswerT, type AddonQuestion, AddonQuestionT, type BuyAddonOptions, BuyAddonOptionsT,
  type BuyFlow, CheckoutAnswerT, type CheckoutQuestion, type DetailsAnswer, DetailsAnswerT, type DetailsQuestion,
  DetailsQuestionT, QUESTION_STEP, type RequestQuestion, type SubscriptionAnswer, SubscriptionAnswerT,
  type SubscriptionQuestion, SubscriptionQuestionT, WaterfallFlowT, flowOf, keep, previousStep, rewind,
} from './state.js';
import { ChooseAddonSubmitT, ChooseSubscriptionSubmitT, type DetailsSubmit, DetailsSubmitT, ShowMoreSubmitT } from './verbs.js';

type Quoted = { readonly ok: true; readonly quote: QuoteView } | { readonly ok: false; readonly error: DomainError };

export class BuyAddonDialog extends CancelAndHelpDialog {
  constructor(deps: DialogDeps) {
    super(BUY_ADDON_DIALOG, deps);
    this.addDialog(new QuestionDialog<SubscriptionQuestion, SubscriptionAnswer>(ASK_SUBSCRIPTION, {
      options: SubscriptionQuestionT, ask: this.askSubscription.bind(this), read: this.readSubscription.bind(this),
    }));
    this.addDialog(new QuestionDialog<AddonQuestion, AddonAnswer>(ASK_ADDON, {
      options: AddonQuestionT, ask: this.askAddon.bind(this), read: this.readAddon.bind(this),
    }));
    this.addDialog(new QuestionDialog<DetailsQuestion, DetailsAnswer>(ASK_DETAILS, {
      options: DetailsQuestionT, ask: this.askDetails.bind(this), read: this.readDetails.bind(this),
    }));
    this.addDialog(new QuestionDialog(ASK_CHECKOUT, checkoutQuestion(deps)));
    this.addDialog(new QuestionDialog(ASK_REQUEST, requestQuestion(deps)));
    this.addDialog(new WaterfallDialog<BuyAddonOptions>(BUY_WATERFALL, [
      this.subscriptionStep.bind(this),
      this.addonStep.bind(this),
      this.detailsStep.bind(this),
      this.checkoutStep.bind(this),
      this.receiptStep.bind(this),
    ]));
    this.initialDialogId = BUY_WATERFALL;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Waterfall steps
  // -------------------------------------------------------------------------------------------------------------

  /** 1. Which base subscription: only eligible ones; exactly one is chosen and said; none ends with the reason. */
  private async subscriptionStep(step: WaterfallStepContext<BuyAddonOptions>): Promise<DialogTurnResult> {
    const options = BuyAddonOptionsT.parse(step.options);
    const flow: BuyFlow = options.resume ?? {
      flowId: randomUUID(), given: options.slots, addonId: options.slots.addonId, quantity: options.slots.quantity,
      frequency: options.slots.frequency, asked: [],
    };
    keep(step, flow);
    if (flow.base && flow.reask !== 'subscription') return step.next();
    const { context } = step;
    const language = languageIn(context);
    const { subs, allowedPlans } = await this.subscriptionsFor(context, flow.addonId, undefined);
    if (subs.length === 0) {
      noteOutcome(context, 'not_eligible');
      if (flow.addonId) {
        await sendSay(this.deps, context, 'noEligibleSubscription', { addon: addonName(flow.addonId, language), plans: planList(allowedPlans, language) });
      } else {
        await sendSay(this.deps, context, 'noSubscriptions');
      }
      return step.endDialog();
    }
    let planId: PlanId | undefined;
    if (flow.given.planId && flow.reask === undefined) {
      if (subs.some((s) => s.productId === flow.given.planId)) planId = flow.given.planId;
      else await this.explainPlan(context, flow.addonId, flow.given.planId);
    }
    const offered = planId ? subs.filter((s) => s.productId === planId) : subs;
    const only = offered.length === 1 ? offered[0] : undefined;
    if (only && flow.reask === undefined) {
      flow.base = baseView(only);
      const subscription = baseTitle(flow.base, language);
      if (planId) {
        // The admin named the plan: said back as confirmed, not as a choice of mine.
        await sendText(context, flow.addonId
          ? text(BUY_TEXTS, language, 'confirmedSubscription', { addon: addonNoun(flow.addonId), subscription })
          : text(BUY_TEXTS, language, 'confirmedSubscriptionAny', { subscription }));
        return step.next();
      }
      const addon = flow.addonId ? addonName(flow.addonId, language) : '';
      await sendSay(this.deps, context, flow.addonId ? 'onlyEligibleSubscription' : 'onlySubscription', { subscription, addon });
      return step.next();
    }
    flow.asked.push('subscription');
    flow.reask = undefined;
    const question: SubscriptionQuestion = { flowId: flow.flowId, addonId: flow.addonId, planId, selected: flow.base?.id, page: 0 };
    return step.beginDialog(ASK_SUBSCRIPTION, question);
  }

  /** 2. Which add-on, when not given: those available for the subscription's plan. */
  private async addonStep(step: WaterfallStepContext<BuyAddonOptions>): Promise<DialogTurnResult> {
    const flow = flowOf(step);
    const answer = SubscriptionAnswerT.safeParse(step.result);
    if (answer.success) flow.base = answer.data.base;
    keep(step, flow);
    const { base } = flow;
    if (base === undefined) throw new Error('buy flow: no base subscription after step 1');
    if (flow.addonId && flow.reask !== 'addon') return step.next();
    const { context } = step;
    const language = languageIn(context);
    const eligible = await this.deps.services.billing.eligibleAddons(callerIn(context), base.id);
    const subscription = baseTitle(base, language);
    const only = eligible.addons.length === 1 ? eligible.addons[0] : undefined;
    if (eligible.addons.length === 0) {
      noteOutcome(context, 'not_eligible');
      await sendSay(this.deps, context, 'noAddonsForSubscription', { subscription });
      return step.endDialog();
    }
    if (only && flow.reask === undefined) {
      flow.addonId = only;
      await sendSay(this.deps, context, 'onlyAddon', { addon: addonName(only, language), subscription });
      return step.next();
    }
    flow.asked.push('addon');
    flow.reask = undefined;
    const question: AddonQuestion = { flowId: flow.flowId, base, selected: flow.addonId, page: 0 };
    return step.beginDialog(ASK_ADDON, question);
  }

  /** 3. Quantity, frequency and auto-assign on one card; skipped when the utterance gave them and they quote. */
  private async detailsStep(step: WaterfallStepContext<BuyAddonOptions>): Promise<DialogTurnResult> {
    const flow = flowOf(step);
    const answer = AddonAnswerT.safeParse(step.result);
    if (answer.success) flow.addonId = answer.data.addonId;
    keep(step, flow);
    const { addonId, base } = flow;
    if (addonId === undefined || base === undefined) throw new Error('buy flow: no add-on after step 2');
    const question: DetailsQuestion = {
      flowId: flow.flowId, addonId, base, quantity: flow.quantity, frequency: flow.frequency, autoAssign: flow.autoAssign,
    };
    const given = flow.reask === undefined && flow.quantity === flow.given.quantity ? flow.given.quantityRead : undefined;
    const refusal = given && quantityRefusal(this.deps, step.context, addonId, given);
    if (refusal) {
      await sendText(step.context, refusal);
      question.quantity = undefined;
    } else if (question.quantity !== undefined && question.frequency !== undefined && flow.reask !== 'details') {
      const quoted = await this.quote(step.context, question);
      if (quoted.ok) return step.next({ quote: quoted.quote } satisfies DetailsAnswer);
      await sendText(step.context, describeError(quoted.error, languageIn(step.context)));
      if (quoted.error.code === 'invalid_quantity') question.quantity = undefined;
    }
    flow.asked.push('details');
    flow.reask = undefined;
    return step.beginDialog(ASK_DETAILS, question);
  }

  /** 4. Checkout for global and billing admins; anyone else gets the "Request approval" card with the same quote. */
  private async checkoutStep(step: WaterfallStepContext<BuyAddonOptions>): Promise<DialogTurnResult> {
    const flow = flowOf(step);
    const answer = DetailsAnswerT.safeParse(step.result);
    if (answer.success) {
      const { quote } = answer.data;
      Object.assign(flow, { quote, quantity: quote.quantity, frequency: quote.frequency, autoAssign: quote.autoAssign });
    }
    keep(step, flow);
    const { quote, base } = flow;
    if (quote === undefined || base === undefined) throw new Error('buy flow: no quote after step 3');
    const { context } = step;
    const { user } = await this.deps.services.billing.whoIs(callerIn(context));
    if (!canPurchase(user)) {
      const request: RequestQuestion = { flowId: flow.flowId, base, quote };
      return step.beginDialog(ASK_REQUEST, request);
    }
    const question: CheckoutQuestion = { flowId: flow.flowId, base, quote };
    return step.beginDialog(ASK_CHECKOUT, question);
  }

  /** 5. Receipt: the checkout card becomes the read-only "order placed" card. */
  private async receiptStep(step: WaterfallStepContext<BuyAddonOptions>): Promise<DialogTurnResult> {
    const answer = CheckoutAnswerT.safeParse(step.result);
    if (!answer.success || answer.data.kind !== 'placed') return step.endDialog();
    const { base } = flowOf(step);
    if (base === undefined) throw new Error('buy flow: no base subscription at the receipt');
    const { context } = step;
    const { orderId, duplicate } = answer.data;
    const { billing } = this.deps.services;
    const caller = callerIn(context);
    const order = await billing.getOrder(caller, orderId);
    const [{ tenant, user }, method] = await Promise.all([billing.whoIs(caller), billing.orderPaymentMethod(caller, order.id)]);
    const card = this.deps.cards.render('orderPlaced', orderPlaced({
      order, base, method, placedBy: user.name, cloud: tenant.cloud,
      language: languageIn(context),
    }));
    await replaceClickedCard(context, card);
    noteOutcome(context, duplicate ? 'duplicate' : 'order_placed');
    await sendSay(this.deps, context, duplicate ? 'alreadyPlaced' : 'orderPlaced', { orderId: order.id });
    return step.endDialog();
  }

  // -------------------------------------------------------------------------------------------------------------
  // "back" and stale cards (the base class asks)
  // -------------------------------------------------------------------------------------------------------------

  protected override flowIdOf(innerDc: DialogContext): string | undefined {
    return this.flowIn(innerDc)?.flowId;
  }

  protected override async onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    const flow = this.flowIn(innerDc);
    const current = QUESTION_STEP[innerDc.activeDialog?.id ?? ''];
    const target = flow && current ? previousStep(flow, current) : undefined;
    if (!flow || !target) return super.onBack(innerDc);
    await innerDc.cancelAllDialogs();
    const options: BuyAddonOptions = { slots: flow.given, resume: rewind(flow, target) };
    return innerDc.beginDialog(BUY_WATERFALL, options);
  }

  private flowIn(innerDc: DialogContext): BuyFlow | undefined {
    const waterfall = innerDc.stack.find((instance) => instance.id === BUY_WATERFALL);
    const state: unknown = waterfall?.state;
    const parsed = WaterfallFlowT.safeParse(state);
    return parsed.success ? parsed.data.values.flow : undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: base subscription
  // -------------------------------------------------------------------------------------------------------------

  private async askSubscription(context: TurnContext, question: SubscriptionQuestion): Promise<void> {
    await send(context, await this.renderSubscription(context, question));
  }

  private async renderSubscription(context: TurnContext, question: SubscriptionQuestion): Promise<AdaptiveCardAttachment> {
    const { subs } = await this.subscriptionsFor(context, question.addonId, question.planId);
    return this.deps.cards.render('choice', subscriptionChoice(question.flowId, subs, languageIn(context), question));
  }

  private async readSubscription(context: TurnContext, question: SubscriptionQuestion): Promise<Reading<SubscriptionQuestion, SubscriptionAnswer>> {
    const render = (q: SubscriptionQuestion) => this.renderSubscription(context, q);
    const action = readCardAction(context.activity);
    if (action?.verb === 'buy.showMore') return this.showMore(context, question, action, 'subscription', render);
    const { subs } = await this.subscriptionsFor(context, question.addonId, question.planId);
    let chosen: Subscription | undefined;
    if (action) {
      if (action.verb !== 'buy.chooseSubscription') return stale(this.deps, context, action);
      const parsed = ChooseSubscriptionSubmitT.safeParse(action.data);
      if (!parsed.success) return refuse(this.deps, context, question, render, problemOf(parsed.error, { choice: 'notAnOption' }));
      chosen = subs.find((s) => s.id === parsed.data.choice);
    } else {
      const plan = understandTurn(context)?.plan;
      const ofPlan = plan ? subs.filter((s) => s.productId === plan) : [];
      const n = ordinalOf(textOf(context));
      chosen = ofPlan.length === 1 ? ofPlan[0] : n !== undefined ? pageOf(subs, question.page).items[n - 1] : undefined;
    }
    if (!chosen) return refuse(this.deps, context, question, render, 'notAnOption');
    const language = languageIn(context);
    const base = baseView(chosen);
    await this.acknowledge(context, BUY_CARD_TEXTS[language].checkout.baseSubscription, baseTitle(base, language));
    return { kind: 'answer', value: { base } };
  }

  /** Active base subscriptions that can take the add-on (any add-on when none is named), of one plan if given. */
  private async subscriptionsFor(
    context: TurnContext, addonId: AddonId | undefined, planId: PlanId | undefined,
  ): Promise<{ subs: Subscription[]; allowedPlans: readonly PlanId[] }> {
    const { billing } = this.deps.services;
    const caller = callerIn(context);
    let subs: Subscription[] = [];
    let allowedPlans: readonly PlanId[] = [];
    if (addonId) {
      const eligible = await billing.eligibleBaseSubscriptions(caller, addonId);
      subs = [...eligible.subscriptions];
      allowedPlans = eligible.allowedPlans;
    } else {
      let after: string | null = null;
      do {
        const page = await billing.listBaseSubscriptions(caller, { limit: 100, after });
        subs.push(...page.items.filter((s) => s.status === 'active' && isPlanId(s.productId) && billing.addonsForPlan(s.productId).length > 0));
        after = page.next;
      } while (after);
    }
    return { subs: planId ? subs.filter((s) => s.productId === planId) : subs, allowedPlans };
  }

  /** "for E3" when the tenant has no E3 that can take the add-on: say why, then offer the others. */
  private async explainPlan(context: TurnContext, addonId: AddonId | undefined, planId: PlanId): Promise<void> {
    const language = languageIn(context);
    if (!addonId) {
      await sendSay(this.deps, context, 'noSubscriptionOfPlanAny', { plan: planName(planId, language) });
      return;
    }
    const availability = this.deps.services.billing.availability(addonId, planId);
    if (!availability.available) {
      const reason = new DomainError('not_eligible', { addonId, planId, allowedPlans: [...availability.allowedPlans] });
      await sendText(context, describeError(reason, language));
      return;
    }
    await sendSay(this.deps, context, 'noSubscriptionOfPlan', { plan: planName(planId, language), addon: addonName(addonId, language) });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: add-on
  // -------------------------------------------------------------------------------------------------------------

  private async askAddon(context: TurnContext, question: AddonQuestion): Promise<void> {
    await send(context, await this.renderAddon(context, question));
  }

  private async renderAddon(context: TurnContext, question: AddonQuestion): Promise<AdaptiveCardAttachment> {
    const eligible = await this.deps.services.billing.eligibleAddons(callerIn(context), question.base.id);
    return this.deps.cards.render('choice', addonChoice(question.flowId, eligible.addons, question.base, languageIn(context), question));
  }

  private async readAddon(context: TurnContext, question: AddonQuestion): Promise<Reading<AddonQuestion, AddonAnswer>> {
    const render = (q: AddonQuestion) => this.renderAddon(context, q);
    const action = readCardAction(context.activity);
    if (action?.verb === 'buy.showMore') return this.showMore(context, question, action, 'addon', render);
    const { addons } = await this.deps.services.billing.eligibleAddons(callerIn(context), question.base.id);
    let chosen: AddonId | undefined;
    if (action) {
      if (action.verb !== 'buy.chooseAddon') return stale(this.deps, context, action);
      const parsed = ChooseAddonSubmitT.safeParse(action.data);
      if (!parsed.success) return refuse(this.deps, context, question, render, problemOf(parsed.error, { choice: 'notAnOption' }));
      chosen = addons.find((a) => a === parsed.data.choice);
    } else {
      const named = understandTurn(context)?.addon;
      const n = ordinalOf(textOf(context));
      chosen = named && addons.includes(named) ? named : n !== undefined ? pageOf(addons, question.page).items[n - 1] : undefined;
    }
    if (!chosen) return refuse(this.deps, context, question, render, 'notAnOption');
    const language = languageIn(context);
    await this.acknowledge(context, BUY_CARD_TEXTS[language].checkout.addon, addonName(chosen, language));
    return { kind: 'answer', value: { addonId: chosen } };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: quantity, frequency, auto-assign (the card, or typed: "12", "yearly", "12 licences, annuel")
  // -------------------------------------------------------------------------------------------------------------

  private async askDetails(context: TurnContext, question: DetailsQuestion): Promise<void> {
    await send(context, await this.renderDetails(context, question));
  }

  private async renderDetails(context: TurnContext, question: DetailsQuestion): Promise<AdaptiveCardAttachment> {
    const { tenant } = await this.deps.services.billing.whoIs(callerIn(context));
    return this.deps.cards.render('purchaseDetails',
      purchaseDetails(question.flowId, question.addonId, question.base, tenant.currency, languageIn(context), question));
  }

  private async readDetails(context: TurnContext, question: DetailsQuestion): Promise<Reading<DetailsQuestion, DetailsAnswer>> {
    const render = (q: DetailsQuestion) => this.renderDetails(context, q);
    const unit = this.unitWords(context, question.addonId);
    const action = readCardAction(context.activity);
    if (action) {
      if (action.verb !== 'buy.details') return stale(this.deps, context, action);
      const parsed = DetailsSubmitT.safeParse(action.data);
      if (!parsed.success) {
        const key = problemOf(parsed.error, { quantity: 'detailsNeeded', frequency: 'frequencyInvalid', autoAssign: 'invalidCard' });
        return refuse(this.deps, context, question, render, key, unit);
      }
      const submitted: DetailsSubmit = parsed.data;
      const terms = { ...question, frequency: submitted.frequency, autoAssign: submitted.autoAssign === 'true' };
      const read = readNumberInput(submitted.quantity);
      const refusal = quantityRefusal(this.deps, context, question.addonId, read);
      if (refusal) return refuseWith(context, { ...terms, quantity: undefined }, render, refusal);
      return this.quoteDetails(context, { ...terms, quantity: read.value ?? undefined }, render);
    }
    const text = textOf(context);
    const understood = understandTurn(context);
    // A bare number the recognizer does not read ("1e9", "+-5") is still a wrong quantity, not another question.
    const read = understood?.quantityRead ?? (/^[\s\d.,eE+\-\u2212]+$/.test(text) ? readNumberInput(text) : null);
    const refusal = read && quantityRefusal(this.deps, context, question.addonId, read);
    if (refusal) return refuseWith(context, { ...question, quantity: undefined, frequency: understood?.frequency ?? question.frequency }, render, refusal);
    if (!understood || (read === null && understood.frequency === null)) return refuse(this.deps, context, question, render, 'detailsNeeded', unit);
    const next: DetailsQuestion = { ...question, quantity: read?.value ?? question.quantity, frequency: understood.frequency ?? question.frequency };
    if (next.quantity === undefined || next.frequency === undefined) {
      await this.askDetails(context, next);
      return { kind: 'again', options: next };
    }
    return this.quoteDetails(context, next, render);
  }

  private async quoteDetails(
    context: TurnContext, terms: DetailsQuestion, render: (q: DetailsQuestion) => Promise<AdaptiveCardAttachment>,
  ): Promise<Reading<DetailsQuestion, DetailsAnswer>> {
    const quoted = await this.quote(context, terms);
    if (!quoted.ok) {
      noteOutcome(context, `error:${quoted.error.code}`);
      const keep = quoted.error.code === 'invalid_quantity' ? { ...terms, quantity: undefined } : terms;
      await sendText(context, describeError(quoted.error, languageIn(context)));
      if (isCardInvoke(context)) await replaceClickedCard(context, await render(keep));
      return { kind: 'again', options: keep };
    }
    const language = languageIn(context);
    const { quote } = quoted;
    await this.acknowledge(context, addonName(quote.addonId, language),
      `${quantityWithUnit(quote.quantity, getAddon(quote.addonId).unit, language)}, ${text(WORDS, language, quote.frequency === 'monthly' ? 'billedMonthly' : 'billedYearly')}`);
    return { kind: 'answer', value: { quote } };
  }

  /** The domain prices the purchase and checks every id, the quantity range and eligibility. */
  private async quote(context: TurnContext, terms: DetailsQuestion): Promise<Quoted> {
    try {
      const quote = await this.deps.services.billing.quotePurchase(callerIn(context), {
        addonId: terms.addonId, baseSubscriptionId: terms.base.id, quantity: terms.quantity, frequency: terms.frequency,
        autoAssign: terms.autoAssign ?? false,
      });
      return { ok: true, quote: quoteView(quote) };
    } catch (error) {
      if (isDomainError(error)) return { ok: false, error };
      throw error;
    }
  }

  private unitWords(context: TurnContext, addonId: AddonId): { unit: string } {
    return { unit: CARD_TEXTS[languageIn(context)].units[getAddon(addonId).unit].other };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Shared by the questions
  // -------------------------------------------------------------------------------------------------------------

  /** "Show more" on a choice card: the next page replaces the card in place. */
  private async showMore<Q extends { page: number }, T>(
    context: TurnContext, question: Q, action: CardAction, kind: 'subscription' | 'addon', render: (q: Q) => Promise<AdaptiveCardAttachment>,
  ): Promise<Reading<Q, T>> {
    const parsed = ShowMoreSubmitT.safeParse(action.data);
    if (!parsed.success || parsed.data.kind !== kind) return refuse(this.deps, context, question, render, 'invalidCard');
    const next: Q = { ...question, page: parsed.data.page };
    await replaceClickedCard(context, await render(next));
    return { kind: 'again', options: next };
  }

  /** The clicked card is read-only from now on: it shows what was answered. */
  private async acknowledge(context: TurnContext, title: string, answer: string, facts?: readonly Fact[]): Promise<void> {
    if (readCardAction(context.activity) === undefined) return;
    await replaceClickedCard(context, this.deps.cards.render('notice', notice('good', title, answer, facts)));
  }
}
