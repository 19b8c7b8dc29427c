// Calendar arithmetic on UTC instants. Pure: "now" is always passed in from the injected clock.
import type { Frequency } from './ids.js';
import type { IsoDate } from './model.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Reductions and cancellations with a refund are allowed this long after purchase or renewal. */
export const REFUND_WINDOW_DAYS = 7;
export const QUOTE_TTL_MS = 15 * 60 * 1000;
export const REQUEST_TTL_DAYS = 7;

export function iso(d: Date): IsoDate {
  return d.toISOString();
}

export function ms(date: IsoDate): number {
  return Date.parse(date);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(ms(date) + days * DAY_MS).toISOString();
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return new Date(addMonthsMs(ms(date), months)).toISOString();
}

/** addMonths on epoch milliseconds: for loops that compare instants, without formatting each one. */
export function addMonthsMs(instantMs: number, months: number): number {
  const d = new Date(instantMs);
  const year = d.getUTCFullYear();
  const targetMonth = d.getUTCMonth() + months;
  // Day 0 of the month after the target is the target's last day.
  const lastDay = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate();
  return Date.UTC(year, targetMonth, Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

export function termEndFrom(start: IsoDate, frequency: Frequency): IsoDate {
  return addMonths(start, frequency === 'yearly' ? 12 : 1);
}

/** Whole days of the term, and the days left in it at `now` (a started day counts as left: it is not used up). */
export function termDays(termStart: IsoDate, termEnd: IsoDate): number {
  return Math.max(1, Math.round((ms(termEnd) - ms(termStart)) / DAY_MS));
}

export function remainingDays(now: Date, termStart: IsoDate, termEnd: IsoDate): number {
  const left = Math.ceil((ms(termEnd) - now.getTime()) / DAY_MS);
  return Math.min(termDays(termStart, termEnd), Math.max(0, left));
}

/** True up to and including exactly 7 × 24 h after the start of the current term. */
export function withinRefundWindow(now: Date, termStart: IsoDate): boolean {
  const elapsed = now.getTime() - ms(termStart);
  return elapsed >= 0 && elapsed <= REFUND_WINDOW_DAYS * DAY_MS;
}
