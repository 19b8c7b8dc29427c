// A separate process driving the billing module on the shared Azure Table ledger (Azurite in tests), for the
// several-instances tests: it opens the store named by AZURE_STORAGE_CONNECTION_STRING, says {ready}, then for every
// IPC message { op: 'confirmQuantityChange', tenantId, userId, quoteId } runs that use case and answers
// { quoteId, duplicate, outcome } or { quoteId, error } (a domain error code, else the error's name).
import { BillingService } from '../../src/domain/billingService.js';
import { isDomainError } from '../../src/domain/errors.js';
import { AzureTableLedgerStore } from '../../src/store/azureLedgerStore.js';
import { RandomIds } from '../../src/store/ids.js';
import { systemClock } from '../../src/store/systemClock.js';

export interface ChildRequest {
  readonly op: 'confirmQuantityChange';
  readonly tenantId: string;
  readonly userId: string;
  readonly quoteId: string;
}

export type ChildAnswer =
  | { readonly ready: true }
  | { readonly quoteId: string; readonly duplicate: boolean; readonly outcome: unknown }
  | { readonly quoteId: string; readonly error: string };

async function main(): Promise<void> {
  const connectionString = process.env.AZURE_STORAGE_CONNECTION_STRING;
  if (!connectionString || !process.send) throw new Error('needs AZURE_STORAGE_CONNECTION_STRING and an IPC channel');
  const store = await AzureTableLedgerStore.open(connectionString);
  const service = new BillingService(store, systemClock, new RandomIds());
  const answer = (message: ChildAnswer): void => { process.send?.(message); };
  process.on('message', (message: ChildRequest) => {
    const { tenantId, userId, quoteId } = message;
    service.confirmQuantityChange({ tenantId, userId }, quoteId).then(
      (done) => answer({ quoteId, duplicate: done.duplicate, outcome: done.outcome }),
      (error: unknown) => answer({ quoteId, error: isDomainError(error) ? error.code : error instanceof Error ? error.name : 'unknown' }),
    );
  });
  // Ends with its parent.
  process.on('disconnect', () => process.exit(0));
  answer({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
