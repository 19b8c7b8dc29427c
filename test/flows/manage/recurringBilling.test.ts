// Turning recurring billing off and on (SPEC sections 2 and 3), as conversations on the demo tenant: confirm, show
// the date the subscription ends (or renews), and say which change scheduled for the renewal turning it off cancels.
import assert from 'node:assert/strict';
import { addonOf, demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { cardText, Chat, clicks, play, rig, says } from '../../support/chat.js';

async function billingActions(world: World): Promise<string[]> {
  const audit = await world.service.listAudit(world.a.megan, { limit: 100 });
  return audit.items.filter((e) => e.action.startsWith('recurring_billing.')).map((e) => `${e.action} ${e.targetId}`).reverse();
}

describe('Recurring billing', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: off for Phone System (end date, and the scheduled reduction it cancels), then on again', async () => {
    const scheduled = await world.service.proposeQuantityChange(world.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 16 });
    await world.service.confirmQuantityChange(world.a.megan, scheduled.id);
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [offCard] = await play(chat, [
      ['turn off recurring billing for Phone System', says('turn off recurring billing for Phone System'), [
        'Your Phone System: 20 licenses on Office 365 E3.',
        'card: Turn off recurring billing for Phone System? — It stays active until September 24, 2027, then ends. It won’t be charged again.',
      ]],
      ['Turn off recurring billing', clicks('recurring.confirm'), [
        'Done! Recurring billing is off: Phone System stays active until September 24, 2027, then ends. The change scheduled for the renewal (16 licenses) is canceled.',
        'invoke card: Recurring billing turned off',
      ]],
      ['turn on recurring billing', says('turn recurring billing back on for Phone System'), [
        'card: Turn on recurring billing for Phone System? — It will renew on September 24, 2027 for another term, at the list price.',
      ]],
      ['Turn on recurring billing', clicks('recurring.confirm'), ['Done! Recurring billing is on: Phone System renews on September 24, 2027.']],
    ]);
    const card = cardText(offCard?.cards[0]?.card ?? {});
    assert.ok(card.includes('Ends on | September 24, 2027'), card);
    assert.ok(card.includes('Cancels the change scheduled for renewal | 16 licenses on September 24, 2027'), card);
    const phone = await addonOf(world, world.a.megan, 'sub-phone-system');
    assert.deepEqual([phone.recurringBilling, phone.scheduledChange], [true, null]);
    assert.deepEqual(await billingActions(world), ['recurring_billing.off sub-phone-system', 'recurring_billing.on sub-phone-system']);
  });

  it('in French: désactiver puis réactiver la facturation périodique de l’audioconférence', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [
      ['désactiver la facturation périodique de l’audioconférence', says('désactiver la facturation périodique de l’audioconférence'), [
        'card: Désactiver la facturation récurrente du module Audioconférence ? — Ce module reste actif jusqu’au 20 novembre 2027',
      ]],
      ['Désactiver', clicks('recurring.confirm', {}, { via: 'submit' }), [
        'updated: Facturation récurrente désactivée',
        'C’est fait ! La facturation récurrente est désactivée : le module Audioconférence reste actif jusqu’au 20 novembre 2027, puis se termine.',
      ]],
      ['activer la facturation périodique', says('activer la facturation périodique'), [
        'J’ai choisi votre module Audioconférence', 'card: Activer la facturation récurrente du module Audioconférence ?',
      ]],
      ['Activer', clicks('recurring.confirm'), ['C’est fait ! La facturation récurrente est activée : le module Audioconférence se renouvelle le 20 novembre 2027.']],
    ]);
    assert.equal((await addonOf(world, world.a.megan, 'sub-audio-conferencing')).recurringBilling, true);
  });

  it('without an add-on named, offers only those it applies to', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [asked] = await play(chat, [
      ['turn off recurring billing', says('turn off recurring billing'), ['card: Which add-on should stop renewing?']],
      ['Phone System', clicks('manage.chooseAddon', { choice: 'sub-phone-system' }), ['card: Turn off recurring billing for Phone System?']],
      ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
      ['turn on recurring billing', says('turn on recurring billing'), ['None of your add-ons has recurring billing off, so there’s nothing to turn on.']],
    ]);
    const picker = cardText(asked?.cards[0]?.card ?? {});
    assert.ok(picker.includes('Phone System') && picker.includes('Audio Conferencing'), picker);
    assert.ok(!picker.includes('Extra File Storage'), 'a traditional add-on renews with its subscription: not offered');
    assert.deepEqual(await billingActions(world), []);
  });

  describe('refusals', () => {
    it('a traditional add-on renews with its base subscription (EN and FR)', async () => {
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['turn off recurring billing for extra file storage', says('turn off recurring billing for extra file storage'), [
        'This add-on renews with its base subscription; change recurring billing on the base subscription instead.',
      ]]]);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
      await play(fr, [['désactiver la facturation périodique du stockage', says('désactiver la facturation périodique du stockage'), [
        'Ce module complémentaire se renouvelle avec son abonnement de base',
      ]]]);
      assert.deepEqual(await billingActions(world), []);
    });

    it('already on (EN and FR)', async () => {
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['turn on recurring billing for Phone System', says('turn on recurring billing for Phone System'), [
        'Recurring billing is already on for this subscription.',
      ]]]);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
      await play(fr, [['réactiver la facturation périodique du système téléphonique', says('réactiver la facturation périodique du système téléphonique'), [
        'La facturation récurrente est déjà activée pour cet abonnement.',
      ]]]);
    });

    for (const [locale, text, answer] of [
      ['en-US', 'turn off recurring billing for Phone System', 'Only a global admin or a billing admin can change quantities, remove add-ons or change recurring billing.'],
      ['fr-FR', 'désactiver la facturation périodique du système téléphonique', 'Seul un administrateur général ou un administrateur de facturation'],
    ] as const) {
      it(`a user without purchase rights is told a billing or global admin must do it (${locale})`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee', locale });
        await play(chat, [[text, says(text), [answer]]]);
        assert.deepEqual(await billingActions(world), []);
      });
    }
  });

  it('the Turn off / Turn on buttons of "my add-ons"', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']],
      ['Turn off (Phone System)', clicks('addon.recurringOff', {}, { extra: { subscriptionId: 'sub-phone-system' } }), ['card: Turn off recurring billing for Phone System?']],
      ['confirm', clicks('recurring.confirm'), ['Done! Recurring billing is off']],
      ['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']],
      ['Turn on (Phone System)', clicks('addon.recurringOn', {}, { extra: { subscriptionId: 'sub-phone-system' } }), ['card: Turn on recurring billing for Phone System?']],
      ['confirm', clicks('recurring.confirm'), ['Done! Recurring billing is on']],
    ]);
    assert.deepEqual(await billingActions(world), ['recurring_billing.off sub-phone-system', 'recurring_billing.on sub-phone-system']);
  });
});
