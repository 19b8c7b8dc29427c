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
//   5. score each intent with the pattern tables (./patterns.ts), over the corrected words in which product names became
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
import type { Intent } from './intents.js';
import { COMPILED_FREQUENCY, COMPILED_RULES, patternWords } from './patternLanguage.js';
import { FREQUENCY_PATTERNS, PRIORITY, RULES } from './patterns.js';
import { isDigits, tokenize, type Token } from './tokens.js';

export { INTENTS, type Intent } from './intents.js';

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
