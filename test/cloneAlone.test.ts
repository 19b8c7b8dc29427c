// A clone passes on its own: the card and Teams package checks run in a copy of the project laid out in a fresh
// temporary folder, with nothing beside it (no specification folder, no schemas but the project's own).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './support/schemas.js';

const MOCHA = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
/** What the checks need of the project: the build (copied, so it resolves its paths inside the copy), data and config. */
const COPIED = ['dist/src', 'dist/scripts', 'dist/test', 'cards', 'manifest', 'schemas', 'package.json', 'test/support/counting-reporter.cjs'];
/** The card-schema and manifest suites, and the buy flow's card validation, by their top-level titles. */
const SPECS = ['dist/test/cards/render.test.js', 'dist/test/manifest/package.test.js', 'dist/test/manifest/commands.test.js', 'dist/test/flows/buy/buyFlow.test.js'];
const GREP = '^(cards |Teams app package |Teams command menu titles |Cards the bot sends )';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|cjs|mjs|js|json)$/.test(entry.name) ? [full] : [];
  });
}

describe('a clone with nothing beside it', function () {
  this.timeout(180_000);
  let root: string;

  before(function () {
    root = path.join(mkdtempSync(path.join(os.tmpdir(), 'addon-clone-')), 'addon-assistant');
    mkdirSync(root);
    for (const item of COPIED) cpSync(path.join(REPO_ROOT, item), path.join(root, item), { recursive: true });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  });

  after(function () {
    rmSync(path.dirname(root), { recursive: true, force: true });
  });

  it('no source names a file outside the project in a string (comments may cite the specification)', function () {
    const outside = /(['"`])[^'"`\n]*\.\.[/\\]shared\b[^'"`\n]*\1|['"`]shared['"`]/;
    const offenders = ['src', 'test', 'scripts', 'bench']
      .flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)))
      .filter((file) => readFileSync(file, 'utf8').split('\n').some((line) => !/^\s*(\/\/|\*|\/\*)/.test(line) && outside.test(line)));
    assert.deepEqual(offenders.map((f) => path.relative(REPO_ROOT, f)), []);
  });

  it('passes the card schema, host config and Teams package checks, every test counted and none skipped', async function () {
    assert.deepEqual(readdirSync(path.dirname(root)), [path.basename(root)], 'nothing beside the copy');
    assert.ok(statSync(path.join(root, 'schemas', 'SOURCES.md')).isFile());
    const child = spawn(process.execPath, [MOCHA, '--no-config', '--timeout', '60000', '--reporter', 'test/support/counting-reporter.cjs', '--grep', GREP, ...SPECS], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' },
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
    const status = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const last = output.trimEnd().split('\n').at(-1) ?? '';
    const counts = /^(\d+) passed, (\d+) failed$/.exec(last);
    assert.ok(counts, `a closing count without skips, got: ${output.slice(-3000)}`);
    assert.equal(counts[2], '0', output.slice(-3000));
    // About 85 today: every card template in both languages, the host-config checks, the package and command menu.
    assert.ok(Number(counts[1]) >= 70, `${counts[1]} tests ran`);
    assert.equal(status, 0, output.slice(-3000));
    assert.doesNotMatch(output, /ENOENT|shared[/\\]schemas/);
  });
});
