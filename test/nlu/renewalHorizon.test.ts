import assert from 'node:assert/strict';
import { renewalHorizonOf } from '../../src/nlu/renewalHorizon.js';

describe('renewal horizon', () => {
  const cases: ReadonlyArray<readonly [string, 'this_month' | 'next_30_days']> = [
    ['what renews this month?', 'this_month'],
    ['qu’est-ce qui se renouvelle ce mois-ci ?', 'this_month'],
    ['les renouvellements du mois', 'this_month'],
    ['renewals', 'this_month'],
    ['what renews soon?', 'next_30_days'],
    ['upcoming renewals', 'next_30_days'],
    ['what renews next month?', 'next_30_days'],
    ['renewals in the next 30 days', 'next_30_days'],
    ['qu’est-ce qui se renouvelle bientôt ?', 'next_30_days'],
    ['prochains renouvellements', 'next_30_days'],
    ['upcoming renewals this month', 'this_month'],
  ];
  for (const [text, horizon] of cases) it(`"${text}" → ${horizon}`, () => assert.equal(renewalHorizonOf(text), horizon));
});
