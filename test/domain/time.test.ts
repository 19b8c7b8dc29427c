import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAddonSubscription, subscriptionAt } from '../../src/domain/lifecycle.js';
import type { Subscription } from '../../src/domain/model.js';
import {
  addDays, addMonths, DAY_MS, remainingDays, termDays, termEndFrom, withinRefundWindow,
} from '../../src/domain/time.js';
import { aSubscription } from '../support/mother.js';

const at = (iso: string): Date => new Date(iso);

describe('time', () => {
  describe('addMonths', () => {
    it('clamps to the last day of a shorter month: Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year', () => {
      assert.equal(addMonths('2026-01-31T10:00:00.000Z', 1), '2026-02-28T10:00:00.000Z');
      assert.equal(addMonths('2028-01-31T10:00:00.000Z', 1), '2028-02-29T10:00:00.000Z');
      assert.equal(addMonths('2026-03-31T00:00:00.000Z', 1), '2026-04-30T00:00:00.000Z');
      assert.equal(addMonths('2026-08-31T23:59:59.999Z', 1), '2026-09-30T23:59:59.999Z');
    });

    it('crosses years and keeps the time of day', () => {
      assert.equal(addMonths('2026-12-31T08:15:30.250Z', 2), '2027-02-28T08:15:30.250Z');
      assert.equal(addMonths('2026-11-23T10:00:00.000Z', 12), '2027-11-23T10:00:00.000Z');
      assert.equal(addMonths('2026-01-15T00:00:00.000Z', 25), '2028-02-15T00:00:00.000Z');
    });

    it('a yearly term from Feb 29 ends on Feb 28', () => {
      assert.equal(addMonths('2028-02-29T00:00:00.000Z', 12), '2029-02-28T00:00:00.000Z');
      assert.equal(termEndFrom('2028-02-29T00:00:00.000Z', 'yearly'), '2029-02-28T00:00:00.000Z');
    });

    it('goes backwards with negative months, clamping too', () => {
      assert.equal(addMonths('2026-03-31T00:00:00.000Z', -1), '2026-02-28T00:00:00.000Z');
      assert.equal(addMonths('2026-01-10T00:00:00.000Z', -1), '2025-12-10T00:00:00.000Z');
    });

    it('termEndFrom: a month or a year', () => {
      assert.equal(termEndFrom('2026-11-23T10:00:00.000Z', 'monthly'), '2026-12-23T10:00:00.000Z');
      assert.equal(termEndFrom('2026-11-23T10:00:00.000Z', 'yearly'), '2027-11-23T10:00:00.000Z');
    });

    it('addDays counts 24-hour days in UTC', () => {
      assert.equal(addDays('2026-03-28T12:00:00.000Z', 2), '2026-03-30T12:00:00.000Z');
      assert.equal(addDays('2026-11-23T10:00:00.000Z', -60), '2026-09-24T10:00:00.000Z');
    });
  });

  describe('withinRefundWindow', () => {
    const start = '2026-11-01T09:00:00.000Z';
    const startMs = Date.parse(start);

    it('is true from the start up to and including exactly 7 × 24 h', () => {
      assert.equal(withinRefundWindow(new Date(startMs), start), true);
      assert.equal(withinRefundWindow(new Date(startMs + 3 * DAY_MS), start), true);
      assert.equal(withinRefundWindow(new Date(startMs + 7 * DAY_MS), start), true);
    });

    it('is false 1 ms after 7 days, and before the start', () => {
      assert.equal(withinRefundWindow(new Date(startMs + 7 * DAY_MS + 1), start), false);
      assert.equal(withinRefundWindow(new Date(startMs - 1), start), false);
    });
  });

  describe('termDays and remainingDays', () => {
    it('termDays counts the whole days of a term', () => {
      assert.equal(termDays('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'), 365);
      assert.equal(termDays('2028-01-01T00:00:00.000Z', '2029-01-01T00:00:00.000Z'), 366);
      assert.equal(termDays('2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), 28);
      assert.equal(termDays('2026-01-31T00:00:00.000Z', addMonths('2026-01-31T00:00:00.000Z', 1)), 28);
      assert.equal(termDays('2026-11-23T10:00:00.000Z', '2026-11-23T10:00:00.000Z'), 1, 'never 0: it is a divisor');
    });

    it('remainingDays: all of them at the start, one just before the end, none at or after the end', () => {
      const s = '2026-01-01T00:00:00.000Z';
      const e = '2027-01-01T00:00:00.000Z';
      assert.equal(remainingDays(at(s), s, e), 365);
      assert.equal(remainingDays(new Date(Date.parse(e) - 1), s, e), 1);
      assert.equal(remainingDays(at(e), s, e), 0);
      assert.equal(remainingDays(new Date(Date.parse(e) + DAY_MS), s, e), 0);
    });

    it('remainingDays counts a started day as left', () => {
      const s = '2026-11-01T00:00:00.000Z';
      const e = '2026-12-01T00:00:00.000Z';
      assert.equal(remainingDays(at('2026-11-01T12:00:00.000Z'), s, e), 30);
      assert.equal(remainingDays(at('2026-11-02T00:00:00.000Z'), s, e), 29);
      assert.equal(remainingDays(at('2026-11-30T23:00:00.000Z'), s, e), 1);
    });

    it('remainingDays never exceeds the term (now before its start)', () => {
      const s = '2026-11-01T00:00:00.000Z';
      const e = '2026-12-01T00:00:00.000Z';
      assert.equal(remainingDays(at('2026-10-01T00:00:00.000Z'), s, e), 30);
    });
  });
});

describe('lifecycle: subscriptionAt', () => {
  const TENANT = 'tenant-lifecycle';

  function monthly(overrides: Partial<Subscription> = {}): Subscription {
    return aSubscription({ tenantId: TENANT, productId: 'phone-system', kind: 'standalone', frequency: 'monthly', quantity: 25, assigned: 10,
      termStart: '2026-01-15T00:00:00.000Z', termEnd: '2026-02-15T00:00:00.000Z', purchasedAt: '2026-01-15T00:00:00.000Z',
      recurringBilling: true, status: 'active', scheduledChange: null, ...overrides });
  }

  function base(overrides: Partial<Subscription> = {}): Subscription {
    return aSubscription({ id: 'sub-base', tenantId: TENANT, productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, frequency: 'yearly',
      quantity: 25, assigned: 20, termStart: '2015-01-15T00:00:00.000Z', termEnd: '2016-01-15T00:00:00.000Z',
      purchasedAt: '2015-01-15T00:00:00.000Z', recurringBilling: true, status: 'active', scheduledChange: null, ...overrides });
  }

  function traditional(overrides: Partial<Subscription> = {}): Subscription {
    return aSubscription({ id: 'sub-storage', tenantId: TENANT, productId: 'extra-file-storage', kind: 'traditional',
      baseSubscriptionId: 'sub-base', frequency: 'yearly', quantity: 100, assigned: 0, termStart: '2015-01-15T00:00:00.000Z',
      termEnd: '2016-01-15T00:00:00.000Z', purchasedAt: '2015-06-01T00:00:00.000Z', recurringBilling: true, status: 'active',
      scheduledChange: null, ...overrides });
  }

  it('inside the term nothing changes (the same object back)', () => {
    const sub = monthly();
    assert.equal(subscriptionAt(sub, at('2026-02-14T23:59:59.999Z')), sub);
  });

  it('renews exactly at the term end', () => {
    const now = subscriptionAt(monthly(), at('2026-02-15T00:00:00.000Z'));
    assert.equal(now.termStart, '2026-02-15T00:00:00.000Z');
    assert.equal(now.termEnd, '2026-03-15T00:00:00.000Z');
    assert.equal(now.status, 'active');
  });

  it('rolls forward several terms to the one containing now', () => {
    const now = subscriptionAt(monthly(), at('2026-05-20T08:00:00.000Z'));
    assert.equal(now.termStart, '2026-05-15T00:00:00.000Z');
    assert.equal(now.termEnd, '2026-06-15T00:00:00.000Z');
    assert.equal(now.quantity, 25);
    assert.equal(now.status, 'active');

    const yearly = subscriptionAt(base(), at('2026-11-23T10:00:00.000Z'));
    assert.equal(yearly.termStart, '2026-01-15T00:00:00.000Z');
    assert.equal(yearly.termEnd, '2027-01-15T00:00:00.000Z');
  });

  it('applies a change scheduled for renewal at the first renewal, not before', () => {
    const sub = monthly({ scheduledChange: { quantity: 12, effectiveAt: '2026-02-15T00:00:00.000Z', scheduledBy: 'u1', scheduledAt: '2026-02-01T00:00:00.000Z' } });
    const before = subscriptionAt(sub, at('2026-02-14T12:00:00.000Z'));
    assert.equal(before.quantity, 25);
    assert.notEqual(before.scheduledChange, null);

    const after = subscriptionAt(sub, at('2026-02-16T00:00:00.000Z'));
    assert.equal(after.quantity, 12);
    assert.equal(after.scheduledChange, null);
    assert.equal(after.termStart, '2026-02-15T00:00:00.000Z');

    const muchLater = subscriptionAt(sub, at('2026-07-01T00:00:00.000Z'));
    assert.equal(muchLater.quantity, 12, 'applied once and kept over the following renewals');
    assert.equal(muchLater.scheduledChange, null);
    assert.equal(muchLater.termStart, '2026-06-15T00:00:00.000Z');
  });

  it('jumps over any number of renewals to the same term as renewing term after term (month ends, leap years, scheduled changes)', () => {
    /** The definition: renew one term at a time, term ends counted from the purchase date. */
    function renewedStepByStep(sub: Subscription, now: Date): Subscription {
      if (now.getTime() < Date.parse(sub.termEnd)) return sub;
      const months = sub.frequency === 'yearly' ? 12 : 1;
      let { termStart, termEnd, quantity, scheduledChange } = sub;
      let k = 1;
      while (Date.parse(addMonths(sub.purchasedAt, k * months)) <= Date.parse(termStart)) k++;
      while (now.getTime() >= Date.parse(termEnd)) {
        termStart = termEnd;
        k++;
        termEnd = addMonths(sub.purchasedAt, k * months);
        if (scheduledChange && Date.parse(scheduledChange.effectiveAt) <= Date.parse(termStart)) {
          quantity = scheduledChange.quantity;
          scheduledChange = null;
        }
      }
      return { ...sub, termStart, termEnd, quantity, scheduledChange };
    }
    const instant = (min: string, max: string) => fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });
    fc.assert(fc.property(
      instant('2012-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z'), fc.constantFrom<'monthly' | 'yearly'>('monthly', 'yearly'),
      fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 40_000 }), fc.option(fc.integer({ min: 0, max: 900 })),
      (purchased, frequency, termsAlready, daysLater, changeAfterDays) => {
        const purchasedAt = purchased.toISOString();
        const months = frequency === 'yearly' ? 12 : 1;
        const termStart = addMonths(purchasedAt, termsAlready * months);
        const termEnd = addMonths(purchasedAt, (termsAlready + 1) * months);
        const scheduledChange = changeAfterDays === null ? null
          : { quantity: 3, effectiveAt: addDays(termStart, changeAfterDays), scheduledBy: 'u1', scheduledAt: termStart };
        const sub = monthly({ frequency, purchasedAt, termStart, termEnd, scheduledChange });
        const now = new Date(Date.parse(termStart) + daysLater * DAY_MS / 3);
        assert.deepEqual(subscriptionAt(sub, now), renewedStepByStep(sub, now));
      },
    ), { numRuns: 2_000 });
  });

  it('without recurring billing the subscription expires at its end date (no renewal, scheduled change dropped)', () => {
    const sub = monthly({ recurringBilling: false });
    assert.equal(subscriptionAt(sub, at('2026-02-14T23:59:59.999Z')).status, 'active');
    const expired = subscriptionAt(sub, at('2026-02-15T00:00:00.000Z'));
    assert.equal(expired.status, 'expired');
    assert.equal(expired.termEnd, '2026-02-15T00:00:00.000Z', 'the term is not rolled');
    assert.equal(expired.scheduledChange, null);
    assert.equal(expired.quantity, 25);
  });

  it('a subscription that is not active stays as it is', () => {
    const canceled = monthly({ status: 'canceled', recurringBilling: false });
    assert.equal(subscriptionAt(canceled, at('2027-01-01T00:00:00.000Z')), canceled);
    const disabled = monthly({ status: 'disabled' });
    assert.equal(subscriptionAt(disabled, at('2027-01-01T00:00:00.000Z')).status, 'disabled');
  });

  it('a traditional add-on follows its base: same term as the renewed base', () => {
    const now = subscriptionAt(traditional(), at('2026-11-23T10:00:00.000Z'), base());
    assert.equal(now.status, 'active');
    assert.equal(now.termStart, '2026-01-15T00:00:00.000Z');
    assert.equal(now.termEnd, '2027-01-15T00:00:00.000Z');
    assert.equal(now.quantity, 100);
  });

  it('a change scheduled on a traditional add-on applies when its base renews', () => {
    // As confirmQuantityChange stores it: the base's current term, the change effective at that term's end.
    const sub = traditional({ termStart: '2026-01-15T00:00:00.000Z', termEnd: '2027-01-15T00:00:00.000Z',
      scheduledChange: { quantity: 60, effectiveAt: '2027-01-15T00:00:00.000Z', scheduledBy: 'u1', scheduledAt: '2026-11-23T10:00:00.000Z' } });
    const before = subscriptionAt(sub, at('2027-01-14T23:59:59.999Z'), base());
    assert.equal(before.quantity, 100);
    assert.notEqual(before.scheduledChange, null);

    const after = subscriptionAt(sub, at('2027-02-01T00:00:00.000Z'), base());
    assert.equal(after.termStart, '2027-01-15T00:00:00.000Z');
    assert.equal(after.quantity, 60, 'the 60 GB scheduled for the renewal of the base apply once it renewed');
    assert.equal(after.scheduledChange, null);
  });

  it('a traditional add-on ends with a canceled base', () => {
    const now = subscriptionAt(traditional(), at('2026-11-23T10:00:00.000Z'), base({ status: 'canceled', recurringBilling: false }));
    assert.equal(now.status, 'canceled');
  });

  it('a traditional add-on expires with a base whose recurring billing was off', () => {
    const b = base({ termStart: '2026-01-15T00:00:00.000Z', termEnd: '2027-01-15T00:00:00.000Z', recurringBilling: false });
    assert.equal(subscriptionAt(traditional(), at('2026-12-01T00:00:00.000Z'), b).status, 'active');
    assert.equal(subscriptionAt(traditional(), at('2027-01-15T00:00:00.000Z'), b).status, 'expired');
  });

  it('isAddonSubscription', () => {
    assert.equal(isAddonSubscription(base()), false);
    assert.equal(isAddonSubscription(traditional()), true);
    assert.equal(isAddonSubscription(monthly()), true);
  });
});
