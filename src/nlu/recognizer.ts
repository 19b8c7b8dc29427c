// The recognizer of "Buy an add-on by chatting": one utterance in English or French → intent, add-on, plan,
// quantity, billing frequency and language (SPEC sections 1, 3 and 7). Rules, no model:
//
//   1. split into words, normalized like catalog names (lower case, no accents);
//   2. fold two-word spellings ("add on" → "addon"), join split words ("share point"), split glued ones
//      ("office365"), and correct typos against a fixed vocabulary (catalog names, the intent phrases below,
//      number words) with a bounded Damerau-Levenshtein distance scaled to word length;
//   3. find product names (every catalog name, old name and short form, plus a few recognizer-only synonyms),
//      longest match first, so "E5 without Audio Conferencing" is a plan and not the Audio Conferencing add-on;
//   4. read the quantity with Microsoft's number recognizer, ignoring the digits of product names;
//   5. score each intent with the pattern tables below, over the corrected words in which product names became
//      `xaddon` / `xplan` and numbers `xnum`; the best score wins.
//
// Everything is computed once at module load (tables, the spelling index, the number models); understand() keeps
// no state between calls.
import { addonNameEntries, planNameEntries } from '../domain/catalog.js';
import type { AddonId, Language, PlanId } from '../domain/ids.js';
import { SpellingCorrector } from './fuzzy.js';
import {
  ENGLISH_WORDS, EXTRA_ADDON_NAMES, EXTRA_PLAN_NAMES, FRENCH_WORDS, JOINED_WORDS, NUMBER_CONNECTORS, NUMBER_WORDS,
  PROTECTED_WORDS,
} from './lexicon.js';
import { countOf, findQuantity, warmUpNumbers, type QuantityReading } from './numbers.js';
import { isDigits, tokenize, type Token } from './tokens.js';

export const INTENTS = [
  'buy', 'change_quantity', 'remove', 'recurring_billing_off', 'recurring_billing_on', 'availability', 'list_addons',
  'list_orders', 'list_requests', 'help', 'cancel', 'back', 'set_language', 'greeting', 'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Understanding {
  intent: Intent;
  addon: AddonId | null;
  plan: PlanId | null;
  /** A count the sentence gives: a whole number from 1; null when there is none or it is not one (see quantityRead). */
  quantity: number | null;
  /**
   * The number where a quantity goes, as written and read ("-1" → -1, "5k" → 5000, "2,5" → 2.5, unreadable → null),
   * even when it is no count: the bot says what it read instead of guessing. Not part of the `understand` output.
   */
  quantityRead: QuantityReading | null;
  frequency: 'monthly' | 'yearly' | null;
  /** The language of the utterance; for `set_language`, the language asked for ("parle anglais" → en). */
  language: Language;
}

/** What the recognizer saw besides the SPEC fields, for following the admin's language. */
export interface UnderstandingWithEvidence extends Understanding {
  /** French and English words counted outside product names (accents count one more French word). */
  languageEvidence: { en: number; fr: number };
  /** True when a pattern rule gave the intent; false when it was inferred from an add-on named alone, or is `none`. */
  byVerb: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Intent patterns.
//
// A pattern is a sequence of items separated by spaces, matched against the corrected words:
//   word        that word;                     a|b|c   one of them;          licen*   any word starting with "licen";
//   item?       optional;                      …       zero to four words;   ^ / $    start / end of the utterance;
//   xaddon / xplan / xnum   an add-on name, a plan name, a number.
// An intent scores the weight of its best matching pattern. Weights say how specific a phrase is: "turn off
// recurring billing" (4) beats "cancel … Phone System" (3), which beats a bare "cancel" (1), so "cancel Phone
// System" is remove while "cancel" alone is cancel. Equal scores go to the intent listed first in PRIORITY.
// ---------------------------------------------------------------------------------------------------------------

interface RuleGroup {
  readonly intent: Exclude<Intent, 'none'>;
  readonly weight: number;
  readonly en: readonly string[];
  readonly fr: readonly string[];
}

const OFF_VERBS_FR = 'desactiver|desactive|desactivez|arreter|arrete|arretez|stopper|stoppe|couper|coupe|annuler|annule|suspendre|supprimer';
const ON_VERBS_FR = 'activer|active|activez|reactiver|reactive|reactivez|remettre|remets|retablir|retablis|relancer|reprendre';
const RENEWAL = 'billing|renewal|renew|renewing|autorenew|renewals';
const RENEWAL_FR = 'facturation|renouvellement|reconduction';
const CANCEL_EN = 'cancel|stop|quit|abort|exit|nevermind';
const CANCEL_FR = 'annuler|annule|annulez|stop|stopper|stoppe|arreter|arrete|arretons|abandonner|abandonne|abandon';
/** Determiners that may sit before a plan name: "to our E3 subscription", "avec notre E3". Used as an optional item. */
const DET = 'my|our|the|a|an|mon|ma|notre|nos|mes|le|la|l|un|une';

const RULES: readonly RuleGroup[] = [
  // Recurring billing: the most specific phrases, so "cancel auto-renew" is not remove and "stop …" is not cancel.
  { intent: 'recurring_billing_off', weight: 4,
    en: [`turn|switch|set off|of … ${RENEWAL}`, `turn|switch|set … ${RENEWAL} off|of`,
      `stop|disable|deactivate|cancel|end|pause|suspend … recurring|automatic|${RENEWAL}`,
      'don|dont|not|never … renew|autorenew|renewal', 'no recurring|automatic|autorenew'],
    fr: [`${OFF_VERBS_FR} … ${RENEWAL_FR}`, 'ne|pas … renouveler|reconduire', 'sans renouvellement|reconduction'] },
  { intent: 'recurring_billing_on', weight: 4,
    en: [`turn|switch|set on … ${RENEWAL}`, `turn|switch|set … ${RENEWAL} back? on for|again|$`,
      `enable|reenable|activate|reactivate|resume|restart|restore … recurring|automatic|${RENEWAL}`],
    fr: [`${ON_VERBS_FR} … ${RENEWAL_FR}`] },

  // Changing the quantity of an add-on the tenant has. "add licenses to X" / "ajouter des licences" is a change,
  // "add X" / "ajouter X" is a purchase.
  { intent: 'change_quantity', weight: 3,
    en: ['change|update|modify|adjust|set|edit … quantity|quantities|number|count|amount',
      'increase|decrease|reduce|lower|raise|bump|augment|expand|shrink|scale',
      'add|remove|drop|cut … licen*|seats|seat|gb', 'more|fewer|less|additional … licen*|seats|seat|users|gb', 'xnum more|extra|additional',
      'more|fewer|less xaddon',
      // "licenses to 50": a target quantity. "30 GB more storage".
      'licen*|seats|seat|users|gb to minus|negative? xnum', 'licen*|seats|seat|users|gb more|fewer|less',
      // "set Phone System to 25 licenses": an add-on set to a number is a new total (even a wrong one: "to minus 5").
      'set xaddon to minus|negative? xnum'],
    fr: ['modifier|modifie|modifiez|changer|change|changez|ajuster|ajuste|mettre|editer … quantite|quantites|nombre|volume',
      'augmenter|augmente|augmentez|reduire|reduis|reduisez|diminuer|diminue|baisser|baisse|augmentation|reduction|diminution',
      'ajouter|ajoute|ajoutez|rajouter|rajoute|retirer|retire|enlever|enleve|supprimer|supprime … licen*|postes|go|utilisateurs',
      'plus|moins de licen*|postes|go', 'passer|passe … a|au moins|negatif? xnum', 'licen*|postes|utilisateurs|go a|au moins|negatif? xnum',
      'licen*|postes|go|xaddon supplementaires', 'licen*|postes|go|xaddon de|en plus|moins', 'plus|moins de|d xaddon'] },
  { intent: 'change_quantity', weight: 2.5, en: ['quantity'], fr: ['quantite'] },

  // Availability questions: "is X available on Y", "which add-ons does my plan support", "quels modules pour E3".
  { intent: 'availability', weight: 3.5,
    en: [`can|could i|we get|buy|add|have|use … with|on|for|to ${DET}? xplan`, 'can xplan have|get|use|support',
      `possible … with|on|for|to ${DET}? xplan`,
      // "add-ons for E3", "modules pour E3": the add-ons a plan allows, not the tenant's own list.
      'addons|addon for|on|with xplan',
      'which|what addon|addons|plans|plan|subscriptions|products … support|supports|allow|allows|include|includes|can|work|are'],
    fr: [`puis|peux|peut|pouvons|pourrais je|on|nous? avoir|acheter|ajouter|obtenir|prendre … avec|sur|pour|a|au|dans ${DET}? xplan`,
      `je|on|nous peux|peut|pouvons avoir|acheter|ajouter|obtenir|prendre … avec|sur|pour|a|au|dans ${DET}? xplan`,
      `possible … avec|sur|pour|a|au|dans ${DET}? xplan`, 'fonctionne|fonctionnent|marche|marchent avec',
      'quels|quel|quelles|quelle modules|module|offres|plans|abonnements|produits … pour|avec|sur|a|au xplan',
      'quels|quel|quelles|quelle modules|module|offres|plans|abonnements … prend|prennent|permet|permettent|supporte|supportent|inclut|incluent',
      'modules|module|complements|complementaires pour|sur|avec xplan'] },
  { intent: 'availability', weight: 3,
    en: ['available|availability|compatible|compatibility|eligible|supported'],
    fr: ['disponible|disponibles|dispo|disponibilite|compatible|compatibles|compatibilite|eligible|eligibles',
      'prend|prennent|pris|prise … en charge',
      // "quels modules complémentaires je peux ajouter": the add-ons one could have (what one has is list_addons).
      'quels|quel|quelles|quelle modules|module|complements|offres … peux|puis|peut|pouvons|existe|existent'] },
  { intent: 'availability', weight: 2.8, en: ['^ which|what addons|addon'], fr: ['^ quels|quel|quelles|quelle modules|complements'] },
  { intent: 'availability', weight: 2.5,
    en: ['support|supports|allow|allows|include|includes|permit', 'work|works with'],
    fr: ['permet|permettent|autorise|inclut|incluent|supporte|supportent|accepte'] },

  // Removing an add-on. "cancel" needs an object here; alone it is the cancel intent.
  { intent: 'remove', weight: 3,
    en: ['cancel|terminate|end|stop|kill|scrap … xaddon|subscription|addon', 'get rid of', 'stop paying|using', 'unsubscribe|uninstall'],
    fr: ['annuler|annule|annulez|stopper|arreter|arrete … xaddon|abonnement|module',
      'desabonner|desabonne|desinscrire|desinstaller', 'ne veux|voulons plus', 'plus besoin', 'ne plus payer'] },
  { intent: 'remove', weight: 2.5,
    en: ['remove|delete|drop|terminate|discontinue|deactivate'],
    fr: ['supprimer|supprime|supprimez|resilier|resilie|resiliez|retirer|retire|enlever|enleve|enlevez|desactiver'] },

  // Lists.
  { intent: 'list_addons', weight: 3,
    en: ['my|our current? addon? addons|subscriptions|products', 'show|list|view|display|see … addons|subscriptions|products',
      'what do i|we have'],
    fr: ['mes|nos modules|abonnements|complements|produits', 'afficher|affiche|montrer|montre|liste|lister|voir|consulter … modules|abonnements|complements',
      'quels|quel|quelles modules|module|abonnements|complements … ai|avons|possede|possedons', 'ai|avons comme modules|abonnements|complements'] },
  // "which add-ons have we bought" names add-ons: the add-ons we have, not the order history.
  { intent: 'list_addons', weight: 3.5, en: ['what|which addons|subscriptions do|have|did i|we'], fr: [] },
  { intent: 'list_orders', weight: 3,
    en: ['my|our|past|recent|previous|last orders|purchases', 'order|orders|purchase|purchases|buying history',
      'show|list|view|display|see … orders|purchases', 'what|which … did|have i|we buy|bought|purchase|purchased|order|ordered'],
    fr: ['mes|nos|dernieres|derniers|anciennes commandes|achats', 'historique … commandes|achats|commande|achat',
      'afficher|affiche|montrer|montre|liste|lister|voir|consulter … commandes|achats', 'quelles|quels commandes|achats'] },
  { intent: 'list_requests', weight: 3,
    en: ['my|our requests|approvals', 'pending|waiting|awaiting approvals|approval|requests|request', 'purchase|approval requests',
      'requests|approvals … approval|approve|pending|waiting|awaiting', 'show|list|view|see … requests|approvals', 'awaiting|waiting|pending … approval'],
    fr: ['mes|nos demandes', 'demandes|demande|approbations|approbation … attente|approuver|approbation|valider|validation',
      'demandes|demande d achat', 'afficher|affiche|montrer|montre|liste|lister|voir … demandes|approbations', 'quelles demandes'] },

  // Buying. Weaker than the phrases above on purpose: "what did I buy" is a list, "can I buy X on E3" availability.
  { intent: 'buy', weight: 2,
    en: ['buy|purchase|acquire|subscribe|procure', 'order … xaddon|xnum', 'sign up', 'add|include … xaddon'],
    fr: ['acheter|achete|achetez|achat|acquerir|souscrire|commander', 'commande … xaddon|xnum', 'ajouter|ajoute|ajoutez|rajouter … xaddon'] },
  { intent: 'buy', weight: 1.5,
    en: ['get|need|want|like|take|give … xaddon'],
    fr: ['veux|voudrais|voudrions|souhaite|souhaiterais|aimerais|besoin|faut|prends|prendre|obtenir|avoir … xaddon'] },

  // Conversation control.
  { intent: 'set_language', weight: 4,
    en: ['^ english|french please? $', 'in english|french', 'speak|talk|reply|answer|respond|write|switch|change|prefer … english|french',
      'change|switch|set … language'],
    fr: ['^ francais|anglais svp|stp|please? $', 'en francais|anglais',
      'parle|parles|parler|parlez|passer|passe|passons|reponds|repondre|ecris|prefere … francais|anglais', 'changer|change … langue'] },
  { intent: 'help', weight: 3,
    en: ['^ help me? please? $', 'what can … do|offer', 'how does this|it work', 'need|want help', 'what are my options'],
    fr: ['^ aide|aidez|aider moi? svp|stp? $', 'aidez|aide moi', 'besoin d aide', 'que|qu peux|pouvez|sais|savez tu|vous faire',
      'comment ca|cela|tu|vous marche|marches|fonctionne|fonctionnes', 'ca|cela marche|fonctionne comment', 'de l aide'] },
  { intent: 'help', weight: 2, en: ['help|assist|assistance|tutorial|commands|options', 'how do i|we'], fr: ['aide|aidez|aider'] },
  { intent: 'back', weight: 3,
    en: ['^ back|previous|prev|undo please? $', 'go|going|step|move back', 'previous step|question|page|screen|one'],
    fr: ['^ retour|precedent|precedente|retourner|revenir svp|stp? $', 'revenir|retourner|retour|reculer … arriere|precedent|precedente',
      'etape|question precedente|precedent', 'en arriere'] },
  // "cancel" on its own (or with "that", "please"…) stops the current flow.
  { intent: 'cancel', weight: 3,
    en: [`^ ${CANCEL_EN} that|it|this|everything|all? please|now? $`, 'nevermind', 'forget it|that|about'],
    fr: [`^ ${CANCEL_FR} tout|ca|cela? svp|stp? $`, '^ annuler|annule s il vous|te plait $', 'laisse|laissez|laissons tomber',
      'oublie|oubliez|oublions ca|cela|tout|$'] },
  { intent: 'cancel', weight: 1, en: [CANCEL_EN], fr: [CANCEL_FR] },
  { intent: 'greeting', weight: 1.5,
    en: ['^ hi|hello|hey|hiya|yo|greetings|howdy', 'good morning|afternoon|evening'],
    fr: ['^ bonjour|salut|bonsoir|coucou|allo', 'bon matin|apres midi'] },
];

/** Tie-break order: the more specific intents first. */
const PRIORITY: readonly Intent[] = [
  'recurring_billing_off', 'recurring_billing_on', 'change_quantity', 'availability', 'remove', 'list_requests',
  'list_orders', 'list_addons', 'buy', 'set_language', 'help', 'back', 'cancel', 'greeting', 'none',
];

const FREQUENCY_PATTERNS: ReadonlyArray<readonly ['monthly' | 'yearly', string]> = [
  ['yearly', 'yearly|annual|annually|annuel|annuelle|annuels|annuelles|annuellement'],
  ['yearly', 'per|a|each|every|by year'],
  ['yearly', 'par|chaque an|annee'],
  ['monthly', 'monthly|mensuel|mensuelle|mensuels|mensuelles|mensuellement'],
  ['monthly', 'per|a|each|every|by month'],
  ['monthly', 'par|chaque|au mois'],
  ['monthly', 'month to month'],
];

const PLACEHOLDERS: ReadonlySet<string> = new Set(['xaddon', 'xplan', 'xnum']);
const GAP = '(?:\\S+ ){0,4}';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles one pattern of the little language above into a RegExp over " word word … " (spaces around each word). */
function compilePattern(pattern: string): RegExp {
  let source = ' ';
  for (const item of pattern.trim().split(/\s+/)) {
    if (item === '^') { source = '^ '; continue; }
    if (item === '…') { source += GAP; continue; }
    if (item === '$') { source += '$'; continue; }
    const optional = item.endsWith('?') && item.length > 1;
    const body = optional ? item.slice(0, -1) : item;
    const alternatives = body.split('|').map((alt) => {
      if (alt === '$') return '$';
      return (alt.endsWith('*') ? `${escapeRegExp(alt.slice(0, -1))}\\S*` : escapeRegExp(alt)) + ' ';
    });
    const group = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    source += optional ? `(?:${group})?` : group;
  }
  return new RegExp(source);
}

interface CompiledRule {
  readonly intent: Exclude<Intent, 'none'>;
  readonly weight: number;
  readonly pattern: RegExp;
}

const COMPILED_RULES: readonly CompiledRule[] = RULES.flatMap((group) =>
  [...group.en, ...group.fr].map((p) => ({ intent: group.intent, weight: group.weight, pattern: compilePattern(p) })));
const COMPILED_FREQUENCY = FREQUENCY_PATTERNS.map(([frequency, p]) => ({ frequency, pattern: compilePattern(p) }));

/** The literal words of a pattern, so the spelling corrector knows them ("cancle" → "cancel"). */
function patternWords(pattern: string): string[] {
  return pattern.split(/[\s|]+/).map((w) => w.replace(/[?^$…]/g, ''))
    .filter((w) => w !== '' && !w.endsWith('*') && !PLACEHOLDERS.has(w));
}

// ---------------------------------------------------------------------------------------------------------------
// Product names.
// ---------------------------------------------------------------------------------------------------------------

type Product = { readonly kind: 'addon'; readonly id: AddonId } | { readonly kind: 'plan'; readonly id: PlanId };

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  product?: Product;
}

const PRODUCT_NAMES: ReadonlyArray<readonly [string, Product]> = [
  ...addonNameEntries().map(([name, id]) => [name, { kind: 'addon', id }] as const),
  ...EXTRA_ADDON_NAMES.map(([name, id]) => [name, { kind: 'addon', id }] as const),
  ...planNameEntries().map(([name, id]) => [name, { kind: 'plan', id }] as const),
  ...EXTRA_PLAN_NAMES.map(([name, id]) => [name, { kind: 'plan', id }] as const),
];

const PRODUCT_TRIE: TrieNode = (() => {
  const root: TrieNode = { next: new Map() };
  for (const [name, product] of PRODUCT_NAMES) {
    let node = root;
    for (const word of name.split(' ')) {
      let child = node.next.get(word);
      if (child === undefined) {
        child = { next: new Map() };
        node.next.set(word, child);
      }
      node = child;
    }
    node.product ??= product;
  }
  return root;
})();

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary for spelling correction: product words first (preferred on ties), then intent words, then the rest.
// ---------------------------------------------------------------------------------------------------------------

const VOCABULARY: readonly string[] = [
  ...PRODUCT_NAMES.flatMap(([name]) => name.split(' ')),
  ...RULES.flatMap((g) => [...g.en, ...g.fr].flatMap(patternWords)),
  ...FREQUENCY_PATTERNS.flatMap(([, p]) => patternWords(p)),
  ...NUMBER_WORDS, ...NUMBER_CONNECTORS, ...JOINED_WORDS.values(), ...PROTECTED_WORDS, ...FRENCH_WORDS, ...ENGLISH_WORDS,
];
const CORRECTOR = new SpellingCorrector(VOCABULARY);

/** Folds known two-word spellings, joins split words, splits glued ones and corrects typos. */
function normalizeWords(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined) {
      const joined = JOINED_WORDS.get(`${token.word} ${next.word}`);
      const glued = token.word + next.word;
      // "share point" → "sharepoint", "e 3" → "e3"; not when both halves are words of their own ("my analytics").
      const mergeable = !(CORRECTOR.has(token.word) && CORRECTOR.has(next.word)) && !isDigits(glued) && CORRECTOR.has(glued);
      if (joined !== undefined || mergeable) {
        out.push({ word: joined ?? glued, start: token.start, end: next.end });
        i++;
        continue;
      }
    }
    if (isDigits(token.word) || CORRECTOR.has(token.word)) { out.push(token); continue; }
    const split = splitGlued(token.word);
    if (split !== undefined) {
      for (const word of split) out.push({ word, start: token.start, end: token.end });
      continue;
    }
    out.push({ ...token, word: CORRECTOR.correct(token.word) ?? token.word });
  }
  return out;
}

/** "office365" → ["office", "365"], "extrastorage" → ["extra", "storage"]: two known words glued together. */
function splitGlued(word: string): readonly [string, string] | undefined {
  for (let k = 2; k <= word.length - 2; k++) {
    const left = word.slice(0, k);
    const right = word.slice(k);
    if (CORRECTOR.has(left) && CORRECTOR.has(right) && (left.length > 2 || right.length > 2)) return [left, right];
  }
  return undefined;
}

interface ProductMatch {
  readonly product: Product;
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

/** Every product name in the words, longest first, without overlaps. */
function findProducts(words: readonly string[]): ProductMatch[] {
  const found: ProductMatch[] = [];
  for (let i = 0; i < words.length; i++) {
    let node: TrieNode | undefined = PRODUCT_TRIE;
    let longest: ProductMatch | undefined;
    for (let j = i; j < words.length && node !== undefined; j++) {
      node = node.next.get(words[j]!);
      if (node?.product !== undefined) longest = { product: node.product, from: i, to: j + 1 };
    }
    if (longest !== undefined) found.push(longest);
  }
  found.sort((a, b) => (b.to - b.from) - (a.to - a.from) || a.from - b.from);
  const chosen: ProductMatch[] = [];
  for (const m of found) if (chosen.every((c) => m.to <= c.from || m.from >= c.to)) chosen.push(m);
  return chosen.sort((a, b) => a.from - b.from);
}

// ---------------------------------------------------------------------------------------------------------------
// Language.
// ---------------------------------------------------------------------------------------------------------------

function detectLanguage(text: string, words: readonly string[], masked: readonly boolean[], locale: string | undefined):
{ language: Language; evidence: { en: number; fr: number } } {
  let fr = 0;
  let en = 0;
  words.forEach((word, i) => {
    if (masked[i]) return;
    if (FRENCH_WORDS.has(word)) fr++;
    if (ENGLISH_WORDS.has(word)) en++;
  });
  // Accented letters outside product names ("Référentiel sécurisé" is one) are French.
  if (/[àâçéèêëîïôûùü]/i.test(text) && fr >= en) fr++;
  const evidence = { en, fr };
  if (fr !== en) return { language: fr > en ? 'fr' : 'en', evidence };
  const fromLocale = locale?.slice(0, 2).toLowerCase();
  return { language: fromLocale === 'fr' ? 'fr' : 'en', evidence };
}

// ---------------------------------------------------------------------------------------------------------------
// Putting it together.
// ---------------------------------------------------------------------------------------------------------------

/** A chat command is short; reading only this many words bounds the cost of a pasted page of text. */
const MAX_WORDS = 60;

export function understand(text: string, locale?: string): Understanding {
  const { languageEvidence: _evidence, byVerb: _byVerb, ...understanding } = understandWithEvidence(text, locale);
  return understanding;
}

/** `understand`, plus the language counts and whether a rule gave the intent. */
export function understandWithEvidence(text: string, locale?: string): UnderstandingWithEvidence {
  const tokens = normalizeWords(tokenize(text, MAX_WORDS));
  const words = tokens.map((t) => t.word);
  const products = findProducts(words);
  const masked = words.map(() => false);
  for (const m of products) for (let k = m.from; k < m.to; k++) masked[k] = true;

  // The first add-on and the first plan named.
  let addon: AddonId | null = null;
  let plan: PlanId | null = null;
  for (const { product } of products) {
    if (product.kind === 'addon') addon ??= product.id;
    else plan ??= product.id;
  }
  const detected = detectLanguage(textOutside(text, tokens, masked), words, masked, locale);
  let language = detected.language;
  const quantityRead = findQuantity(text, tokens, masked, language);

  // The words the patterns read: product names and numbers replaced by placeholders.
  const shown: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const product = products.find((m) => m.from === i);
    if (product !== undefined) {
      shown.push(product.product.kind === 'addon' ? 'xaddon' : 'xplan');
      i = product.to - 1;
    } else if (NUMBER_WORDS.has(words[i]!) || isDigits(words[i]!)) {
      if (shown[shown.length - 1] !== 'xnum') shown.push('xnum');
    } else {
      shown.push(words[i]!);
    }
  }
  const line = ` ${shown.join(' ')} `;

  const { intent, byVerb } = classify(line, text, addon !== null);
  if (intent === 'set_language') language = requestedLanguage(words) ?? language;

  return {
    intent, addon, plan, quantity: countOf(quantityRead), quantityRead, frequency: findFrequency(line), language,
    languageEvidence: detected.evidence, byVerb,
  };
}

function classify(line: string, text: string, hasAddon: boolean): { intent: Intent; byVerb: boolean } {
  // A lone question mark asks for help.
  if (line.trim() === '' && text.includes('?')) return { intent: 'help', byVerb: true };
  let best: Intent = 'none';
  let bestScore = 0;
  for (const rule of COMPILED_RULES) {
    if (rule.weight < bestScore) continue;
    if (rule.weight === bestScore && PRIORITY.indexOf(rule.intent) > PRIORITY.indexOf(best)) continue;
    if (rule.pattern.test(line)) {
      best = rule.intent;
      bestScore = rule.weight;
    }
  }
  // An add-on named with no verb at all ("Extra File Storage, 10 GB") is most likely something to buy.
  if (best === 'none' && hasAddon) return { intent: 'buy', byVerb: false };
  return { intent: best, byVerb: best !== 'none' };
}

function findFrequency(line: string): 'monthly' | 'yearly' | null {
  let found: 'monthly' | 'yearly' | null = null;
  let at = Infinity;
  for (const { frequency, pattern } of COMPILED_FREQUENCY) {
    const match = pattern.exec(line);
    if (match !== null && match.index < at) {
      found = frequency;
      at = match.index;
    }
  }
  return found;
}

function requestedLanguage(words: readonly string[]): Language | undefined {
  for (const word of words) {
    if (word === 'english' || word === 'anglais') return 'en';
    if (word === 'french' || word === 'francais') return 'fr';
  }
  return undefined;
}

/** The original text with product names blanked out, for the accent check of language detection. */
function textOutside(text: string, tokens: readonly Token[], masked: readonly boolean[]): string {
  let out = '';
  let from = 0;
  tokens.forEach((t, i) => {
    if (!masked[i]) return;
    out += text.slice(from, t.start);
    from = Math.max(from, t.end);
  });
  return out + text.slice(from);
}

/** Compiles the number recognizer's patterns for a language now instead of on the first user turn that has a number. */
export function warmUp(language: Language): void {
  warmUpNumbers(language);
}
