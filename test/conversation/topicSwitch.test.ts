// "A new request wins", played from every question of every flow on the demo tenant, in English and French: an
// answer is read by the question (A), the same request shows its card again (S), a request of its own leaves the flow
// and starts with its own slots (N), and a list or availability question is answered aside while the question stays
// open (X). Plus the case (a Phone System purchase typed at the storage purchase's subscription question) and
// "back" returning to a flow left for a new request.
import assert from 'node:assert/strict';
import type { Language } from '../../src/domain/ids.js';
import { demoWorld, TENANT_A } from '../support/billingHarness.js';
import { cardText, Chat, play, rig, says, type Reply, type Turn } from '../support/chat.js';

type Verdict = 'answer' | 'same' | 'new' | 'aside';

interface QuestionCase {
  readonly question: string;
  readonly user?: 'megan' | 'lee';
  readonly reach: readonly Turn[1][];
  readonly turns: Readonly<Record<Verdict, string>>;
}

const LEFT: Readonly<Record<Language, RegExp>> = { en: /aside for this|I stopped your/, fr: /mis de côté|J’ai arrêté votre/ };
const STILL_OPEN: Readonly<Record<Language, string>> = { en: 'We’re in the middle of a', fr: 'Nous sommes en train de faire' };
const LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', fr: 'fr-FR' };

const chooseE5: Turn[1] = (chat) => chat.click('buy.chooseSubscription', { choice: 'sub-e5' });

const CASES: Readonly<Record<Language, readonly QuestionCase[]>> = {
  en: [
    { question: 'buy: subscription', reach: [says('buy storage add-on')], turns: {
      answer: 'E3', same: 'buy storage add-on', new: 'buy 5 phone system licenses for E3, billed monthly', aside: 'my orders' } },
    { question: 'buy: add-on', reach: [says('buy an add-on'), chooseE5], turns: {
      answer: '1', same: 'buy an add-on', new: 'remove Phone System', aside: 'my add-ons' } },
    { question: 'buy: details', reach: [says('buy storage for E3')], turns: {
      answer: '50 GB yearly', same: 'buy storage for E3', new: 'change the quantity of Audio Conferencing', aside: 'which add-ons for E3?' } },
    { question: 'buy: checkout', reach: [says('buy 50 GB storage for E3 yearly')], turns: {
      answer: 'place order', same: 'buy 50 GB storage for E3 yearly', new: 'remove Phone System', aside: 'my orders' } },
    { question: 'buy: request approval (Lee)', user: 'lee', reach: [says('buy 50 GB storage for E3 yearly')], turns: {
      answer: 'send it', same: 'buy 50 GB storage for E3 yearly', new: 'buy Phone System for E3', aside: 'my requests' } },
    { question: 'manage: pick', reach: [says('change quantity')], turns: {
      answer: '1', same: 'change quantity', new: 'buy storage for E3', aside: 'my orders' } },
    { question: 'manage: quantity', reach: [says('change the quantity of Audio Conferencing')], turns: {
      answer: '15', same: 'change the quantity of Audio Conferencing', new: 'buy storage for E3', aside: 'my orders' } },
    { question: 'manage: confirm (support request)', reach: [says('remove Extra File Storage')], turns: {
      answer: 'yes', same: 'remove Extra File Storage', new: 'buy storage for E3', aside: 'my orders' } },
    { question: 'manage: confirm (recurring billing off)', reach: [says('remove Phone System')], turns: {
      answer: 'yes', same: 'remove Phone System', new: 'buy storage for E3', aside: 'my add-ons' } },
  ],
  fr: [
    { question: 'buy: subscription', reach: [says('acheter du stockage supplémentaire')], turns: {
      answer: 'E3', same: 'acheter du stockage supplémentaire', new: 'acheter 5 licences Système téléphonique pour E3, facturation mensuelle',
      aside: 'mes commandes' } },
    { question: 'buy: add-on', reach: [says('acheter un module complémentaire'), chooseE5], turns: {
      answer: '1', same: 'acheter un module complémentaire', new: 'supprimer le Système téléphonique', aside: 'mes modules' } },
    { question: 'buy: details', reach: [says('acheter du stockage pour E3')], turns: {
      answer: '50 Go', same: 'acheter du stockage pour E3', new: 'modifier la quantité d’audioconférence', aside: 'quels modules complémentaires pour E3 ?' } },
    { question: 'buy: checkout', reach: [says('acheter 50 Go de stockage pour E3, facturation annuelle')], turns: {
      answer: 'oui', same: 'acheter 50 Go de stockage pour E3, facturation annuelle', new: 'supprimer le Système téléphonique', aside: 'mes commandes' } },
    { question: 'buy: request approval (Lee)', user: 'lee', reach: [says('acheter 50 Go de stockage pour E3, facturation annuelle')], turns: {
      answer: 'oui', same: 'acheter 50 Go de stockage pour E3, facturation annuelle', new: 'acheter Système téléphonique pour E3', aside: 'mes demandes' } },
    { question: 'manage: pick', reach: [says('modifier la quantité')], turns: {
      answer: '1', same: 'modifier la quantité', new: 'acheter du stockage pour E3', aside: 'mes commandes' } },
    { question: 'manage: quantity', reach: [says('modifier la quantité d’audioconférence')], turns: {
      answer: '15', same: 'modifier la quantité d’audioconférence', new: 'acheter du stockage pour E3', aside: 'quels modules complémentaires pour E3 ?' } },
    { question: 'manage: confirm (support request)', reach: [says('supprimer le stockage supplémentaire')], turns: {
      answer: 'oui', same: 'supprimer le stockage supplémentaire', new: 'acheter du stockage pour E3', aside: 'mes modules' } },
    { question: 'manage: confirm (recurring billing off)', reach: [says('supprimer le Système téléphonique')], turns: {
      answer: 'oui', same: 'supprimer le Système téléphonique', new: 'acheter du stockage pour E3', aside: 'mes modules' } },
  ],
};

function lastCard(reply: Reply): string {
  const card = [...reply.lines].reverse().find((line) => line.startsWith('card: '));
  assert.ok(card, `a question card in:\n  ${reply.lines.join('\n  ')}`);
  return card;
}

async function reached(language: Language, c: QuestionCase): Promise<{ chat: Chat; question: string }> {
  const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A, locale: LOCALE[language], user: c.user ?? 'megan' });
  let reply: Reply | undefined;
  for (const act of c.reach) reply = await act(chat);
  assert.ok(reply);
  return { chat, question: lastCard(reply) };
}

describe('A new request wins, from every question', () => {
  for (const language of ['en', 'fr'] as const) {
    for (const c of CASES[language]) {
      describe(`${language}: ${c.question}`, () => {
        it(`A: "${c.turns.answer}" is the question's answer`, async () => {
          const { chat } = await reached(language, c);
          const before = chat.dialogStack();
          const reply = await chat.say(c.turns.answer);
          const all = reply.lines.join('\n  ');
          assert.ok(reply.lines.length > 0, 'an answer');
          assert.ok(!reply.lines.some((line) => LEFT[language].test(line)), `the flow is not left:\n  ${all}`);
          assert.ok(!reply.lines.some((line) => line.includes(STILL_OPEN[language])), `not an aside:\n  ${all}`);
          assert.deepEqual(chat.dialogStack().slice(0, 1), before.slice(0, 1));
        });
        it(`S: "${c.turns.same}" shows the open card again`, async () => {
          const { chat, question } = await reached(language, c);
          const reply = await chat.say(c.turns.same);
          assert.deepEqual(reply.lines, [question]);
          assert.ok(chat.dialogStack().length > 0, 'the flow is still open');
        });
        it(`N: "${c.turns.new}" leaves the flow and starts the request`, async () => {
          const { chat } = await reached(language, c);
          const reply = await chat.say(c.turns.new);
          assert.ok(reply.lines[0]?.startsWith('updated: '), `the open card turns read-only:\n  ${reply.lines.join('\n  ')}`);
          assert.ok(LEFT[language].test(reply.lines[1] ?? ''), `then a line says the flow was left:\n  ${reply.lines.join('\n  ')}`);
          assert.ok(reply.lines.length >= 2, 'the new request answers');
        });
        it(`X: "${c.turns.aside}" is answered aside and the question stays open`, async () => {
          const { chat } = await reached(language, c);
          const before = chat.dialogStack();
          const reply = await chat.say(c.turns.aside);
          assert.ok(reply.lines[0]?.startsWith('card: '), reply.lines.join('\n  '));
          assert.ok(reply.lines.at(-1)?.includes(STILL_OPEN[language]), reply.lines.join('\n  '));
          assert.deepEqual(chat.dialogStack(), before);
        });
      });
    }
  }

  for (const [language, storage, phone] of [
    ['en', 'buy storage add-on', 'buy 5 phone system licenses for E3, billed monthly'],
    ['fr', 'acheter du stockage supplémentaire', 'acheter 5 licences Système téléphonique pour E3, facturation mensuelle'],
  ] as const) {
    it(`${language}: a Phone System purchase typed at the storage purchase's subscription question checks out Phone System, 5 licenses, monthly`, async () => {
      const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A, locale: LOCALE[language] });
      await play(chat, [['storage', says(storage), ['card: ']]]);
      const reply = await chat.say(phone);
      assert.ok(reply.lines[0]?.startsWith('updated: '), `the storage card turns read-only:\n  ${reply.lines.join('\n  ')}`);
      assert.ok(LEFT[language].test(reply.lines[1] ?? ''), reply.lines.join('\n  '));
      const checkout = reply.cards.at(-1)?.card;
      assert.ok(checkout, 'a checkout card');
      const shown = cardText(checkout);
      assert.match(shown, language === 'en' ? /Review your order/ : /Vérifiez votre commande/);
      assert.match(shown, language === 'en' ? /Phone System/ : /Système téléphonique/);
      assert.match(shown, language === 'en' ? /5 licenses/ : /5 licences/);
      assert.match(shown, language === 'en' ? /Monthly/i : /Mensuel/i);
      assert.doesNotMatch(shown, /Storage|stockage/i);
    });
  }

  it('"back" with no flow open returns to the flow left for a new request, under a new flow id', async () => {
    const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A });
    await play(chat, [
      ['storage details', says('buy storage for E3'), ['card: Buy Office 365 Extra File Storage']],
      ['a change instead', says('change the quantity of Audio Conferencing'), [
        'I put your purchase of Office 365 Extra File Storage aside for this; type back to return to it.', 'card: Add or remove licenses: Audio Conferencing',
      ]],
      ['cancel it', says('cancel'), ['Nothing was changed.']],
      ['back', says('back'), ['Back to your purchase of Office 365 Extra File Storage.', 'card: Buy Office 365 Extra File Storage']],
      ['answer it', says('50 GB yearly'), ['card: Review your order']],
    ]);
  });

  it('fr: « retour » reprend l’achat mis de côté', async () => {
    const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [
      ['stockage', says('acheter du stockage pour E3'), ['card: Acheter l’espace de stockage supplémentaire Office 365']],
      ['une liste de modules', says('supprimer le Système téléphonique'), ['J’ai mis de côté votre achat de l’espace de stockage supplémentaire Office 365']],
      ['annuler', says('annuler'), ['Rien n’a été modifié.']],
      ['retour', says('retour'), ['Reprenons votre achat de l’espace de stockage supplémentaire Office 365.', 'card: Acheter l’espace de stockage']],
    ]);
  });
});
