// Azure Storage going away under a running bot (`node dist/src/index.js`, STORAGE=azure, local mode). The bot reaches
// Azurite through loopback TCP gates (test/support/tcpGate.ts), so the test can take storage away and bring it back
// on the same address, or cut it in the very middle of the order's transaction:
// - storage stopped: the admin gets a plain "try again" in their language (EN and FR), fast; nothing is ordered; when
//   storage is back the same bot carries on (no restart) and the flow continues where it was;
// - cut while Place order's transaction is on its way (before it reaches storage, or after, its answer lost): the
//   admin is told to try again, no partial order exists, and the click once storage is back gives exactly one order;
// - Azurite restarted empty on the same address (in-memory data lost): the ledger never silently starts over (every
//   turn says "try again"), and after a restart the bot re-creates the table and the demo tenant on the next turn;
// - storage that hangs instead (Azurite paused with SIGSTOP, or a gate that stops forwarding bot state, or Place order's
//   transaction): each call gives up at its bound, the admin gets "try again" well before Teams would redeliver, the
//   open checkout is kept, and once storage answers again Place order gives exactly one order;
// - bot state on Blob Storage recovers by itself from a failed first use and from a vanished container.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import { STORAGE_CALL_TIMEOUT_MS } from '../../src/callDeadline.js';
import { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createAzureBotStorage } from '../../src/store/azureBotStorage.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { RandomIds } from '../../src/store/ids.js';
import { systemClock } from '../../src/store/systemClock.js';
import { allOrders } from '../support/allOrders.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { BotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { accountKeyOf, findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';
import { TcpGate } from '../support/tcpGate.js';
import { actionData, cardWith, Conversation, orderNumbersIn, type CardRef, type Instance, type Turn } from '../support/teamsChannel.js';

const TRY_AGAIN = {
  en: 'a service I depend on isn’t responding right now. Please try again in a moment.',
  fr: 'un service dont je dépends ne répond pas pour le moment. Veuillez réessayer dans un instant.',
};
/** A failing turn still answers well within Teams' 15 s redelivery. */
const FAST_MS = 8_000;
const TENANT = 'tenant-outage';
const BATCH = /^POST \S*\$batch/;

describe('Resilience: Azure Storage going away under a running bot', function () {
  this.timeout(180_000);
  let azurite: RunningAzurite;
  let tableGate: TcpGate;
  let blobGate: TcpGate;
  let gated: string;
  let dir: string;
  let logs: string;
  let bot: BotProcess;
  const connector = new FakeConnector();
  let instance: Instance;
  let service: BillingService;
  const secrets: string[] = [];
  let turns = 0;
  let conversations = 0;

  const startBot = async (run: number): Promise<void> => {
    bot = await BotProcess.start({
      name: `bot ${run}`, logFile: join(logs, `bot-${run}.log`),
      env: { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: gated, LOG_LEVEL: 'debug', DATA_DIR: dir },
    });
    instance = { name: bot.name, base: bot.base, connector, serviceUrl: instance.serviceUrl };
  };
  const storageDown = async (): Promise<void> => {
    await Promise.all([tableGate.close(), blobGate.close()]);
  };
  const storageBack = async (): Promise<void> => {
    await Promise.all([tableGate.open(), blobGate.open()]);
  };
  const turn = async (pending: Promise<Turn>): Promise<Turn & { ms: number }> => {
    turns += 1;
    const started = Date.now();
    const done = await pending;
    assert.equal(done.status, 200, `HTTP ${done.status}: ${done.text.slice(0, 300)}`);
    return { ...done, ms: Date.now() - started };
  };
  const conversation = (locale: 'en-US' | 'fr-FR'): Conversation => {
    conversations += 1;
    return new Conversation({ id: `a:outage-${conversations}`, tenantId: TENANT, userId: DEMO_USERS.megan, locale });
  };
  /** Buy storage up to the checkout card, in the conversation's language. */
  const toCheckout = async (chat: Conversation): Promise<CardRef> => {
    const asked = await turn(chat.say(instance, chat.options.locale === 'fr-FR' ? 'acheter du stockage supplémentaire' : 'buy storage add-on'));
    const chosen = await turn(chat.click(instance, cardWith(asked, 'buy.chooseSubscription'), 'buy.chooseSubscription', { choice: 'sub-e3' }, 'submit'));
    const quoted = await turn(chat.click(instance, cardWith(chosen, 'buy.details'), 'buy.details', { quantity: '25', frequency: 'yearly' }, 'submit'));
    return cardWith(quoted, 'buy.placeOrder');
  };
  const place = (chat: Conversation, checkout: CardRef, via: 'execute' | 'submit') =>
    turn(chat.click(instance, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, via));
  const ordersOf = async (checkout: CardRef): Promise<string[]> => {
    const quoteId = actionData(checkout.card, 'buy.placeOrder')?.quoteId;
    return (await allOrders(service, { tenantId: TENANT, userId: DEMO_USERS.megan })).filter((o) => o.quoteId === quoteId).map((o) => o.id);
  };

  before(async () => {
    logs = logDirectory('storage-outage');
    dir = mkdtempSync(join(tmpdir(), 'addon-outage-'));
    azurite = await startAzurite();
    secrets.push(accountKeyOf(azurite.connectionString));
    tableGate = await TcpGate.start(azurite.ports.table);
    blobGate = await TcpGate.start(azurite.ports.blob);
    gated = azurite.connectionString
      .replace(`:${azurite.ports.table}/`, `:${tableGate.port}/`)
      .replace(`:${azurite.ports.blob}/`, `:${blobGate.port}/`);
    instance = { name: '', base: '', connector, serviceUrl: await connector.start() };
    await startBot(1);
    service = new BillingService(await AzureTableLedgerStore.open(azurite.connectionString), systemClock, new RandomIds());
  });

  after(async () => {
    await bot?.stop();
    await connector.stop();
    await tableGate?.close();
    await blobGate?.close();
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
    console.log(`      [resilience] storage outages: ${turns} turns driven, every failed turn answered 200 with "try again"`);
  });

  it('says "try again" in the admin’s language while storage is down, orders nothing, and carries on when it is back', async () => {
    const en = conversation('en-US');
    const fr = conversation('fr-FR');
    const checkoutEn = await toCheckout(en);
    const checkoutFr = await toCheckout(fr);

    await storageDown();
    const typed = await turn(en.say(instance, 'buy storage add-on'));
    assert.ok(typed.text.includes(TRY_AGAIN.en), `EN try again: ${typed.text.slice(0, 300)}`);
    const clickedFr = await turn(place(fr, checkoutFr, 'execute'));
    const body = clickedFr.json as { statusCode?: unknown; type?: unknown; value?: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', 'the invoke answers with a message, not an error');
    assert.ok(String(body.value).includes(TRY_AGAIN.fr), `FR try again in the invoke response: ${String(body.value)}`);
    assert.ok(clickedFr.sent.some((a) => String(a.body.text).includes(TRY_AGAIN.fr)), 'and said in the chat');
    const clickedEn = await turn(place(en, checkoutEn, 'submit'));
    assert.ok(clickedEn.text.includes(TRY_AGAIN.en), clickedEn.text.slice(0, 300));
    for (const failed of [typed, clickedFr, clickedEn]) {
      assert.ok(failed.ms < FAST_MS, `a failed turn answers fast (${failed.ms} ms)`);
      assert.equal(orderNumbersIn(failed.text).length, 0);
    }
    assert.deepEqual(await ordersOf(checkoutEn), [], 'nothing ordered');
    assert.deepEqual(await ordersOf(checkoutFr), [], 'nothing ordered');
    assert.equal(bot.exit, undefined, 'the bot did not crash');

    await storageBack();
    const help = await turn(en.say(instance, 'help'));
    assert.match(help.text, /What I can do/, 'the same bot answers again, no restart');
    const placedEn = await turn(place(en, checkoutEn, 'execute'));
    const placedFr = await turn(place(fr, checkoutFr, 'submit'));
    assert.match(placedEn.text, /Your order ORD-\S+ is placed/, `the flow carried on: ${placedEn.text.slice(0, 300)}`);
    assert.match(placedFr.text, /Votre commande ORD-\S+/, `the French flow carried on: ${placedFr.text.slice(0, 300)}`);
    assert.deepEqual(await ordersOf(checkoutEn), orderNumbersIn(placedEn.text));
    assert.deepEqual(await ordersOf(checkoutFr), orderNumbersIn(placedFr.text));
  });

  for (const when of ['before', 'after'] as const) {
    it(`storage cut as Place order's transaction is on its way (${when} it reaches storage): "try again", then exactly one order`, async () => {
      const chat = conversation('en-US');
      const checkout = await toCheckout(chat);
      const cut = tableGate.cutAt(BATCH, when).then(() => blobGate.close());
      const interrupted = await turn(place(chat, checkout, 'execute'));
      await cut;
      assert.ok(interrupted.text.includes(TRY_AGAIN.en), `try again: ${interrupted.text.slice(0, 300)}`);
      assert.ok(interrupted.ms < FAST_MS, `answered in ${interrupted.ms} ms`);
      const committed = await ordersOf(checkout);
      // The transaction is all or nothing: no order, or the whole order (its subscription and audit entry too).
      assert.equal(committed.length, when === 'before' ? 0 : 1);
      for (const orderId of committed) {
        const order = await service.getOrder({ tenantId: TENANT, userId: DEMO_USERS.megan }, orderId);
        const subscriptions = await service.listAddons({ tenantId: TENANT, userId: DEMO_USERS.megan }, { limit: 100 });
        assert.ok(subscriptions.items.some((s) => s.id === order.subscriptionId), 'the order came with its subscription');
      }

      await storageBack();
      const again = await turn(place(chat, checkout, 'submit'));
      const told = orderNumbersIn(again.text);
      assert.equal(told.length, 1, again.text.slice(0, 300));
      assert.deepEqual(await ordersOf(checkout), told, 'exactly one order, the one told');
      if (when === 'after') {
        assert.deepEqual(told, committed);
        assert.match(again.text, /already placed/i, 'the order that went through is "already placed"');
      } else {
        assert.match(again.text, /Your order ORD-\S+ is placed/);
      }
    });
  }

  /** A turn that met a hung storage call: "try again", after waiting for the bound, and well before a redelivery. */
  const assertHungTurn = (failed: Turn & { ms: number }, language: 'en' | 'fr'): void => {
    assert.ok(failed.text.includes(TRY_AGAIN[language]), `try again: ${failed.text.slice(0, 300)}`);
    assert.ok(failed.ms >= STORAGE_CALL_TIMEOUT_MS - 500, `it waited for the storage bound (${failed.ms} ms)`);
    assert.ok(failed.ms < FAST_MS, `and answered in ${failed.ms} ms`);
    assert.equal(orderNumbersIn(failed.text).length, 0);
  };
  /** Place order once storage answers again: exactly one order, the one the admin is told about. */
  const placeOnce = async (chat: Conversation, checkout: CardRef): Promise<void> => {
    const placed = await turn(place(chat, checkout, 'submit'));
    const told = orderNumbersIn(placed.text);
    assert.equal(told.length, 1, `the checkout is still there: ${placed.text.slice(0, 300)}`);
    assert.deepEqual(await ordersOf(checkout), told, 'exactly one order, the one told');
  };

  it('answers "try again" within the bound while Azurite hangs (paused), and once it resumes the checkout places one order', async () => {
    const chat = conversation('en-US');
    const checkout = await toCheckout(chat);
    process.kill(azurite.pid, 'SIGSTOP');
    let clicked: Turn & { ms: number };
    let typed: Turn & { ms: number };
    try {
      clicked = await turn(place(chat, checkout, 'execute'));
      typed = await turn(chat.say(instance, 'help'));
    } finally {
      process.kill(azurite.pid, 'SIGCONT');
    }
    const body = clicked.json as { type?: unknown; value?: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', 'the invoke answers with a message');
    assertHungTurn(clicked, 'en');
    assertHungTurn(typed, 'en');
    assert.equal(bot.exit, undefined);
    await placeOnce(chat, checkout);
  });

  it('answers "try again" within the bound while bot state (Blob Storage) hangs, and the flow goes on after', async () => {
    const chat = conversation('fr-FR');
    const checkout = await toCheckout(chat);
    blobGate.hold();
    let typed: Turn & { ms: number };
    try {
      typed = await turn(chat.say(instance, 'aide'));
    } finally {
      blobGate.release();
    }
    assertHungTurn(typed, 'fr');
    await placeOnce(chat, checkout);
  });

  it('answers "try again" within the bound when Place order\'s transaction hangs on its way, and nothing partial is left', async () => {
    const chat = conversation('en-US');
    const checkout = await toCheckout(chat);
    tableGate.hold(BATCH);
    let clicked: Turn & { ms: number };
    try {
      clicked = await turn(place(chat, checkout, 'execute'));
    } finally {
      tableGate.release();
    }
    assertHungTurn(clicked, 'en');
    // The transaction was held before it reached storage, and the bot gave up on it: nothing of it was committed.
    assert.deepEqual(await ordersOf(checkout), []);
    await placeOnce(chat, checkout);
  });

  it('never serves from a ledger that came back empty; after a restart it provisions the demo tenant again', async () => {
    const chat = conversation('en-US');
    assert.match((await turn(chat.say(instance, 'help'))).text, /What I can do/);
    // Azurite restarted with in-memory persistence on the same address: tables, blobs and the tenant are gone.
    await storageDown();
    await azurite.stop();
    azurite = await startAzurite();
    secrets.push(accountKeyOf(azurite.connectionString));
    tableGate.retarget(azurite.ports.table);
    blobGate.retarget(azurite.ports.blob);
    await storageBack();
    const refused = await turn(chat.say(instance, 'help'));
    assert.ok(refused.text.includes(TRY_AGAIN.en), `the missing ledger table is an error, not an empty ledger: ${refused.text.slice(0, 300)}`);
    assert.equal(bot.exit, undefined);

    await bot.stop();
    await startBot(2);
    const help = await turn(chat.say(instance, 'help'));
    assert.match(help.text, /What I can do/, `after the restart: ${help.text.slice(0, 300)}`);
    const fresh = new BillingService(await AzureTableLedgerStore.open(azurite.connectionString), systemClock, new RandomIds());
    assert.equal(await fresh.tenantExists(TENANT), true, 'the tenant gate provisioned the demo tenant on that turn');
    const methods = await fresh.listPaymentMethods({ tenantId: TENANT, userId: DEMO_USERS.megan });
    assert.ok(methods.some((m) => m.id === 'pm-visa-4242'), 'with the demo payment methods');
    const asked = await turn(chat.say(instance, 'buy 10 GB of extra file storage for E3 monthly'));
    const placed = await turn(place(chat, cardWith(asked, 'buy.placeOrder'), 'execute'));
    assert.equal(orderNumbersIn(placed.text).length, 1, placed.text.slice(0, 300));
    service = fresh;
  });

  it('keeps bot state working after a failed first use and after its container vanished', async () => {
    const container = `outage-${process.pid}`;
    await storageDown();
    const storage = createAzureBotStorage(gated, container);
    await assert.rejects(storage.write({ 'k/1': { n: 1 } }), 'storage is down');
    await storageBack();
    await storage.write({ 'k/1': { n: 1 } });
    const read = async (key: string): Promise<unknown> => ((await storage.read([key])) as Record<string, { n?: unknown } | undefined>)[key]?.n;
    assert.equal(await read('k/1'), 1, 'a failed first use is not remembered');
    await new ContainerClient(azurite.connectionString, container).delete();
    await storage.write({ 'k/2': { n: 2 } });
    assert.equal(await read('k/2'), 2, 'the container is created again');
  });

  it('never crashed, and never logged a card number, a secret or a token', async () => {
    assert.equal(bot.exit, undefined);
    assert.ok(await bot.healthy());
    const files = readLogs(logs);
    assert.ok(files.some((f) => f.lines.some((l) => l.includes('"serviceFailure":true'))), 'the failed turns are logged as service failures');
    assert.deepEqual(findLeaks(files, secrets), []);
    removeLogs(logs);
  });
});
