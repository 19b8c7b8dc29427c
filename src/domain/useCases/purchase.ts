// Quote → place order. The price is always computed here; a quote is bound to tenant, caller and content for
// 15 minutes, and an order is placed exactly once per quote.
import { checkQuantity, getAddon, isSupportedCurrency, totalPerPeriod, unitPricePerPeriod } from '../catalog.js';
import { fail } from '../errors.js';
import { FREQUENCIES, isAddonId, type AddonId, type Frequency, type PlanId } from '../ids.js';
import type { Order, PaymentMethod, PurchaseQuote, Subscription, Tenant } from '../model.js';
import { sameMoney, type Money } from '../money.js';
import type { WriteOp } from '../ports.js';
import { iso, termEndFrom } from '../time.js';
import { insertOp } from '../writes.js';
import { activeSubscriptions, requireEligibleBase } from './eligibility.js';
import {
  auditOp, checkQuoteFresh, executeOnce, isId, loadBuyer, loadCaller, loadQuote, newQuoteTimes, outcomeOfKind, saveQuote,
  type Caller, type Deps, type Executed,
} from './context.js';

export interface PurchaseInput {
  readonly addonId: unknown;
  readonly baseSubscriptionId: unknown;
  readonly quantity: unknown;
  readonly frequency: unknown;
  readonly autoAssign?: unknown;
}

interface PurchaseTerms {
  readonly addonId: AddonId;
  readonly base: Subscription;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly autoAssign: boolean;
}

function checkFrequency(value: unknown): Frequency {
  if (typeof value !== 'string' || !(FREQUENCIES as readonly string[]).includes(value)) return fail('invalid_input', { field: 'frequency' });
  return value as Frequency;
}

async function checkTerms(deps: Deps, tenant: Tenant, input: PurchaseInput): Promise<PurchaseTerms & { planId: PlanId }> {
  if (!isAddonId(input.addonId)) return fail('not_found', { what: 'addon' });
  const addonId = input.addonId;
  const quantity = checkQuantity(addonId, input.quantity);
  const frequency = checkFrequency(input.frequency);
  if (input.autoAssign !== undefined && typeof input.autoAssign !== 'boolean') return fail('invalid_input', { field: 'autoAssign' });
  if (!isSupportedCurrency(tenant.currency)) return fail('currency_not_supported', { currency: tenant.currency });
  const { base, plan } = await requireEligibleBase(deps, tenant.id, addonId, input.baseSubscriptionId);
  // Only per-user licenses can be assigned; storage and prepaid credits cannot.
  const autoAssign = getAddon(addonId).unit === 'license' && input.autoAssign === true;
  return { addonId, base, quantity, frequency, autoAssign, planId: plan };
}

function price(tenant: Tenant, terms: PurchaseTerms): { unitPrice: Money; totalPerPeriod: Money; firstCharge: Money } {
  const unitPrice = unitPricePerPeriod(terms.addonId, tenant.currency, terms.frequency);
  const total = totalPerPeriod(terms.addonId, tenant.currency, terms.frequency, terms.quantity);
  // Yearly bills the whole year up front; monthly bills the first month now. Either way the first charge is one period.
  return { unitPrice, totalPerPeriod: total, firstCharge: total };
}

/** Any user of the tenant may get a quote (a user without purchase rights turns it into a request). */
export async function quotePurchase(deps: Deps, caller: Caller, input: PurchaseInput): Promise<PurchaseQuote> {
  const { tenant } = await loadCaller(deps, caller);
  const terms = await checkTerms(deps, tenant, input);
  const { createdAt, expiresAt } = newQuoteTimes(deps);
  const quote: PurchaseQuote = {
    id: deps.ids.next('QUO'), tenantId: tenant.id, callerId: caller.userId, createdAt, expiresAt, kind: 'purchase',
    addonId: terms.addonId, baseSubscriptionId: terms.base.id, planId: terms.planId, quantity: terms.quantity,
    frequency: terms.frequency, autoAssign: terms.autoAssign, ...price(tenant, terms), termStart: createdAt,
    termEnd: termEndFrom(createdAt, terms.frequency),
  };
  return saveQuote(deps, quote);
}

/** What the checkout card showed; a mismatch with the stored quote means the payload was altered. */
export interface ExpectedPurchase {
  readonly addonId?: unknown;
  readonly quantity?: unknown;
  readonly frequency?: unknown;
  readonly totalPerPeriod?: unknown;
}

export interface PlaceOrderInput {
  readonly quoteId: unknown;
  readonly paymentMethodId: unknown;
  readonly expected?: ExpectedPurchase;
}

export interface PlacedOrder extends Executed<{ kind: 'order_placed'; orderId: string; subscriptionId: string; addonId: AddonId }> {
  readonly order: Order;
}

export async function requirePaymentMethod(deps: Deps, tenantId: string, id: unknown): Promise<PaymentMethod> {
  if (id === undefined || id === null || id === '') return fail('payment_method_required');
  if (!isId(id)) return fail('invalid_payment_method');
  const row = await deps.store.get(tenantId, 'payment_method', id);
  if (!row) return fail('invalid_payment_method');
  const pm = row.value;
  if (!isUsable(pm, deps.clock.now())) return fail('card_expired', { last4: pm.kind === 'card' ? pm.last4 : '' });
  return pm;
}

/** A card is valid through the last day of its expiry month; an invoice always is. */
export function isUsable(pm: PaymentMethod, now: Date): boolean {
  return pm.kind !== 'card' || Date.UTC(pm.expYear, pm.expMonth, 1) > now.getTime();
}

/** What an order needs from a quote (a checkout quote, or the price recomputed when a request is approved). */
export type OrderTerms = Pick<PurchaseQuote, 'id' | 'addonId' | 'baseSubscriptionId' | 'quantity' | 'frequency' | 'autoAssign' | 'unitPrice' | 'totalPerPeriod' | 'firstCharge'>;

function checkExpected(quote: PurchaseQuote, expected: ExpectedPurchase | undefined): void {
  if (!expected) return;
  const total = expected.totalPerPeriod;
  const altered =
    (expected.addonId !== undefined && expected.addonId !== quote.addonId) ||
    (expected.quantity !== undefined && expected.quantity !== quote.quantity) ||
    (expected.frequency !== undefined && expected.frequency !== quote.frequency) ||
    (total !== undefined && !(isMoney(total) && sameMoney(total, quote.totalPerPeriod)));
  if (altered) fail('quote_altered');
}

function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'number' &&
    typeof (v as { currency?: unknown }).currency === 'string';
}

/** Licenses of this add-on that can go to users of the base who have none yet. */
async function autoAssignCount(deps: Deps, tenantId: string, terms: Pick<PurchaseTerms, 'addonId' | 'base' | 'quantity' | 'autoAssign'>): Promise<number> {
  if (!terms.autoAssign) return 0;
  const sameAddon = (await activeSubscriptions(deps, tenantId, 'addon'))
    .filter((s) => s.productId === terms.addonId && s.baseSubscriptionId === terms.base.id);
  const alreadyCovered = sameAddon.reduce((n, s) => n + s.assigned, 0);
  return Math.max(0, Math.min(terms.quantity, terms.base.assigned - alreadyCovered));
}

/** The writes of a new standalone add-on subscription and its order; shared by checkout and request approval. */
export async function orderWrites(
  deps: Deps, tenant: Tenant, placedBy: string, quote: OrderTerms, paymentMethodId: string, requestId: string | null,
): Promise<{ order: Order; writes: WriteOp[] }> {
  const { base } = await requireEligibleBase(deps, tenant.id, quote.addonId, quote.baseSubscriptionId);
  const now = iso(deps.clock.now());
  const autoAssigned = await autoAssignCount(deps, tenant.id, { ...quote, base });
  const subscription: Subscription = {
    id: deps.ids.next('SUB'), tenantId: tenant.id, productId: quote.addonId, kind: 'standalone', baseSubscriptionId: base.id,
    quantity: quote.quantity, assigned: autoAssigned, frequency: quote.frequency, termStart: now,
    termEnd: termEndFrom(now, quote.frequency), recurringBilling: true, status: 'active', purchasedAt: now, scheduledChange: null,
  };
  const order: Order = {
    id: deps.ids.next('ORD'), tenantId: tenant.id, quoteId: quote.id, requestId, subscriptionId: subscription.id,
    addonId: quote.addonId, baseSubscriptionId: base.id, quantity: quote.quantity, frequency: quote.frequency, autoAssigned,
    paymentMethodId, unitPrice: quote.unitPrice, totalPerPeriod: quote.totalPerPeriod, firstCharge: quote.firstCharge,
    placedBy, placedAt: now,
  };
  const writes = [
    insertOp('subscription', subscription),
    insertOp('order', order),
    auditOp(deps, { tenantId: tenant.id, actorId: placedBy, action: 'order.place', targetId: order.id, before: null,
      after: { order, subscription }, idempotencyKey: `quote:${quote.id}` }),
  ];
  return { order, writes };
}

export async function placeOrder(deps: Deps, caller: Caller, input: PlaceOrderInput): Promise<PlacedOrder> {
  const { tenant } = await loadBuyer(deps, caller);
  const quote = await loadQuote(deps, caller, input.quoteId, 'purchase');
  const executed = await executeOnce(deps, tenant.id, `quote:${quote.id}`, async () => {
    checkQuoteFresh(deps, quote);
    checkExpected(quote, input.expected);
    // The payment method and the base are read together (one round trip); a bad payment method is still told first.
    const [method, base] = await Promise.allSettled([
      requirePaymentMethod(deps, tenant.id, input.paymentMethodId), requireEligibleBase(deps, tenant.id, quote.addonId, quote.baseSubscriptionId),
    ]);
    if (method.status === 'rejected') throw method.reason;
    if (base.status === 'rejected') throw base.reason;
    const { order, writes } = await orderWrites(deps, tenant, caller.userId, quote, method.value.id, null);
    return { outcome: { kind: 'order_placed' as const, orderId: order.id, subscriptionId: order.subscriptionId, addonId: order.addonId }, writes };
  }, outcomeOfKind('order_placed'));
  const order = await deps.store.get(tenant.id, 'order', executed.outcome.orderId);
  if (!order) return fail('not_found', { what: 'order' });
  return { ...executed, order: order.value };
}
