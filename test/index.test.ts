// Starting the real process (`node dist/src/index.js`): what it refuses to start with (one line on stderr, exit code
// 1, no stack trace) and the address it listens on (read with `ss`, without sending it anything).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess, startExpectingExit, type FailedStart } from './support/botProcess.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';

/** The local addresses listening on this TCP port, as `ss` shows them (e.g. "127.0.0.1:3978"). */
function listeningAddresses(port: number): string[] {
  const out = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim()).map((l) => l.trim().split(/\s+/)[3] ?? '');
}

/** Exactly one line on stderr, nothing like a stack trace, exit code 1; returns the line. */
function oneLine(result: FailedStart): string {
  assert.equal(result.code, 1, `exit code: ${result.code} ${result.stderr}`);
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !/DEP0111|--trace-deprecation/.test(l));
  assert.equal(lines.length, 1, `one line: ${result.stderr}`);
  assert.ok(!/^\s+at /m.test(result.stderr), `no stack trace: ${result.stderr}`);
  assert.ok(!result.stdout.includes('listening'), 'never listened');
  return lines[0] ?? '';
}

describe('starting the bot process', function () {
  this.timeout(60_000);
  let dir: string;
  let tenantsFile: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'addon-start-'));
    tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ id: 'tenant-fabrikam', name: 'Fabrikam', users: [{ id: 'a-1', name: 'Ada', roles: ['global_admin'] }] }] }));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('refuses, in one line', () => {
    it('production variables without MicrosoftAppId (it would be local mode: no authentication)', async () => {
      const line = oneLine(await startExpectingExit({ DATA_DIR: join(dir, 'data-a'), MicrosoftAppPassword: 'hunter2-secret', TENANTS_FILE: tenantsFile }));
      assert.equal(line, 'Invalid configuration: MicrosoftAppId is empty but MicrosoftAppPassword, TENANTS_FILE are set: refusing to start in local mode '
        + '(no authentication) with production settings; set MicrosoftAppId, or unset them for local mode.');
      assert.ok(!line.includes('hunter2'));
    });

    it('a PORT already in use', async () => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const address = taken.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const line = oneLine(await startExpectingExit({ DATA_DIR: join(dir, 'data-b'), PORT: String(port) }));
        assert.equal(line, `Add-on Assistant cannot start: port ${port} is already in use on 127.0.0.1 (PORT): stop the other process or choose another PORT`);
      } finally {
        await new Promise<void>((resolve) => taken.close(() => resolve()));
      }
    });

    it('a DATA_DIR that is a file', async () => {
      const file = join(dir, 'not-a-folder');
      writeFileSync(file, 'x');
      const line = oneLine(await startExpectingExit({ DATA_DIR: file }));
      assert.equal(line, `Add-on Assistant cannot start: DATA_DIR ${file} cannot be used: it is not a folder`);
    });

    it('a DATA_DIR whose database files cannot be opened', async () => {
      const data = join(dir, 'data-c');
      mkdirSync(join(data, 'ledger.db'), { recursive: true });
      const line = oneLine(await startExpectingExit({ DATA_DIR: data }));
      assert.equal(line, `Add-on Assistant cannot start: DATA_DIR ${data} cannot be used: ledger.db or state.db there cannot be opened as a database file`);
      const garbage = join(dir, 'data-d');
      mkdirSync(garbage);
      writeFileSync(join(garbage, 'ledger.db'), 'this is not a SQLite database, but a file of the same name '.repeat(100));
      assert.equal(oneLine(await startExpectingExit({ DATA_DIR: garbage })),
        `Add-on Assistant cannot start: DATA_DIR ${garbage} cannot be used: ledger.db or state.db there is not a database this bot wrote`);
    });
  });

  describe('listens', () => {
    async function withBot(env: Record<string, string>, check: (bot: BotProcess) => void | Promise<void>): Promise<void> {
      const bot = await BotProcess.start({ name: 'bot', logFile: join(dir, 'bot.log'), env });
      try {
        await check(bot);
      } finally {
        await bot.stop();
      }
    }
    const warnings = (bot: BotProcess) => bot.lines.filter((l) => l.includes('local mode has no authentication'));

    it('on 127.0.0.1 only in local mode', async () => {
      await withBot({ DATA_DIR: join(dir, 'data-local') }, async (bot) => {
        assert.deepEqual(listeningAddresses(bot.port), [`127.0.0.1:${bot.port}`]);
        assert.equal(await bot.healthy(), true);
        assert.deepEqual(warnings(bot), []);
      });
    });

    it('where HOST says in local mode, with one warning that it has no authentication', async () => {
      await withBot({ DATA_DIR: join(dir, 'data-host'), HOST: '0.0.0.0' }, (bot) => {
        assert.deepEqual(listeningAddresses(bot.port), [`0.0.0.0:${bot.port}`]);
        assert.equal(warnings(bot).length, 1, bot.lines.join('\n'));
        const warning = JSON.parse(warnings(bot)[0] ?? '{}') as { level?: number; host?: string };
        assert.equal(warning.level, 40, 'a warning');
        assert.equal(warning.host, '0.0.0.0');
      });
    });

    it('on every interface in production mode (authenticated), for App Service and containers', async () => {
      await withBot({ DATA_DIR: join(dir, 'data-prod'), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', TENANTS_FILE: tenantsFile }, (bot) => {
        assert.deepEqual(listeningAddresses(bot.port), [`0.0.0.0:${bot.port}`]);
        assert.deepEqual(warnings(bot), []);
      });
    });
  });
});
