// Load with autocannon: N connections, each owning one conversation (its own conversation id and user) and playing
// a cycle of turns in it, one request at a time (a Teams user waits for the answer before the next message). With
// normal reply delivery the bot answers the HTTP request only after its replies were posted to the connector, so
// when a response arrives the connector already holds the card the next turn clicks.
import autocannon from 'autocannon';
import { cpuMsOf, post } from './processes.js';
import type { CycleTurn, Party } from './activities.js';
import type { LoopbackConnector } from './loopbackConnector.js';

export interface LoadOptions {
  readonly base: string;
  readonly connector: LoopbackConnector;
  readonly parties: readonly Party[];
  readonly cycle: readonly CycleTurn[];
  readonly durationSeconds: number;
  /** The bot's process id, to read how much CPU it used per turn. */
  readonly pid?: number | undefined;
}

export interface LoadResult {
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Turns whose answer did not offer the card action the cycle expected next (the flow went off its path). */
  readonly offPath: number;
  readonly durationSeconds: number;
  /** CPU time the bot process used per answered turn (ms; user + system). */
  readonly cpuMsPerTurn: number;
  /** CPU time this process (autocannon and the connector) used per answered turn: if near a full core, the harness limits. */
  readonly harnessCpuMsPerTurn: number;
  /** Requests the bot made to the connector per answered turn (messages, typing, updates). */
  readonly connectorCallsPerTurn: number;
}

const HEADERS = { 'content-type': 'application/json' };

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { connector, cycle } = options;
  let next = 0;
  let offPath = 0;
  const cpuBefore = cpuMsOf(options.pid);
  const callsBefore = connector.counts.posts + connector.counts.puts;
  const harnessBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: `${options.base}/api/messages`,
      connections: options.parties.length,
      pipelining: 1,
      duration: options.durationSeconds,
      timeout: 30,
      method: 'POST',
      headers: HEADERS,
      // Each connection gets its own conversation and its own copy of the cycle (closures over that conversation).
      setupClient: (client) => {
        const party = options.parties[next % options.parties.length];
        next += 1;
        if (!party) throw new Error('no party for a connection');
        client.setRequests(cycle.map((turn): autocannon.Request => ({
          method: 'POST',
          path: '/api/messages',
          headers: HEADERS,
          setupRequest: (request) => ({ ...request, body: JSON.stringify(turn.build(party, connector)) }),
          onResponse: (status) => {
            if (status >= 300 || turn.expectVerb === undefined) return;
            if (!connector.record(party.conversationId)?.actions.has(turn.expectVerb)) offPath += 1;
          },
        })));
      },
    }, (error, finished) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)));
    instance.on('error', (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  });
  const turns = result['2xx'];
  const cpuMs = cpuMsOf(options.pid) - cpuBefore;
  const harness = process.cpuUsage(harnessBefore);
  return {
    turns,
    turnsPerSecond: turns / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    offPath,
    durationSeconds: result.duration,
    cpuMsPerTurn: cpuMs / turns,
    harnessCpuMsPerTurn: (harness.user + harness.system) / 1000 / turns,
    connectorCallsPerTurn: (connector.counts.posts + connector.counts.puts - callsBefore) / turns,
  };
}

/** Waits until the connector has received nothing for `quietMs` (the turns still in flight when a run stopped). */
export async function settle(connector: LoopbackConnector, quietMs = 300): Promise<void> {
  let last = -1;
  for (;;) {
    const now = connector.counts.posts + connector.counts.puts;
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/**
 * Puts every conversation back at the start of the cycle: settles, then says "cancel" in each (and, the first time,
 * provisions the tenant and the users). Resolves with the number of non-2xx answers.
 */
export async function resetConversations(base: string, connector: LoopbackConnector, parties: readonly Party[], cancel: (p: Party) => Record<string, unknown>): Promise<number> {
  await settle(connector);
  let failed = 0;
  for (const party of parties) {
    const { status } = await post(base, cancel(party));
    if (status >= 300) failed += 1;
  }
  return failed;
}
