// The data of a nudge card (cards/nudge.json), the card the bot sends first: strings already localized and
// formatted, ids only in action data. Which buttons appear is decided by the flow (src/flows/nudges/cards.ts).
import type { Fact, NoticeTone } from '../common.js';

export interface NudgeCardData {
  /** "Audio Conferencing: 6 of 10 licenses unassigned". */
  readonly title: string;
  readonly tone: NoticeTone;
  /** "Until November 27, 2026 at 10:00 AM UTC you can reduce to 4 and get $115.07 back." */
  readonly message: string;
  readonly facts: readonly Fact[];
  /** How to stop these reminders; omitted or '' hides it. */
  readonly note?: string;
  /** The add-on subscription the buttons act on ('' for a purchase request). */
  readonly subscriptionId: string;
  /** The nudge's kind, sent back by Keep and Stop these reminders. */
  readonly kind: string;
  /** Reduce to this many (now, or at renewal); omitted: no reduction button. */
  readonly reduce?: { readonly quantity: number; readonly title: string };
  /** 'off' (renewal ahead), 'on' (ending); omitted: no recurring billing button. */
  readonly recurring?: { readonly turnOn: boolean; readonly title: string };
  /** The purchase request to open ("Review the request"); omitted: none. */
  readonly request?: { readonly requestId: string; readonly tenantId: string; readonly title: string };
  readonly labels: {
    /** "Keep them"; '' hides the button. */
    readonly keep: string;
    readonly stopReminders: string;
  };
}

export function prepareNudge(d: NudgeCardData): object {
  return {
    ...d,
    note: d.note ?? '',
    hasReduce: d.reduce !== undefined, reduce: d.reduce ?? { quantity: 0, title: '' },
    hasRecurringOff: d.recurring?.turnOn === false, hasRecurringOn: d.recurring?.turnOn === true, recurring: d.recurring ?? { turnOn: false, title: '' },
    hasRequest: d.request !== undefined, request: d.request ?? { requestId: '', tenantId: '', title: '' },
    hasKeep: d.labels.keep !== '',
  };
}
