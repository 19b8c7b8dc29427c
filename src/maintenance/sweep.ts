// The periodic sweep: removes what nothing needs any more, so storage does not grow with every chat. Expired quotes
// nobody used (the ledger), idle conversation state and old approval card copies (the bot state). Orders, claims,
// audit entries, user state (the language preference) and conversation references are never touched.
//
// A sweep is bounded: at most maxPerKind deletions of each kind, in batches, and no new batch after maxDurationMs;
// what is left waits for the next sweep. It runs on an unref'd timer once the server listens, never inside a turn,
// yields to the event loop between batches (the SQLite stores work synchronously), and a failure is one log line:
// the next sweep tries again.
import type { Logger } from 'pino';
import { APPROVAL_COPIES_KEY_PREFIX } from '../proactive/approvalCopies.js';
import type { Clock, LedgerStore } from '../domain/ports.js';
import { REQUEST_TTL_DAYS } from '../domain/time.js';
import { MINUTE_MS, repeatEvery, type Repeating } from './repeat.js';
import type { KeyMatch, StaleStateStore } from './staleState.js';

const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long after it stops being useful each kind is kept. */
export const RETENTION_MS = {
  /**
   * Quotes are valid 15 minutes. An unused one is kept a day after it expired, so a card clicked that day still says
   * "expired" rather than "not found".
   */
  expiredQuote: DAY_MS,
  /** Conversation state (a dialog in progress, or finished) not written for 30 days. */
  idleConversation: 30 * DAY_MS,
  /**
   * Copies are written while their request is pending, at most REQUEST_TTL_DAYS: copies not written for that plus
   * 30 days belong to a request decided or expired at least 30 days ago.
   */
  approvalCopies: (REQUEST_TTL_DAYS + 30) * DAY_MS,
} as const;

/** Conversation state keys hold this segment, in botbuilder's format and in the tenant-scoped one alike. */
export const CONVERSATION_STATE: KeyMatch = { segment: '/conversations/' };
export const APPROVAL_COPIES: KeyMatch = { prefix: APPROVAL_COPIES_KEY_PREFIX };

export interface SweepTargets {
  readonly ledger: Pick<LedgerStore, 'deleteExpiredQuotes'>;
  /** Undefined when the bot state store cannot be swept (an in-memory Storage given by a test). */
  readonly botState: StaleStateStore | undefined;
}

export interface SweepBounds {
  /** Deletions asked of a store at once. */
  readonly batchSize: number;
  /** Deletions of each kind in one sweep. */
  readonly maxPerKind: number;
  /** No new batch starts after this long. */
  readonly maxDurationMs: number;
}

export const DEFAULT_SWEEP_BOUNDS: SweepBounds = { batchSize: 200, maxPerKind: 5_000, maxDurationMs: 10_000 };

export interface SweepResult {
  readonly quotes: number;
  readonly conversations: number;
  readonly approvalCopies: number;
  /** False when a bound (or a stop) ended the sweep with work possibly left for the next one. */
  readonly complete: boolean;
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One sweep over every target, within the bounds; `stopping` ends it after the current batch. */
export async function sweepOnce(
  targets: SweepTargets, clock: Clock, bounds: SweepBounds = DEFAULT_SWEEP_BOUNDS, stopping: () => boolean = () => false,
): Promise<SweepResult> {
  const started = clock.now().getTime();
  const cutoff = (retentionMs: number) => new Date(started - retentionMs);
  let complete = true;

  const drain = async (remove: (limit: number) => Promise<number>): Promise<number> => {
    let deleted = 0;
    while (deleted < bounds.maxPerKind) {
      if (stopping() || clock.now().getTime() - started >= bounds.maxDurationMs) break;
      const limit = Math.min(bounds.batchSize, bounds.maxPerKind - deleted);
      const removed = await remove(limit);
      deleted += removed;
      await nextTick();
      if (removed < limit) return deleted;
    }
    complete = false;
    return deleted;
  };

  const quotesBefore = cutoff(RETENTION_MS.expiredQuote).toISOString();
  const quotes = await drain((limit) => targets.ledger.deleteExpiredQuotes(quotesBefore, limit));
  const { botState } = targets;
  const conversations = botState
    ? await drain((limit) => botState.deleteWrittenBefore(CONVERSATION_STATE, cutoff(RETENTION_MS.idleConversation), limit))
    : 0;
  const approvalCopies = botState
    ? await drain((limit) => botState.deleteWrittenBefore(APPROVAL_COPIES, cutoff(RETENTION_MS.approvalCopies), limit))
    : 0;
  return { quotes, conversations, approvalCopies, complete };
}

/** Stops the schedule: cancels the next sweep and waits for a running one to stop after its current batch. */
export type SweepSchedule = Repeating;

export interface ScheduleOptions {
  readonly intervalMs: number;
  /** Until the first sweep: by default the interval, at most a minute, so frequent restarts do not keep it from running. */
  readonly firstDelayMs?: number;
  readonly logger: Logger;
  readonly sweep: (stopping: () => boolean) => Promise<SweepResult>;
}

/** Runs `sweep` every intervalMs (counted from the end of the previous one, so two never overlap). */
export function scheduleSweeps(options: ScheduleOptions): SweepSchedule {
  const { intervalMs, logger, sweep } = options;
  return repeatEvery(intervalMs, options.firstDelayMs, async (stopping) => {
    try {
      const result = await sweep(stopping);
      if (result.quotes + result.conversations + result.approvalCopies > 0 || !result.complete) logger.info({ ...result }, 'sweep');
    } catch (error) {
      logger.warn({ error: error instanceof Error ? error.name : 'unknown', code: codeOf(error) }, 'sweep failed; the next one tries again');
    }
  });
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.slice(0, 64) : undefined;
}

/** The app's sweep: every `intervalMinutes` (0: never) over its stores, with the default bounds. */
export function startSweeps(
  intervalMinutes: number, targets: SweepTargets, clock: Clock, logger: Logger, firstDelayMs?: number,
): SweepSchedule | undefined {
  if (intervalMinutes <= 0) return undefined;
  return scheduleSweeps({
    intervalMs: intervalMinutes * MINUTE_MS,
    ...(firstDelayMs === undefined ? {} : { firstDelayMs }),
    logger,
    sweep: (stopping) => sweepOnce(targets, clock, DEFAULT_SWEEP_BOUNDS, stopping),
  });
}
