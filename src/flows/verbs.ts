// The one verb registry: every verb of every card, with what a click on it means (its scope) and its schema. A verb
// added to VERBS and to no table does not compile; the router decides every click from here.
import { CONVERSATION_VERBS, type Verb, type VerbSpec } from '../conversation/verbs.js';
import { APPROVAL_VERBS } from './approvals/verbs.js';
import { AVAILABILITY_VERBS } from './availability/verbs.js';
import { BUY_VERBS } from './buy/verbs.js';
import { LIST_VERBS } from './lists/verbs.js';
import { MANAGE_VERBS } from './manage/verbs.js';
import { NUDGE_VERBS } from './nudges/verbs.js';

/** Each flow's table, by name (the registry test checks every verb sits in exactly one). */
export const VERB_TABLES = {
  conversation: CONVERSATION_VERBS, buy: BUY_VERBS, manage: MANAGE_VERBS, lists: LIST_VERBS, availability: AVAILABILITY_VERBS,
  approvals: APPROVAL_VERBS, nudges: NUDGE_VERBS,
} as const;

export const VERB_REGISTRY = {
  ...CONVERSATION_VERBS, ...BUY_VERBS, ...MANAGE_VERBS, ...LIST_VERBS, ...AVAILABILITY_VERBS, ...APPROVAL_VERBS, ...NUDGE_VERBS,
} as const satisfies Record<Verb, VerbSpec>;

type Registry = typeof VERB_REGISTRY;
/** No table names a verb VERBS does not have. */
type Stray = Exclude<keyof Registry, Verb>;
export const NO_STRAY_VERBS: [Stray] extends [never] ? true : never = true;

/** The verbs of one scope. */
export type VerbsOf<S extends VerbSpec['scope']> = { [V in Verb]: Registry[V]['scope'] extends S ? V : never }[Verb];

export function specOf(verb: Verb): VerbSpec {
  return VERB_REGISTRY[verb];
}
