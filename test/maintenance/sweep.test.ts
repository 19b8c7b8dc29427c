// The periodic sweep: what goes and what stays at each boundary (fake clock, the real use cases making quotes, orders
// and requests, the SQLite bot state), the bounds of one sweep, and the scheduler.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { StorageApprovalCopies } from '../../src/proactive/approvalCopies.js';
import { StorageConversationReferences } from '../../src/proactive/conversationReferences.js';
import { createLogger } from '../../src/logging.js';
import {
  DEFAULT_SWEEP_BOUNDS, scheduleSweeps, startSweeps, sweepOnce, type SweepBounds, type SweepResult, type SweepTargets,
} from '../../src/maintenance/sweep.js';
import { SqliteBotStorage, STAMP_PRECISION_MS } from '../../src/store/sqliteBotStorage.js';
import { DAY, demoWorld, MINUTE, TENANT_A, type World } from '../support/billingHarness.js';

const phone = { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 2, frequency: 'yearly' };
const lockbox = { addonId: 'customer-lockbox', baseSubscriptionId: 'sub-e3', quantity: 5, frequency: 'yearly' };
const QUOTE_TTL = 15 * MINUTE;

function captureLogs(): { lines: Array<Record<string, unknown>>; logger: ReturnType<typeof createLogger> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

describe('sweep', () => {
  let world: World;
  let dir: string;
  let state: SqliteBotStorage;
  let targets: SweepTargets;

  beforeEach(async () => {
    world = await demoWorld({ tenantB: false });
    dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    state = SqliteBotStorage.open(join(dir, 'state.db'), world.clock);
    targets = { ledger: world.store, botState: state };
  });

  afterEach(() => {
    state.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sweep = (bounds?: SweepBounds) => sweepOnce(targets, world.clock, bounds);
  const quoteExists = async (id: string) => (await world.store.get(TENANT_A, 'quote', id)) !== undefined;
  const keysPresent = async (keys: string[]) => Object.keys(await state.read(keys)).sort();

  describe('what goes and what stays', () => {
    it('removes a quote nobody used a day after it expired, and keeps the quotes of an order and of a pending request', async () => {
      const ordered = await world.service.quotePurchase(world.a.megan, phone);
      const { order } = await world.service.placeOrder(world.a.megan, { quoteId: ordered.id, paymentMethodId: 'pm-invoice' });
      const requested = await world.service.quotePurchase(world.a.lee, lockbox);
      const { request } = await world.service.requestPurchase(world.a.lee, { quoteId: requested.id });
      const unused = await world.service.quotePurchase(world.a.megan, phone);

      world.clock.advance(QUOTE_TTL + DAY - MINUTE);
      assert.equal((await sweep()).quotes, 0, 'expired less than a day ago: kept');
      assert.equal(await quoteExists(unused.id), true);

      world.clock.advance(2 * MINUTE);
      assert.deepEqual(await sweep(), { quotes: 1, conversations: 0, approvalCopies: 0, complete: true });
      assert.equal(await quoteExists(unused.id), false);
      assert.equal(await quoteExists(ordered.id), true);
      assert.equal(await quoteExists(requested.id), true);
      assert.equal((await world.service.getRequest(world.a.lee, request.id)).status, 'pending');
      assert.deepEqual(await world.service.getOrder(world.a.megan, order.id), order);
      // An old card of the used quote is still told what its click did.
      assert.equal((await world.service.quoteOutcome(world.a.megan, ordered.id))?.outcome.kind, 'order_placed');

      world.clock.advanceDays(400);
      assert.equal((await sweep()).quotes, 0, 'used quotes stay for good');
    });

    it('removes conversation state idle for 30 days, in the old and the tenant-scoped key format; user state and references stay', async () => {
      const kept = ['msteams/users/u-1', 'msteams/tenants/t-1/users/u-1'];
      const idle = ['msteams/conversations/a:1abc', 'msteams/tenants/t-1/conversations/19:xyz@thread.v2'];
      await state.write(Object.fromEntries([...kept, ...idle].map((key) => [key, { n: 1, eTag: '*' }])));
      const referenceKey = StorageConversationReferences.keyOf('t-1', 'u-1');
      await state.write({ [referenceKey]: { reference: { any: true }, eTag: '*' } });

      world.clock.advance(30 * DAY - MINUTE);
      const touchedKey = 'msteams/conversations/a:touched';
      await state.write({ [touchedKey]: { n: 2, eTag: '*' } });
      assert.equal((await sweep()).conversations, 0, '30 days minus a minute: kept');

      // SQLite stamps writes to the hour (STAMP_PRECISION_MS): gone once 30 days and that hour have passed.
      world.clock.advance(STAMP_PRECISION_MS + 2 * MINUTE);
      assert.equal((await sweep()).conversations, 2);
      assert.deepEqual(await keysPresent([...kept, ...idle, referenceKey, touchedKey]), [...kept, referenceKey, touchedKey].sort());
    });

    it('removes the approval card copies of a request decided or expired long ago', async () => {
      const copies = new StorageApprovalCopies(state);
      const key = StorageApprovalCopies.keyOf(TENANT_A, 'REQ-1');
      await state.write({ [key]: { copies: [], eTag: '*' } });
      assert.deepEqual(await copies.list(TENANT_A, 'REQ-1'), []);

      world.clock.advance((7 + 30) * DAY - MINUTE);
      assert.equal((await sweep()).approvalCopies, 0, 'a request pending 7 days, then 30 days minus a minute: kept');
      assert.deepEqual(await keysPresent([key]), [key]);
      world.clock.advance(STAMP_PRECISION_MS + 2 * MINUTE);
      assert.equal((await sweep()).approvalCopies, 1);
      assert.deepEqual(await keysPresent([key]), []);
    });
  });

  describe('bounds', () => {
    it('deletes at most maxPerKind of each kind a sweep, in batches; the next sweep takes the rest', async () => {
      const keys = Array.from({ length: 12 }, (_, i) => `msteams/conversations/c-${i}`);
      await state.write(Object.fromEntries(keys.map((key) => [key, { n: 1, eTag: '*' }])));
      world.clock.advanceDays(31);
      const asked: number[] = [];
      const counting: SweepTargets = {
        ledger: targets.ledger,
        botState: { deleteWrittenBefore: (match, before, limit) => {
          asked.push(limit);
          return state.deleteWrittenBefore(match, before, limit);
        } },
      };
      const bounds = { batchSize: 2, maxPerKind: 5, maxDurationMs: 60_000 };
      const results: SweepResult[] = [];
      for (let i = 0; i < 3; i++) results.push(await sweepOnce(counting, world.clock, bounds));
      assert.deepEqual(results.map((r) => [r.conversations, r.complete]), [[5, false], [5, false], [2, true]]);
      // Per sweep: conversations 2, 2, 1 (the bound), then approval copies once (none).
      assert.deepEqual(asked.slice(0, 4), [2, 2, 1, 2]);
      assert.deepEqual(await keysPresent(keys), []);
    });

    it('starts no batch after maxDurationMs, and none once told to stop', async () => {
      let batches = 0;
      const slow: SweepTargets = {
        ledger: { deleteExpiredQuotes: (_before, limit) => {
          batches += 1;
          world.clock.advance(4_000);
          return Promise.resolve(limit);
        } },
        botState: undefined,
      };
      const result = await sweepOnce(slow, world.clock, { batchSize: 10, maxPerKind: 1_000, maxDurationMs: 10_000 });
      assert.deepEqual(result, { quotes: 30, conversations: 0, approvalCopies: 0, complete: false });
      assert.equal(batches, 3);

      batches = 0;
      const stopped = await sweepOnce(slow, world.clock, DEFAULT_SWEEP_BOUNDS, () => true);
      assert.equal(batches, 0);
      assert.equal(stopped.complete, false);
    });
  });
});

describe('sweep schedule', () => {
  const done: SweepResult = { quotes: 0, conversations: 0, approvalCopies: 0, complete: true };

  it('sweeps every interval until stopped, on timers that keep no process alive', async () => {
    const { logger } = captureLogs();
    let runs = 0;
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const schedule = scheduleSweeps({ intervalMs: 20, firstDelayMs: 0, logger, sweep: () => {
      runs += 1;
      return Promise.resolve(done);
    } });
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, timersBefore, 'unref\'d');
    await until(() => runs >= 3);
    await schedule.stop();
    const after = runs;
    await delay(60);
    assert.equal(runs, after, 'no sweep after stop');
  });

  it('logs a failed sweep in one line and runs the next one', async () => {
    const { lines, logger } = captureLogs();
    let runs = 0;
    const schedule = scheduleSweeps({ intervalMs: 10, firstDelayMs: 0, logger, sweep: () => {
      runs += 1;
      if (runs === 1) return Promise.reject(Object.assign(new Error('storage down'), { code: 'ECONNREFUSED' }));
      return Promise.resolve({ ...done, quotes: 3 });
    } });
    await until(() => runs >= 2 && lines.length >= 2);
    await schedule.stop();
    const failed = lines.filter((l) => l.msg === 'sweep failed; the next one tries again');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.code, 'ECONNREFUSED');
    assert.equal(failed[0]?.level, 40);
    assert.ok(lines.some((l) => l.msg === 'sweep' && l.quotes === 3), JSON.stringify(lines));
  });

  it('stop waits for a running sweep, which sees it is asked to stop', async () => {
    const { logger } = captureLogs();
    let sawStop = false;
    let started = false;
    const schedule = scheduleSweeps({ intervalMs: 10, firstDelayMs: 0, logger, sweep: async (stopping) => {
      started = true;
      while (!stopping()) await delay(5);
      sawStop = true;
      return done;
    } });
    await until(() => started);
    await schedule.stop();
    assert.equal(sawStop, true);
  });

  it('is off with an interval of 0 minutes, and on (stoppable) otherwise', async () => {
    const { logger } = captureLogs();
    const targets: SweepTargets = { ledger: { deleteExpiredQuotes: () => Promise.resolve(0) }, botState: undefined };
    assert.equal(startSweeps(0, targets, { now: () => new Date() }, logger), undefined);
    const schedule = startSweeps(60, targets, { now: () => new Date() }, logger);
    assert.ok(schedule);
    await schedule.stop();
  });
});
