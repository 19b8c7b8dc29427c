// The closing "N passed, N failed" line CI reads (test/support/counting-reporter.cjs): mocha runs small fixture specs
// in a child process, and every test they declare must be counted, whatever stopped it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './schemas.js';

const MOCHA = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const REPORTER = path.join(REPO_ROOT, 'test/support/counting-reporter.cjs');
/** The line .ci/run greps for. */
const CI_LINE = /^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$/;

interface Run { status: number | null; lines: string[]; last: string }

describe('the counting reporter (the line CI reads)', function () {
  let dir: string;

  before(function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'counting-reporter-'));
  });

  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs mocha with the reporter on one fixture spec; returns its exit status and output lines. */
  function run(name: string, spec: string, ...args: string[]): Run {
    const file = path.join(dir, `${name}.spec.cjs`);
    writeFileSync(file, spec);
    const child = spawnSync(process.execPath, [MOCHA, '--no-config', '--reporter', REPORTER, ...args, file], { cwd: dir, encoding: 'utf8', timeout: 20000 });
    const lines = child.stdout.trimEnd().split('\n');
    return { status: child.status, lines, last: lines.at(-1) ?? '' };
  }

  it('counts a green run as it is, exit 0', function () {
    const { status, last } = run('green', `
      describe('g', () => { it('a', () => {}); it('b', () => {}); after(() => {}); });`);
    assert.equal(last, '2 passed, 0 failed');
    assert.match(last, CI_LINE);
    assert.equal(status, 0);
  });

  it('counts the tests a failed "before all" hook left unrun as failed, lists them and exits non-zero', function () {
    const { status, lines, last } = run('hook', `
      describe('ok', () => { it('a', () => {}); it('b', () => {}); });
      describe('needs input', () => {
        before(() => { throw new Error('ENOENT: no such file'); });
        it('c', () => {}); it('d', () => {});
        describe('inner', () => { it('e', () => {}); });
      });`);
    // The hook's own failure, and the three tests it kept from running.
    assert.equal(last, '2 passed, 4 failed');
    assert.match(last, CI_LINE);
    assert.ok(lines.includes('3 not run because a hook failed (counted as failed):'), lines.join('\n'));
    for (const title of ['needs input c', 'needs input d', 'needs input inner e']) assert.ok(lines.includes(`  - ${title}`), title);
    assert.notEqual(status, 0);
  });

  it('counts tests left unrun by a failed "before each" hook, and real failures once each', function () {
    const { status, last } = run('each', `
      let n = 0;
      describe('each', () => {
        beforeEach(() => { n += 1; if (n === 2) throw new Error('second setup fails'); });
        it('first', () => {}); it('second', () => {}); it('third', () => {});
      });
      describe('plain', () => { it('fails', () => { throw new Error('no'); }); it('passes', () => {}); });`);
    // Passed: first, passes. Failed: the hook, second and third (unrun), fails.
    assert.equal(last, '2 passed, 4 failed');
    assert.notEqual(status, 0);
  });

  it('counts every kind of skipped test as failed and says so: it.skip, this.skip(), a test without body, a skipped suite', function () {
    const { status, lines, last } = run('skip', `
      describe('s', () => {
        it('runs', () => {});
        it.skip('skipped', () => {});
        it('skips itself', function () { this.skip(); });
        it('has no body');
      });
      describe('whole suite', () => { before(function () { this.skip(); }); it('e', () => {}); it('f', () => {}); });
      describe.skip('skipped suite', () => { it('g', () => {}); });`);
    assert.equal(last, '1 passed, 6 failed, 6 skipped');
    assert.match(last, CI_LINE);
    assert.ok(lines.includes('6 skipped (counted as failed: no test may be skipped):'), lines.join('\n'));
    assert.ok(lines.includes('  - s skips itself'));
    assert.notEqual(status, 0);
  });

  it('does not count tests that --grep left out', function () {
    const { status, last } = run('grep', `
      describe('wanted', () => { it('a', () => {}); });
      describe('other', () => { before(() => { throw new Error('not selected, never runs'); }); it('b', () => {}); });`, '--grep', '^wanted');
    assert.equal(last, '1 passed, 0 failed');
    assert.equal(status, 0);
  });
});
