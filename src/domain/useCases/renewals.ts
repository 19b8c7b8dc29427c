// "What renews this month?": the add-ons whose term ends in a window, with what renewal will charge (the change
// scheduled for renewal applied) or that they end there (recurring billing off). Anyone in the tenant may ask: the
// add-ons are the ones "my add-ons" lists to them.
import { getAddon, totalPerPeriod } from '../catalog.js';
import type { SupportedCurrency, UnitKind } from '../catalog.data.js';
import { isAddonId, type AddonId, type Frequency, type PlanId } from '../ids.js';
import type { IsoDate, ScheduledChange, Subscription } from '../model.js';
import { add, zero, type Money } from '../money.js';
import { DAY_MS, iso, ms } from '../time.js';
import { loadCaller, type Caller, type Deps } from './context.js';
import { allAddonsNow, basePlans } from './tenantAddons.js';

/** The calendar month of now (UTC), or the 30 days from now ("soon", "next month"). */
export type RenewalHorizon = 'this_month' | 'next_30_days';

export interface UpcomingRenewal {
  readonly subscriptionId: string;
  readonly addonId: AddonId;
  readonly unit: UnitKind;
  readonly kind: Subscription['kind'];
  readonly baseSubscriptionId: string | null;
  /** The plan of the base subscription it was bought for; null when that subscription is gone. */
  readonly planId: PlanId | null;
  /** The term's end: the renewal date, or the day it ends when recurring billing is off. */
  readonly date: IsoDate;
  /** Recurring billing on: it renews; off: it ends on `date`. */
  readonly renews: boolean;
  readonly frequency: Frequency;
  readonly quantity: number;
  readonly assigned: number;
  /** The quantity after renewal: the scheduled change's, else the current one. */
  readonly quantityAtRenewal: number;
  readonly scheduledChange: ScheduledChange | null;
  /** What renewal charges for the next term; null when it ends instead. */
  readonly charge: Money | null;
}

export interface UpcomingRenewals {
  readonly horizon: RenewalHorizon;
  /** The window: from now to `until` (exclusive). */
  readonly from: IsoDate;
  readonly until: IsoDate;
  readonly currency: SupportedCurrency;
  /** Soonest first. */
  readonly renewals: readonly UpcomingRenewal[];
  /** What the renewals in the window charge together (those that end charge nothing). */
  readonly total: Money;
}

/** The end of the window: the first instant of next month (UTC), or 30 days from now. */
export function renewalWindowEnd(now: Date, horizon: RenewalHorizon): Date {
  if (horizon === 'next_30_days') return new Date(now.getTime() + 30 * DAY_MS);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export async function upcomingRenewals(deps: Deps, caller: Caller, horizon: unknown = 'this_month'): Promise<UpcomingRenewals> {
  const { tenant } = await loadCaller(deps, caller);
  const chosen: RenewalHorizon = horizon === 'next_30_days' ? 'next_30_days' : 'this_month';
  const now = deps.clock.now();
  const until = renewalWindowEnd(now, chosen);
  const { currency } = tenant;
  const renewals: UpcomingRenewal[] = [];
  const [addons, plans] = await Promise.all([allAddonsNow(deps, caller), basePlans(deps, caller)]);
  for (const sub of addons) {
    if (sub.status !== 'active' || !isAddonId(sub.productId)) continue;
    const end = ms(sub.termEnd);
    if (end < now.getTime() || end >= until.getTime()) continue;
    const change = sub.scheduledChange !== null && ms(sub.scheduledChange.effectiveAt) <= end ? sub.scheduledChange : null;
    const quantityAtRenewal = change?.quantity ?? sub.quantity;
    renewals.push({
      subscriptionId: sub.id, addonId: sub.productId, unit: getAddon(sub.productId).unit, kind: sub.kind,
      baseSubscriptionId: sub.baseSubscriptionId, planId: plans.get(sub.baseSubscriptionId ?? '') ?? null, date: sub.termEnd, renews: sub.recurringBilling, frequency: sub.frequency,
      quantity: sub.quantity, assigned: sub.assigned, quantityAtRenewal, scheduledChange: change,
      charge: sub.recurringBilling ? totalPerPeriod(sub.productId, currency, sub.frequency, quantityAtRenewal) : null,
    });
  }
  renewals.sort((a, b) => ms(a.date) - ms(b.date) || a.subscriptionId.localeCompare(b.subscriptionId));
  const total = renewals.reduce((sum, r) => (r.charge ? add(sum, r.charge) : sum), zero(currency));
  return { horizon: chosen, from: iso(now), until: iso(until), currency, renewals, total };
}

