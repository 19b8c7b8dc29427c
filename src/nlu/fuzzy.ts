// Typo tolerance: a bounded Damerau-Levenshtein distance and a spelling corrector over a fixed vocabulary.
//
// The corrector is a small "symmetric delete" index (the SymSpell idea): every vocabulary word is stored under each
// string obtained by deleting up to `maxEdits(word)` of its letters. A misspelt token is looked up under its own
// deletes, which yields every word within the edit bound without comparing the token to the whole vocabulary; the few
// candidates are then checked with the real distance. The index is built once and never changes.

/** How many edits a word of this length may carry: none under 4 letters (too many short words are one edit apart). */
export function maxEdits(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up as soon as it must exceed
 * `bound`; then it returns `bound + 1`.
 */
export function boundedDamerauLevenshtein(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  if (a === b) return 0;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) best = Math.min(best, prevPrev[j - 2]! + 1);
      row[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > bound) return bound + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n]!, bound + 1);
}

function deletes(word: string, depth: number, into: Set<string>): Set<string> {
  if (depth === 0 || word.length <= 1) return into;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletes(shorter, depth - 1, into);
    }
  }
  return into;
}

export class SpellingCorrector {
  private readonly words: ReadonlySet<string>;
  /** A word's position in the vocabulary: the earlier, the more it is preferred when two words are equally close. */
  private readonly rank: ReadonlyMap<string, number>;
  private readonly byDelete: ReadonlyMap<string, readonly string[]>;
  private readonly longest: number;

  constructor(vocabulary: Iterable<string>) {
    const rank = new Map<string, number>();
    for (const word of vocabulary) if (word !== '' && !rank.has(word)) rank.set(word, rank.size);
    const byDelete = new Map<string, string[]>();
    const file = (key: string, word: string) => {
      const list = byDelete.get(key);
      if (list === undefined) byDelete.set(key, [word]);
      else if (!list.includes(word)) list.push(word);
    };
    for (const word of rank.keys()) {
      const bound = maxEdits(word.length);
      if (bound === 0) continue;
      file(word, word);
      for (const d of deletes(word, bound, new Set())) file(d, word);
    }
    this.words = new Set(rank.keys());
    this.longest = Math.max(0, ...[...rank.keys()].map((w) => w.length));
    this.rank = rank;
    this.byDelete = byDelete;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** The vocabulary word closest to `token` within the edit bound, or undefined. Known words come back unchanged. */
  correct(token: string): string | undefined {
    if (this.words.has(token)) return token;
    const bound = maxEdits(token.length);
    // Nothing in the vocabulary is close to a word this long (and its deletes would cost quadratic time).
    if (bound === 0 || token.length > this.longest + bound) return undefined;
    let best: string | undefined;
    let bestDistance = bound + 1;
    const consider = (word: string) => {
      const limit = Math.min(bound, maxEdits(word.length));
      const distance = boundedDamerauLevenshtein(token, word, limit);
      if (distance > limit) return;
      if (best === undefined || distance < bestDistance || (distance === bestDistance && this.prefer(word, best, token))) {
        best = word;
        bestDistance = distance;
      }
    };
    for (const key of deletes(token, bound, new Set([token]))) {
      for (const word of this.byDelete.get(key) ?? []) consider(word);
    }
    return best;
  }

  /** Tie-break between two equally distant words: the same first letter (typos rarely hit it), then vocabulary order. */
  private prefer(word: string, current: string, token: string): boolean {
    const sameFirst = (w: string) => (w[0] === token[0] ? 1 : 0);
    if (sameFirst(word) !== sameFirst(current)) return sameFirst(word) > sameFirst(current);
    return (this.rank.get(word) ?? 0) < (this.rank.get(current) ?? 0);
  }
}
