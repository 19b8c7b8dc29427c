// Money is integer minor units with a currency code; arithmetic goes through dinero.js.
import {
  add as dAdd,
  allocate as dAllocate,
  dinero,
  halfEven,
  multiply as dMultiply,
  subtract as dSubtract,
  toSnapshot,
  transformScale,
  type Dinero,
} from 'dinero.js';
import { EUR, USD } from 'dinero.js/currencies';
import type { SupportedCurrency } from './catalog.data.js';

export interface Money {
  /** Integer minor units (cents). Negative for refunds. */
  readonly amount: number;
  readonly currency: SupportedCurrency;
}

const CURRENCIES = { USD, EUR } as const;

function toDinero(m: Money): Dinero<number> {
  return dinero({ amount: m.amount, currency: CURRENCIES[m.currency] });
}

function fromDinero(d: Dinero<number>): Money {
  // Back to the currency's own scale (2 for USD/EUR), rounding half-even when a multiplication added digits.
  const { currency } = toSnapshot(d);
  const snapshot = toSnapshot(transformScale(d, currency.exponent, halfEven));
  return { amount: snapshot.amount, currency: snapshot.currency.code as SupportedCurrency };
}

export function money(amount: number, currency: SupportedCurrency): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are integer minor units, got ${amount}`);
  return { amount, currency };
}

export function zero(currency: SupportedCurrency): Money {
  return { amount: 0, currency };
}

export function add(a: Money, b: Money): Money {
  return fromDinero(dAdd(toDinero(a), toDinero(b)));
}

export function subtract(a: Money, b: Money): Money {
  return fromDinero(dSubtract(toDinero(a), toDinero(b)));
}

export function negate(a: Money): Money {
  return { amount: a.amount === 0 ? 0 : -a.amount, currency: a.currency };
}

/** Multiplies by an integer (a quantity, a number of months). */
export function times(a: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) throw new RangeError(`Factor must be an integer, got ${factor}`);
  return fromDinero(dMultiply(toDinero(a), factor));
}

/** Adds a percentage (e.g. the 20% monthly uplift), rounding half-even to the minor unit. */
export function withPercentUplift(a: Money, percent: number): Money {
  // (100 + p) / 100 as a scaled multiplier keeps the computation exact until the final rounding.
  return fromDinero(dMultiply(toDinero(a), { amount: 100 + percent, scale: 2 }));
}

/**
 * a × numerator / denominator, rounded half-even to the minor unit. dinero.js has no division by an arbitrary
 * integer (only by powers of the base), so the quotient is formed here with exact integer arithmetic.
 */
export function prorate(a: Money, numerator: number, denominator: number): Money {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0 || numerator < 0) {
    throw new RangeError(`Bad proration ${numerator}/${denominator}`);
  }
  const product = BigInt(a.amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let q = abs / d;
  const twiceRemainder = (abs % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && q % 2n === 1n)) q += 1n;
  const amount = Number(negative ? -q : q);
  return money(amount === 0 ? 0 : amount, a.currency);
}

/** Splits an amount by ratios; the parts always sum exactly to the whole. */
export function allocate(a: Money, ratios: readonly number[]): Money[] {
  if (ratios.length === 0 || ratios.some((r) => !Number.isSafeInteger(r) || r < 0) || ratios.every((r) => r === 0)) {
    throw new RangeError('Ratios must be non-negative integers, not all zero');
  }
  return dAllocate(toDinero(a), [...ratios]).map(fromDinero);
}

export function isNegative(a: Money): boolean {
  return a.amount < 0;
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/** Decimal string in major units ("12.34"), for logs and card data; locale formatting lives in i18n. */
export function toDecimalString(a: Money): string {
  const sign = a.amount < 0 ? '-' : '';
  const abs = Math.abs(a.amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
