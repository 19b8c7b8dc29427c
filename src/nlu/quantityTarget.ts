// What a number means in a quantity change: "set Phone System to 25" and "25" are a new total; "add 5 licenses",
// "5 more", "ajouter 5 licences" are an increase by 5; "remove 4 licenses", "4 de moins" a decrease by 4. The number
// itself comes from the recognizer (`Understanding.quantity`); this only reads the words around it.
import { normalizeName } from '../domain/catalog.js';
import type { QuantityReading } from './numbers.js';

export type QuantityChange = 'total' | 'more' | 'fewer';

export interface QuantityTarget {
  readonly change: QuantityChange;
  /** The number as read, sign and fraction kept ("minus 5" is -5, never 5); null when it could not be read. */
  readonly amount: number | null;
  /** The number as the admin wrote it, to say what was read when it is no quantity. */
  readonly written: string;
}

/** A number in digits or in words (EN/FR), as it may follow "to", "by", "à", "de". */
const NUMBER = String.raw`(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|`
  + String.raw`un|une|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent)`;
/** "to 25", "à 25", "au total 25", "passer à 25": a new total, whatever verb came before. */
const TOTAL = new RegExp(String.raw`\b(?:to|a|au|total|jusqu a)\s+(?:minus\s+|moins\s+|negative\s+|negatif\s+)?${NUMBER}`);
const MORE_BY = new RegExp(String.raw`\b(?:increase|raise|bump|grow|augmenter|augmente|augmentez)\b.*\b(?:by|de)\s+${NUMBER}`);
const FEWER_BY = new RegExp(String.raw`\b(?:decrease|reduce|lower|shrink|cut|reduire|reduis|reduisez|diminuer|diminue|diminuez|baisser|baisse)\b.*\b(?:by|de)\s+${NUMBER}`);
const MORE = /\b(?:add|adding|more|extra|additional|another|plus|ajouter|ajoute|ajoutez|rajouter|rajoute|supplementaires?)\b/;
const FEWER = /\b(?:remove|removing|fewer|less|minus|drop|retirer|retire|retirez|enlever|enleve|enlevez|supprimer|supprime|moins)\b/;

/** How to read the number of `text` (typed or spoken as a change of quantity); null when there is no number. */
export function quantityTargetOf(text: string, read: QuantityReading | null): QuantityTarget | null {
  if (read === null) return null;
  const words = ` ${normalizeName(text)} `;
  const target = (change: QuantityChange): QuantityTarget => ({ change, amount: read.value, written: read.written });
  if (TOTAL.test(words)) return target('total');
  if (MORE_BY.test(words)) return target('more');
  if (FEWER_BY.test(words)) return target('fewer');
  if (FEWER.test(words)) return target('fewer');
  if (MORE.test(words)) return target('more');
  return target('total');
}

/** The new total a target asks for, from the current quantity (an amount that could not be read gives none). */
export function newTotalOf(target: Pick<QuantityTarget, 'change' | 'amount'>, current: number): number | null {
  if (target.amount === null) return null;
  switch (target.change) {
    case 'total': return target.amount;
    case 'more': return current + target.amount;
    case 'fewer': return current - target.amount;
  }
}
