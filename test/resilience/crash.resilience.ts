// The bot process killed with SIGKILL in the middle of a burst of orders driven over HTTP (many conversations, each
// buying in one sentence and clicking Place order), on SQLite and on Azure Storage (Azurite): after a restart on the
// same storage, every order number the admin was shown (everything the fake connector received, and every invoke
// response) is in the ledger, no checkout is ordered twice, and each interrupted conversation's next message gets a
// sensible answer: the Place order click redelivered tells the one order of that checkout, and "help" the help card.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BillingService } from '../../src/domain/billingService.js';
import type { LedgerStore } from '../../src/domain/ports.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { RandomIds } from '../../src/store/ids.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { systemClock } from '../../src/store/systemClock.js';
import { allOrders } from '../support/allOrders.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { BotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { accountKeyOf, findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';
import { actionData, allText, cardWith, Conversation, orderNumbersIn, type CardRef, type Instance } from '../support/teamsChannel.js';

const WORKERS = 6;
/** Orders shown before the kill. */
const KILL_AFTER = 30;

interface Interrupted {
  readonly conversation: Conversation;
  /** Set when the checkout card had been shown: its Place order click is what Teams redelivers. */
  readonly checkout: CardRef | undefined;
}

describe('Resilience: the bot killed with SIGKILL in the middle of a burst of orders', function () {
  this.timeout(180_000);
  let azurite: RunningAzurite | undefined;
  let logs: string;
  const secrets: string[] = [];
  const figures = { turns: 0, shown: 0, lost: 0, duplicates: 0, interrupted: 0 };

  before(() => {
    logs = logDirectory('crash');
  });

  after(async () => {
    await azurite?.stop();
    console.log(`      [resilience] SIGKILL mid-burst (SQLite and Azure): ${figures.turns} turns driven, ${figures.shown} orders shown, `
      + `${figures.lost} lost, ${figures.duplicates} duplicates, ${figures.interrupted} interrupted conversations answered after the restart`);
  });

  for (const backend of ['sqlite', 'azure'] as const) {
    it(`on ${backend}: keeps every order shown, none twice, and answers the next message after a restart`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `addon-crash-${backend}-`));
      const connector = new FakeConnector();
      const serviceUrl = await connector.start();
      let env: Record<string, string> = { DATA_DIR: dir, LOG_LEVEL: 'debug' };
      if (backend === 'azure') {
        azurite = await startAzurite();
        secrets.push(accountKeyOf(azurite.connectionString));
        env = { ...env, STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString };
      }
      const tenantId = `tenant-crash-${backend}`;
      const start = (run: number) => BotProcess.start({ name: `bot ${backend} ${run}`, logFile: join(logs, `bot-${backend}-${run}.log`), env });
      let bot = await start(1);
      const instance = (): Instance => ({ name: bot.name, base: bot.base, connector, serviceUrl });
      try {
        // The burst: WORKERS conversations at a time, each buying in one sentence and placing the order.
        const shownInResponses = new Set<string>();
        const interrupted: Interrupted[] = [];
        let killed = false;
        let shown = 0;
        const worker = async (w: number): Promise<void> => {
          for (let k = 0; !killed; k++) {
            const conversation = new Conversation({ id: `a:crash-${backend}-${w}-${k}`, tenantId, userId: DEMO_USERS.megan });
            let checkout: CardRef | undefined;
            try {
              figures.turns += 1;
              const asked = await conversation.say(instance(), `buy ${1 + ((w * 7 + k) % 40)} GB of extra file storage for E3 monthly`);
              checkout = cardWith(asked, 'buy.placeOrder');
              figures.turns += 1;
              const placed = await conversation.click(instance(), checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, k % 2 ? 'submit' : 'execute');
              const orders = orderNumbersIn(placed.text);
              assert.equal(orders.length, 1, placed.text.slice(0, 300));
              for (const order of orders) shownInResponses.add(order);
              shown += 1;
              if (shown >= KILL_AFTER && !killed) {
                killed = true;
                await bot.kill('SIGKILL');
              }
            } catch (error) {
              if (!killed) throw error;
              // The request in flight when the process died: the admin saw nothing, or the connector got the answer.
              if (process.env.DEBUG_RESILIENCE) console.log("interrupted", conversation.id, Boolean(checkout), error instanceof Error ? error.message : error);
              interrupted.push({ conversation, checkout });
              return;
            }
          }
        };
        await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
        assert.equal(bot.exit?.signal, 'SIGKILL');

        // Everything the admins were shown: every order number posted to the connector or answered to an invoke.
        const shownOrders = new Set([...shownInResponses, ...connector.sent.flatMap((a) => orderNumbersIn(allText(a.body)))]);
        assert.ok(shownOrders.size >= KILL_AFTER, `${shownOrders.size} orders shown`);

        bot = await start(2);
        // The ledger as the restarted bot sees it, read through the domain.
        const store: LedgerStore = backend === 'sqlite'
          ? SqliteLedgerStore.open(join(dir, 'ledger.db'))
          : await AzureTableLedgerStore.open(azurite?.connectionString ?? '');
        try {
          if (store instanceof SqliteLedgerStore) assert.equal(store.integrityCheck(), 'ok');
          const service = new BillingService(store, systemClock, new RandomIds());
          const caller = { tenantId, userId: DEMO_USERS.megan };
          const before = await allOrders(service, caller);
          const ids = new Set(before.map((o) => o.id));
          const lost = [...shownOrders].filter((id) => !ids.has(id));
          const duplicates = before.length - new Set(before.map((o) => o.quoteId)).size;
          figures.shown += shownOrders.size;
          figures.lost += lost.length;
          figures.duplicates += duplicates;
          assert.deepEqual(lost, [], 'every order shown is in the ledger');
          assert.equal(duplicates, 0, 'no checkout ordered twice');
          assert.ok(before.length <= shownOrders.size + WORKERS, 'at most the orders in flight at the kill are there unshown');

          // Each interrupted conversation carries on: Teams redelivers the click, then the admin types help.
          for (const { conversation, checkout } of interrupted) {
            figures.interrupted += 1;
            if (checkout) {
              figures.turns += 1;
              const again = await conversation.click(instance(), checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, 'submit');
              assert.equal(again.status, 200);
              const told = orderNumbersIn(again.text);
              assert.equal(told.length, 1, `the redelivered click names the order: ${again.text.slice(0, 400)}`);
              const quoteId = String(actionData(checkout.card, 'buy.placeOrder')?.quoteId);
              const forQuote = (await allOrders(service, caller)).filter((o) => o.quoteId === quoteId);
              assert.deepEqual(forQuote.map((o) => o.id), told, 'exactly the order told exists for that checkout');
              if (ids.has(told[0] ?? '')) assert.match(again.text, /already placed/i, 'an order placed before the kill is "already placed"');
            }
            figures.turns += 1;
            const help = await conversation.say(instance(), 'help');
            assert.equal(help.status, 200);
            assert.match(help.text, /What I can do/, `help answers after the restart: ${help.text.slice(0, 300)}`);
          }
          const after = await allOrders(service, caller);
          assert.equal(after.length - new Set(after.map((o) => o.quoteId)).size, 0, 'still no checkout ordered twice');
        } finally {
          await store.close();
        }
      } finally {
        await bot.stop();
        await connector.stop();
        if (backend === 'azure') {
          await azurite?.stop();
          azurite = undefined;
        }
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('never logged a card number, a secret or a token', () => {
    assert.deepEqual(findLeaks(readLogs(logs), secrets), []);
    removeLogs(logs);
  });
});
