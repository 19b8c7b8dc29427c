// Object mothers for the cards: realistic data of the demo tenant (SPEC section 8), localized and formatted the way
// the dialogs will do it (catalog names, formatMoney, formatDate, the texts of src/cards/text.ts).
import { addonName, getAddon, planName, totalPerPeriod, unitPricePerPeriod } from '../../src/domain/catalog.js';
import type { AddonId, Cloud, Frequency, Language, PlanId } from '../../src/domain/ids.js';
import type { PaymentMethod } from '../../src/domain/model.js';
import type { Money } from '../../src/domain/money.js';
import { formatDate, formatMoney } from '../../src/i18n/index.js';
import type { CardDataMap, CardName } from '../../src/cards/cardData.js';
import type { ChoiceCardData, ChoiceOption, NoticeCardData } from '../../src/cards/common.js';
import type { CheckoutCardData, OrderPlacedCardData, PurchaseDetailsCardData } from '../../src/cards/data/buy.js';
import type { HelpCardData, WelcomeCardData } from '../../src/cards/data/conversation.js';
import { adminCenterAction, CARD_TEXTS, fill, paymentMethodTitle, quantityWithUnit, rangeBounds, unitLabel } from '../../src/cards/text.js';
import { BUY_CARD_TEXTS } from '../../src/flows/buy/cardTexts.js';
import { CONVERSATION_CARD_TEXTS } from '../../src/conversation/cardTexts.js';
import { availability as catalogAvailability, plansForAddon } from '../../src/domain/catalog.js';
import { ADDON_IDS, PLAN_IDS } from '../../src/domain/ids.js';
import type { Order, Subscription } from '../../src/domain/model.js';
import { demoTenantSeed } from '../../src/domain/useCases/tenants.js';
import { addonView } from '../../src/conversation/addonViews.js';
import { addonAvailabilityCard, ownAvailabilityCard, planAvailabilityCard, questionAvailabilityCard } from '../../src/flows/availability/cards.js';
import { addonsCard, ordersCard } from '../../src/flows/lists/cards.js';
import { changeQuantityCard, confirmCard } from '../../src/flows/manage/cards.js';
import type { ChangeView } from '../../src/flows/manage/views.js';
import type { TenantSubscriptions } from '../../src/conversation/tenantSubscriptions.js';
import type { EligibleBases } from '../../src/domain/billingService.js';
import type { AvailabilityCardData } from '../../src/cards/data/availability.js';
import type { AddonsCardData, OrdersCardData } from '../../src/cards/data/lists.js';
import type { ChangeQuantityCardData, ConfirmChangeCardData } from '../../src/cards/data/manage.js';

import { BUY_TEXTS, totalLabel, unitPriceText } from '../../src/flows/buy/texts.js';
import { text } from '../../src/i18n/text.js';
import { addonNoun } from '../../src/i18n/nouns.js';
import { approvalCards, requestApprovalCards, requestsCards } from './fixtures/approvals.js';
import { glanceCards } from './fixtures/glance.js';

export const LANGS: readonly Language[] = ['en', 'fr'];
export const FLOW_ID = 'FLW-7c1e2a';
export const QUOTE_ID = 'QUO-000042';
const TENANT = '9f0c1a52-3e4b-4d2a-9b7e-1c2d3e4f5a6b';

const money = (m: Money, language: Language): string => formatMoney(m.amount, m.currency, language);

export const VISA: PaymentMethod = {
  id: 'PM-000001', tenantId: TENANT, kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2029, addedAt: '2025-01-10T08:00:00.000Z',
};
export const INVOICE: PaymentMethod = { id: 'PM-000002', tenantId: TENANT, kind: 'invoice', addedAt: '2025-01-10T08:00:00.000Z' };

export function welcome(language: Language): WelcomeCardData {
  return CONVERSATION_CARD_TEXTS[language].welcome;
}

export function help(language: Language): HelpCardData {
  return CONVERSATION_CARD_TEXTS[language].help;
}

interface Sub { readonly id: string; readonly plan: PlanId; readonly quantity: number }
const DEMO_SUBS: readonly Sub[] = [
  { id: 'SUB-e3-0001', plan: 'o365-e3', quantity: 25 },
  { id: 'SUB-bb-0002', plan: 'm365-business-basic', quantity: 10 },
  { id: 'SUB-e5-0003', plan: 'o365-e5', quantity: 5 },
];

export function subscriptionOption(sub: Sub, language: Language): ChoiceOption {
  return { title: `${planName(sub.plan, language)} (${quantityWithUnit(sub.quantity, 'license', language)})`, value: sub.id };
}

/** `count` subscriptions of a big tenant, with names as long as real ones. */
export function manySubscriptions(count: number): Sub[] {
  const plans: PlanId[] = ['o365-e3', 'o365-e5-no-audio-conferencing', 'office-web-sharepoint-plan-2', 'm365-apps-for-business', 'm365-business-premium'];
  return Array.from({ length: count }, (_, i) => ({
    id: `SUB-${String(i + 1).padStart(6, '0')}-5f1d2c3b-aa41-4c9e-9d0e-${String(i).padStart(12, '0')}`,
    plan: plans[i % plans.length] ?? 'o365-e3',
    quantity: 1 + ((i * 37) % 5000),
  }));
}

export function chooseSubscription(language: Language, subs: readonly Sub[] = DEMO_SUBS, page = 0, addon: AddonId = 'audio-conferencing'): ChoiceCardData {
  const t = CARD_TEXTS[language].choice;
  return {
    kind: 'subscription', flowId: FLOW_ID, question: t.subscriptionQuestion,
    note: text(BUY_TEXTS, language, 'onlyEligibleSubscriptions', { addon: addonNoun(addon) }),
    options: subs.map((s) => subscriptionOption(s, language)), page, selected: subs[0]?.id,
    labels: { choice: text(BUY_TEXTS, language, 'subscriptionLabel'), placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary },
  };
}

export function chooseAddon(language: Language, plan: PlanId = 'o365-e5'): ChoiceCardData {
  const t = CARD_TEXTS[language].choice;
  const addons: AddonId[] = ['audio-conferencing', 'phone-system', 'domestic-calling-plan', 'international-calling-plan', 'communications-credits', 'extra-file-storage'];
  return {
    kind: 'addon', flowId: FLOW_ID, question: t.addonQuestion,
    options: addons.map((id) => ({ title: addonName(id, language), value: id })),
    labels: { choice: text(BUY_TEXTS, language, 'addonLabel'), placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary },
    note: fill(t.onlyAvailableAddons, { plan: planName(plan, language) }),
  };
}

export function purchaseDetails(
  language: Language, addon: AddonId = 'phone-system', given: { quantity?: number; frequency?: Frequency } = {},
): PurchaseDetailsCardData {
  const t = BUY_CARD_TEXTS[language].purchaseDetails;
  const unit = getAddon(addon).unit;
  const one = unitLabel(unit, 1, language);
  return {
    flowId: FLOW_ID,
    title: text(BUY_TEXTS, language, 'buyTitle', { addon: addonNoun(addon) }),
    subtitle: fill(t.subtitle, { subscription: `${planName('o365-e3', language)} (${quantityWithUnit(25, 'license', language)})` }),
    unit,
    quantity: {
      label: t.quantity, unitLabel: unitLabel(unit, 2, language), min: 1, max: getAddon(addon).quantity.max, value: given.quantity,
      placeholder: text(BUY_TEXTS, language, 'quantityPlaceholder', getAddon(addon).quantity), errorMessage: fill(t.quantityError, rangeBounds(getAddon(addon).quantity, language)),
    },
    frequency: {
      label: t.frequency, value: given.frequency, errorMessage: t.frequencyError,
      yearly: fill(t.yearlyChoice, { price: money(unitPricePerPeriod(addon, 'USD', 'yearly'), language), unit: one }),
      monthly: fill(t.monthlyChoice, { price: money(unitPricePerPeriod(addon, 'USD', 'monthly'), language), unit: one }),
    },
    autoAssign: { label: text(BUY_TEXTS, language, 'autoAssignLabel'), title: t.autoAssign, value: true },
    labels: { next: t.next, cancel: t.cancel },
  };
}

export interface Purchase {
  readonly addon: AddonId;
  readonly plan: PlanId;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly autoAssign: boolean;
  readonly cloud: Cloud;
}

export const PHONE_SYSTEM: Purchase = { addon: 'phone-system', plan: 'o365-e3', quantity: 10, frequency: 'yearly', autoAssign: true, cloud: 'worldwide' };
export const STORAGE: Purchase = { addon: 'extra-file-storage', plan: 'o365-e3', quantity: 100, frequency: 'monthly', autoAssign: false, cloud: 'germany' };

function purchaseFacts(p: Purchase, language: Language) {
  const texts = CARD_TEXTS[language];
  const perLicense = getAddon(p.addon).unit === 'license';
  return {
    addon: addonName(p.addon, language),
    baseSubscription: `${planName(p.plan, language)} (${quantityWithUnit(25, 'license', language)})`,
    unitPrice: unitPriceText(unitPricePerPeriod(p.addon, 'USD', p.frequency), getAddon(p.addon).unit, p.frequency, language),
    quantity: quantityWithUnit(p.quantity, getAddon(p.addon).unit, language),
    frequency: texts.frequencies[p.frequency],
    totalPerPeriod: money(totalPerPeriod(p.addon, 'USD', p.frequency, p.quantity), language),
    firstCharge: money(totalPerPeriod(p.addon, 'USD', p.frequency, p.quantity), language),
    ...(perLicense ? { autoAssign: text(BUY_TEXTS, language, p.autoAssign ? 'autoAssignOn' : 'autoAssignOff') } : {}),
  };
}

export function checkout(language: Language, p: Purchase = PHONE_SYSTEM, methods: readonly PaymentMethod[] = [VISA, INVOICE]): CheckoutCardData {
  const t = BUY_CARD_TEXTS[language].checkout;
  const { title, intro, ...labels } = t;
  const time = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-US', { timeStyle: 'short', timeZone: 'UTC' })
    .format(new Date('2025-03-03T09:45:00.000Z'));
  return {
    flowId: FLOW_ID, quoteId: QUOTE_ID, title, intro: fill(intro, { time }),
    facts: purchaseFacts(p, language),
    ...(getAddon(p.addon).unit === 'license' ? {
      autoAssignToggle: { value: p.autoAssign ? 'false' : 'true', title: text(BUY_TEXTS, language, p.autoAssign ? 'turnOffAutoAssign' : 'turnOnAutoAssign') },
    } as const : {}),
    paymentMethods: methods.map((m) => ({ title: paymentMethodTitle(m, language), value: m.id })),
    selectedPaymentMethodId: methods[0]?.id,
    addCard: adminCenterAction(p.cloud, language, 'payment'),
    adminCenter: adminCenterAction(p.cloud, language, 'buy'),
    labels: { ...labels, totalPerPeriod: totalLabel(p.frequency, language) },
  };
}

export function orderPlaced(language: Language, p: Purchase = PHONE_SYSTEM): OrderPlacedCardData {
  const t = CARD_TEXTS[language].orderPlaced;
  const { title, ...labels } = t;
  return {
    title, message: text(BUY_TEXTS, language, 'orderComplete', { addon: addonNoun(p.addon) }),
    facts: {
      orderNumber: 'ORD-2025-000137',
      ...purchaseFacts(p, language),
      paymentMethod: paymentMethodTitle(VISA, language),
      placedBy: 'Megan Bowen',
      placedAt: formatDate('2025-03-03T09:31:12.000Z', language),
    },
    adminCenter: adminCenterAction(p.cloud, language, 'manage'),
    labels: { ...labels, totalPerPeriod: totalLabel(p.frequency, language) },
  };
}

const NOTICES: Record<Language, { already: [string, string]; canceled: [string, string]; expired: [string, string]; error: [string, string] }> = {
  en: {
    already: ['Already placed', 'This order was already placed; nothing was charged twice.'],
    canceled: ['Canceled', 'Nothing was bought. Type buy to start again.'],
    expired: ['This card has expired', 'Prices are valid for 15 minutes. Type buy to get a new quote.'],
    error: ['Something went wrong', 'The order was not placed. Try again in a minute.'],
  },
  fr: {
    already: ['Déjà passée', 'Cette commande a déjà été passée ; rien n’a été facturé deux fois.'],
    canceled: ['Annulé', 'Rien n’a été acheté. Tapez acheter pour recommencer.'],
    expired: ['Cette carte a expiré', 'Les prix sont valables 15 minutes. Tapez acheter pour obtenir un nouveau devis.'],
    error: ['Une erreur s’est produite', 'La commande n’a pas été passée. Réessayez dans une minute.'],
  },
};

export function notices(language: Language): NoticeCardData[] {
  const n = NOTICES[language];
  const t = CARD_TEXTS[language].orderPlaced;
  return [
    { tone: 'warning', title: n.already[0], message: n.already[1],
      facts: [{ title: t.orderNumber, value: 'ORD-2025-000137' }, { title: t.placedBy, value: 'Alex Wilber' }],
      adminCenter: adminCenterAction('worldwide', language, 'manage') },
    { tone: 'default', title: n.canceled[0], message: n.canceled[1] },
    { tone: 'warning', title: n.expired[0], message: n.expired[1], facts: [] },
    { tone: 'attention', title: n.error[0], message: n.error[1], adminCenter: adminCenterAction('21vianet', language) },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Managing what was bought: the demo tenant of SPEC section 8, and a tenant with 500 subscriptions.
// ---------------------------------------------------------------------------------------------------------------

export const NOW = new Date('2026-11-23T10:00:00.000Z');

function tenantSubscriptions(subscriptions: readonly Subscription[]): TenantSubscriptions {
  const bases = subscriptions.filter((s) => s.kind === 'base' && s.status === 'active');
  return { bases, addons: subscriptions.filter((s) => s.kind !== 'base' && s.status === 'active'), baseById: new Map(bases.map((b) => [b.id, b])) };
}

/** The demo tenant as the lists read it (terms rolled forward to now the way the domain does). */
export function demoSubscriptions(): TenantSubscriptions {
  const seed = demoTenantSeed(TENANT, NOW);
  const rolled = seed.subscriptions.map((s) => (s.id === 'sub-e3' || s.id === 'sub-extra-file-storage'
    ? { ...s, termStart: '2026-01-15T00:00:00.000Z', termEnd: '2027-01-15T00:00:00.000Z' }
    : s.id === 'sub-phone-system' ? { ...s, scheduledChange: { quantity: 16, effectiveAt: s.termEnd, scheduledBy: 'x', scheduledAt: NOW.toISOString() } } : s));
  return tenantSubscriptions(rolled);
}

/** 500 subscriptions: 300 bases, most with one or more add-ons, names as long as real ones. */
export function bigTenantSubscriptions(): TenantSubscriptions {
  const subs: Subscription[] = [];
  const plans = ['o365-e3', 'o365-e5', 'm365-business-basic', 'office-web-sharepoint-plan-2', 'o365-e5-no-audio-conferencing'] as const;
  for (let i = 0; subs.length < 500; i++) {
    const base: Subscription = {
      id: `SUB-${String(i).padStart(6, '0')}-5f1d2c3b-aa41-4c9e-9d0e-0123456789ab`, tenantId: TENANT, productId: plans[i % plans.length] ?? 'o365-e3',
      kind: 'base', baseSubscriptionId: null, quantity: 1 + ((i * 37) % 5000), assigned: (i * 17) % 900, frequency: i % 2 ? 'monthly' : 'yearly',
      termStart: '2026-01-15T00:00:00.000Z', termEnd: '2027-01-15T00:00:00.000Z', recurringBilling: true, status: 'active',
      purchasedAt: '2020-01-15T00:00:00.000Z', scheduledChange: null,
    };
    subs.push(base);
    const addons = i % 3 === 0 ? [] : ['extra-file-storage', 'audio-conferencing'].slice(0, 1 + (i % 2));
    for (const [k, addonId] of addons.entries()) {
      if (subs.length >= 500) break;
      subs.push({
        ...base, id: `${base.id}-addon-${k}`, productId: addonId === 'extra-file-storage' ? 'extra-file-storage' : 'audio-conferencing',
        kind: k === 0 && i % 4 === 1 ? 'traditional' : 'standalone', baseSubscriptionId: base.id, quantity: 250_000, assigned: 1234,
        recurringBilling: i % 5 !== 0, scheduledChange: i % 7 === 0 ? { quantity: 240_000, effectiveAt: base.termEnd, scheduledBy: 'x', scheduledAt: '2026-11-01T00:00:00.000Z' } : null,
      });
    }
  }
  return tenantSubscriptions(subs);
}

export function addonsCards(language: Language): AddonsCardData[] {
  const big = bigTenantSubscriptions();
  return [
    addonsCard({ subs: demoSubscriptions(), page: 0, canChange: true, now: NOW, cloud: 'worldwide', language }),
    addonsCard({ subs: demoSubscriptions(), page: 0, canChange: false, now: NOW, cloud: 'germany', language }),
    addonsCard({ subs: tenantSubscriptions([]), page: 0, canChange: true, now: NOW, cloud: '21vianet', language }),
    addonsCard({ subs: big, page: 0, canChange: true, now: NOW, cloud: 'worldwide', language }),
    addonsCard({ subs: big, page: 7, canChange: true, now: NOW, cloud: 'worldwide', language }),
  ];
}

export function anOrder(n: number): Order {
  const addonId = ADDON_IDS[n % ADDON_IDS.length] ?? 'phone-system';
  return {
    id: `ORD-${String(1000 + n).padStart(6, '0')}-2c7d`, tenantId: TENANT, quoteId: `QUO-${n}`, requestId: null, subscriptionId: `SUB-${n}`,
    addonId, baseSubscriptionId: 'SUB-e3-0001', quantity: 10 + n, frequency: n % 2 ? 'monthly' : 'yearly', autoAssigned: 0,
    paymentMethodId: VISA.id, unitPrice: { amount: 9600, currency: 'USD' }, totalPerPeriod: { amount: 96_000 + n, currency: 'USD' },
    firstCharge: { amount: 1_234_567 + n, currency: 'USD' }, placedBy: n % 3 ? 'user-megan' : 'user-gone', placedAt: `2026-11-${String(1 + (n % 20)).padStart(2, '0')}T09:31:12.000Z`,
  };
}

export function ordersCards(language: Language): OrdersCardData[] {
  const names = new Map([['user-megan', 'Megan Bowen']]);
  const ten = Array.from({ length: 10 }, (_, i) => anOrder(i));
  return [
    ordersCard({ orders: ten, names, page: 0, nextCursor: 'WyIyMDI2LTExLTAxVDA5OjMxOjEyLjAwMFojT1JELTAwMTAxMCIsIk9SRC0wMDEwMTAiXQ', cloud: 'worldwide', language }),
    ordersCard({ orders: ten.slice(0, 3), names, page: 4, nextCursor: null, cloud: 'germany', language }),
    ordersCard({ orders: [], names, page: 0, nextCursor: null, cloud: 'worldwide', language }),
  ];
}

function demoAddon(id: string) {
  const subs = demoSubscriptions();
  const sub = subs.addons.find((a) => a.id === id);
  if (!sub) throw new Error(id);
  return addonView(sub, subs.baseById.get(sub.baseSubscriptionId ?? ''));
}

export function changeQuantityCards(language: Language): ChangeQuantityCardData[] {
  return [
    changeQuantityCard({ flowId: FLOW_ID, addon: demoAddon('sub-phone-system'), cloud: 'worldwide', language }),
    changeQuantityCard({ flowId: FLOW_ID, addon: demoAddon('sub-extra-file-storage'), cloud: '21vianet', language }),
  ];
}

const usdOf = (amount: number) => ({ amount, currency: 'USD' as const });

export const CHANGES: readonly ChangeView[] = [
  { kind: 'quantity', quoteId: QUOTE_ID, fromQuantity: 20, toQuantity: 25, effect: 'now', effectiveAt: NOW.toISOString(),
    before: usdOf(192_000), after: usdOf(240_000), amountNow: usdOf(40_110) },
  { kind: 'quantity', quoteId: QUOTE_ID, fromQuantity: 20, toQuantity: 16, effect: 'at_renewal', effectiveAt: '2027-09-24T10:00:00.000Z',
    before: usdOf(192_000), after: usdOf(153_600), amountNow: usdOf(0) },
  { kind: 'quantity', quoteId: QUOTE_ID, fromQuantity: 10, toQuantity: 6, effect: 'now', effectiveAt: NOW.toISOString(),
    before: usdOf(48_000), after: usdOf(28_800), amountNow: usdOf(-19_042) },
  { kind: 'cancellation', quoteId: QUOTE_ID, paidForTerm: usdOf(48_000), refund: usdOf(47_605), kept: usdOf(395) },
  { kind: 'recurring_billing', quoteId: QUOTE_ID, turnOn: false, termEnd: '2027-09-24T10:00:00.000Z',
    cancels: { quantity: 16, effectiveAt: '2027-09-24T10:00:00.000Z' } },
  { kind: 'recurring_billing', quoteId: QUOTE_ID, turnOn: true, termEnd: '2027-09-24T10:00:00.000Z', cancels: null },
  { kind: 'support_request', quoteId: QUOTE_ID },
];

export function confirmCards(language: Language): ConfirmChangeCardData[] {
  const addonFor = (c: ChangeView) => demoAddon(c.kind === 'support_request' ? 'sub-extra-file-storage'
    : c.kind === 'cancellation' || (c.kind === 'quantity' && c.fromQuantity === 10) ? 'sub-audio-conferencing' : 'sub-phone-system');
  return CHANGES.map((change) => confirmCard({ flowId: FLOW_ID, addon: addonFor(change), change, cloud: 'worldwide', language }));
}

function eligibleOf(addonId: AddonId, base: Subscription | undefined): EligibleBases {
  return { addonId, subscriptions: base ? [base] : [], allowedPlans: plansForAddon(addonId) };
}

export function availabilityCards(language: Language): AvailabilityCardData[] {
  const demo = demoSubscriptions();
  const e3 = demo.bases.find((b) => b.productId === 'o365-e3');
  return [
    ownAvailabilityCard({ subs: demo, page: 0, cloud: 'worldwide', language }),
    ownAvailabilityCard({ subs: bigTenantSubscriptions(), page: 5, cloud: 'worldwide', language }),
    ownAvailabilityCard({ subs: tenantSubscriptions([]), page: 0, cloud: 'germany', language }),
    ...PLAN_IDS.slice(0, 3).map((plan, i) => planAvailabilityCard(plan, i === 0, 'worldwide', language)),
    planAvailabilityCard('o365-e2', false, '21vianet', language),
    questionAvailabilityCard(catalogAvailability('myanalytics', 'm365-business-basic'), eligibleOf('myanalytics', e3), 'worldwide', language),
    questionAvailabilityCard(catalogAvailability('phone-system', 'm365-business-basic'), eligibleOf('phone-system', undefined), 'worldwide', language),
    questionAvailabilityCard(catalogAvailability('audio-conferencing', 'm365-business-basic'), eligibleOf('audio-conferencing', undefined), 'worldwide', language),
    addonAvailabilityCard({ addonId: 'phone-system', subscriptions: e3 ? [e3] : [], allowedPlans: plansForAddon('phone-system') }, demo, 'worldwide', language),
    addonAvailabilityCard({ addonId: 'communications-credits', subscriptions: [], allowedPlans: plansForAddon('communications-credits') }, demo, 'worldwide', language),
  ];
}

/** Every card, in several realistic variants, for one language. */
export function allCards(language: Language): { readonly [K in CardName]: readonly CardDataMap[K][] } {
  return {
    welcome: [welcome(language), { ...welcome(language), footer: '' }],
    help: [help(language)],
    choice: [chooseSubscription(language), chooseAddon(language), chooseSubscription(language, manySubscriptions(500), 3)],
    purchaseDetails: [
      purchaseDetails(language),
      purchaseDetails(language, 'audio-conferencing', { quantity: 10, frequency: 'yearly' }),
      purchaseDetails(language, 'extra-file-storage', { quantity: 100 }),
      purchaseDetails(language, 'communications-credits', { frequency: 'monthly' }),
    ],
    checkout: [
      checkout(language), checkout(language, STORAGE, [INVOICE]), checkout(language, PHONE_SYSTEM, []),
      { ...checkout(language), unassigned: text(BUY_TEXTS, language, 'alreadyUnassigned', { count: 6, addon: addonNoun('phone-system') }) },
    ],
    orderPlaced: [orderPlaced(language), orderPlaced(language, STORAGE)],
    notice: notices(language),
    addons: addonsCards(language),
    orders: ordersCards(language),
    changeQuantity: changeQuantityCards(language),
    confirmChange: confirmCards(language),
    availability: availabilityCards(language),
    approval: approvalCards(language),
    requestApproval: requestApprovalCards(language),
    requests: requestsCards(language),
    glance: glanceCards(language),
  };
}
