// The change flows' verbs, as the router reads them: the per add-on buttons of "my add-ons" start a flow; the picker,
// the quantity card and the confirmations belong to the open flow that showed them.
import { z } from 'zod';
import { flowVerbT, type Verb, type VerbTable } from '../../conversation/verbs.js';

const IdT = z.string().min(1).max(128);

/** A per add-on button of "my add-ons": the verb and the add-on subscription's id, nothing else. */
const addonButtonT = <V extends Verb>(verb: V) => z.object({ verb: z.literal(verb), subscriptionId: IdT }).strict();

type ManageVerb = 'addon.changeQuantity' | 'addon.remove' | 'addon.recurringOff' | 'addon.recurringOn' | 'manage.chooseAddon'
  | 'quantity.review' | 'quantity.confirm' | 'removal.confirm' | 'recurring.confirm' | 'support.confirm' | 'manage.cancel';

export const MANAGE_VERBS = {
  'addon.changeQuantity': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('addon.changeQuantity') },
  'addon.remove': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('addon.remove') },
  'addon.recurringOff': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('addon.recurringOff') },
  'addon.recurringOn': { scope: 'anywhere', starts: 'manage', schema: addonButtonT('addon.recurringOn') },
  'manage.chooseAddon': { scope: 'flow', flows: ['manage'], schema: flowVerbT('manage.chooseAddon') },
  'quantity.review': { scope: 'flow', flows: ['manage'], schema: flowVerbT('quantity.review') },
  'quantity.confirm': { scope: 'flow', flows: ['manage'], role: 'confirm', schema: flowVerbT('quantity.confirm') },
  'removal.confirm': { scope: 'flow', flows: ['manage'], role: 'confirm', schema: flowVerbT('removal.confirm') },
  'recurring.confirm': { scope: 'flow', flows: ['manage'], role: 'confirm', schema: flowVerbT('recurring.confirm') },
  'support.confirm': { scope: 'flow', flows: ['manage'], role: 'confirm', schema: flowVerbT('support.confirm') },
  'manage.cancel': { scope: 'flow', flows: ['manage'], role: 'cancel', schema: flowVerbT('manage.cancel') },
} as const satisfies VerbTable<ManageVerb>;
