// Every order of a tenant as a user sees it, through the domain's keyset pages (the resilience tests' ledger check).
import type { BillingService, Caller } from '../../src/domain/billingService.js';
import type { Order } from '../../src/domain/model.js';

export async function allOrders(service: BillingService, caller: Caller): Promise<Order[]> {
  const all: Order[] = [];
  let after: string | null = null;
  do {
    const page = await service.listOrders(caller, { limit: 100, after });
    all.push(...page.items);
    after = page.next;
  } while (after);
  return all;
}
