// The nudge sweep: the bot speaks first (SPEC section 9). For each tenant, each nudge due now for an admin who has
// talked to the bot (a saved personal chat, which also gives their language) is claimed in the ledger, built, sent in
// that chat and recorded as sent or failed; a failed one is tried again by a later sweep while it is still due, and a
// sent one never again, whichever instance sweeps. Bounded in time and in sends; every send is time-bounded; a failure
// is one log line (ids and a code, never content), never an exception out of the sweep. It runs on its own timer or
// from the nudges script, never inside a turn.
import type { Activity } from 'botbuilder';
import type { Logger } from 'pino';
import { CONNECTOR_CALL_TIMEOUT_MS } from '../../callDeadline.js';
import type { BillingService, NudgeTicket } from '../../domain/billingService.js';
import type { Language } from '../../domain/ids.js';
import type { Nudge, NudgeKind } from '../../domain/nudges.js';
import type { Clock } from '../../domain/ports.js';
import type { ConversationReferenceStore, SavedReference, StoredReference } from '../../turn/ports.js';

/** Builds the message of a nudge in the admin's language (the nudge card, or a line of text). */
export type NudgeActivity = (nudge: Nudge, language: Language) => Partial<Activity>;

/** Posts in a conversation the bot knows: the activity id, or undefined when the channel refused (ProactiveNotifier). */
export interface NudgeSender {
  postActivity(to: StoredReference, activity: Partial<Activity>): Promise<string | undefined>;
}

export interface NudgeSweepDeps {
  readonly billing: Pick<BillingService, 'sweptTenants' | 'dueNudges' | 'claimNudge' | 'recordNudgeSent' | 'recordNudgeFailed'>;
  readonly references: Pick<ConversationReferenceStore, 'get'>;
  readonly sender: NudgeSender;
  readonly render: NudgeActivity;
  /** What is due is decided at this clock's instant. */
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface NudgeSweepBounds {
  /** Sends tried in one sweep (failed ones count); the rest waits for the next sweep. */
  readonly maxSends: number;
  /** No new send starts after this long (real time, whatever the clock says). */
  readonly maxDurationMs: number;
  /** One send, from the claim to the channel's answer; the connector call itself is bounded to less. */
  readonly sendTimeoutMs: number;
}

export const DEFAULT_NUDGE_SWEEP_BOUNDS: NudgeSweepBounds = {
  maxSends: 200, maxDurationMs: 60_000, sendTimeoutMs: 2 * CONNECTOR_CALL_TIMEOUT_MS,
};

/** One nudge sent: for an approval waiting, `request` names the request and `subscription` is absent. */
export interface SentNudge {
  readonly tenant: string;
  readonly user: string;
  readonly kind: NudgeKind;
  readonly subscription?: string;
  readonly request?: string;
}

export interface NudgeSweepReport {
  readonly sent: readonly SentNudge[];
  /** Sends that failed this time (each is tried again by a later sweep while still due). */
  readonly failed: number;
  /** False when a bound, a stop or a failed read left nudges possibly due for the next sweep. */
  readonly complete: boolean;
}

type SendOutcome = 'sent' | 'failed' | 'skipped';

function codeOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}:${code.slice(0, 32)}` : error.name;
  }
  return typeof error;
}

/** Resolves with the work's result, or with 'timeout' once `ms` has passed. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sentNudge(nudge: Nudge): SentNudge {
  const who = { tenant: nudge.tenantId, user: nudge.adminId, kind: nudge.kind };
  return nudge.kind === 'approval_waiting' ? { ...who, request: nudge.requestId } : { ...who, subscription: nudge.subscriptionId };
}

/** One sweep over every tenant at the clock's instant, within the bounds; `stopping` ends it before the next send. */
export async function sweepNudges(
  deps: NudgeSweepDeps, bounds: NudgeSweepBounds = DEFAULT_NUDGE_SWEEP_BOUNDS, stopping: () => boolean = () => false,
): Promise<NudgeSweepReport> {
  const { billing, logger } = deps;
  const now = deps.clock.now();
  const started = performance.now();
  const sent: SentNudge[] = [];
  let failed = 0;
  let complete = true;
  const mustStop = (): boolean => stopping() || performance.now() - started >= bounds.maxDurationMs || sent.length + failed >= bounds.maxSends;

  let tenants: string[];
  try {
    tenants = await billing.sweptTenants();
  } catch (error) {
    logger.warn({ code: codeOf(error) }, 'nudge sweep could not list the tenants');
    return { sent, failed, complete: false };
  }
  for (const tenantId of tenants) {
    if (mustStop()) return { sent, failed, complete: false };
    let due: Nudge[];
    try {
      due = await billing.dueNudges(tenantId, now);
    } catch (error) {
      logger.warn({ tenant: tenantId, code: codeOf(error) }, 'nudge sweep could not read a tenant');
      complete = false;
      continue;
    }
    for (const nudge of due) {
      if (mustStop()) return { sent, failed, complete: false };
      const outcome = await sendOne(deps, nudge, bounds.sendTimeoutMs);
      if (outcome === 'sent') sent.push(sentNudge(nudge));
      else if (outcome === 'failed') failed += 1;
    }
  }
  return { sent, failed, complete };
}

/** Claims, builds, sends and records one nudge; 'skipped' when it is not this sweep's to send. */
async function sendOne(deps: NudgeSweepDeps, nudge: Nudge, timeoutMs: number): Promise<SendOutcome> {
  const { billing, logger } = deps;
  const ids = { tenant: nudge.tenantId, user: nudge.adminId, kind: nudge.kind };
  let saved: SavedReference | undefined;
  let ticket: NudgeTicket | undefined;
  try {
    // Only admins who have talked to the bot: their personal chat is known, and so is their language.
    saved = await deps.references.get(nudge.tenantId, nudge.adminId);
    if (!saved) return 'skipped';
    ticket = await billing.claimNudge(nudge);
  } catch (error) {
    logger.warn({ ...ids, code: codeOf(error) }, 'nudge not claimed');
    return 'skipped';
  }
  if (!ticket) return 'skipped';
  const reference = saved.reference;
  const language = saved.language;
  const result = await within((async () => deps.sender.postActivity(reference, deps.render(nudge, language)))().then(
    (id) => (id === undefined ? { failure: 'not_reached' } : { id }),
    (error: unknown) => ({ failure: codeOf(error) }),
  ), timeoutMs);
  const failure = result === 'timeout' ? 'timeout' : 'failure' in result ? result.failure : undefined;
  try {
    if (failure === undefined) {
      if (!(await billing.recordNudgeSent(ticket))) logger.warn(ids, 'nudge sent, but its claim was taken over meanwhile');
      return 'sent';
    }
    await billing.recordNudgeFailed(ticket, failure);
  } catch (error) {
    // The claim stays 'sending': a later sweep takes it over once it is old enough.
    logger.warn({ ...ids, code: codeOf(error) }, 'nudge outcome not recorded');
    return failure === undefined ? 'sent' : 'failed';
  }
  logger.warn({ ...ids, code: failure }, 'nudge not sent; the next sweep tries again');
  return 'failed';
}
