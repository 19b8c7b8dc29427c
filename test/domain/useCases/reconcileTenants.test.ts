// The tenants file reconciled into the ledger: people added, changed, removed and restored, tenants unlisted and
// listed again, every change audited once by "tenants file", and a second run with the same file changing nothing.
import assert from 'node:assert/strict';
import { BillingService } from '../../../src/domain/billingService.js';
import type { AuditEntry } from '../../../src/domain/model.js';
import { DIRECTORY_PARTITION, TENANTS_FILE_ACTOR, type TenantListing } from '../../../src/domain/useCases/reconcileTenants.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../../src/store/memoryLedgerStore.js';
import { FakeClock } from '../../support/fakeClock.js';
import { SequentialIds } from '../../support/sequentialIds.js';
import { as, rejectsWith, TENANT_A, TENANT_B } from './world.js';

type Person = TenantListing['users'][number];

const MEGAN: Person = { id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true };
const ALEX: Person = { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['billing_admin'], licensed: true };
const LEE: Person = { id: DEMO_USERS.lee, name: 'Lee Gu', roles: ['user'], licensed: true };

function listing(tenantId: string, users: readonly Person[], name = 'Contoso (demo)'): TenantListing {
  return { tenant: { id: tenantId, name, cloud: 'worldwide', currency: 'USD' }, users };
}

/** File A: Contoso (tenant-a) with Megan and Alex as admins and Lee as a user; Fabrikam (tenant-b) with Megan. */
const FILE_A: readonly TenantListing[] = [listing(TENANT_A, [MEGAN, ALEX, LEE]), listing(TENANT_B, [MEGAN], 'Fabrikam')];
/** File B: Alex demoted, Lee promoted, Megan gone from Contoso; Fabrikam no longer listed. */
const FILE_B: readonly TenantListing[] = [listing(TENANT_A, [{ ...ALEX, roles: ['user'] }, { ...LEE, roles: ['billing_admin'], name: 'Lee Gu (Finance)' }])];

describe('use cases: reconciling the tenants file', () => {
  let store: MemoryLedgerStore;
  let clock: FakeClock;
  let ids: SequentialIds;
  let service: BillingService;

  beforeEach(async () => {
    store = new MemoryLedgerStore();
    clock = new FakeClock();
    ids = new SequentialIds();
    service = new BillingService(store, clock, ids);
    // Contoso already has subscriptions and a card (as a real tenant would), and its demo people.
    await service.provisionDemoTenant(TENANT_A);
  });

  /** A restart: a new service over the same ledger. */
  function restart(): void {
    clock.advance(60_000);
    service = new BillingService(store, clock, ids);
  }

  async function audit(tenantId: string): Promise<AuditEntry[]> {
    return (await store.list(tenantId, 'audit', { limit: 1000 })).items.map((i) => i.value).filter((a) => a.actorId === TENANTS_FILE_ACTOR);
  }

  async function canPlaceOrder(person: keyof typeof DEMO_USERS): Promise<boolean> {
    const quote = await service.quotePurchase(as(person), { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'monthly' });
    return service.placeOrder(as(person), { quoteId: quote.id, paymentMethodId: 'pm-visa-4242' }).then(() => true, () => false);
  }

  it('lists new tenants and people, served from then on; a second run changes nothing', async () => {
    assert.equal(await service.tenantServed(TENANT_B), false);
    const first = await service.reconcileTenants(FILE_A);
    assert.deepEqual(first.changes.map((c) => `${c.tenantId} ${c.action} ${c.targetId}`), [
      // Contoso's demo people already match, except Adele, whom the file does not list.
      `${TENANT_A} user_removed ${DEMO_USERS.adele}`,
      `${TENANT_B} tenant_listed ${TENANT_B}`,
      `${TENANT_B} user_added ${DEMO_USERS.megan}`,
    ]);
    assert.equal(await service.tenantServed(TENANT_A), true);
    assert.equal(await service.tenantServed(TENANT_B), true);
    assert.equal((await service.whoIs(as('megan', TENANT_B))).tenant.name, 'Fabrikam');

    const entries = await audit(TENANT_B);
    assert.deepEqual(entries.map((a) => a.action).sort(), ['tenants_file.tenant_listed', 'tenants_file.user_added']);
    assert.deepEqual(entries.find((a) => a.action === 'tenants_file.user_added')?.after, { ...MEGAN, tenantId: TENANT_B });

    restart();
    const before = store.list(TENANT_A, 'user', { limit: 100 });
    assert.deepEqual((await service.reconcileTenants(FILE_A)).changes, [], 'nothing to do the second time');
    assert.deepEqual((await store.list(TENANT_A, 'user', { limit: 100 })).items, (await before).items, 'no row rewritten');
    assert.equal((await audit(TENANT_A)).length + (await audit(TENANT_B)).length, 3, 'one entry per change, none the second time');
  });

  it('across a restart with another file: the removed lose their rights, the demoted and promoted change at the next click', async () => {
    await service.reconcileTenants(FILE_A);
    assert.equal(await canPlaceOrder('alex'), true, 'Alex is a billing admin in file A');
    const leeQuote = await service.quotePurchase(as('lee'), { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 2, frequency: 'monthly' });
    const { requestId } = (await service.requestPurchase(as('lee'), { quoteId: leeQuote.id })).outcome;
    const megansOrder = await service.quotePurchase(as('megan'), { addonId: 'audio-conferencing', baseSubscriptionId: 'sub-e3', quantity: 3, frequency: 'monthly' })
      .then((q) => service.placeOrder(as('megan'), { quoteId: q.id, paymentMethodId: 'pm-visa-4242' }));

    restart();
    const report = await service.reconcileTenants(FILE_B);
    assert.deepEqual(report.changes.map((c) => `${c.tenantId} ${c.action} ${c.targetId}`), [
      `${TENANT_A} user_changed ${DEMO_USERS.alex}`,
      `${TENANT_A} user_changed ${DEMO_USERS.lee}`,
      `${TENANT_A} user_removed ${DEMO_USERS.megan}`,
      `${TENANT_B} tenant_unlisted ${TENANT_B}`,
    ]);

    // Alex, demoted: can no longer buy or approve.
    assert.equal(await canPlaceOrder('alex'), false);
    await rejectsWith(service.approveRequest(as('alex'), { requestId, paymentMethodId: 'pm-visa-4242' }), 'forbidden');
    // Megan, removed: refused everywhere, her order kept and still hers.
    await rejectsWith(service.whoIs(as('megan')), 'forbidden');
    await rejectsWith(service.listOrders(as('megan')), 'forbidden');
    const users = (await store.list(TENANT_A, 'user', { limit: 100 })).items.map((i) => i.value);
    const megan = users.find((u) => u.id === DEMO_USERS.megan);
    assert.deepEqual(megan?.roles, [], 'no rights left');
    assert.equal(megan?.removedAt, clock.now().toISOString());
    assert.equal((await service.getOrder(as('lee'), megansOrder.order.id)).placedBy, DEMO_USERS.megan, 'her order is kept');
    assert.equal(await service.personName(as('lee'), DEMO_USERS.megan), 'Megan Bowen', 'and her name, for the history');
    // Lee, promoted: may approve (his own request, here) and buy.
    const approved = await service.approveRequest(as('lee'), { requestId, paymentMethodId: 'pm-visa-4242' });
    assert.ok(approved.outcome.orderId);
    assert.equal((await service.whoIs(as('lee'))).user.name, 'Lee Gu (Finance)');
    // Fabrikam, unlisted: refused, its data kept.
    assert.equal(await service.tenantServed(TENANT_B), false);
    await rejectsWith(service.whoIs(as('megan', TENANT_B)), 'unknown_tenant');
    assert.equal(await service.tenantExists(TENANT_B), true, 'its rows are kept');

    const changed = (await audit(TENANT_A)).find((a) => a.action === 'tenants_file.user_changed' && a.targetId === DEMO_USERS.alex);
    assert.deepEqual((changed?.before as { roles: unknown }).roles, ['billing_admin']);
    assert.deepEqual((changed?.after as { roles: unknown }).roles, ['user']);
    assert.equal((await audit(TENANT_B)).filter((a) => a.action === 'tenants_file.tenant_unlisted').length, 1);

    restart();
    assert.deepEqual((await service.reconcileTenants(FILE_B)).changes, [], 'file B again: nothing to do');
  });

  it('a tenant and a person listed again are served again, with their history', async () => {
    await service.reconcileTenants(FILE_A);
    restart();
    await service.reconcileTenants(FILE_B);
    restart();
    const report = await service.reconcileTenants(FILE_A);
    assert.deepEqual(report.changes.map((c) => `${c.tenantId} ${c.action} ${c.targetId}`), [
      `${TENANT_A} user_restored ${DEMO_USERS.megan}`,
      `${TENANT_A} user_changed ${DEMO_USERS.alex}`,
      `${TENANT_A} user_changed ${DEMO_USERS.lee}`,
      `${TENANT_B} tenant_restored ${TENANT_B}`,
    ]);
    assert.equal(await service.tenantServed(TENANT_B), true);
    assert.equal((await service.whoIs(as('megan', TENANT_B))).user.roles[0], 'global_admin');
    const megan = (await service.whoIs(as('megan'))).user;
    assert.equal(megan.removedAt, undefined);
    assert.deepEqual(megan.roles, ['global_admin']);
    assert.equal(await canPlaceOrder('megan'), true);
  });

  it('a large tenant is written in several units of work, every change with its audit entry', async () => {
    const many: Person[] = Array.from({ length: 130 }, (_, i) => ({ id: `user-${String(i).padStart(3, '0')}`, name: `Person ${i}`, roles: ['user'], licensed: i % 2 === 0 }));
    const report = await service.reconcileTenants([listing('tenant-big', many, 'Big Corp')]);
    assert.equal(report.changes.length, 131);
    assert.equal((await store.list('tenant-big', 'user', { limit: 1000 })).items.length, 130);
    assert.equal((await audit('tenant-big')).length, 131);
    assert.deepEqual((await service.reconcileTenants([listing('tenant-big', many, 'Big Corp')])).changes, []);
  });

  it('two instances reconciling at once make each change once', async () => {
    const other = new BillingService(store, clock, ids);
    const [one, two] = await Promise.all([service.reconcileTenants(FILE_A), other.reconcileTenants(FILE_A)]);
    assert.equal(one.changes.length + two.changes.length, 3);
    assert.equal((await audit(TENANT_A)).length + (await audit(TENANT_B)).length, 3);
    assert.equal((await store.list(DIRECTORY_PARTITION, 'tenant', { limit: 10 })).items.length, 2);
  });

  it('refuses listings no file could hold (the file is validated first; this is the domain’s own check)', async () => {
    await rejectsWith(service.reconcileTenants([listing(TENANT_B, [MEGAN]), listing(TENANT_B, [ALEX])]), 'invalid_input');
    await rejectsWith(service.reconcileTenants([listing(TENANT_B, [MEGAN, MEGAN])]), 'invalid_input');
    await rejectsWith(service.reconcileTenants([listing('bad/id', [MEGAN])]), 'invalid_input');
    await rejectsWith(service.reconcileTenants([listing(TENANT_B, [{ ...MEGAN, roles: [] }])]), 'invalid_input');
    assert.equal(await service.tenantExists(TENANT_B), false, 'nothing written');
  });

  it('a tenant the directory has never seen is not served, even if its rows exist (a local-mode demo tenant)', async () => {
    await service.reconcileTenants([listing(TENANT_B, [MEGAN], 'Fabrikam')]);
    assert.equal(await service.tenantExists(TENANT_A), true);
    assert.equal(await service.tenantServed(TENANT_A), false);
    assert.equal(await service.tenantServed('#directory'), false, 'the directory is not a tenant');
  });
});
