// The tenant's subscriptions as the change flows and the lists need them: every base subscription and every add-on
// (renewals applied by the domain), read page by page through the BillingService. A tenant holds hundreds at most.
import { withinRefundWindow, type BillingService, type Caller, type Page } from '../domain/billingService.js';
import type { Subscription } from '../domain/model.js';

/** The largest page the domain's list use cases serve. */
const READ_PAGE = 100;

export interface TenantSubscriptions {
  /** Active base subscriptions, as the store lists them (newest purchase first). */
  readonly bases: readonly Subscription[];
  /** Active add-ons (traditional and standalone), newest purchase first. */
  readonly addons: readonly Subscription[];
  readonly baseById: ReadonlyMap<string, Subscription>;
}

async function readAll(fetch: (after: string | null) => Promise<Page<Subscription>>): Promise<Subscription[]> {
  const all: Subscription[] = [];
  let after: string | null = null;
  do {
    const page = await fetch(after);
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
}

export async function loadSubscriptions(billing: BillingService, caller: Caller): Promise<TenantSubscriptions> {
  const [bases, addons] = await Promise.all([
    readAll((after) => billing.listBaseSubscriptions(caller, { limit: READ_PAGE, after })),
    readAll((after) => billing.listAddons(caller, { limit: READ_PAGE, after })),
  ]);
  const active = (s: Subscription) => s.status === 'active';
  const activeBases = bases.filter(active);
  return { bases: activeBases, addons: addons.filter(active), baseById: new Map(bases.map((b) => [b.id, b])) };
}

/** Which change flow a list of add-ons is for. */
export type ManagePurpose = 'quantity' | 'remove' | 'recurringOff' | 'recurringOn';

/** What the "my add-ons" card offers for one add-on (the domain checks again when the change is asked for). */
export interface AllowedActions {
  readonly changeQuantity: boolean;
  readonly remove: boolean;
  readonly turnOff: boolean;
  readonly turnOn: boolean;
}

export function allowedActions(addon: Subscription, now: Date): AllowedActions {
  if (addon.status !== 'active' || addon.kind === 'base') return { changeQuantity: false, remove: false, turnOff: false, turnOn: false };
  const standalone = addon.kind === 'standalone';
  // Outside the refund window with recurring billing already off there is nothing left to remove: it just ends.
  const alreadyEnding = standalone && !addon.recurringBilling && !withinRefundWindow(now, addon.termStart);
  return {
    changeQuantity: true,
    remove: !alreadyEnding,
    turnOff: standalone && addon.recurringBilling,
    turnOn: standalone && !addon.recurringBilling,
  };
}

/** The add-ons a change flow offers to pick from: those of the named add-on, else those the change applies to. */
export function candidatesFor(subs: TenantSubscriptions, purpose: ManagePurpose, addonId: string | undefined): Subscription[] {
  const named = subs.addons.filter((a) => addonId === undefined || a.productId === addonId);
  // A named add-on is offered whatever its state: the domain then says why a change does not apply.
  if (addonId !== undefined) return named;
  switch (purpose) {
    case 'quantity':
    case 'remove':
      return named;
    case 'recurringOff':
      return named.filter((a) => a.kind === 'standalone' && a.recurringBilling);
    case 'recurringOn':
      return named.filter((a) => a.kind === 'standalone' && !a.recurringBilling);
  }
}
