// The one way the app runs background work on a timer (the cleanup sweep, the nudge sweep): every interval counted from
// the end of the previous run, so two runs never overlap, on an unref'd timer, so a pending run never keeps the
// process alive.

export const MINUTE_MS = 60_000;

export interface Repeating {
  /** Cancels the next run and waits for a running one, which sees `stopping()` turn true. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs`; the first after `firstDelayMs` (by default the interval, at most a minute, so frequent
 * restarts do not keep it from running). `run` handles its own failures: one that escapes ends nothing but that run.
 */
export function repeatEvery(intervalMs: number, firstDelayMs: number | undefined, run: (stopping: () => boolean) => Promise<void>): Repeating {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const plan = (delayMs: number): void => {
    timer = setTimeout(() => {
      running = run(() => stopped).catch(() => undefined).finally(() => {
        running = undefined;
        if (!stopped) plan(intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  plan(firstDelayMs ?? Math.min(intervalMs, MINUTE_MS));
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
