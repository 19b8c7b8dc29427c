// The app's nudge sweep on its timer: every NUDGE_INTERVAL_MINUTES (0: never), never overlapping itself, never inside
// a turn. What one sweep does is src/flows/nudges/nudgeSweep.ts.
import { DEFAULT_NUDGE_SWEEP_BOUNDS, sweepNudges, type NudgeSweepBounds, type NudgeSweepDeps } from '../flows/nudges/nudgeSweep.js';
import { MINUTE_MS, repeatEvery, type Repeating } from './repeat.js';

export function startNudgeSweeps(
  intervalMinutes: number, deps: NudgeSweepDeps, bounds: NudgeSweepBounds = DEFAULT_NUDGE_SWEEP_BOUNDS, firstDelayMs?: number,
): Repeating | undefined {
  if (intervalMinutes <= 0) return undefined;
  return repeatEvery(intervalMinutes * MINUTE_MS, firstDelayMs, async (stopping) => {
    try {
      const report = await sweepNudges(deps, bounds, stopping);
      if (report.sent.length + report.failed > 0 || !report.complete) {
        deps.logger.info({ sent: report.sent.length, failed: report.failed, complete: report.complete }, 'nudge sweep');
      }
    } catch (error) {
      deps.logger.warn({ code: error instanceof Error ? error.name : 'unknown' }, 'nudge sweep failed; the next one tries again');
    }
  });
}
