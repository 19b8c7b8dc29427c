// The Bot Connector answering errors to the bot's outbound calls (the real server in-process, SQLite, local mode,
// a loopback fake connector). A POST of an activity is not idempotent (SPEC section 5): 429 is retried, honouring
// Retry-After, a bounded number of times, and the reply arrives once; a 5xx (even with Retry-After) or a reset is
// never retried, so nothing is delivered twice. Stock botbuilder 4.23 does the opposite: its Azure pipeline retries
// 5xx, 408 and network errors (a duplicate message when the first POST was delivered) and retries 429 only when a
// Retry-After header comes with it.
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { CONNECTOR_MAX_RETRY_AFTER_MS, retryAfterMs } from '../../src/bot/connectorAuthentication.js';
import { CONNECTOR_CALL_TIMEOUT_MS } from '../../src/callDeadline.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import { allOrders } from '../support/allOrders.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';
import { cardOf, cardWith, Conversation, orderNumbersIn, type Instance } from '../support/teamsChannel.js';

const TENANT = 'tenant-connector';
const TRY_AGAIN = 'a service I depend on isn’t responding right now';

describe('Resilience: the Bot Connector answering 429 or 5xx', function () {
  this.timeout(60_000);
  let dir: string;
  let logs: string;
  let log: WriteStream;
  let app: App;
  const connector = new FakeConnector();
  let instance: Instance;
  let conversations = 0;

  before(async () => {
    logs = logDirectory('connector');
    dir = mkdtempSync(join(tmpdir(), 'addon-connector-'));
    log = createWriteStream(join(logs, 'server.log'));
    app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'debug' }), createLogger('debug', log));
    const port = await app.listen(0, '127.0.0.1');
    instance = { name: 'in-process', base: `http://127.0.0.1:${port}`, connector, serviceUrl: await connector.start() };
  });

  after(async () => {
    await app.close();
    await connector.stop();
    await new Promise<void>((resolve) => log.end(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    connector.failNext = [];
    connector.failNextAfterDelivery = [];
    connector.retryAfterSeconds = undefined;
  });

  const chat = (): Conversation => {
    conversations += 1;
    return new Conversation({ id: `a:connector-${conversations}`, tenantId: TENANT, userId: DEMO_USERS.megan });
  };
  const helpCards = (conversationId: string) => connector.messages(conversationId).filter((a) => JSON.stringify(cardOf(a) ?? {}).includes('What I can do'));

  it('reads Retry-After as seconds or an HTTP date, waits 0.5 s, 1 s… without one, and gives up past its bound', () => {
    assert.equal(retryAfterMs('2', 1), 2_000);
    assert.equal(retryAfterMs('0', 1), 0);
    assert.equal(retryAfterMs(new Date(10_000 + 3_000).toUTCString(), 1, 10_000), 3_000);
    assert.equal(retryAfterMs(undefined, 1), 500);
    assert.equal(retryAfterMs(undefined, 2), 1_000);
    assert.equal(retryAfterMs('soon', 2), 1_000);
    assert.equal(retryAfterMs(String(CONNECTOR_MAX_RETRY_AFTER_MS / 1000 + 1), 1), undefined);
  });

  for (const retryAfter of [1, undefined]) {
    it(`sends the reply once after a 429 ${retryAfter === undefined ? 'without Retry-After' : `with Retry-After: ${retryAfter}`}, then a 200`, async () => {
      const c = chat();
      connector.failNext = [429];
      connector.retryAfterSeconds = retryAfter;
      const posts = connector.postsReceived;
      const typing = connector.typingReceived;
      const started = Date.now();
      const help = await c.say(instance, 'help');
      assert.equal(help.status, 200);
      assert.equal(helpCards(c.id).length, 1, 'the help card arrived, once');
      assert.equal(connector.postsReceived - posts, 2, 'one refused POST, one delivered');
      assert.ok(Date.now() - started >= (retryAfter ?? 0.5) * 1000 - 50, 'after the wait asked for');
      // Slow (a one-second wait): the user sees the typing indicator meanwhile (again every 2 s on a slower machine).
      if (retryAfter !== undefined) assert.ok(connector.typingReceived - typing >= 1, 'a turn that waits a second shows the typing indicator');
    });
  }

  it('tries a throttled reply at most 3 times, never waits longer than it may, and then tells the user', async () => {
    const c = chat();
    connector.failNext = [429, 429, 429];
    const posts = connector.postsReceived;
    const help = await c.say(instance, 'help');
    assert.equal(help.status, 200);
    assert.equal(connector.postsReceived - posts, 4, '3 tries of the help card, then the apology');
    assert.equal(helpCards(c.id).length, 0);
    assert.ok(help.text.includes(TRY_AGAIN), help.text);

    const d = chat();
    connector.failNext = [429];
    connector.retryAfterSeconds = 60;
    const started = Date.now();
    await d.say(instance, 'help');
    assert.ok(Date.now() - started < 5_000, 'a Retry-After of a minute is not waited for within a turn');
  });

  it('starts no wait that would outlast the call\'s bound: a second Retry-After of 3 s is not waited for', async () => {
    const c = chat();
    connector.failNext = [429, 429];
    connector.retryAfterSeconds = 3;
    const posts = connector.postsReceived;
    const started = Date.now();
    const help = await c.say(instance, 'help');
    const ms = Date.now() - started;
    assert.equal(help.status, 200);
    assert.equal(connector.postsReceived - posts, 3, 'the card, once more after 3 s, then the apology');
    assert.ok(help.text.includes(TRY_AGAIN), help.text);
    assert.ok(ms >= 2_900 && ms < CONNECTOR_CALL_TIMEOUT_MS + 2_000, `one wait of 3 s, not two (${ms} ms)`);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`never retries a ${status}, even with Retry-After: the message is not duplicated`, async () => {
      const c = chat();
      connector.failNextAfterDelivery = [status];
      connector.retryAfterSeconds = 1;
      const posts = connector.postsReceived;
      const help = await c.say(instance, 'help');
      assert.equal(help.status, 200);
      assert.equal(helpCards(c.id).length, 1, 'delivered once, not again');
      assert.equal(connector.postsReceived - posts, 2, 'the help card once, then the apology');
      assert.ok(help.text.includes(TRY_AGAIN), `the user is told to try again: ${help.text}`);
    });
  }

  it('a receipt answered 500 after delivery is not re-sent; clicking again says "already placed", one order', async () => {
    const c = chat();
    const asked = await c.say(instance, 'buy 10 GB of extra file storage for E3 monthly');
    const checkout = cardWith(asked, 'buy.placeOrder');
    // Place order through Action.Execute: the receipt card rides on the invoke response, the "Done!" text is POSTed.
    connector.failNextAfterDelivery = [500];
    const placed = await c.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'execute');
    assert.equal(placed.status, 200);
    const done = connector.messages(c.id).filter((a) => String(a.body.text).startsWith('Done!'));
    assert.equal(done.length, 1, 'the "Done!" message was delivered once and not re-sent');
    const again = await c.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'execute');
    assert.match(again.text, /already placed/i);
    const orders = await allOrders(app.billing, { tenantId: TENANT, userId: DEMO_USERS.megan });
    assert.deepEqual(orders.map((o) => o.id), orderNumbersIn(again.text));
    assert.equal(orders.length, 1);
  });

  it('never logged a card number, a secret or a token', async () => {
    await new Promise<void>((resolve) => log.write('', () => resolve()));
    assert.deepEqual(findLeaks(readLogs(logs), []), []);
    removeLogs(logs);
  });
});
