// The nudge cards' verbs. They carry ids only (the add-on subscription, the quantity asked, the nudge's kind): every
// figure is read again from the domain at the click. The fixes start the change flows, so they go through the same
// quote, confirmation card and exactly-once confirm as a typed request; "keep" and "stop reminders" start nothing.
import { z } from 'zod';
import type { Verb, VerbTable } from '../../conversation/verbs.js';
import { NUDGE_KINDS } from '../../domain/nudges.js';

const IdT = z.string().min(1).max(128);
/** A whole number as the template writes it (a number) or as a client may echo it (digits). */
const QuantityT = z.union([z.number().int(), z.string().regex(/^\d{1,7}$/).transform(Number)]).pipe(z.number().int().min(1).max(1_000_000));

/** The nudges whose card proposes a reduction: now, inside the refund window; or at renewal. */
export const REDUCING_NUDGES = ['refund_window', 'renewal'] as const;

const addonButtonT = <V extends Verb>(verb: V) => z.object({ verb: z.literal(verb), subscriptionId: IdT }).strict();

type NudgeVerb = 'nudge.reduce' | 'nudge.recurringOff' | 'nudge.recurringOn' | 'nudge.keep' | 'nudge.stopReminders';

export const NUDGE_VERBS = {
  'nudge.reduce': {
    scope: 'anywhere', starts: 'manage',
    schema: z.object({ verb: z.literal('nudge.reduce'), subscriptionId: IdT, quantity: QuantityT, kind: z.enum(REDUCING_NUDGES) }).strict(),
  },
  'nudge.recurringOff': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('nudge.recurringOff') },
  'nudge.recurringOn': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('nudge.recurringOn') },
  'nudge.keep': { scope: 'nudge', schema: z.object({ verb: z.literal('nudge.keep'), subscriptionId: IdT, kind: z.enum(NUDGE_KINDS) }).strict() },
  'nudge.stopReminders': { scope: 'nudge', schema: z.object({ verb: z.literal('nudge.stopReminders'), kind: z.enum(NUDGE_KINDS).optional() }).strict() },
} as const satisfies VerbTable<NudgeVerb>;
