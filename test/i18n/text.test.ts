import { strict as assert } from 'node:assert';
import { ADDON_IDS, PLAN_IDS } from '../../src/domain/ids.js';
import { addonNoun, planNoun } from '../../src/i18n/nouns.js';
import { defineTexts, nounIn, text } from '../../src/i18n/text.js';
import { WORDS } from '../../src/i18n/words.js';

const SAMPLE = defineTexts(
  {
    hello: 'Hello',
    greet: 'Hello {name}, you have {total} GB',
    buy: 'Buy {addon:le}',
    quantityOf: 'The quantity of {addon} on {plan}',
    added: { one: '{count} license added to {plan}', other: '{count} licenses added to {plan}' },
    billed: { one: '{amount} was billed', other: '{amount} were billed' },
  },
  {
    hello: 'Bonjour',
    greet: 'Bonjour {name}, vous avez {total} Go',
    buy: 'Acheter {addon:le}',
    quantityOf: 'La quantité {addon:de} sur {plan}',
    added: { one: '{count} licence ajoutée à {plan:le}', other: '{count} licences ajoutées à {plan:le}' },
    billed: { one: '{amount} a été facturé', other: '{amount} ont été facturés' },
  },
);

describe('text engine', () => {
  describe('placeholders', () => {
    it('fills {name} in both languages and needs no parameters for a plain entry', () => {
      assert.equal(text(SAMPLE, 'en', 'hello'), 'Hello');
      assert.equal(text(SAMPLE, 'fr', 'hello'), 'Bonjour');
      assert.equal(text(SAMPLE, 'en', 'greet', { name: 'Ada', total: 5 }), 'Hello Ada, you have 5 GB');
      assert.equal(text(SAMPLE, 'fr', 'greet', { name: 'Ada', total: 5 }), 'Bonjour Ada, vous avez 5 Go');
    });

    it('writes numbers with the language’s thousands separator', () => {
      assert.equal(text(SAMPLE, 'en', 'greet', { name: 'Ada', total: 300_000 }), 'Hello Ada, you have 300,000 GB');
      const expected = `Bonjour Ada, vous avez ${new Intl.NumberFormat('fr-FR').format(300_000)} Go`;
      assert.equal(text(SAMPLE, 'fr', 'greet', { name: 'Ada', total: 300_000 }), expected);
      assert.match(text(SAMPLE, 'fr', 'greet', { name: 'Ada', total: 300_000 }), /300\s000 Go/u);
      assert.equal(text(WORDS, 'fr', 'license', { count: 1_000_000 }), `${new Intl.NumberFormat('fr-FR').format(1_000_000)} licences`);
    });

    it('leaves a string value as given (no second pass over braces it contains)', () => {
      assert.equal(text(SAMPLE, 'en', 'greet', { name: '{total}', total: 1 }), 'Hello {total}, you have 1 GB');
    });
  });

  describe('plurals', () => {
    it('chooses one/other by Intl.PluralRules on count: French puts 0 and 1 in "one"', () => {
      const e3 = planNoun('o365-e3');
      assert.equal(text(SAMPLE, 'en', 'added', { count: 1, plan: e3 }), '1 license added to Office 365 E3');
      assert.equal(text(SAMPLE, 'en', 'added', { count: 0, plan: e3 }), '0 licenses added to Office 365 E3');
      assert.equal(text(SAMPLE, 'en', 'added', { count: 2, plan: e3 }), '2 licenses added to Office 365 E3');
      assert.equal(text(SAMPLE, 'fr', 'added', { count: 0, plan: e3 }), '0 licence ajoutée à Office 365 Entreprise E3');
      assert.equal(text(SAMPLE, 'fr', 'added', { count: 1, plan: e3 }), '1 licence ajoutée à Office 365 Entreprise E3');
      assert.equal(text(SAMPLE, 'fr', 'added', { count: 2, plan: e3 }), '2 licences ajoutées à Office 365 Entreprise E3');
    });

    it('reads French large round numbers ("many" in CLDR) as plural', () => {
      assert.equal(text(WORDS, 'fr', 'credit', { count: 1_000_000 }).endsWith('crédits'), true);
    });

    it('lets the amount decide the agreement: "1,50 $US a été facturé" / "95,21 $US ont été facturés"', () => {
      assert.equal(text(SAMPLE, 'fr', 'billed', { count: 1.5, amount: '1,50 $US' }), '1,50 $US a été facturé');
      assert.equal(text(SAMPLE, 'fr', 'billed', { count: 95.21, amount: '95,21 $US' }), '95,21 $US ont été facturés');
      assert.equal(text(SAMPLE, 'en', 'billed', { count: 1, amount: '$1.00' }), '$1.00 was billed');
      assert.equal(text(SAMPLE, 'en', 'billed', { count: 95.21, amount: '$95.21' }), '$95.21 were billed');
    });

    it('gives the shared units their plurals', () => {
      assert.equal(text(WORDS, 'en', 'license', { count: 1 }), '1 license');
      assert.equal(text(WORDS, 'en', 'license', { count: 10 }), '10 licenses');
      assert.equal(text(WORDS, 'fr', 'license', { count: 10 }), '10 licences');
      assert.equal(text(WORDS, 'en', 'gb', { count: 1000 }), '1,000 GB');
      assert.equal(text(WORDS, 'fr', 'gb', { count: 50 }), '50 Go');
      assert.equal(text(WORDS, 'en', 'perYear'), 'per year');
      assert.equal(text(WORDS, 'fr', 'perYear'), 'par an');
      assert.equal(text(WORDS, 'fr', 'perMonth'), 'par mois');
    });
  });

  describe('French forms of product names', () => {
    it('{x:le} puts the article, elided before a vowel', () => {
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('extra-file-storage') }), 'Acheter l’espace de stockage supplémentaire Office 365');
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('phone-system') }), 'Acheter le Système téléphonique');
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('advanced-compliance') }), 'Acheter la Conformité avancée Office 365');
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('communications-credits') }), 'Acheter les Crédits de communication');
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('audio-conferencing') }), 'Acheter l’Audioconférence');
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: addonNoun('myanalytics') }), 'Acheter Microsoft MyAnalytics');
    });

    it('{x:de} contracts the preposition with the article: de l’, du, de la, des, and d’ before a plan', () => {
      const de = (noun: ReturnType<typeof addonNoun>): string => nounIn(noun, 'fr', 'de');
      assert.equal(de(addonNoun('exchange-online-archiving')), 'de l’Archivage Exchange Online');
      assert.equal(de(addonNoun('customer-lockbox')), 'du Référentiel sécurisé du client');
      assert.equal(de(addonNoun('advanced-compliance')), 'de la Conformité avancée Office 365');
      assert.equal(de(addonNoun('communications-credits')), 'des Crédits de communication');
      assert.equal(de(planNoun('o365-e3')), 'd’Office 365 Entreprise E3');
      assert.equal(de(planNoun('m365-business-basic')), 'de Microsoft 365 Business Basic');
      assert.equal(de(addonNoun('advanced-threat-protection')), 'd’Office 365 Protection avancée contre les menaces');
      assert.equal(text(SAMPLE, 'fr', 'quantityOf', { addon: addonNoun('domestic-calling-plan'), plan: 'E5' }),
        'La quantité du Plan d’appels nationaux sur E5');
    });

    it('{x:a} contracts "à": à l’, au, à la, aux', () => {
      assert.equal(nounIn(addonNoun('extra-file-storage'), 'fr', 'a'), 'à l’espace de stockage supplémentaire Office 365');
      assert.equal(nounIn(addonNoun('phone-system'), 'fr', 'a'), 'au Système téléphonique');
      assert.equal(nounIn(addonNoun('advanced-compliance'), 'fr', 'a'), 'à la Conformité avancée Office 365');
      assert.equal(nounIn(addonNoun('communications-credits'), 'fr', 'a'), 'aux Crédits de communication');
      assert.equal(nounIn(planNoun('o365-e5'), 'fr', 'a'), 'à Office 365 Entreprise E5');
    });

    it('English ignores the form and a noun without a form is its catalog name', () => {
      assert.equal(text(SAMPLE, 'en', 'buy', { addon: addonNoun('extra-file-storage') }), 'Buy Office 365 Extra File Storage');
      assert.equal(text(SAMPLE, 'en', 'quantityOf', { addon: addonNoun('phone-system'), plan: planNoun('o365-e3') }),
        'The quantity of Phone System on Office 365 E3');
      assert.equal(nounIn(addonNoun('extra-file-storage'), 'fr'), 'Espace de stockage supplémentaire Office 365');
    });

    it('has the catalog names and grammar for every add-on and plan', () => {
      for (const id of ADDON_IDS) {
        const noun = addonNoun(id);
        assert.ok(noun.en.length > 0 && noun.fr.length > 0, id);
        assert.doesNotMatch(nounIn(noun, 'fr', 'de'), /^de (le|les) |^à (le|les) /u, id);
      }
      for (const id of PLAN_IDS) assert.ok(planNoun(id).fr.length > 0, id);
    });
  });

  describe('runtime guards', () => {
    it('refuses an unknown form', () => {
      const table = defineTexts({ x: '{a}' }, { x: '{a}' });
      assert.throws(() => nounIn(addonNoun('phone-system'), 'fr', 'du' as 'de'));
      assert.equal(text(table, 'fr', 'x', { a: addonNoun('phone-system') }), 'Système téléphonique');
    });
  });

  describe('compile-time checks (each @ts-expect-error fails the build when its check stops working)', () => {
    it('rejects a missing French key, other placeholders, a forgotten parameter and a wrong form', () => {
      // @ts-expect-error the French table lacks "b"
      defineTexts({ a: 'A', b: 'B' }, { a: 'A' });
      // @ts-expect-error the French entry names {nom}, the English one {name}
      defineTexts({ a: 'Hello {name}' }, { a: 'Bonjour {nom}' });
      // @ts-expect-error the French entry drops a placeholder
      defineTexts({ a: '{count} of {total}' }, { a: '{count}' });
      // @ts-expect-error a plural French entry whose "other" names another placeholder
      defineTexts({ a: { one: '{count} item', other: '{count} items' } }, { a: { one: '{count} élément', other: '{n} éléments' } });
      // @ts-expect-error "du" is not a form
      defineTexts({ a: 'Buy {addon}' }, { a: 'Acheter {addon:du}' });
      // @ts-expect-error "total" is forgotten
      assert.throws(() => text(SAMPLE, 'en', 'greet', { name: 'Ada' }));
      // @ts-expect-error a plural entry needs its count
      assert.throws(() => text(SAMPLE, 'en', 'added', { plan: planNoun('o365-e3') }));
      // @ts-expect-error a placeholder with a form needs a noun, not a string
      assert.equal(text(SAMPLE, 'fr', 'buy', { addon: 'Stockage' }), 'Acheter Stockage');
      // @ts-expect-error no such key
      assert.throws(() => text(SAMPLE, 'en', 'nothing'));
      // The same forms in both languages compile: the placeholders match once forms are set aside.
      assert.equal(text(defineTexts({ a: 'Buy {x}' }, { a: 'Acheter {x:le}' }), 'en', 'a', { x: addonNoun('phone-system') }), 'Buy Phone System');
    });
  });
});
