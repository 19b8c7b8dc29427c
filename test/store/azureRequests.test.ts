// How many requests the Azure ledger makes for what a turn asks: rows of one partition asked for at once share one
// query, getMany reads 14 rows per query, a list of subscriptions is one query, a page of orders two, and a commit
// reads the versions of its updated rows together. Counted on the wire, on Azurite.
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { insertOp, updateOp } from '../../src/domain/writes.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { useAzurite } from '../support/azurite.js';
import { aSubscription, aTenant, aUser, anOrder, TENANT_ID } from '../support/mother.js';

describe('AzureTableLedgerStore: requests per read (Azurite)', function () {
  this.timeout(60_000);
  const connectionString = useAzurite();
  let client: TableClient;
  let store: AzureTableLedgerStore;
  let requests: string[];

  beforeEach(async () => {
    client = TableClient.fromConnectionString(connectionString(), `requests${process.pid}t${Date.now()}`, { allowInsecureConnection: true });
    requests = [];
    client.pipeline.addPolicy({ name: 'countRequests', sendRequest: (request, next) => {
      requests.push(request.method);
      return next(request);
    } });
    await client.createTable();
    store = AzureTableLedgerStore.fromTableClient(client);
  });

  afterEach(async () => {
    await client.deleteTable();
  });

  /** The requests `work` made. */
  async function counted<T>(work: () => Promise<T>): Promise<{ result: T; requests: number }> {
    requests.length = 0;
    const result = await work();
    return { result, requests: requests.length };
  }

  it('reads the rows of one partition asked for at the same moment in one query, each caller getting its own', async () => {
    const tenant = aTenant();
    const user = aUser();
    await store.commit(TENANT_ID, { writes: [insertOp('tenant', tenant), insertOp('user', user)] });
    await store.commit('other-tenant', { writes: [insertOp('tenant', aTenant({ id: 'other-tenant' }))] });

    const { result, requests: made } = await counted(() => Promise.all([
      store.get(TENANT_ID, 'tenant', tenant.id), store.get(TENANT_ID, 'user', user.id), store.get(TENANT_ID, 'user', 'nobody'),
      store.get(TENANT_ID, 'user', user.id), store.get('other-tenant', 'tenant', 'other-tenant'),
    ]));

    assert.equal(made, 2, 'one query for the first partition, one point read for the other');
    assert.deepEqual(result.map((row) => row?.value.id), [tenant.id, user.id, undefined, user.id, 'other-tenant']);
    assert.equal((await counted(() => store.get(TENANT_ID, 'tenant', tenant.id))).requests, 1, 'a read alone is a point read');
  });

  it('reads 20 rows with getMany in two queries, a list of subscriptions in one, and a page of orders in two', async () => {
    const subs = Array.from({ length: 20 }, (_, i) => aSubscription({ id: `sub-${i}` }));
    const orders = Array.from({ length: 12 }, (_, i) => anOrder({ id: `ORD-${i}`, placedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    await store.commit(TENANT_ID, { writes: [...subs.map((s) => insertOp('subscription', s)), ...orders.map((o) => insertOp('order', o))] });

    const many = await counted(() => store.getMany(TENANT_ID, 'subscription', subs.map((s) => s.id)));
    assert.equal(many.result.size, 20);
    assert.equal(many.requests, 2);
    const listed = await counted(() => store.list(TENANT_ID, 'subscription', { limit: 10 }));
    assert.equal(listed.result.items.length, 10);
    assert.equal(listed.requests, 1);
    const page = await counted(() => store.list(TENANT_ID, 'order', { limit: 5 }));
    assert.deepEqual(page.result.items.map((i) => i.value.id), ['ORD-11', 'ORD-10', 'ORD-9', 'ORD-8', 'ORD-7']);
    assert.equal(page.requests, 2);
  });

  it('reads the versions of a unit\'s updated rows together before its one transaction', async () => {
    const subs = Array.from({ length: 5 }, (_, i) => aSubscription({ id: `sub-${i}`, quantity: 10 }));
    await store.commit(TENANT_ID, { writes: subs.map((s) => insertOp('subscription', s)) });
    const { result, requests: made } = await counted(() => store.commit(TENANT_ID, {
      writes: [...subs.map((s) => updateOp('subscription', { ...s, quantity: 11 }, 1)), insertOp('order', anOrder())],
    }));
    assert.deepEqual(result, { status: 'committed' });
    assert.equal(made, 2, 'one query for the five versions, one transaction');
  });
});
