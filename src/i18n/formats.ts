// Number, money, date and list formats per language. Intl formatters are costly to build and immutable once built,
// so each is made once here, at load, and shared; a formatter with a per-call option (a time zone) is made on demand.
import { SUPPORTED_CURRENCIES, type SupportedCurrency } from '../domain/catalog.data.js';
import type { Language } from '../domain/ids.js';
import type { Money } from '../domain/money.js';

export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', fr: 'fr-FR' };

interface LanguageFormats {
  readonly number: Intl.NumberFormat;
  readonly money: Readonly<Record<SupportedCurrency, Intl.NumberFormat>>;
  /** "November 23, 2026", in UTC. */
  readonly date: Intl.DateTimeFormat;
  /** "November 23, 2026 at 10:05 AM", in UTC. */
  readonly dateTime: Intl.DateTimeFormat;
  /** "6:44 PM UTC". */
  readonly timeUtc: Intl.DateTimeFormat;
  /** "A, B and C". */
  readonly list: Intl.ListFormat;
}

function formatsOf(language: Language): LanguageFormats {
  const locale = LOCALES[language];
  const money = Object.fromEntries(SUPPORTED_CURRENCIES.map((currency) => [currency, new Intl.NumberFormat(locale, { style: 'currency', currency })]));
  return {
    number: new Intl.NumberFormat(locale),
    money: money as Record<SupportedCurrency, Intl.NumberFormat>,
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
    timeUtc: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }),
    list: new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
  };
}

const FORMATS: Readonly<Record<Language, LanguageFormats>> = { en: formatsOf('en'), fr: formatsOf('fr') };

function isSupportedCurrency(currency: string): currency is SupportedCurrency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(currency);
}

/** "$120.00", "120,00 €" from minor units. */
export function formatMoney(amountMinor: number, currency: string, language: Language): string {
  const format = isSupportedCurrency(currency)
    ? FORMATS[language].money[currency]
    : new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
  return format.format(amountMinor / 100);
}

export function formatNumber(value: number, language: Language): string {
  return FORMATS[language].number.format(value);
}

export function formatDate(isoDate: string, language: Language): string {
  return FORMATS[language].date.format(new Date(isoDate));
}

/** "November 23, 2026 at 10:05 AM UTC". */
export function formatDateTime(isoDate: string, language: Language): string {
  return `${FORMATS[language].dateTime.format(new Date(isoDate))} UTC`;
}

/** "6:44 PM UTC" (a time in another zone needs its own formatter: see buyCards). */
export function formatTimeUtc(isoDate: string, language: Language): string {
  return FORMATS[language].timeUtc.format(new Date(isoDate));
}

export function formatList(items: readonly string[], language: Language): string {
  return FORMATS[language].list.format(items);
}

export function money(m: Money, language: Language): string {
  return formatMoney(m.amount, m.currency, language);
}
