// Card data of "manage what was bought": my add-ons, my orders, the add-on picker, the change-quantity question, the
// confirmation cards, the outcomes and the availability answers. Presentation only: amounts and dates come from the
// domain's quotes and outcomes, names from the catalog, fixed texts from src/cards/manageText.ts (CARD_TEXTS.manage).
import { z } from 'zod';
import type {
  AddonRow, AddonsCardData, AvailabilityCardData, AvailabilityGroup, AvailabilityRow, ChangeQuantityCardData, ChoiceCardData,
  ConfirmChangeCardData, Fact, ListPager, OrdersCardData, SubscriptionGroup,
} from '../cards/render.js';
import { adminCenterAction, CARD_TEXTS, fill, quantityWithUnit, rangeBounds, unitLabel } from '../cards/text.js';
import { SUPPORTED_CURRENCIES } from '../domain/catalog.data.js';
import { addonName, addonsForPlan, getAddon, planName } from '../domain/catalog.js';
import type { Availability } from '../domain/catalog.js';
import { ADDON_IDS, FREQUENCIES, isAddonId, isPlanId, PLAN_IDS, type AddonId, type Cloud, type Language, type PlanId } from '../domain/ids.js';
import type { Order, Quote, Subscription } from '../domain/model.js';
import type { Money } from '../domain/money.js';
import type { EligibleBases } from '../domain/useCases/eligibility.js';
import { formatDate } from '../i18n/index.js';
import { money, planList, subscriptionTitle } from './buyCards.js';
import { allowedActions, type ManagePurpose, type TenantSubscriptions } from './tenantSubscriptions.js';

// ---------------------------------------------------------------------------------------------------------------
// What the change flows keep in dialog state: small views of the add-on and of the domain's quote (never read
// from a card; a card sends back only ids).
// ---------------------------------------------------------------------------------------------------------------

const IdT = z.string().min(1).max(128);
const MoneyT = z.object({ amount: z.number().int(), currency: z.enum(SUPPORTED_CURRENCIES) });
const ScheduledT = z.object({ quantity: z.number().int(), effectiveAt: z.string() });

export const AddonViewT = z.object({
  subscriptionId: IdT,
  addonId: z.enum(ADDON_IDS),
  kind: z.enum(['traditional', 'standalone']),
  basePlanId: z.enum(PLAN_IDS).optional(),
  baseQuantity: z.number().int().optional(),
  quantity: z.number().int(),
  assigned: z.number().int(),
  frequency: z.enum(FREQUENCIES),
  termEnd: z.string(),
  recurringBilling: z.boolean(),
  scheduled: ScheduledT.optional(),
});
export type AddonView = z.infer<typeof AddonViewT>;

export function addonView(sub: Subscription, base: Subscription | undefined): AddonView {
  if (!isAddonId(sub.productId) || sub.kind === 'base') throw new Error(`Subscription ${sub.id} is not an add-on`);
  const basePlanId = base && isPlanId(base.productId) ? base.productId : undefined;
  return {
    subscriptionId: sub.id, addonId: sub.productId, kind: sub.kind, quantity: sub.quantity, assigned: sub.assigned,
    frequency: sub.frequency, termEnd: sub.termEnd, recurringBilling: sub.recurringBilling,
    ...(basePlanId && base ? { basePlanId, baseQuantity: base.quantity } : {}),
    ...(sub.scheduledChange ? { scheduled: { quantity: sub.scheduledChange.quantity, effectiveAt: sub.scheduledChange.effectiveAt } } : {}),
  };
}

export const ChangeViewT = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quantity'), quoteId: IdT, fromQuantity: z.number().int(), toQuantity: z.number().int(),
    effect: z.enum(['now', 'at_renewal']), effectiveAt: z.string(), before: MoneyT, after: MoneyT, amountNow: MoneyT,
  }),
  z.object({ kind: z.literal('cancellation'), quoteId: IdT, paidForTerm: MoneyT, refund: MoneyT, kept: MoneyT }),
  z.object({ kind: z.literal('recurring_billing'), quoteId: IdT, turnOn: z.boolean(), termEnd: z.string(), cancels: ScheduledT.nullable() }),
  z.object({ kind: z.literal('support_request'), quoteId: IdT }),
]);
export type ChangeView = z.infer<typeof ChangeViewT>;

/** The view of a quote of a change (a purchase quote is not a change). */
export function changeView(quote: Quote): ChangeView {
  switch (quote.kind) {
    case 'quantity':
      return {
        kind: 'quantity', quoteId: quote.id, fromQuantity: quote.fromQuantity, toQuantity: quote.toQuantity, effect: quote.effect,
        effectiveAt: quote.effectiveAt, before: quote.totalPerPeriodBefore, after: quote.totalPerPeriodAfter, amountNow: quote.amountNow,
      };
    case 'cancellation':
      return { kind: 'cancellation', quoteId: quote.id, paidForTerm: quote.paidForTerm, refund: quote.refund, kept: quote.kept };
    case 'recurring_billing':
      return {
        kind: 'recurring_billing', quoteId: quote.id, turnOn: quote.turnOn, termEnd: quote.termEnd,
        cancels: quote.cancelsScheduledChange ? { quantity: quote.cancelsScheduledChange.quantity, effectiveAt: quote.cancelsScheduledChange.effectiveAt } : null,
      };
    case 'support_request':
      return { kind: 'support_request', quoteId: quote.id };
    case 'purchase':
      throw new Error('A purchase quote is not a change');
  }
}

/** What a confirmed change did (the domain's claim outcome, without ids the cards do not show). */
export const OutcomeViewT = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quantity_changed'), fromQuantity: z.number().int(), toQuantity: z.number().int(),
    effect: z.enum(['now', 'at_renewal']), effectiveAt: z.string(), amountNow: MoneyT }),
  z.object({ kind: z.literal('subscription_canceled'), refund: MoneyT }),
  z.object({ kind: z.literal('recurring_billing_set'), turnedOn: z.boolean(), termEnd: z.string(), canceledChange: ScheduledT.nullable() }),
  z.object({ kind: z.literal('support_request_opened'), supportRequestId: IdT }),
]);
export type OutcomeView = z.infer<typeof OutcomeViewT>;

// ---------------------------------------------------------------------------------------------------------------
// Small formatters
// ---------------------------------------------------------------------------------------------------------------

function texts(language: Language) {
  return CARD_TEXTS[language].manage;
}

/** "10 licenses", "100 GB". */
export function addonQuantity(addonId: AddonId, quantity: number, language: Language): string {
  return quantityWithUnit(quantity, getAddon(addonId).unit, language);
}

/** "Office 365 E3 (25 licenses)", or '' for an add-on whose base is gone. */
export function baseOf(addon: AddonView, language: Language): string {
  if (!addon.basePlanId) return '';
  return `${planName(addon.basePlanId, language)} (${quantityWithUnit(addon.baseQuantity ?? 0, 'license', language)})`;
}

/** "+$480.00" / "-$384.00". */
function signed(m: Money, language: Language): string {
  return m.amount > 0 ? `+${money(m, language)}` : money(m, language);
}

function negateMoney(m: Money): Money {
  return { amount: -m.amount, currency: m.currency };
}

function diff(after: Money, before: Money): Money {
  return { amount: after.amount - before.amount, currency: after.currency };
}

/** Licenses can be assigned to users; GB and prepaid credits cannot. */
function assignable(addonId: AddonId): boolean {
  return getAddon(addonId).unit === 'license';
}

function headerFacts(addon: AddonView, language: Language): Fact[] {
  const c = texts(language).common;
  const base = baseOf(addon, language);
  return [{ title: c.addon, value: addonName(addon.addonId, language) }, ...(base ? [{ title: c.subscription, value: base }] : [])];
}

/** Kind, quantity, assigned, frequency, recurring billing, renewal or end date, scheduled change. */
export function addonFacts(addon: AddonView, language: Language): Fact[] {
  const c = texts(language).common;
  const facts: Fact[] = [
    { title: c.kind, value: c.kinds[addon.kind] },
    { title: c.quantity, value: addonQuantity(addon.addonId, addon.quantity, language) },
  ];
  if (assignable(addon.addonId)) facts.push({ title: c.assigned, value: addonQuantity(addon.addonId, addon.assigned, language) });
  facts.push(
    { title: c.frequency, value: CARD_TEXTS[language].frequencies[addon.frequency] },
    { title: c.recurringBilling, value: addon.recurringBilling ? c.on : c.off },
    { title: addon.recurringBilling ? c.renewsOn : c.endsOn, value: formatDate(addon.termEnd, language) },
  );
  if (addon.scheduled) {
    facts.push({ title: c.scheduled, value: fill(c.scheduledValue, {
      quantity: addonQuantity(addon.addonId, addon.scheduled.quantity, language), date: formatDate(addon.scheduled.effectiveAt, language),
    }) });
  }
  return facts;
}

function pageSummary(page: number, pages: number, language: Language): string {
  return pages > 1 ? fill(texts(language).common.pageSummary, { page: page + 1, pages }) : '';
}

function clampPage(page: number, pages: number): number {
  return Number.isInteger(page) ? Math.min(Math.max(page, 0), Math.max(0, pages - 1)) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// My add-ons: base subscriptions with their add-ons, paged by weight so 500 subscriptions still fit in 28 KB.
// ---------------------------------------------------------------------------------------------------------------

/** A page holds at most this much: a subscription header weighs 1, an add-on with its buttons 3. */
export const ADDONS_PAGE_WEIGHT = 24;
const HEADER_WEIGHT = 1;
const ADDON_WEIGHT = 3;

export interface GroupPart {
  readonly base: Subscription | undefined;
  readonly addons: readonly Subscription[];
}

/** Splits subscriptions (each followed by its add-ons) into pages; a long group continues on the next page. */
export function addonPages(subs: TenantSubscriptions, capacity = ADDONS_PAGE_WEIGHT): GroupPart[][] {
  const groups: GroupPart[] = subs.bases.map((base) => ({ base, addons: subs.addons.filter((a) => a.baseSubscriptionId === base.id) }));
  const listed = new Set(groups.flatMap((g) => g.addons.map((a) => a.id)));
  const others = subs.addons.filter((a) => !listed.has(a.id));
  if (others.length > 0) groups.push({ base: undefined, addons: others });
  const pages: GroupPart[][] = [];
  let current: GroupPart[] = [];
  let used = 0;
  for (const group of groups) {
    let remaining = group.addons;
    do {
      const needed = HEADER_WEIGHT + (remaining.length > 0 ? ADDON_WEIGHT : 0);
      if (used > 0 && used + needed > capacity) {
        pages.push(current);
        current = [];
        used = 0;
      }
      const room = Math.max(1, Math.floor((capacity - used - HEADER_WEIGHT) / ADDON_WEIGHT));
      const taken = remaining.slice(0, room);
      current.push({ base: group.base, addons: taken });
      used += HEADER_WEIGHT + taken.length * ADDON_WEIGHT;
      remaining = remaining.slice(taken.length);
    } while (remaining.length > 0);
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

function addonRow(addon: Subscription, base: Subscription | undefined, canChange: boolean, now: Date, language: Language): AddonRow {
  const t = texts(language).addons;
  const view = addonView(addon, base);
  const allowed = allowedActions(addon, now);
  const quantityTitle = view.kind === 'standalone' && assignable(view.addonId) ? t.addRemoveLicenses : t.changeQuantity;
  return {
    subscriptionId: addon.id, name: addonName(view.addonId, language), facts: addonFacts(view, language),
    actions: canChange ? {
      ...(allowed.changeQuantity ? { changeQuantity: quantityTitle } : {}),
      ...(allowed.remove ? { remove: t.remove } : {}),
      ...(allowed.turnOff ? { turnOff: t.turnOff } : {}),
      ...(allowed.turnOn ? { turnOn: t.turnOn } : {}),
    } : {},
  };
}

export function addonsCard(input: {
  readonly subs: TenantSubscriptions;
  readonly page: number;
  readonly canChange: boolean;
  readonly now: Date;
  readonly cloud: Cloud;
  readonly language: Language;
}): AddonsCardData {
  const { subs, language } = input;
  const t = texts(language);
  const pages = addonPages(subs);
  const page = clampPage(input.page, pages.length);
  const groups = (pages[page] ?? []).map((part): SubscriptionGroup => {
    const base = part.base;
    return {
      title: base ? subscriptionTitle(base, language) : t.addons.otherGroup,
      subtitle: base ? fill(t.addons.baseSubtitle, {
        assigned: base.assigned, frequency: CARD_TEXTS[language].frequencies[base.frequency],
      }) : '',
      addons: part.addons.map((a) => addonRow(a, base ?? subs.baseById.get(a.baseSubscriptionId ?? ''), input.canChange, input.now, language)),
      empty: t.addons.noAddons,
    };
  });
  return {
    title: t.addons.title,
    intro: subs.bases.length === 0 && subs.addons.length === 0 ? t.addons.empty : input.canChange ? t.addons.intro : t.addons.introReadOnly,
    groups,
    note: input.canChange ? '' : t.addons.readOnlyNote,
    pager: pagerOf(page, pages.length, language),
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { previous: t.common.previous, next: t.common.next, orders: t.addons.orders },
  };
}

function pagerOf(page: number, pages: number, language: Language): ListPager {
  return {
    previousPage: page > 0 ? page - 1 : null,
    nextPage: page + 1 < pages ? page + 1 : null,
    summary: pageSummary(page, pages, language),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// My orders (keyset-paged by the domain: Next carries the store's cursor)
// ---------------------------------------------------------------------------------------------------------------

export function ordersCard(input: {
  readonly orders: readonly Order[];
  /** Display names of the users who placed them, by user id (the id is shown when a name is unknown). */
  readonly names: ReadonlyMap<string, string>;
  readonly page: number;
  readonly nextCursor: string | null;
  readonly cloud: Cloud;
  readonly language: Language;
}): OrdersCardData {
  const { language } = input;
  const t = texts(language);
  const c = t.common;
  return {
    title: t.orders.title,
    intro: input.orders.length === 0 ? t.orders.empty : t.orders.intro,
    orders: input.orders.map((o) => ({
      title: fill(t.orders.orderTitle, { orderId: o.id, date: formatDate(o.placedAt, language) }),
      facts: [
        { title: c.addon, value: addonName(o.addonId, language) },
        { title: c.quantity, value: addonQuantity(o.addonId, o.quantity, language) },
        { title: t.orders.amount, value: fill(t.orders.amountValue, {
          amount: money(o.firstCharge, language), frequency: CARD_TEXTS[language].frequencies[o.frequency].toLowerCase(),
        }) },
        { title: t.orders.placedBy, value: input.names.get(o.placedBy) ?? o.placedBy },
      ],
    })),
    pager: {
      previousPage: input.page > 0 ? input.page - 1 : null,
      nextPage: input.nextCursor !== null ? input.page + 1 : null,
      ...(input.nextCursor !== null ? { nextCursor: input.nextCursor } : {}),
      summary: input.page > 0 || input.nextCursor !== null ? fill(t.orders.pageSummary, { page: input.page + 1 }) : '',
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { previous: c.previous, next: c.next, addons: t.orders.addons },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The change flows: picking the add-on, the new quantity, the confirmation, the outcome
// ---------------------------------------------------------------------------------------------------------------

/** "Phone System, 20 licenses (Office 365 E3 (25 licenses))". */
export function addonTitle(addon: AddonView, language: Language): string {
  return fill(texts(language).picker.option, {
    addon: addonName(addon.addonId, language), quantity: addonQuantity(addon.addonId, addon.quantity, language),
    subscription: baseOf(addon, language) || CARD_TEXTS[language].manage.common.kinds[addon.kind],
  });
}

export function addonPicker(input: {
  readonly flowId: string;
  readonly purpose: ManagePurpose;
  readonly addons: readonly AddonView[];
  readonly page: number;
  readonly cloud: Cloud;
  readonly language: Language;
}): ChoiceCardData {
  const { language } = input;
  const t = CARD_TEXTS[language].choice;
  return {
    kind: 'manageAddon', flowId: input.flowId, question: texts(language).picker[input.purpose],
    options: input.addons.map((a) => ({ title: addonTitle(a, language), value: a.subscriptionId })),
    page: input.page,
    labels: { placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
  };
}

/**
 * The rules that apply to this add-on now: increases are charged prorated; reductions follow the 7-day window, or
 * cannot be made while recurring billing is off; the assigned floor only where licenses are assigned (never for GB).
 */
function quantityNote(addon: AddonView, language: Language): string {
  const note = texts(language).changeQuantity.note;
  return [
    fill(note.more, { date: formatDate(addon.termEnd, language) }),
    addon.recurringBilling ? note.fewer : note.fewerOff,
    ...(assignable(addon.addonId) && addon.assigned > 0 ? [fill(note.assigned, { assigned: addonQuantity(addon.addonId, addon.assigned, language) })] : []),
  ].join(' ');
}

export function changeQuantityCard(input: {
  readonly flowId: string;
  readonly addon: AddonView;
  readonly cloud: Cloud;
  readonly language: Language;
}): ChangeQuantityCardData {
  const { addon, language } = input;
  const t = texts(language);
  const name = addonName(addon.addonId, language);
  const { unit, quantity: range } = getAddon(addon.addonId);
  const base = baseOf(addon, language);
  return {
    flowId: input.flowId,
    title: fill(addon.kind === 'standalone' && unit === 'license' ? t.changeQuantity.titleStandalone : t.changeQuantity.titleTraditional, { addon: name }),
    subtitle: base ? fill(t.changeQuantity.subtitle, { subscription: base }) : '',
    facts: addonFacts(addon, language).filter((f) => f.title !== t.common.kind),
    note: quantityNote(addon, language),
    quantity: {
      label: fill(t.changeQuantity.newTotal, { unit: unitLabel(unit, 2, language) }), min: range.min, max: range.max, value: addon.quantity,
      placeholder: t.changeQuantity.placeholder, errorMessage: fill(t.changeQuantity.error, rangeBounds(range, language)),
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { review: t.changeQuantity.review, cancel: t.common.cancel },
  };
}

/** The title of a confirmation card's confirm button (also named in "select … on the card"). */
export function confirmLabel(change: ChangeView, language: Language): string {
  const t = texts(language).confirm;
  switch (change.kind) {
    case 'quantity': return t.quantityConfirm;
    case 'cancellation': return t.removeConfirm;
    case 'recurring_billing': return change.turnOn ? t.onConfirm : t.offConfirm;
    case 'support_request': return t.supportConfirm;
  }
}

function confirmContent(addon: AddonView, change: ChangeView, language: Language): Pick<ConfirmChangeCardData, 'title' | 'intro' | 'facts' | 'note'> {
  const t = texts(language);
  const c = t.common;
  const name = addonName(addon.addonId, language);
  const head = headerFacts(addon, language);
  switch (change.kind) {
    case 'quantity': {
      const now = change.effect === 'now';
      const facts: Fact[] = [
        ...head,
        { title: t.confirm.from, value: addonQuantity(addon.addonId, change.fromQuantity, language) },
        { title: t.confirm.to, value: addonQuantity(addon.addonId, change.toQuantity, language) },
        { title: c.frequency, value: CARD_TEXTS[language].frequencies[addon.frequency] },
        { title: t.confirm.perPeriodBefore, value: money(change.before, language) },
        { title: t.confirm.perPeriodAfter, value: money(change.after, language) },
        { title: t.confirm.difference, value: signed(diff(change.after, change.before), language) },
      ];
      if (now && change.amountNow.amount >= 0) facts.push({ title: t.confirm.chargedNow, value: money(change.amountNow, language) });
      else if (now) facts.push({ title: t.confirm.refundedNow, value: money(negateMoney(change.amountNow), language) });
      else facts.push({ title: t.confirm.takesEffect, value: formatDate(change.effectiveAt, language) });
      return {
        title: fill(t.confirm.quantityTitle, { addon: name }),
        intro: fill(now ? t.confirm.quantityIntroNow : t.confirm.quantityIntroRenewal, {
          date: formatDate(now ? addon.termEnd : change.effectiveAt, language),
        }),
        facts,
        note: now ? '' : t.confirm.nothingNow,
      };
    }
    case 'cancellation':
      return {
        title: fill(t.confirm.removeTitle, { addon: name }),
        intro: t.confirm.removeIntro,
        facts: [
          ...head,
          { title: c.quantity, value: addonQuantity(addon.addonId, addon.quantity, language) },
          { title: t.confirm.paid, value: money(change.paidForTerm, language) },
          { title: t.confirm.refund, value: money(change.refund, language) },
          { title: t.confirm.kept, value: money(change.kept, language) },
        ],
        note: assignable(addon.addonId) && addon.assigned > 0 ? fill(t.confirm.removeNote, { assigned: addon.assigned }) : '',
      };
    case 'recurring_billing': {
      const date = formatDate(change.termEnd, language);
      const facts: Fact[] = [...head, { title: change.turnOn ? c.renewsOn : c.endsOn, value: date }];
      if (change.cancels) {
        facts.push({ title: t.confirm.cancels, value: fill(c.scheduledValue, {
          quantity: addonQuantity(addon.addonId, change.cancels.quantity, language), date: formatDate(change.cancels.effectiveAt, language),
        }) });
      }
      return {
        title: fill(change.turnOn ? t.confirm.onTitle : t.confirm.offTitle, { addon: name }),
        intro: fill(change.turnOn ? t.confirm.onIntro : t.confirm.offIntro, { date }),
        facts,
      };
    }
    case 'support_request':
      return {
        title: fill(t.confirm.supportTitle, { addon: name }),
        intro: t.confirm.supportIntro,
        facts: [...head, { title: t.confirm.topic, value: fill(t.confirm.topicValue, { addon: name, subscription: baseOf(addon, language) }) }],
      };
  }
}

export function confirmCard(input: {
  readonly flowId: string;
  readonly addon: AddonView;
  readonly change: ChangeView;
  readonly cloud: Cloud;
  readonly language: Language;
}): ConfirmChangeCardData {
  const { change, language } = input;
  return {
    flowId: input.flowId, quoteId: change.quoteId, kind: change.kind,
    ...confirmContent(input.addon, change, language),
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { confirm: confirmLabel(change, language), cancel: texts(language).confirm.keep },
  };
}

/** The facts of the read-only outcome card. */
export function outcomeFacts(addon: AddonView, outcome: OutcomeView, language: Language): Fact[] {
  const t = texts(language);
  const c = t.common;
  const head = headerFacts(addon, language);
  switch (outcome.kind) {
    case 'quantity_changed': {
      const facts: Fact[] = [...head, { title: t.outcome.newQuantity, value: addonQuantity(addon.addonId, outcome.toQuantity, language) }];
      if (outcome.effect === 'at_renewal') facts.push({ title: t.confirm.takesEffect, value: formatDate(outcome.effectiveAt, language) });
      else if (outcome.amountNow.amount < 0) facts.push({ title: t.outcome.refund, value: money(negateMoney(outcome.amountNow), language) });
      else facts.push({ title: t.outcome.charged, value: money(outcome.amountNow, language) });
      return facts;
    }
    case 'subscription_canceled':
      return [...head, { title: t.outcome.refund, value: money(outcome.refund, language) }];
    case 'recurring_billing_set': {
      const facts: Fact[] = [...head, { title: outcome.turnedOn ? c.renewsOn : c.endsOn, value: formatDate(outcome.termEnd, language) }];
      if (outcome.canceledChange) {
        facts.push({ title: t.outcome.canceledChange, value: fill(c.scheduledValue, {
          quantity: addonQuantity(addon.addonId, outcome.canceledChange.quantity, language),
          date: formatDate(outcome.canceledChange.effectiveAt, language),
        }) });
      }
      return facts;
    }
    case 'support_request_opened':
      return [...head, { title: t.outcome.supportRequest, value: outcome.supportRequestId }];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Availability answers, each with Buy buttons that start the buy flow with the slots filled
// ---------------------------------------------------------------------------------------------------------------

/** "Which add-ons does my plan support?": this many of the tenant's subscriptions per card. */
export const AVAILABILITY_PAGE_SIZE = 3;

function availabilityCard(
  language: Language, cloud: Cloud, content: { title: string; intro: string; groups: AvailabilityGroup[]; pager?: ListPager },
): AvailabilityCardData {
  const t = texts(language);
  return {
    ...content,
    adminCenter: adminCenterAction(cloud, language, 'buy'),
    labels: { buy: t.availability.buy, previous: t.common.previous, next: t.common.next },
  };
}

/** The tenant's own subscriptions that support add-ons, with what each already has. */
export function ownAvailabilityCard(input: { readonly subs: TenantSubscriptions; readonly page: number; readonly cloud: Cloud; readonly language: Language }): AvailabilityCardData {
  const { subs, language } = input;
  const t = texts(language).availability;
  const bases = subs.bases.filter((b) => isPlanId(b.productId) && addonsForPlan(b.productId).length > 0);
  const pages = Math.ceil(bases.length / AVAILABILITY_PAGE_SIZE);
  const page = clampPage(input.page, pages);
  const shown = bases.slice(page * AVAILABILITY_PAGE_SIZE, (page + 1) * AVAILABILITY_PAGE_SIZE);
  const groups = shown.map((base): AvailabilityGroup => {
    const planId = base.productId as PlanId;
    const mine = subs.addons.filter((a) => a.baseSubscriptionId === base.id);
    return {
      title: subscriptionTitle(base, language),
      rows: addonsForPlan(planId).map((addonId): AvailabilityRow => {
        const owned = mine.filter((a) => a.productId === addonId).reduce((n, a) => n + a.quantity, 0);
        return owned > 0
          ? { name: addonName(addonId, language), note: fill(t.owned, { quantity: addonQuantity(addonId, owned, language) }) }
          : { name: addonName(addonId, language), note: t.canAdd, buy: { addonId, planId } };
      }),
    };
  });
  return availabilityCard(language, input.cloud, {
    title: t.ownTitle, intro: bases.length === 0 ? t.ownEmpty : t.ownIntro, groups, pager: pagerOf(page, pages, language),
  });
}

/** "Which add-ons for E3?": the catalog's answer for a plan. */
export function planAvailabilityCard(planId: PlanId, cloud: Cloud, language: Language): AvailabilityCardData {
  const t = texts(language).availability;
  const plan = planName(planId, language);
  const addons = addonsForPlan(planId);
  return availabilityCard(language, cloud, {
    title: fill(t.planTitle, { plan }),
    intro: addons.length === 0 ? fill(t.planNone, { plan }) : fill(t.planIntro, { plan, count: addons.length }),
    groups: addons.length === 0 ? [] : [{
      title: plan, rows: addons.map((addonId) => ({ name: addonName(addonId, language), buy: { addonId, planId } })),
    }],
  });
}

/** "Is MyAnalytics available on Business Basic?": yes, or no with the plans that would allow it. */
export function questionAvailabilityCard(answer: Availability, cloud: Cloud, language: Language): AvailabilityCardData {
  const t = texts(language).availability;
  const addon = addonName(answer.addonId, language);
  const plan = planName(answer.planId, language);
  const intro = answer.available ? fill(t.yes, { addon, plan }) : fill(t.no, { addon, plan, plans: planList(answer.allowedPlans, language) });
  return availabilityCard(language, cloud, {
    title: fill(t.questionTitle, { addon, plan }),
    intro,
    groups: [{
      // One add-on: its row says it all, a heading would repeat its name.
      title: '',
      // When it is not available on that plan, Buy still helps: the buy flow offers the tenant's subscriptions that can take it.
      rows: [{ name: addon, note: answer.available ? t.canAdd : '', buy: answer.available ? { addonId: answer.addonId, planId: answer.planId } : { addonId: answer.addonId } }],
    }],
  });
}

/** "Is MyAnalytics available?" / "which plans support Phone System?": the plans, and the tenant's subscriptions that can take it. */
export function addonAvailabilityCard(eligible: EligibleBases, subs: TenantSubscriptions, cloud: Cloud, language: Language): AvailabilityCardData {
  const t = texts(language).availability;
  const addon = addonName(eligible.addonId, language);
  const rows = eligible.subscriptions.map((base): AvailabilityRow => {
    const owned = subs.addons.filter((a) => a.baseSubscriptionId === base.id && a.productId === eligible.addonId).reduce((n, a) => n + a.quantity, 0);
    const planId = isPlanId(base.productId) ? base.productId : undefined;
    return {
      name: subscriptionTitle(base, language),
      note: owned > 0 ? fill(t.owned, { quantity: addonQuantity(eligible.addonId, owned, language) }) : t.canAdd,
      buy: planId ? { addonId: eligible.addonId, planId } : { addonId: eligible.addonId },
    };
  });
  return availabilityCard(language, cloud, {
    title: fill(t.addonTitle, { addon }),
    intro: fill(t.addonIntro, { addon, plans: planList(eligible.allowedPlans, language) }),
    groups: [{ title: t.yourEligible, subtitle: rows.length === 0 ? t.noneEligible : '', rows }],
  });
}
