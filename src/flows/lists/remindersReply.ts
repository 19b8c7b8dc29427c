// "stop reminders" / "start reminders" typed: the caller's own preference, set through the domain, said back in one
// line. The nudge cards' button of the same meaning is answered with the nudges.
import type { TurnContext } from 'botbuilder';
import { defineTexts, text } from '../../i18n/text.js';
import { callerIn, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { languageIn, noteOutcome } from '../../turn/turnState.js';

const REMINDER_TEXTS = defineTexts(
  {
    turnedOff: 'Done: I won’t send you reminders any more (refund windows, renewals, approvals waiting). Say "start reminders" to get them again.',
    alreadyOff: 'Reminders are already off for you. Say "start reminders" to get them again.',
    turnedOn: 'Done: I’ll remind you again before refund windows close, before renewals and about approvals waiting. Say "stop reminders" to stop them.',
    alreadyOn: 'Reminders are already on for you. Say "stop reminders" to stop them.',
  },
  {
    turnedOff: 'C’est fait : je ne vous enverrai plus de rappels (délais de remboursement, renouvellements, approbations en attente). Dites « réactive les rappels » pour les recevoir à nouveau.',
    alreadyOff: 'Les rappels sont déjà désactivés pour vous. Dites « réactive les rappels » pour les recevoir à nouveau.',
    turnedOn: 'C’est fait : je vous préviendrai à nouveau avant la fin des délais de remboursement, avant les renouvellements et pour les approbations en attente. Dites « arrête les rappels » pour les arrêter.',
    alreadyOn: 'Les rappels sont déjà activés pour vous. Dites « arrête les rappels » pour les arrêter.',
  },
);

export async function sendRemindersSet(deps: DialogDeps, context: TurnContext, on: boolean): Promise<void> {
  const set = await deps.services.billing.setReminders(callerIn(context), on);
  noteOutcome(context, set.changed ? (on ? 'reminders_on' : 'reminders_off') : 'unchanged');
  const key = on ? (set.changed ? 'turnedOn' : 'alreadyOn') : (set.changed ? 'turnedOff' : 'alreadyOff');
  await sendText(context, text(REMINDER_TEXTS, languageIn(context), key));
}
