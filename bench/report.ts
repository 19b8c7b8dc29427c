// The benchmark's tables and verdicts for the load, paced and Azure sections: lines to print, and one verdict per
// target (measured, wanted, met or not).
import type { AzureResult } from './azure.js';
import type { LoadResult } from './load.js';
import { STORAGE_REQUEST_KINDS, totalOf, type StorageRequestKind } from './storageProxy.js';

export interface Verdict {
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly ok: boolean;
}

export interface Report {
  readonly lines: string[];
  readonly verdicts: Verdict[];
}

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const fixed = (n: number, d = 0) => n.toFixed(d);

/** Saturated load: the three bots side by side; the real bot's turns/s against the floor's is the target. */
export function reportLoad(report: Report, load: { echo: LoadResult; floor: LoadResult; real: LoadResult }, minRatioToFloor: number): void {
  const { echo, floor, real } = load;
  const { lines, verdicts } = report;
  const ratio = real.turnsPerSecond / floor.turnsPerSecond;
  lines.push('');
  lines.push(`${pad('bot', 24)}${lpad('turns/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('CPU/turn', 10)}${lpad('÷ floor', 9)}${lpad('÷ echo', 8)}`);
  const row = (name: string, r: LoadResult) => `${pad(name, 24)}${lpad(fixed(r.turnsPerSecond), 9)}${lpad(fixed(r.p50), 9)}${lpad(fixed(r.p99), 9)}`
    + `${lpad(`${fixed(r.cpuMsPerTurn, 2)} ms`, 10)}${lpad(fixed(r.turnsPerSecond / floor.turnsPerSecond, 2), 9)}${lpad(fixed(r.turnsPerSecond / echo.turnsPerSecond, 2), 8)}`;
  lines.push(row('echo bot (reference)', echo));
  lines.push(row('framework floor', floor));
  lines.push(row('Add-on Assistant (buy)', real));
  lines.push(`  (real bot: ${real.turns} turns, ${real.non2xx} non-2xx, ${real.errors} errors, ${real.timeouts} timeouts, ${real.offPath} off the flow's path; `
    + `echo: ${echo.non2xx} non-2xx, ${echo.errors} errors; floor: ${floor.non2xx} non-2xx, ${floor.errors} errors)`);
  const clean = real.non2xx === 0 && real.errors === 0 && real.offPath === 0 && echo.non2xx === 0 && echo.errors === 0
    && floor.non2xx === 0 && floor.errors === 0;
  verdicts.push({ name: 'buy-flow throughput vs floor', measured: `${fixed(ratio * 100)}%`, target: `≥ ${fixed(minRatioToFloor * 100)}%`, ok: ratio >= minRatioToFloor });
  verdicts.push({ name: 'every load turn answered on the flow', measured: clean ? 'yes' : 'no', target: 'yes', ok: clean });
}

/** A fixed offered load well below saturation: the real bot's p99 against the floor's. */
export function reportPaced(report: Report, paced: { floor: LoadResult; real: LoadResult }, rate: number, maxP99Ratio: number): void {
  const { floor, real } = paced;
  const { lines, verdicts } = report;
  const ratio = real.p99 / floor.p99;
  lines.push('');
  lines.push(`at a fixed offered load of ${rate} turns/s:`);
  lines.push(`${pad('bot', 24)}${lpad('turns/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('p99 ÷ floor', 13)}`);
  const row = (name: string, r: LoadResult) => `${pad(name, 24)}${lpad(fixed(r.turnsPerSecond), 9)}${lpad(fixed(r.p50), 9)}${lpad(fixed(r.p99), 9)}`
    + `${lpad(fixed(r.p99 / floor.p99, 2), 13)}`;
  lines.push(row('framework floor', floor));
  lines.push(row('Add-on Assistant (buy)', real));
  // A bot that cannot keep up with the offered load is saturated: its p99 is then a queue's, not a turn's.
  const kept = real.turnsPerSecond >= rate * 0.9 && floor.turnsPerSecond >= rate * 0.9;
  const clean = real.non2xx === 0 && real.errors === 0 && real.offPath === 0 && floor.non2xx === 0 && floor.errors === 0;
  if (!kept) lines.push(`  (the offered ${rate} turns/s were not kept up with: the p99 is a queue's)`);
  verdicts.push({
    name: `p99 at ${rate} turns/s vs floor`, measured: `${fixed(ratio, 2)}×`, target: `≤ ${maxP99Ratio}× (load kept up)`,
    ok: ratio <= maxP99Ratio && kept && clean,
  });
}

const KIND_HEADINGS: Record<StorageRequestKind, string> = { read: 'reads', query: 'queries', write: 'writes', batch: 'batches' };

const one = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Storage requests and time per turn on Azurite behind the delaying proxy. */
export function reportAzure(report: Report, azure: AzureResult, targets: { requestsPerTurn: number; medianMs: number }): void {
  const { lines, verdicts } = report;
  lines.push('');
  lines.push(`Azure Storage (Azurite behind a proxy adding ${azure.delayMs} ms per request), ${azure.conversations} conversations, `
    + `${azure.turns.length} measured turns one at a time (${azure.warmUpRequests} requests in start-up and warm-up):`);
  lines.push(`${pad('turn', 22)}${lpad('requests', 9)}${lpad('range', 8)}${STORAGE_REQUEST_KINDS.map((k) => lpad(KIND_HEADINGS[k], 9)).join('')}${lpad('p50 ms', 8)}`);
  for (const l of azure.byLabel) {
    const range = l.minTotal === l.maxTotal ? String(l.minTotal) : `${l.minTotal}–${l.maxTotal}`;
    lines.push(`${pad(l.label, 22)}${lpad(one(totalOf(l.mean)), 9)}${lpad(range, 8)}${STORAGE_REQUEST_KINDS.map((k) => lpad(one(l.mean[k]), 9)).join('')}`
      + `${lpad(fixed(l.medianMs), 8)}`);
  }
  lines.push(`  average ${one(azure.requestsPerTurn)} requests per turn; turn time median ${fixed(azure.medianMs)} ms, p99 ${fixed(azure.p99Ms)} ms; `
    + `${azure.failedTurns} turns failed or off the flow's path`);
  verdicts.push({
    name: 'Azure: storage requests per turn', measured: one(azure.requestsPerTurn), target: `≤ ${targets.requestsPerTurn}`,
    ok: azure.requestsPerTurn <= targets.requestsPerTurn,
  });
  verdicts.push({ name: 'Azure: median turn', measured: `${fixed(azure.medianMs)} ms`, target: `≤ ${targets.medianMs} ms`, ok: azure.medianMs <= targets.medianMs });
  verdicts.push({ name: 'Azure: every turn answered on the flow', measured: azure.failedTurns === 0 ? 'yes' : 'no', target: 'yes', ok: azure.failedTurns === 0 });
}
