// Saved cards as the admin center leaves them in the ledger (cards are never added through the bot): a row written
// straight through the store port, for tests that need a foreign, an expired or a second card.
import type { PaymentMethod } from '../../src/domain/model.js';
import type { LedgerStore } from '../../src/domain/ports.js';
import { insertOp } from '../../src/domain/writes.js';

export interface SavedCard {
  readonly brand?: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

export async function saveCard(store: LedgerStore, tenantId: string, card: SavedCard, addedAt = '2025-01-10T08:00:00.000Z'): Promise<PaymentMethod> {
  const method: PaymentMethod = {
    id: `pm-${tenantId}-${card.last4}-${String(card.expYear)}-${String(card.expMonth)}`, tenantId, kind: 'card', brand: card.brand ?? 'visa',
    last4: card.last4, expMonth: card.expMonth, expYear: card.expYear, addedAt,
  };
  const result = await store.commit(tenantId, { writes: [insertOp('payment_method', method)] });
  if (result.status !== 'committed') throw new Error(`saveCard: ${result.status}`);
  return method;
}
