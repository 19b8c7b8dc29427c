import { strict as assert } from 'node:assert';
import { understand, understandWithEvidence } from '../../src/nlu/recognizer.js';

describe('recognizer language evidence and byVerb', () => {
  const cases: ReadonlyArray<{ text: string; en: number; fr: number; intent: string; byVerb: boolean }> = [
    { text: 'which add-ons for E3?', en: 3, fr: 0, intent: 'availability', byVerb: true },
    { text: 'quels modules complémentaires pour E3 ?', en: 0, fr: 5, intent: 'availability', byVerb: true },
    { text: 'buy 10 Audio Conferencing licenses for E3, billed yearly', en: 5, fr: 0, intent: 'buy', byVerb: true },
    { text: 'acheter 10 licences d’audioconférence pour E3, facturation annuelle', en: 0, fr: 6, intent: 'buy', byVerb: true },
    { text: 'acheter du stockage', en: 0, fr: 2, intent: 'buy', byVerb: true },
    { text: 'remove Phone System from E3', en: 2, fr: 0, intent: 'remove', byVerb: true },
    { text: 'supprimer le Système téléphonique', en: 0, fr: 2, intent: 'remove', byVerb: true },
    { text: 'buy 10 licences pour E3', en: 1, fr: 2, intent: 'buy', byVerb: true },
    { text: 'cancel', en: 1, fr: 0, intent: 'cancel', byVerb: true },
    { text: 'annuler', en: 0, fr: 1, intent: 'cancel', byVerb: true },
    { text: 'bonjour', en: 0, fr: 1, intent: 'greeting', byVerb: true },
    { text: '?', en: 0, fr: 0, intent: 'help', byVerb: true },
    // An add-on named without a verb is taken as a purchase, but no rule said so.
    { text: 'Phone System', en: 0, fr: 0, intent: 'buy', byVerb: false },
    { text: 'Extra File Storage, 10 GB', en: 0, fr: 0, intent: 'buy', byVerb: false },
    { text: 'Stockage supplémentaire 50 Go', en: 0, fr: 0, intent: 'buy', byVerb: false },
    // Nothing matched.
    { text: 'E3', en: 0, fr: 0, intent: 'none', byVerb: false },
    { text: 'ok merci', en: 1, fr: 1, intent: 'none', byVerb: false },
    { text: 'yearly', en: 1, fr: 0, intent: 'none', byVerb: false },
    { text: '2', en: 0, fr: 0, intent: 'none', byVerb: false },
  ];
  for (const c of cases) {
    it(`"${c.text}": en ${c.en}, fr ${c.fr}, ${c.intent} ${c.byVerb ? 'by a rule' : 'without one'}`, () => {
      const u = understandWithEvidence(c.text);
      assert.deepEqual(u.languageEvidence, { en: c.en, fr: c.fr });
      assert.equal(u.intent, c.intent);
      assert.equal(u.byVerb, c.byVerb);
    });
  }

  it('counts words, not product names: a French product name alone is no French', () => {
    assert.deepEqual(understandWithEvidence('Référentiel sécurisé du client').languageEvidence, { en: 0, fr: 0 });
    assert.deepEqual(understandWithEvidence('buy Référentiel sécurisé du client').languageEvidence, { en: 1, fr: 0 });
  });

  it('leaves understand() as it was: the same fields and values, nothing more', () => {
    for (const c of cases) {
      const { languageEvidence: _e, byVerb: _b, ...rest } = understandWithEvidence(c.text, 'fr-FR');
      assert.deepEqual(understand(c.text, 'fr-FR'), rest);
      assert.deepEqual(Object.keys(understand(c.text)).sort(), ['addon', 'frequency', 'intent', 'language', 'plan', 'quantity', 'quantityRead']);
    }
  });
});
