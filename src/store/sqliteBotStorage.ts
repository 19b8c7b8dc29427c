// Bot state (dialog stacks, language preference) behind botbuilder's Storage interface, in its own SQLite file.
// Bot state is last-write-wins and nothing about money depends on it, so this database runs at synchronous=NORMAL
// (survives a process crash; an fsync per turn would cost ~9× more, see ../shared/NOTES.md). The ledger keeps FULL.
// Each row records when it was last written (written_at, epoch ms, indexed), so the sweep finds idle state without
// reading the table. To keep writes as fast as before, a write restamps its row only when this instance has not
// stamped it within STAMP_PRECISION_MS (rewriting an indexed column, or one more statement, on every write cost a
// tenth to a half more per write): a stamp is at most that much earlier than the last write, and the sweep allows
// for it.
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import type { Clock } from '../domain/ports.js';
import { checkDeleteLimit, type KeyMatch, type StaleStateStore } from '../maintenance/staleState.js';
import { retryWhileBusy } from './sqliteBusy.js';
import { systemClock } from './systemClock.js';

const BUSY_TIMEOUT_MS = 5000;

interface StateRow { key: string; etag: number; data: string }
interface WrittenBefore { before: number; limit: number; text: string }

export const STAMP_PRECISION_MS = 60 * 60 * 1000;
/** Keys remembered as recently stamped; past this many the memory starts over (a few restamps more, no harm). */
const MAX_REMEMBERED_STAMPS = 10_000;

/**
 * Creates the table, or adds written_at to a table made before it existed: those rows count as written at the upgrade
 * (their real age is unknown), so nothing is swept sooner than it would have been. Under the write lock, so two
 * processes opening one old file upgrade it once.
 */
function migrate(db: Database.Database, now: number): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS bot_state (key TEXT PRIMARY KEY, etag INTEGER NOT NULL, data TEXT NOT NULL,
      written_at INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`);
    const columns = db.prepare<[], { name: string }>('SELECT name FROM pragma_table_info(\'bot_state\')').all();
    if (!columns.some((c) => c.name === 'written_at')) {
      db.exec('ALTER TABLE bot_state ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0');
      db.prepare('UPDATE bot_state SET written_at = ?').run(now);
    }
    db.exec('CREATE INDEX IF NOT EXISTS bot_state_by_written_at ON bot_state (written_at)');
  }).immediate();
}

export class SqliteBotStorage implements Storage, StaleStateStore {
  private readonly readOne: Database.Statement<[string], StateRow>;
  private readonly upsert: Database.Statement<{ key: string; data: string; now: number }>;
  private readonly updateIfEtag: Database.Statement<{ key: string; data: string; etag: number }>;
  private readonly restamp: Database.Statement<{ key: string; now: number; stale: number }>;
  private readonly remove: Database.Statement<[string]>;
  private readonly writtenBefore: { prefix: Database.Statement<WrittenBefore, { key: string }>; segment: Database.Statement<WrittenBefore, { key: string }> };
  private readonly removeIfWrittenBefore: Database.Statement<{ key: string; before: number }>;
  private readonly writeAll: Database.Transaction<(changes: StoreItems, now: number) => string[]>;
  /** When this instance last stamped each key (epoch ms). */
  private readonly stamped = new Map<string, number>();

  private constructor(private readonly db: Database.Database, private readonly clock: Clock) {
    migrate(db, clock.now().getTime());
    this.readOne = db.prepare('SELECT key, etag, data FROM bot_state WHERE key = ?');
    this.upsert = db.prepare(`INSERT INTO bot_state (key, etag, data, written_at) VALUES (@key, 1, @data, @now)
      ON CONFLICT (key) DO UPDATE SET etag = etag + 1, data = excluded.data`);
    this.updateIfEtag = db.prepare('UPDATE bot_state SET etag = etag + 1, data = @data WHERE key = @key AND etag = @etag');
    this.restamp = db.prepare('UPDATE bot_state SET written_at = @now WHERE key = @key AND written_at < @stale');
    this.remove = db.prepare('DELETE FROM bot_state WHERE key = ?');
    // Oldest first through the index, which holds the key too: kept items (user state, references) are skipped without
    // reading their rows. substr and instr compare exactly (no LIKE patterns, no case folding).
    const idle = (condition: string) => db.prepare<WrittenBefore, { key: string }>(
      `SELECT key FROM bot_state WHERE written_at < @before AND ${condition} ORDER BY written_at LIMIT @limit`);
    this.writtenBefore = { prefix: idle('substr(key, 1, length(@text)) = @text'), segment: idle('instr(key, @text) > 0') };
    this.removeIfWrittenBefore = db.prepare('DELETE FROM bot_state WHERE key = @key AND written_at < @before');
    // Answers the keys it restamped, remembered only once the transaction has committed.
    this.writeAll = db.transaction((changes: StoreItems, now: number) => {
      return Object.entries(changes).flatMap(([key, item]) => (this.writeItem(key, item, now) ? [key] : []));
    });
  }

  /** `clock` stamps each write, for the sweep of idle state. */
  static open(filePath: string, clock: Clock = systemClock): SqliteBotStorage {
    const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
    try {
      retryWhileBusy(() => db.pragma('journal_mode = WAL'), BUSY_TIMEOUT_MS);
      db.pragma('synchronous = NORMAL');
      return new SqliteBotStorage(db, clock);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  read(keys: string[]): Promise<StoreItems> {
    try {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.readOne.get(key);
        if (!row) continue;
        // A fresh object of our own: the eTag goes straight on it (as the last field, where a spread put it).
        const item = JSON.parse(row.data) as Record<string, unknown>;
        item.eTag = String(row.etag);
        items[key] = item;
      }
      return Promise.resolve(items);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  write(changes: StoreItems): Promise<void> {
    try {
      const now = this.clock.now().getTime();
      const restamped = this.writeAll.immediate(changes, now);
      for (const key of restamped) {
        if (this.stamped.size >= MAX_REMEMBERED_STAMPS) this.stamped.clear();
        this.stamped.set(key, now);
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  delete(keys: string[]): Promise<void> {
    for (const key of keys) this.remove.run(key);
    return Promise.resolve();
  }

  /** Exact up to STAMP_PRECISION_MS: an item last written that much before `before` goes; one written after it stays. */
  deleteWrittenBefore(match: KeyMatch, before: Date, limit: number): Promise<number> {
    try {
      checkDeleteLimit(limit);
      // A stamp may lag its last write by up to STAMP_PRECISION_MS: below this, the write itself was before `before`.
      const cutoff = before.getTime() - STAMP_PRECISION_MS;
      const keys = 'prefix' in match
        ? this.writtenBefore.prefix.all({ before: cutoff, limit, text: match.prefix })
        : this.writtenBefore.segment.all({ before: cutoff, limit, text: match.segment });
      let deleted = 0;
      this.db.transaction(() => {
        for (const { key } of keys) deleted += this.removeIfWrittenBefore.run({ key, before: cutoff }).changes;
      }).immediate();
      return Promise.resolve(deleted);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  close(): void {
    this.db.close();
  }

  /** Serialized size of one state entry, for the "under 8 KB per conversation" check. */
  sizeOf(key: string): number {
    const row = this.readOne.get(key);
    return row ? Buffer.byteLength(row.data, 'utf8') : 0;
  }

  /** Writes one item; true when it also restamped the row. */
  private writeItem(key: string, item: unknown, now: number): boolean {
    const { eTag, ...rest } = (item ?? {}) as { eTag?: unknown } & Record<string, unknown>;
    const data = JSON.stringify(rest);
    // eTag "*" or none: last write wins (what ConversationState does); a numeric eTag must still match.
    if (typeof eTag === 'string' && eTag !== '*' && eTag !== '') {
      const matched = this.updateIfEtag.run({ key, data, etag: Number(eTag) }).changes === 1;
      if (!matched) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
    } else {
      this.upsert.run({ key, data, now });
    }
    const stale = now - STAMP_PRECISION_MS;
    if ((this.stamped.get(key) ?? -Infinity) > stale) return false;
    // Inserted rows carry their stamp already; this sets it on older ones (and on rows written by another process).
    this.restamp.run({ key, now, stale });
    return true;
  }
}
