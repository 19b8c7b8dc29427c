// Where a bot's CPU time went, by component, from a V8 CPU profile (`npm run bench -- --cpu-prof dir` writes one per
// bot process): `node dist/bench/profile.js <file.cpuprofile> [--turns N] [--top N]`. Each sample's time is the self
// time of the function it landed in; each function belongs to a component by its script's URL (the package it comes
// from under node_modules, or the folder under src/); V8's builtins (JSON, socket writes) and Node's own modules
// count for the component of the nearest caller that has one (JSON.parse under the SQLite state store is the
// store's, a socket write under restify the framework's). The bench writes
// turns.json next to the profiles: for each bot process, when its measured load runs ran and how many turns they
// answered; only the samples inside those runs count then (not start-up, warm-up or the other sections), and the
// milliseconds per turn of each component are printed. --turns N: count the whole profile, over N turns.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const COMPONENTS = [
  'recognition', 'card expansion', 'dialogs', 'store', 'validation', 'state/JSON', 'logging', 'framework', 'bot (other)', 'GC', 'other',
] as const;
export type Component = (typeof COMPONENTS)[number];

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber?: number;
}

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds between consecutive samples (the first: since startTime). */
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** botbuilder's state management and change hashing: what loading, hashing and saving bot state costs. */
const STATE_FILES = /\/(botbuilder-core\/lib\/(botState|conversationState|userState|botStatePropertyAccessor|storage|turnContextStateCollection)|botbuilder-stdlib\/lib\/stringify)\.js$/;

const PACKAGES: ReadonlyArray<readonly [RegExp, Component]> = [
  [/^@microsoft\/recognizers-text/, 'recognition'],
  [/^(adaptivecards-templating|adaptive-expressions|adaptivecards|antlr4ts|lru-cache|jspath|@xmldom)/, 'card expansion'],
  [/^(botbuilder-dialogs|botbuilder-dialogs-adaptive)/, 'dialogs'],
  [/^(better-sqlite3|@azure\/data-tables|@azure\/storage-blob|botbuilder-azure-blobs|dinero)/, 'store'],
  [/^zod$/, 'validation'],
  [/^(pino|pino-std-serializers|sonic-boom|fast-redact|thread-stream|quick-format-unescaped|atomic-sleep|on-exit-leak-free|safe-stable-stringify)/, 'logging'],
];

const SOURCES: ReadonlyArray<readonly [RegExp, Component]> = [
  [/\/src\/nlu\//, 'recognition'],
  [/\/src\/cards\//, 'card expansion'],
  [/\/src\/(flows|conversation)\//, 'dialogs'],
  [/\/src\/store\//, 'store'],
  [/\/src\/logging\.js$/, 'logging'],
  [/\/src\/bot\/tenantScopedState\.js$/, 'state/JSON'],
];

/** The package a script belongs to: the path after its last node_modules folder (scoped: two segments). */
export function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first = '', second = ''] = url.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Socket writes (the system calls under every HTTP request and response): the network's, the framework's whoever
 * called them, so that the bot's and the floor's compare.
 */
const SOCKET_WRITES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeAsciiString', 'writeUcs2String', 'writeBuffer']);

/** Functions of V8 itself (not code it runs): never attributed to a caller. */
const V8_ENTRIES = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

/**
 * The component of a function by its own script; undefined for V8's builtins (no URL) and Node's own modules
 * (node:…), which count for their caller's (see attribute).
 */
export function ownComponent(frame: CallFrame): Component | undefined {
  const { url } = frame;
  if (url === '' || url.startsWith('node:')) return undefined;
  const pkg = packageOf(url);
  if (pkg !== undefined) {
    if (STATE_FILES.test(url)) return 'state/JSON';
    // zod's v3 API is botframework-schema's (the framework checks activities with it); the bot's schemas are v4.
    if (pkg === 'zod' && url.includes('/zod/v3/')) return 'framework';
    for (const [pattern, component] of PACKAGES) if (pattern.test(pkg)) return component;
    return 'framework';
  }
  for (const [pattern, component] of SOURCES) if (pattern.test(url)) return component;
  if (/\/src\//.test(url)) return 'bot (other)';
  return 'other';
}

/** A function with no caller that has a component: Node's modules are the framework's, the rest V8's. */
function orphanComponent(frame: CallFrame): Component | undefined {
  if (frame.functionName === '(idle)') return undefined;
  if (frame.functionName === '(garbage collector)') return 'GC';
  return frame.url.startsWith('node:') ? 'framework' : 'other';
}

/** The component one function's self time counts for given its callers (outermost last); undefined: idle. */
export function componentOf(frame: CallFrame, callers: readonly CallFrame[] = []): Component | undefined {
  if (V8_ENTRIES.has(frame.functionName)) return orphanComponent(frame);
  if (frame.url === '' && SOCKET_WRITES.has(frame.functionName)) return 'framework';
  const own = ownComponent(frame);
  if (own !== undefined) return own;
  for (const caller of callers) {
    if (V8_ENTRIES.has(caller.functionName)) break;
    const inherited = ownComponent(caller);
    if (inherited !== undefined) return inherited;
  }
  return orphanComponent(frame);
}

export interface MeasuredWindows {
  readonly turns: number;
  readonly windows: ReadonlyArray<readonly [number, number]>;
}

/** Now, in µs of the monotonic clock that V8 stamps its profile samples with (CLOCK_MONOTONIC, as process.hrtime). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface FunctionTime {
  readonly name: string;
  readonly where: string;
  readonly component: Component;
  readonly ms: number;
}

export interface Attribution {
  /** Self time in ms per component (idle excluded). */
  readonly byComponent: Readonly<Record<Component, number>>;
  readonly busyMs: number;
  readonly idleMs: number;
  readonly wallMs: number;
  /** The functions with the most self time, most first. */
  readonly top: readonly FunctionTime[];
}

/**
 * Attributes every sample's time (the delta to the next sample) to its function's component; with `windows`, only
 * the samples taken inside one of them.
 */
export function attribute(profile: CpuProfile, topCount = 15, windows?: ReadonlyArray<readonly [number, number]>): Attribution {
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const callersOf = (id: number): CallFrame[] => {
    const callers: CallFrame[] = [];
    for (let at = parents.get(id); at !== undefined; at = parents.get(at)) {
      const caller = nodes.get(at);
      if (caller) callers.push(caller.callFrame);
    }
    return callers;
  };
  const selfUs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  const inside = (at: number) => !windows || windows.some(([from, to]) => at >= from && at <= to);
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += timeDeltas[i] ?? 0;
    const id = samples[i];
    if (id === undefined || !inside(at)) continue;
    // A sample stands for the time until the next one; the last, for the mean interval.
    const next = timeDeltas[i + 1] ?? (profile.endTime - profile.startTime) / Math.max(1, samples.length);
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, next));
  }
  const byComponent = Object.fromEntries(COMPONENTS.map((c) => [c, 0])) as Record<Component, number>;
  const byFunction = new Map<string, FunctionTime>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    if (!node) continue;
    const component = componentOf(node.callFrame, callersOf(id));
    if (component === undefined) {
      idleUs += us;
      continue;
    }
    byComponent[component] += us / 1000;
    const where = node.callFrame.url === '' ? '' : `${shortUrl(node.callFrame.url)}:${(node.callFrame.lineNumber ?? 0) + 1}`;
    const key = `${node.callFrame.functionName}@${where}`;
    const known = byFunction.get(key);
    byFunction.set(key, { name: node.callFrame.functionName || '(anonymous)', where, component, ms: (known?.ms ?? 0) + us / 1000 });
  }
  const busyMs = COMPONENTS.reduce((n, c) => n + byComponent[c], 0);
  const top = [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, topCount);
  const wallUs = windows ? windows.reduce((n, [from, to]) => n + (to - from), 0) : profile.endTime - profile.startTime;
  return { byComponent, busyMs, idleMs: idleUs / 1000, wallMs: wallUs / 1000, top };
}

/** A script's URL from its package or its folder under dist (file:///…/node_modules/x/lib/y.js → x/lib/y.js). */
export function shortUrl(url: string): string {
  const at = url.lastIndexOf('/node_modules/');
  if (at >= 0) return url.slice(at + '/node_modules/'.length);
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.replace(/^file:\/\//, '');
}

/** The process id in a --cpu-prof file name (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile). */
export function pidOfProfile(file: string): number | undefined {
  const match = /^CPU\.\d+\.\d+\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(path.basename(file));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export function formatAttribution(attribution: Attribution, turns: number | undefined): string[] {
  const { byComponent, busyMs } = attribution;
  const lines = [
    `busy ${busyMs.toFixed(0)} ms of ${attribution.wallMs.toFixed(0)} ms (idle ${attribution.idleMs.toFixed(0)} ms)`
      + (turns ? `, ${turns} turns: ${(busyMs / turns).toFixed(3)} ms per turn` : ''),
    '',
    `${'component'.padEnd(16)}${'ms'.padStart(10)}${'share'.padStart(8)}${turns ? 'ms/turn'.padStart(10) : ''}`,
  ];
  for (const c of [...COMPONENTS].sort((a, b) => byComponent[b] - byComponent[a])) {
    const ms = byComponent[c];
    lines.push(`${c.padEnd(16)}${ms.toFixed(0).padStart(10)}${`${((ms / Math.max(busyMs, 1e-9)) * 100).toFixed(1)}%`.padStart(8)}`
      + `${turns ? (ms / turns).toFixed(3).padStart(10) : ''}`);
  }
  lines.push('', 'functions with the most self time:');
  for (const f of attribution.top) lines.push(`${f.ms.toFixed(0).padStart(8)} ms  ${f.component.padEnd(15)} ${f.name} ${f.where}`);
  return lines;
}

/** The bench's record of this profile's process (turns.json next to it, by process id), if any. */
export function measuredWindowsOf(file: string): MeasuredWindows | undefined {
  const pid = pidOfProfile(file);
  const counts = path.join(path.dirname(file), 'turns.json');
  if (pid === undefined || !existsSync(counts)) return undefined;
  const parsed = JSON.parse(readFileSync(counts, 'utf8')) as Record<string, MeasuredWindows | undefined>;
  return parsed[String(pid)];
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { turns: { type: 'string' }, top: { type: 'string', default: '15' } } });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js <file.cpuprofile> [--turns N] [--top N]\n');
    process.exitCode = 2;
    return;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const measured = values.turns === undefined ? measuredWindowsOf(file) : undefined;
  const turns = values.turns !== undefined ? Number(values.turns) : measured?.turns;
  const attribution = attribute(profile, Number(values.top), measured?.windows);
  if (measured) process.stdout.write(`${measured.windows.length} measured load run(s) of this process\n`);
  process.stdout.write(`${formatAttribution(attribution, turns).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
