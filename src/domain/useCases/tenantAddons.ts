// Every add-on subscription of the caller's tenant as it is now (renewals applied, a traditional add-on following its
// base), read page by page through the list use cases, so the answers built on them see what "my add-ons" shows.
import { isPlanId, type PlanId } from '../ids.js';
import type { Subscription } from '../model.js';
import type { Page } from '../ports.js';
import type { Caller, Deps } from './context.js';
import { listAddons, listBaseSubscriptions, MAX_PAGE, type PageQuery } from './lists.js';

async function readAll(read: (query: PageQuery) => Promise<Page<Subscription>>): Promise<Subscription[]> {
  const all: Subscription[] = [];
  let after: string | null = null;
  do {
    const page = await read({ limit: MAX_PAGE, after });
    all.push(...page.items);
    after = page.next;
  } while (after !== null);
  return all;
}

export function allAddonsNow(deps: Deps, caller: Caller): Promise<Subscription[]> {
  return readAll((query) => listAddons(deps, caller, query));
}

/** The plan of each base subscription, by its id. */
export async function basePlans(deps: Deps, caller: Caller): Promise<ReadonlyMap<string, PlanId>> {
  const bases = await readAll((query) => listBaseSubscriptions(deps, caller, query));
  const plans = new Map<string, PlanId>();
  for (const base of bases) if (isPlanId(base.productId)) plans.set(base.id, base.productId);
  return plans;
}
