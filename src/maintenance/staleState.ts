// What the sweep needs from a bot state store (SQLite or Azure blobs): remove items not written since some instant,
// chosen by their key. Bot state keys are botbuilder's (`<channel>/conversations/<id>`, or with a tenant segment
// before it) and ours (`addonAssistant/approvals/…`).

/** Items whose key starts with `prefix`, or holds `segment` anywhere. */
export type KeyMatch = { readonly prefix: string } | { readonly segment: string };

export interface StaleStateStore {
  /**
   * Removes at most `limit` items that match and were last written before `before`; answers how many. An item written
   * at or after `before` always stays. A store that records write times coarsely may keep items written up to its
   * precision before `before` until a later sweep (SQLite: an hour; Azure blobs: a second).
   */
  deleteWrittenBefore(match: KeyMatch, before: Date, limit: number): Promise<number>;
}

export function keyMatches(match: KeyMatch, key: string): boolean {
  return 'prefix' in match ? key.startsWith(match.prefix) : key.includes(match.segment);
}

/** A limit of deletions must be a whole number from 1 (SQLite reads a negative LIMIT as none at all). */
export function checkDeleteLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A deletion limit must be a whole number from 1, got ${limit}`);
}
