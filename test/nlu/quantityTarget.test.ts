// What the number of a quantity change means: a new total, or a number more or fewer than today.
import assert from 'node:assert/strict';
import { understand } from '../../src/nlu/recognizer.js';
import { newTotalOf, quantityTargetOf, type QuantityChange } from '../../src/nlu/quantityTarget.js';

describe('Quantity targets', () => {
  const cases: ReadonlyArray<readonly [string, QuantityChange, number]> = [
    ['set Phone System to 25 licenses', 'total', 25],
    ['change the quantity of Skype for Business PSTN Conferencing from 10 to 20', 'total', 20],
    ['bump my MyAnalytics seats up to 60', 'total', 60],
    ['reduce extra file storage to 50 GB', 'total', 50],
    ['30', 'total', 30],
    ['add 5 licenses to Phone System', 'more', 5],
    ['I need ten more Audio Conferencing licenses', 'more', 10],
    ['increase storage by 100 GB', 'more', 100],
    ['add 20 GB to extra file storage', 'more', 20],
    ['remove 3 licenses from Phone System', 'fewer', 3],
    ['decrease phone system licenses by two', 'fewer', 2],
    ['passer l’archivage à 40 licences', 'total', 40],
    ['réduire le stockage supplémentaire à 50 Go', 'total', 50],
    ['ajouter 5 licences au système téléphonique', 'more', 5],
    ['augmenter le stockage de 100 Go', 'more', 100],
    ['retirer deux licences de l’audioconférence', 'fewer', 2],
    ['supprimer 4 licences du système téléphonique', 'fewer', 4],
  ];
  for (const [text, change, amount] of cases) {
    it(`"${text}" → ${change} ${amount}`, () => {
      const read = understand(text).quantityRead;
      assert.deepEqual(quantityTargetOf(text, read), { change, amount, written: read?.written });
    });
  }

  it('no number, no target; the new total from today’s quantity', () => {
    assert.equal(quantityTargetOf('change the quantity of Phone System', understand('change the quantity of Phone System').quantityRead), null);
    assert.equal(newTotalOf({ change: 'total', amount: 25 }, 20), 25);
    assert.equal(newTotalOf({ change: 'more', amount: 5 }, 20), 25);
    assert.equal(newTotalOf({ change: 'fewer', amount: 4 }, 20), 16);
    assert.equal(newTotalOf({ change: 'total', amount: null }, 20), null);
  });

  it('keeps the sign, the fraction and what was written: "minus 5" is never 5 fewer, "2.5" never 2', () => {
    const target = (text: string) => quantityTargetOf(text, understand(text).quantityRead);
    assert.deepEqual(target('set Phone System to -5'), { change: 'total', amount: -5, written: '-5' });
    assert.deepEqual(target('Phone System minus 5'), { change: 'fewer', amount: -5, written: 'minus 5' });
    assert.deepEqual(target('passer le système téléphonique à moins 5'), { change: 'total', amount: -5, written: 'moins 5' });
    assert.deepEqual(target('add 2.5 licenses to Phone System'), { change: 'more', amount: 2.5, written: '2.5' });
    assert.deepEqual(target('ajouter 2,5 licences au système téléphonique'), { change: 'more', amount: 2.5, written: '2,5' });
    assert.deepEqual(target('set Phone System to 5k'), { change: 'total', amount: 5000, written: '5k' });
    assert.deepEqual(target('passer le système téléphonique à trois milliards'), { change: 'total', amount: 3e9, written: 'trois milliards' });
  });
});
