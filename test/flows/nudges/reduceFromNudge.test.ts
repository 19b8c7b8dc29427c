// "Reduce to 4" on a refund-window nudge, as conversations on the demo tenant 23 hours before Audio Conferencing's
// refund window closes (10 licenses, 4 assigned): the same quote, confirmation card and exactly-once confirm as a typed
// "change the quantity", the refund shown; a double click, a redelivery, a closed window, licenses assigned meanwhile
// and a plain user clicking.
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { addonOf, demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { cardText, Chat, expectLines, rig } from '../../support/chat.js';
import { money } from '../../../src/i18n/formats.js';
import { assignLicenses, AUDIO, AUDIO_WINDOW_ENDS, deliver, NUDGE_TIME, refundWindowNudge } from './nudgeWorld.js';

async function quantityChanges(world: World): Promise<string[]> {
  const audit = await world.service.listAudit(world.a.megan, { limit: 100 });
  return audit.items.filter((e) => e.action.startsWith('quantity.')).map((e) => `${e.action} ${e.targetId}`);
}

describe('Nudges: Reduce to N on a refund-window card', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
    world.clock.set(NUDGE_TIME);
  });

  it('leads to the change-quantity confirmation with the refund, and Confirm reduces once (double click, redelivery under a new activity id)', async () => {
    const nudge = await refundWindowNudge(world, world.a.megan);
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    const card = deliver(chat, nudge, 'en');
    const refund = money(nudge.refund, 'en');
    assert.ok(cardText(card).includes(`Until November 27, 2026 at 10:00 AM UTC you can reduce to 4 and get ${refund} back.`), cardText(card));

    const reduce = await chat.click('nudge.reduce');
    expectLines(reduce, ['card: Confirm the new quantity of Audio Conferencing — This takes effect now.']);
    const confirmCard = cardText(reduce.cards.find((c) => cardText(c.card).includes('Confirm the new quantity'))?.card ?? {});
    for (const shown of ['Current quantity', '10 licenses', 'New quantity', '4 licenses', 'Refunded now (prorated)', refund, 'Confirm change']) {
      assert.ok(confirmCard.includes(shown), `the confirmation shows ${shown}: ${confirmCard}`);
    }
    const confirmId = chat.cardWith('quantity.confirm');
    const original = chat.card(confirmId);

    const done = await chat.click('quantity.confirm', {}, { card: confirmId });
    expectLines(done, [`Done! Audio Conferencing now has 4 licenses. ${refund} will be refunded`, 'invoke card: Quantity changed']);
    // The client still shows the confirmation: a double click, then Teams redelivering the click under a new id.
    chat.shown.set(confirmId, original);
    const twice = await chat.click('quantity.confirm', {}, { card: confirmId });
    chat.shown.set(confirmId, original);
    const redelivered = await chat.click('quantity.confirm', {}, { card: confirmId, activityId: 'redelivered-confirm', via: 'submit' });
    for (const reply of [twice, redelivered]) expectLines(reply, ['Already done']);

    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 4);
    assert.deepEqual(await quantityChanges(world), [`quantity.change ${AUDIO}`]);
  });

  it('a double click on Reduce shows a confirmation twice; only the latest one reduces, once', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
    await chat.click('nudge.reduce');
    const first = chat.cardWith('quantity.confirm');
    const firstCard = chat.card(first);
    const again = await chat.click('nudge.reduce', {}, { card: 'nudge-refund_window' });
    expectLines(again, [`updated: This card is no longer active`, 'card: Confirm the new quantity of Audio Conferencing']);
    const second = chat.cardWith('quantity.confirm');
    assert.notEqual(first, second);
    // A client that did not take the update still shows the first confirmation.
    chat.shown.set(first, firstCard);
    expectLines(await chat.click('quantity.confirm', {}, { card: first }), ['no longer active']);
    expectLines(await chat.click('quantity.confirm', {}, { card: second }), ['Done! Audio Conferencing now has 4 licenses.']);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 4);
    assert.deepEqual(await quantityChanges(world), [`quantity.change ${AUDIO}`]);
  });

  it('in the middle of a purchase, Reduce is a new request: the purchase is left (said in one line) and the confirmation shown', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
    await chat.say('buy storage');
    expectLines(await chat.click('nudge.reduce'), ['your purchase of Office 365 Extra File Storage', 'card: Confirm the new quantity of Audio Conferencing']);
    expectLines(await chat.click('quantity.confirm'), ['Done! Audio Conferencing now has 4 licenses.']);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 4);
  });

  it('in French: « Passer à 4 » → la confirmation avec le remboursement → Confirmer', async () => {
    const nudge = await refundWindowNudge(world, world.a.alex);
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
    const card = deliver(chat, nudge, 'fr');
    const refund = money(nudge.refund, 'fr');
    assert.ok(cardText(card).includes(`Jusqu’au 27 novembre 2026 à 10:00 UTC, vous pouvez passer à 4 et récupérer ${refund}.`), cardText(card));
    const reduce = await chat.click('nudge.reduce', {}, { via: 'submit' });
    expectLines(reduce, ['card: Confirmez la nouvelle quantité du module Audioconférence — La modification s’applique maintenant.']);
    assert.ok(cardText(reduce.cards.at(-1)?.card ?? {}).includes(refund));
    expectLines(await chat.click('quantity.confirm', {}, { via: 'submit' }), [`Le module Audioconférence compte maintenant 4 licences. Remboursement prévu : ${refund}`]);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 4);
  });

  it('the window closed between the card and the click: the confirmation says the reduction waits for the renewal, nothing refunded', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
    world.clock.set(new Date(Date.parse(AUDIO_WINDOW_ENDS) + 60_000));
    const reduce = await chat.click('nudge.reduce');
    expectLines(reduce, ['card: Confirm the new quantity of Audio Conferencing — It’s been more than 7 days since this subscription started or renewed, so a reduction takes effect at the renewal']);
    assert.ok(!cardText(reduce.cards.at(-1)?.card ?? {}).includes('Refunded now'));
    expectLines(await chat.click('quantity.confirm'), ['Done! Audio Conferencing will go from 10 licenses to 4 licenses on', 'Nothing is charged or refunded now.']);
    const sub = await addonOf(world, world.a.megan, AUDIO);
    assert.equal(sub.quantity, 10);
    assert.equal(sub.scheduledChange?.quantity, 4);
  });

  it('licenses assigned since the card: the domain refuses to go below them, says so, and nothing changes', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
    await assignLicenses(world, TENANT_A, AUDIO, 7);
    const reduce = await chat.click('nudge.reduce');
    expectLines(reduce, ['You can’t go below the 7 licenses already assigned to users.']);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
    assert.deepEqual(await quantityChanges(world), []);
  });

  it('a plain user clicking is refused and nothing changes', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    deliver(chat, { ...(await refundWindowNudge(world, world.a.megan)), adminId: DEMO_USERS.lee }, 'en');
    expectLines(await chat.click('nudge.reduce'), ['Only a global admin or a billing admin can change quantities']);
    expectLines(await chat.click('nudge.keep'), ['Only a global admin or a billing admin can change quantities']);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
    assert.deepEqual(await quantityChanges(world), []);
  });

  it('a tampered payload (a price added, a negative quantity) is refused and changes nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    deliver(chat, await refundWindowNudge(world, world.a.megan), 'en');
    expectLines(await chat.click('nudge.reduce', {}, { extra: { refund: '999.00' } }), ['That card’s data isn’t valid']);
    expectLines(await chat.click('nudge.reduce', {}, { extra: { quantity: -3 } }), ['That card’s data isn’t valid']);
    assert.equal((await addonOf(world, world.a.megan, AUDIO)).quantity, 10);
  });
});
