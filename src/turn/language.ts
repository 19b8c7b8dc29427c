// The admin's language: a stored preference, else the activity's locale, else the clientInfo entity's locale
// (some Teams clients send no locale), else English.
import type { Activity } from 'botbuilder';
import type { Language } from '../domain/ids.js';

export function languageOfLocale(locale: unknown): Language | undefined {
  if (typeof locale !== 'string') return undefined;
  const primary = locale.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' ? 'fr' : primary === 'en' ? 'en' : undefined;
}

function clientInfoLocale(activity: Partial<Activity>): unknown {
  for (const entity of activity.entities ?? []) {
    const record = entity as unknown as Record<string, unknown>;
    if (record.type === 'clientInfo') return record.locale;
  }
  return undefined;
}

export function languageOf(activity: Partial<Activity>, stored: Language | undefined): Language {
  return stored ?? languageOfLocale(activity.locale) ?? languageOfLocale(clientInfoLocale(activity)) ?? 'en';
}
