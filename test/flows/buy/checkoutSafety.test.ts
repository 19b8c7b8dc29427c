// What must never happen with money: an order placed twice, an order from a stale or tampered card, prices from a
// payload; plus the state size, the turn log, failed turns and callers the domain does not know.
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { MemoryLedgerStore } from '../../../src/store/memoryLedgerStore.js';
import { BillingService } from '../../../src/domain/billingService.js';
import { demoWorld, TENANT_A, TENANT_B, type World } from '../../support/billingHarness.js';
import { FakeClock } from '../../support/fakeClock.js';
import { saveCard } from '../../support/savedCards.js';
import { SequentialIds } from '../../support/sequentialIds.js';
import { Chat, clicks, expectLines, play, rig, says, type Json } from '../../support/chat.js';

async function orderCount(world: World): Promise<number> {
  return (await world.service.listOrders(world.a.megan, { limit: 100 })).items.length;
}

async function toCheckout(chat: Chat): Promise<string> {
  await play(chat, [['buy 20 GB', says('buy 20 GB of storage for E3, billed yearly'), ['card: Review your order']]]);
  return chat.cardWith('buy.placeOrder');
}

async function toDetails(chat: Chat): Promise<string> {
  await play(chat, [
    ['buy storage', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
    ['E3', clicks('buy.chooseSubscription', { choice: 'sub-e3' }), ['card: Buy Office 365 Extra File Storage']],
  ]);
  return chat.cardWith('buy.details');
}

describe('Placing an order exactly once', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('a second click on Place order places nothing and says the order was already placed', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const checkoutId = await toCheckout(chat);
    const checkout = chat.card(checkoutId);
    const [first] = await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), ['invoke card: Order placed']]]);
    const orderId = /ORD-\d+/.exec(first?.lines.join(' ') ?? '')?.[0];
    assert.ok(orderId);
    // The client still shows the old card (a second tab, a slow refresh): clicking it again.
    chat.shown.set(checkoutId, checkout);
    await play(chat, [['Place order again', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: checkoutId }), [
      `invoke card: Already placed — This order was already placed: order ${orderId}. Nothing was charged twice.`,
    ]]]);
    assert.equal(await orderCount(world), 1);
  });

  it('a redelivered Action.Submit with a new activity id places nothing and says so', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const checkoutId = await toCheckout(chat);
    const checkout = chat.card(checkoutId);
    await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-invoice' }, { via: 'submit', activityId: 'teams-1' }), [
      'updated: Order placed', 'Done! Your order ORD-',
    ]]]);
    chat.shown.set(checkoutId, checkout);
    await play(chat, [['redelivered', clicks('buy.placeOrder', { paymentMethodId: 'pm-invoice' }, { via: 'submit', card: checkoutId, activityId: 'teams-1-retry' }), [
      'updated: Already placed', 'This order was already placed: order ORD-',
    ]]]);
    assert.equal(await orderCount(world), 1);
  });

  it('two clicks at the same moment (both turns see the checkout step) place one order', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    const [a, b] = await Promise.all([
      chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }),
      chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }),
    ]);
    assert.equal(await orderCount(world), 1);
    const all = [...(a?.lines ?? []), ...(b?.lines ?? [])].join('\n');
    assert.match(all, /Done! Your order ORD-\d+ is placed\./);
    assert.match(all, /already placed: order ORD-\d+/);
  });

  it('a checkout card of a canceled flow places nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const checkoutId = await toCheckout(chat);
    await play(chat, [
      ['cancel', says('cancel'), ['OK, I canceled that.']],
      ['old Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: checkoutId }), [
        'invoke card: This card is no longer active — That card is no longer active. Nothing was ordered.',
      ]],
    ]);
    assert.equal(await orderCount(world), 0);
  });

  it('a checkout card from before "back" places nothing; the current one does', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const oldCheckout = await toCheckout(chat);
    await play(chat, [
      ['back', says('back'), ['card: Buy Office 365 Extra File Storage']],
      ['30 GB', clicks('buy.details', { quantity: '30', frequency: 'yearly' }), ['card: Review your order']],
      ['old card', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: oldCheckout }), ['That card is no longer active. Nothing was ordered.']],
    ]);
    assert.equal(await orderCount(world), 0);
    await play(chat, [['new card', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), ['Done! Your order']]]);
    const [order] = (await world.service.listOrders(world.a.megan)).items;
    assert.equal(order?.quantity, 30);
  });

  it('a stale quote (over 15 minutes) is refused by the domain and the flow ends', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    world.clock.advance(16 * 60 * 1000);
    await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }), [
      'invoke card: Order not placed — This card is out of date. Nothing was changed',
    ]]]);
    assert.equal(await orderCount(world), 0);
    assert.deepEqual(chat.dialogStack(), []);
  });

  it('Place order without a payment method asks for one and keeps the card usable', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    await play(chat, [
      ['no method', clicks('buy.placeOrder', {}), ['Choose a payment method first.', 'invoke card: Review your order']],
      ['with one', clicks('buy.placeOrder', { paymentMethodId: 'pm-invoice' }), ['Done! Your order']],
    ]);
    assert.equal(await orderCount(world), 1);
  });
});

describe('Tampered card payloads', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  const RANGE = 'Office 365 Extra File Storage takes a whole number of GB from 1 to 1,000,000. How many do you want?';
  const NEEDED = 'Please give the quantity (GB) and the billing frequency (monthly or yearly).';
  for (const [label, inputs, omit, extra, answer] of [
    ['negative quantity "-5"', { quantity: '-5', frequency: 'yearly' }, [], {}, `I read -5. A quantity can’t be negative. ${RANGE}`],
    ['"1e9"', { quantity: '1e9', frequency: 'yearly' }, [], {}, `I read “1e9” as 1,000,000,000. That’s more than the maximum. ${RANGE}`],
    ['"abc"', { quantity: 'abc', frequency: 'yearly' }, [], {}, 'I couldn’t read “abc” as one number. Please write the quantity in digits or words'],
    ['"2.5"', { quantity: '2.5', frequency: 'yearly' }, [], {}, `I read 2.5. That isn’t a whole number. ${RANGE}`],
    ['a number, not a string', { frequency: 'yearly' }, [], { quantity: 5 }, NEEDED],
    ['missing quantity', { frequency: 'yearly' }, [], {}, NEEDED],
    ['missing frequency', { quantity: '5' }, [], {}, 'Choose a billing frequency: monthly or yearly.'],
    ['unknown frequency', { quantity: '5', frequency: 'weekly' }, [], {}, 'Choose a billing frequency: monthly or yearly.'],
    ['an extra price field', { quantity: '5', frequency: 'yearly' }, [], { price: '0.01' }, 'That card’s data isn’t valid, so I didn’t change anything.'],
    ['a huge quantity "999999999"', { quantity: '999999999', frequency: 'yearly' }, [], {}, `I read 999,999,999. That’s more than the maximum. ${RANGE}`],
    ['zero', { quantity: '0', frequency: 'yearly' }, [], {}, `I read 0. That’s below the minimum. ${RANGE}`],
    ['no flow id', { quantity: '5', frequency: 'yearly' }, ['flowId'], {}, 'That card is no longer active. Nothing was changed.'],
  ] as const) {
    it(`details with ${label}: a clear message, the question again, no quote`, async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await toDetails(chat);
      await play(chat, [[label, clicks('buy.details', inputs, { omit, extra }), [answer]]]);
      assert.equal((await world.store.list(TENANT_A, 'quote', { limit: 10 })).items.length, 0);
      assert.ok(chat.dialogStack().length > 0, 'the question is still open');
    });
  }

  for (const [typed, read] of [['-5', 'I read -5. A quantity can’t be negative.'], ['1e9', 'I read “1e9” as 1,000,000,000.'], ['2.5', 'I read 2.5.']] as const) {
    it(`typing "${typed}" as the quantity is refused`, async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await toDetails(chat);
      await play(chat, [[typed, says(typed), [read, RANGE]]]);
      assert.equal((await world.store.list(TENANT_A, 'quote', { limit: 10 })).items.length, 0);
    });
  }

  it('after Action.Execute with a bad quantity the details card comes back in place', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toDetails(chat);
    await play(chat, [['-5', clicks('buy.details', { quantity: '-5', frequency: 'yearly' }), [RANGE, 'invoke card: Buy Office 365 Extra File Storage']]]);
  });

  it('a subscription id of another tenant, or an unknown one, is not an option', async () => {
    await world.service.provisionTenant({
      tenant: { id: 'tenant-c', name: 'Other', cloud: 'worldwide', currency: 'USD' }, users: [], paymentMethods: [],
      subscriptions: [{
        id: 'sub-other-e3', tenantId: 'tenant-c', productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, quantity: 5, assigned: 1,
        frequency: 'yearly', termStart: '2026-01-01T00:00:00.000Z', termEnd: '2027-01-01T00:00:00.000Z', recurringBilling: true,
        status: 'active', purchasedAt: '2026-01-01T00:00:00.000Z', scheduledChange: null,
      }],
    });
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['buy storage', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
      ['other tenant', clicks('buy.chooseSubscription', { choice: 'sub-other-e3' }), ['That isn’t one of the options.']],
      ['unknown', clicks('buy.chooseSubscription', { choice: 'sub-nope' }), ['That isn’t one of the options.']],
      ['nothing chosen', clicks('buy.chooseSubscription', {}), ['That isn’t one of the options.']],
      ['the same request again', says('buy an add-on'), ['card: Which subscription is this add-on for?']],
    ]);
    const second = new Chat(rig(world), { tenantId: TENANT_A, conversationId: 'c2' });
    await play(second, [
      ['buy any', says('buy an add-on'), ['card: Which subscription is this add-on for?']],
      ['E5', clicks('buy.chooseSubscription', { choice: 'sub-e5' }), ['card: Which add-on do you want to buy?']],
      ['not for E5', clicks('buy.chooseAddon', { choice: 'exchange-online-archiving' }), ['That isn’t one of the options.']],
    ]);
  });

  it('Place order with the quote id of another tenant places nothing', async () => {
    const foreign = await world.service.quotePurchase(world.b.megan, {
      addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'monthly', autoAssign: false,
    });
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    await play(chat, [['foreign quote', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { extra: { quoteId: foreign.id } }), [
      'That card is no longer active. Nothing was ordered.',
    ]]]);
    assert.equal(await orderCount(world), 0);
    assert.equal((await world.service.listOrders(world.b.megan)).items.length, 0);
  });

  it('Place order with an extra price or total field places nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    const extras: ReadonlyArray<Readonly<Record<string, Json>>> = [{ totalPerPeriod: '0.01' }, { price: { amount: 1, currency: 'USD' } }, { role: 'global_admin' }];
    for (const extra of extras) {
      await play(chat, [['tampered', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { extra }), ['That card’s data isn’t valid']]]);
    }
    assert.equal(await orderCount(world), 0);
  });

  it('Place order with a payment method of another tenant is refused by the domain', async () => {
    const foreignPm = await saveCard(world.store, TENANT_B, { last4: '0005', expMonth: 1, expYear: 2031 });
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await toCheckout(chat);
    await play(chat, [['foreign method', clicks('buy.placeOrder', { paymentMethodId: foreignPm.id }), [
      'That payment method isn’t valid for your organization.',
    ]]]);
    assert.equal(await orderCount(world), 0);
  });
});

describe('Bot state, logs and failures', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('keeps the conversation state under 8 KB in the middle of a buy flow', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const sizes: number[] = [];
    await chat.say('buy an add-on');
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    await chat.click('buy.chooseSubscription', { choice: 'sub-e3' });
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    await chat.click('buy.chooseAddon', { choice: 'phone-system' });
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    await chat.click('buy.details', { quantity: '5', frequency: 'yearly', autoAssign: 'true' });
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    for (const size of sizes) assert.ok(size > 0 && size < 8 * 1024, `state of ${size} bytes`);
    assert.ok(!chat.conversationStateJson().includes('AdaptiveCard'), 'no cards in state');
  });

  it('logs one line per turn: tenant, conversation, intent, duration, outcome; never what was typed', async () => {
    const r = rig(world);
    const chat = new Chat(r, { tenantId: TENANT_A });
    await chat.say('buy 20 GB of storage for E3, billed yearly');
    await chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' });
    const turns = r.logs.filter((l) => l.msg === 'turn');
    assert.equal(turns.length, 2);
    assert.deepEqual(turns.map((l) => [l.tenant, l.conversation, l.intent, l.outcome]), [
      [TENANT_A, `conv-${DEMO_USERS.megan}`, 'buy', 'ok'],
      [TENANT_A, `conv-${DEMO_USERS.megan}`, 'buy.placeOrder', 'order_placed'],
    ]);
    assert.ok(turns.every((l) => typeof l.durationMs === 'number'));
    assert.ok(!r.rawLogs.join('').includes('20 GB'), 'no user text in logs');
  });

  it('the turn line says when the conversation switched to the language the admin wrote in', async () => {
    const r = rig(world);
    const chat = new Chat(r, { tenantId: TENANT_A });
    await chat.say('my add-ons');
    await chat.say('quels modules complémentaires pour E3 ?');
    await chat.say('quels modules complémentaires pour E5 ?');
    const turns = r.logs.filter((l) => l.msg === 'turn');
    assert.deepEqual(turns.map((l) => l.languageSwitch), [undefined, 'fr', undefined]);
  });

  it('a failed turn is told plainly, logged by code only, and its conversation state is cleared', async () => {
    class FlakyStore extends MemoryLedgerStore {
      failing = false;
      override list: MemoryLedgerStore['list'] = (tenantId, kind, query) => {
        if (this.failing) return Promise.reject(new TypeError('disk on fire near card 4111111111111111'));
        return super.list(tenantId, kind, query);
      };
    }
    const store = new FlakyStore();
    const clock = new FakeClock();
    const service = new BillingService(store, clock, new SequentialIds());
    await service.provisionDemoTenant(TENANT_A);
    const r = rig({ clock, service });
    const chat = new Chat(r, { tenantId: TENANT_A, locale: 'fr-FR' }).withTurnErrorHandler();
    await chat.say('acheter du stockage supplémentaire');
    assert.ok(chat.dialogStack().length > 0);
    store.failing = true;
    const reply = await chat.click('buy.chooseSubscription', { choice: 'sub-e3' });
    expectLines(reply, ['Désolé, une erreur s’est produite de mon côté. Rien n’a été acheté.']);
    assert.equal(chat.conversationStateJson(), '', 'state cleared');
    const failure = r.logs.find((l) => l.msg === 'turn failed');
    assert.equal(failure?.code, 'TypeError');
    assert.ok(!r.rawLogs.join('').includes('disk on fire'), 'no error message (it may carry data) in logs');
    store.failing = false;
    await play(chat, [['again', says('aide'), ['card: Ce que je sais faire']]]);
  });

  it('a tenant the billing domain does not know gets the translated error', async () => {
    const chat = new Chat(rig(world), { tenantId: 'tenant-unknown', locale: 'fr-FR' });
    await play(chat, [['acheter', says('acheter du stockage supplémentaire'), [
      'Votre organisation n’est pas encore configurée pour utiliser Add-on Assistant.',
    ]]]);
    assert.deepEqual(chat.dialogStack(), []);
  });

  it('a user the tenant does not know gets the translated error', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_B, userId: 'aad-stranger' });
    await play(chat, [['buy', says('buy storage add-on'), ['Only a global admin or a billing admin can do that.']]]);
  });

  it('an activity without a tenant is refused plainly', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, withoutTenant: true });
    await play(chat, [['buy', says('buy storage add-on'), ['Your organization isn’t set up to use Add-on Assistant yet.']]]);
  });
});
