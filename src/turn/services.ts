// What dialogs and handlers use, wired once by the composition root (src/app.ts).
import type { Logger } from 'pino';
import type { BillingService } from '../domain/billingService.js';
import type { Clock } from '../domain/ports.js';
import type { ApprovalCopyStore, ConversationReferenceStore, Notifier } from './ports.js';

export interface BotServices {
  readonly billing: BillingService;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Purchase-request approvals across chats; without it, requests are stored but nobody can be notified. */
  readonly approvals?: ApprovalServices;
}

/** What the approval loop needs beyond the domain: where each user's personal chat is, how to reach it, the card copies. */
export interface ApprovalServices {
  readonly references: ConversationReferenceStore;
  readonly notifier: Notifier;
  readonly copies: ApprovalCopyStore;
}
