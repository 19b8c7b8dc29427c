// The benchmark's other measures: bot state size in the middle of a buy flow, cold start to the first answered
// message, exactly-once order placement under concurrent double submits and under concurrent approvals of one
// request, and the cost of listing orders in a tenant of 100 against one of 100,000.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { BillingService } from '../src/domain/billingService.js';
import type { Order } from '../src/domain/model.js';
import type { Page, Stored } from '../src/domain/ports.js';
import { DEMO_USERS } from '../src/domain/useCases/tenants.js';
import { insertOp } from '../src/domain/writes.js';
import { RandomIds } from '../src/store/ids.js';
import { SqliteLedgerStore } from '../src/store/sqliteLedgerStore.js';
import { encodeCursor } from '../src/store/storeSupport.js';
import { systemClock } from '../src/store/systemClock.js';
import { clicks, executes, says, type Party } from './activities.js';
import type { LoopbackConnector } from './loopbackConnector.js';
import { cpuMsOf, post, spawnBot, waitListening } from './processes.js';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// -------------------------------------------------------------------------------------------------------------
// State size
// -------------------------------------------------------------------------------------------------------------

export interface StateSize {
  /** Bytes of the conversation's state row after each turn of the flow, by turn label. */
  readonly byTurn: ReadonlyArray<{ readonly label: string; readonly bytes: number }>;
  /** The largest of them: the conversation state in the middle of the buy flow. */
  readonly maxBytes: number;
  /** The user's state row (language preference). */
  readonly userBytes: number;
}

/** Walks one conversation to checkout, one turn at a time, reading its row in state.db after each turn. */
export async function measureStateSize(base: string, dataDir: string, connector: LoopbackConnector, party: Party): Promise<StateSize> {
  const db = new Database(path.join(dataDir, 'state.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[string], { bytes: number }>('SELECT length(CAST(data AS BLOB)) AS bytes FROM bot_state WHERE key = ?');
    const conversationKey = `msteams/tenants/${party.tenantId}/conversations/${party.conversationId}`;
    const userKey = `msteams/tenants/${party.tenantId}/users/29:${party.userId}`;
    const byTurn: Array<{ label: string; bytes: number }> = [];
    const turns: Array<[string, () => Record<string, unknown>]> = [
      ['buy storage add-on', () => says(party, 'buy storage add-on')],
      ['click Office 365 E3', () => {
        const record = connector.record(party.conversationId);
        return clicks(party, record?.cardId, { ...(record?.actions.get('buy.chooseSubscription') ?? {}), choice: 'sub-e3' });
      }],
      ['50 GB, yearly (checkout)', () => says(party, '50 GB, yearly')],
    ];
    for (const [label, build] of turns) {
      const { status } = await post(base, build());
      if (status >= 300) throw new Error(`state size: "${label}" answered ${status}`);
      byTurn.push({ label, bytes: row.get(conversationKey)?.bytes ?? 0 });
    }
    if (!connector.record(party.conversationId)?.actions.has('buy.placeOrder')) throw new Error('state size: the flow did not reach checkout');
    await post(base, says(party, 'cancel'));
    return { byTurn, maxBytes: Math.max(...byTurn.map((t) => t.bytes)), userBytes: row.get(userKey)?.bytes ?? 0 };
  } finally {
    db.close();
  }
}

// -------------------------------------------------------------------------------------------------------------
// Cold start
// -------------------------------------------------------------------------------------------------------------

export interface ColdStart {
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  /** CPU time the bot process had used when the answer arrived (median): steadier than wall time on a busy machine. */
  readonly medianCpuMs: number;
}

/**
 * Spawns the bot `runs` times (a fresh data directory each time, so the first message also creates the databases
 * and, in local mode, provisions the demo tenant) and times from spawn until the reply to the first message reaches
 * the connector. The message is POSTed as soon as the port accepts connections (retrying while it refuses).
 */
export async function measureColdStart(options: {
  readonly name: string; readonly entry: string; readonly runs: number; readonly connector: LoopbackConnector;
  readonly serviceUrl: string; readonly realBot: boolean; readonly nodeArgs?: readonly string[];
}): Promise<ColdStart> {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'addon-bench-cold-'));
    const party: Party = {
      serviceUrl: options.serviceUrl, tenantId: 'bench-cold', conversationId: `a:bench-cold-${options.name}-${i}`, userId: DEMO_USERS.megan,
    };
    const replied = options.connector.nextMessage(party.conversationId);
    const started = performance.now();
    const bot = await spawnBot({
      name: options.name, entry: options.entry, nodeArgs: options.nodeArgs,
      env: options.realBot ? { DATA_DIR: dataDir, LOG_LEVEL: 'info' } : {},
    });
    try {
      await waitListening(bot, 30_000);
      const { status } = await post(bot.base, says(party, 'buy storage add-on'));
      if (status >= 300) throw new Error(`${options.name}: the first message answered ${status}`);
      await replied;
      runsMs.push(performance.now() - started);
      cpuMs.push(cpuMsOf(bot.child.pid));
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return { medianMs: median(runsMs), runsMs, medianCpuMs: median(cpuMs) };
}

// -------------------------------------------------------------------------------------------------------------
// Exactly-once under concurrent double submits
// -------------------------------------------------------------------------------------------------------------

export interface ExactlyOnce {
  readonly conversations: number;
  readonly submits: number;
  readonly failedSubmits: number;
  readonly distinctQuotes: number;
  readonly orders: number;
  /** Orders beyond one per quote. */
  readonly duplicates: number;
  /** Quotes whose Place order placed nothing. */
  readonly missing: number;
}

/**
 * Every conversation reaches checkout; then, all at once, each clicks Place order twice (two invokes) and the first
 * click is redelivered under a new activity id (Teams retries). Orders are then counted in the ledger file.
 */
export async function measureExactlyOnce(base: string, dataDir: string, connector: LoopbackConnector, parties: readonly Party[]): Promise<ExactlyOnce> {
  await Promise.all(parties.map(async (party) => {
    const { status } = await post(base, says(party, 'buy 50 GB of extra file storage for E3 yearly'));
    if (status >= 300) throw new Error(`exactly-once: checkout answered ${status}`);
  }));
  const clicks: Array<Record<string, unknown>> = [];
  const quotes = new Set<string>();
  for (const party of parties) {
    const record = connector.record(party.conversationId);
    const data = record?.actions.get('buy.placeOrder');
    if (!record || !data || typeof data.quoteId !== 'string') throw new Error(`exactly-once: ${party.conversationId} has no checkout card`);
    quotes.add(data.quoteId);
    const payload = { ...data, paymentMethodId: 'pm-visa-4242' };
    const first = executes(party, record.cardId, 'buy.placeOrder', payload);
    const second = executes(party, record.cardId, 'buy.placeOrder', payload);
    const resent = { ...first, id: `${String(first.id)}-redelivered` };
    clicks.push(first, second, resent);
  }
  const statuses = await Promise.all(clicks.map((click) => post(base, click).then((r) => r.status, () => 0)));
  const failedSubmits = statuses.filter((s) => s < 200 || s >= 300).length;

  const store = SqliteLedgerStore.open(path.join(dataDir, 'ledger.db'));
  try {
    const tenantId = parties[0]?.tenantId ?? '';
    const perQuote = new Map<string, number>();
    let orders = 0;
    let after: string | null = null;
    do {
      const page: Page<Stored<Order>> = await store.list(tenantId, 'order', { limit: 1000, after });
      for (const { value } of page.items) {
        orders += 1;
        perQuote.set(value.quoteId, (perQuote.get(value.quoteId) ?? 0) + 1);
      }
      after = page.next;
    } while (after);
    const duplicates = [...perQuote.values()].reduce((n, count) => n + count - 1, 0);
    const missing = [...quotes].filter((q) => !perQuote.has(q)).length;
    return { conversations: parties.length, submits: clicks.length, failedSubmits, distinctQuotes: perQuote.size, orders, duplicates, missing };
  } finally {
    await store.close();
  }
}

// -------------------------------------------------------------------------------------------------------------
// Exactly-once under concurrent approvals of one purchase request
// -------------------------------------------------------------------------------------------------------------

export interface ApprovalRace {
  readonly approvals: number;
  readonly failedApprovals: number;
  /** Orders placed for the request (must be exactly 1). */
  readonly orders: number;
  readonly status: string;
}

/**
 * Megan (global admin) and Alex (billing admin) have each talked to the bot, so their chats are known; Lee (no
 * purchase rights) asks for 50 GB of storage and sends the request, which posts an approval card to both. Then, all
 * at once, `approvals` Approve clicks on that one request arrive, alternately from Megan's and Alex's card, each under
 * its own activity id. The ledger must then hold exactly one order for the request.
 */
export async function measureApprovalRace(base: string, dataDir: string, connector: LoopbackConnector, serviceUrl: string, approvals: number): Promise<ApprovalRace> {
  const tenantId = 'bench-approval';
  const party = (name: string, userId: string): Party => ({ serviceUrl, tenantId, conversationId: `a:bench-approval-${name}`, userId });
  const megan = party('megan', DEMO_USERS.megan);
  const alex = party('alex', DEMO_USERS.alex);
  const lee = party('lee', DEMO_USERS.lee);
  const expectOk = async (what: string, activity: Record<string, unknown>): Promise<void> => {
    const { status } = await post(base, activity);
    if (status >= 300) throw new Error(`approval race: ${what} answered ${status}`);
  };
  await expectOk('Megan’s help', says(megan, 'help'));
  await expectOk('Alex’s help', says(alex, 'help'));
  await expectOk('Lee’s ask', says(lee, 'buy 50 GB of storage for E3, billed yearly'));
  const asked = connector.record(lee.conversationId);
  const requestData = asked?.actions.get('buy.requestApproval');
  if (!asked || !requestData) throw new Error('approval race: Lee was not offered to request approval');
  const approveCard = (admin: Party) => connector.record(admin.conversationId);
  await expectOk('Lee’s request', executes(lee, asked.cardId, 'buy.requestApproval', { ...requestData, justification: 'Archive space.' }));
  const cards = [approveCard(megan), approveCard(alex)];
  const clicks = Array.from({ length: approvals }, (_, i) => {
    const admin = i % 2 === 0 ? megan : alex;
    const card = cards[i % 2];
    const data = card?.actions.get('approval.approve');
    if (!card || !data) throw new Error(`approval race: ${admin.conversationId} has no approval card`);
    return executes(admin, card.cardId, 'approval.approve', data);
  });
  const requestId = cards[0]?.actions.get('approval.approve')?.requestId;
  if (typeof requestId !== 'string') throw new Error('approval race: the approval card names no request');
  const statuses = await Promise.all(clicks.map((click) => post(base, click).then((r) => r.status, () => 0)));

  const store = SqliteLedgerStore.open(path.join(dataDir, 'ledger.db'));
  try {
    const billing = new BillingService(store, systemClock, new RandomIds());
    const caller = { tenantId, userId: DEMO_USERS.megan };
    const request = await billing.getRequest(caller, requestId);
    let orders = 0;
    let after: string | null = null;
    do {
      const page: Page<Stored<Order>> = await store.list(tenantId, 'order', { limit: 1000, after });
      orders += page.items.filter(({ value }) => value.requestId === requestId).length;
      after = page.next;
    } while (after);
    return { approvals, failedApprovals: statuses.filter((s) => s < 200 || s >= 300).length, orders, status: request.status };
  } finally {
    await store.close();
  }
}

// -------------------------------------------------------------------------------------------------------------
// Listing orders: 100 against 100,000 in one tenant
// -------------------------------------------------------------------------------------------------------------

export interface ListingCost {
  /** Median µs per page (10 orders, newest first), walking the first 10 pages. */
  readonly smallUs: number;
  readonly largeUs: number;
  /** A page in the middle of the large tenant (cursor after its 50,000th order), against the small tenant's pages. */
  readonly deepUs: number;
  readonly ratio: number;
  readonly deepRatio: number;
}

function order(tenantId: string, i: number, start: number): Order {
  const placedAt = new Date(start + i * 60_000).toISOString();
  const id = `ORD-B${String(i).padStart(6, '0')}`;
  const money = (amount: number) => ({ amount, currency: 'USD' as const });
  return {
    id, tenantId, quoteId: `QUO-B${i}`, requestId: null, subscriptionId: `SUB-B${i}`, addonId: 'extra-file-storage',
    baseSubscriptionId: 'sub-e3', quantity: 50, frequency: 'yearly', autoAssigned: 0, paymentMethodId: 'pm-visa-4242',
    unitPrice: money(240), totalPerPeriod: money(12_000), firstCharge: money(12_000), placedBy: DEMO_USERS.megan, placedAt,
  };
}

/** Inserts `count` orders as the store writes them (same row layout, sort key and owner as insertOp), in one transaction. */
function seedOrders(file: string, tenantId: string, count: number): Order[] {
  const db = new Database(file, { timeout: 5000 });
  try {
    const insert = db.prepare<[string, string, string, string | null, string]>(
      "INSERT INTO entities (tenant_id, kind, id, version, sort_key, owner, data) VALUES (?, 'order', ?, 1, ?, ?, ?)");
    const start = Date.parse('2020-01-01T00:00:00.000Z');
    const orders: Order[] = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const o = order(tenantId, i, start);
        const op = insertOp('order', o);
        insert.run(tenantId, op.id, op.sortKey, op.owner, JSON.stringify(op.value));
        orders.push(o);
      }
    }).immediate();
    return orders;
  } finally {
    db.close();
  }
}

export async function measureListing(options: { readonly small: number; readonly large: number; readonly walks: number }): Promise<ListingCost> {
  const dir = mkdtempSync(path.join(tmpdir(), 'addon-bench-list-'));
  const file = path.join(dir, 'ledger.db');
  const store = SqliteLedgerStore.open(file);
  try {
    const billing = new BillingService(store, systemClock, new RandomIds());
    await billing.provisionDemoTenant('list-small');
    await billing.provisionDemoTenant('list-large');
    seedOrders(file, 'list-small', options.small);
    const large = seedOrders(file, 'list-large', options.large);
    const pages = 10;
    const limit = 10;

    const walk = async (tenantId: string): Promise<number> => {
      const caller = { tenantId, userId: DEMO_USERS.megan };
      let after: string | null = null;
      const started = performance.now();
      for (let p = 0; p < pages; p++) {
        const page = await billing.listOrders(caller, { limit, after });
        if (page.items.length !== limit) throw new Error(`listing: page ${p} of ${tenantId} has ${page.items.length} orders`);
        after = page.next;
      }
      return ((performance.now() - started) * 1000) / pages;
    };
    // The cursor after the large tenant's 50,000th newest order, as the store encodes it.
    const pivot = large[large.length - Math.floor(options.large / 2)];
    if (!pivot) throw new Error('listing: no pivot order');
    const deepCursor = encodeCursor({ sortKey: insertOp('order', pivot).sortKey, id: pivot.id });
    const deep = async (): Promise<number> => {
      const started = performance.now();
      const page = await billing.listOrders({ tenantId: 'list-large', userId: DEMO_USERS.megan }, { limit, after: deepCursor });
      if (page.items.length !== limit) throw new Error('listing: the deep page is short');
      return (performance.now() - started) * 1000;
    };

    const small: number[] = [];
    const big: number[] = [];
    const deepPages: number[] = [];
    // Interleaved, after a warm-up, so that JIT and cache effects fall on both alike.
    for (let i = 0; i < options.walks + 50; i++) {
      const s = await walk('list-small');
      const l = await walk('list-large');
      const d = await deep();
      if (i < 50) continue;
      small.push(s);
      big.push(l);
      deepPages.push(d);
    }
    const smallUs = median(small);
    const largeUs = median(big);
    const deepUs = median(deepPages);
    return { smallUs, largeUs, deepUs, ratio: largeUs / smallUs, deepRatio: deepUs / smallUs };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
