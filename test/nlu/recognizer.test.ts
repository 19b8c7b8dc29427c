import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADDON_IDS, PLAN_IDS, isAddonId, isPlanId, type AddonId, type PlanId } from '../../src/domain/ids.js';
import { INTENTS, understand, type Intent, type Understanding } from '../../src/nlu/recognizer.js';

// ---------------------------------------------------------------------------------------------------------------
// The labeled corpus. Labels were written by reading each sentence. Entries marked "split": "holdout" (every third
// entry, fixed before any tuning) were never looked at while the rules were tuned.
// ---------------------------------------------------------------------------------------------------------------

interface CorpusEntry {
  readonly text: string;
  readonly locale?: string;
  readonly intent: Intent;
  readonly addon: AddonId | null;
  readonly plan: PlanId | null;
  readonly quantity: number | null;
  readonly frequency: 'monthly' | 'yearly' | null;
  readonly split?: 'holdout';
}

const SLOTS = ['intent', 'addon', 'plan', 'quantity', 'frequency'] as const;
type Slot = (typeof SLOTS)[number];

function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

function toEntry(raw: unknown, index: number): CorpusEntry {
  const where = `corpus entry ${index}`;
  assert.ok(typeof raw === 'object' && raw !== null && !Array.isArray(raw), `${where} is not an object`);
  const e = raw as Record<string, unknown>;
  const known = new Set(['text', 'locale', 'intent', 'addon', 'plan', 'quantity', 'frequency', 'split']);
  for (const key of Object.keys(e)) assert.ok(known.has(key), `${where}: unknown key ${key}`);
  const { text, locale, intent, addon, plan, quantity, frequency, split } = e;
  assert.ok(typeof text === 'string' && text.trim() !== '', `${where}: text`);
  assert.ok(locale === undefined || (typeof locale === 'string' && /^(en|fr)-[A-Z]{2}$/.test(locale)), `${where}: locale`);
  assert.ok(isIntent(intent), `${where}: intent ${String(intent)}`);
  assert.ok(addon === null || isAddonId(addon), `${where}: addon ${String(addon)}`);
  assert.ok(plan === null || isPlanId(plan), `${where}: plan ${String(plan)}`);
  assert.ok(quantity === null || (typeof quantity === 'number' && Number.isInteger(quantity) && quantity > 0), `${where}: quantity`);
  assert.ok(frequency === null || frequency === 'monthly' || frequency === 'yearly', `${where}: frequency`);
  assert.ok(split === undefined || split === 'holdout', `${where}: split`);
  return { text, intent, addon, plan, quantity, frequency, ...(locale === undefined ? {} : { locale }), ...(split === undefined ? {} : { split }) };
}

const corpusPath = fileURLToPath(new URL('../../../test/nlu/corpus.json', import.meta.url));
const rawCorpus: unknown = JSON.parse(readFileSync(corpusPath, 'utf8'));
assert.ok(Array.isArray(rawCorpus), 'the corpus is a JSON array');
const CORPUS: readonly CorpusEntry[] = (rawCorpus as unknown[]).map(toEntry);
const HOLDOUT = CORPUS.filter((e) => e.split === 'holdout');

interface Score {
  readonly accuracy: Readonly<Record<Slot, number>>;
  readonly misses: readonly string[];
}

function score(entries: readonly CorpusEntry[]): Score {
  const right: Record<Slot, number> = { intent: 0, addon: 0, plan: 0, quantity: 0, frequency: 0 };
  const misses: string[] = [];
  for (const entry of entries) {
    const got = understand(entry.text, entry.locale);
    const wrong = SLOTS.filter((slot) => got[slot] !== entry[slot]);
    for (const slot of SLOTS) if (!wrong.includes(slot)) right[slot] += 1;
    if (wrong.length > 0) {
      misses.push(`${JSON.stringify(entry.text)}: ${wrong.map((s) => `${s}=${String(got[s])} (expected ${String(entry[s])})`).join(', ')}`);
    }
  }
  const accuracy = Object.fromEntries(SLOTS.map((s) => [s, right[s] / entries.length])) as Record<Slot, number>;
  return { accuracy, misses };
}

function report(name: string, entries: readonly CorpusEntry[], result: Score): void {
  const figures = SLOTS.map((s) => `${s} ${(100 * result.accuracy[s]).toFixed(1)}%`).join(', ');
  console.log(`      ${name} (${entries.length} utterances): ${figures}`);
  for (const miss of result.misses) console.log(`        miss ${miss}`);
}

describe('NLU recognizer', () => {
  describe('labeled corpus', () => {
    it('is large, split, and covers every intent', () => {
      assert.ok(CORPUS.length >= 320, `${CORPUS.length} entries`);
      assert.ok(HOLDOUT.length >= 0.3 * CORPUS.length, `${HOLDOUT.length} holdout entries`);
      // The split rule: every third entry, nothing else.
      CORPUS.forEach((e, i) => assert.equal(e.split === 'holdout', i % 3 === 2, `entry ${i} breaks the every-third-entry split`));
      for (const intent of INTENTS) assert.ok(CORPUS.some((e) => e.intent === intent), `no ${intent} example`);
      for (const id of ADDON_IDS) assert.ok(CORPUS.some((e) => e.addon === id), `no ${id} example`);
    });

    it('reaches 95% on the held-out split for intents and for each slot', () => {
      const result = score(HOLDOUT);
      report('holdout', HOLDOUT, result);
      for (const slot of SLOTS) assert.ok(result.accuracy[slot] >= 0.95, `${slot}: ${(100 * result.accuracy[slot]).toFixed(1)}%`);
    });

    it('reaches 95% on the whole corpus for intents and for each slot', () => {
      const result = score(CORPUS);
      report('whole corpus', CORPUS, result);
      for (const slot of SLOTS) assert.ok(result.accuracy[slot] >= 0.95, `${slot}: ${(100 * result.accuracy[slot]).toFixed(1)}%`);
    });
  });

  describe('product names', () => {
    const cases: ReadonlyArray<readonly [string, AddonId | null, PlanId | null]> = [
      // typos
      ['buy stroage', 'extra-file-storage', null],
      ['purchase exchange archving', 'exchange-online-archiving', null],
      ['buy audio conferencng', 'audio-conferencing', null],
      ['storage for buisness basic', 'extra-file-storage', 'm365-business-basic'],
      ['acheter stokage suplémentaire', 'extra-file-storage', null],
      ['buy myanalitics for offce 365 e1', 'myanalytics', 'o365-e1'],
      // missing accents
      ['acheter le systeme telephonique', 'phone-system', null],
      ['acheter le referentiel securise du client', 'customer-lockbox', null],
      // old names
      ['buy storage for Office 365 Business Essentials', 'extra-file-storage', 'm365-business-basic'],
      ['buy Skype for Business PSTN Conferencing', 'audio-conferencing', null],
      ['buy storage for Office 365 Business Premium', 'extra-file-storage', 'm365-business-standard'],
      ['buy audio conferencing for Microsoft 365 Business', 'audio-conferencing', 'm365-business-premium'],
      ['buy storage for Office 365 Business', 'extra-file-storage', 'm365-apps-for-business'],
      ['buy Exchange Advanced Threat Protection', 'advanced-threat-protection', null],
      ['buy PSTN Consumption', 'communications-credits', null],
      ['buy Skype for Business PSTN Domestic Calling', 'domestic-calling-plan', null],
      ['buy Skype for Business PSTN Domestic and International Calling', 'international-calling-plan', null],
      ['buy storage for Office Online with SharePoint Plan 1', 'extra-file-storage', 'office-web-sharepoint-plan-1'],
      ['acheter Skype Entreprise Conférence PSTN', 'audio-conferencing', null],
      // short forms
      ['buy storage for E3', 'extra-file-storage', 'o365-e3'],
      ['acheter du stockage pour M365 E3', 'extra-file-storage', 'm365-e3'],
      ['buy storage', 'extra-file-storage', null],
      ['acheter du stockage', 'extra-file-storage', null],
      ['buy ATP for SharePoint Plan 2', 'advanced-threat-protection', 'sharepoint-online-plan-2'],
      // the longest name wins
      ['buy storage for E5 without Audio Conferencing', 'extra-file-storage', 'o365-e5-no-audio-conferencing'],
      ['buy audio conferencing', 'audio-conferencing', null],
      ['buy PSTN conferencing for E5 without Audio Conferencing', 'audio-conferencing', 'o365-e5-no-audio-conferencing'],
      ['acheter du stockage pour Office 365 Entreprise E5 sans audioconférence', 'extra-file-storage', 'o365-e5-no-audio-conferencing'],
      ['buy Phone System for Office for the web with SharePoint Plan 2', 'phone-system', 'office-web-sharepoint-plan-2'],
    ];
    for (const [text, addon, plan] of cases) {
      it(`"${text}" → ${addon ?? '-'} / ${plan ?? '-'}`, () => {
        const u = understand(text);
        assert.equal(u.addon, addon);
        assert.equal(u.plan, plan);
      });
    }

    it('"E5 without Audio Conferencing" is a plan, "audio conferencing" an add-on', () => {
      assert.deepEqual(pick(understand('is E5 without Audio Conferencing eligible?')), { addon: null, plan: 'o365-e5-no-audio-conferencing' });
      assert.deepEqual(pick(understand('is audio conferencing available on E5?')), { addon: 'audio-conferencing', plan: 'o365-e5' });
    });
  });

  describe('quantities', () => {
    const cases: ReadonlyArray<readonly [string, string | undefined, number | null]> = [
      ['buy ten Phone System licenses', undefined, 10],
      ['buy twenty-five licenses', undefined, 25],
      ['buy 1,000 GB of storage', undefined, 1000],
      ['buy 10 GB of storage', undefined, 10],
      ['buy 10GB storage', undefined, 10],
      ['acheter dix licences', undefined, 10],
      ['acheter vingt-cinq licences', undefined, 25],
      ['acheter quatre-vingt-dix licences', undefined, 90],
      ['acheter deux cents Go de stockage', undefined, 200],
      ['acheter vingt et une licences', undefined, 21],
      ['acheter mille Go', undefined, 1000],
      ['acheter 2 000 Go de stockage', 'fr-FR', 2000],
      ['je voudrais une licence Phone System', undefined, 1],
      ['change the quantity of Phone System from 10 to 20', undefined, 20],
      // not quantities: product-name digits, decimals, durations, prices, articles
      ['buy storage for Office 365 E3', undefined, null],
      ['buy storage for SharePoint Online Plan 1', undefined, null],
      ['buy storage for Office 365', undefined, null],
      ['buy audio conferencing for Microsoft 365 E5', undefined, null],
      ['buy 2.5 GB of storage', undefined, null],
      ['buy 0 licenses', undefined, null],
      ['buy storage within 7 days', undefined, null],
      ['buy 5 licenses for $40', undefined, 5],
      ['acheter un module complémentaire', undefined, null],
    ];
    for (const [text, locale, quantity] of cases) {
      it(`"${text}" → ${quantity ?? 'null'}`, () => assert.equal(understand(text, locale).quantity, quantity));
    }
  });

  describe('numbers mean what the admin wrote: sign, fraction, magnitude, never a guess', () => {
    // [text, what was written, its value (null: unreadable), the count `quantity` reports (null: not a count)]
    const cases: ReadonlyArray<readonly [string, string, number | null, number | null]> = [
      ['buy -1 GB of storage', '-1', -1, null],
      ['acheter -1 Go de stockage', '-1', -1, null],
      ['buy minus 5 Phone System licenses', 'minus 5', -5, null],
      ['acheter moins 5 licences Système téléphonique', 'moins 5', -5, null],
      ['buy 5k GB of storage', '5k', 5000, 5000],
      ['acheter 5k Go de stockage', '5k', 5000, 5000],
      ['buy 1.5k GB of storage', '1.5k', 1500, 1500],
      ['buy nine hundred ninety nine quadrillion GB of storage', 'nine hundred ninety nine quadrillion', 999e15, null],
      ['acheter neuf cent quatre-vingt-dix-neuf billiards de Go de stockage', 'neuf cent quatre-vingt-dix-neuf billiards', 999e15, null],
      ['buy 3 billion GB of storage', '3 billion', 3e9, 3e9],
      ['buy three billion GB of storage', 'three billion', 3e9, 3e9],
      ['acheter trois milliards de Go de stockage', 'trois milliards', 3e9, 3e9],
      ['acheter 3 milliards de Go de stockage', '3 milliards', 3e9, 3e9],
      ['acheter trois billions de Go de stockage', 'trois billions', 3e12, 3e12],
      ['buy 2.5 Phone System licenses', '2.5', 2.5, null],
      ['acheter 2,5 licences Système téléphonique', '2,5', 2.5, null],
      ['buy 0 licenses', '0', 0, null],
      ['buy 1.2.3 GB of storage', '1.2.3', null, null],
      ['buy 1,000 GB of storage', '1,000', 1000, 1000],
      ['acheter 1 000 Go de stockage', '1 000', 1000, 1000],
    ];
    for (const [text, written, value, quantity] of cases) {
      it(`"${text}" reads "${written}" as ${String(value)}, count ${String(quantity)}`, () => {
        const u = understand(text);
        assert.deepEqual(u.quantityRead, { written, value });
        assert.equal(u.quantity, quantity);
      });
    }

    it('keeps the dash of a range or a name, and "less than" / "5 fewer", out of the sign', () => {
      assert.deepEqual(understand('buy 10-20 Phone System licenses').quantityRead?.value, 10);
      assert.equal(understand('moins de 5 licences de Système téléphonique').quantityRead?.value, 5);
      assert.equal(understand('5 licences de moins pour Système téléphonique').quantityRead?.value, 5);
      assert.equal(understand('remove 4 Phone System licenses').quantity, 4);
    });
  });

  describe('billing frequency', () => {
    const cases: ReadonlyArray<readonly [string, 'monthly' | 'yearly' | null]> = [
      ['buy storage billed yearly', 'yearly'], ['buy ATP, annual billing', 'yearly'], ['buy ATP per year', 'yearly'],
      ['acheter ATP annuellement', 'yearly'], ['acheter du stockage par an', 'yearly'], ['paiement annuel', 'yearly'],
      ['buy storage monthly', 'monthly'], ['buy 5 licenses per month', 'monthly'], ['facturation mensuelle', 'monthly'],
      ['acheter ATP par mois', 'monthly'], ['facturé mensuellement', 'monthly'],
      ['what did I buy last month?', null], ['buy storage', null],
    ];
    for (const [text, frequency] of cases) {
      it(`"${text}" → ${frequency ?? 'null'}`, () => assert.equal(understand(text).frequency, frequency));
    }
  });

  describe('intents', () => {
    const cases: ReadonlyArray<readonly [string, Intent]> = [
      ['cancel', 'cancel'],
      ['cancel Phone System', 'remove'],
      ['cancel my Phone System subscription', 'remove'],
      ['cancel auto-renew for Phone System', 'recurring_billing_off'],
      ['annuler', 'cancel'],
      ['annuler Phone System', 'remove'],
      ['annuler le renouvellement automatique du stockage', 'recurring_billing_off'],
      ['cancle', 'cancel'],
      ['stop', 'cancel'],
      ['laisse tomber', 'cancel'],
      ['add Phone System to E3', 'buy'],
      ['add 5 licenses to Phone System', 'change_quantity'],
      ['ajouter le stockage', 'buy'],
      ['ajouter des licences au système téléphonique', 'change_quantity'],
      ['remove Extra File Storage', 'remove'],
      ['remove 3 licenses from Phone System', 'change_quantity'],
      ['chnage the quantity of archiving', 'change_quantity'],
      ['modifer la quantité', 'change_quantity'],
      ['turn off recurring billing', 'recurring_billing_off'],
      ['turn on recurring billing', 'recurring_billing_on'],
      ['désactiver la facturation périodique', 'recurring_billing_off'],
      ['activer la facturation périodique', 'recurring_billing_on'],
      ['which add-ons does my plan support?', 'availability'],
      ['is MyAnalytics availble on Business Basic?', 'availability'],
      ['can I get Phone System with E3?', 'availability'],
      ['quels modules complémentaires pour E3 ?', 'availability'],
      ['est-ce que MyAnalytics est disponible sur E3 ?', 'availability'],
      ['my add-ons', 'list_addons'],
      ['mes modules', 'list_addons'],
      ['my orders', 'list_orders'],
      ['mes commandes', 'list_orders'],
      ['my requests', 'list_requests'],
      ['demandes en attente', 'list_requests'],
      ['help', 'help'],
      ['?', 'help'],
      ['aide', 'help'],
      ['back', 'back'],
      ['retour', 'back'],
      ['English', 'set_language'],
      ['parle français', 'set_language'],
      ['hello', 'greeting'],
      ['bonjour', 'greeting'],
      ['bonjour, je voudrais acheter du stockage', 'buy'],
      ['tell me a joke', 'none'],
      ['', 'none'],
      // The money at a glance and the reminders, against the intents they sit next to.
      ['what renews this month?', 'renewals'],
      ['qu’est-ce qui se renouvelle ce mois-ci ?', 'renewals'],
      ['which subscriptions are renewing this month?', 'renewals'],
      ['turn off auto-renew for Phone System', 'recurring_billing_off'],
      ['how much do we spend on add-ons?', 'spend'],
      ['combien coûtent nos modules ?', 'spend'],
      ['what do our add-ons cost?', 'spend'],
      ['stop paying for Phone System', 'remove'],
      ['stop reminders', 'reminders_off'],
      ['stop renewal reminders', 'reminders_off'],
      ['don’t renew Phone System', 'recurring_billing_off'],
      ['arrête les rappels', 'reminders_off'],
      ['ne me rappelle plus', 'reminders_off'],
      ['arrêter le renouvellement automatique', 'recurring_billing_off'],
      ['start reminders', 'reminders_on'],
      ['turn reminders back on', 'reminders_on'],
      ['réactive les rappels', 'reminders_on'],
      ['réactiver le renouvellement automatique', 'recurring_billing_on'],
      ['stop', 'cancel'],
    ];
    for (const [text, intent] of cases) it(`"${text}" → ${intent}`, () => assert.equal(understand(text).intent, intent));
  });

  describe('language', () => {
    it('detects French and English from the words', () => {
      assert.equal(understand('acheter du stockage').language, 'fr');
      assert.equal(understand('acheter du stockage', 'en-US').language, 'fr');
      assert.equal(understand('annuler').language, 'fr');
      assert.equal(understand('buy storage').language, 'en');
      assert.equal(understand('buy storage', 'fr-FR').language, 'en');
      assert.equal(understand('anuler mon abonnement').language, 'fr');
    });

    it('tells the language of the glance and reminder requests', () => {
      for (const text of ['what renews this month?', 'upcoming renewals', 'how much do we spend on add-ons?', 'stop reminders', 'start reminders']) {
        assert.equal(understand(text, 'fr-FR').language, 'en', text);
      }
      for (const text of ['prochains renouvellements', 'combien coûtent nos modules ?', 'arrête les rappels', 'réactive les rappels']) {
        assert.equal(understand(text, 'en-US').language, 'fr', text);
      }
    });

    it('falls back to the locale, then English, when the words do not tell', () => {
      assert.equal(understand('E3', 'fr-FR').language, 'fr');
      assert.equal(understand('E3', 'fr').language, 'fr');
      assert.equal(understand('E3', 'en-US').language, 'en');
      assert.equal(understand('E3').language, 'en');
      assert.equal(understand('stop', 'fr-FR').language, 'fr');
      assert.equal(understand('Phone System', 'fr-CA').language, 'fr');
      assert.equal(understand('Phone System', 'de-DE').language, 'en');
    });

    it('reports the language asked for when the intent is set_language', () => {
      assert.deepEqual(langOf(understand('parle anglais')), { intent: 'set_language', language: 'en' });
      assert.deepEqual(langOf(understand('in French please')), { intent: 'set_language', language: 'fr' });
      assert.deepEqual(langOf(understand('français', 'en-US')), { intent: 'set_language', language: 'fr' });
    });
  });

  describe('shape', () => {
    it('returns every field, and the same answer every time', () => {
      const text = 'buy 10 Audio Conferencing licenses for E3, billed yearly';
      const first = understand(text);
      assert.deepEqual(first, {
        intent: 'buy', addon: 'audio-conferencing', plan: 'o365-e3', quantity: 10, quantityRead: { written: '10', value: 10 }, frequency: 'yearly',
        language: 'en',
      } satisfies Understanding);
      understand('acheter vingt licences de stockage par mois');
      assert.deepEqual(understand(text), first);
    });

    it('lists the nineteen intents of SPEC section 7', () => {
      assert.deepEqual([...INTENTS].sort(), [
        'availability', 'back', 'buy', 'cancel', 'change_quantity', 'greeting', 'help', 'list_addons', 'list_orders',
        'list_requests', 'none', 'recurring_billing_off', 'recurring_billing_on', 'reminders_off', 'reminders_on', 'remove',
        'renewals', 'set_language', 'spend',
      ]);
      for (const id of PLAN_IDS) assert.ok(understand(`buy storage for ${id}`).plan === id, `plan id ${id} is recognized`);
    });
  });

  describe('npm run understand (compiled script)', () => {
    const script = fileURLToPath(new URL('../../scripts/understand.js', import.meta.url));
    const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });
    const KEYS = ['intent', 'addon', 'plan', 'quantity', 'frequency', 'language'];

    it('prints one JSON object for an English sentence', () => {
      const result = run('buy 10 Audio Conferencing licenses for E3, billed yearly');
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trim().split('\n');
      assert.equal(lines.length, 1);
      const parsed: unknown = JSON.parse(lines[0]!);
      assert.ok(typeof parsed === 'object' && parsed !== null);
      assert.deepEqual(Object.keys(parsed), KEYS);
      assert.deepEqual(parsed, {
        intent: 'buy', addon: 'audio-conferencing', plan: 'o365-e3', quantity: 10, frequency: 'yearly', language: 'en',
      });
    });

    it('prints one JSON object for a French sentence with --locale fr', () => {
      const result = run('--locale', 'fr', 'acheter dix licences de stockage supplémentaire par mois');
      assert.equal(result.status, 0, result.stderr);
      const parsed: unknown = JSON.parse(result.stdout);
      assert.ok(typeof parsed === 'object' && parsed !== null);
      assert.deepEqual(Object.keys(parsed), KEYS);
      assert.deepEqual(parsed, {
        intent: 'buy', addon: 'extra-file-storage', plan: null, quantity: 10, frequency: 'monthly', language: 'fr',
      });
    });

    it('reports a null quantity, not a guess, for a number that is no count (EN and FR)', () => {
      for (const [locale, text] of [
        ['en', 'buy -1 GB of storage'], ['en', 'buy minus 5 Phone System licenses'], ['en', 'buy 2.5 Phone System licenses'],
        ['en', 'buy nine hundred ninety nine quadrillion GB of storage'], ['fr', 'acheter -1 Go de stockage'], ['fr', 'acheter moins 5 licences'],
        ['fr', 'acheter 2,5 licences'], ['fr', 'acheter neuf cent quatre-vingt-dix-neuf billiards de Go de stockage'],
      ] as const) {
        const result = run('--locale', locale, text);
        assert.equal(result.status, 0, result.stderr);
        const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
        assert.deepEqual(Object.keys(parsed), KEYS);
        assert.equal(parsed.quantity, null, text);
      }
      // A magnitude is read, not dropped: the range check is the catalog's.
      assert.equal((JSON.parse(run('buy 3 billion GB of storage').stdout) as Record<string, unknown>).quantity, 3e9);
      assert.equal((JSON.parse(run('--locale', 'fr', 'acheter 5k Go de stockage').stdout) as Record<string, unknown>).quantity, 5000);
    });

    it('knows the renewals, spend and reminders intents (EN and FR), and its usage lists every intent', () => {
      for (const [locale, text, intent] of [
        ['en', 'what renews this month?', 'renewals'], ['fr', 'qu’est-ce qui se renouvelle ce mois-ci ?', 'renewals'],
        ['en', 'how much do we spend on add-ons?', 'spend'], ['fr', 'combien coûtent nos modules ?', 'spend'],
        ['en', 'stop reminders', 'reminders_off'], ['fr', 'arrête les rappels', 'reminders_off'],
        ['en', 'start reminders', 'reminders_on'], ['fr', 'réactive les rappels', 'reminders_on'],
      ] as const) {
        const result = run('--locale', locale, text);
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout), { intent, addon: null, plan: null, quantity: null, frequency: null, language: locale });
      }
      const usage = run().stderr;
      for (const intent of INTENTS) assert.ok(usage.includes(intent), `usage lists ${intent}`);
    });

    it('exits with code 2 and a message on stderr without text or with a bad option', () => {
      for (const args of [[], ['--locale', 'fr'], ['   '], ['--locale', 'de', 'hello'], ['--verbose', 'hello']]) {
        const result = run(...args);
        assert.equal(result.status, 2, `args ${JSON.stringify(args)}`);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /usage/);
      }
    });
  });
});

function pick(u: Understanding): { addon: AddonId | null; plan: PlanId | null } {
  return { addon: u.addon, plan: u.plan };
}

function langOf(u: Understanding): { intent: Intent; language: 'en' | 'fr' } {
  return { intent: u.intent, language: u.language };
}
