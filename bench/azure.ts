// The benchmark's Azure section: the real bot with STORAGE=azure on Azurite (from the dev dependencies, in memory)
// behind a delaying, counting proxy (./storageProxy.ts) on both the Table and the Blob endpoint, so each storage
// request costs a round trip as it would a few milliseconds away in Azure. A few conversations walk AZURE_CYCLE one
// turn at a time (after one unmeasured warm-up cycle each); the storage requests made between a turn's POST and the
// moment both the proxy and the connector are quiet again are that turn's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAzurite } from '../test/support/azurite.js';
import { AZURE_CYCLE, says, type CycleTurn, type Party } from './activities.js';
import { median } from './checks.js';
import { settle } from './load.js';
import type { LoopbackConnector } from './loopbackConnector.js';
import { post, REAL_BOT_ENTRY, startBot } from './processes.js';
import { DelayingProxy, difference, StorageMeter, totalOf, zeroCounts, type StorageCounts } from './storageProxy.js';

/** The emulator's well-known development account and key (public, documented by Microsoft; it guards nothing). */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** No storage request and no connector call for this long after a turn's answer: the turn is over. */
const QUIET_MS = 60;

export interface AzureTurn {
  readonly label: string;
  readonly ms: number;
  readonly requests: StorageCounts;
}

export interface AzureLabelSummary {
  readonly label: string;
  readonly samples: number;
  /** Mean requests of each kind per turn with this label. */
  readonly mean: StorageCounts;
  readonly minTotal: number;
  readonly maxTotal: number;
  readonly medianMs: number;
}

export interface AzureResult {
  readonly delayMs: number;
  readonly conversations: number;
  readonly turns: readonly AzureTurn[];
  readonly byLabel: readonly AzureLabelSummary[];
  readonly requestsPerTurn: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  /** Turns answered with a non-2xx status or without the card action the cycle expected next. */
  readonly failedTurns: number;
  /** Storage requests made before the first measured turn (start-up, provisioning, warm-up cycles). */
  readonly warmUpRequests: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Per label, in the cycle's order: mean requests by kind, the range of the totals and the median time. */
export function summarizeAzureTurns(labels: readonly string[], turns: readonly AzureTurn[]): AzureLabelSummary[] {
  return labels.map((label) => {
    const mine = turns.filter((t) => t.label === label);
    const sum = mine.reduce((acc, t) => ({
      read: acc.read + t.requests.read, query: acc.query + t.requests.query, write: acc.write + t.requests.write, batch: acc.batch + t.requests.batch,
    }), zeroCounts());
    const n = Math.max(1, mine.length);
    const totals = mine.map((t) => totalOf(t.requests));
    return {
      label, samples: mine.length,
      mean: { read: sum.read / n, query: sum.query / n, write: sum.write / n, batch: sum.batch / n },
      minTotal: Math.min(...totals), maxTotal: Math.max(...totals), medianMs: median(mine.map((t) => t.ms)),
    };
  });
}

export interface AzureOptions {
  readonly connector: LoopbackConnector;
  readonly serviceUrl: string;
  readonly delayMs: number;
  readonly conversations: number;
  /** Measured cycles per conversation (after one warm-up cycle each). */
  readonly cycles: number;
  readonly logFile: string;
  readonly nodeArgs?: readonly string[];
}

export async function measureAzure(options: AzureOptions): Promise<AzureResult> {
  const { connector } = options;
  const azurite = await startAzurite();
  const meter = new StorageMeter();
  const tableProxy = new DelayingProxy({ service: 'table', targetPort: azurite.ports.table, delayMs: options.delayMs, meter });
  const blobProxy = new DelayingProxy({ service: 'blob', targetPort: azurite.ports.blob, delayMs: options.delayMs, meter });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'addon-bench-azure-'));
  try {
    const tablePort = await tableProxy.start();
    const blobPort = await blobProxy.start();
    const endpoint = (port: number) => `http://127.0.0.1:${port}/${ACCOUNT}`;
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};`
      + `BlobEndpoint=${endpoint(blobPort)};TableEndpoint=${endpoint(tablePort)};`;
    const bot = await startBot({
      name: 'real bot (Azure)', entry: REAL_BOT_ENTRY, logFile: options.logFile, nodeArgs: options.nodeArgs,
      // No periodic sweep: its storage requests would land on whichever turn is running.
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'info', STORAGE: 'azure', AZURE_STORAGE_CONNECTION_STRING: connectionString, SWEEP_INTERVAL_MINUTES: '0' },
    });
    try {
      const parties: Party[] = Array.from({ length: options.conversations }, (_, i) => ({
        // A tenant per conversation, so that what the lists read grows only with that conversation's own orders.
        serviceUrl: options.serviceUrl, tenantId: `bench-azure-${i}`, conversationId: `a:bench-azure-${i}`,
        userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      }));
      let failedTurns = 0;
      const turns: AzureTurn[] = [];
      const play = async (party: Party, turn: CycleTurn): Promise<AzureTurn> => {
        await settle(connector, QUIET_MS);
        await meter.quiet(QUIET_MS);
        const before = meter.snapshot();
        const started = performance.now();
        const { status } = await post(bot.base, turn.build(party, connector));
        const ms = performance.now() - started;
        await Promise.all([settle(connector, QUIET_MS), meter.quiet(QUIET_MS)]);
        const offPath = turn.expectVerb !== undefined && !connector.record(party.conversationId)?.actions.has(turn.expectVerb);
        if (status >= 300 || offPath) failedTurns += 1;
        return { label: turn.label, ms, requests: difference(meter.snapshot(), before) };
      };
      for (const party of parties) {
        // Provisions the user and the conversation, as any admin who has talked to the bot before.
        await post(bot.base, says(party, 'cancel'));
        for (const turn of AZURE_CYCLE) await play(party, turn);
      }
      const failedInWarmUp = failedTurns;
      if (failedInWarmUp > 0) throw new Error(`Azure section: ${failedInWarmUp} warm-up turns failed (see ${options.logFile})`);
      const warmUpRequests = totalOf(meter.snapshot());
      for (let cycle = 0; cycle < options.cycles; cycle++) {
        for (const party of parties) {
          for (const turn of AZURE_CYCLE) turns.push(await play(party, turn));
        }
      }
      const labels = AZURE_CYCLE.map((t) => t.label);
      const all = turns.map((t) => t.ms);
      return {
        delayMs: options.delayMs, conversations: options.conversations, turns, byLabel: summarizeAzureTurns(labels, turns),
        requestsPerTurn: turns.reduce((n, t) => n + totalOf(t.requests), 0) / Math.max(1, turns.length),
        medianMs: median(all), p99Ms: percentile(all, 99), failedTurns, warmUpRequests,
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await tableProxy.stop();
    await blobProxy.stop();
    await azurite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
