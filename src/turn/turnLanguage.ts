// The language of the turn, resolved once at its start, following the admin when they clearly write in the other
// language. It runs before routing, so whatever answers this turn (an open question asked again, an aside, a new
// request) comes out in the language the admin just wrote in.
import type { TurnContext } from 'botbuilder';
import type { Language } from '../domain/ids.js';
import { text } from '../i18n/text.js';
import { followedLanguage } from '../nlu/languageFollowing.js';
import { sendText, type DialogDeps } from './dialogDeps.js';
import { languageOf, languageOfLocale } from './language.js';
import { TURN_TEXTS } from './texts.js';
import { setLanguage, turnOf } from './turnState.js';
import { understandTurn } from './understanding.js';

/**
 * The user's language for this turn: stored preference, else the activity's locale or clientInfo, else English;
 * then, for typed text clearly in the other language, that language, stored as the new preference and said in one
 * line before the answer. Clicks, invokes and short or mixed text ("E3", "ok", "50 Go") never switch.
 */
export async function resolveTurnLanguage(deps: DialogDeps, context: TurnContext): Promise<Language> {
  const stored = languageOfLocale(await deps.languagePreference.get(context));
  const language = languageOf(context.activity, stored);
  setLanguage(context, language);
  if (!isTypedMessage(context)) return language;
  const understood = understandTurn(context);
  // "English" / "français" switch through their own intent, with their own confirmation.
  if (!understood || understood.intent === 'set_language') return language;
  const followed = followedLanguage(language, understood.languageEvidence);
  if (followed === undefined) return language;
  await deps.languagePreference.set(context, followed);
  setLanguage(context, followed);
  turnOf(context).followedLanguage = followed;
  await sendText(context, text(TURN_TEXTS, followed, 'languageFollowed'));
  return followed;
}

/** Text the admin typed, not a card's Action.Submit (which carries a value). */
function isTypedMessage(context: TurnContext): boolean {
  const activity = context.activity;
  const value: unknown = activity.value;
  return activity.type === 'message' && (value === undefined || value === null);
}
