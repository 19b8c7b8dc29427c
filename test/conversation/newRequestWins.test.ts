// "A new request wins": the rule as a table, from every question of every flow to every intent, and the cases of
// the issue typed in English and French through the real recognizer.
import assert from 'node:assert/strict';
import * as dialogIds from '../../src/conversation/dialogIds.js';
import {
  heardOf, openQuestionOf, questionNameOf, QUESTIONS, verdictOf, type Heard, type QuestionAt, type QuestionName, type Verdict,
} from '../../src/conversation/newRequestWins.js';
import type { AddonId, Language, PlanId } from '../../src/domain/ids.js';
import { INTENTS, understand, type Intent } from '../../src/nlu/recognizer.js';

const VERDICT: Readonly<Record<string, Verdict>> = { A: 'answer', S: 'same', N: 'new', X: 'aside', C: 'control' };

// ---------------------------------------------------------------------------------------------------------------
// The expectation table, written from the rule's statement (not from the code):
//   at any question: no verb → A; cancel, back, help, set_language → C; availability, lists, renewals, spend and
//   reminders on/off → X; greeting → S;
//   the flow's own request (or the open card's): S when it names nothing new, A when it carries what the question
//   asks, N when it names another add-on or plan; any other request: N, except A for a bare quantity at a question
//   that asks one ("add 5 licenses").
// A request cell lists six verdicts: target none (carries no, yes), same (no, yes), other (no, yes).
// ---------------------------------------------------------------------------------------------------------------

const OWN = 'SA SA NN';
const BARE = 'NA NN NN';
const NEW = 'NN NN NN';

const FIXED: Readonly<Record<Exclude<Intent, RequestIntent>, string>> = {
  none: 'A', help: 'C', cancel: 'C', back: 'C', set_language: 'C',
  availability: 'X', list_addons: 'X', list_orders: 'X', list_requests: 'X', renewals: 'X', spend: 'X', reminders_off: 'X',
  reminders_on: 'X', greeting: 'S',
};
type RequestIntent = 'buy' | 'change_quantity' | 'remove' | 'recurring_billing_off' | 'recurring_billing_on';

interface Row {
  readonly name: string;
  readonly at: QuestionAt;
  /** The slot "names the held / another" varies, with its held and another value; absent when the flow holds none. */
  readonly target?: { readonly slot: 'addon'; readonly held: AddonId; readonly other: AddonId }
    | { readonly slot: 'plan'; readonly held: PlanId; readonly other: PlanId };
  /** A slot the question asks, as carried; absent when it asks nothing. */
  readonly carry?: Partial<Heard>;
  readonly requests: Readonly<Record<RequestIntent, string>>;
}

const STORAGE: AddonId = 'extra-file-storage';
const PHONE: AddonId = 'phone-system';
const AUDIO: AddonId = 'audio-conferencing';
const E3: PlanId = 'o365-e3';
const E5: PlanId = 'o365-e5';
const FIVE = { quantity: { written: '5', value: 5 } } as const;

const ROWS: readonly Row[] = [
  { name: 'buy.subscription', at: { question: 'buy.subscription', held: { addon: STORAGE } },
    target: { slot: 'addon', held: STORAGE, other: PHONE }, carry: { plan: E5 },
    requests: { buy: OWN, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'buy.subscription, of one plan', at: { question: 'buy.subscription', held: { addon: STORAGE, plan: E3 } },
    target: { slot: 'plan', held: E3, other: E5 }, carry: { ordinal: true },
    requests: { buy: OWN, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'buy.addon', at: { question: 'buy.addon', held: { plan: E3 } },
    target: { slot: 'plan', held: E3, other: E5 }, carry: { addon: PHONE },
    requests: { buy: OWN, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'buy.details', at: { question: 'buy.details', held: { addon: STORAGE, plan: E3 } },
    target: { slot: 'addon', held: STORAGE, other: PHONE }, carry: FIVE,
    requests: { buy: OWN, change_quantity: BARE, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'buy.checkout', at: { question: 'buy.checkout', held: { addon: STORAGE, plan: E3, quantity: 50, frequency: 'yearly' } },
    target: { slot: 'addon', held: STORAGE, other: PHONE },
    requests: { buy: OWN, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'buy.request', at: { question: 'buy.request', held: { addon: STORAGE, plan: E3, quantity: 50, frequency: 'yearly' } },
    target: { slot: 'addon', held: STORAGE, other: PHONE },
    requests: { buy: OWN, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.pick, change quantity', at: { question: 'manage.pick', purpose: 'quantity' }, carry: { addon: AUDIO },
    requests: { buy: NEW, change_quantity: OWN, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.pick, remove', at: { question: 'manage.pick', purpose: 'remove' }, carry: { addon: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: OWN, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.pick, recurring billing off', at: { question: 'manage.pick', purpose: 'recurringOff' }, carry: { addon: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: NEW, recurring_billing_off: OWN, recurring_billing_on: NEW } },
  { name: 'manage.pick, recurring billing on', at: { question: 'manage.pick', purpose: 'recurringOn' }, carry: { addon: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: OWN } },
  { name: 'manage.pick, remove, of one add-on', at: { question: 'manage.pick', purpose: 'remove', addon: AUDIO },
    target: { slot: 'addon', held: AUDIO, other: PHONE }, carry: { ordinal: true },
    requests: { buy: NEW, change_quantity: NEW, remove: OWN, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.quantity', at: { question: 'manage.quantity', addon: AUDIO },
    target: { slot: 'addon', held: AUDIO, other: PHONE }, carry: FIVE,
    requests: { buy: BARE, change_quantity: OWN, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.confirm, quantity',
    at: { question: 'manage.confirm', purpose: 'quantity', addon: AUDIO, change: { kind: 'quantity', fromQuantity: 10, toQuantity: 15 } },
    target: { slot: 'addon', held: AUDIO, other: PHONE },
    requests: { buy: NEW, change_quantity: OWN, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.confirm, remove: cancellation',
    at: { question: 'manage.confirm', purpose: 'remove', addon: AUDIO, change: { kind: 'cancellation' } },
    target: { slot: 'addon', held: AUDIO, other: PHONE },
    requests: { buy: NEW, change_quantity: NEW, remove: OWN, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.confirm, remove: support request',
    at: { question: 'manage.confirm', purpose: 'remove', addon: STORAGE, change: { kind: 'support_request' } },
    target: { slot: 'addon', held: STORAGE, other: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: OWN, recurring_billing_off: NEW, recurring_billing_on: NEW } },
  { name: 'manage.confirm, remove: recurring billing off',
    at: { question: 'manage.confirm', purpose: 'remove', addon: PHONE, change: { kind: 'recurring_billing', turnOn: false } },
    target: { slot: 'addon', held: PHONE, other: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: OWN, recurring_billing_off: OWN, recurring_billing_on: NEW } },
  { name: 'manage.confirm, recurring billing off',
    at: { question: 'manage.confirm', purpose: 'recurringOff', addon: PHONE, change: { kind: 'recurring_billing', turnOn: false } },
    target: { slot: 'addon', held: PHONE, other: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: NEW, recurring_billing_off: OWN, recurring_billing_on: NEW } },
  { name: 'manage.confirm, recurring billing on',
    at: { question: 'manage.confirm', purpose: 'recurringOn', addon: PHONE, change: { kind: 'recurring_billing', turnOn: true } },
    target: { slot: 'addon', held: PHONE, other: AUDIO },
    requests: { buy: NEW, change_quantity: NEW, remove: NEW, recurring_billing_off: NEW, recurring_billing_on: OWN } },
];

const TARGETS = ['none', 'same', 'other'] as const;
type Target = (typeof TARGETS)[number];

function expected(row: Row, intent: Intent, target: Target, carries: boolean): Verdict {
  const cell = intent in row.requests ? row.requests[intent as RequestIntent] : FIXED[intent as Exclude<Intent, RequestIntent>];
  const code = cell.length === 1 ? cell : cell.split(' ')[TARGETS.indexOf(target)]![carries ? 1 : 0]!;
  return VERDICT[code]!;
}

const NOTHING: Omit<Heard, 'intent' | 'byVerb'> = { addon: null, plan: null, quantity: null, frequency: null, ordinal: false };

function heardIn(row: Row, intent: Intent, target: Target, carries: boolean, byVerb: boolean): Heard {
  const named = row.target && target !== 'none' ? { [row.target.slot]: target === 'same' ? row.target.held : row.target.other } : {};
  return { ...NOTHING, intent, byVerb, ...named, ...(carries ? row.carry : {}) };
}

describe('A new request wins', () => {
  describe('the table: every question × every intent × {names nothing, the held, another} × {carries an asked slot or not}', () => {
    for (const row of ROWS) {
      const targets = TARGETS.filter((t) => t === 'none' || row.target !== undefined);
      const carries = row.carry === undefined ? [false] : [false, true];
      for (const intent of INTENTS) {
        it(`${row.name} × ${intent}`, () => {
          const open = openQuestionOf(row.at);
          const got: Record<string, Verdict> = {};
          const want: Record<string, Verdict> = {};
          for (const target of targets) {
            for (const carry of carries) {
              const key = `${target}${carry ? '+carries' : ''}`;
              got[key] = verdictOf(open, heardIn(row, intent, target, carry, intent !== 'none'));
              want[key] = expected(row, intent, target, carry);
            }
          }
          assert.deepEqual(got, want);
        });
      }
      it(`${row.name}: without a verb, every intent but the controls is an answer`, () => {
        const open = openQuestionOf(row.at);
        for (const intent of INTENTS) {
          for (const target of targets) {
            const verdict = verdictOf(open, heardIn(row, intent, target, false, false));
            const control = !(intent in row.requests) && FIXED[intent as Exclude<Intent, RequestIntent>] === 'C';
            assert.equal(verdict, control ? 'control' : 'answer', `${intent}, ${target}`);
          }
        }
      });
    }

    it('covers every question that exists', () => {
      assert.deepEqual(new Set(ROWS.map((r) => r.at.question)), new Set(Object.keys(QUESTIONS)));
    });
  });

  describe('the open question', () => {
    it('every asking dialog is one of the questions, and waterfalls are none', () => {
      const ids: Readonly<Record<string, string>> = dialogIds;
      const asking = Object.entries(ids).filter(([name]) => /^(ASK|CONFIRM)_/.test(name));
      assert.equal(asking.length, 12);
      for (const [name, id] of asking) assert.notEqual(questionNameOf(id), undefined, name);
      assert.equal(questionNameOf(dialogIds.BUY_WATERFALL), undefined);
      assert.equal(questionNameOf(dialogIds.MAIN_DIALOG), undefined);
      const names: Record<string, QuestionName | undefined> = {
        [dialogIds.ASK_SUBSCRIPTION]: 'buy.subscription', [dialogIds.ASK_REQUEST]: 'buy.request',
        [dialogIds.ASK_RECURRING_ADDON]: 'manage.pick', [dialogIds.ASK_NEW_QUANTITY]: 'manage.quantity', [dialogIds.CONFIRM_REMOVAL]: 'manage.confirm',
      };
      for (const [id, name] of Object.entries(names)) assert.equal(questionNameOf(id), name, id);
    });

    it('a remove flow showing the recurring-off card counts turning recurring billing off as the same request', () => {
      const open = openQuestionOf({ question: 'manage.confirm', purpose: 'remove', addon: PHONE, change: { kind: 'recurring_billing', turnOn: false } });
      assert.deepEqual(open.sameAs, ['remove', 'recurring_billing_off']);
      assert.deepEqual(open.holds, { addon: PHONE });
    });

    it('a quantity change is named by its new total or by its size', () => {
      const open = openQuestionOf({ question: 'manage.confirm', purpose: 'quantity', addon: AUDIO, change: { kind: 'quantity', fromQuantity: 10, toQuantity: 4 } });
      assert.deepEqual(open.holds.quantities, [4, 6]);
    });

    it('reads "2" and "#2" as an option number, "2 licenses" not', () => {
      const of = (text: string) => heardOf(understand(text, 'en'), false, text).ordinal;
      assert.deepEqual(['2', ' #3 ', '2 licenses', 'E3'].map(of), [true, true, false, false]);
    });

    it('keeps the number as written, even when it is no quantity, and never a verb without an intent', () => {
      const heard = heardOf(understand('set audio conferencing to -5', 'en'), true, 'set audio conferencing to -5');
      assert.deepEqual(heard, {
        intent: 'change_quantity', byVerb: true, addon: AUDIO, plan: null, quantity: { written: '-5', value: -5 }, frequency: null, ordinal: false,
      });
      assert.equal(heardOf(understand('E3', 'en'), true, 'E3').byVerb, false);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // The cases, typed. `byVerb` is what the recognizer is to say (its flag, once it has one, must agree).
  // ---------------------------------------------------------------------------------------------------------------

  function typed(text: string, language: Language, byVerb: boolean): Heard {
    const understood = understand(text, language);
    if ('byVerb' in understood) assert.equal(understood.byVerb, byVerb, `the recognizer's byVerb for "${text}"`);
    if (understood.intent === 'none') assert.equal(byVerb, false, `"${text}" has no intent, so no verb`);
    return heardOf(understood, byVerb, text);
  }

  const AT: Readonly<Record<string, QuestionAt>> = {
    storageSubscription: { question: 'buy.subscription', held: { addon: STORAGE } },
    addonForE5: { question: 'buy.addon', held: { plan: E5 } },
    storageDetails: { question: 'buy.details', held: { addon: STORAGE, plan: E3 } },
    phoneDetails: { question: 'buy.details', held: { addon: PHONE, plan: E3 } },
    storageCheckout: { question: 'buy.checkout', held: { addon: STORAGE, plan: E3, quantity: 50, frequency: 'yearly' } },
    storageWithQuantity: { question: 'buy.subscription', held: { addon: STORAGE, quantity: 50 } },
    changePicker: { question: 'manage.pick', purpose: 'quantity' },
    audioQuantity: { question: 'manage.quantity', addon: AUDIO },
    audioConfirm: { question: 'manage.confirm', purpose: 'quantity', addon: AUDIO, change: { kind: 'quantity', fromQuantity: 10, toQuantity: 15 } },
    supportRequest: { question: 'manage.confirm', purpose: 'remove', addon: STORAGE, change: { kind: 'support_request' } },
    phoneRecurringOffByRemove: { question: 'manage.confirm', purpose: 'remove', addon: PHONE, change: { kind: 'recurring_billing', turnOn: false } },
    phoneRecurringOff: { question: 'manage.confirm', purpose: 'recurringOff', addon: PHONE, change: { kind: 'recurring_billing', turnOn: false } },
  };

  const CASES: ReadonlyArray<readonly [at: string, en: string, fr: string, byVerb: boolean, verdict: Verdict]> = [
    ['storageSubscription', 'buy 5 phone system licenses for E3, billed monthly', 'acheter 5 licences Système téléphonique pour E3, facturation mensuelle', true, 'new'],
    ['supportRequest', 'reduce audio conferencing to 2 licenses', 'réduire l’audioconférence à 2 licences', true, 'new'],
    ['phoneRecurringOffByRemove', 'turn off recurring billing for Phone System', 'désactiver la facturation récurrente pour Système téléphonique', true, 'same'],
    ['phoneRecurringOff', 'turn off recurring billing for Phone System', 'désactiver la facturation récurrente pour Système téléphonique', true, 'same'],
    ['phoneRecurringOff', 'turn on recurring billing for Phone System', 'réactiver la facturation récurrente pour Système téléphonique', true, 'new'],
    ['storageSubscription', 'E3', 'E3', false, 'answer'],
    ['storageSubscription', '2', '2', false, 'answer'],
    ['storageSubscription', 'buy storage for E3', 'acheter du stockage pour E3', true, 'answer'],
    ['storageSubscription', 'buy storage', 'acheter du stockage', true, 'same'],
    ['storageDetails', '50 GB', '50 Go', false, 'answer'],
    ['storageDetails', 'yearly', 'annuel', false, 'answer'],
    ['storageDetails', 'buy 50 GB of storage, yearly', 'acheter 50 Go de stockage, annuel', true, 'answer'],
    ['phoneDetails', 'add 5 licenses', 'ajouter 5 licences', true, 'answer'],
    ['phoneDetails', 'remove phone system', 'supprimer Système téléphonique', true, 'new'],
    ['addonForE5', 'Phone System', 'Système téléphonique', false, 'answer'],
    ['addonForE5', 'buy phone system', 'acheter Système téléphonique', true, 'answer'],
    ['addonForE5', 'buy phone system for E3', 'acheter Système téléphonique pour E3', true, 'new'],
    ['supportRequest', 'oui', 'oui', false, 'answer'],
    ['changePicker', '2', '2', false, 'answer'],
    ['changePicker', 'reduce audio conferencing to 2 licenses', 'réduire l’audioconférence à 2 licences', true, 'answer'],
    ['changePicker', 'remove phone system', 'supprimer Système téléphonique', true, 'new'],
    ['audioQuantity', 'add 5 licenses', 'ajouter 5 licences', true, 'answer'],
    ['audioQuantity', '10 more', '10 licences de plus', true, 'answer'],
    ['audioQuantity', 'set audio conferencing to -5', 'passer l’audioconférence à -5', true, 'answer'],
    ['audioQuantity', 'reduce phone system to 2 licenses', 'réduire Système téléphonique à 2 licences', true, 'new'],
    ['audioQuantity', 'change quantity', 'modifier la quantité', true, 'same'],
    // The same request with a number that is not the one on the card is another request: never a wrong card again.
    ['audioConfirm', 'add 5 audio conferencing licenses', 'ajouter 5 licences d’audioconférence', true, 'same'],
    ['audioConfirm', 'set audio conferencing to 15', 'passer l’audioconférence à 15', true, 'same'],
    ['audioConfirm', 'reduce audio conferencing to 3', 'réduire l’audioconférence à 3', true, 'new'],
    ['storageCheckout', 'buy 50 GB of storage, yearly', 'acheter 50 Go de stockage, annuel', true, 'same'],
    ['storageCheckout', 'buy 100 GB of storage', 'acheter 100 Go de stockage', true, 'new'],
    ['storageCheckout', 'buy storage, billed monthly', 'acheter du stockage, facturation mensuelle', true, 'new'],
    ['storageCheckout', 'hi', 'bonjour', true, 'same'],
    ['storageWithQuantity', 'buy 100 GB of storage for E3', 'acheter 100 Go de stockage pour E3', true, 'new'],
    ['storageWithQuantity', 'buy 50 GB of storage for E3', 'acheter 50 Go de stockage pour E3', true, 'answer'],
  ];

  const EVERYWHERE: ReadonlyArray<readonly [en: string, fr: string, verdict: Verdict]> = [
    ['my orders', 'mes commandes', 'aside'],
    ['which add-ons for E3?', 'quels modules complémentaires pour E3 ?', 'aside'],
    ['cancel', 'annuler', 'control'],
    ['back', 'retour', 'control'],
    ['help', 'aide', 'control'],
    ['english', 'français', 'control'],
  ];

  for (const [language, column] of [['en', 1], ['fr', 2]] as const) {
    describe(`typed in ${language === 'en' ? 'English' : 'French'}`, () => {
      for (const c of CASES) {
        const [at, , , byVerb, verdict] = c;
        const text = c[column];
        it(`at ${at}, "${text}" → ${verdict}`, () => {
          assert.equal(verdictOf(openQuestionOf(AT[at]!), typed(text, language, byVerb)), verdict);
        });
      }
      for (const e of EVERYWHERE) {
        const text = language === 'en' ? e[0] : e[1];
        it(`at every question, "${text}" → ${e[2]}`, () => {
          for (const [name, at] of Object.entries(AT)) {
            assert.equal(verdictOf(openQuestionOf(at), typed(text, language, true)), e[2], name);
          }
        });
      }
    });
  }

  it('an intent the rule does not know yet is a request of its own', () => {
    const unknown = 'schedule_meeting' as string as Intent;
    assert.equal(verdictOf(openQuestionOf(AT.audioQuantity!), { ...NOTHING, ...FIVE, intent: unknown, byVerb: true }), 'new');
  });

  it('"what renews this month?", "how much do we spend?" and "stop reminders" typed at a question are answered aside (EN and FR)', () => {
    const open = openQuestionOf(AT.audioQuantity!);
    for (const said of ['what renews this month?', 'how much do we spend on add-ons?', 'stop reminders', 'start reminders',
      'qu’est-ce qui se renouvelle ce mois-ci ?', 'combien coûtent nos modules ?', 'arrête les rappels', 'réactive les rappels']) {
      const u = understand(said);
      assert.equal(verdictOf(open, heardOf(u, true, said)), 'aside', said);
    }
  });
});
