// Which nudges are due, at their boundaries, on the demo tenant (SPEC section 8) with a fake clock: Audio Conferencing
// bought 3 days before START (10 licenses, 4 assigned), Phone System 60 days before (yearly), Extra File Storage
// (per GB, traditional in E3, which renews every 15 January). Figures are written here independently of src/.
import assert from 'node:assert/strict';
import { nudgeKey, type Nudge, type NudgeKind } from '../../../src/domain/nudges.js';
import { PROVISIONED_PARTITION } from '../../../src/domain/useCases/tenants.js';
import { DIRECTORY_PARTITION } from '../../../src/domain/useCases/reconcileTenants.js';
import {
  DAY, daysLeft, demoWorld, HOUR, isoPlus, MINUTE, prorateHalfEven, START, TENANT_A, TENANT_B, type World,
} from '../../support/billingHarness.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { updateOp } from '../../../src/domain/writes.js';
import { usd } from '../../support/mother.js';

const AUDIO_START = isoPlus(START, -3 * DAY);
const AUDIO_WINDOW_ENDS = isoPlus(AUDIO_START, 7 * DAY);
const PHONE_END = '2027-09-24T10:00:00.000Z';
const E3_RENEWAL = '2027-01-15T00:00:00.000Z';
/** Audio Conferencing: $4.00 per license per month, billed yearly. */
const AUDIO_YEARLY_CENTS = 400 * 12;
/** Phone System: $8.00 per license per month, billed yearly. */
const PHONE_YEARLY_CENTS = 800 * 12;

async function dueAt(world: World, at: string, kind?: NudgeKind, tenantId = TENANT_A): Promise<Nudge[]> {
  const due = await world.service.dueNudges(tenantId, new Date(at));
  return kind ? due.filter((n) => n.kind === kind) : due;
}

function adminsOf(nudges: readonly Nudge[]): string[] {
  return nudges.map((n) => n.adminId).sort();
}

const ADMINS = [DEMO_USERS.megan, DEMO_USERS.alex].sort();

describe('Nudges due', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  describe('refund window closing', () => {
    it('is due with exactly 24 hours of the window left, not with 24 hours and a minute', async () => {
      assert.deepEqual(await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -24 * HOUR - MINUTE), 'refund_window'), []);
      const due = await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -24 * HOUR), 'refund_window');
      assert.deepEqual(adminsOf(due), ADMINS, 'to the global and the billing admin, nobody else');
    });

    it('says how many are unassigned, the reduction to the assigned count and what it gives back now', async () => {
      const at = isoPlus(AUDIO_WINDOW_ENDS, -6 * HOUR);
      const [megan] = (await dueAt(w, at, 'refund_window')).filter((n) => n.adminId === DEMO_USERS.megan);
      assert.ok(megan?.kind === 'refund_window');
      // 6 licenses for the days left of a 365-day term, prorated half-even.
      const refund = prorateHalfEven(6 * AUDIO_YEARLY_CENTS, daysLeft(new Date(at), isoPlus(AUDIO_START, 365 * DAY)), 365);
      assert.deepEqual(
        { subscriptionId: megan.subscriptionId, addonId: megan.addonId, quantity: megan.quantity, assigned: megan.assigned, reduceTo: megan.reduceTo,
          refund: megan.refund, windowEndsAt: megan.windowEndsAt, key: megan.key, tenantId: megan.tenantId },
        { subscriptionId: 'sub-audio-conferencing', addonId: 'audio-conferencing', quantity: 10, assigned: 4, reduceTo: 4, refund: usd(refund),
          windowEndsAt: AUDIO_WINDOW_ENDS, key: nudgeKey(DEMO_USERS.megan, 'refund_window', 'sub-audio-conferencing', AUDIO_START), tenantId: TENANT_A });
      // The same amount a typed reduction to 4 quotes at that instant.
      w.clock.set(at);
      const quote = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 4 });
      assert.deepEqual(quote.amountNow, usd(-refund));
    });

    it('is due up to the window closing, and no more after it', async () => {
      assert.equal((await dueAt(w, AUDIO_WINDOW_ENDS, 'refund_window')).length, 2);
      assert.deepEqual(await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, MINUTE), 'refund_window'), []);
    });

    it('is not due when every license is assigned, or when recurring billing is off (no refund then)', async () => {
      const at = isoPlus(AUDIO_WINDOW_ENDS, -HOUR);
      await setAudio(w, { assigned: 10 });
      assert.deepEqual(await dueAt(w, at, 'refund_window'), []);
      await setAudio(w, { assigned: 4, recurringBilling: false });
      assert.deepEqual(await dueAt(w, at, 'refund_window'), []);
    });

    it('never for storage sold per GB: it has no assignments', async () => {
      // E3's term (and so its traditional Extra File Storage's, 100 GB, none "assigned") started on 15 January 2026.
      const due = await dueAt(w, '2026-01-21T12:00:00.000Z');
      assert.deepEqual(due.filter((n) => n.kind === 'refund_window'), []);
    });
  });

  describe('renewal ahead and ending', () => {
    it('a renewal is due 7 days before it, not 7 days and a minute before', async () => {
      assert.deepEqual((await dueAt(w, isoPlus(PHONE_END, -7 * DAY - MINUTE), 'renewal')).filter((n) => n.kind === 'renewal' && n.subscriptionId === 'sub-phone-system'), []);
      const due = await dueAt(w, isoPlus(PHONE_END, -7 * DAY), 'renewal');
      assert.deepEqual(adminsOf(due), ADMINS);
      const [first] = due;
      assert.ok(first?.kind === 'renewal');
      assert.deepEqual({ renewsAt: first.renewsAt, charge: first.charge, quantity: first.quantity, assigned: first.assigned, key: first.key },
        { renewsAt: PHONE_END, charge: usd(20 * PHONE_YEARLY_CENTS), quantity: 20, assigned: 15, key: nudgeKey(first.adminId, 'renewal', 'sub-phone-system', PHONE_END) });
    });

    it('the renewal charge is for the quantity a scheduled change leaves', async () => {
      w.clock.set('2027-01-10T10:00:00.000Z');
      const quote = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 16 });
      await w.service.confirmQuantityChange(w.a.megan, quote.id);
      const [first] = await dueAt(w, isoPlus(PHONE_END, -DAY), 'renewal');
      assert.ok(first?.kind === 'renewal');
      assert.deepEqual([first.charge, first.scheduledChange?.quantity, first.quantity], [usd(16 * PHONE_YEARLY_CENTS), 16, 20]);
    });

    it('with recurring billing off, an ending is due 7 days before the end instead (not a minute earlier)', async () => {
      const quote = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
      await w.service.confirmRecurringBilling(w.a.megan, quote.id);
      assert.deepEqual(await dueAt(w, isoPlus(PHONE_END, -7 * DAY - MINUTE), 'ending'), []);
      const due = await dueAt(w, isoPlus(PHONE_END, -7 * DAY));
      assert.deepEqual(due.map((n) => n.kind), ['ending', 'ending']);
      assert.deepEqual(due.map((n) => n.kind === 'ending' && n.endsAt), [PHONE_END, PHONE_END]);
      const phone = (await w.service.listAddons(w.a.megan)).items.find((a) => a.id === 'sub-phone-system');
      assert.deepEqual(due.map((n) => n.kind === 'ending' && n.assigned), [phone?.assigned, phone?.assigned], 'what it ends for: the assigned count');
      assert.equal(due[0]?.key, nudgeKey(due[0]?.adminId ?? '', 'ending', 'sub-phone-system', PHONE_END));
    });

    it('a traditional add-on follows its base: Extra File Storage renews with E3', async () => {
      const due = (await dueAt(w, isoPlus(E3_RENEWAL, -7 * DAY), 'renewal')).filter((n) => n.kind === 'renewal' && n.subscriptionId === 'sub-extra-file-storage');
      assert.deepEqual(adminsOf(due), ADMINS);
      assert.equal(due[0]?.kind === 'renewal' && due[0].renewsAt, E3_RENEWAL);
      assert.deepEqual(await dueAt(w, isoPlus(E3_RENEWAL, -7 * DAY - MINUTE), 'renewal'), []);
    });
  });

  describe('approvals waiting', () => {
    it('a request pending 2 days reminds every admin, not a minute earlier; its key names the request and its creation', async () => {
      const requestId = await leeRequests(w);
      assert.deepEqual(await dueAt(w, isoPlus(START, 2 * DAY - MINUTE), 'approval_waiting'), []);
      const due = await dueAt(w, isoPlus(START, 2 * DAY), 'approval_waiting');
      assert.deepEqual(adminsOf(due), ADMINS);
      const [first] = due;
      assert.ok(first?.kind === 'approval_waiting');
      assert.deepEqual({ requestId: first.requestId, requesterName: first.requesterName, quantity: first.quantity, total: first.totalPerPeriod, key: first.key },
        { requestId, requesterName: 'Lee Gu', quantity: 2, total: usd(2 * PHONE_YEARLY_CENTS), key: nudgeKey(first.adminId, 'approval_waiting', requestId, START) });
    });

    it('not to the admin who asked, nor once the request is decided or expired', async () => {
      const quote = await w.service.quotePurchase(w.a.alex, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'yearly' });
      await w.service.requestPurchase(w.a.alex, { quoteId: quote.id });
      assert.deepEqual(adminsOf(await dueAt(w, isoPlus(START, 3 * DAY), 'approval_waiting')), [DEMO_USERS.megan]);
      assert.deepEqual(await dueAt(w, isoPlus(START, 7 * DAY + MINUTE), 'approval_waiting'), [], 'expired after 7 days');

      const requestId = await leeRequests(w);
      w.clock.set(isoPlus(START, DAY));
      await w.service.rejectRequest(w.a.megan, { requestId });
      assert.deepEqual((await dueAt(w, isoPlus(START, 3 * DAY), 'approval_waiting')).filter((n) => n.kind === 'approval_waiting' && n.requestId === requestId), []);
    });
  });

  describe('who gets them', () => {
    it('never plain users, license admins or removed people', async () => {
      await leeRequests(w);
      const everything = [
        ...await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -HOUR)), ...await dueAt(w, isoPlus(PHONE_END, -DAY)), ...await dueAt(w, isoPlus(START, 3 * DAY)),
      ];
      assert.ok(everything.length > 0);
      assert.deepEqual([...new Set(everything.map((n) => n.adminId))].sort(), ADMINS);
      await w.service.saveUser(TENANT_A, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: [], licensed: true, removedAt: START });
      assert.deepEqual(adminsOf(await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -HOUR), 'refund_window')), [DEMO_USERS.megan]);
    });

    it('nothing to an admin who said "stop reminders", again after "start reminders"', async () => {
      await w.service.setReminders(w.a.megan, false);
      const at = isoPlus(AUDIO_WINDOW_ENDS, -HOUR);
      assert.deepEqual(adminsOf(await dueAt(w, at, 'refund_window')), [DEMO_USERS.alex]);
      await w.service.setReminders(w.a.megan, true);
      assert.deepEqual(adminsOf(await dueAt(w, at, 'refund_window')), ADMINS);
    });

    it('each tenant its own: nothing for an unknown tenant or the directory', async () => {
      const a = await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -HOUR), 'refund_window', TENANT_A);
      const b = await dueAt(w, isoPlus(AUDIO_WINDOW_ENDS, -HOUR), 'refund_window', TENANT_B);
      assert.deepEqual([a.every((n) => n.tenantId === TENANT_A), b.every((n) => n.tenantId === TENANT_B), a.length, b.length], [true, true, 2, 2]);
      assert.deepEqual(await dueAt(w, START, undefined, 'nobody'), []);
      assert.deepEqual(await dueAt(w, START, undefined, DIRECTORY_PARTITION), []);
    });
  });

  describe('tenants swept', () => {
    it('finds provisioned tenants (the demo tenant of local mode) and those the tenants file lists, not those it unlisted', async () => {
      assert.deepEqual(await w.service.sweptTenants(), [TENANT_A, TENANT_B]);
      await w.service.reconcileTenants([{ tenant: { id: 'listed', name: 'Listed', cloud: 'worldwide', currency: 'USD' },
        users: [{ id: 'u-1', name: 'Una', roles: ['global_admin'], licensed: true }] }]);
      assert.deepEqual(await w.service.sweptTenants(), ['listed', TENANT_A, TENANT_B]);
      // A tenants file that no longer lists the demo tenants' ids: still swept (the file never listed them) ...
      await w.service.reconcileTenants([{ tenant: { id: TENANT_A, name: 'A', cloud: 'worldwide', currency: 'USD' },
        users: [{ id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true }] }]);
      assert.deepEqual(await w.service.sweptTenants(), [TENANT_A, TENANT_B]);
      // ... until it lists and then drops one: unlisted, it is refused, and not swept.
      await w.service.reconcileTenants([]);
      assert.deepEqual(await w.service.sweptTenants(), [TENANT_B]);
      assert.equal((await w.store.list(PROVISIONED_PARTITION, 'tenant', { limit: 10 })).items.length, 2, 'provisioning records each tenant once');
    });
  });
});

async function setAudio(w: World, change: { assigned?: number; recurringBilling?: boolean }): Promise<void> {
  const row = await w.store.get(TENANT_A, 'subscription', 'sub-audio-conferencing');
  if (!row) throw new Error('no audio conferencing');
  const result = await w.store.commit(TENANT_A, { writes: [updateOp('subscription', { ...row.value, ...change }, row.version)] });
  assert.equal(result.status, 'committed');
}

async function leeRequests(w: World): Promise<string> {
  const quote = await w.service.quotePurchase(w.a.lee, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 2, frequency: 'yearly' });
  return (await w.service.requestPurchase(w.a.lee, { quoteId: quote.id })).request.id;
}
