import { MemoryLedgerStore } from '../../src/store/memoryLedgerStore.js';
import { ledgerStoreContract } from './ledgerStoreContract.js';

ledgerStoreContract('MemoryLedgerStore', () => {
  const store = new MemoryLedgerStore();
  return Promise.resolve({ store, cleanup: () => store.close() });
});
