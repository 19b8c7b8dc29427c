// Availability answers (SPEC section 3): "which add-ons does my plan support?" for the tenant's own subscriptions,
// "which add-ons for E3?" and "is MyAnalytics available on Business Basic?" from the catalog (old names and typos are
// the recognizer's work), "is Phone System available?" for the tenant's subscriptions that could take it. Anyone in
// the tenant may ask; Buy buttons start the buy flow with the slots filled, and only where the tenant has a subscription
// that can take the add-on.
import type { TurnContext } from 'botbuilder';
import { languageIn, noteOutcome } from '../../turn/turnState.js';
import type { AdaptiveCardAttachment } from '../../cards/render.js';
import { callerIn, sendCard, type DialogDeps } from '../../turn/dialogDeps.js';
import { addonAvailabilityCard, ownAvailabilityCard, planAvailabilityCard, questionAvailabilityCard } from './cards.js';
import { loadSubscriptions } from '../../conversation/tenantSubscriptions.js';
import type { Understanding } from '../../turn/understanding.js';

/** "Which add-ons does my plan support?": page `page` of the tenant's subscriptions, each with its add-ons. */
export async function renderOwnAvailability(deps: DialogDeps, context: TurnContext, page: number): Promise<AdaptiveCardAttachment> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  const [{ tenant }, subs] = await Promise.all([billing.whoIs(caller), loadSubscriptions(billing, caller)]);
  return deps.cards.render('availability', ownAvailabilityCard({ subs, page, cloud: tenant.cloud, language: languageIn(context) }));
}

export async function sendAvailability(deps: DialogDeps, context: TurnContext, understood: Understanding): Promise<void> {
  const { billing } = deps.services;
  const caller = callerIn(context);
  const language = languageIn(context);
  const { addon, plan } = understood;
  if (addon && plan) {
    const [{ tenant }, eligible] = await Promise.all([billing.whoIs(caller), billing.eligibleBaseSubscriptions(caller, addon)]);
    const answer = billing.availability(addon, plan);
    noteOutcome(context, answer.available ? 'available' : 'not_available');
    await sendCard(deps, context, 'availability', questionAvailabilityCard(answer, eligible, tenant.cloud, language));
    return;
  }
  if (plan) {
    const [{ tenant }, subs] = await Promise.all([billing.whoIs(caller), loadSubscriptions(billing, caller)]);
    noteOutcome(context, 'answered');
    const ownsPlan = subs.bases.some((base) => base.productId === plan);
    await sendCard(deps, context, 'availability', planAvailabilityCard(plan, ownsPlan, tenant.cloud, language));
    return;
  }
  if (addon) {
    const [{ tenant }, eligible, subs] = await Promise.all([
      billing.whoIs(caller), billing.eligibleBaseSubscriptions(caller, addon), loadSubscriptions(billing, caller),
    ]);
    noteOutcome(context, eligible.subscriptions.length > 0 ? 'available' : 'not_available');
    await sendCard(deps, context, 'availability', addonAvailabilityCard(eligible, subs, tenant.cloud, language));
    return;
  }
  noteOutcome(context, 'answered');
  await context.sendActivity({ type: 'message', attachments: [await renderOwnAvailability(deps, context, 0)] });
}
