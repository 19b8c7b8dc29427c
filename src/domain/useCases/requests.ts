// Purchase requests: every user may turn a purchase quote into a request; a billing or global admin approves (the order
// is placed exactly once, at the price of the moment of approval) or rejects; the requester may cancel it.
import { totalPerPeriod, unitPricePerPeriod } from '../catalog.js';
import { fail } from '../errors.js';
import type { PurchaseRequest, Tenant } from '../model.js';
import type { ClaimOutcome } from '../outcomes.js';
import { sameMoney, type Money } from '../money.js';
import type { Page, WriteOp } from '../ports.js';
import { addDays, iso, ms, REQUEST_TTL_DAYS } from '../time.js';
import { insertOp, updateOp } from '../writes.js';
import {
  auditOp, canPurchase, checkQuoteFresh, executeOnce, isId, loadBuyer, loadCaller, loadQuote, outcomeOfKind,
  type Caller, type Deps, type Executed,
} from './context.js';
import { cursorOf, limitOf, pageOf } from './lists.js';
import { isUsable, orderWrites, requirePaymentMethod, type OrderTerms } from './purchase.js';

const MAX_TEXT = 500;

function checkText(value: unknown, field: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > MAX_TEXT) return fail('invalid_input', { field, max: MAX_TEXT });
  return value.trim();
}

/** A request as it stands now: a pending one past its 7 days reads as expired. */
export function requestAt(request: PurchaseRequest, now: Date): PurchaseRequest {
  return request.status === 'pending' && now.getTime() > ms(request.expiresAt) ? { ...request, status: 'expired' } : request;
}

export type PurchaseRequested = Executed<Extract<ClaimOutcome, { kind: 'purchase_requested' }>> & { request: PurchaseRequest };
export type RequestDecided = Executed<Extract<ClaimOutcome, { kind: 'request_decided' }>> & { request: PurchaseRequest };

export async function requestPurchase(deps: Deps, caller: Caller, input: { quoteId: unknown; justification?: unknown }): Promise<PurchaseRequested> {
  const { tenant } = await loadCaller(deps, caller);
  const justification = checkText(input.justification, 'justification');
  const quote = await loadQuote(deps, caller, input.quoteId, 'purchase');
  const executed = await executeOnce(deps, tenant.id, `quote:${quote.id}`, () => {
    checkQuoteFresh(deps, quote);
    const now = iso(deps.clock.now());
    const request: PurchaseRequest = {
      id: deps.ids.next('REQ'), tenantId: tenant.id, requesterId: caller.userId, quoteId: quote.id, addonId: quote.addonId,
      baseSubscriptionId: quote.baseSubscriptionId, quantity: quote.quantity, frequency: quote.frequency, autoAssign: quote.autoAssign,
      justification, quotedTotalPerPeriod: quote.totalPerPeriod, status: 'pending', createdAt: now,
      expiresAt: addDays(now, REQUEST_TTL_DAYS), decidedBy: null, decidedAt: null, comment: '', orderId: null,
    };
    return Promise.resolve({ outcome: { kind: 'purchase_requested' as const, requestId: request.id }, writes: [
      insertOp('purchase_request', request),
      auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: 'request.create', targetId: request.id, before: null,
        after: request, idempotencyKey: `quote:${quote.id}` }),
    ] });
  }, outcomeOfKind('purchase_requested'));
  return { ...executed, request: await loadRequestRow(deps, tenant.id, executed.outcome.requestId).then((r) => r.value) };
}

async function loadRequestRow(deps: Deps, tenantId: string, id: unknown) {
  if (!isId(id)) return fail('not_found', { what: 'request' });
  const row = await deps.store.get(tenantId, 'purchase_request', id);
  if (!row) return fail('not_found', { what: 'request' });
  return row;
}

/** The requester and the tenant's admins may see a request; nobody else, and never across tenants. */
export async function getRequest(deps: Deps, caller: Caller, requestId: unknown): Promise<PurchaseRequest> {
  const { user } = await loadCaller(deps, caller);
  const row = await loadRequestRow(deps, caller.tenantId, requestId);
  if (row.value.requesterId !== user.id && !canPurchase(user)) return fail('not_found', { what: 'request' });
  return requestAt(row.value, deps.clock.now());
}

/** What approving now would cost: the price at this moment, which may differ from what the requester saw. */
export async function priceRequestNow(deps: Deps, caller: Caller, requestId: unknown): Promise<{ request: PurchaseRequest; totalPerPeriod: Money; changed: boolean }> {
  const { tenant } = await loadBuyer(deps, caller);
  const request = requestAt((await loadRequestRow(deps, tenant.id, requestId)).value, deps.clock.now());
  const total = totalPerPeriod(request.addonId, tenant.currency, request.frequency, request.quantity);
  return { request, totalPerPeriod: total, changed: !sameMoney(total, request.quotedTotalPerPeriod) };
}

function approvalTerms(tenant: Tenant, request: PurchaseRequest): OrderTerms {
  const unitPrice = unitPricePerPeriod(request.addonId, tenant.currency, request.frequency);
  const total = totalPerPeriod(request.addonId, tenant.currency, request.frequency, request.quantity);
  return { id: request.quoteId, addonId: request.addonId, baseSubscriptionId: request.baseSubscriptionId, quantity: request.quantity,
    frequency: request.frequency, autoAssign: request.autoAssign, unitPrice, totalPerPeriod: total, firstCharge: total };
}

async function decide(
  deps: Deps, caller: Caller, requestId: unknown, decision: 'approved' | 'rejected' | 'canceled',
  details: { comment: string; paymentMethodId?: unknown; acceptedTotalPerPeriod?: Money },
): Promise<RequestDecided> {
  const { tenant, user } = decision === 'canceled' ? await loadCaller(deps, caller) : await loadBuyer(deps, caller);
  const first = await loadRequestRow(deps, tenant.id, requestId);
  if (decision === 'canceled' && first.value.requesterId !== user.id) return fail('forbidden', { reason: 'not_requester' });
  const key = `request:${first.value.id}`;
  const executed = await executeOnce(deps, tenant.id, key, async () => {
    const row = await loadRequestRow(deps, tenant.id, first.value.id);
    const now = deps.clock.now();
    const current = requestAt(row.value, now);
    if (current.status === 'expired') return fail('request_expired', { expiresAt: current.expiresAt });
    if (current.status !== 'pending') return fail('request_decided', { status: current.status });
    let orderId: string | null = null;
    const writes: WriteOp[] = [];
    if (decision === 'approved') {
      const quote = approvalTerms(tenant, current);
      // The approver must have seen the price of now when it differs from what the requester was quoted.
      const seen = details.acceptedTotalPerPeriod ?? current.quotedTotalPerPeriod;
      if (!sameMoney(seen, quote.totalPerPeriod)) return fail('price_changed', { amount: quote.totalPerPeriod.amount, currency: quote.totalPerPeriod.currency, frequency: current.frequency });
      const pm = details.paymentMethodId === undefined
        ? await defaultPaymentMethod(deps, tenant.id)
        : (await requirePaymentMethod(deps, tenant.id, details.paymentMethodId)).id;
      const placed = await orderWrites(deps, tenant, user.id, quote, pm, current.id);
      orderId = placed.order.id;
      writes.push(...placed.writes);
    }
    const decided: PurchaseRequest = { ...row.value, status: decision, decidedBy: user.id, decidedAt: iso(now), comment: details.comment, orderId };
    writes.push(
      updateOp('purchase_request', decided, row.version),
      auditOp(deps, { tenantId: tenant.id, actorId: user.id, action: `request.${decision}`, targetId: current.id, before: row.value,
        after: decided, idempotencyKey: key }),
    );
    return { outcome: { kind: 'request_decided' as const, requestId: current.id, status: decision, decidedBy: user.id,
      decidedAt: iso(now), orderId }, writes };
  }, outcomeOfKind('request_decided'));
  const request = (await loadRequestRow(deps, tenant.id, first.value.id)).value;
  return { ...executed, request };
}

/** Approval cards carry no payment choice: the tenant's most recent valid card, else invoice. */
async function defaultPaymentMethod(deps: Deps, tenantId: string): Promise<string> {
  const methods = (await deps.store.list(tenantId, 'payment_method', { limit: 100 })).items.map((i) => i.value)
    .filter((pm) => isUsable(pm, deps.clock.now()));
  const chosen = methods.find((m) => m.kind === 'card') ?? methods.find((m) => m.kind === 'invoice');
  return chosen ? chosen.id : fail('payment_method_required');
}

export function approveRequest(deps: Deps, caller: Caller, input: { requestId: unknown; comment?: unknown; paymentMethodId?: unknown; acceptedTotalPerPeriod?: Money }): Promise<RequestDecided> {
  return decide(deps, caller, input.requestId, 'approved', {
    comment: checkText(input.comment, 'comment'), paymentMethodId: input.paymentMethodId, acceptedTotalPerPeriod: input.acceptedTotalPerPeriod,
  });
}

export function rejectRequest(deps: Deps, caller: Caller, input: { requestId: unknown; comment?: unknown }): Promise<RequestDecided> {
  return decide(deps, caller, input.requestId, 'rejected', { comment: checkText(input.comment, 'comment') });
}

export function cancelRequest(deps: Deps, caller: Caller, input: { requestId: unknown }): Promise<RequestDecided> {
  return decide(deps, caller, input.requestId, 'canceled', { comment: '' });
}

export async function listRequests(deps: Deps, caller: Caller, query: { mine?: boolean; limit?: number; after?: string | null }): Promise<Page<PurchaseRequest>> {
  const { user } = await loadCaller(deps, caller);
  // Users without purchase rights only ever see their own requests.
  const owner = query.mine || !canPurchase(user) ? user.id : undefined;
  const page = await pageOf(() => deps.store.list(caller.tenantId, 'purchase_request',
    { limit: limitOf(query), after: cursorOf(query), ...(owner ? { owner } : {}) }));
  const now = deps.clock.now();
  return { items: page.items.map((r) => requestAt(r, now)), next: page.next };
}
