// Bot state keyed by tenant: the key formats, ids that try to reach another key, and, through the real app, an
// activity that reuses someone's conversation id while claiming another tenant: it neither reads nor ends their flow.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { createApp, type App } from '../../src/app.js';
import { keySegment, TenantScopedConversationState, TenantScopedUserState } from '../../src/bot/tenantScopedState.js';
import { noteServedTenant } from '../../src/turn/turnIdentity.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { actionData, type JsonObject } from '../support/chat.js';
import { FakeClock } from '../support/fakeClock.js';
import { FakeConnector } from '../support/fakeConnector.js';

function contextFor(fields: Partial<Activity>, servedTenant?: string): TurnContext {
  const context = new TurnContext(new TestAdapter(), {
    type: 'message', channelId: 'msteams', conversation: { id: 'a:conv-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: '29:user-1', name: 'User' }, recipient: { id: '28:bot', name: 'Bot' }, ...fields,
  });
  if (servedTenant !== undefined) noteServedTenant(context, servedTenant);
  return context;
}

describe('Bot state keyed by tenant', () => {
  const storage = new MemoryStorage();
  const conversationState = new TenantScopedConversationState(storage);
  const userState = new TenantScopedUserState(storage);

  it('keys conversation and user state by the tenant the gate served', () => {
    const context = contextFor({}, 'tenant-1');
    assert.equal(conversationState.getStorageKey(context), 'msteams/tenants/tenant-1/conversations/a:conv-1');
    assert.equal(userState.getStorageKey(context), 'msteams/tenants/tenant-1/users/29:user-1');
  });

  it('the same conversation in two tenants is two keys', () => {
    assert.notEqual(conversationState.getStorageKey(contextFor({}, 'tenant-1')), conversationState.getStorageKey(contextFor({}, 'tenant-2')));
  });

  it('a crafted id cannot reach another key: "/" and "%" are encoded, reversibly', () => {
    const victim = conversationState.getStorageKey(contextFor({ conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } }, 'tenant-1'));
    const crafted = contextFor({ conversation: { id: 'x', isGroup: false, conversationType: 'personal', name: '' } }, 'tenant-2/../tenant-1');
    assert.notEqual(conversationState.getStorageKey(crafted), victim);
    const byConversation = contextFor({ conversation: { id: '../../tenant-1/conversations/x', isGroup: false, conversationType: 'personal', name: '' } }, 'tenant-1');
    assert.equal(conversationState.getStorageKey(byConversation), 'msteams/tenants/tenant-1/conversations/..%2F..%2Ftenant-1%2Fconversations%2Fx');
    for (const id of ['a/b', 'a%2Fb', '%', '19:abc@thread.tacv2;messageid=1']) {
      assert.equal(decodeURIComponent(keySegment(id)), id);
      assert.ok(!keySegment(id).includes('/'));
    }
    assert.notEqual(keySegment('a/b'), keySegment('a%2Fb'));
  });

  it('a turn the gate did not serve has no state key (fails closed)', () => {
    assert.throws(() => conversationState.getStorageKey(contextFor({ conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-1' } })),
      /tenant served by the tenant gate/);
    assert.throws(() => userState.getStorageKey(contextFor({})), /tenant served by the tenant gate/);
    assert.throws(() => conversationState.getStorageKey(contextFor({}, '')), /tenant served/);
  });

  describe('through the real app', function () {
    this.timeout(30_000);
    const CONVERSATION = 'a:shared-conversation-id';
    let dir: string;
    let app: App;
    let connector: FakeConnector;
    let serviceUrl: string;
    let base: string;
    let memory: Record<string, string>;
    let counter = 0;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'addon-tenant-state-'));
      connector = new FakeConnector();
      serviceUrl = await connector.start();
      memory = {};
      app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), createLogger('silent'), {
        clock: new FakeClock('2026-11-23T10:00:00.000Z'), botStorage: new MemoryStorage(memory),
      });
      base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    });

    after(async () => {
      await app.close();
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Posts a message in the shared conversation, as a user of this tenant; returns the cards the bot sent. */
    async function send(tenantId: string, fields: Record<string, unknown>): Promise<JsonObject[]> {
      counter += 1;
      const before = connector.messages(CONVERSATION).length;
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message', id: `ts-${counter}`, channelId: 'msteams', serviceUrl, locale: 'en-US', timestamp: new Date().toISOString(),
          from: { id: '29:megan', name: 'Megan Bowen', aadObjectId: DEMO_USERS.megan }, recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
          conversation: { id: CONVERSATION, conversationType: 'personal', tenantId }, channelData: { tenant: { id: tenantId } }, ...fields,
        }),
      });
      assert.ok(res.status < 300, `status ${res.status}`);
      return connector.messages(CONVERSATION).slice(before).flatMap((a) => {
        const attachments = a.body.attachments;
        const first = Array.isArray(attachments) ? attachments[0] as { content?: JsonObject } | undefined : undefined;
        return first?.content ? [first.content] : [];
      });
    }

    const withVerb = (cards: readonly JsonObject[], verb: Parameters<typeof actionData>[1]) => cards.find((c) => actionData(c, verb));

    it('another tenant using the same conversation id neither reads nor ends the flow', async () => {
      const choice = withVerb(await send('tenant-victim', { text: 'buy storage add-on' }), 'buy.chooseSubscription');
      assert.ok(choice);
      const details = withVerb(await send('tenant-victim', { value: { ...actionData(choice, 'buy.chooseSubscription'), choice: 'sub-e3' } }), 'buy.details');
      assert.ok(details, 'the victim is asked for quantity and frequency');

      // The same conversation id, another tenant: its answer to the pending question reaches no flow, and its
      // "cancel" ends nothing of the victim's.
      const crafted = await send('tenant-intruder', { value: { ...actionData(details, 'buy.details'), quantity: '50', frequency: 'yearly' } });
      assert.equal(withVerb(crafted, 'buy.placeOrder'), undefined, 'no checkout from someone else’s flow');
      await send('tenant-intruder', { text: 'cancel' });

      const checkout = withVerb(await send('tenant-victim', { value: { ...actionData(details, 'buy.details'), quantity: '50', frequency: 'yearly' } }), 'buy.placeOrder');
      assert.ok(checkout, 'the victim’s flow went on to checkout');

      const keys = Object.keys(memory);
      assert.ok(keys.includes(`msteams/tenants/tenant-victim/conversations/${CONVERSATION}`), keys.join(', '));
      assert.ok(keys.includes(`msteams/tenants/tenant-intruder/conversations/${CONVERSATION}`), keys.join(', '));
      assert.ok(!keys.some((k) => k.startsWith('msteams/conversations/')), 'no key without a tenant');
    });

    it('a user’s language preference is kept per tenant too', async () => {
      await send('tenant-victim', { text: 'français' });
      assert.ok(Object.keys(memory).includes('msteams/tenants/tenant-victim/users/29:megan'));
      assert.ok(!Object.keys(memory).includes('msteams/tenants/tenant-intruder/users/29:megan'));
      assert.ok(!Object.keys(memory).some((k) => k.startsWith('msteams/users/')), 'no key without a tenant');
    });
  });
});
