import assert from 'node:assert/strict';
import { ConfigError, loadConfig, PRODUCTION_VARIABLES } from '../../src/config/config.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';

/** The problems loadConfig reports for an environment (none: it loads). */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
}

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

  it('refuses to start in local mode with any production variable but no MicrosoftAppId, in one line naming it', () => {
    const values: Record<(typeof PRODUCTION_VARIABLES)[number], string> = {
      MicrosoftAppPassword: 'hunter2-secret', MicrosoftAppTenantId: 'aaaaaaaa-2222-4333-8444-555555555555', MicrosoftAppType: 'MultiTenant',
      TENANTS_FILE: '/etc/addon/tenants.json', BotOpenIdMetadata: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    };
    for (const [name, value] of Object.entries(values)) {
      for (const appId of [undefined, '', '  ']) {
        const problems = problemsOf({ [name]: value, ...(appId === undefined ? {} : { MicrosoftAppId: appId }) });
        assert.equal(problems.length, 1, `${name}: ${problems.join(' | ')}`);
        const [problem = ''] = problems;
        assert.match(problem, new RegExp(`^MicrosoftAppId is empty but ${name} is set: refusing to start in local mode \\(no authentication\\)`));
        assert.ok(!problem.includes(value), `the value of ${name} is not echoed`);
      }
    }
    assert.deepEqual(problemsOf({ MicrosoftAppPassword: 'hunter2-secret', TENANTS_FILE: 'f', MicrosoftAppType: 'SingleTenant' }),
      ['MicrosoftAppId is empty but MicrosoftAppPassword, MicrosoftAppType, TENANTS_FILE are set: refusing to start in local mode (no authentication) '
        + 'with production settings; set MicrosoftAppId, or unset them for local mode']);
    // Empty production variables are unset: what `npm run dev` and a copied .env.example pass.
    assert.equal(loadConfig({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: ' ', MicrosoftAppType: '', TENANTS_FILE: '' }).localMode, true);
  });

  it('reports every problem at once, in plain words, without echoing a value', () => {
    const problems = problemsOf({
      PORT: 'eighty', HOST: 'http://0.0.0.0:80/', STORAGE: 'postgres', LOG_LEVEL: 'loud', MicrosoftAppId: 'not-a-guid', MicrosoftAppPassword: 'hunter2',
      MicrosoftAppType: 'Anything', DEV_ACT_AS: 'mallory', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0',
    });
    assert.deepEqual(problems, [
      'PORT must be a number from 1 to 65535 (or 0 for any free port)',
      'HOST must be an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0',
      'STORAGE must be sqlite or azure',
      'MicrosoftAppId: must be the bot\'s app registration id, a GUID such as 3f2a9c1e-7b4d-4e8a-9c61-0d5e2b7a4f10',
      'MicrosoftAppType must be MultiTenant, SingleTenant, UserAssignedMSI',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      'DEV_ACT_AS must be one of megan, alex, lee, adele',
      'DEV_ACT_AS is for local mode only (no MicrosoftAppId)',
      'TENANTS_FILE is required in production mode (MicrosoftAppId set): only the tenants listed there are served',
    ]);
    const message = (() => {
      try {
        loadConfig({ PORT: '70000', MicrosoftAppPassword: 'hunter2', AZURE_STORAGE_CONNECTION_STRING: 'AccountKey=c2VjcmV0' });
        return '';
      } catch (error) {
        return error instanceof Error ? error.message : '';
      }
    })();
    assert.equal(message, 'Invalid configuration: PORT must be a number from 1 to 65535 (or 0 for any free port).\n'
      + 'Invalid configuration: MicrosoftAppId is empty but MicrosoftAppPassword is set: refusing to start in local mode (no authentication) '
      + 'with production settings; set MicrosoftAppId, or unset them for local mode.');
  });

  it('takes PORT as a plain number from 0 to 65535 only', () => {
    for (const port of ['eighty', '70000', '65536', '-1', '1e3', '0x10', '80.5', '80 80']) {
      assert.deepEqual(problemsOf({ PORT: port }), ['PORT must be a number from 1 to 65535 (or 0 for any free port)'], port);
    }
    assert.equal(loadConfig({ PORT: ' 8080 ' }).port, 8080);
    assert.equal(loadConfig({ PORT: '0' }).port, 0);
    assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
  });

  it('listens on loopback in local mode and on every interface in production, unless HOST says otherwise', () => {
    const production = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', TENANTS_FILE: 'f' };
    assert.equal(loadConfig({}).host, '127.0.0.1');
    assert.equal(loadConfig({}).exposedWithoutAuth, false);
    assert.equal(loadConfig(production).host, '0.0.0.0');
    assert.equal(loadConfig({ ...production, HOST: '10.0.0.4' }).host, '10.0.0.4');
    assert.equal(loadConfig(production).exposedWithoutAuth, false, 'production authenticates every request');
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'bot.contoso.com']) {
      assert.equal(loadConfig({ HOST: host }).host, host);
      assert.equal(loadConfig({ HOST: host }).exposedWithoutAuth, true, host);
    }
    for (const host of ['127.0.0.1', '::1', 'localhost']) assert.equal(loadConfig({ HOST: host }).exposedWithoutAuth, false, host);
    for (const host of ['http://0.0.0.0', '0.0.0.0:80', 'a b', '-bad-.example']) {
      assert.deepEqual(problemsOf({ HOST: host }), ['HOST must be an IP address or host name to listen on, such as 127.0.0.1 or 0.0.0.0'], host);
    }
  });

  it('takes BotOpenIdMetadata in production mode only, as an http(s) URL', () => {
    const production = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', TENANTS_FILE: 'f' };
    assert.equal(loadConfig(production).auth?.openIdMetadataUrl, undefined);
    assert.equal(loadConfig({ ...production, BotOpenIdMetadata: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration' }).auth?.openIdMetadataUrl,
      'http://127.0.0.1:9/v1/.well-known/openidconfiguration');
    assert.deepEqual(problemsOf({ ...production, BotOpenIdMetadata: 'ftp://example.com/keys' }),
      ['BotOpenIdMetadata must be an http(s) URL of an OpenID configuration document']);
  });
});
