// The buy flow's state: the options the flow starts with, the flow kept in the waterfall's values, each question's
// options and answers, and how "back" rewinds the flow.
import { ASK_ADDON, ASK_CHECKOUT, ASK_DETAILS, ASK_REQUEST, ASK_SUBSCRIPTION } from '../../conversation/dialogIds.js';
import { ADDON_IDS, FREQUENCIES, PLAN_IDS } from '../../domain/ids.js';
import { BaseViewT, QuoteViewT } from '../../conversation/views.js';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';

export const STEPS = ['subscription', 'addon', 'details', 'checkout'] as const;
export type Step = (typeof STEPS)[number];

/** What the utterance gave ("acheter 50 Go de stockage pour E3, facturé annuellement"). */
export const BuySlotsT = z.object({
  addonId: z.enum(ADDON_IDS).optional(),
  planId: z.enum(PLAN_IDS).optional(),
  quantity: z.number().optional(),
  /** The number the sentence gave where a quantity goes, even when it is none ("-1", "3 billion"): said back, never guessed. */
  quantityRead: z.object({ written: z.string().max(200), value: z.number().nullable() }).optional(),
  frequency: z.enum(FREQUENCIES).optional(),
});
export type BuySlots = z.infer<typeof BuySlotsT>;

export const BuyFlowT = z.object({
  flowId: z.string(),
  given: BuySlotsT,
  addonId: z.enum(ADDON_IDS).optional(),
  base: BaseViewT.optional(),
  quantity: z.number().optional(),
  frequency: z.enum(FREQUENCIES).optional(),
  autoAssign: z.boolean().optional(),
  quote: QuoteViewT.optional(),
  /** The questions shown so far, in order ("back" returns to the last one). */
  asked: z.array(z.enum(STEPS)),
  /** Ask this question again even though its answer is known ("back"). */
  reask: z.enum(STEPS).optional(),
});
export type BuyFlow = z.infer<typeof BuyFlowT>;

export const BuyAddonOptionsT = z.object({
  slots: BuySlotsT,
  /** Set when "back" restarts the waterfall: the flow so far, with `reask` set. */
  resume: BuyFlowT.optional(),
});
export type BuyAddonOptions = z.infer<typeof BuyAddonOptionsT>;

export const WaterfallFlowT = z.object({ values: z.object({ flow: BuyFlowT }) });

export const FlowIdT = z.string().min(1).max(64);
export const PageT = z.number().int().min(0).max(10_000);

export const SubscriptionQuestionT = z.object({
  flowId: FlowIdT, addonId: z.enum(ADDON_IDS).optional(), planId: z.enum(PLAN_IDS).optional(), selected: z.string().optional(), page: PageT,
});
export type SubscriptionQuestion = z.infer<typeof SubscriptionQuestionT>;

export const AddonQuestionT = z.object({ flowId: FlowIdT, base: BaseViewT, selected: z.enum(ADDON_IDS).optional(), page: PageT });
export type AddonQuestion = z.infer<typeof AddonQuestionT>;

export const DetailsQuestionT = z.object({
  flowId: FlowIdT, addonId: z.enum(ADDON_IDS), base: BaseViewT,
  quantity: z.number().optional(), frequency: z.enum(FREQUENCIES).optional(), autoAssign: z.boolean().optional(),
});
export type DetailsQuestion = z.infer<typeof DetailsQuestionT>;

export const CheckoutQuestionT = z.object({ flowId: FlowIdT, base: BaseViewT, quote: QuoteViewT, paymentMethodId: z.string().optional() });
export type CheckoutQuestion = z.infer<typeof CheckoutQuestionT>;

/** Users without purchase rights: the same terms, sent to the admins for approval instead of checkout. */
export const RequestQuestionT = z.object({ flowId: FlowIdT, base: BaseViewT, quote: QuoteViewT });
export type RequestQuestion = z.infer<typeof RequestQuestionT>;

// What each question returns to the next step (in memory, same turn).
export const SubscriptionAnswerT = z.object({ base: BaseViewT });
export type SubscriptionAnswer = z.infer<typeof SubscriptionAnswerT>;
export const AddonAnswerT = z.object({ addonId: z.enum(ADDON_IDS) });
export type AddonAnswer = z.infer<typeof AddonAnswerT>;
export const DetailsAnswerT = z.object({ quote: QuoteViewT });
export type DetailsAnswer = z.infer<typeof DetailsAnswerT>;
export const CheckoutAnswerT = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('placed'), orderId: z.string(), duplicate: z.boolean() }),
  z.object({ kind: z.literal('stopped') }),
]);
export type CheckoutAnswer = z.infer<typeof CheckoutAnswerT>;
/** What the request question returns: the flow then ends (the receipt step only acts on a placed order). */
export type RequestAnswer = { readonly kind: 'requested'; readonly requestId: string } | { readonly kind: 'stopped' };

export const QUESTION_STEP: Readonly<Record<string, Step>> = {
  [ASK_SUBSCRIPTION]: 'subscription', [ASK_ADDON]: 'addon', [ASK_DETAILS]: 'details', [ASK_CHECKOUT]: 'checkout', [ASK_REQUEST]: 'checkout',
};

/** The question "back" returns to from `current`: the last one asked before it (checkout always has details). */
export function previousStep(flow: BuyFlow, current: Step): Step | undefined {
  if (current === 'checkout') return 'details';
  const earlier = STEPS.slice(0, STEPS.indexOf(current));
  return [...flow.asked].reverse().find((s) => earlier.includes(s));
}

/** The flow as it was when `target` was asked: later answers forgotten (what the utterance gave stays). */
export function rewind(flow: BuyFlow, target: Step): BuyFlow {
  const at = STEPS.indexOf(target);
  const after = (s: Step) => STEPS.indexOf(s) > at;
  return {
    ...flow,
    addonId: after('addon') ? flow.given.addonId : flow.addonId,
    quantity: after('details') ? flow.given.quantity : flow.quantity,
    frequency: after('details') ? flow.given.frequency : flow.frequency,
    autoAssign: after('details') ? undefined : flow.autoAssign,
    quote: undefined,
    asked: flow.asked.filter((s) => STEPS.indexOf(s) < at),
    reask: target,
  };
}

export function flowOf(step: WaterfallStepContext<BuyAddonOptions>): BuyFlow {
  return BuyFlowT.parse((step.values as { flow?: unknown }).flow);
}

export function keep(step: WaterfallStepContext<BuyAddonOptions>, flow: BuyFlow): void {
  (step.values as { flow?: BuyFlow }).flow = flow;
}
