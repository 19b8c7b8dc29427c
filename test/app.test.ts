// The composition root's start-up: what it puts off until the first answer, so that answer comes sooner.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logging.js';
import { FakeClock } from './support/fakeClock.js';

/** 'settled' if the promise settles within `ms`, else 'pending'. */
async function within(promise: Promise<unknown>, ms: number): Promise<'settled' | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'pending'>((resolve) => { timer = setTimeout(() => resolve('pending'), ms); });
  try {
    return await Promise.race([promise.then(() => 'settled' as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('App start-up', function () {
  this.timeout(20_000);
  let dir: string;
  let app: App;
  let base: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-app-'));
    app = await createApp(loadConfig({ DATA_DIR: dir }), createLogger('silent'), { clock: new FakeClock() });
    base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  });

  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('warms up (card templates, number recognizers) only once the first answer is out, then finishes', async () => {
    assert.equal(await within(app.warmedUp, 300), 'pending');
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(await within(app.warmedUp, 10_000), 'settled');
  });
});
