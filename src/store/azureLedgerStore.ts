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
// only, 14 rows per query (getMany). Its cost grows with the number of rows of that kind in the tenant (a few hundred
// bytes each), not with the table. Subscriptions and payment methods, of which a tenant has few, come whole in the
// scan: one request per list.
import { odata, TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { IsoDate } from '../domain/model.js';
import {
  MAX_UNIT_OPS, quoteClaimKey, type Claim, type CommitResult, type EntityKind, type EntityMap, type LedgerStore, type ListQuery, type Page,
  type Stored, type UnitOfWork, type WriteOp,
} from '../domain/ports.js';
import { deleteExpiredQuoteRows, type SweepPosition } from './azureQuoteSweep.js';
import { ReadBatch } from './azureReadBatch.js';
import {
  checkedString, claimRowKey, comparableOnService, comparePositions, delay, entityProperties, entityRowKey, failedOperationIndex,
  isLoopbackHttp, isNotFound, kindRange, mapLimit, numberProperty, partitionKeyOf, REFUSED_STATUSES, serviceError, stringProperty,
  toClaim, toStored, type Properties, type RawRow,
} from './azureTableCodec.js';
import { checkLimit, checkUnit, decodeCursor, distinctIds, encodeCursor, type Position } from './storeSupport.js';
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
 * Kinds listed whole in one query: a tenant has tens of subscriptions and a few payment methods, so reading their
 * values with the scan costs less than a second request for the page's rows.
 */
const WHOLE_ROW_KINDS: ReadonlySet<EntityKind> = new Set<EntityKind>(['subscription', 'payment_method']);
/** RowKeys one query asks for: Azure allows 15 comparisons in a filter, and the PartitionKey's is one. */
const ROW_KEYS_PER_QUERY = 14;
/**
 * A turn must answer within seconds (Teams redelivers after 15 s): two quick retries, all within
 * STORAGE_CALL_TIMEOUT_MS, instead of the SDK's default of 3 retries from 1 s to 64 s apart with no bound at all. A
 * retried transaction cannot apply twice: its claim, inserts or ETags make a second commit of the same unit fail.
 */
export const LEDGER_RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1_000 } as const;

export {
  decodeKeyPart, encodeKeyPart, failedOperationIndex, isLoopbackHttp, MAX_DATA_CHUNKS, MAX_KEY_CHARS, MAX_STRING_CHARS, splitChunks,
} from './azureTableCodec.js';

/** What each operation of a transaction stands for, to read the index of a failed one. */
type Origin = { readonly claim: true } | { readonly claim: false; readonly op: WriteOp; readonly retryable: boolean };

interface CurrentRow { readonly version: number; readonly etag: string }

export class AzureTableLedgerStore implements LedgerStore {
  /** Where the last sweep of expired quotes stopped (see azureQuoteSweep.ts). */
  private quoteSweepFrom: SweepPosition | undefined;

  /** Rows of one partition read at the same moment share one request. */
  private readonly pointReads = new ReadBatch((partitionKey, rowKeys) => this.readRows(partitionKey, rowKeys));

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
    const row = await this.pointReads.read(partitionKeyOf(tenantId), entityRowKey(kind, id));
    return row && toStored<K>(row);
  }

  async getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>> {
    const wanted = distinctIds(ids);
    const rows = await this.readRows(partitionKeyOf(tenantId), wanted.map((id) => entityRowKey(kind, id)));
    const found = new Map<string, Stored<EntityMap[K]>>();
    for (const row of rows.values()) found.set(stringProperty(row, 'id'), toStored<K>(row));
    return found;
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

    // A kind a tenant has few rows of comes whole in the one query; others by position first, then the page's rows.
    const whole = WHOLE_ROW_KINDS.has(kind);
    const positions: Position[] = [];
    const scanned = new Map<string, RawRow>();
    for await (const row of this.client.listEntities<RawRow>({ queryOptions: whole ? { filter } : { filter, select: ['id', 'sortKey'] } })) {
      const position = { sortKey: stringProperty(row, 'sortKey'), id: stringProperty(row, 'id') };
      if (after !== null && comparePositions(position, after) >= 0) continue;
      positions.push(position);
      if (whole) scanned.set(position.id, row);
    }
    positions.sort((a, b) => comparePositions(b, a));
    const page = positions.slice(0, query.limit);
    const rows = whole ? scanned : await this.readPage(partitionKey, kind, filter, page);
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
      const versions = await this.readVersions(partitionKey, writes.filter(({ op }) => op.type !== 'insert').map(({ rowKey }) => rowKey));
      const current = writes.map(({ rowKey }) => versions.get(rowKey));
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
    return row && currentRow(row, rowKey);
  }

  /** The version and ETag of each row that exists, by RowKey, in as few queries as the service allows. */
  private async readVersions(partitionKey: string, rowKeys: readonly string[]): Promise<Map<string, CurrentRow>> {
    const rows = await this.readRows(partitionKey, rowKeys, ['version']);
    return new Map([...rows].map(([rowKey, row]) => [rowKey, currentRow(row, rowKey)]));
  }

  /**
   * Rows of one partition by RowKey: one query per ROW_KEYS_PER_QUERY keys (the service allows 15 comparisons per
   * filter: the PartitionKey's and 14 RowKeys), run side by side. A single key is a point read.
   */
  private async readRows(partitionKey: string, rowKeys: readonly string[], select?: string[]): Promise<Map<string, RawRow>> {
    const rows = new Map<string, RawRow>();
    if (rowKeys.length === 1 && rowKeys[0] !== undefined) {
      const row = await this.readRow(partitionKey, rowKeys[0], select);
      if (row) rows.set(rowKeys[0], row);
      return rows;
    }
    const groups: string[][] = [];
    for (let i = 0; i < rowKeys.length; i += ROW_KEYS_PER_QUERY) groups.push(rowKeys.slice(i, i + ROW_KEYS_PER_QUERY));
    await mapLimit(groups, READ_CONCURRENCY, async (group) => {
      const anyOf = group.map((rowKey) => odata`RowKey eq ${rowKey}`).join(' or ');
      const filter = odata`PartitionKey eq ${partitionKey}` + ` and (${anyOf})`;
      const queryOptions = select ? { filter, select: ['RowKey', ...select] } : { filter };
      for await (const row of this.client.listEntities<RawRow>({ queryOptions })) rows.set(stringProperty(row, 'rowKey'), row);
    });
    return rows;
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

  /** The rows of a page's positions, by id: a few queries by RowKey for a small page, else one more pass over the range. */
  private async readPage(partitionKey: string, kind: EntityKind, filter: string, page: readonly Position[]): Promise<Map<string, RawRow>> {
    const rows = new Map<string, RawRow>();
    if (page.length <= POINT_READ_PAGE) {
      const read = await this.readRows(partitionKey, page.map((p) => entityRowKey(kind, p.id)));
      for (const row of read.values()) rows.set(stringProperty(row, 'id'), row);
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

function currentRow(row: RawRow, rowKey: string): CurrentRow {
  if (typeof row.etag !== 'string') throw new Error(`Ledger row ${rowKey} came without an ETag`);
  return { version: numberProperty(row, 'version'), etag: row.etag };
}
