// Change quantity / add or remove licenses (SPEC sections 2 and 3), as conversations on the demo tenant at
// 2026-11-23T10:00Z: Audio Conferencing standalone bought 3 days ago (10 licenses, 4 assigned, inside the 7-day
// window), Phone System standalone bought 60 days ago (20 licenses, 15 assigned), Extra File Storage traditional on
// E3 (100 GB, the E3 term runs 2026-01-15 → 2027-01-15).
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { addonOf, demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { cardText, Chat, clicks, play, rig, says } from '../../support/chat.js';

async function quantityChanges(world: World): Promise<string[]> {
  const audit = await world.service.listAudit(world.a.megan, { limit: 100 });
  return audit.items.filter((e) => e.action.startsWith('quantity.')).map((e) => `${e.action} ${e.targetId}`);
}

describe('Changing the quantity of an add-on', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: "change the quantity of Phone System" → current quantity and assigned → 25 → +5 licenses charged now, prorated', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'megan' });
    const replies = await play(chat, [
      ['change the quantity of Phone System', says('change the quantity of Phone System'), [
        'Your Phone System: 20 licenses on Office 365 E3.',
        'card: Add or remove licenses: Phone System — For Office 365 E3 (25 licenses)',
      ]],
      ['25', clicks('quantity.review', { quantity: '25' }), [
        'card: Confirm the new quantity of Phone System — This takes effect now. The amount below is prorated to the end of the term, September 24, 2027.',
        'invoke card: New quantity — 25 licenses',
      ]],
      ['Confirm change', clicks('quantity.confirm'), [
        'Done! Phone System now has 25 licenses. $401.10 was charged now, prorated to September 24, 2027.',
        'invoke card: Quantity changed',
      ]],
    ]);
    const question = cardText(replies[0]?.cards[0]?.card ?? {});
    for (const shown of ['Quantity | 20 licenses', 'Assigned | 15 licenses', 'Yearly', 'Renews on | September 24, 2027', 'New total (licenses)', 'Open in admin center']) {
      assert.ok(question.includes(shown), `the question shows ${shown}: ${question}`);
    }
    const confirm = cardText(replies[1]?.cards.find((c) => cardText(c.card).includes('Confirm the new quantity'))?.card ?? {});
    for (const shown of ['Current quantity', '20 licenses', 'New quantity', '25 licenses', '$1,920.00', '$2,400.00', '+$480.00', 'Charged now (prorated)', '$401.10', 'Confirm change', 'Open in admin center']) {
      assert.ok(confirm.includes(shown), `the confirmation shows ${shown}: ${confirm}`);
    }
    assert.equal((await addonOf(world, world.a.megan, 'sub-phone-system')).quantity, 25);
    assert.deepEqual(await quantityChanges(world), ['quantity.change sub-phone-system']);
    assert.deepEqual(chat.dialogStack(), []);
  });

  it('in French, the number typed: réduire l’audioconférence dans les 7 jours → remboursement au prorata maintenant', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
    const replies = await play(chat, [
      ['modifier la quantité d’audioconférence', says('modifier la quantité d’audioconférence'), [
        'Votre module Audioconférence : 10 licences sur Office 365 Entreprise E3.',
        'card: Ajouter ou supprimer des licences : Audioconférence',
      ]],
      ['6', says('6'), ['card: Confirmez la nouvelle quantité du module Audioconférence — La modification s’applique maintenant.']],
      ['Confirmer', clicks('quantity.confirm', {}, { via: 'submit' }), [
        'updated: Quantité modifiée',
        'C’est fait ! Le module Audioconférence compte maintenant 6 licences. Remboursement prévu : 190,42',
      ]],
    ]);
    const confirm = cardText(replies[1]?.cards[0]?.card ?? {});
    for (const shown of ['Remboursé maintenant (au prorata)', '190,42', '-192,00', 'Confirmer la modification', 'Ouvrir dans le Centre d’administration']) {
      assert.ok(confirm.includes(shown), `la confirmation affiche ${shown} : ${confirm}`);
    }
    assert.equal((await addonOf(world, world.a.megan, 'sub-audio-conferencing')).quantity, 6);
  });

  it('a reduction outside the 7-day window is scheduled for the renewal date, nothing charged now', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const replies = await play(chat, [
      ['reduce Phone System to 16 licenses', says('reduce Phone System to 16 licenses'), [
        'card: Confirm the new quantity of Phone System — It’s been more than 7 days since this subscription started or renewed, so a reduction takes effect at the renewal, on September 24, 2027.',
      ]],
      ['Confirm change', clicks('quantity.confirm'), [
        'Done! Phone System will go from 20 licenses to 16 licenses on September 24, 2027, when the subscription renews. Nothing is charged or refunded now.',
        'invoke card: Change scheduled',
      ]],
    ]);
    const confirm = cardText(replies[0]?.cards[0]?.card ?? {});
    assert.ok(confirm.includes('Takes effect on | September 24, 2027'), confirm);
    assert.ok(confirm.includes('Nothing is charged or refunded now.'), confirm);
    const phone = await addonOf(world, world.a.megan, 'sub-phone-system');
    assert.equal(phone.quantity, 20);
    assert.equal(phone.scheduledChange?.quantity, 16);
    await play(chat, [['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']]]);
    const list = cardText(chat.card(chat.cardWith('menu.orders')));
    assert.ok(list.includes('Scheduled for renewal | 16 licenses on September 24, 2027'), list);
  });

  it('a traditional add-on ("change quantity" wording): Extra File Storage 100 → 150 GB, charged to the E3 term end', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['change the quantity of extra file storage', says('change the quantity of extra file storage'), [
        'card: Change the quantity of Office 365 Extra File Storage — For Office 365 E3 (25 licenses)',
      ]],
      ['150', clicks('quantity.review', { quantity: '150' }), ['card: Confirm the new quantity of Office 365 Extra File Storage']],
      ['Confirm change', clicks('quantity.confirm'), [
        'Done! Office 365 Extra File Storage now has 150 GB. $17.42 was charged now, prorated to January 15, 2027.',
      ]],
    ]);
    assert.equal((await addonOf(world, world.a.megan, 'sub-extra-file-storage')).quantity, 150);
  });

  it('the question states the rules that apply now: no assigned floor for storage, no reduction while recurring billing is off', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [storage] = await play(chat, [
      ['change the quantity of extra file storage', says('change the quantity of extra file storage'), ['card: Change the quantity of Office 365 Extra File Storage']],
      ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
    ]);
    const storageCard = cardText(storage?.cards[0]?.card ?? {});
    assert.ok(storageCard.includes('More is charged now, prorated to January 15, 2027. Fewer takes effect now with a refund only within 7 days of '
      + 'purchase or renewal, otherwise at renewal.'), storageCard);
    assert.ok(!/assigned/i.test(storageCard), `storage cannot be assigned: ${storageCard}`);

    const quote = await world.service.proposeRecurringBilling(world.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
    await world.service.confirmRecurringBilling(world.a.megan, quote.id);
    const [phone] = await play(chat, [
      ['change the quantity of Phone System', says('change the quantity of Phone System'), ['Your Phone System: 20 licenses on Office 365 E3.', 'card: Add or remove licenses: Phone System']],
      ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
    ]);
    const phoneCard = cardText(phone?.cards[0]?.card ?? {});
    assert.ok(phoneCard.includes('More is charged now, prorated to September 24, 2027. Recurring billing is off, so the total can’t be reduced until you '
      + 'turn it back on. The total can’t go below the 15 licenses assigned.'), phoneCard);

    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
    const [frPhone] = await play(fr, [
      ['modifier la quantité du système téléphonique', says('modifier la quantité du système téléphonique'), ['card: Ajouter ou supprimer des licences : Système téléphonique']],
      ['annuler', says('annuler'), ['D’accord, j’ai arrêté. Rien n’a été modifié.']],
      // French elides "de" before a vowel in the titles: "la quantité d’Espace de stockage…".
      ['modifier la quantité de l’espace de stockage', says('modifier la quantité de l’espace de stockage'), [
        'card: Modifier la quantité du module Espace de stockage supplémentaire Office 365 — Pour Office 365 Entreprise E3 (25 licences)',
      ]],
    ]);
    assert.ok(cardText(frPhone?.cards[0]?.card ?? {}).includes('La facturation récurrente est désactivée : le total ne peut pas être réduit tant qu’elle '
      + 'n’est pas réactivée. Le total ne peut pas descendre sous les 15 licences attribuées.'));
    assert.deepEqual(await quantityChanges(world), []);
  });

  it('the quantity in the sentence goes straight to the confirmation: "add 5 Phone System licenses" is 20 + 5', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [first] = await play(chat, [['add 5 Phone System licenses', says('add 5 Phone System licenses'), [
      'Your Phone System: 20 licenses on Office 365 E3.', 'card: Confirm the new quantity of Phone System',
    ]]]);
    assert.ok(cardText(first?.cards[0]?.card ?? {}).includes('New quantity | 25 licenses'));
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
    const [second] = await play(fr, [['passer le système téléphonique à 30 licences', says('passer le système téléphonique à 30 licences'), [
      'card: Confirmez la nouvelle quantité du module Système téléphonique',
    ]]]);
    assert.ok(cardText(second?.cards[0]?.card ?? {}).includes('Nouvelle quantité | 30 licences'));
  });

  it('without an add-on named, asks which one (typed name or a click), then the new total', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['change quantity', says('change quantity'), ['card: Which add-on do you want to change?']],
      ['typed: audio conferencing', says('audio conferencing'), ['card: Add or remove licenses: Audio Conferencing']],
      ['cancel', says('cancel'), ['OK, I stopped. Nothing was changed.']],
      ['change the quantity', says('change the quantity'), ['card: Which add-on do you want to change?']],
      ['clicks Extra File Storage', clicks('manage.chooseAddon', { choice: 'sub-extra-file-storage' }), [
        'card: Change the quantity of Office 365 Extra File Storage', 'invoke card: Add-on — Office 365 Extra File Storage — 100 GB on Office 365 E3',
      ]],
    ]);
    const picker = cardText(chat.card(chat.cardWith('manage.chooseAddon')));
    for (const option of ['Audio Conferencing — 10 licenses on Office 365 E3', 'Phone System — 20 licenses', 'Office 365 Extra File Storage — 100 GB']) {
      assert.ok(picker.includes(option), `${option} in ${picker}`);
    }
  });

  it('"back" from the confirmation asks the new total again; "back" from there returns to the choice', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['change quantity', says('change quantity'), ['card: Which add-on do you want to change?']],
      ['Phone System', clicks('manage.chooseAddon', { choice: 'sub-phone-system' }), ['card: Add or remove licenses: Phone System']],
      ['30', says('30'), ['card: Confirm the new quantity of Phone System']],
      ['back', says('back'), ['card: Add or remove licenses: Phone System']],
      ['back', says('back'), ['card: Which add-on do you want to change?']],
      ['back', says('back'), ['This is the first step']],
    ]);
    assert.deepEqual(await quantityChanges(world), []);
  });

  describe('refusals say why and what to do instead, and the question stays open', () => {
    it('in English: below the 15 assigned, then no change, then a wrong number; then a good one', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [
        ['reduce Phone System to 10', says('reduce Phone System to 10'), [
          'You can’t go below the 15 licenses already assigned to users. Unassign some licenses first, then try again.',
          'card: Add or remove licenses: Phone System',
        ]],
        ['12 on the card', clicks('quantity.review', { quantity: '12' }), [
          'You can’t go below the 15 licenses already assigned', 'invoke card: Add or remove licenses: Phone System',
        ]],
        ['20', says('20'), ['You already have 20. Nothing to change.']],
        ['-5', says('-5'), ['I read -5. A quantity can’t be negative. Phone System takes a whole number of licenses from 1 to 10,000.']],
        ['lots', says('lots please'), ['Type the new total number of licenses (for example 25), or type cancel to stop.']],
        ['abc on the card', clicks('quantity.review', { quantity: 'abc' }), ['I couldn’t read “abc” as one number.', 'invoke card: Add or remove licenses']],
        ['15', says('15'), ['card: Confirm the new quantity of Phone System']],
      ]);
      assert.deepEqual(await quantityChanges(world), []);
    });

    it('in French: sous les 4 licences attribuées', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [
        ['réduire l’audioconférence à 2 licences', says('réduire l’audioconférence à 2 licences'), [
          'Impossible de descendre sous les 4 licences déjà attribuées. Retirez d’abord des licences à des utilisateurs, puis réessayez.',
          'card: Ajouter ou supprimer des licences : Audioconférence',
        ]],
        ['annuler', says('annuler'), ['D’accord, j’ai arrêté. Rien n’a été modifié.']],
      ]);
    });

    it('a reduction with recurring billing off: turn recurring billing on first (EN and FR)', async () => {
      const quote = await world.service.proposeRecurringBilling(world.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
      await world.service.confirmRecurringBilling(world.a.megan, quote.id);
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['reduce Phone System to 16', says('reduce Phone System to 16'), [
        'Recurring billing is off, so the subscription ends on September 24, 2027 and a reduction can’t be applied or scheduled. Turn recurring billing on first.',
      ]]]);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
      await play(fr, [['réduire le système téléphonique à 16', says('réduire le système téléphonique à 16'), [
        'La facturation récurrente est désactivée : l’abonnement se termine le 24 septembre 2027',
        'Réactivez d’abord la facturation récurrente.',
      ]]]);
      assert.deepEqual(await quantityChanges(world), []);
    });

    it('an add-on the tenant does not have is named (EN and FR)', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [['change the quantity of MyAnalytics', says('change the quantity of MyAnalytics'), [
        'You don’t have Microsoft MyAnalytics. Type my add-ons to see what you have.',
      ]]]);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
      await play(fr, [['modifier la quantité de conformité avancée', says('modifier la quantité de conformité avancée'), [
        'Le module Conformité avancée Office 365 ne fait pas partie de vos abonnements. Tapez mes modules pour voir ce que vous avez.',
      ]]]);
      assert.deepEqual(chat.dialogStack(), []);
    });

    for (const [user, locale, text, answer] of [
      ['lee', 'en-US', 'change the quantity of Phone System', 'Only a global admin or a billing admin can change quantities, remove add-ons or change recurring billing.'],
      ['adele', 'fr-FR', 'modifier la quantité du système téléphonique', 'Seul un administrateur général ou un administrateur de facturation peut modifier les quantités'],
    ] as const) {
      it(`a ${user === 'lee' ? 'user' : 'license admin'} without purchase rights is told a billing or global admin must do it (${locale})`, async () => {
        const chat = new Chat(rig(world), { tenantId: TENANT_A, user, locale });
        await play(chat, [[text, says(text), [answer]]]);
        assert.deepEqual(chat.dialogStack(), []);
        assert.deepEqual(await quantityChanges(world), []);
      });
    }
  });

  it('the button of "my add-ons" starts the flow for that add-on, by id only', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex' });
    await play(chat, [
      ['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']],
      ['Add or remove licenses (Audio Conferencing)', clicks('addon.changeQuantity', {}, { extra: { subscriptionId: 'sub-audio-conferencing' } }), [
        'card: Add or remove licenses: Audio Conferencing',
      ]],
      ['12', says('12'), ['card: Confirm the new quantity of Audio Conferencing']],
      ['Confirm', clicks('quantity.confirm'), ['Done! Audio Conferencing now has 12 licenses.']],
    ]);
    const audit = await world.service.listAudit(world.a.megan, { limit: 10 });
    assert.equal(audit.items.find((e) => e.action === 'quantity.change')?.actorId, DEMO_USERS.alex);
  });
});
