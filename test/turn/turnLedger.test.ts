// The per-turn memory in front of the ledger: a row read twice in one turn costs one request, never across turns,
// never to the money path's attempts, and always a copy.
import assert from 'node:assert/strict';
import { executeOnce, outcomeOfKind, type Deps } from '../../src/domain/useCases/context.js';
import { insertOp, updateOp } from '../../src/domain/writes.js';
import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { TurnScopedLedger } from '../../src/turn/turnLedger.js';
import { CountingLedgerStore } from '../support/countingStores.js';
import { FakeClock } from '../support/fakeClock.js';
import { aSubscription, aTenant, anOrder, TENANT_ID } from '../support/mother.js';
import { SequentialIds } from '../support/sequentialIds.js';

describe('TurnScopedLedger (read once per turn)', () => {
  let inner: CountingLedgerStore;
  let ledger: TurnScopedLedger;
  const tenant = aTenant();
  const sub = aSubscription({ quantity: 25 });

  beforeEach(async () => {
    inner = new CountingLedgerStore(new MemoryLedgerStore());
    ledger = new TurnScopedLedger(inner);
    await inner.commit(TENANT_ID, { writes: [insertOp('tenant', tenant), insertOp('subscription', sub)] });
    inner.take();
  });

  it('reads a row once per turn, and hands each caller a copy of its own', async () => {
    await ledger.run(async () => {
      const [first, second] = await Promise.all([ledger.get(TENANT_ID, 'tenant', tenant.id), ledger.get(TENANT_ID, 'tenant', tenant.id)]);
      assert.ok(first && second);
      (first.value as { name: string }).name = 'changed by a caller';
      assert.equal((await ledger.get(TENANT_ID, 'tenant', tenant.id))?.value.name, tenant.name);
    });
    assert.equal(inner.take().length, 1);
  });

  it('copies nested fields too: a caller changing a list or object inside its row changes nobody else\'s', async () => {
    const nested = { ...sub, notes: { tags: ['a', 'b'], at: new Date(0), keep: undefined, n: null } };
    await ledger.run(async () => {
      // Committed in the turn: the memory serves the value written (its Date and undefined field as they were).
      await ledger.commit(TENANT_ID, { writes: [insertOp('subscription', { ...nested, id: 'SUB-nested' })] });
      const first = await ledger.get(TENANT_ID, 'subscription', 'SUB-nested');
      const notes = (first?.value as unknown as typeof nested).notes;
      notes.tags.push('c');
      notes.at.setTime(5);
      const again = (await ledger.get(TENANT_ID, 'subscription', 'SUB-nested'))?.value as unknown as typeof nested;
      assert.deepEqual(again.notes.tags, ['a', 'b']);
      assert.equal(again.notes.at.getTime(), 0);
      assert.ok(again.notes.at instanceof Date);
      assert.ok('keep' in again.notes);
      assert.equal(again.notes.n, null);
      const page = await ledger.list(TENANT_ID, 'subscription', { limit: 10 });
      const listed = page.items.find((item) => item.value.id === 'SUB-nested')?.value as unknown as typeof nested;
      listed.notes.tags.length = 0;
      assert.deepEqual(((await ledger.get(TENANT_ID, 'subscription', 'SUB-nested'))?.value as unknown as typeof nested).notes.tags, ['a', 'b']);
    });
  });

  it('reads again in the next turn, and outside any turn every time', async () => {
    await ledger.run(() => ledger.get(TENANT_ID, 'tenant', tenant.id));
    await inner.commit(TENANT_ID, { writes: [updateOp('tenant', { ...tenant, name: 'Renamed' }, 1)] });
    const next = await ledger.run(() => ledger.get(TENANT_ID, 'tenant', tenant.id));
    assert.equal(next?.value.name, 'Renamed');
    await ledger.get(TENANT_ID, 'tenant', tenant.id);
    await ledger.get(TENANT_ID, 'tenant', tenant.id);
    assert.equal(inner.take().filter((c) => c.op === 'get').length, 4);
  });

  it('forgets everything when the turn ends, even for work the turn left running', async () => {
    let later: (() => Promise<unknown>) | undefined;
    await ledger.run(async () => {
      await ledger.get(TENANT_ID, 'tenant', tenant.id);
      later = () => ledger.get(TENANT_ID, 'tenant', tenant.id);
    });
    inner.take();
    await later?.();
    assert.equal(inner.take().length, 1);
  });

  it('keeps two turns running at once apart', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const first = ledger.run(async () => {
      await ledger.get(TENANT_ID, 'subscription', sub.id);
      await gate;
      return ledger.get(TENANT_ID, 'subscription', sub.id);
    });
    const second = ledger.run(async () => {
      await inner.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)] });
      return ledger.get(TENANT_ID, 'subscription', sub.id);
    });
    assert.equal((await second)?.value.quantity, 30);
    release();
    assert.equal((await first)?.value.quantity, 25, 'the first turn keeps what it read');
  });

  it('serves rows of a list page and of getMany to later reads of the turn, and reads only the ids it lacks', async () => {
    const other = aSubscription({ id: 'sub-other', kind: 'base', baseSubscriptionId: null });
    await inner.commit(TENANT_ID, { writes: [insertOp('subscription', other)] });
    inner.take();
    await ledger.run(async () => {
      await ledger.list(TENANT_ID, 'subscription', { limit: 10 });
      await ledger.list(TENANT_ID, 'subscription', { limit: 10 });
      assert.equal((await ledger.get(TENANT_ID, 'subscription', sub.id))?.value.quantity, 25);
      const many = await ledger.getMany(TENANT_ID, 'subscription', [sub.id, 'sub-missing', other.id]);
      assert.deepEqual([...many.keys()].sort(), [other.id, sub.id].sort());
      await ledger.getMany(TENANT_ID, 'subscription', ['sub-missing']);
    });
    assert.deepEqual(inner.take().map((c) => `${c.op} ${c.ids.join(',')}`), ['list ', 'getMany sub-missing']);
  });

  it('after a commit, serves what it wrote and lists its kinds again', async () => {
    const order = anOrder();
    await ledger.run(async () => {
      await ledger.list(TENANT_ID, 'order', { limit: 10 });
      await ledger.get(TENANT_ID, 'subscription', sub.id);
      await ledger.commit(TENANT_ID, { writes: [insertOp('order', order), updateOp('subscription', { ...sub, quantity: 40 }, 1)] });
      assert.deepEqual(await ledger.get(TENANT_ID, 'order', order.id), { value: order, version: 1 });
      assert.deepEqual(await ledger.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 40 }, version: 2 });
      assert.deepEqual((await ledger.list(TENANT_ID, 'order', { limit: 10 })).items.map((i) => i.value.id), [order.id]);
    });
    assert.deepEqual(inner.take().map((c) => `${c.op} ${c.what}`), ['list order', 'get subscription', 'commit unit', 'list order']);
  });

  it('forgets the tenant when a unit is refused, so the next read is current', async () => {
    await ledger.run(async () => {
      await ledger.get(TENANT_ID, 'subscription', sub.id);
      await inner.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)] });
      const refused = await ledger.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 99 }, 1)] });
      assert.equal(refused.status, 'conflict');
      assert.deepEqual(await ledger.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 30 }, version: 2 });
    });
  });

  it('forgets the tenant when a claim is found: the action was done elsewhere, and the rows it changed are read again', async () => {
    await ledger.run(async () => {
      await ledger.get(TENANT_ID, 'subscription', sub.id);
      await inner.commit(TENANT_ID, {
        claim: { key: 'quote:QUO-9', outcome: { kind: 'support_request_opened', supportRequestId: 'SR-1', subscriptionId: sub.id }, at: '2026-11-23T10:00:00.000Z' },
        writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)],
      });
      assert.ok(await ledger.getClaim(TENANT_ID, 'quote:QUO-9'));
      assert.equal((await ledger.get(TENANT_ID, 'subscription', sub.id))?.value.quantity, 30);
    });
  });

  it('passes a failed read on to its caller and reads again after it, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown): void => { unhandled.push(reason); };
    process.on('unhandledRejection', note);
    let failing = true;
    const flaky = new TurnScopedLedger(Object.assign(Object.create(inner) as CountingLedgerStore, {
      getMany: (...args: Parameters<CountingLedgerStore['getMany']>) => (failing ? Promise.reject(new Error('storage down')) : inner.getMany(...args)),
    }));
    try {
      await flaky.run(async () => {
        await assert.rejects(flaky.getMany(TENANT_ID, 'subscription', [sub.id, 'other']), /storage down/);
        failing = false;
        assert.equal((await flaky.getMany(TENANT_ID, 'subscription', [sub.id, 'other'])).size, 1);
      });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', note);
    }
    assert.deepEqual(unhandled, []);
  });

  it("runs the money path's attempts on current rows, never on what the turn read before", async () => {
    const deps: Deps = { store: ledger, clock: new FakeClock('2026-11-23T10:00:00.000Z'), ids: new SequentialIds() };
    const seen: number[] = [];
    await ledger.run(async () => {
      const before = await ledger.get(TENANT_ID, 'subscription', sub.id);
      assert.equal(before?.value.quantity, 25);
      // Another instance changes the row after this turn read it.
      await inner.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)] });
      const done = await executeOnce(deps, TENANT_ID, 'quote:QUO-1', async () => {
        const row = await deps.store.get(TENANT_ID, 'subscription', sub.id);
        assert.ok(row);
        seen.push(row.value.quantity);
        const outcome = { kind: 'recurring_billing_set' as const, subscriptionId: sub.id, turnedOn: false, termEnd: sub.termEnd, canceledChange: null };
        return { outcome, writes: [updateOp('subscription', { ...row.value, quantity: row.value.quantity + 1 }, row.version)] };
      }, outcomeOfKind('recurring_billing_set'));
      assert.equal(done.duplicate, false);
      assert.equal((await ledger.get(TENANT_ID, 'subscription', sub.id))?.value.quantity, 31);
    });
    assert.deepEqual(seen, [30]);
  });
});
