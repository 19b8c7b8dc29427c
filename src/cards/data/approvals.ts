// The data of the purchase-request cards (cards/approval.json, cards/requestApproval.json, cards/requests.json), the
// way src/cards/render.ts takes every card's data: strings already localized and formatted, ids only in action data.
import type { Fact, NoticeTone } from '../common.js';

/**
 * Which buttons the viewer gets: 'decide' (admins: Approve / Reject and a comment), 'decideAgain' (the price changed:
 * approve at the new total, or reject), 'cancel' (the requester: Cancel request), 'none' (read-only).
 */
export type ApprovalActions = 'decide' | 'decideAgain' | 'cancel' | 'none';

export interface ApprovalCardData {
  readonly requestId: string;
  /** The request's tenant: a click from another tenant changes nothing. */
  readonly tenantId: string;
  readonly title: string;
  /** "Waiting for approval", "Approved by Megan Bowen"… colored by `tone`. */
  readonly status: string;
  readonly tone: NoticeTone;
  /** E.g. "Lee Gu asks to buy Customer Lockbox."; omitted or '' hides it. */
  readonly message?: string;
  /** Add-on, subscription, quantity, frequency, total, who asked, justification, dates; then who decided, comment, order. */
  readonly facts: readonly Fact[];
  /** E.g. "The price changed: now $130.00 per year instead of $120.00."; omitted or '' hides it. */
  readonly warning?: string;
  readonly actions: ApprovalActions;
  /** With 'decideAgain': the digest of the terms shown (src/flows/approvals/cards.ts termsStampOf), never a price. */
  readonly termsStamp?: string;
  /**
   * While the request is pending, the user-specific views: Teams refreshes the card for these users (at most 60:
   * MRIs, or Entra object ids of those the bot never talked with) with an `approval.refresh` invoke. Omitted or empty:
   * no refresh (a final card is the same for everyone).
   */
  readonly refreshUserIds?: readonly string[];
  readonly labels: {
    readonly approve: string;
    readonly approveAgain: string;
    readonly reject: string;
    readonly cancelRequest: string;
    readonly comment: string;
    readonly commentPlaceholder: string;
    readonly refresh: string;
  };
}

/** The requester's card at the end of the buy flow, instead of checkout: what they ask for, and why (optional). */
export interface RequestApprovalCardData {
  readonly flowId: string;
  readonly quoteId: string;
  readonly title: string;
  readonly intro?: string;
  readonly facts: readonly Fact[];
  readonly labels: {
    readonly justification: string;
    readonly justificationPlaceholder: string;
    readonly send: string;
    readonly cancel: string;
  };
}

export interface RequestRow {
  readonly requestId: string;
  readonly tenantId: string;
  /** "Customer Lockbox · 5 licenses". */
  readonly title: string;
  readonly status: string;
  readonly tone: NoticeTone;
  readonly facts: readonly Fact[];
  /** The "Review" button's title (admins, pending requests); omitted or '' hides it. */
  readonly review?: string;
}

export interface RequestsCardData {
  readonly title: string;
  readonly intro?: string;
  readonly requests: readonly RequestRow[];
  /** The store's cursor of the next page, when there is one. */
  readonly nextCursor?: string;
  readonly labels: { readonly next: string; readonly buy: string };
}

export function prepareApproval(d: ApprovalCardData): object {
  const userIds = d.refreshUserIds ?? [];
  return {
    ...d, message: d.message ?? '', warning: d.warning ?? '', termsStamp: d.termsStamp ?? '',
    hasRefresh: userIds.length > 0, refreshUserIds: userIds,
  };
}

export function prepareRequestApproval(d: RequestApprovalCardData): object {
  return { ...d, intro: d.intro ?? '' };
}

export function prepareRequests(d: RequestsCardData): object {
  return {
    ...d, intro: d.intro ?? '', requests: d.requests.map((r) => ({ ...r, review: r.review ?? '' })),
    hasNext: d.nextCursor !== undefined && d.nextCursor !== '', nextCursor: d.nextCursor ?? '',
  };
}
