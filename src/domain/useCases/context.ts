// What every use case shares: its dependencies, the caller's identity checked against the store, tenant-scoped
// reads, quotes, audit entries and the commit loop that makes an action happen exactly once per idempotency key.
import { fail } from '../errors.js';
import type { Role } from '../ids.js';
import { subscriptionAt } from '../lifecycle.js';
import type { AuditEntry, Quote, QuoteKind, Subscription, Tenant, User } from '../model.js';
import type { ClaimOutcome } from '../outcomes.js';
import type { Clock, CommitResult, IdGenerator, LedgerStore, Stored, WriteOp } from '../ports.js';
import { MAX_UNIT_OPS } from '../ports.js';
import { iso, ms, QUOTE_TTL_MS } from '../time.js';
import { insertOp } from '../writes.js';

export interface Deps {
  readonly store: LedgerStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** Who is asking: taken from the authenticated activity on the server, never from a card payload. */
export interface Caller {
  readonly tenantId: string;
  readonly userId: string;
}

export interface CallerContext {
  readonly tenant: Tenant;
  readonly user: User;
}

const PURCHASE_ROLES: readonly Role[] = ['global_admin', 'billing_admin'];

export function canPurchase(user: User): boolean {
  return user.roles.some((r) => PURCHASE_ROLES.includes(r));
}

export async function loadCaller(deps: Deps, caller: Caller): Promise<CallerContext> {
  if (!isId(caller.tenantId) || !isId(caller.userId)) return fail('invalid_input', { field: 'caller' });
  // Both at once: one round trip instead of two (a user row of an unknown tenant is simply never used).
  const [tenant, user] = await Promise.all([
    deps.store.get(caller.tenantId, 'tenant', caller.tenantId), deps.store.get(caller.tenantId, 'user', caller.userId),
  ]);
  if (!tenant || tenant.value.removedAt) return fail('unknown_tenant');
  if (!user || user.value.removedAt) return fail('forbidden', { reason: 'unknown_user' });
  return { tenant: tenant.value, user: user.value };
}

/** Global and billing admins buy, change and cancel; checked at the moment of the change. */
export async function loadBuyer(deps: Deps, caller: Caller): Promise<CallerContext> {
  const ctx = await loadCaller(deps, caller);
  if (!canPurchase(ctx.user)) return fail('forbidden', { reason: 'role' });
  return ctx;
}

/** Ids from the outside are short printable strings; anything else cannot name a row of ours. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128 && /^[\w.:@-]+$/.test(value);
}

/** A subscription of the caller's tenant as it is now (renewals applied), or "not found" whatever the reason. */
export async function loadSubscription(deps: Deps, tenantId: string, id: unknown): Promise<{ sub: Subscription; version: number; stored: Subscription }> {
  if (!isId(id)) return fail('not_found', { what: 'subscription' });
  const row = await deps.store.get(tenantId, 'subscription', id);
  if (!row) return fail('not_found', { what: 'subscription' });
  const baseRow = row.value.kind === 'traditional' && row.value.baseSubscriptionId
    ? await deps.store.get(tenantId, 'subscription', row.value.baseSubscriptionId)
    : undefined;
  return { sub: subscriptionAt(row.value, deps.clock.now(), baseRow?.value), version: row.version, stored: row.value };
}

export function newQuoteTimes(deps: Deps): { createdAt: string; expiresAt: string } {
  const now = deps.clock.now();
  return { createdAt: iso(now), expiresAt: iso(new Date(now.getTime() + QUOTE_TTL_MS)) };
}

/** A quote of this tenant, made by this caller, of this kind, still valid; else a typed error. */
export async function loadQuote<K extends QuoteKind>(deps: Deps, caller: Caller, quoteId: unknown, kind: K): Promise<Extract<Quote, { kind: K }>> {
  if (!isId(quoteId)) return fail('not_found', { what: 'quote' });
  const row = await deps.store.get(caller.tenantId, 'quote', quoteId);
  if (!row || row.value.kind !== kind) return fail('not_found', { what: 'quote' });
  if (row.value.callerId !== caller.userId) return fail('quote_used_elsewhere');
  return row.value as Extract<Quote, { kind: K }>;
}

export function checkQuoteFresh(deps: Deps, quote: Quote): void {
  if (deps.clock.now().getTime() > ms(quote.expiresAt)) fail('quote_stale', { expiredAt: quote.expiresAt });
}

export async function saveQuote<Q extends Quote>(deps: Deps, quote: Q): Promise<Q> {
  await commitOrThrow(deps, quote.tenantId, { writes: [insertOp('quote', quote)] });
  return quote;
}

export function auditOp(deps: Deps, entry: Omit<AuditEntry, 'id' | 'at'>): WriteOp {
  return insertOp('audit', { ...entry, id: deps.ids.next('AUD'), at: iso(deps.clock.now()) });
}

async function commitOrThrow(deps: Deps, tenantId: string, unit: { writes: readonly WriteOp[] }): Promise<void> {
  const result = await deps.store.commit(tenantId, unit);
  if (result.status !== 'committed') fail('in_progress');
}

export interface Executed<T> {
  readonly outcome: T;
  /** True when this call found the action already done and answered with its stored outcome. */
  readonly duplicate: boolean;
}

const MAX_ATTEMPTS = 8;

/**
 * Runs an action exactly once per idempotency key. `attempt` reads fresh state, checks the rules and returns the
 * writes with the outcome; the claim row and the writes commit as one unit. A stored claim answers a duplicate
 * with the first outcome; a version conflict (someone changed the rows meanwhile) re-reads and tries again.
 */
export async function executeOnce<T extends ClaimOutcome>(
  deps: Deps,
  tenantId: string,
  key: string,
  attempt: () => Promise<{ outcome: T; writes: readonly WriteOp[] }>,
  isOutcome: (o: ClaimOutcome) => o is T,
): Promise<Executed<T>> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const existing = await deps.store.getClaim(tenantId, key);
    if (existing) return fromClaim(existing.outcome, isOutcome);
    let attempted: { outcome: T; writes: readonly WriteOp[] };
    try {
      // The rules are checked against the rows as they are now, never against what this turn read earlier.
      attempted = await readingCurrent(deps.store, attempt);
    } catch (error) {
      // A twin of this call may have committed while we were checking the rules against state it has since
      // changed ("no change", "not active"): that is a duplicate, and it gets the first outcome, not an error.
      const claimed = await deps.store.getClaim(tenantId, key);
      if (claimed) return fromClaim(claimed.outcome, isOutcome);
      throw error;
    }
    const { outcome, writes } = attempted;
    if (writes.length > MAX_UNIT_OPS) throw new RangeError(`A unit of work holds at most ${MAX_UNIT_OPS} writes`);
    const result: CommitResult = await deps.store.commit(tenantId, { claim: { key, outcome, at: iso(deps.clock.now()) }, writes });
    if (result.status === 'committed') return { outcome, duplicate: false };
    if (result.status === 'duplicate') return fromClaim(result.claim.outcome, isOutcome);
  }
  return fail('in_progress');
}

function readingCurrent<T>(store: LedgerStore, work: () => Promise<T>): Promise<T> {
  return store.readCurrent ? store.readCurrent(work) : work();
}

function fromClaim<T extends ClaimOutcome>(outcome: ClaimOutcome, isOutcome: (o: ClaimOutcome) => o is T): Executed<T> {
  // The key was claimed by a different kind of action (a quote both ordered and requested): that is a duplicate too.
  if (!isOutcome(outcome)) return fail('duplicate', { kind: outcome.kind });
  return { outcome, duplicate: true };
}

export function outcomeOfKind<K extends ClaimOutcome['kind']>(kind: K) {
  return (o: ClaimOutcome): o is Extract<ClaimOutcome, { kind: K }> => o.kind === kind;
}

export async function listAll<T>(fetchPage: (after: string | null) => Promise<{ items: readonly Stored<T>[]; next: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  do {
    const page = await fetchPage(after);
    all.push(...page.items.map((i) => i.value));
    after = page.next;
  } while (after);
  return all;
}
