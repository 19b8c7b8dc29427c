// The Bot Connector failing under a running bot (`node dist/src/index.js`, SQLite, local mode, a loopback fake
// connector), where a failure used to end the process or hold a turn for two minutes:
// - a typing indicator still on its way when its turn ends, then answered 500, 429 (an invitation to retry), a reset,
//   or never: the process lives, nothing is sent after the turn, and the next turn answers;
// - a reply the connector never answers: the turn answers "try again" within the connector's bound (well before
//   Teams redelivers at 15 s), the conversation's state is kept, and the admin's open checkout then places one order.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CONNECTOR_CALL_TIMEOUT_MS } from '../../src/callDeadline.js';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { RandomIds } from '../../src/store/ids.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { systemClock } from '../../src/store/systemClock.js';
import { allOrders } from '../support/allOrders.js';
import { BotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';
import { actionData, cardOf, cardWith, Conversation, orderNumbersIn, type CardRef, type Instance, type Turn } from '../support/teamsChannel.js';

/** The process guards' line for a rejection nobody handled (src/server/processGuards.ts). */
const UNHANDLED = 'unhandled promise rejection (still serving)';
const TRY_AGAIN = 'a service I depend on isn’t responding right now. Please try again in a moment.';
/** Each conversation in a tenant of its own (local mode provisions the demo tenant for any id). */
const TENANT = 'tenant-connector-failures';
/** Teams redelivers an activity whose turn takes over 15 s: every turn here must answer well before. */
const WELL_BEFORE_REDELIVERY_MS = 12_000;

describe('Resilience: the Bot Connector failing or hanging under a running bot', function () {
  this.timeout(120_000);
  let dir: string;
  let logs: string;
  let bot: BotProcess;
  const connector = new FakeConnector();
  let instance: Instance;
  let ledger: SqliteLedgerStore;
  let service: BillingService;
  let conversations = 0;

  before(async () => {
    logs = logDirectory('connector-failures');
    dir = mkdtempSync(join(tmpdir(), 'addon-connector-failures-'));
    const serviceUrl = await connector.start();
    bot = await BotProcess.start({ name: 'bot', logFile: join(logs, 'bot.log'), env: { DATA_DIR: dir, LOG_LEVEL: 'debug' } });
    instance = { name: bot.name, base: bot.base, connector, serviceUrl };
    // The bot's own ledger file, read beside it (WAL allows a reader).
    ledger = SqliteLedgerStore.open(join(dir, 'ledger.db'));
    service = new BillingService(ledger, systemClock, new RandomIds());
  });

  afterEach(() => {
    connector.failNext = [];
    connector.retryAfterSeconds = undefined;
    connector.hangNext = 0;
    connector.holdTyping = false;
  });

  after(async () => {
    await ledger?.close();
    await bot?.stop();
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const chat = (): Conversation => {
    conversations += 1;
    return new Conversation({ id: `a:connector-failures-${conversations}`, tenantId: `${TENANT}-${conversations}`, userId: DEMO_USERS.megan });
  };
  const turn = async (pending: Promise<Turn>): Promise<Turn & { ms: number }> => {
    const started = Date.now();
    const done = await pending;
    assert.equal(done.status, 200, `HTTP ${done.status}: ${done.text.slice(0, 300)}`);
    return { ...done, ms: Date.now() - started };
  };
  const helpCards = (conversationId: string) => connector.messages(conversationId).filter((a) => JSON.stringify(cardOf(a) ?? {}).includes('What I can do'));
  const logLines = (): Array<Record<string, unknown>> => bot.lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
  const toCheckout = async (c: Conversation): Promise<CardRef> => {
    const asked = await turn(c.say(instance, 'buy 10 GB of extra file storage for E3 monthly'));
    return cardWith(asked, 'buy.placeOrder');
  };
  const ordersOf = async (c: Conversation, checkout: CardRef): Promise<string[]> => {
    const quoteId = actionData(checkout.card, 'buy.placeOrder')?.quoteId;
    const orders = await allOrders(service, { tenantId: c.options.tenantId, userId: DEMO_USERS.megan });
    return orders.filter((o) => o.quoteId === quoteId).map((o) => o.id);
  };

  for (const how of [500, 429, 'reset', 'never'] as const) {
    it(`lives on when a typing indicator still on its way at the turn's end is answered ${how === 'never' ? 'never' : how === 'reset' ? 'with a reset' : how}`, async () => {
      const c = chat();
      connector.holdTyping = true;
      // A reply throttled for a second keeps the turn running past the typing delay, so an indicator goes out.
      connector.failNext = [429];
      connector.retryAfterSeconds = 1;
      const typingBefore = connector.typingReceived;
      const help = await turn(c.say(instance, 'help'));
      assert.equal(helpCards(c.id).length, 1, `the help card arrived: ${help.text.slice(0, 300)}`);
      assert.ok(connector.typingReceived - typingBefore >= 1, 'an indicator was on its way while the turn ran');
      const typingAtTheEnd = connector.typingReceived;

      if (how !== 'never') connector.releaseTyping(how);
      // Long enough for a retry after "Retry-After: 0", for the indicator's own bound, and for a crash to happen.
      await delay(how === 'never' ? CONNECTOR_CALL_TIMEOUT_MS + 1_000 : 1_500);
      assert.equal(connector.typingReceived, typingAtTheEnd, 'no indicator (nor a retry of one) after the turn');
      assert.equal(bot.exit, undefined, 'the bot process is alive');
      assert.deepEqual(logLines().filter((l) => l.msg === UNHANDLED), [], 'and nothing failed unseen (the process guards would log it)');

      connector.holdTyping = false;
      const again = await turn(c.say(instance, 'help'));
      assert.equal(helpCards(c.id).length, 2, `and keeps answering: ${again.text.slice(0, 300)}`);
      assert.ok(await bot.healthy());
    });
  }

  it('answers "try again" within the bound when the connector never answers a reply, and the checkout survives', async () => {
    const c = chat();
    const checkout = await toCheckout(c);
    connector.hangNext = 1;
    const help = await turn(c.say(instance, 'help'));
    assert.ok(help.text.includes(TRY_AGAIN), `try again: ${help.text.slice(0, 400)}`);
    assert.ok(help.ms >= CONNECTOR_CALL_TIMEOUT_MS - 500, `it waited for the bound first (${help.ms} ms)`);
    assert.ok(help.ms < WELL_BEFORE_REDELIVERY_MS, `answered in ${help.ms} ms`);

    const placed = await turn(c.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'submit'));
    const told = orderNumbersIn(placed.text);
    assert.equal(told.length, 1, `the flow went on where it was: ${placed.text.slice(0, 400)}`);
    assert.match(placed.text, /Your order ORD-\S+ is placed/);
    assert.deepEqual(await ordersOf(c, checkout), told, 'exactly that order');
  });

  it('answers a card click "try again" within the bound when the connector hangs on its message; a second click finds the one order', async () => {
    const c = chat();
    const checkout = await toCheckout(c);
    // Place order through Action.Execute: the order is committed, then the "Done!" message hangs.
    connector.hangNext = 1;
    const clicked = await turn(c.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'execute'));
    const body = clicked.json as { type?: unknown; value?: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message');
    assert.ok(String(body.value).includes(TRY_AGAIN), `the invoke answers "try again": ${String(body.value)}`);
    assert.ok(clicked.ms < WELL_BEFORE_REDELIVERY_MS, `answered in ${clicked.ms} ms`);

    const again = await turn(c.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'execute'));
    assert.match(again.text, /already placed/i, again.text.slice(0, 400));
    const told = orderNumbersIn(again.text);
    assert.equal(told.length, 1);
    assert.deepEqual(await ordersOf(c, checkout), told, 'one order, the one told');
  });

  it('still answers well before a redelivery when the "try again" hangs too', async () => {
    const c = chat();
    connector.hangNext = 2;
    const help = await turn(c.say(instance, 'help'));
    assert.ok(help.ms < WELL_BEFORE_REDELIVERY_MS, `answered in ${help.ms} ms`);
    assert.equal(bot.exit, undefined);
    const again = await turn(c.say(instance, 'help'));
    assert.ok(helpCards(c.id).length >= 1 && again.text.includes('What I can do'), again.text.slice(0, 300));
  });

  it('logged each hang as a connector timeout, no unhandled rejection, nothing revoked, and no secret', () => {
    const lines = logLines();
    const failed = lines.filter((l) => l.msg === 'turn failed');
    assert.ok(failed.length >= 3, JSON.stringify(failed));
    for (const line of failed) {
      assert.equal(line.serviceFailure, true, JSON.stringify(line));
      assert.equal(line.serviceCode, 'ETIMEDOUT', JSON.stringify(line));
      assert.equal(line.service, 'connector', JSON.stringify(line));
    }
    assert.deepEqual(lines.filter((l) => l.msg === UNHANDLED), []);
    const all = bot.lines.join('\n');
    assert.ok(!all.includes('revoked'), 'nothing touched a revoked turn context');
    assert.deepEqual(findLeaks(readLogs(logs), []), []);
    removeLogs(logs);
  });
});
