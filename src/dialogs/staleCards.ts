// Clicks on cards that no longer belong to a live flow: a second "Place order", a redelivered click, a card from a
// canceled or expired flow. They change nothing; the user is told so, and the clicked card becomes a read-only notice.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isCardInvoke, languageIn, noteOutcome, replaceClickedCard } from '../bot/turnState.js';
import type { Fact, NoticeTone } from '../cards/render.js';
import { CARD_TEXTS } from '../cards/text.js';
import type { CardAction } from '../cards/verbs.js';
import type { Order } from '../domain/model.js';
import { notice } from './buyCards.js';
import { callerIn, say, sendText, type DialogDeps } from './dialogDeps.js';

/** How far back "already placed" looks: a stale checkout card is at most minutes old. */
const RECENT_ORDERS = 50;

const StalePlaceOrderT = z.object({ quoteId: z.string().min(1).max(128) });

/**
 * Answers a click on a card: the card is replaced by a read-only notice. After an invoke the response card sits
 * where the user clicked; after a submit the old message is updated wherever it is, so the text is said too.
 */
export async function answerCardClick(
  deps: DialogDeps, context: TurnContext, notice_: { tone: NoticeTone; title: string; message: string; facts?: readonly Fact[] },
): Promise<void> {
  await replaceClickedCard(context, deps.cards.render('notice', notice(notice_.tone, notice_.title, notice_.message, notice_.facts)));
  if (!isCardInvoke(context)) await sendText(context, notice_.message);
}

/** The order placed from this quote, if it is among the tenant's latest orders (the domain is the record). */
async function recentOrderOfQuote(deps: DialogDeps, context: TurnContext, quoteId: string): Promise<Order | undefined> {
  const page = await deps.services.billing.listOrders(callerIn(context), { limit: RECENT_ORDERS });
  return page.items.find((o) => o.quoteId === quoteId);
}

export async function alreadyPlaced(deps: DialogDeps, context: TurnContext, order: Order): Promise<void> {
  noteOutcome(context, 'duplicate');
  const labels = CARD_TEXTS[languageIn(context)].orderPlaced;
  await answerCardClick(deps, context, {
    tone: 'warning', title: say(deps, context, 'alreadyPlacedTitle'), message: say(deps, context, 'alreadyPlaced', { orderId: order.id }),
    facts: [{ title: labels.orderNumber, value: order.id }],
  });
}

export async function answerStaleCard(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  noteOutcome(context, 'stale_card');
  if (action.verb === 'buy.placeOrder') {
    const parsed = StalePlaceOrderT.safeParse(action.data);
    const order = parsed.success ? await recentOrderOfQuote(deps, context, parsed.data.quoteId) : undefined;
    if (order) return alreadyPlaced(deps, context, order);
    return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message: say(deps, context, 'staleCheckout') });
  }
  return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message: say(deps, context, 'staleCard') });
}
