// Where each user's personal chat with the bot is: the conversation reference of the last turn they had there, per
// (tenant, Entra object id), with the language the bot spoke. Proactive messages (approval cards, "your request was
// approved") go through it. Not money: it lives in the bot's Storage (SQLite or Azure Blob Storage, whichever the
// bot state uses), last write wins, and a lost entry only means the bot creates the conversation again.
import type { Activity, ConversationReference, Storage } from 'botbuilder';
import type { Language } from '../domain/ids.js';
import { SavedReferenceT, StoredReferenceT, type ConversationReferenceStore, type SavedReference, type StoredReference } from '../turn/ports.js';
import { tenantIdOf, userIdOf } from '../turn/turnIdentity.js';

export { SavedReferenceT, StoredReferenceT, type ConversationReferenceStore, type SavedReference, type StoredReference } from '../turn/ports.js';



/** The parts of a botbuilder reference we keep (as Partial<ConversationReference> for continueConversationAsync). */
export function toStoredReference(reference: Partial<ConversationReference>): StoredReference | undefined {
  const { channelId, serviceUrl, conversation, bot, user, locale } = reference;
  const parsed = StoredReferenceT.safeParse({
    channelId, serviceUrl, locale,
    conversation: conversation && {
      id: conversation.id, tenantId: conversation.tenantId, conversationType: conversation.conversationType, isGroup: conversation.isGroup,
    },
    bot: bot && { id: bot.id, name: bot.name },
    user: user && { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
  });
  return parsed.success ? parsed.data : undefined;
}

/** Back to what botbuilder's continueConversationAsync takes. */
export function toConversationReference(stored: StoredReference): Partial<ConversationReference> {
  const { conversation, bot, user } = stored;
  return {
    channelId: stored.channelId,
    serviceUrl: stored.serviceUrl,
    ...(stored.locale ? { locale: stored.locale } : {}),
    conversation: {
      id: conversation.id, isGroup: conversation.isGroup ?? false, conversationType: conversation.conversationType ?? 'personal', name: '',
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    },
    bot: { id: bot.id, name: bot.name ?? '' },
    ...(user ? { user: { id: user.id, name: user.name ?? '', ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) } } : {}),
  };
}

/** A one-to-one chat with the bot (Teams says 'personal'; an emulator may say nothing but isGroup false). */
export function isPersonalConversation(activity: Partial<Activity>): boolean {
  const conversation = activity.conversation;
  if (!conversation) return false;
  return conversation.conversationType === 'personal' || (conversation.conversationType === undefined && conversation.isGroup !== true);
}

/** Bounded memo of the last entry this instance wrote per key: a user chatting does not cost a write per turn. */
const MEMO_LIMIT = 10_000;

/** On the bot's Storage: one item per (tenant, user) under `addonAssistant/references/`. */
export class StorageConversationReferences implements ConversationReferenceStore {
  private readonly written = new Map<string, string>();

  constructor(private readonly storage: Storage) {}

  static keyOf(tenantId: string, userId: string): string {
    return `addonAssistant/references/${encodeURIComponent(tenantId)}/${encodeURIComponent(userId)}`;
  }

  async get(tenantId: string, userId: string): Promise<SavedReference | undefined> {
    const key = StorageConversationReferences.keyOf(tenantId, userId);
    const items = await this.storage.read([key]);
    const parsed = SavedReferenceT.safeParse(items[key]);
    return parsed.success ? parsed.data : undefined;
  }

  async save(tenantId: string, userId: string, saved: SavedReference): Promise<void> {
    const key = StorageConversationReferences.keyOf(tenantId, userId);
    const serialized = JSON.stringify(saved);
    if (this.written.get(key) === serialized) return;
    const value = SavedReferenceT.parse(saved);
    await this.storage.write({ [key]: { ...value, eTag: '*' } });
    if (this.written.size >= MEMO_LIMIT) this.written.clear();
    this.written.set(key, serialized);
  }
}

/**
 * Remembers where this user's personal chat is, from a message or card action they sent there (the language is the
 * one the bot used this turn). Other activities, group chats and channels are not personal chats: nothing is saved.
 */
export async function rememberPersonalChat(
  store: ConversationReferenceStore, activity: Partial<Activity>, reference: Partial<ConversationReference>, language: Language,
): Promise<boolean> {
  if (activity.type !== 'message' && activity.type !== 'invoke') return false;
  if (!isPersonalConversation(activity)) return false;
  const tenantId = tenantIdOf(activity);
  const userId = userIdOf(activity);
  const stored = toStoredReference(reference);
  if (!tenantId || !userId || !stored) return false;
  const withTenant: StoredReference = { ...stored, conversation: { ...stored.conversation, tenantId } };
  await store.save(tenantId, userId, { reference: withTenant, language });
  return true;
}
