// Which nudges are due (SPEC section 9): from a tenant's add-ons, purchase requests and people at an instant, what the
// bot should tell which admin first, with the figures. The rules are a pure function of that snapshot; dueNudges reads
// the snapshot from the ledger.
import { getAddon, quantityRange, totalPerPeriod } from '../catalog.js';
import { subscriptionAt } from '../lifecycle.js';
import type { PurchaseRequest, Subscription, Tenant, User } from '../model.js';
import { negate } from '../money.js';
import {
  APPROVAL_WAITING_DAYS, nudgeKey, REFUND_WINDOW_NUDGE_MS, TERM_NUDGE_DAYS,
  type ApprovalWaitingNudge, type EndingNudge, type Nudge, type RefundWindowNudge, type RenewalNudge,
} from '../nudges.js';
import type { Page, Stored } from '../ports.js';
import { addDays, DAY_MS, iso, ms, REFUND_WINDOW_DAYS, REQUEST_TTL_DAYS, withinRefundWindow } from '../time.js';
import { canPurchase, isId, listAll, type Deps } from './context.js';
import { DIRECTORY_PARTITION } from './reconcileTenants.js';
import { remindersOn } from './reminders.js';
import { addonOf, proposeChange } from './quantity.js';
import { requestAt } from './requests.js';
import { PROVISIONED_PARTITION } from './tenants.js';

/** What the rules look at: one tenant as stored (subscriptions as stored; the rules see them as they are at `now`). */
export interface NudgeSnapshot {
  readonly tenant: Tenant;
  readonly users: readonly User[];
  readonly subscriptions: readonly Subscription[];
  readonly requests: readonly PurchaseRequest[];
}

/** Global and billing admins still listed who have not said "stop reminders". */
export function nudgedAdmins(users: readonly User[]): User[] {
  return users.filter((u) => !u.removedAt && canPurchase(u) && remindersOn(u));
}

/** Every nudge due at `now`, one per (admin, kind, subscription or request, window or term), in a stable order. */
export function nudgesDue(snapshot: NudgeSnapshot, now: Date): Nudge[] {
  const { tenant } = snapshot;
  if (tenant.removedAt) return [];
  const admins = nudgedAdmins(snapshot.users);
  if (admins.length === 0) return [];
  const byId = new Map(snapshot.subscriptions.map((s) => [s.id, s]));
  const nudges: Nudge[] = [];
  for (const stored of snapshot.subscriptions) {
    if (stored.kind === 'base') continue;
    const base = stored.baseSubscriptionId ? byId.get(stored.baseSubscriptionId) : undefined;
    const sub = subscriptionAt(stored, now, base);
    if (sub.status !== 'active') continue;
    for (const admin of admins) {
      const refund = refundWindowNudge(tenant, sub, admin.id, now);
      if (refund) nudges.push(refund);
      const term = termNudge(tenant, sub, admin.id, now);
      if (term) nudges.push(term);
    }
  }
  const names = new Map(snapshot.users.map((u) => [u.id, u.name]));
  for (const stored of snapshot.requests) {
    const request = requestAt(stored, now);
    if (request.status !== 'pending' || now.getTime() - ms(request.createdAt) < APPROVAL_WAITING_DAYS * DAY_MS) continue;
    // Pending means nobody decided it yet; the requester is not one of its deciders.
    for (const admin of admins.filter((a) => a.id !== request.requesterId)) {
      nudges.push(approvalWaitingNudge(tenant, request, names.get(request.requesterId) ?? '', admin.id));
    }
  }
  return nudges;
}

/**
 * Under 24 hours (exactly 24 included) before the 7-day refund window closes, fewer licenses assigned than bought:
 * what reducing to the assigned count gives back now, by the same rule as a typed reduction. Products without
 * assignments (storage per GB, prepaid credits) get none; neither does a reduction the rules would not refund now.
 */
function refundWindowNudge(tenant: Tenant, sub: Subscription, adminId: string, now: Date): RefundWindowNudge | undefined {
  const addonId = addonOf(sub);
  if (getAddon(addonId).unit !== 'license') return undefined;
  const windowEndsAt = addDays(sub.termStart, REFUND_WINDOW_DAYS);
  if (!withinRefundWindow(now, sub.termStart) || ms(windowEndsAt) - now.getTime() > REFUND_WINDOW_NUDGE_MS) return undefined;
  const reduceTo = Math.max(sub.assigned, quantityRange(addonId).min);
  if (reduceTo >= sub.quantity || !sub.recurringBilling) return undefined;
  const proposal = proposeChange(tenant, sub, reduceTo, now);
  if (proposal.effect !== 'now') return undefined;
  return {
    kind: 'refund_window', tenantId: tenant.id, adminId, key: nudgeKey(adminId, 'refund_window', sub.id, sub.termStart),
    subscriptionId: sub.id, addonId, quantity: sub.quantity, assigned: sub.assigned, reduceTo, refund: negate(proposal.amountNow), windowEndsAt,
  };
}

/** Within 7 days (exactly 7 included) of the term end: a renewal (recurring billing on) or an end (off). */
function termNudge(tenant: Tenant, sub: Subscription, adminId: string, now: Date): RenewalNudge | EndingNudge | undefined {
  const left = ms(sub.termEnd) - now.getTime();
  if (left < 0 || left > TERM_NUDGE_DAYS * DAY_MS) return undefined;
  const addonId = addonOf(sub);
  const common = { tenantId: tenant.id, adminId, subscriptionId: sub.id, addonId, quantity: sub.quantity };
  if (!sub.recurringBilling) {
    return { ...common, kind: 'ending', key: nudgeKey(adminId, 'ending', sub.id, sub.termEnd), endsAt: sub.termEnd, assigned: sub.assigned };
  }
  const nextQuantity = sub.scheduledChange?.quantity ?? sub.quantity;
  return {
    ...common, kind: 'renewal', key: nudgeKey(adminId, 'renewal', sub.id, sub.termEnd), frequency: sub.frequency, assigned: sub.assigned,
    renewsAt: sub.termEnd, charge: totalPerPeriod(addonId, tenant.currency, sub.frequency, nextQuantity), scheduledChange: sub.scheduledChange,
  };
}

/** What approving would cost now (approval prices at its own moment, not at the request's). */
function approvalWaitingNudge(tenant: Tenant, request: PurchaseRequest, requesterName: string, adminId: string): ApprovalWaitingNudge {
  return {
    kind: 'approval_waiting', tenantId: tenant.id, adminId, key: nudgeKey(adminId, 'approval_waiting', request.id, request.createdAt),
    requestId: request.id, requesterId: request.requesterId, requesterName, addonId: request.addonId, quantity: request.quantity,
    frequency: request.frequency, totalPerPeriod: totalPerPeriod(request.addonId, tenant.currency, request.frequency, request.quantity),
    requestedAt: request.createdAt, expiresAt: request.expiresAt,
  };
}

const PAGE = 1000;

/** The nudges due in this tenant at `now` (the clock's instant unless given); none for an unknown or removed tenant. */
export async function dueNudges(deps: Deps, tenantId: string, now: Date = deps.clock.now()): Promise<Nudge[]> {
  if (!isId(tenantId)) return [];
  const tenant = await deps.store.get(tenantId, 'tenant', tenantId);
  if (!tenant || tenant.value.removedAt) return [];
  const users = await listAll((after) => deps.store.list(tenantId, 'user', { limit: PAGE, after }));
  if (nudgedAdmins(users).length === 0) return [];
  const [subscriptions, requests] = await Promise.all([
    listAll((after) => deps.store.list(tenantId, 'subscription', { limit: PAGE, after })),
    recentRequests(deps, tenantId, now),
  ]);
  return nudgesDue({ tenant: tenant.value, users, subscriptions, requests }, now);
}

/**
 * Requests that may still be pending: lists come newest first, and a request older than its time to live has
 * expired, so the reading stops at the first page that reaches past it.
 */
async function recentRequests(deps: Deps, tenantId: string, now: Date): Promise<PurchaseRequest[]> {
  const oldest = iso(new Date(now.getTime() - REQUEST_TTL_DAYS * DAY_MS));
  const recent: PurchaseRequest[] = [];
  let after: string | null = null;
  do {
    const page: Page<Stored<PurchaseRequest>> = await deps.store.list(tenantId, 'purchase_request', { limit: PAGE, after });
    const young = page.items.map((i) => i.value).filter((r) => r.createdAt >= oldest);
    recent.push(...young);
    after = young.length === page.items.length ? page.next : null;
  } while (after);
  return recent;
}

/**
 * The tenants a nudge sweep visits: those the tenants file lists now, and those provisioned here (the demo tenant of
 * local mode) unless the tenants file's directory has unlisted them.
 */
export async function sweptTenants(deps: Deps): Promise<string[]> {
  const read = (partition: string) => listAll((after) => deps.store.list(partition, 'tenant', { limit: PAGE, after }));
  const [directory, provisioned] = await Promise.all([read(DIRECTORY_PARTITION), read(PROVISIONED_PARTITION)]);
  const listed = new Map(directory.map((t) => [t.id, t]));
  const ids = [
    ...directory.filter((t) => !t.removedAt).map((t) => t.id),
    ...provisioned.filter((t) => !listed.has(t.id)).map((t) => t.id),
  ];
  return [...new Set(ids)].filter(isId).sort();
}
