// The entry point's process guards: an unhandled promise rejection is one error line (class and code, no message, no
// stack) and the process keeps running; without the guards the same rejection ends a Node process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describeRejection, installProcessGuards } from '../../src/server/processGuards.js';
import { captureLog } from '../support/logCapture.js';

const CHILD = fileURLToPath(new URL('../support/rejectingChild.js', import.meta.url));

function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('process guards', () => {
  it('log an unhandled rejection as one error line with its class and code, never its message', () => {
    const log = captureLog();
    const target = new EventEmitter();
    installProcessGuards(log.logger, target);
    target.emit('unhandledRejection', Object.assign(new Error('POST https://smba.example/v3/x failed for card 4111111111111111'), {
      name: 'RestError', code: 'ECONNRESET', statusCode: 502,
    }));
    target.emit('unhandledRejection', 'a bare string');
    assert.equal(log.lines.length, 2);
    assert.deepEqual(
      log.lines.map(({ level, error, code, status, msg }) => ({ level, error, code, status, msg })),
      [
        { level: 50, error: 'RestError', code: 'ECONNRESET', status: 502, msg: 'unhandled promise rejection (still serving)' },
        { level: 50, error: 'string', code: undefined, status: undefined, msg: 'unhandled promise rejection (still serving)' },
      ],
    );
    const text = log.raw.join('');
    assert.ok(!text.includes('smba') && !text.includes('4111') && !text.includes('"stack"'), text);
  });

  it('describe a rejection by class and code only, whatever it is', () => {
    assert.deepEqual(describeRejection(new TypeError('x')), { error: 'TypeError' });
    assert.deepEqual(describeRejection(Object.assign(new Error('x'), { code: 'a code with spaces' })), { error: 'Error' });
    assert.deepEqual(describeRejection(undefined), { error: 'undefined' });
    assert.deepEqual(describeRejection(null), { error: 'null' });
  });

  it('keep a real process running after an unhandled rejection, which otherwise ends it', async function () {
    this.timeout(20_000);
    const [unguarded, guarded] = await Promise.all([runChild([]), runChild(['guarded'])]);
    assert.notEqual(unguarded.code, 0, 'without the guards Node ends the process');
    assert.ok(!unguarded.stdout.includes('still serving'));

    assert.equal(guarded.code, 0, guarded.stderr);
    assert.ok(guarded.stdout.includes('still serving'), guarded.stdout);
    const lines = guarded.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.level, 50);
    assert.equal(lines[0]?.error, 'TypeError');
    assert.equal(lines[0]?.code, 'ERR_REVOKED');
    assert.ok(!guarded.stdout.includes('proxy') && !guarded.stdout.includes('tenant-secret') && !guarded.stdout.includes('"stack"'), guarded.stdout);
    assert.equal(guarded.stderr, '');
  });
});
