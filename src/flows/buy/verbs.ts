// The buy flow's card payloads, as Teams and the Playground send them: inputs are strings, unset inputs are omitted.
// Unknown keys (a "price", a "total") make the payload invalid: prices, totals and roles never come from a card.
import { z } from 'zod';
import { CHOICE_KINDS } from '../../conversation/verbs.js';
import { FREQUENCIES } from '../../domain/ids.js';
import { FlowIdT, PageT } from './state.js';

export const IdT = z.string().min(1).max(128);

export const ChooseSubscriptionSubmitT = z.object({ verb: z.literal('buy.chooseSubscription'), flowId: FlowIdT, choice: IdT }).strict();
export const ChooseAddonSubmitT = z.object({ verb: z.literal('buy.chooseAddon'), flowId: FlowIdT, choice: IdT }).strict();
export const ShowMoreSubmitT = z.object({
  verb: z.literal('buy.showMore'), flowId: FlowIdT, kind: z.enum(CHOICE_KINDS),
  page: z.union([PageT, z.string().regex(/^\d{1,4}$/).transform(Number)]),
}).strict();
export const DetailsSubmitT = z.object({
  verb: z.literal('buy.details'),
  flowId: FlowIdT,
  quantity: z.string().max(64),
  frequency: z.enum(FREQUENCIES),
  autoAssign: z.enum(['true', 'false']).optional(),
}).strict();
export type DetailsSubmit = z.infer<typeof DetailsSubmitT>;
export const PlaceOrderSubmitT = z.object({ verb: z.literal('buy.placeOrder'), flowId: FlowIdT, quoteId: IdT, paymentMethodId: z.string().max(128).optional() }).strict();
export type PlaceOrderSubmit = z.infer<typeof PlaceOrderSubmitT>;
/** "Refresh" on the checkout card: the same quote, with the payment methods saved by now (in the admin center). */
export const RefreshCheckoutSubmitT = z.object({
  verb: z.literal('buy.refreshCheckout'), flowId: FlowIdT, quoteId: IdT, paymentMethodId: z.string().max(128).optional(),
}).strict();
export const RequestApprovalSubmitT = z.object({
  verb: z.literal('buy.requestApproval'), flowId: FlowIdT, quoteId: IdT, justification: z.string().max(500).optional(),
}).strict();
/**
 * "Turn on/off auto-assign" on the checkout card: quote again with the state asked for ('true' / 'false'), never a
 * value read at Place order (a re-quote inside the money click could place two orders from twin turns).
 */
export const AutoAssignSubmitT = z.object({
  verb: z.literal('buy.autoAssign'), flowId: FlowIdT, quoteId: IdT, autoAssign: z.enum(['true', 'false']),
  paymentMethodId: z.string().max(128).optional(),
}).strict();
