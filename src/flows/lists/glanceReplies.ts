// "What renews this month?" and "how much do we spend on add-ons?": one-turn answers from the ledger (no dialog),
// answered aside when a flow is open. Anyone in the tenant may ask; they see the add-ons "my add-ons" shows them.
import type { TurnContext } from 'botbuilder';
import { renewalHorizonOf } from '../../nlu/renewalHorizon.js';
import { callerIn, type DialogDeps } from '../../turn/dialogDeps.js';
import { languageIn, noteOutcome } from '../../turn/turnState.js';
import { renewalsCard, spendCard } from './glanceCards.js';

/** "what renews this month?", "upcoming renewals", "qu'est-ce qui se renouvelle ce mois-ci ?". */
export async function sendRenewals(deps: DialogDeps, context: TurnContext, said: string): Promise<void> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  const [{ tenant }, renewals] = await Promise.all([billing.whoIs(caller), billing.upcomingRenewals(caller, renewalHorizonOf(said))]);
  const card = deps.cards.render('glance', renewalsCard({ renewals, cloud: tenant.cloud, language: languageIn(context) }));
  await context.sendActivity({ type: 'message', attachments: [card] });
  noteOutcome(context, 'listed');
}

/** "how much do we spend on add-ons?", "combien coûtent nos modules ?". */
export async function sendSpend(deps: DialogDeps, context: TurnContext): Promise<void> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  const [{ tenant }, spend] = await Promise.all([billing.whoIs(caller), billing.addonSpend(caller)]);
  const card = deps.cards.render('glance', spendCard({ spend, cloud: tenant.cloud, language: languageIn(context) }));
  await context.sendActivity({ type: 'message', attachments: [card] });
  noteOutcome(context, 'listed');
}
