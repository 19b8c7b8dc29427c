// The plumbing of the browser tests (test/e2e/*.e2e.ts): the bot (`node dist/src/index.js`, local mode, SQLite under a
// temp DATA_DIR) and the Microsoft 365 Agents Playground (telemetry off) on free loopback ports, Debian's Chromium
// driven by playwright-core (headless, fresh profile, every request that is not to 127.0.0.1/localhost aborted), and
// what a person does there: type a message, wait for the bot's reply, find a card, click its buttons, take a
// screenshot. `usePlayground(prefix)` registers the mocha hooks of a suite whose steps build on each other (after a
// failure the rest are skipped; the logs of both processes and a last screenshot are kept).
//
// Needs /usr/bin/chromium (Debian's `chromium` package; CHROMIUM_PATH overrides); playwright-core never downloads a
// browser. Every wait here is bounded by one of the timeouts below.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import { BillingService, type Caller } from '../../src/domain/billingService.js';
import type { Clock } from '../../src/domain/ports.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { RandomIds } from '../../src/store/ids.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { systemClock } from '../../src/store/systemClock.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SHOTS = join(ROOT, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];
/** Every single wait of the browser tests is bounded by one of these. */
export const START_TIMEOUT_MS = 45_000;
export const UI_TIMEOUT_MS = 20_000;
export const STOP_TIMEOUT_MS = 5_000;

export function freePort(): Promise<number> {
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
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A child process in its own process group, with the tail of its output kept for failure messages. */
export class Child {
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

/** The Playground's tenant and user, as the bot stored them on first contact. */
export interface PlaygroundIdentity {
  readonly tenantId: string;
  /** The Playground's user (the aadObjectId it adds to every activity): the one user that is not a demo user. */
  readonly userId: string;
}

/** A bot and a Playground on free ports, and the Chromium page that shows the Playground. */
export class PlaygroundSession {
  private shot = 0;
  /** Hosts the page tried to reach off loopback (aborted). */
  readonly aborted = new Set<string>();
  /** Every `adaptiveCard/action` invoke the page posted to the Playground, in order: verb, address and body. */
  readonly invokes: { verb: string; url: string; body: string }[] = [];

  private constructor(
    /** Screenshots are `<prefix>-NN-<name>.png` in test-output/e2e/. */
    readonly prefix: string,
    readonly workDir: string,
    readonly bot: Child,
    readonly playground: Child,
    readonly url: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  get dataDir(): string {
    return join(this.workDir, 'data');
  }

  /** The bot's ledger file (SQLite, WAL: another connection reads what the bot committed). */
  get ledgerFile(): string {
    return join(this.dataDir, 'ledger.db');
  }

  static async start(prefix: string): Promise<PlaygroundSession> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`);
    }
    mkdirSync(SHOTS, { recursive: true });
    for (const file of readdirSync(SHOTS)) if (file.startsWith(`${prefix}-`)) rmSync(join(SHOTS, file), { force: true });
    const workDir = mkdtempSync(join(tmpdir(), `addon-e2e-${prefix}-`));
    const botPort = await freePort();
    let playgroundPort = await freePort();
    while (playgroundPort === botPort) playgroundPort = await freePort();
    const started: { bot?: Child; playground?: Child; context?: BrowserContext } = {};
    try {
      started.bot = new Child('the bot', [join(ROOT, 'dist', 'src', 'index.js')], {
        ...process.env, PORT: String(botPort), DATA_DIR: join(workDir, 'data'), MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn',
      }, workDir);
      await started.bot.waitFor(`http://127.0.0.1:${botPort}/healthz`, START_TIMEOUT_MS);

      // cwd is the temp dir so the Playground reads no config file of ours and writes nothing into the work tree.
      started.playground = new Child('the Playground', [
        join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
        '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry',
      ], { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', TEAMSAPPTESTER_BROWSER: 'none' }, workDir);
      const url = `http://127.0.0.1:${playgroundPort}/`;
      await started.playground.waitFor(url, START_TIMEOUT_MS);

      started.context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
        executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: START_TIMEOUT_MS,
        viewport: { width: 1280, height: 1000 }, locale: 'en-US', timezoneId: 'UTC',
      });
      const page = started.context.pages()[0] ?? await started.context.newPage();
      const session = new PlaygroundSession(prefix, workDir, started.bot, started.playground, url, started.context, page);
      await session.watch();
      return session;
    } catch (error) {
      await within(started.context?.close() ?? Promise.resolve(), STOP_TIMEOUT_MS, 'closing Chromium').catch(() => undefined);
      await Promise.all([started.bot?.stop(), started.playground?.stop()]);
      rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
      throw error;
    }
  }

  private async watch(): Promise<void> {
    const { page } = this;
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(START_TIMEOUT_MS);
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      this.aborted.add(url.host);
      return route.abort();
    });
    page.on('request', (request: Request) => {
      const verb = invokeVerb(request);
      if (verb !== undefined) this.invokes.push({ verb, url: request.url(), body: request.postData() ?? '' });
    });
  }

  /** Closes Chromium and stops both processes; after a failure, keeps their logs and a last screenshot first. */
  async stop(failed: boolean): Promise<void> {
    if (failed) {
      writeFileSync(join(SHOTS, `${this.prefix}-bot.log`), this.bot.log);
      writeFileSync(join(SHOTS, `${this.prefix}-playground.log`), this.playground.log);
      await this.page.screenshot({ path: join(SHOTS, `${this.prefix}-failure.png`), timeout: STOP_TIMEOUT_MS }).catch(() => undefined);
    }
    await within(this.context.close(), STOP_TIMEOUT_MS, 'closing Chromium').catch(() => undefined);
    await Promise.all([this.bot.stop(), this.playground.stop()]);
    rmSync(this.workDir, { recursive: true, force: true, maxRetries: 3 });
    if (this.aborted.size > 0) process.stdout.write(`      (requests aborted off loopback: ${[...this.aborted].sort().join(', ')})\n`);
  }

  async screenshot(name: string): Promise<void> {
    this.shot += 1;
    await this.page.screenshot({ path: join(SHOTS, `${this.prefix}-${String(this.shot).padStart(2, '0')}-${name}.png`), timeout: UI_TIMEOUT_MS });
  }

  /** Opens the Playground and waits for the bot's welcome card and the compose box. */
  async open(): Promise<Locator> {
    await this.page.goto(this.url);
    const welcome = await this.cardWith('Welcome to Add-on Assistant');
    await this.compose().waitFor();
    return welcome;
  }

  private compose(): Locator {
    return this.page.getByRole('textbox').and(this.page.locator('[contenteditable="true"]'));
  }

  /** Types `text` in the compose box and sends it, as a person would. */
  async send(text: string): Promise<void> {
    const compose = this.compose();
    await compose.click();
    await compose.pressSequentially(text);
    await this.page.getByRole('button', { name: 'Send Message' }).click();
  }

  /** Every Adaptive Card on the page that shows `text`, oldest first. */
  cards(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text });
  }

  /** The newest Adaptive Card on the page that shows `text`, once visible. */
  async cardWith(text: string | RegExp): Promise<Locator> {
    return this.shown(this.cards(text).last());
  }

  /** A plain text message of the conversation: a paragraph outside the cards (the chat list's preview is not one). */
  chatMessage(text: string | RegExp): Locator {
    return this.page.locator('p:not(.ac-adaptiveCard p)').filter({ hasText: text });
  }

  /** Runs `act` (a message sent, a button clicked), then waits for one more card showing `text` than there was. */
  async newCard(text: string | RegExp, act: () => Promise<void>): Promise<Locator> {
    const before = await this.cards(text).count();
    await act();
    return this.shown(this.cards(text).nth(before));
  }

  /** Runs `act`, then waits for one more chat message showing `text` than there was; returns its text. */
  async newMessage(text: string | RegExp, act: () => Promise<void>): Promise<string> {
    const before = await this.chatMessage(text).count();
    await act();
    return (await this.shown(this.chatMessage(text).nth(before))).innerText();
  }

  /** Sends `text` and waits for the bot's answer: a new card showing `expect`. */
  async ask(text: string, expect: string | RegExp): Promise<Locator> {
    return this.newCard(expect, () => this.send(text));
  }

  /** Sends `text` and waits for the bot's answer: a new chat message showing `expect`; returns its text. */
  async tell(text: string, expect: string | RegExp): Promise<string> {
    return this.newMessage(expect, () => this.send(text));
  }

  /**
   * Clicks the button called `name` (the whole title) on `card` (an Action.Execute), and waits for the bot's answer to
   * that invoke: the card it replaces the clicked one with, or the message the Playground shows under it.
   */
  async click(card: Locator, name: string | RegExp): Promise<void> {
    const button = card.getByRole('button', { name: typeof name === 'string' ? new RegExp(`^${escape(name)}$`) : name });
    await button.scrollIntoViewIfNeeded();
    await Promise.all([
      this.page.waitForResponse((response) => invokeVerb(response.request()) !== undefined, { timeout: UI_TIMEOUT_MS }),
      button.click(),
    ]);
  }

  /**
   * Sends the last `adaptiveCard/action` invoke of `verb` the page posted once more, through the Playground, as a
   * second click or a retrying client would; returns the Playground's answer (the bot's invoke response).
   */
  async replay(verb: string): Promise<{ status: number; text: string }> {
    const invoke = this.invokes.findLast((i) => i.verb === verb);
    assert.ok(invoke, `the page sent a ${verb} invoke`);
    return within(this.page.evaluate(async ([url, body]) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, text: await res.text() };
    }, [invoke.url, invoke.body] as const), UI_TIMEOUT_MS, `replaying ${verb}`);
  }

  /** Waits until `locator` is visible and scrolls it into view. */
  private async shown(locator: Locator): Promise<Locator> {
    await locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await locator.scrollIntoViewIfNeeded({ timeout: UI_TIMEOUT_MS });
    return locator;
  }

  /** What a person reads in the cards: no template leftovers, no raw subscription, payment-method or quote ids. */
  async assertCardsReadable(): Promise<void> {
    const texts = (await this.page.locator('.ac-adaptiveCard').allInnerTexts()).join('\n');
    assert.ok(!texts.includes('${'), `a template placeholder was left in a card:\n${texts}`);
    assert.doesNotMatch(texts, /\b(sub|SUB|pm|QUO)-[\w-]+/, 'a raw id is shown in a card');
    assert.doesNotMatch(texts, /\bundefined\b|\bnull\b|NaN|\[object Object\]/, 'a missing value is shown in a card');
  }

  /** The Playground's tenant and user, read from the ledger file (one tenant, one user besides the demo users). */
  identity(): PlaygroundIdentity {
    const raw = new Database(this.ledgerFile, { readonly: true, fileMustExist: true });
    try {
      // The Playground's tenant (its config's tenantId) got the demo tenant on first contact; its current user joined it
      // as a global admin.
      // Partitions named '#…' (the record of provisioned tenants) are the ledger's own, not a tenant's.
      const tenants = raw.prepare<[], { tenant_id: string }>("SELECT DISTINCT tenant_id FROM entities WHERE kind = 'tenant' AND tenant_id NOT LIKE '#%'").all().map((r) => r.tenant_id);
      const users = raw.prepare<[], { id: string }>("SELECT id FROM entities WHERE kind = 'user'").all()
        .map((r) => r.id).filter((id) => !(Object.values(DEMO_USERS) as string[]).includes(id));
      assert.equal(tenants.length, 1, `one tenant (the Playground's) in the ledger: ${tenants.join(', ')}`);
      assert.equal(users.length, 1, `one Playground user besides the demo users: ${users.join(', ')}`);
      return { tenantId: tenants[0] ?? '', userId: users[0] ?? '' };
    } finally {
      raw.close();
    }
  }

  /**
   * Runs `use` with a BillingService of its own on the bot's ledger file (SQLite serializes the two processes'
   * writes), as the Playground user; `clock` dates what it writes.
   */
  async withBilling<T>(use: (billing: BillingService, caller: Caller) => Promise<T>, clock: Clock = systemClock): Promise<T> {
    const caller = this.identity();
    const store = SqliteLedgerStore.open(this.ledgerFile);
    try {
      return await use(new BillingService(store, clock, new RandomIds()), caller);
    } finally {
      await store.close();
    }
  }
}

/** The verb of an `adaptiveCard/action` invoke the page posts to the Playground; undefined for any other request. */
function invokeVerb(request: Request): string | undefined {
  if (request.method() !== 'POST') return undefined;
  try {
    const json = JSON.parse(request.postData() ?? '') as { name?: unknown; value?: { action?: { verb?: unknown } } };
    const verb = json.value?.action?.verb;
    return json.name === 'adaptiveCard/action' && typeof verb === 'string' ? verb : undefined;
  } catch {
    return undefined; // not JSON: not an invoke
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Registers the hooks of a browser suite whose steps build on each other: the session starts before the first step
 * and stops after the last; after a failed step the rest are skipped (they would only repeat it). Returns the session.
 */
export function usePlayground(prefix: string): () => PlaygroundSession {
  let session: PlaygroundSession | undefined;
  let broken = false;
  before(async function () {
    this.timeout(START_TIMEOUT_MS * 3);
    session = await PlaygroundSession.start(prefix);
  });
  beforeEach(function () {
    if (broken) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') broken = true;
  });
  after(async function () {
    this.timeout(STOP_TIMEOUT_MS * 6);
    await session?.stop(broken);
  });
  return () => {
    if (!session) throw new Error('The Playground did not start');
    return session;
  };
}
