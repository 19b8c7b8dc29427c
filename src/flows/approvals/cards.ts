// Card data of purchase requests: the approval card's views (admin, requester, read-only, final), the requester's
// "Request approval" card and the "my requests" list. Presentation only: the request, its price and its state come
// from the domain; card payloads are never read here.
import { createHash } from 'node:crypto';
import type { ApprovalCardData, RequestApprovalCardData, RequestRow, RequestsCardData } from '../../cards/data/approvals.js';
import { APPROVAL_TEXTS } from './cardTexts.js';
import type { Fact, NoticeTone } from '../../cards/common.js';
import { CARD_TEXTS, fill, quantityWithUnit } from '../../cards/text.js';
import { BUY_CARD_TEXTS } from '../buy/cardTexts.js';
import type { BillingService, Caller } from '../../domain/billingService.js';
import { addonName, getAddon } from '../../domain/catalog.js';
import { isDomainError } from '../../domain/errors.js';
import type { UnitKind } from '../../domain/catalog.data.js';
import type { Language } from '../../domain/ids.js';
import type { Order, PurchaseRequest } from '../../domain/model.js';
import type { Money } from '../../domain/money.js';
import { formatDate, formatDateTime } from '../../i18n/formats.js';
import { baseTitle, baseView, type BaseView, type QuoteView } from '../../conversation/views.js';
import { money } from '../../i18n/formats.js';
import { addonNoun } from '../../i18n/nouns.js';
import { text } from '../../i18n/text.js';
import { BUY_TEXTS, periodWords, totalLabel, totalQuotedLabel } from '../buy/texts.js';

/** Teams refreshes a card for at most 60 users. */
export const MAX_REFRESH_USERS = 60;

/**
 * The digest of the terms an admin was shown when the price had changed ("approve at the new price"): the card
 * carries it instead of an amount; the handler compares it with the digest of the price of now.
 */
export function termsStampOf(requestId: string, total: Money): string {
  return createHash('sha256').update(`${requestId}|${total.amount}|${total.currency}`).digest('hex').slice(0, 16);
}

/** Names of the people of a request, its base subscription and its order: read once, rendered in each language. */
export interface RequestDetails {
  readonly names: ReadonlyMap<string, string>;
  readonly base: BaseView | undefined;
  readonly order: Order | undefined;
}

async function nameOf(billing: BillingService, tenantId: string, userId: string): Promise<string> {
  try {
    return (await billing.whoIs({ tenantId, userId })).user.name;
  } catch (error) {
    if (isDomainError(error)) return userId; // someone since removed: the card shows the id
    throw error;
  }
}

async function baseOf(billing: BillingService, caller: Caller, id: string): Promise<BaseView | undefined> {
  let after: string | null = null;
  do {
    const page = await billing.listBaseSubscriptions(caller, { limit: 100, after });
    const found = page.items.find((s) => s.id === id);
    if (found) return baseView(found);
    after = page.next;
  } while (after);
  return undefined;
}

/** Reads what the cards of these requests show, as `caller` (someone allowed to see them). */
export async function loadRequestDetails(billing: BillingService, caller: Caller, requests: readonly PurchaseRequest[]): Promise<Map<string, RequestDetails>> {
  const people = new Set<string>();
  for (const r of requests) {
    people.add(r.requesterId);
    if (r.decidedBy) people.add(r.decidedBy);
  }
  const names = new Map<string, string>();
  for (const id of people) names.set(id, await nameOf(billing, caller.tenantId, id));
  const bases = new Map<string, BaseView | undefined>();
  const out = new Map<string, RequestDetails>();
  for (const r of requests) {
    if (!bases.has(r.baseSubscriptionId)) bases.set(r.baseSubscriptionId, await baseOf(billing, caller, r.baseSubscriptionId));
    const order = r.orderId ? await billing.getOrder(caller, r.orderId).catch((e: unknown) => {
      if (isDomainError(e)) return undefined;
      throw e;
    }) : undefined;
    out.set(r.id, { names, base: bases.get(r.baseSubscriptionId), order });
  }
  return out;
}

export async function loadOneRequestDetails(billing: BillingService, caller: Caller, request: PurchaseRequest): Promise<RequestDetails> {
  const details = (await loadRequestDetails(billing, caller, [request])).get(request.id);
  if (!details) throw new Error(`no details for ${request.id}`);
  return details;
}

/** What a viewer of a pending request may do; a decided or expired request is final whatever the view. */
export type ApprovalView =
  | { readonly kind: 'admin' }
  | { readonly kind: 'adminPriceChanged'; readonly now: Money }
  | { readonly kind: 'requester' }
  | { readonly kind: 'readOnly' };

/** Why a viewer gets no details at all. */
export type RefusalReason = 'noAccess' | 'foreign' | 'demoted' | 'notFound';

function labels(language: Language): ApprovalCardData['labels'] {
  return APPROVAL_TEXTS[language].approval.labels;
}

/** License add-ons say whether the order will assign its licenses: a request never sets it unseen. */
function autoAssignFact(unit: UnitKind, autoAssign: boolean, language: Language): Fact[] {
  if (unit !== 'license') return [];
  return [{ title: BUY_CARD_TEXTS[language].checkout.autoAssign, value: text(BUY_TEXTS, language, autoAssign ? 'autoAssignOn' : 'autoAssignOff') }];
}

function requestFacts(request: PurchaseRequest, details: RequestDetails, language: Language): Fact[] {
  const t = APPROVAL_TEXTS[language].approval;
  const { unit } = getAddon(request.addonId);
  const facts: Fact[] = [
    { title: t.requestNumber, value: request.id },
    { title: t.requestedBy, value: details.names.get(request.requesterId) ?? request.requesterId },
    { title: t.addon, value: addonName(request.addonId, language) },
    { title: t.baseSubscription, value: details.base ? baseTitle(details.base, language) : request.baseSubscriptionId },
    { title: t.quantity, value: quantityWithUnit(request.quantity, unit, language) },
    { title: t.frequency, value: CARD_TEXTS[language].frequencies[request.frequency] },
    details.order
      ? { title: totalLabel(request.frequency, language), value: money(details.order.totalPerPeriod, language) }
      : { title: totalQuotedLabel(request.frequency, language), value: money(request.quotedTotalPerPeriod, language) },
    ...autoAssignFact(unit, request.autoAssign, language),
  ];
  if (request.justification) facts.push({ title: t.justification, value: request.justification });
  facts.push({ title: t.requestedOn, value: formatDate(request.createdAt, language) });
  return facts;
}

function statusOf(request: PurchaseRequest, details: RequestDetails, language: Language): { status: string; tone: NoticeTone } {
  const t = APPROVAL_TEXTS[language].approval;
  const name = request.decidedBy ? details.names.get(request.decidedBy) ?? request.decidedBy : '';
  switch (request.status) {
    case 'pending': return { status: t.statusPending, tone: 'warning' };
    case 'approved': return { status: fill(t.statusApproved, { name }), tone: 'good' };
    case 'rejected': return { status: fill(t.statusRejected, { name }), tone: 'attention' };
    case 'canceled': return { status: fill(t.statusCanceled, { name }), tone: 'default' };
    case 'expired': return { status: t.statusExpired, tone: 'attention' };
  }
}

/** The approval card of a request for one viewer, in one language. Pending views carry the refresh for `userIds`. */
export function approvalCard(
  request: PurchaseRequest, details: RequestDetails, view: ApprovalView, language: Language, userIds: readonly string[],
): ApprovalCardData {
  const t = APPROVAL_TEXTS[language].approval;
  const facts = requestFacts(request, details, language);
  const { status, tone } = statusOf(request, details, language);
  const base = { requestId: request.id, tenantId: request.tenantId, title: t.title, status, tone, labels: labels(language) };
  if (request.status === 'expired') {
    facts.push({ title: t.expiresOn, value: formatDate(request.expiresAt, language) });
    return { ...base, facts, message: fill(t.messageExpired, { date: formatDate(request.expiresAt, language) }), actions: 'none' };
  }
  if (request.status !== 'pending') {
    if (request.decidedAt) facts.push({ title: t.decidedOn, value: formatDateTime(request.decidedAt, language) });
    if (request.comment) facts.push({ title: t.comment, value: request.comment });
    if (request.orderId) facts.push({ title: t.orderNumber, value: request.orderId });
    return { ...base, facts, actions: 'none' };
  }
  facts.push({ title: t.expiresOn, value: formatDate(request.expiresAt, language) });
  const refreshUserIds = userIds.slice(0, MAX_REFRESH_USERS);
  const requester = details.names.get(request.requesterId) ?? request.requesterId;
  switch (view.kind) {
    case 'admin':
      return { ...base, facts, refreshUserIds, actions: 'decide',
        message: text(BUY_TEXTS, language, 'adminAsks', { requester, addon: addonNoun(request.addonId) }) };
    case 'adminPriceChanged':
      return { ...base, facts, refreshUserIds, actions: 'decideAgain', termsStamp: termsStampOf(request.id, view.now),
        message: text(BUY_TEXTS, language, 'adminAsks', { requester, addon: addonNoun(request.addonId) }),
        warning: text(BUY_TEXTS, language, 'warningPrice', {
          now: money(view.now, language), was: money(request.quotedTotalPerPeriod, language), period: periodWords(request.frequency, language),
        }) };
    case 'requester':
      return { ...base, facts, refreshUserIds, actions: 'cancel', message: t.messageRequester };
    case 'readOnly':
      return { ...base, facts, refreshUserIds, actions: 'none', message: t.messageReadOnly };
  }
}

/** The card for someone who may not see the request (or a payload that names nothing of theirs): no details. */
export function refusedCard(requestId: string, tenantId: string, reason: RefusalReason, language: Language): ApprovalCardData {
  const t = APPROVAL_TEXTS[language].approval;
  const message = { noAccess: t.messageNoAccess, foreign: t.messageForeign, demoted: t.messageDemoted, notFound: t.messageNotFound }[reason];
  return { requestId, tenantId, title: t.title, status: message, tone: 'warning', facts: [], actions: 'none', labels: labels(language) };
}

/** The requester's card at the end of the buy flow: the quote's terms and an optional reason. */
export function requestApprovalCard(flowId: string, quote: QuoteView, base: BaseView, language: Language): RequestApprovalCardData {
  const t = APPROVAL_TEXTS[language];
  const { unit } = getAddon(quote.addonId);
  const facts: Fact[] = [
    { title: t.approval.addon, value: addonName(quote.addonId, language) },
    { title: t.approval.baseSubscription, value: baseTitle(base, language) },
    { title: t.approval.quantity, value: quantityWithUnit(quote.quantity, unit, language) },
    { title: t.approval.frequency, value: CARD_TEXTS[language].frequencies[quote.frequency] },
    { title: totalQuotedLabel(quote.frequency, language), value: money(quote.totalPerPeriod, language) },
    ...autoAssignFact(unit, quote.autoAssign, language),
  ];
  return { flowId, quoteId: quote.id, title: t.requestApproval.title, intro: t.requestApproval.intro, facts, labels: t.requestApproval };
}

/** "My requests" (a user's own) or every request of the tenant (admins, who get a Review button on pending ones). */
export function requestsCard(input: {
  readonly requests: readonly PurchaseRequest[];
  readonly details: ReadonlyMap<string, RequestDetails>;
  readonly all: boolean;
  readonly nextCursor: string | null;
  readonly language: Language;
}): RequestsCardData {
  const { language } = input;
  const t = APPROVAL_TEXTS[language];
  const rows = input.requests.map((r): RequestRow => {
    const details = input.details.get(r.id) ?? { names: new Map<string, string>(), base: undefined, order: undefined };
    const { status, tone } = r.status === 'pending'
      ? { status: fill(t.requests.pendingUntil, { date: formatDate(r.expiresAt, language) }), tone: 'warning' as const }
      : statusOf(r, details, language);
    const facts: Fact[] = [{ title: t.approval.requestNumber, value: r.id }];
    if (input.all) facts.push({ title: t.approval.requestedBy, value: details.names.get(r.requesterId) ?? r.requesterId });
    facts.push({ title: t.approval.requestedOn, value: formatDate(r.createdAt, language) });
    if (r.comment) facts.push({ title: t.approval.comment, value: r.comment });
    if (r.orderId) facts.push({ title: t.approval.orderNumber, value: r.orderId });
    const title = `${addonName(r.addonId, language)} · ${quantityWithUnit(r.quantity, getAddon(r.addonId).unit, language)}`;
    return { requestId: r.id, tenantId: r.tenantId, title, status, tone, facts, ...(input.all && r.status === 'pending' ? { review: t.requests.review } : {}) };
  });
  const empty = input.all ? t.requests.emptyAll : t.requests.emptyMine;
  return {
    title: input.all ? t.requests.titleAll : t.requests.titleMine,
    intro: rows.length === 0 ? empty : input.all ? t.requests.introAll : t.requests.introMine,
    requests: rows,
    ...(input.nextCursor ? { nextCursor: input.nextCursor } : {}),
    labels: { next: t.requests.next, buy: t.requests.buy },
  };
}
