// A loopback TCP relay in front of a service (Azurite in the outage tests): the bot talks to the gate's port, and the
// test takes the service away and brings it back on that same port, as an outage does. close() refuses new
// connections and resets the open ones; open() listens again; retarget() points the gate at another service (an
// emulator restarted empty). cutAt() arms a cut in the middle of a request: when a request line matching the pattern
// passes, every connection is reset and the gate closes, before or just after that request reaches the service.
// hold() makes the service hang instead, as a paused account does: connections are accepted, nothing is forwarded
// either way (from now on, or from the next request line matching a pattern) until release() passes on what waited.
import net from 'node:net';

const HOST = '127.0.0.1';

interface Cut {
  readonly pattern: RegExp;
  readonly when: 'before' | 'after';
  readonly done: () => void;
}

export class TcpGate {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private cut: Cut | undefined;
  /** While set, nothing is forwarded: 'all' at once, or from the next request line matching the pattern. */
  private holding: 'all' | RegExp | undefined;
  /** What each connection must pass on once the hold is released. */
  private readonly held = new Set<() => void>();
  /** Request lines that matched an armed cut (for the test's own checks). */
  readonly cutRequests: string[] = [];

  private constructor(private target: number, readonly port: number) {}

  /** A gate on a free loopback port, open, relaying to `target`. */
  static async start(target: number): Promise<TcpGate> {
    const probe = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, HOST, () => resolve((probe.address() as net.AddressInfo).port));
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const gate = new TcpGate(target, port);
    await gate.open();
    return gate;
  }

  get isOpen(): boolean {
    return this.server !== undefined;
  }

  /** Listens again on the same port (a few tries: the port was ours a moment ago). */
  async open(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => this.relay(client));
    for (let attempt = 1; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(this.port, HOST, () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    this.server = server;
  }

  /** The service is gone: new connections are refused, open ones reset. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  retarget(target: number): void {
    this.target = target;
  }

  /**
   * The service stops answering (a hang, not a refusal): from now on, or from the next request whose request line
   * matches `pattern` (that request is held before it reaches the service), nothing goes through in either direction.
   */
  hold(pattern?: RegExp): void {
    this.holding = pattern ?? 'all';
  }

  /** Ends a hold: what waited goes through, in order, on the connections the client has not given up. */
  release(): void {
    this.holding = undefined;
    const waiting = [...this.held];
    this.held.clear();
    for (const flush of waiting) flush();
  }

  /**
   * Closes the gate in the middle of the next request whose request line matches `pattern`: 'before' it reaches the
   * service (nothing of it happens), or 'after' (it happens, its answer is lost). Resolves once it has cut.
   */
  cutAt(pattern: RegExp, when: 'before' | 'after'): Promise<void> {
    return new Promise((resolve) => {
      this.cut = { pattern, when, done: resolve };
    });
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect({ host: HOST, port: this.target });
    this.sockets.add(client);
    this.sockets.add(upstream);
    /** Set once an 'after' cut matched on this connection: the service's answer never comes back. */
    let muted = false;
    const toService: Buffer[] = [];
    const toClient: Buffer[] = [];
    const flush = (): void => {
      if (client.destroyed || upstream.destroyed) return;
      for (const chunk of toService.splice(0)) upstream.write(chunk);
      for (const chunk of toClient.splice(0)) if (!muted) client.write(chunk);
    };
    const isHeld = (chunk: Buffer | undefined): boolean => {
      const holding = this.holding;
      if (holding === undefined) return false;
      if (holding !== 'all') {
        const line = chunk ? /^[A-Z]+ \S+ HTTP\/1\.1/m.exec(chunk.toString('latin1'))?.[0] : undefined;
        if (!line || !holding.test(line)) return false;
        this.holding = 'all';
      }
      this.held.add(flush);
      return true;
    };
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('data', (chunk: Buffer) => {
      if (toService.length > 0 || isHeld(chunk)) {
        toService.push(chunk);
        return;
      }
      const cut = this.cut;
      const line = cut ? /^[A-Z]+ \S+ HTTP\/1\.1/m.exec(chunk.toString('latin1'))?.[0] : undefined;
      if (cut && line && cut.pattern.test(line)) {
        this.cut = undefined;
        this.cutRequests.push(line);
        const stop = (): void => {
          void this.close().then(() => cut.done());
        };
        if (cut.when === 'before') {
          stop();
          return;
        }
        // The request goes through whole (its next chunks too); its answer is swallowed, then everything is cut.
        muted = true;
        upstream.write(chunk);
        setTimeout(stop, 300);
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (toClient.length > 0 || isHeld(undefined)) {
        toClient.push(chunk);
        return;
      }
      if (!muted) client.write(chunk);
    });
  }
}
