// What the manage and lists cards say: option titles lead with what tells them apart, prices and amounts say their
// period, large numbers have the language's thousands separators, the add-on the admin named is confirmed (not
// "picked"), and the French reads as French.
import assert from 'node:assert/strict';
import { cardText, Chat, clicks, play, rig, says } from '../../support/chat.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import type { AddonView } from '../../../src/conversation/addonViews.js';
import { addonPicker, addonTitle, changeQuantityCard, confirmCard } from '../../../src/flows/manage/cards.js';
import { planAvailabilityCard } from '../../../src/flows/availability/cards.js';
import { addonsCard, ordersCard } from '../../../src/flows/lists/cards.js';
import type { ChangeView } from '../../../src/flows/manage/views.js';
import type { Language } from '../../../src/domain/ids.js';
import type { Fact } from '../../../src/cards/common.js';
import { aSubscription, anOrder, usd } from '../../support/mother.js';
import { formatNumber } from '../../../src/i18n/formats.js';

const TERM_END = '2027-09-24T10:00:00.000Z';

function anAddon(overrides: Partial<AddonView> = {}): AddonView {
  return {
    subscriptionId: 'sub-audio', addonId: 'audio-conferencing', kind: 'standalone', basePlanId: 'o365-e3', baseQuantity: 25,
    quantity: 10, assigned: 4, frequency: 'yearly', termEnd: TERM_END, recurringBilling: true, ...overrides,
  };
}

function factsOf(facts: readonly Fact[] | undefined): Record<string, string> {
  return Object.fromEntries((facts ?? []).map((f) => [f.title, f.value]));
}

const QUANTITY_CHANGE: ChangeView = {
  kind: 'quantity', quoteId: 'quote-1', fromQuantity: 1_000, toQuantity: 1_500, effect: 'now', effectiveAt: '2026-11-23T10:00:00.000Z',
  before: usd(4_800_000), after: usd(7_200_000), amountNow: usd(2_002_500),
};

describe('Manage card wording', () => {
  describe('picker titles lead with what tells the options apart', () => {
    it('different add-ons: the add-on first, then quantity and plan, without the plan’s own license count (EN and FR)', () => {
      assert.equal(addonTitle(anAddon(), 'en'), 'Audio Conferencing — 10 licenses on Office 365 E3');
      assert.equal(addonTitle(anAddon(), 'fr'), 'Audioconférence — 10 licences sur Office 365 Entreprise E3');
      const picker = addonPicker({
        flowId: 'f', purpose: 'quantity', page: 0, cloud: 'worldwide', language: 'en',
        addons: [anAddon(), anAddon({ subscriptionId: 'sub-phone', addonId: 'phone-system', quantity: 20 })],
      });
      assert.deepEqual(picker.options.map((o) => o.title), [
        'Audio Conferencing — 10 licenses on Office 365 E3', 'Phone System — 20 licenses on Office 365 E3',
      ]);
      assert.equal(picker.note, undefined, 'the titles name the add-ons');
    });

    it('every option the same add-on: the plan leads (EN and FR)', () => {
      const addons = [anAddon(), anAddon({ subscriptionId: 'sub-audio-e5', basePlanId: 'o365-e5', quantity: 1_200 })];
      const titles = (language: Language) => addonPicker({ flowId: 'f', purpose: 'remove', page: 0, cloud: 'worldwide', language, addons }).options.map((o) => o.title);
      assert.deepEqual(titles('en'), ['Office 365 E3 — 10 licenses', 'Office 365 E5 — 1,200 licenses']);
      assert.deepEqual(titles('fr'), ['Office 365 Entreprise E3 — 10 licences', `Office 365 Entreprise E5 — ${formatNumber(1_200, 'fr')} licences`]);
      assert.notEqual(formatNumber(1_200, 'fr'), '1200');
      const note = (language: Language) => addonPicker({ flowId: 'f', purpose: 'remove', page: 0, cloud: 'worldwide', language, addons }).note;
      assert.equal(note('en'), 'Each of these is Audio Conferencing.');
      assert.equal(note('fr'), 'Il s’agit chaque fois du module Audioconférence.');
    });

    it('an add-on whose subscription is gone says its kind instead of a plan', () => {
      assert.equal(addonTitle(anAddon({ basePlanId: undefined, baseQuantity: undefined }), 'en'), 'Audio Conferencing — 10 licenses (Standalone)');
    });
  });

  describe('confirm labels say the period, with separators', () => {
    it('yearly: "Price per year now/after" and the difference per year (EN and FR)', () => {
      const en = factsOf(confirmCard({ flowId: 'f', addon: anAddon({ quantity: 1_000 }), change: QUANTITY_CHANGE, cloud: 'worldwide', language: 'en' }).facts);
      assert.equal(en['Price per year now'], '$48,000.00');
      assert.equal(en['Price per year after'], '$72,000.00');
      assert.equal(en['Difference per year'], '+$24,000.00');
      assert.equal(en['Current quantity'], '1,000 licenses');
      assert.equal(en['New quantity'], '1,500 licenses');
      const fr = factsOf(confirmCard({ flowId: 'f', addon: anAddon({ quantity: 1_000 }), change: QUANTITY_CHANGE, cloud: 'worldwide', language: 'fr' }).facts);
      assert.match(fr['Prix annuel actuel'] ?? '', /^48\s000,00\s\$US$/u);
      assert.match(fr['Différence par an'] ?? '', /^\+24\s000,00\s\$US$/u);
      assert.match(fr['Nouvelle quantité'] ?? '', /^1\s500 licences$/u);
      assert.ok(!Object.keys(en).some((k) => k.includes('period')), Object.keys(en).join());
    });

    it('monthly: "Price per month now/after" (EN and FR)', () => {
      const addon = anAddon({ frequency: 'monthly' });
      const en = factsOf(confirmCard({ flowId: 'f', addon, change: QUANTITY_CHANGE, cloud: 'worldwide', language: 'en' }).facts);
      assert.deepEqual(['Price per month now', 'Price per month after', 'Difference per month'].map((k) => k in en), [true, true, true]);
      const fr = factsOf(confirmCard({ flowId: 'f', addon, change: QUANTITY_CHANGE, cloud: 'worldwide', language: 'fr' }).facts);
      assert.deepEqual(['Prix mensuel actuel', 'Prix mensuel ensuite', 'Différence par mois'].map((k) => k in fr), [true, true, true]);
    });

    it('removing: the assigned users, counted with a separator and a plural that agrees', () => {
      const removal: ChangeView = { kind: 'cancellation', quoteId: 'q', paidForTerm: usd(48_000), refund: usd(47_605), kept: usd(395) };
      const note = (assigned: number, language: Language) => confirmCard({ flowId: 'f', addon: anAddon({ assigned, quantity: 2_000 }), change: removal, cloud: 'worldwide', language }).note;
      assert.equal(note(1_500, 'en'), 'The 1,500 users who have these licenses will lose them.');
      assert.match(note(1_500, 'fr') ?? '', /^Les 1\s500 utilisateurs qui ont ces licences les perdront\.$/u);
      assert.equal(note(1, 'en'), 'The user who has one of these licenses will lose it.');
      assert.equal(note(1, 'fr'), 'L’utilisateur qui a l’une de ces licences la perdra.');
    });
  });

  describe('lists', () => {
    it('orders: the amount says its period, not "(yearly)" (EN and FR)', () => {
      const order = anOrder({ firstCharge: usd(9_521), frequency: 'yearly' });
      const amount = (language: Language) => factsOf(ordersCard({ orders: [order], names: new Map(), page: 0, nextCursor: null, cloud: 'worldwide', language }).orders[0]?.facts);
      assert.equal(amount('en').Amount, '$95.21 per year');
      assert.match(amount('fr').Montant ?? '', /^95,21\s\$US par an$/u);
      const monthly = factsOf(ordersCard({ orders: [{ ...order, frequency: 'monthly' }], names: new Map(), page: 0, nextCursor: null, cloud: 'worldwide', language: 'en' }).orders[0]?.facts);
      assert.equal(monthly.Amount, '$95.21 per month');
    });

    it('my add-ons: a subscription’s assigned count has the language’s separator', () => {
      const base = aSubscription({ id: 'base-big', productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, quantity: 5_000, assigned: 3_200 });
      const subtitle = (language: Language) => addonsCard({
        subs: { bases: [base], addons: [], baseById: new Map([[base.id, base]]) }, page: 0, canChange: true, now: new Date('2026-11-23T10:00:00.000Z'), cloud: 'worldwide', language,
      }).groups[0]?.subtitle;
      assert.equal(subtitle('en'), '3,200 assigned · Yearly');
      assert.match(subtitle('fr') ?? '', /^3\s200 attribuées · Annuelle$/u);
    });
  });

  describe('French agreement', () => {
    it('the assigned floor agrees with its count, with a separator', () => {
      const note = (assigned: number) => changeQuantityCard({ flowId: 'f', addon: anAddon({ assigned, quantity: 2_000 }), cloud: 'worldwide', language: 'fr' }).note ?? '';
      assert.ok(note(1).endsWith('Le total ne peut pas descendre sous la licence attribuée.'), note(1));
      assert.ok(note(1_500).endsWith(`Le total ne peut pas descendre sous les ${formatNumber(1_500, 'fr')} licences attribuées.`), note(1_500));
      const en = changeQuantityCard({ flowId: 'f', addon: anAddon({ assigned: 1_500, quantity: 2_000 }), cloud: 'worldwide', language: 'en' }).note ?? '';
      assert.ok(en.endsWith('The total can’t go below the 1,500 licenses assigned.'), en);
    });

    it('a plan name led by a common noun takes its article: "ajoutés aux Applications Microsoft 365 pour les entreprises"', () => {
      const intro = planAvailabilityCard('m365-apps-for-business', true, 'worldwide', 'fr').intro ?? '';
      assert.match(intro, / (ajoutés?|ajouté) aux Applications Microsoft 365 pour les entreprises\.$/u);
      const e3 = planAvailabilityCard('o365-e3', true, 'worldwide', 'fr').intro;
      assert.equal(e3, '7 modules complémentaires peuvent être ajoutés à Office 365 Entreprise E3.');
      assert.equal(planAvailabilityCard('o365-e3', true, 'worldwide', 'en').intro, '7 add-ons can be added to Office 365 E3.');
    });
  });

  describe('in a conversation', () => {
    let world: World;

    beforeEach(async () => {
      world = await demoWorld({ tenantB: false });
    });

    it('the add-on the admin named is confirmed, not "picked"; unnamed, the bot says it picked (EN and FR)', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
      const [named] = await play(chat, [['remove Audio Conferencing', says('remove Audio Conferencing'), ['Your Audio Conferencing: 10 licenses on Office 365 E3.']]]);
      assert.ok(!named?.lines.some((l) => l.includes('I picked')), named?.lines.join('\n'));
      const fr = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan', locale: 'fr-FR', conversationId: 'fr' });
      await play(fr, [['supprimer', says('supprimer l’audioconférence'), ['Votre module Audioconférence : 10 licences sur Office 365 Entreprise E3.']]]);
      const picked = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan', conversationId: 'picked' });
      await play(picked, [
        ['turn off recurring billing for Audio Conferencing', says('turn off recurring billing for Audio Conferencing'), ['Your Audio Conferencing: 10 licenses on Office 365 E3.']],
        ['Turn off', clicks('recurring.confirm'), ['Done!']],
        ['turn on recurring billing', says('turn on recurring billing'), ['I picked your Audio Conferencing: 10 licenses, for Office 365 E3 (25 licenses).']],
      ]);
    });

    it('French amounts after a change read as French: "Montant facturé maintenant : … $US"', async () => {
      const fr = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan', locale: 'fr-FR' });
      const replies = await play(fr, [
        ['système téléphonique', says('modifier la quantité du système téléphonique'), ['card: Ajouter ou supprimer des licences : Système téléphonique']],
        ['25', clicks('quantity.review', { quantity: '25' }), ['card: Confirmez la nouvelle quantité du module Système téléphonique']],
        ['Confirmer', clicks('quantity.confirm'), ['Montant facturé maintenant : 401,10']],
      ]);
      const confirm = cardText(replies[1]?.cards.find((c) => cardText(c.card).includes('Confirmez'))?.card ?? {});
      for (const shown of ['Prix annuel actuel', 'Prix annuel ensuite', 'Différence par an', 'Facturé maintenant (au prorata)']) {
        assert.ok(confirm.includes(shown), `${shown} in ${confirm}`);
      }
      assert.ok(!/period|per year|Yearly/i.test(confirm), confirm);
    });
  });
});
