import assert from 'node:assert/strict';
import { DomainError } from '../../../src/domain/errors.js';
import type { CancellationQuote, RecurringBillingQuote, SupportRequestQuote } from '../../../src/domain/model.js';
import type { RemovalProposal } from '../../../src/domain/useCases/removal.js';
import {
  DAY, HOUR, MINUTE, START, TENANT_A, addonOf, daysBetween, demoWorld, describeFailures, euroStorageSeed, isoPlus, prorateHalfEven,
  snapshot, staggered, withCode, type World,
} from '../../support/billingHarness.js';
import { usd } from '../../support/mother.js';

const AUDIO = 'sub-audio-conferencing'; // standalone, 3 days into its yearly term: inside the 7-day window
const AUDIO_START = '2026-11-20T10:00:00.000Z';
const AUDIO_END = '2027-11-20T10:00:00.000Z';
const AUDIO_YEARLY = 4 * 100 * 12;
const PHONE = 'sub-phone-system'; // standalone, 60 days into its yearly term: outside the window
const PHONE_END = '2027-09-24T10:00:00.000Z';
const STORAGE = 'sub-extra-file-storage'; // traditional, on E3

function expectKind<K extends RemovalProposal['kind']>(p: RemovalProposal, kind: K): Extract<RemovalProposal, { kind: K }> {
  assert.equal(p.kind, kind);
  return p as Extract<RemovalProposal, { kind: K }>;
}

describe('removal: proposeRemoval, cancellation, recurring billing, support requests', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  async function auditFor(quoteId: string) {
    return (await w.service.listAudit(w.a.megan, { limit: 100 })).items.filter((a) => a.idempotencyKey === `quote:${quoteId}`);
  }

  async function turnOff(subscriptionId: string) {
    const q = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId, turnOn: false });
    return w.service.confirmRecurringBilling(w.a.megan, q.id);
  }

  describe('a standalone add-on inside the 7-day window is canceled with a prorated refund', () => {
    let quote: CancellationQuote;
    beforeEach(async () => {
      quote = expectKind(await w.service.proposeRemoval(w.a.megan, AUDIO), 'cancellation').quote;
    });

    it('quotes refund = paid × days left / term days, half-even, and refund + kept = paid', () => {
      const termDays = daysBetween(AUDIO_START, AUDIO_END);
      const left = daysBetween(START, AUDIO_END);
      assert.deepEqual(quote.paidForTerm, usd(10 * AUDIO_YEARLY));
      assert.deepEqual(quote.refund, usd(prorateHalfEven(10 * AUDIO_YEARLY, left, termDays)));
      assert.equal(quote.refund.amount, 47605); // 17,376,000 / 365 = 47,605.48
      assert.deepEqual(quote.kept, usd(395));
      assert.equal(quote.refund.amount + quote.kept.amount, quote.paidForTerm.amount);
      assert.equal(quote.subscriptionId, AUDIO);
      assert.equal(quote.callerId, w.a.megan.userId);
      assert.equal(quote.expiresAt, isoPlus(START, 15 * MINUTE));
    });

    it('confirmCancellation cancels it, turns recurring billing off and records one audit entry', async () => {
      const done = await w.service.confirmCancellation(w.a.megan, quote.id);
      assert.equal(done.duplicate, false);
      assert.deepEqual(done.outcome, { kind: 'subscription_canceled', subscriptionId: AUDIO, refund: quote.refund });
      const sub = await addonOf(w, w.a.megan, AUDIO);
      assert.equal(sub.status, 'canceled');
      assert.equal(sub.recurringBilling, false);
      const audit = await auditFor(quote.id);
      assert.deepEqual(audit.map((a) => [a.action, a.targetId]), [['subscription.cancel', AUDIO]]);
      assert.equal((await addonOf(w, w.b.megan, AUDIO)).status, 'active');
    });

    it('happens exactly once: confirmed 5 times in a row', async () => {
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await w.service.confirmCancellation(w.a.megan, quote.id));
      assert.deepEqual(results.map((r) => r.duplicate), [false, true, true, true, true]);
      assert.ok(results.every((r) => r.outcome.refund.amount === quote.refund.amount));
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('happens exactly once: confirmed 20 times at once', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => w.service.confirmCancellation(w.a.megan, quote.id)));
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('happens exactly once: confirmed 20 times overlapping the first commit at different points, every other call a duplicate', async () => {
      const results = await staggered(20, () => w.service.confirmCancellation(w.a.megan, quote.id));
      assert.deepEqual(describeFailures(results), [], 'a repeated confirmation must be answered as a duplicate, not with an error');
      assert.equal(results.filter((r) => r.ok && !r.value.duplicate).length, 1);
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('leaves nothing to change afterwards: removal, quantity and recurring billing are not_active', async () => {
      await w.service.confirmCancellation(w.a.megan, quote.id);
      await assert.rejects(w.service.proposeRemoval(w.a.megan, AUDIO), withCode('not_active'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 }), withCode('not_active'));
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: AUDIO, turnOn: true }), withCode('not_active'));
    });

    it('refuses the quote once the quantity changed since (quote_stale), and after 15 minutes (quote_stale)', async () => {
      const change = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: AUDIO, newQuantity: 12 });
      await w.service.confirmQuantityChange(w.a.megan, change.id);
      await assert.rejects(w.service.confirmCancellation(w.a.megan, quote.id), withCode('quote_stale'));
      const fresh = expectKind(await w.service.proposeRemoval(w.a.megan, AUDIO), 'cancellation').quote;
      w.clock.advance(15 * MINUTE + 1);
      await assert.rejects(w.service.confirmCancellation(w.a.megan, fresh.id), withCode('quote_stale'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).status, 'active');
    });

    it('binds the quote to its caller, tenant and kind; checks the role when confirming', async () => {
      await assert.rejects(w.service.confirmCancellation(w.a.alex, quote.id), withCode('quote_used_elsewhere'));
      await assert.rejects(w.service.confirmCancellation(w.b.megan, quote.id), withCode('not_found'));
      await assert.rejects(w.service.confirmRecurringBilling(w.a.megan, quote.id), withCode('not_found'));
      await assert.rejects(w.service.confirmSupportRequest(w.a.megan, quote.id), withCode('not_found'));
      await w.service.saveUser(TENANT_A, { id: w.a.megan.userId, name: 'Megan Bowen', roles: ['user'], licensed: true });
      await assert.rejects(w.service.confirmCancellation(w.a.megan, quote.id), withCode('forbidden'));
      assert.equal((await addonOf(w, w.a.alex, AUDIO)).status, 'active');
    });
  });

  describe('the window edges', () => {
    it('exactly 7 × 24 h after the term start: still a cancellation, refund over 358 days', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY));
      const { quote } = expectKind(await w.service.proposeRemoval(w.a.megan, AUDIO), 'cancellation');
      assert.deepEqual(quote.refund, usd(prorateHalfEven(10 * AUDIO_YEARLY, 358, 365)));
    });

    it('7 days and 1 ms after: only recurring billing can be turned off; proposeCancellation says outside_refund_window', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
      expectKind(await w.service.proposeRemoval(w.a.megan, AUDIO), 'recurring_billing_off');
      await assert.rejects(w.service.proposeCancellation(w.a.megan, AUDIO), withCode('outside_refund_window'));
    });

    it('a cancellation quoted just before the window closes fails outside_refund_window once it has closed', async () => {
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY - MINUTE));
      const quote = await w.service.proposeCancellation(w.a.megan, AUDIO);
      w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
      await assert.rejects(w.service.confirmCancellation(w.a.megan, quote.id), withCode('outside_refund_window'));
      assert.equal((await addonOf(w, w.a.megan, AUDIO)).status, 'active');
    });

    it('rounds an exact half cent of refund to even (EUR storage, 2 GB at 23 cents, day 7 of 28: 46 × 21/28 = 34.5 → 34)', async () => {
      const eur = await demoWorld({ tenantB: false, start: '2027-02-08T00:00:00.000Z' });
      await eur.service.provisionTenant(euroStorageSeed('tenant-eur', 2));
      const quote = await eur.service.proposeCancellation({ tenantId: 'tenant-eur', userId: w.a.megan.userId }, 'sub-eur-storage');
      assert.deepEqual(quote.paidForTerm, { amount: 46, currency: 'EUR' });
      assert.deepEqual(quote.refund, { amount: 34, currency: 'EUR' });
      assert.deepEqual(quote.kept, { amount: 12, currency: 'EUR' });
    });
  });

  describe('a standalone add-on outside the window: recurring billing off', () => {
    let quote: RecurringBillingQuote;
    beforeEach(async () => {
      quote = expectKind(await w.service.proposeRemoval(w.a.megan, PHONE), 'recurring_billing_off').quote;
    });

    it('quotes turning recurring billing off, ending on the term end', () => {
      assert.equal(quote.kind, 'recurring_billing');
      assert.equal(quote.turnOn, false);
      assert.equal(quote.termEnd, PHONE_END);
      assert.equal(quote.subscriptionId, PHONE);
      assert.equal(quote.cancelsScheduledChange, null);
    });

    it('proposeCancellation refuses it as outside_refund_window', async () => {
      await assert.rejects(w.service.proposeCancellation(w.a.megan, PHONE),
        (e) => e instanceof DomainError && e.code === 'outside_refund_window' && e.params.termEnd === PHONE_END);
    });

    it('confirmRecurringBilling turns it off; the add-on stays active until its end date, then reads as expired', async () => {
      const done = await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      assert.deepEqual(done.outcome, { kind: 'recurring_billing_set', subscriptionId: PHONE, turnedOn: false, termEnd: PHONE_END, canceledChange: null });
      const sub = await addonOf(w, w.a.megan, PHONE);
      assert.deepEqual([sub.status, sub.recurringBilling, sub.quantity], ['active', false, 20]);
      assert.deepEqual((await auditFor(quote.id)).map((a) => a.action), ['recurring_billing.off']);
      w.clock.set(isoPlus(PHONE_END, -1));
      assert.equal((await addonOf(w, w.a.megan, PHONE)).status, 'active');
      w.clock.set(PHONE_END);
      assert.equal((await addonOf(w, w.a.megan, PHONE)).status, 'expired');
    });

    it('turning it off cancels a reduction scheduled for the renewal, and reports it in canceledChange', async () => {
      const reduce = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 16 });
      await w.service.confirmQuantityChange(w.a.megan, reduce.id);
      const scheduled = (await addonOf(w, w.a.megan, PHONE)).scheduledChange;
      assert.deepEqual(scheduled, { quantity: 16, effectiveAt: PHONE_END, scheduledBy: w.a.megan.userId, scheduledAt: START });
      const off = expectKind(await w.service.proposeRemoval(w.a.megan, PHONE), 'recurring_billing_off').quote;
      assert.deepEqual(off.cancelsScheduledChange, scheduled);
      const done = await w.service.confirmRecurringBilling(w.a.megan, off.id);
      assert.deepEqual(done.outcome.canceledChange, scheduled);
      const sub = await addonOf(w, w.a.megan, PHONE);
      assert.equal(sub.recurringBilling, false);
      assert.equal(sub.scheduledChange, null);
      assert.equal(sub.quantity, 20);
    });

    it('can be turned on again, and then renews at its end date', async () => {
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      const on = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: true });
      assert.deepEqual([on.turnOn, on.termEnd, on.cancelsScheduledChange], [true, PHONE_END, null]);
      const done = await w.service.confirmRecurringBilling(w.a.megan, on.id);
      assert.deepEqual(done.outcome, { kind: 'recurring_billing_set', subscriptionId: PHONE, turnedOn: true, termEnd: PHONE_END, canceledChange: null });
      assert.equal((await addonOf(w, w.a.megan, PHONE)).recurringBilling, true);
      assert.deepEqual((await auditFor(on.id)).map((a) => a.action), ['recurring_billing.on']);
      w.clock.set(isoPlus(PHONE_END, HOUR));
      const renewed = await addonOf(w, w.a.megan, PHONE);
      assert.deepEqual([renewed.status, renewed.termStart, renewed.termEnd], ['active', PHONE_END, '2028-09-24T10:00:00.000Z']);
    });

    it('happens exactly once: confirmed twice, and 20 times at once', async () => {
      const first = await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      const second = await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      assert.deepEqual([first.duplicate, second.duplicate], [false, true]);
      const other = (await demoWorld({ tenantB: false }));
      const q = expectKind(await other.service.proposeRemoval(other.a.megan, PHONE), 'recurring_billing_off').quote;
      const results = await Promise.all(Array.from({ length: 20 }, () => other.service.confirmRecurringBilling(other.a.megan, q.id)));
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
    });

    it('happens exactly once: confirmed 20 times overlapping the first commit at different points, every other call a duplicate', async () => {
      const results = await staggered(20, () => w.service.confirmRecurringBilling(w.a.megan, quote.id));
      assert.deepEqual(describeFailures(results), [], 'a repeated confirmation must be answered as a duplicate, not with an error');
      assert.equal(results.filter((r) => r.ok && !r.value.duplicate).length, 1);
      assert.equal((await auditFor(quote.id)).length, 1);
    });

    it('refuses turning it off when it already is (recurring_billing_already), and on when it is on', async () => {
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: true }), withCode('recurring_billing_already'));
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: false }), withCode('recurring_billing_already'));
    });

    it('refuses a second off-quote confirmed after the first as recurring_billing_already', async () => {
      const second = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: false });
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      await assert.rejects(w.service.confirmRecurringBilling(w.a.megan, second.id), withCode('recurring_billing_already'));
    });

    it('with recurring billing already off, proposeRemoval answers already_ending with the end date', async () => {
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      const ending = expectKind(await w.service.proposeRemoval(w.a.megan, PHONE), 'already_ending');
      assert.equal(ending.subscription.id, PHONE);
      assert.equal(ending.subscription.termEnd, PHONE_END);
      assert.equal(ending.subscription.recurringBilling, false);
    });

    it('after its end date with recurring billing off it is expired and every change is not_active', async () => {
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      w.clock.set(isoPlus(PHONE_END, DAY));
      const sub = await addonOf(w, w.a.megan, PHONE);
      assert.equal(sub.status, 'expired');
      assert.equal(sub.termEnd, PHONE_END);
      await assert.rejects(w.service.proposeRemoval(w.a.megan, PHONE), withCode('not_active'));
      await assert.rejects(w.service.proposeCancellation(w.a.megan, PHONE), withCode('not_active'));
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: true }), withCode('not_active'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 25 }), withCode('not_active'));
      await assert.rejects(w.service.proposeQuantityChange(w.a.megan, { subscriptionId: PHONE, newQuantity: 16 }), withCode('not_active'));
    });

    it('refuses an on-quote confirmed after the term ended as not_active', async () => {
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      w.clock.set(isoPlus(PHONE_END, -5 * MINUTE));
      const on = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn: true });
      w.clock.set(isoPlus(PHONE_END, MINUTE));
      await assert.rejects(w.service.confirmRecurringBilling(w.a.megan, on.id), withCode('not_active'));
      assert.equal((await addonOf(w, w.a.megan, PHONE)).status, 'expired');
    });
  });

  it('a standalone add-on with recurring billing off inside the window can still be canceled with a refund', async () => {
    await turnOff(AUDIO);
    const { quote } = expectKind(await w.service.proposeRemoval(w.a.megan, AUDIO), 'cancellation');
    const done = await w.service.confirmCancellation(w.a.megan, quote.id);
    assert.equal(done.outcome.refund.amount, 47605);
    assert.equal((await addonOf(w, w.a.megan, AUDIO)).status, 'canceled');
  });

  describe('a traditional add-on cannot be removed by the admin: a support request is offered', () => {
    let quote: SupportRequestQuote;
    beforeEach(async () => {
      quote = expectKind(await w.service.proposeRemoval(w.a.megan, STORAGE), 'support_request').quote;
    });

    it('confirmSupportRequest opens one support request with an id, and leaves the add-on as it is', async () => {
      assert.equal(quote.subscriptionId, STORAGE);
      const opened = await w.service.confirmSupportRequest(w.a.megan, quote.id);
      assert.equal(opened.duplicate, false);
      assert.match(opened.outcome.supportRequestId, /^SR-/);
      assert.deepEqual(opened.supportRequest, { id: opened.outcome.supportRequestId, tenantId: TENANT_A, subscriptionId: STORAGE,
        openedBy: w.a.megan.userId, openedAt: START, topic: 'remove_traditional_addon' });
      const sub = await addonOf(w, w.a.megan, STORAGE);
      assert.deepEqual([sub.status, sub.quantity], ['active', 100]);
      const audit = await auditFor(quote.id);
      assert.deepEqual(audit.map((a) => [a.action, a.targetId]), [['support_request.open', opened.outcome.supportRequestId]]);
    });

    it('happens exactly once: 5 times in a row and 20 at once give one support request id', async () => {
      const sequential = [];
      for (let i = 0; i < 5; i++) sequential.push(await w.service.confirmSupportRequest(w.a.megan, quote.id));
      assert.deepEqual(sequential.map((r) => r.duplicate), [false, true, true, true, true]);
      assert.equal(new Set(sequential.map((r) => r.supportRequest.id)).size, 1);
      const again = expectKind(await w.service.proposeRemoval(w.a.megan, STORAGE), 'support_request').quote;
      const concurrent = await Promise.all(Array.from({ length: 20 }, () => w.service.confirmSupportRequest(w.a.megan, again.id)));
      assert.equal(concurrent.filter((r) => !r.duplicate).length, 1);
      assert.equal(new Set(concurrent.map((r) => r.supportRequest.id)).size, 1);
      const third = expectKind(await w.service.proposeRemoval(w.a.megan, STORAGE), 'support_request').quote;
      const overlapping = await staggered(20, () => w.service.confirmSupportRequest(w.a.megan, third.id));
      assert.deepEqual(describeFailures(overlapping), []);
      assert.equal(overlapping.filter((r) => r.ok && !r.value.duplicate).length, 1);
      for (const q of [quote, again, third]) assert.equal((await auditFor(q.id)).length, 1);
    });

    it('proposeCancellation refuses it as traditional_not_removable', async () => {
      await assert.rejects(w.service.proposeCancellation(w.a.megan, STORAGE), withCode('traditional_not_removable'));
    });

    it('its recurring billing follows the base: traditional_follows_base either way', async () => {
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: STORAGE, turnOn: false }), withCode('traditional_follows_base'));
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: STORAGE, turnOn: true }), withCode('traditional_follows_base'));
    });

    it("binds the quote to its caller: quote_used_elsewhere for Alex, not_found for tenant-b", async () => {
      await assert.rejects(w.service.confirmSupportRequest(w.a.alex, quote.id), withCode('quote_used_elsewhere'));
      await assert.rejects(w.service.confirmSupportRequest(w.b.megan, quote.id), withCode('not_found'));
    });
  });

  describe('refusals', () => {
    it('a base subscription is not an add-on for removal or recurring billing changes', async () => {
      await assert.rejects(w.service.proposeRemoval(w.a.megan, 'sub-e3'), withCode('not_an_addon_subscription'));
      await assert.rejects(w.service.proposeCancellation(w.a.megan, 'sub-e3'), withCode('not_an_addon_subscription'));
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-e3', turnOn: false }), withCode('not_an_addon_subscription'));
    });

    it('an unknown subscription is not_found', async () => {
      await assert.rejects(w.service.proposeRemoval(w.a.megan, 'sub-nope'), withCode('not_found'));
      await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: undefined, turnOn: false }), withCode('not_found'));
    });

    it('turnOn must be a boolean', async () => {
      for (const turnOn of ['false', 0, null, undefined]) {
        await assert.rejects(w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: PHONE, turnOn }), withCode('invalid_input'));
      }
    });

    it('Lee (user) and Adele (license admin) may not remove or turn off anything; Alex (billing admin) may', async () => {
      for (const caller of [w.a.lee, w.a.adele]) {
        await assert.rejects(w.service.proposeRemoval(caller, AUDIO), withCode('forbidden'));
        await assert.rejects(w.service.proposeCancellation(caller, AUDIO), withCode('forbidden'));
        await assert.rejects(w.service.proposeRecurringBilling(caller, { subscriptionId: PHONE, turnOn: false }), withCode('forbidden'));
      }
      const { quote } = expectKind(await w.service.proposeRemoval(w.a.alex, AUDIO), 'cancellation');
      const done = await w.service.confirmCancellation(w.a.alex, quote.id);
      assert.equal(done.duplicate, false);
    });

    it('an admin demoted between proposal and confirmation is forbidden, and nothing changes', async () => {
      const off = await w.service.proposeRecurringBilling(w.a.alex, { subscriptionId: PHONE, turnOn: false });
      const sr = expectKind(await w.service.proposeRemoval(w.a.alex, STORAGE), 'support_request').quote;
      const before = await snapshot(w, w.a.megan);
      await w.service.saveUser(TENANT_A, { id: w.a.alex.userId, name: 'Alex Wilber', roles: ['user'], licensed: true });
      await assert.rejects(w.service.confirmRecurringBilling(w.a.alex, off.id), withCode('forbidden'));
      await assert.rejects(w.service.confirmSupportRequest(w.a.alex, sr.id), withCode('forbidden'));
      assert.deepEqual(await snapshot(w, w.a.megan), before);
    });
  });
});
