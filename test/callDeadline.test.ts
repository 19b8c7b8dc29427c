// The deadline on outbound calls, on a fake clock: a call that never answers fails at its bound with a
// CallTimeoutError and its request is aborted; a caller's abort still goes through; a quick call keeps no timer; a
// streamed body stays under the bound; and the bot reads a timeout as a service failure ("try again", state kept).
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { isServiceFailure } from '../src/bot/addonAssistantBot.js';
import { abortableDelay, CallTimeoutError, deadlinePolicy, type PipelineRequestLike } from '../src/callDeadline.js';

const BOUND_MS = 3_000;

interface Request extends PipelineRequestLike { readonly url: string }
interface Response { readonly status: number; readonly readableStreamBody?: unknown }

/** A `next` that answers only when told to, or fails when its request is aborted (as the HTTP client does). */
function pendingNext(): { next: (request: Request) => Promise<Response>; seen: Request[]; answer: (response: Response) => void } {
  const seen: Request[] = [];
  let answer: (response: Response) => void = () => undefined;
  const next = (request: Request): Promise<Response> => new Promise((resolve, reject) => {
    seen.push(request);
    answer = resolve;
    request.abortSignal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });
  return { next, seen, answer: (response) => answer(response) };
}

describe('callDeadline', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => { clock = sinon.useFakeTimers(); });
  afterEach(() => { clock.restore(); });

  it('fails a call that never answers at its bound, with a CallTimeoutError, and aborts its request', async () => {
    const policy = deadlinePolicy<Request, Response>('storage', BOUND_MS);
    const { next, seen } = pendingNext();
    const call = policy.sendRequest({ url: 'http://127.0.0.1/t' }, next);
    const outcome = assert.rejects(call, (error: unknown) => error instanceof CallTimeoutError && error.code === 'ETIMEDOUT'
      && error.service === 'storage' && error.timeoutMs === BOUND_MS);
    await clock.tickAsync(BOUND_MS - 1);
    assert.equal(seen[0]?.abortSignal?.aborted, false);
    await clock.tickAsync(1);
    await outcome;
    assert.equal(seen[0]?.abortSignal?.aborted, true, 'its socket is closed, not left waiting');
  });

  it('holds its bound even when what it waits for ignores the abort (a retry’s wait, a token fetch)', async () => {
    const policy = deadlinePolicy<Request, Response>('connector', BOUND_MS);
    const call = policy.sendRequest({ url: 'http://127.0.0.1/c' }, () => new Promise<Response>(() => undefined));
    const outcome = assert.rejects(call, CallTimeoutError);
    await clock.tickAsync(BOUND_MS);
    await outcome;
  });

  it('lets a quick answer through and keeps no timer', async () => {
    const policy = deadlinePolicy<Request, Response>('storage', BOUND_MS);
    const { next, answer } = pendingNext();
    const call = policy.sendRequest({ url: 'http://127.0.0.1/t' }, next);
    await clock.tickAsync(10);
    answer({ status: 200 });
    assert.deepEqual(await call, { status: 200 });
    assert.equal(clock.countTimers(), 0);
  });

  it('keeps a streamed body under the bound after the headers came', async () => {
    const policy = deadlinePolicy<Request, Response>('storage', BOUND_MS);
    const { next, seen, answer } = pendingNext();
    const call = policy.sendRequest({ url: 'http://127.0.0.1/b' }, next);
    answer({ status: 200, readableStreamBody: {} });
    await call;
    await clock.tickAsync(BOUND_MS);
    assert.equal(seen[0]?.abortSignal?.aborted, true, 'a body still being read at the bound is cut off');
  });

  it('passes a caller’s own abort through as it is', async () => {
    const policy = deadlinePolicy<Request, Response>('connector', BOUND_MS);
    const caller = new AbortController();
    const { next } = pendingNext();
    const call = policy.sendRequest({ url: 'http://127.0.0.1/c', abortSignal: caller.signal }, next);
    const outcome = assert.rejects(call, (error: unknown) => error instanceof DOMException && error.name === 'AbortError');
    caller.abort();
    await outcome;
  });

  it('waits for a retry, or less when the call is aborted', async () => {
    const waited = abortableDelay(500);
    await clock.tickAsync(500);
    await waited;
    const controller = new AbortController();
    const cut = assert.rejects(abortableDelay(5_000, controller.signal), { name: 'AbortError' });
    controller.abort();
    await cut;
  });

  it('is a service failure for the bot', () => {
    const timeout = new CallTimeoutError('connector', 4_000);
    assert.equal(isServiceFailure(timeout), true);
    assert.equal(isServiceFailure(new DOMException('The operation was aborted.', 'AbortError')), true);
    assert.equal(isServiceFailure(new TypeError('a bug')), false);
  });
});
