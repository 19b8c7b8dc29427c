// Saved payment methods. The card number is validated (Luhn, brand) at the edge and never reaches the domain:
// only brand, last 4 digits and expiry are ever stored.
import { fail } from '../errors.js';
import type { PaymentMethod } from '../model.js';
import { iso } from '../time.js';
import { insertOp } from '../writes.js';
import { auditOp, executeOnce, loadBuyer, outcomeOfKind, type Caller, type Deps } from './context.js';

export const CARD_BRANDS = ['visa', 'mastercard', 'american-express', 'discover', 'jcb', 'diners-club', 'unionpay', 'maestro'] as const;

export interface NewCard {
  readonly brand: unknown;
  readonly last4: unknown;
  readonly expMonth: unknown;
  readonly expYear: unknown;
}

export async function addCard(deps: Deps, caller: Caller, card: NewCard): Promise<PaymentMethod> {
  const { tenant } = await loadBuyer(deps, caller);
  if (typeof card.brand !== 'string' || !(CARD_BRANDS as readonly string[]).includes(card.brand)) return fail('invalid_payment_method', { field: 'brand' });
  if (typeof card.last4 !== 'string' || !/^\d{4}$/.test(card.last4)) return fail('invalid_payment_method', { field: 'last4' });
  const { expMonth, expYear } = card;
  if (typeof expMonth !== 'number' || !Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) return fail('invalid_payment_method', { field: 'expMonth' });
  if (typeof expYear !== 'number' || !Number.isInteger(expYear) || expYear < 2000 || expYear > 2100) return fail('invalid_payment_method', { field: 'expYear' });
  const now = deps.clock.now();
  if (Date.UTC(expYear, expMonth, 1) <= now.getTime()) return fail('card_expired', { last4: card.last4 });
  // The same card added twice is one payment method.
  const key = `card:${card.brand}:${card.last4}:${expYear}-${expMonth}`;
  const { outcome } = await executeOnce(deps, tenant.id, key, () => {
    const pm: PaymentMethod = { id: deps.ids.next('PM'), tenantId: tenant.id, kind: 'card', brand: card.brand as string,
      last4: card.last4 as string, expMonth, expYear, addedAt: iso(now) };
    return Promise.resolve({ outcome: { kind: 'card_added' as const, paymentMethodId: pm.id }, writes: [
      insertOp('payment_method', pm),
      auditOp(deps, { tenantId: tenant.id, actorId: caller.userId, action: 'payment_method.add', targetId: pm.id, before: null, after: pm, idempotencyKey: key }),
    ] });
  }, outcomeOfKind('card_added'));
  const row = await deps.store.get(tenant.id, 'payment_method', outcome.paymentMethodId);
  return row ? row.value : fail('not_found', { what: 'payment_method' });
}
