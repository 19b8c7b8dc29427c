// Production mode (MicrosoftAppId set): a request without a valid Bot Framework token gets a bare 401 and changes
// nothing, over HTTP against `node dist/src/index.js` (no token, a token that is not a JWT, a forged one, and tokens
// validated for real against a local OpenID issuer given as BotOpenIdMetadata: signed with another key, expired,
// alg none, for another app), with nothing on stderr (botbuilder would print a stack per bad token); with the
// issuer out of reach or hanging, the refusals come within the default bound and from one fetch. A tenant not in
// TENANTS_FILE is refused with a clear message, past authentication: the production app's own adapter and
// middleware run on an activity handed over as already authenticated (processActivityDirect). Every log line of
// both is grepped for the app password, the tokens sent and card numbers.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging.js';
import { generateKeyPairSync } from 'node:crypto';
import { SIGNING_KEYS_FETCH_TIMEOUT_MS } from '../../src/server/openIdSigningKeys.js';
import { BotProcess } from '../support/botProcess.js';
import { OpenIdIssuer, unreachableUrl } from '../support/openIdIssuer.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { sameLedger, snapshotLedger } from '../support/ledgerSnapshot.js';
import { findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const APP_PASSWORD = 'Sup3r-Secret-App-Password~never.logged';
const TENANT = 'tenant-fabrikam';
const ADMIN = 'admin-fabrikam-1';

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A JWT signed with a key of our own: well formed, from an issuer the Bot Framework does not trust. */
function forgedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({
    iss: 'https://login.evil.example/', aud: APP_ID, serviceurl: 'http://127.0.0.1:9/', iat: now, nbf: now, exp: now + 3600, appid: APP_ID,
  })}`;
  return `${unsigned}.${createHmac('sha256', 'not-a-bot-framework-key').update(unsigned).digest('base64url')}`;
}

describe('Resilience: production mode', function () {
  this.timeout(60_000);
  let dir: string;
  let logs: string;
  let tenantsFile: string;
  const connector = new FakeConnector();
  let serviceUrl: string;
  const tokens = ['not-a-jwt-but-a-secret-looking-token-0123456789', forgedToken()];

  before(async () => {
    logs = logDirectory('production');
    dir = mkdtempSync(join(tmpdir(), 'addon-prod-resilience-'));
    tenantsFile = join(dir, 'tenants.json');
    writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ id: TENANT, name: 'Fabrikam', users: [{ id: ADMIN, name: 'Ada', roles: ['global_admin'] }] }] }));
    serviceUrl = await connector.start();
  });

  after(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const activity = (fields: Record<string, unknown>): Record<string, unknown> => ({
    type: 'message', id: `p-${Math.random()}`, channelId: 'msteams', serviceUrl, locale: 'en-US', text: 'buy 10 GB of extra file storage for E3 monthly',
    from: { id: '29:ada', aadObjectId: ADMIN }, recipient: { id: `28:${APP_ID}` }, conversation: { id: 'a:prod-1', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } }, ...fields,
  });

  describe('over HTTP', () => {
    it('answers 401 to a request without a valid token, whatever it carries, and changes nothing', async () => {
      const dataDir = join(dir, 'http');
      const bot = await BotProcess.start({
        name: 'production bot', logFile: join(logs, 'bot.log'),
        env: { DATA_DIR: dataDir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, TENANTS_FILE: tenantsFile, LOG_LEVEL: 'debug' },
      });
      try {
        const before = snapshotLedger(join(dataDir, 'ledger.db'));
        const posts = connector.postsReceived;
        const headers: Array<Record<string, string>> = [{}, { authorization: `Bearer ${tokens[0] ?? ''}` }, { authorization: `Bearer ${tokens[1] ?? ''}` }, { authorization: 'Basic YWRtaW46YWRtaW4=' }];
        const bodies = [
          activity({}),
          activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'buy.placeOrder', data: { quoteId: 'QUO-1', paymentMethodId: 'pm-visa-4242' } } } }),
          activity({ conversation: { id: 'a:prod-2', tenantId: 'tenant-not-in-file' }, channelData: { tenant: { id: 'tenant-not-in-file' } } }),
          activity({ type: 'installationUpdate', action: 'add', text: undefined }),
        ];
        for (const header of headers) {
          for (const body of bodies) {
            const res = await bot.post(body, header);
            assert.equal(res.status, 401, `${JSON.stringify(header).slice(0, 30)} ${String(body.type)}: ${res.status}`);
          }
        }
        assert.equal(connector.postsReceived, posts, 'the bot said nothing to anyone');
        assert.ok(sameLedger(before, snapshotLedger(join(dataDir, 'ledger.db'))), 'the ledger is unchanged');
        assert.equal(bot.exit, undefined);
      } finally {
        await bot.stop();
      }
    });
  });

  describe('tokens validated for real (a local OpenID issuer as BotOpenIdMetadata)', () => {
    const issuer = new OpenIdIssuer();
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const sent: string[] = [];
    const now = () => Math.floor(Date.now() / 1000);

    before(async () => {
      await issuer.start();
    });

    after(async () => {
      await issuer.stop();
      tokens.push(...sent);
    });

    /** stderr lines other than Node's deprecation notices at start. */
    const stderrOf = (bot: BotProcess, logFile: string): string[] => readLogs(logs).filter((f) => f.file.endsWith(logFile))
      .flatMap((f) => f.lines).filter((l) => l.startsWith(`[${bot.name} stderr]`) && !/DEP0111|--trace-deprecation/.test(l));

    it('takes a valid token and answers every invalid one with a bare 401, quietly', async () => {
      const dataDir = join(dir, 'issuer');
      const bot = await BotProcess.start({
        name: 'issuer bot', logFile: join(logs, 'issuer-bot.log'),
        env: { DATA_DIR: dataDir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, TENANTS_FILE: tenantsFile, BotOpenIdMetadata: issuer.metadataUrl },
      });
      try {
        const before = snapshotLedger(join(dataDir, 'ledger.db'));
        const token = (options: Partial<Parameters<OpenIdIssuer['token']>[0]> = {}) => {
          const value = issuer.token({ appId: APP_ID, serviceUrl, ...options });
          sent.push(value);
          return `Bearer ${value}`;
        };
        const bad = [
          token({ signWith: otherKey }), token({ kid: 'unknown-key' }), token({ alg: 'none' }),
          token({ claims: { nbf: now() - 7200, exp: now() - 3600 } }), token({ appId: '99999999-2222-4333-8444-555555555555' }),
          token({ serviceUrl: 'https://evil.example/' }),
        ];
        for (const authorization of bad) {
          const res = await bot.post(activity({}), { authorization });
          assert.equal(res.status, 401);
          assert.equal(res.text, '', 'a bare 401');
        }
        assert.ok(sameLedger(before, snapshotLedger(join(dataDir, 'ledger.db'))), 'the ledger is unchanged');
        const reaction = activity({ type: 'messageReaction', text: undefined, reactionsAdded: [{ type: 'like' }], replyToId: 'm-1' });
        assert.equal((await bot.post(reaction, { authorization: token() })).status, 200, 'a valid token is taken');
        const refusals = bot.lines.filter((l) => l.includes('request refused: not authenticated'));
        assert.equal(refusals.length, bad.length, 'one log line per refusal');
      } finally {
        await bot.stop();
      }
      assert.deepEqual(stderrOf(bot, 'issuer-bot.log'), [], 'nothing on stderr: no stack, no SDK dump');
    });

    it('answers within the default bound, from one fetch, while the issuer is unreachable or hangs', async () => {
      const hanging = new OpenIdIssuer();
      hanging.mode = 'hang';
      await hanging.start();
      const unreachable = await unreachableUrl();
      try {
        for (const [name, metadataUrl] of [['unreachable', unreachable], ['hanging', hanging.metadataUrl]] as const) {
          const bot = await BotProcess.start({
            name: `${name} issuer bot`, logFile: join(logs, `${name}-bot.log`),
            env: { DATA_DIR: join(dir, name), MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, TENANTS_FILE: tenantsFile, BotOpenIdMetadata: metadataUrl },
          });
          try {
            const value = issuer.token({ appId: APP_ID, serviceUrl });
            sent.push(value);
            const timed = async () => {
              const started = performance.now();
              const res = await bot.post(activity({}), { authorization: `Bearer ${value}` });
              return { ...res, ms: performance.now() - started };
            };
            const first = await Promise.all(Array.from({ length: 30 }, timed));
            const second = await Promise.all(Array.from({ length: 30 }, timed));
            for (const res of [...first, ...second]) {
              assert.equal(res.status, 401);
              assert.equal(res.text, '', `${name}: a bare 401`);
            }
            const slowest = Math.max(...first.map((r) => r.ms));
            assert.ok(slowest < SIGNING_KEYS_FETCH_TIMEOUT_MS + 2_000, `${name}: 30 requests waited ${Math.round(slowest)} ms at most`);
            assert.ok(Math.max(...second.map((r) => r.ms)) < SIGNING_KEYS_FETCH_TIMEOUT_MS, `${name}: the next 30 did not wait for a fetch`);
            const fetchFailures = bot.lines.filter((l) => l.includes('Bot Framework signing keys unavailable'));
            assert.equal(fetchFailures.length, 1, `${name}: one fetch, one line: ${fetchFailures.join('\n')}`);
            if (name === 'hanging') assert.equal(hanging.requests.length, 1, 'one request reached the hanging issuer');
            assert.equal(bot.exit, undefined);
          } finally {
            await bot.stop();
          }
          assert.deepEqual(stderrOf(bot, `${name}-bot.log`), [], `${name}: nothing on stderr`);
        }
      } finally {
        await hanging.stop();
      }
    });
  });

  describe('past authentication (the production app in-process)', () => {
    let app: App;
    let log: WriteStream;
    let dataDir: string;

    before(async () => {
      dataDir = join(dir, 'direct');
      log = createWriteStream(join(logs, 'in-process.log'));
      const config = loadConfig({ DATA_DIR: dataDir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: APP_PASSWORD, TENANTS_FILE: tenantsFile, LOG_LEVEL: 'debug' });
      app = await createApp(config, createLogger('debug', log));
    });

    after(async () => {
      await app.close();
      await new Promise<void>((resolve) => log.end(() => resolve()));
    });

    /**
     * Runs the production adapter's middleware (the tenant gate) on an activity as if the Bot Framework had signed
     * it for this app: the claims of a valid token, and a connector that posts, unsigned, to the fake connector.
     * Returns whether the turn got past the middleware to the bot, and what the user was told.
     */
    async function runAuthenticated(fields: Record<string, unknown>): Promise<{ reachedBot: boolean; said: string[] }> {
      const turnActivity = activity(fields) as unknown as Activity;
      const anonymous = new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
      const { connectorFactory } = await anonymous.authenticateRequest(turnActivity, '');
      const claims = [{ type: 'aud', value: APP_ID }, { type: 'appid', value: APP_ID }, { type: 'ver', value: '1.0' }];
      const authenticated = { audience: 'https://api.botframework.com', claimsIdentity: new ClaimsIdentity(claims, true), connectorFactory };
      const conversationId = turnActivity.conversation.id;
      const before = connector.messages(conversationId).length;
      let reachedBot = false;
      await app.adapter.processActivityDirect(authenticated, turnActivity, () => {
        reachedBot = true;
        return Promise.resolve();
      });
      return { reachedBot, said: connector.messages(conversationId).slice(before).map((a) => String(a.body.text)) };
    }

    it('refuses a tenant that is not in TENANTS_FILE, in the admin’s language, without provisioning it', async () => {
      const before = snapshotLedger(join(dataDir, 'ledger.db'));
      const other = { conversation: { id: 'a:prod-other', tenantId: 'tenant-contoso' }, channelData: { tenant: { id: 'tenant-contoso' } } };
      const en = await runAuthenticated(other);
      assert.equal(en.reachedBot, false);
      assert.equal(en.said.length, 1);
      assert.match(en.said[0] ?? '', /organization/i, `a clear refusal: ${en.said.join(' / ')}`);
      const fr = await runAuthenticated({ ...other, locale: 'fr-FR' });
      assert.equal(fr.reachedBot, false);
      assert.match(fr.said[0] ?? '', /organisation/i, `the refusal in French: ${fr.said.join(' / ')}`);
      const invoke = await runAuthenticated({ ...other, type: 'invoke', name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: 'buy.placeOrder', data: { quoteId: 'QUO-1', paymentMethodId: 'pm-visa-4242' } } } });
      assert.equal(invoke.reachedBot, false);
      assert.equal(await app.billing.tenantExists('tenant-contoso'), false, 'never provisioned');
      assert.ok(sameLedger(before, snapshotLedger(join(dataDir, 'ledger.db'))), 'the ledger is unchanged');
    });

    it('lets a tenant of TENANTS_FILE through to the bot', async () => {
      assert.equal((await runAuthenticated({})).reachedBot, true);
    });
  });

  describe('logs', () => {
    it('never logged the app password, a token or a card number', () => {
      const files = readLogs(logs);
      assert.ok(files.some((f) => f.lines.some((l) => l.length > 0)), `something was logged in ${logs}: ${files.map((f) => `${f.file} ${f.lines.length}`).join(', ')}`);
      assert.deepEqual(findLeaks(files, [APP_PASSWORD, ...tokens]), []);
      removeLogs(logs);
    });
  });
});
