// A separate process driving the billing module on a shared SQLite file, for the concurrency and crash tests.
//   place <db> <tenant> <user> <clockIso> <quoteId,...>  places each quote, prints one JSON result per line
//   burst <db> <tenant> <user> <clockIso> <count>        quotes and places orders, printing "ACK <order> <quote>"
//                                                         after each order is acknowledged, until killed or done
import { BillingService } from '../../src/domain/billingService.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { RandomIds } from '../../src/store/ids.js';
import { FakeClock } from './fakeClock.js';

async function main(): Promise<void> {
  const [mode, dbPath, tenantId, userId, clockIso, arg] = process.argv.slice(2);
  if (!mode || !dbPath || !tenantId || !userId || !clockIso || arg === undefined) throw new Error('usage: see header');
  const store = SqliteLedgerStore.open(dbPath, { busyTimeoutMs: 20_000 });
  const service = new BillingService(store, new FakeClock(clockIso), new RandomIds());
  const caller = { tenantId, userId };
  if (mode === 'place') {
    for (const quoteId of arg.split(',')) {
      const placed = await service.placeOrder(caller, { quoteId, paymentMethodId: 'pm-visa-4242' });
      process.stdout.write(`${JSON.stringify({ quoteId, orderId: placed.order.id, duplicate: placed.duplicate, pid: process.pid })}\n`);
    }
  } else if (mode === 'burst') {
    for (let i = 0; i < Number(arg); i++) {
      const quote = await service.quotePurchase(caller, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 1 + (i % 50), frequency: 'monthly' });
      const placed = await service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      process.stdout.write(`ACK ${placed.order.id} ${quote.id}\n`);
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
