// Property tests over random sequences of operations by random callers of two tenants: whatever happens, no
// quantity falls below the assigned count, a caller of one tenant never changes the other, every failure is a
// typed DomainError, and one quote never yields two orders however often it is placed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BillingService } from '../../src/domain/billingService.js';
import { DomainError } from '../../src/domain/errors.js';
import { ADDON_IDS } from '../../src/domain/ids.js';
import type { Subscription } from '../../src/domain/model.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { FakeClock } from '../support/fakeClock.js';
import { SequentialIds } from '../support/sequentialIds.js';

const TENANTS = ['tenant-a', 'tenant-b'] as const;
const USERS = Object.values(DEMO_USERS);
const SUBSCRIPTION_IDS = ['sub-e3', 'sub-business-basic', 'sub-e5', 'sub-extra-file-storage', 'sub-audio-conferencing', 'sub-phone-system', 'nope'];

const quantityArb = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: -5, max: 0 }), fc.constant(1.5), fc.constant(10 ** 12), fc.constant(Number.NaN));

const opArb = fc.record({
  tenant: fc.constantFrom(...TENANTS),
  user: fc.constantFrom(...USERS),
  action: fc.oneof(
    fc.record({ type: fc.constant('buy' as const), addonId: fc.constantFrom(...ADDON_IDS, 'bogus'), base: fc.constantFrom(...SUBSCRIPTION_IDS),
      quantity: quantityArb, frequency: fc.constantFrom('monthly', 'yearly', 'weekly'), autoAssign: fc.boolean(), replays: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ type: fc.constant('quantity' as const), subscriptionId: fc.constantFrom(...SUBSCRIPTION_IDS), quantity: quantityArb }),
    fc.record({ type: fc.constant('remove' as const), subscriptionId: fc.constantFrom(...SUBSCRIPTION_IDS) }),
    fc.record({ type: fc.constant('recurring' as const), subscriptionId: fc.constantFrom(...SUBSCRIPTION_IDS), turnOn: fc.boolean() }),
    fc.record({ type: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 200 }) }),
  ),
});

type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function snapshot(service: BillingService, tenantId: string): Promise<string> {
  const caller = { tenantId, userId: DEMO_USERS.megan };
  const [bases, addons, orders, audit] = await Promise.all([
    service.listBaseSubscriptions(caller, { limit: 100 }), service.listAddons(caller, { limit: 100 }),
    service.listOrders(caller, { limit: 100 }), service.listAudit(caller, { limit: 100 }),
  ]);
  return JSON.stringify([bases, addons, orders, audit]);
}

async function apply(service: BillingService, clock: FakeClock, op: Op): Promise<void> {
  const caller = { tenantId: op.tenant, userId: op.user };
  const a = op.action;
  switch (a.type) {
    case 'buy': {
      const quote = await service.quotePurchase(caller, { addonId: a.addonId, baseSubscriptionId: a.base, quantity: a.quantity, frequency: a.frequency, autoAssign: a.autoAssign });
      const first = await service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      for (let i = 0; i < a.replays; i++) {
        const again = await service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
        assert.equal(again.duplicate, true);
        assert.equal(again.order.id, first.order.id);
      }
      return;
    }
    case 'quantity': {
      const quote = await service.proposeQuantityChange(caller, { subscriptionId: a.subscriptionId, newQuantity: a.quantity });
      await service.confirmQuantityChange(caller, quote.id);
      return;
    }
    case 'remove': {
      const proposal = await service.proposeRemoval(caller, a.subscriptionId);
      if (proposal.kind === 'cancellation') await service.confirmCancellation(caller, proposal.quote.id);
      if (proposal.kind === 'recurring_billing_off') await service.confirmRecurringBilling(caller, proposal.quote.id);
      if (proposal.kind === 'support_request') await service.confirmSupportRequest(caller, proposal.quote.id);
      return;
    }
    case 'recurring': {
      const quote = await service.proposeRecurringBilling(caller, { subscriptionId: a.subscriptionId, turnOn: a.turnOn });
      await service.confirmRecurringBilling(caller, quote.id);
      return;
    }
    case 'wait':
      clock.advanceDays(a.days);
      return;
  }
}

function checkSubscriptions(subs: readonly Subscription[]): void {
  for (const s of subs) {
    assert.ok(s.quantity >= s.assigned, `${s.id}: quantity ${s.quantity} below assigned ${s.assigned}`);
    assert.ok(Number.isInteger(s.quantity) && s.quantity >= 1, `${s.id}: quantity ${s.quantity}`);
    if (s.scheduledChange) assert.ok(s.scheduledChange.quantity >= s.assigned, `${s.id}: scheduled below assigned`);
  }
}

describe('billing invariants under random operations (fast-check)', function () {
  this.timeout(120_000);

  it('keeps quantities above assigned, tenants apart, failures typed and orders once per quote', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const clock = new FakeClock('2026-11-23T10:00:00.000Z');
        const service = new BillingService(new MemoryLedgerStore(), clock, new SequentialIds());
        for (const t of TENANTS) await service.provisionDemoTenant(t);
        for (const op of ops) {
          const other = TENANTS.find((t) => t !== op.tenant) ?? 'tenant-b';
          const before = await snapshot(service, other);
          try {
            await apply(service, clock, op);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          // Moving the clock renews both tenants' terms; any other operation must leave the other tenant as it was.
          if (op.action.type !== 'wait') assert.equal(await snapshot(service, other), before, `a ${op.tenant} caller changed ${other}`);
          for (const t of TENANTS) {
            const caller = { tenantId: t, userId: DEMO_USERS.megan };
            checkSubscriptions((await service.listAddons(caller, { limit: 100 })).items);
            const orders = (await service.listOrders(caller, { limit: 100 })).items;
            assert.equal(new Set(orders.map((o) => o.quoteId)).size, orders.length, 'one order per quote');
            for (const o of orders) assert.equal(o.tenantId, t);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('leaves one order for a key placed N times, sequentially and at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.boolean(), async (n, together) => {
        const service = new BillingService(new MemoryLedgerStore(), new FakeClock(), new SequentialIds());
        await service.provisionDemoTenant('tenant-a');
        const caller = { tenantId: 'tenant-a', userId: DEMO_USERS.alex };
        const quote = await service.quotePurchase(caller, { addonId: 'phone-system', baseSubscriptionId: 'sub-e5', quantity: 2, frequency: 'monthly' });
        const place = () => service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' });
        const results = [];
        if (together) results.push(...await Promise.all(Array.from({ length: n }, place)));
        else for (let i = 0; i < n; i++) results.push(await place());
        assert.equal(new Set(results.map((r) => r.order.id)).size, 1);
        assert.equal(results.filter((r) => !r.duplicate).length, 1);
        assert.equal((await service.listOrders(caller, { limit: 100 })).items.length, 1);
      }),
      { numRuns: 100 },
    );
  });
});
