// The Azure backends against Azurite (started once for this file, on free loopback ports, stopped even when a test
// fails): the LedgerStore contract on a fresh table per test, then what only Azure has to prove: escaped keys,
// races settled by insert-once rows and ETags, the 100-operation transaction, long values and the order of lists.
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import fc from 'fast-check';
import { BillingService } from '../../src/domain/billingService.js';
import type { Order } from '../../src/domain/model.js';
import { MAX_UNIT_OPS, type EntityKind, type LedgerStore, type ListQuery, type WriteOp } from '../../src/domain/ports.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { insertOp, updateOp, upsertOp } from '../../src/domain/writes.js';
import { createAzureBotStorage } from '../../src/store/azureBotStorage.js';
import {
  AzureTableLedgerStore, MAX_DATA_CHUNKS, MAX_STRING_CHARS, decodeKeyPart, encodeKeyPart, failedOperationIndex, isLoopbackHttp,
  splitChunks,
} from '../../src/store/azureLedgerStore.js';
import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { useAzurite } from '../support/azurite.js';
import { FakeClock } from '../support/fakeClock.js';
import { aSubscription, aUser, anOrder, TENANT_ID } from '../support/mother.js';
import { SequentialIds } from '../support/sequentialIds.js';
import { ledgerStoreContract } from './ledgerStoreContract.js';

describe('Azure Storage backends (Azurite)', function () {
  this.timeout(60_000);
  const connectionString = useAzurite();
  let tables = 0;

  function tableClient(tableName: string): TableClient {
    return TableClient.fromConnectionString(connectionString(), tableName, { allowInsecureConnection: true });
  }

  /** A store on a table of its own; cleanup drops the table so Azurite's memory stays small. */
  async function freshStore(): Promise<{ store: AzureTableLedgerStore; tableName: string; cleanup: () => Promise<void> }> {
    tables += 1;
    const tableName = `ledger${process.pid}t${tables}`;
    const store = await AzureTableLedgerStore.open(connectionString(), { tableName });
    return {
      store,
      tableName,
      cleanup: async () => {
        await store.close();
        await tableClient(tableName).deleteTable();
      },
    };
  }

  ledgerStoreContract('AzureTableLedgerStore', freshStore);

  describe('AzureTableLedgerStore', () => {
    let store: AzureTableLedgerStore;
    let tableName: string;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, tableName, cleanup } = await freshStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    async function allIds(target: LedgerStore, tenantId: string, kind: EntityKind, query: Omit<ListQuery, 'after'>): Promise<string[][]> {
      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const page: { items: readonly { value: { id: string } }[]; next: string | null } = await target.list(tenantId, kind, { ...query, after });
        pages.push(page.items.map((item) => item.value.id));
        after = page.next;
      } while (after !== null && pages.length < 2000);
      return pages;
    }

    describe('keys', () => {
      const AWKWARD = [
        'a/b\\c#d?e', 'tab\there', '\u0000\u001f\u007f\u0085\u009f', "it's", '%41 !21 ~0041 |pipe|', 'e|order|x', 'c|claim',
        'Référentiel 日本語', '🚀 emoji', '\ud800 lone high', 'lone low \udfff', ' ', '.', '..', '-_.', 'x'.repeat(300),
      ];

      it('escapes any string into key characters Azure accepts, reversibly', () => {
        for (const text of AWKWARD) {
          const encoded = encodeKeyPart(text);
          assert.match(encoded, /^[A-Za-z0-9._!~-]*$/, JSON.stringify(text));
          assert.equal(decodeKeyPart(encoded), text);
        }
        const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff })).map((codes) => String.fromCharCode(...codes));
        fc.assert(fc.property(fc.oneof(anyUtf16, fc.string({ unit: 'binary' })), (text) => {
          const encoded = encodeKeyPart(text);
          return /^[A-Za-z0-9._!~-]*$/.test(encoded) && decodeKeyPart(encoded) === text;
        }), { numRuns: 500 });
        // Distinct strings never share an encoding.
        fc.assert(fc.property(anyUtf16, anyUtf16, (a, b) => a === b || encodeKeyPart(a) !== encodeKeyPart(b)), { numRuns: 500 });
      });

      it('refuses to decode what it did not encode', () => {
        for (const bad of ['a|b', '!', '!4', '!zz', '~12', '~12g4', 'a b']) assert.throws(() => decodeKeyPart(bad), RangeError, bad);
      });

      it('stores, reads, lists and claims ids, tenants and claim keys with awkward characters', async () => {
        const tenantId = 'tenant/#?\\ \u0001 ünï';
        const orders = AWKWARD.map((id, i) => anOrder({ id, tenantId, placedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }));
        const claim = { key: 'quote:Q/1#?\\\u0000', outcome: { kind: 'tenant_provisioned' as const, tenantId }, at: '2025-03-03T09:30:01.000Z' };
        assert.deepEqual(await store.commit(tenantId, { claim, writes: orders.map((o) => insertOp('order', o)) }), { status: 'committed' });

        for (const order of orders) assert.deepEqual(await store.get(tenantId, 'order', order.id), { value: order, version: 1 });
        assert.deepEqual(await store.getClaim(tenantId, claim.key), claim);
        assert.deepEqual((await allIds(store, tenantId, 'order', { limit: 4 })).flat(), orders.map((o) => o.id).reverse());
        assert.equal(await store.get(TENANT_ID, 'order', AWKWARD[0] ?? ''), undefined);
        assert.deepEqual(await store.commit(tenantId, { claim, writes: [] }), { status: 'duplicate', claim });
      });

      it('refuses a key too long for Azure, writing nothing', async () => {
        const order = anOrder({ id: '/'.repeat(400) });
        await assert.rejects(store.commit(TENANT_ID, { writes: [insertOp('order', anOrder()), insertOp('order', order)] }), RangeError);
        assert.deepEqual(await store.list(TENANT_ID, 'order', { limit: 10 }), { items: [], next: null });
        await assert.rejects(store.get('/'.repeat(400), 'order', 'x'), RangeError);
      });
    });

    describe('races', () => {
      it('lets exactly one of 20 concurrent units claiming one key and updating one row through; the rest are duplicates', async () => {
        const sub = aSubscription({ quantity: 25 });
        await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub)] });
        const orders = Array.from({ length: 20 }, () => anOrder({ subscriptionId: sub.id }));

        const results = await Promise.all(orders.map((order, i) => store.commit(TENANT_ID, {
          claim: { key: 'quote:Q-1', outcome: { kind: 'order_placed', orderId: order.id, subscriptionId: sub.id, addonId: order.addonId }, at: order.placedAt },
          writes: [insertOp('order', order), updateOp('subscription', { ...sub, quantity: 26 + i }, 1)],
        })));

        const winners = results.flatMap((r, i) => (r.status === 'committed' ? [i] : []));
        assert.equal(winners.length, 1, JSON.stringify(results));
        const winner = winners[0] ?? -1;
        const claim = await store.getClaim(TENANT_ID, 'quote:Q-1');
        assert.deepEqual(claim?.outcome, { kind: 'order_placed', orderId: orders[winner]?.id, subscriptionId: sub.id, addonId: orders[winner]?.addonId });
        for (const result of results.filter((r) => r.status !== 'committed')) assert.deepEqual(result, { status: 'duplicate', claim });
        assert.deepEqual(await store.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 26 + winner }, version: 2 });
        assert.deepEqual((await store.list(TENANT_ID, 'order', { limit: 100 })).items.map((i) => i.value.id), [orders[winner]?.id]);
      });

      it('commits one of two concurrent updates made with the same version and answers the other with a conflict', async () => {
        for (let round = 0; round < 5; round++) {
          const sub = aSubscription({ quantity: 10 });
          await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub)] });

          const results = await Promise.all([11, 12].map((quantity) =>
            store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity }, 1)] })));

          const statuses = results.map((r) => r.status).sort();
          assert.deepEqual(statuses, ['committed', 'conflict']);
          assert.deepEqual(results.find((r) => r.status === 'conflict'), { status: 'conflict', kind: 'subscription', id: sub.id });
          const winner = results.findIndex((r) => r.status === 'committed');
          assert.deepEqual(await store.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 11 + winner }, version: 2 });
        }
      });

      it('applies every one of 8 concurrent upserts of one row, one version each', async () => {
        const user = aUser();
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.commit(TENANT_ID, { writes: [upsertOp('user', { ...user, name: `v${i}` })] })));
        assert.deepEqual(results.map((r) => r.status), Array.from({ length: 8 }, () => 'committed'));
        assert.equal((await store.get(TENANT_ID, 'user', user.id))?.version, 8);
      });
    });

    describe('one transaction per unit', () => {
      /** Rows written by the setup: insert at version 1, then updated to version 2 for half of them. */
      async function seed(count: number): Promise<Order[]> {
        const orders = Array.from({ length: count }, (_, i) => anOrder({ quantity: i + 1 }));
        await store.commit(TENANT_ID, { writes: orders.map((o) => insertOp('order', o)) });
        return orders;
      }

      it(`commits ${MAX_UNIT_OPS} updates, upserts and inserts with a claim as one unit`, async () => {
        const existing = await seed(60);
        const writes: WriteOp[] = [
          ...existing.slice(0, 40).map((o) => updateOp('order', { ...o, quantity: 1000 }, 1)),
          ...existing.slice(40).map((o) => upsertOp('order', { ...o, quantity: 2000 })),
          ...Array.from({ length: MAX_UNIT_OPS - 60 }, () => upsertOp('order', anOrder({ quantity: 3000 }))),
        ];
        assert.equal(writes.length, MAX_UNIT_OPS);
        const claim = { key: 'bulk', outcome: { kind: 'tenant_provisioned' as const, tenantId: TENANT_ID }, at: '2025-03-03T09:30:01.000Z' };

        assert.deepEqual(await store.commit(TENANT_ID, { claim, writes }), { status: 'committed' });

        const stored = await store.list(TENANT_ID, 'order', { limit: 1000 });
        assert.equal(stored.items.length, MAX_UNIT_OPS);
        const byQuantity = (q: number) => stored.items.filter((i) => i.value.quantity === q);
        assert.deepEqual(byQuantity(1000).map((i) => i.version), Array.from({ length: 40 }, () => 2));
        assert.deepEqual(byQuantity(2000).map((i) => i.version), Array.from({ length: 20 }, () => 2));
        assert.deepEqual(byQuantity(3000).map((i) => i.version), Array.from({ length: MAX_UNIT_OPS - 60 }, () => 1));
      });

      it(`applies nothing of a ${MAX_UNIT_OPS}-write unit whose last update is stale, and names that update`, async () => {
        const existing = await seed(MAX_UNIT_OPS);
        await store.commit(TENANT_ID, { writes: [updateOp('order', { ...existing[98], quantity: 5 } as Order, 1)] });
        const claim = { key: 'bulk', outcome: { kind: 'tenant_provisioned' as const, tenantId: TENANT_ID }, at: '2025-03-03T09:30:01.000Z' };

        const result = await store.commit(TENANT_ID, { claim, writes: existing.map((o) => updateOp('order', { ...o, quantity: 1000 }, 1)) });

        assert.deepEqual(result, { status: 'conflict', kind: 'order', id: existing[98]?.id });
        const stored = await store.list(TENANT_ID, 'order', { limit: 1000 });
        assert.equal(stored.items.filter((i) => i.value.quantity === 1000).length, 0);
        assert.equal(await store.getClaim(TENANT_ID, 'bulk'), undefined);
      });
    });

    describe('values', () => {
      it('splits long values over several properties without cutting a surrogate pair', () => {
        assert.deepEqual(splitChunks(''), ['']);
        const text = `${'a'.repeat(MAX_STRING_CHARS - 1)}😀${'b'.repeat(10)}`;
        const chunks = splitChunks(text);
        assert.deepEqual(chunks.map((c) => c.length), [MAX_STRING_CHARS - 1, 12]);
        assert.equal(chunks.join(''), text);
        fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 5 }), (piece, times) => {
          const long = piece.repeat(times * 400);
          const split = splitChunks(long);
          return split.join('') === long && split.every((c) => c.length <= MAX_STRING_CHARS && !/^[\udc00-\udfff]/.test(c));
        }), { numRuns: 50 });
      });

      it('round-trips a value of 200,000 characters (over 64 KiB, split over properties), unicode included', async () => {
        const order = anOrder({ requestId: `${'é🚀"\\'.repeat(40_000)}` });
        assert.ok(JSON.stringify(order).length > 4 * MAX_STRING_CHARS);
        assert.deepEqual(await store.commit(TENANT_ID, { writes: [insertOp('order', order)] }), { status: 'committed' });
        assert.deepEqual(await store.get(TENANT_ID, 'order', order.id), { value: order, version: 1 });
        assert.deepEqual((await store.list(TENANT_ID, 'order', { limit: 1 })).items, [{ value: order, version: 1 }]);
      });

      it('refuses an entity over 1 MiB, a unit over 4 MiB and an oversized sort key with RangeError, writing nothing', async () => {
        const huge = anOrder({ requestId: 'x'.repeat(MAX_DATA_CHUNKS * MAX_STRING_CHARS) });
        await assert.rejects(store.commit(TENANT_ID, { writes: [insertOp('order', huge)] }), /at most/);
        const large = Array.from({ length: 10 }, () => insertOp('order', anOrder({ requestId: 'x'.repeat(450_000) })));
        await assert.rejects(store.commit(TENANT_ID, { writes: large }), RangeError);
        const longSortKey = { ...insertOp('order', anOrder()), sortKey: 's'.repeat(MAX_STRING_CHARS + 1) };
        await assert.rejects(store.commit(TENANT_ID, { writes: [longSortKey] }), RangeError);
        assert.deepEqual(await store.list(TENANT_ID, 'order', { limit: 10 }), { items: [], next: null });
      });
    });

    describe('lists', () => {
      it('pages 1,000 rows 100 at a time, ordered and complete, and by owner too', async () => {
        const orders = Array.from({ length: 1000 }, (_, i) =>
          anOrder({ placedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 3) * 60_000).toISOString(), placedBy: i % 4 === 0 ? 'user-megan' : 'user-alex' }));
        for (let i = 0; i < orders.length; i += MAX_UNIT_OPS) {
          await store.commit(TENANT_ID, { writes: orders.slice(i, i + MAX_UNIT_OPS).map((o) => insertOp('order', o)) });
        }
        const memory = new MemoryLedgerStore();
        for (let i = 0; i < orders.length; i += MAX_UNIT_OPS) {
          await memory.commit(TENANT_ID, { writes: orders.slice(i, i + MAX_UNIT_OPS).map((o) => insertOp('order', o)) });
        }

        const started = Date.now();
        const pages = await allIds(store, TENANT_ID, 'order', { limit: 100 });
        const elapsed = Date.now() - started;
        assert.deepEqual(pages.map((p) => p.length), Array.from({ length: 10 }, () => 100));
        assert.equal(new Set(pages.flat()).size, 1000);
        assert.deepEqual(pages.flat(), (await allIds(memory, TENANT_ID, 'order', { limit: 1000 })).flat());
        assert.ok(elapsed < 20_000, `paging took ${elapsed} ms`);

        const megan = await allIds(store, TENANT_ID, 'order', { limit: 100, owner: 'user-megan' });
        assert.deepEqual(megan.map((p) => p.length), [100, 100, 50]);
        assert.deepEqual(megan.flat(), (await allIds(memory, TENANT_ID, 'order', { limit: 100, owner: 'user-megan' })).flat());
        assert.deepEqual((await allIds(store, TENANT_ID, 'order', { limit: 1000 })).flat(), pages.flat());
      });

      it('orders sort keys by UTF-8 bytes like the other stores, also past the surrogates and across pages', async () => {
        const sortKeys = ['a', 'a\uffff', 'a\ud83d\ude00', 'a\ue000', 'a\u07ff', 'a\u0800', 'a\ud7ff', 'b', 'a\uffff', "it's", 'a\u00e9', ''];
        const writes = sortKeys.map((sortKey, i) => ({ ...insertOp('order', anOrder({ id: `ORD-${i}` })), sortKey }));
        const memory = new MemoryLedgerStore();
        await memory.commit(TENANT_ID, { writes });
        assert.deepEqual(await store.commit(TENANT_ID, { writes }), { status: 'committed' });

        for (const limit of [1, 2, 3, 5, 100]) {
          assert.deepEqual(await allIds(store, TENANT_ID, 'order', { limit }), await allIds(memory, TENANT_ID, 'order', { limit }), `limit ${limit}`);
        }
      });

      it('lists only the asked kind of a tenant', async () => {
        await store.commit(TENANT_ID, { writes: [insertOp('order', anOrder({ id: 'X' })), insertOp('subscription', aSubscription({ id: 'X' }))] });
        await store.commit('contoso-tenant-2', { writes: [insertOp('order', anOrder({ id: 'Y' }))] });
        assert.deepEqual((await allIds(store, TENANT_ID, 'order', { limit: 10 })).flat(), ['X']);
        assert.deepEqual((await allIds(store, TENANT_ID, 'audit', { limit: 10 })).flat(), []);
      });
    });

    describe('transaction failures', () => {
      it('reads the failed operation from the service message', () => {
        assert.equal(failedOperationIndex('3:The specified entity already exists.\nRequestId:x'), 3);
        assert.equal(failedOperationIndex('0:The update condition specified in the request was not satisfied.'), 0);
        assert.equal(failedOperationIndex('The specified entity already exists.'), undefined);
        assert.equal(failedOperationIndex(''), undefined);
      });

      it('still tells duplicate from conflict when the service does not name the failed operation', async () => {
        // A client whose transaction errors lose their "N:" prefix, as a service might send them.
        const client = tableClient(tableName);
        const vague = new Proxy(client, {
          get(target, property, receiver) {
            if (property !== 'submitTransaction') return Reflect.get(target, property, receiver) as unknown;
            return async (...args: Parameters<TableClient['submitTransaction']>) => {
              try {
                return await target.submitTransaction(...args);
              } catch (error) {
                if (error instanceof Error) error.message = error.message.replace(/^\d+:/, '');
                throw error;
              }
            };
          },
        });
        const vagueStore = AzureTableLedgerStore.fromTableClient(vague);
        const sub = aSubscription();
        const order = anOrder();
        const claim = { key: 'k', outcome: { kind: 'tenant_provisioned' as const, tenantId: TENANT_ID }, at: '2025-03-03T09:30:01.000Z' };
        assert.deepEqual(await vagueStore.commit(TENANT_ID, { claim, writes: [insertOp('subscription', sub), insertOp('order', order)] }), { status: 'committed' });

        assert.deepEqual(await vagueStore.commit(TENANT_ID, { claim, writes: [] }), { status: 'duplicate', claim });
        assert.deepEqual(await vagueStore.commit(TENANT_ID, { writes: [insertOp('order', anOrder()), insertOp('order', order)] }),
          { status: 'conflict', kind: 'order', id: order.id });
        assert.deepEqual(await vagueStore.commit(TENANT_ID, { writes: [updateOp('subscription', sub, 1), updateOp('order', order, 2)] }),
          { status: 'conflict', kind: 'order', id: order.id });
        assert.equal((await vagueStore.get(TENANT_ID, 'subscription', sub.id))?.version, 1);
      });

      /** A store whose next transaction first lets `meanwhile` run: a change made between its reads and its write. */
      function storeInterruptedOnce(meanwhile: () => Promise<unknown>): AzureTableLedgerStore {
        let interrupted = false;
        const client = tableClient(tableName);
        return AzureTableLedgerStore.fromTableClient(new Proxy(client, {
          get(target, property, receiver) {
            if (property !== 'submitTransaction') return Reflect.get(target, property, receiver) as unknown;
            return async (...args: Parameters<TableClient['submitTransaction']>) => {
              if (!interrupted) {
                interrupted = true;
                await meanwhile();
              }
              return target.submitTransaction(...args);
            };
          },
        }));
      }

      it('refuses, whole, a unit whose updated row changed between its read and its transaction', async () => {
        const sub = aSubscription({ quantity: 10 });
        await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub)] });
        const racing = storeInterruptedOnce(() => store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 20 }, 1)] }));
        const order = anOrder();
        const claim = { key: 'k', outcome: { kind: 'tenant_provisioned' as const, tenantId: TENANT_ID }, at: '2025-03-03T09:30:01.000Z' };

        const result = await racing.commit(TENANT_ID, { claim, writes: [insertOp('order', order), updateOp('subscription', { ...sub, quantity: 30 }, 1)] });

        assert.deepEqual(result, { status: 'conflict', kind: 'subscription', id: sub.id });
        assert.deepEqual(await store.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 20 }, version: 2 });
        assert.equal(await store.get(TENANT_ID, 'order', order.id), undefined);
        assert.equal(await store.getClaim(TENANT_ID, 'k'), undefined);
      });

      it('retries an upsert whose row was created or changed between its read and its transaction', async () => {
        const user = aUser({ name: 'first' });
        const creating = storeInterruptedOnce(() => store.commit(TENANT_ID, { writes: [upsertOp('user', { ...user, name: 'racer' })] }));
        assert.deepEqual(await creating.commit(TENANT_ID, { writes: [upsertOp('user', user)] }), { status: 'committed' });
        assert.deepEqual(await store.get(TENANT_ID, 'user', user.id), { value: user, version: 2 });

        const changing = storeInterruptedOnce(() => store.commit(TENANT_ID, { writes: [upsertOp('user', { ...user, name: 'racer' })] }));
        assert.deepEqual(await changing.commit(TENANT_ID, { writes: [upsertOp('user', { ...user, name: 'last' })] }), { status: 'committed' });
        assert.deepEqual(await store.get(TENANT_ID, 'user', user.id), { value: { ...user, name: 'last' }, version: 4 });
      });

      it('fails, instead of answering "not found" or "conflict", when the table is gone', async () => {
        await tableClient(tableName).deleteTable();
        await assert.rejects(store.get(TENANT_ID, 'order', 'O-1'), (e: Error) => e.name === 'RestError');
        await assert.rejects(store.getClaim(TENANT_ID, 'k'), (e: Error) => e.name === 'RestError');
        await assert.rejects(store.commit(TENANT_ID, { writes: [updateOp('order', anOrder(), 1)] }), (e: Error) => e.name === 'RestError');
        await assert.rejects(store.commit(TENANT_ID, { writes: [insertOp('order', anOrder())] }), (e: Error) => e.name === 'RestError');
        await tableClient(tableName).createTable();
      });

      it('refuses a wrong account key at open', async () => {
        const wrongKey = connectionString().replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.from('not the key').toString('base64')}`);
        await assert.rejects(AzureTableLedgerStore.open(wrongKey, { tableName: 'another' }), (e: Error) => e.name === 'RestError');
      });

      it('allows plain http only towards this machine', () => {
        const account = 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;';
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=http://127.0.0.1:10002/a;`), true);
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=http://localhost:10002/a`), true);
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=http://[::1]:10002/a`), true);
        assert.equal(isLoopbackHttp('UseDevelopmentStorage=true'), true);
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=http://storage.example.com/a`), false);
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=https://127.0.0.1:10002/a`), false);
        assert.equal(isLoopbackHttp(`${account}TableEndpoint=not a url`), false);
        assert.equal(isLoopbackHttp('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=a2V5;EndpointSuffix=core.windows.net'), false);
      });

      it('opens an existing table and refuses a bad table name', async () => {
        const again = await AzureTableLedgerStore.open(connectionString(), { tableName });
        await again.commit(TENANT_ID, { writes: [insertOp('order', anOrder({ id: 'O-1' }))] });
        assert.equal((await store.get(TENANT_ID, 'order', 'O-1'))?.version, 1);
        await assert.rejects(AzureTableLedgerStore.open(connectionString(), { tableName: 'no-dashes' }), RangeError);
      });
    });
  });

  describe('BillingService over AzureTableLedgerStore', () => {
    it('provisions the demo tenant in one unit and places one order for 20 concurrent placements of one quote', async () => {
      const { store, cleanup } = await freshStore();
      try {
        const tenantId = 'tenant-azure';
        const service = new BillingService(store, new FakeClock('2026-11-23T10:00:00.000Z'), new SequentialIds());
        assert.deepEqual(await service.provisionDemoTenant(tenantId), { created: true });
        assert.deepEqual(await service.provisionDemoTenant(tenantId), { created: false });
        const caller = { tenantId, userId: DEMO_USERS.megan };
        const quote = await service.quotePurchase(caller, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 3, frequency: 'yearly' });

        const placed = await Promise.all(Array.from({ length: 20 }, () => service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' })));

        assert.equal(placed.filter((p) => !p.duplicate).length, 1);
        assert.equal(new Set(placed.map((p) => p.order.id)).size, 1);
        const orders = await service.listOrders(caller, { limit: 100 });
        assert.deepEqual(orders.items.map((o) => o.id), [placed[0]?.order.id]);
      } finally {
        await cleanup();
      }
    });
  });

  describe('createAzureBotStorage (Blob Storage)', () => {
    it('writes, reads and deletes a StoreItem, keeping ETags', async () => {
      const storage = createAzureBotStorage(connectionString(), `botstate-${process.pid}`);
      const key = 'msteams/conversations/19:abc@thread.tacv2/user/29:1';
      await storage.write({ [key]: { dialogState: { stack: [{ id: 'buy', state: { step: 2, note: 'Référentiel « sécurisé » 🚀' } }] }, locale: 'fr-FR', eTag: '*' } });

      const read = await storage.read([key, 'missing']);
      assert.deepEqual(Object.keys(read), [key]);
      const item = read[key] as { dialogState: unknown; locale: string; eTag?: string };
      assert.deepEqual(item.dialogState, { stack: [{ id: 'buy', state: { step: 2, note: 'Référentiel « sécurisé » 🚀' } }] });
      assert.equal(item.locale, 'fr-FR');
      assert.ok(item.eTag);

      await storage.write({ [key]: { ...item, locale: 'en-US' } });
      await assert.rejects(storage.write({ [key]: { ...item, locale: 'de-DE' } }), 'a stale eTag is refused');
      assert.equal(((await storage.read([key]))[key] as { locale?: unknown } | undefined)?.locale, 'en-US');

      await storage.delete([key]);
      assert.deepEqual(await storage.read([key]), {});
      assert.throws(() => createAzureBotStorage(connectionString(), 'Bad_Name'), RangeError);
    });
  });
});
