import assert from 'node:assert/strict';
import { percentile, summarizeAzureTurns, type AzureTurn } from '../../bench/azure.js';

const turn = (label: string, ms: number, read: number, query = 0, write = 1, batch = 0): AzureTurn => ({ label, ms, requests: { read, query, write, batch } });

describe('the benchmark\'s Azure section summary', () => {
  it('gives, per turn label in the cycle\'s order, the mean requests by kind, the range of the totals and the median time', () => {
    const turns = [
      turn('my add-ons', 100, 20, 2), turn('buy', 40, 15, 2), turn('my add-ons', 140, 22, 2), turn('buy', 60, 15, 2), turn('my add-ons', 120, 21, 2),
    ];
    const [buy, addOns] = summarizeAzureTurns(['buy', 'my add-ons'], turns);
    assert.deepEqual(buy, { label: 'buy', samples: 2, mean: { read: 15, query: 2, write: 1, batch: 0 }, minTotal: 18, maxTotal: 18, medianMs: 50 });
    assert.deepEqual(addOns, { label: 'my add-ons', samples: 3, mean: { read: 21, query: 2, write: 1, batch: 0 }, minTotal: 23, maxTotal: 25, medianMs: 120 });
  });

  it('takes the p99 as the value at or below which 99% of the turns fall', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(hundred, 99), 99);
    assert.equal(percentile(hundred, 50), 50);
    assert.equal(percentile([5, 1, 3], 99), 5);
    assert.ok(Number.isNaN(percentile([], 99)));
  });
});
