// Card data of the money at a glance: what renews (this month or the next 30 days) and what add-ons cost per month.
import type { GlanceCardData, GlanceRow } from '../../cards/data/glance.js';
import type { Fact } from '../../cards/common.js';
import { adminCenterAction, quantityWithUnit } from '../../cards/text.js';
import type { AddonSpend, Spend, UpcomingRenewal, UpcomingRenewals } from '../../domain/billingService.js';
import { addonName, planName } from '../../domain/catalog.js';
import type { Cloud, Language } from '../../domain/ids.js';
import { formatDate, money } from '../../i18n/formats.js';
import { text } from '../../i18n/text.js';
import { WORDS } from '../../i18n/words.js';
import { GLANCE_TEXTS } from './glanceTexts.js';

/** Rows per card: a tenant with hundreds of renewals in a month still gets a card under 28 KB. */
export const GLANCE_MAX_ROWS = 20;

/** The last day of a window whose end is exclusive ("to December 31" for a window ending at January 1, 00:00). */
function lastDayOf(until: string): string {
  return new Date(new Date(until).getTime() - 1).toISOString();
}

function quantityFact(language: Language, r: { quantity: number; assigned: number | null; unit: UpcomingRenewal['unit'] }): Fact {
  const quantity = quantityWithUnit(r.quantity, r.unit, language);
  return {
    title: text(GLANCE_TEXTS, language, 'quantity'),
    value: r.unit === 'license' && r.assigned !== null ? text(GLANCE_TEXTS, language, 'quantityAssigned', { quantity, assigned: r.assigned }) : quantity,
  };
}

function renewalRow(r: UpcomingRenewal, language: Language): GlanceRow {
  const facts: Fact[] = [
    { title: text(GLANCE_TEXTS, language, r.renews ? 'renewsOn' : 'endsOn'), value: formatDate(r.date, language) },
    quantityFact(language, r),
    { title: text(GLANCE_TEXTS, language, 'recurringBilling'), value: text(GLANCE_TEXTS, language, r.renews ? 'recurringOn' : 'recurringOff') },
  ];
  if (r.charge) {
    facts.push({
      title: text(GLANCE_TEXTS, language, 'chargedAtRenewal'),
      value: text(GLANCE_TEXTS, language, 'charge', {
        amount: money(r.charge, language), quantity: quantityWithUnit(r.quantityAtRenewal, r.unit, language),
        billed: text(WORDS, language, r.frequency === 'yearly' ? 'billedYearly' : 'billedMonthly'),
      }),
    });
  }
  if (r.scheduledChange) {
    facts.push({
      title: text(GLANCE_TEXTS, language, 'scheduledChange'),
      value: text(GLANCE_TEXTS, language, 'changeAtRenewal', {
        from: quantityWithUnit(r.quantity, r.unit, language), to: quantityWithUnit(r.scheduledChange.quantity, r.unit, language),
      }),
    });
  }
  return {
    title: addonName(r.addonId, language),
    subtitle: r.planId ? text(GLANCE_TEXTS, language, 'forPlan', { plan: planName(r.planId, language) }) : '',
    facts,
  };
}

export function renewalsCard(input: { readonly renewals: UpcomingRenewals; readonly cloud: Cloud; readonly language: Language }): GlanceCardData {
  const { renewals, language } = input;
  const soon = renewals.horizon === 'next_30_days';
  const window = { from: formatDate(renewals.from, language), to: formatDate(lastDayOf(renewals.until), language) };
  const count = renewals.renewals.length;
  const more = count - GLANCE_MAX_ROWS;
  return {
    title: text(GLANCE_TEXTS, language, soon ? 'renewalsTitleSoon' : 'renewalsTitle'),
    intro: count === 0
      ? text(GLANCE_TEXTS, language, soon ? 'renewalsNoneSoon' : 'renewalsNone', window)
      : text(GLANCE_TEXTS, language, 'renewalsIntro', { count, ...window }),
    rows: renewals.renewals.slice(0, GLANCE_MAX_ROWS).map((r) => renewalRow(r, language)),
    totals: count === 0 ? [] : [{ title: text(GLANCE_TEXTS, language, 'renewalsTotal'), value: money(renewals.total, language) }],
    note: more > 0 ? text(GLANCE_TEXTS, language, 'moreRows', { count: more }) : '',
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { addons: text(GLANCE_TEXTS, language, 'myAddons') },
  };
}

function unassignedValue(a: AddonSpend, language: Language): string {
  if (a.unassigned === null || a.unassignedMonthly === null) return text(GLANCE_TEXTS, language, 'noAssignments');
  if (a.unassigned === 0) return text(GLANCE_TEXTS, language, 'noneUnassigned');
  return text(GLANCE_TEXTS, language, 'unassignedCost', {
    quantity: quantityWithUnit(a.unassigned, a.unit, language), amount: money(a.unassignedMonthly, language),
  });
}

function spendRow(a: AddonSpend, language: Language): GlanceRow {
  return {
    title: addonName(a.addonId, language),
    subtitle: text(GLANCE_TEXTS, language, 'subscriptionsCount', { count: a.subscriptions }),
    facts: [
      { title: text(GLANCE_TEXTS, language, 'perMonth'), value: money(a.monthly, language) },
      quantityFact(language, a),
      { title: text(GLANCE_TEXTS, language, 'unassigned'), value: unassignedValue(a, language) },
    ],
  };
}

export function spendCard(input: { readonly spend: Spend; readonly cloud: Cloud; readonly language: Language }): GlanceCardData {
  const { spend, language } = input;
  const none = spend.addons.length === 0;
  return {
    title: text(GLANCE_TEXTS, language, 'spendTitle'),
    intro: none ? text(GLANCE_TEXTS, language, 'spendNone') : text(GLANCE_TEXTS, language, 'spendIntro', { currency: spend.currency }),
    rows: spend.addons.map((a) => spendRow(a, language)),
    totals: none ? [] : [
      { title: text(GLANCE_TEXTS, language, 'totalPerMonth'), value: money(spend.totalMonthly, language) },
      {
        title: text(GLANCE_TEXTS, language, 'totalUnassigned'),
        value: spend.unassigned === 0 ? text(GLANCE_TEXTS, language, 'noneUnassigned') : text(GLANCE_TEXTS, language, 'unassignedCost', {
          quantity: quantityWithUnit(spend.unassigned, 'license', language), amount: money(spend.unassignedMonthly, language),
        }),
      },
    ],
    note: spend.unassigned > 0 ? text(GLANCE_TEXTS, language, 'spendNote') : '',
    adminCenter: adminCenterAction(input.cloud, language, 'manage'),
    labels: { addons: text(GLANCE_TEXTS, language, 'myAddons') },
  };
}
