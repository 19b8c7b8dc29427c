// Decorators that count what the bot asks of its stores, call by call: the ledger's get/getMany/list/getClaim/commit
// and botbuilder Storage's read/write/delete with their keys. On the memory and SQLite stores these calls cost
// microseconds; on Azure each one is one request or more (see src/store/azureLedgerStore.ts), so their number per
// turn is what a turn costs across a network.
import type { Storage, StoreItems } from 'botbuilder';
import type {
  Claim, CommitResult, EntityKind, EntityMap, LedgerStore, ListQuery, Page, Stored, UnitOfWork,
} from '../../src/domain/ports.js';
import type { IsoDate } from '../../src/domain/model.js';

export interface LedgerCall {
  readonly op: 'get' | 'getMany' | 'list' | 'getClaim' | 'commit';
  readonly tenantId: string;
  /** The kind read or listed (a commit's: 'unit'; a claim's: 'claim'). */
  readonly what: string;
  /** The id(s) or claim key read. */
  readonly ids: readonly string[];
}

export class CountingLedgerStore implements LedgerStore {
  readonly calls: LedgerCall[] = [];

  constructor(private readonly inner: LedgerStore) {}

  /** Hands back the calls counted so far and starts again from none. */
  take(): LedgerCall[] {
    return this.calls.splice(0, this.calls.length);
  }

  get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    this.calls.push({ op: 'get', tenantId, what: kind, ids: [id] });
    return this.inner.get(tenantId, kind, id);
  }

  getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>> {
    this.calls.push({ op: 'getMany', tenantId, what: kind, ids: [...ids] });
    return this.inner.getMany(tenantId, kind, ids);
  }

  list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>> {
    this.calls.push({ op: 'list', tenantId, what: kind, ids: query.owner === undefined ? [] : [query.owner] });
    return this.inner.list(tenantId, kind, query);
  }

  getClaim(tenantId: string, key: string): Promise<Claim | undefined> {
    this.calls.push({ op: 'getClaim', tenantId, what: 'claim', ids: [key] });
    return this.inner.getClaim(tenantId, key);
  }

  commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    this.calls.push({ op: 'commit', tenantId, what: 'unit', ids: unit.writes.map((w) => `${w.kind}:${w.id}`) });
    return this.inner.commit(tenantId, unit);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number> {
    return this.inner.deleteExpiredQuotes(before, limit);
  }
}

export interface StorageCall {
  readonly op: 'read' | 'write' | 'delete';
  readonly keys: readonly string[];
}

export class CountingStorage implements Storage {
  readonly calls: StorageCall[] = [];

  constructor(private readonly inner: Storage) {}

  take(): StorageCall[] {
    return this.calls.splice(0, this.calls.length);
  }

  read(keys: string[]): Promise<StoreItems> {
    this.calls.push({ op: 'read', keys: [...keys] });
    return this.inner.read(keys);
  }

  write(changes: StoreItems): Promise<void> {
    this.calls.push({ op: 'write', keys: Object.keys(changes) });
    return this.inner.write(changes);
  }

  delete(keys: string[]): Promise<void> {
    this.calls.push({ op: 'delete', keys: [...keys] });
    return this.inner.delete(keys);
  }
}
