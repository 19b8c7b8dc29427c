// Card data of the availability answers.
import type { ListPager } from '../../cards/common.js';
import type { AvailabilityCardData, AvailabilityGroup, AvailabilityRow } from '../../cards/data/availability.js';
import { adminCenterAction, fill } from '../../cards/text.js';
import { addonQuantity, clampPage, listPager, texts } from '../../conversation/addonViews.js';
import type { TenantSubscriptions } from '../../conversation/tenantSubscriptions.js';
import type { EligibleBases } from '../../domain/billingService.js';
import { type Availability, addonName, addonsForPlan, planName } from '../../domain/catalog.js';
import { type Cloud, type Language, type PlanId, isPlanId } from '../../domain/ids.js';
import { planList, subscriptionTitle } from '../../conversation/views.js';
import { planNoun } from '../../i18n/nouns.js';
import { text } from '../../i18n/text.js';
import { MANAGE_TEXTS } from '../manage/texts.js';

// ---------------------------------------------------------------------------------------------------------------
// Availability answers, each with Buy buttons that start the buy flow with the slots filled
// ---------------------------------------------------------------------------------------------------------------

/** "Which add-ons does my plan support?": this many of the tenant's subscriptions per card. */
export const AVAILABILITY_PAGE_SIZE = 3;

function availabilityCard(
  language: Language, cloud: Cloud, content: { title: string; intro: string; groups: AvailabilityGroup[]; pager?: ListPager },
): AvailabilityCardData {
  const t = texts(language);
  return {
    ...content,
    adminCenter: adminCenterAction(cloud, language, 'buy'),
    labels: { buy: t.availability.buy, previous: t.common.previous, next: t.common.next },
  };
}

/** The tenant's own subscriptions that support add-ons, with what each already has. */
export function ownAvailabilityCard(input: { readonly subs: TenantSubscriptions; readonly page: number; readonly cloud: Cloud; readonly language: Language }): AvailabilityCardData {
  const { subs, language } = input;
  const t = texts(language).availability;
  const bases = subs.bases.filter((b) => isPlanId(b.productId) && addonsForPlan(b.productId).length > 0);
  const pages = Math.ceil(bases.length / AVAILABILITY_PAGE_SIZE);
  const page = clampPage(input.page, pages);
  const shown = bases.slice(page * AVAILABILITY_PAGE_SIZE, (page + 1) * AVAILABILITY_PAGE_SIZE);
  const groups = shown.map((base): AvailabilityGroup => {
    const planId = base.productId as PlanId;
    const mine = subs.addons.filter((a) => a.baseSubscriptionId === base.id);
    return {
      title: subscriptionTitle(base, language),
      rows: addonsForPlan(planId).map((addonId): AvailabilityRow => {
        const owned = mine.filter((a) => a.productId === addonId).reduce((n, a) => n + a.quantity, 0);
        return owned > 0
          ? { name: addonName(addonId, language), note: fill(t.owned, { quantity: addonQuantity(addonId, owned, language) }) }
          : { name: addonName(addonId, language), note: t.canAdd, buy: { addonId, planId } };
      }),
    };
  });
  return availabilityCard(language, input.cloud, {
    title: t.ownTitle, intro: bases.length === 0 ? t.ownEmpty : t.ownIntro, groups, pager: listPager(page, pages, language),
  });
}

/** "Which add-ons for E3?": the catalog's answer for a plan; Buy only when the tenant has that plan to add them to. */
export function planAvailabilityCard(planId: PlanId, ownsPlan: boolean, cloud: Cloud, language: Language): AvailabilityCardData {
  const plan = planName(planId, language);
  const noun = planNoun(planId);
  const addons = addonsForPlan(planId);
  return availabilityCard(language, cloud, {
    title: fill(texts(language).availability.planTitle, { plan }),
    intro: addons.length === 0
      ? text(MANAGE_TEXTS, language, 'planNone', { plan: noun })
      : text(MANAGE_TEXTS, language, 'planIntro', { plan: noun, count: addons.length }),
    groups: addons.length === 0 ? [] : [{
      title: plan,
      subtitle: ownsPlan ? '' : text(MANAGE_TEXTS, language, 'planNotOwned', { plan }),
      rows: addons.map((addonId) => ({ name: addonName(addonId, language), ...(ownsPlan ? { buy: { addonId, planId } } : {}) })),
    }],
  });
}

/**
 * "Is MyAnalytics available on Business Basic?". Yes: Buy on that plan when the tenant has it. No: the plans that
 * allow it, and Buy on each of the tenant's subscriptions that can take it (none when it has no such subscription),
 * never on the plan asked about.
 */
export function questionAvailabilityCard(answer: Availability, eligible: EligibleBases, cloud: Cloud, language: Language): AvailabilityCardData {
  const t = texts(language).availability;
  const addon = addonName(answer.addonId, language);
  const plan = planName(answer.planId, language);
  const title = fill(t.questionTitle, { addon, plan });
  if (answer.available) {
    const owns = eligible.subscriptions.some((base) => base.productId === answer.planId);
    return availabilityCard(language, cloud, {
      title,
      intro: text(MANAGE_TEXTS, language, 'questionYes', { addon, plan: planNoun(answer.planId) }),
      groups: [{
        // One add-on: its row says it all, a heading would repeat its name.
        title: '',
        subtitle: owns ? '' : text(MANAGE_TEXTS, language, 'questionPlanNotOwned', { plan }),
        rows: [{ name: addon, note: owns ? t.canAdd : '', ...(owns ? { buy: { addonId: answer.addonId, planId: answer.planId } } : {}) }],
      }],
    });
  }
  const rows = eligible.subscriptions.map((base): AvailabilityRow => ({
    name: subscriptionTitle(base, language),
    note: t.canAdd,
    buy: isPlanId(base.productId) ? { addonId: answer.addonId, planId: base.productId } : { addonId: answer.addonId },
  }));
  return availabilityCard(language, cloud, {
    title,
    intro: text(MANAGE_TEXTS, language, 'questionNo', { addon, plan, plans: planList(answer.allowedPlans, language) }),
    groups: [{ title: t.yourEligible, subtitle: rows.length === 0 ? t.noneEligible : '', rows }],
  });
}

/** "Is MyAnalytics available?" / "which plans support Phone System?": the plans, and the tenant's subscriptions that can take it. */
export function addonAvailabilityCard(eligible: EligibleBases, subs: TenantSubscriptions, cloud: Cloud, language: Language): AvailabilityCardData {
  const t = texts(language).availability;
  const addon = addonName(eligible.addonId, language);
  const rows = eligible.subscriptions.map((base): AvailabilityRow => {
    const owned = subs.addons.filter((a) => a.baseSubscriptionId === base.id && a.productId === eligible.addonId).reduce((n, a) => n + a.quantity, 0);
    const planId = isPlanId(base.productId) ? base.productId : undefined;
    return {
      name: subscriptionTitle(base, language),
      note: owned > 0 ? fill(t.owned, { quantity: addonQuantity(eligible.addonId, owned, language) }) : t.canAdd,
      buy: planId ? { addonId: eligible.addonId, planId } : { addonId: eligible.addonId },
    };
  });
  return availabilityCard(language, cloud, {
    title: fill(t.addonTitle, { addon }),
    intro: fill(t.addonIntro, { addon, plans: planList(eligible.allowedPlans, language) }),
    groups: [{ title: t.yourEligible, subtitle: rows.length === 0 ? t.noneEligible : '', rows }],
  });
}
