// Makes the ledger say what the tenants file says: tenants and their people added, changed, removed (rights taken
// away, history kept) and restored. Run at every start and whenever the file changes; a second run with the same
// file finds nothing to do. Every change is written with its audit entry, in units of work per tenant.
import { fail } from '../errors.js';
import { CLOUDS, ROLES } from '../ids.js';
import type { Tenant, User } from '../model.js';
import { MAX_UNIT_OPS, type EntityKind, type EntityMap, type Page, type Stored, type WriteOp } from '../ports.js';
import { iso } from '../time.js';
import { insertOp, updateOp } from '../writes.js';
import { auditOp, isId, type Deps } from './context.js';

/** The audit trail's "who" for every change the file makes. */
export const TENANTS_FILE_ACTOR = 'tenants file';

/**
 * The deployment's directory: a partition holding one tenant row per tenant a tenants file has ever listed, so that a
 * tenant dropped from the file (even while the bot was stopped) is found and refused. Its id is not a valid tenant id
 * (isId refuses '#'), so no caller can ever name it.
 */
export const DIRECTORY_PARTITION = '#directory';

export interface TenantListing {
  readonly tenant: Pick<Tenant, 'id' | 'name' | 'cloud' | 'currency'>;
  readonly users: readonly Pick<User, 'id' | 'name' | 'roles' | 'licensed'>[];
}

export type TenantsFileAction =
  | 'tenant_listed' | 'tenant_changed' | 'tenant_restored' | 'tenant_unlisted'
  | 'user_added' | 'user_changed' | 'user_restored' | 'user_removed';

export interface TenantsFileChange {
  readonly tenantId: string;
  readonly action: TenantsFileAction;
  readonly targetId: string;
}

/** What one reconciliation changed; empty when the ledger already said what the file says. */
export interface ReconcileReport {
  readonly changes: readonly TenantsFileChange[];
}

/** A row change and its audit entry: always committed in the same unit. */
interface Change {
  readonly record: TenantsFileChange;
  readonly writes: readonly [WriteOp, WriteOp];
}

const PAGE = 1000;
const MAX_ATTEMPTS = 8;

/** Reconciles every tenant of the ledger's directory and of the listings with the listings. */
export async function reconcileTenants(deps: Deps, listings: readonly TenantListing[]): Promise<ReconcileReport> {
  checkListings(listings);
  const changes: TenantsFileChange[] = [];
  const listed = new Set(listings.map((l) => l.tenant.id));
  for (const listing of listings) {
    changes.push(...await retried(() => reconcileListed(deps, listing)));
  }
  for (const entry of await directoryEntries(deps)) {
    // Also when the directory already says removed: a run stopped halfway may have left the tenant's own row served.
    if (!listed.has(entry.id)) changes.push(...await retried(() => unlist(deps, entry.id)));
  }
  return { changes };
}

function checkListings(listings: readonly TenantListing[]): void {
  const tenantIds = new Set<string>();
  for (const { tenant, users } of listings) {
    if (!isId(tenant.id) || tenantIds.has(tenant.id)) fail('invalid_input', { field: 'tenantId', id: tenant.id.slice(0, 128) });
    if (!(CLOUDS as readonly string[]).includes(tenant.cloud)) fail('invalid_input', { field: 'cloud' });
    tenantIds.add(tenant.id);
    const userIds = new Set<string>();
    for (const user of users) {
      if (!isId(user.id) || userIds.has(user.id)) fail('invalid_input', { field: 'userId', id: user.id.slice(0, 128) });
      if (user.roles.length === 0 || user.roles.some((r) => !(ROLES as readonly string[]).includes(r))) fail('invalid_input', { field: 'roles' });
      userIds.add(user.id);
    }
  }
}

/** Runs one tenant's reconciliation again from fresh reads when a concurrent writer (another instance) got there first. */
async function retried(run: () => Promise<{ done: boolean; changes: TenantsFileChange[] }>): Promise<TenantsFileChange[]> {
  const made: TenantsFileChange[] = [];
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const { done, changes } = await run();
    made.push(...changes);
    if (done) return made;
  }
  return fail('in_progress');
}

/** Commits the changes of one partition, each with its audit entry, as few units as fit; stops at a conflict. */
async function commitChanges(deps: Deps, partition: string, changes: readonly Change[]): Promise<{ done: boolean; changes: TenantsFileChange[] }> {
  const committed: TenantsFileChange[] = [];
  const perUnit = Math.floor(MAX_UNIT_OPS / 2);
  for (let start = 0; start < changes.length; start += perUnit) {
    const slice = changes.slice(start, start + perUnit);
    const result = await deps.store.commit(partition, { writes: slice.flatMap((c) => c.writes) });
    if (result.status !== 'committed') return { done: false, changes: committed };
    committed.push(...slice.map((c) => c.record));
  }
  return { done: true, changes: committed };
}

function change(deps: Deps, tenantId: string, action: TenantsFileAction, row: WriteOp, before: unknown, after: unknown): Change {
  const targetId = row.id;
  const audit = auditOp(deps, { tenantId, actorId: TENANTS_FILE_ACTOR, action: `tenants_file.${action}`, targetId, before, after, idempotencyKey: null });
  return { record: { tenantId, action, targetId }, writes: [row, audit] };
}

async function listAllRows<K extends EntityKind>(deps: Deps, partition: string, kind: K): Promise<Stored<EntityMap[K]>[]> {
  const rows: Stored<EntityMap[K]>[] = [];
  let after: string | null = null;
  do {
    const page: Page<Stored<EntityMap[K]>> = await deps.store.list(partition, kind, { limit: PAGE, after });
    rows.push(...page.items);
    after = page.next;
  } while (after);
  return rows;
}

async function directoryEntries(deps: Deps): Promise<Tenant[]> {
  return (await listAllRows(deps, DIRECTORY_PARTITION, 'tenant')).map((row) => row.value);
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

function withoutRemoval<T extends { removedAt?: string }>(row: T): Omit<T, 'removedAt'> {
  const { removedAt: _removedAt, ...rest } = row;
  return rest;
}

async function reconcileListed(deps: Deps, listing: TenantListing): Promise<{ done: boolean; changes: TenantsFileChange[] }> {
  const tenantId = listing.tenant.id;
  const now = iso(deps.clock.now());
  const [stored, storedUsers] = await Promise.all([
    deps.store.get(tenantId, 'tenant', tenantId), listAllRows(deps, tenantId, 'user'),
  ]);
  const changes: Change[] = [];
  let tenant: Tenant;
  if (!stored) {
    tenant = { ...listing.tenant, createdAt: now };
    changes.push(change(deps, tenantId, 'tenant_listed', insertOp('tenant', tenant), null, tenant));
  } else {
    const was = stored.value;
    tenant = { ...withoutRemoval(was), name: listing.tenant.name, cloud: listing.tenant.cloud, currency: listing.tenant.currency };
    const differs = was.name !== tenant.name || was.cloud !== tenant.cloud || was.currency !== tenant.currency;
    if (was.removedAt || differs) {
      changes.push(change(deps, tenantId, was.removedAt ? 'tenant_restored' : 'tenant_changed', updateOp('tenant', tenant, stored.version), was, tenant));
    }
  }
  const byId = new Map(storedUsers.map((row) => [row.value.id, row]));
  for (const listed of listing.users) {
    const row = byId.get(listed.id);
    // The file says who they are; their own choices (reminders) stay theirs.
    const kept = row?.value.remindersOffAt ? { remindersOffAt: row.value.remindersOffAt } : {};
    const user: User = { id: listed.id, tenantId, name: listed.name, roles: [...listed.roles], licensed: listed.licensed, ...kept };
    if (!row) {
      changes.push(change(deps, tenantId, 'user_added', insertOp('user', user), null, user));
      continue;
    }
    const was = row.value;
    const differs = was.name !== user.name || was.licensed !== user.licensed || !sameRoles(was.roles, user.roles);
    if (was.removedAt || differs) {
      changes.push(change(deps, tenantId, was.removedAt ? 'user_restored' : 'user_changed', updateOp('user', user, row.version), was, user));
    }
  }
  const listedIds = new Set(listing.users.map((u) => u.id));
  for (const row of storedUsers) {
    const was = row.value;
    if (listedIds.has(was.id) || was.removedAt) continue;
    const removed: User = { ...was, roles: [], removedAt: now };
    changes.push(change(deps, tenantId, 'user_removed', updateOp('user', removed, row.version), was, removed));
  }
  const committed = await commitChanges(deps, tenantId, changes);
  if (!committed.done) return committed;
  // The directory last: the tenant is served only once its people are in place.
  return { done: await recordInDirectory(deps, tenant), changes: committed.changes };
}

/** The directory's row for this tenant, as served (no removal); false when another writer changed it meanwhile. */
async function recordInDirectory(deps: Deps, tenant: Tenant): Promise<boolean> {
  const entry = await deps.store.get(DIRECTORY_PARTITION, 'tenant', tenant.id);
  if (entry && !entry.value.removedAt) return true;
  const write = entry ? updateOp('tenant', withoutRemoval(entry.value), entry.version) : insertOp('tenant', tenant);
  return (await deps.store.commit(DIRECTORY_PARTITION, { writes: [write] })).status === 'committed';
}

/** A tenant the file no longer lists: refused at once (the directory first), its rows and history kept. */
async function unlist(deps: Deps, tenantId: string): Promise<{ done: boolean; changes: TenantsFileChange[] }> {
  const now = iso(deps.clock.now());
  const entry = await deps.store.get(DIRECTORY_PARTITION, 'tenant', tenantId);
  if (entry && !entry.value.removedAt) {
    const result = await deps.store.commit(DIRECTORY_PARTITION, { writes: [updateOp('tenant', { ...entry.value, removedAt: now }, entry.version)] });
    if (result.status !== 'committed') return { done: false, changes: [] };
  }
  const stored = await deps.store.get(tenantId, 'tenant', tenantId);
  if (!stored || stored.value.removedAt) return { done: true, changes: [] };
  const removed: Tenant = { ...stored.value, removedAt: now };
  return commitChanges(deps, tenantId, [change(deps, tenantId, 'tenant_unlisted', updateOp('tenant', removed, stored.version), stored.value, removed)]);
}

/** Whether the tenants file lists this tenant now (production serves no other). */
export async function tenantServed(deps: Deps, tenantId: string): Promise<boolean> {
  if (!isId(tenantId)) return false;
  const entry = await deps.store.get(DIRECTORY_PARTITION, 'tenant', tenantId);
  return entry !== undefined && !entry.value.removedAt;
}
