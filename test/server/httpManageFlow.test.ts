// The real server on a free port, SQLite under a temp DATA_DIR, replies posted to a loopback fake Bot Connector:
// a quantity change and a removal, each confirmed, then double-clicked (two invokes at once), replayed (the same
// invoke again), redelivered as Action.Submit under new activity ids, and clicked on a stale card. One change each.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { Verb } from '../../src/conversation/verbs.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { actionData, cardText, type JsonObject } from '../support/chat.js';
import { isObject } from '../support/json.js';
import { FakeClock } from '../support/fakeClock.js';
import { FakeConnector, type SentActivity } from '../support/fakeConnector.js';

const TENANT = 'tenant-http-manage';
const CALLER = { tenantId: TENANT, userId: DEMO_USERS.megan };

function cardOf(activity: SentActivity): JsonObject | undefined {
  const attachments = activity.body.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first: unknown = attachments[0];
  return isObject(first) && isObject(first.content) ? first.content : undefined;
}

describe('HTTP: changing what was bought over the real server and a fake Bot Connector', function () {
  this.timeout(30_000);
  let dir: string;
  let app: App;
  let connector: FakeConnector;
  let serviceUrl: string;
  let base: string;
  let counter = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-http-manage-'));
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

  function activity(conversation: string, fields: Record<string, unknown>): Record<string, unknown> {
    counter += 1;
    return {
      id: `http-manage-${counter}`, channelId: 'msteams', serviceUrl, locale: 'en-US', timestamp: new Date().toISOString(),
      from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: DEMO_USERS.megan },
      recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
      conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      ...fields,
    };
  }

  async function send(body: Record<string, unknown>): Promise<{ status: number; json: unknown; sent: SentActivity[] }> {
    const before = connector.sent.length;
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) as unknown : undefined, sent: connector.sent.slice(before).filter((a) => a.body.type === 'message' || a.method === 'PUT') };
  }

  function latestCardWith(sent: SentActivity[], verb: Verb): { id: string; card: JsonObject } {
    for (const a of [...sent].reverse()) {
      const card = cardOf(a);
      if (card && actionData(card, verb)) return { id: a.id, card };
    }
    throw new Error(`no card with ${verb} in ${JSON.stringify(sent.map((a) => a.body))}`);
  }

  /** Everything the user was told by a response: the invoke body and the posted activities. */
  function told(result: { json: unknown; sent: SentActivity[] }): string {
    return JSON.stringify(result.json ?? '') + result.sent.map((a) => JSON.stringify(a.body)).join('');
  }

  async function auditOf(action: string): Promise<number> {
    const audit = await app.billing.listAudit(CALLER, { limit: 100 });
    return audit.items.filter((e) => e.action === action).length;
  }

  /**
   * Confirms a card: two invokes at once, the same invoke again, three Submit redeliveries. Returns what the user was
   * shown: the invoke responses' cards and every message posted to the conversation meanwhile.
   */
  async function confirmAgainAndAgain(conversation: string, card: { id: string; card: JsonObject }, verb: Verb): Promise<{ invokes: string[]; texts: string[] }> {
    const data = actionData(card.card, verb) ?? {};
    const invoke = () => activity(conversation, {
      type: 'invoke', name: 'adaptiveCard/action', replyToId: card.id,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const from = connector.sent.length;
    const invokes: string[] = [];
    const responses = [...await Promise.all([send(invoke()), send(invoke())]), await send(invoke())];
    for (const r of responses) {
      assert.equal(r.status, 200);
      invokes.push(JSON.stringify(r.json));
    }
    for (let i = 0; i < 3; i++) {
      const resent = await send(activity(conversation, { type: 'message', replyToId: card.id, value: data }));
      assert.ok(resent.status < 300);
    }
    const texts = connector.sent.slice(from)
      .filter((a) => a.conversationId === conversation && typeof a.body.text === 'string')
      .map((a) => String(a.body.text));
    return { invokes, texts };
  }

  it('a quantity change happens once: Phone System 20 → 25, $401.10 charged once', async () => {
    const conversation = 'a:conv-http-quantity';
    await send(activity(conversation, { type: 'installationUpdate', action: 'add' }));
    const asked = await send(activity(conversation, { type: 'message', text: 'change the quantity of Phone System' }));
    const question = latestCardWith(asked.sent, 'quantity.review');
    assert.ok(cardText(question.card).includes('Assigned | 15 licenses'));
    const quoted = await send(activity(conversation, { type: 'message', replyToId: question.id, value: { ...actionData(question.card, 'quantity.review'), quantity: '25' } }));
    const confirm = latestCardWith(quoted.sent, 'quantity.confirm');
    assert.ok(cardText(confirm.card).includes('Charged now (prorated) | $401.10'), cardText(confirm.card));
    assert.deepEqual(Object.keys(actionData(confirm.card, 'quantity.confirm') ?? {}).sort(), ['flowId', 'quoteId', 'verb']);

    const { invokes, texts } = await confirmAgainAndAgain(conversation, confirm, 'quantity.confirm');
    const done = 'Done! Phone System now has 25 licenses. $401.10 was charged now';
    assert.equal(invokes.filter((t) => t.includes(done)).length, 1, invokes.join('\n'));
    assert.equal(invokes.filter((t) => t.includes('Already done')).length, 2, 'the other clicks get the read-only "already done" card');
    assert.equal(texts.filter((t) => t.includes(done)).length, 1, texts.join('\n'));
    assert.equal(texts.filter((t) => t.includes('already done')).length, texts.length - 1, texts.join('\n'));
    assert.equal(await auditOf('quantity.change'), 1);
    const phone = (await app.billing.listAddons(CALLER, { limit: 100 })).items.find((s) => s.id === 'sub-phone-system');
    assert.equal(phone?.quantity, 25);

    // A stale card: a second change abandoned with Cancel, then its confirm clicked.
    const asked2 = await send(activity(conversation, { type: 'message', text: 'set Phone System to 30 licenses' }));
    const confirm2 = latestCardWith(asked2.sent, 'quantity.confirm');
    await send(activity(conversation, { type: 'message', replyToId: confirm2.id, value: actionData(confirm2.card, 'manage.cancel') }));
    const stale = await send(activity(conversation, { type: 'message', replyToId: confirm2.id, value: actionData(confirm2.card, 'quantity.confirm') }));
    assert.ok(told(stale).includes('That card is no longer active. Nothing was changed.'));
    assert.equal(await auditOf('quantity.change'), 1);
  });

  it('a removal happens once: Audio Conferencing canceled with one $476.05 refund', async () => {
    const conversation = 'a:conv-http-removal';
    const asked = await send(activity(conversation, { type: 'message', text: 'remove Audio Conferencing' }));
    const confirm = latestCardWith(asked.sent, 'removal.confirm');
    assert.ok(cardText(confirm.card).includes('Refund now (prorated) | $476.05'));
    const { invokes, texts } = await confirmAgainAndAgain(conversation, confirm, 'removal.confirm');
    const done = 'Done! Audio Conferencing is removed and $476.05 will be refunded.';
    assert.equal(invokes.filter((t) => t.includes(done)).length, 1, invokes.join('\n'));
    assert.equal(texts.filter((t) => t.includes(done)).length, 1, texts.join('\n'));
    assert.equal(texts.filter((t) => t.includes('already done')).length, texts.length - 1, texts.join('\n'));
    assert.equal(await auditOf('subscription.cancel'), 1);
    const audio = (await app.billing.listAddons(CALLER, { limit: 100 })).items.find((s) => s.id === 'sub-audio-conferencing');
    assert.equal(audio?.status, 'canceled');
    // Asked again, there is nothing left to remove: the list no longer offers it.
    const again = await send(activity(conversation, { type: 'message', text: 'remove Audio Conferencing' }));
    assert.ok(told(again).includes('You don’t have Audio Conferencing.'));
    assert.equal(await auditOf('subscription.cancel'), 1);
  });
});
