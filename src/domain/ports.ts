// Ports the domain needs from the outside world: a clock, an id source and the ledger store.
// Stores (src/store/) implement LedgerStore; one contract suite (test/store/ledgerStoreContract.ts) checks them all.
// Bad input (a unit over MAX_UNIT_OPS, one writing an entity twice, a bad limit or cursor) rejects with RangeError or
// TypeError instead of returning a CommitResult.
import type {
  AuditEntry, IsoDate, Order, PaymentMethod, PurchaseRequest, Quote, Subscription, SupportRequest, Tenant, User,
} from './model.js';
import type { NudgeClaim } from './nudges.js';
import type { ClaimOutcome } from './outcomes.js';

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique id; `prefix` tells what it names (e.g. "ORD" for an order number the admin may quote). */
  next(prefix: IdPrefix): string;
}
export type IdPrefix = 'ORD' | 'SUB' | 'QUO' | 'REQ' | 'SR' | 'PM' | 'AUD';

export interface EntityMap {
  tenant: Tenant;
  user: User;
  payment_method: PaymentMethod;
  subscription: Subscription;
  order: Order;
  quote: Quote;
  purchase_request: PurchaseRequest;
  support_request: SupportRequest;
  audit: AuditEntry;
  nudge: NudgeClaim;
}
export type EntityKind = keyof EntityMap;
export const ENTITY_KINDS: readonly EntityKind[] = [
  'tenant', 'user', 'payment_method', 'subscription', 'order', 'quote', 'purchase_request', 'support_request', 'audit', 'nudge',
];

export interface Stored<T> {
  readonly value: T;
  /** Starts at 1 on insert and grows by one on each update; the optimistic-concurrency token. */
  readonly version: number;
}

/**
 * One write in a unit of work. Lists are ordered by `sortKey` descending (newest first); `owner` is an optional
 * secondary key a list can filter on (a request's requester, a subscription's group).
 */
export type WriteOp = {
  [K in EntityKind]: {
    readonly type: 'insert' | 'update' | 'upsert';
    readonly kind: K;
    readonly id: string;
    readonly value: EntityMap[K];
    readonly sortKey: string;
    readonly owner: string | null;
    /** Required for updates: the version read before the change. */
    readonly expectedVersion?: number;
  };
}[EntityKind];

export interface Claim {
  readonly key: string;
  readonly outcome: ClaimOutcome;
  readonly at: IsoDate;
}

/**
 * Everything one use case writes, for one tenant, committed atomically: all or nothing. The claim, when present,
 * is an insert-once row committed in the same unit, so an action and its idempotency record cannot part.
 * Backends must accept at least MAX_UNIT_OPS operations (Azure entity-group batches hold 100), each entity at most
 * once per unit. Values are stored as JSON.
 */
export interface UnitOfWork {
  readonly claim?: Claim;
  readonly writes: readonly WriteOp[];
}
export const MAX_UNIT_OPS = 99; // plus the claim row: 100
/** Ids one getMany may ask for. */
export const MAX_GET_MANY = 100;

export type CommitResult =
  | { readonly status: 'committed' }
  | { readonly status: 'duplicate'; readonly claim: Claim }
  | { readonly status: 'conflict'; readonly kind: EntityKind; readonly id: string };

/** Items come sorted by (sortKey, id) descending. */
export interface ListQuery {
  /** 1 to 1000. */
  readonly limit: number;
  /** Opaque cursor from a previous page's `next`. */
  readonly after?: string | null;
  readonly owner?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

export interface LedgerStore {
  get<K extends EntityKind>(tenantId: string, kind: K, id: string): Promise<Stored<EntityMap[K]> | undefined>;
  /**
   * Several rows of one kind of one tenant in one request where the backend allows it: the rows found, by id (an id
   * the tenant does not have is simply absent). At most MAX_GET_MANY ids; a repeated id is read once.
   */
  getMany<K extends EntityKind>(tenantId: string, kind: K, ids: readonly string[]): Promise<ReadonlyMap<string, Stored<EntityMap[K]>>>;
  list<K extends EntityKind>(tenantId: string, kind: K, query: ListQuery): Promise<Page<Stored<EntityMap[K]>>>;
  getClaim(tenantId: string, key: string): Promise<Claim | undefined>;
  commit(tenantId: string, unit: UnitOfWork): Promise<CommitResult>;
  close(): Promise<void>;
  /**
   * Runs `work` with every read going to the rows as they are now. Only a store that answers repeated reads of one
   * turn from memory (src/turn/turnLedger.ts) has it; executeOnce runs each attempt of the money path through it.
   */
  readCurrent?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Removes at most `limit` (1 to 1000) quotes whose `expiresAt` is before `before`, across all tenants, that nothing
   * uses: a quote is in use while its tenant has the claim `quote:<id>`, which every order, purchase request or change
   * made from it commits with it (and claims are never removed). Answers how many it removed; orders, claims, audit
   * entries and every other row stay. Safe to run from several instances at once.
   */
  deleteExpiredQuotes(before: IsoDate, limit: number): Promise<number>;
}

/** The claim key that marks a quote as used: every action on a quote commits it (see executeOnce). */
export function quoteClaimKey(quoteId: string): string {
  return `quote:${quoteId}`;
}
