// What the change flows keep in dialog state about the domain's quote and outcome (never read from a card).
import { IdT, MoneyT, ScheduledT } from '../../conversation/addonViews.js';
import type { Quote } from '../../domain/model.js';
import { z } from 'zod';

export const ChangeViewT = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('quantity'), quoteId: IdT, fromQuantity: z.number().int(), toQuantity: z.number().int(),
    effect: z.enum(['now', 'at_renewal']), effectiveAt: z.string(), before: MoneyT, after: MoneyT, amountNow: MoneyT,
  }),
  z.object({ kind: z.literal('cancellation'), quoteId: IdT, paidForTerm: MoneyT, refund: MoneyT, kept: MoneyT }),
  z.object({ kind: z.literal('recurring_billing'), quoteId: IdT, turnOn: z.boolean(), termEnd: z.string(), cancels: ScheduledT.nullable() }),
  z.object({ kind: z.literal('support_request'), quoteId: IdT }),
]);
export type ChangeView = z.infer<typeof ChangeViewT>;

/** The view of a quote of a change (a purchase quote is not a change). */
export function changeView(quote: Quote): ChangeView {
  switch (quote.kind) {
    case 'quantity':
      return {
        kind: 'quantity', quoteId: quote.id, fromQuantity: quote.fromQuantity, toQuantity: quote.toQuantity, effect: quote.effect,
        effectiveAt: quote.effectiveAt, before: quote.totalPerPeriodBefore, after: quote.totalPerPeriodAfter, amountNow: quote.amountNow,
      };
    case 'cancellation':
      return { kind: 'cancellation', quoteId: quote.id, paidForTerm: quote.paidForTerm, refund: quote.refund, kept: quote.kept };
    case 'recurring_billing':
      return {
        kind: 'recurring_billing', quoteId: quote.id, turnOn: quote.turnOn, termEnd: quote.termEnd,
        cancels: quote.cancelsScheduledChange ? { quantity: quote.cancelsScheduledChange.quantity, effectiveAt: quote.cancelsScheduledChange.effectiveAt } : null,
      };
    case 'support_request':
      return { kind: 'support_request', quoteId: quote.id };
    case 'purchase':
      throw new Error('A purchase quote is not a change');
  }
}

/** What a confirmed change did (the domain's claim outcome, without ids the cards do not show). */
export const OutcomeViewT = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quantity_changed'), fromQuantity: z.number().int(), toQuantity: z.number().int(),
    effect: z.enum(['now', 'at_renewal']), effectiveAt: z.string(), amountNow: MoneyT }),
  z.object({ kind: z.literal('subscription_canceled'), refund: MoneyT }),
  z.object({ kind: z.literal('recurring_billing_set'), turnedOn: z.boolean(), termEnd: z.string(), canceledChange: ScheduledT.nullable() }),
  z.object({ kind: z.literal('support_request_opened'), supportRequestId: IdT }),
]);
export type OutcomeView = z.infer<typeof OutcomeViewT>;
