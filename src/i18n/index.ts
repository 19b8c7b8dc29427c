// The translation of domain errors into the admin's language.
import { addonName, planName } from '../domain/catalog.js';
import type { DomainError, ErrorCode, ErrorParams } from '../domain/errors.js';
import { isAddonId, isPlanId, type Language } from '../domain/ids.js';
import { ERROR_TEXTS } from './errorMessages.js';
import { formatDate, formatList, formatMoney } from './formats.js';
import { text, textOfKey, type Value } from './text.js';
import { WORDS } from './words.js';

export const LANGUAGES: readonly Language[] = ['en', 'fr'];

export { formatDate, formatMoney } from './formats.js';

type WordKey = keyof typeof WORDS.en;

/** A status in words that agree with what the message is about: a subscription (masculine in French) or a request. */
const STATUS_WORDS: Readonly<Record<string, WordKey>> = {
  approved: 'approved', rejected: 'rejected', canceled: 'canceled', expired: 'expired', pending: 'pending',
};
const SUBSCRIPTION_STATUS_WORDS: Readonly<Record<string, WordKey>> = {
  active: 'subscriptionActive', expired: 'subscriptionExpired', disabled: 'subscriptionDisabled', canceled: 'subscriptionCanceled',
};

function statusIn(code: ErrorCode, status: string, language: Language): string {
  const key = (code === 'not_active' ? SUBSCRIPTION_STATUS_WORDS : STATUS_WORDS)[status];
  return key === undefined ? status : textOfKey(WORDS, language, key, {});
}

/** Turns raw error params (ids, ISO dates, minor units) into words of the admin's language; numbers stay numbers. */
function humanParams(code: ErrorCode, params: ErrorParams, language: Language): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = formatList(value.map((v: string) => (isPlanId(v) ? planName(v, language) : isAddonId(v) ? addonName(v, language) : v)), language);
    } else if (typeof value === 'string' && /At$|End$|^termEnd$/.test(key) && !Number.isNaN(Date.parse(value))) {
      out[key] = formatDate(value, language);
    } else if (typeof value === 'string' && key === 'status') {
      out[key] = statusIn(code, value, language);
    } else {
      // Numbers are written the language's way by the text engine: "10,000" / "10 000".
      out[key] = value as string | number;
    }
  }
  if (typeof params.addonId === 'string' && isAddonId(params.addonId)) out.addon = addonName(params.addonId, language);
  if (typeof params.planId === 'string' && isPlanId(params.planId)) out.plan = planName(params.planId, language);
  if (typeof params.amount === 'number' && typeof params.currency === 'string') out.amount = formatMoney(params.amount, params.currency, language);
  if (typeof params.on === 'number') out.state = text(WORDS, language, params.on ? 'on' : 'off');
  // A total's period: "per month" for a monthly term, "per year" for a yearly one.
  if (params.frequency === 'monthly' || params.frequency === 'yearly') out.period = text(WORDS, language, params.frequency === 'monthly' ? 'perMonth' : 'perYear');
  return out;
}

/** A domain failure in the admin's language. */
export function describeError(error: DomainError, language: Language): string {
  return textOfKey(ERROR_TEXTS, language, error.code, humanParams(error.code, error.params, language), 'empty');
}
