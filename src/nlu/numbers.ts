// Quantities: which number in the sentence is the count of licenses or GB, read by Microsoft's number recognizer in
// the language of the sentence ("ten", "vingt-cinq", "1,000" in English, "1 000" in French).
//
// Why @microsoft/recognizers-text-number and not the suite's recognizeNumber(): the suite (a bundle of this same
// package, same version; npm installs this package as the suite's own dependency, and botbuilder-dialogs loads it
// too) only exposes recognizeNumber(), whose French model includes fraction patterns of about 130 KB of regular
// expression. V8 compiles those on first use: about 10 s of CPU on these machines, on the first French turn, and
// 0.3 to 6 ms per French call afterwards. We only want whole numbers, so we build the cardinal (integer and decimal)
// models once per culture from the same parts: about 0.3 s to compile, 0.2 to 0.5 ms per call, and the call is
// skipped altogether for a sentence without number words or grouped digits.
import { createRequire } from 'node:module';
import type { NumberModel } from '@microsoft/recognizers-text-number';
import type { Language } from '../domain/ids.js';
import {
  ARTICLES, MULTIPLIER_WORDS, NOT_QUANTITY_AFTER, NOT_QUANTITY_BEFORE, NUMBER_CONNECTORS, NUMBER_WORDS, QUANTITY_FOLLOWERS,
  TARGET_MARKERS, UNIT_NOUNS,
} from './lexicon.js';
import { isDigits, type Token } from './tokens.js';

type NumberPackage = typeof import('@microsoft/recognizers-text-number');

function buildModel(language: Language): NumberModel {
  // Loaded on the first sentence with a number (or by the warm-up once the first answer is out): the package and a
  // culture's models cost about 130 ms of CPU that a cold start's first answer mostly does not need.
  const {
    AgnosticNumberParserFactory, AgnosticNumberParserType, EnglishCardinalExtractor, EnglishNumberParserConfiguration, EnglishNumeric,
    FrenchCardinalExtractor, FrenchNumberParserConfiguration, FrenchNumeric, NumberModel: Model,
  } = createRequire(import.meta.url)('@microsoft/recognizers-text-number') as NumberPackage;
  return language === 'en'
    ? new Model(
      AgnosticNumberParserFactory.getParser(AgnosticNumberParserType.Number, new EnglishNumberParserConfiguration()),
      new EnglishCardinalExtractor(EnglishNumeric.PlaceHolderPureNumber),
    )
    : new Model(
      AgnosticNumberParserFactory.getParser(AgnosticNumberParserType.Number, new FrenchNumberParserConfiguration()),
      new FrenchCardinalExtractor(FrenchNumeric.PlaceHolderPureNumber),
    );
}

/**
 * One model per culture, built on its first use and never changed after (a write-once memo standing for the
 * constant it replaces); a model only reads its compiled patterns when it parses.
 */
const MODELS = new Map<Language, NumberModel>();

function modelOf(language: Language): NumberModel {
  let model = MODELS.get(language);
  if (model === undefined) {
    model = buildModel(language);
    MODELS.set(language, model);
  }
  return model;
}

const WARM_UP_TEXT: Readonly<Record<Language, string>> = { en: 'twenty five', fr: 'vingt-cinq' };

/** Runs a language's model once so that V8 compiles its patterns now (about 50 ms) rather than on a user's turn. */
export function warmUpNumbers(language: Language): void {
  modelOf(language).parse(WARM_UP_TEXT[language]);
}

/** The first number the model finds: its value (sign, fraction and magnitude kept) and the text it covers. */
function firstNumber(model: NumberModel, text: string): { value: number; covered: string } | undefined {
  for (const result of model.parse(text)) {
    const resolution: unknown = result.resolution;
    if (typeof resolution !== 'object' || resolution === null) continue;
    const value: unknown = (resolution as Record<string, unknown>)['value'];
    if (typeof value !== 'string') continue;
    // The French model resolves "2,5" as the string "2,5".
    const parsed = Number(value.replace(',', '.'));
    return Number.isFinite(parsed) ? { value: parsed, covered: result.text } : undefined;
  }
  return undefined;
}

/**
 * Scales the models do not know: "quadrillion"; in French "billion" is 10^12 (the model reads "trois billions" as 3)
 * and "billiard" 10^15. Read here as left × scale + right, so "nine hundred ninety nine quadrillion" is 999 × 10^15.
 */
const EXTRA_SCALES: Readonly<Record<Language, ReadonlyMap<string, number>>> = {
  en: new Map([['quadrillion', 1e15], ['quadrillions', 1e15], ['quintillion', 1e18], ['quintillions', 1e18]]),
  fr: new Map([['billion', 1e12], ['billions', 1e12], ['billiard', 1e15], ['billiards', 1e15], ['trillion', 1e18], ['trillions', 1e18],
    ['quadrillion', 1e24], ['quadrillions', 1e24]]),
};

/** The value of a span of number words and digits in one language; NaN when the model cannot read all of it. */
function valueIn(text: string, language: Language): number | undefined {
  // The French model reads "deux cents" as 2 (it knows "cent" and "quatre-vingts" but not the plural "cents").
  const span = language === 'fr' ? text.replace(/\bcents\b/g, 'cent') : text;
  const words = span.split(' ');
  const scaleAt = words.findIndex((w) => EXTRA_SCALES[language].has(w));
  if (scaleAt >= 0) {
    const left = scaleAt === 0 ? 1 : valueIn(words.slice(0, scaleAt).join(' '), language);
    const right = scaleAt === words.length - 1 ? 0 : valueIn(words.slice(scaleAt + 1).join(' '), language);
    if (left === undefined || right === undefined) return undefined;
    return left * EXTRA_SCALES[language].get(words[scaleAt]!)! + right;
  }
  const found = firstNumber(modelOf(language), span);
  if (found === undefined) return undefined;
  // A span the model reads only in part ("1.2.3", "5 or 6") is not one number: never guess which part was meant.
  return found.covered.replace(/\s+/g, ' ').trim().length === span.trim().length ? found.value : Number.NaN;
}

function parseNumber(text: string, language: Language): number | undefined {
  const other: Language = language === 'fr' ? 'en' : 'fr';
  // A sentence detected as one language may still spell its number in the other ("acheter ten licences").
  const own = valueIn(text, language);
  if (own !== undefined && !Number.isNaN(own)) return own;
  return valueIn(text, other) ?? own;
}

/** What the admin wrote where a quantity goes, and what it means. */
export interface QuantityReading {
  /** The characters as written: "-1", "5k", "trois milliards", "2,5". */
  readonly written: string;
  /** Their value, sign, fraction and magnitude kept (-1, 5000, 3e9, 2.5); null when they do not read as one number. */
  readonly value: number | null;
}

/** A count of units: a whole number from 1 that a JavaScript number holds exactly. Anything else is only a reading. */
export function countOf(reading: QuantityReading | null): number | null {
  const value = reading?.value ?? null;
  return value !== null && Number.isSafeInteger(value) && value >= 1 ? value : null;
}

/** A number as a card's input sends it or as typed alone ("-1", "2.5", "2,5", "1e21"): read literally, never guessed. */
export function readNumberInput(raw: string): QuantityReading {
  // Control characters and length are capped: the text may be said back to the admin.
  const written = raw.replace(/[\p{C}]/gu, '').trim().slice(0, 40);
  const compact = written.replace(/[\s\u00a0\u202f]/g, '').replace('\u2212', '-');
  if (!/^[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:e[-+]?\d+)?$/i.test(compact)) return { written, value: null };
  const value = Number(compact.replace(',', '.'));
  return { written, value: Number.isNaN(value) ? null : value };
}

interface Candidate {
  readonly reading: QuantityReading;
  readonly preference: number;
}

const isNumberWord = (word: string) => NUMBER_WORDS.has(word) || isDigits(word);
/** Characters that may separate digit groups in one number: "1,000", "1 000", "1.000", "1'000". */
const GROUP_SEPARATOR = /^[ ,.'\u00a0\u202f]$/;
/** A sign glued to the number ("-1", "−5"), after a space or at the start: not the dash of "10-20" or "E3-5". */
const MINUS_SIGN = /(?:^|[^\p{L}\p{N}])[-\u2212]$/u;
/** Words that make the number after them negative: "minus 5", "moins 5". */
const MINUS_WORDS: ReadonlySet<string> = new Set(['minus', 'negative', 'moins', 'negatif']);
/** A magnitude glued to the digits: "5k", "2M", "3bn", "3Md". Case matters: "5m" may be minutes. */
const MAGNITUDE_SUFFIX = /^(k|K|M|MM|mn|Mn|bn|Bn|B|Md|Mds|Mrd|Mrds)(?![\p{L}\p{N}])/u;
const MAGNITUDES: Readonly<Record<string, number>> = {
  k: 1e3, K: 1e3, M: 1e6, MM: 1e6, mn: 1e6, Mn: 1e6, bn: 1e9, Bn: 1e9, B: 1e9, Md: 1e9, Mds: 1e9, Mrd: 1e9, Mrds: 1e9,
};

/**
 * The quantity in the sentence, as written: the number that is not part of a product name (the caller marks those
 * tokens in `masked`), not a duration, price or ordinal, with its sign ("-1", "minus 5", "moins 5"), fraction ("2.5",
 * "2,5") and magnitude ("5k", "3 billion", "trois milliards"). Whether it is a quantity the product allows is the
 * catalog's decision, not this one's. When there are several, a number after "to"/"à" (the target of a change) wins,
 * then one followed by a unit ("licenses", "GB"), then the first.
 */
export function findQuantity(text: string, tokens: readonly Token[], masked: readonly boolean[], language: Language): QuantityReading | null {
  const candidates: Candidate[] = [];
  const usable = (i: number) => i < tokens.length && !masked[i];
  for (let i = 0; i < tokens.length; i++) {
    if (!usable(i)) continue;
    const start = i;
    const word = tokens[start]!.word;
    const next = tokens[start + 1]?.word;
    let end = start;
    let value: number | undefined;
    if (ARTICLES.has(word) && !(next !== undefined && MULTIPLIER_WORDS.has(next))) {
      // "une licence", "a license": one. Any other article is just an article.
      if (!(usable(start + 1) && next !== undefined && UNIT_NOUNS.has(next))) continue;
      value = 1;
    } else if (isNumberWord(word) || ARTICLES.has(word)) {
      end = numberSpanEnd(text, tokens, start, usable);
      value = end === start && isDigits(word)
        // A bare run of digits means the same in every culture: no need for the (0.2 ms) recognizer call.
        ? Number(word)
        : parseNumber(spanText(text, tokens, start, end), language);
    } else {
      continue;
    }
    const magnitude = MAGNITUDE_SUFFIX.exec(text.slice(tokens[end]!.end));
    const glued = magnitude !== null && isDigits(tokens[end]!.word) && tokens[end + 1]?.start === tokens[end]!.end;
    if (glued && value !== undefined) {
      value *= MAGNITUDES[magnitude[1]!]!;
      end += 1;
    }
    i = end;
    const before = tokens[start - 1]?.word;
    const after = tokens[end + 1]?.word;
    if (value === undefined) continue;
    if (isProductNumber(before, word) || (before !== undefined && NOT_QUANTITY_BEFORE.has(before))) continue;
    if (after !== undefined && NOT_QUANTITY_AFTER.has(after)) continue;
    // "$10", "10 €", "10%": money or a percentage.
    if (/[$€£]\s*$/.test(text.slice(0, tokens[start]!.start)) || /^\s*[%€$£]/.test(text.slice(tokens[end]!.end))) continue;
    const signed = MINUS_SIGN.test(text.slice(0, tokens[start]!.start)) || (before !== undefined && MINUS_WORDS.has(before) && usable(start - 1));
    const from = signed && before !== undefined && MINUS_WORDS.has(before) ? tokens[start - 1]!.start : tokens[start]!.start - (signed ? 1 : 0);
    const reading: QuantityReading = {
      written: text.slice(from, tokens[end]!.end).replace(/\s+/g, ' '),
      value: Number.isNaN(value) ? null : signed ? -value : value,
    };
    let preference = 0;
    if (before !== undefined && TARGET_MARKERS.has(before)) preference += 2;
    if (after !== undefined && QUANTITY_FOLLOWERS.has(after)) preference += 1;
    candidates.push({ reading, preference });
  }
  let best: Candidate | undefined;
  for (const c of candidates) if (best === undefined || c.preference > best.preference) best = c;
  return best?.reading ?? null;
}

/** After "and"/"et" even "one", "un" and "une" belong to the number: "vingt et une licences" is 21, not 20 and 1. */
const isNumberAfterConnector = (word: string) => NUMBER_WORDS.has(word) || ['one', 'un', 'une'].includes(word);

/** Grows a number span over digit groups, more number words, and "and"/"et" between number words. */
function numberSpanEnd(text: string, tokens: readonly Token[], start: number, usable: (i: number) => boolean): number {
  let end = start;
  // The longest spelled-out count anyone types ("trois mille quatre cent quatre vingt dix neuf") is under 12 words.
  while (end - start < 12) {
    const current = tokens[end]!;
    const following = tokens[end + 1];
    if (following === undefined || !usable(end + 1)) return end;
    if (isDigits(current.word) && isDigits(following.word)) {
      const separator = text.slice(current.end, following.start);
      // "2.5" or "2,5" is one (decimal) number for the recognizer to read, not a 2 and a 5; "1 000" is a thousand.
      const decimal = separator === '.' || separator === ',';
      if (!decimal && (following.word.length !== 3 || !GROUP_SEPARATOR.test(separator))) return end;
      end += 1;
    } else if (NUMBER_WORDS.has(following.word)) {
      end += 1;
    } else if (NUMBER_CONNECTORS.has(following.word) && usable(end + 2) && isNumberAfterConnector(tokens[end + 2]?.word ?? '')) {
      end += 2;
    } else {
      return end;
    }
  }
  return end;
}

/** Digits of a product name the catalog match did not cover: "Office 365", "plan 2", "E 5". */
function isProductNumber(before: string | undefined, word: string): boolean {
  if (before === undefined) return false;
  if (word === '365') return ['office', 'microsoft', 'o', 'm'].includes(before);
  return isDigits(word) && ['plan', 'p', 'e', 'k', 'f'].includes(before);
}

/** The words of a number span as the recognizer should read them: digit groups keep their separator. */
function spanText(text: string, tokens: readonly Token[], from: number, to: number): string {
  let out = tokens[from]!.word;
  for (let k = from + 1; k <= to; k++) {
    const previous = tokens[k - 1]!;
    const current = tokens[k]!;
    out += isDigits(previous.word) && isDigits(current.word) ? text.slice(previous.end, current.start) : ' ';
    out += current.word;
  }
  return out;
}
