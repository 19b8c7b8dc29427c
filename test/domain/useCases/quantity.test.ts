import assert from 'node:assert/strict';
import { DomainError } from '../../../src/domain/errors.js';
import type { QuantityQuote } from '../../../src/domain/model.js';
import {
  DAY, HOUR, MINUTE, START, TENANT_A, addonOf, daysBetween, daysLeft, demoWorld, describeFailures, euroStorageSeed, isoPlus,
  prorateHalfEven, snapshot, staggered, withCode, type World,
} from '../../support/billingHarness.js';
import { usd } from '../../support/mother.js';

// The demo add-ons at 2026-11-23T10:00Z (SPEC section 8), with their terms written out by hand.
const AUDIO = 'sub-audio-conferencing'; // standalone, bought 3 days ago, 10 licenses, 4 assigned, 48.00 a license a year
const AUDIO_START = '2026-11-20T10:00:00.000Z';
const AUDIO_END = '2027-11-20T10:00:00.000Z';
const AUDIO_YEARLY = 4 * 100 * 12;
const PHONE = 'sub-phone-system'; // standalone, bought 60 days ago, 20 licenses, 15 assigned, 96.00 a license a year
const PHONE_START = '2026-09-24T10:00:00.000Z';
const PHONE_END = '2027-09-24T10:00:00.000Z';
const PHONE_YEARLY = 8 * 100 * 12;
const STORAGE = 'sub-extra-file-storage'; // traditional, on E3, 100 GB, 2.40 a GB a year; follows E3's term
const E3_TERM_START = '2026-01-15T00:00:00.000Z';
const E3_TERM_END = '2027-01-15T00:00:00.000Z';
const STORAGE_YEARLY = 20 * 12;

describe('quantity: proposeQuantityChange + confirmQuantityChange', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  async function change(subscriptionId: string, newQuantity: unknown, caller = w.a.megan) {
    const quote = await w.service.proposeQuantityChange(caller, { subscriptionId, newQuantity });
    const confirmed = await w.service.confirmQuantityChange(caller, quote.id);
    return { quote, confirmed };
  }

  it('starts from the demo add-ons of SPEC section 8 (the terms these tests compute from)', async () => {
    const audio = await addonOf(w, w.a.megan, AUDIO);
    assert.deepEqual([audio.kind, audio.quantity, audio.assigned, audio.termStart, audio.termEnd], ['standalone', 10, 4, AUDIO_START, AUDIO_END]);
    const phone = await addonOf(w, w.a.megan, PHONE);
    assert.deepEqual([phone.kind, phone.quantity, phone.assigned, phone.termStart, phone.termEnd], ['standalone', 20, 15, PHONE_START, PHONE_END]);
    const storage = await addonOf(w, w.a.megan, STORAGE);
    assert.deepEqual([storage.kind, storage.quantity, storage.termStart, storage.termEnd], ['traditional', 100, E3_TERM_START, E3_TERM_END]);
  });

  describe('an increase is charged now, prorated half-even to the term end', () => {
    it('Audio Conferencing 10 → 15: 5 × 48.00 × 362/365', async () => {
      const termDays = daysBetween(AUDIO_START, AUDIO_END);
      const left = daysBetween(START, AUDIO_END);
      assert.deepEqual([termDays, left], [365, 362]);
      const { quote, confirmed } = await change(AUDIO, 15);
      assert.equal(quote.effect, 'now');
      assert.equal(quote.effectiveAt, START);
      assert.deepEqual(quote.totalPerPeriodBefore, usd(10 * AUDIO_YEARLY));
      assert.deepEqual(quote.totalPerPeriodAfter, usd(15 * AUDIO_YEARLY));
      assert.deepEqual(quote.amountNow, usd(prorateHalfEven(5 * AUDIO_YEARLY, left, termDays)));
      assert.equal(quote.amountNow.amount, 23803); // 8,688,000 / 365 = 23,802.74
      assert.deepEqual(confirmed.outcome, { kind: 'quantity_changed', subscriptionId: AUDIO, fromQuantity: 10, toQuantity: 15, effect: 'now',
        effectiveAt: START, amountNow: quote.amountNow });
      assert.equal(confirmed.duplicate, false);
      const sub = await addonOf(w, w.a.megan, AUDIO);
      assert.deepEqual([sub.quantity, sub.assigned, sub.scheduledChange], [15, 4, null]);
    });

    it('Phone System 20 → 25 outside the refund window: 5 × 96.00 × 305/365', async () => {
      const left = daysBetween(START, PHONE_END);
      assert.equal(left, 305);
      const { quote } = await change(PHONE, 25);
      assert.equal(quote.effect, 'now');
      assert.deepEqual(quote.amountNow, usd(prorateHalfEven(5 * PHONE_YEARLY, left, daysBetween(PHONE_START, PHONE_END))));
      assert.equal(quote.amountNow.amount, 40110); // 14,640,000 / 365 = 40,109.59
      assert.equal((await addonOf(w, w.a.megan, PHONE)).quantity, 25);
    });

    it("traditional Extra File Storage 100 → 150 GB, prorated to E3's term end", async () => {
      const left = daysLeft(w.clock.now(), E3_TERM_END);
      assert.equal(left, 53); // 52 days and 14 hours: the started day counts
      const { quote } = await change(STORAGE, 150);
      assert.equal(quote.effect, 'now');
      assert.deepEqual(quote.amountNow, usd(prorateHalfEven(50 * STORAGE_YEARLY, left, daysBetween(E3_TERM_START, E3_TERM_END))));
      assert.equal(quote.amountNow.amount, 1742); // 636,000 / 365 = 1,742.47
      assert.equal((await addonOf(w, w.a.megan, STORAGE)).quantity, 150);
    });

    it('counts a started day as left: 6 hours in, still 362 days; a full day in, 361', async () => {
      w.clock.advance(6 * HOUR);
      const sixHours = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 11 });
      assert.deepEqual(sixHours.amountNow, usd(prorateHalfEven(AUDIO_YEARLY, 362, 365)));
      w.clock.set(isoPlus(START, DAY));
      const oneDay = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 11 });
      assert.deepEqual(oneDay.amountNow, usd(prorateHalfEven(AUDIO_YEARLY, 361, 365)));
    });

    it('rounds an exact half cent to even (EUR storage, 23 cents a GB a month, February: 28 days)', async () => {
      const eur = await demoWorld({ tenantB: false, start: '2027-02-15T00:00:00.000Z' });
      await eur.service.provisionTenant(euroStorageSeed('tenant-eur', 10));
      const megan = { tenantId: 'tenant-eur', userId: w.a.megan.userId };
      // 14 of 28 days left: 3 GB → 69 × 14/28 = 34.5 → 34 (half-up would say 35); 1 GB → 11.5 → 12.
      const three = await eur.service.proposeQuantityChange(megan, { subscriptionId: 'sub-eur-storage', newQuantity: 13 });
      assert.deepEqual(three.totalPerPeriodBefore, { amount: 230, currency: 'EUR' });
      assert.deepEqual(three.amountNow, { amount: 34, currency: 'EUR' });
      const one = await eur.service.proposeQuantityChange(megan, { subscriptionId: 'sub-eur-storage', newQuantity: 11 });
      assert.deepEqual(one.amountNow, { amount: 12, currency: 'EUR' });
    });
  });

  describe('a reduction', () => {
    it('inside the 7-day window takes effect now with a prorated refund (negative amountNow)', async () => {
      const { quote, confirmed } = await change(AUDIO, 6);
      assert.equal(quote.effect, 'now');
      assert.deepEqual(quote.amountNow, usd(-prorateHalfEven(4 * AUDIO_YEARLY, 362, 365)));
      assert.equal(quote.amountNow.amount, -19042); // 6,950,400 / 365 = 19,042.19
      assert.deepEqual(quote.totalPerPeriodAfter, usd(6 * AUDIO_YEARLY));
      assert.equal(confirmed.outcome.amountNow.amount, -19042);
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 6);
      const audit = (await w.service.listAudit(w.a.megan, { limit: 100 })).items.filter((a) => a.idempotencyKey === `quote:${quote.id}`);
      assert.deepEqual(audit.map((a) => [a.action, a.targetId, a.actorId]), [['quantity.change', AUDIO, w.a.megan.userId]]);
    });

    it('refunds half-even too (EUR storage 10 → 8 GB at exactly day 7: 46 × 21/28 = 34.5 → 34)', async () => {
      const eur = await demoWorld({ tenantB: false, start: '2027-02-08T00:00:00.000Z' });
      await eur.service.provisionTenant(euroStorageSeed('tenant-eur', 10));
      const megan = { tenantId: 'tenant-eur', userId: w.a.megan.userId };
      const quote = await eur.service.proposeQuantityChange(megan, { subscriptionId: 'sub-eur-storage', newQuantity: 8 });
      assert.equal(quote.effect, 'now');
      assert.deepEqual(quote.amountNow, { amount: -34, currency: 'EUR' });
    });

    it('outside the window is scheduled for the renewal, at no charge, and applies when the term ends', async () => {
      const { quote, confirmed } = await change(PHONE, 16);
      assert.equal(quote.effect, 'at_renewal');
      assert.equal(quote.effectiveAt, PHONE_END);
      assert.deepEqual(quote.amountNow, usd(0));
      assert.deepEqual(quote.totalPerPeriodAfter, usd(16 * PHONE_YEARLY));
      assert.equal(confirmed.outcome.effect, 'at_renewal');
      assert.equal(confirmed.outcome.effectiveAt, PHONE_END);
      const scheduled = await addonOf(w, w.a.megan, PHONE);
      assert.equal(scheduled.quantity, 20);
      assert.deepEqual(scheduled.scheduledChange, { quantity: 16, effectiveAt: PHONE_END, scheduledBy: w.a.megan.userId, scheduledAt: START });
      const audit = (await w.service.listAudit(w.a.megan, { limit: 100 })).items.filter((a) => a.idempotencyKey === `quote:${quote.id}`);
      assert.deepEqual(audit.map((a) => a.action), ['quantity.schedule']);

      w.clock.set(isoPlus(PHONE_END, -1));
      assert.equal((await addonOf(w, w.a.megan, PHONE)).quantity, 20);
      w.clock.set(isoPlus(PHONE_END, HOUR));
      const renewed = await addonOf(w, w.a.megan, PHONE);
      assert.equal(renewed.status, 'active');
      assert.equal(renewed.quantity, 16);
      assert.equal(renewed.termStart, PHONE_END);
      assert.equal(renewed.termEnd, '2028-09-24T10:00:00.000Z');
      assert.equal(renewed.scheduledChange, null);
    });

    it("of traditional Extra File Storage is scheduled for E3's renewal and applies when E3 renews", async () => {
      const { quote } = await change(STORAGE, 60);
      assert.equal(quote.effect, 'at_renewal');
      assert.equal(quote.effectiveAt, E3_TERM_END);
      assert.deepEqual(quote.amountNow, usd(0));
      assert.equal((await addonOf(w, w.a.megan, STORAGE)).quantity, 100);
      w.clock.set('2027-01-16T00:00:00.000Z');
      const renewed = await addonOf(w, w.a.megan, STORAGE);
      assert.equal(renewed.termStart, E3_TERM_END);
      assert.equal(renewed.quantity, 60, 'the 60 GB scheduled for the renewal of E3 should apply once E3 renewed');
      assert.equal(renewed.scheduledChange, null);
    });

    it('may go down to exactly the assigned count, not one below (below_assigned)', async () => {
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 3 }),
        (e) => e instanceof DomainError && e.code === 'below_assigned' && e.params.assigned === 4 && e.params.requested === 3);
      const { quote } = await change(AUDIO, 4);
      assert.equal(quote.effect, 'now');
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 4);
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 14 }), withCode('below_assigned'));
      const phone = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 15 });
      assert.equal(phone.effect, 'at_renewal');
    });

    it('is refused with recurring billing off (recurring_billing_off), inside the window or not; an increase still works', async () => {
      for (const id of [AUDIO, PHONE]) {
        const off = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: id, turnOn: false });
        await w.service.confirmRecurringBilling(w.a.megan, off.id);
      }
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 8 }), withCode('recurring_billing_off'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 18 }), withCode('recurring_billing_off'));
      const { quote } = await change(PHONE, 22);
      assert.equal(quote.effect, 'now');
      assert.equal((await addonOf(w, w.a.megan, PHONE)).quantity, 22);
    });
  });

  describe('the 7-day window edges (Audio Conferencing, term started 2026-11-20T10:00Z)', () => {
    it('exactly 7 × 24 h after the term start: still now, refund over 358 days left', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY));
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 8 });
      assert.equal(q.effect, 'now');
      assert.equal(daysBetween(isoPlus(AUDIO_START, 7 * DAY), AUDIO_END), 358);
      assert.deepEqual(q.amountNow, usd(-prorateHalfEven(2 * AUDIO_YEARLY, 358, 365)));
    });

    it('7 days and 1 ms after: at_renewal', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 8 });
      assert.equal(q.effect, 'at_renewal');
      assert.equal(q.effectiveAt, AUDIO_END);
      assert.deepEqual(q.amountNow, usd(0));
    });

    it('day 8: at_renewal', async () => {
      w.clock.set(isoPlus(AUDIO_START, 8 * DAY));
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 8 });
      assert.equal(q.effect, 'at_renewal');
    });

    it('a refund quoted just before the window closes is quote_stale once it has closed', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY - MINUTE));
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 8 });
      assert.equal(q.effect, 'now');
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
      await assert.rejects(w.service.confirmQuantityChange(w.a.megan, q.id), withCode('quote_stale'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 10);
    });
  });

  describe('refusals', () => {
    it('refuses the same quantity as no_change', async () => {
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 10 }), withCode('no_change'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: STORAGE, newQuantity: 100 }), withCode('no_change'));
    });

    it('refuses a base subscription as not an add-on subscription', async () => {
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-e3', newQuantity: 30 }), withCode('not_an_addon_subscription'));
    });

    it('answers not_found to an unknown or malformed subscription id', async () => {
      for (const subscriptionId of ['sub-nope', '', null, 7, '../sub-e3']) {
        await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId, newQuantity: 12 }), withCode('not_found'));
      }
    });

    for (const newQuantity of [0, -1, 1.5, NaN, '12', 10 ** 12, 10_001, null]) {
      it(`refuses new quantity ${String(typeof newQuantity === 'string' ? `'${newQuantity}'` : newQuantity)} as invalid_quantity`, async () => {
        await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity }), withCode('invalid_quantity'));
      });
    }

    it('forbids Lee (user) and Adele (license admin) from proposing; Alex (billing admin) may', async () => {
      await assert.rejects(w.service.proposeQuantityChange(w.a.lee, { subscriptionId: AUDIO, newQuantity: 12 }), withCode('forbidden'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.adele, { subscriptionId: AUDIO, newQuantity: 12 }), withCode('forbidden'));
      const { confirmed } = await change(AUDIO, 12, w.a.alex);
      assert.equal(confirmed.outcome.toQuantity, 12);
    });

    it('forbids an admin demoted between the proposal and the confirmation, and changes nothing', async () => {
      const q = await w.service.proposeQuantityChange(w.a.alex, { subscriptionId: AUDIO, newQuantity: 12 });
      await w.service.saveUser(TENANT_A, { id: w.a.alex.userId, name: 'Alex Wilber', roles: ['license_admin'], licensed: true });
      await assert.rejects(w.service.confirmQuantityChange(w.a.alex, q.id), withCode('forbidden'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 10);
    });

    it("binds the quote to its caller and tenant: quote_used_elsewhere for Alex, not_found for tenant-b", async () => {
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 });
      await assert.rejects(w.service.confirmQuantityChange(w.a.alex, q.id), withCode('quote_used_elsewhere'));
      await assert.rejects(w.service.confirmQuantityChange(w.b.megan, q.id), withCode('not_found'));
      const purchase = await w.service.quotePurchase(w.a.megan, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'yearly' });
      await assert.rejects(w.service.confirmQuantityChange(w.a.megan, purchase.id), withCode('not_found'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 10);
    });

    it("changes only the caller's tenant, though both hold a subscription with the same id", async () => {
      const before = await snapshot(w, w.b.megan);
      await change(AUDIO, 12);
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 12);
      assert.equal((await addonOf(w, w.b.megan, AUDIO)).quantity, 10);
      assert.deepEqual(await snapshot(w, w.b.megan), before);
    });

    it('refuses a quote confirmed more than 15 minutes later as quote_stale', async () => {
      const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 });
      w.clock.advance(15 * MINUTE + 1);
      await assert.rejects(w.service.confirmQuantityChange(w.a.megan, q.id), withCode('quote_stale'));
    });
  });

  describe('confirmation happens exactly once', () => {
    let quote: QuantityQuote;
    beforeEach(async () => {
      quote = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 15 });
    });

    async function auditFor(id: string) {
      return (await w.service.listAudit(w.a.megan, { limit: 100 })).items.filter((a) => a.idempotencyKey === `quote:${id}`);
    }

    it('confirmed twice: one change, the second flagged duplicate with the same outcome', async () => {
      const first = await w.service.confirmQuantityChange(w.a.megan, quote.id);
      const second = await w.service.confirmQuantityChange(w.a.megan, quote.id);
      assert.deepEqual([first.duplicate, second.duplicate], [false, true]);
      assert.deepEqual(second.outcome, first.outcome);
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('confirmed 20 times at once: one change, 19 duplicates', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => w.service.confirmQuantityChange(w.a.megan, quote.id)));
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.ok(results.every((r) => r.outcome.toQuantity === 15 && r.outcome.amountNow.amount === quote.amountNow.amount));
      assert.equal((await auditFor(quote.id)).length, 1);
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 15);
    });

    it('confirmed 20 times overlapping the first commit at different points: one change, every other call a duplicate', async () => {
      const results = await staggered(20, () => w.service.confirmQuantityChange(w.a.megan, quote.id));
      assert.deepEqual(describeFailures(results), [], 'a repeated confirmation must be answered as a duplicate, not with an error');
      assert.equal(results.filter((r) => r.ok && !r.value.duplicate).length, 1);
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('refuses a quote whose subscription changed since it was made as quote_stale', async () => {
      const other = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 });
      await w.service.confirmQuantityChange(w.a.megan, other.id);
      await assert.rejects(w.service.confirmQuantityChange(w.a.megan, quote.id), withCode('quote_stale'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).quantity, 12);
      assert.equal((await auditFor(quote.id)).length, 0);
    });

    it('of two quotes on one subscription confirmed at once, one applies and the other is quote_stale', async () => {
      const other = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 });
      const [a, b] = await Promise.allSettled([
        w.service.confirmQuantityChange(w.a.megan, quote.id),
        w.service.confirmQuantityChange(w.a.megan, other.id),
      ]);
      const statuses = [a?.status, b?.status].sort();
      assert.deepEqual(statuses, ['fulfilled', 'rejected']);
      const rejected = [a, b].find((r) => r?.status === 'rejected');
      assert.ok(rejected?.status === 'rejected' && rejected.reason instanceof DomainError && rejected.reason.code === 'quote_stale');
      const quantity = (await addonOf(w, w.a.megan, AUDIO)).quantity;
      assert.equal(quantity, a?.status === 'fulfilled' ? 15 : 12);
    });
  });
});
