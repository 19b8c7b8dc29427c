// Purchase requests and approvals as conversations across several chats: Lee (a user) requests, Megan
// (global admin) and Alex (billing admin) get approval cards in their personal chats, each sees their own view, and
// every decision updates every copy and tells the requester. The real bot, BillingService over MemoryLedgerStore, the
// demo tenant, a fake clock at 2026-11-23T10:00Z; the ChatNotifier delivers proactive messages into the chats.
import assert from 'node:assert/strict';
import { demoWorld, TENANT_A, TENANT_B, type World } from '../../support/billingHarness.js';
import { updateOp } from '../../../src/domain/writes.js';
import type { PurchaseRequest } from '../../../src/domain/model.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { approvalRig, type ApprovalRig } from '../../support/approvalChats.js';
import { actionData, cardText, expectLines, headline, type Chat, type JsonObject, type Reply } from '../../support/chat.js';

const STORAGE_REQUEST = 'buy 20 GB of storage for E3, billed yearly';

async function requestsOf(world: World): Promise<readonly PurchaseRequest[]> {
  return (await world.service.listRequests(world.a.megan, { limit: 100 })).items;
}

async function ordersOf(world: World) {
  return (await world.service.listOrders(world.a.megan, { limit: 100 })).items;
}

function invokeCard(reply: Reply): JsonObject {
  const value = reply.invoke?.body.value;
  assert.ok(value && typeof value === 'object' && !Array.isArray(value), `an invoke card in ${JSON.stringify(reply.invoke)}`);
  return value;
}

function verbsOf(card: JsonObject): string[] {
  const verbs: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') verbs.push(o.verb);
      Object.values(o).forEach(walk);
    }
  };
  walk(card.actions);
  return verbs.sort();
}

/** Keeps a card as it is now; the returned function puts it back (a client that still shows the old card) and gives its id. */
function keep(chat: Chat, verb: Parameters<Chat['cardWith']>[0]): () => string {
  const id = chat.cardWith(verb);
  const card = chat.card(id);
  return () => {
    chat.shown.set(id, card);
    return id;
  };
}

interface Loop {
  readonly ar: ApprovalRig;
  readonly lee: Chat;
  readonly megan: Chat;
  readonly alex: Chat;
}

/** Megan has talked to the bot (her chat is known); Alex never did, unless `alexTalked`. */
async function setUp(world: World, locale = 'en-US', alexTalked = false): Promise<Loop> {
  const ar = approvalRig(world);
  const lee = ar.chat({ tenantId: TENANT_A, user: 'lee', locale });
  const megan = ar.chat({ tenantId: TENANT_A, user: 'megan', locale });
  const alex = ar.chat({ tenantId: TENANT_A, user: 'alex', locale });
  await megan.say(locale.startsWith('fr') ? 'aide' : 'help');
  if (alexTalked) await alex.say(locale.startsWith('fr') ? 'aide' : 'help');
  return { ar, lee, megan, alex };
}

/** Lee asks for 20 GB of storage and sends the request; returns the request and Lee's reply. */
async function leeRequests(world: World, loop: Loop, justification = 'Our auditors asked for more archive space.'): Promise<{ request: PurchaseRequest; reply: Reply }> {
  await loop.lee.say(STORAGE_REQUEST);
  const reply = await loop.lee.click('buy.requestApproval', { justification });
  const [request] = await requestsOf(world);
  assert.ok(request, 'a request is stored');
  return { request, reply };
}

describe('Purchase requests and approvals', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  describe('requesting (a user without purchase rights)', () => {
    it('in English: same questions, then "Request approval" instead of checkout; the admins get cards; Lee sees it pending', async () => {
      const loop = await setUp(world);
      const asked = await loop.lee.say(STORAGE_REQUEST);
      expectLines(asked, ['For Office 365 Extra File Storage: your Office 365 E3 (25 licenses) subscription.', 'card: Request approval']);
      const requestCard = loop.lee.card(loop.lee.cardWith('buy.requestApproval'));
      for (const shown of ['Office 365 Extra File Storage', '20 GB', 'Yearly', '$48.00', 'Send request', 'Why do you need it? (optional)']) {
        assert.ok(cardText(requestCard).includes(shown), `${shown} in ${cardText(requestCard)}`);
      }
      assert.ok(!actionData(requestCard, 'buy.placeOrder'), 'no checkout for Lee');

      const sent = await loop.lee.click('buy.requestApproval', { justification: '  Our auditors asked.  ' });
      const [request] = await requestsOf(world);
      assert.ok(request);
      expectLines(sent, [`I sent your request ${request.id} to Alex Wilber and Megan Bowen. I’ll tell you here when one of them decides.`,
        'invoke card: Purchase request — Waiting for approval']);
      assert.deepEqual([request.status, request.requesterId, request.quantity, request.frequency, request.justification, request.quotedTotalPerPeriod.amount],
        ['pending', DEMO_USERS.lee, 20, 'yearly', 'Our auditors asked.', 4_800]);
      assert.equal((await ordersOf(world)).length, 0, 'nothing is ordered before an approval');
      assert.deepEqual(loop.lee.dialogStack(), [], 'the flow is over');

      // Lee's card is now their view of the request: pending, Cancel request, refreshed for Lee and both admins.
      const leeCard = invokeCard(sent);
      assert.deepEqual(verbsOf(leeCard), ['approval.cancel']);
      const refresh = leeCard.refresh as JsonObject;
      assert.deepEqual((refresh.action as JsonObject).verb, 'approval.refresh');
      assert.deepEqual(refresh.userIds, [`29:${DEMO_USERS.lee}`, DEMO_USERS.alex, `29:${DEMO_USERS.megan}`]);

      // Megan (known chat) and Alex (chat created: he never talked to the bot) got the admin view.
      assert.deepEqual(loop.megan.inbox, ['card: Purchase request — Waiting for approval']);
      assert.deepEqual(loop.alex.inbox, ['card: Purchase request — Waiting for approval']);
      assert.deepEqual(loop.ar.notifier.created, [DEMO_USERS.alex]);
      const meganCard = loop.megan.card(loop.megan.cardWith('approval.approve'));
      assert.deepEqual(verbsOf(meganCard), ['approval.approve', 'approval.reject']);
      for (const shown of ['Lee Gu asks to buy Office 365 Extra File Storage.', 'Our auditors asked.', '$48.00', 'Office 365 E3 (25 licenses)', 'November 30, 2026']) {
        assert.ok(cardText(meganCard).includes(shown), `${shown} in ${cardText(meganCard)}`);
      }
    });

    it('in French, with the same card and messages in French', async () => {
      const loop = await setUp(world, 'fr-FR', true);
      await loop.lee.say('acheter 20 Go de stockage pour E3, facturé annuellement');
      const sent = await loop.lee.click('buy.requestApproval', {});
      const [request] = await requestsOf(world);
      assert.ok(request);
      expectLines(sent, [`J’ai envoyé votre demande ${request.id} à Alex Wilber et Megan Bowen.`, 'invoke card: Demande d’achat — En attente d’approbation']);
      assert.deepEqual(verbsOf(invokeCard(sent)), ['approval.cancel']);
      assert.ok(cardText(invokeCard(sent)).includes('Annuler la demande'));
      assert.deepEqual(loop.megan.inbox, ['card: Demande d’achat — En attente d’approbation']);
      assert.deepEqual(loop.alex.inbox, ['card: Demande d’achat — En attente d’approbation']);
      const alexCard = cardText(loop.alex.card(loop.alex.cardWith('approval.approve')));
      for (const shown of ['Lee Gu demande à acheter', 'Approuver', 'Rejeter', '48,00', 'Annuelle']) assert.ok(alexCard.includes(shown), `${shown} in ${alexCard}`);
      assert.deepEqual(loop.ar.notifier.created, [], 'both admins had talked to the bot');
    });

    it('tells the requester who could not be reached, and logs it', async () => {
      const loop = await setUp(world);
      loop.ar.notifier.unreachable.add(DEMO_USERS.alex);
      const { request, reply } = await leeRequests(world, loop);
      expectLines(reply, [`I sent your request ${request.id} to Megan Bowen, but I couldn’t reach Alex Wilber.`]);
      assert.ok(loop.ar.rig.logs.some((l) => l.msg === 'approval card not delivered to an admin' && l.admin === DEMO_USERS.alex));
      loop.ar.notifier.unreachable.add(DEMO_USERS.megan);
      await loop.lee.say('buy 30 GB of storage for E3, billed monthly');
      const nobody = await loop.lee.click('buy.requestApproval', {});
      expectLines(nobody, ['is saved, but I couldn’t reach Alex Wilber and Megan Bowen. Ask one of them to open Add-on Assistant and type pending approvals.']);
    });

    it('a second click on Send request sends nothing again', async () => {
      const loop = await setUp(world);
      await loop.lee.say(STORAGE_REQUEST);
      const cardId = loop.lee.cardWith('buy.requestApproval');
      const requestCard = loop.lee.card(cardId);
      await loop.lee.click('buy.requestApproval', {});
      loop.lee.shown.set(cardId, requestCard);
      const again = await loop.lee.click('buy.requestApproval', {}, { card: cardId });
      assert.equal((await requestsOf(world)).length, 1);
      assert.equal(loop.megan.inbox.length, 1, 'Megan got one card');
      expectLines(again, ['That card is no longer active. Nothing was changed.']);
    });
  });

  describe('views (Action.Execute refresh with user-specific views)', () => {
    it('admins see Approve / Reject, the requester Cancel request, anyone else no details; a refresh never updates the message', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      const adele = loop.ar.chat({ tenantId: TENANT_A, user: 'adele' });
      const meganCardId = loop.megan.cardWith('approval.approve');
      const updatesBefore = loop.ar.notifier.updates.length;

      const megan = await loop.megan.click('approval.refresh', {}, { card: meganCardId, trigger: 'automatic' });
      expectLines(megan, ['invoke card: Purchase request — Waiting for approval']);
      assert.deepEqual(verbsOf(invokeCard(megan)), ['approval.approve', 'approval.reject']);
      assert.equal(megan.lines.length, 1, 'only the invoke response');

      const leeCardId = loop.lee.cardWith('approval.cancel');
      const lee = await loop.lee.click('approval.refresh', {}, { card: leeCardId, trigger: 'automatic' });
      assert.deepEqual(verbsOf(invokeCard(lee)), ['approval.cancel']);

      // Adele (license admin) sees a copy of the card (forwarded, or a shared chat): no details, no buttons.
      adele.receive('forwarded', { card: loop.megan.card(meganCardId) });
      const other = await adele.click('approval.refresh', {}, { card: 'forwarded', trigger: 'automatic' });
      expectLines(other, ['invoke card: Purchase request — Only the requester and the organization’s global and billing admins can see this request.']);
      assert.deepEqual(verbsOf(invokeCard(other)), []);
      assert.ok(!cardText(invokeCard(other)).includes('Extra File Storage'), 'no details for Adele');

      // Refreshes answer in the viewer's language: Megan's French client.
      const meganFr = await loop.megan.click('approval.refresh', {}, { card: meganCardId, trigger: 'automatic' });
      assert.ok(meganFr.invoke);
      const fr = loop.ar.chat({ tenantId: TENANT_A, user: 'megan', locale: 'fr-FR', conversationId: 'megan-fr' });
      fr.receive('copy', { card: loop.megan.card(meganCardId) });
      const inFrench = await fr.click('approval.refresh', {}, { card: 'copy', trigger: 'automatic' });
      expectLines(inFrench, ['invoke card: Demande d’achat — En attente d’approbation']);

      assert.equal(loop.ar.notifier.updates.length, updatesBefore, 'a refresh updates no message');
      assert.equal((await world.service.getRequest(world.a.megan, request.id)).status, 'pending');
    });
  });

  describe('deciding', () => {
    it('Approve (English): the order is placed once; every copy shows who, when, comment and order; Lee is told', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      const alexCardId = loop.alex.cardWith('approval.approve');
      const alexPending = loop.alex.card(alexCardId);

      const approved = await loop.megan.click('approval.approve', { comment: 'Fine for Q1.' });
      const [order] = await ordersOf(world);
      assert.ok(order, 'one order');
      assert.equal(order.requestId, request.id);
      assert.equal(order.totalPerPeriod.amount, 4_800);
      expectLines(approved, [`Approved. Order ${order.id} is placed, and Lee Gu has been told.`, 'invoke card: Purchase request — Approved by Megan Bowen']);
      const final = cardText(invokeCard(approved));
      for (const shown of [order.id, 'Fine for Q1.', 'November 23, 2026 at 10:00 AM UTC', 'Total per year | $48.00']) assert.ok(final.includes(shown), `${shown} in ${final}`);
      assert.deepEqual(verbsOf(invokeCard(approved)), [], 'final: no buttons');
      assert.equal(invokeCard(approved).refresh, undefined, 'final: no refresh');

      assert.deepEqual(loop.alex.inbox.slice(-1), ['updated: Purchase request — Approved by Megan Bowen']);
      assert.ok(cardText(loop.alex.card(alexCardId)).includes(order.id));
      assert.deepEqual(loop.lee.inbox, ['updated: Purchase request — Approved by Megan Bowen',
        `Good news: Megan Bowen approved your request for Office 365 Extra File Storage. Order ${order.id} is placed. Their comment: “Fine for Q1.”`]);
      assert.deepEqual(loop.megan.inbox, ['card: Purchase request — Waiting for approval'], 'Megan’s own copy is answered by her click');

      // Alex clicks Approve on his copy as it was before the update (a slow client): nothing is ordered twice.
      loop.alex.shown.set(alexCardId, alexPending);
      const late = await loop.alex.click('approval.approve', {}, { card: alexCardId });
      expectLines(late, [`Megan Bowen already approved this request on November 23, 2026: order ${order.id}. Nothing was ordered twice.`,
        'invoke card: Purchase request — Approved by Megan Bowen']);
      loop.alex.shown.set(alexCardId, alexPending);
      const reject = await loop.alex.click('approval.reject', { comment: 'too late' }, { card: alexCardId });
      expectLines(reject, ['Megan Bowen already approved this request']);
      assert.equal((await ordersOf(world)).length, 1);
      assert.equal((await world.service.getRequest(world.a.megan, request.id)).comment, 'Fine for Q1.');
    });

    it('Reject with a comment (French): every copy shows it, Lee is told in French, nothing is ordered', async () => {
      const loop = await setUp(world, 'fr-FR', true);
      await loop.lee.say('acheter 20 Go de stockage pour E3, facturé annuellement');
      await loop.lee.click('buy.requestApproval', { justification: 'Archivage légal' });
      const meganPending = keep(loop.megan, 'approval.approve');
      const rejected = await loop.alex.click('approval.reject', { comment: 'Pas ce trimestre' });
      expectLines(rejected, ['Rejetée. J’ai prévenu Lee Gu.', 'invoke card: Demande d’achat — Rejetée par Alex Wilber']);
      assert.ok(cardText(invokeCard(rejected)).includes('Commentaire | Pas ce trimestre'));
      assert.deepEqual(loop.megan.inbox.slice(-1), ['updated: Demande d’achat — Rejetée par Alex Wilber']);
      assert.deepEqual(loop.lee.inbox, ['updated: Demande d’achat — Rejetée par Alex Wilber',
        'Alex Wilber a rejeté votre demande pour le module Espace de stockage supplémentaire Office 365. Rien n’a été commandé. Son commentaire : « Pas ce trimestre »']);
      const [request] = await requestsOf(world);
      assert.deepEqual([request?.status, request?.comment, request?.decidedBy], ['rejected', 'Pas ce trimestre', DEMO_USERS.alex]);
      assert.equal((await ordersOf(world)).length, 0);
      const late = await loop.megan.click('approval.approve', {}, { card: meganPending() });
      expectLines(late, ['Alex Wilber a déjà rejeté cette demande le 23 novembre 2026. Rien n’a été commandé.']);
      assert.equal((await ordersOf(world)).length, 0);
    });

    it('Approve (French) and Reject (English) tell each requester in their own language', async () => {
      const loop = await setUp(world, 'fr-FR', true);
      await loop.lee.say('acheter 20 Go de stockage pour E3, facturé annuellement');
      await loop.lee.click('buy.requestApproval', {});
      const approved = await loop.megan.click('approval.approve', {});
      const [order] = await ordersOf(world);
      assert.ok(order);
      expectLines(approved, [`Approuvée. La commande ${order.id} est passée, et j’ai prévenu Lee Gu.`, 'invoke card: Demande d’achat — Approuvée par Megan Bowen']);
      assert.deepEqual(loop.lee.inbox.slice(-1), [`Bonne nouvelle : Megan Bowen a approuvé votre demande pour le module Espace de stockage supplémentaire Office 365. La commande ${order.id} est passée.`]);

      const en = await setUp(await demoWorld().then((w) => { world = w; return w; }));
      await leeRequests(world, en);
      const rejected = await en.alex.click('approval.reject', {});
      expectLines(rejected, ['Rejected. Lee Gu has been told.', 'invoke card: Purchase request — Rejected by Alex Wilber']);
      assert.deepEqual(en.lee.inbox.slice(-1), ['Alex Wilber rejected your request for Office 365 Extra File Storage. Nothing was ordered.']);
    });

    it('Cancel request (the requester): the admins’ copies show it; a later Approve changes nothing', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      const meganCardId = loop.megan.cardWith('approval.approve');
      const meganPending = loop.megan.card(meganCardId);
      const canceled = await loop.lee.click('approval.cancel');
      expectLines(canceled, [`Your request ${request.id} is canceled. Nothing was ordered.`, 'invoke card: Purchase request — Canceled by Lee Gu']);
      assert.deepEqual(loop.megan.inbox.slice(-1), ['updated: Purchase request — Canceled by Lee Gu']);
      assert.deepEqual(loop.alex.inbox.slice(-1), ['updated: Purchase request — Canceled by Lee Gu']);
      assert.deepEqual(loop.lee.inbox, [], 'Lee clicked: no message to himself');
      loop.megan.shown.set(meganCardId, meganPending);
      const late = await loop.megan.click('approval.approve', {}, { card: meganCardId });
      expectLines(late, ['Lee Gu canceled this request on November 23, 2026. Nothing was ordered.']);
      assert.equal((await ordersOf(world)).length, 0);
      // Only the requester may cancel: Megan's click on a Cancel button changes nothing.
      const other = await setUp(await demoWorld().then((w) => { world = w; return w; }));
      await leeRequests(world, other);
      other.megan.receive('lees-card', { card: other.lee.card(other.lee.cardWith('approval.cancel')) });
      const refused = await other.megan.click('approval.cancel', {}, { card: 'lees-card' });
      expectLines(refused, ['Only the person who made this request can cancel it. Nothing was changed.', 'invoke card: Purchase request — Waiting for approval']);
      assert.equal((await requestsOf(world))[0]?.status, 'pending');
    });

    it('the price changed since the request (quote expired): the new total is shown and must be approved again', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      // The requester was quoted $40.00 (an older price list); the price of now is $48.00.
      const row = await world.store.get(TENANT_A, 'purchase_request', request.id);
      assert.ok(row);
      const committed = await world.store.commit(TENANT_A, { writes: [updateOp('purchase_request', { ...row.value, quotedTotalPerPeriod: { amount: 4_000, currency: 'USD' } }, row.version)] });
      assert.equal(committed.status, 'committed');
      world.clock.advance(20 * 60 * 1000);

      const first = await loop.megan.click('approval.approve', {});
      expectLines(first, ['The price changed since Lee Gu asked: $48.00 per year instead of $40.00. Check the card, then approve at the new price or reject.',
        'invoke card: Purchase request — Waiting for approval']);
      const again = invokeCard(first);
      assert.ok(cardText(again).includes('Approve at the new price'));
      assert.ok(cardText(again).includes('The price changed since the request: now $48.00 per year instead of $40.00.'));
      assert.equal((await ordersOf(world)).length, 0, 'nothing placed at a price nobody approved');
      loop.megan.shown.set('price-card', again);

      // A stamp that is not the price of now (tampered, or the price moved again) places nothing.
      const forged = await loop.megan.click('approval.approve', {}, { card: 'price-card', extra: { termsStamp: '0123456789abcdef' } });
      expectLines(forged, ['The price changed since Lee Gu asked']);
      assert.equal((await ordersOf(world)).length, 0);

      const approved = await loop.megan.click('approval.approve', {}, { card: 'price-card' });
      const [order] = await ordersOf(world);
      assert.ok(order);
      expectLines(approved, [`Approved. Order ${order.id} is placed`, 'invoke card: Purchase request — Approved by Megan Bowen']);
      assert.equal(order.totalPerPeriod.amount, 4_800, 'placed at the price computed at approval time');
      // The admins' refresh shows the new price up front.
      const fresh = await setUp(await demoWorld().then((w) => { world = w; return w; }));
      const second = await leeRequests(world, fresh);
      const r2 = await world.store.get(TENANT_A, 'purchase_request', second.request.id);
      assert.ok(r2);
      await world.store.commit(TENANT_A, { writes: [updateOp('purchase_request', { ...r2.value, quotedTotalPerPeriod: { amount: 4_000, currency: 'USD' } }, r2.version)] });
      const refreshed = await fresh.alex.click('approval.refresh', {}, { trigger: 'automatic' });
      assert.deepEqual(verbsOf(invokeCard(refreshed)), ['approval.approve', 'approval.reject']);
      assert.ok(cardText(invokeCard(refreshed)).includes('Approve at the new price'));
    });

    it('an admin demoted since the card was sent cannot approve (English and French)', async () => {
      for (const locale of ['en-US', 'fr-FR']) {
        world = await demoWorld();
        const loop = await setUp(world, locale, true);
        await loop.lee.say(locale === 'en-US' ? STORAGE_REQUEST : 'acheter 20 Go de stockage pour E3, facturé annuellement');
        await loop.lee.click('buy.requestApproval', {});
        await world.service.saveUser(TENANT_A, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
        const alexPending = keep(loop.alex, 'approval.approve');
        const refused = await loop.alex.click('approval.approve', {});
        expectLines(refused, locale === 'en-US'
          ? ['Only a global admin or a billing admin can approve or reject purchase requests, and your role doesn’t allow it. Nothing was changed.', 'invoke card: Purchase request']
          : ['Seul un administrateur général ou un administrateur de facturation peut approuver ou rejeter les demandes d’achat', 'invoke card: Demande d’achat']);
        assert.deepEqual(verbsOf(invokeCard(refused)), []);
        const rejectRefused = await loop.alex.click('approval.reject', { comment: 'no' }, { card: alexPending() });
        assert.ok(rejectRefused.lines.some((l) => l.includes(locale === 'en-US' ? 'your role doesn’t allow it' : 'votre rôle ne le permet pas')));
        assert.equal((await requestsOf(world))[0]?.status, 'pending', 'the request is still pending');
        assert.equal((await ordersOf(world)).length, 0);
        const view = await loop.alex.click('approval.refresh', {}, { card: alexPending(), trigger: 'automatic' });
        assert.deepEqual(verbsOf(invokeCard(view)), [], 'the demoted admin’s refresh is read-only');
        // Megan still can.
        const approved = await loop.megan.click('approval.approve', {});
        assert.ok(approved.lines.some((l) => l.includes(locale === 'en-US' ? 'Approved by Megan Bowen' : 'Approuvée par Megan Bowen')));
        assert.equal((await ordersOf(world)).length, 1);
      }
    });

    it('a request past its 7 days is expired: a click places nothing and every copy shows it', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      const leePending = keep(loop.lee, 'approval.cancel');
      world.clock.advanceDays(8);
      const stale = await loop.megan.click('approval.approve', {});
      expectLines(stale, ['This request expired on November 30, 2026: nobody decided within 7 days. Nothing was ordered.',
        'invoke card: Purchase request — Expired']);
      assert.ok(cardText(invokeCard(stale)).includes('Nobody decided within 7 days, so the request expired on November 30, 2026.'));
      assert.deepEqual(loop.alex.inbox.slice(-1), ['updated: Purchase request — Expired']);
      assert.deepEqual(loop.lee.inbox.slice(-1), ['updated: Purchase request — Expired']);
      assert.equal((await ordersOf(world)).length, 0);
      assert.equal((await world.service.getRequest(world.a.lee, request.id)).status, 'expired');
      const leeView = await loop.lee.click('approval.refresh', {}, { card: leePending(), trigger: 'automatic' });
      expectLines(leeView, ['invoke card: Purchase request — Expired']);
    });

    it('a card of another tenant changes nothing, whatever its payload says', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      const cardId = loop.megan.cardWith('approval.approve');
      // Megan of tenant-b clicks a tenant-a card (forwarded, or a forged payload).
      const foreign = loop.ar.chat({ tenantId: TENANT_B, user: 'megan', conversationId: 'tenant-b-megan' });
      const forward = () => {
        foreign.receive('foreign', { card: loop.megan.card(cardId) });
        return 'foreign';
      };
      const refused = await foreign.click('approval.approve', {}, { card: forward() });
      expectLines(refused, ['This card belongs to another organization, so I didn’t change anything.',
        'invoke card: Purchase request — This card belongs to another organization. Nothing was changed.']);
      const forged = await foreign.click('approval.approve', {}, { card: forward(), extra: { tenantId: TENANT_B } });
      expectLines(forged, ['I can’t find that request in your organization, so nothing was changed.']);
      const refresh = await foreign.click('approval.refresh', {}, { card: forward(), trigger: 'automatic' });
      assert.deepEqual(verbsOf(invokeCard(refresh)), []);
      assert.equal((await world.service.getRequest(world.a.megan, request.id)).status, 'pending');
      assert.equal((await ordersOf(world)).length, 0);
      assert.equal((await world.service.listOrders(world.b.megan)).items.length, 0);
      // A payload with extra fields (a price, a role) is refused before anything is read.
      const tampered = await loop.megan.click('approval.approve', {}, { card: cardId, extra: { totalPerPeriod: '1' } });
      expectLines(tampered, ['That card’s data isn’t valid, so I didn’t change anything.']);
      assert.equal((await ordersOf(world)).length, 0);
    });

    it('in French: the read-only view, Cancel request, the price changed, another tenant’s card and an expired request', async () => {
      const loop = await setUp(world, 'fr-FR', true);
      await loop.lee.say('acheter 20 Go de stockage pour E3, facturé annuellement');
      await loop.lee.click('buy.requestApproval', {});
      const [request] = await requestsOf(world);
      assert.ok(request);
      const adele = loop.ar.chat({ tenantId: TENANT_A, user: 'adele', locale: 'fr-FR' });
      adele.receive('fwd', { card: loop.megan.card(loop.megan.cardWith('approval.approve')) });
      expectLines(await adele.click('approval.refresh', {}, { card: 'fwd', trigger: 'automatic' }),
        ['invoke card: Demande d’achat — Seuls le demandeur et les administrateurs généraux et de facturation de l’organisation peuvent voir cette demande.']);

      const row = await world.store.get(TENANT_A, 'purchase_request', request.id);
      assert.ok(row);
      await world.store.commit(TENANT_A, { writes: [updateOp('purchase_request', { ...row.value, quotedTotalPerPeriod: { amount: 4_000, currency: 'USD' } }, row.version)] });
      const priced = await loop.megan.click('approval.approve', {}, { card: keep(loop.megan, 'approval.approve')() });
      assert.ok(priced.lines.some((l) => l.startsWith('Le prix a changé depuis que Lee Gu a fait sa demande : 48,00')), priced.lines.join('\n'));
      assert.ok(cardText(invokeCard(priced)).includes('Approuver au nouveau prix'));

      const foreign = loop.ar.chat({ tenantId: TENANT_B, user: 'megan', locale: 'fr-FR', conversationId: 'b-megan' });
      foreign.receive('fwd', { card: loop.alex.card(loop.alex.cardWith('approval.approve')) });
      expectLines(await foreign.click('approval.approve', {}, { card: 'fwd' }), ['Cette carte appartient à une autre organisation : je n’ai rien modifié.']);

      const leePending = keep(loop.lee, 'approval.cancel');
      const canceled = await loop.lee.click('approval.cancel', {}, { card: leePending() });
      expectLines(canceled, [`Votre demande ${request.id} est annulée. Rien n’a été commandé.`, 'invoke card: Demande d’achat — Annulée par Lee Gu']);
      assert.deepEqual(loop.alex.inbox.slice(-1), ['updated: Demande d’achat — Annulée par Lee Gu']);
      assert.equal((await ordersOf(world)).length, 0);

      await loop.lee.say('acheter 30 Go de stockage pour E3, facturé mensuellement');
      await loop.lee.click('buy.requestApproval', {});
      world.clock.advanceDays(8);
      const stale = await loop.alex.click('approval.approve', {});
      expectLines(stale, ['Cette demande a expiré le 30 novembre 2026 : personne n’a décidé en 7 jours. Rien n’a été commandé.', 'invoke card: Demande d’achat — Expirée']);
      assert.deepEqual(loop.lee.inbox.slice(-1), ['updated: Demande d’achat — Expirée']);
      assert.equal((await ordersOf(world)).length, 0);
    });

    it('works from the Action.Submit fallback (the clicked card is updated in place), even in the middle of a purchase', async () => {
      const loop = await setUp(world);
      await leeRequests(world, loop);
      await loop.megan.say('buy phone system');
      const stackBefore = loop.megan.dialogStack();
      assert.ok(stackBefore.length > 0, 'Megan is in a buy flow');
      const cardId = loop.megan.cardWith('approval.approve');
      const approved = await loop.megan.click('approval.approve', { comment: 'ok' }, { via: 'submit', card: cardId });
      expectLines(approved, ['updated: Purchase request — Approved by Megan Bowen', 'Approved. Order']);
      assert.deepEqual(loop.megan.dialogStack(), stackBefore, 'her purchase goes on where it was');
      assert.equal((await ordersOf(world)).length, 1);
    });
  });

  describe('"my requests"', () => {
    it('lists a user’s own requests and their state (English), and every request with Review for an admin (French)', async () => {
      const loop = await setUp(world);
      const { request } = await leeRequests(world, loop);
      await loop.megan.click('approval.reject', { comment: 'Not now' });
      await loop.lee.say('buy 30 GB of storage for E3, billed monthly');
      await loop.lee.click('buy.requestApproval', {});

      const mine = await loop.lee.say('my requests');
      expectLines(mine, ['card: Your purchase requests — Newest first.']);
      const list = cardText(mine.cards[0]?.card ?? {});
      for (const shown of ['Office 365 Extra File Storage · 30 GB', 'Waiting for approval until November 30, 2026', 'Office 365 Extra File Storage · 20 GB',
        'Rejected by Megan Bowen', 'Comment | Not now', request.id]) {
        assert.ok(list.includes(shown), `${shown} in ${list}`);
      }
      assert.ok(!list.includes('Review'), 'no Review for a user');

      const admin = loop.ar.chat({ tenantId: TENANT_A, user: 'alex', locale: 'fr-FR', conversationId: 'alex-fr' });
      const all = await admin.say('demandes en attente');
      expectLines(all, ['card: Demandes d’achat — Toutes les demandes d’achat de votre organisation, les plus récentes d’abord.']);
      const text = cardText(all.cards[0]?.card ?? {});
      assert.ok(text.includes('Demandé par | Lee Gu') && text.includes('Examiner') && text.includes('Rejetée par Megan Bowen'), text);

      // Review posts the approval card in this chat; approving from it updates every other copy too.
      const opened = await admin.click('approval.open');
      expectLines(opened, ['card: Demande d’achat — En attente d’approbation']);
      const approved = await admin.click('approval.approve', {});
      expectLines(approved, ['Approuvée par Alex Wilber']);
      assert.deepEqual(loop.lee.inbox.slice(-2)[0], 'updated: Purchase request — Approved by Alex Wilber');
      assert.equal((await ordersOf(world)).length, 1);
    });

    it('in French for a user, and empty lists say so', async () => {
      const ar = approvalRig(world);
      const lee = ar.chat({ tenantId: TENANT_A, user: 'lee', locale: 'fr-FR' });
      expectLines(await lee.say('mes demandes'), ['card: Vos demandes d’achat — Vous n’avez encore demandé aucun achat.']);
      const megan = ar.chat({ tenantId: TENANT_A, user: 'megan' });
      expectLines(await megan.say('pending approvals'), ['card: Purchase requests — There are no purchase requests in your organization.']);
      const next = await megan.click('menu.buy');
      expectLines(next, ['card: Which subscription is this add-on for?']);
      assert.ok(headline(next.cards[0]?.card ?? {}).length > 0);
    });
  });
});
