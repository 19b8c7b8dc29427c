// What the change flows keep in dialog state about an add-on subscription (never read from a card; a card sends back
// only ids), and the small formatters every add-on card shares: manage, lists and availability.
import type { Fact, ListPager } from '../cards/common.js';
import { CARD_TEXTS, fill, quantityWithUnit } from '../cards/text.js';
import { MANAGE_CARD_TEXTS } from './manageCardTexts.js';
import { SUPPORTED_CURRENCIES } from '../domain/catalog.data.js';
import { addonName, getAddon, planName } from '../domain/catalog.js';
import { ADDON_IDS, type AddonId, FREQUENCIES, type Language, PLAN_IDS, isAddonId, isPlanId } from '../domain/ids.js';
import type { Subscription } from '../domain/model.js';
import type { Money } from '../domain/money.js';
import { money } from '../i18n/formats.js';
import { formatDate } from '../i18n/index.js';
import { z } from 'zod';

export const IdT = z.string().min(1).max(128);
export const MoneyT = z.object({ amount: z.number().int(), currency: z.enum(SUPPORTED_CURRENCIES) });
export const ScheduledT = z.object({ quantity: z.number().int(), effectiveAt: z.string() });

export const AddonViewT = z.object({
  subscriptionId: IdT,
  addonId: z.enum(ADDON_IDS),
  kind: z.enum(['traditional', 'standalone']),
  basePlanId: z.enum(PLAN_IDS).optional(),
  baseQuantity: z.number().int().optional(),
  quantity: z.number().int(),
  assigned: z.number().int(),
  frequency: z.enum(FREQUENCIES),
  termEnd: z.string(),
  recurringBilling: z.boolean(),
  scheduled: ScheduledT.optional(),
});
export type AddonView = z.infer<typeof AddonViewT>;

export function addonView(sub: Subscription, base: Subscription | undefined): AddonView {
  if (!isAddonId(sub.productId) || sub.kind === 'base') throw new Error(`Subscription ${sub.id} is not an add-on`);
  const basePlanId = base && isPlanId(base.productId) ? base.productId : undefined;
  return {
    subscriptionId: sub.id, addonId: sub.productId, kind: sub.kind, quantity: sub.quantity, assigned: sub.assigned,
    frequency: sub.frequency, termEnd: sub.termEnd, recurringBilling: sub.recurringBilling,
    ...(basePlanId && base ? { basePlanId, baseQuantity: base.quantity } : {}),
    ...(sub.scheduledChange ? { scheduled: { quantity: sub.scheduledChange.quantity, effectiveAt: sub.scheduledChange.effectiveAt } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Small formatters
// ---------------------------------------------------------------------------------------------------------------

export function texts(language: Language) {
  return MANAGE_CARD_TEXTS[language];
}

/** "10 licenses", "100 GB". */
export function addonQuantity(addonId: AddonId, quantity: number, language: Language): string {
  return quantityWithUnit(quantity, getAddon(addonId).unit, language);
}

/** "Office 365 E3 (25 licenses)", or '' for an add-on whose base is gone. */
export function baseOf(addon: AddonView, language: Language): string {
  if (!addon.basePlanId) return '';
  return `${planName(addon.basePlanId, language)} (${quantityWithUnit(addon.baseQuantity ?? 0, 'license', language)})`;
}

/** "+$480.00" / "-$384.00". */
export function signed(m: Money, language: Language): string {
  return m.amount > 0 ? `+${money(m, language)}` : money(m, language);
}

export function negateMoney(m: Money): Money {
  return { amount: -m.amount, currency: m.currency };
}

export function diff(after: Money, before: Money): Money {
  return { amount: after.amount - before.amount, currency: after.currency };
}

/** Licenses can be assigned to users; GB and prepaid credits cannot. */
export function assignable(addonId: AddonId): boolean {
  return getAddon(addonId).unit === 'license';
}

export function headerFacts(addon: AddonView, language: Language): Fact[] {
  const c = texts(language).common;
  const base = baseOf(addon, language);
  return [{ title: c.addon, value: addonName(addon.addonId, language) }, ...(base ? [{ title: c.subscription, value: base }] : [])];
}

/** Kind, quantity, assigned, frequency, recurring billing, renewal or end date, scheduled change. */
export function addonFacts(addon: AddonView, language: Language): Fact[] {
  const c = texts(language).common;
  const facts: Fact[] = [
    { title: c.kind, value: c.kinds[addon.kind] },
    { title: c.quantity, value: addonQuantity(addon.addonId, addon.quantity, language) },
  ];
  if (assignable(addon.addonId)) facts.push({ title: c.assigned, value: addonQuantity(addon.addonId, addon.assigned, language) });
  facts.push(
    { title: c.frequency, value: CARD_TEXTS[language].frequencies[addon.frequency] },
    { title: c.recurringBilling, value: addon.recurringBilling ? c.on : c.off },
    { title: addon.recurringBilling ? c.renewsOn : c.endsOn, value: formatDate(addon.termEnd, language) },
  );
  if (addon.scheduled) {
    facts.push({ title: c.scheduled, value: fill(c.scheduledValue, {
      quantity: addonQuantity(addon.addonId, addon.scheduled.quantity, language), date: formatDate(addon.scheduled.effectiveAt, language),
    }) });
  }
  return facts;
}

export function pageSummary(page: number, pages: number, language: Language): string {
  return pages > 1 ? fill(texts(language).common.pageSummary, { page: page + 1, pages }) : '';
}

export function clampPage(page: number, pages: number): number {
  return Number.isInteger(page) ? Math.min(Math.max(page, 0), Math.max(0, pages - 1)) : 0;
}

export function listPager(page: number, pages: number, language: Language): ListPager {
  return {
    previousPage: page > 0 ? page - 1 : null,
    nextPage: page + 1 < pages ? page + 1 : null,
    summary: pageSummary(page, pages, language),
  };
}
