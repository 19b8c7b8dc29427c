// The recognizer (src/nlu) as the dialogs use it: the user's text understood once per turn, whoever asks first
// (the cancel/back/help check, the main router or a question reading a typed answer).
import type { TurnContext } from 'botbuilder';
import { languageIn } from './turnState.js';
import type { Language } from '../domain/ids.js';
import { understandWithEvidence, type Understanding, type UnderstandingWithEvidence } from '../nlu/recognizer.js';

export type { Intent, Understanding, UnderstandingWithEvidence } from '../nlu/recognizer.js';

const CACHE_KEY = Symbol('addonAssistant.understanding');

interface Cached {
  readonly text: string;
  readonly result: UnderstandingWithEvidence;
}

/** The text of a message activity (mentions already removed by the bot), or '' for anything else. */
export function textOf(context: TurnContext): string {
  const { type, text } = context.activity;
  return type === 'message' && typeof text === 'string' ? text.trim() : '';
}

/**
 * What the user typed this turn, understood once in the language the turn started with (language following reads
 * the same result, with its evidence); undefined when nothing was typed.
 */
export function understandTurn(context: TurnContext): UnderstandingWithEvidence | undefined {
  const text = textOf(context);
  if (!text) return undefined;
  const cached: unknown = context.turnState.get(CACHE_KEY);
  if (cached !== undefined && (cached as Cached).text === text) return (cached as Cached).result;
  const result = understandWithEvidence(text, languageIn(context));
  const entry: Cached = { text, result };
  context.turnState.set(CACHE_KEY, entry);
  return result;
}

/** The language "English" / "français" / "parle anglais" asks for (the recognizer reads it into `language`). */
export function targetLanguageOf(understood: Understanding): Language {
  return understood.language;
}
