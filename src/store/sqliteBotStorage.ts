// Bot state (dialog stacks, language preference) behind botbuilder's Storage interface, in its own SQLite file.
// Bot state is last-write-wins and nothing about money depends on it, so this database runs at synchronous=NORMAL
// (survives a process crash; an fsync per turn would cost ~9× more, see ../shared/NOTES.md). The ledger keeps FULL.
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';

interface StateRow { key: string; etag: number; data: string }

export class SqliteBotStorage implements Storage {
  private readonly readOne: Database.Statement<[string], StateRow>;
  private readonly upsert: Database.Statement<{ key: string; data: string }>;
  private readonly updateIfEtag: Database.Statement<{ key: string; data: string; etag: number }>;
  private readonly remove: Database.Statement<[string]>;
  private readonly writeAll: Database.Transaction<(changes: StoreItems) => void>;

  private constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, data TEXT NOT NULL) WITHOUT ROWID');
    this.readOne = db.prepare('SELECT key, etag, data FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO bot_state (key, etag, data) VALUES (@key, 1, @data)
      ON CONFLICT (key) DO UPDATE SET etag = etag + 1, data = excluded.data`);
    this.updateIfEtag = db.prepare('UPDATE bot_state SET etag = etag + 1, data = @data WHERE key = @key AND etag = @etag');
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    this.writeAll = db.transaction((changes: StoreItems) => {
      for (const [key, item] of Object.entries(changes)) this.writeItem(key, item);
    });
  }

  static open(filePath: string): SqliteBotStorage {
    const db = new Database(filePath, { timeout: 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return new SqliteBotStorage(db);
  }

  read(keys: string[]): Promise<StoreItems> {
    try {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.readOne.get(key);
        if (row) items[key] = { ...(JSON.parse(row.data) as Record<string, unknown>), eTag: String(row.etag) };
      }
      return Promise.resolve(items);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  write(changes: StoreItems): Promise<void> {
    try {
      this.writeAll.immediate(changes);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove.run(key);
    return Promise.resolve();
  }

  close(): void {
    this.db.close();
  }

  /** Serialized size of one state entry, for the "under 8 KB per conversation" check. */
  sizeOf(key: string): number {
    const row = this.readOne.get(key);
    return row ? Buffer.byteLength(row.data, 'utf8') : 0;
  }

  private writeItem(key: string, item: unknown): void {
    const { eTag, ...rest } = (item ?? {}) as { eTag?: unknown } & Record<string, unknown>;
    const data = JSON.stringify(rest);
    // eTag "*" or none: last write wins (what ConversationState does); a numeric eTag must still match.
    if (typeof eTag === 'string' && eTag !== '*' && eTag !== '') {
      const matched = this.updateIfEtag.run({ key, data, etag: Number(eTag) }).changes === 1;
      if (!matched) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      return;
    }
    this.upsert.run({ key, data });
  }
}
