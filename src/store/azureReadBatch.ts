// Point reads of one partition asked for at the same moment (a use case reading the tenant and the caller together)
// go to the service as one query instead of one request each: the reads are gathered until the current microtask
// queue is done, then each partition's keys are read at once. Every caller gets its own row, or the shared failure.
import type { RawRow } from './azureTableCodec.js';

interface Pending {
  readonly rowKeys: Map<string, ((row: RawRow | undefined) => void)[]>;
  readonly failures: ((error: unknown) => void)[];
}

export class ReadBatch {
  private pending = new Map<string, Pending>();
  private scheduled = false;

  constructor(private readonly readRows: (partitionKey: string, rowKeys: readonly string[]) => Promise<Map<string, RawRow>>) {}

  read(partitionKey: string, rowKey: string): Promise<RawRow | undefined> {
    return new Promise<RawRow | undefined>((resolve, reject) => {
      let batch = this.pending.get(partitionKey);
      if (!batch) {
        batch = { rowKeys: new Map(), failures: [] };
        this.pending.set(partitionKey, batch);
      }
      const waiting = batch.rowKeys.get(rowKey) ?? [];
      waiting.push(resolve);
      batch.rowKeys.set(rowKey, waiting);
      batch.failures.push(reject);
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [partitionKey, batch] of batches) {
      this.readRows(partitionKey, [...batch.rowKeys.keys()]).then((rows) => {
        for (const [rowKey, waiting] of batch.rowKeys) for (const resolve of waiting) resolve(rows.get(rowKey));
      }, (error: unknown) => {
        for (const reject of batch.failures) reject(error);
      });
    }
  }
}
