// Change quantity (traditional) / add or remove licenses (standalone): increases any time, charged prorated to the
// term end; reductions never below the assigned count, now only within 7 days of purchase or renewal and only
// while recurring billing is on, otherwise scheduled for the next renewal.
import { checkQuantity, totalPerPeriod } from '../catalog.js';
import { fail } from '../errors.js';
import { isAddonId, type AddonId } from '../ids.js';
import type { QuantityQuote, Subscription, Tenant } from '../model.js';
import type { ClaimOutcome } from '../outcomes.js';
import { negate, prorate, subtract, zero } from '../money.js';
import { iso, remainingDays, termDays, withinRefundWindow } from '../time.js';
import { updateOp } from '../writes.js';
import {
  auditOp, checkQuoteFresh, executeOnce, loadBuyer, loadQuote, loadSubscription, newQuoteTimes, outcomeOfKind, saveQuote,
  type Caller, type Deps, type Executed,
} from './context.js';

export interface QuantityChangeInput {
  readonly subscriptionId: unknown;
  readonly newQuantity: unknown;
}

type Proposal = Omit<QuantityQuote, 'id' | 'tenantId' | 'callerId' | 'createdAt' | 'expiresAt' | 'kind'>;

export function addonOf(sub: Subscription): AddonId {
  if (sub.kind === 'base' || !isAddonId(sub.productId)) return fail('not_an_addon_subscription');
  return sub.productId;
}

/** The rules, on a subscription as it is now. */
export function proposeChange(tenant: Tenant, sub: Subscription, newQuantity: unknown, now: Date): Proposal {
  const addonId = addonOf(sub);
  if (sub.status !== 'active') return fail('not_active', { status: sub.status });
  const toQuantity = checkQuantity(addonId, newQuantity);
  if (toQuantity === sub.quantity) return fail('no_change', { quantity: sub.quantity });
  if (toQuantity < sub.assigned) return fail('below_assigned', { assigned: sub.assigned, requested: toQuantity });
  const before = totalPerPeriod(addonId, tenant.currency, sub.frequency, sub.quantity);
  const after = totalPerPeriod(addonId, tenant.currency, sub.frequency, toQuantity);
  const common = { subscriptionId: sub.id, fromQuantity: sub.quantity, toQuantity, totalPerPeriodBefore: before, totalPerPeriodAfter: after };
  const left = remainingDays(now, sub.termStart, sub.termEnd);
  const days = termDays(sub.termStart, sub.termEnd);
  if (toQuantity > sub.quantity) {
    return { ...common, effect: 'now', effectiveAt: iso(now), amountNow: prorate(subtract(after, before), left, days) };
  }
  if (!sub.recurringBilling) return fail('recurring_billing_off', { termEnd: sub.termEnd });
  if (withinRefundWindow(now, sub.termStart)) {
    return { ...common, effect: 'now', effectiveAt: iso(now), amountNow: negate(prorate(subtract(before, after), left, days)) };
  }
  return { ...common, effect: 'at_renewal', effectiveAt: sub.termEnd, amountNow: zero(tenant.currency) };
}

export async function proposeQuantityChange(deps: Deps, caller: Caller, input: QuantityChangeInput): Promise<QuantityQuote> {
  const { tenant } = await loadBuyer(deps, caller);
  const { sub } = await loadSubscription(deps, tenant.id, input.subscriptionId);
  const proposal = proposeChange(tenant, sub, input.newQuantity, deps.clock.now());
  return saveQuote(deps, { ...proposal, id: deps.ids.next('QUO'), tenantId: tenant.id, callerId: caller.userId,
    ...newQuoteTimes(deps), kind: 'quantity' });
}

export type QuantityChanged = Executed<Extract<ClaimOutcome, { kind: 'quantity_changed' }>>;

export async function confirmQuantityChange(deps: Deps, caller: Caller, quoteId: unknown): Promise<QuantityChanged> {
  const { tenant } = await loadBuyer(deps, caller);
  const quote = await loadQuote(deps, caller, quoteId, 'quantity');
  return executeOnce(deps, tenant.id, `quote:${quote.id}`, async () => {
    checkQuoteFresh(deps, quote);
    const { sub, version, stored } = await loadSubscription(deps, tenant.id, quote.subscriptionId);
    const now = deps.clock.now();
    // The subscription may have changed since the card was shown: the same kind of change must still hold. The amount
    // stays the quoted one (computed here 15 minutes ago at most), so crossing midnight does not invalidate the card.
    const fresh = proposeChange(tenant, sub, quote.toQuantity, now);
    if (fresh.fromQuantity !== quote.fromQuantity || fresh.effect !== quote.effect) {
      return fail('quote_stale', { reason: 'subscription_changed' });
    }
    const updated: Subscription = quote.effect === 'now'
      ? { ...sub, quantity: quote.toQuantity }
      : { ...sub, scheduledChange: { quantity: quote.toQuantity, effectiveAt: sub.termEnd, scheduledBy: caller.userId, scheduledAt: iso(now) } };
    const outcome = { kind: 'quantity_changed' as const, subscriptionId: sub.id, fromQuantity: quote.fromQuantity,
      toQuantity: quote.toQuantity, effect: quote.effect, effectiveAt: fresh.effectiveAt, amountNow: quote.amountNow };
    return { outcome, writes: [
      updateOp('subscription', updated, version),
      auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: quote.effect === 'now' ? 'quantity.change' : 'quantity.schedule',
        targetId: sub.id, before: stored, after: updated, idempotencyKey: `quote:${quote.id}` }),
    ] };
  }, outcomeOfKind('quantity_changed'));
}
