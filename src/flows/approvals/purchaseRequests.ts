// A purchase request from someone without purchase rights: stored with its quote by the domain, then an approval
// card goes to every global and billing admin of the tenant in their personal chat (the saved conversation, else a
// new one), and the requester's card becomes their view of the request. Who could not be reached is logged, and the
// requester is told who was notified.
import { TurnContext } from 'botbuilder';
import type { ApprovalCopy } from '../../proactive/approvalCopies.js';
import { isPersonalConversation, toStoredReference } from '../../proactive/conversationReferences.js';
import type { Origin } from '../../proactive/proactiveNotifier.js';
import type { ApprovalServices } from '../../turn/services.js';
import { languageIn, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import { canPurchase, type BillingService, type Caller } from '../../domain/billingService.js';
import type { Language } from '../../domain/ids.js';
import type { PurchaseRequest, User } from '../../domain/model.js';
import { formatList } from '../../i18n/formats.js';
import { approvalCard, loadOneRequestDetails, MAX_REFRESH_USERS, type RequestDetails } from './cards.js';
import type { BaseView, QuoteView } from '../../conversation/views.js';
import { callerIn, sendSay, type DialogDeps } from '../../turn/dialogDeps.js';

/** Admin chats notified at the same time (each is one or two connector calls). */
const NOTIFY_CONCURRENCY = 4;

/** The tenant's global and billing admins, read now (roles change). */
export async function approversOf(billing: BillingService, caller: Caller): Promise<User[]> {
  const admins: User[] = [];
  let after: string | null = null;
  do {
    const page = await billing.listUsers(caller, { limit: 100, after });
    admins.push(...page.items.filter(canPurchase));
    after = page.next;
  } while (after);
  return admins.sort((a, b) => a.name.localeCompare(b.name));
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The users whose Teams client refreshes the card into their own view: the requester first, then the admins. */
export async function refreshUsersOf(approvals: ApprovalServices | undefined, tenantId: string, requesterChannelId: string | undefined, admins: readonly User[]): Promise<string[]> {
  const ids: string[] = requesterChannelId ? [requesterChannelId] : [];
  for (const admin of admins) {
    ids.push((await approvals?.notifier.channelUserId({ tenantId, userId: admin.id })) ?? admin.id);
  }
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

/** The refresh users of a request from its recorded copies (each copy's channel account, else its Entra id). */
export function refreshUsersOfCopies(copies: readonly ApprovalCopy[], extra?: string): string[] {
  const ids = copies.map((c) => c.location.reference.user?.id ?? c.userId);
  if (extra) ids.push(extra);
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

function originOf(context: TurnContext): Origin | undefined {
  const { channelId, serviceUrl, recipient } = context.activity;
  if (!channelId || !serviceUrl || !recipient?.id) return undefined;
  return { channelId, serviceUrl, botId: recipient.id, botName: recipient.name ?? '' };
}

interface Notified {
  readonly reached: readonly User[];
  readonly unreached: readonly User[];
  readonly copies: readonly ApprovalCopy[];
}

async function notifyAdmins(
  deps: DialogDeps, context: TurnContext, request: PurchaseRequest, details: RequestDetails, admins: readonly User[], userIds: readonly string[],
): Promise<Notified> {
  const approvals = deps.services.approvals;
  const origin = originOf(context);
  if (!approvals || !origin) return { reached: [], unreached: admins, copies: [] };
  const render = (language: Language): AdaptiveCardAttachment =>
    deps.cards.render('approval', approvalCard(request, details, { kind: 'admin' }, language, userIds));
  const deliveries = await mapLimited(admins, NOTIFY_CONCURRENCY, (admin) =>
    approvals.notifier.postCard({ tenantId: request.tenantId, userId: admin.id }, render, origin));
  const reached: User[] = [];
  const unreached: User[] = [];
  const copies: ApprovalCopy[] = [];
  deliveries.forEach((delivery, i) => {
    const admin = admins[i];
    if (!admin) return;
    if (!delivery) {
      unreached.push(admin);
      deps.services.logger.warn({ tenant: request.tenantId, request: request.id, admin: admin.id }, 'approval card not delivered to an admin');
      return;
    }
    reached.push(admin);
    copies.push({ userId: admin.id, role: 'admin', language: delivery.language, location: delivery.location });
  });
  return { reached, unreached, copies };
}

/**
 * Shows the requester's own view of the request in place of the card they clicked, and returns where that copy is
 * (undefined when the channel gave no message id to update later).
 */
async function showRequesterCopy(deps: DialogDeps, context: TurnContext, card: AdaptiveCardAttachment, userId: string): Promise<ApprovalCopy | undefined> {
  const reference = toStoredReference(TurnContext.getConversationReference(context.activity));
  const clicked = context.activity.replyToId;
  let activityId: string | undefined;
  if (clicked) {
    await replaceClickedCard(context, card);
    activityId = clicked;
  } else {
    activityId = (await context.sendActivity({ type: 'message', attachments: [card] }))?.id;
  }
  if (!reference || !activityId) return undefined;
  return { userId, role: 'requester', language: languageIn(context), location: { reference, activityId } };
}

export type Submitted = { readonly requestId: string; readonly duplicate: boolean };

/**
 * "Send request": the domain stores the request (once per quote), the admins get their cards, the requester's card
 * becomes the pending request with Cancel, and the requester is told who was notified. Domain failures (a quote
 * past its 15 minutes…) propagate to the dialog.
 */
export async function submitPurchaseRequest(
  deps: DialogDeps, context: TurnContext, input: { readonly quote: QuoteView; readonly base: BaseView; readonly justification: string },
): Promise<Submitted> {
  const { billing, logger } = deps.services;
  const approvals = deps.services.approvals;
  const caller = callerIn(context);
  const requested = await billing.requestPurchase(caller, { quoteId: input.quote.id, justification: input.justification });
  const { request } = requested;
  const language = languageIn(context);
  const details = await loadOneRequestDetails(billing, caller, request);
  const personal = isPersonalConversation(context.activity);
  if (requested.duplicate) {
    // A second click or a redelivery: nothing is sent again; the card shows the request as it stands.
    const copies = approvals ? await approvals.copies.list(caller.tenantId, request.id) : [];
    const current = await billing.getRequest(caller, request.id);
    await replaceClickedCard(context, deps.cards.render('approval',
      approvalCard(current, details, { kind: personal ? 'requester' : 'readOnly' }, language, refreshUsersOfCopies(copies, context.activity.from?.id))));
    noteOutcome(context, 'duplicate');
    await sendSay(deps, context, 'requestAlreadySent', { requestId: request.id });
    return { requestId: request.id, duplicate: true };
  }
  const admins = (await approversOf(billing, caller)).filter((a) => a.id !== caller.userId);
  const userIds = await refreshUsersOf(approvals, caller.tenantId, context.activity.from?.id, admins);
  const notified = await notifyAdmins(deps, context, request, details, admins, userIds);
  // In a group chat or channel the shared message shows the read-only view; the requester's own comes by refresh.
  const card = deps.cards.render('approval', approvalCard(request, details, { kind: personal ? 'requester' : 'readOnly' }, language, userIds));
  const requesterCopy = await showRequesterCopy(deps, context, card, caller.userId);
  if (approvals) {
    const copies = requesterCopy ? [requesterCopy, ...notified.copies] : [...notified.copies];
    try {
      await approvals.copies.add(caller.tenantId, request.id, copies);
    } catch (error) {
      // The copies then change at their next refresh rather than at once; the request itself is safe in the ledger.
      logger.warn({ tenant: caller.tenantId, request: request.id, code: error instanceof Error ? error.name : 'unknown' }, 'could not record the approval card copies');
    }
  }
  noteOutcome(context, notified.unreached.length === 0 && admins.length > 0 ? 'request_sent' : 'request_sent_partly');
  const names = formatList(notified.reached.map((a) => a.name), language);
  const unreachable = formatList(notified.unreached.map((a) => a.name), language);
  if (admins.length === 0) await sendSay(deps, context, 'requestNoAdmins', { requestId: request.id });
  else if (notified.reached.length === 0) await sendSay(deps, context, 'requestNobodyReached', { requestId: request.id, unreachable });
  else if (notified.unreached.length > 0) await sendSay(deps, context, 'requestSentPartly', { requestId: request.id, names, unreachable });
  else await sendSay(deps, context, 'requestSent', { requestId: request.id, names });
  return { requestId: request.id, duplicate: false };
}
