// Object mothers for the cards: realistic data of the demo tenant (SPEC section 8), localized and formatted the way
// the dialogs will do it (catalog names, formatMoney, formatDate, the texts of src/cards/text.ts).
import { addonName, getAddon, planName, totalPerPeriod, unitPricePerPeriod } from '../../src/domain/catalog.js';
import type { AddonId, Cloud, Frequency, Language, PlanId } from '../../src/domain/ids.js';
import type { PaymentMethod } from '../../src/domain/model.js';
import type { Money } from '../../src/domain/money.js';
import { formatDate, formatMoney } from '../../src/i18n/index.js';
import type {
  CardDataMap, CardName, CheckoutCardData, ChoiceCardData, ChoiceOption, HelpCardData, NoticeCardData, OrderPlacedCardData,
  PurchaseDetailsCardData, WelcomeCardData,
} from '../../src/cards/render.js';
import { adminCenterAction, CARD_TEXTS, fill, paymentMethodTitle, quantityWithUnit, unitLabel } from '../../src/cards/text.js';

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
  return CARD_TEXTS[language].welcome;
}

export function help(language: Language): HelpCardData {
  return CARD_TEXTS[language].help;
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
    note: fill(t.onlyEligibleSubscriptions, { addon: addonName(addon, language) }),
    options: subs.map((s) => subscriptionOption(s, language)), page, selected: subs[0]?.id,
    labels: { placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary },
  };
}

export function chooseAddon(language: Language, plan: PlanId = 'o365-e5'): ChoiceCardData {
  const t = CARD_TEXTS[language].choice;
  const addons: AddonId[] = ['audio-conferencing', 'phone-system', 'domestic-calling-plan', 'international-calling-plan', 'communications-credits', 'extra-file-storage'];
  return {
    kind: 'addon', flowId: FLOW_ID, question: t.addonQuestion,
    options: addons.map((id) => ({ title: addonName(id, language), value: id })),
    labels: { placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary },
    note: fill(t.onlyAvailableAddons, { plan: planName(plan, language) }),
  };
}

export function purchaseDetails(
  language: Language, addon: AddonId = 'phone-system', given: { quantity?: number; frequency?: Frequency } = {},
): PurchaseDetailsCardData {
  const t = CARD_TEXTS[language].purchaseDetails;
  const unit = getAddon(addon).unit;
  const one = unitLabel(unit, 1, language);
  return {
    flowId: FLOW_ID,
    title: fill(t.title, { addon: addonName(addon, language) }),
    subtitle: fill(t.subtitle, { subscription: `${planName('o365-e3', language)} (${quantityWithUnit(25, 'license', language)})` }),
    unit,
    quantity: {
      label: t.quantity, unitLabel: unitLabel(unit, 2, language), min: 1, max: getAddon(addon).maxQuantity, value: given.quantity,
      placeholder: t.quantityPlaceholder, errorMessage: fill(t.quantityError, { min: 1, max: getAddon(addon).maxQuantity }),
    },
    frequency: {
      label: t.frequency, value: given.frequency, errorMessage: t.frequencyError,
      yearly: fill(t.yearlyChoice, { price: money(unitPricePerPeriod(addon, 'USD', 'yearly'), language), unit: one }),
      monthly: fill(t.monthlyChoice, { price: money(unitPricePerPeriod(addon, 'USD', 'monthly'), language), unit: one }),
    },
    autoAssign: { title: t.autoAssign, value: true },
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
    unitPrice: money(unitPricePerPeriod(p.addon, 'USD', p.frequency), language),
    quantity: quantityWithUnit(p.quantity, getAddon(p.addon).unit, language),
    frequency: texts.frequencies[p.frequency],
    totalPerPeriod: money(totalPerPeriod(p.addon, 'USD', p.frequency, p.quantity), language),
    firstCharge: money(totalPerPeriod(p.addon, 'USD', p.frequency, p.quantity), language),
    ...(perLicense ? { autoAssign: p.autoAssign ? texts.yes : texts.no } : {}),
  };
}

export function checkout(language: Language, p: Purchase = PHONE_SYSTEM, methods: readonly PaymentMethod[] = [VISA, INVOICE]): CheckoutCardData {
  const t = CARD_TEXTS[language].checkout;
  const { title, intro, ...labels } = t;
  const time = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-US', { timeStyle: 'short', timeZone: 'UTC' })
    .format(new Date('2025-03-03T09:45:00.000Z'));
  return {
    flowId: FLOW_ID, quoteId: QUOTE_ID, title, intro: fill(intro, { time }),
    facts: purchaseFacts(p, language),
    paymentMethods: methods.map((m) => ({ title: paymentMethodTitle(m, language), value: m.id })),
    selectedPaymentMethodId: methods[0]?.id,
    addCard: { minYear: 2025, maxYear: 2045 },
    adminCenter: adminCenterAction(p.cloud, language, 'buy'),
    labels,
  };
}

export function orderPlaced(language: Language, p: Purchase = PHONE_SYSTEM): OrderPlacedCardData {
  const t = CARD_TEXTS[language].orderPlaced;
  const { title, message, ...labels } = t;
  return {
    title, message: fill(message, { addon: addonName(p.addon, language) }),
    facts: {
      orderNumber: 'ORD-2025-000137',
      ...purchaseFacts(p, language),
      paymentMethod: paymentMethodTitle(VISA, language),
      placedBy: 'Megan Bowen',
      placedAt: formatDate('2025-03-03T09:31:12.000Z', language),
    },
    adminCenter: adminCenterAction(p.cloud, language, 'manage'),
    labels,
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
    checkout: [checkout(language), checkout(language, STORAGE, [INVOICE]), checkout(language, PHONE_SYSTEM, [])],
    orderPlaced: [orderPlaced(language), orderPlaced(language, STORAGE)],
    notice: notices(language),
  };
}
