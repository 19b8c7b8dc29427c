// Keeps the ledger's tenants and people what TENANTS_FILE says: reconciled before the bot serves anyone (a file that
// cannot be read or is invalid stops the start with one line), then again whenever the file changes while it runs
// (an invalid or unreadable file then keeps the last good state, and says so in one log line).
import type { Logger } from 'pino';
import { parseTenantsFile, readTenantsFileText } from './config/tenantsFile.js';
import { watchTenantsFile, type TenantsFileWatcher, type TenantsFileWatcherOptions } from './config/tenantsFileWatcher.js';
import type { BillingService } from './domain/billingService.js';
import type { ReconcileReport } from './domain/useCases/reconcileTenants.js';

export type TenantsFileTiming = Pick<TenantsFileWatcherOptions, 'debounceMs' | 'pollMs'>;

/** Counts by action, for one log line (the audit trail has each change with its before and after). */
function summary(report: ReconcileReport): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of report.changes) counts[change.action] = (counts[change.action] ?? 0) + 1;
  return counts;
}

export async function syncTenantsFile(
  path: string, billing: BillingService, logger: Logger, timing: TenantsFileTiming = {},
): Promise<TenantsFileWatcher> {
  const initialText = readTenantsFileText(path);
  const report = await billing.reconcileTenants(parseTenantsFile(path, initialText));
  logger.info({ changes: summary(report) }, 'tenants file applied');
  return watchTenantsFile(path, {
    ...timing,
    initialText,
    onChange: async (text) => {
      let listings;
      try {
        listings = parseTenantsFile(path, text);
      } catch (error) {
        logger.warn({ problem: error instanceof Error ? error.message : 'unknown' }, 'tenants file not applied: it is invalid; the last good version stays in force');
        return;
      }
      const applied = await billing.reconcileTenants(listings);
      logger.info({ changes: summary(applied) }, 'tenants file applied');
    },
    onUnreadable: (code) => {
      logger.warn({ code }, 'tenants file cannot be read; the last good version stays in force');
    },
    onFailure: (error) => {
      logger.error({ code: error instanceof Error ? error.name : 'unknown' }, 'tenants file not applied (will try again)');
    },
  });
}
