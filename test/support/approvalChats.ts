// Several Teams chats with one bot, for the approval loop: each person has a Chat (test/support/chat.ts) and the
// ChatNotifier delivers the bot's proactive messages into them (a card posted, a card updated, a text) as Teams would,
// by the conversation reference the bot saved, or by "creating" the chat of someone who never talked to it.
import { MemoryStorage } from 'botbuilder';
import { StorageApprovalCopies } from '../../src/proactive/approvalCopies.js';
import { StorageConversationReferences, type ConversationReferenceStore, type StoredReference } from '../../src/proactive/conversationReferences.js';
import type { CardLocation, Delivery, Notifier, Origin, Recipient } from '../../src/proactive/proactiveNotifier.js';
import type { AdaptiveCardAttachment } from '../../src/cards/render.js';
import type { Language } from '../../src/domain/ids.js';
import { Chat, rig, type ChatOptions, type JsonObject, type Rig } from './chat.js';
import type { FakeClock } from './fakeClock.js';
import type { BillingService } from '../../src/domain/billingService.js';

function json(card: AdaptiveCardAttachment): JsonObject {
  return JSON.parse(JSON.stringify(card.content)) as JsonObject;
}

export class ChatNotifier implements Notifier {
  private readonly chats: Chat[] = [];
  private sequence = 0;
  /** People whose chat cannot be reached or created (the app blocked, a guest of another tenant…). */
  readonly unreachable = new Set<string>();
  /** People whose personal chat the bot had to create (they never talked to it). */
  readonly created: string[] = [];
  /** Every card update, as conversation/activity ids. */
  readonly updates: string[] = [];
  readonly texts: string[] = [];

  constructor(private readonly references: ConversationReferenceStore) {}

  /** A person's chat; their first one is their personal chat with the bot (where new cards go). */
  add(chat: Chat): void {
    this.chats.push(chat);
  }

  async channelUserId(to: Recipient): Promise<string | undefined> {
    return (await this.references.get(to.tenantId, to.userId))?.reference.user?.id;
  }

  async postCard(to: Recipient, render: (language: Language) => AdaptiveCardAttachment, origin: Origin): Promise<Delivery | undefined> {
    const chat = this.chats.find((c) => c.userId === to.userId);
    if (!chat || this.unreachable.has(to.userId)) return undefined;
    const saved = await this.references.get(to.tenantId, to.userId);
    let reference: StoredReference | undefined = saved?.reference;
    const language: Language = saved?.language ?? 'en';
    if (!reference) {
      reference = {
        channelId: origin.channelId, serviceUrl: origin.serviceUrl, bot: { id: origin.botId, name: origin.botName },
        conversation: { id: chat.conversationId, tenantId: to.tenantId, conversationType: 'personal', isGroup: false },
        user: { id: to.userId, aadObjectId: to.userId },
      };
      await this.references.save(to.tenantId, to.userId, { reference, language });
      this.created.push(to.userId);
    }
    this.sequence += 1;
    const activityId = `proactive-${this.sequence}`;
    chat.receive(activityId, { card: json(render(language)) });
    return { location: { reference, activityId }, language };
  }

  updateCard(at: CardLocation, card: AdaptiveCardAttachment): Promise<boolean> {
    const chat = this.chatOf(at.reference);
    if (!chat) return Promise.resolve(false);
    this.updates.push(`${at.reference.conversation.id}/${at.activityId}`);
    chat.receive(at.activityId, { card: json(card), update: true });
    return Promise.resolve(true);
  }

  postText(to: StoredReference, text: string): Promise<boolean> {
    const chat = this.chatOf(to);
    if (!chat) return Promise.resolve(false);
    this.texts.push(text);
    chat.receive('', { text });
    return Promise.resolve(true);
  }

  private chatOf(reference: StoredReference): Chat | undefined {
    return this.chats.find((c) => c.conversationId === reference.conversation.id);
  }
}

/** One bot (real dialogs, real BillingService) and the chats of several people of the tenant. */
export interface ApprovalRig {
  readonly rig: Rig;
  readonly notifier: ChatNotifier;
  /** A person's personal chat with the bot, known to the notifier. */
  chat(options: ChatOptions): Chat;
}

export function approvalRig(world: { readonly clock: FakeClock; readonly service: BillingService }): ApprovalRig {
  let notifier: ChatNotifier | undefined;
  const r = rig(world, {
    approvals: (storage: MemoryStorage) => {
      const references = new StorageConversationReferences(storage);
      notifier = new ChatNotifier(references);
      return { references, notifier, copies: new StorageApprovalCopies(storage) };
    },
  });
  const created = notifier;
  if (!created) throw new Error('the rig did not build the approval services');
  return {
    rig: r,
    notifier: created,
    chat(options: ChatOptions): Chat {
      const chat = new Chat(r, options);
      created.add(chat);
      return chat;
    },
  };
}
