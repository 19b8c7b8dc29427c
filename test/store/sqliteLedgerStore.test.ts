import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { insertOp } from '../../src/domain/writes.js';
import { MIGRATIONS } from '../../src/store/sqliteMigrations.js';
import { EXPIRED_QUOTES_SQL, LIST_SQL, SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { aQuote, anOrder, TENANT_ID } from '../support/mother.js';
import { ledgerStoreContract } from './ledgerStoreContract.js';
import type { OpenWorkerInput } from './sqliteOpenWorker.js';

/** A fresh directory per database: WAL mode adds -wal and -shm files next to it. */
function newTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-store-'));
}

ledgerStoreContract('SqliteLedgerStore', () => {
  const dir = newTempDir();
  const store = SqliteLedgerStore.open(join(dir, 'ledger.db'));
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('SqliteLedgerStore', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = newTempDir();
    file = join(dir, 'ledger.db');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the file through a connection of its own, as another process would. */
  function withRawDb<T>(read: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return read(db);
    } finally {
      db.close();
    }
  }

  function appliedMigrations(): { version: number; applied_at: string }[] {
    return withRawDb((db) => db.prepare<[], { version: number; applied_at: string }>(
      'SELECT version, applied_at FROM schema_migrations ORDER BY version').all());
  }

  it('sets WAL, synchronous=FULL, foreign keys and the busy timeout on every open, reopens included', async () => {
    for (let open = 0; open < 2; open += 1) {
      const store = SqliteLedgerStore.open(file);
      assert.equal(store.pragma('journal_mode'), 'wal');
      assert.equal(store.pragma('synchronous'), 2);
      assert.equal(store.pragma('foreign_keys'), 1);
      assert.equal(store.pragma('busy_timeout'), 5000);
      await store.close();
    }
    const patient = SqliteLedgerStore.open(file, { busyTimeoutMs: 250 });
    assert.equal(patient.pragma('busy_timeout'), 250);
    await patient.close();
  });

  it('reads pragmas only', async () => {
    const store = SqliteLedgerStore.open(file);
    assert.throws(() => store.pragma('synchronous = OFF'), RangeError);
    assert.equal(store.pragma('synchronous'), 2);
    await store.close();
  });

  it('records each migration once, and reopening runs none again', async () => {
    await SqliteLedgerStore.open(file).close();
    const first = appliedMigrations();
    assert.deepEqual(first.map((m) => m.version), MIGRATIONS.map((m) => m.version));

    await SqliteLedgerStore.open(file).close();

    assert.deepEqual(appliedMigrations(), first);
  });

  it('refuses a database whose schema is newer than this code', async () => {
    await SqliteLedgerStore.open(file).close();
    withRawDb((db) => db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (999, '2030-01-01T00:00:00.000Z')").run());
    assert.throws(() => SqliteLedgerStore.open(file), /newer than this code/);
  });

  it('keeps committed entities and claims across a reopen', async () => {
    const order = anOrder();
    const claim = { key: 'buy-1', outcome: { kind: 'purchase_requested', requestId: 'REQ-1' } as const, at: order.placedAt };
    const writer = SqliteLedgerStore.open(file);
    await writer.commit(TENANT_ID, { claim, writes: [insertOp('order', order)] });
    await writer.close();

    const reader = SqliteLedgerStore.open(file);
    assert.deepEqual(await reader.get(TENANT_ID, 'order', order.id), { value: order, version: 1 });
    assert.deepEqual(await reader.getClaim(TENANT_ID, 'buy-1'), claim);
    assert.equal(reader.integrityCheck(), 'ok');
    await reader.close();
  });

  it('answers every list from an index range scan already in order: no table scan, no sort step', async () => {
    await SqliteLedgerStore.open(file).close();
    const params = { tenantId: TENANT_ID, kind: 'order', owner: 'user-megan', afterSortKey: '2025', afterId: 'ORD-1', limit: 11 };
    for (const [name, sql] of Object.entries(LIST_SQL)) {
      const plan = withRawDb((db) => db.prepare<[typeof params], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(params))
        .map((row) => row.detail).join('\n');
      assert.match(plan, /^SEARCH entities USING (COVERING )?INDEX entities_by_/, `${name}: ${plan}`);
      assert.doesNotMatch(plan, /TEMP B-TREE|SCAN/, `${name}: ${plan}`);
    }
  });

  it('finds expired quotes by walking the quotes_by_expiry index and one claim lookup each: no table scan', async () => {
    await SqliteLedgerStore.open(file).close();
    const plan = withRawDb((db) => db.prepare<[{ before: string; claimPrefix: string; limit: number }], { detail: string }>(
      `EXPLAIN QUERY PLAN ${EXPIRED_QUOTES_SQL}`).all({ before: '2025', claimPrefix: 'quote:', limit: 100 }))
      .map((row) => row.detail).join('\n');
    assert.match(plan, /SEARCH q USING (COVERING )?INDEX quotes_by_expiry/, plan);
    assert.match(plan, /SEARCH c USING PRIMARY KEY/, plan);
    assert.doesNotMatch(plan, /SCAN/, plan);
  });

  it('upgrades a file made before the sweep: its quotes are indexed and swept like new ones', async () => {
    const quote = aQuote({ createdAt: '2025-03-01T09:30:00.000Z' });
    withRawDb((db) => {
      db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
      db.exec(MIGRATIONS[0]?.sql ?? '');
      db.prepare('INSERT INTO schema_migrations VALUES (1, ?)').run('2025-01-01T00:00:00.000Z');
      db.prepare(`INSERT INTO entities VALUES (?, 'quote', ?, 1, ?, ?, ?)`)
        .run(TENANT_ID, quote.id, `${quote.createdAt}#${quote.id}`, quote.callerId, JSON.stringify(quote));
    });
    const store = SqliteLedgerStore.open(file);
    assert.deepEqual(appliedMigrations().map((m) => m.version), MIGRATIONS.map((m) => m.version));
    assert.equal(await store.deleteExpiredQuotes('2025-03-02T00:00:00.000Z', 10), 1);
    assert.equal(await store.get(TENANT_ID, 'quote', quote.id), undefined);
    assert.equal(store.integrityCheck(), 'ok');
    await store.close();
  });

  it('lets processes opening one new file at once migrate it once and commit a shared claim once', async () => {
    const workers = 4;
    const gate = new SharedArrayBuffer(4);
    const statuses = await Promise.all(Array.from({ length: workers }, (_, i) => runOpenWorker({ file, gate, workers, orderId: `ORD-${i}` })));

    assert.deepEqual(statuses.filter((s) => s === 'committed').length, 1);
    assert.deepEqual(statuses.filter((s) => s === 'duplicate').length, workers - 1);
    assert.deepEqual(appliedMigrations().map((m) => m.version), MIGRATIONS.map((m) => m.version));
    const store = SqliteLedgerStore.open(file);
    assert.equal((await store.list(TENANT_ID, 'order', { limit: 10 })).items.length, 1);
    assert.equal(store.integrityCheck(), 'ok');
    await store.close();
  });
});

function runOpenWorker(input: OpenWorkerInput): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./sqliteOpenWorker.js', import.meta.url), { workerData: input });
    let status: string | undefined;
    worker.on('message', (message: string) => {
      status = message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code === 0 && status !== undefined) resolve(status);
      else reject(new Error(`worker exited with code ${code} and status ${String(status)}`));
    });
  });
}
