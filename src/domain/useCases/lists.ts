// Paged lists for the tenant's users: subscriptions, add-ons, orders (newest first; a plain user's own), payment
// methods and audit (admins).
import { fail } from '../errors.js';
import { subscriptionAt } from '../lifecycle.js';
import type { AuditEntry, IsoDate, Order, PaymentMethod, Subscription, User } from '../model.js';
import type { ClaimOutcome } from '../outcomes.js';
import type { Page, Stored } from '../ports.js';
import { canPurchase, isId, loadBuyer, loadCaller, type Caller, type Deps } from './context.js';

export interface PageQuery {
  readonly limit?: number;
  readonly after?: string | null;
}

export const MAX_PAGE = 100;

export function limitOf(query: PageQuery): number {
  const limit = query.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) return fail('invalid_input', { field: 'limit', max: MAX_PAGE });
  return limit;
}

export function cursorOf(query: PageQuery): string | null {
  const after = query.after ?? null;
  if (after !== null && (typeof after !== 'string' || after.length > 512)) return fail('invalid_input', { field: 'after' });
  return after;
}

export async function pageOf<T>(fetch: () => Promise<Page<{ value: T }>>): Promise<Page<T>> {
  try {
    const page = await fetch();
    return { items: page.items.map((i) => i.value), next: page.next };
  } catch (e) {
    // A cursor that does not decode is bad input, not a server fault.
    if (e instanceof RangeError) return fail('invalid_input', { field: 'after' });
    throw e;
  }
}

async function subscriptionsPage(deps: Deps, caller: Caller, group: 'base' | 'addon', query: PageQuery): Promise<Page<Subscription>> {
  await loadCaller(deps, caller);
  const page = await pageOf(() => deps.store.list(caller.tenantId, 'subscription', { limit: limitOf(query), after: cursorOf(query), owner: group }));
  const now = deps.clock.now();
  const baseIds = [...new Set(page.items.map((s) => s.baseSubscriptionId).filter((id): id is string => id !== null))];
  // The bases of the page's add-ons in one request, not one each.
  const rows = baseIds.length > 0 ? await deps.store.getMany(caller.tenantId, 'subscription', baseIds) : new Map<string, Stored<Subscription>>();
  const bases = new Map([...rows].map(([id, row]) => [id, row.value]));
  return { items: page.items.map((s) => subscriptionAt(s, now, s.baseSubscriptionId ? bases.get(s.baseSubscriptionId) : undefined)), next: page.next };
}

export function listBaseSubscriptions(deps: Deps, caller: Caller, query: PageQuery = {}): Promise<Page<Subscription>> {
  return subscriptionsPage(deps, caller, 'base', query);
}

export function listAddons(deps: Deps, caller: Caller, query: PageQuery = {}): Promise<Page<Subscription>> {
  return subscriptionsPage(deps, caller, 'addon', query);
}

/**
 * Orders, newest first: global and billing admins see the tenant's, anyone else only the orders they placed (the
 * role read now, so a demoted admin sees their own from the next list on).
 */
export async function listOrders(deps: Deps, caller: Caller, query: PageQuery = {}): Promise<Page<Order>> {
  const { user } = await loadCaller(deps, caller);
  const owner = canPurchase(user) ? {} : { owner: user.id };
  return pageOf(() => deps.store.list(caller.tenantId, 'order', { limit: limitOf(query), after: cursorOf(query), ...owner }));
}

/**
 * One order: any of the tenant's for its admins; anyone else only one they placed or that was placed for their
 * purchase request ("not found" otherwise, as for another tenant's).
 */
export async function getOrder(deps: Deps, caller: Caller, orderId: unknown): Promise<Order> {
  const { user } = await loadCaller(deps, caller);
  if (typeof orderId !== 'string' || orderId.length > 128) return fail('not_found', { what: 'order' });
  const row = await deps.store.get(caller.tenantId, 'order', orderId);
  if (!row) return fail('not_found', { what: 'order' });
  const order = row.value;
  if (canPurchase(user) || order.placedBy === user.id) return order;
  const request = order.requestId ? await deps.store.get(caller.tenantId, 'purchase_request', order.requestId) : undefined;
  return request?.value.requesterId === user.id ? order : fail('not_found', { what: 'order' });
}

/** How an order the caller may see was paid (one row, not the tenant's whole list: a receipt names one method). */
export async function orderPaymentMethod(deps: Deps, caller: Caller, orderId: unknown): Promise<PaymentMethod | undefined> {
  const order = await getOrder(deps, caller, orderId);
  return (await deps.store.get(caller.tenantId, 'payment_method', order.paymentMethodId))?.value;
}

export async function listPaymentMethods(deps: Deps, caller: Caller): Promise<PaymentMethod[]> {
  await loadBuyer(deps, caller);
  const page = await deps.store.list(caller.tenantId, 'payment_method', { limit: 100 });
  return page.items.map((i) => i.value);
}

export async function listAudit(deps: Deps, caller: Caller, query: PageQuery = {}): Promise<Page<AuditEntry>> {
  await loadBuyer(deps, caller);
  return pageOf(() => deps.store.list(caller.tenantId, 'audit', { limit: limitOf(query), after: cursorOf(query) }));
}

/**
 * The tenant's people (id, name, roles), by id, for any user of the tenant: the bot finds whom a purchase request
 * goes to (the billing and global admins). Read-only; never across tenants.
 */
export async function listUsers(deps: Deps, caller: Caller, query: PageQuery = {}): Promise<Page<User>> {
  await loadCaller(deps, caller);
  return pageOf(() => deps.store.list(caller.tenantId, 'user', { limit: limitOf(query), after: cursorOf(query) }));
}

/**
 * The name of someone of the caller's tenant, for showing who placed or decided something; people the tenants file
 * no longer lists keep their name in the history. Undefined for an id the tenant does not have.
 */
export async function personName(deps: Deps, caller: Caller, userId: unknown): Promise<string | undefined> {
  await loadCaller(deps, caller);
  if (!isId(userId)) return undefined;
  return (await deps.store.get(caller.tenantId, 'user', userId))?.value.name;
}

/** What was done with a quote: the outcome its action stored, when, and by whom (the quote's maker). */
export interface QuoteOutcome {
  readonly outcome: ClaimOutcome;
  readonly at: IsoDate;
  readonly by: string;
}

/**
 * What became of a quote, read from its idempotency claim (exact however old: an old card clicked again is told what
 * its click did). Undefined while nothing was done with it, or for a quote this tenant does not have. Its maker may
 * ask, and the tenant's admins; anyone else is refused.
 */
export async function quoteOutcome(deps: Deps, caller: Caller, quoteId: unknown): Promise<QuoteOutcome | undefined> {
  const { user } = await loadCaller(deps, caller);
  if (!isId(quoteId)) return undefined;
  const quote = await deps.store.get(caller.tenantId, 'quote', quoteId);
  if (!quote) return undefined;
  if (quote.value.callerId !== caller.userId && !canPurchase(user)) return fail('forbidden', { reason: 'role' });
  const claim = await deps.store.getClaim(caller.tenantId, `quote:${quoteId}`);
  return claim ? { outcome: claim.outcome, at: claim.at, by: quote.value.callerId } : undefined;
}
