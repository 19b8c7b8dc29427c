// Where a bot's CPU time went, by component, from a V8 CPU profile (`npm run bench -- --cpu-prof dir` writes one per
// bot process): `node dist/bench/profile.js <file.cpuprofile> [--turns N] [--top N]`. Each sample's time is the self
// time of the function it landed in; each function belongs to a component by its script's URL (the package it comes
// from under node_modules, or the folder under src/) and, for V8's own entries, its name. With the number of turns
// the process served (--turns, else the bench's turns.json next to the profile, matched by process id) it prints
// milliseconds per turn for each component.
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
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  /** Microseconds between consecutive samples (the first: since startTime). */
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** botbuilder-core's state management and change hashing: what loading, hashing and saving bot state costs. */
const STATE_FILES = /\/botbuilder-core\/lib\/(botState|conversationState|userState|botStatePropertyAccessor|storage|turnContextStateCollection)\.js$/;

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
];

/** The package a script belongs to: the path after its last node_modules folder (scoped: two segments). */
export function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const [first = '', second = ''] = url.slice(at + '/node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** The component one function's self time counts for; undefined: idle (not CPU time). */
export function componentOf(frame: CallFrame): Component | undefined {
  const { url, functionName } = frame;
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'GC';
  if (url === '') {
    // V8's builtins that show up on their own: JSON is bot state's (de)serialization; the rest is V8's.
    if (functionName === 'parse' || functionName === 'stringify' || functionName === 'JSONParse' || functionName === 'JSONStringify') return 'state/JSON';
    return 'other';
  }
  const pkg = packageOf(url);
  if (pkg !== undefined) {
    if (pkg === 'botbuilder-core' && STATE_FILES.test(url)) return 'state/JSON';
    for (const [pattern, component] of PACKAGES) if (pattern.test(pkg)) return component;
    return 'framework';
  }
  if (url.startsWith('node:')) return 'framework';
  for (const [pattern, component] of SOURCES) if (pattern.test(url)) return component;
  if (/\/src\//.test(url)) return 'bot (other)';
  return 'other';
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

/** Attributes every sample's time (the delta to the next sample) to its function's component. */
export function attribute(profile: CpuProfile, topCount = 15): Attribution {
  const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    if (id === undefined) continue;
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
    const component = componentOf(node.callFrame);
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
  return { byComponent, busyMs, idleMs: idleUs / 1000, wallMs: (profile.endTime - profile.startTime) / 1000, top };
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

function turnsFromBench(file: string): number | undefined {
  const pid = pidOfProfile(file);
  const counts = path.join(path.dirname(file), 'turns.json');
  if (pid === undefined || !existsSync(counts)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(counts, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const turns = (parsed as Record<string, unknown>)[String(pid)];
  return typeof turns === 'number' ? turns : undefined;
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
  const turns = values.turns !== undefined ? Number(values.turns) : turnsFromBench(file);
  process.stdout.write(`${formatAttribution(attribute(profile, Number(values.top)), turns).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
