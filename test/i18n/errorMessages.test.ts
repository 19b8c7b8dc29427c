import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ERROR_CODES, DomainError, isDomainError, type ErrorCode, type ErrorParams } from '../../src/domain/errors.js';
import type { Language } from '../../src/domain/ids.js';
import { errorMessagesEn, errorMessagesFr } from '../../src/i18n/errorMessages.js';
import { describeError, formatDate, formatMoney } from '../../src/i18n/index.js';
import { as, demoWorld, rejectsWith, type World } from '../domain/useCases/world.js';

const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** The compiled test runs from dist/test/i18n; the sources are three levels up. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)(?::\w+)?\}/g)].map((m) => m[1] ?? '').sort();
}

/** Same spaces whatever ICU puts in (narrow no-break space before "$US", no-break space in dates). */
function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function assertFullyRendered(text: string, context: string): void {
  assert.ok(text.trim().length > 0, `${context}: empty`);
  assert.ok(!/\{\w+(?::\w+)?\}/.test(text), `${context}: placeholder left in "${text}"`);
  assert.ok(!/\bundefined\b|\bNaN\b|\[object /.test(text), `${context}: "${text}"`);
}

interface FailSite {
  readonly code: string;
  /** Property names of the params object literal; null when the params are not an object literal. */
  readonly keys: readonly string[] | null;
  readonly where: string;
}

/** Every `fail('code', { … })` in src/, read with the TypeScript parser. */
function failSites(): FailSite[] {
  const sites: FailSite[] = [];
  const srcDir = join(ROOT, 'src');
  const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of files) {
    const path = join(srcDir, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fail') {
        const [codeArg, paramsArg] = node.arguments;
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        const where = `${relative(ROOT, path)}:${line + 1}`;
        if (codeArg && ts.isStringLiteral(codeArg)) {
          let keys: string[] | null = [];
          if (paramsArg) {
            keys = ts.isObjectLiteralExpression(paramsArg)
              ? paramsArg.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : '?'))
              : null;
          }
          sites.push({ code: codeArg.text, keys, where });
        } else {
          sites.push({ code: '?', keys: null, where });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sites;
}

/** What describeError can interpolate from raw params (src/i18n/index.ts humanParams): each key, plus derived ones. */
function producedKeys(keys: readonly string[]): Set<string> {
  const out = new Set(keys);
  if (out.has('addonId')) out.add('addon');
  if (out.has('planId')) out.add('plan');
  if (out.has('on')) out.add('state');
  if (out.has('frequency')) out.add('period');
  return out;
}

describe('i18n: error messages', () => {
  const render = (code: ErrorCode, params: ErrorParams, language: Language): string =>
    describeError(new DomainError(code, params), language);

  describe('the message tables', () => {
    it('have exactly one entry per ERROR_CODES code, in both languages', () => {
      assert.deepEqual(Object.keys(errorMessagesEn).sort(), [...ERROR_CODES].sort());
      assert.deepEqual(Object.keys(errorMessagesFr).sort(), [...ERROR_CODES].sort());
    });

    for (const code of ERROR_CODES) {
      it(`${code}: non-empty EN and FR messages, the French one different, the same placeholders`, () => {
        const en = errorMessagesEn[code];
        const fr = errorMessagesFr[code];
        assert.ok(typeof en === 'string' && en.trim().length > 0, 'EN');
        assert.ok(typeof fr === 'string' && fr.trim().length > 0, 'FR');
        assert.notEqual(fr, en);
        assert.deepEqual(placeholders(fr), placeholders(en));
      });
    }
  });

  describe('every {param} can be produced', () => {
    const sites = failSites();

    it('finds the fail(…) call sites of src/ and each names a known code with literal params', () => {
      assert.ok(sites.length > 50, `only ${sites.length} call sites found under ${ROOT}src`);
      const bad = sites.filter((s) => !(ERROR_CODES as readonly string[]).includes(s.code) || s.keys === null);
      assert.deepEqual(bad, []);
    });

    it('every code that has placeholders is raised somewhere with all of them', () => {
      const missing: string[] = [];
      for (const code of ERROR_CODES) {
        const needed = placeholders(errorMessagesEn[code]);
        if (needed.length === 0) continue;
        const complete = sites.some((s) => s.code === code && s.keys && needed.every((k) => producedKeys(s.keys ?? []).has(k)));
        if (!complete) missing.push(`${code} needs ${needed.join(', ')}`);
      }
      assert.deepEqual(missing, []);
    });

    it('every fail(…) call site supplies all the placeholders of its message', () => {
      const gaps: string[] = [];
      for (const site of sites) {
        if (!(ERROR_CODES as readonly string[]).includes(site.code) || site.keys === null) continue;
        const produced = producedKeys(site.keys);
        const lacking = placeholders(errorMessagesEn[site.code as ErrorCode]).filter((k) => !produced.has(k));
        if (lacking.length > 0) gaps.push(`${site.where} fail('${site.code}', {${site.keys.join(', ')}}) lacks ${lacking.join(', ')}`);
      }
      assert.deepEqual(gaps, []);
    });
  });

  describe('describeError', () => {
    /** Realistic params for the codes, as the use cases raise them (a code without a sample is rendered with none). */
    const SAMPLES: Readonly<Partial<Record<ErrorCode, ErrorParams>>> = {
      not_found: { what: 'subscription' },
      forbidden: { reason: 'role' },
      unknown_tenant: {},
      invalid_input: { field: 'frequency' },
      invalid_quantity: { min: 1, max: 300_000, unit: 'license' },
      not_eligible: { addonId: 'exchange-online-archiving', planId: 'o365-e3', allowedPlans: ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1'] },
      not_active: { status: 'expired' },
      below_assigned: { assigned: 15, requested: 10 },
      no_change: { quantity: 20 },
      traditional_not_removable: {},
      traditional_follows_base: {},
      outside_refund_window: { termEnd: '2026-12-01T00:00:00.000Z' },
      recurring_billing_off: { termEnd: '2027-09-24T10:00:00.000Z' },
      recurring_billing_already: { on: 1, termEnd: '2027-09-24T10:00:00.000Z' },
      quote_stale: { expiredAt: '2026-11-23T10:15:00.000Z' },
      quote_altered: {},
      quote_used_elsewhere: {},
      payment_method_required: {},
      invalid_payment_method: { field: 'brand' },
      card_expired: { last4: '4242' },
      currency_not_supported: { currency: 'GBP' },
      request_expired: { expiresAt: '2026-11-30T10:00:00.000Z' },
      request_decided: { status: 'approved' },
      price_changed: { amount: 1200, currency: 'USD', frequency: 'yearly' },
      duplicate: { kind: 'order_placed' },
      in_progress: {},
    };

    it('renders every code in both languages with nothing left to fill', () => {
      for (const code of ERROR_CODES) {
        for (const language of LANGUAGES) assertFullyRendered(render(code, SAMPLES[code] ?? {}, language), `${code}/${language}`);
      }
    });

    it('not_eligible names the add-on and the plans in the right language', () => {
      const params: ErrorParams = { addonId: 'exchange-online-archiving', planId: 'o365-e3',
        allowedPlans: ['m365-business-basic', 'm365-business-standard', 'o365-e1', 'o365-f1'] };
      const en = render('not_eligible', params, 'en');
      assert.equal(en, 'Exchange Online Archiving isn’t available for Office 365 E3. It can be added to: Microsoft 365 Business Basic, '
        + 'Microsoft 365 Business Standard, Office 365 E1, and Office 365 F1.');
      const fr = render('not_eligible', params, 'fr');
      assert.ok(fr.startsWith('Le module Archivage Exchange Online n’est pas disponible pour Office 365 Entreprise E3.'), fr);
      assert.ok(fr.includes('Office 365 Entreprise E1') && fr.includes('Office 365 Entreprise F1'), fr);
      assert.ok(fr.includes(' et Office 365 Entreprise F1'), `French list conjunction: ${fr}`);
      assert.ok(!fr.includes('Office 365 E1') && !fr.includes(' and '), fr);
    });

    it('outside_refund_window formats termEnd as a long date: "December 1, 2026" / "1 décembre 2026"', () => {
      const params: ErrorParams = { termEnd: '2026-12-01T00:00:00.000Z' };
      const en = render('outside_refund_window', params, 'en');
      const fr = plainSpaces(render('outside_refund_window', params, 'fr'));
      assert.ok(en.endsWith('it stays active until December 1, 2026.'), en);
      assert.ok(/jusqu’au 1(er)? décembre 2026\.$/.test(fr), fr);
      assert.ok(!en.includes('2026-12-01') && !fr.includes('2026-12-01'));
    });

    it('dates are read in UTC (23:30 UTC on Nov 30 is still November 30)', () => {
      assert.equal(formatDate('2026-11-30T23:30:00.000Z', 'en'), 'November 30, 2026');
      assert.equal(plainSpaces(formatDate('2026-11-30T23:30:00.000Z', 'fr')), '30 novembre 2026');
    });

    it('price_changed formats money: "$12.00" / "12,00 $US"', () => {
      const params: ErrorParams = { amount: 1200, currency: 'USD', frequency: 'monthly' };
      const en = render('price_changed', params, 'en');
      const fr = plainSpaces(render('price_changed', params, 'fr'));
      assert.ok(en.includes('$12.00 per month since'), en);
      assert.ok(fr.includes('par mois depuis'), fr);
      assert.ok(/12,00 ?\$ ?US/.test(fr), fr);
      assert.ok(!en.includes('1200') && !fr.includes('1200'));
      assert.equal(formatMoney(123456, 'USD', 'en'), '$1,234.56');
      assert.match(plainSpaces(formatMoney(123456, 'EUR', 'fr')), /^1 234,56 €$/);
    });

    it('numbers carry the thousands separators of the language: "10,000" / "10 000" (narrow no-break space)', () => {
      const params: ErrorParams = { min: 1, max: 10_000, step: 1, unit: 'license' };
      assert.equal(render('invalid_quantity', params, 'en'), 'The quantity must be a whole number from 1 to 10,000.');
      assert.equal(render('invalid_quantity', params, 'fr'), 'La quantité doit être un nombre entier de 1 à 10\u202f000.');
    });

    it('statuses and on/off are words of the language', () => {
      assert.equal(render('request_decided', { status: 'rejected' }, 'en'), 'This request has already been rejected.');
      assert.equal(render('request_decided', { status: 'rejected' }, 'fr'), 'Cette demande a déjà été rejetée.');
      assert.equal(render('recurring_billing_already', { on: 0 }, 'en'), 'Recurring billing is already off for this subscription.');
      assert.equal(render('recurring_billing_already', { on: 1 }, 'fr'), 'La facturation récurrente est déjà activée pour cet abonnement.');
    });

    it('a status agrees with what it describes: a subscription (masculine in French) or a request (feminine)', () => {
      assert.equal(render('not_active', { status: 'canceled' }, 'fr'), 'Cet abonnement n’est pas actif (annulé) et ne peut donc pas être modifié.');
      assert.equal(render('not_active', { status: 'expired' }, 'fr'), 'Cet abonnement n’est pas actif (expiré) et ne peut donc pas être modifié.');
      assert.equal(render('not_active', { status: 'disabled' }, 'en'), 'That subscription isn’t active (disabled), so it can’t be changed.');
      assert.equal(render('request_decided', { status: 'canceled' }, 'fr'), 'Cette demande a déjà été annulée.');
    });

    it('numbers are written the language’s way', () => {
      assert.equal(render('below_assigned', { assigned: 10000 }, 'en').includes('the 10,000 licenses'), true);
      assert.match(plainSpaces(render('below_assigned', { assigned: 10000 }, 'fr')), /les 10 000 licences/);
    });

    describe('errors raised by the billing service', () => {
      let world: World;
      beforeEach(async () => {
        world = await demoWorld();
      });

      async function caught(promise: Promise<unknown>): Promise<DomainError> {
        try {
          await promise;
        } catch (e) {
          if (isDomainError(e)) return e;
          throw e;
        }
        return assert.fail('expected a DomainError');
      }

      it('not_eligible from a quote for Exchange Online Archiving on E3', async () => {
        const error = await rejectsWith(world.service.quotePurchase(as('megan'), { addonId: 'exchange-online-archiving',
          baseSubscriptionId: 'sub-e3', quantity: 5, frequency: 'yearly' }), 'not_eligible');
        const en = describeError(error, 'en');
        const fr = describeError(error, 'fr');
        assertFullyRendered(en, 'en');
        assertFullyRendered(fr, 'fr');
        assert.ok(en.startsWith('Exchange Online Archiving isn’t available for Office 365 E3.'), en);
        assert.ok(en.includes('Microsoft 365 Business Basic'), en);
        assert.ok(fr.startsWith('Le module Archivage Exchange Online n’est pas disponible pour Office 365 Entreprise E3.'), fr);
      });

      it('outside_refund_window from canceling Phone System bought 60 days ago', async () => {
        const error = await rejectsWith(world.service.proposeCancellation(as('megan'), 'sub-phone-system'), 'outside_refund_window');
        // Bought 2026-09-24T10:00Z (60 days before the fake clock's 2026-11-23T10:00Z), yearly.
        assert.equal(describeError(error, 'en').endsWith('until September 24, 2027.'), true, describeError(error, 'en'));
        assert.match(plainSpaces(describeError(error, 'fr')), /jusqu’au 24 septembre 2027\.$/);
      });

      it('price_changed from an approval with the wrong total', async () => {
        const quote = await world.service.quotePurchase(as('lee'), { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3',
          quantity: 5, frequency: 'yearly' });
        assert.deepEqual(quote.totalPerPeriod, { amount: 1200, currency: 'USD' }); // 5 GB × 0.20 × 12
        const { request } = await world.service.requestPurchase(as('lee'), { quoteId: quote.id });
        const error = await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id,
          acceptedTotalPerPeriod: { amount: 1000, currency: 'USD' } }), 'price_changed');
        assert.ok(describeError(error, 'en').includes('$12.00 per year'), describeError(error, 'en'));
        assert.match(plainSpaces(describeError(error, 'fr')), /12,00 ?\$ ?US/);
      });

      it('request_expired gives the expiry as a date', async () => {
        const quote = await world.service.quotePurchase(as('lee'), { addonId: 'phone-system', baseSubscriptionId: 'sub-e3',
          quantity: 2, frequency: 'monthly' });
        const { request } = await world.service.requestPurchase(as('lee'), { quoteId: quote.id });
        world.clock.advanceDays(8);
        const error = await rejectsWith(world.service.approveRequest(as('alex'), { requestId: request.id }), 'request_expired');
        assert.equal(describeError(error, 'en'), 'This request expired on November 30, 2026. Ask the requester to send a new one.');
        assert.equal(plainSpaces(describeError(error, 'fr')),
          'Cette demande a expiré le 30 novembre 2026. Demandez au demandeur d’en envoyer une nouvelle.');
      });

      it('the error for the wrong kind of subscription (an add-on as a base, a base as an add-on) renders completely', async () => {
        const errors = [
          // "Which add-ons does my Phone System subscription support?"
          await caught(world.service.eligibleAddons(as('megan'), 'sub-phone-system')),
          // Buying an add-on "for" another add-on subscription
          await caught(world.service.quotePurchase(as('megan'), { addonId: 'customer-lockbox', baseSubscriptionId: 'sub-audio-conferencing',
            quantity: 1, frequency: 'yearly' })),
          // "Change the quantity of E3" (a base plan, not an add-on)
          await caught(world.service.proposeQuantityChange(as('megan'), { subscriptionId: 'sub-e3', newQuantity: 30 })),
        ];
        for (const error of errors) {
          for (const language of LANGUAGES) assertFullyRendered(describeError(error, language), `${error.message}/${language}`);
        }
      });
    });
  });
});
