import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBotStorage, STAMP_PRECISION_MS } from '../../src/store/sqliteBotStorage.js';
import { FakeClock } from '../support/fakeClock.js';

describe('SqliteBotStorage (bot state behind botbuilder Storage)', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bot-state-'));
    path = join(dir, 'state.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes, reads with an eTag, deletes, and keeps data across a reopen', async () => {
    const storage = SqliteBotStorage.open(path);
    await storage.write({ 'msteams/conversations/c1': { dialogState: { stack: [{ id: 'buy' }] }, eTag: '*' } });
    const read = await storage.read(['msteams/conversations/c1', 'missing']);
    assert.deepEqual(Object.keys(read), ['msteams/conversations/c1']);
    assert.deepEqual(read['msteams/conversations/c1'], { dialogState: { stack: [{ id: 'buy' }] }, eTag: '1' });
    storage.close();

    const reopened = SqliteBotStorage.open(path);
    assert.ok((await reopened.read(['msteams/conversations/c1']))['msteams/conversations/c1']);
    assert.ok(reopened.sizeOf('msteams/conversations/c1') > 10);
    await reopened.delete(['msteams/conversations/c1']);
    assert.deepEqual(await reopened.read(['msteams/conversations/c1']), {});
    reopened.close();
  });

  it('is last-write-wins with eTag "*", and refuses a stale numeric eTag without writing anything', async () => {
    const storage = SqliteBotStorage.open(path);
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '*' } });
    assert.equal(((await storage.read(['k'])).k as { eTag?: string }).eTag, '2');
    await assert.rejects(storage.write({ other: { n: 1 }, k: { n: 3, eTag: '1' } }), /eTag conflict/);
    const after = await storage.read(['k', 'other']);
    assert.equal((after.k as { n: number }).n, 2);
    assert.equal(after.other, undefined, 'the whole write was rolled back');
    await storage.write({ k: { n: 4, eTag: '2' } });
    assert.equal(((await storage.read(['k'])).k as { n: number }).n, 4);
    storage.close();
  });

  describe('deleteWrittenBefore (the sweep)', () => {
    const CONVERSATIONS = { segment: '/conversations/' };
    const item = { n: 1, eTag: '*' };

    const HOUR = 3_600_000;
    const present = async (storage: SqliteBotStorage, keys: string[]) => Object.keys(await storage.read(keys)).sort();

    it('removes matching items last written over an hour (its precision) before the instant; one written at it, or written again since, stays', async () => {
      assert.equal(STAMP_PRECISION_MS, HOUR);
      const clock = new FakeClock('2026-01-01T00:00:00.000Z');
      const storage = SqliteBotStorage.open(path, clock);
      await storage.write({ 'msteams/conversations/old': item, 'msteams/conversations/rewritten': item });
      clock.advance(2 * HOUR);
      await storage.write({ 'msteams/conversations/at-instant': item, 'msteams/conversations/rewritten': item });
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 100), 1);
      assert.deepEqual(await present(storage, ['msteams/conversations/old', 'msteams/conversations/at-instant', 'msteams/conversations/rewritten']),
        ['msteams/conversations/at-instant', 'msteams/conversations/rewritten']);
      storage.close();
    });

    it('never removes an item written at or after the instant, though its stamp may lag its last write by up to the precision', async () => {
      const clock = new FakeClock('2026-01-01T00:00:00.000Z');
      const storage = SqliteBotStorage.open(path, clock);
      const key = 'msteams/conversations/busy';
      await storage.write({ [key]: item });
      clock.advance(50 * 60_000);
      await storage.write({ [key]: item });
      const lastWrite = clock.now();
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, lastWrite, 100), 0);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, new Date(lastWrite.getTime() + HOUR + 1), 100), 1);
      storage.close();
    });

    it('restamps again after a write that was rolled back', async () => {
      const clock = new FakeClock('2026-01-01T00:00:00.000Z');
      const storage = SqliteBotStorage.open(path, clock);
      const key = 'msteams/conversations/a';
      await storage.write({ [key]: item, other: item });
      clock.advance(2 * HOUR);
      await assert.rejects(storage.write({ [key]: item, other: { n: 2, eTag: '7' } }), /eTag conflict/);
      clock.advance(10 * 60_000);
      await storage.write({ [key]: item });
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 100), 0, 'its last write is now');
      storage.close();
    });

    it('matches a segment anywhere or a prefix, exactly (no patterns, no case folding)', async () => {
      const clock = new FakeClock();
      const storage = SqliteBotStorage.open(path, clock);
      const keys = ['msteams/conversations/a', 'msteams/tenants/t_1/conversations/b%', 'msteams/users/u', 'msteams/Conversations/c',
        'addonAssistant/approvals/t/REQ-1', 'addonAssistant/references/t/u', 'x/addonAssistant/approvals/y', 'msteams/conversations_/d'];
      await storage.write(Object.fromEntries(keys.map((key) => [key, item])));
      clock.advanceDays(1);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 100), 2);
      assert.equal(await storage.deleteWrittenBefore({ prefix: 'addonAssistant/approvals/' }, clock.now(), 100), 1);
      assert.deepEqual(Object.keys(await storage.read(keys)).sort(), [
        'addonAssistant/references/t/u', 'msteams/Conversations/c', 'msteams/conversations_/d', 'msteams/users/u', 'x/addonAssistant/approvals/y',
      ]);
      storage.close();
    });

    it('removes at most `limit` a call, oldest first, past any number of older kept items', async () => {
      const clock = new FakeClock();
      const storage = SqliteBotStorage.open(path, clock);
      await storage.write(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`msteams/users/u-${i}`, item])));
      clock.advance(1);
      for (let i = 0; i < 5; i++) {
        await storage.write({ [`msteams/conversations/c-${i}`]: item });
        clock.advance(1);
      }
      clock.advance(HOUR);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 2), 2);
      assert.deepEqual(Object.keys(await storage.read(['msteams/conversations/c-0', 'msteams/conversations/c-1', 'msteams/conversations/c-2'])),
        ['msteams/conversations/c-2']);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 2), 2);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 2), 1);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), 2), 0);
      for (const bad of [0, -1, 1.5]) await assert.rejects(storage.deleteWrittenBefore(CONVERSATIONS, clock.now(), bad), RangeError);
      storage.close();
    });

    it('finds idle items through an index that holds the key: no table scan', () => {
      SqliteBotStorage.open(path).close();
      const db = new Database(path);
      const plan = db.prepare<[], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT key FROM bot_state WHERE written_at < 5 AND instr(key, \'/conversations/\') > 0 ORDER BY written_at LIMIT 10')
        .all().map((row) => row.detail).join('\n');
      db.close();
      assert.match(plan, /SEARCH bot_state USING COVERING INDEX bot_state_by_written_at/, plan);
    });

    it('upgrades a file made before written_at existed: its items count as written at the upgrade', async () => {
      const old = new Database(path);
      old.exec('CREATE TABLE bot_state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID');
      old.prepare('INSERT INTO bot_state VALUES (?, 3, ?)').run('msteams/conversations/c-1', JSON.stringify({ n: 7 }));
      old.close();
      const clock = new FakeClock('2026-01-01T00:00:00.000Z');
      const storage = SqliteBotStorage.open(path, clock);
      assert.deepEqual((await storage.read(['msteams/conversations/c-1']))['msteams/conversations/c-1'], { n: 7, eTag: '3' });
      clock.advanceDays(30);
      assert.equal(await storage.deleteWrittenBefore(CONVERSATIONS, new Date(clock.now().getTime() - 30 * 86_400_000), 10), 0);
      storage.close();
      const reopened = SqliteBotStorage.open(path, clock);
      assert.equal(await reopened.deleteWrittenBefore(CONVERSATIONS, clock.now(), 10), 1);
      reopened.close();
    });
  });
});
