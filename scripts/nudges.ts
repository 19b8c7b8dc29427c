// `npm run nudges -- [--now <ISO 8601 time>]`: one nudge sweep at that instant (default: now) against the configured
// storage (DATA_DIR, or STORAGE=azure), sending through the Bot Connector of each admin's saved personal chat with the
// app's credentials (none in local mode). It can run while the bot runs (SQLite in WAL mode takes a second process;
// the ledger's claims make each nudge go out once whichever process sends it). Prints one JSON line per nudge sent,
// {"tenant","user","kind","subscription"} ("request" instead of "subscription" for an approval waiting), then a
// summary line {"now","sent","failed","complete"}. Exit code 0; 2 on bad arguments or configuration, 1 when the
// storage cannot be opened.
import { connectorAuthentication, openStores } from '../src/app.js';
import { ConfigError, loadConfig, processEnv } from '../src/config/config.js';
import { BillingService } from '../src/domain/billingService.js';
import type { Clock } from '../src/domain/ports.js';
import { sweepNudges } from '../src/flows/nudges/nudgeSweep.js';
import { CardRenderer } from '../src/cards/render.js';
import { nudgeMessages } from '../src/flows/nudges/cards.js';
import { createLogger } from '../src/logging.js';
import { StorageConversationReferences } from '../src/proactive/conversationReferences.js';
import { ProactiveNotifier } from '../src/proactive/proactiveNotifier.js';
import { AuthenticatedCloudAdapter } from '../src/server/authenticatedAdapter.js';
import { RandomIds } from '../src/store/ids.js';
import { systemClock } from '../src/store/systemClock.js';

const USAGE = 'usage: npm run nudges -- [--now <ISO 8601 time, e.g. 2026-12-07T09:00:00Z>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** A full ISO 8601 date and time with a zone (Z or ±hh:mm), so that the instant means the same everywhere. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseArgs(args: readonly string[]): { now: Date | undefined } {
  let now: Date | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? args[++i] : arg.slice('--now='.length);
      if (value === undefined || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
        fail(`--now needs an ISO 8601 date and time with its zone (got ${value ?? 'nothing'})`);
      }
      now = new Date(value);
    } else {
      fail(`unknown argument ${arg.slice(0, 64)}`);
    }
  }
  return { now };
}

async function main(): Promise<void> {
  const { now } = parseArgs(process.argv.slice(2));
  let config;
  try {
    config = loadConfig(processEnv());
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  // Logs on stderr: stdout holds only the report.
  const logger = createLogger(config.logLevel, process.stderr);
  const clock: Clock = now ? { now: () => new Date(now.getTime()) } : systemClock;
  let stores;
  try {
    stores = await openStores(config, {}, systemClock);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  try {
    const billing = new BillingService(stores.ledger, clock, new RandomIds());
    const references = new StorageConversationReferences(stores.botStorage);
    const adapter = new AuthenticatedCloudAdapter(connectorAuthentication(config, logger).outbound);
    const sender = new ProactiveNotifier(adapter, config.auth?.appId ?? '', references, logger);
    const report = await sweepNudges({ billing, references, sender, render: nudgeMessages(CardRenderer.load()), clock, logger });
    for (const sent of report.sent) process.stdout.write(`${JSON.stringify(sent)}\n`);
    process.stdout.write(`${JSON.stringify({ now: clock.now().toISOString(), sent: report.sent.length, failed: report.failed, complete: report.complete })}\n`);
  } finally {
    await stores.closeAll();
  }
}

await main();
