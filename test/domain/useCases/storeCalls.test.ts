// What the use cases ask of the store, counted: independent reads go out together, a page of add-ons reads its bases
// in one call, and one turn's use cases read the tenant and the caller once between them (the turn's memory).
import assert from 'node:assert/strict';
import { BillingService } from '../../../src/domain/billingService.js';
import type { EntityKind, EntityMap, LedgerStore, Stored } from '../../../src/domain/ports.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../../src/store/memoryLedgerStore.js';
import { TurnScopedLedger } from '../../../src/turn/turnLedger.js';
import { CountingLedgerStore } from '../../support/countingStores.js';
import { FakeClock } from '../../support/fakeClock.js';
import { SequentialIds } from '../../support/sequentialIds.js';
import { START, TENANT_A } from '../../support/billingHarness.js';

const megan = { tenantId: TENANT_A, userId: DEMO_USERS.megan };

/** Counts the point reads waiting for an answer at once: two reads sent together are both in flight. */
class InFlight extends CountingLedgerStore {
  inFlight = 0;
  mostAtOnce = 0;

  override async get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    this.inFlight += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.inFlight);
    try {
      await new Promise((resolve) => setImmediate(resolve));
      return await super.get(tenantId, kind, id);
    } finally {
      this.inFlight -= 1;
    }
  }
}

async function world(): Promise<{ store: InFlight; service: (over?: LedgerStore) => BillingService }> {
  const store = new InFlight(new MemoryLedgerStore());
  const clock = new FakeClock(START);
  const ids = new SequentialIds();
  await new BillingService(store, clock, ids).provisionDemoTenant(TENANT_A);
  store.take();
  return { store, service: (over) => new BillingService(over ?? store, clock, ids) };
}

describe('store calls per use case', () => {
  it("reads the caller's tenant and user rows together", async () => {
    const { store, service } = await world();
    await service().whoIs(megan);
    assert.deepEqual(store.take().map((c) => c.what), ['tenant', 'user']);
    assert.equal(store.mostAtOnce, 2);
  });

  it('reads the bases of a page of add-ons in one call, not one each', async () => {
    const { store, service } = await world();
    const page = await service().listAddons(megan, { limit: 10 });
    assert.ok(page.items.length >= 2, 'the demo tenant has several add-ons');
    const calls = store.take();
    assert.deepEqual(calls.filter((c) => c.what === 'subscription').map((c) => c.op), ['list', 'getMany']);
    assert.deepEqual(calls.find((c) => c.op === 'getMany')?.ids, ['sub-e3']);
  });

  it('places an order reading the payment method and the base together, once each, and still refuses a bad payment method', async () => {
    const { store, service } = await world();
    const turn = new TurnScopedLedger(store);
    const billing = service(turn);
    const quote = await billing.quotePurchase(megan, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 10, frequency: 'monthly' });
    store.mostAtOnce = 0;
    store.take();
    // In a turn: the attempt reads each row once (the base again for the order's writes comes from its memory).
    await turn.run(() => billing.placeOrder(megan, { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' }));
    const attempt = store.take().filter((c) => c.op === 'get' && (c.what === 'payment_method' || c.what === 'subscription'));
    assert.deepEqual(attempt.map((c) => c.what), ['payment_method', 'subscription']);
    assert.equal(store.mostAtOnce, 2);

    const another = await billing.quotePurchase(megan, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 10, frequency: 'monthly' });
    await assert.rejects(billing.placeOrder(megan, { quoteId: another.id, paymentMethodId: 'pm-missing' }),
      (e: unknown) => e instanceof Error && 'code' in e && e.code === 'invalid_payment_method');
  });

  it("reads the tenant and the caller once for all of one turn's use cases, and again in the next turn", async () => {
    const { store, service } = await world();
    const turn = new TurnScopedLedger(store);
    const billing = service(turn);
    const oneTurn = (): Promise<unknown> => turn.run(async () => {
      await billing.whoIs(megan);
      await billing.listBaseSubscriptions(megan);
      await billing.listAddons(megan);
      await billing.eligibleBaseSubscriptions(megan, 'extra-file-storage');
      await billing.listOrders(megan);
    });
    await oneTurn();
    const first = store.take();
    assert.equal(first.filter((c) => c.what === 'tenant').length, 1);
    assert.equal(first.filter((c) => c.what === 'user').length, 1);
    await oneTurn();
    const second = store.take();
    assert.equal(second.filter((c) => c.what === 'tenant').length, 1, 'the next turn reads the tenant again');
    assert.equal(second.length, first.length);
  });
});
