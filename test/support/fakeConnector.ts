// A loopback stand-in for the Bot Connector service: records every activity the bot sends or updates and answers
// like the connector does ({ id }). Tests point activities' serviceUrl at it. It can also misbehave: refuse messages
// (failNext), refuse them after delivery, never answer them (hangNext), and hold typing indicators to answer them
// later with an error, a reset, or never (holdTyping, releaseTyping).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** For a PUT (updateActivity) or a reply: the activity id in the path. */
  readonly activityId: string | null;
  readonly body: Record<string, unknown>;
  readonly id: string;
}

/** A POST /v3/conversations (createConversation: a personal chat with someone who never talked to the bot). */
export interface CreatedConversation {
  readonly id: string;
  readonly body: Record<string, unknown>;
  /** Set when the request carried an activity (posted in the new conversation). */
  readonly activityId: string | undefined;
}

export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** Every conversation created, in order. */
  readonly created: CreatedConversation[] = [];
  /** Member ids (Entra object ids) whose conversation cannot be created: answered 403, as Teams does for a blocked app. */
  readonly refuseConversationWith = new Set<string>();
  private conversations = 0;
  private server: Server | undefined;
  private counter = 0;
  /** Status codes to answer the next POSTed messages (not typing) with before succeeding (e.g. [429]). */
  failNext: number[] = [];
  /** Retry-After (seconds) sent with the failures of failNext and failNextAfterDelivery; none when undefined. */
  retryAfterSeconds: number | undefined;
  /** Status codes to answer the next POSTed messages (not typing) with AFTER recording them: delivered, yet an error. */
  failNextAfterDelivery: number[] = [];
  /** Every POST of a message received, refused ones included (typing indicators are counted apart). */
  postsReceived = 0;
  /** Typing indicators received (the bot sends one when a turn takes a while). */
  typingReceived = 0;
  /** How many of the next POSTed messages (not typing) are received and recorded but never answered. */
  hangNext = 0;
  /**
   * While above 1, POSTed messages (not typing) are recorded and held unanswered until this many wait at once; then all
   * are answered and nothing more is held. Senders that post one message at a time prove they were sending together.
   */
  gatherMessages = 0;
  private readonly gathered: Array<{ readonly res: ServerResponse; readonly id: string }> = [];
  /** While true, typing indicators are received and counted but left unanswered until releaseTyping(). */
  holdTyping = false;
  private readonly heldTyping: Array<{ readonly req: IncomingMessage; readonly res: ServerResponse }> = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    // Requests it never answered would keep close() waiting.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Typing indicators held and still waiting for an answer (the bot has not given up on them). */
  get typingWaiting(): number {
    return this.heldTyping.filter(({ res }) => !res.destroyed && !res.writableEnded).length;
  }

  /**
   * Answers every held typing indicator now: with an error status (429 comes with Retry-After: 0, an invitation to
   * retry at once) or by resetting its connection. Stops holding new ones.
   */
  releaseTyping(how: 500 | 429 | 'reset'): void {
    this.holdTyping = false;
    for (const { req, res } of this.heldTyping.splice(0)) {
      if (res.destroyed || res.writableEnded) continue;
      if (how === 'reset') {
        req.socket.resetAndDestroy();
        continue;
      }
      res.writeHead(how, { 'content-type': 'application/json', ...(how === 429 ? { 'retry-after': '0' } : {}) });
      res.end(JSON.stringify({ error: { code: how === 429 ? 'Throttled' : 'ServiceError' } }));
    }
  }

  /** Messages (not typing indicators) sent to one conversation, in order. */
  messages(conversationId: string): SentActivity[] {
    return this.sent.filter((a) => a.conversationId === conversationId && a.body.type === 'message');
  }

  /** createConversation: answers `{ id: 'conv-<n>', activityId }` (activityId when an activity came with it). */
  private createConversation(raw: string, res: ServerResponse): void {
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const members = Array.isArray(body.members) ? body.members as Array<{ id?: unknown }> : [];
    if (members.some((m) => typeof m.id === 'string' && this.refuseConversationWith.has(m.id))) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'The bot is not installed for this user.' } }));
      return;
    }
    this.conversations += 1;
    const id = `conv-${this.conversations}`;
    const activity = typeof body.activity === 'object' && body.activity !== null ? body.activity as Record<string, unknown> : undefined;
    const activityId = activity ? `activity-${++this.counter}` : undefined;
    if (activity && activityId) this.sent.push({ method: 'POST', conversationId: id, activityId: null, body: activity, id: activityId });
    this.created.push({ id, body, activityId });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, ...(activityId ? { activityId } : {}) }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'POST' && /^\/v3\/conversations\/?(?:\?.*)?$/.test(req.url ?? '')) {
      this.createConversation(raw, res);
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const typing = req.method === 'POST' && body.type === 'typing';
    if (typing) this.typingReceived += 1;
    else if (req.method === 'POST') this.postsReceived += 1;
    if (typing && this.holdTyping) {
      this.heldTyping.push({ req, res });
      return;
    }
    const failure = req.method === 'POST' && !typing ? this.failNext.shift() : undefined;
    if (failure) {
      res.writeHead(failure, { 'content-type': 'application/json',
        ...(this.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.retryAfterSeconds) }) });
      res.end(JSON.stringify({ error: { code: 'Throttled' } }));
      return;
    }
    const id = req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `activity-${++this.counter}`;
    this.sent.push({ method: req.method, conversationId: decodeURIComponent(match[1] ?? ''), activityId: match[2] ? decodeURIComponent(match[2]) : null, body, id });
    if (req.method === 'POST' && !typing && this.gatherMessages > 1) {
      this.gathered.push({ res, id });
      if (this.gathered.length < this.gatherMessages) return;
      this.gatherMessages = 0;
      for (const held of this.gathered.splice(0)) {
        held.res.writeHead(200, { 'content-type': 'application/json' });
        held.res.end(JSON.stringify({ id: held.id }));
      }
      return;
    }
    if (req.method === 'POST' && !typing && this.hangNext > 0) {
      // Delivered (recorded), but the answer never comes.
      this.hangNext -= 1;
      return;
    }
    const afterDelivery = req.method === 'POST' && body.type === 'message' ? this.failNextAfterDelivery.shift() : undefined;
    if (afterDelivery) {
      res.writeHead(afterDelivery, { 'content-type': 'application/json',
        ...(this.retryAfterSeconds === undefined ? {} : { 'retry-after': String(this.retryAfterSeconds) }) });
      res.end(JSON.stringify({ error: { code: 'ServiceError' } }));
      return;
    }
    // Not chained: restify, loaded in the same process, patches ServerResponse.writeHead to return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }
}
