// Notices when TENANTS_FILE changes while the bot runs: fs.watch on its directory (editors and deployment tools
// replace a file by renaming a new one over it, which a watch on the file itself stops seeing), plus a slow poll
// for file systems where fs.watch says nothing (network shares, some containers). Events are debounced, and the
// file is handed on only when its text changed.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

export interface TenantsFileWatcherOptions {
  /** Quiet time after the last event before the file is read (a save is often several events). */
  readonly debounceMs?: number;
  /** How often the file is read anyway. */
  readonly pollMs?: number;
  /** The text the caller already applied (read at start): the same text again is no change. */
  readonly initialText: string;
  /**
   * Called with the new text, one call at a time, in order; the watcher waits for it before the next. When it
   * rejects, the text counts as not applied: the next event or poll hands it over again.
   */
  readonly onChange: (text: string) => Promise<void>;
  /** onChange rejected (e.g. storage down). */
  readonly onFailure: (error: unknown) => void;
  /** The file could not be read (missing while being replaced, permissions): the last good text stays applied. */
  readonly onUnreadable: (code: string) => void;
}

export interface TenantsFileWatcher {
  close(): Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 300;
export const DEFAULT_POLL_MS = 10_000;

export function watchTenantsFile(path: string, options: TenantsFileWatcherOptions): TenantsFileWatcher {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let applied = options.initialText;
  let lastUnreadable: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const check = async (): Promise<void> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = typeof code === 'string' ? code : 'unknown';
      // Said once per outage, not at every poll.
      if (lastUnreadable !== reason) options.onUnreadable(reason);
      lastUnreadable = reason;
      return;
    }
    lastUnreadable = undefined;
    if (closed || text === applied) return;
    const previous = applied;
    applied = text;
    try {
      await options.onChange(text);
    } catch (error) {
      applied = previous;
      options.onFailure(error);
    }
  };
  // Checks run one after another: a change seen during a reconciliation is applied after it, never beside it.
  const schedule = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(check);
    }, debounceMs);
    timer.unref();
  };

  const name = basename(path);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, filename) => {
      if (filename === null || filename === name) schedule();
    });
    // A directory removed or unmounted: the poll still runs.
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
    });
  } catch {
    watcher = undefined;
  }
  const poll = setInterval(schedule, options.pollMs ?? DEFAULT_POLL_MS);
  poll.unref();

  return {
    close: async () => {
      closed = true;
      watcher?.close();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
