import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBotStorage } from '../../src/store/sqliteBotStorage.js';

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
});
