// Old cards and junk: a click on a card whose flow was left (cancel typed or clicked, back, a new request, a new
// install) says the card is no longer active, turns it read-only and changes nothing; a submission the bot cannot
// read gets one plain line, also mid-flow, and the open question still takes its answer; "Next" on "pending
// approvals" pages in place while a purchase waits.
import assert from 'node:assert/strict';
import { demoWorld, snapshot, TENANT_A, type World } from '../support/billingHarness.js';
import { actionData, Chat, play, rig, says, type JsonObject, type Reply } from '../support/chat.js';

const NO_LONGER_ACTIVE = 'That card is no longer active. Nothing was changed.';
const UNREADABLE = { en: 'I couldn’t read that card: type help to see what I can do.', fr: 'Je n’ai pas pu lire cette carte : tapez aide pour voir ce que je sais faire.' };

function expectStale(reply: Reply, what: string): void {
  const all = reply.lines.join('\n  ');
  assert.ok(reply.lines.some((line) => line.startsWith('invoke card: ') || line.startsWith('updated: ')), `${what}: the clicked card becomes read-only:\n  ${all}`);
  assert.ok(JSON.stringify(reply.cards).includes('no longer active') || all.includes('no longer active'), `${what}: says no longer active:\n  ${all}`);
}

/** A click on a card as it was first shown (the card itself may have been replaced since). */
async function clickSaved(chat: Chat, card: string, data: JsonObject, via: 'execute' | 'submit'): Promise<Reply> {
  if (via === 'submit') return chat.send({ type: 'message', value: data, replyToId: card });
  return chat.send({ type: 'invoke', name: 'adaptiveCard/action', replyToId: card, value: { action: { type: 'Action.Execute', verb: data.verb, data } } });
}

async function storageChat(world: World, locale = 'en-US'): Promise<Chat> {
  const chat = new Chat(rig(world), { tenantId: TENANT_A, locale });
  // Typed in the chat's own language: a clear sentence in the other one would switch the chat to it.
  const ask = locale.startsWith('fr') ? 'acheter du stockage supplémentaire' : 'buy storage add-on';
  await play(chat, [['buy storage', says(ask), ['card: ']]]);
  return chat;
}

describe('Old cards', () => {
  const LEAVES: ReadonlyArray<[string, (chat: Chat) => Promise<unknown>]> = [
    ['cancel typed', (chat) => chat.say('cancel')],
    ['cancel clicked', (chat) => chat.click('buy.cancel')],
    ['a new request', (chat) => chat.say('change the quantity of Audio Conferencing')],
    ['a new install', (chat) => chat.send({ type: 'installationUpdate', action: 'add' })],
    ['a new install announced as the bot added', (chat) => chat.send({
      type: 'conversationUpdate', membersAdded: [{ id: '28:addon-assistant', name: 'Add-on Assistant' }],
    })],
  ];
  for (const [what, leave] of LEAVES) {
    for (const via of ['execute', 'submit'] as const) {
      it(`a click (${via}) on the purchase's card after ${what} is no longer active and changes nothing`, async () => {
        const world = await demoWorld();
        const chat = await storageChat(world);
        const card = chat.cardWith('buy.chooseSubscription');
        const data = { ...actionData(chat.card(card), 'buy.chooseSubscription'), choice: 'sub-e3' };
        await leave(chat);
        const before = await snapshot(world, world.a.megan);
        const reply = await clickSaved(chat, card, data, via);
        expectStale(reply, what);
        if (via === 'submit') assert.ok(reply.lines.includes(NO_LONGER_ACTIVE), reply.lines.join('\n  '));
        assert.deepEqual(await snapshot(world, world.a.megan), before);
      });
    }
  }

  it('a checkout card of a purchase left for a new request places no order', async () => {
    const world = await demoWorld();
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['checkout', says('buy 50 GB storage for E3 yearly'), ['card: Review your order']],
    ]);
    const checkout = chat.cardWith('buy.placeOrder');
    const data = actionData(chat.card(checkout), 'buy.placeOrder') ?? {};
    await play(chat, [
      ['something else', says('remove Phone System'), ['updated: This card is no longer active', 'I put your purchase of Office 365 Extra File Storage aside for this']],
    ]);
    const before = await snapshot(world, world.a.megan);
    const reply = await clickSaved(chat, checkout, data, 'execute');
    assert.ok(reply.lines.some((line) => line.startsWith('invoke card: ')), reply.lines.join('\n  '));
    assert.deepEqual(await snapshot(world, world.a.megan), before);
    assert.equal(before.orders.length, 0);
  });

  it('"back" makes the cards after the step gone back to stale', async () => {
    const world = await demoWorld();
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['details', says('buy storage add-on'), ['card: ']],
      ['E3', says('E3'), ['card: Buy Office 365 Extra File Storage']],
    ]);
    const details = chat.cardWith('buy.details');
    await play(chat, [['back', says('back'), ['card: Which subscription']]]);
    const before = await snapshot(world, world.a.megan);
    const reply = await chat.click('buy.details', { quantity: '50', frequency: 'yearly' }, { card: details });
    expectStale(reply, 'back');
    assert.deepEqual(await snapshot(world, world.a.megan), before);
    await play(chat, [['the open question still answers', says('E3'), ['card: Buy Office 365 Extra File Storage']]]);
  });
});

describe('Unreadable card submissions', () => {
  const SHAPES: ReadonlyArray<[string, Record<string, unknown>]> = [
    ['an empty value', { type: 'message', value: {} }],
    ['an unknown verb', { type: 'message', value: { verb: 'nope' } }],
    ['a junk value', { type: 'message', value: 'junk' }],
    ['a list as value', { type: 'message', value: [1, 2] }],
    ['an invoke without a verb', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: {} } } }],
    ['an invoke with an unknown verb', { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'buy.everything' } } }],
  ];
  for (const [what, activity] of SHAPES) {
    it(`${what}, with no flow open, gets the line`, async () => {
      const world = await demoWorld();
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      const reply = await chat.send(activity);
      const said = activity.type === 'invoke' ? `invoke message: ${UNREADABLE.en}` : UNREADABLE.en;
      assert.ok(reply.lines.includes(said), reply.lines.join('\n  '));
      assert.deepEqual(chat.dialogStack(), []);
    });
    it(`${what}, in the middle of a purchase (FR), gets the line, and the question still takes its answer`, async () => {
      const world = await demoWorld();
      const chat = await storageChat(world, 'fr-FR');
      const before = chat.dialogStack();
      const state = chat.conversationStateJson();
      const reply = await chat.send(activity);
      assert.ok(reply.lines.some((line) => line.endsWith(UNREADABLE.fr)), reply.lines.join('\n  '));
      assert.deepEqual(chat.dialogStack(), before);
      assert.equal(chat.conversationStateJson().replace(/"lastActiveAt":\d+/, ''), state.replace(/"lastActiveAt":\d+/, ''), 'the stack is untouched');
      await play(chat, [['E3', says('E3'), ['card: Acheter l’espace de stockage supplémentaire Office 365']]]);
    });
  }
});

describe('Paging "pending approvals" while a purchase waits', () => {
  it('Next shows page 2 in place and keeps the purchase question open', async () => {
    const world = await demoWorld();
    for (let i = 0; i < 11; i++) {
      const quote = await world.service.quotePurchase(world.a.lee, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 10 + i, frequency: 'yearly' });
      await world.service.requestPurchase(world.a.lee, { quoteId: quote.id });
    }
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['pending approvals', says('pending approvals'), ['card: ']],
      ['buy storage', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
    ]);
    const before = chat.dialogStack();
    const reply = await chat.click('requests.page');
    const all = reply.lines.join('\n  ');
    assert.ok(!all.includes('no longer active'), all);
    assert.ok(reply.lines.some((line) => line.startsWith('invoke card: ')), all);
    assert.deepEqual(chat.dialogStack(), before);
    await play(chat, [['E3', says('E3'), ['card: Buy Office 365 Extra File Storage']]]);
  });
});
