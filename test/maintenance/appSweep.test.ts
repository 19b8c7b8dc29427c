// The sweep as the app runs it: configured by SWEEP_INTERVAL_MINUTES, started once the server listens (never before),
// over the app's own SQLite files, and stopped by close().
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging.js';
import { SqliteBotStorage } from '../../src/store/sqliteBotStorage.js';
import { FakeClock } from '../support/fakeClock.js';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('the app\'s sweep', () => {
  let dir: string;
  let app: App | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'app-sweep-'));
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads SWEEP_INTERVAL_MINUTES: 60 by default, 0 for off, whole minutes only', () => {
    assert.equal(loadConfig({}).sweepIntervalMinutes, 60);
    assert.equal(loadConfig({ SWEEP_INTERVAL_MINUTES: '0' }).sweepIntervalMinutes, 0);
    assert.equal(loadConfig({ SWEEP_INTERVAL_MINUTES: '15' }).sweepIntervalMinutes, 15);
    for (const bad of ['-1', '1.5', 'hourly']) {
      assert.throws(() => loadConfig({ SWEEP_INTERVAL_MINUTES: bad }), (e: unknown) =>
        e instanceof ConfigError && e.problems.some((p) => p.startsWith('SWEEP_INTERVAL_MINUTES')), bad);
    }
  });

  async function appWithIdleConversation(interval: string): Promise<{ lines: Array<Record<string, unknown>> }> {
    const clock = new FakeClock('2026-01-01T00:00:00.000Z');
    const state = SqliteBotStorage.open(join(dir, 'state.db'), clock);
    await state.write({ 'msteams/conversations/a:idle': { n: 1, eTag: '*' }, 'msteams/users/u-1': { language: 'fr', eTag: '*' } });
    state.close();
    clock.advanceDays(31);
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        callback();
      },
    });
    app = await createApp(loadConfig({ DATA_DIR: dir, SWEEP_INTERVAL_MINUTES: interval }), createLogger('info', stream),
      { clock, sweepFirstDelayMs: 0 });
    return { lines };
  }

  async function keysLeft(): Promise<string[]> {
    const state = SqliteBotStorage.open(join(dir, 'state.db'));
    try {
      return Object.keys(await state.read(['msteams/conversations/a:idle', 'msteams/users/u-1']));
    } finally {
      state.close();
    }
  }

  it('sweeps the app\'s own files, only once the server listens; close() ends with it', async () => {
    const { lines } = await appWithIdleConversation('60');
    await delay(50);
    assert.equal(lines.filter((l) => l.msg === 'sweep').length, 0, 'nothing before listen');
    await app?.listen(0, '127.0.0.1');
    const deadline = Date.now() + 5_000;
    while (!lines.some((l) => l.msg === 'sweep') && Date.now() < deadline) await delay(10);
    assert.deepEqual(lines.filter((l) => l.msg === 'sweep').map((l) => l.conversations), [1]);
    await app?.close();
    app = undefined;
    assert.deepEqual(await keysLeft(), ['msteams/users/u-1']);
  });

  it('does not sweep with SWEEP_INTERVAL_MINUTES=0', async () => {
    const { lines } = await appWithIdleConversation('0');
    await app?.listen(0, '127.0.0.1');
    await delay(100);
    await app?.close();
    app = undefined;
    assert.equal(lines.filter((l) => l.msg === 'sweep').length, 0);
    assert.deepEqual((await keysLeft()).sort(), ['msteams/conversations/a:idle', 'msteams/users/u-1']);
  });
});
