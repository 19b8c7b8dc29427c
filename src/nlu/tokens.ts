// Splitting an utterance into words that remember where they came from (numbers need the original text back).
import { normalizeName } from '../domain/catalog.js';

export interface Token {
  /** Normalized (lower case, no accents) and, after correction, the vocabulary spelling. */
  readonly word: string;
  /** Offsets of the original characters, end exclusive. Words split out of one original run share them. */
  readonly start: number;
  readonly end: number;
}

const RUN = /[\p{L}\p{M}\p{N}]+/gu;
/** "10GB", "100Go": a count glued to its unit. Letters then digits ("E3", "O365") stay one word. */
const DIGITS_THEN_LETTERS = /^(\p{N}+)(\p{L}[\p{L}\p{M}]*)$/u;

/** The words of `text`, at most `limit` of them (the rest of a long message is not read). */
export function tokenize(text: string, limit = Infinity): Token[] {
  const tokens: Token[] = [];
  const push = (raw: string, start: number) => {
    for (const word of normalizeName(raw).split(' ')) if (word !== '') tokens.push({ word, start, end: start + raw.length });
  };
  for (const match of text.matchAll(RUN)) {
    if (tokens.length >= limit) break;
    const raw = match[0];
    const start = match.index;
    const glued = DIGITS_THEN_LETTERS.exec(raw);
    if (glued) {
      const digits = glued[1]!;
      push(digits, start);
      push(glued[2]!, start + digits.length);
    } else {
      push(raw, start);
    }
  }
  return tokens.slice(0, limit);
}

export function isDigits(word: string): boolean {
  return /^\d+$/.test(word);
}
