// Clicks on cards that no longer belong to a live flow: a second "Place order", a redelivered click, a card from a
// canceled or expired flow. They change nothing; the user is told so, and the clicked card becomes a read-only notice.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isCardInvoke, languageIn, noteOutcome, replaceClickedCard } from '../turn/turnState.js';
import type { Fact, NoticeTone } from '../cards/common.js';
import { CARD_TEXTS } from '../cards/text.js';
import type { CardAction } from './verbs.js';
import { isDomainError } from '../domain/errors.js';
import type { ClaimOutcome } from '../domain/outcomes.js';
import type { QuoteOutcome } from '../domain/billingService.js';
import { formatDate } from '../i18n/index.js';
import { notice } from '../cards/common.js';
import { callerIn, say, sendText, type DialogDeps } from '../turn/dialogDeps.js';

const StaleQuoteCardT = z.object({ quoteId: z.string().min(1).max(128) });

/** What a confirm button's quote did, as its claim stored it: these are the changes. */
const CHANGE_OUTCOMES: ReadonlySet<ClaimOutcome['kind']> = new Set<ClaimOutcome['kind']>([
  'quantity_changed', 'subscription_canceled', 'recurring_billing_set', 'support_request_opened',
]);

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

/**
 * What was done with the quote an old card names, from the domain's record of it (its idempotency claim), however old
 * the card. Someone who may not know (neither its maker nor an admin) gets undefined, and is told the card is stale.
 */
async function outcomeOfQuote(deps: DialogDeps, context: TurnContext, data: Readonly<Record<string, unknown>>): Promise<QuoteOutcome | undefined> {
  const parsed = StaleQuoteCardT.safeParse(data);
  if (!parsed.success) return undefined;
  try {
    return await deps.services.billing.quoteOutcome(callerIn(context), parsed.data.quoteId);
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

async function alreadyPlaced(deps: DialogDeps, context: TurnContext, orderId: string): Promise<void> {
  noteOutcome(context, 'duplicate');
  const labels = CARD_TEXTS[languageIn(context)].orderPlaced;
  await answerCardClick(deps, context, {
    tone: 'warning', title: say(deps, context, 'alreadyPlacedTitle'), message: say(deps, context, 'alreadyPlaced', { orderId }),
    facts: [{ title: labels.orderNumber, value: orderId }],
  });
}

async function alreadyChanged(deps: DialogDeps, context: TurnContext, done: QuoteOutcome): Promise<void> {
  noteOutcome(context, 'duplicate');
  const caller = callerIn(context);
  let name = done.by;
  try {
    name = (await deps.services.billing.whoIs({ tenantId: caller.tenantId, userId: done.by })).user.name;
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  const language = languageIn(context);
  await answerCardClick(deps, context, {
    tone: 'warning', title: say(deps, context, 'alreadyDoneTitle'),
    message: say(deps, context, 'alreadyDoneBy', { date: formatDate(done.at, language), name }),
  });
}

/**
 * A click on a card of a flow that is no longer open. A card that names a quote says what became of it, from the
 * domain's claim (already placed, already done); any other says it is no longer active.
 */
export async function answerStaleCard(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  noteOutcome(context, 'stale_card');
  const done = await outcomeOfQuote(deps, context, action.data);
  if (done?.outcome.kind === 'order_placed') return alreadyPlaced(deps, context, done.outcome.orderId);
  if (done && CHANGE_OUTCOMES.has(done.outcome.kind)) return alreadyChanged(deps, context, done);
  if (action.verb === 'buy.addCard') {
    return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message: say(deps, context, 'cardEntryRetired') });
  }
  const message = say(deps, context, action.verb === 'buy.placeOrder' ? 'staleCheckout' : 'staleCard');
  return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message });
}
