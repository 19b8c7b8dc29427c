// A billing service over the in-memory store with a fake clock and predictable ids, and the demo tenant's people.
import assert from 'node:assert/strict';
import { BillingService, type Caller } from '../../../src/domain/billingService.js';
import { isDomainError, type DomainError, type ErrorCode } from '../../../src/domain/errors.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../../src/store/memoryLedgerStore.js';
import { FakeClock } from '../../support/fakeClock.js';
import { SequentialIds } from '../../support/sequentialIds.js';

export const TENANT_A = 'tenant-a';
export const TENANT_B = 'tenant-b';
export const DAY = 24 * 60 * 60 * 1000;

export interface World {
  readonly service: BillingService;
  readonly store: MemoryLedgerStore;
  readonly clock: FakeClock;
}

/** The demo tenant provisioned as 'tenant-a' and again as 'tenant-b', at the fake clock's default instant. */
export async function demoWorld(): Promise<World> {
  const store = new MemoryLedgerStore();
  const clock = new FakeClock();
  const service = new BillingService(store, clock, new SequentialIds());
  assert.deepEqual(await service.provisionDemoTenant(TENANT_A), { created: true });
  assert.deepEqual(await service.provisionDemoTenant(TENANT_B), { created: true });
  return { service, store, clock };
}

export type DemoPerson = keyof typeof DEMO_USERS;

export function as(person: DemoPerson, tenantId: string = TENANT_A): Caller {
  return { tenantId, userId: DEMO_USERS[person] };
}

/** Awaits a promise that must fail with a DomainError of this code, and returns the error. */
export async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  let settledValue: unknown;
  try {
    settledValue = await promise;
  } catch (e) {
    if (!isDomainError(e)) assert.fail(`expected DomainError ${code}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    assert.equal(e.code, code, `expected ${code}, got ${e.message}`);
    return e;
  }
  return assert.fail(`expected DomainError ${code}, but it resolved with ${JSON.stringify(settledValue)}`);
}

/** Lets `ticks` microtasks run first: staggers concurrent calls so they reach the store at different moments. */
export async function afterTicks(ticks: number): Promise<void> {
  for (let i = 0; i < ticks; i++) await Promise.resolve();
}
