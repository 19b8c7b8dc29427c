// "stop reminders" / "start reminders", typed or from a nudge card's button: the person's own preference, set by the
// domain (idempotent: "they were already off" when nothing changed).
import type { TurnContext } from 'botbuilder';
import { languageIn, noteOutcome } from '../../turn/turnState.js';
import { text } from '../../i18n/text.js';
import { callerIn, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { NUDGE_TEXTS } from './texts.js';

export async function answerReminders(deps: DialogDeps, context: TurnContext, on: boolean): Promise<void> {
  const { changed } = await deps.services.billing.setReminders(callerIn(context), on);
  noteOutcome(context, `reminders_${on ? 'on' : 'off'}${changed ? '' : '_already'}`);
  const key = on ? (changed ? 'remindersOn' : 'remindersAlreadyOn') : (changed ? 'remindersOff' : 'remindersAlreadyOff');
  await sendText(context, text(NUDGE_TEXTS, languageIn(context), key));
}
