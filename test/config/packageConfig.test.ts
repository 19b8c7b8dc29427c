// The variables of `npm run package`: the app id and the publisher shown on the app's page in Teams.
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config.js';
import { loadPackageConfig } from '../../src/config/packageConfig.js';

const PUBLISHER = {
  APP_DEVELOPER_NAME: 'Contoso IT',
  APP_WEBSITE_URL: 'https://it.contoso.com/addon-assistant',
  APP_PRIVACY_URL: 'https://it.contoso.com/privacy',
  APP_TERMS_URL: 'https://it.contoso.com/terms',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadPackageConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return [...err.problems];
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

describe('npm run package configuration', () => {
  it('with nothing set (or blanks): no app id and no publisher, a local trial', () => {
    assert.deepEqual(loadPackageConfig({}), { appId: undefined, developer: undefined });
    assert.deepEqual(loadPackageConfig({ MicrosoftAppId: ' ', APP_DEVELOPER_NAME: '', APP_WEBSITE_URL: '  ', APP_PRIVACY_URL: '', APP_TERMS_URL: '' }),
      { appId: undefined, developer: undefined });
  });

  it('reads the publisher from APP_DEVELOPER_NAME, APP_WEBSITE_URL, APP_PRIVACY_URL and APP_TERMS_URL (trimmed)', () => {
    const config = loadPackageConfig({ ...PUBLISHER, APP_DEVELOPER_NAME: '  Contoso IT ' });
    assert.deepEqual(config.developer, {
      name: 'Contoso IT', websiteUrl: 'https://it.contoso.com/addon-assistant', privacyUrl: 'https://it.contoso.com/privacy', termsOfUseUrl: 'https://it.contoso.com/terms',
    });
  });

  it('refuses some publisher variables without the others, naming each missing one', () => {
    const problems = problemsOf({ APP_DEVELOPER_NAME: 'Contoso IT', APP_PRIVACY_URL: 'https://it.contoso.com/privacy' });
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['APP_WEBSITE_URL', 'APP_TERMS_URL']);
    for (const p of problems) assert.match(p, /required with APP_DEVELOPER_NAME, APP_PRIVACY_URL/);
  });

  it('refuses a URL that is not https, not a URL or over 2048 characters, and a name over 32 characters, all at once', () => {
    const problems = problemsOf({
      MicrosoftAppId: 'my-bot',
      APP_DEVELOPER_NAME: 'x'.repeat(33),
      APP_WEBSITE_URL: 'http://it.contoso.com/',
      APP_PRIVACY_URL: 'privacy page',
      APP_TERMS_URL: `https://it.contoso.com/${'t'.repeat(2048)}`,
    });
    assert.deepEqual(problems.map((p) => p.split(':')[0]), ['MicrosoftAppId', 'APP_DEVELOPER_NAME', 'APP_WEBSITE_URL', 'APP_PRIVACY_URL', 'APP_TERMS_URL']);
    assert.match(problems[0]!, /GUID/);
    assert.match(problems[1]!, /32 characters/);
    assert.match(problems[2]!, /https:\/\//);
    assert.match(problems[4]!, /2048 characters/);
  });

  it('accepts a maximal name and any https page', () => {
    const config = loadPackageConfig({ ...PUBLISHER, APP_DEVELOPER_NAME: 'n'.repeat(32), APP_TERMS_URL: 'https://legal.contoso.co.uk/terms?app=addon#fr' });
    assert.equal(config.developer?.name.length, 32);
    assert.equal(config.developer?.termsOfUseUrl, 'https://legal.contoso.co.uk/terms?app=addon#fr');
  });
});
