// The approval loop over HTTP: the real server (SQLite under a temp DATA_DIR, local mode) and a loopback fake Bot
// Connector that also creates conversations. Lee (a user) requests; Megan (global admin, who talked to the bot before)
// and Alex (billing admin, who never did: his chat is created) get approval cards; both click Approve at the same
// moment, 50 times over fresh requests. Then a reject with a comment, a demoted admin, a stale request, a card from
// another tenant, an automatic refresh, and an admin the connector cannot reach.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { actionData, cardText, type JsonObject } from '../support/chat.js';
import { isObject } from '../support/json.js';
import { FakeClock } from '../support/fakeClock.js';
import { FakeConnector, type SentActivity } from '../support/fakeConnector.js';

const TENANT = 'tenant-http-approvals';
const OTHER_TENANT = 'tenant-http-elsewhere';
const ROUNDS = 50;

type Person = 'lee' | 'megan' | 'alex';
const NAMES: Readonly<Record<Person, string>> = { lee: 'Lee Gu', megan: 'Megan Bowen', alex: 'Alex Wilber' };

function cardOf(activity: SentActivity | undefined): JsonObject | undefined {
  const attachments = activity?.body.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first: unknown = attachments[0];
  return isObject(first) && isObject(first.content) ? first.content : undefined;
}

function textOf(activity: SentActivity): string {
  return typeof activity.body.text === 'string' ? activity.body.text : '';
}

describe('HTTP: purchase requests and approvals across chats, with a fake Bot Connector', function () {
  this.timeout(120_000);
  let dir: string;
  let app: App;
  let connector: FakeConnector;
  let serviceUrl: string;
  let base: string;
  let clock: FakeClock;
  let counter = 0;
  /** Alex's personal chat, once the bot created it. */
  let alexConversation: string | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-http-approvals-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    clock = new FakeClock('2026-11-23T10:00:00.000Z');
    app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), createLogger('silent'), { clock });
    const port = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await app.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function conversationOf(person: Person, tenantId = TENANT): string {
    if (person === 'alex' && tenantId === TENANT && alexConversation) return alexConversation;
    return `a:${person}-${tenantId}`;
  }

  function activity(person: Person, fields: Record<string, unknown>, tenantId = TENANT, locale = 'en-US'): Record<string, unknown> {
    counter += 1;
    return {
      id: `act-${counter}`, channelId: 'msteams', serviceUrl, locale, timestamp: new Date().toISOString(),
      from: { id: `29:${DEMO_USERS[person]}`, name: NAMES[person], aadObjectId: DEMO_USERS[person] },
      recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
      conversation: { id: conversationOf(person, tenantId), conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      ...fields,
    };
  }

  /** Posts an activity; returns the HTTP answer and what the bot sent to the connector meanwhile. */
  async function send(body: Record<string, unknown>): Promise<{ status: number; json: unknown; sent: SentActivity[] }> {
    const before = connector.sent.length;
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) as unknown : undefined, sent: connector.sent.slice(before) };
  }

  function invoke(person: Person, replyToId: string, verb: string, data: Record<string, unknown>, options: { tenantId?: string; trigger?: string } = {}) {
    return activity(person, {
      type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: options.trigger ?? 'manual' },
    }, options.tenantId);
  }

  function invokeCard(json: unknown): JsonObject {
    assert.ok(isObject(json) && json.type === 'application/vnd.microsoft.card.adaptive' && isObject(json.value), `an invoke card: ${JSON.stringify(json)}`);
    return json.value;
  }

  /** The approval card of this request posted in a conversation (POST), with its activity id. */
  function approvalCardIn(conversationId: string, requestId: string): { id: string; card: JsonObject } {
    const found = connector.sent.find((a) => a.method === 'POST' && a.conversationId === conversationId
      && cardOf(a) && actionData(cardOf(a) ?? {}, 'approval.approve')?.requestId === requestId);
    assert.ok(found, `an approval card for ${requestId} in ${conversationId}`);
    return { id: found.id, card: cardOf(found) ?? {} };
  }

  /** The last card update (PUT) of one message. */
  function lastUpdate(conversationId: string, activityId: string): JsonObject | undefined {
    const puts = connector.sent.filter((a) => a.method === 'PUT' && a.conversationId === conversationId && a.activityId === activityId);
    return cardOf(puts[puts.length - 1]);
  }

  async function ordersOfRequest(requestId: string): Promise<number> {
    const orders = await app.billing.listOrders({ tenantId: TENANT, userId: DEMO_USERS.megan }, { limit: 100 });
    let count = orders.items.filter((o) => o.requestId === requestId).length;
    let after = orders.next;
    while (after) {
      const page = await app.billing.listOrders({ tenantId: TENANT, userId: DEMO_USERS.megan }, { limit: 100, after });
      count += page.items.filter((o) => o.requestId === requestId).length;
      after = page.next;
    }
    return count;
  }

  interface Requested {
    readonly requestId: string;
    /** Lee's copy: the "Request approval" card he clicked, now his view of the request. */
    readonly leeCard: string;
    readonly megan: { id: string; card: JsonObject };
    readonly alex: { id: string; card: JsonObject };
    readonly told: string;
  }

  /** Lee asks for storage and sends the request; both admins get their card. */
  async function leeRequests(gb = 20): Promise<Requested> {
    const asked = await send(activity('lee', { type: 'message', text: `buy ${gb} GB of storage for E3, billed yearly` }));
    const requestCard = [...asked.sent].reverse().find((a) => cardOf(a) && actionData(cardOf(a) ?? {}, 'buy.requestApproval'));
    assert.ok(requestCard, 'Lee gets the Request approval card');
    const data = actionData(cardOf(requestCard) ?? {}, 'buy.requestApproval') ?? {};
    const sent = await send(invoke('lee', requestCard.id, 'buy.requestApproval', { ...data, justification: 'Archive space for the audit.' }));
    assert.equal(sent.status, 200);
    const leeView = invokeCard(sent.json);
    const requestId = actionData(leeView, 'approval.cancel')?.requestId;
    assert.ok(typeof requestId === 'string', 'Lee sees his pending request with Cancel request');
    const created = connector.created.find((c) => Array.isArray(c.body.members) && JSON.stringify(c.body.members).includes(DEMO_USERS.alex));
    if (created) alexConversation = created.id;
    assert.ok(alexConversation, 'Alex’s chat was created');
    const told = sent.sent.filter((a) => a.conversationId === conversationOf('lee') && textOf(a)).map(textOf).join(' ');
    return { requestId, leeCard: requestCard.id, megan: approvalCardIn(conversationOf('megan'), requestId), alex: approvalCardIn(alexConversation, requestId), told };
  }

  it('Megan talks to the bot once; Alex never does', async () => {
    const hello = await send(activity('megan', { type: 'message', text: 'help' }));
    assert.equal(hello.status, 200);
    assert.ok(hello.sent.length > 0);
  });

  it(`both admins click Approve at the same moment, ${ROUNDS} times over fresh requests: one order each, every copy updated, everyone told`, async () => {
    let orders = 0;
    let duplicates = 0;
    let copiesUpdated = 0;
    const won: Record<'megan' | 'alex', number> = { megan: 0, alex: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const r = await leeRequests();
      if (round === 0) {
        assert.equal(connector.created.length, 1, 'the bot created Alex’s chat (createConversation)');
        const created = connector.created[0];
        assert.deepEqual([created?.body.isGroup, created?.body.tenantId, created?.body.channelData], [false, TENANT, { tenant: { id: TENANT } }]);
        assert.deepEqual((created?.body.members as JsonObject[] | undefined)?.map((mm) => mm.id), [DEMO_USERS.alex]);
        assert.ok(r.told.includes(`I sent your request ${r.requestId} to Alex Wilber and Megan Bowen.`), r.told);
      }
      const before = connector.sent.length;
      // Both posts leave at once; which one the server reads first alternates from round to round.
      const clicks = [
        () => send(invoke('megan', r.megan.id, 'approval.approve', { requestId: r.requestId, tenantId: TENANT, comment: `round ${round}` })),
        () => send(invoke('alex', r.alex.id, 'approval.approve', { requestId: r.requestId, tenantId: TENANT })),
      ] as const;
      const [m, a] = round % 2 === 0
        ? await Promise.all([clicks[0](), clicks[1]()])
        : await Promise.all([clicks[1](), clicks[0]()]).then(([x, y]) => [y, x] as const);
      assert.equal(m.status, 200);
      assert.equal(a.status, 200);
      const placed = await ordersOfRequest(r.requestId);
      assert.equal(placed, 1, `round ${round}: one order for ${r.requestId}`);
      orders += placed;
      duplicates += placed - 1;
      const order = (await app.billing.getRequest({ tenantId: TENANT, userId: DEMO_USERS.megan }, r.requestId)).orderId;
      assert.ok(order);

      const winners = (['megan', 'alex'] as const).filter((p) => connector.sent.slice(before)
        .some((x) => x.conversationId === conversationOf(p) && textOf(x).startsWith(`Approved. Order ${order}`)));
      assert.equal(winners.length, 1, `round ${round}: exactly one admin placed the order`);
      won[winners[0] ?? 'megan'] += 1;
      // Each admin is told: their card (the invoke response) is final with the order number, and a message says it.
      for (const [person, res] of [['megan', m], ['alex', a]] as const) {
        const card = cardText(invokeCard(res.json));
        assert.ok(card.includes('Approved by') && card.includes(order), `${person}'s card: ${card}`);
        const said = connector.sent.slice(before).filter((x) => x.conversationId === conversationOf(person) && textOf(x)).map(textOf).join(' ');
        assert.ok(said.includes(order), `${person} is told the outcome: ${said}`);
      }
      // Every copy shows the final state: the clicked ones by their invoke response, the others by an update (PUT).
      const copies: Array<[string, string, JsonObject | undefined]> = [
        [conversationOf('megan'), r.megan.id, invokeCard(m.json)],
        [conversationOf('alex'), r.alex.id, invokeCard(a.json)],
        [conversationOf('lee'), r.leeCard, undefined],
      ];
      for (const [conversationId, activityId, answered] of copies) {
        const updated = lastUpdate(conversationId, activityId);
        if (updated) copiesUpdated += 1;
        const final = updated ?? answered;
        assert.ok(final && cardText(final).includes(order) && !actionData(final, 'approval.approve'), `copy ${conversationId}/${activityId} is final`);
      }
      assert.ok(lastUpdate(conversationOf('lee'), r.leeCard), 'Lee’s copy is updated');
      const leeTold = connector.sent.slice(before).filter((x) => x.conversationId === conversationOf('lee') && textOf(x)).map(textOf).join(' ');
      assert.ok(leeTold.includes(`approved your request for Office 365 Extra File Storage. Order ${order} is placed.`), leeTold);
    }
    assert.equal(orders, ROUNDS);
    assert.equal(duplicates, 0);
    assert.equal(connector.created.length, 1, 'Alex’s chat was created once, then reused');
    console.log(`      approvals: ${ROUNDS} requests × 2 concurrent approvals → ${orders} orders, ${duplicates} duplicates; `
      + `Megan's click won ${won.megan}, Alex's ${won.alex}; ${copiesUpdated} other copies updated by PUT`);
  });

  it('a reject with a comment: every copy shows it, Lee is told with the comment, nothing is ordered', async () => {
    const r = await leeRequests(30);
    const before = connector.sent.length;
    const res = await send(invoke('alex', r.alex.id, 'approval.reject', { requestId: r.requestId, tenantId: TENANT, comment: 'Not this quarter' }));
    const card = cardText(invokeCard(res.json));
    assert.ok(card.includes('Rejected by Alex Wilber') && card.includes('Not this quarter'), card);
    for (const [conversationId, activityId] of [[conversationOf('megan'), r.megan.id], [conversationOf('lee'), r.leeCard]] as const) {
      const updated = lastUpdate(conversationId, activityId);
      assert.ok(updated && cardText(updated).includes('Rejected by Alex Wilber') && cardText(updated).includes('Not this quarter'), conversationId);
    }
    const leeTold = connector.sent.slice(before).filter((x) => x.conversationId === conversationOf('lee')).map(textOf).join(' ');
    assert.ok(leeTold.includes('Alex Wilber rejected your request') && leeTold.includes('“Not this quarter”'), leeTold);
    assert.equal(await ordersOfRequest(r.requestId), 0);
    // Megan clicks Approve on her (older) copy afterwards: nothing is ordered.
    const late = await send(invoke('megan', r.megan.id, 'approval.approve', { requestId: r.requestId, tenantId: TENANT }));
    assert.ok(cardText(invokeCard(late.json)).includes('Rejected by Alex Wilber'));
    assert.equal(await ordersOfRequest(r.requestId), 0);
  });

  it('an admin demoted since the card was sent: the click is refused and changes nothing', async () => {
    const r = await leeRequests(40);
    await app.billing.saveUser(TENANT, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
    try {
      const before = connector.sent.length;
      const res = await send(invoke('alex', r.alex.id, 'approval.approve', { requestId: r.requestId, tenantId: TENANT }));
      assert.ok(cardText(invokeCard(res.json)).includes('your role doesn’t allow it'));
      assert.equal(actionData(invokeCard(res.json), 'approval.approve'), undefined);
      assert.equal(connector.sent.slice(before).filter((x) => x.method === 'PUT').length, 0, 'no copy changes');
      assert.equal(await ordersOfRequest(r.requestId), 0);
      assert.equal((await app.billing.getRequest({ tenantId: TENANT, userId: DEMO_USERS.megan }, r.requestId)).status, 'pending');
    } finally {
      await app.billing.saveUser(TENANT, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['billing_admin'], licensed: true });
    }
  });

  it('a stale (expired) request and a card from another tenant are refused; a refresh only answers', async () => {
    const stale = await leeRequests(50);
    const fresh = await leeRequests(60);

    // Another tenant's Megan posts the card's payload (a forwarded card, or a forged one).
    await send(activity('megan', { type: 'message', text: 'help' }, OTHER_TENANT));
    const before = connector.sent.length;
    const foreign = await send(invoke('megan', 'foreign-card', 'approval.approve', { requestId: fresh.requestId, tenantId: TENANT }, { tenantId: OTHER_TENANT }));
    assert.ok(cardText(invokeCard(foreign.json)).includes('This card belongs to another organization'));
    const forged = await send(invoke('megan', 'foreign-card', 'approval.approve', { requestId: fresh.requestId, tenantId: OTHER_TENANT }, { tenantId: OTHER_TENANT }));
    assert.ok(cardText(invokeCard(forged.json)).includes('can’t be found in your organization'));
    assert.equal(connector.sent.slice(before).filter((x) => x.method === 'PUT').length, 0);
    assert.equal(await ordersOfRequest(fresh.requestId), 0);
    assert.equal((await app.billing.getRequest({ tenantId: TENANT, userId: DEMO_USERS.megan }, fresh.requestId)).status, 'pending');

    // An automatic refresh answers with the viewer's view and never updates a message.
    const puts = connector.sent.filter((x) => x.method === 'PUT').length;
    const leeRefresh = await send(invoke('lee', fresh.leeCard, 'approval.refresh', { requestId: fresh.requestId, tenantId: TENANT }, { trigger: 'automatic' }));
    assert.ok(actionData(invokeCard(leeRefresh.json), 'approval.cancel'), 'Lee’s view: Cancel request');
    const alexRefresh = await send(invoke('alex', fresh.alex.id, 'approval.refresh', { requestId: fresh.requestId, tenantId: TENANT }, { trigger: 'automatic' }));
    assert.ok(actionData(invokeCard(alexRefresh.json), 'approval.approve'), 'Alex’s view: Approve');
    assert.equal(connector.sent.filter((x) => x.method === 'PUT').length, puts);

    // Eight days later the first request is stale: nothing is ordered, and its copies say so.
    clock.advanceDays(8);
    try {
      const res = await send(invoke('megan', stale.megan.id, 'approval.approve', { requestId: stale.requestId, tenantId: TENANT }));
      assert.ok(cardText(invokeCard(res.json)).includes('Expired'));
      assert.equal(await ordersOfRequest(stale.requestId), 0);
      for (const [conversationId, activityId] of [[conversationOf('alex'), stale.alex.id], [conversationOf('lee'), stale.leeCard]] as const) {
        const updated = lastUpdate(conversationId, activityId);
        assert.ok(updated && cardText(updated).includes('Expired'), `${conversationId} shows the expiry`);
      }
    } finally {
      clock.advanceDays(-8);
    }
  });

  it('an admin the connector cannot reach is logged and the requester is told who was notified', async () => {
    await app.billing.saveUser(TENANT, { id: 'dana-0000-entra-id', name: 'Dana Admin', roles: ['billing_admin'], licensed: true });
    connector.refuseConversationWith.add('dana-0000-entra-id');
    try {
      const r = await leeRequests(70);
      assert.ok(r.told.includes('to Alex Wilber and Megan Bowen, but I couldn’t reach Dana Admin.'), r.told);
    } finally {
      await app.billing.saveUser(TENANT, { id: 'dana-0000-entra-id', name: 'Dana Admin', roles: ['user'], licensed: true });
    }
  });
});
