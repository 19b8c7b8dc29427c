// The one verb registry: every verb sits in exactly one flow's table, every verb a card template sends is registered,
// and every read-only (list) verb is answered in the middle of a flow without leaving it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { VERBS, type Verb } from '../../src/conversation/verbs.js';
import { VERB_REGISTRY, VERB_TABLES } from '../../src/flows/verbs.js';
import { demoWorld, TENANT_A } from '../support/billingHarness.js';
import { Chat, play, rig, says } from '../support/chat.js';
import { isObject, walk, type Json } from '../support/json.js';

describe('The verb registry', () => {
  it('puts every verb in exactly one table', () => {
    const seen = new Map<string, string[]>();
    for (const [name, table] of Object.entries(VERB_TABLES)) {
      for (const verb of Object.keys(table)) seen.set(verb, [...(seen.get(verb) ?? []), name]);
    }
    for (const verb of VERBS) assert.deepEqual((seen.get(verb) ?? []).length, 1, `${verb} is in ${(seen.get(verb) ?? []).join(', ') || 'no table'}`);
    assert.equal([...seen.keys()].length, VERBS.length);
    const sizes = Object.values(VERB_TABLES).reduce((sum, table) => sum + Object.keys(table).length, 0);
    assert.equal(sizes, VERBS.length);
  });

  it('registers every verb a card template sends', () => {
    const dir = 'cards';
    const sent = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const parsed = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;
      for (const o of walk(parsed)) {
        if (o.type === 'Action.Execute' && typeof o.verb === 'string' && !o.verb.includes('${')) sent.add(o.verb);
        if (o.type === 'Action.Submit' && isObject(o.data) && typeof o.data.verb === 'string' && !o.data.verb.includes('${')) sent.add(o.data.verb);
      }
    }
    assert.ok(sent.size >= 15, `templates send verbs (${sent.size})`);
    for (const verb of sent) assert.ok(verb in VERB_REGISTRY, `${verb} is not registered`);
  });

  it('classifies flow verbs with the flows that read them, and gives every verb a schema', () => {
    for (const verb of VERBS) {
      const spec = VERB_REGISTRY[verb];
      assert.ok(spec.schema.safeParse({ verb }).success || !spec.schema.safeParse({}).success, verb);
      if (spec.scope === 'flow') assert.ok(spec.flows.length > 0, verb);
    }
    assert.equal(VERB_REGISTRY['requests.page'].scope, 'list');
    assert.equal(VERB_REGISTRY['buy.cancel'].scope, 'flow');
  });

  const LIST_CLICKS: ReadonlyArray<{ verb: Verb; data: Readonly<Record<string, string | number>>; answer: string }> = [
    { verb: 'menu.addons', data: {}, answer: 'card: Your subscriptions and add-ons' },
    { verb: 'menu.orders', data: {}, answer: 'card: Your orders' },
    { verb: 'addons.page', data: { page: 1 }, answer: 'Your subscriptions and add-ons' },
    { verb: 'orders.page', data: { page: 0 }, answer: 'Your orders' },
    { verb: 'availability.page', data: { page: 1 }, answer: 'Add-ons your subscriptions support' },
    { verb: 'requests.page', data: { cursor: 'AAAA' }, answer: '' },
  ];
  for (const { verb, data, answer } of LIST_CLICKS) {
    it(`answers ${verb} in the middle of a purchase, which keeps waiting for its answer`, async () => {
      assert.equal(VERB_REGISTRY[verb].scope, 'list');
      const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A });
      await play(chat, [['buy storage', says('buy storage add-on'), ['card: Which subscription is this add-on for?']]]);
      const before = chat.dialogStack();
      const reply = await chat.send({ type: 'message', value: { verb, ...data } });
      assert.ok(!reply.lines.some((line) => line.includes('no longer active')), `${verb}: ${reply.lines.join(' / ')}`);
      assert.ok(reply.lines.some((line) => line.includes(answer)), `${verb}: ${reply.lines.join(' / ')}`);
      assert.deepEqual(chat.dialogStack(), before);
      await play(chat, [['E3', says('E3'), ['card: Buy Office 365 Extra File Storage']]]);
    });
  }
});
