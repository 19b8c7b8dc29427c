import assert from 'node:assert/strict';
import { DomainError } from '../../../src/domain/errors.js';
import type { PurchaseQuote } from '../../../src/domain/model.js';
import type { PurchaseInput } from '../../../src/domain/useCases/purchase.js';
import { demoTenantSeed } from '../../../src/domain/useCases/tenants.js';
import {
  MINUTE, START, TENANT_A, TENANT_B, addonOf, demoWorld, describeFailures, snapshot, staggered, withCode, type World,
} from '../../support/billingHarness.js';
import { aSubscription, usd } from '../../support/mother.js';
import { saveCard } from '../../support/savedCards.js';

const YEAR_LATER = '2027-11-23T10:00:00.000Z';
const MONTH_LATER = '2026-12-23T10:00:00.000Z';

function storage(quantity: unknown, frequency: unknown = 'yearly'): PurchaseInput {
  return { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity, frequency };
}

function phoneSystem(quantity: unknown, extra: Partial<PurchaseInput> = {}): PurchaseInput {
  return { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity, frequency: 'yearly', ...extra };
}

describe('purchase: quotePurchase + placeOrder', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  describe('the price is computed server-side', () => {
    it('Extra File Storage 50 GB yearly: 0.20/GB × 50 × 12 = 120.00 for the year, billed up front', async () => {
      const q = await w.service.quotePurchase(w.a.megan, storage(50, 'yearly'));
      assert.deepEqual(q.unitPrice, usd(20 * 12));
      assert.deepEqual(q.totalPerPeriod, usd(50 * 20 * 12));
      assert.equal(q.totalPerPeriod.amount, 12000);
      assert.deepEqual(q.firstCharge, usd(12000));
      assert.equal(q.termStart, START);
      assert.equal(q.termEnd, YEAR_LATER);
    });

    it('Extra File Storage 50 GB monthly: 20% more, 0.24/GB → 12.00 a month', async () => {
      const q = await w.service.quotePurchase(w.a.megan, storage(50, 'monthly'));
      assert.deepEqual(q.unitPrice, usd(24));
      assert.deepEqual(q.totalPerPeriod, usd(1200));
      assert.deepEqual(q.firstCharge, usd(1200));
      assert.equal(q.termEnd, MONTH_LATER);
    });

    it('Exchange Online Archiving on Business Basic: 3.00 a license a month with annual commitment', async () => {
      const input = { addonId: 'exchange-online-archiving', baseSubscriptionId: 'sub-business-basic', quantity: 10 };
      const yearly = await w.service.quotePurchase(w.a.megan, { ...input, frequency: 'yearly' });
      assert.deepEqual(yearly.unitPrice, usd(300 * 12));
      assert.deepEqual(yearly.totalPerPeriod, usd(10 * 300 * 12));
      assert.equal(yearly.planId, 'm365-business-basic');
      const monthly = await w.service.quotePurchase(w.a.megan, { ...input, frequency: 'monthly' });
      assert.deepEqual(monthly.unitPrice, usd(360));
      assert.deepEqual(monthly.totalPerPeriod, usd(3600));
    });

    it('Phone System: 8.00 a license a month with annual commitment', async () => {
      const yearly = await w.service.quotePurchase(w.a.megan, phoneSystem(3));
      assert.deepEqual(yearly.unitPrice, usd(9600));
      assert.deepEqual(yearly.totalPerPeriod, usd(28800));
      const monthly = await w.service.quotePurchase(w.a.megan, phoneSystem(3, { frequency: 'monthly' }));
      assert.deepEqual(monthly.unitPrice, usd(960));
      assert.deepEqual(monthly.totalPerPeriod, usd(2880));
    });

    it('ignores any price a client slips into the input, and the order carries the quoted server price', async () => {
      const tampered = { ...storage(50), unitPrice: usd(1), totalPerPeriod: usd(1), firstCharge: usd(1) };
      const q = await w.service.quotePurchase(w.a.megan, tampered);
      assert.deepEqual(q.totalPerPeriod, usd(12000));
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      assert.deepEqual(placed.order.unitPrice, usd(240));
      assert.deepEqual(placed.order.totalPerPeriod, usd(12000));
      assert.deepEqual(placed.order.firstCharge, usd(12000));
    });

    it('lets a user without purchase rights get a quote (to turn into a request)', async () => {
      const q = await w.service.quotePurchase(w.a.lee, phoneSystem(2));
      assert.equal(q.callerId, w.a.lee.userId);
      assert.deepEqual(q.totalPerPeriod, usd(19200));
    });
  });

  describe('eligibility', () => {
    it('refuses Exchange Online Archiving on E3 as not_eligible, naming the plans that allow it', async () => {
      const input = { addonId: 'exchange-online-archiving', baseSubscriptionId: 'sub-e3', quantity: 5, frequency: 'yearly' };
      await assert.rejects(w.service.quotePurchase(w.a.megan, input), (e) => {
        assert.ok(e instanceof DomainError && e.code === 'not_eligible', String(e));
        assert.deepEqual(e.params.allowedPlans, ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1']);
        assert.equal(e.params.planId, 'o365-e3');
        return true;
      });
    });

    it('refuses Phone System on Business Basic and Communications Credits on E3', async () => {
      await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { baseSubscriptionId: 'sub-business-basic' })), withCode('not_eligible'));
      await assert.rejects(w.service.quotePurchase(w.a.megan,
        { addonId: 'communications-credits', baseSubscriptionId: 'sub-e3', quantity: 100, frequency: 'yearly' }), withCode('not_eligible'));
    });

    it('refuses an add-on subscription as the base', async () => {
      await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { baseSubscriptionId: 'sub-phone-system' })), withCode('not_a_base_subscription'));
    });

    it("answers not_found for another tenant's base subscription, which its own admins can use", async () => {
      const seed = demoTenantSeed('tenant-c', w.clock.now());
      const extra = aSubscription({ id: 'sub-c-business-standard', tenantId: 'tenant-c', productId: 'm365-business-standard', kind: 'base',
        baseSubscriptionId: null, quantity: 12, assigned: 12, frequency: 'yearly', termStart: '2026-06-01T00:00:00.000Z',
        termEnd: '2027-06-01T00:00:00.000Z', purchasedAt: '2026-06-01T00:00:00.000Z' });
      await w.service.provisionTenant({ ...seed, subscriptions: [...seed.subscriptions, extra] });
      const input = { addonId: 'exchange-online-archiving', baseSubscriptionId: extra.id, quantity: 5, frequency: 'yearly' };
      const own = await w.service.quotePurchase({ tenantId: 'tenant-c', userId: w.a.megan.userId }, input);
      assert.equal(own.baseSubscriptionId, extra.id);
      await assert.rejects(w.service.quotePurchase(w.a.megan, input), withCode('not_found'));
      await assert.rejects(w.service.quotePurchase(w.b.megan, input), withCode('not_found'));
    });

    it('answers not_found for an unknown add-on or base', async () => {
      await assert.rejects(w.service.quotePurchase(w.a.megan, { ...phoneSystem(1), addonId: 'teams-premium' }), withCode('not_found'));
      await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { baseSubscriptionId: 'sub-nope' })), withCode('not_found'));
      await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { baseSubscriptionId: 42 })), withCode('not_found'));
    });
  });

  describe('quantity and frequency validation', () => {
    const badQuantities: ReadonlyArray<readonly [string, unknown]> = [
      ['0', 0], ['-1', -1], ['1.5', 1.5], ['NaN', NaN], ["'5'", '5'], ['10**12', 10 ** 12], ['Infinity', Infinity],
      ['null', null], ['undefined', undefined], ['10001 (over the license maximum)', 10_001],
    ];
    for (const [label, quantity] of badQuantities) {
      it(`refuses quantity ${label} as invalid_quantity`, async () => {
        await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(quantity)), withCode('invalid_quantity'));
      });
    }

    it('accepts the maximum quantity exactly and refuses one more (GB: 1,000,000)', async () => {
      const max = await w.service.quotePurchase(w.a.megan, storage(1_000_000));
      assert.deepEqual(max.totalPerPeriod, usd(240 * 1_000_000));
      await assert.rejects(w.service.quotePurchase(w.a.megan, storage(1_000_001)), withCode('invalid_quantity'));
      const oneLicense = await w.service.quotePurchase(w.a.megan, phoneSystem(1));
      assert.equal(oneLicense.quantity, 1);
      const maxLicenses = await w.service.quotePurchase(w.a.megan, phoneSystem(10_000));
      assert.equal(maxLicenses.quantity, 10_000);
    });

    for (const frequency of ['weekly', 'Yearly', 'annual', '', undefined, null, 12]) {
      it(`refuses frequency ${JSON.stringify(frequency) ?? 'undefined'} as invalid_input`, async () => {
        await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { frequency })),
          (e) => e instanceof DomainError && e.code === 'invalid_input' && e.params.field === 'frequency');
      });
    }

    it('refuses an autoAssign that is not a boolean', async () => {
      await assert.rejects(w.service.quotePurchase(w.a.megan, phoneSystem(1, { autoAssign: 'yes' })),
        (e) => e instanceof DomainError && e.code === 'invalid_input' && e.params.field === 'autoAssign');
    });
  });

  describe('auto-assign', () => {
    async function order(input: PurchaseInput) {
      const q = await w.service.quotePurchase(w.a.megan, input);
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      return { quote: q, order: placed.order, subscription: await addonOf(w, w.a.megan, placed.order.subscriptionId) };
    }

    it('is normalized to false for GB storage: nothing is assigned', async () => {
      const { quote, order: o, subscription } = await order({ ...storage(50), autoAssign: true });
      assert.equal(quote.autoAssign, false);
      assert.equal(o.autoAssigned, 0);
      assert.equal(subscription.assigned, 0);
    });

    it('is normalized to false for prepaid Communications Credits', async () => {
      const { quote, order: o } = await order({ addonId: 'communications-credits', baseSubscriptionId: 'sub-e5', quantity: 500, frequency: 'monthly', autoAssign: true });
      assert.equal(quote.autoAssign, false);
      assert.equal(o.autoAssigned, 0);
    });

    it("is capped by the base's assigned users minus those the same add-on already covers (E3: 20 − 15 Phone System)", async () => {
      const { quote, order: o, subscription } = await order(phoneSystem(10, { autoAssign: true }));
      assert.equal(quote.autoAssign, true);
      assert.equal(o.autoAssigned, 5);
      assert.equal(subscription.assigned, 5);
      // Every E3 user now has Phone System: a further purchase assigns nobody.
      const again = await order(phoneSystem(10, { autoAssign: true }));
      assert.equal(again.order.autoAssigned, 0);
    });

    it('covers 20 − 4 = 16 E3 users with Audio Conferencing, and never more than the quantity bought', async () => {
      const many = await order({ addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 30, frequency: 'yearly', autoAssign: true });
      assert.equal(many.order.autoAssigned, 16);
      const eoa = await order({ addonId: 'exchange-online-archiving', baseSubscriptionId: 'sub-business-basic', quantity: 3, frequency: 'monthly', autoAssign: true });
      assert.equal(eoa.order.autoAssigned, 3);
      const rest = await order({ addonId: 'exchange-online-archiving', baseSubscriptionId: 'sub-business-basic', quantity: 10, frequency: 'monthly', autoAssign: true });
      assert.equal(rest.order.autoAssigned, 8 - 3);
    });

    it('assigns nobody when not asked', async () => {
      const { quote, order: o } = await order(phoneSystem(3));
      assert.equal(quote.autoAssign, false);
      assert.equal(o.autoAssigned, 0);
    });
  });

  describe('the role is checked when the order is placed', () => {
    it('forbids Lee (user) from placing his own quote, and writes nothing', async () => {
      const q = await w.service.quotePurchase(w.a.lee, phoneSystem(2));
      const before = await snapshot(w, w.a.megan);
      await assert.rejects(w.service.placeOrder(w.a.lee, { quoteId: q.id, paymentMethodId: 'pm-invoice' }), withCode('forbidden'));
      assert.deepEqual(await snapshot(w, w.a.megan), before);
    });

    it('forbids Adele (license admin)', async () => {
      const q = await w.service.quotePurchase(w.a.adele, phoneSystem(2));
      await assert.rejects(w.service.placeOrder(w.a.adele, { quoteId: q.id, paymentMethodId: 'pm-invoice' }), withCode('forbidden'));
    });

    it('forbids an admin demoted between the quote and the order', async () => {
      const q = await w.service.quotePurchase(w.a.alex, phoneSystem(2));
      await w.service.saveUser(TENANT_A, { id: w.a.alex.userId, name: 'Alex Wilber', roles: ['user'], licensed: true });
      await assert.rejects(w.service.placeOrder(w.a.alex, { quoteId: q.id, paymentMethodId: 'pm-invoice' }), withCode('forbidden'));
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 0);
    });

    it('lets a user promoted to billing admin place the quote he got before', async () => {
      const q = await w.service.quotePurchase(w.a.lee, phoneSystem(2));
      await w.service.saveUser(TENANT_A, { id: w.a.lee.userId, name: 'Lee Gu', roles: ['billing_admin'], licensed: true });
      const placed = await w.service.placeOrder(w.a.lee, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      assert.equal(placed.order.placedBy, w.a.lee.userId);
    });
  });

  describe('a quote is bound to its caller, tenant, time and content', () => {
    let quote: PurchaseQuote;
    beforeEach(async () => {
      quote = await w.service.quotePurchase(w.a.megan, phoneSystem(4));
    });

    it("refuses Alex placing Megan's quote as quote_used_elsewhere", async () => {
      await assert.rejects(w.service.placeOrder(w.a.alex, { quoteId: quote.id, paymentMethodId: 'pm-invoice' }), withCode('quote_used_elsewhere'));
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 0);
    });

    it("answers not_found to tenant-b's admin holding tenant-a's quote id, and the quote still works in tenant-a", async () => {
      await assert.rejects(w.service.placeOrder(w.b.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' }), withCode('not_found'));
      assert.equal((await w.service.listOrders(w.b.megan)).items.length, 0);
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      assert.equal(placed.order.tenantId, TENANT_A);
    });

    it('answers not_found to an unknown or malformed quote id, and to the id of a quote of another kind', async () => {
      for (const quoteId of ['QUO-9999', '', undefined, 17, 'QUO 0001; DROP', 'x'.repeat(200)]) {
        await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId, paymentMethodId: 'pm-invoice' }), withCode('not_found'));
      }
      const qq = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 25 });
      await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: qq.id, paymentMethodId: 'pm-invoice' }), withCode('not_found'));
    });

    it('is still valid 14:59 after it was made', async () => {
      w.clock.advance(14 * MINUTE + 59_000);
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      assert.equal(placed.duplicate, false);
    });

    it('is still valid at exactly 15:00', async () => {
      w.clock.advance(15 * MINUTE);
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      assert.equal(placed.duplicate, false);
    });

    it('is quote_stale at 15:01, and nothing is written', async () => {
      w.clock.advance(15 * MINUTE + 1000);
      const before = await snapshot(w, w.a.megan);
      await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' }), withCode('quote_stale'));
      assert.deepEqual(await snapshot(w, w.a.megan), before);
    });

    const alterations: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
      ['quantity', { quantity: 40 }],
      ['quantity as a string', { quantity: '4' }],
      ['total', { totalPerPeriod: usd(1) }],
      ['total currency', { totalPerPeriod: { amount: 38400, currency: 'EUR' } }],
      ['total that is not money', { totalPerPeriod: 38400 }],
      ['add-on', { addonId: 'audio-conferencing' }],
      ['frequency', { frequency: 'monthly' }],
    ];
    for (const [what, expected] of alterations) {
      it(`refuses an altered ${what} as quote_altered, and writes nothing`, async () => {
        const before = await snapshot(w, w.a.megan);
        await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice', expected }), withCode('quote_altered'));
        assert.deepEqual(await snapshot(w, w.a.megan), before);
        assert.equal((await w.service.listOrders(w.a.megan)).items.length, 0);
      });
    }

    it('accepts the content the card showed', async () => {
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice',
        expected: { addonId: 'phone-system', quantity: 4, frequency: 'yearly', totalPerPeriod: usd(38400) } });
      assert.equal(placed.order.quantity, 4);
      assert.deepEqual(placed.order.totalPerPeriod, usd(38400));
    });
  });

  describe('payment method', () => {
    let quote: PurchaseQuote;
    beforeEach(async () => {
      quote = await w.service.quotePurchase(w.a.megan, phoneSystem(2));
    });

    it("refuses another tenant's card as invalid_payment_method", async () => {
      const foreign = await saveCard(w.store, TENANT_B, { brand: 'mastercard', last4: '5454', expMonth: 6, expYear: 2030 });
      await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: foreign.id }), withCode('invalid_payment_method'));
      await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-unknown' }), withCode('invalid_payment_method'));
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 0);
    });

    it('requires one', async () => {
      for (const paymentMethodId of [undefined, null, '']) {
        await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId }), withCode('payment_method_required'));
      }
    });

    it('refuses a card past its expiry month as card_expired, and takes it through the last day of that month', async () => {
      const card = await saveCard(w.store, TENANT_A, { last4: '1111', expMonth: 12, expYear: 2026 });
      w.clock.set('2026-12-31T23:59:00.000Z');
      const lastDay = await w.service.quotePurchase(w.a.megan, phoneSystem(1));
      const ok = await w.service.placeOrder(w.a.megan, { quoteId: lastDay.id, paymentMethodId: card.id });
      assert.equal(ok.order.paymentMethodId, card.id);
      w.clock.set('2027-01-01T00:00:00.000Z');
      const after = await w.service.quotePurchase(w.a.megan, phoneSystem(1));
      await assert.rejects(w.service.placeOrder(w.a.megan, { quoteId: after.id, paymentMethodId: card.id }), withCode('card_expired'));
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 1);
    });

    it('takes the demo Visa and the invoice', async () => {
      const byCard = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' });
      assert.equal(byCard.order.paymentMethodId, 'pm-visa-4242');
      const q2 = await w.service.quotePurchase(w.a.megan, phoneSystem(2));
      const byInvoice = await w.service.placeOrder(w.a.megan, { quoteId: q2.id, paymentMethodId: 'pm-invoice' });
      assert.equal(byInvoice.order.paymentMethodId, 'pm-invoice');
    });
  });

  describe('exactly once per quote', () => {
    let quote: PurchaseQuote;
    beforeEach(async () => {
      quote = await w.service.quotePurchase(w.a.megan, phoneSystem(3));
    });

    it('places one order when the same quote is placed 5 times in a row', async () => {
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' }));
      assert.deepEqual(results.map((r) => r.duplicate), [false, true, true, true, true]);
      assert.equal(new Set(results.map((r) => r.order.id)).size, 1);
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 1);
    });

    it('places one order when the same quote is placed 20 times at once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () =>
        w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' })));
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.equal(new Set(results.map((r) => r.order.id)).size, 1);
      assert.equal(new Set(results.map((r) => r.outcome.subscriptionId)).size, 1);
      const orders = await w.service.listOrders(w.a.megan);
      assert.equal(orders.items.length, 1);
      assert.equal(orders.items[0]?.id, results[0]?.order.id);
      const phoneSystems = (await w.service.listAddons(w.a.megan, { limit: 100 })).items.filter((s) => s.productId === 'phone-system');
      assert.equal(phoneSystems.length, 2); // the demo one and the new one
    });

    it('places one order when 20 placements overlap at different points of the first one', async () => {
      const results = await staggered(20, () => w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' }));
      assert.deepEqual(describeFailures(results), []);
      const placed = results.flatMap((r) => (r.ok ? [r.value] : []));
      assert.equal(placed.filter((r) => !r.duplicate).length, 1);
      assert.equal(new Set(placed.map((r) => r.order.id)).size, 1);
      assert.equal((await w.service.listOrders(w.a.megan)).items.length, 1);
    });

    it('answers a placement after the quote expired with the order already placed', async () => {
      const first = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      w.clock.advance(60 * MINUTE);
      const again = await w.service.placeOrder(w.a.megan, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      assert.equal(again.duplicate, true);
      assert.equal(again.order.id, first.order.id);
    });
  });

  describe('the order and its new subscription', () => {
    it('is a standalone yearly subscription of its own, recurring billing on, term of one year', async () => {
      const q = await w.service.quotePurchase(w.a.megan, phoneSystem(3));
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-visa-4242' });
      const { order } = placed;
      assert.equal(order.tenantId, TENANT_A);
      assert.equal(order.quoteId, q.id);
      assert.equal(order.requestId, null);
      assert.equal(order.addonId, 'phone-system');
      assert.equal(order.baseSubscriptionId, 'sub-e3');
      assert.equal(order.placedBy, w.a.megan.userId);
      assert.equal(order.placedAt, START);
      assert.deepEqual(await w.service.getOrder(w.a.megan, order.id), order);
      const sub = await addonOf(w, w.a.megan, order.subscriptionId);
      assert.equal(sub.kind, 'standalone');
      assert.equal(sub.productId, 'phone-system');
      assert.equal(sub.baseSubscriptionId, 'sub-e3');
      assert.equal(sub.quantity, 3);
      assert.equal(sub.frequency, 'yearly');
      assert.equal(sub.termStart, START);
      assert.equal(sub.termEnd, YEAR_LATER);
      assert.equal(sub.purchasedAt, START);
      assert.equal(sub.recurringBilling, true);
      assert.equal(sub.status, 'active');
      assert.equal(sub.scheduledChange, null);
    });

    it('runs one month when billed monthly', async () => {
      const q = await w.service.quotePurchase(w.a.megan, storage(50, 'monthly'));
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      const sub = await addonOf(w, w.a.megan, placed.order.subscriptionId);
      assert.equal(sub.kind, 'standalone');
      assert.equal(sub.frequency, 'monthly');
      assert.equal(sub.termEnd, MONTH_LATER);
      assert.equal(sub.recurringBilling, true);
      assert.deepEqual(placed.order.firstCharge, usd(1200));
    });

    it('records one audit entry keyed quote:<id>, with the order and subscription after', async () => {
      const q = await w.service.quotePurchase(w.a.megan, phoneSystem(3));
      const placed = await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      const entries = (await w.service.listAudit(w.a.megan, { limit: 100 })).items.filter((a) => a.idempotencyKey === `quote:${q.id}`);
      assert.equal(entries.length, 1);
      const [entry] = entries;
      assert.equal(entry?.action, 'order.place');
      assert.equal(entry?.actorId, w.a.megan.userId);
      assert.equal(entry?.targetId, placed.order.id);
      assert.equal(entry?.at, START);
      assert.equal(entry?.before, null);
      assert.deepEqual(entry?.after, { order: placed.order, subscription: await addonOf(w, w.a.megan, placed.order.subscriptionId) });
    });

    it("leaves the other tenant's orders, add-ons and audit alone", async () => {
      const before = await snapshot(w, w.b.megan);
      const q = await w.service.quotePurchase(w.a.megan, phoneSystem(3));
      await w.service.placeOrder(w.a.megan, { quoteId: q.id, paymentMethodId: 'pm-invoice' });
      assert.deepEqual(await snapshot(w, w.b.megan), before);
      assert.equal((await w.service.listOrders({ tenantId: TENANT_B, userId: w.b.megan.userId })).items.length, 0);
    });
  });
});
