// i18next instance and the translation of domain errors into the admin's language.
import i18next, { type i18n, type TFunction } from 'i18next';
import { addonName, planName } from '../domain/catalog.js';
import type { DomainError, ErrorParams } from '../domain/errors.js';
import { isAddonId, isPlanId, type Language } from '../domain/ids.js';
import { botMessagesEn, botMessagesFr } from './botMessages.js';
import { errorMessagesEn, errorMessagesFr } from './errorMessages.js';
import { formatDate, formatList, formatMoney, formatNumber } from './formats.js';

export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const WORDS = {
  en: { on: 'on', off: 'off', approved: 'approved', rejected: 'rejected', canceled: 'canceled', expired: 'expired', active: 'active', disabled: 'disabled' },
  fr: { on: 'activée', off: 'désactivée', approved: 'approuvée', rejected: 'rejetée', canceled: 'annulée', expired: 'expirée', active: 'actif', disabled: 'désactivé' },
} as const;

/** A ready i18next instance with every resource loaded synchronously (no backend, no network). */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: ['errors', 'bot'],
    defaultNS: 'errors',
    interpolation: { escapeValue: false },
    resources: { en: { errors: errorMessagesEn, bot: botMessagesEn }, fr: { errors: errorMessagesFr, bot: botMessagesFr } },
  });
  return instance;
}

export { formatDate, formatMoney } from './formats.js';

/** Turns raw error params (ids, ISO dates, minor units) into words of the admin's language. */
function humanParams(params: ErrorParams, language: Language): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const words: Record<string, string> = WORDS[language];
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      out[key] = formatList(value.map((v: string) => (isPlanId(v) ? planName(v, language) : isAddonId(v) ? addonName(v, language) : v)), language);
    } else if (typeof value === 'string' && /At$|End$|^termEnd$/.test(key) && !Number.isNaN(Date.parse(value))) {
      out[key] = formatDate(value, language);
    } else if (typeof value === 'string' && key === 'status') {
      out[key] = words[value] ?? value;
    } else if (typeof value === 'number') {
      // "10,000" / "10 000": numbers as the language writes them.
      out[key] = formatNumber(value, language);
    } else {
      out[key] = value as string | number;
    }
  }
  if (typeof params.addonId === 'string' && isAddonId(params.addonId)) out.addon = addonName(params.addonId, language);
  if (typeof params.planId === 'string' && isPlanId(params.planId)) out.plan = planName(params.planId, language);
  if (typeof params.amount === 'number' && typeof params.currency === 'string') out.amount = formatMoney(params.amount, params.currency, language);
  if (typeof params.on === 'number') out.state = params.on ? words.on ?? 'on' : words.off ?? 'off';
  return out;
}

export function describeError(i18n: i18n, error: DomainError, language: Language): string {
  const t: TFunction = i18n.getFixedT(language, 'errors');
  return t(error.code, humanParams(error.params, language));
}
