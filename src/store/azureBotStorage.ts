// Bot state (dialog stacks, language preference) in Azure Blob Storage, one blob per key, for several instances
// behind one bot: botbuilder-azure-blobs' BlobsStorage implements botbuilder's Storage. Like every bot state it is
// saved last-write-wins by ConversationState; nothing about money depends on it (the ledger is in Azure Tables).
import { ContainerClient } from '@azure/storage-blob';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { deadlinePolicy, STORAGE_CALL_TIMEOUT_MS, type PipelinePolicyLike, type PipelineRequestLike } from '../callDeadline.js';
import type { KeyMatch, StaleStateStore } from '../maintenance/staleState.js';
import { BlobStateSweeper } from './azureBotStateSweep.js';

export const DEFAULT_BOT_STATE_CONTAINER = 'botstate';

/**
 * A turn must answer within seconds (Teams redelivers after 15 s): a quick retry, then the error, instead of the blob
 * SDK's default of 4 tries 4, 12 and 28 s apart. Its tryTimeoutInMs is only a hint sent to the service (a `timeout`
 * parameter), no bound on the client: each call is bounded by STORAGE_CALL_TIMEOUT_MS (withCallDeadline).
 */
export const BOT_STATE_RETRY_OPTIONS = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1_000, tryTimeoutInMs: 5_000 } as const;

/** The container is created on first use. Names: 3 to 63 lowercase letters, digits and single hyphens. */
export function createAzureBotStorage(
  connectionString: string, containerName: string = DEFAULT_BOT_STATE_CONTAINER,
): Storage & StaleStateStore {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(containerName)) throw new RangeError(`Not a blob container name: ${containerName}`);
  const sweeper = new BlobStateSweeper(withContainerDeadline(new ContainerClient(connectionString, containerName, { retryOptions: BOT_STATE_RETRY_OPTIONS })));
  return new RecoveringBlobsStorage(() => withCallDeadline(new BlobsStorage(connectionString, containerName, {
    storagePipelineOptions: { retryOptions: BOT_STATE_RETRY_OPTIONS },
  })), sweeper);
}

interface BlobPipelineLike {
  addPolicy(policy: PipelinePolicyLike<PipelineRequestLike, object>): void;
  getOrderedPolicies(): readonly { readonly name: string }[];
}

/**
 * Bounds every call of this BlobsStorage (the container's creation, each blob's download with its body, each upload)
 * to STORAGE_CALL_TIMEOUT_MS. BlobsStorage offers no option for it: the policy goes into the HTTP pipeline its
 * ContainerClient keeps in non-public fields (botbuilder-azure-blobs 4.23, @azure/storage-blob 12), which every blob
 * client it hands out shares. Without that pipeline the bot refuses to start rather than run with unbounded calls.
 */
function withCallDeadline(storage: BlobsStorage): BlobsStorage {
  withContainerDeadline((storage as unknown as { _containerClient?: unknown })._containerClient);
  return storage;
}

/** The same bound on a container client's pipeline (the sweep lists and deletes through one of its own). */
function withContainerDeadline<C>(container: C): C {
  const pipeline = (container as { storageClientContext?: { pipeline?: Partial<BlobPipelineLike> } } | undefined)?.storageClientContext?.pipeline;
  if (typeof pipeline?.addPolicy !== 'function' || typeof pipeline.getOrderedPolicies !== 'function') {
    throw new Error('botbuilder-azure-blobs has no reachable HTTP pipeline: bot state calls cannot be bounded');
  }
  const policy = deadlinePolicy('storage', STORAGE_CALL_TIMEOUT_MS);
  if (!pipeline.getOrderedPolicies().some((p) => p.name === policy.name)) pipeline.addPolicy(policy);
  return container;
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
