// The language of the turn, resolved once at its start.
import type { TurnContext } from 'botbuilder';
import type { Language } from '../domain/ids.js';
import type { DialogDeps } from './dialogDeps.js';
import { languageOf, languageOfLocale } from './language.js';
import { setLanguage } from './turnState.js';

/** The user's language for this turn: stored preference, else the activity's locale or clientInfo, else English. */
export async function resolveTurnLanguage(deps: DialogDeps, context: TurnContext): Promise<Language> {
  const stored = languageOfLocale(await deps.languagePreference.get(context));
  const language = languageOf(context.activity, stored);
  setLanguage(context, language);
  return language;
}
