// "cancel", "back" and "help" at every step in both languages, the 30-minute idle expiry, language switching, the
// main menu and the welcome card.
import assert from 'node:assert/strict';
import type { Language } from '../../src/domain/ids.js';
import { demoWorld, MINUTE, TENANT_A, type World } from '../support/billingHarness.js';
import { Chat, clicks, expectLines, play, rig, says } from '../support/chat.js';

type Step = 'subscription' | 'addon' | 'details' | 'checkout';

const T = {
  en: {
    locale: 'en-US', words: { cancel: 'cancel', back: 'back', help: 'help' }, buyStorage: 'buy storage add-on', buyAny: 'buy an add-on',
    questions: {
      subscription: 'card: Which subscription is this add-on for?', addon: 'card: Which add-on do you want to buy?',
      details: 'card: Buy Office 365 Extra File Storage', checkout: 'card: Review your order',
    },
    help: 'card: What I can do', canceled: 'OK, I canceled that. Nothing was bought.', canceledCard: 'invoke card: Canceled',
    firstStep: 'This is the first step, so there’s nothing to go back to.',
  },
  fr: {
    locale: 'fr-FR', words: { cancel: 'annuler', back: 'retour', help: 'aide' }, buyStorage: 'acheter du stockage supplémentaire',
    buyAny: 'acheter un module complémentaire',
    questions: {
      subscription: 'card: À quel abonnement voulez-vous ajouter ce module ?', addon: 'card: Quel module complémentaire voulez-vous acheter ?',
      details: 'card: Acheter l’espace de stockage supplémentaire Office 365', checkout: 'card: Vérifiez votre commande',
    },
    help: 'card: Ce que je sais faire', canceled: 'D’accord, j’ai annulé. Rien n’a été acheté.', canceledCard: 'invoke card: Annulé',
    firstStep: 'C’est la première étape : impossible de revenir en arrière.',
  },
} as const;

/** Brings the chat to a step of the flow. */
async function reach(chat: Chat, language: Language, step: Step): Promise<void> {
  const t = T[language];
  if (step === 'addon') {
    await play(chat, [['buy any', says(t.buyAny), [t.questions.subscription]]]);
    await play(chat, [['E5', clicks('buy.chooseSubscription', { choice: 'sub-e5' }), [t.questions.addon]]]);
    return;
  }
  await play(chat, [['buy storage', says(t.buyStorage), [t.questions.subscription]]]);
  if (step === 'subscription') return;
  await play(chat, [['E3', clicks('buy.chooseSubscription', { choice: 'sub-e3' }), [t.questions.details]]]);
  if (step === 'details') return;
  await play(chat, [['50 GB', clicks('buy.details', { quantity: '50', frequency: 'yearly' }), [t.questions.checkout]]]);
}

const BACK_TO: Readonly<Record<Step, 'firstStep' | Step>> = {
  subscription: 'firstStep', addon: 'subscription', details: 'subscription', checkout: 'details',
};

describe('Cancel, back and help at every step', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  for (const language of ['en', 'fr'] as const) {
    const t = T[language];
    for (const step of ['subscription', 'addon', 'details', 'checkout'] as const) {
      it(`${language}: "${t.words.help}" at the ${step} step shows the help card and asks again`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: t.locale });
        await reach(chat, language, step);
        await play(chat, [[t.words.help, says(t.words.help), [t.help, t.questions[step]]]]);
        assert.ok(chat.dialogStack().length > 0, 'still in the flow');
      });

      it(`${language}: "${t.words.cancel}" at the ${step} step ends the flow, nothing bought`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: t.locale });
        await reach(chat, language, step);
        await play(chat, [[t.words.cancel, says(t.words.cancel), [t.canceled]]]);
        assert.deepEqual(chat.dialogStack(), []);
      });

      it(`${language}: the Cancel button at the ${step} step ends the flow and the card says so`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: t.locale });
        await reach(chat, language, step);
        await play(chat, [['Cancel', clicks('buy.cancel'), [t.canceledCard]]]);
        assert.deepEqual(chat.dialogStack(), []);
      });

      it(`${language}: "${t.words.back}" at the ${step} step goes back one question`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: t.locale });
        await reach(chat, language, step);
        const target = BACK_TO[step];
        await play(chat, [[t.words.back, says(t.words.back), [target === 'firstStep' ? t.firstStep : t.questions[target]]]]);
        assert.ok(chat.dialogStack().length > 0, 'still in the flow');
      });
    }
  }

  for (const step of ['subscription', 'details', 'checkout'] as const) {
    it(`"my orders", "my add-ons" or "pending approvals" typed at the ${step} step: the list, a reminder, and the flow goes on`, async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await reach(chat, 'en', step);
      const stillBuying = 'We’re in the middle of a purchase. Answer the question above, or type cancel to stop.';
      await play(chat, [
        ['my orders', says('my orders'), ['card: Your orders', stillBuying]],
        ['my add-ons', says('show my add-ons'), ['card: Your subscriptions and add-ons', stillBuying]],
        ['pending approvals', says('pending approvals'), ['card: Purchase requests', stillBuying]],
      ]);
      assert.ok(chat.dialogStack().length > 0, 'still in the flow');
    });
  }

  it('"which add-ons for E3?" at the subscription question answers the question asked, not the card\'s, and waits', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'subscription');
    await play(chat, [
      ['which add-ons for E3?', says('which add-ons for E3?'), [
        'card: Add-ons for Office 365 E3 — 7 add-ons can be added to Office 365 E3.',
        'We’re in the middle of a purchase. Answer the question above, or type cancel to stop.',
      ]],
      ['E3, typed', says('E3'), [T.en.questions.details]],
    ]);
    assert.equal((await world.store.list(TENANT_A, 'quote', { limit: 10 })).items.length, 0, 'nothing quoted by the question');
  });

  it('"mes commandes" typed mid-flow in French: the list, then the flow takes its answer', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await reach(chat, 'fr', 'subscription');
    await play(chat, [
      ['mes commandes', says('mes commandes'), ['card: Vos commandes', 'Nous sommes en train de faire un achat. Répondez à la question ci-dessus, ou tapez annuler pour arrêter.']],
      ['E3', clicks('buy.chooseSubscription', { choice: 'sub-e3' }), [T.fr.questions.details]],
    ]);
  });

  it('after "back" the flow goes on with the new answer, and earlier answers are kept', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'checkout');
    await play(chat, [
      ['back', says('back'), ['card: Buy Office 365 Extra File Storage — For Office 365 E3 (25 licenses)']],
      ['back again', says('back'), ['card: Which subscription is this add-on for?']],
      ['Business Basic', clicks('buy.chooseSubscription', { choice: 'sub-business-basic' }), ['card: Buy Office 365 Extra File Storage — For Microsoft 365 Business Basic']],
      ['7 GB', clicks('buy.details', { quantity: '7', frequency: 'monthly' }), ['card: Review your order']],
      ['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-invoice' }), ['Done! Your order']],
    ]);
    const orders = (await world.service.listOrders(world.a.megan)).items;
    assert.equal(orders.length, 1);
    assert.deepEqual([orders[0]?.baseSubscriptionId, orders[0]?.quantity], ['sub-business-basic', 7]);
  });

  it('after "back" from checkout the details card keeps what was entered', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'checkout');
    await chat.say('back');
    const details = chat.card(chat.cardWith('buy.details'));
    assert.match(JSON.stringify(details), /"id":"quantity"[^}]*"value":50/);
    assert.match(JSON.stringify(details), /"id":"frequency"[^}]*"value":"yearly"/);
  });
});

describe('Idle flows expire after 30 minutes', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('a click 31 minutes later ends the flow with a clear message and quotes nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'details');
    world.clock.advance(31 * MINUTE);
    await play(chat, [['details', clicks('buy.details', { quantity: '50', frequency: 'yearly' }), [
      'invoke card: This card is no longer active — Our conversation was idle for more than 30 minutes, so I stopped it. Nothing was bought.',
    ]]]);
    assert.deepEqual(chat.dialogStack(), []);
    const quotes = await world.store.list(TENANT_A, 'quote', { limit: 10 });
    assert.equal(quotes.items.length, 0);
  });

  it('a message 31 minutes later says so, then is handled as a new request', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await reach(chat, 'fr', 'checkout');
    world.clock.advance(31 * MINUTE);
    await play(chat, [['aide', says('aide'), ['Notre conversation est restée inactive plus de 30 minutes', 'card: Ce que je sais faire']]]);
    assert.deepEqual(chat.dialogStack(), []);
  });

  it('29 minutes is not idle: the flow goes on', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'details');
    world.clock.advance(29 * MINUTE);
    await play(chat, [['details', clicks('buy.details', { quantity: '50', frequency: 'yearly' }), ['card: Review your order']]]);
    world.clock.advance(14 * MINUTE);
    await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), ['Done! Your order']]]);
  });
});

describe('Language', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('"français" switches to French and is remembered; "English" switches back', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['français', says('français'), ['D’accord, je vous parlerai en français désormais.']],
      ['aide', says('aide'), ['card: Ce que je sais faire']],
      ['help (English word, French preference)', says('help'), ['card: Ce que je sais faire']],
      ['English', says('English'), ['OK, I’ll speak English from now on.']],
      ['help', says('help'), ['card: What I can do']],
    ]);
  });

  it('switching language in the middle of a flow asks the current question again in the new language', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await reach(chat, 'en', 'details');
    await play(chat, [
      ['français', says('parle français'), ['D’accord, je vous parlerai en français désormais.', 'card: Acheter l’espace de stockage supplémentaire Office 365']],
      ['50 Go annuel', clicks('buy.details', { quantity: '50', frequency: 'yearly' }), ['card: Vérifiez votre commande']],
    ]);
  });

  it('falls back to the clientInfo entity when the activity has no locale', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const reply = await chat.say('hi', { locale: undefined, entities: [{ type: 'clientInfo', locale: 'fr-CA' }] });
    expectLines(reply, ['card: Bienvenue dans Add-on Assistant']);
  });
});

describe('The main menu', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('routes greetings, help, lists, changes, availability questions and nonsense', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['hi', says('hi'), ['card: Welcome to Add-on Assistant']],
      ['help', says('help'), ['card: What I can do']],
      ['my orders', says('my orders'), ['card: Your orders']],
      ['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']],
      ['remove Extra File Storage', says('remove Extra File Storage'), ['card: Open a support request to remove Office 365 Extra File Storage?']],
      ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
      ['which add-ons for E3?', says('which add-ons does my plan support?'), ['card: Add-ons your subscriptions support']],
      ['gibberish', says('qwertz uiop'), ['Sorry, I didn’t understand that.', 'card: What I can do']],
      ['cancel', says('cancel'), ['There’s nothing to cancel right now.']],
      ['back', says('back'), ['There’s nothing to go back to.']],
      ['menu: buy', clicks('menu.buy'), ['card: Which subscription is this add-on for?', 'invoke message: Got it']],
    ]);
  });

  it('answers in French to a French locale', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [
      ['mes commandes', says('mes commandes'), ['card: Vos commandes']],
      ['bonjour', says('bonjour'), ['card: Bienvenue dans Add-on Assistant']],
    ]);
  });

  it('strips the bot’s @mention in channels', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, conversationType: 'channel', conversationId: '19:channel@thread.tacv2' });
    const reply = await chat.say('<at>Add-on Assistant</at> help', {
      entities: [{ type: 'mention', text: '<at>Add-on Assistant</at>', mentioned: { id: '28:addon-assistant', name: 'Add-on Assistant' } }],
    });
    expectLines(reply, ['card: What I can do']);
    const leftover = await chat.say('<at>Add-on Assistant</at> buy storage add-on');
    expectLines(leftover, ['card: Which subscription is this add-on for?']);
  });

  it('welcomes on install once, even when Teams also announces the bot as a new member', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const install = await chat.send({ type: 'installationUpdate', action: 'add' });
    expectLines(install, ['card: Welcome to Add-on Assistant']);
    const added = await chat.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:addon-assistant', name: 'Add-on Assistant' }] });
    assert.deepEqual(added.lines, []);
    world.clock.advance(5 * MINUTE);
    const userJoined = await chat.send({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else', name: 'Someone' }] });
    assert.deepEqual(userJoined.lines, []);
    const team = new Chat(rig(world), { tenantId: TENANT_A, conversationType: 'channel', conversationId: '19:general@thread.tacv2', locale: 'fr-FR' });
    // Teams sends both events at once when the bot is added to a team; only the installation welcomes.
    const announced = await team.send({ type: 'conversationUpdate', membersAdded: [{ id: '28:addon-assistant', name: 'Add-on Assistant' }] });
    assert.deepEqual(announced.lines, []);
    const installedInTeam = await team.send({ type: 'installationUpdate', action: 'add' });
    expectLines(installedInTeam, ['card: Bienvenue dans Add-on Assistant']);
  });

  it('a menu click in the middle of a flow is a new request: the flow is left and the click starts its own', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['change', says('change the quantity of Audio Conferencing'), ['card: Add or remove licenses: Audio Conferencing']],
      ['help', says('help'), ['card: What I can do', 'card: Add or remove licenses: Audio Conferencing']],
      ['Buy an add-on', clicks('menu.buy'), ['I put your change to Audio Conferencing aside for this; type back to return to it.', 'card: Which subscription']],
      ['My add-ons, mid-purchase', clicks('menu.addons'), ['card: Your subscriptions and add-ons', 'We’re in the middle of a purchase.']],
      ['the purchase still answers', says('E5'), ['card: Which add-on do you want to buy?']],
    ]);
  });

  it('"back" with nothing left aside still says there is nothing to go back to', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [['retour', says('retour'), ['Il n’y a pas d’étape précédente.']]]);
  });
});
