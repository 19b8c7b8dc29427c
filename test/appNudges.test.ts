// The nudge sweep as the app runs it: configured by NUDGE_INTERVAL_MINUTES, started once the server listens (never
// before), over the app's own SQLite files and through its own proactive path, stopped by close().
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { BillingService } from '../src/domain/billingService.js';
import { DEMO_USERS } from '../src/domain/useCases/tenants.js';
import { SqliteBotStorage } from '../src/store/sqliteBotStorage.js';
import { SqliteLedgerStore } from '../src/store/sqliteLedgerStore.js';
import { DAY, HOUR, isoPlus, START } from './support/billingHarness.js';
import { FakeClock } from './support/fakeClock.js';
import { FakeConnector } from './support/fakeConnector.js';
import { captureLog } from './support/logCapture.js';
import { delivered, hasTalked } from './support/nudgeSweeps.js';
import { SequentialIds } from './support/sequentialIds.js';

const TENANT = 'local-demo-tenant';
const REFUND_DUE = isoPlus(START, 4 * DAY - HOUR);

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the app\'s nudges', () => {
  let dir: string;
  let app: App | undefined;
  let connector: FakeConnector;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'app-nudges-'));
    connector = new FakeConnector();
    const serviceUrl = await connector.start();
    const ledger = SqliteLedgerStore.open(join(dir, 'ledger.db'));
    await new BillingService(ledger, new FakeClock(START), new SequentialIds()).provisionDemoTenant(TENANT);
    await ledger.close();
    const state = SqliteBotStorage.open(join(dir, 'state.db'));
    await hasTalked(state, TENANT, DEMO_USERS.megan, serviceUrl, 'en');
    state.close();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads NUDGE_INTERVAL_MINUTES: 60 by default, 0 for off, whole minutes up to a week only', () => {
    assert.equal(loadConfig({}).nudgeIntervalMinutes, 60);
    assert.equal(loadConfig({ NUDGE_INTERVAL_MINUTES: '0' }).nudgeIntervalMinutes, 0);
    assert.equal(loadConfig({ NUDGE_INTERVAL_MINUTES: '15' }).nudgeIntervalMinutes, 15);
    for (const bad of ['-1', '1.5', 'hourly', '10081']) {
      assert.throws(() => loadConfig({ NUDGE_INTERVAL_MINUTES: bad }), (e: unknown) =>
        e instanceof ConfigError && e.problems.some((p) => p.startsWith('NUDGE_INTERVAL_MINUTES')), bad);
    }
  });

  async function startApp(interval: string) {
    const log = captureLog();
    app = await createApp(loadConfig({ DATA_DIR: dir, NUDGE_INTERVAL_MINUTES: interval, SWEEP_INTERVAL_MINUTES: '0' }), log.logger,
      { clock: new FakeClock(REFUND_DUE), nudgeFirstDelayMs: 0 });
    return log;
  }

  it('sends due nudges once the server listens, never before; close() ends the schedule', async () => {
    const log = await startApp('60');
    await delay(100);
    assert.equal(connector.postsReceived, 0, 'nothing before listen');
    await app?.listen(0, '127.0.0.1');
    const deadline = Date.now() + 10_000;
    while (delivered(connector).length === 0 && Date.now() < deadline) await delay(20);
    await app?.close();
    app = undefined;
    assert.equal(delivered(connector).length, 1);
    assert.match(delivered(connector)[0] ?? '', /^Audio Conferencing: 6 of 10 licenses unassigned$/);
    assert.ok(log.lines.some((l) => l.msg === 'nudge sweep' && l.sent === 1));
  });

  it('sends nothing with NUDGE_INTERVAL_MINUTES=0', async () => {
    await startApp('0');
    await app?.listen(0, '127.0.0.1');
    await delay(200);
    assert.equal(connector.postsReceived, 0);
  });
});
