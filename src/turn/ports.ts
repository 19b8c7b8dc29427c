// What the turn layer needs from the proactive side (src/proactive implements it): where each user's personal chat
// is, how to post and update cards there, and where the copies of an approval card are. Declared here so that the
// services every dialog gets (turn/services.ts) name them without importing the implementations above.
import { z } from 'zod';
import type { AdaptiveCardAttachment } from '../cards/render.js';
import type { Language } from '../domain/ids.js';

/** What is kept of a conversation reference: enough to continue the conversation, nothing from the message. */
export const StoredReferenceT = z.object({
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().min(1).max(512),
  conversation: z.object({
    id: z.string().min(1).max(512),
    tenantId: z.string().max(128).optional(),
    conversationType: z.string().max(32).optional(),
    isGroup: z.boolean().optional(),
  }),
  bot: z.object({ id: z.string().min(1).max(256), name: z.string().max(256).optional() }),
  user: z.object({ id: z.string().min(1).max(256), name: z.string().max(256).optional(), aadObjectId: z.string().max(128).optional() }).optional(),
  locale: z.string().max(32).optional(),
});
export type StoredReference = z.infer<typeof StoredReferenceT>;

export const SavedReferenceT = z.object({ reference: StoredReferenceT, language: z.enum(['en', 'fr']) });
export type SavedReference = z.infer<typeof SavedReferenceT>;

export interface ConversationReferenceStore {
  get(tenantId: string, userId: string): Promise<SavedReference | undefined>;
  save(tenantId: string, userId: string, saved: SavedReference): Promise<void>;
}

export const ApprovalCopyT = z.object({
  /** Entra object id of whom this copy is for. */
  userId: z.string().min(1).max(128),
  role: z.enum(['admin', 'requester']),
  language: z.enum(['en', 'fr']),
  location: z.object({ reference: StoredReferenceT, activityId: z.string().min(1).max(512) }),
});
export type ApprovalCopy = z.infer<typeof ApprovalCopyT>;

export interface ApprovalCopyStore {
  list(tenantId: string, requestId: string): Promise<readonly ApprovalCopy[]>;
  /** Adds copies (a copy of the same message replaces the older entry). */
  add(tenantId: string, requestId: string, copies: readonly ApprovalCopy[]): Promise<void>;
}

/** A person of a tenant, by Entra object id. */
export interface Recipient {
  readonly tenantId: string;
  readonly userId: string;
}

/** Where a new personal chat can be created from: the channel, service URL and bot account of the current turn. */
export interface Origin {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly botId: string;
  readonly botName: string;
}

/** One message the bot posted: its conversation and activity id (what updateActivity needs). */
export interface CardLocation {
  readonly reference: StoredReference;
  readonly activityId: string;
}

export interface Delivery {
  readonly location: CardLocation;
  /** The language the card was rendered in: the one the recipient last used with the bot, else English. */
  readonly language: Language;
}

export interface Notifier {
  /** The recipient's channel account id (a Teams MRI, "29:…") when the bot knows their personal chat. */
  channelUserId(to: Recipient): Promise<string | undefined>;
  /** Posts the card (rendered in the recipient's language) in their personal chat; undefined when not reached. */
  postCard(to: Recipient, render: (language: Language) => AdaptiveCardAttachment, origin: Origin): Promise<Delivery | undefined>;
  /** Replaces a card the bot posted; false when the channel refused. */
  updateCard(at: CardLocation, card: AdaptiveCardAttachment): Promise<boolean>;
  /** Says something in a conversation the bot knows (a card copy's, or a saved personal chat); false when refused. */
  postText(to: StoredReference, text: string): Promise<boolean>;
}
