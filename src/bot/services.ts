// What dialogs and handlers use, wired once by the composition root (src/app.ts).
import type { i18n } from 'i18next';
import type { Logger } from 'pino';
import type { BillingService } from '../domain/billingService.js';
import type { Clock } from '../domain/ports.js';

export interface BotServices {
  readonly billing: BillingService;
  readonly i18n: i18n;
  readonly clock: Clock;
  readonly logger: Logger;
}
