// The in-memory LedgerStore for unit tests. It keeps the same contract as the SQLite store (test/store/
// ledgerStoreContract.ts runs against both), so a use case tested here behaves the same in production.
import type { IsoDate } from '../domain/model.js';
import {
  quoteClaimKey, type Claim, type CommitResult, type EntityKind, type EntityMap, type LedgerStore, type ListQuery, type Page,
  type Stored, type UnitOfWork, type WriteOp,
} from '../domain/ports.js';
import { checkLimit, checkUnit, decodeCursor, distinctIds, encodeCursor, settle, type Position } from './storeSupport.js';

interface Row {
  readonly version: number;
  readonly sortKey: string;
  readonly owner: string | null;
  readonly value: EntityMap[EntityKind];
}

interface TenantData {
  readonly entities: Map<EntityKind, Map<string, Row>>;
  readonly claims: Map<string, Claim>;
}

export class MemoryLedgerStore implements LedgerStore {
  private readonly tenants = new Map<string, TenantData>();

  get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    return settle(() => {
      const row = this.tenants.get(tenantId)?.entities.get(kind)?.get(id);
      return row && toStored<K>(row);
    });
  }

  getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>> {
    return settle(() => {
      const rows = this.tenants.get(tenantId)?.entities.get(kind);
      const found = new Map<string, Stored<EntityMap[K]>>();
      for (const id of distinctIds(ids)) {
        const row = rows?.get(id);
        if (row) found.set(id, toStored<K>(row));
      }
      return found;
    });
  }

  list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>> {
    return settle(() => {
      checkLimit(query.limit);
      const after = query.after == null ? null : decodeCursor(query.after);
      const rows = this.tenants.get(tenantId)?.entities.get(kind) ?? new Map<string, Row>();
      const matching = [...rows]
        .map(([id, row]) => ({ position: { sortKey: row.sortKey, id }, row }))
        .filter(({ position, row }) =>
          (query.owner === undefined || row.owner === query.owner) && (after === null || comparePositions(position, after) < 0))
        .sort((a, b) => comparePositions(b.position, a.position));
      const page = matching.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ row }) => toStored<K>(row)),
        next: matching.length > query.limit && last ? encodeCursor(last.position) : null,
      };
    });
  }

  getClaim(tenantId: string, key: string): Promise<Claim | undefined> {
    return settle(() => {
      const claim = this.tenants.get(tenantId)?.claims.get(key);
      return claim && jsonCopy(claim);
    });
  }

  commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    // Validates the whole unit before changing anything, then applies it without yielding: all or nothing.
    return settle((): CommitResult => {
      checkUnit(unit);
      const data = this.tenantData(tenantId);
      const existing = unit.claim && data.claims.get(unit.claim.key);
      if (existing) return { status: 'duplicate', claim: jsonCopy(existing) };
      for (const op of unit.writes) {
        if (!acceptable(op, data.entities.get(op.kind)?.get(op.id))) return { status: 'conflict', kind: op.kind, id: op.id };
      }
      if (unit.claim) data.claims.set(unit.claim.key, jsonCopy(unit.claim));
      for (const op of unit.writes) {
        let rows = data.entities.get(op.kind);
        if (!rows) data.entities.set(op.kind, (rows = new Map<string, Row>()));
        const version = (rows.get(op.id)?.version ?? 0) + 1;
        rows.set(op.id, { version, sortKey: op.sortKey, owner: op.owner, value: jsonCopy(op.value) });
      }
      return { status: 'committed' };
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number> {
    return settle(() => {
      checkLimit(limit);
      let deleted = 0;
      for (const data of this.tenants.values()) {
        const quotes = data.entities.get('quote');
        if (!quotes) continue;
        for (const [id, row] of quotes) {
          if (deleted >= limit) return deleted;
          const quote = row.value as EntityMap['quote'];
          if (quote.expiresAt < before && !data.claims.has(quoteClaimKey(id))) {
            quotes.delete(id);
            deleted += 1;
          }
        }
      }
      return deleted;
    });
  }

  private tenantData(tenantId: string): TenantData {
    let data = this.tenants.get(tenantId);
    if (!data) this.tenants.set(tenantId, (data = { entities: new Map(), claims: new Map() }));
    return data;
  }
}

function acceptable(op: WriteOp, current: Row | undefined): boolean {
  switch (op.type) {
    case 'insert': return current === undefined;
    case 'update': return current !== undefined && current.version === op.expectedVersion;
    case 'upsert': return true;
  }
}

function toStored<K extends EntityKind>(row: Row): Stored<EntityMap[K]> {
  // Rows are filed under their kind, so a row read from kind K's map holds an EntityMap[K].
  return { value: jsonCopy(row.value) as EntityMap[K], version: row.version };
}

/** Orders like SQLite's BINARY collation (UTF-8 bytes), which differs from JS string order above U+FFFF. */
function comparePositions(a: Position, b: Position): number {
  return Buffer.compare(Buffer.from(a.sortKey), Buffer.from(b.sortKey)) || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}

/** Copies through JSON, as the SQLite and Azure stores do, so a test on the fake sees what production would. */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
