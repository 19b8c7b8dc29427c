// The buy flow's cards: purchase details, checkout, order placed.
import type { UnitKind } from '../../domain/catalog.data.js';
import type { Frequency } from '../../domain/ids.js';
import type { AdminCenterAction, ChoiceOption } from '../common.js';

export interface PurchaseDetailsCardData {
  readonly flowId: string;
  /** E.g. "Buy Phone System". */
  readonly title: string;
  /** E.g. "For Office 365 E3 (25 licenses)". */
  readonly subtitle: string;
  /** Decides the unit shown and whether the auto-assign toggle appears (per-license add-ons only). */
  readonly unit: UnitKind;
  readonly quantity: {
    readonly label: string;
    /** "licenses", "GB", "USD"… */
    readonly unitLabel: string;
    readonly min: number;
    readonly max: number;
    /** Prefilled when the utterance gave it. */
    readonly value?: number;
    readonly placeholder: string;
    readonly errorMessage: string;
  };
  readonly frequency: {
    readonly label: string;
    /** Prefilled when the utterance gave it. */
    readonly value?: Frequency;
    /** Choice titles with their per-period price, e.g. "Monthly — $9.60 per license per month". */
    readonly monthly: string;
    readonly yearly: string;
    readonly errorMessage: string;
  };
  /** Used only when unit is 'license': the toggle's label ("Auto-assign") and its title (what it does). */
  readonly autoAssign: { readonly label: string; readonly title: string; readonly value: boolean };
  readonly labels: { readonly next: string; readonly cancel: string };
}

export interface CheckoutCardData {
  readonly flowId: string;
  readonly quoteId: string;
  readonly title: string;
  /** E.g. "Review your order. Prices are valid until 10:45 AM." */
  readonly intro?: string;
  /** Formatted values; `autoAssign` omitted hides its fact (storage, credits). */
  readonly facts: {
    readonly addon: string;
    readonly baseSubscription: string;
    readonly unitPrice: string;
    /** Quantity with its unit: "10 licenses", "100 GB". */
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly autoAssign?: string;
  };
  /**
   * License add-ons only: the action that turns auto-assign on or off and quotes again (verb buy.autoAssign);
   * `value` is the state it asks for ('true' / 'false'), `title` e.g. "Turn on auto-assign".
   */
  readonly autoAssignToggle?: { readonly value: 'true' | 'false'; readonly title: string };
  /**
   * Buying more of an add-on already bought for this subscription with licenses nobody has: "You already have 6
   * unassigned Audio Conferencing licenses."; omitted or '' hides it.
   */
  readonly unassigned?: string;
  /** Saved, usable methods: "Visa •••• 4242, expires 12/2029", "Invoice"; value = payment method id. */
  readonly paymentMethods: readonly ChoiceOption[];
  readonly selectedPaymentMethodId?: string;
  /** The admin center's payment methods page for the tenant's cloud: cards are added there, never in chat. */
  readonly addCard: AdminCenterAction;
  readonly adminCenter: AdminCenterAction;
  /** A label per fact (every fact, auto-assign included), then the card's own. */
  readonly labels: { readonly [K in keyof CheckoutCardData['facts']]-?: string } & {
    readonly paymentMethod: string;
    readonly paymentPlaceholder: string;
    /** Shown instead of the list when there is no saved method. */
    readonly noPaymentMethods: string;
    /** Where a new card is added (the admin center) and that Refresh then shows it here. */
    readonly newCardNote: string;
    readonly placeOrder: string;
    readonly cancel: string;
    readonly addCard: string;
    readonly refresh: string;
  };
}

export interface OrderPlacedCardData {
  readonly title: string;
  /** E.g. "Your order is complete. Phone System is ready to assign." */
  readonly message: string;
  readonly facts: {
    readonly orderNumber: string;
    readonly addon: string;
    readonly baseSubscription: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly paymentMethod: string;
    readonly autoAssign?: string;
    readonly placedBy: string;
    readonly placedAt: string;
  };
  readonly adminCenter: AdminCenterAction;
  readonly labels: {
    readonly orderNumber: string;
    readonly addon: string;
    readonly baseSubscription: string;
    readonly quantity: string;
    readonly frequency: string;
    readonly totalPerPeriod: string;
    readonly firstCharge: string;
    readonly paymentMethod: string;
    readonly autoAssign: string;
    readonly placedBy: string;
    readonly placedAt: string;
  };
}

export function preparePurchaseDetails(d: PurchaseDetailsCardData): object {
  return {
    ...d,
    hasQuantity: d.quantity.value !== undefined,
    quantity: { ...d.quantity, value: d.quantity.value ?? 0 },
    frequency: { ...d.frequency, value: d.frequency.value ?? '' },
    autoAssignValue: d.unit === 'license' && d.autoAssign.value ? 'true' : 'false',
  };
}

export function prepareCheckout(d: CheckoutCardData): object {
  return {
    ...d,
    intro: d.intro ?? '',
    unassigned: d.unassigned ?? '',
    facts: { ...d.facts, autoAssign: d.facts.autoAssign ?? '' },
    hasAutoAssignToggle: d.autoAssignToggle !== undefined,
    autoAssignToggle: d.autoAssignToggle ?? { value: 'false', title: '' },
    selectedPaymentMethodId: d.selectedPaymentMethodId !== undefined && d.paymentMethods.some((m) => m.value === d.selectedPaymentMethodId)
      ? d.selectedPaymentMethodId : '',
  };
}

export function prepareOrderPlaced(d: OrderPlacedCardData): object {
  return { ...d, facts: { ...d.facts, autoAssign: d.facts.autoAssign ?? '' } };
}
