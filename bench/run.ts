// `npm run bench`: the numbers of SPEC section 6, measured side by side in one invocation on this machine.
//
//  1. Load. A loopback fake Bot Connector (this process) receives every reply. A bare botbuilder echo bot
//     (bench/echoBot.ts), the framework floor (bench/floorBot.ts: bot state on SQLite, a dialog set and a waterfall
//     posting a fixed card, none of the bot's own work) and the real bot (`node dist/src/index.js`, local mode, SQLite
//     under a temp DATA_DIR, its default log level) each run alone in their own child process on a free port.
//     autocannon (this process) loads each with 50 connections, each owning one conversation, for a warm-up then a
//     measured run; the real bot's connections walk the buy flow (see BUY_CYCLE in ./activities.ts), the echo bot's
//     and the floor bot's send the same messages. The targets compare the real bot with the floor (what any bot on
//     botbuilder pays before its own work); the echo bot is shown for reference.
//  2. Paced: the floor and the real bot at a fixed offered load well below saturation (--rate, 100 turns/s, one turn
//     every 10 ms on the next idle conversation: ./paced.ts; over the
//     same 50 connections), right after their load run: p99 against the floor's.
//  3. Azure: the real bot on Azurite behind a delaying, counting proxy (./azure.ts): storage requests and time per turn.
//  4. Bot state size at checkout, read from the real bot's state.db.
//  5. Exactly-once: 50 conversations at checkout, each clicking Place order twice at once plus a redelivery; and 50
//     Approve clicks at once, by two admins, on one purchase request.
//  6. Cold start to the first answered message, median of 5 starts of each bot: the real bot against the echo bot.
//  7. Listing orders (BillingService.listOrders pages) with 100 against 100,000 orders in one tenant.
//
// Prints a table and the targets; exits 1 when a target is missed. Options: --duration s (10), --warmup s (5: the
// real bot's code is still being optimized by V8 after 2 s), --connections n (50), --rounds n (3: the loads
// alternate, echo-floor-real then real-floor-echo, medians kept), --rate n (100 turns/s for the paced runs),
// --azure-delay-ms n (5), --azure-conversations n (5), --azure-cycles n (2 measured cycles per conversation),
// --cold-runs n (5), --cpu-prof dir (profile each bot under load), --skip list (any of
// load,paced,azure,state,once,cold,listing).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUY_CYCLE, ECHO_CYCLE, says, type CycleTurn, type Party } from './activities.js';
import {
  measureApprovalRace, measureColdStart, measureExactlyOnce, measureListing, measureStateSize, median, type ApprovalRace, type ColdStart, type ExactlyOnce, type ListingCost,
  type StateSize,
} from './checks.js';
import { measureAzure, type AzureResult } from './azure.js';
import { monotonicMicros, type MeasuredWindows } from './profile.js';
import { reportAzure, reportLoad, reportPaced, type Report, type Verdict } from './report.js';
import { resetConversations, runLoad, settle, type LoadOptions, type LoadResult } from './load.js';
import { runPaced } from './paced.js';
import { LoopbackConnector } from './loopbackConnector.js';
import { ECHO_BOT_ENTRY, FLOOR_BOT_ENTRY, REAL_BOT_ENTRY, startBot, type BotProcess } from './processes.js';

const TARGETS = {
  /** The real bot's turns/s ÷ the framework floor's, at saturation. */
  throughputRatio: 0.5,
  /** The real bot's p99 ÷ the floor's at the same fixed offered load. */
  pacedP99Ratio: 2,
  stateBytes: 8 * 1024,
  /** The real bot's cold start ÷ the echo bot's. */
  coldStartRatio: 1.8,
  listingRatio: 2,
  azureRequestsPerTurn: 6,
  azureMedianMs: 80,
} as const;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    rate: { type: 'string', default: '100' },
    'azure-delay-ms': { type: 'string', default: '5' },
    'azure-conversations': { type: 'string', default: '5' },
    'azure-cycles': { type: 'string', default: '2' },
    'cold-runs': { type: 'string', default: '5' },
    'cpu-prof': { type: 'string' },
    skip: { type: 'string', default: '' },
  },
});
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
const rate = Number(args.rate);
const azureDelayMs = Number(args['azure-delay-ms']);
const azureConversations = Number(args['azure-conversations']);
const azureCycles = Number(args['azure-cycles']);
const coldRuns = Number(args['cold-runs']);
const SECTIONS = ['load', 'paced', 'azure', 'state', 'once', 'cold', 'listing'];
const skip = new Set(args.skip.split(',').filter(Boolean));
const unknownSections = [...skip].filter((name) => !SECTIONS.includes(name));
if (unknownSections.length > 0) {
  process.stderr.write(`--skip: no section ${unknownSections.join(', ')} (the sections: ${SECTIONS.join(', ')})\n`);
  process.exit(2);
}

const pad = (s: string, n: number) => s.padEnd(n);
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

/**
 * The measured load runs of each bot process, by process id: when they ran (µs on the monotonic clock that V8's
 * profiles also use) and the turns answered, written next to --cpu-prof profiles as turns.json for bench/profile.ts.
 */
type Tally = Map<number, MeasuredWindows>;

async function prime(bot: BotProcess, connector: LoopbackConnector, group: Party[]): Promise<void> {
  const failed = await resetConversations(bot.base, connector, group, (p: Party) => says(p, 'cancel'));
  if (failed > 0) throw new Error(`${bot.name}: ${failed} priming turns failed`);
}

/** A measured run (a warm-up is not: `tally` undefined). */
async function run(bot: BotProcess, tally: Tally | undefined, options: Omit<LoadOptions, 'base' | 'pid'> & { readonly rate?: number }): Promise<LoadResult> {
  const from = monotonicMicros();
  const { rate: pacedRate } = options;
  const result = pacedRate === undefined
    ? await runLoad({ ...options, base: bot.base, pid: bot.child.pid })
    : await runPaced({ ...options, rate: pacedRate, base: bot.base, pid: bot.child.pid });
  const pid = bot.child.pid;
  if (tally && pid !== undefined) {
    const known = tally.get(pid) ?? { turns: 0, windows: [] };
    tally.set(pid, { turns: known.turns + result.turns, windows: [...known.windows, [from, monotonicMicros()]] });
  }
  return result;
}

async function loadBot(bot: BotProcess, connector: LoopbackConnector, group: Party[], cycle: readonly CycleTurn[], tally: Tally): Promise<LoadResult> {
  await prime(bot, connector, group);
  if (warmup > 0) {
    await run(bot, undefined, { connector, parties: group, cycle, durationSeconds: warmup });
    await prime(bot, connector, group);
  }
  const result = await run(bot, tally, { connector, parties: group, cycle, durationSeconds: duration });
  log(`  ${fixed(result.turnsPerSecond)} turns/s, p50 ${result.p50} ms, p99 ${result.p99} ms, `
    + `${fixed(result.cpuMsPerTurn, 3)} ms bot CPU per turn, ${fixed(result.harnessCpuMsPerTurn, 3)} ms harness CPU per turn, `
    + `${fixed(result.connectorCallsPerTurn, 2)} connector calls per turn`);
  await settle(connector);
  return result;
}

interface LoadSummary {
  readonly echo: LoadResult[];
  readonly floor: LoadResult[];
  readonly real: LoadResult[];
  /** The same bots at a fixed offered load (`rate`). */
  readonly pacedFloor: LoadResult[];
  readonly pacedReal: LoadResult[];
}

type LoadedBot = 'echo' | 'floor' | 'real';

async function measureLoad(realBot: BotProcess, connector: LoopbackConnector, serviceUrl: string, dataDir: string, nodeArgs: readonly string[], tally: Tally): Promise<LoadSummary> {
  const summary: LoadSummary = { echo: [], floor: [], real: [], pacedFloor: [], pacedReal: [] };
  const saturated = !skip.has('load');
  const paced = !skip.has('paced');
  const echoBot = saturated ? await startBot({ name: 'echo bot', entry: ECHO_BOT_ENTRY, nodeArgs }) : undefined;
  const floorBot = await startBot({ name: 'floor bot', entry: FLOOR_BOT_ENTRY, env: { DATA_DIR: dataDir }, nodeArgs }).catch(async (error: unknown) => {
    await echoBot?.stop();
    throw error;
  });
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order (echo first, then real first) so that drift in the machine falls on all three alike.
      const order: LoadedBot[] = round % 2 === 0 ? ['echo', 'floor', 'real'] : ['real', 'floor', 'echo'];
      for (const which of order) {
        const bot = which === 'real' ? realBot : which === 'floor' ? floorBot : echoBot;
        if (!bot) continue;
        const cycle = which === 'real' ? BUY_CYCLE : ECHO_CYCLE;
        const group = parties(serviceUrl, `bench-${which}`, `bench-${which}`, connections);
        if (saturated) {
          log(`load: ${which} bot, round ${round + 1}…`);
          summary[which].push(await loadBot(bot, connector, group, cycle, tally));
          connector.reset();
        }
        if (paced && which !== 'echo') {
          // Right after its load run the bot is warm: the paced run needs no warm-up of its own then.
          log(`paced: ${which} bot at ${rate} turns/s, round ${round + 1}…`);
          const pacedGroup = parties(serviceUrl, `bench-${which}`, `bench-${which}-paced`, connections);
          summary[which === 'real' ? 'pacedReal' : 'pacedFloor'].push(await pacedRun(bot, connector, pacedGroup, cycle, saturated ? 0 : warmup, tally));
          connector.reset();
        }
      }
    }
  } finally {
    await echoBot?.stop();
    await floorBot.stop();
  }
  return summary;
}

async function pacedRun(bot: BotProcess, connector: LoopbackConnector, group: Party[], cycle: readonly CycleTurn[], warmupSeconds: number, tally: Tally): Promise<LoadResult> {
  await prime(bot, connector, group);
  if (warmupSeconds > 0) {
    await run(bot, undefined, { connector, parties: group, cycle, durationSeconds: warmupSeconds });
    await prime(bot, connector, group);
  }
  const result = await run(bot, tally, { connector, parties: group, cycle, durationSeconds: duration, rate });
  log(`  ${fixed(result.turnsPerSecond)} turns/s offered ${rate}, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  await settle(connector);
  return result;
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


async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const connector = new LoopbackConnector();
  const serviceUrl = await connector.start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'addon-bench-'));
  const logFile = path.join(dataDir, 'bot.log');
  const verdicts: Verdict[] = [];
  const lines: string[] = [];
  let load: { echo: LoadResult; floor: LoadResult; real: LoadResult } | undefined;
  let paced: { floor: LoadResult; real: LoadResult } | undefined;
  let azure: AzureResult | undefined;
  let state: StateSize | undefined;
  let once: ExactlyOnce | undefined;
  let approvalRace: ApprovalRace | undefined;
  const cold: { echo?: ColdStart; real?: ColdStart } = {};
  let listing: ListingCost | undefined;
  try {
    const profileDir = args['cpu-prof'] ? path.resolve(args['cpu-prof']) : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    const tally: Tally = new Map();
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // Cold starts are profiled only when nothing else is (a profiler slows a start): --skip all but cold.
    const coldNodeArgs = profileDir && SECTIONS.every((name) => name === 'cold' || skip.has(name)) ? nodeArgs : [];
    if (!skip.has('load') || !skip.has('paced') || !skip.has('state') || !skip.has('once')) {
      const bot = await startBot({ name: 'real bot', entry: REAL_BOT_ENTRY, env: { DATA_DIR: dataDir, LOG_LEVEL: 'info' }, logFile, nodeArgs });
      try {
        if (!skip.has('load') || !skip.has('paced')) {
          const measured = await measureLoad(bot, connector, serviceUrl, dataDir, nodeArgs, tally);
          if (!skip.has('load')) load = { echo: pick(measured.echo), floor: pick(measured.floor), real: pick(measured.real) };
          if (!skip.has('paced')) paced = { floor: pick(measured.pacedFloor), real: pick(measured.pacedReal) };
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
                if (profileDir) writeFileSync(path.join(profileDir, 'turns.json'), `${JSON.stringify(Object.fromEntries(tally), null, 2)}\n`);
      }
    }
    if (!skip.has('azure')) {
      log(`Azure: Azurite behind a proxy adding ${azureDelayMs} ms per request…`);
      azure = await measureAzure({
        connector, serviceUrl, delayMs: azureDelayMs, conversations: azureConversations, cycles: azureCycles,
        logFile: path.join(dataDir, 'bot-azure.log'),
      });
      connector.reset();
    }
    if (!skip.has('cold')) {
      log('cold start…');
      cold.echo = await measureColdStart({ name: 'echo bot', entry: ECHO_BOT_ENTRY, runs: coldRuns, connector, serviceUrl, realBot: false, nodeArgs: coldNodeArgs });
      cold.real = await measureColdStart({ name: 'real bot', entry: REAL_BOT_ENTRY, runs: coldRuns, connector, serviceUrl, realBot: true, nodeArgs: coldNodeArgs });
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
  const report: Report = { lines, verdicts };
  if (load) reportLoad(report, load, TARGETS.throughputRatio);
  if (paced) reportPaced(report, paced, rate, TARGETS.pacedP99Ratio);
  if (azure) reportAzure(report, azure, { requestsPerTurn: TARGETS.azureRequestsPerTurn, medianMs: TARGETS.azureMedianMs });
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
    if (cold.echo) {
      const ratio = cold.real.medianMs / cold.echo.medianMs;
      verdicts.push({ name: 'cold start vs echo bot', measured: `${fixed(ratio, 2)}×`, target: `≤ ${TARGETS.coldStartRatio}×`, ok: ratio <= TARGETS.coldStartRatio });
    }
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
