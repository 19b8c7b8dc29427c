// Views every flow keeps in dialog state and shows: the chosen base subscription and a purchase quote (never read
// from a card; a card sends back only ids), with how to name them.
import { quantityWithUnit } from '../cards/text.js';
import { SUPPORTED_CURRENCIES } from '../domain/catalog.data.js';
import { planName } from '../domain/catalog.js';
import { ADDON_IDS, FREQUENCIES, type Language, PLAN_IDS, type PlanId, isPlanId } from '../domain/ids.js';
import type { PurchaseQuote, Subscription } from '../domain/model.js';
import { formatList } from '../i18n/formats.js';
import { z } from 'zod';

/** What the flow remembers of the chosen base subscription: enough to name it without reading it again. */
export const BaseViewT = z.object({ id: z.string(), planId: z.enum(PLAN_IDS), quantity: z.number().int() });
export type BaseView = z.infer<typeof BaseViewT>;

/** Base subscriptions are on a plan (the domain lists only those as eligible). */
export function baseView(sub: Subscription): BaseView {
  if (!isPlanId(sub.productId)) throw new Error(`Subscription ${sub.id} is not on a plan`);
  return { id: sub.id, planId: sub.productId, quantity: sub.quantity };
}

/** "Office 365 E3 (25 licenses)". */
export function baseTitle(base: BaseView, language: Language): string {
  return `${planName(base.planId, language)} (${quantityWithUnit(base.quantity, 'license', language)})`;
}

export function subscriptionTitle(sub: Subscription, language: Language): string {
  return baseTitle(baseView(sub), language);
}

const MoneyT = z.object({ amount: z.number().int(), currency: z.enum(SUPPORTED_CURRENCIES) });

/** What the checkout shows of a quote: kept in dialog state (a few hundred bytes), never read from a card. */
export const QuoteViewT = z.object({
  id: z.string(),
  addonId: z.enum(ADDON_IDS),
  quantity: z.number().int(),
  frequency: z.enum(FREQUENCIES),
  autoAssign: z.boolean(),
  unitPrice: MoneyT,
  totalPerPeriod: MoneyT,
  firstCharge: MoneyT,
  expiresAt: z.string(),
});
export type QuoteView = z.infer<typeof QuoteViewT>;

export function quoteView(quote: PurchaseQuote): QuoteView {
  const { id, addonId, quantity, frequency, autoAssign, unitPrice, totalPerPeriod, firstCharge, expiresAt } = quote;
  return { id, addonId, quantity, frequency, autoAssign, unitPrice, totalPerPeriod, firstCharge, expiresAt };
}

/** "Office 365 E1, Office 365 E3 and Office 365 E4". */
export function planList(plans: readonly PlanId[], language: Language): string {
  return formatList(plans.map((p) => planName(p, language)), language);
}
