// Production mode: requests must carry a Bot Framework token that validates, and only tenants of TENANTS_FILE are
// served. Tokens are validated for real, offline: the signing keys come from a local OpenID issuer (BotOpenIdMetadata)
// whose key is made by the test. Whatever is wrong with a token, or with the keys' endpoint, the answer is a bare 401,
// the log one line, and the ledger unchanged.
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging.js';
import { FakeClock } from '../support/fakeClock.js';
import { sameLedger, snapshotLedger } from '../support/ledgerSnapshot.js';
import { OpenIdIssuer, unreachableUrl } from '../support/openIdIssuer.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = 'tenant-fabrikam';
const SERVICE_URL = 'http://127.0.0.1:9/';
/** Shortened bounds for these tests (the defaults, 3 s and 10 s, are measured against the real process). */
const KEYS = { fetchTimeoutMs: 1_000, retryAfterFailureMs: 2_500 };

/** Every line the app logs, parsed. */
class LogLines extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    callback();
  }
  refusals(): Array<Record<string, unknown>> {
    return this.lines.filter((l) => l.msg === 'request refused: not authenticated');
  }
}

interface Running {
  readonly app: App;
  readonly base: string;
  readonly dir: string;
  readonly log: LogLines;
}

async function startProduction(metadataUrl: string | undefined): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'addon-prod-'));
  const tenantsFile = join(dir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ id: TENANT, name: 'Fabrikam', users: [{ id: 'admin-1', name: 'Ada', roles: ['global_admin'] }] }] }));
  const config = loadConfig({
    DATA_DIR: dir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', TENANTS_FILE: tenantsFile,
    ...(metadataUrl ? { BotOpenIdMetadata: metadataUrl } : {}),
  });
  const log = new LogLines();
  const app = await createApp(config, createLogger('info', log), { clock: new FakeClock(), signingKeys: KEYS });
  return { app, dir, log, base: `http://127.0.0.1:${await app.listen(0)}` };
}

async function stopProduction(running: Running): Promise<void> {
  await running.app.close();
  rmSync(running.dir, { recursive: true, force: true });
}

const buy = {
  type: 'message', id: 'p-1', channelId: 'msteams', serviceUrl: SERVICE_URL, text: 'buy 10 GB of extra file storage for E3 monthly',
  from: { id: '29:x', aadObjectId: 'admin-1' }, recipient: { id: `28:${APP_ID}` }, conversation: { id: 'c-1', tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
};
/** An activity the bot takes without answering (nothing to send, so no outbound call to sign offline). */
const reaction = { ...buy, type: 'messageReaction', id: 'p-2', text: undefined, reactionsAdded: [{ type: 'like' }], replyToId: 'm-1' };

async function post(base: string, body: unknown, authorization?: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

describe('HTTP: production mode', function () {
  this.timeout(20_000);

  describe('with the Bot Framework signing keys at hand', () => {
    const issuer = new OpenIdIssuer();
    let running: Running;

    before(async () => {
      running = await startProduction(await issuer.start());
    });

    after(async () => {
      await stopProduction(running);
      await issuer.stop();
    });

    it('provisions only the tenants of TENANTS_FILE', async () => {
      assert.equal(await running.app.billing.tenantExists(TENANT), true);
      assert.equal(await running.app.billing.tenantExists('tenant-contoso'), false);
    });

    it('takes a request signed with a published key, for this app and service URL', async () => {
      const answer = await post(running.base, reaction, `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL })}`);
      assert.equal(answer.status, 200, answer.text);
      assert.ok(running.log.lines.some((l) => l.msg === 'turn' && l.activity === 'messageReaction' && l.tenant === TENANT), 'the turn ran');
    });

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const now = () => Math.floor(Date.now() / 1000);
    /** A token signed with HMAC keyed by the published public key: the classic algorithm confusion. */
    const hs256 = () => {
      const head = Buffer.from(JSON.stringify({ alg: 'HS256', kid: issuer.kid, typ: 'JWT' })).toString('base64url');
      const body = Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, exp: now() + 3600 })).toString('base64url');
      return `${head}.${body}.${createHmac('sha256', 'public-key-as-secret').update(`${head}.${body}`).digest('base64url')}`;
    };
    const bad: Array<[string, () => string]> = [
      ['no token', () => ''],
      ['not a JWT', () => 'Bearer not-a-jwt-but-a-secret-looking-token-0123456789'],
      ['another scheme', () => 'Basic YWRtaW46YWRtaW4='],
      ['a bad signature', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, signWith: otherKey })}`],
      ['an unknown key id', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, kid: 'no-such-key' })}`],
      ['alg none', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, alg: 'none' })}`],
      ['alg HS256', () => `Bearer ${hs256()}`],
      ['an expired token', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { nbf: now() - 7200, exp: now() - 3600 } })}`],
      ['no expiry', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { exp: undefined } })}`],
      ['a token not yet valid', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { nbf: now() + 3600, exp: now() + 7200 } })}`],
      ['another app’s token', () => `Bearer ${issuer.token({ appId: '99999999-2222-4333-8444-555555555555', serviceUrl: SERVICE_URL })}`],
      ['another issuer', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, claims: { iss: 'https://login.evil.example/' } })}`],
      ['another service URL', () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: 'https://evil.example/' })}`],
    ];

    for (const [what, header] of bad) {
      it(`answers ${what} with a bare 401, one log line, and changes nothing`, async () => {
        const before = snapshotLedger(join(running.dir, 'ledger.db'));
        const refusals = running.log.refusals().length;
        const turns = running.log.lines.filter((l) => l.msg === 'turn').length;
        const answer = await post(running.base, buy, header() || undefined);
        assert.equal(answer.status, 401);
        assert.equal(answer.text, '', 'nothing in the body');
        const logged = running.log.refusals().slice(refusals);
        assert.equal(logged.length, 1, `one line: ${JSON.stringify(logged)}`);
        assert.equal(typeof logged[0]?.reason, 'string');
        assert.ok(!JSON.stringify(logged).includes('stack') && !JSON.stringify(logged).includes('eyJ'), `no stack, no token: ${JSON.stringify(logged)}`);
        assert.equal(running.log.lines.filter((l) => l.msg === 'turn').length, turns, 'no turn ran');
        assert.ok(sameLedger(before, snapshotLedger(join(running.dir, 'ledger.db'))), 'the ledger is unchanged');
      });
    }

    it('does not fetch the keys again for a flood of unknown key ids or forged signatures', async () => {
      const fetched = issuer.requests.length;
      assert.ok(fetched >= 2 && fetched <= 4, `the keys were fetched once by the check and once by botbuilder: ${issuer.requests.join(', ')}`);
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(running.base, buy,
        `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL, kid: `random-${i}`, ...(i % 2 ? { signWith: otherKey, kid: issuer.kid } : {}) })}`)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [401]);
      assert.equal(issuer.requests.length, fetched, 'no fetch');
    });
  });

  describe('with the signing keys out of reach', () => {
    it('answers 401 at once when nothing listens at the metadata address, and logs why once', async () => {
      const running = await startProduction(await unreachableUrl());
      const issuer = new OpenIdIssuer();
      try {
        const before = snapshotLedger(join(running.dir, 'ledger.db'));
        const token = `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL })}`;
        const answers = await Promise.all(Array.from({ length: 10 }, () => post(running.base, buy, token)));
        for (const answer of answers) {
          assert.equal(answer.status, 401);
          assert.equal(answer.text, '', 'nothing internal in the body');
        }
        assert.ok(Math.max(...answers.map((a) => a.ms)) < KEYS.fetchTimeoutMs + 1_000, `quick: ${answers.map((a) => Math.round(a.ms)).join(', ')} ms`);
        const unavailable = running.log.lines.filter((l) => l.msg === 'Bot Framework signing keys unavailable');
        assert.equal(unavailable.length, 1, 'one fetch for the ten requests, one line about it');
        assert.equal(unavailable[0]?.reason, 'ECONNREFUSED');
        assert.deepEqual(running.log.refusals().map((l) => l.reason), Array<string>(10).fill('signing keys unavailable'));
        assert.ok(sameLedger(before, snapshotLedger(join(running.dir, 'ledger.db'))), 'the ledger is unchanged');
      } finally {
        await stopProduction(running);
      }
    });

    it('bounds the wait when the metadata endpoint hangs: one fetch, then quick refusals, then recovery', async () => {
      const issuer = new OpenIdIssuer();
      issuer.mode = 'hang';
      const running = await startProduction(await issuer.start());
      try {
        const token = () => `Bearer ${issuer.token({ appId: APP_ID, serviceUrl: SERVICE_URL })}`;
        const first = await Promise.all(Array.from({ length: 20 }, () => post(running.base, buy, token())));
        assert.deepEqual([...new Set(first.map((a) => a.status))], [401]);
        assert.ok(first.every((a) => a.text === ''), 'bare');
        const slowest = Math.max(...first.map((a) => a.ms));
        assert.ok(slowest >= KEYS.fetchTimeoutMs - 50 && slowest < KEYS.fetchTimeoutMs + 1_000, `the 20 waited for one bounded fetch: ${Math.round(slowest)} ms`);
        assert.equal(issuer.requests.length, 1, 'one fetch for twenty requests');

        const second = await Promise.all(Array.from({ length: 20 }, () => post(running.base, buy, token())));
        assert.deepEqual([...new Set(second.map((a) => a.status))], [401]);
        assert.ok(Math.max(...second.map((a) => a.ms)) < KEYS.fetchTimeoutMs, `refused without waiting for a fetch while the failure is recent: ${second.map((a) => Math.round(a.ms)).join(', ')} ms`);
        assert.equal(issuer.requests.length, 1, 'no new fetch');
        assert.equal(running.log.lines.filter((l) => l.msg === 'Bot Framework signing keys unavailable' && l.reason === 'timeout').length, 1);

        issuer.mode = 'serve';
        await new Promise((resolve) => setTimeout(resolve, KEYS.retryAfterFailureMs));
        const recovered = await post(running.base, reaction, token());
        assert.equal(recovered.status, 200, 'served again once the keys can be fetched');
      } finally {
        await stopProduction(running);
        await issuer.stop();
      }
    });
  });

  it('still answers 401 to an unsigned request with the public cloud’s endpoints (no BotOpenIdMetadata)', async () => {
    const running = await startProduction(undefined);
    try {
      const answer = await post(running.base, buy);
      assert.equal(answer.status, 401);
      assert.equal(answer.text, '');
      assert.equal((await running.app.billing.listOrders({ tenantId: TENANT, userId: 'admin-1' })).items.length, 0);
    } finally {
      await stopProduction(running);
    }
  });
});
