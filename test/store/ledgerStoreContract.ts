// The one contract every LedgerStore backend passes: the domain's use cases rely on exactly these behaviours.
import assert from 'node:assert/strict';
import type { Order } from '../../src/domain/model.js';
import type { ClaimOutcome } from '../../src/domain/outcomes.js';
import {
  MAX_GET_MANY, MAX_UNIT_OPS, quoteClaimKey, type Claim, type CommitResult, type EntityKind, type LedgerStore, type ListQuery, type Page, type Stored,
} from '../../src/domain/ports.js';
import { insertOp, updateOp, upsertOp } from '../../src/domain/writes.js';
import {
  aPurchaseRequest, aQuote, aSubscription, aTenant, aUser, anAuditEntry, anOrder, TENANT_ID, usd,
} from '../support/mother.js';

const OTHER_TENANT_ID = 'fabrikam-tenant';

function orderPlaced(order: Order): ClaimOutcome {
  return { kind: 'order_placed', orderId: order.id, subscriptionId: order.subscriptionId, addonId: order.addonId };
}

function aClaim(key: string, outcome: ClaimOutcome): Claim {
  return { key, outcome, at: '2025-03-03T09:30:01.000Z' };
}

/** An order placed `minutes` after a fixed instant, so its sort key orders it among others. */
function anOrderAt(minutes: number, overrides: Partial<Order> = {}): Order {
  return anOrder({ placedAt: new Date(Date.UTC(2025, 2, 3, 9, minutes)).toISOString(), ...overrides });
}

function cursorOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

export function ledgerStoreContract(
  name: string,
  makeStore: () => Promise<{ store: LedgerStore; cleanup: () => Promise<void> }>,
): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    function assertCommitted(result: CommitResult): void {
      assert.deepEqual(result, { status: 'committed' });
    }

    /** Follows `next` to the end; returns the ids of every page. */
    async function pageIds(tenantId: string, kind: EntityKind, query: ListQuery): Promise<string[][]> {
      const pages: string[][] = [];
      let after: string | null = null;
      do {
        const page: Page<Stored<{ id: string }>> = await store.list(tenantId, kind, { ...query, after });
        pages.push(page.items.map((item) => item.value.id));
        after = page.next;
      } while (after !== null && pages.length <= 100);
      return pages;
    }

    describe('writes', () => {
      it('inserts a value that get returns at version 1', async () => {
        const order = anOrder();
        assertCommitted(await store.commit(TENANT_ID, { writes: [insertOp('order', order)] }));
        assert.deepEqual(await store.get(TENANT_ID, 'order', order.id), { value: order, version: 1 });
      });

      it('answers undefined for a missing id', async () => {
        assert.equal(await store.get(TENANT_ID, 'order', 'ORD-missing'), undefined);
      });

      it('updates with the current version, bumping the version each time', async () => {
        const sub = aSubscription({ quantity: 25 });
        await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub)] });
        assertCommitted(await store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)] }));
        assertCommitted(await store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 35 }, 2)] }));
        assert.deepEqual(await store.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 35 }, version: 3 });
      });

      it('refuses an update with a stale version and writes nothing of its unit, not even the claim', async () => {
        const sub = aSubscription({ quantity: 25 });
        await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub)] });
        await store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...sub, quantity: 30 }, 1)] });
        const order = anOrder({ subscriptionId: sub.id });

        const result = await store.commit(TENANT_ID, {
          claim: aClaim('buy-1', orderPlaced(order)),
          writes: [insertOp('order', order), updateOp('subscription', { ...sub, quantity: 99 }, 1)],
        });

        assert.deepEqual(result, { status: 'conflict', kind: 'subscription', id: sub.id });
        assert.deepEqual(await store.get(TENANT_ID, 'subscription', sub.id), { value: { ...sub, quantity: 30 }, version: 2 });
        assert.equal(await store.get(TENANT_ID, 'order', order.id), undefined);
        assert.equal(await store.getClaim(TENANT_ID, 'buy-1'), undefined);
      });

      it('refuses an update of a row that does not exist', async () => {
        const sub = aSubscription();
        assert.deepEqual(await store.commit(TENANT_ID, { writes: [updateOp('subscription', sub, 1)] }),
          { status: 'conflict', kind: 'subscription', id: sub.id });
        assert.equal(await store.get(TENANT_ID, 'subscription', sub.id), undefined);
      });

      it('refuses the insert of an existing id and keeps the stored value', async () => {
        const order = anOrder({ quantity: 5 });
        await store.commit(TENANT_ID, { writes: [insertOp('order', order)] });
        const other = anOrder();

        const result = await store.commit(TENANT_ID, { writes: [insertOp('order', other), insertOp('order', { ...order, quantity: 6 })] });

        assert.deepEqual(result, { status: 'conflict', kind: 'order', id: order.id });
        assert.deepEqual(await store.get(TENANT_ID, 'order', order.id), { value: order, version: 1 });
        assert.equal(await store.get(TENANT_ID, 'order', other.id), undefined);
      });

      it('upserts: creates at version 1, then replaces and bumps the version', async () => {
        const user = aUser({ roles: ['user'] });
        assertCommitted(await store.commit(TENANT_ID, { writes: [upsertOp('user', user)] }));
        assert.deepEqual(await store.get(TENANT_ID, 'user', user.id), { value: user, version: 1 });
        const promoted = { ...user, roles: ['global_admin', 'billing_admin'] as const };
        assertCommitted(await store.commit(TENANT_ID, { writes: [upsertOp('user', promoted)] }));
        assert.deepEqual(await store.get(TENANT_ID, 'user', user.id), { value: promoted, version: 2 });
      });

      it('keeps kinds apart: the same id under two kinds is two rows', async () => {
        const sub = aSubscription({ id: 'X-1' });
        const order = anOrder({ id: 'X-1' });
        assertCommitted(await store.commit(TENANT_ID, { writes: [insertOp('subscription', sub), insertOp('order', order)] }));
        assert.deepEqual(await store.get(TENANT_ID, 'subscription', 'X-1'), { value: sub, version: 1 });
        assert.deepEqual(await store.get(TENANT_ID, 'order', 'X-1'), { value: order, version: 1 });
      });

      it(`accepts ${MAX_UNIT_OPS} writes plus a claim in one unit`, async () => {
        const orders = Array.from({ length: MAX_UNIT_OPS }, () => anOrder());
        const first = orders[0];
        assert.ok(first);
        assertCommitted(await store.commit(TENANT_ID, {
          claim: aClaim('bulk', orderPlaced(first)), writes: orders.map((order) => insertOp('order', order)),
        }));
        assert.equal((await store.list(TENANT_ID, 'order', { limit: 1000 })).items.length, MAX_UNIT_OPS);
      });

      it('rejects units no backend may run, writing nothing', async () => {
        const tooMany = Array.from({ length: MAX_UNIT_OPS + 1 }, () => insertOp('order', anOrder()));
        await assert.rejects(store.commit(TENANT_ID, { writes: tooMany }), RangeError);
        const order = anOrder();
        await assert.rejects(store.commit(TENANT_ID, { writes: [insertOp('order', order), upsertOp('order', order)] }), RangeError);
        const noVersion = { ...updateOp('order', order, 1), expectedVersion: undefined };
        await assert.rejects(store.commit(TENANT_ID, { writes: [noVersion] }), TypeError);
        assert.deepEqual(await store.list(TENANT_ID, 'order', { limit: 1000 }), { items: [], next: null });
      });
    });

    describe('getMany', () => {
      it('reads several rows of one kind at once, with their versions; ids the tenant lacks are absent', async () => {
        const subs = Array.from({ length: 20 }, (_, i) => aSubscription({ id: `sub-many-${i}`, quantity: i + 1 }));
        await store.commit(TENANT_ID, { writes: subs.map((s) => insertOp('subscription', s)) });
        await store.commit(TENANT_ID, { writes: [updateOp('subscription', { ...subs[3]!, quantity: 40 }, 1)] });
        // 20 ids and a missing one: more than one query's worth of RowKeys on Azure (14 each).
        const ids = [...subs.map((s) => s.id), 'sub-missing'];

        const found = await store.getMany(TENANT_ID, 'subscription', ids);

        assert.deepEqual([...found.keys()].sort(), subs.map((s) => s.id).sort());
        assert.deepEqual(found.get('sub-many-3'), { value: { ...subs[3]!, quantity: 40 }, version: 2 });
        assert.deepEqual(found.get('sub-many-0'), { value: subs[0], version: 1 });
        assert.equal(found.has('sub-missing'), false);
      });

      it('answers an empty map for no ids, reads a repeated id once, and keeps to the kind and tenant asked', async () => {
        const order = anOrder({ id: 'shared-id' });
        const sub = aSubscription({ id: 'shared-id' });
        await store.commit(TENANT_ID, { writes: [insertOp('order', order), insertOp('subscription', sub)] });

        assert.equal((await store.getMany(TENANT_ID, 'order', [])).size, 0);
        const twice = await store.getMany(TENANT_ID, 'order', ['shared-id', 'shared-id']);
        assert.deepEqual([...twice], [['shared-id', { value: order, version: 1 }]]);
        assert.deepEqual((await store.getMany(TENANT_ID, 'subscription', ['shared-id'])).get('shared-id'), { value: sub, version: 1 });
        assert.equal((await store.getMany(OTHER_TENANT_ID, 'order', ['shared-id'])).size, 0);
      });

      it('reads ids with characters other backends escape, and refuses more than MAX_GET_MANY ids', async () => {
        const odd = anOrder({ id: "o'dd/id #1 é" });
        await store.commit(TENANT_ID, { writes: [insertOp('order', odd)] });
        const found = await store.getMany(TENANT_ID, 'order', [odd.id, 'plain']);
        assert.deepEqual(found.get(odd.id), { value: odd, version: 1 });
        await assert.rejects(store.getMany(TENANT_ID, 'order', Array.from({ length: MAX_GET_MANY + 1 }, (_, i) => `id-${i}`)), RangeError);
      });
    });

    describe('claims', () => {
      it('records the claim of a committed unit', async () => {
        const order = anOrder();
        const claim = aClaim('buy-1', orderPlaced(order));
        assertCommitted(await store.commit(TENANT_ID, { claim, writes: [insertOp('order', order)] }));
        assert.deepEqual(await store.getClaim(TENANT_ID, 'buy-1'), claim);
        assert.equal(await store.getClaim(TENANT_ID, 'buy-2'), undefined);
      });

      it('answers a second commit with the same key as a duplicate carrying the first outcome, applying none of its writes', async () => {
        const first = anOrder();
        const claim = aClaim('buy-1', orderPlaced(first));
        await store.commit(TENANT_ID, { claim, writes: [insertOp('order', first)] });
        const second = anOrder();

        const result = await store.commit(TENANT_ID, {
          claim: { ...aClaim('buy-1', orderPlaced(second)), at: '2025-03-03T09:31:00.000Z' },
          writes: [insertOp('order', second), updateOp('order', { ...first, quantity: 1 }, 1)],
        });

        assert.deepEqual(result, { status: 'duplicate', claim });
        assert.equal(await store.get(TENANT_ID, 'order', second.id), undefined);
        assert.deepEqual(await store.get(TENANT_ID, 'order', first.id), { value: first, version: 1 });
        assert.deepEqual(await store.getClaim(TENANT_ID, 'buy-1'), claim);
      });

      it('lets exactly one of 20 concurrent commits claiming one key through', async () => {
        const orders = Array.from({ length: 20 }, () => anOrder());

        const results = await Promise.all(orders.map((order) =>
          store.commit(TENANT_ID, { claim: aClaim('buy-1', orderPlaced(order)), writes: [insertOp('order', order)] })));

        const winners = results.flatMap((result, i) => (result.status === 'committed' ? [orders[i]] : []));
        assert.equal(winners.length, 1);
        const winner = winners[0];
        assert.ok(winner);
        for (const result of results.filter((r) => r.status !== 'committed')) {
          assert.deepEqual(result, { status: 'duplicate', claim: aClaim('buy-1', orderPlaced(winner)) });
        }
        const stored = await store.list(TENANT_ID, 'order', { limit: 100 });
        assert.deepEqual(stored.items, [{ value: winner, version: 1 }]);
      });
    });

    describe('tenant isolation', () => {
      it("hides a tenant's rows and claims from another tenant", async () => {
        const order = anOrder();
        await store.commit(TENANT_ID, { claim: aClaim('buy-1', orderPlaced(order)), writes: [insertOp('order', order)] });

        assert.equal(await store.get(OTHER_TENANT_ID, 'order', order.id), undefined);
        assert.deepEqual(await store.list(OTHER_TENANT_ID, 'order', { limit: 10 }), { items: [], next: null });
        assert.deepEqual(await store.list(OTHER_TENANT_ID, 'order', { limit: 10, owner: order.placedBy }), { items: [], next: null });
        assert.equal(await store.getClaim(OTHER_TENANT_ID, 'buy-1'), undefined);
        assert.deepEqual(await store.commit(OTHER_TENANT_ID, { writes: [updateOp('order', order, 1)] }),
          { status: 'conflict', kind: 'order', id: order.id });
      });

      it('commits the same claim key and entity id in two tenants independently', async () => {
        const ours = anOrder({ id: 'ORD-1' });
        const theirs = anOrder({ id: 'ORD-1', tenantId: OTHER_TENANT_ID, quantity: 3 });

        assertCommitted(await store.commit(TENANT_ID, { claim: aClaim('buy-1', orderPlaced(ours)), writes: [insertOp('order', ours)] }));
        assertCommitted(await store.commit(OTHER_TENANT_ID, { claim: aClaim('buy-1', orderPlaced(theirs)), writes: [insertOp('order', theirs)] }));

        assert.deepEqual(await store.get(TENANT_ID, 'order', 'ORD-1'), { value: ours, version: 1 });
        assert.deepEqual(await store.get(OTHER_TENANT_ID, 'order', 'ORD-1'), { value: theirs, version: 1 });
        assert.deepEqual((await store.getClaim(OTHER_TENANT_ID, 'buy-1'))?.outcome, orderPlaced(theirs));
      });
    });

    describe('list', () => {
      it('lists newest first by sort key, with the version of each item', async () => {
        const [early, late, middle] = [anOrderAt(1), anOrderAt(30), anOrderAt(15)];
        await store.commit(TENANT_ID, { writes: [early, late, middle].map((o) => insertOp('order', o)) });
        await store.commit(TENANT_ID, { writes: [updateOp('order', { ...early, quantity: 2 }, 1)] });

        const page = await store.list(TENANT_ID, 'order', { limit: 10 });

        assert.deepEqual(page, {
          items: [{ value: late, version: 1 }, { value: middle, version: 1 }, { value: { ...early, quantity: 2 }, version: 2 }],
          next: null,
        });
      });

      it('filters by owner', async () => {
        const megan = [anOrderAt(1, { placedBy: 'user-megan' }), anOrderAt(3, { placedBy: 'user-megan' })];
        const alex = [anOrderAt(2, { placedBy: 'user-alex' })];
        await store.commit(TENANT_ID, { writes: [...megan, ...alex].map((o) => insertOp('order', o)) });

        assert.deepEqual(await pageIds(TENANT_ID, 'order', { limit: 10, owner: 'user-megan' }), [[megan[1]?.id, megan[0]?.id]]);
        assert.deepEqual(await pageIds(TENANT_ID, 'order', { limit: 10, owner: 'user-alex' }), [[alex[0]?.id]]);
        assert.deepEqual(await pageIds(TENANT_ID, 'order', { limit: 10, owner: 'user-nobody' }), [[]]);
      });

      it('follows an owner change made by an update', async () => {
        const request = aPurchaseRequest({ requesterId: 'user-alex' });
        await store.commit(TENANT_ID, { writes: [insertOp('purchase_request', request)] });
        await store.commit(TENANT_ID, { writes: [updateOp('purchase_request', { ...request, requesterId: 'user-megan' }, 1)] });

        assert.deepEqual(await pageIds(TENANT_ID, 'purchase_request', { limit: 10, owner: 'user-alex' }), [[]]);
        assert.deepEqual(await pageIds(TENANT_ID, 'purchase_request', { limit: 10, owner: 'user-megan' }), [[request.id]]);
      });

      it('pages 25 items 10 at a time: 10, 10, 5, no duplicates, no gaps, then next is null', async () => {
        const orders = Array.from({ length: 25 }, (_, i) => anOrderAt(i));
        await store.commit(TENANT_ID, { writes: orders.map((o) => insertOp('order', o)) });

        const pages = await pageIds(TENANT_ID, 'order', { limit: 10 });

        assert.deepEqual(pages.map((p) => p.length), [10, 10, 5]);
        assert.deepEqual(pages.flat(), orders.map((o) => o.id).reverse());
      });

      it('pages one owner among others', async () => {
        const orders = Array.from({ length: 25 }, (_, i) => anOrderAt(i, { placedBy: i % 2 === 0 ? 'user-megan' : 'user-alex' }));
        await store.commit(TENANT_ID, { writes: orders.map((o) => insertOp('order', o)) });

        const pages = await pageIds(TENANT_ID, 'order', { limit: 5, owner: 'user-megan' });

        assert.deepEqual(pages.map((p) => p.length), [5, 5, 3]);
        assert.deepEqual(pages.flat(), orders.filter((o) => o.placedBy === 'user-megan').map((o) => o.id).reverse());
      });

      it('ends with next null when the last page is exactly full', async () => {
        await store.commit(TENANT_ID, { writes: Array.from({ length: 10 }, (_, i) => insertOp('order', anOrderAt(i))) });
        assert.deepEqual((await pageIds(TENANT_ID, 'order', { limit: 5 })).map((p) => p.length), [5, 5]);
        assert.equal((await store.list(TENANT_ID, 'order', { limit: 10 })).next, null);
      });

      it('pages items that share a sort key without gaps, ordered by id', async () => {
        const orders = Array.from({ length: 7 }, () => anOrder());
        await store.commit(TENANT_ID, { writes: orders.map((o) => ({ ...insertOp('order', o), sortKey: 'same-instant' })) });

        const pages = await pageIds(TENANT_ID, 'order', { limit: 3 });

        assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
        assert.deepEqual(pages.flat(), orders.map((o) => o.id).sort().reverse());
      });

      it('rejects a malformed cursor', async () => {
        const malformed = ['', 'not a cursor!', cursorOf('not json'), cursorOf('{"sortKey":"a","id":"b"}'), cursorOf('["a"]'), cursorOf('[1,2]')];
        for (const after of malformed) {
          await assert.rejects(store.list(TENANT_ID, 'order', { limit: 10, after }), RangeError, `cursor ${JSON.stringify(after)}`);
        }
      });

      it('rejects a limit that is not an integer from 1 to 1000', async () => {
        for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
          await assert.rejects(store.list(TENANT_ID, 'order', { limit }), RangeError, `limit ${limit}`);
        }
        assert.deepEqual(await store.list(TENANT_ID, 'order', { limit: 1000 }), { items: [], next: null });
        assert.deepEqual(await store.list(TENANT_ID, 'order', { limit: 1 }), { items: [], next: null });
      });
    });

    describe('values', () => {
      it('round-trips entities deeply: nested objects, money, nulls, unicode', async () => {
        const tenant = aTenant({ name: 'Référentiel sécurisé du client', currency: 'EUR', cloud: 'germany' });
        const sub = aSubscription({
          baseSubscriptionId: null, kind: 'base', productId: 'o365-e3',
          scheduledChange: { quantity: 40, effectiveAt: '2026-03-01T00:00:00.000Z', scheduledBy: 'user-megan', scheduledAt: '2025-03-03T10:00:00.000Z' },
        });
        const order = anOrder({ unitPrice: usd(1999), totalPerPeriod: usd(-49975), firstCharge: usd(0), requestId: 'REQ-1' });
        const request = aPurchaseRequest({ justification: 'Ligne 1\nLigne 2 — « urgent » 🚀 \u0000 "quoted" \\ back', decidedBy: null });
        const audit = anAuditEntry({
          before: { items: [1, 'two', null, { deep: [true, false] }], money: usd(100), note: '日本語' },
          after: null,
          idempotencyKey: 'key-ü',
        });
        const writes = [insertOp('tenant', tenant), insertOp('subscription', sub), insertOp('order', order),
          insertOp('purchase_request', request), insertOp('audit', audit)];
        assertCommitted(await store.commit(TENANT_ID, { writes }));

        assert.deepEqual((await store.get(TENANT_ID, 'tenant', tenant.id))?.value, tenant);
        assert.deepEqual((await store.get(TENANT_ID, 'subscription', sub.id))?.value, sub);
        assert.deepEqual((await store.get(TENANT_ID, 'order', order.id))?.value, order);
        assert.deepEqual((await store.get(TENANT_ID, 'purchase_request', request.id))?.value, request);
        assert.deepEqual((await store.get(TENANT_ID, 'audit', audit.id))?.value, audit);
        assert.deepEqual((await store.list(TENANT_ID, 'tenant', { limit: 1 })).items, [{ value: tenant, version: 1 }]);
      });

      it('round-trips claim outcomes deeply', async () => {
        const outcomes: ClaimOutcome[] = [
          { kind: 'quantity_changed', subscriptionId: 'SUB-1', fromQuantity: 25, toQuantity: 20, effect: 'now',
            effectiveAt: '2025-03-03T09:30:00.000Z', amountNow: usd(-1250) },
          { kind: 'recurring_billing_set', subscriptionId: 'SUB-1', turnedOn: false, termEnd: '2026-02-28T23:59:59.000Z',
            canceledChange: { quantity: 40, effectiveAt: '2026-03-01T00:00:00.000Z', scheduledBy: 'user-megan', scheduledAt: '2025-03-03T10:00:00.000Z' } },
          { kind: 'request_decided', requestId: 'REQ-1', status: 'rejected', decidedBy: 'user-megan', decidedAt: '2025-03-03T10:00:00.000Z', orderId: null },
        ];
        for (const [i, outcome] of outcomes.entries()) {
          await store.commit(TENANT_ID, { claim: aClaim(`key-${i}`, outcome), writes: [] });
          assert.deepEqual(await store.getClaim(TENANT_ID, `key-${i}`), aClaim(`key-${i}`, outcome));
        }
      });

      it('does not let callers alias stored values', async () => {
        const tenant = aTenant({ name: 'Contoso' });
        const claim = aClaim('provision', { kind: 'tenant_provisioned', tenantId: tenant.id });
        const write = insertOp('tenant', tenant);
        await store.commit(TENANT_ID, { claim, writes: [write] });
        (write.value as { name: string }).name = 'changed after commit';
        (claim.outcome as { tenantId: string }).tenantId = 'changed after commit';

        const read = await store.get(TENANT_ID, 'tenant', tenant.id);
        assert.ok(read);
        (read.value as { name: string }).name = 'changed after get';
        const readClaim = await store.getClaim(TENANT_ID, 'provision');
        assert.ok(readClaim);
        (readClaim.outcome as { tenantId: string }).tenantId = 'changed after getClaim';

        assert.equal((await store.get(TENANT_ID, 'tenant', tenant.id))?.value.name, 'Contoso');
        assert.deepEqual((await store.getClaim(TENANT_ID, 'provision'))?.outcome, { kind: 'tenant_provisioned', tenantId: tenant.id });
      });
    });

    describe('expired quotes', () => {
      const SWEPT_BEFORE = '2025-03-04T09:30:00.000Z';
      /** A quote that expires `ms` milliseconds after SWEPT_BEFORE (before it when negative). */
      const expiringAt = (ms: number, tenantId = TENANT_ID) => aQuote({
        tenantId, expiresAt: new Date(Date.parse(SWEPT_BEFORE) + ms).toISOString(),
      });
      const present = async (tenantId: string, id: string) => (await store.get(tenantId, 'quote', id)) !== undefined;

      it('removes quotes expired before the instant, keeps those expiring at it or later', async () => {
        const justExpired = expiringAt(-1);
        const longExpired = expiringAt(-30 * 24 * 3600_000);
        const atTheInstant = expiringAt(0);
        const later = expiringAt(60_000);
        await store.commit(TENANT_ID, { writes: [justExpired, longExpired, atTheInstant, later].map((q) => insertOp('quote', q)) });
        assert.equal(await store.deleteExpiredQuotes(SWEPT_BEFORE, 100), 2);
        assert.equal(await present(TENANT_ID, justExpired.id), false);
        assert.equal(await present(TENANT_ID, longExpired.id), false);
        assert.equal(await present(TENANT_ID, atTheInstant.id), true);
        assert.equal(await present(TENANT_ID, later.id), true);
        assert.equal(await store.deleteExpiredQuotes(SWEPT_BEFORE, 100), 0);
      });

      it('keeps a used quote (its tenant has the claim quote:<id>), and only its own tenant\'s claim counts', async () => {
        const used = expiringAt(-3600_000);
        const usedElsewhere = expiringAt(-3600_000, OTHER_TENANT_ID);
        const order = anOrder({ quoteId: used.id });
        await store.commit(TENANT_ID, { writes: [insertOp('quote', used)] });
        await store.commit(TENANT_ID, { claim: aClaim(quoteClaimKey(used.id), orderPlaced(order)), writes: [insertOp('order', order)] });
        await store.commit(OTHER_TENANT_ID, { writes: [insertOp('quote', usedElsewhere)] });
        await store.commit(TENANT_ID, { claim: aClaim(quoteClaimKey(usedElsewhere.id), orderPlaced(order)), writes: [] });
        assert.equal(await store.deleteExpiredQuotes(SWEPT_BEFORE, 100), 1);
        assert.equal(await present(TENANT_ID, used.id), true);
        assert.equal(await present(OTHER_TENANT_ID, usedElsewhere.id), false);
      });

      it('removes nothing but quotes: old orders, requests, audit entries and claims stay', async () => {
        const old = '2020-01-01T00:00:00.000Z';
        const order = anOrder({ placedAt: old });
        const request = aPurchaseRequest({ createdAt: old, expiresAt: old, status: 'expired' });
        const audit = anAuditEntry({ at: old });
        const claim = aClaim('quote:QUO-gone', orderPlaced(order));
        await store.commit(TENANT_ID, { claim, writes: [insertOp('order', order), insertOp('purchase_request', request), insertOp('audit', audit)] });
        assert.equal(await store.deleteExpiredQuotes(SWEPT_BEFORE, 100), 0);
        assert.deepEqual((await store.get(TENANT_ID, 'order', order.id))?.value, order);
        assert.deepEqual((await store.get(TENANT_ID, 'purchase_request', request.id))?.value, request);
        assert.deepEqual((await store.get(TENANT_ID, 'audit', audit.id))?.value, audit);
        assert.deepEqual(await store.getClaim(TENANT_ID, claim.key), claim);
      });

      it('removes at most `limit` a call, across tenants; the next calls take the rest', async () => {
        const ours = Array.from({ length: 3 }, () => expiringAt(-60_000));
        const theirs = Array.from({ length: 2 }, () => expiringAt(-60_000, OTHER_TENANT_ID));
        await store.commit(TENANT_ID, { writes: ours.map((q) => insertOp('quote', q)) });
        await store.commit(OTHER_TENANT_ID, { writes: theirs.map((q) => insertOp('quote', q)) });
        const counts = [];
        for (let i = 0; i < 4; i++) counts.push(await store.deleteExpiredQuotes(SWEPT_BEFORE, 2));
        assert.deepEqual(counts.slice(0, 3), [2, 2, 1]);
        assert.equal(counts[3], 0);
        for (const q of ours) assert.equal(await present(TENANT_ID, q.id), false);
        for (const q of theirs) assert.equal(await present(OTHER_TENANT_ID, q.id), false);
      });

      it('rejects a limit that is not an integer from 1 to 1000', async () => {
        for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
          await assert.rejects(store.deleteExpiredQuotes(SWEPT_BEFORE, limit), RangeError, `limit ${limit}`);
        }
      });
    });
  });
}
