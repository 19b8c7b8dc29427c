// The one data file of the catalog: names, aliases, units, the 2020 availability table and demo prices.
// Sources: ../shared/seeds/002_… (2020, authoritative) and 000_… (older names, kept as aliases).
import type { AddonId, PlanId } from './ids.js';

export type UnitKind = 'license' | 'gb' | 'prepaid';

export interface LocalizedName {
  readonly en: string;
  readonly fr: string;
}

export interface PlanData {
  readonly id: PlanId;
  readonly name: LocalizedName;
  /** Old names (the April 2020 renames, the older seed's French names) and short forms. */
  readonly aliases: readonly string[];
}

export interface AddonData {
  readonly id: AddonId;
  readonly name: LocalizedName;
  readonly aliases: readonly string[];
  readonly unit: UnitKind;
  /** The plans the 2020 table lists for this add-on. */
  readonly plans: readonly PlanId[];
  /** List price per unit per month with annual commitment, in minor units per currency. */
  readonly price: Readonly<Record<SupportedCurrency, number>>;
  /** The quantities one subscription may hold, in the product's unit (licenses, GB, currency units for credits). */
  readonly quantity: QuantityRange;
}

/** What the admin center accepts for one product: whole steps of `step` units from `min` to `max`. */
export interface QuantityRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** Per-user licenses: the admin center takes up to 10,000 licenses in one add-on subscription. */
const LICENSES: QuantityRange = { min: 1, max: 10_000, step: 1 };
/** Extra File Storage is bought by the GB, in 1 GB steps, up to 1,000,000 GB (about a petabyte). */
const STORAGE_GB: QuantityRange = { min: 1, max: 1_000_000, step: 1 };
/** Communications Credits: a prepaid balance in whole units of the tenant's currency. */
const CREDITS: QuantityRange = { min: 1, max: 100_000, step: 1 };

export const SUPPORTED_CURRENCIES = ['USD', 'EUR'] as const;
export type SupportedCurrency = (typeof SUPPORTED_CURRENCIES)[number];

/** The monthly term costs this many percent more than the annual commitment. */
export const MONTHLY_UPLIFT_PERCENT = 20;

export const PLANS: readonly PlanData[] = [
  { id: 'o365-e1', name: { en: 'Office 365 E1', fr: 'Office 365 Entreprise E1' },
    aliases: ['E1', 'O365 E1', 'Office 365 Enterprise E1', 'Entreprise E1', 'Office E1'] },
  { id: 'o365-e2', name: { en: 'Office 365 E2', fr: 'Office 365 Entreprise E2' },
    aliases: ['E2', 'O365 E2', 'Office 365 Enterprise E2', 'Entreprise E2', 'Office E2'] },
  { id: 'o365-e3', name: { en: 'Office 365 E3', fr: 'Office 365 Entreprise E3' },
    aliases: ['E3', 'O365 E3', 'Office 365 Enterprise E3', 'Entreprise E3', 'Office E3'] },
  { id: 'o365-e4', name: { en: 'Office 365 E4', fr: 'Office 365 Entreprise E4' },
    aliases: ['E4', 'O365 E4', 'Office 365 Enterprise E4', 'Entreprise E4', 'Office E4'] },
  { id: 'o365-e5', name: { en: 'Office 365 E5', fr: 'Office 365 Entreprise E5' },
    aliases: ['E5', 'O365 E5', 'Office 365 Enterprise E5', 'Entreprise E5', 'Office E5'] },
  { id: 'o365-e5-no-audio-conferencing',
    name: { en: 'Office 365 E5 without Audio Conferencing', fr: 'Office 365 Entreprise E5 sans audioconférence' },
    aliases: ['E5 without Audio Conferencing', 'E5 sans audioconférence', 'Office 365 E5 sans audioconférence',
      'Office 365 Enterprise E5 without Audio Conferencing', 'E5 without PSTN Conferencing'] },
  { id: 'o365-f1', name: { en: 'Office 365 F1', fr: 'Office 365 Entreprise F1' },
    aliases: ['F1', 'O365 F1', 'Office 365 Enterprise F1', 'Entreprise F1', 'Office 365 K1', 'Office 365 Enterprise K1', 'K1'] },
  { id: 'm365-business-basic', name: { en: 'Microsoft 365 Business Basic', fr: 'Microsoft 365 Business Basic' },
    aliases: ['Business Basic', 'M365 Business Basic', 'Office 365 Business Essentials', 'Business Essentials', 'O365 Business Essentials'] },
  { id: 'm365-business-standard', name: { en: 'Microsoft 365 Business Standard', fr: 'Microsoft 365 Business Standard' },
    aliases: ['Business Standard', 'M365 Business Standard', 'Office 365 Business Premium', 'O365 Business Premium'] },
  { id: 'm365-business-premium', name: { en: 'Microsoft 365 Business Premium', fr: 'Microsoft 365 Business Premium' },
    aliases: ['Business Premium', 'M365 Business Premium', 'Microsoft 365 Business', 'M365 Business'] },
  { id: 'm365-apps-for-business', name: { en: 'Microsoft 365 Apps for business', fr: 'Applications Microsoft 365 pour les entreprises' },
    aliases: ['Apps for business', 'M365 Apps for business', 'Microsoft 365 Apps', 'Office 365 Business', 'O365 Business',
      'Applications Microsoft 365', 'Microsoft 365 Applications pour les entreprises'] },
  { id: 'm365-e3', name: { en: 'Microsoft 365 E3', fr: 'Microsoft 365 E3' },
    aliases: ['M365 E3', 'Microsoft E3', 'Microsoft 365 Enterprise E3'] },
  { id: 'm365-e5', name: { en: 'Microsoft 365 E5', fr: 'Microsoft 365 E5' },
    aliases: ['M365 E5', 'Microsoft E5', 'Microsoft 365 Enterprise E5'] },
  { id: 'office-web-sharepoint-plan-1',
    name: { en: 'Office for the web with SharePoint Plan 1', fr: 'Office pour le Web avec SharePoint plan 1' },
    aliases: ['Office Online with SharePoint Plan 1', 'Office Online with SharePoint Online Plan 1',
      'Office Online avec SharePoint Online plan 1', 'Office Online avec SharePoint plan 1', 'Office for the web Plan 1'] },
  { id: 'office-web-sharepoint-plan-2',
    name: { en: 'Office for the web with SharePoint Plan 2', fr: 'Office pour le Web avec SharePoint plan 2' },
    aliases: ['Office Online with SharePoint Plan 2', 'Office Online with SharePoint Online Plan 2',
      'Office Online avec SharePoint Online plan 2', 'Office Online avec SharePoint plan 2', 'Office for the web Plan 2'] },
  { id: 'sharepoint-online-plan-1', name: { en: 'SharePoint Online (Plan 1)', fr: 'SharePoint Online (plan 1)' },
    aliases: ['SharePoint Online Plan 1', 'SharePoint Plan 1', 'SPO Plan 1', 'SPO P1'] },
  { id: 'sharepoint-online-plan-2', name: { en: 'SharePoint Online (Plan 2)', fr: 'SharePoint Online (plan 2)' },
    aliases: ['SharePoint Online Plan 2', 'SharePoint Plan 2', 'SPO Plan 2', 'SPO P2'] },
];

const O365_E1_E3_E4: readonly PlanId[] = ['o365-e1', 'o365-e3', 'o365-e4'];

export const ADDONS: readonly AddonData[] = [
  { id: 'customer-lockbox', name: { en: 'Customer Lockbox', fr: 'Référentiel sécurisé du client' },
    aliases: ['Lockbox', 'Customer Lock box', 'Référentiel sécurisé'],
    unit: 'license', plans: O365_E1_E3_E4, price: { USD: 200, EUR: 190 }, quantity: LICENSES },
  { id: 'advanced-threat-protection',
    name: { en: 'Office 365 Advanced Threat Protection', fr: 'Office 365 Protection avancée contre les menaces' },
    aliases: ['Advanced Threat Protection', 'ATP', 'Office 365 ATP', 'Exchange Advanced Threat Protection',
      'Exchange Online Advanced Threat Protection', 'Protection avancée contre les menaces Exchange',
      'Office 365 Online-Protection avancée contre les menaces', 'Protection avancée contre les menaces', 'Defender for Office 365'],
    unit: 'license', plans: O365_E1_E3_E4, price: { USD: 200, EUR: 190 }, quantity: LICENSES },
  { id: 'exchange-online-archiving', name: { en: 'Exchange Online Archiving', fr: 'Archivage Exchange Online' },
    aliases: ['Archiving', 'Archivage', 'EOA', 'Exchange Archiving', 'Exchange Online Archive', 'Archivage Exchange'],
    unit: 'license', plans: ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1'],
    price: { USD: 300, EUR: 280 }, quantity: LICENSES },
  { id: 'myanalytics', name: { en: 'Microsoft MyAnalytics', fr: 'Microsoft MyAnalytics' },
    aliases: ['MyAnalytics', 'My Analytics', 'Microsoft My Analytics'],
    unit: 'license', plans: O365_E1_E3_E4, price: { USD: 400, EUR: 370 }, quantity: LICENSES },
  { id: 'advanced-compliance', name: { en: 'Office 365 Advanced Compliance', fr: 'Conformité avancée Office 365' },
    aliases: ['Advanced Compliance', 'Conformité avancée', 'Office 365 Conformité avancée'],
    unit: 'license', plans: O365_E1_E3_E4, price: { USD: 800, EUR: 740 }, quantity: LICENSES },
  { id: 'extra-file-storage', name: { en: 'Office 365 Extra File Storage', fr: 'Espace de stockage supplémentaire Office 365' },
    aliases: ['Extra File Storage', 'Extra Storage', 'File Storage', 'Storage', 'Stockage', 'Stockage supplémentaire',
      'Espace de stockage supplémentaire', 'Stockage de fichiers supplémentaire Office 365', 'Stockage de fichiers supplémentaire',
      'Office 365 Extra File Storage add-on'],
    unit: 'gb', plans: ['m365-apps-for-business', 'm365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-e2', 'o365-e3',
      'o365-e4', 'o365-e5', 'office-web-sharepoint-plan-1', 'office-web-sharepoint-plan-2', 'sharepoint-online-plan-1',
      'sharepoint-online-plan-2'],
    price: { USD: 20, EUR: 19 }, quantity: STORAGE_GB },
  { id: 'phone-system', name: { en: 'Phone System', fr: 'Système téléphonique' },
    aliases: ['Office 365 Phone System', 'Système téléphonique Office 365', 'Cloud PBX', 'Teams Phone', 'Phone'],
    unit: 'license', plans: ['o365-e1', 'o365-e3', 'o365-e4', 'o365-e5'], price: { USD: 800, EUR: 740 }, quantity: LICENSES },
  { id: 'audio-conferencing', name: { en: 'Audio Conferencing', fr: 'Audioconférence' },
    aliases: ['Audio Conference', 'Conferencing', 'Skype for Business PSTN Conferencing', 'PSTN Conferencing',
      'Skype Entreprise Conférence PSTN', 'Skype EntrepriseConférence PSTN', 'Conférence PSTN', 'Audio conférence', 'Conférence audio'],
    unit: 'license',
    plans: ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-e3', 'o365-e4', 'o365-e5-no-audio-conferencing',
      'm365-business-premium', 'm365-e3', 'm365-e5'],
    price: { USD: 400, EUR: 370 }, quantity: LICENSES },
  { id: 'communications-credits', name: { en: 'Communications Credits', fr: 'Crédits de communication' },
    aliases: ['Communication Credits', 'Credits', 'Crédits', 'Skype for Business PSTN Consumption', 'PSTN Consumption',
      'Consommation PSTN Skype Entreprise', 'Consommation PSTN'],
    unit: 'prepaid', plans: ['o365-e5'], price: { USD: 100, EUR: 100 }, quantity: CREDITS },
  { id: 'domestic-calling-plan', name: { en: 'Domestic Calling Plan', fr: 'Plan d’appels nationaux' },
    aliases: ['Domestic Calling', 'Skype for Business PSTN Domestic Calling', 'PSTN Domestic Calling', 'Appels nationaux PSTN Skype Entreprise',
      'Appels nationaux', "Plan d'appels nationaux", 'Forfait appels nationaux'],
    unit: 'license', plans: ['o365-e5'], price: { USD: 1200, EUR: 1100 }, quantity: LICENSES },
  { id: 'international-calling-plan', name: { en: 'International Calling Plan', fr: 'Plan d’appels internationaux' },
    aliases: ['International Calling', 'Skype for Business PSTN Domestic and International Calling', 'Domestic and International Calling',
      'PSTN Domestic and International Calling',
      'Appels nationaux et internationaux PSTN Skype Entreprise', 'Appels internationaux', "Plan d'appels internationaux",
      'Forfait appels internationaux'],
    unit: 'license', plans: ['o365-e5'], price: { USD: 2400, EUR: 2200 }, quantity: LICENSES },
];
