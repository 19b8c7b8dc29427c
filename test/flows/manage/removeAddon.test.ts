// Removing an add-on (SPEC sections 2 and 3), as conversations on the demo tenant: Audio Conferencing is inside the
// 7-day window (cancel with a prorated refund), Phone System outside it (offer to turn off recurring billing),
// Extra File Storage traditional (offer a support request, which gets an id).
import assert from 'node:assert/strict';
import { addonOf, demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { cardText, Chat, clicks, play, rig, says } from '../../support/chat.js';

async function actions(world: World): Promise<string[]> {
  const audit = await world.service.listAudit(world.a.megan, { limit: 100 });
  return audit.items.map((e) => `${e.action} ${e.targetId}`).filter((a) => !a.startsWith('order.'));
}

describe('Removing an add-on', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  describe('a standalone add-on within 7 days: canceled with the prorated refund shown first', () => {
    it('in English', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      const [asked] = await play(chat, [
        ['remove Audio Conferencing', says('remove Audio Conferencing'), [
          'Your Audio Conferencing: 10 licenses on Office 365 E3.',
          'card: Remove Audio Conferencing? — It started or renewed less than 7 days ago, so it can be canceled now with a prorated refund.',
        ]],
        ['Remove and refund', clicks('removal.confirm'), [
          'Done! Audio Conferencing is removed and $476.05 will be refunded.', 'invoke card: Add-on removed',
        ]],
      ]);
      const card = cardText(asked?.cards[0]?.card ?? {});
      for (const shown of ['Paid for this term | $480.00', 'Refund now (prorated) | $476.05', 'Kept for the days used | $3.95',
        'The 4 users who have these licenses will lose them.', 'Remove and refund', 'Open in admin center']) {
        assert.ok(card.includes(shown), `${shown} in ${card}`);
      }
      const audio = await addonOf(world, world.a.megan, 'sub-audio-conferencing');
      assert.equal(audio.status, 'canceled');
      assert.deepEqual(await actions(world), ['subscription.cancel sub-audio-conferencing']);
    });

    it('in French, with the Action.Submit fallback (the card is updated in place)', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [
        ['supprimer l’audioconférence', says('supprimer l’audioconférence'), [
          'card: Supprimer le module Audioconférence ? — Ce module a commencé ou a été renouvelé il y a moins de 7 jours',
        ]],
        ['Supprimer et rembourser', clicks('removal.confirm', {}, { via: 'submit' }), [
          'updated: Module supprimé', 'C’est fait ! Le module Audioconférence est supprimé. Remboursement prévu : 476,05',
        ]],
      ]);
      assert.equal((await addonOf(world, world.a.megan, 'sub-audio-conferencing')).status, 'canceled');
    });
  });

  describe('a standalone add-on after 7 days: explained, and turning off recurring billing is offered with its end date', () => {
    it('in English', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [
        ['remove Phone System', says('remove Phone System'), [
          'It’s been more than 7 days since this subscription started or renewed, so it can’t be canceled with a refund. You can turn off recurring billing instead; it stays active until September 24, 2027.',
          'card: Turn off recurring billing for Phone System? — It stays active until September 24, 2027, then ends.',
        ]],
        ['Turn off recurring billing', clicks('recurring.confirm'), [
          'Done! Recurring billing is off: Phone System stays active until September 24, 2027, then ends.',
          'invoke card: Recurring billing turned off',
        ]],
      ]);
      const phone = await addonOf(world, world.a.megan, 'sub-phone-system');
      assert.deepEqual([phone.status, phone.recurringBilling], ['active', false]);
      assert.deepEqual(await actions(world), ['recurring_billing.off sub-phone-system']);
    });

    it('in French; and asked again once recurring billing is off, there is nothing more to remove', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [
        ['supprimer le système téléphonique', says('supprimer le système téléphonique'), [
          'Plus de 7 jours se sont écoulés depuis le début ou le renouvellement de cet abonnement',
          'card: Désactiver la facturation récurrente du module Système téléphonique ? — Ce module reste actif jusqu’au 24 septembre 2027',
        ]],
        ['Désactiver', clicks('recurring.confirm'), ['C’est fait ! La facturation récurrente est désactivée']],
        ['supprimer le système téléphonique', says('supprimer le système téléphonique'), [
          'La facturation récurrente est déjà désactivée pour le module Système téléphonique : il se termine le 24 septembre 2027',
        ]],
      ]);
      assert.deepEqual(chat.dialogStack(), []);
    });
  });

  describe('a traditional add-on: explained, and a support request is offered, which gets an id', () => {
    it('in English', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      const [asked, opened] = await play(chat, [
        ['remove Extra File Storage', says('remove Extra File Storage'), [
          'This add-on is part of its base subscription and can’t be removed by an admin. I can open a support request for you.',
          'card: Open a support request to remove Office 365 Extra File Storage?',
        ]],
        ['Open support request', clicks('support.confirm'), ['Done! Support request SR-', 'invoke card: Support request opened']],
      ]);
      assert.ok(cardText(asked?.cards[0]?.card ?? {}).includes('Remove Office 365 Extra File Storage from Office 365 E3 (25 licenses)'));
      const id = /SR-\d+/.exec(opened?.lines.join(' ') ?? '')?.[0];
      assert.ok(id, 'the support request id is said');
      assert.deepEqual(await actions(world), [`support_request.open ${id}`]);
      assert.equal((await addonOf(world, world.a.megan, 'sub-extra-file-storage')).status, 'active', 'the add-on itself is not removed');
    });

    it('in French', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [
        ['supprimer le stockage supplémentaire', says('supprimer le stockage supplémentaire'), [
          'Ce module complémentaire fait partie de son abonnement de base et ne peut pas être supprimé par un administrateur.',
          'card: Ouvrir une demande de support pour supprimer le module Espace de stockage supplémentaire Office 365 ?',
        ]],
        ['Ouvrir la demande', clicks('support.confirm'), ['C’est fait ! La demande de support SR-']],
      ]);
    });
  });

  it('"remove an add-on" asks which one; Cancel on the confirmation changes nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['remove an add-on', says('remove an add-on'), ['card: Which add-on do you want to remove?']],
      ['Audio Conferencing', clicks('manage.chooseAddon', { choice: 'sub-audio-conferencing' }), ['card: Remove Audio Conferencing?']],
      ['Cancel', clicks('manage.cancel'), ['invoke card: Canceled — OK, I stopped. Nothing was changed.']],
    ]);
    assert.deepEqual(await actions(world), []);
    assert.equal((await addonOf(world, world.a.megan, 'sub-audio-conferencing')).status, 'active');
  });

  it('from the Remove button of "my add-ons"', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [
      ['mes modules', says('mes modules'), ['card: Vos abonnements et modules complémentaires']],
      ['Supprimer (audioconférence)', clicks('addon.remove', {}, { extra: { subscriptionId: 'sub-audio-conferencing' } }), [
        'card: Supprimer le module Audioconférence ?',
      ]],
      ['annuler', says('annuler'), ['D’accord, j’ai arrêté. Rien n’a été modifié.']],
    ]);
  });

  for (const [user, locale, text, answer] of [
    ['lee', 'en-US', 'remove Audio Conferencing', 'Only a global admin or a billing admin can change quantities, remove add-ons or change recurring billing.'],
    ['lee', 'fr-FR', 'supprimer l’audioconférence', 'Seul un administrateur général ou un administrateur de facturation peut modifier les quantités, supprimer des modules'],
  ] as const) {
    it(`a user without purchase rights is told a billing or global admin must do it (${locale})`, async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user, locale });
      await play(chat, [[text, says(text), [answer]]]);
      assert.deepEqual(await actions(world), []);
    });
  }

  it('the Remove button with an unknown id or a base subscription’s id finds nothing; an extra field is refused', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']]]);
    await play(chat, [
      ['unknown id', clicks('addon.remove', {}, { extra: { subscriptionId: 'sub-nope' } }), ['I couldn’t find that.']],
      ['a base subscription', clicks('addon.remove', {}, { extra: { subscriptionId: 'sub-e3' } }), ['I couldn’t find that.']],
      ['an extra field', clicks('addon.remove', {}, { extra: { subscriptionId: 'sub-audio-conferencing', refund: '999' } }), ['That card’s data isn’t valid']],
    ]);
    assert.deepEqual(await actions(world), []);
  });
});
