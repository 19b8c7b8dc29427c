// Availability answers (SPEC section 3), as conversations: "which add-ons does my plan support?" for the tenant's
// own subscriptions (grouped, with what is already bought), "which add-ons for E3?" and "is MyAnalytics available on
// Business Basic?" from the catalog (old names and typos accepted; when no, the plans that would allow it), each with
// a Buy button that starts the buy flow with the slots filled. Anyone in the tenant may ask.
import assert from 'node:assert/strict';
import { actionData, cardText, Chat, clicks, play, rig, says, type JsonObject } from '../../support/chat.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { buyButtons } from './buyButtons.js';

describe('Availability questions', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: "which add-ons does my plan support?" answers for the tenant’s subscriptions, with what is already bought', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    const [reply] = await play(chat, [['which add-ons does my plan support?', says('which add-ons does my plan support?'), [
      'card: Add-ons your subscriptions support — Grouped by subscription, with what you already have.',
    ]]]);
    const card = reply?.cards[0]?.card ?? {};
    const text = cardText(card);
    for (const shown of ['Office 365 E3 (25 licenses)', 'Already bought: 100 GB', 'Already bought: 20 licenses', 'Already bought: 10 licenses',
      'Microsoft MyAnalytics', 'Microsoft 365 Business Basic (10 licenses)', 'Exchange Online Archiving', 'Office 365 E5 (5 licenses)',
      'Communications Credits', 'Open in admin center']) {
      assert.ok(text.includes(shown), `${shown} in ${text}`);
    }
    const buy = buyButtons(card);
    assert.ok(buy.includes('myanalytics on o365-e3') && buy.includes('exchange-online-archiving on m365-business-basic'), buy.join(', '));
    assert.ok(!buy.includes('phone-system on o365-e3'), 'no Buy button for what the subscription already has');
    assert.ok(JSON.stringify(card).includes('linkid=868433'), 'the worldwide "Buy services" page');
  });

  it('in French: "quels modules complémentaires mon abonnement prend-il en charge ?"', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [reply] = await play(chat, [['quels modules…', says('quels modules complémentaires mon abonnement prend-il en charge ?'), [
      'card: Modules compatibles avec vos abonnements — Par abonnement, avec ce que vous avez déjà.',
    ]]]);
    const text = cardText(reply?.cards[0]?.card ?? {});
    for (const shown of ['Office 365 Entreprise E3 (25 licences)', 'Déjà acheté : 100 Go', 'Archivage Exchange Online', 'Acheter', 'Ouvrir dans le Centre d’administration']) {
      assert.ok(text.includes(shown), `${shown} dans ${text}`);
    }
  });

  it('"which add-ons for E3?" and "quels modules pour Business Basic ?" answer from the catalog, with a Buy button per add-on', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [e3] = await play(chat, [['which add-ons for E3?', says('which add-ons for E3?'), [
      'card: Add-ons for Office 365 E3 — 7 add-ons can be added to Office 365 E3.',
    ]]]);
    assert.deepEqual(buyButtons(e3?.cards[0]?.card ?? {}), [
      'customer-lockbox on o365-e3', 'advanced-threat-protection on o365-e3', 'myanalytics on o365-e3', 'advanced-compliance on o365-e3',
      'extra-file-storage on o365-e3', 'phone-system on o365-e3', 'audio-conferencing on o365-e3',
    ]);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
    const [bb] = await play(fr, [['quels modules pour Business Basic ?', says('quels modules pour Business Basic ?'), [
      'card: Modules complémentaires pour Microsoft 365 Business Basic — 3 modules complémentaires peuvent être ajoutés à Microsoft 365 Business Basic.',
    ]]]);
    assert.deepEqual(buyButtons(bb?.cards[0]?.card ?? {}), [
      'exchange-online-archiving on m365-business-basic', 'extra-file-storage on m365-business-basic', 'audio-conferencing on m365-business-basic',
    ]);
  });

  it('old names and typos: "which add-ons are available for Office 365 Business Essentials", "quels modules pour Office 365 Entreprise E5"', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['Business Essentials', says('which add-ons are available for Office 365 Business Essentials'), ['card: Add-ons for Microsoft 365 Business Basic']],
      ['typo', says('wich addons are availble for offce 365 e4'), ['card: Add-ons for Office 365 E4']],
    ]);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'fr' });
    await play(fr, [['E5', says('quels modules pour Office 365 Entreprise E5'), ['card: Modules complémentaires pour Office 365 Entreprise E5']]]);
  });

  it('"is MyAnalytics available on Business Basic?": no, and the plans that would allow it; Buy is on the tenant’s E3', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [no, buy] = await play(chat, [
      ['is MyAnalytics available on Business Basic?', says('is MyAnalytics available on Business Basic?'), [
        'card: Is Microsoft MyAnalytics available on Microsoft 365 Business Basic? — No: Microsoft MyAnalytics isn’t available on Microsoft 365 Business Basic. It can be added to Office 365 E1, Office 365 E3, and Office 365 E4.',
      ]],
      // The buy flow says which subscription it is for (its own wording), then shows the details.
      ['Buy', clicks('availability.buy'), [
        'Office 365 E3 (25 licenses)',
        'card: Buy Microsoft MyAnalytics — For Office 365 E3 (25 licenses)',
        // The availability card only acknowledges the click: what was said is in the chat, once.
        'invoke message: Got it',
      ]],
    ]);
    assert.deepEqual(buyButtons(no?.cards[0]?.card ?? {}), ['myanalytics on o365-e3']);
    assert.equal(buy?.lines.filter((line) => !line.startsWith('card:') && !line.startsWith('invoke') && line.includes('Office 365 E3')).length, 1, buy?.lines.join('\n'));
  });

  it('yes, in French with an old name and a typo: "l’audioconférence est-elle disponible sur Office 365 Business Essentials ?"; Buy fills add-on and plan', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(chat, [
      ['audioconférence', says('l’audioconference est-elle disponible sur Office 365 Business Essentials ?'), [
        'card: Le module Audioconférence est-il disponible sur Microsoft 365 Business Basic ? — Oui : le module Audioconférence peut être ajouté à Microsoft 365 Business Basic.',
      ]],
      ['Acheter', clicks('availability.buy'), [
        'Pour l’Audioconférence : votre abonnement Microsoft 365 Business Basic (10 licences).', 'card: Acheter l’Audioconférence',
        'invoke message: C’est noté',
      ]],
    ]);
    const chat2 = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'typo' });
    await play(chat2, [['MyAnalitics', says('MyAnalitics est-il disponible sur E3 ?'), ['card: Le module Microsoft MyAnalytics est-il disponible sur Office 365 Entreprise E3 ? — Oui']]]);
  });

  it('"is Phone System available?" lists the plans and the tenant’s subscriptions that can take it', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [reply] = await play(chat, [['is Phone System available?', says('is Phone System available?'), [
      'card: Where can Phone System be added? — Phone System can be added to: Office 365 E1, Office 365 E3, Office 365 E4, and Office 365 E5.',
    ]]]);
    const card = reply?.cards[0]?.card ?? {};
    const text = cardText(card);
    assert.ok(text.includes('Office 365 E3 (25 licenses) | Already bought: 20 licenses'), text);
    assert.ok(text.includes('Office 365 E5 (5 licenses) | Available'), text);
    assert.deepEqual(buyButtons(card).sort(), ['phone-system on o365-e3', 'phone-system on o365-e5']);
  });

  it('a Buy button with a tampered payload starts nothing', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['which add-ons for E3?', says('which add-ons for E3?'), ['card: Add-ons for Office 365 E3']],
      ['unknown add-on', clicks('availability.buy', {}, { extra: { addonId: 'free-money' } }), ['That card’s data isn’t valid']],
      ['a price', clicks('availability.buy', {}, { extra: { price: '0.01' } }), ['That card’s data isn’t valid']],
    ]);
    assert.deepEqual(chat.dialogStack(), []);
    assert.ok(actionData(chat.card(chat.cardWith('availability.buy')), 'availability.buy'));
  });

  it('many subscriptions: "which add-ons does my plan support?" is paged, Next and Previous in place', async () => {
    await world.service.provisionTenant({
      tenant: { id: 'tenant-many', name: 'Many', cloud: '21vianet', currency: 'USD' },
      users: [{ id: 'aad-user', name: 'Someone', roles: ['user'], licensed: true }], paymentMethods: [],
      subscriptions: Array.from({ length: 8 }, (_, i) => ({
        id: `sub-${i}`, tenantId: 'tenant-many', productId: i % 2 ? 'o365-e3' as const : 'm365-business-basic' as const, kind: 'base' as const,
        baseSubscriptionId: null, quantity: 10 + i, assigned: 1, frequency: 'yearly' as const, termStart: '2026-06-01T00:00:00.000Z',
        termEnd: '2027-06-01T00:00:00.000Z', recurringBilling: true, status: 'active' as const, purchasedAt: `2026-06-0${1 + i}T00:00:00.000Z`,
        scheduledChange: null,
      })),
    });
    const chat = new Chat(rig(world), { tenantId: 'tenant-many', userId: 'aad-user' });
    const [first, second, back] = await play(chat, [
      ['which add-ons can my plan have', says('which add-ons can my plan have'), ['card: Add-ons your subscriptions support']],
      ['Next', clicks('availability.page'), ['invoke card: Add-ons your subscriptions support']],
      ['Previous', clicks('availability.page', {}, { via: 'submit' }), ['updated: Add-ons your subscriptions support']],
    ]);
    assert.ok(cardText(first?.cards[0]?.card ?? {}).includes('Page 1 of 3'));
    assert.ok(JSON.stringify(first?.cards[0]?.card).includes('linkid=850626'), 'the 21Vianet admin center');
    const secondCard = second?.invoke?.body.value as JsonObject;
    assert.ok(cardText(secondCard).includes('Page 2 of 3'));
    assert.deepEqual(actionData(secondCard, 'availability.page'), { verb: 'availability.page', page: 0 }, 'Previous first');
    assert.ok(cardText(back?.cards[0]?.card ?? {}).includes('Page 1 of 3'));
  });
});
