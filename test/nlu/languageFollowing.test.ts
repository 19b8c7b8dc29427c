import { strict as assert } from 'node:assert';
import type { Language } from '../../src/domain/ids.js';
import { followedLanguage } from '../../src/nlu/languageFollowing.js';
import { understandWithEvidence } from '../../src/nlu/recognizer.js';

describe('followedLanguage', () => {
  const counts: ReadonlyArray<readonly [Language, number, number, Language | undefined]> = [
    // current, en, fr, expected
    ['en', 0, 0, undefined],
    ['en', 0, 1, undefined],
    ['en', 0, 2, 'fr'],
    ['en', 1, 2, undefined],
    ['en', 1, 3, 'fr'],
    ['en', 2, 3, undefined],
    ['en', 2, 4, 'fr'],
    ['en', 5, 0, undefined],
    ['fr', 2, 0, 'en'],
    ['fr', 1, 0, undefined],
    ['fr', 3, 1, 'en'],
    ['fr', 3, 2, undefined],
    ['fr', 0, 6, undefined],
  ];
  for (const [current, en, fr, expected] of counts) {
    it(`from ${current} with en ${en}, fr ${fr}: ${expected ?? 'stays'}`, () => {
      assert.equal(followedLanguage(current, { en, fr }), expected);
    });
  }

  const messages: ReadonlyArray<readonly [Language, string, Language | undefined]> = [
    ['en', 'quels modules complémentaires pour E3 ?', 'fr'],
    ['fr', 'which add-ons for E3?', 'en'],
    ['en', 'acheter du stockage', 'fr'],
    ['fr', 'remove Phone System from E3', 'en'],
    ['en', 'acheter 10 licences d’audioconférence pour E3, facturation annuelle', 'fr'],
    ['fr', 'buy 10 Audio Conferencing licenses for E3, billed yearly', 'en'],
    ['en', 'E3', undefined],
    ['fr', 'E3', undefined],
    ['fr', 'ok', undefined],
    ['en', 'oui', undefined],
    ['en', 'merci', undefined],
    ['en', 'annuler', undefined],
    ['fr', 'yearly', undefined],
    ['fr', '50 GB', undefined],
    ['fr', 'Phone System', undefined],
    ['fr', 'Extra File Storage, 10 GB', undefined],
    ['en', '2', undefined],
    ['fr', '2', undefined],
    ['en', 'ok merci', undefined],
    ['fr', 'ok merci', undefined],
    ['en', 'buy 10 licences pour E3', undefined],
    ['fr', 'buy 10 licences pour E3', undefined],
    ['fr', 'quels modules complémentaires pour E3 ?', undefined],
  ];
  for (const [current, message, expected] of messages) {
    it(`from ${current}, "${message}": ${expected ?? 'stays'}`, () => {
      assert.equal(followedLanguage(current, understandWithEvidence(message).languageEvidence), expected);
    });
  }
});
