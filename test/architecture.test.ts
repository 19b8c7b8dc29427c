// The shape of src/: small files, no import cycles (a cycle makes load order matter and hides layering), and floors:
// each part of src/ imports only from its own floor or the floors below it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAX_LINES = 500;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The relative modules a file imports or re-exports (type-only imports too: they are edges of the design). */
function importsOf(file: string, text: string, known: ReadonlySet<string>): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport\s*\(?)\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
  return specifiers
    .map((spec) => path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')))
    .filter((target) => known.has(target));
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** The floors of src/, lowest first, by top-level folder or file: a file imports only its own floor or lower ones. */
const FLOORS: ReadonlyArray<readonly string[]> = [
  ['domain', 'callDeadline.ts', 'logging.ts'],
  ['nlu', 'i18n'],
  ['cards'],
  ['turn'],
  ['proactive'],
  ['conversation'],
  ['flows'],
  ['bot'],
  ['app.ts', 'index.ts'],
];
/** Host wiring beside the floors: it may import any floor below bot and other host parts; only app.ts and index.ts import it. */
const HOST: readonly string[] = ['store', 'server', 'config', 'maintenance', 'tenantsFileSync.ts', 'startupError.ts'];
/**
 * Upward edges that exist today and are being removed; nothing else may go up. Each is an importing file and the
 * folder it reaches into. The list only shrinks.
 */
const KNOWN_UPWARD: ReadonlyArray<readonly [from: string, toPart: string]> = [
  ['src/cards/common.ts', 'conversation'],
];

type Edge = readonly [from: string, to: string];

/** The top-level part of src/ a path (relative to the repository, "src/…") belongs to. */
function partOf(file: string): string {
  return file.split('/')[1] ?? '';
}

function floorOf(part: string): number | 'host' | undefined {
  if (HOST.includes(part)) return 'host';
  const floor = FLOORS.findIndex((parts) => parts.includes(part));
  return floor < 0 ? undefined : floor;
}

/** The edges that break the floors, as "from -> to"; a part that belongs nowhere is reported too. */
function floorViolations(edges: readonly Edge[], known: ReadonlyArray<readonly [string, string]>): string[] {
  const top = FLOORS.length - 1;
  const bot = FLOORS.findIndex((parts) => parts.includes('bot'));
  const out: string[] = [];
  for (const [from, to] of edges) {
    const fromPart = partOf(from);
    const toPart = partOf(to);
    if (fromPart === toPart) continue;
    const fromFloor = floorOf(fromPart);
    const toFloor = floorOf(toPart);
    if (fromFloor === undefined || toFloor === undefined) {
      out.push(`${from} -> ${to} (no floor for ${fromFloor === undefined ? fromPart : toPart})`);
      continue;
    }
    const allowed = toFloor === 'host'
      ? fromFloor === 'host' || fromFloor === top
      : fromFloor === 'host' ? toFloor < bot : toFloor <= fromFloor;
    if (!allowed && !known.some(([f, p]) => f === from && p === toPart)) out.push(`${from} -> ${to}`);
  }
  return out;
}

describe('architecture of src/', () => {
  const files = sourceFiles(path.join(repoRoot, 'src'));
  const texts = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  const relative = (file: string) => path.relative(repoRoot, file);

  it('reads the source files', () => {
    assert.ok(files.length > 50, `only ${files.length} files found under src/`);
  });

  it(`has no file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file: relative(file), lines: (texts.get(file) ?? '').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    assert.deepEqual(long, []);
  });

  it('has no import cycle', () => {
    const known = new Set(files);
    const graph = new Map(files.map((file) => [file, importsOf(file, texts.get(file) ?? '', known)]));
    assert.deepEqual(cyclesOf(graph).map((cycle) => cycle.map(relative)), []);
  });

  it('keeps to its floors: domain < nlu, i18n < cards < turn < proactive < conversation < flows < bot < app.ts/index.ts', () => {
    const known = new Set(files);
    const edges: Edge[] = files.flatMap((file) => importsOf(file, texts.get(file) ?? '', known).map((to): Edge => [relative(file), relative(to)]));
    assert.ok(edges.length > 100, `only ${edges.length} imports found`);
    assert.deepEqual(floorViolations(edges, KNOWN_UPWARD), []);
  });

  it('finds an import that goes up a floor, into the host wiring, or out of any floor', () => {
    const edges: Edge[] = [
      ['src/turn/x.ts', 'src/cards/y.ts'],
      ['src/flows/buy/x.ts', 'src/flows/manage/y.ts'],
      ['src/store/x.ts', 'src/domain/y.ts'],
      ['src/app.ts', 'src/store/y.ts'],
      ['src/turn/x.ts', 'src/proactive/y.ts'],
      ['src/conversation/x.ts', 'src/bot/y.ts'],
      ['src/flows/x.ts', 'src/store/y.ts'],
      ['src/config/x.ts', 'src/bot/y.ts'],
      ['src/nlu/x.ts', 'src/somewhere/y.ts'],
      ['src/cards/common.ts', 'src/conversation/verbs.ts'],
    ];
    assert.deepEqual(floorViolations(edges, KNOWN_UPWARD), [
      'src/turn/x.ts -> src/proactive/y.ts',
      'src/conversation/x.ts -> src/bot/y.ts',
      'src/flows/x.ts -> src/store/y.ts',
      'src/config/x.ts -> src/bot/y.ts',
      'src/nlu/x.ts -> src/somewhere/y.ts (no floor for somewhere)',
    ]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    assert.deepEqual(cyclesOf(graph), [['a', 'b', 'c'], ['e']]);
  });
});
