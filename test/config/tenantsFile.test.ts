// TENANTS_FILE: its format (validated with zod, every problem on one line), the example shipped at the repo root,
// and the watcher that notices an edit while the bot runs.
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTenantsFile, readTenantsFileText } from '../../src/config/tenantsFile.js';
import { watchTenantsFile, type TenantsFileWatcher } from '../../src/config/tenantsFileWatcher.js';

/** From dist/test/config/ to the repo root. */
const EXAMPLE = fileURLToPath(new URL('../../../tenants.example.json', import.meta.url));
const ADA = { id: '6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60', name: 'Ada', roles: ['global_admin'] };

function fileWith(tenants: unknown): string {
  return JSON.stringify({ tenants });
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('TENANTS_FILE', () => {
  describe('format', () => {
    it('reads tenants with defaults: worldwide cloud, USD, licensed users', () => {
      const [tenant] = parseTenantsFile('t.json', fileWith([{ id: 'tenant-fabrikam', name: 'Fabrikam', users: [ADA] }]));
      assert.deepEqual(tenant, {
        tenant: { id: 'tenant-fabrikam', name: 'Fabrikam', cloud: 'worldwide', currency: 'USD' },
        users: [{ ...ADA, licensed: true }],
      });
    });

    it('the example at the repo root is valid, with realistic ids, roles, clouds and currencies', () => {
      const listings = parseTenantsFile(EXAMPLE, readTenantsFileText(EXAMPLE));
      assert.ok(listings.length >= 2);
      const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      for (const { tenant, users } of listings) {
        assert.match(tenant.id, guid);
        for (const user of users) assert.match(user.id, guid);
      }
      const roles = new Set(listings.flatMap((l) => l.users.flatMap((u) => u.roles)));
      assert.deepEqual([...roles].sort(), ['billing_admin', 'global_admin', 'license_admin', 'user']);
      assert.ok(new Set(listings.map((l) => l.tenant.currency)).size > 1, 'more than one currency');
    });

    it('says every problem at once, on one line, with where it is', () => {
      const text = fileWith([
        { id: 'tenant-a', name: 'A', cloud: 'moon', users: [ADA, { ...ADA, id: 'someone-else', roles: ['owner'] }] },
        { id: 'tenant-b', name: 'B', currency: 'XYZ', users: [] },
        { id: 'has space', name: 'B', users: [{ ...ADA, role: 'global_admin' }] },
      ]);
      assert.throws(() => parseTenantsFile('/etc/addon/tenants.json', text), (error: Error) => {
        assert.doesNotMatch(error.message, /\n/);
        assert.match(error.message, /^TENANTS_FILE \/etc\/addon\/tenants.json: /);
        for (const where of ['tenants.0.cloud', 'tenants.0.users.1.roles.0', 'tenants.1.currency', 'tenants.1.users', 'tenants.2.id',
          'tenants.2.users.0: Unrecognized key: "role"']) {
          assert.ok(error.message.includes(where), `${where} in ${error.message}`);
        }
        return true;
      });
    });

    it('a tenant or a person listed twice', () => {
      assert.throws(() => parseTenantsFile('t.json', fileWith([{ id: 'tenant-a', name: 'A', users: [ADA, ADA] }])),
        { message: `TENANTS_FILE t.json: tenants.0.users.1.id: user ${ADA.id} is listed twice` });
      assert.throws(() => parseTenantsFile('t.json', fileWith([{ id: 'tenant-a', name: 'A', users: [ADA] }, { id: 'tenant-a', name: 'A2', users: [ADA] }])),
        { message: 'TENANTS_FILE t.json: tenants.1.id: tenant tenant-a is listed twice' });
    });

    it('not JSON, or not there: one line naming the file', () => {
      assert.throws(() => parseTenantsFile('t.json', '{ "tenants": ['), { message: 'TENANTS_FILE t.json: not valid JSON (Unexpected end of JSON input)' });
      assert.throws(() => parseTenantsFile('t.json', '{}'), /TENANTS_FILE t.json: tenants: /);
      assert.throws(() => readTenantsFileText('/nonexistent/tenants.json'), { message: 'TENANTS_FILE /nonexistent/tenants.json: cannot be read (ENOENT)' });
    });
  });

  describe('watcher', () => {
    let dir: string;
    let path: string;
    let watcher: TenantsFileWatcher | undefined;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'addon-tenants-watch-'));
      path = join(dir, 'tenants.json');
      writeFileSync(path, 'first');
    });

    afterEach(async () => {
      await watcher?.close();
      watcher = undefined;
      rmSync(dir, { recursive: true, force: true });
    });

    it('hands over each new text once, after an in-place write and after a file renamed over it', async () => {
      const seen: string[] = [];
      watcher = watchTenantsFile(path, {
        initialText: 'first', debounceMs: 50, pollMs: 60_000,
        onChange: (text) => { seen.push(text); return Promise.resolve(); },
        onUnreadable: () => assert.fail('readable'), onFailure: () => assert.fail('no failure'),
      });
      writeFileSync(path, 'second');
      await until(() => seen.length === 1, 'the in-place write');
      writeFileSync(join(dir, 'tenants.json.tmp'), 'third');
      renameSync(join(dir, 'tenants.json.tmp'), path);
      await until(() => seen.length === 2, 'the rename');
      writeFileSync(join(dir, 'other.json'), 'not ours');
      writeFileSync(path, 'third');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(seen, ['second', 'third'], 'the same text again and another file are no change');
    });

    it('polls too, for file systems that send no events', async () => {
      const seen: string[] = [];
      // The file already differs from what was applied and no event will come: only the poll can find it.
      watcher = watchTenantsFile(path, {
        initialText: 'before', debounceMs: 10, pollMs: 100,
        onChange: (text) => { seen.push(text); return Promise.resolve(); },
        onUnreadable: () => assert.fail('readable'), onFailure: () => assert.fail('no failure'),
      });
      await until(() => seen.length === 1, 'the poll');
      assert.deepEqual(seen, ['first']);
    });

    it('a missing file is said once and changes nothing; a failed apply is tried again', async () => {
      const seen: string[] = [];
      const unreadable: string[] = [];
      const failures: unknown[] = [];
      let failNext = true;
      watcher = watchTenantsFile(path, {
        initialText: 'first', debounceMs: 20, pollMs: 80,
        onChange: (text) => {
          seen.push(text);
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('storage down'));
          }
          return Promise.resolve();
        },
        onUnreadable: (code) => unreadable.push(code), onFailure: (error) => failures.push(error),
      });
      rmSync(path);
      await until(() => unreadable.length === 1, 'the missing file');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(unreadable, ['ENOENT'], 'once per outage, not at every poll');
      assert.deepEqual(seen, []);
      writeFileSync(path, 'second');
      await until(() => seen.length === 2, 'the retry after a failed apply');
      assert.deepEqual(seen, ['second', 'second']);
      assert.equal(failures.length, 1);
    });
  });
});
