// The LedgerStore for several instances: one Azure Storage table (Azurite in tests) through @azure/data-tables.
//
// Layout: one table; PartitionKey = the tenant id, so every unit of work (one tenant's writes) is one entity-group
// transaction in one partition: atomic, at most 100 operations. Each write costs exactly one operation, so a unit
// can hold the port's MAX_UNIT_OPS (99) writes plus its claim:
//   entity  RowKey "e|<kind>|<id>"  kind, id, version (Int32), sortKey, owner (absent when null), chunks, data0..
//   claim   RowKey "c|<key>"        key, outcome (JSON), at
// Key parts are escaped reversibly (encodeKeyPart), since Azure keys may not hold / \ # ? or control characters.
// An entity's JSON is split into properties of at most MAX_STRING_CHARS (Azure caps a string at 64 KiB of UTF-16).
//
// Commit: updates and upserts first read their row's version and ETag; then one transaction creates the claim
// (insert-once: a second creator gets 409), creates inserts, and replaces updated rows If-Match the ETag read, so a
// change made between the read and the transaction fails the whole transaction with 412. An update whose version
// already mismatched is sent with an ETag that matches nothing, so the transaction fails at that operation, and the
// failed operation's index (which the service puts in front of its error message) tells the CommitResult, exactly
// as the SQLite store's order of checks would: the claim first, then the writes in order. Azure applies nothing of
// a failed transaction. An upsert that lost a race is simply tried again.
//
// Lists: Azure orders rows by RowKey only and has no secondary index, and an index row per entity would double the
// operations per write (only 49 writes per unit would fit). So a list reads the kind's RowKey range in the tenant's
// partition with a projection (id and sortKey only; owner filtered by the service; for later pages, sortKey <= the
// cursor's too), orders it by (sortKey, id) descending like the other stores, and then reads the values of the page
// only. Its cost grows with the number of rows of that kind in the tenant (a few hundred bytes each), not with the
// table.
import { odata, TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { IsoDate } from '../domain/model.js';
import type { ClaimOutcome } from '../domain/outcomes.js';
import {
  MAX_UNIT_OPS, quoteClaimKey, type Claim, type CommitResult, type EntityKind, type EntityMap, type LedgerStore, type ListQuery, type Page,
  type Stored, type UnitOfWork, type WriteOp,
} from '../domain/ports.js';
import { deleteExpiredQuoteRows, type SweepPosition } from './azureQuoteSweep.js';
import { checkLimit, checkUnit, decodeCursor, encodeCursor, type Position } from './storeSupport.js';
import { deadlinePolicy, STORAGE_CALL_TIMEOUT_MS } from '../callDeadline.js';

export interface AzureTableLedgerStoreOptions {
  /** 3 to 63 letters and digits, starting with a letter. */
  readonly tableName?: string;
}

export const DEFAULT_LEDGER_TABLE = 'ledger';
/** Operations in one entity-group transaction. */
export const MAX_TRANSACTION_OPS = 100;
// One operation per write plus the claim's: the port's largest unit must fit one transaction.
if (MAX_UNIT_OPS + 1 > MAX_TRANSACTION_OPS) throw new Error(`MAX_UNIT_OPS ${MAX_UNIT_OPS} + a claim exceeds an Azure transaction`);
/** Characters (UTF-16 code units) per string property: Azure's limit is 64 KiB, i.e. 32,768. */
export const MAX_STRING_CHARS = 32_000;
/** An entity's JSON may fill this many string properties: 15 × 64 KB stays under Azure's 1 MiB per entity. */
export const MAX_DATA_CHUNKS = 15;
/** PartitionKey and RowKey are at most 1 KiB. */
export const MAX_KEY_CHARS = 1024;
/** A transaction's body is at most 4 MiB; this leaves room for the multipart framing around the entities. */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024 - 256 * 1024;

/** Never an ETag of a real row (Azure's are the time of the last write): an If-Match with it always fails. */
const NO_MATCH_ETAG = "W/\"datetime'1900-01-01T00%3A00%3A00.0000000Z'\"";
/** Tries of a unit whose upserts keep losing races (each round, one of the racers wins). */
const UPSERT_ATTEMPTS = 10;
/** Pages up to this size read their values one point read each; bigger ones read the range once more. */
const POINT_READ_PAGE = 50;
const READ_CONCURRENCY = 16;
/**
 * A turn must answer within seconds (Teams redelivers after 15 s): two quick retries, all within
 * STORAGE_CALL_TIMEOUT_MS, instead of the SDK's default of 3 retries from 1 s to 64 s apart with no bound at all. A
 * retried transaction cannot apply twice: its claim, inserts or ETags make a second commit of the same unit fail.
 */
export const LEDGER_RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 } as const;

// ---- keys ----

const SAFE_KEY_CHAR = /^[A-Za-z0-9._-]$/;

/**
 * Escapes any string into characters Azure accepts in a key, reversibly: letters, digits, '.', '_' and '-' stay;
 * any other UTF-16 code unit below 0x100 becomes "!hh", any other "~hhhh" (lone surrogates included).
 */
export function encodeKeyPart(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    if (SAFE_KEY_CHAR.test(char)) out += char;
    else if (code < 0x100) out += `!${code.toString(16).padStart(2, '0')}`;
    else out += `~${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

export function decodeKeyPart(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length;) {
    const char = encoded.charAt(i);
    const width = char === '!' ? 2 : char === '~' ? 4 : 0;
    if (width === 0) {
      if (!SAFE_KEY_CHAR.test(char)) throw new RangeError(`Not an encoded key part: ${encoded}`);
      out += char;
      i += 1;
      continue;
    }
    const hex = encoded.slice(i + 1, i + 1 + width);
    if (!/^[0-9a-f]+$/.test(hex) || hex.length !== width) throw new RangeError(`Not an encoded key part: ${encoded}`);
    out += String.fromCharCode(Number.parseInt(hex, 16));
    i += 1 + width;
  }
  return out;
}

function checkedKey(key: string, what: string): string {
  if (key.length > MAX_KEY_CHARS) throw new RangeError(`${what} is too long for an Azure key once escaped (${key.length} > ${MAX_KEY_CHARS})`);
  return key;
}

function partitionKeyOf(tenantId: string): string {
  return checkedKey(encodeKeyPart(tenantId), `Tenant id ${tenantId.slice(0, 50)}`);
}

function entityRowKey(kind: EntityKind, id: string): string {
  return checkedKey(`e|${kind}|${encodeKeyPart(id)}`, `The id of ${kind} ${id.slice(0, 50)}`);
}

function claimRowKey(key: string): string {
  return checkedKey(`c|${encodeKeyPart(key)}`, `Claim key ${key.slice(0, 50)}`);
}

/** The RowKey range [from, to) of one kind's entities: '}' is the character after the '|' separator. */
function kindRange(kind: EntityKind): { from: string; to: string } {
  return { from: `e|${kind}|`, to: `e|${kind}}` };
}

// ---- rows ----

type Properties = Record<string, string | number>;

function checkedString(value: string, what: string): string {
  if (value.length > MAX_STRING_CHARS) {
    throw new RangeError(`${what} is ${value.length} characters; an Azure string property holds at most ${MAX_STRING_CHARS}`);
  }
  return value;
}

/** Splits text into pieces of at most MAX_STRING_CHARS code units, never between the halves of a surrogate pair. */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length || chunks.length === 0) {
    let end = Math.min(start + MAX_STRING_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

function entityProperties(op: WriteOp, version: number): Properties {
  const json = JSON.stringify(op.value);
  const chunks = splitChunks(json);
  if (chunks.length > MAX_DATA_CHUNKS) {
    throw new RangeError(`${op.kind} ${op.id} is ${json.length} characters of JSON; the Azure store keeps at most `
      + `${MAX_DATA_CHUNKS * MAX_STRING_CHARS} per entity (1 MiB)`);
  }
  const properties: Properties = {
    kind: op.kind,
    id: checkedString(op.id, `The id of ${op.kind}`),
    version,
    sortKey: checkedString(op.sortKey, `The sort key of ${op.kind} ${op.id}`),
    chunks: chunks.length,
  };
  if (op.owner !== null) properties.owner = checkedString(op.owner, `The owner of ${op.kind} ${op.id}`);
  chunks.forEach((chunk, i) => { properties[`data${i}`] = chunk; });
  return properties;
}

/** A row as the SDK hands it back: its properties are whatever the service stored, so every one is checked. */
type RawRow = Record<string, unknown> & { etag?: unknown };

function numberProperty(row: RawRow, name: string): number {
  const value = row[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Error(`Ledger row has no integer ${name}`);
  return value;
}

function stringProperty(row: RawRow, name: string): string {
  const value = row[name];
  if (typeof value !== 'string') throw new Error(`Ledger row has no string ${name}`);
  return value;
}

function toStored<K extends EntityKind>(row: RawRow): Stored<EntityMap[K]> {
  const chunks = numberProperty(row, 'chunks');
  let json = '';
  for (let i = 0; i < chunks; i++) json += stringProperty(row, `data${i}`);
  // Our own JSON, written through commit under this kind's RowKey.
  return { value: JSON.parse(json) as EntityMap[K], version: numberProperty(row, 'version') };
}

function toClaim(row: RawRow): Claim {
  return { key: stringProperty(row, 'key'), outcome: JSON.parse(stringProperty(row, 'outcome')) as ClaimOutcome, at: stringProperty(row, 'at') };
}

// ---- errors ----

interface ServiceError {
  readonly statusCode: number | undefined;
  readonly code: string | undefined;
  readonly message: string;
}

/** The status and service error code of an SDK RestError (the code is in `code` for transactions, else in details). */
function serviceError(error: unknown): ServiceError | undefined {
  if (!(error instanceof Error) || error.name !== 'RestError') return undefined;
  const fields = error as Error & { statusCode?: unknown; code?: unknown; details?: unknown };
  const details = typeof fields.details === 'object' && fields.details !== null ? fields.details as { errorCode?: unknown } : {};
  const code = typeof fields.code === 'string' ? fields.code : typeof details.errorCode === 'string' ? details.errorCode : undefined;
  return { statusCode: typeof fields.statusCode === 'number' ? fields.statusCode : undefined, code, message: error.message };
}

/** A row that does not exist; not a table that does not exist (TableNotFound), which is an error of its own. */
function isNotFound(error: unknown): boolean {
  const failure = serviceError(error);
  return failure?.statusCode === 404 && failure.code !== 'TableNotFound';
}

/**
 * Which operation failed a transaction: the service starts the message with its zero-based index ("3:The specified
 * entity already exists."). Undefined when the message does not say.
 */
export function failedOperationIndex(message: string): number | undefined {
  const match = /^\s*(\d+):/.exec(message);
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 10);
}

/** Failures of one operation that the port answers with 'duplicate' or 'conflict': exists, missing, changed. */
const REFUSED_STATUSES = new Set([404, 409, 412]);

// ---- helpers ----

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function mapLimit<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Orders like the SQLite and in-memory stores: UTF-8 bytes of the sort key, then of the id. */
function comparePositions(a: Position, b: Position): number {
  return Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)) || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}

/**
 * True when the service's string comparison must agree with UTF-8 byte order against this string: every code unit
 * below the surrogates, where UTF-16 code unit, code point and UTF-8 byte orders all coincide.
 */
function comparableOnService(text: string): boolean {
  return !/[\ud800-\uffff]/.test(text);
}

export function isLoopbackHttp(connectionString: string): boolean {
  if (/(^|;)\s*UseDevelopmentStorage=true\s*(;|$)/i.test(connectionString)) return true;
  const endpoint = /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  if (endpoint === undefined) return false;
  try {
    const url = new URL(endpoint.trim());
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** What each operation of a transaction stands for, to read the index of a failed one. */
type Origin = { readonly claim: true } | { readonly claim: false; readonly op: WriteOp; readonly retryable: boolean };

interface CurrentRow { readonly version: number; readonly etag: string }

export class AzureTableLedgerStore implements LedgerStore {
  /** Where the last sweep of expired quotes stopped (see azureQuoteSweep.ts). */
  private quoteSweepFrom: SweepPosition | undefined;

  private constructor(private readonly client: TableClient) {}

  /** Connects to the table, creating it when missing. Plain http is allowed only towards a loopback emulator. */
  static async open(connectionString: string, options: AzureTableLedgerStoreOptions = {}): Promise<AzureTableLedgerStore> {
    const tableName = options.tableName ?? DEFAULT_LEDGER_TABLE;
    if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(tableName)) throw new RangeError(`Not an Azure table name: ${tableName}`);
    const client = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: isLoopbackHttp(connectionString), retryOptions: LEDGER_RETRY_OPTIONS,
    });
    // Every call, the entity-group transaction included (it goes through this client's pipeline), is bounded: a
    // transaction cut short is either committed whole or not at all, and its claim answers a second try.
    client.pipeline.addPolicy(deadlinePolicy('storage', STORAGE_CALL_TIMEOUT_MS));
    try {
      await client.createTable();
    } catch (error) {
      // Another instance created it first.
      if (serviceError(error)?.code !== 'TableAlreadyExists') throw error;
    }
    return new AzureTableLedgerStore(client);
  }

  /**
   * Over a TableClient built by the caller (another credential than a connection string, a wrapped client in
   * tests); the table must exist.
   */
  static fromTableClient(client: TableClient): AzureTableLedgerStore {
    return new AzureTableLedgerStore(client);
  }

  async get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    const row = await this.readRow(partitionKeyOf(tenantId), entityRowKey(kind, id));
    return row && toStored<K>(row);
  }

  async getClaim(tenantId: string, key: string): Promise<Claim | undefined> {
    const row = await this.readRow(partitionKeyOf(tenantId), claimRowKey(key));
    return row && toClaim(row);
  }

  async list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>> {
    checkLimit(query.limit);
    const after = query.after == null ? null : decodeCursor(query.after);
    const partitionKey = partitionKeyOf(tenantId);
    const { from, to } = kindRange(kind);
    let filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`;
    if (query.owner !== undefined) filter += odata` and owner eq ${query.owner}`;
    // Only narrows the scan; the exact keyset comparison is ours, below.
    if (after && comparableOnService(after.sortKey)) filter += odata` and sortKey le ${after.sortKey}`;

    const positions: Position[] = [];
    for await (const row of this.client.listEntities<RawRow>({ queryOptions: { filter, select: ['id', 'sortKey'] } })) {
      const position = { sortKey: stringProperty(row, 'sortKey'), id: stringProperty(row, 'id') };
      if (after === null || comparePositions(position, after) < 0) positions.push(position);
    }
    positions.sort((a, b) => comparePositions(b, a));
    const page = positions.slice(0, query.limit);
    const rows = await this.readPage(partitionKey, kind, filter, page);
    // A row whose sort key or owner changed since the scan belongs elsewhere now: leave it out of this page.
    const items = page.flatMap((position) => {
      const row = rows.get(position.id);
      const moved = !row || row.sortKey !== position.sortKey || (query.owner !== undefined && row.owner !== query.owner);
      return moved ? [] : [toStored<K>(row)];
    });
    const last = page.at(-1);
    return { items, next: positions.length > query.limit && last ? encodeCursor(last) : null };
  }

  async commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    checkUnit(unit);
    const partitionKey = partitionKeyOf(tenantId);
    // Everything that can be refused for its size is refused here, before anything is read or written.
    const claim: TableEntity<Properties> | undefined = unit.claim && {
      partitionKey, rowKey: claimRowKey(unit.claim.key),
      key: unit.claim.key, outcome: checkedString(JSON.stringify(unit.claim.outcome), `The outcome of claim ${unit.claim.key}`), at: unit.claim.at,
    };
    const writes = unit.writes.map((op) => ({ op, rowKey: entityRowKey(op.kind, op.id), properties: entityProperties(op, 1) }));
    const bytes = [claim, ...writes.map((w) => w.properties)]
      .reduce((sum, entity) => sum + (entity ? Buffer.byteLength(JSON.stringify(entity)) + 512 : 0), 0);
    if (bytes > MAX_TRANSACTION_BYTES) {
      throw new RangeError(`A unit of work of about ${bytes} bytes exceeds an Azure transaction's ${MAX_TRANSACTION_BYTES}`);
    }
    // checkUnit allows MAX_UNIT_OPS (99) writes: with the claim, that is MAX_TRANSACTION_OPS (100) operations.
    if (!claim && writes.length === 0) return { status: 'committed' };

    for (let attempt = 1; ; attempt++) {
      const current = await mapLimit(writes, READ_CONCURRENCY, ({ op, rowKey }) =>
        (op.type === 'insert' ? Promise.resolve(undefined) : this.readVersion(partitionKey, rowKey)));
      const actions: TransactionAction[] = [];
      const origins: Origin[] = [];
      if (claim) {
        actions.push(['create', claim]);
        origins.push({ claim: true });
      }
      writes.forEach(({ op, rowKey, properties }, i) => {
        const row = current[i];
        const entity = (version: number): TableEntity<Properties> => ({ ...properties, version, partitionKey, rowKey });
        if (op.type === 'insert') {
          actions.push(['create', entity(1)]);
        } else if (op.type === 'update') {
          const matches = row !== undefined && row.version === op.expectedVersion;
          // A mismatch still goes into the transaction, made to fail there, so the order of checks stays exact.
          actions.push(['update', entity((op.expectedVersion ?? 0) + 1), 'Replace', { etag: matches ? row.etag : NO_MATCH_ETAG }]);
        } else {
          actions.push(row ? ['update', entity(row.version + 1), 'Replace', { etag: row.etag }] : ['create', entity(1)]);
        }
        origins.push({ claim: false, op, retryable: op.type === 'upsert' });
      });

      try {
        await this.client.submitTransaction(actions);
        return { status: 'committed' };
      } catch (error) {
        const failure = serviceError(error);
        if (!failure?.statusCode || !REFUSED_STATUSES.has(failure.statusCode) || failure.code === 'TableNotFound') throw error;
        const index = failedOperationIndex(failure.message);
        const origin = (index === undefined ? undefined : origins[index]) ?? await this.diagnose(partitionKey, unit, writes);
        if (origin?.claim) return this.duplicateOf(tenantId, unit);
        if (origin && !(origin.retryable && attempt < UPSERT_ATTEMPTS)) return { status: 'conflict', kind: origin.op.kind, id: origin.op.id };
        if (!origin && attempt >= UPSERT_ATTEMPTS) throw error;
        // An upsert raced another writer of its row (or the failure named nothing): read again and retry the unit.
        await delay(Math.random() * 5 * attempt);
      }
    }
  }

  async deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number> {
    checkLimit(limit);
    const keys = { range: kindRange('quote'), claimRowKey: (id: string) => claimRowKey(quoteClaimKey(id)) };
    const { deleted, resumeAfter } = await deleteExpiredQuoteRows(this.client, keys, before, limit, this.quoteSweepFrom);
    this.quoteSweepFrom = resumeAfter;
    return deleted;
  }

  close(): Promise<void> {
    // The client holds no connection of its own: the HTTP agent's idle sockets close by themselves.
    return Promise.resolve();
  }

  private async readRow(partitionKey: string, rowKey: string, select?: string[]): Promise<RawRow | undefined> {
    try {
      return await this.client.getEntity<RawRow>(partitionKey, rowKey, select ? { queryOptions: { select } } : {});
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async readVersion(partitionKey: string, rowKey: string): Promise<CurrentRow | undefined> {
    const row = await this.readRow(partitionKey, rowKey, ['version']);
    if (!row) return undefined;
    if (typeof row.etag !== 'string') throw new Error(`Ledger row ${rowKey} came without an ETag`);
    return { version: numberProperty(row, 'version'), etag: row.etag };
  }

  private async duplicateOf(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    const claim = unit.claim && await this.getClaim(tenantId, unit.claim.key);
    if (!claim) throw new Error(`Claim ${String(unit.claim?.key)} refused as existing, but not found`);
    return { status: 'duplicate', claim };
  }

  /**
   * When a failed transaction does not say which operation failed: reads what each operation expected, in the
   * transaction's order, and answers the first that cannot pass (undefined when none: try again).
   */
  private async diagnose(partitionKey: string, unit: UnitOfWork, writes: readonly { op: WriteOp; rowKey: string }[]): Promise<Origin | undefined> {
    if (unit.claim && await this.readRow(partitionKey, claimRowKey(unit.claim.key), ['key'])) return { claim: true };
    for (const { op, rowKey } of writes) {
      const row = await this.readVersion(partitionKey, rowKey);
      if (op.type === 'insert' && row) return { claim: false, op, retryable: false };
      if (op.type === 'update' && row?.version !== op.expectedVersion) return { claim: false, op, retryable: false };
    }
    return undefined;
  }

  /** The rows of a page's positions, by id: one point read each for a small page, else one more pass over the range. */
  private async readPage(partitionKey: string, kind: EntityKind, filter: string, page: readonly Position[]): Promise<Map<string, RawRow>> {
    const rows = new Map<string, RawRow>();
    if (page.length <= POINT_READ_PAGE) {
      const read = await mapLimit(page, READ_CONCURRENCY, (p) => this.readRow(partitionKey, entityRowKey(kind, p.id)));
      read.forEach((row, i) => {
        const id = page[i]?.id;
        if (row && id !== undefined) rows.set(id, row);
      });
      return rows;
    }
    const wanted = new Set(page.map((p) => p.id));
    for await (const row of this.client.listEntities<RawRow>({ queryOptions: { filter } })) {
      const id = stringProperty(row, 'id');
      if (wanted.has(id)) rows.set(id, row);
    }
    return rows;
  }
}
