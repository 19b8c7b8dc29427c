// The pattern language of ./patterns.ts compiled to regular expressions over the corrected words, once at load.
import type { Intent } from './intents.js';
import { FREQUENCY_PATTERNS, RULES } from './patterns.js';

const PLACEHOLDERS: ReadonlySet<string> = new Set(['xaddon', 'xplan', 'xnum']);
const GAP = '(?:\\S+ ){0,4}';
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles one pattern of the little language above into a RegExp over " word word … " (spaces around each word). */
export function compilePattern(pattern: string): RegExp {
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

export interface CompiledRule {
  readonly intent: Exclude<Intent, 'none'>;
  readonly weight: number;
  readonly pattern: RegExp;
}

export const COMPILED_RULES: readonly CompiledRule[] = RULES.flatMap((group) =>
  [...group.en, ...group.fr].map((p) => ({ intent: group.intent, weight: group.weight, pattern: compilePattern(p) })));
export const COMPILED_FREQUENCY = FREQUENCY_PATTERNS.map(([frequency, p]) => ({ frequency, pattern: compilePattern(p) }));

/** The literal words of a pattern, so the spelling corrector knows them ("cancle" → "cancel"). */
export function patternWords(pattern: string): string[] {
  return pattern.split(/[\s|]+/).map((w) => w.replace(/[?^$…]/g, ''))
    .filter((w) => w !== '' && !w.endsWith('*') && !PLACEHOLDERS.has(w));
}
