import assert from 'node:assert/strict';
import { SUPPORTED_CURRENCIES } from '../../src/domain/catalog.data.js';
import {
  addonName, addonsForPlan, availability, checkQuantity, findAddonByName, findPlanByName, getAddon, isAvailableOn, planName, plansForAddon,
  quantityProblem, quantityRange, totalPerPeriod, unitPricePerPeriod,
} from '../../src/domain/catalog.js';
import { ADDON_IDS, PLAN_IDS, type AddonId, type PlanId } from '../../src/domain/ids.js';

/**
 * SPEC section 2, "Availability matrix from the 2020 table", transcribed row by row from the SPEC (not from the
 * catalog data). "Office 365 E1, E3, E4" lists three plans; "Office for the web with SharePoint Plan 1 and Plan 2"
 * two; "Office 365 E5 without Audio Conferencing" is its own plan.
 */
const SPEC_TABLE: Readonly<Record<AddonId, readonly PlanId[]>> = {
  // Customer Lockbox | Office 365 E1, E3, E4
  'customer-lockbox': ['o365-e1', 'o365-e3', 'o365-e4'],
  // Office 365 Advanced Threat Protection | Office 365 E1, E3, E4
  'advanced-threat-protection': ['o365-e1', 'o365-e3', 'o365-e4'],
  // Exchange Online Archiving | Microsoft 365 Business Basic, Microsoft 365 Business Standard, Office 365 E1, Office 365 F1
  'exchange-online-archiving': ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1'],
  // Microsoft MyAnalytics | Office 365 E1, E3, E4
  'myanalytics': ['o365-e1', 'o365-e3', 'o365-e4'],
  // Office 365 Advanced Compliance | Office 365 E1, E3, E4
  'advanced-compliance': ['o365-e1', 'o365-e3', 'o365-e4'],
  // Office 365 Extra File Storage | Microsoft 365 Apps for business, Microsoft 365 Business Basic, Microsoft 365 Business
  // Standard, Office 365 E1, E2, E3, E4, E5, Office for the web with SharePoint Plan 1 and Plan 2, SharePoint Online Plan 1 and Plan 2
  'extra-file-storage': [
    'm365-apps-for-business', 'm365-business-basic', 'm365-business-standard',
    'o365-e1', 'o365-e2', 'o365-e3', 'o365-e4', 'o365-e5',
    'office-web-sharepoint-plan-1', 'office-web-sharepoint-plan-2',
    'sharepoint-online-plan-1', 'sharepoint-online-plan-2',
  ],
  // Phone System | Office 365 E1, E3, E4, E5
  'phone-system': ['o365-e1', 'o365-e3', 'o365-e4', 'o365-e5'],
  // Audio Conferencing | Microsoft 365 Business Basic, Microsoft 365 Business Standard, Office 365 E1, E3, E4, Office 365 E5
  // without Audio Conferencing, Microsoft 365 Business Premium, Microsoft 365 E3, Microsoft 365 E5
  'audio-conferencing': [
    'm365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-e3', 'o365-e4',
    'o365-e5-no-audio-conferencing', 'm365-business-premium', 'm365-e3', 'm365-e5',
  ],
  // Communications Credits | Office 365 E5
  'communications-credits': ['o365-e5'],
  // Domestic Calling Plan | Office 365 E5
  'domestic-calling-plan': ['o365-e5'],
  // International Calling Plan | Office 365 E5
  'international-calling-plan': ['o365-e5'],
};

function sorted<T extends string>(items: readonly T[]): T[] {
  return [...items].sort();
}

describe('catalog', () => {
  describe('availability matrix (SPEC section 2, 2020 table), cell by cell', () => {
    it('the transcription names only stable ids and lists each plan once per row', () => {
      for (const addonId of ADDON_IDS) {
        const row = SPEC_TABLE[addonId];
        assert.equal(new Set(row).size, row.length, `${addonId} lists a plan twice`);
        for (const planId of row) assert.ok((PLAN_IDS as readonly string[]).includes(planId), `${planId} is not a stable plan id`);
      }
    });

    for (const addonId of ADDON_IDS) {
      it(`${addonId}: isAvailableOn matches the SPEC for all ${PLAN_IDS.length} plans`, () => {
        const wrongCells: string[] = [];
        for (const planId of PLAN_IDS) {
          const expected = SPEC_TABLE[addonId].includes(planId);
          if (isAvailableOn(addonId, planId) !== expected) wrongCells.push(`${addonId} × ${planId}: expected ${String(expected)}`);
          const a = availability(addonId, planId);
          if (a.available !== expected) wrongCells.push(`availability(${addonId}, ${planId}).available: expected ${String(expected)}`);
        }
        assert.deepEqual(wrongCells, []);
      });
    }

    it('every cell of ADDON_IDS × PLAN_IDS was checked (11 × 17 = 187)', () => {
      let cells = 0;
      for (const addonId of ADDON_IDS) for (const planId of PLAN_IDS) cells += isAvailableOn(addonId, planId) === SPEC_TABLE[addonId].includes(planId) ? 1 : 0;
      assert.equal(ADDON_IDS.length * PLAN_IDS.length, 187);
      assert.equal(cells, 187);
    });

    it('plansForAddon is the SPEC row and addonsForPlan the SPEC column', () => {
      for (const addonId of ADDON_IDS) assert.deepEqual(sorted(plansForAddon(addonId)), sorted(SPEC_TABLE[addonId]), addonId);
      for (const planId of PLAN_IDS) {
        const column = ADDON_IDS.filter((addonId) => SPEC_TABLE[addonId].includes(planId));
        assert.deepEqual(sorted(addonsForPlan(planId)), sorted(column), planId);
      }
    });

    it('plans no add-on lists get no add-on (Office 365 E5 without Audio Conferencing only gets Audio Conferencing)', () => {
      assert.deepEqual(addonsForPlan('o365-e5-no-audio-conferencing'), ['audio-conferencing']);
      assert.deepEqual(sorted(addonsForPlan('o365-f1')), ['exchange-online-archiving']);
      assert.deepEqual(sorted(addonsForPlan('m365-e5')), ['audio-conferencing']);
      assert.deepEqual(sorted(addonsForPlan('o365-e5')), ['communications-credits', 'domestic-calling-plan', 'extra-file-storage',
        'international-calling-plan', 'phone-system']);
    });

    it('availability() gives the allowed plans as the reason when not available', () => {
      const a = availability('exchange-online-archiving', 'o365-e3');
      assert.equal(a.available, false);
      assert.equal(a.addonId, 'exchange-online-archiving');
      assert.equal(a.planId, 'o365-e3');
      assert.deepEqual(sorted(a.allowedPlans), sorted(SPEC_TABLE['exchange-online-archiving']));

      const credits = availability('communications-credits', 'm365-e5');
      assert.equal(credits.available, false);
      assert.deepEqual(credits.allowedPlans, ['o365-e5']);

      const ok = availability('myanalytics', 'o365-e4');
      assert.equal(ok.available, true);
      assert.ok(ok.allowedPlans.includes('o365-e4'));
    });
  });

  describe('names', () => {
    it('every add-on and plan id has a non-empty English and French name that resolves back to it', () => {
      for (const id of ADDON_IDS) {
        for (const language of ['en', 'fr'] as const) {
          const name = addonName(id, language);
          assert.ok(name.trim().length > 0, `${id} ${language}`);
          assert.equal(findAddonByName(name), id, `${language} name "${name}"`);
        }
        assert.equal(findAddonByName(id), id, 'the id itself');
      }
      for (const id of PLAN_IDS) {
        for (const language of ['en', 'fr'] as const) {
          const name = planName(id, language);
          assert.ok(name.trim().length > 0, `${id} ${language}`);
          assert.equal(findPlanByName(name), id, `${language} name "${name}"`);
        }
        assert.equal(findPlanByName(id), id, 'the id itself');
      }
    });

    it('current English names from the SPEC table', () => {
      assert.equal(addonName('advanced-threat-protection', 'en'), 'Office 365 Advanced Threat Protection');
      assert.equal(addonName('extra-file-storage', 'en'), 'Office 365 Extra File Storage');
      assert.equal(planName('m365-business-basic', 'en'), 'Microsoft 365 Business Basic');
      assert.equal(planName('m365-apps-for-business', 'en'), 'Microsoft 365 Apps for business');
      assert.equal(planName('office-web-sharepoint-plan-1', 'en'), 'Office for the web with SharePoint Plan 1');
      assert.equal(planName('o365-e5-no-audio-conferencing', 'en'), 'Office 365 E5 without Audio Conferencing');
    });

    const oldPlanNames: ReadonlyArray<readonly [string, PlanId]> = [
      // The April 2020 renames (SPEC section 2)
      ['Office 365 Business Essentials', 'm365-business-basic'],
      ['Office 365 Business Premium', 'm365-business-standard'],
      ['Microsoft 365 Business', 'm365-business-premium'],
      ['Office 365 Business', 'm365-apps-for-business'],
      ['Office Online with SharePoint Plan 1', 'office-web-sharepoint-plan-1'],
      ['Office Online with SharePoint Plan 2', 'office-web-sharepoint-plan-2'],
    ];
    const oldAddonNames: ReadonlyArray<readonly [string, AddonId]> = [
      ['Exchange Advanced Threat Protection', 'advanced-threat-protection'],
      ['Skype for Business PSTN Conferencing', 'audio-conferencing'],
      ['PSTN Conferencing', 'audio-conferencing'],
      ['Skype for Business PSTN Consumption', 'communications-credits'],
      ['PSTN Consumption', 'communications-credits'],
      ['Skype for Business PSTN Domestic Calling', 'domestic-calling-plan'],
      ['PSTN Domestic Calling', 'domestic-calling-plan'],
      ['Skype for Business PSTN Domestic and International Calling', 'international-calling-plan'],
      ['Domestic and International Calling', 'international-calling-plan'],
      ['PSTN Domestic and International Calling', 'international-calling-plan'],
    ];
    for (const [name, id] of oldPlanNames) {
      it(`old plan name "${name}" → ${id}`, () => assert.equal(findPlanByName(name), id));
    }
    for (const [name, id] of oldAddonNames) {
      it(`old add-on name "${name}" → ${id}`, () => assert.equal(findAddonByName(name), id));
    }

    it('the French names of the 2020 seed (002_…) resolve', () => {
      const addons: ReadonlyArray<readonly [string, AddonId]> = [
        ['Référentiel sécurisé du client', 'customer-lockbox'],
        ['Office 365 Online-Protection avancée contre les menaces', 'advanced-threat-protection'],
        ['Archivage Exchange Online', 'exchange-online-archiving'],
        ['Microsoft MyAnalytics', 'myanalytics'],
        ['Conformité avancée Office 365', 'advanced-compliance'],
        ['Espace de stockage supplémentaire Office 365', 'extra-file-storage'],
        ['Système téléphonique', 'phone-system'],
        ['Audioconférence', 'audio-conferencing'],
        ['Crédits de communication', 'communications-credits'],
        ['Plan d’appels nationaux', 'domestic-calling-plan'],
        ['Plan d’appels internationaux', 'international-calling-plan'],
      ];
      const plans: ReadonlyArray<readonly [string, PlanId]> = [
        ['Office 365 Entreprise E1', 'o365-e1'], ['Office 365 Entreprise E2', 'o365-e2'], ['Office 365 Entreprise E3', 'o365-e3'],
        ['Office 365 Entreprise E4', 'o365-e4'], ['Office 365 Entreprise E5', 'o365-e5'], ['Office 365 Entreprise F1', 'o365-f1'],
        ['Office 365 Entreprise E5 sans audioconférence', 'o365-e5-no-audio-conferencing'],
        ['Microsoft 365 Business Basic', 'm365-business-basic'], ['Microsoft 365 Business Standard', 'm365-business-standard'],
        ['Microsoft 365 Business Premium', 'm365-business-premium'], ['Microsoft 365 E3', 'm365-e3'], ['Microsoft 365 E5', 'm365-e5'],
        ['Applications Microsoft 365 pour les entreprises', 'm365-apps-for-business'],
        ['Office pour le Web avec SharePoint plan 1', 'office-web-sharepoint-plan-1'],
        ['Office pour le Web avec SharePoint plan 2', 'office-web-sharepoint-plan-2'],
        ['SharePoint Online (plan 1)', 'sharepoint-online-plan-1'], ['SharePoint Online (plan 2)', 'sharepoint-online-plan-2'],
      ];
      for (const [name, id] of addons) assert.equal(findAddonByName(name), id, name);
      for (const [name, id] of plans) assert.equal(findPlanByName(name), id, name);
    });

    it('the French names of the older seed (000_…) resolve to the current products', () => {
      const addons: ReadonlyArray<readonly [string, AddonId]> = [
        ['Référentiel sécurisé du client', 'customer-lockbox'],
        ['Protection avancée contre les menaces Exchange', 'advanced-threat-protection'],
        ['Archivage Exchange Online', 'exchange-online-archiving'],
        ['Microsoft MyAnalytics', 'myanalytics'],
        ['Conformité avancée Office 365', 'advanced-compliance'],
        ['Stockage de fichiers supplémentaire Office 365', 'extra-file-storage'],
        ['Système téléphonique Office 365', 'phone-system'],
        ['Skype EntrepriseConférence PSTN', 'audio-conferencing'], // as printed in the seed
        ['Skype Entreprise Conférence PSTN', 'audio-conferencing'],
        ['Consommation PSTN Skype Entreprise', 'communications-credits'],
        ['Appels nationaux PSTN Skype Entreprise', 'domestic-calling-plan'],
        ['Appels nationaux et internationaux PSTN Skype Entreprise', 'international-calling-plan'],
      ];
      const plans: ReadonlyArray<readonly [string, PlanId]> = [
        ['Office 365 Business Essentials', 'm365-business-basic'],
        ['Office 365 Business Premium', 'm365-business-standard'],
        ['Office 365 Business', 'm365-apps-for-business'],
        ['Office Online avec SharePoint Online plan 1', 'office-web-sharepoint-plan-1'],
        ['Office Online avec SharePoint Online plan 2', 'office-web-sharepoint-plan-2'],
        ['SharePoint Online (plan 1)', 'sharepoint-online-plan-1'],
        ['SharePoint Online (plan 2)', 'sharepoint-online-plan-2'],
      ];
      for (const [name, id] of addons) assert.equal(findAddonByName(name), id, name);
      for (const [name, id] of plans) assert.equal(findPlanByName(name), id, name);
    });

    it('short forms: E3, storage, stockage', () => {
      assert.equal(findPlanByName('E3'), 'o365-e3');
      assert.equal(findPlanByName('e5'), 'o365-e5');
      assert.equal(findPlanByName('Business Basic'), 'm365-business-basic');
      assert.equal(findAddonByName('storage'), 'extra-file-storage');
      assert.equal(findAddonByName('stockage'), 'extra-file-storage');
    });

    it('is insensitive to case, accents, apostrophes and spacing', () => {
      assert.equal(findAddonByName('REFERENTIEL SECURISE DU CLIENT'), 'customer-lockbox');
      assert.equal(findAddonByName('referentiel securise du client'), 'customer-lockbox');
      assert.equal(findAddonByName('  Archivage   exchange ONLINE '), 'exchange-online-archiving');
      assert.equal(findAddonByName('AUDIOCONFERENCE'), 'audio-conferencing');
      assert.equal(findAddonByName("Plan d'appels nationaux"), 'domestic-calling-plan');
      assert.equal(findAddonByName('plan dappels nationaux'), undefined, 'letters are not invented');
      assert.equal(findPlanByName('office 365 entreprise e5 sans audioconference'), 'o365-e5-no-audio-conferencing');
      assert.equal(findPlanByName('APPLICATIONS MICROSOFT 365 POUR LES ENTREPRISES'), 'm365-apps-for-business');
    });

    it('unknown names resolve to nothing, and add-on names are not plan names', () => {
      assert.equal(findAddonByName('Visio Plan 2'), undefined);
      assert.equal(findPlanByName('Customer Lockbox'), undefined);
      assert.equal(findAddonByName('Office 365 E3'), undefined);
      assert.equal(findAddonByName(''), undefined);
    });
  });

  describe('units', () => {
    it('Extra File Storage is per GB, Communications Credits a prepaid balance, every other add-on per user license', () => {
      for (const id of ADDON_IDS) {
        const expected = id === 'extra-file-storage' ? 'gb' : id === 'communications-credits' ? 'prepaid' : 'license';
        assert.equal(getAddon(id).unit, expected, id);
      }
    });
  });

  describe('quantity ranges', () => {
    it('licenses 1–10,000, storage 1–1,000,000 GB, credits 1–100,000, all in whole steps', () => {
      for (const id of ADDON_IDS) {
        const expected = id === 'extra-file-storage' ? { min: 1, max: 1_000_000, step: 1 }
          : id === 'communications-credits' ? { min: 1, max: 100_000, step: 1 } : { min: 1, max: 10_000, step: 1 };
        assert.deepEqual(quantityRange(id), expected, id);
      }
    });

    it('names what is wrong with a number, never rounds or clamps it', () => {
      const cases: ReadonlyArray<readonly [number | null, ReturnType<typeof quantityProblem>]> = [
        [null, 'unreadable'], [Number.NaN, 'unreadable'], [-1, 'negative'], [-0.5, 'negative'], [-Infinity, 'negative'], [2.5, 'fraction'],
        [0, 'too_small'], [10_001, 'too_large'], [3e9, 'too_large'], [999e15, 'too_large'], [Infinity, 'too_large'], [1, null], [10_000, null],
      ];
      for (const [value, problem] of cases) assert.equal(quantityProblem('phone-system', value), problem, String(value));
      assert.equal(quantityProblem('extra-file-storage', 1_000_000), null);
      assert.equal(quantityProblem('extra-file-storage', 1_000_001), 'too_large');
    });

    it('checkQuantity refuses with the range in its params', () => {
      assert.equal(checkQuantity('phone-system', 25), 25);
      assert.throws(() => checkQuantity('phone-system', 10_001), (e: unknown) =>
        e instanceof Error && JSON.stringify((e as Error & { params?: unknown }).params) === JSON.stringify({ min: 1, max: 10_000, step: 1, unit: 'license' }));
    });
  });

  describe('prices', () => {
    it('demo list prices in USD cents per unit per month (annual commitment)', () => {
      assert.equal(getAddon('extra-file-storage').price.USD, 20); // 0.20 per GB
      assert.equal(getAddon('exchange-online-archiving').price.USD, 300);
      assert.equal(getAddon('phone-system').price.USD, 800);
      assert.equal(getAddon('domestic-calling-plan').price.USD, 1200);
      assert.equal(getAddon('international-calling-plan').price.USD, 2400);
    });

    it('every add-on has a positive integer price in every supported currency', () => {
      for (const id of ADDON_IDS) {
        for (const currency of SUPPORTED_CURRENCIES) {
          const p = getAddon(id).price[currency];
          assert.ok(Number.isSafeInteger(p) && p > 0, `${id} ${currency}: ${p}`);
        }
      }
    });

    it('yearly bills twelve monthly list prices', () => {
      assert.deepEqual(unitPricePerPeriod('extra-file-storage', 'USD', 'yearly'), { amount: 240, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('exchange-online-archiving', 'USD', 'yearly'), { amount: 3600, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('phone-system', 'USD', 'yearly'), { amount: 9600, currency: 'USD' });
      for (const id of ADDON_IDS.filter((a) => a !== 'communications-credits')) {
        for (const currency of SUPPORTED_CURRENCIES) {
          assert.deepEqual(unitPricePerPeriod(id, currency, 'yearly'), { amount: 12 * getAddon(id).price[currency], currency }, `${id} ${currency}`);
        }
      }
    });

    it('monthly costs 20% more, rounded half-even to the cent', () => {
      assert.deepEqual(unitPricePerPeriod('extra-file-storage', 'USD', 'monthly'), { amount: 24, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('exchange-online-archiving', 'USD', 'monthly'), { amount: 360, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('phone-system', 'USD', 'monthly'), { amount: 960, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('domestic-calling-plan', 'USD', 'monthly'), { amount: 1440, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('international-calling-plan', 'USD', 'monthly'), { amount: 2880, currency: 'USD' });
      // EUR Extra File Storage is 19 cents: 22.8 → 23
      assert.deepEqual(unitPricePerPeriod('extra-file-storage', 'EUR', 'monthly'), { amount: 23, currency: 'EUR' });
      for (const id of ADDON_IDS.filter((a) => a !== 'communications-credits')) {
        for (const currency of SUPPORTED_CURRENCIES) {
          const scaled = getAddon(id).price[currency] * 120; // hundredths of a cent
          let cents = Math.floor(scaled / 100);
          const rest = scaled % 100;
          if (rest > 50 || (rest === 50 && cents % 2 === 1)) cents += 1;
          assert.deepEqual(unitPricePerPeriod(id, currency, 'monthly'), { amount: cents, currency }, `${id} ${currency}`);
        }
      }
    });

    it('a prepaid balance (Communications Credits) is neither multiplied by 12 nor uplifted', () => {
      const list = getAddon('communications-credits').price.USD;
      assert.deepEqual(unitPricePerPeriod('communications-credits', 'USD', 'monthly'), { amount: list, currency: 'USD' });
      assert.deepEqual(unitPricePerPeriod('communications-credits', 'USD', 'yearly'), { amount: list, currency: 'USD' });
    });

    it('totalPerPeriod is the unit price times the quantity', () => {
      assert.deepEqual(totalPerPeriod('extra-file-storage', 'USD', 'yearly', 100), { amount: 24_000, currency: 'USD' });
      assert.deepEqual(totalPerPeriod('phone-system', 'USD', 'monthly', 20), { amount: 19_200, currency: 'USD' });
    });
  });
});
