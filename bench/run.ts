// `npm run bench`: the numbers of SPEC section 6, measured side by side in one invocation on this machine.
//
//  1. Load. A loopback fake Bot Connector (this process) receives every reply. A bare botbuilder echo bot
//     (bench/echoBot.ts), the framework floor (bench/floorBot.ts: bot state on SQLite, a dialog set and a waterfall
//     posting a fixed card, none of the bot's own work) and the real bot (`node dist/src/index.js`, local mode, SQLite
//     under a temp DATA_DIR, its default log level) each run alone in their own child process on a free port.
//     autocannon (this process) loads each with 50 connections, each owning one conversation, for a warm-up then a
//     measured run; the real bot's connections walk the buy flow (see BUY_CYCLE in ./activities.ts), the echo bot's
//     and the floor bot's send the same messages. The targets compare the real bot with the echo bot; the floor
//     tells how much of the gap the framework itself takes.
//  2. Bot state size at checkout, read from the real bot's state.db.
//  3. Exactly-once: 50 conversations at checkout, each clicking Place order twice at once plus a redelivery; and 50
//     Approve clicks at once, by two admins, on one purchase request.
//  4. Cold start to the first answered message, median of 5 starts of each bot.
//  5. Listing orders (BillingService.listOrders pages) with 100 against 100,000 orders in one tenant.
//
// Prints a table and the targets; exits 1 when a target is missed. Options: --duration s (10), --warmup s (5: the
// real bot's code is still being optimized by V8 after 2 s), --connections n (50), --rounds n (2: the loads
// alternate, echo-floor-real then real-floor-echo, medians kept), --cold-runs n
// (5), --cpu-prof dir (profile each bot under load), --skip list (any of load,state,once,cold,listing).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUY_CYCLE, ECHO_CYCLE, says, type CycleTurn, type Party } from './activities.js';
import {
  measureApprovalRace, measureColdStart, measureExactlyOnce, measureListing, measureStateSize, median, type ApprovalRace, type ColdStart, type ExactlyOnce, type ListingCost,
  type StateSize,
} from './checks.js';
import { resetConversations, runLoad, settle, type LoadResult } from './load.js';
import { LoopbackConnector } from './loopbackConnector.js';
import { ECHO_BOT_ENTRY, FLOOR_BOT_ENTRY, REAL_BOT_ENTRY, startBot, type BotProcess } from './processes.js';

const TARGETS = {
  throughputRatio: 0.7,
  p99Ratio: 1.5,
  stateBytes: 8 * 1024,
  coldStartMs: 1200,
  listingRatio: 2,
} as const;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    'cold-runs': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
    skip: { type: 'string', default: '' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
const coldRuns = Number(args['cold-runs']);
const skip = new Set(args.skip.split(',').filter(Boolean));

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const fixed = (n: number, d = 0) => n.toFixed(d);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function parties(serviceUrl: string, tenantId: string, prefix: string, count: number): Party[] {
  return Array.from({ length: count }, (_, i) => ({
    serviceUrl, tenantId, conversationId: `a:${prefix}-${i}`,
    // An Entra-object-id-like id per user: local mode makes each a global admin of the demo tenant.
    userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
}

async function loadBot(bot: BotProcess, connector: LoopbackConnector, group: Party[], cycle: readonly CycleTurn[]): Promise<LoadResult> {
  const cancel = (p: Party) => says(p, 'cancel');
  const failedPrime = await resetConversations(bot.base, connector, group, cancel);
  if (failedPrime > 0) throw new Error(`${bot.name}: ${failedPrime} priming turns failed`);
  if (warmup > 0) {
    await runLoad({ base: bot.base, connector, parties: group, cycle, durationSeconds: warmup, pid: bot.child.pid });
    await resetConversations(bot.base, connector, group, cancel);
  }
  const result = await runLoad({ base: bot.base, connector, parties: group, cycle, durationSeconds: duration, pid: bot.child.pid });
  log(`  ${fixed(result.turnsPerSecond)} turns/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${fixed(result.cpuMsPerTurn, 3)} ms bot CPU per turn, ${fixed(result.harnessCpuMsPerTurn, 3)} ms harness CPU per turn, ` +
    `${fixed(result.connectorCallsPerTurn, 2)} connector calls per turn`);
  await settle(connector);
  return result;
}

interface LoadSummary {
  readonly echo: LoadResult[];
  readonly floor: LoadResult[];
  readonly real: LoadResult[];
}

type LoadedBot = keyof LoadSummary;

async function measureLoad(realBot: BotProcess, connector: LoopbackConnector, serviceUrl: string, dataDir: string, nodeArgs: readonly string[]): Promise<LoadSummary> {
  const summary: LoadSummary = { echo: [], floor: [], real: [] };
  const echoBot = await startBot({ name: 'echo bot', entry: ECHO_BOT_ENTRY, nodeArgs });
  const floorBot = await startBot({ name: 'floor bot', entry: FLOOR_BOT_ENTRY, env: { DATA_DIR: dataDir }, nodeArgs }).catch(async (error: unknown) => {
    await echoBot.stop();
    throw error;
  });
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order (echo first, then real first) so that drift in the machine falls on all three alike.
      const order: LoadedBot[] = round % 2 === 0 ? ['echo', 'floor', 'real'] : ['real', 'floor', 'echo'];
      for (const which of order) {
        log(`load: ${which} bot, round ${round + 1}…`);
        const result = which === 'real'
          ? await loadBot(realBot, connector, parties(serviceUrl, 'bench-load', 'bench-load', connections), BUY_CYCLE)
          : await loadBot(which === 'echo' ? echoBot : floorBot, connector, parties(serviceUrl, `bench-${which}`, `bench-${which}`, connections), ECHO_CYCLE);
        summary[which].push(result);
        connector.reset();
      }
    }
  } finally {
    await echoBot.stop();
    await floorBot.stop();
  }
  return summary;
}

function pick(results: readonly LoadResult[]): LoadResult {
  if (results.length === 1 && results[0]) return results[0];
  const first = results[0];
  if (!first) throw new Error('no load results');
  const m = (f: (r: LoadResult) => number) => median(results.map(f));
  return {
    ...first,
    turns: m((r) => r.turns), cpuMsPerTurn: m((r) => r.cpuMsPerTurn), turnsPerSecond: m((r) => r.turnsPerSecond), p50: m((r) => r.p50), p99: m((r) => r.p99), mean: m((r) => r.mean),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0), errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0), offPath: results.reduce((n, r) => n + r.offPath, 0),
  };
}

interface Verdict {
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly ok: boolean;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const connector = new LoopbackConnector();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'addon-bench-'));
  const logFile = path.join(dataDir, 'bot.log');
  const verdicts: Verdict[] = [];
  const lines: string[] = [];
  let load: { echo: LoadResult; floor: LoadResult; real: LoadResult } | undefined;
  let state: StateSize | undefined;
  let once: ExactlyOnce | undefined;
  let approvalRace: ApprovalRace | undefined;
  const cold: { echo?: ColdStart; real?: ColdStart } = {};
  let listing: ListingCost | undefined;
  try {
    if (!skip.has('load') || !skip.has('state') || !skip.has('once')) {
      const profileDir = args['cpu-prof'] ? path.resolve(args['cpu-prof']) : undefined;
      if (profileDir) mkdirSync(profileDir, { recursive: true });
      const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      const bot = await startBot({ name: 'real bot', entry: REAL_BOT_ENTRY, env: { DATA_DIR: dataDir, LOG_LEVEL: 'info' }, logFile, nodeArgs });
      try {
        if (!skip.has('load')) {
          const measured = await measureLoad(bot, connector, serviceUrl, dataDir, nodeArgs);
          load = { echo: pick(measured.echo), floor: pick(measured.floor), real: pick(measured.real) };
        }
        if (!skip.has('state')) {
          log('state size…');
          state = await measureStateSize(bot.base, dataDir, connector, parties(serviceUrl, 'bench-state', 'bench-state', 1)[0] as Party);
        }
        if (!skip.has('once')) {
          log('exactly-once…');
          once = await measureExactlyOnce(bot.base, dataDir, connector, parties(serviceUrl, 'bench-once', 'bench-once', 50));
          approvalRace = await measureApprovalRace(bot.base, dataDir, connector, serviceUrl, 50);
        }
      } finally {
        await bot.stop();
      }
    }
    if (!skip.has('cold')) {
      log('cold start…');
      cold.echo = await measureColdStart({ name: 'echo bot', entry: ECHO_BOT_ENTRY, runs: coldRuns, connector, serviceUrl, realBot: false });
      cold.real = await measureColdStart({ name: 'real bot', entry: REAL_BOT_ENTRY, runs: coldRuns, connector, serviceUrl, realBot: true });
    }
    if (!skip.has('listing')) {
      log('listing orders (seeding 100,000)…');
      listing = await measureListing({ small: 100, large: 100_000, walks: 200 });
    }
  } finally {
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  lines.push('');
  lines.push(`Add-on Assistant benchmark — node ${process.version}, ${connections} connections, ${warmup} s warm-up + ${duration} s, ` +
    `${rounds} round(s), replies posted to a loopback connector`);
  lines.push(`machine load average (1 min) ${fixed(loadBefore, 2)} at start, ${fixed(loadavg()[0] ?? 0, 2)} at end, on ${String(availableParallelism())} cores`);
  if (load) {
    const { echo, floor, real } = load;
    const throughputRatio = real.turnsPerSecond / echo.turnsPerSecond;
    const p99Ratio = real.p99 / echo.p99;
    lines.push('');
    lines.push(`${pad('bot', 24)}${lpad('turns/s', 9)}${lpad('p50 ms', 9)}${lpad('p99 ms', 9)}${lpad('turns/s ÷ echo', 16)}${lpad('p99 ÷ echo', 12)}`);
    const row = (name: string, r: LoadResult, t: number, p: number) =>
      `${pad(name, 24)}${lpad(fixed(r.turnsPerSecond), 9)}${lpad(fixed(r.p50), 9)}${lpad(fixed(r.p99), 9)}${lpad(fixed(t, 2), 16)}${lpad(fixed(p, 2), 12)}`;
    lines.push(row('echo bot', echo, 1, 1));
    lines.push(row('framework floor', floor, floor.turnsPerSecond / echo.turnsPerSecond, floor.p99 / echo.p99));
    lines.push(row('Add-on Assistant (buy)', real, throughputRatio, p99Ratio));
    lines.push(`  CPU per turn: echo ${fixed(echo.cpuMsPerTurn, 3)} ms, framework floor ${fixed(floor.cpuMsPerTurn, 3)} ms, real bot ${fixed(real.cpuMsPerTurn, 3)} ms`);
    lines.push(`  framework floor (not a target): bot state on SQLite, a dialog set, a waterfall and a fixed card, nothing of the bot's own; `
      + `the real bot does ${fixed((real.turnsPerSecond / floor.turnsPerSecond) * 100)}% of its turns/s`);
    lines.push(`  (real bot: ${real.turns} turns, ${real.non2xx} non-2xx, ${real.errors} errors, ${real.timeouts} timeouts, ${real.offPath} off the flow's path; ` +
      `echo: ${echo.non2xx} non-2xx, ${echo.errors} errors; floor: ${floor.non2xx} non-2xx, ${floor.errors} errors)`);
    const clean = real.non2xx === 0 && real.errors === 0 && real.offPath === 0 && echo.non2xx === 0 && echo.errors === 0
      && floor.non2xx === 0 && floor.errors === 0;
    verdicts.push({ name: 'buy-flow throughput vs echo', measured: `${fixed(throughputRatio * 100)}%`, target: `≥ ${TARGETS.throughputRatio * 100}%`, ok: throughputRatio >= TARGETS.throughputRatio });
    verdicts.push({ name: 'buy-flow p99 vs echo p99', measured: `${fixed(p99Ratio, 2)}×`, target: `≤ ${TARGETS.p99Ratio}×`, ok: p99Ratio <= TARGETS.p99Ratio });
    verdicts.push({ name: 'every load turn answered on the flow', measured: clean ? 'yes' : 'no', target: 'yes', ok: clean });
  }
  if (state) {
    lines.push('');
    lines.push(`bot state (conversation row in state.db): ${state.byTurn.map((t) => `${t.label}: ${t.bytes} B`).join(', ')}; user row ${state.userBytes} B`);
    verdicts.push({ name: 'state in the middle of a buy flow', measured: `${state.maxBytes} B`, target: `< ${TARGETS.stateBytes} B`, ok: state.maxBytes < TARGETS.stateBytes });
  }
  if (once) {
    lines.push(`exactly-once: ${once.conversations} conversations at checkout, ${once.submits} concurrent Place order POSTs ` +
      `(2 clicks + 1 redelivery each, ${once.failedSubmits} failed): ${once.orders} orders for ${once.distinctQuotes} distinct quotes, ` +
      `${once.duplicates} duplicates, ${once.missing} quotes without an order`);
    const ok = once.duplicates === 0 && once.missing === 0 && once.orders === once.conversations && once.failedSubmits === 0;
    verdicts.push({ name: 'duplicate orders (50 double submits)', measured: String(once.duplicates), target: '0 (and one order per quote)', ok });
  }
  if (approvalRace) {
    const r = approvalRace;
    lines.push(`exactly-once approvals: ${r.approvals} concurrent Approve clicks on one purchase request by two admins (${r.failedApprovals} failed): `
      + `${r.orders} order(s), request ${r.status}`);
    verdicts.push({ name: 'orders for one request (50 approvals)', measured: String(r.orders), target: '1', ok: r.orders === 1 && r.status === 'approved' && r.failedApprovals === 0 });
  }
  if (cold.real) {
    const show = (c: ColdStart) => `median ${fixed(c.medianMs)} ms (${c.runsMs.map((ms) => fixed(ms)).join(', ')}; ${fixed(c.medianCpuMs)} ms CPU)`;
    lines.push(`cold start to first answered message: real bot ${show(cold.real)}${cold.echo ? `; echo bot ${show(cold.echo)}` : ''}`);
    verdicts.push({ name: 'cold start to first answer', measured: `${fixed(cold.real.medianMs)} ms`, target: `≤ ${TARGETS.coldStartMs} ms`, ok: cold.real.medianMs <= TARGETS.coldStartMs });
  }
  if (listing) {
    lines.push(`listing orders (BillingService.listOrders, 10 per page, first 10 pages): 100 orders ${fixed(listing.smallUs)} µs/page, ` +
      `100,000 orders ${fixed(listing.largeUs)} µs/page; a page after the 50,000th order ${fixed(listing.deepUs)} µs`);
    const worst = Math.max(listing.ratio, listing.deepRatio);
    verdicts.push({ name: 'listing 100,000 vs 100 orders', measured: `${fixed(worst, 2)}×`, target: `≤ ${TARGETS.listingRatio}×`, ok: worst <= TARGETS.listingRatio });
  }
  lines.push('');
  lines.push(`${pad('target', 40)}${pad('measured', 14)}${pad('wanted', 28)}result`);
  for (const v of verdicts) lines.push(`${pad(v.name, 40)}${pad(v.measured, 14)}${pad(v.target, 28)}${v.ok ? 'ok' : 'MISSED'}`);
  const missed = verdicts.filter((v) => !v.ok);
  lines.push('');
  lines.push(missed.length === 0 ? 'All targets met.' : `${missed.length} target(s) missed: ${missed.map((v) => v.name).join('; ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
