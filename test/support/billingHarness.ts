// A BillingService wired for use-case tests: FakeClock at 2026-11-23T10:00Z, SequentialIds, MemoryLedgerStore, the
// demo tenant of SPEC section 8 as 'tenant-a' (and 'tenant-b' to prove isolation), plus small helpers whose
// arithmetic is written here independently of src/ so the tests do not check the domain against itself.
import { BillingService, type Caller } from '../../src/domain/billingService.js';
import { DomainError, type ErrorCode } from '../../src/domain/errors.js';
import type { AuditEntry, Order, Subscription } from '../../src/domain/model.js';
import type { TenantSeed } from '../../src/domain/useCases/tenants.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { FakeClock } from './fakeClock.js';
import { aSubscription } from './mother.js';
import { SequentialIds } from './sequentialIds.js';

export const START = '2026-11-23T10:00:00.000Z';
export const TENANT_A = 'tenant-a';
export const TENANT_B = 'tenant-b';
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
export const MINUTE = 60 * 1000;

export type DemoCallers = { readonly [K in keyof typeof DEMO_USERS]: Caller };

export function callersOf(tenantId: string): DemoCallers {
  return {
    megan: { tenantId, userId: DEMO_USERS.megan },
    alex: { tenantId, userId: DEMO_USERS.alex },
    lee: { tenantId, userId: DEMO_USERS.lee },
    adele: { tenantId, userId: DEMO_USERS.adele },
  };
}

export interface World {
  readonly clock: FakeClock;
  readonly ids: SequentialIds;
  readonly store: MemoryLedgerStore;
  readonly service: BillingService;
  readonly a: DemoCallers;
  readonly b: DemoCallers;
}

/** A fresh world with the demo tenant provisioned as 'tenant-a' and, unless told otherwise, as 'tenant-b' too. */
export async function demoWorld(options: { tenantB?: boolean; start?: string } = {}): Promise<World> {
  const clock = new FakeClock(options.start ?? START);
  const ids = new SequentialIds();
  const store = new MemoryLedgerStore();
  const service = new BillingService(store, clock, ids);
  await service.provisionDemoTenant(TENANT_A);
  if (options.tenantB !== false) await service.provisionDemoTenant(TENANT_B);
  return { clock, ids, store, service, a: callersOf(TENANT_A), b: callersOf(TENANT_B) };
}

/** The assert.rejects validator for a typed domain failure with this code. */
export function withCode(code: ErrorCode): (e: unknown) => boolean {
  return (e: unknown) => e instanceof DomainError && e.code === code;
}

/** amount × numerator / denominator rounded half-even, written independently of src/domain/money.ts. */
export function prorateHalfEven(amount: number, numerator: number, denominator: number): number {
  const exact = amount * numerator; // all test amounts keep this far below 2^53
  const sign = exact < 0 ? -1 : 1;
  const abs = Math.abs(exact);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  const rounded = 2 * r > denominator || (2 * r === denominator && q % 2 === 1) ? q + 1 : q;
  return sign * rounded === 0 ? 0 : sign * rounded;
}

/** Whole days between two instants that share a time of day. */
export function daysBetween(from: string, to: string): number {
  const diff = Date.parse(to) - Date.parse(from);
  if (diff % DAY !== 0) throw new Error(`${from} → ${to} is not a whole number of days`);
  return diff / DAY;
}

/** Days left in a term at `now`, a started day counting as left (SPEC: prorated to the term end). */
export function daysLeft(now: Date, termEnd: string): number {
  return Math.ceil((Date.parse(termEnd) - now.getTime()) / DAY);
}

export function isoPlus(base: string, ms: number): string {
  return new Date(Date.parse(base) + ms).toISOString();
}

export async function addonOf(world: World, caller: Caller, subscriptionId: string): Promise<Subscription> {
  const page = await world.service.listAddons(caller, { limit: 100 });
  const found = page.items.find((s) => s.id === subscriptionId);
  if (!found) throw new Error(`add-on ${subscriptionId} not listed for ${caller.tenantId}`);
  return found;
}

export interface Snapshot {
  readonly orders: readonly Order[];
  readonly addons: readonly Subscription[];
  readonly audit: readonly AuditEntry[];
}

/** What a tenant's admin can see of its ledger: orders, add-ons (as of now) and audit entries. */
export async function snapshot(world: World, caller: Caller): Promise<Snapshot> {
  const [orders, addons, audit] = await Promise.all([
    world.service.listOrders(caller, { limit: 100 }),
    world.service.listAddons(caller, { limit: 100 }),
    world.service.listAudit(caller, { limit: 100 }),
  ]);
  return { orders: orders.items, addons: addons.items, audit: audit.items };
}

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Starts `count` calls of the same action one microtask apart (not in lockstep), so later calls overlap the first
 * one's commit at different points, and waits for all of them.
 */
export async function staggered<T>(count: number, call: () => Promise<T>): Promise<Settled<T>[]> {
  const started: Promise<Settled<T>>[] = [];
  for (let i = 0; i < count; i++) {
    started.push(call().then((value): Settled<T> => ({ ok: true, value }), (error: unknown): Settled<T> => ({ ok: false, error })));
    await Promise.resolve();
  }
  return Promise.all(started);
}

export function describeFailures<T>(results: readonly Settled<T>[]): string[] {
  return results.flatMap((r, i) => (r.ok ? [] : [`call ${i}: ${r.error instanceof DomainError ? r.error.code : String(r.error)}`]));
}

/**
 * A euro tenant whose only add-on is a standalone Extra File Storage billed monthly over February 2027 (28 days):
 * at 0.19 €/GB with the 20% monthly uplift a GB costs 23 cents a month, an odd amount, so prorations can land
 * exactly on half a cent and show the half-even rule.
 */
export function euroStorageSeed(tenantId: string, quantity: number): TenantSeed {
  const termStart = '2027-02-01T00:00:00.000Z';
  const base = aSubscription({
    id: 'sub-eur-e3', tenantId, productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, quantity: 10, assigned: 5,
    frequency: 'yearly', termStart: '2027-01-01T00:00:00.000Z', termEnd: '2028-01-01T00:00:00.000Z', purchasedAt: '2027-01-01T00:00:00.000Z',
  });
  const storage = aSubscription({
    id: 'sub-eur-storage', tenantId, productId: 'extra-file-storage', kind: 'standalone', baseSubscriptionId: base.id, quantity, assigned: 0,
    frequency: 'monthly', termStart, termEnd: '2027-03-01T00:00:00.000Z', purchasedAt: termStart,
  });
  return {
    tenant: { id: tenantId, name: 'Fabrikam (euro)', cloud: 'worldwide', currency: 'EUR' },
    users: [{ id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true }],
    paymentMethods: [{ id: 'pm-eur-invoice', tenantId, kind: 'invoice', addedAt: '2027-01-01T00:00:00.000Z' }],
    subscriptions: [base, storage],
  };
}
