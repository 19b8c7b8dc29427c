// "How much do we spend on add-ons?": the monthly equivalent of every active add-on and in total, with the unassigned
// licenses and what they cost; and the unassigned licenses a purchase of more would add to.
import assert from 'node:assert/strict';
import type { Subscription } from '../../../src/domain/model.js';
import { insertOp } from '../../../src/domain/writes.js';
import { demoWorld, euroStorageSeed, TENANT_A, TENANT_B, withCode, type World } from '../../support/billingHarness.js';
import { aSubscription } from '../../support/mother.js';

const usd = (amount: number) => ({ amount, currency: 'USD' as const });

async function insert(world: World, tenantId: string, subs: readonly Subscription[]): Promise<void> {
  const result = await world.store.commit(tenantId, { writes: subs.map((s) => insertOp('subscription', s)) });
  assert.equal(result.status, 'committed');
}

/** Domestic Calling Plan on E5, billed monthly: 3 licenses, 1 assigned. */
const MONTHLY_CALLING = (tenantId: string) => aSubscription({
  id: 'sub-calling', tenantId, productId: 'domestic-calling-plan', kind: 'standalone', baseSubscriptionId: 'sub-e5', quantity: 3, assigned: 1,
  frequency: 'monthly', termStart: '2026-11-10T00:00:00.000Z', termEnd: '2026-12-10T00:00:00.000Z', purchasedAt: '2026-05-10T00:00:00.000Z',
});

describe('use cases: addonSpend ("how much do we spend on add-ons?")', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('the demo tenant: yearly prices ÷ 12 per add-on and in total; unassigned licenses and their cost; storage has no assignments', async () => {
    const spend = await world.service.addonSpend(world.a.megan);
    assert.deepEqual(spend.addons.map((a) => [a.addonId, a.quantity, a.assigned, a.unassigned, a.monthly.amount, a.unassignedMonthly?.amount ?? null]), [
      // 20 × $8.00 × 12 / 12; 5 unassigned × $8.00.
      ['phone-system', 20, 15, 5, 16_000, 4_000],
      // 10 × $4.00; 6 unassigned.
      ['audio-conferencing', 10, 4, 6, 4_000, 2_400],
      // 100 GB × $0.20: sold per GB, nothing to assign.
      ['extra-file-storage', 100, null, null, 2_000, null],
    ]);
    assert.deepEqual(spend.totalMonthly, usd(22_000));
    assert.deepEqual(spend.unassignedMonthly, usd(6_400));
    assert.equal(spend.unassigned, 11);
    assert.equal(spend.currency, 'USD');
  });

  it('a monthly add-on counts its monthly price (20% uplift), and a canceled one is left out', async () => {
    await insert(world, TENANT_A, [
      MONTHLY_CALLING(TENANT_A),
      aSubscription({ id: 'sub-gone', tenantId: TENANT_A, productId: 'myanalytics', baseSubscriptionId: 'sub-e3', quantity: 50, status: 'canceled' }),
    ]);
    const spend = await world.service.addonSpend(world.a.lee);
    const calling = spend.addons.find((a) => a.addonId === 'domestic-calling-plan');
    // 3 × $12.00 × 1.2 = $43.20 a month; 2 unassigned = $28.80.
    assert.deepEqual([calling?.monthly, calling?.unassignedMonthly, calling?.unassigned], [usd(4_320), usd(2_880), 2]);
    assert.equal(spend.addons.some((a) => a.addonId === 'myanalytics'), false);
    assert.deepEqual(spend.totalMonthly, usd(22_000 + 4_320));
    assert.equal(spend.unassigned, 13);
  });

  it('in the tenant\'s currency, and never another tenant\'s add-ons', async () => {
    await insert(world, TENANT_B, [MONTHLY_CALLING(TENANT_B)]);
    assert.equal((await world.service.addonSpend(world.a.megan)).addons.some((a) => a.addonId === 'domestic-calling-plan'), false);
    await world.service.provisionTenant(euroStorageSeed('tenant-eur', 10));
    const euro = await world.service.addonSpend({ tenantId: 'tenant-eur', userId: world.a.megan.userId });
    // 10 GB at 0.19 € + 20% a GB, which is 0.23 € a GB a month once rounded to the cent, billed monthly.
    assert.deepEqual(euro.addons.map((a) => [a.addonId, a.monthly]), [['extra-file-storage', { amount: 230, currency: 'EUR' }]]);
    assert.deepEqual(euro.totalMonthly, { amount: 230, currency: 'EUR' });
    assert.deepEqual(euro.unassignedMonthly, { amount: 0, currency: 'EUR' });
    await assert.rejects(world.service.addonSpend({ tenantId: TENANT_B, userId: 'nobody' }), withCode('forbidden'));
  });
});

describe('use cases: unassignedLicenses (the checkout line)', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('counts the add-on bought for the same base subscription, live from the ledger', async () => {
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3' }), 6);
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3' }), 5);
    // Not bought for that subscription, nothing bought, or nothing to assign.
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'phone-system', baseSubscriptionId: 'sub-e5' }), 0);
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'customer-lockbox', baseSubscriptionId: 'sub-e3' }), 0);
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3' }), 0);
    // Buying more raises it: the figure is read at each quote, never carried by a card.
    const quote = await world.service.quotePurchase(world.a.megan, { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 4, frequency: 'yearly' });
    await world.service.placeOrder(world.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
    assert.equal(await world.service.unassignedLicenses(world.a.megan, { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3' }), 10);
    assert.equal(await world.service.unassignedLicenses(world.b.megan, { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3' }), 6);
  });

  it('refuses what cannot name an add-on or a subscription', async () => {
    await assert.rejects(world.service.unassignedLicenses(world.a.megan, { addonId: 'nope', baseSubscriptionId: 'sub-e3' }), withCode('not_found'));
    await assert.rejects(world.service.unassignedLicenses(world.a.megan, { addonId: 'phone-system', baseSubscriptionId: { $gt: '' } }), withCode('not_found'));
  });
});
