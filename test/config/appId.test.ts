// The server (loadConfig) and `npm run package` (loadPackageConfig) read MicrosoftAppId through one schema: a package is
// never built for an app id the server would refuse, nor refused for one the server accepts.
import assert from 'node:assert/strict';
import { AppIdT, PLACEHOLDER_APP_ID } from '../../src/config/appId.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { loadPackageConfig } from '../../src/config/packageConfig.js';

const ACCEPTED: [string, string][] = [
  ['3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10', '3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10'],
  ['3F2A9C1E-7B4D-4E8A-9C61-0D5E2B7A4F10', '3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10'],
  ['  11111111-2222-4333-8444-555555555555\n', '11111111-2222-4333-8444-555555555555'],
];
const REFUSED = [
  'my-bot',
  // Well-formed GUID shapes that are not RFC 9562 UUIDs (version 0, variant 0): the packager used to take these.
  '12345678-1234-0234-1234-123456789abc',
  '12345678-1234-1234-1234-123456789abc',
  '3f2a9c1e7b4d4e8a9c610d5e2b7a4f10',
  '{3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10}',
  '3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f1',
  '3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10x',
  'g3f2a9c1-7b4d-4e8a-9c61-0d5e2b7a4f10',
  PLACEHOLDER_APP_ID,
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
];

/** What the server makes of an app id: the id it would use, or the MicrosoftAppId problem it reports. */
function server(appId: string): { appId: string } | { problem: string } {
  try {
    const config = loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 's3cret', TENANTS_FILE: '/etc/addon/tenants.json' });
    assert.ok(config.auth, `production mode with ${appId}`);
    return { appId: config.auth.appId };
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    const problem = err.problems.find((p) => p.startsWith('MicrosoftAppId'));
    assert.ok(problem, `the server's only complaint about ${appId} is MicrosoftAppId: ${err.message}`);
    return { problem };
  }
}

/** What `npm run package` makes of it. */
function packager(appId: string): { appId: string } | { problem: string } {
  try {
    const config = loadPackageConfig({ MicrosoftAppId: appId });
    assert.ok(config.appId !== undefined);
    return { appId: config.appId };
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.problems.length, 1, err.message);
    return { problem: err.problems[0]! };
  }
}

describe('MicrosoftAppId: the server and the packager accept exactly the same ids', () => {
  for (const [given, normalized] of ACCEPTED) {
    it(`both accept ${JSON.stringify(given)} as ${normalized}`, () => {
      assert.deepEqual(server(given), { appId: normalized });
      assert.deepEqual(packager(given), { appId: normalized });
    });
  }

  for (const given of REFUSED) {
    it(`both refuse ${JSON.stringify(given)}, with the same message`, () => {
      const fromServer = server(given);
      assert.ok('problem' in fromServer, `the server refuses ${given}`);
      assert.deepEqual(packager(given), fromServer);
      assert.match(fromServer.problem, /^MicrosoftAppId: .*(GUID|placeholder)/);
    });
  }

  it('agrees with the shared schema on a thousand generated ids, well formed or nearly', () => {
    const hex = '0123456789abcdefABCDEF';
    let seed = 7;
    const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 1000; i += 1) {
      const groups = [8, 4, 4, 4, 12].map((len) => Array.from({ length: len + (next(20) === 0 ? 1 : 0) }, () => hex[next(hex.length)]).join(''));
      const id = groups.join(next(30) === 0 ? '_' : '-');
      const schema = AppIdT.safeParse(id);
      const fromServer = server(id);
      assert.equal('appId' in fromServer, schema.success, `server on ${id}`);
      assert.deepEqual(packager(id), fromServer, `packager on ${id}`);
    }
  });
});
