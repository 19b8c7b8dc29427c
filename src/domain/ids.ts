// The stable vocabulary of SPEC section 7: these ids are part of the product's interface.

export const ADDON_IDS = [
  'customer-lockbox',
  'advanced-threat-protection',
  'exchange-online-archiving',
  'myanalytics',
  'advanced-compliance',
  'extra-file-storage',
  'phone-system',
  'audio-conferencing',
  'communications-credits',
  'domestic-calling-plan',
  'international-calling-plan',
] as const;
export type AddonId = (typeof ADDON_IDS)[number];

export const PLAN_IDS = [
  'o365-e1',
  'o365-e2',
  'o365-e3',
  'o365-e4',
  'o365-e5',
  'o365-e5-no-audio-conferencing',
  'o365-f1',
  'm365-business-basic',
  'm365-business-standard',
  'm365-business-premium',
  'm365-apps-for-business',
  'm365-e3',
  'm365-e5',
  'office-web-sharepoint-plan-1',
  'office-web-sharepoint-plan-2',
  'sharepoint-online-plan-1',
  'sharepoint-online-plan-2',
] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export type ProductId = AddonId | PlanId;

export function isAddonId(value: unknown): value is AddonId {
  return typeof value === 'string' && (ADDON_IDS as readonly string[]).includes(value);
}

export function isPlanId(value: unknown): value is PlanId {
  return typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);
}

export const ROLES = ['global_admin', 'billing_admin', 'license_admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

export const CLOUDS = ['worldwide', 'germany', '21vianet'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const FREQUENCIES = ['monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type Language = 'en' | 'fr';
