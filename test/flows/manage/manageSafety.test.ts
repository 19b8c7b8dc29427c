// What must never happen when changing what was bought: a change made twice (double-click, a redelivered activity
// under a new id, an old card), a change from another tenant's or a non-admin's click, a change from a canceled flow
// or a stale quote, or anything taken from a payload but the quote id. Every confirmation goes through the domain's
// idempotency claim; the card becomes its read-only outcome.
import assert from 'node:assert/strict';
import { addonOf, demoWorld, MINUTE, TENANT_A, TENANT_B, type World } from '../../support/billingHarness.js';
import { Chat, clicks, expectLines, play, rig, says, type Json, type Rig } from '../../support/chat.js';
import type { Verb } from '../../../src/conversation/verbs.js';

async function changes(world: World, tenant: 'a' | 'b' = 'a'): Promise<string[]> {
  const audit = await world.service.listAudit(world[tenant].megan, { limit: 100 });
  return audit.items.map((e) => `${e.action} ${e.targetId}`).reverse();
}

/** One flow of each kind, brought to its confirmation card. */
const FLOWS: ReadonlyArray<{ name: string; say: string; verb: Verb; change: string }> = [
  { name: 'a quantity change', say: 'add 5 Phone System licenses', verb: 'quantity.confirm', change: 'quantity.change sub-phone-system' },
  { name: 'a cancellation', say: 'remove Audio Conferencing', verb: 'removal.confirm', change: 'subscription.cancel sub-audio-conferencing' },
  { name: 'recurring billing off', say: 'turn off recurring billing for Phone System', verb: 'recurring.confirm', change: 'recurring_billing.off sub-phone-system' },
];

describe('Changing what was bought exactly once', () => {
  let world: World;
  let r: Rig;

  beforeEach(async () => {
    world = await demoWorld();
    r = rig(world);
  });

  it('an old confirmation card clicked after sixty more changes is still told who did it, and when', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [['add 5', says('add 5 Phone System licenses'), ['card: ']]]);
    const cardId = chat.cardWith('quantity.confirm');
    const card = chat.card(cardId);
    await play(chat, [['confirm', clicks('quantity.confirm'), ['Done!']]]);
    const alex = world.a.alex;
    for (let i = 0; i < 60; i++) {
      const quote = await world.service.proposeQuantityChange(alex, { subscriptionId: 'sub-phone-system', newQuantity: 31 + i });
      await world.service.confirmQuantityChange(alex, quote.id);
    }
    chat.shown.set(cardId, card);
    await play(chat, [['the old card', clicks('quantity.confirm', {}, { card: cardId }), [
      'invoke card: Already done — That was already done on November 23, 2026 by Megan Bowen, so nothing more was changed.',
    ]]]);
    assert.equal((await changes(world)).length, 61, 'one change from the card, sixty from Alex, nothing from the old card');
  });

  for (const flow of FLOWS) {
    describe(flow.name, () => {
      it('a second click on the same card changes nothing and says it was already done', async () => {
        const chat = new Chat(r, { tenantId: TENANT_A });
        await play(chat, [[flow.say, says(flow.say), ['card: ']]]);
        const cardId = chat.cardWith(flow.verb);
        const card = chat.card(cardId);
        await play(chat, [['confirm', clicks(flow.verb), ['Done!']]]);
        chat.shown.set(cardId, card); // a second tab, a slow refresh: the old card is still there
        await play(chat, [['confirm again', clicks(flow.verb, {}, { card: cardId }), [
          'invoke card: Already done — That was already done on November 23, 2026 by Megan Bowen, so nothing more was changed.',
        ]]]);
        assert.deepEqual(await changes(world), [flow.change]);
      });

      it('two clicks at the same moment (both turns see the confirmation step) make one change', async () => {
        const chat = new Chat(r, { tenantId: TENANT_A });
        await play(chat, [[flow.say, says(flow.say), ['card: ']]]);
        const [a, b] = await Promise.all([chat.click(flow.verb), chat.click(flow.verb)]);
        const all = [...(a?.lines ?? []), ...(b?.lines ?? [])].join('\n');
        assert.match(all, /Done!/);
        assert.match(all, /That was already done/);
        assert.deepEqual(await changes(world), [flow.change]);
      });

      it('the Action.Submit fallback redelivered under new activity ids changes nothing more', async () => {
        const chat = new Chat(r, { tenantId: TENANT_A, locale: 'fr-FR' });
        await play(chat, [[flow.say, says(flow.say), ['card: ']]]);
        await chat.say('français'); // a clear English request switched the chat to English: back to French for the clicks
        const cardId = chat.cardWith(flow.verb);
        const card = chat.card(cardId);
        await play(chat, [['confirmer', clicks(flow.verb, {}, { via: 'submit', activityId: 'teams-1' }), ['C’est fait !']]]);
        for (const id of ['teams-1-retry', 'teams-1-retry-2']) {
          chat.shown.set(cardId, card);
          await play(chat, [['redelivered', clicks(flow.verb, {}, { via: 'submit', card: cardId, activityId: id }), [
            'updated: Déjà fait', 'C’était déjà fait le 23 novembre 2026 par Megan Bowen : rien de plus n’a été modifié.',
          ]]]);
        }
        assert.deepEqual(await changes(world), [flow.change]);
      });

      it('a confirmation card of a canceled flow changes nothing', async () => {
        const chat = new Chat(r, { tenantId: TENANT_A });
        await play(chat, [[flow.say, says(flow.say), ['card: ']]]);
        const cardId = chat.cardWith(flow.verb);
        await play(chat, [
          ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
          ['old confirm', clicks(flow.verb, {}, { card: cardId }), ['invoke card: This card is no longer active — That card is no longer active. Nothing was changed.']],
        ]);
        assert.deepEqual(await changes(world), []);
      });

      it('a stale quote (over 15 minutes) changes nothing and the card says so', async () => {
        const chat = new Chat(r, { tenantId: TENANT_A });
        await play(chat, [[flow.say, says(flow.say), ['card: ']]]);
        world.clock.advance(16 * MINUTE);
        await play(chat, [['confirm', clicks(flow.verb), ['invoke card: Nothing was changed — This card is out of date. Nothing was changed']]]);
        assert.deepEqual(await changes(world), []);
        assert.deepEqual(chat.dialogStack(), []);
      });
    });
  }

  it('in a group chat, a user without purchase rights clicking an admin’s confirmation changes nothing; the card stays usable', async () => {
    const megan = new Chat(r, { tenantId: TENANT_A, user: 'megan', conversationId: 'group-1', conversationType: 'groupChat' });
    await play(megan, [['remove Audio Conferencing', says('remove Audio Conferencing'), ['card: Remove Audio Conferencing?']]]);
    const cardId = megan.cardWith('removal.confirm');
    const lee = new Chat(r, { tenantId: TENANT_A, user: 'lee', conversationId: 'group-1', conversationType: 'groupChat' });
    lee.shown.set(cardId, megan.card(cardId));
    await play(lee, [['Lee clicks', clicks('removal.confirm', {}, { card: cardId }), [
      'invoke message: Only a global admin or a billing admin can do that.',
    ]]]);
    const alex = new Chat(r, { tenantId: TENANT_A, user: 'alex', conversationId: 'group-1', conversationType: 'groupChat' });
    alex.shown.set(cardId, megan.card(cardId));
    await play(alex, [['another admin clicks', clicks('removal.confirm', {}, { card: cardId }), [
      'invoke message: This card was prepared for someone else. Nothing was changed.',
    ]]]);
    assert.deepEqual(await changes(world), []);
    await play(megan, [['Megan clicks', clicks('removal.confirm', {}, { card: cardId }), ['Done! Audio Conferencing is removed']]]);
    assert.deepEqual(await changes(world), ['subscription.cancel sub-audio-conferencing']);
  });

  it('another tenant replaying a confirmation payload changes nothing in either tenant', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [['add 5 Phone System licenses', says('add 5 Phone System licenses'), ['card: Confirm the new quantity of Phone System']]]);
    const cardId = chat.cardWith('quantity.confirm');
    const intruder = new Chat(r, { tenantId: TENANT_B, user: 'megan', conversationId: 'tenant-b-chat' });
    intruder.shown.set(cardId, chat.card(cardId));
    await play(intruder, [['tenant B clicks', clicks('quantity.confirm', {}, { card: cardId }), ['That card is no longer active. Nothing was changed.']]]);
    // Even inside a live flow of tenant B, tenant A's quote id is not its own.
    await play(intruder, [['tenant B starts its own change', says('add 5 Phone System licenses'), ['card: Confirm the new quantity of Phone System']]]);
    const ownFlowId = intruder.card(intruder.cardWith('quantity.confirm'));
    const flowId = JSON.stringify(ownFlowId).match(/"flowId":"([^"]+)"/)?.[1] ?? '';
    const foreignQuote = JSON.stringify(chat.card(cardId)).match(/"quoteId":"([^"]+)"/)?.[1] ?? '';
    assert.ok(flowId && foreignQuote);
    await play(intruder, [['a forged quote id', clicks('quantity.confirm', {}, { extra: { quoteId: foreignQuote, flowId } }), ['That card is no longer active. Nothing was changed.']]]);
    assert.deepEqual(await changes(world, 'a'), []);
    assert.deepEqual(await changes(world, 'b'), []);
    assert.equal((await addonOf(world, world.a.megan, 'sub-phone-system')).quantity, 20);
  });

  it('a payload with anything but the verb, the flow and the quote id is refused; the card stays usable', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [['add 5 Phone System licenses', says('add 5 Phone System licenses'), ['card: Confirm the new quantity of Phone System']]]);
    const cardId = chat.cardWith('quantity.confirm');
    const card = chat.card(cardId);
    const extras: ReadonlyArray<Readonly<Record<string, Json>>> = [{ amountNow: '0.01' }, { toQuantity: 500 }, { role: 'global_admin' }];
    for (const extra of extras) {
      await play(chat, [['tampered', clicks('quantity.confirm', {}, { extra }), ['That card’s data isn’t valid, so I didn’t change anything.']]]);
    }
    await play(chat, [
      ['no quote id', clicks('quantity.confirm', {}, { omit: ['quoteId'] }), ['That card’s data isn’t valid']],
      ['another confirm verb with this quote', clicks('quantity.confirm', {}, { card: cardId, extra: { verb: 'removal.confirm' } }), [
        'That card is no longer active. Nothing was changed.',
      ]],
    ]);
    assert.deepEqual(await changes(world), []);
    chat.shown.set(cardId, card); // the forged click answered on the card it came from: the user's client still shows the real one
    await play(chat, [['the real click', clicks('quantity.confirm', {}, { card: cardId }), ['Done! Phone System now has 25 licenses.']]]);
    assert.deepEqual(await changes(world), ['quantity.change sub-phone-system']);
  });

  it('typing instead of clicking asks for the button; an older card of the same flow changes nothing', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [
      ['change the quantity of Phone System', says('change the quantity of Phone System'), ['card: Add or remove licenses: Phone System']],
      ['25', says('25'), ['card: Confirm the new quantity of Phone System']],
    ]);
    const oldConfirm = chat.cardWith('quantity.confirm');
    await play(chat, [
      ['yes', says('yes'), ['Select Confirm change on the card to go ahead, or type cancel to stop.']],
      ['back', says('back'), ['card: Add or remove licenses: Phone System']],
      ['30', says('30'), ['card: Confirm the new quantity of Phone System']],
      ['the older card', clicks('quantity.confirm', {}, { card: oldConfirm }), ['That card is no longer active. Nothing was changed.']],
    ]);
    assert.deepEqual(await changes(world), []);
    const reply = await chat.click('quantity.confirm');
    expectLines(reply, ['Done! Phone System now has 30 licenses.']);
  });

  it('keeps the conversation state small (ids and a few numbers, no cards) in the middle of a change', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    const sizes: number[] = [];
    await chat.say('change quantity');
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    await chat.click('manage.chooseAddon', { choice: 'sub-phone-system' });
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    await chat.say('25');
    sizes.push(Buffer.byteLength(chat.conversationStateJson()));
    for (const size of sizes) assert.ok(size > 0 && size < 8 * 1024, `state of ${size} bytes`);
    assert.ok(!chat.conversationStateJson().includes('AdaptiveCard'), 'no cards in state');
  });

  it('a support request is opened once, and its id is the same when clicked again', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [['remove Extra File Storage', says('remove Extra File Storage'), ['card: Open a support request']]]);
    const cardId = chat.cardWith('support.confirm');
    const card = chat.card(cardId);
    const [opened] = await play(chat, [['open', clicks('support.confirm'), ['Done! Support request SR-']]]);
    chat.shown.set(cardId, card);
    await play(chat, [['again', clicks('support.confirm', {}, { card: cardId, via: 'submit' }), ['updated: Already done']]]);
    const id = /SR-\d+/.exec(opened?.lines.join(' ') ?? '')?.[0];
    assert.deepEqual(await changes(world), [`support_request.open ${id ?? '?'}`]);
  });
});
