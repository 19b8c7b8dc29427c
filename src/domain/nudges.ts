// Nudges: what the bot tells an admin first, before money is lost (SPEC section 9). The shapes here are what the
// sweep finds due and what a nudge card shows; figures are computed by the domain, never by a card.
import type { AddonId, Frequency } from './ids.js';
import type { IsoDate, ScheduledChange } from './model.js';
import type { Money } from './money.js';
import { addDays, REFUND_WINDOW_DAYS } from './time.js';

export const NUDGE_KINDS = ['refund_window', 'renewal', 'ending', 'approval_waiting'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** Under this long before the 7-day refund window closes, an add-on with unassigned licenses gets a nudge. */
export const REFUND_WINDOW_NUDGE_MS = 24 * 60 * 60 * 1000;
/** This long before a renewal (recurring billing on) or an end (recurring billing off). */
export const TERM_NUDGE_DAYS = 7;
/** A purchase request pending this long reminds the admins who have not decided. */
export const APPROVAL_WAITING_DAYS = 2;

interface NudgeBase {
  readonly tenantId: string;
  /** The admin it is for (Entra object id). */
  readonly adminId: string;
  /**
   * The business key it is sent at most once for: (tenant, admin, kind, subscription or request, window or term).
   * It names the claim row; see nudgeKey.
   */
  readonly key: string;
}

/** An add-on bought, renewed or increased within the refund window, with fewer licenses assigned than bought. */
export interface RefundWindowNudge extends NudgeBase {
  readonly kind: 'refund_window';
  readonly subscriptionId: string;
  readonly addonId: AddonId;
  readonly quantity: number;
  readonly assigned: number;
  /** The quantity the one-click fix proposes: the assigned count (at least the add-on's minimum). */
  readonly reduceTo: number;
  /** What reducing to `reduceTo` now gives back (positive). */
  readonly refund: Money;
  /** When the window closes (the start of the term + 7 days). */
  readonly windowEndsAt: IsoDate;
}

/** Recurring billing on, renewal within 7 days. */
export interface RenewalNudge extends NudgeBase {
  readonly kind: 'renewal';
  readonly subscriptionId: string;
  readonly addonId: AddonId;
  readonly frequency: Frequency;
  readonly quantity: number;
  readonly assigned: number;
  readonly renewsAt: IsoDate;
  /** What the renewal will charge for the next term (the scheduled change applied). */
  readonly charge: Money;
  readonly scheduledChange: ScheduledChange | null;
}

/** Recurring billing off, the term ends within 7 days. */
export interface EndingNudge extends NudgeBase {
  readonly kind: 'ending';
  readonly subscriptionId: string;
  readonly addonId: AddonId;
  readonly quantity: number;
  /** Licenses assigned to people (0 for storage and credits, which cannot be assigned). */
  readonly assigned: number;
  readonly endsAt: IsoDate;
}

/** A purchase request pending for 2 days, to an admin who has not decided it. */
export interface ApprovalWaitingNudge extends NudgeBase {
  readonly kind: 'approval_waiting';
  readonly requestId: string;
  readonly requesterId: string;
  readonly requesterName: string;
  readonly addonId: AddonId;
  readonly quantity: number;
  readonly frequency: Frequency;
  readonly totalPerPeriod: Money;
  readonly requestedAt: IsoDate;
  readonly expiresAt: IsoDate;
}

export type Nudge = RefundWindowNudge | RenewalNudge | EndingNudge | ApprovalWaitingNudge;

/**
 * The claim key of a nudge: `nudge:<admin>:<kind>:<subscription or request>:<window or term>`, where the last part
 * is the term start (refund window), the term end (renewal, ending) or the request's creation (approval waiting).
 */
export function nudgeKey(adminId: string, kind: NudgeKind, subjectId: string, period: IsoDate): string {
  return `nudge:${adminId}:${kind}:${subjectId}:${period}`;
}

/** The subject (subscription or request) and the window or term a nudge is sent once for. */
export function nudgeSubject(nudge: Nudge): { readonly subjectId: string; readonly period: IsoDate } {
  switch (nudge.kind) {
    case 'refund_window': return { subjectId: nudge.subscriptionId, period: termStartOf(nudge) };
    case 'renewal': return { subjectId: nudge.subscriptionId, period: nudge.renewsAt };
    case 'ending': return { subjectId: nudge.subscriptionId, period: nudge.endsAt };
    case 'approval_waiting': return { subjectId: nudge.requestId, period: nudge.requestedAt };
  }
}

/** The refund window opens at the term start and closes 7 days later: its key names the term start. */
function termStartOf(nudge: RefundWindowNudge): IsoDate {
  return addDays(nudge.windowEndsAt, -REFUND_WINDOW_DAYS);
}

/**
 * Where a nudge stands: `sending` from the claim until the channel answers, then `sent` (never sent again) or
 * `failed` (a later sweep claims it again while it is still due). A `sending` claim left by a process that stopped
 * mid-send is taken over after NUDGE_SENDING_TIMEOUT_MS.
 */
export const NUDGE_CLAIM_STATUSES = ['sending', 'sent', 'failed'] as const;
export type NudgeClaimStatus = (typeof NUDGE_CLAIM_STATUSES)[number];

/** Far longer than a send can take (each connector call is bounded to seconds): only a stopped process leaves one. */
export const NUDGE_SENDING_TIMEOUT_MS = 15 * 60 * 1000;
/** Sends tried per nudge: a chat that keeps refusing (the app removed) is not tried at every sweep for days. */
export const NUDGE_MAX_ATTEMPTS = 8;

/** The ledger row that makes a nudge go out once: its id is the nudge's key (nudgeKey). */
export interface NudgeClaim {
  readonly id: string;
  readonly tenantId: string;
  readonly adminId: string;
  readonly kind: NudgeKind;
  /** The subscription or purchase request. */
  readonly subjectId: string;
  /** The window or term: the term start (refund window), the term end (renewal, ending), the request's creation. */
  readonly period: IsoDate;
  readonly status: NudgeClaimStatus;
  /** Sends tried so far, this one included while `sending`. */
  readonly attempts: number;
  readonly claimedAt: IsoDate;
  readonly updatedAt: IsoDate;
  readonly sentAt: IsoDate | null;
  /** Why the last send failed (an error code, never content). */
  readonly lastFailure: string | null;
}
