// The ledger database's schema, as an append-only list: never edit an applied migration, add the next one.
// SqliteLedgerStore.open applies each missing one in its own BEGIN IMMEDIATE transaction and records it in
// schema_migrations.

export interface Migration {
  /** 1, 2, 3, … in array order. */
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'entities and idempotency claims',
    // The indexes end in `id`, the list tie-breaker, so every list (all rows of a kind, or one owner's) is one
    // index range scan already in (sort_key, id) DESC order: no sort step, no OFFSET.
    sql: `
      CREATE TABLE entities (
        tenant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        sort_key TEXT NOT NULL,
        owner TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (tenant_id, kind, id)
      ) WITHOUT ROWID;
      CREATE INDEX entities_by_sort_key ON entities (tenant_id, kind, sort_key, id);
      CREATE INDEX entities_by_owner ON entities (tenant_id, kind, owner, sort_key, id);
      CREATE TABLE claims (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        outcome TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, key)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'quotes by expiry, for the sweep of expired quotes',
    // Partial: only quote rows carry it, so no other write pays for it.
    sql: `
      CREATE INDEX quotes_by_expiry ON entities (json_extract(data, '$.expiresAt')) WHERE kind = 'quote';
    `,
  },
];
