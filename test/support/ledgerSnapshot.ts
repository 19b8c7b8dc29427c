// Every row of a SQLite ledger file (entities and idempotency claims), read through a read-only connection while the
// bot may have it open (WAL): to prove a test changed nothing, or only what it may.
import Database from 'better-sqlite3';

export interface LedgerSnapshot {
  /** "tenant|kind|id" → the whole row as JSON (version, sort key, owner and data included). */
  readonly entities: Map<string, string>;
  /** "tenant|key" → the whole claim row as JSON. */
  readonly claims: Map<string, string>;
}

export function snapshotLedger(path: string): LedgerSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const entities = new Map<string, string>();
    for (const row of db.prepare('SELECT tenant_id, kind, id, version, sort_key, owner, data FROM entities').all() as Array<Record<string, unknown>>) {
      entities.set(`${String(row.tenant_id)}|${String(row.kind)}|${String(row.id)}`, JSON.stringify(row));
    }
    const claims = new Map<string, string>();
    for (const row of db.prepare('SELECT tenant_id, key, outcome, at FROM claims').all() as Array<Record<string, unknown>>) {
      claims.set(`${String(row.tenant_id)}|${String(row.key)}`, JSON.stringify(row));
    }
    return { entities, claims };
  } finally {
    db.close();
  }
}

export function sameLedger(a: LedgerSnapshot, b: LedgerSnapshot): boolean {
  const same = (x: Map<string, string>, y: Map<string, string>) => x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
  return same(a.entities, b.entities) && same(a.claims, b.claims);
}
