// The other buttons of the nudge cards, as conversations on the demo tenant: Keep, Stop these reminders, the renewal
// and ending cards' fixes reaching their confirmations, the approvals card opening the request, and old cards.
import assert from 'node:assert/strict';
import { remindersOn } from '../../../src/domain/billingService.js';
import type { ApprovalWaitingNudge } from '../../../src/domain/nudges.js';
import { nudgeKey } from '../../../src/domain/nudges.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { approvalRig } from '../../support/approvalChats.js';
import { addonOf, demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { actionData, cardText, Chat, expectLines, rig } from '../../support/chat.js';
import { AUDIO, deliver, endingNudge, NUDGE_TIME, PHONE, refundWindowNudge, renewalNudge } from './nudgeWorld.js';

async function remindersOf(world: World, person: keyof typeof DEMO_USERS): Promise<boolean> {
  return remindersOn((await world.service.whoIs({ tenantId: TENANT_A, userId: DEMO_USERS[person] })).user);
}

describe('Nudges: the other buttons', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
    world.clock.set(NUDGE_TIME);
  });

  describe('Keep them', () => {
    it('acknowledges, turns the card into a read-only notice, and changes nothing', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
      const kept = await chat.click('nudge.keep');
      expectLines(kept, ['invoke card: Nothing changes — OK, Audio Conferencing keeps its 10 licenses. I won’t remind you about this again.']);
      assert.equal(actionData(chat.card('nudge-refund_window'), 'nudge.reduce'), undefined, 'the card has no buttons left');
      const sub = await addonOf(world, world.a.megan, AUDIO);
      assert.deepEqual([sub.quantity, sub.scheduledChange], [10, null]);
    });

    it('in French, through the Action.Submit fallback', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
      deliver(chat, await refundWindowNudge(world, world.a.alex), 'fr');
      expectLines(await chat.click('nudge.keep', {}, { via: 'submit' }), [
        'updated: Rien ne change', 'D’accord, l’Audioconférence garde ses 10 licences. Je ne vous le rappellerai plus.',
      ]);
      assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
    });
  });

  describe('Stop these reminders', () => {
    it('turns the clicker’s reminders off and says how to start again; a second click says they were already off', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
      expectLines(await chat.click('nudge.stopReminders'), ['OK, no more reminders from me. Say “start reminders” to get them again.']);
      assert.equal(await remindersOf(world, 'megan'), false);
      assert.equal(await remindersOf(world, 'alex'), true, 'another admin keeps theirs');
      expectLines(await chat.click('nudge.stopReminders'), ['They were already off']);
      assert.ok(actionData(chat.card('nudge-refund_window'), 'nudge.reduce'), 'the nudge itself stays usable');
      assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
    });

    it('in French, in the middle of a purchase, which keeps waiting for its answer', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
      deliver(chat, await renewalNudge(world, world.a.alex), 'fr');
      await chat.say('acheter du stockage');
      const stack = chat.dialogStack();
      assert.ok(stack.length > 0);
      expectLines(await chat.click('nudge.stopReminders'), ['D’accord, je ne vous enverrai plus de rappels. Dites « réactive les rappels » pour les recevoir à nouveau.']);
      assert.deepEqual(chat.dialogStack(), stack);
      assert.equal(await remindersOf(world, 'alex'), false);
    });
  });

  describe('the renewal card', () => {
    it('"Reduce to 15 at renewal" reaches the change-quantity confirmation with the renewal date, and schedules once', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      const nudge = await renewalNudge(world, world.a.megan);
      const card = deliver(chat, nudge, 'en');
      assert.ok(cardText(card).includes('5 of its 20 licenses are unassigned.'), cardText(card));
      const reduce = await chat.click('nudge.reduce');
      expectLines(reduce, ['card: Confirm the new quantity of Phone System — It’s been more than 7 days since this subscription started or renewed, so a reduction takes effect at the renewal']);
      const confirm = chat.cardWith('quantity.confirm');
      const shown = chat.card(confirm);
      expectLines(await chat.click('quantity.confirm'), ['Done! Phone System will go from 20 licenses to 15 licenses on']);
      chat.shown.set(confirm, shown);
      expectLines(await chat.click('quantity.confirm', {}, { card: confirm, via: 'submit', activityId: 'redelivered' }), ['Already done']);
      const sub = await addonOf(world, world.a.megan, PHONE);
      assert.deepEqual([sub.quantity, sub.scheduledChange?.quantity], [20, 15]);
    });

    it('"Turn off recurring billing" reaches the recurring-billing confirmation', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, await renewalNudge(world, world.a.megan), 'en');
      expectLines(await chat.click('nudge.recurringOff'), ['card: Turn off recurring billing for Phone System']);
      expectLines(await chat.click('recurring.confirm'), ['Phone System']);
      assert.equal((await addonOf(world, world.a.megan, PHONE)).recurringBilling, false);
    });
  });

  describe('the ending card', () => {
    it('"Turn recurring billing back on" reaches the recurring-billing confirmation, in French too', async () => {
      const off = await world.service.proposeRecurringBilling(world.a.megan, { subscriptionId: PHONE, turnOn: false });
      await world.service.confirmRecurringBilling(world.a.megan, off.id);
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
      const card = deliver(chat, await endingNudge(world, world.a.alex), 'fr');
      assert.ok(cardText(card).includes('La facturation récurrente est désactivée : fin du Système téléphonique le'), cardText(card));
      expectLines(await chat.click('nudge.recurringOn'), ['card: Activer la facturation récurrente du module Système téléphonique ?']);
      await chat.click('recurring.confirm');
      assert.equal((await addonOf(world, world.a.megan, PHONE)).recurringBilling, true);
    });
  });

  describe('the approvals-waiting card', () => {
    it('"Review the request" posts the request’s approval card, where Approve places the order once', async () => {
      const ar = approvalRig(world);
      const lee = ar.chat({ tenantId: TENANT_A, user: 'lee' });
      const megan = ar.chat({ tenantId: TENANT_A, user: 'megan' });
      await megan.say('help');
      await lee.say('buy 20 GB of storage for E3, billed yearly');
      await lee.click('buy.requestApproval', { justification: 'Archive space' });
      const [request] = (await world.service.listRequests(world.a.megan, { limit: 10 })).items;
      assert.ok(request);
      world.clock.advanceDays(2);
      const nudge: ApprovalWaitingNudge = {
        kind: 'approval_waiting', tenantId: TENANT_A, adminId: DEMO_USERS.megan, key: nudgeKey(DEMO_USERS.megan, 'approval_waiting', request.id, request.createdAt),
        requestId: request.id, requesterId: request.requesterId, requesterName: 'Lee Gu', addonId: request.addonId, quantity: request.quantity,
        frequency: request.frequency, totalPerPeriod: request.quotedTotalPerPeriod, requestedAt: request.createdAt, expiresAt: request.expiresAt,
      };
      const card = deliver(megan, nudge, 'en');
      assert.ok(cardText(card).includes('Lee Gu asked for 20 GB of Office 365 Extra File Storage on'), cardText(card));
      expectLines(await megan.click('approval.open', {}, { card: 'nudge-approval_waiting' }), ['card: Purchase request — Waiting for approval']);
      expectLines(await megan.click('approval.approve'), ['invoke card: Purchase request — Approved by Megan Bowen']);
      assert.equal((await world.service.listOrders(world.a.megan, { limit: 10 })).items.length, 1);
    });

    it('"Review the request" after another admin decided: the final card, no buttons, nothing ordered twice', async () => {
      const ar = approvalRig(world);
      const lee = ar.chat({ tenantId: TENANT_A, user: 'lee' });
      const megan = ar.chat({ tenantId: TENANT_A, user: 'megan', locale: 'fr-FR' });
      await megan.say('aide');
      await lee.say('buy 20 GB of storage for E3, billed yearly');
      await lee.click('buy.requestApproval', { justification: 'Archive space' });
      const [request] = (await world.service.listRequests(world.a.megan, { limit: 10 })).items;
      assert.ok(request);
      const nudge: ApprovalWaitingNudge = {
        kind: 'approval_waiting', tenantId: TENANT_A, adminId: DEMO_USERS.megan, key: nudgeKey(DEMO_USERS.megan, 'approval_waiting', request.id, request.createdAt),
        requestId: request.id, requesterId: request.requesterId, requesterName: 'Lee Gu', addonId: request.addonId, quantity: request.quantity,
        frequency: request.frequency, totalPerPeriod: request.quotedTotalPerPeriod, requestedAt: request.createdAt, expiresAt: request.expiresAt,
      };
      deliver(megan, nudge, 'fr');
      await world.service.approveRequest(world.a.alex, { requestId: request.id });
      const opened = await megan.click('approval.open', {}, { card: 'nudge-approval_waiting' });
      expectLines(opened, ['card: Demande d’achat — Approuvée par Alex Wilber']);
      assert.equal(actionData(opened.cards.at(-1)?.card ?? {}, 'approval.approve'), undefined);
      assert.equal((await world.service.listOrders(world.a.megan, { limit: 10 })).items.length, 1);
    });
  });

  describe('old and foreign cards', () => {
    it('Reduce on a card whose reduction was already made: the domain says there is nothing to change', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
      await chat.click('nudge.reduce');
      await chat.click('quantity.confirm');
      expectLines(await chat.click('nudge.reduce', {}, { card: 'nudge-refund_window' }), ['Nothing to change.']);
      assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 4);
    });

    it('a card naming an add-on the clicker’s organization does not have (removed, or another tenant’s): not found, nothing changes', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, { ...(await refundWindowNudge(world, world.a.megan)), subscriptionId: 'sub-of-another-tenant' }, 'en');
      expectLines(await chat.click('nudge.reduce'), ['I couldn’t find that.']);
      expectLines(await chat.click('nudge.keep'), ['I couldn’t find that.']);
      assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
      assert.equal((await addonOf(world, world.b.megan, AUDIO)).quantity, 10);
    });

    it('the confirmation a nudge led to, clicked after its flow was canceled, is a stale card and changes nothing', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
      await chat.click('nudge.reduce');
      const confirm = chat.cardWith('quantity.confirm');
      const card = chat.card(confirm);
      await chat.say('cancel');
      chat.shown.set(confirm, card);
      expectLines(await chat.click('quantity.confirm', {}, { card: confirm }), ['This card is no longer active']);
      assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
    });
  });
});
