// The real server on a free port, SQLite under a temp DATA_DIR, replies posted to a loopback fake Bot Connector:
// install the bot, buy through to the receipt, then replay the Place order click, resend the same activity under a
// new id and click a stale card. Exactly one order; every duplicate gets a clear answer.
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

const TENANT = 'tenant-http';
const CONVERSATION = 'a:conv-http-1';

function cardOf(activity: SentActivity | Record<string, unknown> | undefined): JsonObject | undefined {
  const body = (activity && 'body' in activity ? activity.body : activity) as Record<string, unknown> | undefined;
  const attachments = body?.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first: unknown = attachments[0];
  return isObject(first) && isObject(first.content) ? first.content : undefined;
}

describe('HTTP: buying over the real server and a fake Bot Connector', function () {
  this.timeout(30_000);
  let dir: string;
  let app: App;
  let connector: FakeConnector;
  let serviceUrl: string;
  let base: string;
  let counter = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-http-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    app = await createApp(config, createLogger('silent'), { clock: new FakeClock('2026-11-23T10:00:00.000Z') });
    const port = await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await app.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function activity(fields: Record<string, unknown>): Record<string, unknown> {
    counter += 1;
    return {
      id: `http-act-${counter}`, channelId: 'msteams', serviceUrl, locale: 'en-US', timestamp: new Date().toISOString(),
      from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: DEMO_USERS.megan },
      recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
      conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...fields,
    };
  }

  async function post(body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) as unknown : undefined };
  }

  /** Sends an activity and returns what the bot posted to the connector because of it. */
  async function send(body: Record<string, unknown>): Promise<{ status: number; json: unknown; sent: SentActivity[] }> {
    const before = connector.sent.length;
    const result = await post(body);
    return { ...result, sent: connector.sent.slice(before).filter((a) => a.body.type === 'message' || a.method === 'PUT') };
  }

  function latestCardWith(sent: SentActivity[], verb: Parameters<typeof actionData>[1]): { id: string; card: JsonObject } {
    for (const a of [...sent].reverse()) {
      const card = cardOf(a);
      if (card && actionData(card, verb)) return { id: a.id, card };
    }
    throw new Error(`no card with ${verb} in ${JSON.stringify(sent.map((a) => a.body))}`);
  }

  async function orderCount(): Promise<number> {
    return (await app.billing.listOrders({ tenantId: TENANT, userId: DEMO_USERS.megan }, { limit: 100 })).items.length;
  }

  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('installs, buys to the receipt, and answers every duplicate and stale click without a second order', async () => {
    const install = await send(activity({ type: 'installationUpdate', action: 'add' }));
    assert.ok(install.status < 300);
    assert.ok(install.sent.some((a) => cardOf(a) && cardText(cardOf(a) ?? {}).includes('Buy an add-on')), 'welcome card on install');

    const asked = await send(activity({ type: 'message', text: 'buy storage add-on' }));
    const choice = latestCardWith(asked.sent, 'buy.chooseSubscription');
    const chooseData = actionData(choice.card, 'buy.chooseSubscription') ?? {};

    const chosen = await send(activity({ type: 'message', replyToId: choice.id, value: { ...chooseData, choice: 'sub-e3' } }));
    const details = latestCardWith(chosen.sent, 'buy.details');
    const detailsData = actionData(details.card, 'buy.details') ?? {};

    const quoted = await send(activity({ type: 'message', replyToId: details.id, value: { ...detailsData, quantity: '50', frequency: 'yearly' } }));
    const checkout = latestCardWith(quoted.sent, 'buy.placeOrder');
    const placeData = actionData(checkout.card, 'buy.placeOrder') ?? {};
    assert.ok(cardText(checkout.card).includes('$120.00'), 'the checkout shows the yearly total computed by the domain');

    // Place order through Action.Execute: the invoke response carries the read-only receipt card.
    const invoke = (id?: string) => activity({
      type: 'invoke', name: 'adaptiveCard/action', replyToId: checkout.id, ...(id ? { id } : {}),
      value: { action: { type: 'Action.Execute', verb: 'buy.placeOrder', data: { ...placeData, paymentMethodId: 'pm-visa-4242' } }, trigger: 'manual' },
    });
    const placed = await send(invoke());
    assert.equal(placed.status, 200);
    assert.ok(isObject(placed.json));
    const receiptText = cardText(isObject(placed.json.value) ? placed.json.value : {});
    const order = (await app.billing.listOrders({ tenantId: TENANT, userId: DEMO_USERS.megan })).items[0];
    assert.ok(order, 'an order exists');
    assert.ok(receiptText.includes(order.id), `the receipt card shows ${order.id}: ${receiptText}`);
    assert.equal(order.totalPerPeriod.amount, 12_000);
    assert.equal(await orderCount(), 1);

    // The same click again (a second click, or a client retry under a new id).
    const again = await send(invoke());
    assert.equal(again.status, 200);
    const againText = JSON.stringify(again.json) + again.sent.map((a) => JSON.stringify(a.body)).join('');
    assert.ok(againText.includes(order.id), 'the duplicate is told the existing order number');
    assert.equal(await orderCount(), 1);

    // The Action.Submit fallback of the same button, redelivered under new activity ids.
    for (let i = 0; i < 3; i++) {
      const resent = await send(activity({ type: 'message', replyToId: checkout.id, value: { ...placeData, paymentMethodId: 'pm-visa-4242' } }));
      assert.ok(resent.status < 300);
      assert.ok(resent.sent.map((a) => JSON.stringify(a.body)).join('').includes(order.id), 'a redelivery says the order was already placed');
    }
    assert.equal(await orderCount(), 1);

    // A stale card: a second checkout abandoned with Cancel, then its Place order clicked.
    const asked2 = await send(activity({ type: 'message', text: 'buy 10 GB of extra file storage for E3 monthly' }));
    const checkout2 = latestCardWith(asked2.sent, 'buy.placeOrder');
    const cancelData = actionData(checkout2.card, 'buy.cancel') ?? {};
    const canceled = await send(activity({ type: 'message', replyToId: checkout2.id, value: cancelData }));
    assert.ok(canceled.status < 300);
    const stale = await send(activity({ type: 'message', replyToId: checkout2.id,
      value: { ...(actionData(checkout2.card, 'buy.placeOrder') ?? {}), paymentMethodId: 'pm-visa-4242' } }));
    assert.ok(stale.status < 300);
    assert.ok(stale.sent.length > 0, 'a stale click gets an answer');
    assert.equal(await orderCount(), 1, 'a canceled checkout card places nothing');
  });

  it('refuses malformed JSON without a server error and keeps serving', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", ' });
    assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
    const ok = await send(activity({ type: 'message', text: 'help' }));
    assert.ok(ok.sent.length > 0);
  });
});
