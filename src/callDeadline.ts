// A time bound on one outbound call made through an Azure SDK HTTP pipeline (Bot Connector, Table and Blob Storage):
// a service that accepts the connection and then never answers would otherwise hold the turn forever. The bound
// covers the whole call (every try and every wait between tries); when it passes, the request is aborted (its socket
// closed) and the call fails with a CallTimeoutError, which the bot treats like any other service failure.

/**
 * The bounds. Teams redelivers an activity whose turn takes more than 15 s, so a turn must answer well before, even
 * when a service hangs: the call that hangs fails at its bound, and the turn then says "try again" (one more connector
 * call). A healthy service answers in milliseconds (storage) or well under a second (the connector), so these leave
 * ample room for a slow moment, and the worst case stays near 8 s: a reply that hangs, then a "try again" that hangs.
 */
/** One Bot Connector call, its 429 retries and their waits included (the SDK's default is no bound: 120 s was seen). */
export const CONNECTOR_CALL_TIMEOUT_MS = 4_000;
/** One Azure Table or Blob Storage call, its retries included (the SDKs set none: a paused account hung a turn). */
export const STORAGE_CALL_TIMEOUT_MS = 3_000;

/** Which outbound service a bound belongs to: logged with the failure. */
export type OutboundService = 'connector' | 'storage';

export class CallTimeoutError extends Error {
  override readonly name = 'CallTimeoutError';
  /** The same code Node gives a socket timeout, so it reads as a network failure everywhere. */
  readonly code = 'ETIMEDOUT';

  constructor(readonly service: OutboundService, readonly timeoutMs: number) {
    super(`${service} did not answer within ${timeoutMs} ms`);
  }
}

/** What the pipelines give a policy (a structural subset of @azure/core-rest-pipeline's types). */
interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
export interface PipelineRequestLike { abortSignal?: AbortSignalLike | undefined }
interface StreamedResponseLike { readonly readableStreamBody?: unknown }
export interface PipelinePolicyLike<Req extends PipelineRequestLike, Res extends object> {
  readonly name: string;
  sendRequest(request: Req, next: (request: Req) => Promise<Res>): Promise<Res>;
}

/**
 * A pipeline policy (add it without a phase, so it runs outside the retry policy) that bounds every call to
 * `timeoutMs`. A signal the caller gave still aborts the call. A streamed response body (a blob download) stays under
 * the bound until it is read, since the SDK reads it after the pipeline has returned.
 */
export function deadlinePolicy<Req extends PipelineRequestLike, Res extends object>(
  service: OutboundService, timeoutMs: number,
): PipelinePolicyLike<Req, Res> {
  return {
    name: `${service}CallDeadline`,
    async sendRequest(request, next) {
      const controller = new AbortController();
      const caller = request.abortSignal;
      const onCallerAbort = (): void => controller.abort();
      if (caller?.aborted) controller.abort();
      else caller?.addEventListener('abort', onCallerAbort);
      let timedOut = false;
      let expire: (error: CallTimeoutError) => void = () => undefined;
      const expired = new Promise<never>((_resolve, reject) => { expire = reject; });
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        expire(new CallTimeoutError(service, timeoutMs));
      }, timeoutMs);
      request.abortSignal = controller.signal;
      let streaming = false;
      const sent = next(request);
      // Whichever loses the race below settles unobserved; it must never become an unhandled rejection.
      sent.catch(() => undefined);
      expired.catch(() => undefined);
      try {
        // The race makes the bound hold even where an abort signal is not listened to (a token fetch, a retry's wait).
        const response = await Promise.race([sent, expired]);
        streaming = (response as StreamedResponseLike).readableStreamBody !== undefined;
        return response;
      } catch (error) {
        if (timedOut) throw new CallTimeoutError(service, timeoutMs);
        throw error;
      } finally {
        if (!streaming) {
          clearTimeout(timer);
          caller?.removeEventListener('abort', onCallerAbort);
        } else {
          // Left to fire, harmlessly once the body is read, but never to keep the process alive.
          timer.unref();
        }
      }
    },
  };
}

/** A call that a bound (or a caller) aborted: a service that did not answer in time. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CallTimeoutError' || error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Waits `ms`, or less when the signal aborts (then rejects). */
export function abortableDelay(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The operation was aborted.', 'AbortError'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}
