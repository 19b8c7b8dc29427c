// Read once per turn: a LedgerStore in front of the real one that remembers, for the turn being handled only, the
// rows and list pages it read, so the tenant gate, the turn's identity checks and every dialog step that asks for the
// tenant, the caller or the subscriptions again get them without another storage request (on Azure each is one).
//
// The memory belongs to one turn: `run` starts it, everything the turn awaits shares it (AsyncLocalStorage, so the
// one BillingService every dialog holds reads through it), and it is dropped when the turn ends; work left running
// after that reads the store directly. Nothing is remembered across turns, so nothing needs invalidating between
// instances. Within the turn:
// - a committed unit replaces the rows it wrote (their new value and version are known: inserts and updates) and
//   forgets the rest of what it touched (upserted rows, every list of the kinds it wrote);
// - a unit refused (duplicate, conflict) or failed, or a claim found (the action was done already), forgets
//   everything of its tenant: someone else wrote meanwhile;
// - each attempt of the money path (readCurrent, used by executeOnce) starts from an empty memory of its own, so it
//   reads the rows as they are now; what it reads replaces what the turn remembered;
// - claims are never remembered.
// Each answer is a copy: a caller changing what it got cannot change what the next caller gets.
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  Claim, CommitResult, EntityKind, EntityMap, LedgerStore, ListQuery, Page, Stored, UnitOfWork,
} from '../domain/ports.js';
import type { IsoDate } from '../domain/model.js';

type AnyStored = Stored<EntityMap[EntityKind]>;

/**
 * What one turn read, by tenant; a promise each, so two steps asking at once share one request. An attempt of the
 * money path gets a memory of its own, empty at its start (so it reads the rows as they are now), whose reads and
 * writes also go to its turn's memory for the rest of the turn.
 */
class TurnReads {
  private readonly rows = new Map<string, Promise<AnyStored | undefined>>();
  private readonly pages = new Map<string, Promise<Page<AnyStored>>>();
  private ended = false;

  constructor(private readonly turn?: TurnReads) {}

  /** False once its turn (or attempt) is over: work still running then reads the store itself. */
  get live(): boolean {
    return !this.ended && (this.turn?.live ?? true);
  }

  end(): void {
    this.ended = true;
    this.rows.clear();
    this.pages.clear();
  }

  row(tenantId: string, kind: EntityKind, id: string): Promise<AnyStored | undefined> | undefined {
    return this.rows.get(rowKey(tenantId, kind, id));
  }

  rememberRow(tenantId: string, kind: EntityKind, id: string, row: Promise<AnyStored | undefined>): void {
    this.rows.set(rowKey(tenantId, kind, id), row);
    this.turn?.rememberRow(tenantId, kind, id, row);
  }

  page(key: string): Promise<Page<AnyStored>> | undefined {
    return this.pages.get(key);
  }

  rememberPage(key: string, page: Promise<Page<AnyStored>>): void {
    this.pages.set(key, page);
    this.turn?.rememberPage(key, page);
  }

  forgetRow(tenantId: string, kind: EntityKind, id: string): void {
    this.rows.delete(rowKey(tenantId, kind, id));
    this.turn?.forgetRow(tenantId, kind, id);
  }

  forgetPages(tenantId: string, kind: EntityKind): void {
    const prefix = `${tenantId}\u0000${kind}\u0000`;
    for (const key of [...this.pages.keys()]) if (key.startsWith(prefix)) this.pages.delete(key);
    this.turn?.forgetPages(tenantId, kind);
  }

  forgetTenant(tenantId: string): void {
    const prefix = `${tenantId}\u0000`;
    for (const map of [this.rows, this.pages] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
    this.turn?.forgetTenant(tenantId);
  }
}

function rowKey(tenantId: string, kind: EntityKind, id: string): string {
  return `${tenantId}\u0000${kind}\u0000${id}`;
}

function pageKey(tenantId: string, kind: EntityKind, query: ListQuery): string {
  return `${tenantId}\u0000${kind}\u0000${JSON.stringify([query.limit, query.after ?? null, query.owner ?? null])}`;
}

/**
 * A deep copy. The rows are plain data (objects, arrays, strings, numbers, booleans, null), copied by hand: about a
 * tenth of what structuredClone costs for them. Anything else (a Date, a Map, a class instance) goes to
 * structuredClone, so the copy is the same either way.
 */
function copy<T>(value: T): T {
  return copyPlain(value) as T;
}

function copyPlain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) items[i] = copyPlain(value[i]);
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyPlain((value as Record<string, unknown>)[key]);
    // A "__proto__" key (JSON.parse makes it an own field) stays a field, as structuredClone keeps it.
    if (key === '__proto__') Object.defineProperty(fields, key, { value: field, enumerable: true, writable: true, configurable: true });
    else fields[key] = field;
  }
  return fields;
}

export class TurnScopedLedger implements LedgerStore {
  private readonly turns = new AsyncLocalStorage<TurnReads>();

  constructor(private readonly store: LedgerStore) {}

  /** The memory of the turn this call belongs to, while that turn runs. */
  private reads(): TurnReads | undefined {
    const reads = this.turns.getStore();
    return reads?.live ? reads : undefined;
  }

  /** Runs one turn with a memory of its own, dropped when `work` settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const reads = new TurnReads();
    try {
      return await this.turns.run(reads, work);
    } finally {
      reads.end();
    }
  }

  async get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined> {
    const reads = this.reads();
    if (!reads) return this.store.get(tenantId, kind, id);
    const remembered = reads.row(tenantId, kind, id);
    if (remembered) return copy(await remembered) as Stored<EntityMap[K]> | undefined;
    const read = this.store.get(tenantId, kind, id);
    reads.rememberRow(tenantId, kind, id, read);
    try {
      return copy(await read);
    } catch (error) {
      reads.forgetRow(tenantId, kind, id);
      throw error;
    }
  }

  async getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>> {
    const reads = this.reads();
    if (!reads) return this.store.getMany(tenantId, kind, ids);
    const distinct = [...new Set(ids)];
    const remembered = distinct.flatMap((id) => {
      const row = reads.row(tenantId, kind, id);
      return row ? [[id, row] as const] : [];
    });
    const missing = distinct.filter((id) => !remembered.some(([known]) => known === id));
    const fetched = missing.length > 0 ? this.store.getMany(tenantId, kind, missing) : Promise.resolve(new Map<string, Stored<EntityMap[K]>>());
    for (const id of missing) {
      const row = fetched.then((rows) => rows.get(id));
      // Its failure is the caller's, from `fetched` below; whoever else awaits this row meets it too.
      row.catch(() => undefined);
      reads.rememberRow(tenantId, kind, id, row);
    }
    let rows: ReadonlyMap<string, Stored<EntityMap[K]>>;
    try {
      rows = await fetched;
    } catch (error) {
      for (const id of missing) reads.forgetRow(tenantId, kind, id);
      throw error;
    }
    const found = new Map<string, Stored<EntityMap[K]>>();
    for (const [id, row] of remembered) {
      const value = await row;
      if (value) found.set(id, copy(value) as Stored<EntityMap[K]>);
    }
    for (const [id, row] of rows) found.set(id, copy(row));
    return found;
  }

  async list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>> {
    const reads = this.reads();
    if (!reads) return this.store.list(tenantId, kind, query);
    const key = pageKey(tenantId, kind, query);
    const remembered = reads.page(key);
    if (remembered) return copy(await remembered) as Page<Stored<EntityMap[K]>>;
    const read = this.store.list(tenantId, kind, query);
    reads.rememberPage(key, read);
    let page: Page<Stored<EntityMap[K]>>;
    try {
      page = await read;
    } catch (error) {
      reads.forgetPages(tenantId, kind);
      throw error;
    }
    // A listed row is as current as a row read alone: a later get of it this turn needs no request.
    for (const item of page.items) reads.rememberRow(tenantId, kind, (item.value as { id: string }).id, Promise.resolve(item));
    return copy(page);
  }

  async getClaim(tenantId: string, key: string): Promise<Claim | undefined> {
    const claim = await this.store.getClaim(tenantId, key);
    // An action already done (by another click, admin or instance) may have changed rows this turn read before:
    // the turn reads them again, to tell what is now.
    if (claim) this.reads()?.forgetTenant(tenantId);
    return claim;
  }

  async commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult> {
    const reads = this.reads();
    let result: CommitResult;
    try {
      result = await this.store.commit(tenantId, unit);
    } catch (error) {
      reads?.forgetTenant(tenantId);
      throw error;
    }
    if (!reads) return result;
    if (result.status !== 'committed') {
      reads.forgetTenant(tenantId);
      return result;
    }
    for (const op of unit.writes) {
      reads.forgetPages(tenantId, op.kind);
      const version = op.type === 'insert' ? 1 : op.type === 'update' ? (op.expectedVersion ?? 0) + 1 : undefined;
      if (version === undefined) reads.forgetRow(tenantId, op.kind, op.id);
      else reads.rememberRow(tenantId, op.kind, op.id, Promise.resolve({ value: copy(op.value), version }));
    }
    return result;
  }

  /**
   * Runs `work` (an attempt of the money path) on the rows as they are now: it starts with an empty memory of its
   * own, and what it reads is remembered for the rest of the turn.
   */
  async readCurrent<T>(work: () => Promise<T>): Promise<T> {
    const reads = this.reads();
    if (!reads) return work();
    const attempt = new TurnReads(reads);
    try {
      return await this.turns.run(attempt, work);
    } finally {
      attempt.end();
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number> {
    return this.store.deleteExpiredQuotes(before, limit);
  }
}
