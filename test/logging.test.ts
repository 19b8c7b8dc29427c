// Log lines: secrets redacted by the logger, and the per-turn line written as given (it holds only ids and codes).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { capLogField, createLogger, createTurnLog, MAX_LOG_FIELD_CHARS, type TurnLogRecord } from '../src/logging.js';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, stream };
}

describe('logging', () => {
  it('redacts secrets, card numbers and connection strings, at the top level and one level down', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info({
      password: 'p4ss', cardNumber: '4111111111111111', connectionString: 'AccountKey=abc',
      req: { headers: { authorization: 'Bearer eyJ' } }, payment: { cardNumber: '5555555555554444', token: 'tok' }, tenant: 't-1',
    }, 'something');
    const text = JSON.stringify(lines);
    for (const secret of ['p4ss', '4111111111111111', 'AccountKey=abc', 'Bearer eyJ', '5555555555554444', 'tok"']) {
      assert.equal(text.includes(secret), false, secret);
    }
    assert.equal(lines[0]?.tenant, 't-1');
    assert.equal(lines[0]?.password, '[redacted]');
  });

  it('writes the turn line with exactly the record\'s fields, under the logger\'s bindings and level', () => {
    const { lines, stream } = capture();
    const logTurn = createTurnLog(createLogger('info', stream));
    const record: TurnLogRecord = {
      tenant: 't-1', conversation: 'a:c-1', activity: 'message', intent: 'buy', durationMs: 12.5, outcome: 'ok',
    };
    logTurn(record);
    const { level, time, ...rest } = lines[0] ?? {};
    assert.equal(level, 30);
    assert.equal(typeof time, 'number');
    assert.deepEqual(rest, { app: 'addon-assistant', ...record, msg: 'turn' });
  });

  it('writes no turn line when the level is above info', () => {
    const { lines, stream } = capture();
    createTurnLog(createLogger('warn', stream))({
      tenant: null, conversation: null, activity: 'invoke', intent: 'none', durationMs: 1, outcome: 'ok',
    });
    assert.equal(lines.length, 0);
  });

  describe('fields from the request are capped in length', () => {
    const long = 'x'.repeat(5_000);

    it('cuts a string over the cap to the cap, ending in an ellipsis; leaves one at the cap alone', () => {
      assert.equal(MAX_LOG_FIELD_CHARS, 128);
      const capped = capLogField(long);
      assert.equal(capped.length, 128);
      assert.equal(capped, `${'x'.repeat(127)}…`);
      assert.equal(capLogField('y'.repeat(128)), 'y'.repeat(128));
      assert.equal(capLogField(''), '');
    });

    it('never cuts between the halves of a surrogate pair', () => {
      const capped = capLogField(`${'a'.repeat(126)}🚀🚀🚀`);
      assert.equal(capped, `${'a'.repeat(126)}…`);
      assert.doesNotThrow(() => encodeURIComponent(capped));
    });

    it('caps every string field of a line, at the top level and one level down, and keeps short ones and other types', () => {
      const { lines, stream } = capture();
      createLogger('info', stream).warn({ tenant: long, request: 'REQ-1', failed: 3, ok: true, nested: { admin: long, id: 'a' } }, 'approval card not delivered');
      const line = lines[0] ?? {};
      assert.equal(line.tenant, `${'x'.repeat(127)}…`);
      assert.equal(line.request, 'REQ-1');
      assert.equal(line.failed, 3);
      assert.equal(line.ok, true);
      assert.deepEqual(line.nested, { admin: `${'x'.repeat(127)}…`, id: 'a' });
      assert.equal(line.msg, 'approval card not delivered');
      assert.ok(JSON.stringify(line).length < 600, 'the line stays short');
    });

    it('caps the turn line\'s ids too, and still redacts a long secret on other lines', () => {
      const { lines, stream } = capture();
      const logger = createLogger('info', stream);
      createTurnLog(logger)({ tenant: long, conversation: long, activity: long, intent: 'buy', durationMs: 1, outcome: 'ok' });
      logger.info({ password: long }, 'x');
      assert.equal(lines[0]?.tenant, `${'x'.repeat(127)}…`);
      assert.equal(lines[0]?.conversation, `${'x'.repeat(127)}…`);
      assert.equal(lines[0]?.activity, `${'x'.repeat(127)}…`);
      assert.equal(lines[1]?.password, '[redacted]');
    });
  });
});
