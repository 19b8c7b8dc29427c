// Several processes on one SQLite file: exactly one order per idempotency key, every caller told the same order,
// and a process killed with SIGKILL mid-burst loses nothing it acknowledged.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { FakeClock } from '../support/fakeClock.js';
import { SequentialIds } from '../support/sequentialIds.js';

const CHILD = fileURLToPath(new URL('../support/ledgerChild.js', import.meta.url));
const TENANT = 'tenant-concurrency';
const START = '2026-11-23T10:00:00.000Z';
const caller = { tenantId: TENANT, userId: DEMO_USERS.megan };

function run(args: string[]): { child: ChildProcess; lines: string[]; done: Promise<number | null> } {
  const child = fork(CHILD, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const lines: string[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.length > 0));
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const done = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(stderr);
      resolve(code);
    });
  });
  return { child, lines, done };
}

describe('SQLite ledger shared by several processes', function () {
  this.timeout(60_000);
  let dir: string;
  let dbPath: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-proc-'));
    dbPath = join(dir, 'ledger.db');
    const store = SqliteLedgerStore.open(dbPath);
    await new BillingService(store, new FakeClock(START), new SequentialIds()).provisionDemoTenant(TENANT);
    await store.close();
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('places exactly one order per quote when four processes place the same quotes at once', async () => {
    const store = SqliteLedgerStore.open(dbPath);
    const service = new BillingService(store, new FakeClock(START), new SequentialIds());
    const quoteIds: string[] = [];
    for (let i = 0; i < 40; i++) {
      const quote = await service.quotePurchase(caller, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 1 + i, frequency: 'yearly' });
      quoteIds.push(quote.id);
    }
    // Each process goes through the same keys in its own order, so claims collide all along the run.
    const orders = [0, 1, 2, 3].map((p) => {
      const mine = [...quoteIds];
      if (p % 2 === 1) mine.reverse();
      if (p >= 2) mine.push(...mine.splice(0, 20));
      return run(['place', dbPath, TENANT, DEMO_USERS.megan, '2026-11-23T10:01:00.000Z', mine.join(',')]);
    });
    const codes = await Promise.all(orders.map((o) => o.done));
    assert.deepEqual(codes, [0, 0, 0, 0]);

    const results = orders.flatMap((o) => o.lines.map((l) => JSON.parse(l) as { quoteId: string; orderId: string; duplicate: boolean }));
    assert.equal(results.length, 4 * quoteIds.length);
    for (const quoteId of quoteIds) {
      const forQuote = results.filter((r) => r.quoteId === quoteId);
      assert.equal(new Set(forQuote.map((r) => r.orderId)).size, 1, `every caller is told the same order for ${quoteId}`);
      assert.equal(forQuote.filter((r) => !r.duplicate).length, 1, `exactly one caller placed ${quoteId}`);
    }
    const page = await service.listOrders(caller, { limit: 100 });
    assert.equal(page.items.length, quoteIds.length);
    assert.equal(new Set(page.items.map((o) => o.quoteId)).size, quoteIds.length);
    assert.equal(store.integrityCheck(), 'ok');
    await store.close();
  });

  it('keeps every acknowledged order, none twice, after the process is killed with SIGKILL mid-burst', async () => {
    const burst = run(['burst', dbPath, TENANT, DEMO_USERS.megan, '2026-11-23T10:01:00.000Z', '100000']);
    // Kill it as soon as it has acknowledged enough orders, wherever it is in its next commit.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (burst.lines.length >= 60) {
          clearInterval(timer);
          burst.child.kill('SIGKILL');
          resolve();
        }
      }, 2);
      void burst.done.then(() => { clearInterval(timer); reject(new Error('burst ended before it was killed')); });
    });
    await burst.done;
    const acked = burst.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.split(' ') as [string, string, string]);
    assert.ok(acked.length >= 60);

    const store = SqliteLedgerStore.open(dbPath);
    assert.equal(store.integrityCheck(), 'ok');
    assert.equal(store.pragma('journal_mode'), 'wal');
    assert.equal(store.pragma('synchronous'), 2);
    const service = new BillingService(store, new FakeClock('2026-11-23T10:02:00.000Z'), new SequentialIds());
    for (const [, orderId, quoteId] of acked) {
      const order = await service.getOrder(caller, orderId);
      assert.equal(order.quoteId, quoteId);
    }
    const all = [];
    let after: string | null = null;
    do {
      const page = await service.listOrders(caller, { limit: 100, after });
      all.push(...page.items);
      after = page.next;
    } while (after);
    assert.ok(all.length >= acked.length, 'at most the one order in flight at the kill is there unacknowledged');
    assert.ok(all.length <= acked.length + 1);
    assert.equal(new Set(all.map((o) => o.quoteId)).size, all.length, 'no quote ordered twice');
    // A replay of an acknowledged click after the restart answers with the same order and places nothing.
    const [, firstOrder, firstQuote] = acked[0] ?? ['', '', ''];
    const replay = await new BillingService(store, new FakeClock('2026-11-23T10:01:30.000Z'), new SequentialIds())
      .placeOrder(caller, { quoteId: firstQuote, paymentMethodId: 'pm-invoice' });
    assert.equal(replay.duplicate, true);
    assert.equal(replay.order.id, firstOrder);
    await store.close();
  });
});
