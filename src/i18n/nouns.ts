// Product names as nouns for the text engine: the catalog's English and French names, plus what French grammar
// needs to write "l’Audioconférence", "du Système téléphonique", "des Crédits de communication" or
// "d’Office 365 Entreprise E3".
import { getAddon, getPlan } from '../domain/catalog.js';
import type { AddonId, PlanId } from '../domain/ids.js';
import type { Noun } from './text.js';

type FrenchGrammar = Pick<Noun, 'frGender' | 'frArticle' | 'frPlural'>;

/**
 * The head noun of each French add-on name decides its gender ("Espace" m, "Conformité" f, "Crédits" m plural).
 * Names led by a brand ("Office 365 Protection…", "Microsoft MyAnalytics") read as proper names and take no article.
 */
const ADDON_GRAMMAR: Readonly<Record<AddonId, FrenchGrammar>> = {
  'customer-lockbox': { frGender: 'm', frArticle: true }, // le Référentiel sécurisé du client
  'advanced-threat-protection': { frGender: 'f', frArticle: false }, // Office 365 Protection avancée contre les menaces
  'exchange-online-archiving': { frGender: 'm', frArticle: true }, // l’Archivage Exchange Online
  myanalytics: { frGender: 'm', frArticle: false }, // Microsoft MyAnalytics
  'advanced-compliance': { frGender: 'f', frArticle: true }, // la Conformité avancée Office 365
  'extra-file-storage': { frGender: 'm', frArticle: true }, // l’Espace de stockage supplémentaire Office 365
  'phone-system': { frGender: 'm', frArticle: true }, // le Système téléphonique
  'audio-conferencing': { frGender: 'f', frArticle: true }, // l’Audioconférence
  'communications-credits': { frGender: 'm', frArticle: true, frPlural: true }, // les Crédits de communication
  'domestic-calling-plan': { frGender: 'm', frArticle: true }, // le Plan d’appels nationaux
  'international-calling-plan': { frGender: 'm', frArticle: true }, // le Plan d’appels internationaux
};

/** Plans are brand names and take no article ("d’Office 365 Entreprise E3"), except the one French plan name led by a common noun. */
const PLAN_GRAMMAR: Readonly<Partial<Record<PlanId, FrenchGrammar>>> = {
  'm365-apps-for-business': { frGender: 'f', frArticle: true, frPlural: true }, // les Applications Microsoft 365 pour les entreprises
};
const BRAND: FrenchGrammar = { frGender: 'm', frArticle: false };

/**
 * Microsoft capitalizes its product names, and so does the catalog; "Espace de stockage supplémentaire" is a
 * description more than a name, so inside a sentence it is written in lower case, like any common noun.
 */
const ADDON_IN_SENTENCE: Readonly<Partial<Record<AddonId, string>>> = {
  'extra-file-storage': 'espace de stockage supplémentaire Office 365',
};

export function addonNoun(id: AddonId): Noun {
  const { name } = getAddon(id);
  const inSentence = ADDON_IN_SENTENCE[id];
  return { en: name.en, fr: name.fr, ...ADDON_GRAMMAR[id], ...(inSentence === undefined ? {} : { frInSentence: inSentence }) };
}

export function planNoun(id: PlanId): Noun {
  const { name } = getPlan(id);
  return { en: name.en, fr: name.fr, ...(PLAN_GRAMMAR[id] ?? BRAND) };
}
