// "My add-ons" and "my orders": one-turn answers (no dialog), and their Next / Previous buttons, which replace the
// clicked card in place. Anyone in the tenant may list; only global and billing admins get the change buttons.
// Paging payloads are validated with zod; the page and cursor only choose what to read, always in the caller's tenant.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { languageIn, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import type { CardAction } from '../../conversation/verbs.js';
import { canPurchase, type Caller } from '../../domain/billingService.js';
import { isDomainError } from '../../domain/errors.js';
import { renderOwnAvailability } from '../availability/availabilityReplies.js';
import { callerIn, sendDomainError, sendSay, type DialogDeps } from '../../turn/dialogDeps.js';
import { addonsCard, ordersCard } from './cards.js';
import { loadSubscriptions } from '../../conversation/tenantSubscriptions.js';

/** Orders per card. */
export const ORDERS_PAGE_SIZE = 10;
/** The largest page the domain serves: skipping to an earlier page reads this many at a time. */
const SKIP_CHUNK = 100;

const PageT = z.union([z.number().int().min(0).max(100_000), z.string().regex(/^\d{1,6}$/).transform(Number)]);
/** The store's keyset cursor: base64url, opaque here; the domain refuses one it cannot read. */
const CursorT = z.string().regex(/^[A-Za-z0-9_-]{1,512}$/);

const AddonsPageT = z.object({ verb: z.literal('addons.page'), page: PageT }).strict();
const OrdersPageT = z.object({ verb: z.literal('orders.page'), page: PageT, cursor: CursorT.optional() }).strict();
const AvailabilityPageT = z.object({ verb: z.literal('availability.page'), page: PageT }).strict();

async function send(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
  await context.sendActivity({ type: 'message', attachments: [card] });
}

async function renderAddons(deps: DialogDeps, context: TurnContext, page: number): Promise<AdaptiveCardAttachment> {
  const { billing, clock } = deps.services;
  const caller = callerIn(context);
  const [{ tenant, user }, subs] = await Promise.all([billing.whoIs(caller), loadSubscriptions(billing, caller)]);
  return deps.cards.render('addons', addonsCard({
    subs, page, canChange: canPurchase(user), now: clock.now(), cloud: tenant.cloud, language: languageIn(context),
  }));
}

/** "my add-ons", "mes abonnements", the My add-ons button of the help and orders cards. */
export async function sendAddons(deps: DialogDeps, context: TurnContext): Promise<void> {
  await send(context, await renderAddons(deps, context, 0));
  noteOutcome(context, 'listed');
}

/** The cursor of the page that starts after `count` orders (null when there are that many or fewer). */
async function skipOrders(deps: DialogDeps, caller: Caller, count: number): Promise<{ after: string | null; skipped: number }> {
  let after: string | null = null;
  let skipped = 0;
  while (skipped < count) {
    const page = await deps.services.billing.listOrders(caller, { limit: Math.min(SKIP_CHUNK, count - skipped), after });
    skipped += page.items.length;
    after = page.next;
    if (after === null) break;
  }
  return { after, skipped };
}

async function renderOrders(deps: DialogDeps, context: TurnContext, requested: number, cursor: string | undefined): Promise<AdaptiveCardAttachment> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  let page = requested;
  let after: string | null = cursor ?? null;
  if (page > 0 && after === null) {
    // Previous (or a page asked without its cursor): keyset pages only go forward, so read up to it.
    const skip = await skipOrders(deps, caller, page * ORDERS_PAGE_SIZE);
    after = skip.after;
    if (after === null) page = 0;
  }
  const [{ tenant }, orders] = await Promise.all([billing.whoIs(caller), billing.listOrders(caller, { limit: ORDERS_PAGE_SIZE, after })]);
  const names = new Map<string, string>();
  for (const userId of new Set(orders.items.map((o) => o.placedBy))) {
    const name = await billing.personName(caller, userId);
    if (name !== undefined) names.set(userId, name);
  }
  return deps.cards.render('orders', ordersCard({
    orders: orders.items, names, page, nextCursor: orders.next, cloud: tenant.cloud, language: languageIn(context),
  }));
}

/** "my orders", "mes commandes", the My orders button of the add-ons card. */
export async function sendOrders(deps: DialogDeps, context: TurnContext): Promise<void> {
  await send(context, await renderOrders(deps, context, 0, undefined));
  noteOutcome(context, 'listed');
}

/** Next / Previous on a list card: the clicked card shows the asked page. */
export async function answerListPage(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  try {
    const card = await pageCard(deps, context, action);
    if (!card) {
      noteOutcome(context, 'invalid_input');
      await sendSay(deps, context, 'invalidCard');
      return;
    }
    noteOutcome(context, 'listed');
    await replaceClickedCard(context, card);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await sendDomainError(deps, context, error);
  }
}

async function pageCard(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<AdaptiveCardAttachment | undefined> {
  switch (action.verb) {
    case 'addons.page': {
      const parsed = AddonsPageT.safeParse(action.data);
      return parsed.success ? renderAddons(deps, context, parsed.data.page) : undefined;
    }
    case 'orders.page': {
      const parsed = OrdersPageT.safeParse(action.data);
      return parsed.success ? renderOrders(deps, context, parsed.data.page, parsed.data.cursor) : undefined;
    }
    case 'availability.page': {
      const parsed = AvailabilityPageT.safeParse(action.data);
      return parsed.success ? renderOwnAvailability(deps, context, parsed.data.page) : undefined;
    }
    default:
      return undefined;
  }
}
