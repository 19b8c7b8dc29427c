// Which window "what renews …?" asks about: this calendar month unless the words ask for soon, upcoming or next
// ("renewals in the next 30 days", "bientôt", "le mois prochain"), which read as the next 30 days.
import type { RenewalHorizon } from '../domain/billingService.js';
import { tokenize } from './tokens.js';

const THIS_MONTH = [['this', 'month'], ['ce', 'mois'], ['du', 'mois'], ['current', 'month'], ['mois', 'en', 'cours']];
const SOON = new Set(['soon', 'upcoming', 'next', 'coming', 'ahead', '30', 'thirty', 'bientot', 'prochain', 'prochaine',
  'prochains', 'prochaines', 'prochainement', 'venir', 'trente']);

function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  return words.some((_, i) => phrase.every((w, k) => words[i + k] === w));
}

export function renewalHorizonOf(text: string): RenewalHorizon {
  const words = tokenize(text, 60).map((t) => t.word);
  if (THIS_MONTH.some((phrase) => hasPhrase(words, phrase))) return 'this_month';
  return words.some((w) => SOON.has(w)) ? 'next_30_days' : 'this_month';
}
