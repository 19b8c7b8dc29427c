// Card data of the change flows: the add-on picker, the change-quantity question, the confirmation cards and the
// outcomes. Presentation only: amounts and dates come from the domain's quotes and outcomes, names from the catalog,
// fixed texts from src/conversation/manageCardTexts.ts.

import type { ChoiceCardData, Fact } from '../../cards/common.js';
import type { ChangeQuantityCardData, ConfirmChangeCardData } from '../../cards/data/manage.js';
import { adminCenterAction, CARD_TEXTS, fill, rangeBounds, unitLabel } from '../../cards/text.js';
import { addonName, getAddon, planName } from '../../domain/catalog.js';
import { type Cloud, type Frequency, type Language } from '../../domain/ids.js';
import type { Money } from '../../domain/money.js';
import { formatDate } from '../../i18n/index.js';
import { text } from '../../i18n/text.js';
import { money } from '../../i18n/formats.js';
import { type ManagePurpose } from '../../conversation/tenantSubscriptions.js';
import { type AddonView, addonFacts, addonQuantity, assignable, baseOf, diff, headerFacts, negateMoney, signed, texts } from '../../conversation/addonViews.js';
import { MANAGE_CARD_TEXTS } from '../../conversation/manageCardTexts.js';
import { MANAGE_TEXTS } from './texts.js';
import type { ChangeView, OutcomeView } from './views.js';

// ---------------------------------------------------------------------------------------------------------------
// The change flows: picking the add-on, the new quantity, the confirmation, the outcome
// ---------------------------------------------------------------------------------------------------------------

/**
 * "Audio Conferencing — 10 licenses on Office 365 E3": what tells options apart comes first, so a compact choice set
 * that cuts long titles still shows it. When every option is the same add-on (`byPlan`), the plan leads:
 * "Office 365 E3 — 10 licenses".
 */
export function addonTitle(addon: AddonView, language: Language, byPlan = false): string {
  const quantity = addonQuantity(addon.addonId, addon.quantity, language);
  const addonNameIn = addonName(addon.addonId, language);
  if (!addon.basePlanId) {
    return text(MANAGE_TEXTS, language, 'optionWithoutPlan', { addon: addonNameIn, quantity, kind: MANAGE_CARD_TEXTS[language].common.kinds[addon.kind] });
  }
  const plan = planName(addon.basePlanId, language);
  return byPlan
    ? text(MANAGE_TEXTS, language, 'optionByPlan', { plan, quantity })
    : text(MANAGE_TEXTS, language, 'optionByAddon', { addon: addonNameIn, quantity, plan });
}

/** True when every option is the same add-on on a known plan, so the plan is what tells them apart. */
function allSameAddon(addons: readonly AddonView[]): boolean {
  const first = addons[0];
  return first !== undefined && addons.length > 1 && addons.every((a) => a.addonId === first.addonId && a.basePlanId !== undefined);
}

export function addonPicker(input: {
  readonly flowId: string;
  readonly purpose: ManagePurpose;
  readonly addons: readonly AddonView[];
  readonly page: number;
  readonly cloud: Cloud;
  readonly language: Language;
}): ChoiceCardData {
  const { language } = input;
  const t = CARD_TEXTS[language].choice;
  const byPlan = allSameAddon(input.addons);
  const first = input.addons[0];
  return {
    kind: 'manageAddon', flowId: input.flowId, question: texts(language).picker[input.purpose],
    ...(byPlan && first ? { note: text(MANAGE_TEXTS, language, 'sameAddonNote', { addon: addonName(first.addonId, language) }) } : {}),
    options: input.addons.map((a) => ({ title: addonTitle(a, language, byPlan), value: a.subscriptionId })),
    page: input.page,
    labels: {
      choice: text(MANAGE_TEXTS, language, 'pickerLabel'),
      placeholder: t.placeholder, required: t.required, submit: t.submit, cancel: t.cancel, showMore: t.showMore, pageSummary: t.pageSummary,
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
  };
}

/**
 * The rules that apply to this add-on now: increases are charged prorated; reductions follow the 7-day window, or
 * cannot be made while recurring billing is off; the assigned floor only where licenses are assigned (never for GB).
 */
function quantityNote(addon: AddonView, language: Language): string {
  const note = texts(language).changeQuantity.note;
  return [
    fill(note.more, { date: formatDate(addon.termEnd, language) }),
    addon.recurringBilling ? note.fewer : note.fewerOff,
    ...(assignable(addon.addonId) && addon.assigned > 0 ? [text(MANAGE_TEXTS, language, 'assignedFloor', { count: addon.assigned })] : []),
  ].join(' ');
}

export function changeQuantityCard(input: {
  readonly flowId: string;
  readonly addon: AddonView;
  readonly cloud: Cloud;
  readonly language: Language;
}): ChangeQuantityCardData {
  const { addon, language } = input;
  const t = texts(language);
  const name = addonName(addon.addonId, language);
  const { unit, quantity: range } = getAddon(addon.addonId);
  const base = baseOf(addon, language);
  return {
    flowId: input.flowId,
    title: fill(addon.kind === 'standalone' && unit === 'license' ? t.changeQuantity.titleStandalone : t.changeQuantity.titleTraditional, { addon: name }),
    subtitle: base ? fill(t.changeQuantity.subtitle, { subscription: base }) : '',
    facts: addonFacts(addon, language).filter((f) => f.title !== t.common.kind),
    note: quantityNote(addon, language),
    quantity: {
      label: fill(t.changeQuantity.newTotal, { unit: unitLabel(unit, 2, language) }), min: range.min, max: range.max, value: addon.quantity,
      placeholder: t.changeQuantity.placeholder, errorMessage: fill(t.changeQuantity.error, rangeBounds(range, language)),
    },
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { review: t.changeQuantity.review, cancel: t.common.cancel },
  };
}

/** The title of a confirmation card's confirm button (also named in "select … on the card"). */
export function confirmLabel(change: ChangeView, language: Language): string {
  const t = texts(language).confirm;
  switch (change.kind) {
    case 'quantity': return t.quantityConfirm;
    case 'cancellation': return t.removeConfirm;
    case 'recurring_billing': return change.turnOn ? t.onConfirm : t.offConfirm;
    case 'support_request': return t.supportConfirm;
  }
}

/** "Price per year now/after" and "Difference per year": the labels say the period the add-on is billed for. */
function pricePerPeriod(frequency: Frequency, before: Money, after: Money, language: Language): Fact[] {
  const yearly = frequency === 'yearly';
  return [
    { title: text(MANAGE_TEXTS, language, yearly ? 'perYearNow' : 'perMonthNow'), value: money(before, language) },
    { title: text(MANAGE_TEXTS, language, yearly ? 'perYearAfter' : 'perMonthAfter'), value: money(after, language) },
    { title: text(MANAGE_TEXTS, language, yearly ? 'perYearDifference' : 'perMonthDifference'), value: signed(diff(after, before), language) },
  ];
}

function confirmContent(addon: AddonView, change: ChangeView, language: Language): Pick<ConfirmChangeCardData, 'title' | 'intro' | 'facts' | 'note'> {
  const t = texts(language);
  const c = t.common;
  const name = addonName(addon.addonId, language);
  const head = headerFacts(addon, language);
  switch (change.kind) {
    case 'quantity': {
      const now = change.effect === 'now';
      const facts: Fact[] = [
        ...head,
        { title: t.confirm.from, value: addonQuantity(addon.addonId, change.fromQuantity, language) },
        { title: t.confirm.to, value: addonQuantity(addon.addonId, change.toQuantity, language) },
        { title: c.frequency, value: CARD_TEXTS[language].frequencies[addon.frequency] },
        ...pricePerPeriod(addon.frequency, change.before, change.after, language),
      ];
      if (now && change.amountNow.amount >= 0) facts.push({ title: t.confirm.chargedNow, value: money(change.amountNow, language) });
      else if (now) facts.push({ title: t.confirm.refundedNow, value: money(negateMoney(change.amountNow), language) });
      else facts.push({ title: t.confirm.takesEffect, value: formatDate(change.effectiveAt, language) });
      return {
        title: fill(t.confirm.quantityTitle, { addon: name }),
        intro: fill(now ? t.confirm.quantityIntroNow : t.confirm.quantityIntroRenewal, {
          date: formatDate(now ? addon.termEnd : change.effectiveAt, language),
        }),
        facts,
        note: now ? '' : t.confirm.nothingNow,
      };
    }
    case 'cancellation':
      return {
        title: fill(t.confirm.removeTitle, { addon: name }),
        intro: t.confirm.removeIntro,
        facts: [
          ...head,
          { title: c.quantity, value: addonQuantity(addon.addonId, addon.quantity, language) },
          { title: t.confirm.paid, value: money(change.paidForTerm, language) },
          { title: t.confirm.refund, value: money(change.refund, language) },
          { title: t.confirm.kept, value: money(change.kept, language) },
        ],
        note: assignable(addon.addonId) && addon.assigned > 0 ? text(MANAGE_TEXTS, language, 'removeNote', { count: addon.assigned }) : '',
      };
    case 'recurring_billing': {
      const date = formatDate(change.termEnd, language);
      const facts: Fact[] = [...head, { title: change.turnOn ? c.renewsOn : c.endsOn, value: date }];
      if (change.cancels) {
        facts.push({ title: t.confirm.cancels, value: fill(c.scheduledValue, {
          quantity: addonQuantity(addon.addonId, change.cancels.quantity, language), date: formatDate(change.cancels.effectiveAt, language),
        }) });
      }
      return {
        title: fill(change.turnOn ? t.confirm.onTitle : t.confirm.offTitle, { addon: name }),
        intro: fill(change.turnOn ? t.confirm.onIntro : t.confirm.offIntro, { date }),
        facts,
      };
    }
    case 'support_request':
      return {
        title: fill(t.confirm.supportTitle, { addon: name }),
        intro: t.confirm.supportIntro,
        facts: [...head, { title: t.confirm.topic, value: fill(t.confirm.topicValue, { addon: name, subscription: baseOf(addon, language) }) }],
      };
  }
}

export function confirmCard(input: {
  readonly flowId: string;
  readonly addon: AddonView;
  readonly change: ChangeView;
  readonly cloud: Cloud;
  readonly language: Language;
}): ConfirmChangeCardData {
  const { change, language } = input;
  return {
    flowId: input.flowId, quoteId: change.quoteId, kind: change.kind,
    ...confirmContent(input.addon, change, language),
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { confirm: confirmLabel(change, language), cancel: texts(language).confirm.keep },
  };
}

/** The facts of the read-only outcome card. */
export function outcomeFacts(addon: AddonView, outcome: OutcomeView, language: Language): Fact[] {
  const t = texts(language);
  const c = t.common;
  const head = headerFacts(addon, language);
  switch (outcome.kind) {
    case 'quantity_changed': {
      const facts: Fact[] = [...head, { title: t.outcome.newQuantity, value: addonQuantity(addon.addonId, outcome.toQuantity, language) }];
      if (outcome.effect === 'at_renewal') facts.push({ title: t.confirm.takesEffect, value: formatDate(outcome.effectiveAt, language) });
      else if (outcome.amountNow.amount < 0) facts.push({ title: t.outcome.refund, value: money(negateMoney(outcome.amountNow), language) });
      else facts.push({ title: t.outcome.charged, value: money(outcome.amountNow, language) });
      return facts;
    }
    case 'subscription_canceled':
      return [...head, { title: t.outcome.refund, value: money(outcome.refund, language) }];
    case 'recurring_billing_set': {
      const facts: Fact[] = [...head, { title: outcome.turnedOn ? c.renewsOn : c.endsOn, value: formatDate(outcome.termEnd, language) }];
      if (outcome.canceledChange) {
        facts.push({ title: t.outcome.canceledChange, value: fill(c.scheduledValue, {
          quantity: addonQuantity(addon.addonId, outcome.canceledChange.quantity, language),
          date: formatDate(outcome.canceledChange.effectiveAt, language),
        }) });
      }
      return facts;
    }
    case 'support_request_opened':
      return [...head, { title: t.outcome.supportRequest, value: outcome.supportRequestId }];
  }
}
