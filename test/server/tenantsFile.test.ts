// TENANTS_FILE in production mode, as conversations through the real app (SQLite under a temp DATA_DIR, the tenant
// gate, the bot, replies to a fake Bot Connector): reconciled at a restart with another file, and again when the file
// is edited while the bot runs. A demoted admin can no longer buy or approve, a promoted user can, a removed tenant
// is refused and served again once listed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS, demoTenantSeed } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { RandomIds } from '../../src/store/ids.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { actionData, headline, type JsonObject } from '../support/chat.js';
import { isObject } from '../support/json.js';
import { runAuthenticated } from '../support/authenticatedTurn.js';
import { FakeClock } from '../support/fakeClock.js';
import { FakeConnector } from '../support/fakeConnector.js';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const FABRIKAM = '3f8a2c71-5d4e-4b9a-8e21-7c6d5b4a3f10';
const NORTHWIND = '8c1d4e7f-2a5b-4c8d-9e3f-6a9b2c5d8e71';
const NIA = 'f9a1b3c5-7d8e-4f0a-9b2c-4d6e8f0a2b5a';
const BUY = 'buy 10 GB of extra file storage for E3 monthly';

type Role = 'global_admin' | 'billing_admin' | 'license_admin' | 'user';

function tenantsFile(options: { alex: Role; lee: Role; northwind: boolean }): string {
  const tenants: unknown[] = [{
    id: FABRIKAM, name: 'Fabrikam', users: [
      { id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'] },
      { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: [options.alex] },
      { id: DEMO_USERS.lee, name: 'Lee Gu', roles: [options.lee] },
    ],
  }];
  if (options.northwind) tenants.push({ id: NORTHWIND, name: 'Northwind', currency: 'EUR', users: [{ id: NIA, name: 'Nia Ogunleye', roles: ['global_admin'] }] });
  return JSON.stringify({ tenants }, null, 2);
}

const FILE_A = tenantsFile({ alex: 'billing_admin', lee: 'user', northwind: true });
const FILE_B = tenantsFile({ alex: 'user', lee: 'billing_admin', northwind: false });

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('HTTP: TENANTS_FILE reconciled at every start and while running', function () {
  this.timeout(60_000);
  let dir: string;
  let path: string;
  let app: App | undefined;
  let logLines: string[];
  const clock = new FakeClock('2026-11-23T10:00:00.000Z');
  const connector = new FakeConnector();
  let serviceUrl: string;
  let counter = 0;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'addon-tenants-file-'));
    path = join(dir, 'tenants.json');
    serviceUrl = await connector.start();
    // Fabrikam already has its subscriptions and payment methods in the ledger (its people come from the file).
    const ledger = SqliteLedgerStore.open(join(dir, 'ledger.db'));
    await new BillingService(ledger, clock, new RandomIds()).provisionTenant(demoTenantSeed(FABRIKAM, clock.now()));
    await ledger.close();
  });

  after(async () => {
    await app?.close();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(file: string): Promise<App> {
    await app?.close();
    writeFileSync(path, file);
    logLines = [];
    const sink = new Writable({ write(chunk: Buffer, _encoding, done) { logLines.push(chunk.toString()); done(); } });
    const config = loadConfig({ DATA_DIR: dir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', TENANTS_FILE: path });
    app = await createApp(config, createLogger('info', sink), { clock, tenantsFileTiming: { debounceMs: 50, pollMs: 500 } });
    return app;
  }

  function running(): App {
    if (!app) throw new Error('the app is not running');
    return app;
  }

  /** What the user sees after sending this: texts, and "card: <headline>" with the card's data. */
  async function send(tenantId: string, userId: string, fields: Record<string, unknown>): Promise<{ lines: string[]; cards: JsonObject[] }> {
    counter += 1;
    const conversationId = `a:${tenantId}-${userId}`;
    const before = connector.messages(conversationId).length;
    await runAuthenticated(running(), APP_ID, {
      type: 'message', id: `tf-${counter}`, channelId: 'msteams', serviceUrl, locale: 'en-US', timestamp: clock.now().toISOString(),
      from: { id: `29:${userId}`, name: 'Someone', aadObjectId: userId }, recipient: { id: `28:${APP_ID}`, name: 'Add-on Assistant' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId }, channelData: { tenant: { id: tenantId } }, ...fields,
    });
    const sent = connector.messages(conversationId).slice(before);
    const cards = sent.flatMap((a) => {
      const attachments = a.body.attachments;
      const first: unknown = Array.isArray(attachments) ? attachments[0] : undefined;
      return isObject(first) && isObject(first.content) ? [first.content] : [];
    });
    return { lines: [...sent.map((a) => a.body.text).filter((t): t is string => typeof t === 'string'), ...cards.map((c) => `card: ${headline(c)}`)], cards };
  }

  const say = (tenantId: string, userId: string, text: string) => send(tenantId, userId, { text });

  function cardWith(cards: readonly JsonObject[], verb: Parameters<typeof actionData>[1]): JsonObject | undefined {
    return [...cards].reverse().find((c) => actionData(c, verb));
  }

  async function fabrikamOrders(): Promise<number> {
    return (await running().billing.listOrders({ tenantId: FABRIKAM, userId: DEMO_USERS.megan }, { limit: 100 })).items.length;
  }

  let alexsCheckout: JsonObject | undefined;

  it('file A at the first start: admins get checkout, a plain user a request, both tenants are served', async () => {
    await start(FILE_A);
    const alex = await say(FABRIKAM, DEMO_USERS.alex, BUY);
    alexsCheckout = cardWith(alex.cards, 'buy.placeOrder');
    assert.ok(alexsCheckout, `Alex, a billing admin, gets checkout: ${alex.lines.join(' / ')}`);
    const lee = await say(FABRIKAM, DEMO_USERS.lee, BUY);
    assert.ok(cardWith(lee.cards, 'buy.requestApproval'), `Lee, a user, gets Request approval: ${lee.lines.join(' / ')}`);
    assert.equal(cardWith(lee.cards, 'buy.placeOrder'), undefined);
    const nia = await say(NORTHWIND, NIA, 'help');
    assert.ok(nia.lines.length > 0 && !nia.lines.some((l) => /organization/i.test(l)), nia.lines.join(' / '));
    assert.ok(logLines.some((l) => l.includes('tenants file applied')));
  });

  it('a restart with file B: Alex, demoted, cannot place his order or buy; Lee, promoted, can; Northwind is refused', async () => {
    await start(FILE_B);
    const data = alexsCheckout ? actionData(alexsCheckout, 'buy.placeOrder') : undefined;
    assert.ok(data);
    const click = await send(FABRIKAM, DEMO_USERS.alex, { value: { ...data, paymentMethodId: 'pm-visa-4242' } });
    assert.equal(await fabrikamOrders(), 0, `no order from a demoted admin's old checkout: ${click.lines.join(' / ')}`);
    const alex = await say(FABRIKAM, DEMO_USERS.alex, 'cancel');
    assert.ok(alex.lines.length > 0);
    const again = await say(FABRIKAM, DEMO_USERS.alex, BUY);
    assert.ok(cardWith(again.cards, 'buy.requestApproval') && !cardWith(again.cards, 'buy.placeOrder'), `Alex now asks for approval: ${again.lines.join(' / ')}`);

    const lee = await say(FABRIKAM, DEMO_USERS.lee, 'cancel').then(() => say(FABRIKAM, DEMO_USERS.lee, BUY));
    const checkout = cardWith(lee.cards, 'buy.placeOrder');
    assert.ok(checkout, `Lee, now a billing admin, gets checkout: ${lee.lines.join(' / ')}`);
    const placed = await send(FABRIKAM, DEMO_USERS.lee, { value: { ...actionData(checkout, 'buy.placeOrder'), paymentMethodId: 'pm-visa-4242' } });
    assert.equal(await fabrikamOrders(), 1, placed.lines.join(' / '));

    const nia = await say(NORTHWIND, NIA, 'help');
    assert.deepEqual(nia.lines.length, 1);
    assert.match(nia.lines[0] ?? '', /organization/i, 'the "isn\'t set up" answer');

    const audit = await running().billing.listAudit({ tenantId: FABRIKAM, userId: DEMO_USERS.megan }, { limit: 100 });
    const byFile = audit.items.filter((a) => a.actorId === 'tenants file').map((a) => `${a.action} ${a.targetId}`);
    for (const expected of [`tenants_file.user_changed ${DEMO_USERS.alex}`, `tenants_file.user_changed ${DEMO_USERS.lee}`, `tenants_file.user_removed ${DEMO_USERS.adele}`]) {
      assert.ok(byFile.includes(expected), `${expected} in ${byFile.join(', ')}`);
    }
  });

  it('a live edit: Northwind listed again is served; Lee demoted while running cannot approve Alex’s request', async () => {
    // Alex (a user in file B) asks for approval; Lee, a billing admin for now, would approve it.
    const asked = await say(FABRIKAM, DEMO_USERS.alex, 'cancel').then(() => say(FABRIKAM, DEMO_USERS.alex, BUY));
    const requestCard = cardWith(asked.cards, 'buy.requestApproval');
    assert.ok(requestCard);
    await send(FABRIKAM, DEMO_USERS.alex, { value: { ...actionData(requestCard, 'buy.requestApproval'), justification: 'for the archive' } });
    const requests = await running().billing.listRequests({ tenantId: FABRIKAM, userId: DEMO_USERS.megan });
    const request = requests.items.find((r) => r.requesterId === DEMO_USERS.alex && r.status === 'pending');
    assert.ok(request, 'Alex’s request is pending');

    writeFileSync(path, tenantsFile({ alex: 'user', lee: 'user', northwind: true }));
    await until(() => running().billing.tenantServed(NORTHWIND), 'Northwind served again');
    await until(async () => (await running().billing.whoIs({ tenantId: FABRIKAM, userId: DEMO_USERS.lee })).user.roles[0] === 'user', 'Lee demoted');

    const nia = await say(NORTHWIND, NIA, 'help');
    assert.ok(nia.lines.length > 0 && !nia.lines.some((l) => /organization/i.test(l)), `served again: ${nia.lines.join(' / ')}`);
    const approve = await send(FABRIKAM, DEMO_USERS.lee, { value: { verb: 'approval.approve', requestId: request.id, tenantId: FABRIKAM } });
    const after = await running().billing.getRequest({ tenantId: FABRIKAM, userId: DEMO_USERS.megan }, request.id);
    assert.equal(after.status, 'pending', `Lee, demoted at the last edit, cannot approve: ${approve.lines.join(' / ')}`);
    assert.equal(await fabrikamOrders(), 1);

    // Megan, still a global admin, can.
    await send(FABRIKAM, DEMO_USERS.megan, { value: { verb: 'approval.approve', requestId: request.id, tenantId: FABRIKAM } });
    assert.equal((await running().billing.getRequest({ tenantId: FABRIKAM, userId: DEMO_USERS.megan }, request.id)).status, 'approved');
  });

  it('an invalid edit while running keeps the last good file, said in one log line', async () => {
    const before = logLines.length;
    writeFileSync(path, '{ "tenants": [ { "id": "oops" ');
    await until(() => Promise.resolve(logLines.slice(before).some((l) => l.includes('tenants file not applied'))), 'the warning');
    const warning = logLines.slice(before).filter((l) => l.includes('tenants file not applied'));
    assert.equal(warning.length, 1);
    assert.equal(await running().billing.tenantServed(NORTHWIND), true, 'the last good file still holds');
    const nia = await say(NORTHWIND, NIA, 'help');
    assert.ok(!nia.lines.some((l) => /organization/i.test(l)));
  });

  it('refuses to start with one clear line when the file is invalid', async () => {
    await app?.close();
    app = undefined;
    writeFileSync(path, JSON.stringify({ tenants: [{ id: FABRIKAM, name: 'Fabrikam', users: [{ id: DEMO_USERS.megan, name: 'Megan', roles: ['owner'] }] }] }));
    const config = loadConfig({ DATA_DIR: dir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline', TENANTS_FILE: path });
    await assert.rejects(createApp(config, createLogger('silent'), { clock }), (error: Error) => {
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /^TENANTS_FILE .*tenants\.json: tenants\.0\.users\.0\.roles\.0: /);
      return true;
    });
  });
});
