// "My add-ons" and "my orders", as conversations: the tenant's subscriptions with their add-ons and a
// button per allowed action (ids only), paged so a big tenant still gets small cards; the orders newest first with
// Next / Previous. Anyone may list; only global and billing admins get the change buttons.
import assert from 'node:assert/strict';
import { actionData, cardText, Chat, clicks, play, rig, says, type JsonObject } from '../../support/chat.js';
import type { Caller } from '../../../src/domain/billingService.js';
import type { Subscription } from '../../../src/domain/model.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { insertOp } from '../../../src/domain/writes.js';
import { demoWorld, MINUTE, TENANT_A, type World } from '../../support/billingHarness.js';

function buttons(card: JsonObject): Array<{ verb: string; data: JsonObject; title: string }> {
  const found: Array<{ verb: string; data: JsonObject; title: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as JsonObject;
      if (o.type === 'Action.Execute' && typeof o.verb === 'string') {
        found.push({ verb: o.verb, data: (o.data ?? {}) as JsonObject, title: typeof o.title === 'string' ? o.title : '' });
        return; // its Submit fallback is the same button
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

async function placeOrders(world: World, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const caller: Caller = i % 2 ? world.a.alex : world.a.megan;
    const quote = await world.service.quotePurchase(caller, { addonId: 'extra-file-storage', baseSubscriptionId: 'sub-e3', quantity: 10 + i, frequency: 'monthly' });
    const placed = await world.service.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
    ids.push(placed.order.id);
    world.clock.advance(MINUTE);
  }
  return ids;
}

describe('My add-ons', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: each subscription with its add-ons, their state, and a button per allowed action carrying only the id', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [reply] = await play(chat, [['my add-ons', says('my add-ons'), [
      'card: Your subscriptions and add-ons — Each subscription with its add-ons. Use the buttons under an add-on to change it.',
    ]]]);
    const card = reply?.cards[0]?.card ?? {};
    const text = cardText(card);
    for (const shown of [
      'Office 365 E3 (25 licenses)', '20 assigned · Yearly', 'Microsoft 365 Business Basic (10 licenses)', 'No add-ons',
      'Audio Conferencing', 'Kind | Standalone', 'Quantity | 10 licenses', 'Assigned | 4 licenses', 'Renews on | November 20, 2027',
      'Phone System', 'Quantity | 20 licenses', 'Assigned | 15 licenses', 'Recurring billing | On',
      'Office 365 Extra File Storage', 'Kind | Traditional (part of its subscription)', 'Quantity | 100 GB', 'Renews on | January 15, 2027',
      'My orders', 'Open in admin center',
    ]) {
      assert.ok(text.includes(shown), `${shown} in ${text}`);
    }
    const perAddon = buttons(card).filter((b) => b.verb.startsWith('addon.'))
      .map((b) => `${b.verb} ${typeof b.data.subscriptionId === 'string' ? b.data.subscriptionId : '?'} ${b.title}`);
    assert.deepEqual(perAddon, [
      'addon.changeQuantity sub-audio-conferencing Add or remove licenses', 'addon.remove sub-audio-conferencing Remove',
      'addon.recurringOff sub-audio-conferencing Turn off recurring billing',
      'addon.changeQuantity sub-phone-system Add or remove licenses', 'addon.remove sub-phone-system Remove',
      'addon.recurringOff sub-phone-system Turn off recurring billing',
      // Traditional: no recurring billing of its own.
      'addon.changeQuantity sub-extra-file-storage Change quantity', 'addon.remove sub-extra-file-storage Remove',
    ]);
    for (const b of buttons(card)) assert.deepEqual(Object.keys(b.data).sort(), ['verb', ...(b.verb.startsWith('addon.') ? ['subscriptionId'] : [])].sort());
    const link = JSON.stringify(card);
    assert.ok(link.includes('https://go.microsoft.com/fwlink/p/?linkid=842054'), 'the worldwide "Your products" page');
  });

  it('in French, and after a change the card shows the new state (a scheduled reduction, recurring billing off)', async () => {
    const quote = await world.service.proposeQuantityChange(world.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 16 });
    await world.service.confirmQuantityChange(world.a.megan, quote.id);
    const off = await world.service.proposeRecurringBilling(world.a.megan, { subscriptionId: 'sub-audio-conferencing', turnOn: false });
    await world.service.confirmRecurringBilling(world.a.megan, off.id);
    const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
    const [reply] = await play(chat, [['mes abonnements', says('mes abonnements'), ['card: Vos abonnements et modules complémentaires']]]);
    const card = reply?.cards[0]?.card ?? {};
    const text = cardText(card);
    for (const shown of ['Prévu au renouvellement | 16 licences le 24 septembre 2027', 'Facturation récurrente | Désactivée', 'Se termine le | 20 novembre 2027',
      'Activer la facturation récurrente', 'Ajouter ou supprimer des licences', 'Modifier la quantité', 'Mes commandes', 'Ouvrir dans le Centre d’administration']) {
      assert.ok(text.includes(shown), `${shown} dans ${text}`);
    }
    assert.ok(buttons(card).some((b) => b.verb === 'addon.recurringOn' && b.data.subscriptionId === 'sub-audio-conferencing'));
  });

  it('a user without purchase rights sees the list without change buttons, and a note saying who can change', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    const [reply] = await play(chat, [['show my subscriptions', says('show my subscriptions'), ['card: Your subscriptions and add-ons — Each subscription with its add-ons.']]]);
    const card = reply?.cards[0]?.card ?? {};
    assert.deepEqual(buttons(card).filter((b) => b.verb.startsWith('addon.')), []);
    assert.ok(cardText(card).includes('Only a global admin or a billing admin can change quantities'));
    const fr = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee', locale: 'fr-FR', conversationId: 'fr' });
    const [frReply] = await play(fr, [['mes modules', says('mes modules'), ['card: Vos abonnements et modules complémentaires']]]);
    assert.ok(cardText(frReply?.cards[0]?.card ?? {}).includes('Seul un administrateur général ou un administrateur de facturation'));
  });

  it('500 subscriptions: pages under 28 KB, Next and Previous replace the card in place', async () => {
    const tenantId = 'tenant-big';
    const subscriptions: Subscription[] = [];
    for (let i = 0; subscriptions.length < 500; i++) {
      const base: Subscription = {
        id: `sub-base-${String(i).padStart(4, '0')}`, tenantId, productId: i % 2 ? 'o365-e3' : 'o365-e5', kind: 'base', baseSubscriptionId: null,
        quantity: 100 + i, assigned: 50, frequency: 'yearly', termStart: '2026-06-01T00:00:00.000Z', termEnd: '2027-06-01T00:00:00.000Z',
        recurringBilling: true, status: 'active', purchasedAt: `2020-01-01T00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000Z`,
        scheduledChange: null,
      };
      subscriptions.push(base, { ...base, id: `sub-addon-${String(i).padStart(4, '0')}`, productId: 'extra-file-storage', kind: 'standalone', baseSubscriptionId: base.id, quantity: 1000 });
    }
    await world.service.provisionTenant({
      tenant: { id: tenantId, name: 'Big', cloud: 'germany', currency: 'EUR' },
      users: [{ id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true }], paymentMethods: [], subscriptions: [],
    });
    // A unit of work holds at most 99 writes: the 500 subscriptions go in as a migration would, in batches.
    for (let i = 0; i < subscriptions.length; i += 90) {
      const result = await world.store.commit(tenantId, { writes: subscriptions.slice(i, i + 90).map((sub) => insertOp('subscription', sub)) });
      assert.equal(result.status, 'committed');
    }
    const chat = new Chat(rig(world), { tenantId });
    const [first] = await play(chat, [['my add-ons', says('my add-ons'), ['card: Your subscriptions and add-ons']]]);
    const firstCard = first?.cards[0]?.card ?? {};
    assert.ok(Buffer.byteLength(JSON.stringify(firstCard)) < 28 * 1024);
    assert.ok(cardText(firstCard).includes('Page 1 of'), cardText(firstCard));
    assert.ok(JSON.stringify(firstCard).includes('linkid=847745'), 'the Germany admin center');
    const [second] = await play(chat, [['Next', clicks('addons.page'), ['invoke card: Your subscriptions and add-ons']]]);
    const secondCard = second?.invoke?.body.value as JsonObject;
    assert.ok(cardText(secondCard).includes('Page 2 of'));
    assert.deepEqual(actionData(secondCard, 'addons.page'), { verb: 'addons.page', page: 0 }, 'Previous goes back to the first page');
    assert.ok(Buffer.byteLength(JSON.stringify(secondCard)) < 28 * 1024);
    const firstIds = buttons(firstCard).map((b) => b.data.subscriptionId).filter(Boolean);
    const secondIds = buttons(secondCard).map((b) => b.data.subscriptionId).filter(Boolean);
    assert.ok(firstIds.length > 0 && secondIds.length > 0 && !secondIds.some((id) => firstIds.includes(id)), 'another page of add-ons');
    const [back] = await play(chat, [['Previous', clicks('addons.page', {}, { via: 'submit' }), ['updated: Your subscriptions and add-ons']]]);
    assert.ok(cardText(back?.cards[0]?.card ?? {}).includes('Page 1 of'));
  });

  it('the My add-ons button of the help card, and a paging click in the middle of a flow leaves the flow waiting', async () => {
    await placeOrders(world, 12);
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [
      ['help', says('help'), ['card: What I can do']],
      ['My add-ons', clicks('menu.addons'), ['card: Your subscriptions and add-ons']],
      ['My orders', clicks('menu.orders'), ['card: Your orders']],
      ['change the quantity of Phone System', says('change the quantity of Phone System'), ['card: Add or remove licenses: Phone System']],
      ['My orders (busy)', clicks('menu.orders'), ['We’re in the middle of a change. Answer the question above, or type cancel to stop.']],
      ['Next on the orders card', clicks('orders.page'), ['invoke card: Your orders']],
      ['a tampered page', clicks('orders.page', {}, { extra: { page: 1, cursor: 'not a cursor!' } }), ['That card’s data isn’t valid']],
      ['30', says('30'), ['card: Confirm the new quantity of Phone System']],
    ]);
  });
});

describe('My orders', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('in English: newest first, order number, date, add-on, quantity, amount, who placed it (by name); Next and Previous', async () => {
    const ids = await placeOrders(world, 12);
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    const [first, second, back] = await play(chat, [
      ['my orders', says('my orders'), ['card: Your orders — Newest first.']],
      ['Next', clicks('orders.page'), ['invoke card: Your orders']],
      ['Previous', clicks('orders.page'), ['invoke card: Your orders']],
    ]);
    const firstCard = first?.cards[0]?.card ?? {};
    const text = cardText(firstCard);
    const newest = ids[11] ?? '';
    assert.ok(text.indexOf(newest) >= 0 && text.indexOf(newest) < text.indexOf(ids[10] ?? '?'), 'newest first');
    assert.ok(!text.includes(`${ids[1] ?? '?'} ·`), 'the two oldest are on the next page');
    for (const shown of [`${newest} · November 23, 2026`, 'Add-on | Office 365 Extra File Storage', 'Quantity | 21 GB', 'Amount | $5.04 per month',
      'Placed by | Alex Wilber', 'Placed by | Megan Bowen', 'Page 1', 'My add-ons', 'Open in admin center']) {
      assert.ok(text.includes(shown), `${shown} in ${text}`);
    }
    const next = actionData(firstCard, 'orders.page');
    assert.equal(next?.page, 1);
    assert.equal(typeof next?.cursor, 'string', 'Next carries the keyset cursor');
    const secondText = cardText(second?.invoke?.body.value as JsonObject);
    assert.ok(secondText.includes(ids[0] ?? '?') && secondText.includes(ids[1] ?? '?') && !secondText.includes(newest), secondText);
    assert.ok(secondText.includes('Page 2'));
    const backText = cardText(back?.invoke?.body.value as JsonObject);
    assert.ok(backText.includes(newest) && backText.includes('Page 1'), backText);
  });

  it('in French, for a billing admin: the tenant’s orders, whoever placed them', async () => {
    await placeOrders(world, 2);
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex', locale: 'fr-FR' });
    const [reply] = await play(chat, [['mes commandes', says('mes commandes'), ['card: Vos commandes — Les plus récentes d’abord.']]]);
    const text = cardText(reply?.cards[0]?.card ?? {});
    for (const shown of ['23 novembre 2026', 'Espace de stockage supplémentaire Office 365', 'Passée par | Megan Bowen', 'Montant', 'par mois']) {
      assert.ok(text.includes(shown), `${shown} dans ${text}`);
    }
    assert.equal(actionData(reply?.cards[0]?.card ?? {}, 'orders.page'), undefined, 'one page: no Next or Previous');
  });

  it('a plain user sees only the orders they placed, not the tenant’s amounts and names', async () => {
    await placeOrders(world, 2);
    for (const user of ['lee', 'adele'] as const) {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, user });
      const [reply] = await play(chat, [['my orders', says('my orders'), ['card: Your orders — No orders yet. Type buy to buy an add-on.']]]);
      const text = cardText(reply?.cards[0]?.card ?? {});
      assert.ok(!text.includes('Megan Bowen') && !text.includes('$'), `nothing of the others’ orders: ${text}`);
    }
  });

  it('an admin demoted since sees only the orders they placed, from the next list on', async () => {
    await placeOrders(world, 2);
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex' });
    const [before] = await play(chat, [['my orders', says('my orders'), ['card: Your orders — Newest first.']]]);
    assert.ok(cardText(before?.cards[0]?.card ?? {}).includes('Megan Bowen'), 'as a billing admin: everyone’s');
    await world.service.saveUser(TENANT_A, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
    const [after] = await play(chat, [['my orders', says('my orders'), ['card: Your orders — Newest first.']]]);
    const text = cardText(after?.cards[0]?.card ?? {});
    assert.ok(text.includes('Alex Wilber') && !text.includes('Megan Bowen'), `only Alex’s own order: ${text}`);
  });

  it('an order placed by someone since removed still shows their name', async () => {
    await placeOrders(world, 1);
    await world.service.saveUser(TENANT_A, { id: DEMO_USERS.megan, name: 'Megan Bowen', roles: [], licensed: true, removedAt: '2026-11-23T11:00:00.000Z' });
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'alex' });
    const [reply] = await play(chat, [['my orders', says('my orders'), ['card: Your orders — Newest first.']]]);
    assert.ok(cardText(reply?.cards[0]?.card ?? {}).includes('Placed by | Megan Bowen'));
  });

  it('no orders yet', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A });
    await play(chat, [['order history', says('order history'), ['card: Your orders — No orders yet. Type buy to buy an add-on.']]]);
  });
});
