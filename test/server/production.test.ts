// Production mode: requests must be signed by the Bot Framework, and only tenants of TENANTS_FILE are served.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging.js';
import { FakeClock } from '../support/fakeClock.js';

describe('HTTP: production mode', function () {
  this.timeout(20_000);
  let dir: string;
  let app: App;
  let base: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-prod-'));
    const tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ id: 'tenant-fabrikam', name: 'Fabrikam', users: [{ id: 'admin-1', name: 'Ada', roles: ['global_admin'] }] }] }));
    const config = loadConfig({ DATA_DIR: dir, MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'not-used-offline', TENANTS_FILE: tenantsFile });
    app = await createApp(config, createLogger('silent'), { clock: new FakeClock() });
    base = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
  });

  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const activity = {
    type: 'message', id: 'p-1', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', text: 'buy storage add-on',
    from: { id: '29:x', aadObjectId: 'admin-1' }, recipient: { id: '28:bot' }, conversation: { id: 'c-1', tenantId: 'tenant-fabrikam' },
  };

  it('answers an unsigned request with 401 and changes nothing', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.equal(res.status, 401);
    const orders = await app.billing.listOrders({ tenantId: 'tenant-fabrikam', userId: 'admin-1' });
    assert.equal(orders.items.length, 0);
  });

  it('provisions only the tenants of TENANTS_FILE', async () => {
    assert.equal(await app.billing.tenantExists('tenant-fabrikam'), true);
    assert.equal(await app.billing.tenantExists('tenant-contoso'), false);
  });
});
