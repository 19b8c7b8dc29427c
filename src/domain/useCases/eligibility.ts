// Eligibility both ways: add-ons a subscription's plan supports, and the tenant's subscriptions an add-on can join.
import { addonsForPlan, getAddon, plansForAddon } from '../catalog.js';
import { fail } from '../errors.js';
import { isAddonId, isPlanId, type AddonId, type PlanId } from '../ids.js';
import { subscriptionAt } from '../lifecycle.js';
import type { Subscription } from '../model.js';
import { listAll, loadCaller, loadSubscription, type Caller, type Deps } from './context.js';

export interface EligibleAddons {
  readonly subscription: Subscription;
  readonly addons: readonly AddonId[];
  /** The add-ons already bought for this subscription (active ones). */
  readonly owned: readonly AddonId[];
}

export interface EligibleBases {
  readonly addonId: AddonId;
  /** Active base subscriptions of the tenant whose plan supports the add-on. */
  readonly subscriptions: readonly Subscription[];
  /** Plans that would allow the add-on: the reason to give when `subscriptions` is empty. */
  readonly allowedPlans: readonly PlanId[];
}

export function planOf(sub: Subscription): PlanId {
  if (sub.kind !== 'base' || !isPlanId(sub.productId)) return fail('not_a_base_subscription');
  return sub.productId;
}

export async function activeSubscriptions(deps: Deps, tenantId: string, group: 'base' | 'addon'): Promise<Subscription[]> {
  const now = deps.clock.now();
  const all = await listAll((after) => deps.store.list(tenantId, 'subscription', { limit: 500, after, owner: group }));
  const bases = group === 'base' ? all : await listAll((after) => deps.store.list(tenantId, 'subscription', { limit: 500, after, owner: 'base' }));
  const baseById = new Map(bases.map((b) => [b.id, b]));
  return all
    .map((s) => subscriptionAt(s, now, s.baseSubscriptionId ? baseById.get(s.baseSubscriptionId) : undefined))
    .filter((s) => s.status === 'active');
}

export async function eligibleAddons(deps: Deps, caller: Caller, subscriptionId: unknown): Promise<EligibleAddons> {
  await loadCaller(deps, caller);
  const { sub } = await loadSubscription(deps, caller.tenantId, subscriptionId);
  const plan = planOf(sub);
  const addons = sub.status === 'active' ? addonsForPlan(plan) : [];
  const owned = (await activeSubscriptions(deps, caller.tenantId, 'addon'))
    .filter((a) => a.baseSubscriptionId === sub.id && isAddonId(a.productId))
    .map((a) => a.productId as AddonId);
  return { subscription: sub, addons, owned: [...new Set(owned)] };
}

export async function eligibleBaseSubscriptions(deps: Deps, caller: Caller, addonId: unknown): Promise<EligibleBases> {
  if (!isAddonId(addonId)) return fail('not_found', { what: 'addon' });
  await loadCaller(deps, caller);
  const allowedPlans = plansForAddon(addonId);
  const subscriptions = (await activeSubscriptions(deps, caller.tenantId, 'base'))
    .filter((s) => isPlanId(s.productId) && allowedPlans.includes(s.productId));
  return { addonId, subscriptions, allowedPlans };
}

/** The base subscription an add-on is bought for must be the tenant's, active, and on a plan that supports it. */
export async function requireEligibleBase(deps: Deps, tenantId: string, addonId: AddonId, baseSubscriptionId: unknown): Promise<{ base: Subscription; plan: PlanId }> {
  const { sub } = await loadSubscription(deps, tenantId, baseSubscriptionId);
  const plan = planOf(sub);
  if (sub.status !== 'active') return fail('not_active', { status: sub.status });
  if (!getAddon(addonId).plans.includes(plan)) {
    return fail('not_eligible', { addonId, planId: plan, allowedPlans: plansForAddon(addonId) });
  }
  return { base: sub, plan };
}
