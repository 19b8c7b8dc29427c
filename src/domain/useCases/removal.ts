// Remove an add-on: a standalone one can be canceled within 7 days of its start or renewal (prorated refund); after
// that only recurring billing can be turned off (it stays active to its end date); a traditional one cannot be
// removed by an admin, so a support request is offered. Also: turn recurring billing on or off.
import { totalPerPeriod } from '../catalog.js';
import { fail } from '../errors.js';
import type { CancellationQuote, RecurringBillingQuote, Subscription, SupportRequest, SupportRequestQuote, Tenant } from '../model.js';
import type { ClaimOutcome } from '../outcomes.js';
import { prorate, subtract } from '../money.js';
import { iso, remainingDays, termDays, withinRefundWindow } from '../time.js';
import { insertOp, updateOp } from '../writes.js';
import {
  auditOp, checkQuoteFresh, executeOnce, loadBuyer, loadQuote, loadSubscription, newQuoteTimes, outcomeOfKind, saveQuote,
  type Caller, type Deps, type Executed,
} from './context.js';
import { addonOf } from './quantity.js';

export type RemovalProposal =
  | { readonly kind: 'cancellation'; readonly quote: CancellationQuote }
  | { readonly kind: 'recurring_billing_off'; readonly quote: RecurringBillingQuote }
  | { readonly kind: 'support_request'; readonly quote: SupportRequestQuote }
  /** Outside the window with recurring billing already off: nothing to do, it ends on `termEnd`. */
  | { readonly kind: 'already_ending'; readonly subscription: Subscription };

function refundFor(tenant: Tenant, sub: Subscription, now: Date) {
  const paidForTerm = totalPerPeriod(addonOf(sub), tenant.currency, sub.frequency, sub.quantity);
  const refund = prorate(paidForTerm, remainingDays(now, sub.termStart, sub.termEnd), termDays(sub.termStart, sub.termEnd));
  return { paidForTerm, refund, kept: subtract(paidForTerm, refund) };
}

function quoteHeader(deps: Deps, tenant: Tenant, caller: Caller) {
  return { id: deps.ids.next('QUO'), tenantId: tenant.id, callerId: caller.userId, ...newQuoteTimes(deps) };
}

function recurringQuote(deps: Deps, tenant: Tenant, caller: Caller, sub: Subscription, turnOn: boolean): RecurringBillingQuote {
  addonOf(sub);
  if (sub.status !== 'active') return fail('not_active', { status: sub.status });
  if (sub.kind === 'traditional') return fail('traditional_follows_base');
  if (sub.recurringBilling === turnOn) return fail('recurring_billing_already', { on: turnOn ? 1 : 0, termEnd: sub.termEnd });
  return { ...quoteHeader(deps, tenant, caller), kind: 'recurring_billing', subscriptionId: sub.id, turnOn, termEnd: sub.termEnd,
    cancelsScheduledChange: turnOn ? null : sub.scheduledChange };
}

type RemovalKind = RemovalProposal['kind'];

/** What "remove" can mean for this add-on now, by the rules of SPEC section 2. */
function removalKind(sub: Subscription, now: Date): RemovalKind {
  addonOf(sub);
  if (sub.status !== 'active') return fail('not_active', { status: sub.status });
  if (sub.kind === 'traditional') return 'support_request';
  if (withinRefundWindow(now, sub.termStart)) return 'cancellation';
  return sub.recurringBilling ? 'recurring_billing_off' : 'already_ending';
}

/** Works out what "remove" can mean for this add-on now, and quotes it. */
export async function proposeRemoval(deps: Deps, caller: Caller, subscriptionId: unknown): Promise<RemovalProposal> {
  const { tenant } = await loadBuyer(deps, caller);
  const { sub } = await loadSubscription(deps, tenant.id, subscriptionId);
  const now = deps.clock.now();
  switch (removalKind(sub, now)) {
    case 'support_request':
      return { kind: 'support_request', quote: await saveQuote(deps, { ...quoteHeader(deps, tenant, caller), kind: 'support_request', subscriptionId: sub.id }) };
    case 'cancellation':
      return { kind: 'cancellation', quote: await saveQuote(deps, { ...quoteHeader(deps, tenant, caller), kind: 'cancellation',
        subscriptionId: sub.id, ...refundFor(tenant, sub, now) }) };
    case 'recurring_billing_off':
      return { kind: 'recurring_billing_off', quote: await saveQuote(deps, recurringQuote(deps, tenant, caller, sub, false)) };
    case 'already_ending':
      return { kind: 'already_ending', subscription: sub };
  }
}

/** Cancel with refund, failing with the reason (and saving nothing) when the rules do not allow it. */
export async function proposeCancellation(deps: Deps, caller: Caller, subscriptionId: unknown): Promise<CancellationQuote> {
  const { tenant } = await loadBuyer(deps, caller);
  const { sub } = await loadSubscription(deps, tenant.id, subscriptionId);
  const now = deps.clock.now();
  const kind = removalKind(sub, now);
  if (kind === 'support_request') return fail('traditional_not_removable');
  if (kind !== 'cancellation') return fail('outside_refund_window', { termEnd: sub.termEnd });
  return saveQuote(deps, { ...quoteHeader(deps, tenant, caller), kind: 'cancellation', subscriptionId: sub.id, ...refundFor(tenant, sub, now) });
}

export async function proposeRecurringBilling(deps: Deps, caller: Caller, input: { subscriptionId: unknown; turnOn: unknown }): Promise<RecurringBillingQuote> {
  const { tenant } = await loadBuyer(deps, caller);
  if (typeof input.turnOn !== 'boolean') return fail('invalid_input', { field: 'turnOn' });
  const { sub } = await loadSubscription(deps, tenant.id, input.subscriptionId);
  return saveQuote(deps, recurringQuote(deps, tenant, caller, sub, input.turnOn));
}

export type Canceled = Executed<Extract<ClaimOutcome, { kind: 'subscription_canceled' }>>;
export type RecurringBillingSet = Executed<Extract<ClaimOutcome, { kind: 'recurring_billing_set' }>>;
export type SupportRequestOpened = Executed<Extract<ClaimOutcome, { kind: 'support_request_opened' }>>;

export async function confirmCancellation(deps: Deps, caller: Caller, quoteId: unknown): Promise<Canceled> {
  const { tenant } = await loadBuyer(deps, caller);
  const quote = await loadQuote(deps, caller, quoteId, 'cancellation');
  return executeOnce(deps, tenant.id, `quote:${quote.id}`, async () => {
    checkQuoteFresh(deps, quote);
    const { sub, version, stored } = await loadSubscription(deps, tenant.id, quote.subscriptionId);
    const now = deps.clock.now();
    if (sub.status !== 'active') return fail('not_active', { status: sub.status });
    if (sub.kind === 'traditional') return fail('traditional_not_removable');
    if (!withinRefundWindow(now, sub.termStart)) return fail('outside_refund_window', { termEnd: sub.termEnd });
    // A quantity changed since the card was shown changes what was paid: the quoted refund no longer holds.
    if (refundFor(tenant, sub, now).paidForTerm.amount !== quote.paidForTerm.amount) return fail('quote_stale', { reason: 'subscription_changed' });
    const updated: Subscription = { ...sub, status: 'canceled', recurringBilling: false, scheduledChange: null };
    return { outcome: { kind: 'subscription_canceled' as const, subscriptionId: sub.id, refund: quote.refund }, writes: [
      updateOp('subscription', updated, version),
      auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: 'subscription.cancel', targetId: sub.id,
        before: stored, after: { subscription: updated, refund: quote.refund }, idempotencyKey: `quote:${quote.id}` }),
    ] };
  }, outcomeOfKind('subscription_canceled'));
}

export async function confirmRecurringBilling(deps: Deps, caller: Caller, quoteId: unknown): Promise<RecurringBillingSet> {
  const { tenant } = await loadBuyer(deps, caller);
  const quote = await loadQuote(deps, caller, quoteId, 'recurring_billing');
  return executeOnce(deps, tenant.id, `quote:${quote.id}`, async () => {
    checkQuoteFresh(deps, quote);
    const { sub, version, stored } = await loadSubscription(deps, tenant.id, quote.subscriptionId);
    recurringQuote(deps, tenant, caller, sub, quote.turnOn); // the rules still hold now
    // Turning recurring billing off cancels any change scheduled for the renewal that will no longer happen.
    const canceledChange = quote.turnOn ? null : sub.scheduledChange;
    const updated: Subscription = { ...sub, recurringBilling: quote.turnOn, scheduledChange: quote.turnOn ? sub.scheduledChange : null };
    return { outcome: { kind: 'recurring_billing_set' as const, subscriptionId: sub.id, turnedOn: quote.turnOn, termEnd: sub.termEnd, canceledChange },
      writes: [
        updateOp('subscription', updated, version),
        auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: quote.turnOn ? 'recurring_billing.on' : 'recurring_billing.off',
          targetId: sub.id, before: stored, after: updated, idempotencyKey: `quote:${quote.id}` }),
      ] };
  }, outcomeOfKind('recurring_billing_set'));
}

export async function confirmSupportRequest(deps: Deps, caller: Caller, quoteId: unknown): Promise<SupportRequestOpened & { supportRequest: SupportRequest }> {
  const { tenant } = await loadBuyer(deps, caller);
  const quote = await loadQuote(deps, caller, quoteId, 'support_request');
  const executed = await executeOnce(deps, tenant.id, `quote:${quote.id}`, async () => {
    checkQuoteFresh(deps, quote);
    const { sub } = await loadSubscription(deps, tenant.id, quote.subscriptionId);
    const request: SupportRequest = { id: deps.ids.next('SR'), tenantId: tenant.id, subscriptionId: sub.id, openedBy: caller.userId,
      openedAt: iso(deps.clock.now()), topic: 'remove_traditional_addon' };
    return { outcome: { kind: 'support_request_opened' as const, supportRequestId: request.id, subscriptionId: sub.id }, writes: [
      insertOp('support_request', request),
      auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: 'support_request.open', targetId: request.id,
        before: null, after: request, idempotencyKey: `quote:${quote.id}` }),
    ] };
  }, outcomeOfKind('support_request_opened'));
  const row = await deps.store.get(tenant.id, 'support_request', executed.outcome.supportRequestId);
  if (!row) return fail('not_found', { what: 'support_request' });
  return { ...executed, supportRequest: row.value };
}
