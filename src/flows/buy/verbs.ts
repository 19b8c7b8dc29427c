// The buy flow's card payloads, as Teams and the Playground send them: inputs are strings, unset inputs are omitted.
// Unknown keys (a "price", a "total") make the payload invalid: prices, totals and roles never come from a card.
import { z } from 'zod';
import { CHOICE_KINDS, flowVerbT, type VerbTable } from '../../conversation/verbs.js';
import { ADDON_IDS, FREQUENCIES, PLAN_IDS } from '../../domain/ids.js';
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

/** "Buy" on an availability card: the add-on, and the plan when the card names one. */
export const AvailabilityBuyClickT = z.object({ verb: z.literal('availability.buy'), addonId: z.enum(ADDON_IDS), planId: z.enum(PLAN_IDS).optional() }).strict();

type BuyVerb = 'menu.buy' | 'availability.buy' | 'buy.chooseSubscription' | 'buy.chooseAddon' | 'buy.showMore' | 'buy.details'
  | 'buy.autoAssign' | 'buy.placeOrder' | 'buy.refreshCheckout' | 'buy.addCard' | 'buy.cancel' | 'buy.requestApproval';

/** The buy flow's verbs, as the router reads them. */
export const BUY_VERBS = {
  'menu.buy': { scope: 'anywhere', starts: 'buy', schema: z.object({ verb: z.literal('menu.buy') }).strict() },
  'availability.buy': { scope: 'anywhere', starts: 'buy', schema: AvailabilityBuyClickT },
  'buy.chooseSubscription': { scope: 'flow', flows: ['buy'], schema: ChooseSubscriptionSubmitT },
  'buy.chooseAddon': { scope: 'flow', flows: ['buy'], schema: ChooseAddonSubmitT },
  // Every choice card's "Show more", the manage picker's too.
  'buy.showMore': { scope: 'flow', flows: ['buy', 'manage'], schema: ShowMoreSubmitT },
  'buy.details': { scope: 'flow', flows: ['buy'], schema: DetailsSubmitT },
  'buy.autoAssign': { scope: 'flow', flows: ['buy'], schema: AutoAssignSubmitT },
  'buy.placeOrder': { scope: 'flow', flows: ['buy'], role: 'placeOrder', schema: PlaceOrderSubmitT },
  'buy.refreshCheckout': { scope: 'flow', flows: ['buy'], schema: RefreshCheckoutSubmitT },
  // Retired: checkout cards sent before cards were added in the admin center. Read only to answer such a click.
  'buy.addCard': { scope: 'flow', flows: ['buy'], schema: flowVerbT('buy.addCard') },
  // The choice card's Cancel, in the buy flow and the manage picker.
  'buy.cancel': { scope: 'flow', flows: ['buy', 'manage'], role: 'cancel', schema: flowVerbT('buy.cancel') },
  'buy.requestApproval': { scope: 'flow', flows: ['buy'], schema: RequestApprovalSubmitT },
} as const satisfies VerbTable<BuyVerb>;
