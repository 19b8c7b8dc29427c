// End to end in a real browser: the bot (`node dist/src/index.js`, local mode, SQLite under a temp DATA_DIR) and the
// Microsoft 365 Agents Playground (telemetry off) on free loopback ports, Debian's Chromium driven by playwright-core
// (headless, fresh profile, every request that is not to 127.0.0.1/localhost aborted). A person's path: type
// "buy storage add-on", pick Office 365 E3, enter 50 GB yearly, read the checkout, Place order, read the receipt;
// then the Place order invoke is replayed through the Playground as a retrying client would, and the ledger file is
// opened to check that exactly one order exists. A screenshot after each step goes to test-output/e2e/.
//
// Run with `npm run test:e2e` (not part of `npm test`: its name does not end in .test.ts). Needs /usr/bin/chromium
// (Debian's `chromium` package; CHROMIUM_PATH overrides); playwright-core never downloads a browser.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { RandomIds } from '../../src/store/ids.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { systemClock } from '../../src/store/systemClock.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SHOTS = join(root, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** Every single wait in this file is bounded by one of these. */
const START_TIMEOUT_MS = 45_000;
const UI_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const ORDER_NUMBER = /ORD-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/g;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` with `what` in the message; the timer never keeps the process alive. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A child process in its own process group, with the tail of its output kept for failure messages. */
class Child {
  private readonly process: ChildProcess;
  private output = '';
  exitCode: number | null | undefined;

  constructor(readonly name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
    this.process = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString('utf8')).slice(-64_000); };
    this.process.stdout?.on('data', keep);
    this.process.stderr?.on('data', keep);
    this.process.on('exit', (code, signal) => { this.exitCode = code ?? (signal ? -1 : null); });
  }

  get log(): string { return this.output; }

  get running(): boolean { return this.exitCode === undefined; }

  /** Polls `url` until it answers 2xx; fails at once if the process died, or after `timeoutMs`. */
  async waitFor(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited (${String(this.exitCode)}) before answering ${url}:\n${this.output}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.name} did not answer ${url} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM to the whole group, SIGKILL if it is still there after STOP_TIMEOUT_MS. */
  async stop(): Promise<void> {
    const pid = this.process.pid;
    if (!this.running || pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try { process.kill(-pid, sig); } catch { /* already gone */ }
    };
    signal('SIGTERM');
    try {
      await within(exited, STOP_TIMEOUT_MS, `${this.name} SIGTERM`);
    } catch {
      signal('SIGKILL');
      await within(exited, STOP_TIMEOUT_MS, `${this.name} SIGKILL`).catch(() => undefined);
    }
  }
}

describe('E2E: buying 50 GB of extra file storage in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);

  let workDir: string;
  let dataDir: string;
  let bot: Child | undefined;
  let playground: Child | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let playgroundUrl: string;
  let shot = 0;
  let broken = false;
  const aborted = new Set<string>();
  /** The Place order invoke the page posted to the Playground, to replay it. */
  let placeOrderInvoke: { url: string; body: string } | undefined;
  let orderNumber = '';

  async function screenshot(name: string): Promise<void> {
    shot += 1;
    await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), timeout: UI_TIMEOUT_MS });
  }

  /** The newest Adaptive Card on the page that shows `text`, once visible. */
  async function cardWith(text: string | RegExp): Promise<Locator> {
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await card.scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT_MS });
    return card;
  }

  /** A plain text message of the conversation (the chat list's preview of it is not a paragraph). */
  function chatMessage(text: string): Locator {
    return page.getByRole('paragraph').filter({ hasText: text });
  }

  /** What a person reads in the cards: no template leftovers, no raw subscription or payment-method ids. */
  async function assertCardsReadable(): Promise<void> {
    const texts = (await page.locator('.ac-adaptiveCard').allInnerTexts()).join('\n');
    assert.ok(!texts.includes('${'), `a template placeholder was left in a card:\n${texts}`);
    assert.doesNotMatch(texts, /\b(sub|pm|QUO)-[\w-]+/, 'a raw id is shown in a card');
    assert.doesNotMatch(texts, /\bundefined\b|\bnull\b|NaN|\[object Object\]/, 'a missing value is shown in a card');
  }

  before(async function () {
    this.timeout(START_TIMEOUT_MS * 3);
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'addon-e2e-'));
    dataDir = join(workDir, 'data');
    const botPort = await freePort();
    let playgroundPort = await freePort();
    while (playgroundPort === botPort) playgroundPort = await freePort();

    bot = new Child('the bot', [join(root, 'dist', 'src', 'index.js')], {
      ...process.env, PORT: String(botPort), DATA_DIR: dataDir, MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn',
    }, workDir);
    await bot.waitFor(`http://127.0.0.1:${botPort}/healthz`, START_TIMEOUT_MS);

    // cwd is the temp dir so the Playground reads no config file of ours and writes nothing into the work tree.
    playground = new Child('the Playground', [
      join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
      '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry',
    ], { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', TEAMSAPPTESTER_BROWSER: 'none' }, workDir);
    playgroundUrl = `http://127.0.0.1:${playgroundPort}/`;
    await playground.waitFor(playgroundUrl, START_TIMEOUT_MS);

    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: START_TIMEOUT_MS,
      viewport: { width: 1280, height: 1000 }, locale: 'en-US', timezoneId: 'UTC',
    });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(START_TIMEOUT_MS);
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      aborted.add(url.host);
      return route.abort();
    });
    page.on('request', (request: Request) => {
      if (request.method() !== 'POST') return;
      const body = request.postData() ?? '';
      try {
        const json = JSON.parse(body) as { name?: unknown; value?: { action?: { verb?: unknown } } };
        if (json.name === 'adaptiveCard/action' && json.value?.action?.verb === 'buy.placeOrder') placeOrderInvoke = { url: request.url(), body };
      } catch {
        // not JSON: nothing to learn
      }
    });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = true;
  });

  beforeEach(function () {
    // The steps build on each other: after a failure the rest would only repeat it.
    if (broken) this.skip();
  });

  after(async function () {
    this.timeout(STOP_TIMEOUT_MS * 6);
    if (broken) {
      if (bot) writeFileSync(join(SHOTS, 'bot.log'), bot.log);
      if (playground) writeFileSync(join(SHOTS, 'playground.log'), playground.log);
      if (context) await page.screenshot({ path: join(SHOTS, 'failure.png'), timeout: STOP_TIMEOUT_MS }).catch(() => undefined);
    }
    await within(context?.close() ?? Promise.resolve(), STOP_TIMEOUT_MS, 'closing Chromium').catch(() => undefined);
    await Promise.all([bot?.stop(), playground?.stop()]);
    if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
    if (aborted.size > 0) process.stdout.write(`      (requests aborted off loopback: ${[...aborted].sort().join(', ')})\n`);
  });

  it('opens the Playground and shows the welcome card', async () => {
    await page.goto(playgroundUrl);
    const welcome = await cardWith('Welcome to Add-on Assistant');
    await welcome.getByRole('button', { name: 'Buy an add-on' }).waitFor();
    await page.getByRole('textbox').and(page.locator('[contenteditable="true"]')).waitFor();
    await screenshot('welcome');
    await assertCardsReadable();
  });

  it('asks which subscription the storage is for, offering only eligible ones', async () => {
    const compose = page.getByRole('textbox').and(page.locator('[contenteditable="true"]'));
    await compose.click();
    await compose.pressSequentially('buy storage add-on');
    await page.getByRole('button', { name: 'Send Message' }).click();
    const card = await cardWith('Which subscription is this add-on for?');
    assert.match(await card.innerText(), /Only subscriptions that support Office 365 Extra File Storage are shown\./);
    await card.getByRole('combobox').click();
    const e3 = page.getByRole('option', { name: /^Office 365 E3 \(\d+ licenses\)$/ });
    await e3.waitFor();
    await screenshot('subscription');
    await e3.click();
    assert.match(await card.getByRole('combobox').inputValue(), /^Office 365 E3 /);
    await assertCardsReadable();
  });

  it('asks for the quantity in GB and the billing frequency', async () => {
    const choice = await cardWith('Which subscription is this add-on for?');
    await choice.getByRole('button', { name: 'Next' }).click();
    const card = await cardWith('Buy Office 365 Extra File Storage');
    assert.match(await card.innerText(), /For Office 365 E3 \(\d+ licenses\)/);
    await screenshot('details');
    await card.getByRole('spinbutton', { name: /Quantity \(GB\)/ }).fill('50');
    await card.getByRole('radio', { name: /^Yearly/ }).check();
    assert.match(await card.innerText(), /Yearly, paid up front: \$2\.40 per GB per year/);
    await screenshot('details-filled');
    await assertCardsReadable();
  });

  it('shows the checkout with the total: $120.00 per year for 50 GB', async () => {
    const details = await cardWith('Buy Office 365 Extra File Storage');
    await details.getByRole('button', { name: 'Review order' }).click();
    const card = await cardWith('Review your order');
    const text = await card.innerText();
    assert.match(text, /Add-on\s+Office 365 Extra File Storage/);
    assert.match(text, /For subscription\s+Office 365 E3 \(\d+ licenses\)/);
    assert.match(text, /Unit price\s+\$2\.40/);
    assert.match(text, /Quantity\s+50 GB/);
    assert.match(text, /Billing frequency\s+Yearly/);
    assert.match(text, /Total per period\s+\$120\.00/);
    assert.match(text, /First charge\s+\$120\.00/);
    assert.match(await card.getByRole('combobox', { name: /Payment method/ }).inputValue(), /Visa •••• 4242/);
    await screenshot('checkout');
    await assertCardsReadable();
  });

  it('places the order and replaces the checkout with the receipt', async () => {
    const checkout = await cardWith('Review your order');
    await checkout.getByRole('button', { name: 'Place order' }).click();
    const receipt = await cardWith('Order placed');
    const text = await receipt.innerText();
    const numbers = text.match(ORDER_NUMBER) ?? [];
    assert.equal(numbers.length, 1, `one order number on the receipt:\n${text}`);
    orderNumber = numbers[0] ?? '';
    assert.match(text, /Thanks! Your Office 365 Extra File Storage order is complete\./);
    assert.match(text, new RegExp(`Order number\\s+${orderNumber}`));
    assert.match(text, /Total per period\s+\$120\.00/);
    const done = chatMessage(`Done! Your order ${orderNumber} is placed.`);
    await done.waitFor();
    await done.scrollIntoViewIfNeeded();
    // The checkout card was replaced in place: no Place order button is left to click twice.
    assert.equal(await page.getByRole('button', { name: 'Place order' }).count(), 0, 'no Place order button after the order');
    assert.equal(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Review your order' }).count(), 0);
    await screenshot('receipt');
    await assertCardsReadable();
  });

  it('answers a replayed Place order with the existing order, and the ledger holds exactly one', async () => {
    assert.ok(placeOrderInvoke, 'the page sent the Place order invoke');
    const { url, body } = placeOrderInvoke;
    // A second click / a client retry: the very same invoke, sent twice more through the Playground.
    for (let i = 0; i < 2; i++) {
      const answer = await within(page.evaluate(async ([u, b]) => {
        const res = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
        return { status: res.status, text: await res.text() };
      }, [url, body] as const), UI_TIMEOUT_MS, 'replaying Place order');
      assert.equal(answer.status, 200, answer.text);
      const mentioned = [...new Set(answer.text.match(ORDER_NUMBER) ?? [])];
      assert.deepEqual(mentioned, [orderNumber], `the replay names the existing order only: ${answer.text}`);
      // The invoke response replaces the clicked card with a notice (the Playground shows it only for its own clicks).
      assert.ok(answer.text.includes('Already placed') && answer.text.includes(`This order was already placed: order ${orderNumber}.`),
        `the replay is told the order was already placed: ${answer.text}`);
    }
    assert.equal(await page.locator('.ac-adaptiveCard').filter({ hasText: 'Order placed' }).count(), 1, 'one receipt on the page');
    await assertCardsReadable();

    // The ledger, read from the bot's SQLite file (WAL: a second connection reads what the bot committed).
    const ledgerFile = join(dataDir, 'ledger.db');
    const raw = new Database(ledgerFile, { readonly: true, fileMustExist: true });
    let tenants: string[];
    let users: string[];
    let ordersInFile: number;
    try {
      // The Playground's tenant (its config's tenantId) got the demo tenant on first contact; its current user (the
      // aadObjectId it adds to every activity) joined it as a global admin: the one user that is not a demo user.
      tenants = raw.prepare<[], { tenant_id: string }>("SELECT DISTINCT tenant_id FROM entities WHERE kind = 'tenant'").all().map((r) => r.tenant_id);
      users = raw.prepare<[], { tenant_id: string; id: string }>("SELECT tenant_id, id FROM entities WHERE kind = 'user'").all()
        .filter((r) => !(Object.values(DEMO_USERS) as string[]).includes(r.id)).map((r) => r.id);
      ordersInFile = raw.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM entities WHERE kind = 'order'").get()?.n ?? -1;
    } finally {
      raw.close();
    }
    assert.equal(tenants.length, 1, `one tenant (the Playground's) in the ledger: ${tenants.join(', ')}`);
    assert.equal(users.length, 1, `one Playground user besides the demo users: ${users.join(', ')}`);
    assert.equal(ordersInFile, 1, 'one order row in the whole file');
    const tenantId = tenants[0] ?? '';
    const userId = users[0] ?? '';
    const store = SqliteLedgerStore.open(ledgerFile);
    try {
      const billing = new BillingService(store, systemClock, new RandomIds());
      const orders = (await billing.listOrders({ tenantId, userId }, { limit: 100 })).items;
      assert.equal(orders.length, 1, `exactly one order for tenant ${tenantId}: ${orders.map((o) => o.id).join(', ')}`);
      assert.equal(orders[0]?.id, orderNumber);
      assert.equal(orders[0]?.quantity, 50);
      assert.equal(orders[0]?.frequency, 'yearly');
      assert.equal(orders[0]?.totalPerPeriod.amount, 12_000);
      assert.equal(orders[0]?.placedBy, userId, 'placed by the Playground user');
    } finally {
      await store.close();
    }
  });
});
