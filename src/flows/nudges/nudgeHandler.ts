// A nudge card's buttons that start nothing, whatever flow the clicker is in: one handler per verb. Keep changes
// nothing and says so (the card becomes a read-only notice); Stop these reminders sets the clicker's own preference.
// The fixes (reduce, recurring billing) start the change flows instead (src/flows/routes.ts).
import type { TurnContext } from 'botbuilder';
import type { CardAction } from '../../conversation/verbs.js';
import { answerCardClick } from '../../conversation/staleCards.js';
import { loadSubscriptions } from '../../conversation/tenantSubscriptions.js';
import { addonQuantity } from '../../conversation/addonViews.js';
import { canPurchase } from '../../domain/billingService.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { isAddonId } from '../../domain/ids.js';
import { addonNoun } from '../../i18n/nouns.js';
import { text } from '../../i18n/text.js';
import { languageIn, noteIntent, noteOutcome } from '../../turn/turnState.js';
import { callerIn, sendDomainError, sendSay, type DialogDeps } from '../../turn/dialogDeps.js';
import { VERB_REGISTRY, type VerbsOf } from '../verbs.js';
import { answerReminders } from './reminders.js';
import { NUDGE_TEXTS } from './texts.js';

export type NudgeVerb = VerbsOf<'nudge'>;
export type NudgeAction = CardAction & { readonly verb: NudgeVerb };

export class NudgeHandler {
  private readonly handlers: { readonly [V in NudgeVerb]: (context: TurnContext, action: NudgeAction) => Promise<void> };

  constructor(private readonly deps: DialogDeps) {
    this.handlers = {
      'nudge.keep': this.keep.bind(this),
      'nudge.stopReminders': this.stopReminders.bind(this),
    };
  }

  async handle(context: TurnContext, action: NudgeAction): Promise<void> {
    noteIntent(context, action.verb);
    try {
      await this.handlers[action.verb](context, action);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await sendDomainError(this.deps, context, error);
    }
  }

  /** "Keep them": nothing changes. The add-on is read again (the clicker's tenant, an admin) to say what is kept. */
  private async keep(context: TurnContext, action: NudgeAction): Promise<void> {
    const parsed = VERB_REGISTRY['nudge.keep'].schema.safeParse(action.data);
    if (!parsed.success) return this.invalid(context);
    const caller = callerIn(context);
    const { billing } = this.deps.services;
    const { user } = await billing.whoIs(caller);
    if (!canPurchase(user)) {
      noteOutcome(context, 'forbidden');
      return sendSay(this.deps, context, 'onlyAdminsCanChange');
    }
    const subs = await loadSubscriptions(billing, caller);
    const sub = subs.addons.find((a) => a.id === parsed.data.subscriptionId);
    if (!sub || !isAddonId(sub.productId)) return sendDomainError(this.deps, context, new DomainError('not_found', { what: 'subscription' }));
    const language = languageIn(context);
    noteOutcome(context, 'kept');
    await answerCardClick(this.deps, context, {
      tone: 'good',
      title: text(NUDGE_TEXTS, language, 'keptTitle'),
      message: text(NUDGE_TEXTS, language, 'kept', { addon: addonNoun(sub.productId), quantity: addonQuantity(sub.productId, sub.quantity, language) }),
    });
  }

  /** "Stop these reminders": the clicker's own preference; the card stays as it is. */
  private async stopReminders(context: TurnContext, action: NudgeAction): Promise<void> {
    if (!VERB_REGISTRY['nudge.stopReminders'].schema.safeParse(action.data).success) return this.invalid(context);
    await answerReminders(this.deps, context, false);
  }

  private async invalid(context: TurnContext): Promise<void> {
    noteOutcome(context, 'invalid_input');
    await sendSay(this.deps, context, 'invalidCard');
  }
}
