// "My requests" / "pending approvals" (intent list_requests): a one-turn answer, newest first, 10 per card, Next
// with the store's keyset cursor. A user sees their own requests; a global or billing admin sees the tenant's, with a
// Review button on each pending one (verb approval.open). Paging payloads are validated with zod and only choose what
// to read, always in the caller's tenant.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { languageIn, noteOutcome, replaceClickedCard } from '../../turn/turnState.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import type { CardAction } from '../../conversation/verbs.js';
import { canPurchase } from '../../domain/billingService.js';
import { loadRequestDetails, requestsCard } from './cards.js';
import { callerIn, sendSay, type DialogDeps } from '../../turn/dialogDeps.js';

export const REQUESTS_PAGE_SIZE = 10;

const RequestsPageT = z.object({ verb: z.literal('requests.page'), cursor: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/) }).strict();

async function renderRequests(deps: DialogDeps, context: TurnContext, after: string | null): Promise<AdaptiveCardAttachment> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  const { user } = await billing.whoIs(caller);
  const all = canPurchase(user);
  const page = await billing.listRequests(caller, { limit: REQUESTS_PAGE_SIZE, after, mine: !all });
  const details = await loadRequestDetails(billing, caller, page.items);
  return deps.cards.render('requests', requestsCard({ requests: page.items, details, all, nextCursor: page.next, language: languageIn(context) }));
}

/** "my requests", "mes demandes", "pending approvals". */
export async function sendRequests(deps: DialogDeps, context: TurnContext): Promise<void> {
  await context.sendActivity({ type: 'message', attachments: [await renderRequests(deps, context, null)] });
  noteOutcome(context, 'listed');
}

/** Next on the requests card: the next page replaces the card in place. */
export async function answerRequestsPage(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  const parsed = RequestsPageT.safeParse(action.data);
  if (!parsed.success) {
    noteOutcome(context, 'invalid_input');
    await sendSay(deps, context, 'invalidCard');
    return;
  }
  await replaceClickedCard(context, await renderRequests(deps, context, parsed.data.cursor));
  noteOutcome(context, 'listed');
}
