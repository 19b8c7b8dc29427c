// Opening a brand-new SQLite file from several processes at once: switching it to WAL needs a lock that SQLite may
// refuse at once (SQLITE_BUSY) instead of waiting on the busy handler, so opening steps are retried here until the
// same bound the busy handler has.

const RETRY_PAUSE_MS = 10;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

/** Runs `step` again while SQLite answers busy, for at most `timeoutMs`; any other error, or busy past it, is thrown. */
export function retryWhileBusy<T>(step: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return step();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      // Synchronous like the rest of opening (better-sqlite3 is synchronous); only ever waits at start-up.
      Atomics.wait(pause, 0, 0, RETRY_PAUSE_MS);
    }
  }
}
