import assert from 'node:assert/strict';
import type { PurchaseQuote, PurchaseRequest } from '../../../src/domain/model.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { usd } from '../../support/mother.js';
import { afterTicks, as, DAY, demoWorld, rejectsWith, TENANT_B, type DemoPerson, type World } from './world.js';

describe('use cases: purchase requests', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  /** 5 Customer Lockbox licenses on E3, yearly: 5 × 2.00 × 12 = 120.00 USD. */
  function quoteLockbox(person: DemoPerson = 'lee', quantity = 5): Promise<PurchaseQuote> {
    return world.service.quotePurchase(as(person), { addonId: 'customer-lockbox', baseSubscriptionId: 'sub-e3', quantity, frequency: 'yearly' });
  }

  async function leeRequests(justification = 'Auditors asked for Lockbox.'): Promise<PurchaseRequest> {
    const quote = await quoteLockbox('lee');
    const { request } = await world.service.requestPurchase(as('lee'), { quoteId: quote.id, justification });
    return request;
  }

  async function orderCount(): Promise<number> {
    return (await world.service.listOrders(as('megan'), { limit: 100 })).items.length;
  }

  describe('requesting', () => {
    it('Lee (a user) quotes and requests: pending, valid 7 days, at the quoted total', async () => {
      const quote = await quoteLockbox('lee');
      assert.deepEqual(quote.totalPerPeriod, usd(12_000));
      const requested = await world.service.requestPurchase(as('lee'), { quoteId: quote.id, justification: '  Auditors asked for Lockbox. ' });
      const { request } = requested;
      assert.equal(requested.duplicate, false);
      assert.equal(requested.outcome.requestId, request.id);
      assert.equal(request.status, 'pending');
      assert.equal(request.tenantId, 'tenant-a');
      assert.equal(request.requesterId, DEMO_USERS.lee);
      assert.equal(request.quoteId, quote.id);
      assert.equal(request.addonId, 'customer-lockbox');
      assert.equal(request.baseSubscriptionId, 'sub-e3');
      assert.equal(request.quantity, 5);
      assert.equal(request.frequency, 'yearly');
      assert.equal(request.justification, 'Auditors asked for Lockbox.');
      assert.deepEqual(request.quotedTotalPerPeriod, usd(12_000));
      assert.equal(request.createdAt, '2026-11-23T10:00:00.000Z');
      assert.equal(request.expiresAt, '2026-11-30T10:00:00.000Z');
      assert.equal(Date.parse(request.expiresAt) - Date.parse(request.createdAt), 7 * DAY);
      assert.equal(request.decidedBy, null);
      assert.equal(request.decidedAt, null);
      assert.equal(request.orderId, null);
    });

    it('requesting the same quote twice gives one request', async () => {
      const quote = await quoteLockbox('lee');
      const first = await world.service.requestPurchase(as('lee'), { quoteId: quote.id });
      const second = await world.service.requestPurchase(as('lee'), { quoteId: quote.id });
      assert.equal(second.duplicate, true);
      assert.equal(second.request.id, first.request.id);
      const all = await world.service.listRequests(as('alex'), { limit: 100 });
      assert.equal(all.items.length, 1);
    });

    it('the same quote requested twice at once gives one request', async () => {
      const quote = await quoteLockbox('lee');
      const results = await Promise.all([1, 2, 3].map(() => world.service.requestPurchase(as('lee'), { quoteId: quote.id })));
      assert.equal(new Set(results.map((r) => r.request.id)).size, 1);
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.equal((await world.service.listRequests(as('alex'), { limit: 100 })).items.length, 1);
    });

    it('a stale quote or someone else’s quote cannot be requested', async () => {
      const quote = await quoteLockbox('lee');
      await rejectsWith(world.service.requestPurchase(as('adele'), { quoteId: quote.id }), 'quote_used_elsewhere');
      world.clock.advance(15 * 60 * 1000 + 1);
      await rejectsWith(world.service.requestPurchase(as('lee'), { quoteId: quote.id }), 'quote_stale');
      assert.equal((await world.service.listRequests(as('alex'), { limit: 100 })).items.length, 0);
    });

    it('a justification over 500 characters is refused', async () => {
      const quote = await quoteLockbox('lee');
      await rejectsWith(world.service.requestPurchase(as('lee'), { quoteId: quote.id, justification: 'x'.repeat(501) }), 'invalid_input');
    });
  });

  describe('who may buy and decide', () => {
    it('Lee cannot place the order himself, nor approve or reject; neither can Adele (license admin)', async () => {
      const quote = await quoteLockbox('lee');
      await rejectsWith(world.service.placeOrder(as('lee'), { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' }), 'forbidden');
      const { request } = await world.service.requestPurchase(as('lee'), { quoteId: quote.id });
      await rejectsWith(world.service.approveRequest(as('lee'), { requestId: request.id }), 'forbidden');
      await rejectsWith(world.service.rejectRequest(as('lee'), { requestId: request.id }), 'forbidden');
      await rejectsWith(world.service.approveRequest(as('adele'), { requestId: request.id }), 'forbidden');
      assert.equal(await orderCount(), 0);
      assert.equal((await world.service.getRequest(as('lee'), request.id)).status, 'pending');
    });

    it('an admin demoted between the request and the approval cannot approve', async () => {
      const request = await leeRequests();
      await world.service.saveUser('tenant-a', { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
      await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id }), 'forbidden');
      await rejectsWith(world.service.priceRequestNow(as('alex'), request.id), 'forbidden');
      assert.equal(await orderCount(), 0);
      assert.equal((await world.service.getRequest(as('megan'), request.id)).status, 'pending');
      // Megan still can.
      const approved = await world.service.approveRequest(as('megan'), { requestId: request.id });
      assert.equal(approved.request.status, 'approved');
    });

    it('an admin of another tenant cannot see or decide this tenant’s request', async () => {
      const request = await leeRequests();
      await rejectsWith(world.service.approveRequest(as('megan', TENANT_B), { requestId: request.id }), 'not_found');
      await rejectsWith(world.service.rejectRequest(as('alex', TENANT_B), { requestId: request.id }), 'not_found');
      await rejectsWith(world.service.getRequest(as('megan', TENANT_B), request.id), 'not_found');
      await rejectsWith(world.service.priceRequestNow(as('megan', TENANT_B), request.id), 'not_found');
      assert.equal((await world.service.listRequests(as('megan', TENANT_B), { limit: 100 })).items.length, 0);
      assert.equal((await world.service.getRequest(as('megan'), request.id)).status, 'pending');
    });

    it('a request id that is not an id is not found', async () => {
      await rejectsWith(world.service.approveRequest(as('alex'), { requestId: 'REQ 1; drop' }), 'not_found');
      await rejectsWith(world.service.approveRequest(as('alex'), { requestId: { id: 'REQ-0001' } }), 'not_found');
    });
  });

  describe('approving', () => {
    it('Alex (billing admin) approves: one order with the request id, the request approved with who, when and comment', async () => {
      const request = await leeRequests();
      world.clock.advance(2 * 60 * 60 * 1000);
      const decided = await world.service.approveRequest(as('alex'), { requestId: request.id, comment: ' Approved for Q4. ' });
      assert.equal(decided.duplicate, false);
      assert.equal(decided.outcome.status, 'approved');
      assert.equal(decided.outcome.decidedBy, DEMO_USERS.alex);
      assert.ok(decided.outcome.orderId);
      assert.equal(decided.request.status, 'approved');
      assert.equal(decided.request.decidedBy, DEMO_USERS.alex);
      assert.equal(decided.request.decidedAt, '2026-11-23T12:00:00.000Z');
      assert.equal(decided.request.comment, 'Approved for Q4.');
      assert.equal(decided.request.orderId, decided.outcome.orderId);

      const orders = (await world.service.listOrders(as('megan'), { limit: 100 })).items;
      assert.equal(orders.length, 1);
      const [order] = orders;
      assert.ok(order);
      assert.equal(order.id, decided.outcome.orderId);
      assert.equal(order.requestId, request.id);
      assert.equal(order.placedBy, DEMO_USERS.alex);
      assert.equal(order.addonId, 'customer-lockbox');
      assert.equal(order.baseSubscriptionId, 'sub-e3');
      assert.equal(order.quantity, 5);
      assert.equal(order.frequency, 'yearly');
      assert.deepEqual(order.totalPerPeriod, usd(12_000));
      assert.deepEqual(order.firstCharge, usd(12_000));
      assert.equal(order.paymentMethodId, 'pm-visa-4242', 'the tenant’s valid card by default');
      assert.equal(order.placedAt, '2026-11-23T12:00:00.000Z');

      const addons = (await world.service.listAddons(as('lee'), { limit: 100 })).items;
      const bought = addons.find((s) => s.id === order.subscriptionId);
      assert.ok(bought);
      assert.equal(bought.productId, 'customer-lockbox');
      assert.equal(bought.kind, 'standalone');
      assert.equal(bought.quantity, 5);

      // Approving again answers with the same decision and places nothing more.
      const again = await world.service.approveRequest(as('megan'), { requestId: request.id });
      assert.equal(again.duplicate, true);
      assert.equal(again.outcome.orderId, order.id);
      assert.equal(await orderCount(), 1);
    });

    it('20 simultaneous approvals by Megan and Alex place exactly one order', async () => {
      const request = await leeRequests();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
        world.service.approveRequest(as(i % 2 === 0 ? 'megan' : 'alex'), { requestId: request.id })));
      const orders = (await world.service.listOrders(as('megan'), { limit: 100 })).items;
      assert.equal(orders.length, 1);
      const orderId = orders[0]?.id;
      assert.ok(orderId);
      assert.ok(results.every((r) => r.outcome.orderId === orderId && r.request.orderId === orderId));
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.equal((await world.service.getRequest(as('lee'), request.id)).status, 'approved');
    });

    it('20 approvals by Megan and Alex arriving while the first one commits all answer with the one order', async () => {
      // Each approval starts a few microtasks after the previous one, so some of them read the request after the
      // winner committed and before they could see its idempotency claim. Every one must still get the same answer.
      const failures: string[] = [];
      for (const spacing of [1, 2, 3, 4, 5, 6]) {
        world = await demoWorld();
        const request = await leeRequests();
        const settled = await Promise.allSettled(Array.from({ length: 20 }, async (_, i) => {
          await afterTicks(i * spacing);
          return world.service.approveRequest(as(i % 2 === 0 ? 'megan' : 'alex'), { requestId: request.id });
        }));
        const orders = (await world.service.listOrders(as('megan'), { limit: 100 })).items;
        assert.equal(orders.length, 1, `spacing ${spacing}: exactly one order`);
        settled.forEach((s, i) => {
          if (s.status === 'rejected') failures.push(`spacing ${spacing}, approval ${i}: ${s.reason instanceof Error ? s.reason.message : String(s.reason)}`);
          else if (s.value.outcome.orderId !== orders[0]?.id) failures.push(`spacing ${spacing}, approval ${i}: order ${String(s.value.outcome.orderId)}`);
        });
        const fulfilled = settled.filter((s) => s.status === 'fulfilled');
        assert.ok(fulfilled.filter((s) => !s.value.duplicate).length <= 1);
      }
      assert.deepEqual(failures, []);
    });

    it('approve against reject: only one decision wins, and every answer tells the winning one', async () => {
      for (const order of [['approve', 'reject'], ['reject', 'approve']] as const) {
        world = await demoWorld();
        const request = await leeRequests();
        const settled = await Promise.allSettled(order.map((what) => what === 'approve'
          ? world.service.approveRequest(as('alex'), { requestId: request.id })
          : world.service.rejectRequest(as('megan'), { requestId: request.id, comment: 'Not this quarter.' })));
        const final = await world.service.getRequest(as('megan'), request.id);
        assert.ok(final.status === 'approved' || final.status === 'rejected', final.status);
        assert.equal(await orderCount(), final.status === 'approved' ? 1 : 0);
        assert.equal(final.decidedBy, final.status === 'approved' ? DEMO_USERS.alex : DEMO_USERS.megan);
        let winners = 0;
        for (const s of settled) {
          if (s.status === 'fulfilled') {
            assert.equal(s.value.outcome.status, final.status, `${order.join(' vs ')}: a caller was told ${s.value.outcome.status}`);
            assert.equal(s.value.request.status, final.status);
            if (!s.value.duplicate) winners += 1;
          } else {
            assert.equal((s.reason as { code?: unknown }).code, 'request_decided');
          }
        }
        assert.equal(winners, 1, order.join(' vs '));
      }
    });

    it('priceRequestNow gives an admin the price of now; a user may not ask', async () => {
      const request = await leeRequests();
      const priced = await world.service.priceRequestNow(as('alex'), request.id);
      assert.deepEqual(priced.totalPerPeriod, usd(12_000));
      assert.equal(priced.changed, false);
      assert.equal(priced.request.id, request.id);
      await rejectsWith(world.service.priceRequestNow(as('lee'), request.id), 'forbidden');
    });

    it('approving with a total that is not the price of now fails with price_changed and changes nothing', async () => {
      const request = await leeRequests();
      const error = await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id,
        acceptedTotalPerPeriod: usd(11_000) }), 'price_changed');
      assert.deepEqual(error.params, { amount: 12_000, currency: 'USD', frequency: request.frequency });
      await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id,
        acceptedTotalPerPeriod: { amount: 12_000, currency: 'EUR' } }), 'price_changed');
      assert.equal(await orderCount(), 0);
      assert.equal((await world.service.getRequest(as('alex'), request.id)).status, 'pending');

      const approved = await world.service.approveRequest(as('alex'), { requestId: request.id, acceptedTotalPerPeriod: usd(12_000) });
      assert.equal(approved.request.status, 'approved');
      assert.equal(await orderCount(), 1);
    });

    it('approving with a payment method of the tenant uses it; an unknown one is refused', async () => {
      const request = await leeRequests();
      await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id, paymentMethodId: 'pm-nope' }), 'invalid_payment_method');
      const approved = await world.service.approveRequest(as('alex'), { requestId: request.id, paymentMethodId: 'pm-invoice' });
      const order = await world.service.getOrder(as('alex'), approved.outcome.orderId);
      assert.equal(order.paymentMethodId, 'pm-invoice');
    });
  });

  describe('rejecting and canceling', () => {
    it('an admin rejects with a comment: no order, and a later approval only gets the rejection back', async () => {
      const request = await leeRequests();
      const rejected = await world.service.rejectRequest(as('megan'), { requestId: request.id, comment: 'Use the E5 trial first.' });
      assert.equal(rejected.outcome.status, 'rejected');
      assert.equal(rejected.outcome.orderId, null);
      assert.equal(rejected.request.status, 'rejected');
      assert.equal(rejected.request.comment, 'Use the E5 trial first.');
      assert.equal(rejected.request.decidedBy, DEMO_USERS.megan);
      assert.equal(rejected.request.decidedAt, '2026-11-23T10:00:00.000Z');
      assert.equal(rejected.request.orderId, null);

      const late = await world.service.approveRequest(as('alex'), { requestId: request.id });
      assert.equal(late.duplicate, true);
      assert.equal(late.outcome.status, 'rejected');
      assert.equal(await orderCount(), 0);
    });

    it('only the requester may cancel a request', async () => {
      const request = await leeRequests();
      await rejectsWith(world.service.cancelRequest(as('alex'), { requestId: request.id }), 'forbidden');
      await rejectsWith(world.service.cancelRequest(as('adele'), { requestId: request.id }), 'forbidden');
      assert.equal((await world.service.getRequest(as('lee'), request.id)).status, 'pending');

      const canceled = await world.service.cancelRequest(as('lee'), { requestId: request.id });
      assert.equal(canceled.outcome.status, 'canceled');
      assert.equal(canceled.request.status, 'canceled');
      assert.equal(canceled.request.decidedBy, DEMO_USERS.lee);

      const late = await world.service.approveRequest(as('alex'), { requestId: request.id });
      assert.equal(late.outcome.status, 'canceled');
      assert.equal(await orderCount(), 0);
    });
  });

  describe('expiry', () => {
    it('7 days + 1 ms later the request has expired: approval fails and lists show it expired', async () => {
      const request = await leeRequests();
      world.clock.advance(7 * DAY + 1);
      const error = await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id }), 'request_expired');
      assert.equal(error.params.expiresAt, request.expiresAt);
      await rejectsWith(world.service.rejectRequest(as('alex'), { requestId: request.id }), 'request_expired');
      await rejectsWith(world.service.cancelRequest(as('lee'), { requestId: request.id }), 'request_expired');
      assert.equal(await orderCount(), 0);

      const listed = (await world.service.listRequests(as('alex'), { limit: 100 })).items;
      assert.deepEqual(listed.map((r) => [r.id, r.status]), [[request.id, 'expired']]);
      assert.equal((await world.service.getRequest(as('lee'), request.id)).status, 'expired');
      assert.equal((await world.service.listRequests(as('lee'))).items[0]?.status, 'expired');
    });

    it('exactly 7 days later it can still be approved', async () => {
      const request = await leeRequests();
      world.clock.advance(7 * DAY);
      assert.equal((await world.service.getRequest(as('lee'), request.id)).status, 'pending');
      const approved = await world.service.approveRequest(as('alex'), { requestId: request.id });
      assert.equal(approved.request.status, 'approved');
    });
  });

  describe('listing', () => {
    it('a user sees only his own requests; admins see all, newest first', async () => {
      const lee1 = await leeRequests('first');
      world.clock.advance(60_000);
      const adeleQuote = await world.service.quotePurchase(as('adele'), { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 3, frequency: 'monthly' });
      const adele = (await world.service.requestPurchase(as('adele'), { quoteId: adeleQuote.id })).request;
      world.clock.advance(60_000);
      const lee2 = await leeRequests('second');

      const ids = (items: readonly PurchaseRequest[]) => items.map((r) => r.id);
      assert.deepEqual(ids((await world.service.listRequests(as('lee'))).items), [lee2.id, lee1.id]);
      assert.deepEqual(ids((await world.service.listRequests(as('lee'), { mine: false })).items), [lee2.id, lee1.id]);
      assert.deepEqual(ids((await world.service.listRequests(as('adele'))).items), [adele.id]);
      assert.deepEqual(ids((await world.service.listRequests(as('alex'))).items), [lee2.id, adele.id, lee1.id]);
      assert.deepEqual(ids((await world.service.listRequests(as('megan'))).items), [lee2.id, adele.id, lee1.id]);
      assert.deepEqual(ids((await world.service.listRequests(as('alex'), { mine: true })).items), []);

      // Another user may not read Lee's request either.
      await rejectsWith(world.service.getRequest(as('adele'), lee1.id), 'not_found');
      assert.equal((await world.service.getRequest(as('lee'), lee1.id)).id, lee1.id);

      const firstPage = await world.service.listRequests(as('alex'), { limit: 2 });
      assert.deepEqual(ids(firstPage.items), [lee2.id, adele.id]);
      assert.ok(firstPage.next);
      const secondPage = await world.service.listRequests(as('alex'), { limit: 2, after: firstPage.next });
      assert.deepEqual(ids(secondPage.items), [lee1.id]);
      assert.equal(secondPage.next, null);
    });
  });
});
