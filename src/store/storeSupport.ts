// What every LedgerStore backend shares, so a unit of work or a list query that one backend accepts, all accept:
// the unit checks, the limit check, the list order and the cursor codec.
import { MAX_GET_MANY, MAX_UNIT_OPS, type EntityKind, type UnitOfWork } from '../domain/ports.js';

export const MAX_LIST_LIMIT = 1000;

/** Where a list page ended. Lists order by (sortKey, id) descending: the id breaks ties between equal sort keys. */
export interface Position {
  readonly sortKey: string;
  readonly id: string;
}

/**
 * Rejects units no backend may run. Each entity may appear once per unit, as in an Azure entity-group batch; this
 * also makes "validate against the current state" exact for the in-memory store.
 */
export function checkUnit(unit: UnitOfWork): void {
  if (unit.writes.length > MAX_UNIT_OPS) {
    throw new RangeError(`A unit of work holds at most ${MAX_UNIT_OPS} writes, got ${unit.writes.length}`);
  }
  const seen = new Set<string>();
  for (const op of unit.writes) {
    const target = entityKey(op.kind, op.id);
    if (seen.has(target)) throw new RangeError(`A unit of work writes ${op.kind} ${op.id} more than once`);
    seen.add(target);
    if (op.type === 'update' && !Number.isSafeInteger(op.expectedVersion)) {
      throw new TypeError(`The update of ${op.kind} ${op.id} has no expectedVersion`);
    }
  }
}

function entityKey(kind: EntityKind, id: string): string {
  return `${kind}\u0000${id}`;
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(`List limit must be an integer from 1 to ${MAX_LIST_LIMIT}, got ${limit}`);
  }
}

/** The distinct ids of a getMany, checked against MAX_GET_MANY. */
export function distinctIds(ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_GET_MANY) throw new RangeError(`getMany reads at most ${MAX_GET_MANY} ids, got ${distinct.length}`);
  if (distinct.some((id) => typeof id !== 'string')) throw new TypeError('getMany ids must be strings');
  return distinct;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.sortKey, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const malformed = new RangeError('Malformed list cursor');
  const json = Buffer.from(cursor, 'base64url').toString('utf8');
  // Node's decoder skips characters outside the alphabet, so only a cursor that re-encodes to itself is ours.
  if (cursor === '' || Buffer.from(json, 'utf8').toString('base64url') !== cursor) throw malformed;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw malformed;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw malformed;
  const [sortKey, id] = parsed as unknown[];
  if (typeof sortKey !== 'string' || typeof id !== 'string') throw malformed;
  return { sortKey, id };
}

/**
 * Runs synchronous store work behind the async port: a throw becomes a rejection, as it would in an async
 * backend, and the work itself still runs to completion without yielding (which is what keeps commits atomic).
 */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise<T>((resolve) => {
    resolve(work());
  });
}
