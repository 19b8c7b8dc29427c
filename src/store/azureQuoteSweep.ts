// The sweep of expired quotes on the Azure Table ledger (AzureTableLedgerStore.deleteExpiredQuotes). Azure has no
// index on a quote's expiry and no list of partitions, so it reads the quote rows of every tenant in table order
// (PartitionKey, RowKey), a page at a time, and resumes where the previous call stopped; after the last partition the
// next call starts over. A call reads at most MAX_PAGES_PER_CALL pages, so its time stays bounded however many used
// quotes (kept for good) it walks past. Deletes go one entity-group transaction per partition, at most 100 each.
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';

/** Where the previous call stopped: the last row it dealt with. */
export interface SweepPosition {
  readonly partitionKey: string;
  readonly rowKey: string;
}

export interface QuoteRowKeys {
  /** The RowKey range [from, to) of quote rows. */
  readonly range: { readonly from: string; readonly to: string };
  /** The RowKey of the claim that marks this quote (by its id) as used. */
  readonly claimRowKey: (quoteId: string) => string;
}

export interface QuoteSweepResult {
  readonly deleted: number;
  /** Undefined once the scan reached the end of the table. */
  readonly resumeAfter: SweepPosition | undefined;
}

const PAGE_SIZE = 1000;
const MAX_PAGES_PER_CALL = 5;
const MAX_DELETES_PER_TRANSACTION = 100;
const CLAIM_READ_CONCURRENCY = 16;

type Row = Record<string, unknown> & { partitionKey?: unknown; rowKey?: unknown };

interface Candidate {
  readonly partitionKey: string;
  readonly rowKey: string;
  readonly id: string;
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The quote's expiry read from its stored JSON (data0, data1, … as the store writes it); undefined if unreadable. */
function expiresAtOf(row: Row): string | undefined {
  const chunks = row.chunks;
  if (typeof chunks !== 'number') return undefined;
  let json = '';
  for (let i = 0; i < chunks; i++) {
    const chunk = row[`data${i}`];
    if (typeof chunk !== 'string') return undefined;
    json += chunk;
  }
  try {
    const expiresAt = (JSON.parse(json) as { expiresAt?: unknown }).expiresAt;
    return typeof expiresAt === 'string' ? expiresAt : undefined;
  } catch {
    return undefined;
  }
}

async function exists(client: TableClient, partitionKey: string, rowKey: string): Promise<boolean> {
  try {
    await client.getEntity(partitionKey, rowKey, { queryOptions: { select: ['PartitionKey'] } });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

async function unclaimed(client: TableClient, keys: QuoteRowKeys, candidates: readonly Candidate[]): Promise<Set<Candidate>> {
  const free = new Set<Candidate>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const candidate = candidates[next++] as Candidate;
      if (!await exists(client, candidate.partitionKey, keys.claimRowKey(candidate.id))) free.add(candidate);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLAIM_READ_CONCURRENCY, candidates.length) }, worker));
  return free;
}

/**
 * Deletes the rows, one transaction per partition and 100 rows; when a transaction fails because another instance
 * deleted one of its rows first, its rows are deleted one by one. Answers how many this call deleted.
 */
async function deleteRows(client: TableClient, rows: readonly Candidate[]): Promise<number> {
  const byPartition = new Map<string, Candidate[]>();
  for (const row of rows) byPartition.set(row.partitionKey, [...(byPartition.get(row.partitionKey) ?? []), row]);
  let deleted = 0;
  for (const partition of byPartition.values()) {
    for (let start = 0; start < partition.length; start += MAX_DELETES_PER_TRANSACTION) {
      const batch = partition.slice(start, start + MAX_DELETES_PER_TRANSACTION);
      try {
        await client.submitTransaction(batch.map((r): TransactionAction => ['delete', { partitionKey: r.partitionKey, rowKey: r.rowKey }]));
        deleted += batch.length;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        for (const r of batch) {
          try {
            await client.deleteEntity(r.partitionKey, r.rowKey);
            deleted += 1;
          } catch (single) {
            if (statusOf(single) !== 404) throw single;
          }
        }
      }
    }
  }
  return deleted;
}

export async function deleteExpiredQuoteRows(
  client: TableClient, keys: QuoteRowKeys, before: string, limit: number, from: SweepPosition | undefined,
): Promise<QuoteSweepResult> {
  let filter = odata`RowKey ge ${keys.range.from} and RowKey lt ${keys.range.to}`;
  if (from) {
    filter += odata` and (PartitionKey gt ${from.partitionKey} or (PartitionKey eq ${from.partitionKey} and RowKey gt ${from.rowKey}))`;
  }
  let deleted = 0;
  let position = from;
  let pages = 0;
  for await (const page of client.listEntities<Row>({ queryOptions: { filter } }).byPage({ maxPageSize: PAGE_SIZE })) {
    const rows: Candidate[] = [];
    const expired: Candidate[] = [];
    for (const row of page) {
      const { partitionKey, rowKey, id } = row;
      if (typeof partitionKey !== 'string' || typeof rowKey !== 'string' || typeof id !== 'string') continue;
      const candidate = { partitionKey, rowKey, id };
      rows.push(candidate);
      const expiresAt = expiresAtOf(row);
      if (expiresAt !== undefined && expiresAt < before) expired.push(candidate);
    }
    const free = await unclaimed(client, keys, expired);
    // Free quotes in table order, up to the limit; the position moves to the last row dealt with.
    const taken: Candidate[] = [];
    let full = false;
    let last: Candidate | undefined;
    for (const row of rows) {
      if (free.has(row)) {
        if (deleted + taken.length >= limit) {
          full = true;
          break;
        }
        taken.push(row);
      }
      last = row;
    }
    deleted += await deleteRows(client, taken);
    if (last) position = { partitionKey: last.partitionKey, rowKey: last.rowKey };
    pages += 1;
    if (full || deleted >= limit || pages >= MAX_PAGES_PER_CALL) return { deleted, resumeAfter: position };
  }
  return { deleted, resumeAfter: undefined };
}
