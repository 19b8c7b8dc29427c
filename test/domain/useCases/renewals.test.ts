// "What renews this month?": the add-ons whose term ends in the window, with what renewal charges (the scheduled change
// applied) or that they end, for anyone in the tenant and never another tenant's.
import assert from 'node:assert/strict';
import type { Subscription } from '../../../src/domain/model.js';
import { insertOp } from '../../../src/domain/writes.js';
import { demoWorld, TENANT_A, TENANT_B, withCode, type World } from '../../support/billingHarness.js';
import { aSubscription } from '../../support/mother.js';

const NOW = '2026-12-07T10:00:00.000Z';

function addon(tenantId: string, overrides: Partial<Subscription>): Subscription {
  return aSubscription({ tenantId, baseSubscriptionId: 'sub-e3', assigned: 0, recurringBilling: true, scheduledChange: null, ...overrides });
}

/** Phone System, yearly, 10 licenses renewing on December 20 with a reduction to 8 scheduled for then. */
const YEARLY = (tenantId: string) => addon(tenantId, {
  id: 'sub-yearly', productId: 'phone-system', frequency: 'yearly', quantity: 10, assigned: 6,
  termStart: '2025-12-20T09:00:00.000Z', termEnd: '2026-12-20T09:00:00.000Z', purchasedAt: '2025-12-20T09:00:00.000Z',
  scheduledChange: { quantity: 8, effectiveAt: '2026-12-20T09:00:00.000Z', scheduledBy: 'someone', scheduledAt: '2026-11-01T00:00:00.000Z' },
});
/** Audio Conferencing, monthly, 5 licenses, renewing on December 28. */
const MONTHLY = (tenantId: string) => addon(tenantId, {
  id: 'sub-monthly', productId: 'audio-conferencing', frequency: 'monthly', quantity: 5, assigned: 5,
  termStart: '2026-11-28T12:00:00.000Z', termEnd: '2026-12-28T12:00:00.000Z', purchasedAt: '2026-06-28T12:00:00.000Z',
});
/** Advanced Threat Protection with recurring billing off: it ends on the last millisecond of December. */
const ENDING = (tenantId: string) => addon(tenantId, {
  id: 'sub-ending', productId: 'advanced-threat-protection', frequency: 'yearly', quantity: 3, recurringBilling: false,
  termStart: '2025-12-31T23:59:59.999Z', termEnd: '2026-12-31T23:59:59.999Z', purchasedAt: '2025-12-31T23:59:59.999Z',
});
/** Customer Lockbox renewing at the first instant of January: next month, not this one. */
const JANUARY = (tenantId: string) => addon(tenantId, {
  id: 'sub-january', productId: 'customer-lockbox', frequency: 'yearly', quantity: 2,
  termStart: '2026-01-01T00:00:00.000Z', termEnd: '2027-01-01T00:00:00.000Z', purchasedAt: '2026-01-01T00:00:00.000Z',
});
/** Canceled: never listed. */
const CANCELED = (tenantId: string) => addon(tenantId, {
  id: 'sub-canceled', productId: 'myanalytics', frequency: 'yearly', quantity: 4, status: 'canceled',
  termStart: '2025-12-15T00:00:00.000Z', termEnd: '2026-12-15T00:00:00.000Z', purchasedAt: '2025-12-15T00:00:00.000Z',
});

async function insert(world: World, tenantId: string, subs: readonly Subscription[]): Promise<void> {
  const result = await world.store.commit(tenantId, { writes: subs.map((s) => insertOp('subscription', s)) });
  assert.equal(result.status, 'committed');
}

describe('use cases: upcomingRenewals ("what renews this month?")', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld({ start: NOW });
  });

  it('nothing renews in the demo tenant this month: an empty list over the month, from now to January 1 (UTC)', async () => {
    const result = await world.service.upcomingRenewals(world.a.megan);
    assert.deepEqual(result, {
      horizon: 'this_month', from: NOW, until: '2027-01-01T00:00:00.000Z', currency: 'USD', renewals: [], total: { amount: 0, currency: 'USD' },
    });
  });

  it('a yearly and a monthly add-on, with the scheduled change applied, and one ending with recurring billing off', async () => {
    await insert(world, TENANT_A, [YEARLY(TENANT_A), MONTHLY(TENANT_A), ENDING(TENANT_A), JANUARY(TENANT_A), CANCELED(TENANT_A)]);
    const result = await world.service.upcomingRenewals(world.a.megan, 'this_month');
    assert.deepEqual(result.renewals.map((r) => [r.subscriptionId, r.date, r.renews, r.quantity, r.quantityAtRenewal, r.charge?.amount ?? null]), [
      // 8 licenses × $8.00 × 12 months, billed yearly: the reduction scheduled for renewal is what renewal charges.
      ['sub-yearly', '2026-12-20T09:00:00.000Z', true, 10, 8, 76_800],
      // 5 licenses × $4.00 + 20% monthly uplift.
      ['sub-monthly', '2026-12-28T12:00:00.000Z', true, 5, 5, 2_400],
      ['sub-ending', '2026-12-31T23:59:59.999Z', false, 3, 3, null],
    ]);
    const yearly = result.renewals[0]!;
    assert.equal(yearly.scheduledChange?.quantity, 8);
    assert.equal(yearly.planId, 'o365-e3');
    assert.equal(yearly.unit, 'license');
    assert.equal(yearly.assigned, 6);
    assert.equal(result.renewals[1]!.scheduledChange, null);
    assert.deepEqual(result.total, { amount: 79_200, currency: 'USD' });
  });

  it('the next 30 days reach into January: the first-instant-of-January renewal is in, the window said', async () => {
    await insert(world, TENANT_A, [YEARLY(TENANT_A), JANUARY(TENANT_A)]);
    const result = await world.service.upcomingRenewals(world.a.megan, 'next_30_days');
    assert.equal(result.horizon, 'next_30_days');
    assert.equal(result.until, '2027-01-06T10:00:00.000Z');
    assert.deepEqual(result.renewals.map((r) => r.subscriptionId), ['sub-yearly', 'sub-january']);
  });

  it('month boundaries: on December 31 at 23:59 the month still holds the ending; a minute later it is January', async () => {
    await insert(world, TENANT_A, [ENDING(TENANT_A), JANUARY(TENANT_A)]);
    world.clock.set('2026-12-31T23:59:00.000Z');
    const december = await world.service.upcomingRenewals(world.a.megan);
    assert.equal(december.until, '2027-01-01T00:00:00.000Z');
    assert.deepEqual(december.renewals.map((r) => r.subscriptionId), ['sub-ending']);
    world.clock.set('2027-01-01T00:01:00.000Z');
    const january = await world.service.upcomingRenewals(world.a.megan);
    assert.equal(january.until, '2027-02-01T00:00:00.000Z');
    // Lockbox renewed a minute ago (its next end is January 2028) and the ended one is expired: January holds only the
    // demo tenant's storage, a traditional add-on renewing with its E3 subscription on January 15.
    assert.deepEqual(january.renewals.map((r) => [r.subscriptionId, r.kind, r.date]), [['sub-extra-file-storage', 'traditional', '2027-01-15T00:00:00.000Z']]);
  });

  it('a plain user reads the same list "my add-ons" shows them; another tenant\'s add-ons are never in it', async () => {
    await insert(world, TENANT_B, [YEARLY(TENANT_B), MONTHLY(TENANT_B)]);
    await insert(world, TENANT_A, [ENDING(TENANT_A)]);
    for (const caller of [world.a.megan, world.a.lee, world.a.adele]) {
      const result = await world.service.upcomingRenewals(caller);
      assert.deepEqual(result.renewals.map((r) => r.subscriptionId), ['sub-ending']);
    }
    assert.deepEqual((await world.service.upcomingRenewals(world.b.lee)).renewals.map((r) => r.subscriptionId), ['sub-yearly', 'sub-monthly']);
    await assert.rejects(world.service.upcomingRenewals({ tenantId: TENANT_A, userId: 'someone-else' }), withCode('forbidden'));
  });

  it('an unknown horizon reads as this month', async () => {
    await insert(world, TENANT_A, [JANUARY(TENANT_A)]);
    const result = await world.service.upcomingRenewals(world.a.megan, 'forever');
    assert.equal(result.horizon, 'this_month');
    assert.deepEqual(result.renewals, []);
  });
});
