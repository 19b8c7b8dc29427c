// The production LedgerStore: one SQLite file through better-sqlite3. better-sqlite3 is synchronous, so each method
// does its work at once and hands back a settled promise; a commit holds the write lock (BEGIN IMMEDIATE) from
// its first statement, so units from other connections or processes wait for it instead of failing halfway.
import Database from 'better-sqlite3';
import type { IsoDate } from '../domain/model.js';
import {
  quoteClaimKey, type Claim, type CommitResult, type EntityKind, type EntityMap, type LedgerStore, type ListQuery, type Page,
  type Stored, type UnitOfWork,
} from '../domain/ports.js';
import type { ClaimOutcome } from '../domain/outcomes.js';
import { retryWhileBusy } from './sqliteBusy.js';
import { MIGRATIONS } from './sqliteMigrations.js';
import { checkLimit, checkUnit, decodeCursor, distinctIds, encodeCursor, settle } from './storeSupport.js';

export interface SqliteLedgerStoreOptions {
  /** How long a connection waits for another's write lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

function listSql(byOwner: boolean, after: boolean): string {
  return 'SELECT id, version, sort_key, data FROM entities WHERE tenant_id = @tenantId AND kind = @kind'
    + (byOwner ? ' AND owner = @owner' : '')
    + (after ? ' AND (sort_key, id) < (@afterSortKey, @afterId)' : '')
    + ' ORDER BY sort_key DESC, id DESC LIMIT @limit';
}

/** The four list queries (keyset pagination, never OFFSET); exported so a test can check their query plans. */
export const LIST_SQL = {
  all: listSql(false, false),
  allAfter: listSql(false, true),
  byOwner: listSql(true, false),
  byOwnerAfter: listSql(true, true),
} as const;

/**
 * Expired quotes that no claim marks as used (@claimPrefix is quoteClaimKey('')): a walk of the quotes_by_expiry index,
 * oldest first, and one claim lookup per quote. Exported so a test can check its query plan.
 */
export const EXPIRED_QUOTES_SQL = `SELECT q.tenant_id AS tenantId, q.id AS id FROM entities q
  WHERE q.kind = 'quote' AND json_extract(q.data, '$.expiresAt') < @before
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.tenant_id = q.tenant_id AND c.key = @claimPrefix || q.id)
  LIMIT @limit`;

interface EntityKey { tenantId: string; kind: string; id: string }
interface EntityRow { version: number; data: string }
interface ListedRow { id: string; version: number; sort_key: string; data: string }
interface ListParams { tenantId: string; kind: string; owner?: string; afterSortKey?: string; afterId?: string; limit: number }
interface ClaimKey { tenantId: string; key: string }
interface ClaimRow { key: string; outcome: string; at: string }
interface QuoteKey { tenantId: string; id: string }
interface EntityWrite extends EntityKey { sortKey: string; owner: string | null; data: string }

function prepareStatements(db: Database.Database) {
  return {
    getEntity: db.prepare<EntityKey, EntityRow>(
      'SELECT version, data FROM entities WHERE tenant_id = @tenantId AND kind = @kind AND id = @id'),
    getEntities: db.prepare<{ tenantId: string; kind: string; ids: string }, ListedRow>(
      'SELECT id, version, sort_key, data FROM entities WHERE tenant_id = @tenantId AND kind = @kind AND id IN (SELECT value FROM json_each(@ids))'),
    listAll: db.prepare<ListParams, ListedRow>(LIST_SQL.all),
    listAllAfter: db.prepare<ListParams, ListedRow>(LIST_SQL.allAfter),
    listByOwner: db.prepare<ListParams, ListedRow>(LIST_SQL.byOwner),
    listByOwnerAfter: db.prepare<ListParams, ListedRow>(LIST_SQL.byOwnerAfter),
    getClaim: db.prepare<ClaimKey, ClaimRow>('SELECT key, outcome, at FROM claims WHERE tenant_id = @tenantId AND key = @key'),
    insertClaim: db.prepare<ClaimKey & { outcome: string; at: string }>(
      'INSERT INTO claims (tenant_id, key, outcome, at) VALUES (@tenantId, @key, @outcome, @at) ON CONFLICT DO NOTHING'),
    insertEntity: db.prepare<EntityWrite>(
      `INSERT INTO entities (tenant_id, kind, id, version, sort_key, owner, data)
       VALUES (@tenantId, @kind, @id, 1, @sortKey, @owner, @data) ON CONFLICT DO NOTHING`),
    updateEntity: db.prepare<EntityWrite & { expectedVersion: number | null }>(
      `UPDATE entities SET version = version + 1, sort_key = @sortKey, owner = @owner, data = @data
       WHERE tenant_id = @tenantId AND kind = @kind AND id = @id AND version = @expectedVersion`),
    upsertEntity: db.prepare<EntityWrite>(
      `INSERT INTO entities (tenant_id, kind, id, version, sort_key, owner, data)
       VALUES (@tenantId, @kind, @id, 1, @sortKey, @owner, @data)
       ON CONFLICT (tenant_id, kind, id) DO UPDATE
       SET version = version + 1, sort_key = excluded.sort_key, owner = excluded.owner, data = excluded.data`),
    expiredQuotes: db.prepare<{ before: string; claimPrefix: string; limit: number }, QuoteKey>(EXPIRED_QUOTES_SQL),
    deleteQuote: db.prepare<QuoteKey>("DELETE FROM entities WHERE tenant_id = @tenantId AND kind = 'quote' AND id = @id"),
  };
}

/** Thrown inside a commit's transaction function so better-sqlite3 rolls the unit back; carries the answer. */
class Rollback extends Error {
  constructor(readonly result: Exclude<CommitResult, { status: 'committed' }>) {
    super(`unit not committed: ${result.status}`);
  }
}

export class SqliteLedgerStore implements LedgerStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly applyUnit: Database.Transaction<(tenantId: string, unit: UnitOfWork) => void>;
  private readonly removeExpiredQuotes: Database.Transaction<(before: string, limit: number) => number>;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.applyUnit = db.transaction((tenantId: string, unit: UnitOfWork) => {
      this.writeUnit(tenantId, unit);
    });
    // Selected and deleted under one write lock, so a claim committed meanwhile cannot slip between the two.
    this.removeExpiredQuotes = db.transaction((before: string, limit: number) => {
      const quotes = this.statements.expiredQuotes.all({ before, claimPrefix: quoteClaimKey(''), limit });
      for (const quote of quotes) this.statements.deleteQuote.run(quote);
      return quotes.length;
    });
  }

  static open(filePath: string, options: SqliteLedgerStoreOptions = {}): SqliteLedgerStore {
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const db = new Database(filePath, { timeout: busyTimeoutMs });
    try {
      // Every open: a database already in WAL mode reopens with synchronous=NORMAL, which may lose the last
      // commits on power loss; the ledger wants an fsync per commit.
      const mode: unknown = retryWhileBusy(() => db.pragma('journal_mode = WAL', { simple: true }), busyTimeoutMs);
      if (mode !== 'wal') throw new Error(`Could not put ${filePath} in WAL mode (journal_mode=${String(mode)})`);
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      retryWhileBusy(() => migrate(db), busyTimeoutMs);
      return new SqliteLedgerStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    return settle(() => {
      const row = this.statements.getEntity.get({ tenantId, kind, id });
      return row && toStored<K>(row);
    });
  }

  getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>> {
    return settle(() => {
      const wanted = distinctIds(ids);
      const found = new Map<string, Stored<EntityMap[K]>>();
      if (wanted.length === 0) return found;
      for (const row of this.statements.getEntities.all({ tenantId, kind, ids: JSON.stringify(wanted) })) found.set(row.id, toStored<K>(row));
      return found;
    });
  }

  list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>> {
    return settle(() => {
      checkLimit(query.limit);
      const after = query.after == null ? null : decodeCursor(query.after);
      const s = this.statements;
      const statement = query.owner === undefined ? (after ? s.listAllAfter : s.listAll) : (after ? s.listByOwnerAfter : s.listByOwner);
      // One row more than the page tells whether another page exists, without counting.
      const rows = statement.all({
        tenantId, kind, limit: query.limit + 1,
        ...(query.owner === undefined ? {} : { owner: query.owner }),
        ...(after ? { afterSortKey: after.sortKey, afterId: after.id } : {}),
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toStored<K>(row)),
        next: rows.length > query.limit && last ? encodeCursor({ sortKey: last.sort_key, id: last.id }) : null,
      };
    });
  }

  getClaim(tenantId: string, key: string): Promise<Claim | undefined> {
    return settle(() => {
      const row = this.statements.getClaim.get({ tenantId, key });
      return row && toClaim(row);
    });
  }

  commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    return settle((): CommitResult => {
      checkUnit(unit);
      try {
        this.applyUnit.immediate(tenantId, unit);
        return { status: 'committed' };
      } catch (error) {
        if (error instanceof Rollback) return error.result;
        throw error;
      }
    });
  }

  close(): Promise<void> {
    return settle(() => {
      this.db.close();
    });
  }

  deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number> {
    return settle(() => {
      checkLimit(limit);
      return this.removeExpiredQuotes.immediate(before, limit);
    });
  }

  /** `PRAGMA integrity_check`: "ok", or the problems found, one per line. */
  integrityCheck(): string {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('\n');
  }

  /** Reads one pragma (e.g. journal_mode, synchronous), for tests and diagnostics; never sets one. */
  pragma(name: string): unknown {
    if (!/^[a-z_]+$/.test(name)) throw new RangeError(`Not a pragma name: ${name}`);
    return this.db.pragma(name, { simple: true });
  }

  /** Runs inside BEGIN IMMEDIATE; throws Rollback to undo everything written so far. */
  private writeUnit(tenantId: string, unit: UnitOfWork): void {
    const s = this.statements;
    if (unit.claim) {
      const { key, outcome, at } = unit.claim;
      if (s.insertClaim.run({ tenantId, key, outcome: JSON.stringify(outcome), at }).changes === 0) {
        const existing = s.getClaim.get({ tenantId, key });
        if (!existing) throw new Error(`Claim ${key} neither inserted nor found`);
        throw new Rollback({ status: 'duplicate', claim: toClaim(existing) });
      }
    }
    for (const op of unit.writes) {
      const write = { tenantId, kind: op.kind, id: op.id, sortKey: op.sortKey, owner: op.owner, data: JSON.stringify(op.value) };
      const changes = op.type === 'insert' ? s.insertEntity.run(write).changes
        // checkUnit has ensured updates carry an expectedVersion.
        : op.type === 'update' ? s.updateEntity.run({ ...write, expectedVersion: op.expectedVersion ?? null }).changes
        : s.upsertEntity.run(write).changes;
      if (changes === 0) throw new Rollback({ status: 'conflict', kind: op.kind, id: op.id });
    }
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  const record = db.prepare<[number, string]>('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  const applied = current.get()?.version ?? 0;
  if (applied > known) throw new Error(`Database schema version ${applied} is newer than this code knows (${known})`);
  for (const migration of MIGRATIONS) {
    db.transaction(() => {
      // Read again under the write lock: another process opening the same file may have applied it meanwhile.
      if ((current.get()?.version ?? 0) >= migration.version) return;
      db.exec(migration.sql);
      record.run(migration.version, new Date().toISOString());
    }).immediate();
  }
}

function toStored<K extends EntityKind>(row: EntityRow): Stored<EntityMap[K]> {
  // Our own JSON, written through commit under this kind.
  return { value: JSON.parse(row.data) as EntityMap[K], version: row.version };
}

function toClaim(row: ClaimRow): Claim {
  return { key: row.key, outcome: JSON.parse(row.outcome) as ClaimOutcome, at: row.at };
}
