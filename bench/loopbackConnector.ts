// A fast loopback stand-in for the Bot Connector service, for the benchmark: answers { id } to every POST or PUT on
// /v3/conversations/{conversation}/activities[/{id}], counts them, and keeps, per conversation, only what the load
// generator needs to click the next card like a Teams client would (the latest card's message id and the data of
// its actions) and when the last message arrived. Nothing else is kept, so memory stays flat under load.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CardData = Record<string, unknown>;

export interface ConversationRecord {
  /** Message id of the latest message that carried an adaptive card (a PUT keeps the id it replaces). */
  cardId: string | undefined;
  /** Data of each action of that card, by verb (Action.Execute data, which the renderer also gives its fallback). */
  actions: Map<string, CardData>;
  /** Messages (not typing) received for this conversation. */
  messages: number;
  /** process.hrtime.bigint() when the latest message arrived. */
  lastMessageAt: bigint;
}

export interface ConnectorCounts {
  posts: number;
  puts: number;
  messages: number;
  typing: number;
  cards: number;
  refused: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actions of an expanded card, by verb: `Action.Execute` { verb, data }, or Action.Submit data carrying `verb`. */
function collectActions(node: unknown, into: Map<string, CardData>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectActions(item, into);
    return;
  }
  if (!isRecord(node)) return;
  if (node.type === 'Action.Execute' && typeof node.verb === 'string') {
    if (!into.has(node.verb)) into.set(node.verb, isRecord(node.data) ? node.data : {});
    return;
  }
  if (node.type === 'Action.Submit' && isRecord(node.data) && typeof node.data.verb === 'string') {
    if (!into.has(node.data.verb)) into.set(node.data.verb, node.data);
    return;
  }
  for (const key in node) {
    const value = node[key];
    if (typeof value === 'object' && value !== null) collectActions(value, into);
  }
}

function cardOf(body: Record<string, unknown>): unknown {
  const attachments = body.attachments;
  if (!Array.isArray(attachments)) return undefined;
  for (const a of attachments as unknown[]) {
    if (isRecord(a) && a.contentType === 'application/vnd.microsoft.card.adaptive') return a.content;
  }
  return undefined;
}

const ROUTE = /^\/v3\/conversations\/([^/?]+)\/activities(?:\/([^/?]+))?/;

export class LoopbackConnector {
  readonly counts: ConnectorCounts = { posts: 0, puts: 0, messages: 0, typing: 0, cards: 0, refused: 0 };
  private readonly conversations = new Map<string, ConversationRecord>();
  private readonly waiters = new Map<string, Array<() => void>>();
  private server: Server | undefined;
  private counter = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  record(conversationId: string): ConversationRecord | undefined {
    return this.conversations.get(conversationId);
  }

  /** Forgets every conversation (between phases). */
  reset(): void {
    this.conversations.clear();
  }

  /** Resolves at the next message (not typing) posted to this conversation. */
  nextMessage(conversationId: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const list = this.waiters.get(conversationId) ?? [];
      list.push(resolve);
      this.waiters.set(conversationId, list);
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = ROUTE.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
        this.counts.refused += 1;
        res.writeHead(404);
        res.end();
        return;
      }
      const conversationId = decodeURIComponent(match[1] ?? '');
      const put = req.method === 'PUT';
      const id = put ? decodeURIComponent(match[2] ?? '') : `activity-${++this.counter}`;
      if (put) this.counts.puts += 1;
      else this.counts.posts += 1;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      if (isRecord(body)) this.note(conversationId, id, put, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    });
  }

  private note(conversationId: string, id: string, put: boolean, body: Record<string, unknown>): void {
    if (body.type === 'typing') {
      this.counts.typing += 1;
      return;
    }
    if (body.type !== 'message') return;
    const card = cardOf(body);
    if (put) {
      // An update replaces a card in place: it changes what can be clicked only if it is the latest card.
      const existing = this.conversations.get(conversationId);
      if (card !== undefined && existing?.cardId === id) {
        existing.actions = new Map();
        collectActions(card, existing.actions);
      }
      return;
    }
    this.counts.messages += 1;
    let record = this.conversations.get(conversationId);
    if (!record) {
      record = { cardId: undefined, actions: new Map(), messages: 0, lastMessageAt: 0n };
      this.conversations.set(conversationId, record);
    }
    record.messages += 1;
    record.lastMessageAt = process.hrtime.bigint();
    if (card !== undefined) {
      this.counts.cards += 1;
      const actions = new Map<string, CardData>();
      collectActions(card, actions);
      record.cardId = id;
      record.actions = actions;
    }
    const waiting = this.waiters.get(conversationId);
    if (waiting) {
      this.waiters.delete(conversationId);
      for (const resolve of waiting) resolve();
    }
  }
}
