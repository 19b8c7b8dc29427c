// Bot state (dialog stacks, language preference) in Azure Blob Storage, one blob per key, for several instances
// behind one bot: botbuilder-azure-blobs' BlobsStorage implements botbuilder's Storage. Like every bot state it is
// saved last-write-wins by ConversationState; nothing about money depends on it (the ledger is in Azure Tables).
import { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { KeyMatch, StaleStateStore } from '../maintenance/staleState.js';
import { BlobStateSweeper } from './azureBotStateSweep.js';

export const DEFAULT_BOT_STATE_CONTAINER = 'botstate';

/**
 * A turn must answer within seconds (Teams redelivers after 15 s): a quick retry, then the error, instead of the blob
 * SDK's default of 4 tries 4, 12 and 28 s apart with no timeout per try.
 */
export const BOT_STATE_RETRY_OPTIONS = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 5_000 } as const;

/** The container is created on first use. Names: 3 to 63 lowercase letters, digits and single hyphens. */
export function createAzureBotStorage(
  connectionString: string, containerName: string = DEFAULT_BOT_STATE_CONTAINER,
): Storage & StaleStateStore {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(containerName)) throw new RangeError(`Not a blob container name: ${containerName}`);
  const sweeper = new BlobStateSweeper(new ContainerClient(connectionString, containerName, { retryOptions: BOT_STATE_RETRY_OPTIONS }));
  return new RecoveringBlobsStorage(() => new BlobsStorage(connectionString, containerName, {
    storagePipelineOptions: { retryOptions: BOT_STATE_RETRY_OPTIONS },
  }), sweeper);
}

function isContainerNotFound(error: unknown): boolean {
  const fields = error as { statusCode?: unknown; code?: unknown; details?: { errorCode?: unknown } } | null;
  return typeof fields === 'object' && fields !== null && fields.statusCode === 404
    && (fields.code === 'ContainerNotFound' || fields.details?.errorCode === 'ContainerNotFound');
}

/**
 * BlobsStorage creates its container once per instance and keeps that promise, a failed one included: if storage is
 * down at the first turn, or the container is gone later (deleted, an emulator restarted empty), every call fails
 * until a restart. So after a failure the next call goes through a fresh BlobsStorage (which creates the container
 * if missing), and a write that found no container is tried once more at once.
 */
class RecoveringBlobsStorage implements Storage, StaleStateStore {
  private inner: BlobsStorage;

  constructor(private readonly create: () => BlobsStorage, private readonly sweeper: StaleStateStore) {
    this.inner = create();
  }

  deleteWrittenBefore(match: KeyMatch, before: Date, limit: number): Promise<number> {
    return this.sweeper.deleteWrittenBefore(match, before, limit);
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.run((storage) => storage.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.run((storage) => storage.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.run((storage) => storage.delete(keys));
  }

  private async run<T>(work: (storage: BlobsStorage) => Promise<T>): Promise<T> {
    const storage = this.inner;
    try {
      return await work(storage);
    } catch (error) {
      if (this.inner === storage) this.inner = this.create();
      if (isContainerNotFound(error)) return work(this.inner);
      throw error;
    }
  }
}
