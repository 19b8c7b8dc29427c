// A fixed offered load, evenly spread: one turn every 1/rate s, each on the next conversation that is not waiting for
// an answer (a Teams user waits for the answer before the next message), its latency counted from the moment it was
// due (a turn that had to wait for a free conversation counts that wait). autocannon's overallRate is not this: it
// gives each connection its share per second and lets it send that share as soon as each second starts, so all
// connections fire together and 100 turns/s arrive as one burst of 100 turns a second, whose p99 is the time to
// drain the burst (about 100 × the CPU of a turn) rather than a turn's under a load well below saturation.
import { monotonicMicros } from './profile.js';
import { cpuMsOf } from './processes.js';
import type { CycleTurn, Party } from './activities.js';
import type { LoadOptions, LoadResult } from './load.js';

export interface PacedOptions extends LoadOptions {
  /** Turns per second over all conversations. */
  readonly rate: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export async function runPaced(options: PacedOptions): Promise<LoadResult> {
  const { connector, cycle, parties } = options;
  const intervalUs = 1_000_000 / options.rate;
  const cpuBefore = cpuMsOf(options.pid);
  const callsBefore = connector.counts.posts + connector.counts.puts;
  const harnessBefore = process.cpuUsage();
  const positions = parties.map(() => 0);
  const idle: number[] = parties.map((_, i) => i);
  const latenciesMs: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let offPath = 0;
  const sent: Promise<void>[] = [];
  const start = monotonicMicros();
  const end = start + options.durationSeconds * 1_000_000;
  let waiters: (() => void)[] = [];

  const turn = async (index: number, dueUs: number): Promise<void> => {
    const party = parties[index] as Party;
    const step = cycle[(positions[index] ?? 0) % cycle.length] as CycleTurn;
    positions[index] = (positions[index] ?? 0) + 1;
    try {
      const res = await fetch(`${options.base}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(step.build(party, connector)),
      });
      await res.arrayBuffer();
      if (res.status >= 300) non2xx += 1;
      else {
        latenciesMs.push((monotonicMicros() - dueUs) / 1000);
        if (step.expectVerb !== undefined && !connector.record(party.conversationId)?.actions.has(step.expectVerb)) offPath += 1;
      }
    } catch {
      errors += 1;
    } finally {
      idle.push(index);
      const wake = waiters;
      waiters = [];
      for (const w of wake) w();
    }
  };

  for (let n = 0; ; n++) {
    const dueUs = start + n * intervalUs;
    if (dueUs >= end) break;
    const waitMs = (dueUs - monotonicMicros()) / 1000;
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    while (idle.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    const index = idle.shift() as number;
    sent.push(turn(index, dueUs));
  }
  await Promise.all(sent);
  const durationSeconds = (monotonicMicros() - start) / 1_000_000;
  const turns = latenciesMs.length;
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const harness = process.cpuUsage(harnessBefore);
  return {
    turns,
    turnsPerSecond: turns / durationSeconds,
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    mean: turns === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / turns,
    non2xx,
    errors,
    timeouts: 0,
    offPath,
    durationSeconds,
    cpuMsPerTurn: (cpuMsOf(options.pid) - cpuBefore) / turns,
    harnessCpuMsPerTurn: (harness.user + harness.system) / 1000 / turns,
    connectorCallsPerTurn: (connector.counts.posts + connector.counts.puts - callsBefore) / turns,
  };
}
