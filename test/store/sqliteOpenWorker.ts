// A worker thread standing in for a second process: waits at a gate until every worker is ready, then opens the
// same (new) database file as the others at once and commits one unit claiming a shared key.
import { parentPort, workerData } from 'node:worker_threads';
import type { CommitResult } from '../../src/domain/ports.js';
import { insertOp } from '../../src/domain/writes.js';
import { SqliteLedgerStore } from '../../src/store/sqliteLedgerStore.js';
import { anOrder, TENANT_ID } from '../support/mother.js';

export interface OpenWorkerInput {
  readonly file: string;
  readonly gate: SharedArrayBuffer;
  readonly workers: number;
  readonly orderId: string;
}

const { file, gate, workers, orderId } = workerData as OpenWorkerInput;
const arrived = new Int32Array(gate);
Atomics.add(arrived, 0, 1);
Atomics.notify(arrived, 0);
for (let seen = Atomics.load(arrived, 0); seen < workers; seen = Atomics.load(arrived, 0)) Atomics.wait(arrived, 0, seen);

const store = SqliteLedgerStore.open(file);
const order = anOrder({ id: orderId });
const result: CommitResult = await store.commit(TENANT_ID, {
  claim: { key: 'provision-once', outcome: { kind: 'order_placed', orderId, subscriptionId: order.subscriptionId, addonId: order.addonId }, at: order.placedAt },
  writes: [insertOp('order', order)],
});
await store.close();
parentPort?.postMessage(result.status);
