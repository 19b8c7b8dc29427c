// The money at a glance, as conversations: "what renews this month?" and "how much do we spend on add-ons?" in English
// and French, answered from the ledger, aside while a flow waits; the checkout card's unassigned licenses; the help
// card's mention of them and of the reminders; "stop reminders" / "start reminders" typed.
import assert from 'node:assert/strict';
import type { Subscription } from '../../../src/domain/model.js';
import { insertOp, updateOp } from '../../../src/domain/writes.js';
import { cardText, Chat, play, rig, says, type JsonObject } from '../../support/chat.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { aSubscription } from '../../support/mother.js';

const DECEMBER = '2026-12-07T10:00:00.000Z';

/** Phone System on E3, yearly, renewing December 20 with a reduction from 10 to 8 scheduled; and Lockbox ending. */
function decemberRenewals(tenantId: string): Subscription[] {
  return [
    aSubscription({
      id: 'sub-dec-phone', tenantId, productId: 'phone-system', kind: 'standalone', baseSubscriptionId: 'sub-e3', quantity: 10, assigned: 6,
      frequency: 'yearly', termStart: '2025-12-20T09:00:00.000Z', termEnd: '2026-12-20T09:00:00.000Z', purchasedAt: '2025-12-20T09:00:00.000Z',
      recurringBilling: true,
      scheduledChange: { quantity: 8, effectiveAt: '2026-12-20T09:00:00.000Z', scheduledBy: 'x', scheduledAt: '2026-11-01T00:00:00.000Z' },
    }),
    aSubscription({
      id: 'sub-dec-lockbox', tenantId, productId: 'customer-lockbox', kind: 'standalone', baseSubscriptionId: 'sub-e3', quantity: 3, assigned: 3,
      frequency: 'monthly', termStart: '2026-11-29T00:00:00.000Z', termEnd: '2026-12-29T00:00:00.000Z', purchasedAt: '2026-08-29T00:00:00.000Z',
      recurringBilling: false, scheduledChange: null,
    }),
  ];
}

async function insert(world: World, subs: readonly Subscription[]): Promise<void> {
  const result = await world.store.commit(TENANT_A, { writes: subs.map((s) => insertOp('subscription', s)) });
  assert.equal(result.status, 'committed');
}

function shows(card: JsonObject | undefined, fragments: readonly string[]): void {
  assert.ok(card, 'a card');
  const text = cardText(card);
  for (const fragment of fragments) assert.ok(text.includes(fragment), `"${fragment}" in ${text}`);
}

function lacks(card: JsonObject | undefined, fragments: readonly string[]): void {
  const text = cardText(card ?? {});
  for (const fragment of fragments) assert.ok(!text.includes(fragment), `no "${fragment}" in ${text}`);
}

describe('What renews this month', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld({ start: DECEMBER });
  });

  it('in English: dates, amounts with the scheduled change applied, recurring billing on or off, the window said', async () => {
    await insert(world, decemberRenewals(TENANT_A));
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [reply] = await play(chat, [['what renews this month?', says('what renews this month?'), [
      'card: Renewals this month — 2 add-ons renew or end from December 7, 2026 to December 31, 2026 (UTC).',
    ]]]);
    shows(reply?.cards[0]?.card, [
      'Phone System', 'For Office 365 E3', 'Renews on | December 20, 2026', 'Quantity | 10 licenses (6 assigned)',
      'Recurring billing | On: it renews', 'Charged at renewal | $768.00 for 8 licenses, billed yearly',
      'Scheduled change | From 10 licenses to 8 licenses at renewal',
      'Customer Lockbox', 'Ends on | December 29, 2026', 'Recurring billing | Off: it ends and stops working on that date',
      'Total charged at renewals | $768.00', 'My add-ons', 'Open in admin center',
    ]);
  });

  it('in French, typed without accents: « qu est ce qui se renouvelle ce mois ci »', async () => {
    await insert(world, decemberRenewals(TENANT_A));
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [reply] = await play(chat, [['qu est ce qui se renouvelle ce mois ci', says('qu est ce qui se renouvelle ce mois ci'), [
      'card: Renouvellements ce mois-ci — 2 modules complémentaires se renouvellent ou se terminent du 7 décembre 2026 au 31 décembre 2026 (UTC).',
    ]]]);
    shows(reply?.cards[0]?.card, [
      'Système téléphonique', 'Pour Office 365 Entreprise E3', 'Renouvellement le | 20 décembre 2026', 'Quantité | 10 licences (6 attribuées)',
      'Facturation récurrente | Activée : il se renouvelle', 'Prélevé au renouvellement | 768,00', '8 licences, facturation annuelle',
      'Modification planifiée | De 10 licences à 8 licences au renouvellement', 'Se termine le | 29 décembre 2026', 'Mes modules',
    ]);
  });

  it('nothing renews this month: said plainly (EN and FR); "soon" looks at the next 30 days and says so', async () => {
    const en = new Chat(rig(world), { tenantId: TENANT_A });
    await play(en, [
      ['what renews this month?', says('what renews this month?'), ['card: Renewals this month — Nothing renews this month: no add-on renews or ends from December 7, 2026 to December 31, 2026 (UTC).']],
      ['what renews soon?', says('what renews soon?'), ['card: Renewals in the next 30 days — Nothing renews in the next 30 days: no add-on renews or ends from December 7, 2026 to January 6, 2027 (UTC).']],
    ]);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    await play(fr, [['prochains renouvellements', says('prochains renouvellements'), ['card: Renouvellements dans les 30 prochains jours — Rien ne se renouvelle dans les 30 prochains jours']]]);
  });

  it('a plain user gets the same answer, and at an open question it is answered aside: the question still waits', async () => {
    await insert(world, decemberRenewals(TENANT_A));
    const lee = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    await play(lee, [['upcoming renewals', says('upcoming renewals'), ['card: Renewals in the next 30 days — 2 add-ons renew or end']]]);
    const megan = new Chat(rig(world), { tenantId: TENANT_A });
    await play(megan, [
      ['buy phone system', says('buy phone system'), ['card:']],
      ['what renews this month?', says('what renews this month?'), ['card: Renewals this month', 'We’re in the middle of a purchase.']],
    ]);
    assert.ok(megan.dialogStack().length > 0, 'the purchase still waits');
  });
});

describe('How much do we spend on add-ons', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: the monthly equivalent per add-on and in total, with unassigned licenses and their cost', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [reply] = await play(chat, [['how much do we spend on add-ons?', says('how much do we spend on add-ons?'), [
      'card: What your add-ons cost per month — Monthly equivalents at list prices in USD: a yearly term counts as its price divided by 12.',
    ]]]);
    const card = reply?.cards[0]?.card;
    shows(card, [
      'Phone System', 'Per month | $160.00', 'Quantity | 20 licenses (15 assigned)', 'Unassigned | 5 licenses, $40.00 per month',
      'Audio Conferencing', 'Per month | $40.00', 'Unassigned | 6 licenses, $24.00 per month',
      'Office 365 Extra File Storage', 'Per month | $20.00', 'Quantity | 100 GB', 'Unassigned | Can’t be assigned to users',
      'Total per month | $220.00', 'Unassigned licenses | 11 licenses, $64.00 per month', 'within 7 days',
    ]);
    const text = cardText(card ?? {});
    assert.ok(text.indexOf('Phone System') < text.indexOf('Audio Conferencing'), 'most expensive first');
  });

  it('in French: « combien coûtent nos modules ? »', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [reply] = await play(chat, [['combien coûtent nos modules ?', says('combien coûtent nos modules ?'), [
      'card: Coût mensuel de vos modules complémentaires — Équivalents mensuels aux prix catalogue en USD',
    ]]]);
    shows(reply?.cards[0]?.card, [
      'Système téléphonique', 'Par mois | 160,00', 'Quantité | 20 licences (15 attribuées)', 'Non attribuées | 5 licences, 40,00',
      'Total par mois | 220,00', 'Licences non attribuées | 11 licences, 64,00', 'Non attribuable aux utilisateurs',
    ]);
  });

  it('with no active add-on: nothing is spent, no totals', async () => {
    for (const id of ['sub-phone-system', 'sub-audio-conferencing', 'sub-extra-file-storage']) {
      const row = await world.store.get(TENANT_A, 'subscription', id);
      assert.ok(row);
      const result = await world.store.commit(TENANT_A, { writes: [updateOp('subscription', { ...row.value, status: 'canceled' }, row.version)] });
      assert.equal(result.status, 'committed');
    }
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [reply] = await play(chat, [['what do our add-ons cost', says('what do our add-ons cost'), [
      'card: What your add-ons cost per month — You have no active add-on: nothing is spent on add-ons.',
    ]]]);
    lacks(reply?.cards[0]?.card, ['Total per month']);
  });
});

describe('Checkout: unassigned licenses before Place order', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('buying more Audio Conferencing for E3 says the 6 already unassigned (EN), and in French', async () => {
    const en = new Chat(rig(world), { tenantId: TENANT_A });
    const [checkout] = await play(en, [['buy 5 audio conferencing for E3, yearly', says('buy 5 audio conferencing licenses for E3, billed yearly'), ['card: Review your order']]]);
    shows(checkout?.cards.at(-1)?.card, ['You already have 6 unassigned Audio Conferencing licenses on this subscription.', 'Place order']);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'conv-fr' });
    const [commande] = await play(fr, [['acheter 5 licences d’audioconférence pour E3, facturation annuelle',
      says('acheter 5 licences d’audioconférence pour E3, facturation annuelle'), ['card: Vérifiez votre commande']]]);
    shows(commande?.cards.at(-1)?.card, ['Vous avez déjà 6 licences de l’Audioconférence non attribuées sur cet abonnement.']);
  });

  it('no line without unassigned licenses: an add-on not bought yet, storage, or every license assigned', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [lockbox] = await play(chat, [['buy lockbox', says('buy 5 customer lockbox licenses for E3, billed yearly'), ['card: Review your order']]]);
    lacks(lockbox?.cards.at(-1)?.card, ['unassigned']);
    const row = await world.store.get(TENANT_A, 'subscription', 'sub-audio-conferencing');
    assert.ok(row);
    assert.equal((await world.store.commit(TENANT_A, { writes: [updateOp('subscription', { ...row.value, assigned: 10 }, row.version)] })).status, 'committed');
    const again = new Chat(rig(world), { tenantId: TENANT_A, conversationId: 'conv-2' });
    const [audio] = await play(again, [['buy audio', says('buy 5 audio conferencing licenses for E3, billed yearly'), ['card: Review your order']]]);
    lacks(audio?.cards.at(-1)?.card, ['unassigned']);
    const storage = new Chat(rig(world), { tenantId: TENANT_A, conversationId: 'conv-3' });
    const [gb] = await play(storage, [['buy storage', says('buy 50 GB of storage for E3, billed yearly'), ['card: Review your order']]]);
    lacks(gb?.cards.at(-1)?.card, ['unassigned']);
  });
});

describe('Help card and reminders typed', () => {
  it('help mentions renewals, spend and stop / start reminders (EN and FR)', async () => {
    const world = await demoWorld();
    const en = new Chat(rig(world), { tenantId: TENANT_A });
    const [help] = await play(en, [['help', says('help'), ['card: What I can do']]]);
    shows(help?.cards[0]?.card, ['what renews this month?', 'how much do we spend on add-ons?', 'stop reminders', 'start reminders']);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [aide] = await play(fr, [['aide', says('aide'), ['card: Ce que je sais faire']]]);
    shows(aide?.cards[0]?.card, ['qu’est-ce qui se renouvelle ce mois-ci ?', 'combien coûtent nos modules ?', 'arrête les rappels', 'réactive les rappels']);
  });

  it('"stop reminders" / "start reminders" set the caller\'s own preference, said in their language', async () => {
    const world = await demoWorld();
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex' });
    await play(chat, [
      ['stop reminders', says('stop reminders'), ['OK, no more reminders from me.']],
      ['stop reminders again', says('stop reminders'), ['They were already off']],
    ]);
    assert.ok((await world.service.whoIs(world.a.alex)).user.remindersOffAt);
    assert.equal((await world.service.whoIs(world.a.megan)).user.remindersOffAt, undefined);
    const fr = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR', conversationId: 'conv-fr' });
    await play(fr, [['réactive les rappels', says('réactive les rappels'), ['les rappels sont activés']]]);
    assert.equal((await world.service.whoIs(world.a.alex)).user.remindersOffAt, undefined);
  });
});
