// The approval card's actions, whatever flow the clicker is in: one handler per verb. Every payload is validated with
// zod; the tenant and the person come from the activity, never from the card; the domain reads the role at the click
// and decides exactly once per request. The clicker's card is answered in place (the invoke response, or an update
// of the clicked message for the Action.Submit fallback); after a decision every other copy of the card is updated
// to the final state and the requester is told in their chat and language. A refresh only answers with the viewer's
// own view: it never updates the shared message (that would loop).
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { ApprovalCopy } from '../../proactive/approvalCopies.js';
import { toStoredReference } from '../../proactive/conversationReferences.js';
import { languageIn, noteIntent, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import type { ApprovalCardData } from '../../cards/data/approvals.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import type { CardAction, Verb } from '../../conversation/verbs.js';
import { canPurchase, type Caller } from '../../domain/billingService.js';
import { addonName } from '../../domain/catalog.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { Language } from '../../domain/ids.js';
import type { PurchaseRequest } from '../../domain/model.js';
import type { Money } from '../../domain/money.js';
import { BOT_TEXTS, type BotMessageKey } from '../../i18n/botMessages.js';
import { text, textOfKey } from '../../i18n/text.js';
import { describeError, formatDate } from '../../i18n/index.js';
import {
  approvalCard, loadOneRequestDetails, refusedCard, termsStampOf, type ApprovalView, type RequestDetails,
} from './cards.js';
import { money } from '../../i18n/formats.js';
import { BUY_TEXTS, periodWords } from '../buy/texts.js';
import { callerIn, say, sendSay, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { refreshUsersOfCopies } from './purchaseRequests.js';

export const APPROVAL_VERBS = ['approval.refresh', 'approval.approve', 'approval.reject', 'approval.cancel', 'approval.open'] as const satisfies readonly Verb[];
export type ApprovalVerb = (typeof APPROVAL_VERBS)[number];

export type ApprovalAction = CardAction & { readonly verb: ApprovalVerb };

const IdT = z.string().min(1).max(128);
const CommentT = z.string().max(500).optional();
const target = { requestId: IdT, tenantId: IdT };
const RefreshT = z.object({ verb: z.literal('approval.refresh'), ...target }).strict();
const ApproveT = z.object({ verb: z.literal('approval.approve'), ...target, termsStamp: z.string().regex(/^[0-9a-f]{16}$/).optional(), comment: CommentT }).strict();
const RejectT = z.object({ verb: z.literal('approval.reject'), ...target, comment: CommentT }).strict();
const CancelT = z.object({ verb: z.literal('approval.cancel'), ...target }).strict();
const OpenT = z.object({ verb: z.literal('approval.open'), ...target }).strict();

type Target = { readonly requestId: string; readonly tenantId: string };

/** The message of the clicked card, to leave it out of the updates (its own answer already replaced it). */
interface Clicked {
  readonly conversationId: string | undefined;
  readonly activityId: string | undefined;
}

export class ApprovalHandler {
  private readonly handlers: { readonly [V in ApprovalVerb]: (context: TurnContext, action: ApprovalAction) => Promise<void> };

  constructor(private readonly deps: DialogDeps) {
    this.handlers = {
      'approval.refresh': this.refresh.bind(this),
      'approval.approve': this.approve.bind(this),
      'approval.reject': this.reject.bind(this),
      'approval.cancel': this.cancel.bind(this),
      'approval.open': this.open.bind(this),
    };
  }

  async handle(context: TurnContext, action: ApprovalAction): Promise<void> {
    noteIntent(context, action.verb);
    try {
      await this.handlers[action.verb](context, action);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // Anything the handlers did not expect (unknown user, in progress…): said plainly; the card stays as it is.
      noteOutcome(context, `error:${error.code}`);
      await sendText(context, describeError(error, languageIn(context)));
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // One handler per verb
  // -------------------------------------------------------------------------------------------------------------

  /** Automatic refresh: the viewer's own view in the invoke response; nothing is written, nothing else updated. */
  private async refresh(context: TurnContext, action: ApprovalAction): Promise<void> {
    const parsed = RefreshT.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    noteOutcome(context, 'refreshed');
    await replaceClickedCard(context, await this.viewFor(context, parsed.data));
  }

  private async approve(context: TurnContext, action: ApprovalAction): Promise<void> {
    const parsed = ApproveT.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    const { requestId, termsStamp, comment } = parsed.data;
    if (await this.foreign(context, parsed.data)) return;
    const caller = callerIn(context);
    await this.decide(context, parsed.data, async () => {
      let accepted: Money | undefined;
      if (termsStamp !== undefined) {
        // "Approve at the new price": only if the price of now is still the one the admin was shown.
        const priced = await this.deps.services.billing.priceRequestNow(caller, requestId);
        if (termsStampOf(requestId, priced.totalPerPeriod) !== termsStamp) throw new DomainError('price_changed');
        accepted = priced.totalPerPeriod;
      }
      return this.deps.services.billing.approveRequest(caller, { requestId, comment, acceptedTotalPerPeriod: accepted });
    });
  }

  private async reject(context: TurnContext, action: ApprovalAction): Promise<void> {
    const parsed = RejectT.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    if (await this.foreign(context, parsed.data)) return;
    const caller = callerIn(context);
    await this.decide(context, parsed.data, () => this.deps.services.billing.rejectRequest(caller, { requestId: parsed.data.requestId, comment: parsed.data.comment }));
  }

  private async cancel(context: TurnContext, action: ApprovalAction): Promise<void> {
    const parsed = CancelT.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    if (await this.foreign(context, parsed.data)) return;
    const caller = callerIn(context);
    await this.decide(context, parsed.data, () => this.deps.services.billing.cancelRequest(caller, { requestId: parsed.data.requestId }));
  }

  /** "Review" on the requests list (admins): the approval card is posted in this chat and becomes one more copy. */
  private async open(context: TurnContext, action: ApprovalAction): Promise<void> {
    const parsed = OpenT.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    if (await this.foreign(context, parsed.data)) return;
    const caller = callerIn(context);
    const { user } = await this.deps.services.billing.whoIs(caller);
    if (!canPurchase(user)) {
      noteOutcome(context, 'forbidden');
      return sendSay(this.deps, context, 'notAllowedToDecide');
    }
    const card = await this.viewFor(context, parsed.data);
    const sent = await context.sendActivity({ type: 'message', attachments: [card] });
    const reference = toStoredReference(TurnContext.getConversationReference(context.activity));
    const approvals = this.deps.services.approvals;
    if (approvals && reference && sent?.id) {
      const copy: ApprovalCopy = { userId: caller.userId, role: 'admin', language: languageIn(context), location: { reference, activityId: sent.id } };
      await approvals.copies.add(caller.tenantId, parsed.data.requestId, [copy]);
    }
    noteOutcome(context, 'opened');
  }

  // -------------------------------------------------------------------------------------------------------------
  // Deciding
  // -------------------------------------------------------------------------------------------------------------

  /** Runs a decision and answers every outcome: decided now, decided before, expired, price changed, not allowed. */
  private async decide(
    context: TurnContext, target: Target, run: () => Promise<{ request: PurchaseRequest; duplicate: boolean }>,
  ): Promise<void> {
    const caller = callerIn(context);
    try {
      const { request, duplicate } = await run();
      return duplicate ? this.alreadyDecided(context, caller, request) : this.decided(context, caller, request);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      switch (error.code) {
        case 'forbidden':
          noteOutcome(context, 'forbidden');
          if (error.params.reason === 'not_requester') {
            await replaceClickedCard(context, await this.viewFor(context, target));
            return sendSay(this.deps, context, 'onlyRequesterCancels');
          }
          await this.answerCard(context, refusedCard(target.requestId, target.tenantId, 'demoted', languageIn(context)));
          return sendSay(this.deps, context, 'notAllowedToDecide');
        case 'not_found':
          noteOutcome(context, 'not_found');
          await this.answerCard(context, refusedCard(target.requestId, target.tenantId, 'notFound', languageIn(context)));
          return sendSay(this.deps, context, 'requestNotFound');
        case 'request_expired':
          return this.expired(context, caller, target);
        case 'request_decided':
          return this.alreadyDecided(context, caller, await this.deps.services.billing.getRequest(caller, target.requestId));
        case 'price_changed':
          return this.priceChanged(context, caller, target);
        default:
          throw error;
      }
    }
  }

  /** This click decided: the clicker's card, every other copy, the requester, and the clicker are told. */
  private async decided(context: TurnContext, caller: Caller, request: PurchaseRequest): Promise<void> {
    noteOutcome(context, `request_${request.status}`);
    const details = await loadOneRequestDetails(this.deps.services.billing, caller, request);
    await this.answerCard(context, approvalCard(request, details, { kind: 'readOnly' }, languageIn(context), []));
    const copies = await this.copiesOf(request);
    await this.updateCopies(context, request, details, copies);
    const requesterName = details.names.get(request.requesterId) ?? request.requesterId;
    if (request.status === 'canceled') return sendSay(this.deps, context, 'canceledByYou', { requestId: request.id });
    await this.tellRequester(request, details, copies);
    if (request.status === 'approved') return sendSay(this.deps, context, 'approvedByYou', { orderId: request.orderId ?? '', requester: requesterName });
    return sendSay(this.deps, context, 'rejectedByYou', { requester: requesterName });
  }

  /** Someone decided first (another admin, another copy, a second click): the final card and who did it. */
  private async alreadyDecided(context: TurnContext, caller: Caller, request: PurchaseRequest): Promise<void> {
    if (request.status === 'expired') return this.expired(context, caller, { requestId: request.id, tenantId: request.tenantId });
    noteOutcome(context, 'duplicate');
    const details = await loadOneRequestDetails(this.deps.services.billing, caller, request);
    const language = languageIn(context);
    await this.answerCard(context, approvalCard(request, details, { kind: 'readOnly' }, language, []));
    const name = request.decidedBy ? details.names.get(request.decidedBy) ?? request.decidedBy : '';
    const date = request.decidedAt ? formatDate(request.decidedAt, language) : '';
    const key: BotMessageKey = request.status === 'approved' ? 'alreadyApprovedBy' : request.status === 'rejected' ? 'alreadyRejectedBy' : 'alreadyCanceledBy';
    await sendSay(this.deps, context, key, { name, date, orderId: request.orderId ?? '' });
  }

  /** Nobody decided within 7 days: every copy shows it, nothing is ordered. */
  private async expired(context: TurnContext, caller: Caller, target: Target): Promise<void> {
    noteOutcome(context, 'request_expired');
    const request = await this.deps.services.billing.getRequest(caller, target.requestId);
    const details = await loadOneRequestDetails(this.deps.services.billing, caller, request);
    await this.answerCard(context, approvalCard(request, details, { kind: 'readOnly' }, languageIn(context), []));
    await this.updateCopies(context, request, details, await this.copiesOf(request));
    await sendSay(this.deps, context, 'requestExpiredNow', { date: formatDate(request.expiresAt, languageIn(context)) });
  }

  /** The quote expired and the price of now differs: the new total, and Approve again at it. */
  private async priceChanged(context: TurnContext, caller: Caller, target: Target): Promise<void> {
    noteOutcome(context, 'price_changed');
    const { billing } = this.deps.services;
    const priced = await billing.priceRequestNow(caller, target.requestId);
    const details = await loadOneRequestDetails(billing, caller, priced.request);
    const copies = await this.copiesOf(priced.request);
    const language = languageIn(context);
    await this.answerCard(context, approvalCard(priced.request, details, { kind: 'adminPriceChanged', now: priced.totalPerPeriod }, language,
      refreshUsersOfCopies(copies, context.activity.from?.id)));
    await sendText(context, text(BUY_TEXTS, language, 'priceChangedAsk', {
      requester: details.names.get(priced.request.requesterId) ?? priced.request.requesterId,
      now: money(priced.totalPerPeriod, language), was: money(priced.request.quotedTotalPerPeriod, language),
      period: periodWords(priced.request.frequency, language),
    }));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Views and copies
  // -------------------------------------------------------------------------------------------------------------

  /** The card this viewer sees now: their own view of a pending request, the final state, or no details at all. */
  private async viewFor(context: TurnContext, target: Target): Promise<AdaptiveCardAttachment> {
    const language = languageIn(context);
    const caller = callerIn(context);
    if (target.tenantId !== caller.tenantId) return this.render(refusedCard(target.requestId, target.tenantId, 'foreign', language));
    const { billing } = this.deps.services;
    let request: PurchaseRequest;
    try {
      request = await billing.getRequest(caller, target.requestId);
    } catch (error) {
      if (!isDomainError(error) || (error.code !== 'not_found' && error.code !== 'forbidden')) throw error;
      return this.render(refusedCard(target.requestId, target.tenantId, 'noAccess', language));
    }
    const details = await loadOneRequestDetails(billing, caller, request);
    const copies = request.status === 'pending' ? await this.copiesOf(request) : [];
    const userIds = refreshUsersOfCopies(copies, context.activity.from?.id);
    const { user } = await billing.whoIs(caller);
    let view: ApprovalView = { kind: 'readOnly' };
    if (request.status === 'pending' && canPurchase(user)) {
      const priced = await billing.priceRequestNow(caller, request.id);
      view = priced.changed ? { kind: 'adminPriceChanged', now: priced.totalPerPeriod } : { kind: 'admin' };
    } else if (request.requesterId === user.id) {
      view = { kind: 'requester' };
    }
    return this.render(approvalCard(request, details, view, language, userIds));
  }

  private render(data: ApprovalCardData): AdaptiveCardAttachment {
    return this.deps.cards.render('approval', data);
  }

  private async answerCard(context: TurnContext, data: ApprovalCardData): Promise<void> {
    await replaceClickedCard(context, this.render(data));
  }

  private async copiesOf(request: PurchaseRequest): Promise<readonly ApprovalCopy[]> {
    const approvals = this.deps.services.approvals;
    if (!approvals) return [];
    try {
      return await approvals.copies.list(request.tenantId, request.id);
    } catch (error) {
      this.deps.services.logger.warn({ tenant: request.tenantId, request: request.id, code: error instanceof Error ? error.name : 'unknown' },
        'could not read the approval card copies');
      return [];
    }
  }

  /** Every copy but the clicked one, in its own language, to the request's state (final: no buttons, no refresh). */
  private async updateCopies(context: TurnContext, request: PurchaseRequest, details: RequestDetails, copies: readonly ApprovalCopy[]): Promise<void> {
    const approvals = this.deps.services.approvals;
    if (!approvals) return;
    const clicked: Clicked = { conversationId: context.activity.conversation?.id, activityId: context.activity.replyToId };
    const others = copies.filter((c) => !(c.location.activityId === clicked.activityId && c.location.reference.conversation.id === clicked.conversationId));
    const cards = new Map<Language, AdaptiveCardAttachment>();
    const cardIn = (language: Language): AdaptiveCardAttachment => {
      const existing = cards.get(language);
      if (existing) return existing;
      const card = this.render(approvalCard(request, details, { kind: 'readOnly' }, language, []));
      cards.set(language, card);
      return card;
    };
    const results = await Promise.all(others.map((c) => approvals.notifier.updateCard(c.location, cardIn(c.language))));
    const failed = results.filter((ok) => !ok).length;
    if (failed > 0) this.deps.services.logger.warn({ tenant: request.tenantId, request: request.id, failed }, 'some approval card copies were not updated');
  }

  /** The requester hears of the decision in their own chat and language. */
  private async tellRequester(request: PurchaseRequest, details: RequestDetails, copies: readonly ApprovalCopy[]): Promise<void> {
    const approvals = this.deps.services.approvals;
    if (!approvals) return;
    // Their personal chat with the bot when it is known, else the chat where they requested.
    const copy = copies.find((c) => c.role === 'requester' && c.userId === request.requesterId);
    const saved = await approvals.references.get(request.tenantId, request.requesterId).catch(() => undefined);
    const reference = saved?.reference ?? copy?.location.reference;
    const language: Language = copy?.language ?? saved?.language ?? 'en';
    if (!reference) {
      this.deps.services.logger.warn({ tenant: request.tenantId, request: request.id }, 'the requester could not be told: no chat known');
      return;
    }
    const name = request.decidedBy ? details.names.get(request.decidedBy) ?? request.decidedBy : '';
    const addon = addonName(request.addonId, language);
    const key: BotMessageKey = request.status === 'approved' ? 'toRequesterApproved' : 'toRequesterRejected';
    const lines = [textOfKey(BOT_TEXTS, language, key, { name, addon, orderId: request.orderId ?? '' })];
    if (request.comment) lines.push(text(BOT_TEXTS, language, 'toRequesterComment', { comment: request.comment }));
    const told = await approvals.notifier.postText(reference, lines.join(' '));
    if (!told) this.deps.services.logger.warn({ tenant: request.tenantId, request: request.id }, 'the requester could not be told');
  }

  // -------------------------------------------------------------------------------------------------------------
  // Refusals
  // -------------------------------------------------------------------------------------------------------------

  /** A card of another tenant changes nothing: the payload's tenant must be the caller's (the activity's). */
  private async foreign(context: TurnContext, target: Target): Promise<boolean> {
    if (target.tenantId === callerIn(context).tenantId) return false;
    noteOutcome(context, 'foreign_tenant');
    await this.answerCard(context, refusedCard(target.requestId, target.tenantId, 'foreign', languageIn(context)));
    await sendSay(this.deps, context, 'foreignCard');
    return true;
  }

  private async invalid(context: TurnContext): Promise<void> {
    noteOutcome(context, 'invalid_input');
    await sendText(context, say(this.deps, context, 'invalidCard'));
  }
}
