// The tenant gate of local mode: whoever talks gets the demo tenant, and a demo tenant set up by a version that did not
// record its provisioned tenants is recorded (so the nudge sweep visits it) once per process, not on every turn.
import assert from 'node:assert/strict';
import { TestAdapter, type Activity } from 'botbuilder';
import { TenantGate } from '../../src/bot/tenantGate.js';
import { BillingService } from '../../src/domain/billingService.js';
import type { CommitResult, UnitOfWork } from '../../src/domain/ports.js';
import { demoTenantSeed, PROVISIONED_PARTITION } from '../../src/domain/useCases/tenants.js';
import { insertOp } from '../../src/domain/writes.js';
import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { START } from '../support/billingHarness.js';
import { FakeClock } from '../support/fakeClock.js';
import { SequentialIds } from '../support/sequentialIds.js';

const TENANT = 'playground-tenant';

/** A memory ledger that notes the partition of every commit. */
class CommitCountingLedger extends MemoryLedgerStore {
  readonly commits: string[] = [];

  override commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    this.commits.push(tenantId);
    return super.commit(tenantId, unit);
  }
}

/** The demo tenant as a version without the record of provisioned tenants wrote it: one claimed unit, no record. */
async function provisionedWithoutRecord(ledger: MemoryLedgerStore, now: Date): Promise<void> {
  const seed = demoTenantSeed(TENANT, now);
  const result = await ledger.commit(TENANT, {
    claim: { key: 'provision', outcome: { kind: 'tenant_provisioned', tenantId: TENANT }, at: now.toISOString() },
    writes: [
      insertOp('tenant', { ...seed.tenant, createdAt: now.toISOString() }),
      ...seed.users.map((u) => insertOp('user', { ...u, tenantId: TENANT })),
      ...seed.paymentMethods.map((pm) => insertOp('payment_method', pm)),
      ...seed.subscriptions.map((s) => insertOp('subscription', s)),
    ],
  });
  assert.equal(result.status, 'committed');
}

function gateOver(billing: BillingService): TestAdapter {
  return new TestAdapter(async (context) => { await context.sendActivity('ok'); })
    .use(new TenantGate({ localMode: true, billing, refuse: () => Promise.resolve() }));
}

function message(text: string): Partial<Activity> {
  return {
    type: 'message', text, from: { id: 'user-id-0', name: 'Playground user' },
    conversation: { id: 'pg', tenantId: TENANT, isGroup: false, conversationType: 'personal', name: '' },
  };
}

describe('TenantGate in local mode', () => {
  it('a demo tenant set up before provisioned tenants were recorded is recorded at its first turn, once per process', async () => {
    const ledger = new CommitCountingLedger();
    const billing = new BillingService(ledger, new FakeClock(START), new SequentialIds());
    await provisionedWithoutRecord(ledger, new Date(START));
    assert.deepEqual(await billing.sweptTenants(), [], 'not swept before');

    const adapter = gateOver(billing);
    await adapter.processActivity(message('hello'), undefined);
    assert.deepEqual(await billing.sweptTenants(), [TENANT], 'swept after its first turn');
    assert.equal(ledger.commits.filter((p) => p === PROVISIONED_PARTITION).length, 1);
    // Nothing else of the tenant was written again: its subscriptions are the ones first written.
    assert.equal((await ledger.get(TENANT, 'subscription', 'sub-audio-conferencing'))?.value.termStart,
      demoTenantSeed(TENANT, new Date(START)).subscriptions.find((s) => s.id === 'sub-audio-conferencing')?.termStart);

    for (const text of ['my add-ons', 'help', 'what renews this month?']) await adapter.processActivity(message(text), undefined);
    assert.equal(ledger.commits.filter((p) => p === PROVISIONED_PARTITION).length, 1, 'no record written on the later turns');

    // A new process (a new gate) records again, once: the record is insert-once, so the ledger holds it once.
    const restarted = gateOver(billing);
    await restarted.processActivity(message('hello again'), undefined);
    await restarted.processActivity(message('help'), undefined);
    assert.equal(ledger.commits.filter((p) => p === PROVISIONED_PARTITION).length, 2);
    assert.deepEqual(await billing.sweptTenants(), [TENANT]);
  });

  it('a tenant never seen is provisioned with its record at its first turn', async () => {
    const ledger = new CommitCountingLedger();
    const billing = new BillingService(ledger, new FakeClock(START), new SequentialIds());
    await gateOver(billing).processActivity(message('hello'), undefined);
    assert.equal(await billing.tenantExists(TENANT), true);
    assert.deepEqual(await billing.sweptTenants(), [TENANT]);
  });
});
