// Catalog queries: names, aliases, availability by plan, list prices per billing period.
import { ADDONS, MONTHLY_UPLIFT_PERCENT, PLANS, type AddonData, type PlanData, type QuantityRange, type SupportedCurrency } from './catalog.data.js';
import { fail } from './errors.js';
import type { AddonId, Frequency, Language, PlanId } from './ids.js';
import { money, times, withPercentUplift, type Money } from './money.js';

const addonById = new Map<AddonId, AddonData>(ADDONS.map((a) => [a.id, a]));
const planById = new Map<PlanId, PlanData>(PLANS.map((p) => [p.id, p]));

/** Lower case, accents and punctuation removed, spaces collapsed: "Référentiel sécurisé" → "referentiel securise". */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function nameIndex<T extends { id: string; name: { en: string; fr: string }; aliases: readonly string[] }>(items: readonly T[]) {
  const index = new Map<string, T['id']>();
  for (const item of items) {
    for (const name of [item.id, item.name.en, item.name.fr, ...item.aliases]) {
      const key = normalizeName(name);
      const existing = index.get(key);
      if (existing !== undefined && existing !== item.id) throw new Error(`Catalog name "${name}" names both ${existing} and ${item.id}`);
      index.set(key, item.id);
    }
  }
  return index;
}

const addonNames = nameIndex(ADDONS);
const planNames = nameIndex(PLANS);

export function getAddon(id: AddonId): AddonData {
  const addon = addonById.get(id);
  if (!addon) return fail('not_found', { what: 'addon', id });
  return addon;
}

export function getPlan(id: PlanId): PlanData {
  const plan = planById.get(id);
  if (!plan) return fail('not_found', { what: 'plan', id });
  return plan;
}

/** Exact lookup of a current name, an old name, a French name or a short form. Fuzzy matching belongs to the recognizer. */
export function findAddonByName(text: string): AddonId | undefined {
  return addonNames.get(normalizeName(text));
}

export function findPlanByName(text: string): PlanId | undefined {
  return planNames.get(normalizeName(text));
}

/** Every (normalized name, id) pair, for recognizers that match names inside longer sentences. */
export function addonNameEntries(): ReadonlyArray<readonly [string, AddonId]> {
  return [...addonNames.entries()] as Array<[string, AddonId]>;
}

export function planNameEntries(): ReadonlyArray<readonly [string, PlanId]> {
  return [...planNames.entries()] as Array<[string, PlanId]>;
}

export function addonName(id: AddonId, language: Language): string {
  return getAddon(id).name[language];
}

export function planName(id: PlanId, language: Language): string {
  return getPlan(id).name[language];
}

export function isAvailableOn(addonId: AddonId, planId: PlanId): boolean {
  return getAddon(addonId).plans.includes(planId);
}

export interface Availability {
  readonly addonId: AddonId;
  readonly planId: PlanId;
  readonly available: boolean;
  /** The plans that would allow the add-on (the reason when it is not available). */
  readonly allowedPlans: readonly PlanId[];
}

export function availability(addonId: AddonId, planId: PlanId): Availability {
  const addon = getAddon(addonId);
  getPlan(planId);
  return { addonId, planId, available: addon.plans.includes(planId), allowedPlans: addon.plans };
}

export function addonsForPlan(planId: PlanId): readonly AddonId[] {
  getPlan(planId);
  return ADDONS.filter((a) => a.plans.includes(planId)).map((a) => a.id);
}

export function plansForAddon(addonId: AddonId): readonly PlanId[] {
  return getAddon(addonId).plans;
}

export function isSupportedCurrency(code: string): code is SupportedCurrency {
  return code === 'USD' || code === 'EUR';
}

/**
 * Price of one unit for one billing period. List prices are per month with annual commitment: a yearly term bills
 * twelve of them up front; the monthly term costs 20% more per month. A prepaid balance (Communications Credits) is
 * bought by the unit of currency and never uplifted.
 */
export function unitPricePerPeriod(addonId: AddonId, currency: SupportedCurrency, frequency: Frequency): Money {
  const addon = getAddon(addonId);
  const monthly = money(addon.price[currency], currency);
  if (addon.unit === 'prepaid') return monthly;
  return frequency === 'yearly' ? times(monthly, 12) : withPercentUplift(monthly, MONTHLY_UPLIFT_PERCENT);
}

export function totalPerPeriod(addonId: AddonId, currency: SupportedCurrency, frequency: Frequency, quantity: number): Money {
  return times(unitPricePerPeriod(addonId, currency, frequency), quantity);
}

/** Why a number is not a quantity of a product: never rounded, clamped or otherwise guessed into one. */
export type QuantityProblem = 'unreadable' | 'negative' | 'fraction' | 'too_small' | 'too_large';

export function quantityRange(addonId: AddonId): QuantityRange {
  return getAddon(addonId).quantity;
}

/** What is wrong with `value` as a quantity of the add-on, or null when it is one (null value: it could not be read). */
export function quantityProblem(addonId: AddonId, value: number | null): QuantityProblem | null {
  const { min, max, step } = quantityRange(addonId);
  if (value === null || Number.isNaN(value)) return 'unreadable';
  if (value < 0) return 'negative';
  if (!Number.isFinite(value)) return 'too_large';
  if (!Number.isInteger(value / step)) return 'fraction';
  if (value < min) return 'too_small';
  if (value > max) return 'too_large';
  return null;
}

/** A quantity is a whole number of steps from the product's minimum to its maximum. */
export function checkQuantity(addonId: AddonId, quantity: unknown): number {
  const { min, max, step } = quantityRange(addonId);
  if (typeof quantity !== 'number' || quantityProblem(addonId, quantity) !== null) {
    return fail('invalid_quantity', { min, max, step, unit: getAddon(addonId).unit });
  }
  return quantity;
}
