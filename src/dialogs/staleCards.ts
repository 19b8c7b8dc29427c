// Clicks on cards that no longer belong to a live flow: a second "Place order", a redelivered click, a card from a
// canceled or expired flow. They change nothing; the user is told so, and the clicked card becomes a read-only notice.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isCardInvoke, languageIn, noteOutcome, replaceClickedCard } from '../bot/turnState.js';
import type { Fact, NoticeTone } from '../cards/render.js';
import { CARD_TEXTS } from '../cards/text.js';
import type { CardAction, Verb } from '../cards/verbs.js';
import { isDomainError } from '../domain/errors.js';
import type { AuditEntry, Order } from '../domain/model.js';
import { formatDate } from '../i18n/index.js';
import { notice } from './buyCards.js';
import { callerIn, say, sendText, type DialogDeps } from './dialogDeps.js';

/** How far back "already placed" looks: a stale checkout card is at most minutes old. */
const RECENT_ORDERS = 50;

const StalePlaceOrderT = z.object({ quoteId: z.string().min(1).max(128) });
const StaleConfirmT = z.object({ quoteId: z.string().min(1).max(128) });

/** How far back "already done" looks in the audit log for a change confirmed from this card. */
const RECENT_AUDIT = 50;

/** The confirm buttons of the change flows: clicked again after their flow ended, they change nothing. */
const CONFIRM_VERBS: ReadonlySet<Verb> = new Set<Verb>(['quantity.confirm', 'removal.confirm', 'recurring.confirm', 'support.confirm']);

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

/**
 * The change made from this quote, if it is among the tenant's latest audit entries (the domain records every change
 * with its idempotency key). Reading the audit log is for admins: anyone else gets undefined, and nothing happens.
 */
async function recentChangeOfQuote(deps: DialogDeps, context: TurnContext, quoteId: string): Promise<AuditEntry | undefined> {
  try {
    const page = await deps.services.billing.listAudit(callerIn(context), { limit: RECENT_AUDIT });
    return page.items.find((e) => e.idempotencyKey === `quote:${quoteId}`);
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

async function alreadyChanged(deps: DialogDeps, context: TurnContext, entry: AuditEntry): Promise<void> {
  noteOutcome(context, 'duplicate');
  let name = entry.actorId;
  try {
    name = (await deps.services.billing.whoIs({ tenantId: entry.tenantId, userId: entry.actorId })).user.name;
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  const language = languageIn(context);
  await answerCardClick(deps, context, {
    tone: 'warning', title: say(deps, context, 'alreadyDoneTitle'),
    message: say(deps, context, 'alreadyDoneBy', { date: formatDate(entry.at, language), name }),
  });
}

export async function answerStaleCard(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  noteOutcome(context, 'stale_card');
  if (CONFIRM_VERBS.has(action.verb)) {
    const parsed = StaleConfirmT.safeParse(action.data);
    const entry = parsed.success ? await recentChangeOfQuote(deps, context, parsed.data.quoteId) : undefined;
    if (entry) return alreadyChanged(deps, context, entry);
  }
  if (action.verb === 'buy.placeOrder') {
    const parsed = StalePlaceOrderT.safeParse(action.data);
    const order = parsed.success ? await recentOrderOfQuote(deps, context, parsed.data.quoteId) : undefined;
    if (order) return alreadyPlaced(deps, context, order);
    return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message: say(deps, context, 'staleCheckout') });
  }
  return answerCardClick(deps, context, { tone: 'warning', title: say(deps, context, 'staleTitle'), message: say(deps, context, 'staleCard') });
}
