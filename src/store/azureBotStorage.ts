// Bot state (dialog stacks, language preference) in Azure Blob Storage, one blob per key, for several instances
// behind one bot: botbuilder-azure-blobs' BlobsStorage implements botbuilder's Storage. Like every bot state it is
// saved last-write-wins by ConversationState; nothing about money depends on it (the ledger is in Azure Tables).
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';

export const DEFAULT_BOT_STATE_CONTAINER = 'botstate';

/** The container is created on first use. Names: 3 to 63 lowercase letters, digits and single hyphens. */
export function createAzureBotStorage(connectionString: string, containerName: string = DEFAULT_BOT_STATE_CONTAINER): Storage {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(containerName)) throw new RangeError(`Not a blob container name: ${containerName}`);
  return new BlobsStorage(connectionString, containerName);
}
