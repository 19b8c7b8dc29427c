// How a subscription looks at a given instant: renewals roll the term forward (applying a change scheduled for
// renewal), a term that ends without recurring billing expires, and a traditional add-on follows its base.
import type { IsoDate, Subscription } from './model.js';
import { addMonths, addMonthsMs, ms } from './time.js';

/**
 * The smallest k ≥ `from` whose term end, `anchor` + k × `months` months, falls after `instantMs` (term ends grow
 * with k). Calendar arithmetic jumps close; a step or two either way settles it, so years of renewals cost the same
 * as one.
 */
function firstTermEndAfter(anchor: IsoDate, months: number, instantMs: number, from: number): number {
  const anchorMs = ms(anchor);
  const start = new Date(anchorMs);
  const instant = new Date(instantMs);
  const monthsBetween = (instant.getUTCFullYear() - start.getUTCFullYear()) * 12 + instant.getUTCMonth() - start.getUTCMonth();
  let k = Math.max(from, Math.floor(monthsBetween / months));
  while (k > from && addMonthsMs(anchorMs, (k - 1) * months) > instantMs) k--;
  while (addMonthsMs(anchorMs, k * months) <= instantMs) k++;
  return k;
}

export function subscriptionAt(sub: Subscription, now: Date, base?: Subscription): Subscription {
  let current = sub;
  if (current.kind === 'traditional' && base) {
    const baseNow = subscriptionAt(base, now);
    current = { ...current, termStart: baseNow.termStart, termEnd: baseNow.termEnd, frequency: baseNow.frequency,
      recurringBilling: baseNow.recurringBilling };
    if (baseNow.status !== 'active' && current.status === 'active') current = { ...current, status: baseNow.status };
    // Its term is the base's: a change scheduled for renewal applies once the base has renewed past it.
    const change = current.scheduledChange;
    if (current.status === 'active' && change && ms(change.effectiveAt) <= ms(current.termStart)) {
      current = { ...current, quantity: change.quantity, scheduledChange: null };
    }
    return current;
  }
  if (current.status !== 'active') return current;
  const nowMs = now.getTime();
  let { termStart, termEnd, quantity, scheduledChange } = current;
  if (nowMs < ms(termEnd)) return current;
  if (!current.recurringBilling && current.kind !== 'traditional') return { ...current, status: 'expired', scheduledChange: null };
  // Renewed term after term until the current one contains `now`; a scheduled change applies at the first renewal.
  // Term ends count from the purchase date, so a subscription bought on the 31st renews on the last day of short
  // months without drifting to the 28th for good.
  const months = current.frequency === 'yearly' ? 12 : 1;
  const anchor = current.purchasedAt;
  const termIndex = firstTermEndAfter(anchor, months, ms(termStart), 1);
  const nowIndex = firstTermEndAfter(anchor, months, nowMs, termIndex + 1);
  termStart = nowIndex - 1 === termIndex ? termEnd : addMonths(anchor, (nowIndex - 1) * months);
  termEnd = addMonths(anchor, nowIndex * months);
  if (scheduledChange && ms(scheduledChange.effectiveAt) <= ms(termStart)) {
    quantity = scheduledChange.quantity;
    scheduledChange = null;
  }
  return { ...current, termStart, termEnd, quantity, scheduledChange };
}

export function isAddonSubscription(sub: Subscription): boolean {
  return sub.kind !== 'base';
}

