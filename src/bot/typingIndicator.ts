// Adapter middleware: a typing indicator while a message's turn takes a while. In place of botbuilder's
// ShowTypingMiddleware, which keeps its indicator going after the turn and, when one then fails, touches the revoked
// turn context from a timer: an unhandled rejection that ends the process. Like it, it runs for incoming messages only
// (not for proactive turns, whose activity is an event), sends straight through the turn's connector client (not
// through the turn's own send pipeline, so the bot's send handlers and "responded" flag never see it), and starts
// after a delay, then repeats. Unlike it, the turn's end stops it for sure (a send in flight is aborted), it never
// touches the turn context once the turn is over, and a failed indicator is logged in one line and not sent again
// that turn; it never fails the turn.
import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { Logger } from 'pino';
import { tenantIdOf } from '../turn/turnIdentity.js';

/** The part of botframework-connector's ConnectorClient the indicator uses (the options carry an abort signal). */
export interface TypingConnectorClient {
  readonly conversations: {
    replyToActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }): Promise<unknown>;
    sendToConversation(conversationId: string, activity: Partial<Activity>, options: { abortSignal: AbortSignal }): Promise<unknown>;
  };
}

export interface TypingIndicatorOptions {
  /** How long a message's turn runs before the first indicator. */
  readonly delayMs: number;
  /** Then, between the end of one indicator's send and the next. */
  readonly periodMs: number;
}

function isTypingConnectorClient(value: unknown): value is TypingConnectorClient {
  const conversations = (value as { conversations?: Partial<TypingConnectorClient['conversations']> } | undefined)?.conversations;
  return typeof conversations?.replyToActivity === 'function' && typeof conversations.sendToConversation === 'function';
}

/** What a log may say about a failed indicator: the error's class and HTTP status, never its message. */
function codeOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const status = (error as Error & { statusCode?: unknown }).statusCode;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof status === 'number') return `${error.name}:${status}`;
  return typeof code === 'string' && /^\w{1,64}$/.test(code) ? `${error.name}:${code}` : error.name;
}

export class TypingIndicator implements Middleware {
  constructor(private readonly logger: Logger, private readonly options: TypingIndicatorOptions) {
    if (!(options.delayMs >= 0) || !(options.periodMs > 0)) throw new RangeError('A typing delay >= 0 and a period > 0 are needed');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== (ActivityTypes.Message as string)) {
      await next();
      return;
    }
    // Everything the indicator needs is read now, while the turn context is alive; the timer reads none of it later.
    const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
    // CloudAdapter always puts one there; a test adapter has none (and no user waiting).
    if (!isTypingConnectorClient(client)) {
      await next();
      return;
    }
    const reference = TurnContext.getConversationReference(context.activity);
    const typing = TurnContext.applyConversationReference({ type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo }, reference);
    delete typing.id;
    const conversationId = reference.conversation?.id ?? '';
    const where = { tenant: tenantIdOf(context.activity) ?? null, conversation: conversationId || null };
    // Made with the first indicator only: most turns answer before the delay, and aborting builds a DOMException.
    let turnOver: AbortController | undefined;
    let over = false;
    let timer: NodeJS.Timeout | undefined;

    const send = async (): Promise<void> => {
      timer = undefined;
      turnOver ??= new AbortController();
      const signal = turnOver.signal;
      try {
        const options = { abortSignal: signal };
        await (typing.replyToId
          ? client.conversations.replyToActivity(conversationId, typing.replyToId, typing, options)
          : client.conversations.sendToConversation(conversationId, typing, options));
      } catch (error) {
        // Cut short because the turn ended: nothing went wrong.
        if (signal.aborted) return;
        this.logger.warn({ ...where, code: codeOf(error) }, 'typing indicator failed');
        return;
      }
      schedule(this.options.periodMs);
    };
    const schedule = (ms: number): void => {
      if (over) return;
      timer = setTimeout(() => {
        // send() never rejects.
        void send();
      }, ms);
    };

    schedule(this.options.delayMs);
    try {
      await next();
    } finally {
      over = true;
      turnOver?.abort();
      clearTimeout(timer);
    }
  }
}
