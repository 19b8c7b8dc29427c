// The typing indicator on a fake clock, with a fake connector client (the network edge): when it starts and repeats,
// that the turn's end stops it for sure (aborting a send in flight, failing turns included), that a failed indicator
// is one log line and never fails the turn, and that nothing touches the turn context once botbuilder has revoked it.
import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import sinon from 'sinon';
import { TypingIndicator, type TypingConnectorClient } from '../../src/bot/typingIndicator.js';
import { captureLog, type CapturedLog } from '../support/logCapture.js';

const DELAY_MS = 400;
const PERIOD_MS = 2_000;

/** What the fake client does with a typing send. */
type Answer = 'ok' | { readonly fail: Error } | 'hang' | 'hangIgnoringAbort';

interface Send {
  readonly activity: Partial<Activity>;
  readonly conversationId: string;
  readonly replyToId: string | undefined;
  readonly signal: AbortSignal;
  /** Settles a send held by 'hangIgnoringAbort' (the service answering late, whatever the bot did meanwhile). */
  settle: (error?: Error) => void;
}

class FakeTypingClient implements TypingConnectorClient {
  readonly sends: Send[] = [];
  answer: Answer = 'ok';

  readonly conversations = {
    replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }) =>
      this.handle(conversationId, activityId, activity, options.abortSignal),
    sendToConversation: (conversationId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }) =>
      this.handle(conversationId, undefined, activity, options.abortSignal),
  };

  private handle(conversationId: string, replyToId: string | undefined, activity: Partial<Activity>, signal: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error): void => (error ? reject(error) : resolve({ id: 'typing' }));
      this.sends.push({ activity, conversationId, replyToId, signal, settle });
      const answer = this.answer;
      if (answer === 'ok') settle();
      else if (answer === 'hang') signal.addEventListener('abort', () => settle(new DOMException('aborted', 'AbortError')));
      else if (answer !== 'hangIgnoringAbort') settle(answer.fail);
    });
  }
}

function restError(statusCode: number): Error {
  return Object.assign(new Error(`connector said ${statusCode} for conversation a:secret-text`), { name: 'RestError', statusCode });
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve: () => void = () => undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('TypingIndicator', () => {
  let clock: sinon.SinonFakeTimers;
  let client: FakeTypingClient;
  let log: CapturedLog;
  let indicator: TypingIndicator;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };

  beforeEach(() => {
    clock = sinon.useFakeTimers();
    client = new FakeTypingClient();
    log = captureLog();
    indicator = new TypingIndicator(log.logger, { delayMs: DELAY_MS, periodMs: PERIOD_MS });
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });

  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    clock.restore();
  });

  /**
   * Starts a turn the way botbuilder runs one (the middleware gets a revocable proxy of the context, revoked when the
   * turn is over) and returns its handle: end it, fail it, and wait for it.
   */
  function startTurn(activity: Partial<Activity> = { type: 'message', text: 'buy storage' }, withClient = true) {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, {
      id: 'incoming-1', channelId: 'msteams', serviceUrl: 'https://smba.example.test/',
      from: { id: '29:megan', name: 'Megan' }, recipient: { id: '28:bot', name: 'Add-on Assistant' },
      conversation: { id: 'a:chat-1', tenantId: 'tenant-1', isGroup: false, conversationType: 'personal', name: '' },
      ...activity,
    });
    if (withClient) context.turnState.set(adapter.ConnectorClientKey, client);
    const { proxy, revoke } = Proxy.revocable(context, {});
    const body = deferred();
    const done = indicator.onTurn(proxy, () => body.promise).finally(revoke);
    // A failed turn is the test's to observe; it must not count as unhandled meanwhile.
    done.catch(() => undefined);
    return { end: body.resolve, fail: body.reject, done };
  }

  it('sends nothing when the turn answers before the delay', async () => {
    const turn = startTurn();
    await clock.tickAsync(DELAY_MS - 1);
    turn.end();
    await turn.done;
    await clock.tickAsync(10 * PERIOD_MS);
    assert.equal(client.sends.length, 0);
  });

  it('sends a typing reply after the delay, then every period while the turn runs, and none once it has ended', async () => {
    const turn = startTurn();
    await clock.tickAsync(DELAY_MS);
    assert.equal(client.sends.length, 1);
    const first = client.sends[0];
    assert.equal(first?.activity.type, 'typing');
    assert.equal(first?.conversationId, 'a:chat-1');
    assert.equal(first?.replyToId, 'incoming-1', 'a reply to the message, like the bot’s other answers');
    assert.equal(first?.activity.id, undefined);
    await clock.tickAsync(PERIOD_MS);
    await clock.tickAsync(PERIOD_MS);
    assert.equal(client.sends.length, 3);
    turn.end();
    await turn.done;
    await clock.tickAsync(10 * PERIOD_MS);
    assert.equal(client.sends.length, 3, 'nothing after the turn');
    assert.deepEqual(log.lines.filter((l) => l.msg === 'typing indicator failed'), []);
  });

  for (const type of ['invoke', 'event', 'conversationUpdate', 'installationUpdate']) {
    it(`sends nothing for a turn of type ${type} (card actions, proactive turns, installs)`, async () => {
      const turn = startTurn({ type });
      await clock.tickAsync(5 * PERIOD_MS);
      turn.end();
      await turn.done;
      assert.equal(client.sends.length, 0);
    });
  }

  it('runs a turn without a connector client (a test adapter) with no indicator', async () => {
    const turn = startTurn(undefined, false);
    await clock.tickAsync(5 * PERIOD_MS);
    turn.end();
    await turn.done;
    assert.equal(client.sends.length, 0);
  });

  for (const [name, error] of [['a 500', restError(500)], ['a 429', restError(429)], ['a reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })]] as const) {
    it(`logs ${name} during the turn in one line (no message, no stack), sends no more, and the turn goes on`, async () => {
      client.answer = { fail: error };
      const turn = startTurn();
      await clock.tickAsync(DELAY_MS + 3 * PERIOD_MS);
      assert.equal(client.sends.length, 1, 'a refused indicator is not sent again that turn');
      turn.end();
      await turn.done;
      const failures = log.lines.filter((l) => l.msg === 'typing indicator failed');
      assert.equal(failures.length, 1);
      assert.equal(failures[0]?.tenant, 'tenant-1');
      assert.equal(failures[0]?.conversation, 'a:chat-1');
      assert.match(String(failures[0]?.code), /^(RestError:(500|429)|Error:ECONNRESET)$/);
      assert.equal(failures[0]?.level, 40, 'a warning');
      assert.ok(!log.raw.join('').includes('secret-text') && !log.raw.join('').includes('"stack"'), log.raw.join(''));
    });
  }

  it('aborts a send still in flight when the turn ends, and logs nothing for it', async () => {
    client.answer = 'hang';
    const turn = startTurn();
    await clock.tickAsync(DELAY_MS);
    assert.equal(client.sends[0]?.signal.aborted, false);
    turn.end();
    await turn.done;
    assert.equal(client.sends[0]?.signal.aborted, true, 'the turn’s end cut it short');
    await clock.tickAsync(10 * PERIOD_MS);
    assert.equal(client.sends.length, 1);
    assert.deepEqual(log.lines.filter((l) => l.msg === 'typing indicator failed'), []);
  });

  for (const [name, late] of [['fails with a 500', restError(500)], ['is reset', Object.assign(new Error('reset'), { code: 'ECONNRESET' })], ['succeeds', undefined]] as const) {
    it(`never touches the revoked turn context when a send ${name} after the turn`, async () => {
      client.answer = 'hangIgnoringAbort';
      const turn = startTurn();
      await clock.tickAsync(DELAY_MS);
      turn.end();
      await turn.done;
      client.sends[0]?.settle(late);
      await clock.tickAsync(10 * PERIOD_MS);
      assert.equal(client.sends.length, 1, 'nothing sent after the turn');
      assert.deepEqual(unhandled, [], 'no unhandled rejection (a revoked proxy touched would be one)');
    });
  }

  it('stops when the turn fails, and lets the failure through untouched', async () => {
    const turn = startTurn();
    await clock.tickAsync(DELAY_MS + PERIOD_MS);
    const sent = client.sends.length;
    const failure = new Error('the dialog failed');
    turn.fail(failure);
    await assert.rejects(turn.done, (error) => error === failure);
    await clock.tickAsync(10 * PERIOD_MS);
    assert.equal(client.sends.length, sent);
    assert.equal(client.sends.at(-1)?.signal.aborted, true);
  });

  it('refuses a negative delay or a period that is not positive', () => {
    assert.throws(() => new TypingIndicator(log.logger, { delayMs: -1, periodMs: PERIOD_MS }), RangeError);
    assert.throws(() => new TypingIndicator(log.logger, { delayMs: 0, periodMs: 0 }), RangeError);
  });
});
