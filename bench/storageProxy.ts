// A delaying, counting HTTP proxy in front of one Azure Storage service (Azurite's Table or Blob endpoint), for the
// benchmark's Azure section: every request waits `delayMs` before it is forwarded (the distance to Azure Storage in
// one region), and is counted by kind (a point read, a query or listing, a write, a batch), so that the storage
// round trips of each turn can be attributed to it. Requests are forwarded unchanged (path, query, headers and body),
// so shared-key signatures still verify upstream.
import { Agent, createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StorageService = 'table' | 'blob';
export type StorageRequestKind = 'read' | 'query' | 'write' | 'batch';

export const STORAGE_REQUEST_KINDS: readonly StorageRequestKind[] = ['read', 'query', 'write', 'batch'];

export type StorageCounts = Record<StorageRequestKind, number>;

export function zeroCounts(): StorageCounts {
  return { read: 0, query: 0, write: 0, batch: 0 };
}

export function totalOf(counts: StorageCounts): number {
  return counts.read + counts.query + counts.write + counts.batch;
}

export function difference(after: StorageCounts, before: StorageCounts): StorageCounts {
  return { read: after.read - before.read, query: after.query - before.query, write: after.write - before.write, batch: after.batch - before.batch };
}

/** A table entity's address: `table(PartitionKey='…',RowKey='…')` at the end of the path. */
const ENTITY_PATH = /\(\s*PartitionKey=.*,\s*RowKey=.*\)$/;

/**
 * What one request to the Table or Blob service is: a point read (GET or HEAD of one entity, blob or container), a
 * query (GET of a table or of the table list, with or without $filter; a blob or container listing, comp=list), a
 * write (PUT, PATCH, MERGE, DELETE, a POST insert or table creation) or a batch (POST $batch, blob comp=batch).
 */
export function classifyStorageRequest(service: StorageService, method: string, url: string): StorageRequestKind {
  const [rawPath = '', query = ''] = url.split('?', 2);
  const path = decodeURIComponent(rawPath);
  const params = new URLSearchParams(query);
  const verb = method.toUpperCase();
  if (service === 'table') {
    if (verb === 'POST' && path.endsWith('/$batch')) return 'batch';
    if (verb === 'GET' || verb === 'HEAD') return ENTITY_PATH.test(path) ? 'read' : 'query';
    return 'write';
  }
  if (verb === 'POST' && params.get('comp') === 'batch') return 'batch';
  if (verb === 'GET' || verb === 'HEAD') return params.get('comp') === 'list' ? 'query' : 'read';
  return 'write';
}

export interface ProxyOptions {
  readonly service: StorageService;
  /** The upstream port on 127.0.0.1 (Azurite's table or blob port). */
  readonly targetPort: number;
  /** Milliseconds each request waits before it is forwarded. */
  readonly delayMs: number;
  /** Where requests are counted (one meter may be shared by the table and the blob proxy). */
  readonly meter: StorageMeter;
}

/** Counts of the requests that went through one or more proxies, and whether any is still under way. */
export class StorageMeter {
  readonly counts: StorageCounts = zeroCounts();
  /** Requests forwarded whose response has not ended yet. */
  inFlight = 0;
  /** performance-clock time (ms) of the latest request start or end. */
  lastActivityAt = 0;

  note(kind: StorageRequestKind): void {
    this.counts[kind] += 1;
    this.inFlight += 1;
    this.lastActivityAt = performance.now();
  }

  done(): void {
    this.inFlight -= 1;
    this.lastActivityAt = performance.now();
  }

  snapshot(): StorageCounts {
    return { ...this.counts };
  }

  /** Resolves once nothing has been in flight, and nothing has started, for `quietMs`. */
  async quiet(quietMs: number): Promise<void> {
    for (;;) {
      const idleFor = performance.now() - this.lastActivityAt;
      if (this.inFlight === 0 && idleFor >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, quietMs - (this.inFlight === 0 ? idleFor : 0))));
    }
  }
}

export class DelayingProxy {
  private server: Server | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly options: ProxyOptions) {}

  /** Listens on a free loopback port; resolves with it. */
  async start(): Promise<number> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.agent.destroy();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const { meter, service, delayMs, targetPort } = this.options;
    meter.note(classifyStorageRequest(service, req.method ?? 'GET', req.url ?? '/'));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      meter.done();
    };
    res.once('close', finish);
    setTimeout(() => {
      const upstream = forward({
        host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers, agent: this.agent,
      }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.once('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
    }, delayMs);
  }
}
