// Messages the bot sends outside the turn of the person they are for: approval cards in each admin's personal chat,
// the updates of every copy of a card, "your request was approved" to the requester. Through the saved conversation
// reference of the user's personal chat (continueConversationAsync), or, for someone who never talked to the bot, by
// creating that chat (createConversationAsync with their Entra object id and the tenant). Every failure is logged
// (ids and error code, never content) and reported as "not reached"; nothing here throws.
import { ActivityTypes, MessageFactory, TurnContext, type Activity, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import type { Logger } from 'pino';
import type { AdaptiveCardAttachment } from '../cards/render.js';
import type { Language } from '../domain/ids.js';
import type { CardLocation, Delivery, Notifier, Origin, Recipient } from '../turn/ports.js';
import { toConversationReference, toStoredReference, type ConversationReferenceStore, type StoredReference } from './conversationReferences.js';

export type { CardLocation, Delivery, Notifier, Origin, Recipient } from '../turn/ports.js';


/** What the notifier needs of the CloudAdapter. */
export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync' | 'createConversationAsync'>;

/** The Bot Connector's OAuth scope for outbound calls in the public cloud (what the connector factory defaults to). */
export const PUBLIC_CLOUD_AUDIENCE = 'https://api.botframework.com';

function codeOf(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as Error & { statusCode?: unknown }).statusCode;
    return typeof status === 'number' ? `${error.name}:${status}` : error.name;
  }
  return typeof error;
}

export class ProactiveNotifier implements Notifier {
  constructor(
    private readonly adapter: ProactiveAdapter,
    /** The bot's Microsoft app id ('' in local mode, where the connector is not authenticated). */
    private readonly botAppId: string,
    private readonly references: ConversationReferenceStore,
    private readonly logger: Logger,
    private readonly audience: string = PUBLIC_CLOUD_AUDIENCE,
  ) {}

  async channelUserId(to: Recipient): Promise<string | undefined> {
    try {
      return (await this.references.get(to.tenantId, to.userId))?.reference.user?.id;
    } catch (error) {
      this.logger.warn({ tenant: to.tenantId, user: to.userId, code: codeOf(error) }, 'could not read a conversation reference');
      return undefined;
    }
  }

  async postCard(to: Recipient, render: (language: Language) => AdaptiveCardAttachment, origin: Origin): Promise<Delivery | undefined> {
    let saved;
    try {
      saved = await this.references.get(to.tenantId, to.userId);
    } catch (error) {
      this.logger.warn({ tenant: to.tenantId, user: to.userId, code: codeOf(error) }, 'could not read a conversation reference');
    }
    if (saved) {
      const card = render(saved.language);
      const activityId = await this.continueWith(saved.reference, async (context) => (await context.sendActivity({ type: ActivityTypes.Message, attachments: [card] }))?.id);
      if (activityId) return { location: { reference: saved.reference, activityId }, language: saved.language };
      // The saved chat is gone (the app was removed, the conversation moved): create it again.
    }
    return this.createChat(to, origin, render(saved?.language ?? 'en'), saved?.language ?? 'en');
  }

  async updateCard(at: CardLocation, card: AdaptiveCardAttachment): Promise<boolean> {
    const done = await this.continueWith(at.reference, async (context) => {
      await context.updateActivity({ type: ActivityTypes.Message, id: at.activityId, attachments: [card] });
      return at.activityId;
    });
    return done !== undefined;
  }

  async postText(to: StoredReference, text: string): Promise<boolean> {
    const sent = await this.continueWith(to, async (context) => (await context.sendActivity(MessageFactory.text(text)))?.id ?? '');
    return sent !== undefined;
  }

  /** Posts a message in a conversation the bot knows (a saved personal chat); its id, or undefined (logged) when refused. */
  async postActivity(to: StoredReference, activity: Partial<Activity>): Promise<string | undefined> {
    return this.continueWith(to, async (context) => (await context.sendActivity(activity))?.id ?? '');
  }

  /** Runs `send` in the referenced conversation; its result, or undefined (logged) when the channel refused. */
  private async continueWith(reference: StoredReference, send: (context: TurnContext) => Promise<string | undefined>): Promise<string | undefined> {
    let result: string | undefined;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toConversationReference(reference), async (context) => {
        result = await send(context);
      });
      return result;
    } catch (error) {
      this.logger.warn({ tenant: reference.conversation.tenantId ?? null, conversation: reference.conversation.id, code: codeOf(error) },
        'proactive message failed');
      return undefined;
    }
  }

  /** A personal chat with someone who never talked to the bot: created, remembered, then the card is posted there. */
  private async createChat(to: Recipient, origin: Origin, card: AdaptiveCardAttachment, language: Language): Promise<Delivery | undefined> {
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: origin.botId, name: origin.botName },
      members: [{ id: to.userId, name: '' }],
      tenantId: to.tenantId,
      channelData: { tenant: { id: to.tenantId } },
    };
    let delivery: Delivery | undefined;
    try {
      await this.adapter.createConversationAsync(this.botAppId, origin.channelId, origin.serviceUrl, this.audience, parameters, async (context) => {
        const created = toStoredReference(TurnContext.getConversationReference(context.activity));
        if (!created) return;
        const reference: StoredReference = {
          ...created,
          conversation: { ...created.conversation, tenantId: to.tenantId, conversationType: 'personal', isGroup: false },
          user: { id: to.userId, aadObjectId: to.userId },
        };
        const sent = await context.sendActivity({ type: ActivityTypes.Message, attachments: [card] });
        if (!sent?.id) return;
        delivery = { location: { reference, activityId: sent.id }, language };
        try {
          // Remembered once a message got through, so the next notification continues this chat.
          await this.references.save(to.tenantId, to.userId, { reference, language });
        } catch (error) {
          // Not fatal: the next notification creates the chat again (Teams answers with the same personal chat).
          this.logger.warn({ tenant: to.tenantId, user: to.userId, code: codeOf(error) }, 'could not save a conversation reference');
        }
      });
    } catch (error) {
      this.logger.warn({ tenant: to.tenantId, user: to.userId, code: codeOf(error) }, 'could not create a personal chat');
      return undefined;
    }
    if (!delivery) this.logger.warn({ tenant: to.tenantId, user: to.userId }, 'created a personal chat but could not post in it');
    return delivery;
  }
}
