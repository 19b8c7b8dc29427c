import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  add, allocate, isNegative, money, negate, prorate, sameMoney, subtract, times, toDecimalString, withPercentUplift, zero, type Money,
} from '../../src/domain/money.js';

const usd = (amount: number): Money => money(amount, 'USD');
const RUNS = { numRuns: 1000 };

describe('money', () => {
  describe('construction and arithmetic', () => {
    it('money() takes integer minor units only', () => {
      assert.deepEqual(money(1234, 'EUR'), { amount: 1234, currency: 'EUR' });
      assert.throws(() => money(12.5, 'USD'), RangeError);
      assert.throws(() => money(Number.NaN, 'USD'), RangeError);
      assert.throws(() => money(2 ** 53, 'USD'), RangeError);
    });

    it('add, subtract, negate, times, zero', () => {
      assert.deepEqual(add(usd(150), usd(275)), usd(425));
      assert.deepEqual(subtract(usd(150), usd(275)), usd(-125));
      assert.deepEqual(negate(usd(125)), usd(-125));
      assert.ok(Object.is(negate(usd(0)).amount, 0), 'no negative zero');
      assert.deepEqual(times(usd(800), 12), usd(9600));
      assert.deepEqual(times(usd(-25), 3), usd(-75));
      assert.throws(() => times(usd(10), 1.5), RangeError);
      assert.deepEqual(zero('EUR'), { amount: 0, currency: 'EUR' });
    });

    it('refuses to mix currencies', () => {
      assert.throws(() => add(usd(1), money(1, 'EUR')));
    });

    it('isNegative, sameMoney, toDecimalString', () => {
      assert.equal(isNegative(usd(-1)), true);
      assert.equal(isNegative(usd(0)), false);
      assert.equal(sameMoney(usd(5), usd(5)), true);
      assert.equal(sameMoney(usd(5), money(5, 'EUR')), false);
      assert.equal(toDecimalString(usd(1234)), '12.34');
      assert.equal(toDecimalString(usd(5)), '0.05');
      assert.equal(toDecimalString(usd(-1205)), '-12.05');
    });
  });

  describe('prorate (half-even to the cent)', () => {
    it('rounds ties to the even cent: 5 × 1/2 = 2.5 → 2, 15 × 1/2 = 7.5 → 8', () => {
      assert.deepEqual(prorate(usd(5), 1, 2), usd(2));
      assert.deepEqual(prorate(usd(15), 1, 2), usd(8));
      assert.deepEqual(prorate(usd(25), 1, 2), usd(12));
      assert.deepEqual(prorate(usd(35), 1, 2), usd(18));
    });

    it('rounds non-ties to the nearest cent', () => {
      assert.deepEqual(prorate(usd(100), 1, 3), usd(33)); // 33.33
      assert.deepEqual(prorate(usd(100), 2, 3), usd(67)); // 66.67
      assert.deepEqual(prorate(usd(9600), 200, 365), usd(5260)); // 5260.27…
    });

    it('is symmetric for negative amounts (refunds): -5 × 1/2 → -2, -15 × 1/2 → -8, -100 × 2/3 → -67', () => {
      assert.deepEqual(prorate(usd(-5), 1, 2), usd(-2));
      assert.deepEqual(prorate(usd(-15), 1, 2), usd(-8));
      assert.deepEqual(prorate(usd(-100), 2, 3), usd(-67));
      assert.ok(Object.is(prorate(usd(-1), 1, 3).amount, 0), 'no negative zero');
    });

    it('whole and nothing', () => {
      assert.deepEqual(prorate(usd(12345), 365, 365), usd(12345));
      assert.deepEqual(prorate(usd(12345), 0, 365), usd(0));
    });

    it('is exact for amounts whose product exceeds 2^53', () => {
      const big = Number.MAX_SAFE_INTEGER - 1; // even
      assert.deepEqual(prorate(usd(big), 1, 2), usd(big / 2));
    });

    it('rejects a zero or negative denominator, a negative or fractional numerator', () => {
      assert.throws(() => prorate(usd(100), 1, 0), RangeError);
      assert.throws(() => prorate(usd(100), 1, -3), RangeError);
      assert.throws(() => prorate(usd(100), -1, 3), RangeError);
      assert.throws(() => prorate(usd(100), 0.5, 3), RangeError);
    });
  });

  describe('allocate', () => {
    it('splits with the parts summing exactly to the whole', () => {
      const parts = allocate(usd(100), [1, 1, 1]);
      assert.deepEqual(parts.map((p) => p.amount).sort(), [33, 33, 34]);
      assert.equal(parts.reduce((n, p) => n + p.amount, 0), 100);
      assert.deepEqual(allocate(usd(7), [1, 1]).map((p) => p.amount).reduce((a, b) => a + b), 7);
      assert.deepEqual(allocate(usd(1000), [50, 50]), [usd(500), usd(500)]);
    });

    it('handles negative amounts and zero ratios', () => {
      const refund = allocate(usd(-100), [1, 1, 1]);
      assert.equal(refund.reduce((n, p) => n + p.amount, 0), -100);
      assert.ok(refund.every((p) => p.amount <= 0));
      const withZero = allocate(usd(100), [0, 1, 2]);
      assert.equal(withZero[0]?.amount, 0);
      assert.equal(withZero.reduce((n, p) => n + p.amount, 0), 100);
    });

    it('rejects empty, negative, fractional or all-zero ratios', () => {
      assert.throws(() => allocate(usd(100), []), RangeError);
      assert.throws(() => allocate(usd(100), [1, -1]), RangeError);
      assert.throws(() => allocate(usd(100), [0.5, 0.5]), RangeError);
      assert.throws(() => allocate(usd(100), [0, 0]), RangeError);
    });
  });

  describe('withPercentUplift', () => {
    it('adds the monthly 20%: 20 → 24, 300 → 360, 800 → 960', () => {
      assert.deepEqual(withPercentUplift(usd(20), 20), usd(24));
      assert.deepEqual(withPercentUplift(usd(300), 20), usd(360));
      assert.deepEqual(withPercentUplift(usd(800), 20), usd(960));
      assert.deepEqual(withPercentUplift(money(19, 'EUR'), 20), money(23, 'EUR')); // 22.8
    });

    it('rounds ties half-even: 15 + 10% = 16.5 → 16, 25 + 10% = 27.5 → 28, 5 + 10% = 5.5 → 6', () => {
      assert.deepEqual(withPercentUplift(usd(15), 10), usd(16));
      assert.deepEqual(withPercentUplift(usd(25), 10), usd(28));
      assert.deepEqual(withPercentUplift(usd(5), 10), usd(6));
    });

    it('0% changes nothing', () => {
      assert.deepEqual(withPercentUplift(usd(1234), 0), usd(1234));
    });
  });

  describe('properties (fast-check)', () => {
    const paidAmount = fc.integer({ min: 0, max: 1_000_000_000 });
    const term = fc.integer({ min: 1, max: 366 }).chain((termDays) =>
      fc.record({ termDays: fc.constant(termDays), remaining: fc.integer({ min: 0, max: termDays }) }));

    it('refund + kept === paid and 0 ≤ refund ≤ paid', () => {
      fc.assert(fc.property(paidAmount, term, (paid, { termDays, remaining }) => {
        const paidMoney = usd(paid);
        const refund = prorate(paidMoney, remaining, termDays);
        const kept = subtract(paidMoney, refund);
        assert.equal(add(refund, kept).amount, paid);
        assert.equal(refund.amount + kept.amount, paid);
        assert.ok(refund.amount >= 0 && refund.amount <= paid, `refund ${refund.amount} of ${paid}`);
        assert.ok(kept.amount >= 0);
        assert.equal(refund.currency, 'USD');
      }), RUNS);
    });

    it('prorate is within half a cent of the exact value', () => {
      fc.assert(fc.property(paidAmount, term, (paid, { termDays, remaining }) => {
        const exact = (BigInt(paid) * BigInt(remaining) * 2n); // twice the exact numerator, over 2·termDays
        const got = BigInt(prorate(usd(paid), remaining, termDays).amount) * 2n * BigInt(termDays);
        const diff = got > exact ? got - exact : exact - got;
        assert.ok(diff <= BigInt(termDays), `${paid}×${remaining}/${termDays}`);
      }), RUNS);
    });

    it('allocate parts always sum to the whole, each within one cent of its exact share', () => {
      const ratios = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0));
      fc.assert(fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), ratios, (amount, rs) => {
        const parts = allocate(usd(amount), rs);
        assert.equal(parts.length, rs.length);
        assert.equal(parts.reduce((n, p) => n + p.amount, 0), amount);
        const total = rs.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => {
          const share = (amount * (rs[i] ?? 0)) / total;
          assert.ok(Math.abs(p.amount - share) < 1 + 1e-6, `part ${i}: ${p.amount} vs ${share}`);
          assert.ok(Number.isSafeInteger(p.amount));
        });
      }), RUNS);
    });

    it('prorate is monotone in the numerator (non-decreasing for charges, non-increasing for refunds)', () => {
      const pair = fc.integer({ min: 1, max: 366 }).chain((d) =>
        fc.tuple(fc.constant(d), fc.integer({ min: 0, max: d }), fc.integer({ min: 0, max: d })));
      fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), pair, (amount, [d, x, y]) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        assert.ok(prorate(usd(amount), lo, d).amount <= prorate(usd(amount), hi, d).amount);
        assert.ok(prorate(usd(-amount), lo, d).amount >= prorate(usd(-amount), hi, d).amount);
      }), RUNS);
    });

    it('prorate of a negated amount is the negated prorate (refunds round like charges)', () => {
      fc.assert(fc.property(paidAmount, term, (paid, { termDays, remaining }) => {
        assert.equal(prorate(usd(-paid), remaining, termDays).amount, -prorate(usd(paid), remaining, termDays).amount || 0);
      }), RUNS);
    });
  });
});
