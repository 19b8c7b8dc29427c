// A loopback stand-in for the Bot Connector service: records every activity the bot sends or updates and answers
// like the connector does ({ id }). Tests point activities' serviceUrl at it.
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

export class FakeConnector {
  readonly sent: SentActivity[] = [];
  private server: Server | undefined;
  private counter = 0;
  /** Status codes to answer the next POSTs with before succeeding (e.g. [429]). */
  failNext: number[] = [];

  async start(): Promise<string> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Messages (not typing indicators) sent to one conversation, in order. */
  messages(conversationId: string): SentActivity[] {
    return this.sent.filter((a) => a.conversationId === conversationId && a.body.type === 'message');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match || (req.method !== 'POST' && req.method !== 'PUT')) {
      res.writeHead(404);
      res.end();
      return;
    }
    const failure = req.method === 'POST' ? this.failNext.shift() : undefined;
    if (failure) {
      res.writeHead(failure, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Throttled' } }));
      return;
    }
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const id = req.method === 'PUT' ? decodeURIComponent(match[2] ?? '') : `activity-${++this.counter}`;
    this.sent.push({ method: req.method, conversationId: decodeURIComponent(match[1] ?? ''), activityId: match[2] ? decodeURIComponent(match[2]) : null, body, id });
    // Not chained: restify, loaded in the same process, patches ServerResponse.writeHead to return nothing.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }
}
