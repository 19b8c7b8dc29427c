// "How much do we spend on add-ons?": the monthly equivalent of every active add-on (a yearly term's price ÷ 12, in
// the tenant's currency at the catalog's prices) and in total, with the licenses bought but not assigned and what
// they cost a month. Also the unassigned licenses a new purchase would add to, for the checkout card. Anyone in the
// tenant may ask: the add-ons are the ones "my add-ons" lists to them.
import { getAddon, unitPricePerPeriod } from '../catalog.js';
import type { SupportedCurrency, UnitKind } from '../catalog.data.js';
import { fail } from '../errors.js';
import { ADDON_IDS, isAddonId, type AddonId } from '../ids.js';
import type { Subscription } from '../model.js';
import { add, prorate, times, zero, type Money } from '../money.js';
import { isId, loadCaller, type Caller, type Deps } from './context.js';
import { allAddonsNow } from './tenantAddons.js';

export interface AddonSpend {
  readonly addonId: AddonId;
  readonly unit: UnitKind;
  /** How many subscriptions of it the tenant has (one per base subscription, or standalone). */
  readonly subscriptions: number;
  readonly quantity: number;
  /** License add-ons only: storage per GB and prepaid credits have no assignments. */
  readonly assigned: number | null;
  readonly unassigned: number | null;
  /** The monthly equivalent of what it costs. */
  readonly monthly: Money;
  /** What its unassigned licenses cost a month; null when it has no assignments. */
  readonly unassignedMonthly: Money | null;
}

export interface Spend {
  readonly currency: SupportedCurrency;
  /** Most expensive first. */
  readonly addons: readonly AddonSpend[];
  readonly totalMonthly: Money;
  readonly unassignedMonthly: Money;
  readonly unassigned: number;
}

type AddonSubscription = Subscription & { readonly productId: AddonId };

const MONTHS_PER_PERIOD = { monthly: 1, yearly: 12 } as const;

/** What `count` units of the subscription cost a month: the period's price, spread over its months. */
function monthlyOf(sub: AddonSubscription, count: number, currency: SupportedCurrency): Money {
  const perPeriod = times(unitPricePerPeriod(sub.productId, currency, sub.frequency), count);
  return prorate(perPeriod, 1, MONTHS_PER_PERIOD[sub.frequency]);
}

function isAssignable(addonId: AddonId): boolean {
  return getAddon(addonId).unit === 'license';
}

function activeAddon(sub: Subscription): sub is AddonSubscription {
  return sub.status === 'active' && isAddonId(sub.productId);
}

export async function addonSpend(deps: Deps, caller: Caller): Promise<Spend> {
  const { tenant } = await loadCaller(deps, caller);
  const { currency } = tenant;
  const byAddon = new Map<AddonId, AddonSubscription[]>();
  for (const sub of await allAddonsNow(deps, caller)) {
    if (!activeAddon(sub)) continue;
    byAddon.set(sub.productId, [...(byAddon.get(sub.productId) ?? []), sub]);
  }
  const addons: AddonSpend[] = [];
  for (const addonId of ADDON_IDS) {
    const subs = byAddon.get(addonId);
    if (!subs) continue;
    const assignable = isAssignable(addonId);
    let monthly = zero(currency);
    let unassignedMonthly = zero(currency);
    let quantity = 0;
    let assigned = 0;
    for (const sub of subs) {
      quantity += sub.quantity;
      monthly = add(monthly, monthlyOf(sub, sub.quantity, currency));
      if (!assignable) continue;
      const free = Math.max(0, sub.quantity - sub.assigned);
      assigned += sub.quantity - free;
      unassignedMonthly = add(unassignedMonthly, monthlyOf(sub, free, currency));
    }
    addons.push({
      addonId, unit: getAddon(addonId).unit, subscriptions: subs.length, quantity,
      assigned: assignable ? assigned : null, unassigned: assignable ? quantity - assigned : null,
      monthly, unassignedMonthly: assignable ? unassignedMonthly : null,
    });
  }
  addons.sort((a, b) => b.monthly.amount - a.monthly.amount);
  return {
    currency, addons,
    totalMonthly: addons.reduce((sum, a) => add(sum, a.monthly), zero(currency)),
    unassignedMonthly: addons.reduce((sum, a) => (a.unassignedMonthly ? add(sum, a.unassignedMonthly) : sum), zero(currency)),
    unassigned: addons.reduce((sum, a) => sum + (a.unassigned ?? 0), 0),
  };
}

/**
 * The licenses of an add-on already bought for a base subscription (traditional or standalone) and not assigned:
 * what a purchase of more of it would add to. Zero for add-ons without assignments (storage, credits).
 */
export async function unassignedLicenses(deps: Deps, caller: Caller, input: { addonId: unknown; baseSubscriptionId: unknown }): Promise<number> {
  await loadCaller(deps, caller);
  if (!isAddonId(input.addonId)) return fail('not_found', { what: 'addon' });
  if (!isId(input.baseSubscriptionId)) return fail('not_found', { what: 'subscription' });
  const { addonId, baseSubscriptionId } = input;
  if (!isAssignable(addonId)) return 0;
  let unassigned = 0;
  for (const sub of await allAddonsNow(deps, caller)) {
    if (!activeAddon(sub) || sub.productId !== addonId || sub.baseSubscriptionId !== baseSubscriptionId) continue;
    unassigned += Math.max(0, sub.quantity - sub.assigned);
  }
  return unassigned;
}
