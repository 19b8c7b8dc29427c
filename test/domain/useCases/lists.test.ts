import assert from 'node:assert/strict';
import type { AddonId, PlanId } from '../../../src/domain/ids.js';
import type { Order } from '../../../src/domain/model.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { aSubscription } from '../../support/mother.js';
import { as, demoWorld, rejectsWith, TENANT_A, TENANT_B, type DemoPerson, type World } from './world.js';

describe('use cases: lists, eligibility, tenants and cards', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  async function placeAudioConferencing(person: DemoPerson = 'megan', tenantId = TENANT_A): Promise<Order> {
    const quote = await world.service.quotePurchase(as(person, tenantId), { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3',
      quantity: 1, frequency: 'monthly' });
    const placed = await world.service.placeOrder(as(person, tenantId), { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' });
    return placed.order;
  }

  describe('quoteOutcome', () => {
    it('tells what became of a quote, when and by whom, to its maker and to admins, however much happened since', async () => {
      const quote = await world.service.proposeQuantityChange(as('alex'), { subscriptionId: 'sub-phone-system', newQuantity: 22 });
      assert.equal(await world.service.quoteOutcome(as('alex'), quote.id), undefined, 'nothing done with it yet');
      const done = await world.service.confirmQuantityChange(as('alex'), quote.id);
      world.clock.advance(60_000);
      // Sixty more changes afterwards: the answer comes from the quote's claim, not from a recent page of the log.
      for (let i = 0; i < 60; i++) {
        const next = await world.service.proposeQuantityChange(as('megan'), { subscriptionId: 'sub-phone-system', newQuantity: 23 + i });
        await world.service.confirmQuantityChange(as('megan'), next.id);
      }
      for (const asker of ['alex', 'megan'] as const) {
        const told = await world.service.quoteOutcome(as(asker), quote.id);
        assert.deepEqual(told?.outcome, done.outcome, `${asker} is told the stored outcome`);
        assert.equal(told?.by, DEMO_USERS.alex);
      }
    });

    it('is refused to a non-admin who did not make the quote, and knows nothing of another tenant\'s quotes', async () => {
      const quote = await world.service.proposeQuantityChange(as('megan'), { subscriptionId: 'sub-phone-system', newQuantity: 22 });
      await world.service.confirmQuantityChange(as('megan'), quote.id);
      await rejectsWith(world.service.quoteOutcome(as('lee'), quote.id), 'forbidden');
      assert.equal(await world.service.quoteOutcome(as('megan', TENANT_B), quote.id), undefined);
      assert.equal(await world.service.quoteOutcome(as('megan'), 'QUO-none'), undefined);
      assert.equal(await world.service.quoteOutcome(as('megan'), { quoteId: quote.id }), undefined, 'an id is a string');
    });
  });

  describe('listOrders', () => {
    it('25 orders come newest first in pages of 10, 10 and 5, with no duplicates', async () => {
      const placed: Order[] = [];
      for (let i = 0; i < 25; i++) {
        world.clock.advance(60_000);
        placed.push(await placeAudioConferencing(i % 2 === 0 ? 'megan' : 'alex'));
      }
      const pages: Order[][] = [];
      let after: string | null = null;
      do {
        const page: { items: readonly Order[]; next: string | null } = await world.service.listOrders(as('megan'), { limit: 10, after });
        pages.push([...page.items]);
        after = page.next;
      } while (after !== null && pages.length < 10);
      assert.deepEqual(pages.map((p) => p.length), [10, 10, 5]);
      const listed = pages.flat();
      assert.equal(new Set(listed.map((o) => o.id)).size, 25);
      assert.deepEqual(listed.map((o) => o.id), placed.map((o) => o.id).reverse());
      for (let i = 1; i < listed.length; i++) {
        assert.ok((listed[i - 1]?.placedAt ?? '') > (listed[i]?.placedAt ?? ''), 'strictly newest first');
      }
    });

    it('orders placed at the same instant still page without duplicates or gaps', async () => {
      const placed: string[] = [];
      for (let i = 0; i < 7; i++) placed.push((await placeAudioConferencing()).id);
      const first = await world.service.listOrders(as('megan'), { limit: 3 });
      const second = await world.service.listOrders(as('megan'), { limit: 3, after: first.next });
      const third = await world.service.listOrders(as('megan'), { limit: 3, after: second.next });
      const listed = [...first.items, ...second.items, ...third.items].map((o) => o.id);
      assert.deepEqual([...listed].sort(), [...placed].sort());
      assert.equal(third.next, null);
    });

    it('an empty tenant has no orders and no next page', async () => {
      assert.deepEqual(await world.service.listOrders(as('megan')), { items: [], next: null });
    });

    it('bad limits and cursors are invalid input', async () => {
      for (const limit of [0, -1, 101, 2.5, Number.NaN]) {
        await rejectsWith(world.service.listOrders(as('megan'), { limit }), 'invalid_input');
      }
      for (const after of ['not-a-cursor', 'eyJ', '!!!', 'x'.repeat(600)]) {
        await rejectsWith(world.service.listOrders(as('megan'), { after }), 'invalid_input');
        await rejectsWith(world.service.listAddons(as('megan'), { after }), 'invalid_input');
        await rejectsWith(world.service.listBaseSubscriptions(as('megan'), { after }), 'invalid_input');
      }
      await rejectsWith(world.service.listAddons(as('megan'), { limit: 0 }), 'invalid_input');
      await rejectsWith(world.service.listAudit(as('megan'), { limit: 1000 }), 'invalid_input');
    });

    it('listRequests also answers bad limits and cursors with invalid_input', async () => {
      await rejectsWith(world.service.listRequests(as('megan'), { limit: 0 }), 'invalid_input');
      await rejectsWith(world.service.listRequests(as('megan'), { after: 'not-a-cursor' }), 'invalid_input');
    });

    it('tenants are isolated: tenant-b sees none of tenant-a’s orders', async () => {
      const order = await placeAudioConferencing('megan', TENANT_A);
      assert.equal((await world.service.listOrders(as('megan', TENANT_A))).items.length, 1);
      assert.deepEqual((await world.service.listOrders(as('megan', TENANT_B))).items, []);
      await rejectsWith(world.service.getOrder(as('megan', TENANT_B), order.id), 'not_found');
      assert.equal((await world.service.getOrder(as('alex', TENANT_A), order.id)).id, order.id);
      assert.equal((await world.service.listAddons(as('megan', TENANT_B), { limit: 100 })).items.length, 3);
      assert.equal((await world.service.listAddons(as('megan', TENANT_A), { limit: 100 })).items.length, 4);
    });

    it('a cursor of tenant-a leaks nothing into tenant-b', async () => {
      for (let i = 0; i < 3; i++) {
        world.clock.advance(1000);
        await placeAudioConferencing('megan', TENANT_A);
      }
      const page = await world.service.listOrders(as('megan', TENANT_A), { limit: 1 });
      assert.ok(page.next);
      assert.deepEqual((await world.service.listOrders(as('megan', TENANT_B), { limit: 10, after: page.next })).items, []);
    });
  });

  describe('who sees which orders', () => {
    it('global and billing admins see the tenant’s orders; a plain user or a license admin only the ones they placed', async () => {
      const megans = await placeAudioConferencing('megan');
      world.clock.advance(60_000);
      const alexs = await placeAudioConferencing('alex');
      for (const admin of ['megan', 'alex'] as const) {
        assert.deepEqual((await world.service.listOrders(as(admin))).items.map((o) => o.id), [alexs.id, megans.id], admin);
      }
      for (const plain of ['lee', 'adele'] as const) {
        assert.deepEqual(await world.service.listOrders(as(plain)), { items: [], next: null }, plain);
        await rejectsWith(world.service.getOrder(as(plain), megans.id), 'not_found');
        await rejectsWith(world.service.orderPaymentMethod(as(plain), megans.id), 'not_found');
      }
      assert.equal((await world.service.orderPaymentMethod(as('alex'), megans.id))?.id, megans.paymentMethodId, 'the method of an order they may see');
      await rejectsWith(world.service.orderPaymentMethod(as('megan', TENANT_B), megans.id), 'not_found');
    });

    it('the role is read at each list: a demoted admin sees only their own orders, a promoted user the tenant’s', async () => {
      const megans = await placeAudioConferencing('megan');
      world.clock.advance(60_000);
      const alexs = await placeAudioConferencing('alex');
      await world.service.saveUser(TENANT_A, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
      await world.service.saveUser(TENANT_A, { id: DEMO_USERS.lee, name: 'Lee Gu', roles: ['billing_admin'], licensed: true });
      assert.deepEqual((await world.service.listOrders(as('alex'))).items.map((o) => o.id), [alexs.id]);
      assert.equal((await world.service.getOrder(as('alex'), alexs.id)).id, alexs.id, 'their own order stays theirs to read');
      await rejectsWith(world.service.getOrder(as('alex'), megans.id), 'not_found');
      assert.deepEqual((await world.service.listOrders(as('lee'))).items.map((o) => o.id), [alexs.id, megans.id]);
    });

    it('a plain user may read the order placed for their own purchase request, and no one else’s', async () => {
      const quote = await world.service.quotePurchase(as('lee'), { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'monthly' });
      const { requestId } = (await world.service.requestPurchase(as('lee'), { quoteId: quote.id })).outcome;
      const decided = await world.service.approveRequest(as('megan'), { requestId, paymentMethodId: 'pm-visa-4242' });
      const { orderId } = decided.outcome;
      assert.ok(orderId, 'the approval placed an order');
      assert.equal((await world.service.getOrder(as('lee'), orderId)).requestId, requestId);
      await rejectsWith(world.service.getOrder(as('adele'), orderId), 'not_found');
    });
  });

  describe('the demo tenant’s subscriptions', () => {
    it('3 base subscriptions, newest first', async () => {
      const bases = (await world.service.listBaseSubscriptions(as('lee'), { limit: 100 })).items;
      assert.deepEqual(bases.map((s) => s.productId), ['m365-business-basic', 'o365-e5', 'o365-e3']);
      assert.ok(bases.every((s) => s.kind === 'base' && s.baseSubscriptionId === null && s.status === 'active'));
      const e3 = bases.find((s) => s.id === 'sub-e3');
      assert.equal(e3?.quantity, 25);
      assert.equal(e3?.assigned, 20);
      assert.equal(e3?.termStart, '2026-01-15T00:00:00.000Z', 'renewed to the term containing now');
      assert.equal(bases.find((s) => s.id === 'sub-e5')?.assigned, 5);
      assert.equal(bases.find((s) => s.id === 'sub-business-basic')?.quantity, 10);
    });

    it('3 add-ons: Extra File Storage traditional, Audio Conferencing and Phone System standalone', async () => {
      const addons = (await world.service.listAddons(as('lee'), { limit: 100 })).items;
      assert.deepEqual(addons.map((s) => [s.productId, s.kind]), [
        ['audio-conferencing', 'standalone'],
        ['phone-system', 'standalone'],
        ['extra-file-storage', 'traditional'],
      ]);
      const storage = addons.find((s) => s.productId === 'extra-file-storage');
      assert.equal(storage?.quantity, 100);
      assert.equal(storage?.baseSubscriptionId, 'sub-e3');
      assert.equal(storage?.purchasedAt, '2015-06-01T00:00:00.000Z');
      assert.equal(storage?.termEnd, '2027-01-15T00:00:00.000Z', 'follows E3');
      const audio = addons.find((s) => s.productId === 'audio-conferencing');
      assert.equal(audio?.quantity, 10);
      assert.equal(audio?.assigned, 4);
      assert.equal(audio?.purchasedAt, '2026-11-20T10:00:00.000Z', '3 days ago');
      const phone = addons.find((s) => s.productId === 'phone-system');
      assert.equal(phone?.quantity, 20);
      assert.equal(phone?.assigned, 15);
      assert.equal(phone?.recurringBilling, true);
      assert.equal(phone?.purchasedAt, '2026-09-24T10:00:00.000Z', '60 days ago');
    });

    it('paging the add-ons 2 at a time', async () => {
      const first = await world.service.listAddons(as('megan'), { limit: 2 });
      assert.equal(first.items.length, 2);
      assert.ok(first.next);
      const second = await world.service.listAddons(as('megan'), { limit: 2, after: first.next });
      assert.deepEqual(second.items.map((s) => s.productId), ['extra-file-storage']);
      assert.equal(second.next, null);
    });
  });

  describe('eligibility', () => {
    it('add-ons for E3: the plan’s column of the table, and the ones already bought', async () => {
      const result = await world.service.eligibleAddons(as('lee'), 'sub-e3');
      assert.equal(result.subscription.id, 'sub-e3');
      for (const id of ['extra-file-storage', 'phone-system', 'audio-conferencing', 'customer-lockbox'] as const) {
        assert.ok(result.addons.includes(id), id);
      }
      for (const id of ['exchange-online-archiving', 'communications-credits', 'domestic-calling-plan'] as const) {
        assert.ok(!result.addons.includes(id), id);
      }
      assert.deepEqual([...result.owned].sort(), ['audio-conferencing', 'extra-file-storage', 'phone-system']);
    });

    it('add-ons for Business Basic and E5 own nothing yet', async () => {
      const basic = await world.service.eligibleAddons(as('megan'), 'sub-business-basic');
      assert.deepEqual([...basic.addons].sort(), ['audio-conferencing', 'exchange-online-archiving', 'extra-file-storage']);
      assert.deepEqual(basic.owned, []);
      const e5 = await world.service.eligibleAddons(as('megan'), 'sub-e5');
      assert.ok(e5.addons.includes('communications-credits'));
      assert.deepEqual(e5.owned, []);
    });

    it('what is bought shows up as owned', async () => {
      const quote = await world.service.quotePurchase(as('megan'), { addonId: 'exchange-online-archiving', baseSubscriptionId: 'sub-business-basic',
        quantity: 3, frequency: 'monthly' });
      await world.service.placeOrder(as('megan'), { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      const basic = await world.service.eligibleAddons(as('megan'), 'sub-business-basic');
      assert.deepEqual(basic.owned, ['exchange-online-archiving']);
    });

    it('a subscription of another tenant, or none, is not found', async () => {
      await world.service.provisionTenant({ tenant: { id: 'tenant-c', name: 'Tailspin', cloud: 'worldwide', currency: 'USD' },
        users: [{ id: 'c-admin', name: 'Tailspin Admin', roles: ['global_admin'], licensed: true }], paymentMethods: [],
        subscriptions: [aSubscription({ id: 'sub-c-e3', tenantId: 'tenant-c', productId: 'o365-e3', kind: 'base', baseSubscriptionId: null })] });
      await rejectsWith(world.service.eligibleAddons(as('megan'), 'sub-c-e3'), 'not_found');
      await rejectsWith(world.service.eligibleAddons(as('megan'), 'sub-nope'), 'not_found');
    });

    it('subscriptions for Exchange Online Archiving: only Business Basic', async () => {
      const result = await world.service.eligibleBaseSubscriptions(as('lee'), 'exchange-online-archiving');
      assert.deepEqual(result.subscriptions.map((s) => s.id), ['sub-business-basic']);
      assert.deepEqual([...result.allowedPlans].sort(), ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1']);
    });

    it('subscriptions for Communications Credits: only E5', async () => {
      const result = await world.service.eligibleBaseSubscriptions(as('lee'), 'communications-credits');
      assert.deepEqual(result.subscriptions.map((s) => s.id), ['sub-e5']);
      assert.deepEqual(result.allowedPlans, ['o365-e5']);
    });

    it('subscriptions for Extra File Storage: all three', async () => {
      const result = await world.service.eligibleBaseSubscriptions(as('lee'), 'extra-file-storage');
      assert.deepEqual(result.subscriptions.map((s) => s.id).sort(), ['sub-business-basic', 'sub-e3', 'sub-e5']);
    });

    it('a tenant with only an Office 365 F1 base: no subscription for Customer Lockbox, with the plans that would allow it', async () => {
      const provisioned = await world.service.provisionTenant({
        tenant: { id: 'tenant-f1', name: 'Fabrikam', cloud: 'worldwide', currency: 'USD' },
        users: [{ id: 'f1-admin', name: 'Nestor Wilke', roles: ['global_admin'], licensed: true }],
        paymentMethods: [],
        subscriptions: [aSubscription({ id: 'sub-f1', tenantId: 'tenant-f1', productId: 'o365-f1', kind: 'base', baseSubscriptionId: null,
          quantity: 50, assigned: 42, frequency: 'yearly', termStart: '2026-06-01T00:00:00.000Z', termEnd: '2027-06-01T00:00:00.000Z',
          purchasedAt: '2026-06-01T00:00:00.000Z' })],
      });
      assert.deepEqual(provisioned, { created: true });
      const caller = { tenantId: 'tenant-f1', userId: 'f1-admin' };
      const unsupported: readonly AddonId[] = ['customer-lockbox', 'phone-system', 'communications-credits'];
      const expectedAllowed: Readonly<Record<string, readonly PlanId[]>> = {
        'customer-lockbox': ['o365-e1', 'o365-e3', 'o365-e4'],
        'phone-system': ['o365-e1', 'o365-e3', 'o365-e4', 'o365-e5'],
        'communications-credits': ['o365-e5'],
      };
      for (const addonId of unsupported) {
        const result = await world.service.eligibleBaseSubscriptions(caller, addonId);
        assert.deepEqual(result.subscriptions, [], addonId);
        assert.deepEqual([...result.allowedPlans].sort(), [...(expectedAllowed[addonId] ?? [])].sort(), addonId);
      }
      // F1 does support Exchange Online Archiving.
      const eoa = await world.service.eligibleBaseSubscriptions(caller, 'exchange-online-archiving');
      assert.deepEqual(eoa.subscriptions.map((s) => s.id), ['sub-f1']);
      // And buying Lockbox on it says why not.
      const error = await rejectsWith(world.service.quotePurchase(caller, { addonId: 'customer-lockbox', baseSubscriptionId: 'sub-f1',
        quantity: 1, frequency: 'yearly' }), 'not_eligible');
      assert.deepEqual(error.params, { addonId: 'customer-lockbox', planId: 'o365-f1', allowedPlans: ['o365-e1', 'o365-e3', 'o365-e4'] });
    });

    it('an unknown add-on is not found', async () => {
      await rejectsWith(world.service.eligibleBaseSubscriptions(as('lee'), 'visio-plan-2'), 'not_found');
    });
  });

  describe('provisioning', () => {
    it('provisioning the demo tenant twice creates it once, with no duplicate rows', async () => {
      world.clock.advanceDays(1);
      assert.deepEqual(await world.service.provisionDemoTenant(TENANT_A), { created: false });
      assert.equal((await world.service.listBaseSubscriptions(as('megan'), { limit: 100 })).items.length, 3);
      assert.equal((await world.service.listAddons(as('megan'), { limit: 100 })).items.length, 3);
      assert.equal((await world.service.listPaymentMethods(as('megan'))).length, 2);
      const audio = (await world.service.listAddons(as('megan'), { limit: 100 })).items.find((s) => s.productId === 'audio-conferencing');
      assert.equal(audio?.purchasedAt, '2026-11-20T10:00:00.000Z', 'the first provisioning’s dates stand');
      assert.equal((await world.service.whoIs(as('lee'))).user.name, 'Lee Gu');
    });

    it('the demo tenant is Contoso (demo), worldwide, USD, with its four people', async () => {
      const { tenant } = await world.service.whoIs(as('megan'));
      assert.equal(tenant.name, 'Contoso (demo)');
      assert.equal(tenant.cloud, 'worldwide');
      assert.equal(tenant.currency, 'USD');
      assert.deepEqual((await world.service.whoIs(as('megan'))).user.roles, ['global_admin']);
      assert.deepEqual((await world.service.whoIs(as('alex'))).user.roles, ['billing_admin']);
      assert.deepEqual((await world.service.whoIs(as('lee'))).user.roles, ['user']);
      assert.deepEqual((await world.service.whoIs(as('adele'))).user.roles, ['license_admin']);
    });
  });
});
