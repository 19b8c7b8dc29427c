// The base of the change flows (change quantity, remove, recurring billing): who may change (global and billing
// admins, asked of the domain at the start and again by every use case), which add-on (from a button, the utterance
// or a choice), and the confirmation card whose button sends only the quote id. The change happens once per quote:
// the domain's idempotency claim answers a second click, a redelivery or a twin turn with the first outcome
// (`duplicate`), and the card becomes its read-only outcome. Each concrete flow adds the steps between.
import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { languageIn, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import { pageOf } from '../../cards/common.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import { adminCenterAction } from '../../cards/text.js';
import { readCardAction, type Verb } from '../../conversation/verbs.js';
import { addonName, planName } from '../../domain/catalog.js';
import { canPurchase, type Caller } from '../../domain/billingService.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { ADDON_IDS } from '../../domain/ids.js';
import type { BotMessageKey } from '../../i18n/botMessages.js';
import { describeError, formatDate } from '../../i18n/index.js';
import { notice } from '../../cards/common.js';
import { money } from '../../i18n/formats.js';
import { text } from '../../i18n/text.js';
import { CancelAndHelpDialog } from '../../conversation/cancelAndHelpDialog.js';
import { callerIn, say, sendDomainError, sendSay, sendText, type DialogDeps, type MessageParams } from '../../turn/dialogDeps.js';
import { addonQuantity, addonView, baseOf, AddonViewT, type AddonView } from '../../conversation/addonViews.js';
import { MANAGE_CARD_TEXTS } from '../../conversation/manageCardTexts.js';
import { addonPicker, addonTitle, confirmCard, confirmLabel, outcomeFacts } from './cards.js';
import { MANAGE_TEXTS } from './texts.js';
import { ChangeViewT, OutcomeViewT, type ChangeView, type OutcomeView } from './views.js';
import { QuestionDialog, type Reading } from '../../conversation/questionDialog.js';
import { answerCardClick } from '../../conversation/staleCards.js';
import { candidatesFor, loadSubscriptions, type ManagePurpose, type TenantSubscriptions } from '../../conversation/tenantSubscriptions.js';
import { textOf, understandTurn } from '../../turn/understanding.js';
import { ordinalOf, refuse, send, stale } from '../../conversation/questionKit.js';

// ---------------------------------------------------------------------------------------------------------------
// Options and state
// ---------------------------------------------------------------------------------------------------------------

const IdT = z.string().min(1).max(128);
const FlowIdT = z.string().min(1).max(64);
const PageT = z.number().int().min(0).max(10_000);
const PURPOSES = ['quantity', 'remove', 'recurringOff', 'recurringOn'] as const;

/** How a change flow starts: from a button (the add-on subscription) or an utterance (the add-on, a quantity). */
export const ManageOptionsT = z.object({
  subscriptionId: IdT.optional(),
  addonId: z.enum(ADDON_IDS).optional(),
  /** "to 25", "5 more", "4 fewer": the quantity flow only. */
  quantity: z.object({ change: z.enum(['total', 'more', 'fewer']), amount: z.number().nullable(), written: z.string().max(200) }).optional(),
  /** The recurring billing flow: on or off. */
  turnOn: z.boolean().optional(),
  /** Set when "back" restarts the flow: the add-on was chosen on a card, so there is a choice to go back to. */
  askedPicker: z.boolean().optional(),
});
export type ManageOptions = z.infer<typeof ManageOptionsT>;

const ManageFlowT = z.object({
  flowId: z.string(),
  options: ManageOptionsT,
  askedPicker: z.boolean(),
  addon: AddonViewT.optional(),
  change: ChangeViewT.optional(),
});
type ManageFlow = z.infer<typeof ManageFlowT>;

const WaterfallFlowT = z.object({ values: z.object({ flow: ManageFlowT }) });

const PickQuestionT = z.object({ flowId: FlowIdT, purpose: z.enum(PURPOSES), addonId: z.enum(ADDON_IDS).optional(), page: PageT });
type PickQuestion = z.infer<typeof PickQuestionT>;
const ConfirmQuestionT = z.object({ flowId: FlowIdT, addon: AddonViewT, change: ChangeViewT });
type ConfirmQuestion = z.infer<typeof ConfirmQuestionT>;

// What the steps hand each other (in memory, same turn).
export const PickAnswerT = z.object({ addon: AddonViewT });
export type PickAnswer = z.infer<typeof PickAnswerT>;
export const ChangeAnswerT = z.object({ change: ChangeViewT });
export type ChangeAnswer = z.infer<typeof ChangeAnswerT>;
const ConfirmAnswerT = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('done'), outcome: OutcomeViewT, duplicate: z.boolean() }),
  z.object({ kind: z.literal('stopped') }),
]);
type ConfirmAnswer = z.infer<typeof ConfirmAnswerT>;

// ---------------------------------------------------------------------------------------------------------------
// Card payloads: only the verb, the flow and ids. Unknown keys make a payload invalid.
// ---------------------------------------------------------------------------------------------------------------

const ChooseAddonSubmitT = z.object({ verb: z.literal('manage.chooseAddon'), flowId: FlowIdT, choice: IdT }).strict();
const ShowMoreSubmitT = z.object({
  verb: z.literal('buy.showMore'), flowId: FlowIdT, kind: z.literal('manageAddon'),
  page: z.union([PageT, z.string().regex(/^\d{1,4}$/).transform(Number)]),
}).strict();

const CONFIRM_VERBS = ['quantity.confirm', 'removal.confirm', 'recurring.confirm', 'support.confirm'] as const satisfies readonly Verb[];
type ConfirmVerb = (typeof CONFIRM_VERBS)[number];
const ConfirmSubmitT = z.object({ verb: z.enum(CONFIRM_VERBS), flowId: FlowIdT, quoteId: IdT }).strict();

/** The confirm button of each kind of change. */
const CONFIRM_VERB: Readonly<Record<ChangeView['kind'], ConfirmVerb>> = {
  quantity: 'quantity.confirm', cancellation: 'removal.confirm', recurring_billing: 'recurring.confirm', support_request: 'support.confirm',
};

function isConfirmVerb(verb: Verb): verb is ConfirmVerb {
  return (CONFIRM_VERBS as readonly Verb[]).includes(verb);
}

/** Failures after which the same confirmation card can still be used (by its author, or a moment later). */
const CONFIRM_RETRYABLE: ReadonlySet<string> = new Set(['forbidden', 'quote_used_elsewhere', 'in_progress']);


export interface ManageDialogIds {
  readonly waterfall: string;
  readonly askAddon: string;
  readonly askConfirm: string;
}

type Confirmed = { readonly outcome: OutcomeView; readonly duplicate: boolean };

export abstract class ManageAddonDialog extends CancelAndHelpDialog {
  /** One handler per confirm verb: the use case that carries out the quoted change, exactly once per quote. */
  private readonly confirmers: Readonly<Record<ConfirmVerb, (caller: Caller, quoteId: string) => Promise<Confirmed>>>;

  protected constructor(dialogId: string, deps: DialogDeps, protected readonly ids: ManageDialogIds) {
    super(dialogId, deps);
    const { billing } = deps.services;
    this.confirmers = {
      'quantity.confirm': async (caller, quoteId) => {
        const { outcome, duplicate } = await billing.confirmQuantityChange(caller, quoteId);
        return { outcome: OutcomeViewT.parse(outcome), duplicate };
      },
      'removal.confirm': async (caller, quoteId) => {
        const { outcome, duplicate } = await billing.confirmCancellation(caller, quoteId);
        return { outcome: OutcomeViewT.parse(outcome), duplicate };
      },
      'recurring.confirm': async (caller, quoteId) => {
        const { outcome, duplicate } = await billing.confirmRecurringBilling(caller, quoteId);
        return { outcome: OutcomeViewT.parse(outcome), duplicate };
      },
      'support.confirm': async (caller, quoteId) => {
        const { outcome, duplicate } = await billing.confirmSupportRequest(caller, quoteId);
        return { outcome: OutcomeViewT.parse(outcome), duplicate };
      },
    };
    this.addDialog(new QuestionDialog<PickQuestion, PickAnswer>(ids.askAddon, {
      options: PickQuestionT, ask: this.askAddon.bind(this), read: this.readAddon.bind(this),
    }));
    this.addDialog(new QuestionDialog<ConfirmQuestion, ConfirmAnswer>(ids.askConfirm, {
      options: ConfirmQuestionT, ask: this.askConfirm.bind(this), read: this.readConfirm.bind(this),
    }));
  }

  /** Which change this flow makes (decides the add-ons offered and the picker's question). */
  protected abstract purposeOf(options: ManageOptions): ManagePurpose;

  /** The question that asks for details between picking and confirming, if the flow has one ("back" returns to it). */
  protected detailsQuestionId(): string | undefined {
    return undefined;
  }

  protected override canceledKey(): BotMessageKey {
    return 'changeCanceled';
  }

  protected override busyKey(): BotMessageKey {
    return 'busyChanging';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Steps every change flow shares
  // -------------------------------------------------------------------------------------------------------------

  /** 1. Only global and billing admins change; then the add-on: from a button, the only one there is, or a choice. */
  protected async pickStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const options = ManageOptionsT.parse(step.options ?? {});
    const flow: ManageFlow = { flowId: randomUUID(), options, askedPicker: options.askedPicker ?? false };
    this.keep(step, flow);
    const { context } = step;
    const { billing } = this.deps.services;
    const caller = callerIn(context);
    const { user } = await billing.whoIs(caller);
    if (!canPurchase(user)) {
      noteOutcome(context, 'forbidden');
      await sendSay(this.deps, context, 'onlyAdminsCanChange');
      return step.endDialog();
    }
    const subs = await loadSubscriptions(billing, caller);
    if (options.subscriptionId !== undefined) {
      const chosen = subs.addons.find((a) => a.id === options.subscriptionId);
      if (!chosen) {
        await sendDomainError(this.deps, context, new DomainError('not_found', { what: 'subscription' }));
        return step.endDialog();
      }
      return step.next({ addon: this.viewOf(subs, chosen.id) } satisfies PickAnswer);
    }
    const purpose = this.purposeOf(options);
    const candidates = candidatesFor(subs, purpose, options.addonId);
    const language = languageIn(context);
    if (candidates.length === 0) {
      noteOutcome(context, 'nothing_to_change');
      if (options.addonId) await sendSay(this.deps, context, 'noSuchAddon', { addon: addonName(options.addonId, language) });
      else await sendSay(this.deps, context, purpose === 'recurringOff' ? 'noAddonToTurnOff' : purpose === 'recurringOn' ? 'noAddonToTurnOn' : 'noAddonsYet');
      return step.endDialog();
    }
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only) {
      const addon = this.viewOf(subs, only.id);
      const said = {
        addon: addonName(addon.addonId, language), quantity: addonQuantity(addon.addonId, addon.quantity, language),
        subscription: baseOf(addon, language) || MANAGE_CARD_TEXTS[language].common.kinds[addon.kind],
      };
      // The admin named the add-on: the bot confirms which one, it did not pick it.
      if (options.addonId) {
        const plan = addon.basePlanId ? planName(addon.basePlanId, language) : said.subscription;
        await sendText(context, text(MANAGE_TEXTS, language, 'confirmedAddon', { ...said, subscription: plan }));
      }
      else await sendSay(this.deps, context, 'pickedAddon', said);
      return step.next({ addon } satisfies PickAnswer);
    }
    flow.askedPicker = true;
    const question: PickQuestion = { flowId: flow.flowId, purpose, addonId: options.addonId, page: 0 };
    return step.beginDialog(this.ids.askAddon, question);
  }

  /** 3. The confirmation card of the change the previous step quoted. */
  protected async confirmStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const flow = this.flowOf(step);
    const answer = ChangeAnswerT.safeParse(step.result);
    if (!answer.success) return step.endDialog();
    flow.change = answer.data.change;
    this.keep(step, flow);
    const addon = this.addonOf(flow);
    const question: ConfirmQuestion = { flowId: flow.flowId, addon, change: answer.data.change };
    return step.beginDialog(this.ids.askConfirm, question);
  }

  /** 4. The outcome: the confirmation card becomes its read-only outcome, and the bot says what happened. */
  protected async outcomeStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const answer = ConfirmAnswerT.safeParse(step.result);
    if (!answer.success || answer.data.kind !== 'done') return step.endDialog();
    const { context } = step;
    const addon = this.addonOf(this.flowOf(step));
    const { outcome, duplicate } = answer.data;
    const language = languageIn(context);
    const [title, message] = duplicate
      ? [say(this.deps, context, 'alreadyDoneTitle'), say(this.deps, context, 'alreadyDone')]
      : [say(this.deps, context, this.outcomeTitleKey(outcome)), this.outcomeMessage(context, addon, outcome)];
    const { tenant } = await this.deps.services.billing.whoIs(callerIn(context));
    const card = {
      ...notice(duplicate ? 'warning' : 'good', title, message, outcomeFacts(addon, outcome, language)),
      adminCenter: adminCenterAction(tenant.cloud, language, 'manage'),
    };
    await replaceClickedCard(context, this.deps.cards.render('notice', card));
    noteOutcome(context, duplicate ? 'duplicate' : outcome.kind);
    await sendText(context, message);
    return step.endDialog();
  }

  /** Runs a use case that quotes a change; a refusal is told (with what to do instead) and returned. */
  protected async quoted<T extends ChangeView | undefined>(
    context: TurnContext, quote: () => Promise<T>,
  ): Promise<{ ok: true; change: T } | { ok: false; error: DomainError }> {
    try {
      return { ok: true, change: await quote() };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      noteOutcome(context, `error:${error.code}`);
      await sendText(context, describeError(error, languageIn(context)));
      return { ok: false, error };
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Flow state
  // -------------------------------------------------------------------------------------------------------------

  protected flowOf(step: WaterfallStepContext<ManageOptions>): ManageFlow {
    return ManageFlowT.parse((step.values as { flow?: unknown }).flow);
  }

  protected keep(step: WaterfallStepContext<ManageOptions>, flow: ManageFlow): void {
    (step.values as { flow?: ManageFlow }).flow = flow;
  }

  /** The add-on the flow is about, after step 1 (the picked answer is stored by the step that receives it). */
  protected addonOf(flow: ManageFlow): AddonView {
    if (!flow.addon) throw new Error(`${this.id}: no add-on after the first step`);
    return flow.addon;
  }

  /** Step 2 of every flow starts here: the add-on picked in step 1 joins the flow. */
  protected takePicked(step: WaterfallStepContext<ManageOptions>): { flow: ManageFlow; addon: AddonView } {
    const flow = this.flowOf(step);
    const picked = PickAnswerT.safeParse(step.result);
    if (picked.success) flow.addon = picked.data.addon;
    this.keep(step, flow);
    return { flow, addon: this.addonOf(flow) };
  }

  private viewOf(subs: TenantSubscriptions, subscriptionId: string): AddonView {
    const sub = subs.addons.find((a) => a.id === subscriptionId);
    if (!sub) throw new DomainError('not_found', { what: 'subscription' });
    return addonView(sub, sub.baseSubscriptionId ? subs.baseById.get(sub.baseSubscriptionId) : undefined);
  }

  protected override flowIdOf(innerDc: DialogContext): string | undefined {
    return this.flowIn(innerDc)?.flowId;
  }

  private flowIn(innerDc: DialogContext): ManageFlow | undefined {
    const waterfall = innerDc.stack.find((instance) => instance.id === this.ids.waterfall);
    const parsed = WaterfallFlowT.safeParse(waterfall?.state);
    return parsed.success ? parsed.data.values.flow : undefined;
  }

  /**
   * "back": from the confirmation to the details question (the quantity) or the add-on choice, from the details
   * question to the add-on choice; a restarted flow gets a new id, so the cards it replaces are stale.
   */
  protected override async onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    const flow = this.flowIn(innerDc);
    const active = innerDc.activeDialog?.id;
    if (!flow || active === undefined || active === this.ids.askAddon) return super.onBack(innerDc);
    const details = this.detailsQuestionId();
    const { options } = flow;
    let restart: ManageOptions | undefined;
    if (active === this.ids.askConfirm && details !== undefined && flow.addon) {
      restart = { subscriptionId: flow.addon.subscriptionId, turnOn: options.turnOn, askedPicker: flow.askedPicker };
    } else if (flow.askedPicker) {
      restart = { addonId: options.addonId, turnOn: options.turnOn };
    }
    if (!restart) return super.onBack(innerDc);
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(this.ids.waterfall, restart);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: which add-on
  // -------------------------------------------------------------------------------------------------------------

  private async candidates(context: TurnContext, question: PickQuestion): Promise<{ subs: TenantSubscriptions; addons: AddonView[] }> {
    const subs = await loadSubscriptions(this.deps.services.billing, callerIn(context));
    const addons = candidatesFor(subs, question.purpose, question.addonId).map((a) => this.viewOf(subs, a.id));
    return { subs, addons };
  }

  private async askAddon(context: TurnContext, question: PickQuestion): Promise<void> {
    await send(context, await this.renderAddon(context, question));
  }

  private async renderAddon(context: TurnContext, question: PickQuestion): Promise<AdaptiveCardAttachment> {
    const [{ addons }, { tenant }] = await Promise.all([this.candidates(context, question), this.deps.services.billing.whoIs(callerIn(context))]);
    return this.deps.cards.render('choice', addonPicker({
      flowId: question.flowId, purpose: question.purpose, addons, page: question.page, cloud: tenant.cloud, language: languageIn(context),
    }));
  }

  private async readAddon(context: TurnContext, question: PickQuestion): Promise<Reading<PickQuestion, PickAnswer>> {
    const render = (q: PickQuestion) => this.renderAddon(context, q);
    const action = readCardAction(context.activity);
    if (action?.verb === 'buy.showMore') {
      const parsed = ShowMoreSubmitT.safeParse(action.data);
      if (!parsed.success) return refuse(this.deps, context, question, render, 'invalidCard');
      const next: PickQuestion = { ...question, page: parsed.data.page };
      await replaceClickedCard(context, await render(next));
      return { kind: 'again', options: next };
    }
    const { addons } = await this.candidates(context, question);
    let chosen: AddonView | undefined;
    if (action) {
      if (action.verb !== 'manage.chooseAddon') return stale(this.deps, context, action);
      const parsed = ChooseAddonSubmitT.safeParse(action.data);
      if (!parsed.success) return refuse(this.deps, context, question, render, parsed.error.issues.some((i) => i.code === 'unrecognized_keys') ? 'invalidCard' : 'notAnOption');
      chosen = addons.find((a) => a.subscriptionId === parsed.data.choice);
    } else {
      const named = understandTurn(context)?.addon;
      const ofAddon = named ? addons.filter((a) => a.addonId === named) : [];
      const n = ordinalOf(textOf(context));
      chosen = ofAddon.length === 1 ? ofAddon[0] : n !== undefined ? pageOf(addons, question.page).items[n - 1] : undefined;
    }
    if (!chosen) return refuse(this.deps, context, question, render, 'notAnOption');
    await this.acknowledge(context, MANAGE_CARD_TEXTS[languageIn(context)].common.addon, addonTitle(chosen, languageIn(context)));
    return { kind: 'answer', value: { addon: chosen } };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Question: the confirmation (its button sends only the flow and the quote id)
  // -------------------------------------------------------------------------------------------------------------

  private async askConfirm(context: TurnContext, question: ConfirmQuestion): Promise<void> {
    await send(context, await this.renderConfirm(context, question));
  }

  private async renderConfirm(context: TurnContext, question: ConfirmQuestion): Promise<AdaptiveCardAttachment> {
    const { tenant } = await this.deps.services.billing.whoIs(callerIn(context));
    return this.deps.cards.render('confirmChange', confirmCard({ ...question, cloud: tenant.cloud, language: languageIn(context) }));
  }

  private async readConfirm(context: TurnContext, question: ConfirmQuestion): Promise<Reading<ConfirmQuestion, ConfirmAnswer>> {
    const action = readCardAction(context.activity);
    if (!action) {
      await sendSay(this.deps, context, 'useConfirmButtons', { button: confirmLabel(question.change, languageIn(context)) });
      return { kind: 'again' };
    }
    if (!isConfirmVerb(action.verb)) return stale(this.deps, context, action);
    const parsed = ConfirmSubmitT.safeParse(action.data);
    if (!parsed.success) return refuse(this.deps, context, question, (q) => this.renderConfirm(context, q), 'invalidCard');
    // Another card's quote (an older card of this flow, another tenant's id) or the wrong button: nothing happens.
    if (parsed.data.quoteId !== question.change.quoteId || parsed.data.verb !== CONFIRM_VERB[question.change.kind]) return stale(this.deps, context, action);
    try {
      const confirmed = await this.confirmers[parsed.data.verb](callerIn(context), question.change.quoteId);
      return { kind: 'answer', value: { kind: 'done', ...confirmed } };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      noteOutcome(context, `error:${error.code}`);
      const message = describeError(error, languageIn(context));
      if (CONFIRM_RETRYABLE.has(error.code)) {
        // Someone who may not make this change clicked (a shared chat), or a twin is committing: the card stays.
        await sendText(context, message);
        return { kind: 'again' };
      }
      await answerCardClick(this.deps, context, { tone: 'attention', title: say(this.deps, context, 'notChangedTitle'), message });
      return { kind: 'answer', value: { kind: 'stopped' } };
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Outcome texts
  // -------------------------------------------------------------------------------------------------------------

  private outcomeTitleKey(outcome: OutcomeView): BotMessageKey {
    switch (outcome.kind) {
      case 'quantity_changed': return outcome.effect === 'now' ? 'quantityChangedTitle' : 'quantityScheduledTitle';
      case 'subscription_canceled': return 'addonRemovedTitle';
      case 'recurring_billing_set': return outcome.turnedOn ? 'recurringOnTitle' : 'recurringOffTitle';
      case 'support_request_opened': return 'supportRequestTitle';
    }
  }

  private outcomeMessage(context: TurnContext, addon: AddonView, outcome: OutcomeView): string {
    const language = languageIn(context);
    const name = addonName(addon.addonId, language);
    const t = (key: BotMessageKey, params: MessageParams) => say(this.deps, context, key, params);
    switch (outcome.kind) {
      case 'quantity_changed': {
        const quantity = addonQuantity(addon.addonId, outcome.toQuantity, language);
        if (outcome.effect === 'at_renewal') {
          return t('quantityScheduled', {
            addon: name, from: addonQuantity(addon.addonId, outcome.fromQuantity, language), quantity, date: formatDate(outcome.effectiveAt, language),
          });
        }
        const refund = outcome.amountNow.amount < 0;
        const amount = money({ ...outcome.amountNow, amount: Math.abs(outcome.amountNow.amount) }, language);
        return t(refund ? 'quantityReduced' : 'quantityIncreased', { addon: name, quantity, amount, date: formatDate(addon.termEnd, language) });
      }
      case 'subscription_canceled':
        return t('addonRemoved', { addon: name, amount: money(outcome.refund, language) });
      case 'recurring_billing_set': {
        const date = formatDate(outcome.termEnd, language);
        if (outcome.turnedOn) return t('recurringTurnedOn', { addon: name, date });
        const off = t('recurringTurnedOff', { addon: name, date });
        return outcome.canceledChange
          ? `${off} ${t('scheduledChangeCanceled', { quantity: addonQuantity(addon.addonId, outcome.canceledChange.quantity, language) })}`
          : off;
      }
      case 'support_request_opened':
        return t('supportRequestOpened', { id: outcome.supportRequestId, addon: name });
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Shared by the questions
  // -------------------------------------------------------------------------------------------------------------

  /** The clicked card is read-only from now on: it shows what was answered (and the admin center link). */
  protected async acknowledge(context: TurnContext, title: string, answer: string): Promise<void> {
    if (readCardAction(context.activity) === undefined) return;
    const { tenant } = await this.deps.services.billing.whoIs(callerIn(context));
    const language = languageIn(context);
    await replaceClickedCard(context, this.deps.cards.render('notice', {
      ...notice('good', title, answer), adminCenter: adminCenterAction(tenant.cloud, language, 'manage'),
    }));
  }
}
