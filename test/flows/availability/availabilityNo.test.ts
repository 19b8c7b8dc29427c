// An availability "no" never offers Buy on the plan asked about: it names the plans that allow the add-on and
// offers Buy only on the tenant's subscriptions to such a plan (none when it has none). The plan-level answer offers
// Buy only when the tenant has that plan.
import assert from 'node:assert/strict';
import { cardText, Chat, play, rig, says, type JsonObject } from '../../support/chat.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { buyButtons } from './buyButtons.js';

const BASIC_ONLY = 'tenant-basic-only';

async function provisionBasicOnly(world: World): Promise<void> {
  await world.service.provisionTenant({
    tenant: { id: BASIC_ONLY, name: 'Basic only', cloud: 'worldwide', currency: 'USD' },
    users: [{ id: 'aad-admin', name: 'Admin', roles: ['global_admin'], licensed: true }], paymentMethods: [],
    subscriptions: [{
      id: 'sub-basic', tenantId: BASIC_ONLY, productId: 'm365-business-basic', kind: 'base', baseSubscriptionId: null, quantity: 12,
      assigned: 3, frequency: 'yearly', termStart: '2026-06-01T00:00:00.000Z', termEnd: '2027-06-01T00:00:00.000Z',
      recurringBilling: true, status: 'active', purchasedAt: '2026-06-01T00:00:00.000Z', scheduledChange: null,
    }],
  });
}

function cardOf(reply: { readonly cards: readonly { readonly card: JsonObject }[] } | undefined): JsonObject {
  return reply?.cards[0]?.card ?? {};
}

describe('Availability: a "no" offers Buy only where the tenant can buy', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld({ tenantB: false });
    await provisionBasicOnly(world);
  });

  it('in English: MyAnalytics on Business Basic is no; it names E1, E3 and E4 and offers Buy on the tenant’s E3 only', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [no] = await play(chat, [['is MyAnalytics available on Business Basic?', says('is MyAnalytics available on Business Basic?'), [
      'card: Is Microsoft MyAnalytics available on Microsoft 365 Business Basic? — No: Microsoft MyAnalytics isn’t available on Microsoft 365 Business Basic. It can be added to Office 365 E1, Office 365 E3, and Office 365 E4.',
    ]]]);
    const card = cardOf(no);
    assert.deepEqual(buyButtons(card), ['myanalytics on o365-e3']);
    assert.ok(cardText(card).includes('Your subscriptions that can take it | Office 365 E3 (25 licenses) | Available'), cardText(card));
  });

  it('in French: MyAnalytics sur Business Basic, non ; E1, E3 et E4 nommés, Acheter seulement sur l’E3 du client', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [no] = await play(chat, [['MyAnalytics', says('MyAnalytics est-il disponible sur Business Basic ?'), [
      'card: Le module Microsoft MyAnalytics est-il disponible sur Microsoft 365 Business Basic ? — Non : le module Microsoft MyAnalytics n’est pas disponible sur Microsoft 365 Business Basic. Il peut être ajouté à : Office 365 Entreprise E1, Office 365 Entreprise E3 et Office 365 Entreprise E4.',
    ]]]);
    const card = cardOf(no);
    assert.deepEqual(buyButtons(card), ['myanalytics on o365-e3']);
    assert.ok(cardText(card).includes('Vos abonnements qui peuvent le recevoir | Office 365 Entreprise E3 (25 licences) | Disponible'), cardText(card));
  });

  for (const [locale, question, expected, none] of [
    ['en-US', 'is Phone System available on Business Basic?',
      'No: Phone System isn’t available on Microsoft 365 Business Basic. It can be added to Office 365 E1, Office 365 E3, Office 365 E4, and Office 365 E5.',
      'None of your active subscriptions can take it.'],
    ['fr-FR', 'le système téléphonique est-il disponible sur Business Basic ?',
      'Non : le module Système téléphonique n’est pas disponible sur Microsoft 365 Business Basic. Il peut être ajouté à : Office 365 Entreprise E1, Office 365 Entreprise E3, Office 365 Entreprise E4 et Office 365 Entreprise E5.',
      'Aucun de vos abonnements actifs ne peut le recevoir.'],
  ] as const) {
    it(`a tenant with only Business Basic: Phone System on Business Basic shows no Buy at all (${locale})`, async () => {
      const chat = new Chat(rig(world), { tenantId: BASIC_ONLY, userId: 'aad-admin', locale });
      const [no] = await play(chat, [[question, says(question), [expected]]]);
      const card = cardOf(no);
      assert.deepEqual(buyButtons(card), []);
      assert.ok(cardText(card).includes(none), cardText(card));
    });
  }

  it('a yes on a plan the tenant does not have offers no Buy, and says why (EN and FR)', async () => {
    const en = new Chat(rig(world), { tenantId: BASIC_ONLY, userId: 'aad-admin' });
    const [yes] = await play(en, [['MyAnalytics on E3', says('is MyAnalytics available on E3?'), ['Yes: Microsoft MyAnalytics can be added to Office 365 E3.']]]);
    assert.deepEqual(buyButtons(cardOf(yes)), []);
    assert.ok(cardText(cardOf(yes)).includes('You have no Office 365 E3 subscription to add it to.'), cardText(cardOf(yes)));
    const fr = new Chat(rig(world), { tenantId: BASIC_ONLY, userId: 'aad-admin', locale: 'fr-FR', conversationId: 'fr' });
    const [oui] = await play(fr, [['MyAnalytics sur E3', says('MyAnalytics est-il disponible sur E3 ?'), ['Oui']]]);
    assert.deepEqual(buyButtons(cardOf(oui)), []);
    assert.ok(cardText(cardOf(oui)).includes('Vous n’avez pas d’abonnement Office 365 Entreprise E3 auquel l’ajouter.'), cardText(cardOf(oui)));
  });

  it('the plan-level answer offers Buy only when the tenant has that plan (EN and FR)', async () => {
    const chat = new Chat(rig(world), { tenantId: BASIC_ONLY, userId: 'aad-admin' });
    const [e3, basic] = await play(chat, [
      ['which add-ons for E3?', says('which add-ons for E3?'), ['card: Add-ons for Office 365 E3 — 7 add-ons can be added to Office 365 E3.']],
      ['which add-ons for Business Basic?', says('which add-ons for Business Basic?'), ['card: Add-ons for Microsoft 365 Business Basic']],
    ]);
    assert.deepEqual(buyButtons(cardOf(e3)), []);
    assert.ok(cardText(cardOf(e3)).includes('so none of these can be bought here'), cardText(cardOf(e3)));
    assert.ok(buyButtons(cardOf(basic)).length > 0 && buyButtons(cardOf(basic)).every((b) => b.endsWith(' on m365-business-basic')), buyButtons(cardOf(basic)).join());
    const fr = new Chat(rig(world), { tenantId: BASIC_ONLY, userId: 'aad-admin', locale: 'fr-FR', conversationId: 'fr' });
    const [e3fr] = await play(fr, [['E3', says('quels modules complémentaires pour E3 ?'), [
      'card: Modules complémentaires pour Office 365 Entreprise E3 — 7 modules complémentaires peuvent être ajoutés à Office 365 Entreprise E3.',
    ]]]);
    assert.deepEqual(buyButtons(cardOf(e3fr)), []);
    assert.ok(cardText(cardOf(e3fr)).includes('Vous n’avez pas d’abonnement Office 365 Entreprise E3 : aucun de ces modules ne peut être acheté ici.'), cardText(cardOf(e3fr)));
  });
});
