// The buy flow of SPEC section 3, as conversations: the real bot, the real BillingService over MemoryLedgerStore,
// the demo tenant (Megan global admin, Lee plain user), a fake clock at 2026-11-23T10:00Z.
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { adaptiveCardValidator } from '../../support/schemas.js';
import { saveCard } from '../../support/savedCards.js';
import { cardText, Chat, clicks, headline, play, rig, says, type Turn } from '../../support/chat.js';

async function ordersOf(world: World) {
  return (await world.service.listOrders(world.a.megan, { limit: 100 })).items;
}

describe('Buying an add-on', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: "buy storage add-on" → subscription → details → checkout → Place order → receipt', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    const turns: Turn[] = [
      ['buy storage add-on', says('buy storage add-on'), [
        'card: Which subscription is this add-on for? — Only subscriptions that support Office 365 Extra File Storage are shown.',
      ]],
      ['chooses E3', clicks('buy.chooseSubscription', { choice: 'sub-e3' }), [
        'card: Buy Office 365 Extra File Storage — For Office 365 E3 (25 licenses)',
        'invoke card: For subscription — Office 365 E3 (25 licenses)',
      ]],
      ['50 GB, yearly', clicks('buy.details', { quantity: '50', frequency: 'yearly' }), [
        'card: Review your order — These prices are valid until 10:15 AM UTC.',
        'invoke card: Office 365 Extra File Storage — 50 GB, billed yearly',
      ]],
      ['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), [
        'Done! Your order ORD-', 'invoke card: Order placed — Thanks! Your Office 365 Extra File Storage order is complete.',
      ]],
    ];
    const replies = await play(chat, turns);

    const checkout = replies[2]?.cards.find((c) => cardText(c.card).includes('Review your order'))?.card;
    assert.ok(checkout);
    const text = cardText(checkout);
    for (const shown of ['Office 365 Extra File Storage', 'Office 365 E3 (25 licenses)', '$2.40', '50 GB', 'Yearly', '$120.00', 'Visa •••• 4242, expires 12/2029', 'Invoice', 'Place order', 'Add a card']) {
      assert.ok(text.includes(shown), `checkout shows ${shown}: ${text}`);
    }
    assert.ok(!text.includes('Auto-assign'), 'no auto-assign for storage');

    const orders = await ordersOf(world);
    assert.equal(orders.length, 1);
    assert.deepEqual([orders[0]?.addonId, orders[0]?.baseSubscriptionId, orders[0]?.quantity, orders[0]?.frequency, orders[0]?.paymentMethodId],
      ['extra-file-storage', 'sub-e3', 50, 'yearly', 'pm-visa-4242']);
    assert.equal(orders[0]?.totalPerPeriod.amount, 12_000);
    const receipt = replies[3]?.invoke?.body.value;
    assert.ok(receipt && typeof receipt === 'object' && !Array.isArray(receipt));
    assert.ok(cardText(receipt).includes(orders[0]?.id ?? '?'), 'the receipt shows the order number');
    assert.deepEqual(chat.dialogStack(), [], 'the flow is over');
  });

  it('in French with every slot in the sentence: "acheter 50 Go de stockage pour E3, facturé annuellement" goes straight to checkout', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan', locale: 'fr-FR' });
    const replies = await play(chat, [
      ['acheter 50 Go…', says('acheter 50 Go de stockage pour E3, facturé annuellement'), [
        'Pour l’espace de stockage supplémentaire Office 365 : votre abonnement Office 365 Entreprise E3 (25 licences).',
        'card: Vérifiez votre commande',
      ]],
      ['Passer la commande', clicks('buy.placeOrder', { paymentMethodId: 'pm-invoice' }), [
        'C’est fait ! Votre commande ORD-', 'invoke card: Commande passée — Merci ! Votre commande de l’espace de stockage supplémentaire Office 365 est terminée.',
      ]],
    ]);
    const checkout = replies[0]?.cards[0]?.card;
    assert.ok(checkout);
    const text = cardText(checkout);
    for (const shown of ['Espace de stockage supplémentaire Office 365', '50 Go', 'Annuelle', '120,00', 'Passer la commande', 'Ajouter une carte']) {
      assert.ok(text.includes(shown), `checkout shows ${shown}: ${text}`);
    }
    assert.equal((await ordersOf(world)).length, 1);
  });

  it('in French through the cards, with Action.Submit (the card is updated in place)', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
    await play(chat, [
      ['acheter du stockage', says('acheter du stockage supplémentaire'), ['card: À quel abonnement voulez-vous ajouter ce module ?']],
      ['Business Basic', clicks('buy.chooseSubscription', { choice: 'sub-business-basic' }, { via: 'submit' }), [
        'updated: Pour l’abonnement — Microsoft 365 Business Basic (10 licences)',
        'card: Acheter l’espace de stockage supplémentaire Office 365 — Pour Microsoft 365 Business Basic (10 licences)',
      ]],
      ['10 Go, mensuel', clicks('buy.details', { quantity: '10', frequency: 'monthly' }, { via: 'submit' }), [
        'updated: Espace de stockage supplémentaire Office 365 — 10 Go, facturation mensuelle', 'card: Vérifiez votre commande',
      ]],
      ['Passer la commande', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { via: 'submit' }), [
        'updated: Commande passée', 'C’est fait ! Votre commande ORD-',
      ]],
    ]);
    const [order] = await ordersOf(world);
    assert.equal(order?.quantity, 10);
    assert.equal(order?.frequency, 'monthly');
    assert.equal(order?.totalPerPeriod.amount, 240, '10 GB × $0.24');
    assert.equal(order?.placedBy, DEMO_USERS.alex);
  });

  it('picks the only eligible subscription and says so, then asks for the add-on details', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['buy communications credits', says('buy communications credits'), [
        'Communications Credits can only be added to your Office 365 E5 (5 licenses) subscription, so I picked it.',
        'card: Buy Communications Credits — For Office 365 E5 (5 licenses)',
      ]],
    ]);
  });

  it('says which plans support the add-on when no subscription does, and ends', async () => {
    await world.service.provisionTenant({
      tenant: { id: 'tenant-no-e5', name: 'Fabrikam', cloud: 'worldwide', currency: 'USD' },
      users: [{ id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true }],
      paymentMethods: [],
      subscriptions: [{
        id: 'sub-fab-e3', tenantId: 'tenant-no-e5', productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, quantity: 40, assigned: 30,
        frequency: 'yearly', termStart: '2026-01-01T00:00:00.000Z', termEnd: '2027-01-01T00:00:00.000Z', recurringBilling: true,
        status: 'active', purchasedAt: '2026-01-01T00:00:00.000Z', scheduledChange: null,
      }],
    });
    for (const [locale, text, answer] of [
      ['en-US', 'buy communications credits', 'Communications Credits isn’t available for any of your active subscriptions. It can be added to: Office 365 E5.'],
      ['fr-FR', 'acheter des crédits de communication', 'Aucun de vos abonnements actifs ne peut recevoir le module Crédits de communication. Ce module peut être ajouté à : Office 365 Entreprise E5.'],
    ] as const) {
      const chat = new Chat(rig(world), { tenantId: 'tenant-no-e5', locale });
      await play(chat, [[text, says(text), [answer]]]);
      assert.deepEqual(chat.dialogStack(), []);
    }
  });

  it('asks for the add-on when none is named: only those available for the chosen subscription', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [, second] = await play(chat, [
      ['buy an add-on', says('buy an add-on'), ['card: Which subscription is this add-on for?']],
      ['E5', clicks('buy.chooseSubscription', { choice: 'sub-e5' }), ['card: Which add-on do you want to buy? — Only add-ons available for Office 365 E5 are shown.']],
      ['Phone System', clicks('buy.chooseAddon', { choice: 'phone-system' }), ['card: Buy Phone System — For Office 365 E5 (5 licenses)']],
      ['3 licenses, monthly, auto-assign', clicks('buy.details', { quantity: '3', frequency: 'monthly', autoAssign: 'true' }), ['card: Review your order']],
    ]);
    const addonCard = second?.cards.find((c) => cardText(c.card).includes('Which add-on'))?.card;
    assert.ok(addonCard);
    const text = cardText(addonCard);
    for (const name of ['Phone System', 'International Calling Plan', 'Domestic Calling Plan', 'Communications Credits']) assert.ok(text.includes(name), name);
    assert.ok(!text.includes('Exchange Online Archiving') && !text.includes('Audio Conferencing'), 'not available for E5');
    const checkout = chat.card(chat.cardWith('buy.placeOrder'));
    assert.ok(cardText(checkout).includes('Auto-assign licenses | On | Turn off auto-assign'), cardText(checkout));
  });

  it('accepts typed answers: a plan name for the subscription, "12" then "yearly" for the details', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['buy phone system', says('buy phone system'), ['card: Which subscription is this add-on for?']],
      ['types E3', says('E3'), ['card: Buy Phone System — For Office 365 E3 (25 licenses)']],
      ['types 12', says('12'), ['card: Buy Phone System']],
      ['types yearly', says('yearly'), ['card: Review your order']],
    ]);
    const checkout = cardText(chat.card(chat.cardWith('buy.placeOrder')));
    assert.ok(checkout.includes('12 licenses') && checkout.includes('$1,152.00'), checkout);
  });

  it('uses the plan named in the sentence, and says why when the tenant has no such subscription', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['buy 10 Phone System licenses for E3, billed monthly', says('buy 10 Phone System licenses for E3, billed monthly'), [
        'For Phone System: your Office 365 E3 (25 licenses) subscription.', 'card: Review your order',
      ]],
    ]);
    const other = new Chat(rig(world), { tenantId: TENANT_A, conversationId: 'other' });
    await play(other, [
      ['Phone System for Business Basic', says('buy Phone System for Business Basic'), [
        'Phone System isn’t available for Microsoft 365 Business Basic. It can be added to: Office 365 E1, Office 365 E3, Office 365 E4',
        'card: Which subscription is this add-on for?',
      ]],
    ]);
  });

  it('pages a long list of subscriptions: "Show more" replaces the card with the next page', async () => {
    const subscriptions = Array.from({ length: 30 }, (_, i) => ({
      id: `sub-big-${String(i + 1).padStart(2, '0')}`, tenantId: 'tenant-big', productId: 'o365-e3' as const, kind: 'base' as const,
      baseSubscriptionId: null, quantity: 10 + i, assigned: 1, frequency: 'yearly' as const, termStart: '2026-01-01T00:00:00.000Z',
      termEnd: '2027-01-01T00:00:00.000Z', recurringBilling: true, status: 'active' as const, purchasedAt: '2026-01-01T00:00:00.000Z',
      scheduledChange: null,
    }));
    await world.service.provisionTenant({
      tenant: { id: 'tenant-big', name: 'Big', cloud: 'worldwide', currency: 'USD' },
      users: [{ id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true }],
      paymentMethods: [], subscriptions,
    });
    const chat = new Chat(rig(world), { tenantId: 'tenant-big' });
    await play(chat, [
      ['buy storage', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
      ['Show more', clicks('buy.showMore'), ['invoke card: Which subscription is this add-on for?']],
    ]);
    const page2 = cardText(chat.card(chat.cardWith('buy.chooseSubscription')));
    assert.ok(page2.includes('26–30 of 30'), page2);
    const shownIds = JSON.stringify(chat.card(chat.cardWith('buy.chooseSubscription'))).match(/sub-big-\d+/g) ?? [];
    assert.equal(new Set(shownIds).size, 5);
    await play(chat, [['a subscription of page 2', clicks('buy.chooseSubscription', { choice: shownIds[0] ?? '' }), ['card: Buy Office 365 Extra File Storage']]]);
  });

  it('gives a user without purchase rights (Lee) the "Request approval" card instead of checkout (test/flows/approvals/approvals.test.ts goes on)', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    await play(chat, [
      ['buy storage', says('buy 20 GB of storage for E3, billed yearly'), ['card: Request approval']],
      // Without the approval services (this rig has none) the request is stored, and Lee is told nobody was reached.
      ['Send request', clicks('buy.requestApproval', {}), ['is saved, but I couldn’t reach Alex Wilber and Megan Bowen.']],
    ]);
    assert.deepEqual(chat.dialogStack(), []);
    assert.equal((await ordersOf(world)).length, 0);
    assert.equal((await world.service.listRequests(world.a.lee)).items.length, 1);
  });

  it('takes no card number: a card added in the admin center appears on the checkout card after Refresh, and pays', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [['buy storage', says('buy 20 GB of storage for E3, billed yearly'), ['card: Review your order']]]);
    const before = JSON.stringify(chat.card(chat.cardWith('buy.placeOrder')));
    assert.ok(before.includes('https://admin.microsoft.com/#/billing/paymentmethods'), 'Add a card opens the payment methods page');
    assert.ok(!before.includes('1111'));
    const card = await saveCard(world.store, TENANT_A, { last4: '1111', expMonth: 12, expYear: 2030 });
    await play(chat, [['Refresh', clicks('buy.refreshCheckout'), ['invoke card: Review your order']]]);
    assert.ok(JSON.stringify(chat.card(chat.cardWith('buy.placeOrder'))).includes('Visa •••• 1111, expires 12/2030'));
    await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: card.id }), ['Done! Your order']]]);
    assert.equal((await ordersOf(world))[0]?.paymentMethodId, card.id);
  });

  for (const [locale, sentence, answer] of [
    ['en-US', 'buy 20 GB of storage for E3, billed yearly', 'Card numbers aren’t taken in chat: nothing was saved.'],
    ['fr-FR', 'acheter 20 Go de stockage pour E3, facturé annuellement', 'Les numéros de carte ne sont pas saisis dans la conversation : rien n’a été enregistré.'],
  ] as const) {
    it(`answers an "Add a card" submission from a checkout card sent before clearly, and it changes nothing (${locale})`, async () => {
      const r = rig(world);
      const chat = new Chat(r, { tenantId: TENANT_A, locale });
      await chat.say(sentence);
      const oldForm = { verb: 'buy.addCard', cardNumber: '4111 1111 1111 1111', expMonth: '12', expYear: '2030' };
      await play(chat, [
        ['old Add a card (Execute)', clicks('buy.refreshCheckout', {}, { extra: oldForm }), [answer, 'invoke card: ']],
        ['old Add a card (Submit)', clicks('buy.refreshCheckout', {}, { extra: oldForm, via: 'submit' }), [answer]],
      ]);
      assert.equal((await world.service.listPaymentMethods(world.a.megan)).length, 2, 'no payment method was added');
      assert.equal((await ordersOf(world)).length, 0);
      // The flow is still open: the order can be placed with a saved method.
      await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), ['ORD-']]]);
      const everything = JSON.stringify(r.memory) + r.rawLogs.join('') + JSON.stringify(await world.store.list(TENANT_A, 'audit', { limit: 1000 }));
      assert.ok(!everything.includes('4111111111111111') && !everything.includes('4111 1111 1111 1111'), 'the card number is never stored or logged');
    });
  }

  it('answers an old "Add a card" click after its flow ended: nothing saved, where to add a card said', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await chat.say('buy 20 GB of storage for E3, billed yearly');
    const checkoutId = chat.cardWith('buy.placeOrder');
    await chat.say('cancel');
    await play(chat, [['old Add a card', clicks('buy.refreshCheckout', {}, { card: checkoutId, extra: { verb: 'buy.addCard', cardNumber: '4242424242424242' } }), [
      'invoke card: This card is no longer active — Card numbers aren’t taken in chat: nothing was saved.',
    ]]]);
    assert.equal((await world.service.listPaymentMethods(world.a.megan)).length, 2);
  });
});

describe('Cards the bot sends', () => {
  it('are valid Adaptive Cards 1.5 under 28 KB, in both languages, including notices and updates', async () => {
    const validate = adaptiveCardValidator();
    for (const locale of ['en-US', 'fr-FR']) {
      const world = await demoWorld();
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale });
      const replies = [
        await chat.send({ type: 'installationUpdate', action: 'add' }),
        await chat.say('help'),
        await chat.say('buy an add-on'),
        await chat.click('buy.chooseSubscription', { choice: 'sub-e3' }),
        await chat.click('buy.chooseAddon', { choice: 'phone-system' }),
        await chat.click('buy.details', { quantity: '-5', frequency: 'yearly' }),
        await chat.click('buy.details', { quantity: '5', frequency: 'yearly', autoAssign: 'true' }),
        await chat.click('buy.refreshCheckout'),
        await chat.click('buy.placeOrder', {}),
      ];
      const checkoutId = chat.cardWith('buy.placeOrder');
      const checkout = chat.card(checkoutId);
      replies.push(await chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }));
      chat.shown.set(checkoutId, checkout);
      replies.push(await chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: checkoutId }));
      replies.push(await chat.say('cancel'), await chat.say('buy storage add-on'), await chat.click('buy.cancel'));
      let count = 0;
      for (const reply of replies) {
        for (const { card } of reply.cards) {
          count += 1;
          assert.ok(validate(card), `${headline(card)}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
          assert.equal(card.version, '1.5');
          assert.ok(Buffer.byteLength(JSON.stringify(card)) < 28 * 1024);
        }
      }
      assert.ok(count >= 12, `${count} cards checked`);
    }
  });
});
