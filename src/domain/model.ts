// The billing domain's entities. Dates are ISO-8601 UTC strings so every store keeps them byte-for-byte.
import type { SupportedCurrency } from './catalog.data.js';
import type { AddonId, Cloud, Frequency, PlanId, ProductId, Role } from './ids.js';
import type { Money } from './money.js';

export type IsoDate = string;

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly cloud: Cloud;
  readonly currency: SupportedCurrency;
  readonly createdAt: IsoDate;
  /** Set while the tenants file no longer lists it: refused, its data kept; cleared when it is listed again. */
  readonly removedAt?: IsoDate;
}

export interface User {
  readonly id: string; // Entra object id
  readonly tenantId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly licensed: boolean;
  /** Set (and roles emptied) when the tenants file no longer lists them: no rights, their history kept. */
  readonly removedAt?: IsoDate;
  /** Set when they said "stop reminders": the bot sends them no nudge until they say "start reminders". */
  readonly remindersOffAt?: IsoDate;
}

export type PaymentMethod =
  | { readonly id: string; readonly tenantId: string; readonly kind: 'card'; readonly brand: string; readonly last4: string;
      readonly expMonth: number; readonly expYear: number; readonly addedAt: IsoDate }
  | { readonly id: string; readonly tenantId: string; readonly kind: 'invoice'; readonly addedAt: IsoDate };

/** base: a plan; traditional: an add-on inside a base subscription; standalone: an add-on subscription of its own. */
export type SubscriptionKind = 'base' | 'traditional' | 'standalone';
export type SubscriptionStatus = 'active' | 'expired' | 'disabled' | 'canceled';

export interface ScheduledChange {
  readonly quantity: number;
  readonly effectiveAt: IsoDate;
  readonly scheduledBy: string;
  readonly scheduledAt: IsoDate;
}

export interface Subscription {
  readonly id: string;
  readonly tenantId: string;
  readonly productId: ProductId;
  readonly kind: SubscriptionKind;
  /** For add-ons: the base subscription it was bought for (traditional add-ons live and end with it). */
  readonly baseSubscriptionId: string | null;
  readonly quantity: number;
  readonly assigned: number;
  readonly frequency: Frequency;
  readonly termStart: IsoDate;
  readonly termEnd: IsoDate;
  readonly recurringBilling: boolean;
  readonly status: SubscriptionStatus;
  readonly purchasedAt: IsoDate;
  readonly scheduledChange: ScheduledChange | null;
}

export interface Order {
  readonly id: string; // the order number shown to the admin
  readonly tenantId: string;
  readonly quoteId: string;
  readonly requestId: string | null;
  readonly subscriptionId: string;
  readonly addonId: AddonId;
  readonly baseSubscriptionId: string;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly autoAssigned: number;
  readonly paymentMethodId: string;
  readonly unitPrice: Money;
  readonly totalPerPeriod: Money;
  readonly firstCharge: Money;
  readonly placedBy: string;
  readonly placedAt: IsoDate;
}

interface QuoteBase {
  readonly id: string;
  readonly tenantId: string;
  readonly callerId: string;
  readonly createdAt: IsoDate;
  readonly expiresAt: IsoDate;
}

export interface PurchaseQuote extends QuoteBase {
  readonly kind: 'purchase';
  readonly addonId: AddonId;
  readonly baseSubscriptionId: string;
  readonly planId: PlanId;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly autoAssign: boolean;
  readonly unitPrice: Money; // per unit per billing period
  readonly totalPerPeriod: Money;
  readonly firstCharge: Money;
  readonly termStart: IsoDate;
  readonly termEnd: IsoDate;
}

/** A quantity change: "now" charges or refunds prorated; "at_renewal" only schedules it. */
export interface QuantityQuote extends QuoteBase {
  readonly kind: 'quantity';
  readonly subscriptionId: string;
  readonly fromQuantity: number;
  readonly toQuantity: number;
  readonly effect: 'now' | 'at_renewal';
  readonly effectiveAt: IsoDate;
  readonly totalPerPeriodBefore: Money;
  readonly totalPerPeriodAfter: Money;
  /** Positive: charged now; negative: refunded now; zero when scheduled. */
  readonly amountNow: Money;
}

export interface CancellationQuote extends QuoteBase {
  readonly kind: 'cancellation';
  readonly subscriptionId: string;
  readonly paidForTerm: Money;
  readonly refund: Money; // positive amount given back
  readonly kept: Money; // paidForTerm - refund
}

export interface RecurringBillingQuote extends QuoteBase {
  readonly kind: 'recurring_billing';
  readonly subscriptionId: string;
  readonly turnOn: boolean;
  readonly termEnd: IsoDate;
  /** The change scheduled for renewal that turning recurring billing off cancels. */
  readonly cancelsScheduledChange: ScheduledChange | null;
}

export interface SupportRequestQuote extends QuoteBase {
  readonly kind: 'support_request';
  readonly subscriptionId: string;
}

export type Quote = PurchaseQuote | QuantityQuote | CancellationQuote | RecurringBillingQuote | SupportRequestQuote;
export type QuoteKind = Quote['kind'];

export type PurchaseRequestStatus = 'pending' | 'approved' | 'rejected' | 'canceled' | 'expired';

export interface PurchaseRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly requesterId: string;
  readonly quoteId: string;
  readonly addonId: AddonId;
  readonly baseSubscriptionId: string;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly autoAssign: boolean;
  readonly justification: string;
  /** The total the requester saw; approval recomputes the price at its own time. */
  readonly quotedTotalPerPeriod: Money;
  readonly status: PurchaseRequestStatus;
  readonly createdAt: IsoDate;
  readonly expiresAt: IsoDate;
  readonly decidedBy: string | null;
  readonly decidedAt: IsoDate | null;
  readonly comment: string;
  readonly orderId: string | null;
}

export interface SupportRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly subscriptionId: string;
  readonly openedBy: string;
  readonly openedAt: IsoDate;
  readonly topic: 'remove_traditional_addon';
}

export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly at: IsoDate;
  readonly actorId: string;
  readonly action: string;
  readonly targetId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly idempotencyKey: string | null;
}
