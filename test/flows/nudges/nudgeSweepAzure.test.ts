// Two instances of the bot over one Azure Storage account (Azurite): each its own Table Storage ledger client and Blob
// Storage bot state client, sweeping at the same moment. Each nudge goes out once; a failed one is retried once.
import assert from 'node:assert/strict';
import { BillingService } from '../../../src/domain/billingService.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { sweepNudges } from '../../../src/flows/nudges/nudgeSweep.js';
import { createLogger } from '../../../src/logging.js';
import { createAzureBotStorage, DEFAULT_BOT_STATE_CONTAINER } from '../../../src/store/azureBotStorage.js';
import { AzureTableLedgerStore, DEFAULT_LEDGER_TABLE } from '../../../src/store/azureLedgerStore.js';
import { DAY, HOUR, isoPlus, START } from '../../support/billingHarness.js';
import { useAzurite } from '../../support/azurite.js';
import { FakeClock } from '../../support/fakeClock.js';
import { FakeConnector } from '../../support/fakeConnector.js';
import { delivered, hasTalked, runNudgesScript, sweepDeps } from '../../support/nudgeSweeps.js';
import { SequentialIds } from '../../support/sequentialIds.js';

const REFUND_DUE = isoPlus(START, 4 * DAY - HOUR);
const TENANTS = ['tenant-1', 'tenant-2', 'tenant-3'];

describe('Nudge sweep on two instances over Azure Storage (Azurite)', function () {
  this.timeout(60_000);
  const connectionString = useAzurite();
  let connector: FakeConnector;
  let serviceUrl: string;
  let run = 0;

  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    run += 1;
  });

  afterEach(() => connector.stop());

  /** An instance: its own clients of the shared table and container, its own clock at the same instant. */
  async function instance(tableName: string, container: string) {
    const ledger = await AzureTableLedgerStore.open(connectionString(), { tableName });
    const clock = new FakeClock(REFUND_DUE);
    const billing = new BillingService(ledger, clock, new SequentialIds());
    const storage = createAzureBotStorage(connectionString(), container);
    return { ledger, clock, deps: sweepDeps(billing, storage, clock, createLogger('silent')) };
  }

  /** The tenants provisioned and their admins' chats saved, then two instances over them. */
  async function twoInstances(tableName = `nudges${process.pid}r${run}`, container = `nudges-${process.pid}-${run}`) {
    const ledger = await AzureTableLedgerStore.open(connectionString(), { tableName });
    const setup = new BillingService(ledger, new FakeClock(START), new SequentialIds());
    const storage = createAzureBotStorage(connectionString(), container);
    for (const tenant of TENANTS) {
      await setup.provisionDemoTenant(tenant);
      await hasTalked(storage, tenant, DEMO_USERS.megan, serviceUrl, 'en');
      await hasTalked(storage, tenant, DEMO_USERS.alex, serviceUrl, 'fr');
    }
    await ledger.close();
    return [await instance(tableName, container), await instance(tableName, container)] as const;
  }

  it('two sweeps at once send each nudge once', async () => {
    const [a, b] = await twoInstances();
    try {
      // Each instance posts one message at a time: the first answer waits until both are sending.
      connector.gatherMessages = 2;
      const reports = await Promise.all([sweepNudges(a.deps), sweepNudges(b.deps)]);
      const sent = reports.flatMap((r) => r.sent.map((s) => `${s.tenant} ${s.user}`)).sort();
      const expected = TENANTS.flatMap((t) => [DEMO_USERS.megan, DEMO_USERS.alex].map((u) => `${t} ${u}`)).sort();
      assert.deepEqual(sent, expected);
      assert.ok(reports.every((r) => r.sent.length > 0), 'both instances sent some');
      assert.equal(connector.postsReceived, expected.length);
      assert.equal(new Set(delivered(connector)).size, expected.length);
      assert.deepEqual((await Promise.all([sweepNudges(a.deps), sweepNudges(b.deps)])).map((r) => r.sent.length), [0, 0]);
    } finally {
      await a.ledger.close();
      await b.ledger.close();
    }
  });

  it('a send refused with a 5xx is retried by a later sweep of either instance and delivered once', async () => {
    const [a, b] = await twoInstances();
    try {
      connector.failNext = [500];
      const first = await sweepNudges(a.deps);
      assert.deepEqual([first.sent.length, first.failed], [TENANTS.length * 2 - 1, 1]);
      b.clock.advance(HOUR / 2);
      a.clock.advance(HOUR / 2);
      const retries = await Promise.all([sweepNudges(a.deps), sweepNudges(b.deps)]);
      assert.deepEqual(retries.map((r) => r.sent.length).sort(), [0, 1]);
      assert.equal(new Set(delivered(connector)).size, TENANTS.length * 2);
      assert.equal(delivered(connector).length, TENANTS.length * 2);
    } finally {
      await a.ledger.close();
      await b.ledger.close();
    }
  });

  it('npm run nudges with STORAGE=azure sweeps the configured account, alongside a running instance', async () => {
    const [a] = await twoInstances(DEFAULT_LEDGER_TABLE, DEFAULT_BOT_STATE_CONTAINER);
    try {
      connector.gatherMessages = 2;
      const running = runNudgesScript('unused', ['--now', REFUND_DUE], { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: connectionString() });
      // Once the script is up and its first message waits for a second sender, the instance sweeps too.
      const deadline = Date.now() + 30_000;
      while (connector.postsReceived === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      const [script, inProcess] = await Promise.all([running, sweepNudges(a.deps)]);
      assert.equal(script.code, 0, script.stderr);
      const printed = script.lines.filter((l) => 'kind' in l).map((l) => `${String(l.tenant)} ${String(l.user)}`);
      const sent = [...printed, ...inProcess.sent.map((s) => `${s.tenant} ${s.user}`)].sort();
      assert.deepEqual(sent, TENANTS.flatMap((t) => [DEMO_USERS.megan, DEMO_USERS.alex].map((u) => `${t} ${u}`)).sort());
      assert.deepEqual(script.lines.at(-1), { now: REFUND_DUE, sent: printed.length, failed: 0, complete: true });
      assert.equal(connector.postsReceived, TENANTS.length * 2);
    } finally {
      await a.ledger.close();
    }
  });
});
