// The pieces under the approval loop: conversation references and card copies on the bot's Storage (MemoryStorage
// and the SQLite bot storage), the proactive notifier's fallbacks, and local mode's "act as".
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  MemoryStorage, TestAdapter, TurnContext, type Activity, type ConversationReference, type Storage, type StoreItems,
} from 'botbuilder';
import { StorageApprovalCopies, type ApprovalCopy } from '../../src/proactive/approvalCopies.js';
import {
  rememberPersonalChat, StorageConversationReferences, type SavedReference, type StoredReference,
} from '../../src/proactive/conversationReferences.js';
import { LocalActAs } from '../../src/bot/localActAs.js';
import { ProactiveNotifier, type ProactiveAdapter } from '../../src/proactive/proactiveNotifier.js';
import { TenantGate } from '../../src/bot/tenantGate.js';
import { userIdOf } from '../../src/turn/turnIdentity.js';
import type { AdaptiveCardAttachment } from '../../src/cards/render.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { SqliteBotStorage } from '../../src/store/sqliteBotStorage.js';
import { demoWorld, TENANT_A } from '../support/billingHarness.js';

const REFERENCE: StoredReference = {
  channelId: 'msteams', serviceUrl: 'https://smba.example.test/', bot: { id: '28:bot', name: 'Add-on Assistant' },
  conversation: { id: 'a:megan', tenantId: TENANT_A, conversationType: 'personal' }, user: { id: '29:megan', aadObjectId: DEMO_USERS.megan },
};

/** Counts the writes that reach a storage. */
class CountingStorage implements Storage {
  writes = 0;
  constructor(private readonly inner: Storage) {}
  read(keys: string[]): Promise<StoreItems> { return this.inner.read(keys); }
  write(changes: StoreItems): Promise<void> { this.writes += 1; return this.inner.write(changes); }
  delete(keys: string[]): Promise<void> { return this.inner.delete(keys); }
}

function activity(fields: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message', channelId: 'msteams', serviceUrl: REFERENCE.serviceUrl,
    from: { id: '29:megan', name: 'Megan', aadObjectId: DEMO_USERS.megan }, recipient: { id: '28:bot', name: 'Add-on Assistant' },
    conversation: { id: 'a:megan', conversationType: 'personal', tenantId: TENANT_A, isGroup: false, name: '' }, ...fields,
  };
}

function referenceOf(a: Partial<Activity>): Partial<ConversationReference> {
  return TurnContext.getConversationReference(a);
}

for (const backend of ['memory', 'sqlite'] as const) {
  describe(`approval stores on the bot's Storage (${backend})`, () => {
    let dir: string | undefined;
    let sqlite: SqliteBotStorage | undefined;
    let storage: CountingStorage;

    beforeEach(() => {
      if (backend === 'sqlite') {
        dir = mkdtempSync(join(tmpdir(), 'addon-approval-stores-'));
        sqlite = SqliteBotStorage.open(join(dir, 'state.db'));
      }
      storage = new CountingStorage(sqlite ?? new MemoryStorage());
    });

    afterEach(() => {
      sqlite?.close();
      sqlite = undefined;
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    it('keeps one reference per (tenant, user), writes only when it changed, and ignores what does not parse', async () => {
      const references = new StorageConversationReferences(storage);
      const saved: SavedReference = { reference: REFERENCE, language: 'fr' };
      await references.save(TENANT_A, DEMO_USERS.megan, saved);
      await references.save(TENANT_A, DEMO_USERS.megan, saved);
      assert.equal(storage.writes, 1, 'the same reference again costs no write');
      assert.deepEqual(await references.get(TENANT_A, DEMO_USERS.megan), saved);
      assert.equal(await references.get('tenant-b', DEMO_USERS.megan), undefined, 'never across tenants');
      await references.save(TENANT_A, DEMO_USERS.megan, { ...saved, language: 'en' });
      assert.equal(storage.writes, 2);
      await storage.write({ [StorageConversationReferences.keyOf(TENANT_A, DEMO_USERS.alex)]: { reference: { channelId: 42 }, eTag: '*' } });
      assert.equal(await references.get(TENANT_A, DEMO_USERS.alex), undefined);
    });

    it('remembers personal chats only, from messages and card actions', async () => {
      const references = new StorageConversationReferences(storage);
      const remember = (a: Partial<Activity>) => rememberPersonalChat(references, a, referenceOf(a), 'en');
      assert.equal(await remember(activity({ conversation: { id: '19:group', conversationType: 'groupChat', isGroup: true, tenantId: TENANT_A, name: '' } })), false);
      assert.equal(await remember(activity({ type: 'conversationUpdate' })), false);
      assert.equal(await remember(activity({ conversation: { id: 'a:x', conversationType: 'personal', isGroup: false, name: '' }, channelData: {} })), false, 'no tenant');
      assert.equal(await references.get(TENANT_A, DEMO_USERS.megan), undefined);
      assert.equal(await remember(activity({ type: 'invoke', name: 'adaptiveCard/action' })), true);
      const saved = await references.get(TENANT_A, DEMO_USERS.megan);
      assert.deepEqual([saved?.reference.conversation.id, saved?.reference.user?.id, saved?.reference.conversation.tenantId, saved?.language],
        ['a:megan', '29:megan', TENANT_A, 'en']);
    });

    it('keeps the copies of a request; a copy of the same message replaces the older one; concurrent additions are all kept', async () => {
      const copies = new StorageApprovalCopies(storage);
      const copy = (userId: string, activityId: string, language: 'en' | 'fr' = 'en'): ApprovalCopy => ({
        userId, role: userId === DEMO_USERS.lee ? 'requester' : 'admin', language, location: { reference: REFERENCE, activityId },
      });
      assert.deepEqual(await copies.list(TENANT_A, 'REQ-1'), []);
      await copies.add(TENANT_A, 'REQ-1', [copy(DEMO_USERS.lee, 'a-1'), copy(DEMO_USERS.megan, 'a-2')]);
      await copies.add(TENANT_A, 'REQ-1', [copy(DEMO_USERS.megan, 'a-2', 'fr')]);
      assert.deepEqual((await copies.list(TENANT_A, 'REQ-1')).map((c) => [c.userId, c.location.activityId, c.language]),
        [[DEMO_USERS.lee, 'a-1', 'en'], [DEMO_USERS.megan, 'a-2', 'fr']]);
      await Promise.all([copies.add(TENANT_A, 'REQ-1', [copy(DEMO_USERS.alex, 'a-3')]), copies.add(TENANT_A, 'REQ-1', [copy(DEMO_USERS.megan, 'a-4')])]);
      assert.deepEqual((await copies.list(TENANT_A, 'REQ-1')).map((c) => c.location.activityId).sort(), ['a-1', 'a-2', 'a-3', 'a-4']);
      assert.deepEqual(await copies.list('tenant-b', 'REQ-1'), [], 'never across tenants');
    });
  });
}

describe('the proactive notifier', () => {
  const card: AdaptiveCardAttachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5' } };
  const origin = { channelId: 'msteams', serviceUrl: 'https://smba.example.test/', botId: '28:bot', botName: 'Add-on Assistant' };

  /** A CloudAdapter stand-in: continueConversation and createConversation run the logic on a TestAdapter context. */
  function fakeAdapter(options: { continueFails?: boolean; createFails?: boolean }) {
    const calls: string[] = [];
    const test = new TestAdapter();
    const run = async (a: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) => {
      const context = new TurnContext(test, a);
      await logic(context);
    };
    const adapter = {
      continueConversationAsync: async (_appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => {
        calls.push(`continue ${reference.conversation?.id ?? ''}`);
        if (options.continueFails) throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
        await run({ type: 'event', name: 'ContinueConversation', conversation: reference.conversation, serviceUrl: reference.serviceUrl }, logic);
      },
      createConversationAsync: async (_appId: string, _channel: string, serviceUrl: string, _audience: string, parameters: { members?: Array<{ id: string }> }, logic: (context: TurnContext) => Promise<void>) => {
        calls.push(`create ${parameters.members?.[0]?.id ?? ''}`);
        if (options.createFails) throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
        await run({ type: 'event', name: 'CreateConversation', channelId: 'msteams', serviceUrl, conversation: { id: 'conv-new', isGroup: false, conversationType: '', name: '' }, recipient: { id: '28:bot', name: '' } }, logic);
      },
    };
    return { adapter: adapter as unknown as ProactiveAdapter, calls };
  }

  it('uses the saved chat; when it is gone, creates the chat again; when that fails too, reports "not reached"', async () => {
    const references = new StorageConversationReferences(new MemoryStorage());
    await references.save(TENANT_A, DEMO_USERS.megan, { reference: REFERENCE, language: 'fr' });
    const logs: string[] = [];
    const logger = createLogger('info', { write: (line: string) => { logs.push(line); } });

    const ok = fakeAdapter({});
    const rendered: string[] = [];
    const delivered = await new ProactiveNotifier(ok.adapter, '', references, logger).postCard({ tenantId: TENANT_A, userId: DEMO_USERS.megan },
      (language) => { rendered.push(language); return card; }, origin);
    assert.deepEqual(ok.calls, ['continue a:megan']);
    assert.deepEqual(rendered, ['fr'], 'rendered in the language she last used');
    assert.equal(delivered?.location.reference.conversation.id, 'a:megan');

    const gone = fakeAdapter({ continueFails: true });
    const again = await new ProactiveNotifier(gone.adapter, '', references, logger).postCard({ tenantId: TENANT_A, userId: DEMO_USERS.megan }, () => card, origin);
    assert.deepEqual(gone.calls, ['continue a:megan', `create ${DEMO_USERS.megan}`]);
    assert.equal(again?.location.reference.conversation.id, 'conv-new');
    assert.equal((await references.get(TENANT_A, DEMO_USERS.megan))?.reference.conversation.id, 'conv-new', 'the new chat is remembered');

    const blocked = fakeAdapter({ createFails: true });
    const none = await new ProactiveNotifier(blocked.adapter, '', references, logger).postCard({ tenantId: TENANT_A, userId: DEMO_USERS.alex }, () => card, origin);
    assert.equal(none, undefined);
    assert.deepEqual(blocked.calls, [`create ${DEMO_USERS.alex}`]);
    assert.ok(logs.some((l) => l.includes('could not create a personal chat') && l.includes('Error:403')));
    assert.equal(await new ProactiveNotifier(blocked.adapter, '', references, logger).updateCard({ reference: REFERENCE, activityId: 'x' }, card), true);
    assert.equal(await new ProactiveNotifier(gone.adapter, '', references, logger).postText(REFERENCE, 'hello'), false);
  });
});

describe('local mode: acting as a demo person (the Playground has one fixed user)', () => {
  it('"act as lee" makes the Playground user Lee Gu until "act as me"; DEV_ACT_AS sets who they are at start', async () => {
    const world = await demoWorld();
    const seen: string[] = [];
    const gateWith = (initial: 'lee' | undefined) => new TenantGate({
      localMode: true, billing: world.service, refuse: () => Promise.resolve(), actAs: new LocalActAs(initial, world.service),
    });
    const adapter = new TestAdapter(async (context) => {
      seen.push(userIdOf(context.activity) ?? '?');
      await context.sendActivity('ok');
    }).use(gateWith(undefined));
    // Every activity is new (the gate rewrites its `from`), as each one that arrives over HTTP is.
    const playground = () => ({ from: { id: 'user-id-0', name: 'Playground user' }, conversation: { id: 'pg', tenantId: TENANT_A, isGroup: false, conversationType: 'personal', name: '' } });
    const say = async (text: string) => {
      const replies: string[] = [];
      await adapter.processActivity({ type: 'message', text, ...playground() }, undefined);
      for (let a = adapter.getNextReply(); a; a = adapter.getNextReply()) replies.push(String(a.text));
      return replies;
    };
    await say('hello');
    assert.deepEqual(await say('act as lee'), ['Local mode: you are now acting as Lee Gu (user). Type act as me to be yourself again.']);
    await say('my requests');
    assert.deepEqual(await say('Act as Megan!'), ['Local mode: you are now acting as Megan Bowen (global_admin). Type act as me to be yourself again.']);
    await say('pending approvals');
    assert.deepEqual(await say('act as me'), ['Local mode: you are yourself again.']);
    await say('help');
    assert.deepEqual(seen, ['user-id-0', DEMO_USERS.lee, DEMO_USERS.megan, 'user-id-0']);

    const started = new TestAdapter(async (context) => { seen.push(userIdOf(context.activity) ?? '?'); await context.sendActivity('ok'); }).use(gateWith('lee'));
    await started.processActivity({ type: 'message', text: 'hi', ...playground() }, undefined);
    assert.equal(seen[seen.length - 1], DEMO_USERS.lee);
  });

  it('DEV_ACT_AS is a demo person, and refused in production mode', () => {
    assert.equal(loadConfig({ DEV_ACT_AS: 'lee' }).devActAs, 'lee');
    assert.equal(loadConfig({}).devActAs, undefined);
    assert.throws(() => loadConfig({ DEV_ACT_AS: 'mallory' }), /DEV_ACT_AS/);
    assert.throws(() => loadConfig({ DEV_ACT_AS: 'lee', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'x', TENANTS_FILE: 'f' }),
      /DEV_ACT_AS is for local mode only/);
  });
});
