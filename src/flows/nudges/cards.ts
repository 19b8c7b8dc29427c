// The nudge cards: what the bot says first, in the admin's language, with the figures of the nudge (computed by the
// domain, never here) and the one-click fix. Pure card data per kind (nudgeCard), and the message a sweep sends
// (nudgeMessages). Buttons carry ids only; every click is checked again by the domain.
import type { Activity } from 'botbuilder';
import type { Fact } from '../../cards/common.js';
import type { NudgeCardData } from '../../cards/data/nudge.js';
import { CardRenderer } from '../../cards/render.js';
import { CARD_TEXTS } from '../../cards/text.js';
import { addonQuantity, assignable } from '../../conversation/addonViews.js';
import { addonName, getAddon } from '../../domain/catalog.js';
import type { Language } from '../../domain/ids.js';
import type { ApprovalWaitingNudge, EndingNudge, Nudge, RefundWindowNudge, RenewalNudge } from '../../domain/nudges.js';
import { formatDate, formatDateTime, money } from '../../i18n/formats.js';
import { addonNoun } from '../../i18n/nouns.js';
import { text } from '../../i18n/text.js';
import { APPROVAL_TEXTS } from '../approvals/cardTexts.js';
import { totalQuotedLabel } from '../buy/texts.js';
import { NUDGE_CARD_TEXTS } from './cardTexts.js';

type Content = Omit<NudgeCardData, 'kind' | 'note' | 'labels'> & { readonly keep?: boolean };

function refundWindow(n: RefundWindowNudge, language: Language): Content {
  const addon = addonName(n.addonId, language);
  const reduceTo = addonQuantity(n.addonId, n.reduceTo, language);
  const refund = money(n.refund, language);
  const date = formatDateTime(n.windowEndsAt, language);
  const facts: Fact[] = [
    { title: text(NUDGE_CARD_TEXTS, language, 'quantity'), value: addonQuantity(n.addonId, n.quantity, language) },
    { title: text(NUDGE_CARD_TEXTS, language, 'assigned'), value: addonQuantity(n.addonId, n.assigned, language) },
    { title: text(NUDGE_CARD_TEXTS, language, 'windowCloses'), value: date },
    { title: text(NUDGE_CARD_TEXTS, language, 'refundIfReduced', { reduceTo }), value: refund },
  ];
  return {
    title: text(NUDGE_CARD_TEXTS, language, 'refundTitle', { addon, count: n.quantity - n.assigned, quantity: n.quantity }),
    tone: 'warning',
    message: text(NUDGE_CARD_TEXTS, language, 'refundMessage', { date, reduceTo: n.reduceTo, refund }),
    facts,
    subscriptionId: n.subscriptionId,
    ...(n.reduceTo < n.quantity ? { reduce: { quantity: n.reduceTo, title: text(NUDGE_CARD_TEXTS, language, 'reduce', { reduceTo: n.reduceTo }) } } : {}),
    keep: true,
  };
}

/** The quantity a renewal can go down to: what is assigned, at least the add-on's minimum; none where nothing is assigned. */
function renewalTarget(n: RenewalNudge): number | undefined {
  if (!assignable(n.addonId) || n.assigned >= n.quantity) return undefined;
  const target = Math.max(n.assigned, getAddon(n.addonId).quantity.min);
  if (target >= n.quantity || n.scheduledChange?.quantity === target) return undefined;
  return target;
}

function renewal(n: RenewalNudge, language: Language): Content {
  const date = formatDate(n.renewsAt, language);
  const charge = money(n.charge, language);
  const term = text(NUDGE_CARD_TEXTS, language, n.frequency === 'yearly' ? 'termYear' : 'termMonth');
  const lines = [text(NUDGE_CARD_TEXTS, language, 'renewalMessage', { date, addon: addonNoun(n.addonId), term, charge })];
  const unassigned = assignable(n.addonId) ? n.quantity - n.assigned : 0;
  if (unassigned > 0) lines.push(text(NUDGE_CARD_TEXTS, language, 'renewalUnassigned', { count: unassigned, quantity: n.quantity }));
  const facts: Fact[] = [
    { title: text(NUDGE_CARD_TEXTS, language, 'renewsOn'), value: date },
    { title: text(NUDGE_CARD_TEXTS, language, 'chargedAtRenewal'), value: charge },
    { title: CARD_TEXTS[language].orderPlaced.frequency, value: CARD_TEXTS[language].frequencies[n.frequency] },
    { title: text(NUDGE_CARD_TEXTS, language, 'quantity'), value: addonQuantity(n.addonId, n.quantity, language) },
  ];
  if (assignable(n.addonId)) facts.push({ title: text(NUDGE_CARD_TEXTS, language, 'assigned'), value: addonQuantity(n.addonId, n.assigned, language) });
  if (n.scheduledChange) {
    const scheduled = addonQuantity(n.addonId, n.scheduledChange.quantity, language);
    lines.push(text(NUDGE_CARD_TEXTS, language, 'renewalScheduled', { scheduled }));
    facts.push({
      title: text(NUDGE_CARD_TEXTS, language, 'scheduledChange'),
      value: text(NUDGE_CARD_TEXTS, language, 'scheduledValue', { scheduled, date: formatDate(n.scheduledChange.effectiveAt, language) }),
    });
  }
  const target = renewalTarget(n);
  return {
    title: text(NUDGE_CARD_TEXTS, language, 'renewalTitle', { addon: addonName(n.addonId, language), date }),
    tone: 'warning',
    message: lines.join(' '),
    facts,
    subscriptionId: n.subscriptionId,
    ...(target === undefined ? {} : { reduce: { quantity: target, title: text(NUDGE_CARD_TEXTS, language, 'reduceAtRenewal', { reduceTo: target }) } }),
    recurring: { turnOn: false, title: text(NUDGE_CARD_TEXTS, language, 'turnOff') },
  };
}

function ending(n: EndingNudge, language: Language): Content {
  const date = formatDate(n.endsAt, language);
  const quantity = addonQuantity(n.addonId, n.quantity, language);
  const unit = getAddon(n.addonId).unit;
  const after = unit === 'license'
    ? (n.assigned > 0 ? text(NUDGE_CARD_TEXTS, language, 'endingLicenses', { count: n.assigned }) : text(NUDGE_CARD_TEXTS, language, 'endingUnassigned', { quantity }))
    : text(NUDGE_CARD_TEXTS, language, unit === 'gb' ? 'endingStorage' : 'endingCredits', { quantity });
  return {
    title: text(NUDGE_CARD_TEXTS, language, 'endingTitle', { addon: addonName(n.addonId, language), date }),
    tone: 'attention',
    message: `${text(NUDGE_CARD_TEXTS, language, 'endingMessage', { addon: addonNoun(n.addonId), date })} ${after}`,
    facts: [
      { title: text(NUDGE_CARD_TEXTS, language, 'endsOn'), value: date },
      { title: text(NUDGE_CARD_TEXTS, language, 'quantity'), value: quantity },
    ],
    subscriptionId: n.subscriptionId,
    recurring: { turnOn: true, title: text(NUDGE_CARD_TEXTS, language, 'turnOn') },
  };
}

function approvalWaiting(n: ApprovalWaitingNudge, language: Language): Content {
  const a = APPROVAL_TEXTS[language].approval;
  const quantity = addonQuantity(n.addonId, n.quantity, language);
  const requestedOn = formatDate(n.requestedAt, language);
  const expires = formatDate(n.expiresAt, language);
  return {
    title: text(NUDGE_CARD_TEXTS, language, 'approvalTitle'),
    tone: 'warning',
    message: text(NUDGE_CARD_TEXTS, language, 'approvalMessage', {
      requester: n.requesterName, quantity, addon: addonNoun(n.addonId), date: requestedOn, expires,
    }),
    facts: [
      { title: a.requestNumber, value: n.requestId },
      { title: a.requestedBy, value: n.requesterName },
      { title: a.addon, value: addonName(n.addonId, language) },
      { title: a.quantity, value: quantity },
      { title: a.frequency, value: CARD_TEXTS[language].frequencies[n.frequency] },
      { title: totalQuotedLabel(n.frequency, language), value: money(n.totalPerPeriod, language) },
      { title: a.requestedOn, value: requestedOn },
      { title: a.expiresOn, value: expires },
    ],
    subscriptionId: '',
    request: { requestId: n.requestId, tenantId: n.tenantId, title: text(NUDGE_CARD_TEXTS, language, 'review') },
  };
}

function contentOf(nudge: Nudge, language: Language): Content {
  switch (nudge.kind) {
    case 'refund_window': return refundWindow(nudge, language);
    case 'renewal': return renewal(nudge, language);
    case 'ending': return ending(nudge, language);
    case 'approval_waiting': return approvalWaiting(nudge, language);
  }
}

/** The card data of a nudge, in the admin's language. */
export function nudgeCard(nudge: Nudge, language: Language): NudgeCardData {
  const { keep, ...content } = contentOf(nudge, language);
  return {
    ...content,
    kind: nudge.kind,
    note: text(NUDGE_CARD_TEXTS, language, 'note'),
    labels: { keep: keep === true ? text(NUDGE_CARD_TEXTS, language, 'keep') : '', stopReminders: text(NUDGE_CARD_TEXTS, language, 'stopReminders') },
  };
}

/** What a sweep sends for one nudge: a message with its card (and the title as the notification's preview). */
export type NudgeMessage = (nudge: Nudge, language: Language) => Partial<Activity>;

/** The nudge messages rendered with the app's card renderer (templates parsed once). */
export function nudgeMessages(cards: CardRenderer): NudgeMessage {
  return (nudge, language) => {
    const data = nudgeCard(nudge, language);
    return { type: 'message', summary: data.title, attachments: [cards.render('nudge', data)] };
  };
}

/**
 * One nudge's message. Pass the app's renderer when there is one: without it the card templates are read from disk
 * for this call.
 */
export function nudgeActivity(nudge: Nudge, language: Language, cards: CardRenderer = CardRenderer.load()): Partial<Activity> {
  return nudgeMessages(cards)(nudge, language);
}
