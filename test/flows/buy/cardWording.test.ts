// What the buy cards say, in English and French: a unit price per unit and per the period billed, a total that says
// its period, numbers with thousands separators, auto-assign shown and turned on or off at checkout (a new quote,
// the older card stale, one order however often Place order is clicked), and a named subscription said as confirmed.
import assert from 'node:assert/strict';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { cardText, Chat, clicks, play, rig, says } from '../../support/chat.js';

async function ordersOf(world: World) {
  return (await world.service.listOrders(world.a.megan, { limit: 100 })).items;
}

/** "Title | value" pairs of a card's text, e.g. "Unit price | $2.40 per GB per year". */
function shows(chat: Chat, verb: 'buy.placeOrder', expected: readonly string[]): void {
  const text = cardText(chat.card(chat.cardWith(verb)));
  for (const part of expected) assert.ok(text.includes(part), `checkout shows "${part}": ${text}`);
}

describe('Buy card wording', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  describe('prices say per what and per which period', () => {
    it('in English: "$2.40 per GB per year", "Total per year", and "1,000 GB" with its separator', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [['buy 1000 GB', says('buy 1000 GB of storage for E3, billed yearly'), ['card: Review your order']]]);
      shows(chat, 'buy.placeOrder', ['Unit price | $2.40 per GB per year', 'Quantity | 1,000 GB', 'Total per year | $2,400.00']);
      assert.ok(!cardText(chat.card(chat.cardWith('buy.placeOrder'))).includes('Auto-assign'), 'storage has no auto-assign');
    });

    it('in French: "par Go et par an", "Total par an", and "1 000 Go" with its separator', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [['acheter 1000 Go', says('acheter 1000 Go de stockage pour E3, facturé annuellement'), ['card: Vérifiez votre commande']]]);
      const text = cardText(chat.card(chat.cardWith('buy.placeOrder')));
      assert.match(text, /Prix unitaire \| 2,40\s\$US par Go et par an/u);
      assert.match(text, /Quantité \| 1\s000 Go/u);
      assert.match(text, /Total par an \| 2\s400,00\s\$US/u);
    });

    it('the monthly term shows the monthly unit price (20% more) and "Total per month" / "Total par mois"', async () => {
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['buy 10 Phone System monthly', says('buy 10 Phone System licenses for E3, billed monthly'), ['card: Review your order']]]);
      shows(en, 'buy.placeOrder', ['Unit price | $9.60 per license per month', 'Total per month | $96.00']);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'conv-fr' });
      await play(fr, [['acheter 10 licences', says('acheter 10 licences Système téléphonique pour E3, facturation mensuelle'), ['card: Vérifiez votre commande']]]);
      const text = cardText(fr.card(fr.cardWith('buy.placeOrder')));
      assert.match(text, /Prix unitaire \| 9,60\s\$US par licence et par mois/u);
      assert.match(text, /Total par mois \| 96,00\s\$US/u);
    });

    it('the details card writes its largest quantity with a separator: "From 1 to 1,000,000" / "De 1 à 1 000 000"', async () => {
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['buy storage for E3', says('buy storage for E3'), ['card: Buy Office 365 Extra File Storage']]]);
      assert.ok(JSON.stringify(en.card(en.cardWith('buy.details'))).includes('"placeholder":"From 1 to 1,000,000"'));
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'conv-fr' });
      await play(fr, [['acheter du stockage pour E3', says('acheter du stockage pour E3'), ['card: Acheter l’espace de stockage supplémentaire Office 365']]]);
      assert.match(JSON.stringify(fr.card(fr.cardWith('buy.details'))), /"placeholder":"De 1 à 1\s000\s000"/u);
    });
  });

  describe('auto-assign is shown at checkout and turned on or off there, never silently set', () => {
    it('a sentence that skips the details question shows "Auto-assign licenses: Off" and the action to turn it on', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [['buy 10 Phone System yearly', says('buy 10 phone system licenses for E3 yearly'), ['card: Review your order']]]);
      shows(chat, 'buy.placeOrder', ['Auto-assign licenses | Off', 'Turn on auto-assign']);
    });

    it('turning it on quotes again and replaces the card; the older card is stale; the order carries auto-assign', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [['buy 10 Phone System yearly', says('buy 10 phone system licenses for E3 yearly'), ['card: Review your order']]]);
      const cardId = chat.cardWith('buy.placeOrder');
      const before = chat.card(cardId);
      await play(chat, [['Turn on auto-assign', clicks('buy.autoAssign'), [
        'Auto-assign is on: licenses go to users who don’t have one yet. Here is the order again.', 'invoke card: Review your order',
      ]]]);
      shows(chat, 'buy.placeOrder', ['Auto-assign licenses | On', 'Turn off auto-assign', 'Total per year | $960.00']);
      const after = chat.card(cardId);
      // The client still shows the card from before the toggle (another device): its Place order places nothing.
      chat.shown.set(cardId, before);
      await play(chat, [['old Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: cardId }), [
        'invoke card: This card is no longer active — That card is no longer active. Nothing was ordered.',
      ]]]);
      assert.equal((await ordersOf(world)).length, 0);
      chat.shown.set(cardId, after);
      await play(chat, [['Place order', clicks('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }, { card: cardId }), ['Done! Your order ORD-']]]);
      const [order] = await ordersOf(world);
      assert.equal(order?.quantity, 10);
      assert.ok((order?.autoAssigned ?? 0) > 0, 'the order assigned licenses');
    });

    it('in French, with Action.Submit: a new card comes, and turning it off again quotes again', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR' });
      await play(chat, [['acheter 10 licences', says('acheter 10 licences Système téléphonique pour E3, facturation annuelle'), ['card: Vérifiez votre commande']]]);
      shows(chat, 'buy.placeOrder', ['Attribution automatique | Désactivée', 'Activer l’attribution automatique']);
      const first = chat.cardWith('buy.placeOrder');
      await play(chat, [['Activer', clicks('buy.autoAssign', {}, { via: 'submit' }), [
        'L’attribution automatique est activée : les licences iront aux utilisateurs qui n’en ont pas encore. Voici la commande mise à jour.',
        'card: Vérifiez votre commande',
      ]]]);
      const second = chat.cardWith('buy.placeOrder');
      assert.notEqual(second, first);
      shows(chat, 'buy.placeOrder', ['Attribution automatique | Activée', 'Désactiver l’attribution automatique', 'Total par an']);
      await play(chat, [['old toggle', clicks('buy.autoAssign', {}, { via: 'submit', card: first }), ['Cette carte n’est plus active']]]);
      await play(chat, [['Désactiver', clicks('buy.autoAssign', {}, { via: 'submit', card: second }), ['L’attribution automatique est désactivée']]]);
      shows(chat, 'buy.placeOrder', ['Attribution automatique | Désactivée']);
    });

    it('two Place order clicks at the same moment after a toggle place one order', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [
        ['buy 10 Phone System yearly', says('buy 10 phone system licenses for E3 yearly'), ['card: Review your order']],
        ['Turn on auto-assign', clicks('buy.autoAssign'), ['invoke card: Review your order']],
      ]);
      const [a, b] = await Promise.all([
        chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }),
        chat.click('buy.placeOrder', { paymentMethodId: 'pm-visa-4242' }),
      ]);
      assert.equal((await ordersOf(world)).length, 1);
      const all = [...a.lines, ...b.lines].join('\n');
      assert.match(all, /Done! Your order ORD-\d+ is placed\./);
      assert.match(all, /already placed: order ORD-\d+/);
    });
  });

  it('a user without purchase rights sees the total per year (quoted) and auto-assign on the request card', async () => {
    const chat = new Chat(rig(world), { tenantId: TENANT_A, user: 'lee' });
    const [reply] = await play(chat, [['buy 10 Phone System yearly', says('buy 10 phone system licenses for E3 yearly'), ['card: Request approval']]]);
    const request = reply?.cards.find((c) => cardText(c.card).includes('Request approval'))?.card;
    assert.ok(request);
    assert.ok(cardText(request).includes('Total per year (quoted) | $960.00 | Auto-assign licenses | Off'), cardText(request));
  });

  describe('"I picked" only when the bot picked', () => {
    it('a subscription named in the sentence is said as confirmed, in English and French', async () => {
      const en = new Chat(rig(world), { tenantId: TENANT_A });
      await play(en, [['for E3', says('buy 10 phone system licenses for E3 yearly'), [
        'For Phone System: your Office 365 E3 (25 licenses) subscription.', 'card: Review your order',
      ]]]);
      const fr = new Chat(rig(world), { tenantId: TENANT_A, locale: 'fr-FR', conversationId: 'conv-fr' });
      await play(fr, [['pour E3', says('acheter 10 licences Système téléphonique pour E3, facturation annuelle'), [
        'Pour le Système téléphonique : votre abonnement Office 365 Entreprise E3 (25 licences).', 'card: Vérifiez votre commande',
      ]]]);
      for (const reply of [...en.inbox, ...fr.inbox]) assert.doesNotMatch(reply, /picked|choisi/);
    });

    it('a subscription the bot chose (the only one that can take the add-on) is said as picked', async () => {
      const chat = new Chat(rig(world), { tenantId: TENANT_A });
      await play(chat, [['buy communications credits', says('buy communications credits'), [
        'Communications Credits can only be added to your Office 365 E5 (5 licenses) subscription, so I picked it.',
      ]]]);
    });
  });
});
