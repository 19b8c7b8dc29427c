// Several instances behind a load balancer on one Azure Storage account (Azurite 3.35 from npm, on free loopback
// ports): two bot processes (`node dist/src/index.js`, STORAGE=azure, local mode), each with its own loopback fake
// Bot Connector, one conversation routed across both turn by turn. Place order is clicked on instance A while the
// same click, redelivered under a new activity id, lands on instance B at the same moment, 50 times: exactly one
// order per checkout, and both instances tell the same order number ("already placed" on the loser). Confirm change
// of a quantity change the same way, 25 times, and the same confirmation by two processes straight on the domain,
// 50 times: one change each, the other told "already done". Two admins approving one purchase request on different
// instances: Lee (no purchase rights) asks, the approval cards reach Megan (whose chat is saved) and Alex
// (whose chat the bot creates once); Megan clicks Approve on A while Alex clicks it on B at the same moment, 50 times
// over fresh requests: exactly one order per request, both admins told the same order number ("already approved" to
// the loser), Lee told once. Everything both bots log is grepped for card numbers, secrets and tokens. Run by
// `npm run test:resilience` (several minutes of processes, not in `npm test`).
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BillingService } from '../../src/domain/billingService.js';
import type { Order } from '../../src/domain/model.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { RandomIds } from '../../src/store/ids.js';
import { systemClock } from '../../src/store/systemClock.js';
import { allOrders } from '../support/allOrders.js';
import type { ChildAnswer, ChildRequest } from '../support/azureLedgerChild.js';
import { startAzurite, type RunningAzurite } from '../support/azurite.js';
import { BotProcess } from '../support/botProcess.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { accountKeyOf, findLeaks, logDirectory, readLogs, removeLogs } from '../support/logSecrets.js';
import {
  actionData, cardWith, Conversation, orderNumbersIn, postedCard, type CardRef, type Instance, type Turn,
} from '../support/teamsChannel.js';

const FLOWS = 50;
const QUANTITY_CHANGES = 50;
const CHAT_QUANTITY_CHANGES = 25;
const APPROVAL_RACES = 50;
const TENANT = 'tenant-multi-instance';
const APPROVAL_TENANT = 'tenant-multi-approval';
const CHILD = fileURLToPath(new URL('../support/azureLedgerChild.js', import.meta.url));

/** A turn's answer in the user's eyes: said "already placed" (the loser), or placed it. */
function isAlreadyPlaced(turn: Turn): boolean {
  return /already placed/i.test(turn.text);
}

/** The text messages the bot posted in the conversation during a turn (not the card updates). */
function saidIn(turn: Turn): string[] {
  return turn.sent.flatMap((a) => (a.method === 'POST' && typeof a.body.text === 'string' && a.body.text ? [a.body.text] : []));
}

describe('Resilience: two instances on one Azure Storage account', function () {
  this.timeout(300_000);
  let azurite: RunningAzurite;
  let dir: string;
  let logs: string;
  const connectors = [new FakeConnector(), new FakeConnector()];
  const bots: BotProcess[] = [];
  let instances: [Instance, Instance];
  let store: AzureTableLedgerStore;
  let service: BillingService;
  let turns = 0;

  before(async () => {
    logs = logDirectory('multi-instance');
    dir = mkdtempSync(join(tmpdir(), 'addon-multi-'));
    azurite = await startAzurite();
    const urls = await Promise.all(connectors.map((c) => c.start()));
    const started = await Promise.all(['A', 'B'].map((name) => BotProcess.start({
      name: `bot ${name}`, logFile: join(logs, `bot-${name}.log`),
      env: { STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, LOG_LEVEL: 'debug', DATA_DIR: join(dir, name) },
    })));
    bots.push(...started);
    instances = [0, 1].map((i) => ({
      name: i === 0 ? 'A' : 'B', base: started[i]?.base ?? '', connector: connectors[i] as FakeConnector, serviceUrl: urls[i] ?? '',
    })) as [Instance, Instance];
    store = await AzureTableLedgerStore.open(azurite.connectionString);
    service = new BillingService(store, systemClock, new RandomIds());
  });

  after(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await Promise.all(connectors.map((c) => c.stop()));
    await azurite?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`places exactly one order per checkout when Place order lands on both instances at once, ${FLOWS} times over`, async () => {
    const [a, b] = instances;
    const conversation = new Conversation({ id: 'a:conv-multi-instance', tenantId: TENANT, userId: DEMO_USERS.megan });
    const send = async (turn: Promise<Turn>): Promise<Turn> => {
      turns += 1;
      const done = await turn;
      assert.ok(done.status < 300, `status ${done.status}: ${done.text.slice(0, 300)}`);
      return done;
    };
    const flows: Array<{ quoteId: string; orderA: string[]; orderB: string[]; loser: 'A' | 'B' }> = [];
    for (let i = 0; i < FLOWS; i++) {
      // A load balancer: consecutive turns of the conversation land on alternating instances.
      const at = (step: number): Instance => ((i + step) % 2 === 0 ? a : b);
      const via = (step: number): 'execute' | 'submit' => ((i + step) % 3 === 0 ? 'submit' : 'execute');
      const asked = await send(conversation.say(at(0), 'buy storage add-on'));
      const choice = cardWith(asked, 'buy.chooseSubscription');
      const chosen = await send(conversation.click(at(1), choice, 'buy.chooseSubscription', { choice: 'sub-e3' }, via(1)));
      const details = cardWith(chosen, 'buy.details');
      const quoted = await send(conversation.click(at(2), details, 'buy.details', { quantity: String(10 + i), frequency: i % 2 ? 'monthly' : 'yearly' }, via(2)));
      let checkout: CardRef = cardWith(quoted, 'buy.placeOrder');
      if (i % 10 === 3) {
        // Now and then the admin adds a card in the admin center and selects Refresh: the same quote comes back.
        const refreshed = await send(conversation.click(at(3), checkout, 'buy.refreshCheckout', { paymentMethodId: 'pm-invoice' }, via(3)));
        checkout = { id: checkout.id, card: cardWith(refreshed, 'buy.placeOrder').card };
      }
      const quoteId = String(actionData(checkout.card, 'buy.placeOrder')?.quoteId);
      // The click on A, and the same click redelivered under a new activity id on B, at the same moment.
      const mode = i % 2 === 0 ? 'execute' : 'submit';
      const [onA, onB] = await Promise.all([
        send(conversation.click(a, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, mode)),
        send(conversation.click(b, checkout, 'buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, mode)),
      ]);
      const orderA = orderNumbersIn(onA.text);
      const orderB = orderNumbersIn(onB.text);
      assert.equal(orderA.length, 1, `flow ${i}: A names one order: ${onA.text.slice(0, 500)}`);
      assert.deepEqual(orderB, orderA, `flow ${i}: B names the same order as A: ${onB.text.slice(0, 500)}`);
      assert.notEqual(isAlreadyPlaced(onA), isAlreadyPlaced(onB), `flow ${i}: exactly one instance says "already placed"`);
      flows.push({ quoteId, orderA, orderB, loser: isAlreadyPlaced(onA) ? 'A' : 'B' });
    }

    const orders = await allOrders(service, { tenantId: TENANT, userId: DEMO_USERS.megan });
    const byQuote = new Map<string, Order[]>();
    for (const order of orders) byQuote.set(order.quoteId, [...(byQuote.get(order.quoteId) ?? []), order]);
    const duplicates = [...byQuote.values()].filter((list) => list.length > 1).length;
    const lost = flows.filter((f) => (byQuote.get(f.quoteId) ?? []).length === 0).length;
    for (const flow of flows) {
      assert.deepEqual((byQuote.get(flow.quoteId) ?? []).map((o) => o.id), flow.orderA, `the ledger holds exactly the order told for ${flow.quoteId}`);
    }
    assert.equal(orders.length, FLOWS, 'one order per checkout, nothing else');
    console.log(`      [resilience] two instances: ${FLOWS} flows, ${turns} turns driven, ${duplicates} duplicate orders, `
      + `${lost} orders lost; "already placed" said by A ${flows.filter((f) => f.loser === 'A').length}, `
      + `by B ${flows.filter((f) => f.loser === 'B').length} times`);
    assert.equal(duplicates, 0);
    assert.equal(lost, 0);
  });

  it(`changes a quantity once when Confirm change lands on both instances at once, ${CHAT_QUANTITY_CHANGES} times over`, async () => {
    const [a, b] = instances;
    const conversation = new Conversation({ id: 'a:conv-multi-quantity', tenantId: TENANT, userId: DEMO_USERS.megan });
    const caller = { tenantId: TENANT, userId: DEMO_USERS.megan };
    const phoneSystem = async () => (await service.listAddons(caller, { limit: 100 })).items.find((s) => s.id === 'sub-phone-system');
    const changes = async () => (await service.listAudit(caller, { limit: 100 })).items
      .filter((e) => e.action === 'quantity.change' && e.targetId === 'sub-phone-system').length;
    const start = (await phoneSystem())?.quantity ?? 0;
    const send = async (turn: Promise<Turn>): Promise<Turn> => {
      turns += 1;
      const done = await turn;
      assert.ok(done.status < 300, `status ${done.status}: ${done.text.slice(0, 300)}`);
      return done;
    };
    let saidAlreadyDone = 0;
    for (let i = 1; i <= CHAT_QUANTITY_CHANGES; i++) {
      const at = (step: number): Instance => ((i + step) % 2 === 0 ? a : b);
      const asked = await send(conversation.say(at(0), 'change the quantity of Phone System'));
      const reviewed = await send(conversation.click(at(1), cardWith(asked, 'quantity.review'), 'quantity.review', { quantity: String(start + i) }, i % 3 ? 'execute' : 'submit'));
      const confirm = cardWith(reviewed, 'quantity.confirm');
      const mode = i % 2 === 0 ? 'execute' : 'submit';
      const [onA, onB] = await Promise.all([
        send(conversation.click(a, confirm, 'quantity.confirm', {}, mode)),
        send(conversation.click(b, confirm, 'quantity.confirm', {}, mode)),
      ]);
      const done = [onA, onB].filter((t) => /Done! Phone System now has/.test(t.text));
      const already = [onA, onB].filter((t) => /already done/i.test(t.text));
      assert.equal(done.length, 1, `change ${i}: one instance made it: A ${onA.text.slice(0, 300)} / B ${onB.text.slice(0, 300)}`);
      assert.equal(already.length, 1, `change ${i}: the other says it was already done`);
      assert.ok(done[0]?.text.includes(`${start + i} licenses`), `change ${i}: told the new quantity`);
      saidAlreadyDone += 1;
      assert.equal((await phoneSystem())?.quantity, start + i, `change ${i}: applied once`);
    }
    assert.equal(await changes(), CHAT_QUANTITY_CHANGES, 'one quantity change per confirmation, none twice');
    console.log(`      [resilience] two instances: ${CHAT_QUANTITY_CHANGES} quantity changes confirmed on both at once, `
      + `${CHAT_QUANTITY_CHANGES} applied, "already done" said ${saidAlreadyDone} times`);
  });

  it(`changes a quantity once when two processes confirm the same change at once, ${QUANTITY_CHANGES} times over`, async () => {
    // The same double submit at the domain level, by two processes on the shared Azure ledger (no dialog in between).
    const tenantId = 'tenant-multi-quantity';
    const caller = { tenantId, userId: DEMO_USERS.megan };
    await service.provisionDemoTenant(tenantId);
    const children = [0, 1].map(() => fork(CHILD, [], {
      env: { ...process.env, AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }));
    const ask = (child: ChildProcess, request?: ChildRequest): Promise<ChildAnswer> => new Promise((resolve, reject) => {
      const exited = (code: number | null): void => reject(new Error(`child exited with ${String(code)}`));
      child.once('exit', exited);
      child.once('message', (m: ChildAnswer) => {
        child.off('exit', exited);
        resolve(m);
      });
      if (request) child.send(request);
    });
    try {
      await Promise.all(children.map((c) => ask(c)));
      const before = (await service.listAddons(caller)).items.find((s) => s.id === 'sub-phone-system');
      assert.ok(before, 'the demo tenant has Phone System');
      for (let i = 1; i <= QUANTITY_CHANGES; i++) {
        const quote = await service.proposeQuantityChange(caller, { subscriptionId: 'sub-phone-system', newQuantity: before.quantity + i });
        const request: ChildRequest = { op: 'confirmQuantityChange', tenantId, userId: caller.userId, quoteId: quote.id };
        const answers = await Promise.all(children.map((c) => ask(c, request)));
        for (const answer of answers) assert.ok(!('error' in answer), `change ${i}: ${JSON.stringify(answer)}`);
        const done = answers as Array<{ duplicate: boolean; outcome: unknown }>;
        assert.equal(done.filter((d) => !d.duplicate).length, 1, `change ${i}: exactly one process made it`);
        assert.deepEqual(done[0]?.outcome, done[1]?.outcome, `change ${i}: both are told the same outcome`);
      }
      const after = (await service.listAddons(caller)).items.find((s) => s.id === 'sub-phone-system');
      assert.equal(after?.quantity, before.quantity + QUANTITY_CHANGES, 'each change applied exactly once');
      const audit = (await service.listAudit(caller, { limit: 100 })).items.filter((e) => e.action === 'quantity.change');
      assert.equal(audit.length, QUANTITY_CHANGES, 'one audit entry per change');
      console.log(`      [resilience] two processes: ${QUANTITY_CHANGES} quantity changes confirmed twice each, ${QUANTITY_CHANGES} applied`);
    } finally {
      for (const child of children) child.kill();
    }
  });

  it(`places one order per purchase request when two admins approve it on different instances at once, ${APPROVAL_RACES} times over`, async () => {
    const [a, b] = instances;
    const tenantId = APPROVAL_TENANT;
    const caller = { tenantId, userId: DEMO_USERS.megan };
    const lee = new Conversation({ id: 'a:lee-multi-approval', tenantId, userId: DEMO_USERS.lee, userName: 'Lee Gu' });
    const megan = new Conversation({ id: 'a:megan-multi-approval', tenantId, userId: DEMO_USERS.megan, userName: 'Megan Bowen' });
    /** Alex's personal chat, once the bot created it (he never talks to the bot first). */
    let alex: Conversation | undefined;
    const send = async (turn: Promise<Turn>): Promise<Turn> => {
      turns += 1;
      const done = await turn;
      assert.ok(done.status < 300, `status ${done.status}: ${done.text.slice(0, 300)}`);
      return done;
    };
    const marks = (): number[] => connectors.map((c) => c.sent.length);
    const createdChats = (): number => connectors.reduce((n, c) => n + c.created.length, 0);

    // Megan talks to the bot once (on A), which provisions the tenant and saves her chat; Alex never does.
    await send(megan.say(a, 'help'));
    const races: Array<{ requestId: string; order: string; winner: 'megan' | 'alex' }> = [];
    let clicks = 0;
    for (let i = 0; i < APPROVAL_RACES; i++) {
      const at = (step: number): Instance => ((i + step) % 2 === 0 ? a : b);
      // Lee (no purchase rights) asks; his turns land on alternating instances, like every other conversation here.
      const since = marks();
      const asked = await send(lee.say(at(0), `buy ${20 + i} GB of storage for E3, billed yearly`));
      const requested = await send(lee.click(at(1), cardWith(asked, 'buy.requestApproval'), 'buy.requestApproval', { justification: `Archive space, round ${i}.` }));
      const requestId = actionData(cardWith(requested, 'approval.cancel').card, 'approval.cancel')?.requestId;
      assert.ok(typeof requestId === 'string', `round ${i}: Lee sees his pending request: ${requested.text.slice(0, 500)}`);
      if (!alex) {
        const chat = connectors.flatMap((c) => c.created).find((c) => JSON.stringify(c.body.members).includes(DEMO_USERS.alex));
        assert.ok(chat, 'the bot created Alex’s chat');
        alex = new Conversation({ id: chat.id, tenantId, userId: DEMO_USERS.alex, userName: 'Alex Wilber' });
        assert.ok(requested.text.includes(`I sent your request ${requestId} to Alex Wilber and Megan Bowen.`), requested.text.slice(0, 500));
      }
      const meganCard = postedCard(connectors, megan.id, 'approval.approve', { requestId }, since);
      const alexCard = postedCard(connectors, alex.id, 'approval.approve', { requestId }, since);
      assert.ok(meganCard && alexCard, `round ${i}: both admins got an approval card for ${requestId}`);

      // Megan clicks Approve on A while Alex clicks Approve on B, at the same moment; who leaves first alternates.
      const mode = i % 2 === 0 ? 'execute' : 'submit';
      const alexChat = alex;
      const meganClicks = (): Promise<Turn> => send(megan.click(a, meganCard, 'approval.approve', { comment: `race ${i}` }, mode));
      const alexClicks = (): Promise<Turn> => send(alexChat.click(b, alexCard, 'approval.approve', {}, mode));
      const before = marks();
      const [onA, onB] = i % 4 < 2
        ? await Promise.all([meganClicks(), alexClicks()])
        : await Promise.all([alexClicks(), meganClicks()]).then(([x, y]) => [y, x] as const);
      clicks += 2;

      const request = await service.getRequest(caller, requestId);
      const order = request.orderId ?? '';
      assert.equal(request.status, 'approved', `round ${i}: ${requestId} is approved`);
      assert.match(order, /^ORD-/, `round ${i}: ${requestId} names its order`);
      // Both admins are told the same order; exactly one placed it, the other hears it was already approved.
      for (const [who, turn] of [['Megan on A', onA], ['Alex on B', onB]] as const) {
        assert.deepEqual(orderNumbersIn(turn.text), [order], `round ${i}: ${who} is told order ${order}: ${turn.text.slice(0, 500)}`);
      }
      const approvedNow = [onA, onB].map((t) => saidIn(t).some((x) => x.startsWith(`Approved. Order ${order} is placed`)));
      const alreadyApproved = [onA, onB].map((t) => saidIn(t).some((x) => x.includes(`already approved this request on `) && x.includes(`: order ${order}. Nothing was ordered twice.`)));
      assert.equal(approvedNow.filter(Boolean).length, 1, `round ${i}: one admin placed it: A ${saidIn(onA).join(' / ')} | B ${saidIn(onB).join(' / ')}`);
      assert.deepEqual(alreadyApproved, approvedNow.map((won) => !won), `round ${i}: the other is told it was already approved`);
      const winner = approvedNow[0] ? 'megan' : 'alex';
      const loser = winner === 'megan' ? onB : onA;
      const winnerName = winner === 'megan' ? 'Megan Bowen' : 'Alex Wilber';
      assert.ok(saidIn(loser).some((x) => x.startsWith(`${winnerName} already approved`)), `round ${i}: the loser is told who approved: ${saidIn(loser).join(' / ')}`);
      // Lee hears of it once, with the same order, wherever his chat is.
      const leeTold = connectors.flatMap((c, k) => c.sent.slice(before[k] ?? 0))
        .filter((x) => x.method === 'POST' && x.conversationId === lee.id && typeof x.body.text === 'string' && x.body.text.includes('approved your request'));
      assert.equal(leeTold.length, 1, `round ${i}: Lee is told once`);
      assert.ok(String(leeTold[0]?.body.text).includes(`${winnerName} approved your request for Office 365 Extra File Storage. Order ${order} is placed.`), String(leeTold[0]?.body.text));
      races.push({ requestId, order, winner });
    }

    const orders = (await allOrders(service, caller)).filter((o) => o.requestId !== null);
    const byRequest = new Map<string, Order[]>();
    for (const order of orders) byRequest.set(order.requestId ?? '', [...(byRequest.get(order.requestId ?? '') ?? []), order]);
    const duplicates = [...byRequest.values()].filter((list) => list.length > 1).length;
    const lost = races.filter((r) => (byRequest.get(r.requestId) ?? []).length === 0).length;
    for (const race of races) {
      assert.deepEqual((byRequest.get(race.requestId) ?? []).map((o) => o.id), [race.order], `the ledger holds exactly the order told for ${race.requestId}`);
    }
    assert.equal(orders.length, APPROVAL_RACES, 'one order per request, nothing else');
    assert.equal(createdChats(), 1, 'Alex’s chat was created once, then reused by both instances');
    console.log(`      [resilience] two instances: ${APPROVAL_RACES} purchase requests, ${clicks} approvals clicked (two at once each), `
      + `${orders.length} orders, ${duplicates} duplicates, ${lost} lost; Megan's click on A won ${races.filter((r) => r.winner === 'megan').length}, `
      + `Alex's on B ${races.filter((r) => r.winner === 'alex').length} times`);
    assert.equal(duplicates, 0);
    assert.equal(lost, 0);
  });

  it('never crashed, and never logged a card number, a secret or a token', async () => {
    for (const bot of bots) {
      assert.equal(bot.exit, undefined, `${bot.name} is still running`);
      assert.ok(await bot.healthy(), `${bot.name} answers /healthz`);
    }
    const files = readLogs(logs);
    const lines = files.reduce((n, f) => n + f.lines.length, 0);
    assert.ok(lines > turns, `every turn logged a line (${lines} lines for ${turns} turns)`);
    assert.deepEqual(findLeaks(files, [accountKeyOf(azurite.connectionString)]), []);
    removeLogs(logs);
  });
});
