// Process-wide guards, installed once by the entry point. A promise rejected with nobody listening (a background send,
// a timer's callback in a library) would end a Node 20 process, and with it every turn in flight: it is logged as an
// error, with its class and code only (never the message or stack, which may carry data), and the bot keeps serving.
import type { Logger } from 'pino';

/** What the guards need of `process` (a stand-in in tests). */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** What a log may say about a rejection's reason: its class, its code and HTTP status when it has them. */
export function describeRejection(reason: unknown): { error: string; code?: string; status?: number } {
  if (!(reason instanceof Error)) return { error: reason === null ? 'null' : typeof reason };
  const { code, statusCode } = reason as Error & { code?: unknown; statusCode?: unknown };
  return {
    error: /^\w{1,64}$/.test(reason.name) ? reason.name : 'Error',
    ...(typeof code === 'string' && /^\w{1,64}$/.test(code) ? { code } : {}),
    ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
  };
}

export function installProcessGuards(logger: Logger, target: GuardedProcess = process): void {
  target.on('unhandledRejection', (reason) => {
    logger.error(describeRejection(reason), 'unhandled promise rejection (still serving)');
  });
}
