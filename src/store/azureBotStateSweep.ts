// The sweep of idle bot state in Azure Blob Storage. botbuilder-azure-blobs stores each item as one blob named
// encodeURIComponent(key); the blob's lastModified is when the item was last written. Items chosen by prefix are
// listed by that prefix; items chosen by a segment (conversation state, whose keys start with the channel) need the
// whole container listed, a page at a time, resuming where the previous call stopped (after the last page the next
// call starts over). A call reads at most MAX_PAGES_PER_CALL pages, so its time stays bounded however many kept
// items (user state, conversation references) it walks past. A blob written again after the cutoff is not deleted
// (If-Unmodified-Since).
import type { ContainerClient } from '@azure/storage-blob';
import { checkDeleteLimit, keyMatches, type KeyMatch, type StaleStateStore } from '../maintenance/staleState.js';

const PAGE_SIZE = 1000;
const MAX_PAGES_PER_CALL = 5;
const DELETE_CONCURRENCY = 8;

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The item key a blob name stands for; undefined for a name botbuilder-azure-blobs would not have written. */
function keyOf(blobName: string): string | undefined {
  try {
    return decodeURIComponent(blobName);
  } catch {
    return undefined;
  }
}

function matchId(match: KeyMatch): string {
  return 'prefix' in match ? `prefix:${match.prefix}` : `segment:${match.segment}`;
}

export class BlobStateSweeper implements StaleStateStore {
  /** Per match: the continuation token where the previous call stopped. */
  private readonly resume = new Map<string, string>();

  constructor(private readonly container: ContainerClient) {}

  async deleteWrittenBefore(match: KeyMatch, before: Date, limit: number): Promise<number> {
    checkDeleteLimit(limit);
    const id = matchId(match);
    const prefix = 'prefix' in match ? encodeURIComponent(match.prefix) : undefined;
    const pages = this.container.listBlobsFlat(prefix === undefined ? {} : { prefix })
      .byPage({ maxPageSize: PAGE_SIZE, ...(this.resume.has(id) ? { continuationToken: this.resume.get(id) } : {}) });
    let deleted = 0;
    let read = 0;
    try {
      for await (const page of pages) {
        read += 1;
        const idle = page.segment.blobItems.filter((blob) => {
          const key = keyOf(blob.name);
          return key !== undefined && keyMatches(match, key) && blob.properties.lastModified < before;
        });
        // A page holds more than the limit may take: the rest of it waits for the next full pass.
        deleted += await this.deleteBlobs(idle.slice(0, limit - deleted).map((blob) => blob.name), before);
        const next = page.continuationToken;
        if (!next) {
          this.resume.delete(id);
          return deleted;
        }
        this.resume.set(id, next);
        if (deleted >= limit || read >= MAX_PAGES_PER_CALL) return deleted;
      }
    } catch (error) {
      // No container yet: nothing was ever written.
      if (statusOf(error) === 404) return deleted;
      throw error;
    }
    this.resume.delete(id);
    return deleted;
  }

  private async deleteBlobs(names: readonly string[], before: Date): Promise<number> {
    let deleted = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const name = names[next++] as string;
        try {
          await this.container.deleteBlob(name, { conditions: { ifUnmodifiedSince: before } });
          deleted += 1;
        } catch (error) {
          // Gone already (another instance's sweep), or written again since it was listed: either way, not ours.
          const status = statusOf(error);
          if (status !== 404 && status !== 412) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, names.length) }, worker));
    return deleted;
  }
}
