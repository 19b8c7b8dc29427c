import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('configuration from the environment', () => {
  it('runs in local mode with defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.dataDir, './data');
    assert.equal(config.storage, 'sqlite');
    assert.equal(config.localMode, true);
    assert.equal(config.auth, null);
    assert.equal(config.logLevel, 'info');
  });

  it('treats empty variables as unset (what `npm run dev` passes)', () => {
    assert.equal(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '', PORT: '' }).localMode, true);
  });

  it('goes to production mode with an app id, a secret and a tenants file', () => {
    const config = loadConfig({ MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 's3cret', TENANTS_FILE: '/etc/tenants.json' });
    assert.equal(config.localMode, false);
    assert.equal(config.auth?.appId, '11111111-2222-4333-8444-555555555555');
  });

  it('names every bad variable on its own line, without echoing secrets', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty', STORAGE: 'postgres', LOG_LEVEL: 'loud', MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'hunter2' }), (e) => {
      assert.ok(e instanceof ConfigError);
      const text = e.message;
      for (const name of ['PORT', 'STORAGE', 'LOG_LEVEL', 'MicrosoftAppId']) assert.ok(text.includes(name), `${name} named in ${text}`);
      assert.ok(!text.includes('hunter2'));
      return true;
    });
  });

  it('requires the connection string for Azure, and the tenants file and secret in production', () => {
    assert.throws(() => loadConfig({ STORAGE: 'azure' }), /AZURE_STORAGE_CONNECTION_STRING/);
    assert.throws(() => loadConfig({ MicrosoftAppId: '11111111-2222-4333-8444-555555555555' }), (e) => {
      assert.ok(e instanceof ConfigError);
      assert.ok(e.message.includes('TENANTS_FILE') && e.message.includes('MicrosoftAppPassword'));
      return true;
    });
    assert.throws(() => loadConfig({ MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: 'x', TENANTS_FILE: 'f',
      MicrosoftAppType: 'SingleTenant' }), /MicrosoftAppTenantId/);
  });
});
