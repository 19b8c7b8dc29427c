// Following the admin's language: a typed message clearly written in the other language switches the conversation
// to it. Short or mixed text ("E3", "ok", "merci", "50 GB", "buy 10 licences pour E3") never does, because a
// product name, a number or one borrowed word says nothing about the language the admin prefers.
import type { Language } from '../domain/ids.js';

/** Counts of English and French words in one message, as the recognizer reports them. */
export interface LanguageEvidence {
  readonly en: number;
  readonly fr: number;
}

/** The language to switch to, or undefined to stay: two words of the other language and none of ours, or three and twice as many. */
export function followedLanguage(current: Language, evidence: LanguageEvidence): Language | undefined {
  const other: Language = current === 'en' ? 'fr' : 'en';
  const theirs = evidence[other];
  const ours = evidence[current];
  const clear = (theirs >= 2 && ours === 0) || (theirs >= 3 && theirs >= 2 * ours);
  return clear ? other : undefined;
}
