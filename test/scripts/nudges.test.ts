// `npm run nudges -- --now <ISO time>` as a deployment or a demo runs it: a process of its own against a DATA_DIR
// holding the demo tenant and the admins' saved personal chats, sending to a loopback fake connector. Its output, its
// exit codes, and two of it at once on one SQLite file: each nudge once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { SqliteBotStorage } from '../../src/store/sqliteBotStorage.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { DAY, HOUR, isoPlus, START } from '../support/billingHarness.js';
import { FakeClock } from '../support/fakeClock.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { hasTalked, messageLine, runNudgesScript as runScript } from '../support/nudgeSweeps.js';
import { SequentialIds } from '../support/sequentialIds.js';

const AUDIO_START = isoPlus(START, -3 * DAY);
const REFUND_DUE = isoPlus(AUDIO_START, 7 * DAY - HOUR);

/** Demo tenants provisioned in the DATA_DIR's ledger, Megan (French) and Alex (English) having talked to the bot in each. */
async function seed(dataDir: string, tenants: readonly string[], serviceUrl: string): Promise<void> {
  const ledger = SqliteLedgerStore.open(join(dataDir, 'ledger.db'));
  const billing = new BillingService(ledger, new FakeClock(START), new SequentialIds());
  for (const tenant of tenants) await billing.provisionDemoTenant(tenant);
  await ledger.close();
  const state = SqliteBotStorage.open(join(dataDir, 'state.db'));
  for (const tenant of tenants) {
    await hasTalked(state, tenant, DEMO_USERS.megan, serviceUrl, 'fr');
    await hasTalked(state, tenant, DEMO_USERS.alex, serviceUrl, 'en');
  }
  state.close();
}

describe('npm run nudges', function () {
  this.timeout(60_000);
  let dir: string;
  let connector: FakeConnector;
  let serviceUrl: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nudges-script-'));
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });

  afterEach(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends what is due at --now, prints one JSON line per nudge sent and a summary, exits 0; a second run sends nothing', async () => {
    await seed(dir, ['local-demo-tenant'], serviceUrl);
    const run = await runScript(dir, ['--now', REFUND_DUE]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [
      { tenant: 'local-demo-tenant', user: DEMO_USERS.alex, kind: 'refund_window', subscription: 'sub-audio-conferencing' },
      { tenant: 'local-demo-tenant', user: DEMO_USERS.megan, kind: 'refund_window', subscription: 'sub-audio-conferencing' },
      { now: REFUND_DUE, sent: 2, failed: 0, complete: true },
    ]);
    const texts = connector.sent.map((a) => [a.conversationId, messageLine(a.body)]);
    assert.equal(texts.length, 2);
    assert.deepEqual(texts.map(([conversation]) => conversation), [`a:${DEMO_USERS.alex}`, `a:${DEMO_USERS.megan}`]);
    assert.match(texts[0]?.[1] ?? '', /^Audio Conferencing: 6 of 10 licenses unassigned$/, 'Alex speaks English');
    assert.match(texts[1]?.[1] ?? '', /^Audioconférence : 6 licences sur 10 non attribuées$/, 'Megan speaks French');

    const again = await runScript(dir, ['--now', isoPlus(REFUND_DUE, HOUR / 2)]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.lines, [{ now: isoPlus(REFUND_DUE, HOUR / 2), sent: 0, failed: 0, complete: true }]);
    assert.equal(connector.sent.length, 2);
  });

  it('two sweeps at once on one SQLite file (two processes) send each nudge once', async () => {
    const tenants = Array.from({ length: 6 }, (_, i) => `tenant-${i}`);
    await seed(dir, tenants, serviceUrl);
    // Each process posts one message at a time: the first answer waits until both processes are sending.
    connector.gatherMessages = 2;
    const runs = await Promise.all([runScript(dir, ['--now', REFUND_DUE]), runScript(dir, ['--now', REFUND_DUE])]);
    assert.deepEqual(runs.map((r) => r.code), [0, 0], runs.map((r) => r.stderr).join('\n'));
    const sent = runs.flatMap((r) => r.lines.filter((l) => 'kind' in l));
    const expected = tenants.flatMap((tenant) => [DEMO_USERS.megan, DEMO_USERS.alex].map((user) => `${tenant} ${user}`)).sort();
    assert.deepEqual(sent.map((l) => `${String(l.tenant)} ${String(l.user)}`).sort(), expected, 'each nudge reported once, by one process');
    assert.equal(connector.postsReceived, expected.length, 'each nudge posted once');
    assert.deepEqual(runs.map((r) => r.lines.at(-1)?.sent).reduce((a, b) => Number(a) + Number(b), 0), expected.length);
    assert.ok(runs.every((r) => Number(r.lines.at(-1)?.sent) > 0), 'both processes sent some');
  });

  it('refuses bad arguments and configuration with exit code 2', async () => {
    for (const args of [['--now', '2026-11-26'], ['--later']]) {
      const run = await runScript(dir, args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, /usage: npm run nudges/);
      assert.deepEqual(run.lines, []);
    }
    const azure = await runScript(dir, ['--now', REFUND_DUE], { STORAGE: 'azure' });
    assert.equal(azure.code, 2);
    assert.match(azure.stderr, /AZURE_STORAGE_CONNECTION_STRING is required/);
  });
});
