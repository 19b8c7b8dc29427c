// Card data of the buy flow: domain objects turned into the localized, formatted data the templates expect
// (src/cards/render.ts). Presentation only: prices come from the domain's quote or catalog, never from a payload.
import type { ChoiceCardData, ChoiceOption } from '../../cards/common.js';
import type { CheckoutCardData, OrderPlacedCardData, PurchaseDetailsCardData } from '../../cards/data/buy.js';
import { adminCenterAction, CARD_TEXTS, fill, paymentMethodTitle, quantityWithUnit, rangeBounds, unitLabel } from '../../cards/text.js';
import { BUY_CARD_TEXTS } from './cardTexts.js';
import { type SupportedCurrency } from '../../domain/catalog.data.js';
import { addonName, getAddon, planName, unitPricePerPeriod } from '../../domain/catalog.js';
import { type AddonId, type Cloud, type Frequency, type Language } from '../../domain/ids.js';
import type { Order, PaymentMethod, Subscription } from '../../domain/model.js';
import { formatDate, formatTimeUtc, LOCALES } from '../../i18n/formats.js';
import { type BaseView, type QuoteView, baseTitle, subscriptionTitle } from '../../conversation/views.js';
import { money } from '../../i18n/formats.js';
import { text } from '../../i18n/text.js';
import { addonNoun } from '../../i18n/nouns.js';
import { BUY_TEXTS, totalLabel, unitPriceText } from './texts.js';

function choiceLabels(language: Language, choice: 'subscriptionLabel' | 'addonLabel'): ChoiceCardData['labels'] {
  const t = CARD_TEXTS[language].choice;
  return {
    choice: text(BUY_TEXTS, language, choice),
    placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary,
  };
}

export function subscriptionChoice(
  flowId: string, subs: readonly Subscription[], language: Language, view: { addonId?: AddonId; page?: number; selected?: string },
): ChoiceCardData {
  const t = CARD_TEXTS[language].choice;
  return {
    kind: 'subscription', flowId, question: t.subscriptionQuestion,
    note: view.addonId ? text(BUY_TEXTS, language, 'onlyEligibleSubscriptions', { addon: addonNoun(view.addonId) }) : '',
    options: subs.map((s): ChoiceOption => ({ title: subscriptionTitle(s, language), value: s.id })),
    page: view.page ?? 0, selected: view.selected, labels: choiceLabels(language, 'subscriptionLabel'),
  };
}

export function addonChoice(
  flowId: string, addons: readonly AddonId[], base: BaseView, language: Language, view: { page?: number; selected?: string },
): ChoiceCardData {
  const t = CARD_TEXTS[language].choice;
  const plan = planName(base.planId, language);
  return {
    kind: 'addon', flowId, question: t.addonQuestion, note: fill(t.onlyAvailableAddons, { plan }),
    options: addons.map((id): ChoiceOption => ({ title: addonName(id, language), value: id })),
    page: view.page ?? 0, selected: view.selected, labels: choiceLabels(language, 'addonLabel'),
  };
}

export interface DetailsPrefill {
  readonly quantity?: number;
  readonly frequency?: Frequency;
  readonly autoAssign?: boolean;
}

export function purchaseDetails(
  flowId: string, addonId: AddonId, base: BaseView, currency: SupportedCurrency, language: Language, prefill: DetailsPrefill,
): PurchaseDetailsCardData {
  const t = BUY_CARD_TEXTS[language].purchaseDetails;
  const { unit, quantity: range } = getAddon(addonId);
  const one = unitLabel(unit, 1, language);
  return {
    flowId,
    title: text(BUY_TEXTS, language, 'buyTitle', { addon: addonNoun(addonId) }),
    subtitle: fill(t.subtitle, { subscription: baseTitle(base, language) }),
    unit,
    quantity: {
      label: t.quantity, unitLabel: unitLabel(unit, 2, language), min: range.min, max: range.max, value: prefill.quantity,
      placeholder: text(BUY_TEXTS, language, 'quantityPlaceholder', range), errorMessage: fill(t.quantityError, rangeBounds(range, language)),
    },
    frequency: {
      label: t.frequency, value: prefill.frequency, errorMessage: t.frequencyError,
      yearly: fill(t.yearlyChoice, { price: money(unitPricePerPeriod(addonId, currency, 'yearly'), language), unit: one }),
      monthly: fill(t.monthlyChoice, { price: money(unitPricePerPeriod(addonId, currency, 'monthly'), language), unit: one }),
    },
    autoAssign: { label: text(BUY_TEXTS, language, 'autoAssignLabel'), title: t.autoAssign, value: prefill.autoAssign ?? false },
    labels: { next: t.next, cancel: t.cancel },
  };
}

function timeOfDay(iso: string, language: Language, timeZone: string | undefined): string {
  // With the zone's name ("6:44 PM UTC", "18:44 UTC+1"): the admin may be anywhere.
  if (timeZone && timeZone !== 'UTC') {
    try {
      return new Intl.DateTimeFormat(LOCALES[language], { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
    } catch {
      // Not an IANA zone this runtime knows: fall back to UTC.
    }
  }
  return formatTimeUtc(iso, language);
}

function purchaseFacts(quote: Pick<QuoteView, 'addonId' | 'quantity' | 'frequency' | 'autoAssign' | 'totalPerPeriod' | 'firstCharge'>, base: BaseView, language: Language) {
  const texts = CARD_TEXTS[language];
  const { unit } = getAddon(quote.addonId);
  return {
    addon: addonName(quote.addonId, language),
    baseSubscription: baseTitle(base, language),
    quantity: quantityWithUnit(quote.quantity, unit, language),
    frequency: texts.frequencies[quote.frequency],
    totalPerPeriod: money(quote.totalPerPeriod, language),
    firstCharge: money(quote.firstCharge, language),
    ...(unit === 'license' ? { autoAssign: text(BUY_TEXTS, language, quote.autoAssign ? 'autoAssignOn' : 'autoAssignOff') } : {}),
  };
}

export function checkout(input: {
  readonly flowId: string;
  readonly quote: QuoteView;
  readonly base: BaseView;
  readonly methods: readonly PaymentMethod[];
  readonly selected?: string;
  readonly cloud: Cloud;
  readonly language: Language;
  readonly timeZone?: string;
  /** Licenses of this add-on already bought for this subscription and not assigned (read from the ledger). */
  readonly unassigned?: number;
}): CheckoutCardData {
  const { quote, language } = input;
  const { title, intro, ...labels } = BUY_CARD_TEXTS[language].checkout;
  const { unit } = getAddon(quote.addonId);
  return {
    flowId: input.flowId, quoteId: quote.id, title,
    intro: fill(intro, { time: timeOfDay(quote.expiresAt, language, input.timeZone) }),
    facts: { ...purchaseFacts(quote, input.base, language), unitPrice: unitPriceText(quote.unitPrice, unit, quote.frequency, language) },
    ...(unit === 'license' ? {
      autoAssignToggle: {
        value: quote.autoAssign ? 'false' : 'true',
        title: text(BUY_TEXTS, language, quote.autoAssign ? 'turnOffAutoAssign' : 'turnOnAutoAssign'),
      },
    } : {}),
    ...(input.unassigned !== undefined && input.unassigned > 0
      ? { unassigned: text(BUY_TEXTS, language, 'alreadyUnassigned', { count: input.unassigned, addon: addonNoun(quote.addonId) }) }
      : {}),
    paymentMethods: input.methods.map((m): ChoiceOption => ({ title: paymentMethodTitle(m, language), value: m.id })),
    selectedPaymentMethodId: input.selected ?? input.methods[0]?.id,
    addCard: adminCenterAction(input.cloud, language, 'payment'),
    adminCenter: adminCenterAction(input.cloud, language, 'buy'),
    labels: { ...labels, totalPerPeriod: totalLabel(quote.frequency, language) },
  };
}

export function orderPlaced(input: {
  readonly order: Order;
  readonly base: BaseView;
  readonly method: PaymentMethod | undefined;
  readonly placedBy: string;
  readonly cloud: Cloud;
  readonly language: Language;
}): OrderPlacedCardData {
  const { order, language } = input;
  const { title, ...labels } = CARD_TEXTS[language].orderPlaced;
  const unit = getAddon(order.addonId).unit;
  const facts = purchaseFacts({ ...order, autoAssign: order.autoAssigned > 0 }, input.base, language);
  return {
    title, message: text(BUY_TEXTS, language, 'orderComplete', { addon: addonNoun(order.addonId) }),
    facts: {
      orderNumber: order.id,
      ...facts,
      ...(unit === 'license' ? { autoAssign: quantityWithUnit(order.autoAssigned, unit, language) } : {}),
      paymentMethod: input.method ? paymentMethodTitle(input.method, language) : order.paymentMethodId,
      placedBy: input.placedBy,
      placedAt: formatDate(order.placedAt, language),
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { ...labels, totalPerPeriod: totalLabel(order.frequency, language) },
  };
}
