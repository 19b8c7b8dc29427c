// Where the copies of one purchase request's approval card are: each admin's personal chat and the requester's chat,
// with the message id to update and the language the copy speaks. When the request is decided every copy is updated
// to the final state. Not money (the ledger decides, exactly once): it lives in the bot's Storage, one item per
// request; a lost item only means the copies change at their next refresh instead of at once.
import type { Storage } from 'botbuilder';
import { z } from 'zod';
import { ApprovalCopyT, type ApprovalCopy, type ApprovalCopyStore } from '../turn/ports.js';

export { ApprovalCopyT, type ApprovalCopy, type ApprovalCopyStore } from '../turn/ports.js';


const CopiesItemT = z.object({ copies: z.array(ApprovalCopyT) });

/** Copies kept per request (the requester's, then the latest admin copies). */
export const MAX_COPIES = 100;


function sameMessage(a: ApprovalCopy, b: ApprovalCopy): boolean {
  return a.location.activityId === b.location.activityId && a.location.reference.conversation.id === b.location.reference.conversation.id;
}

const ADD_ATTEMPTS = 3;

/** Every item of this store has a key under this prefix (the periodic sweep removes old ones by it). */
export const APPROVAL_COPIES_KEY_PREFIX = 'addonAssistant/approvals/';

export class StorageApprovalCopies implements ApprovalCopyStore {
  constructor(private readonly storage: Storage) {}

  static keyOf(tenantId: string, requestId: string): string {
    return `${APPROVAL_COPIES_KEY_PREFIX}${encodeURIComponent(tenantId)}/${encodeURIComponent(requestId)}`;
  }

  async list(tenantId: string, requestId: string): Promise<readonly ApprovalCopy[]> {
    return (await this.read(StorageApprovalCopies.keyOf(tenantId, requestId))).copies;
  }

  async add(tenantId: string, requestId: string, copies: readonly ApprovalCopy[]): Promise<void> {
    const key = StorageApprovalCopies.keyOf(tenantId, requestId);
    for (let attempt = 1; ; attempt++) {
      const current = await this.read(key);
      const kept = current.copies.filter((old) => !copies.some((c) => sameMessage(old, c)));
      const all = [...kept, ...copies];
      // Over the limit, the oldest admin copies go; the requester's copy always stays.
      const requester = all.filter((c) => c.role === 'requester');
      const next = { copies: [...requester, ...all.filter((c) => c.role !== 'requester').slice(-(MAX_COPIES - requester.length))] };
      try {
        // Optimistic: another turn adding a copy at the same moment makes this write fail, and it is read again.
        await this.storage.write({ [key]: { ...next, eTag: current.eTag ?? '*' } });
        return;
      } catch (error) {
        if (attempt >= ADD_ATTEMPTS || !(error instanceof Error) || !/eTag/i.test(error.message)) throw error;
      }
    }
  }

  private async read(key: string): Promise<{ copies: ApprovalCopy[]; eTag: string | undefined }> {
    const items = await this.storage.read([key]);
    const item: unknown = items[key];
    const parsed = CopiesItemT.safeParse(item);
    const eTag = typeof item === 'object' && item !== null ? (item as { eTag?: unknown }).eTag : undefined;
    return { copies: parsed.success ? parsed.data.copies : [], eTag: typeof eTag === 'string' ? eTag : undefined };
  }
}
