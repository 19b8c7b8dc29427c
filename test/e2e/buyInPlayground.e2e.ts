// End to end in a real browser: the bot (`node dist/src/index.js`, local mode, SQLite under a temp DATA_DIR) and the
// Microsoft 365 Agents Playground (telemetry off) on free loopback ports, Debian's Chromium driven by playwright-core
// (headless, fresh profile, every request that is not to 127.0.0.1/localhost aborted). A person's path: type
// "buy storage add-on", pick Office 365 E3, enter 50 GB yearly, read the checkout, Place order, read the receipt;
// then the Place order invoke is replayed through the Playground as a retrying client would, and the ledger file is
// opened to check that exactly one order exists. Last, a Phone System checkout from one sentence shows auto-assign
// off with the action that turns it on, and the card quoted again with it on; then a topic switch: a Phone System
// request typed at the storage purchase's first question goes to its own checkout. A screenshot after each step goes to test-output/e2e/buy-*.png.
// The plumbing (processes, browser, typing, waiting, clicking) is test/support/playground.ts.
//
// Run with `npm run test:e2e` (not part of `npm test`: its name does not end in .test.ts). Needs /usr/bin/chromium
// (Debian's `chromium` package; CHROMIUM_PATH overrides); playwright-core never downloads a browser.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { usePlayground } from '../support/playground.js';

const ORDER_NUMBER = /ORD-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/g;

describe('E2E: buying 50 GB of extra file storage in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);

  const session = usePlayground('buy');
  let orderNumber = '';

  it('opens the Playground and shows the welcome card', async () => {
    const s = session();
    const welcome = await s.open();
    await welcome.getByRole('button', { name: 'Buy an add-on' }).waitFor();
    await s.screenshot('welcome');
    await s.assertCardsReadable();
  });

  it('asks which subscription the storage is for, offering only eligible ones', async () => {
    const s = session();
    const card = await s.ask('buy storage add-on', 'Which subscription is this add-on for?');
    assert.match(await card.innerText(), /Only subscriptions that support Office 365 Extra File Storage are shown\./);
    await card.getByRole('combobox').click();
    const e3 = s.page.getByRole('option', { name: /^Office 365 E3 \(\d+ licenses\)$/ });
    await e3.waitFor();
    await s.screenshot('subscription');
    await e3.click();
    assert.match(await card.getByRole('combobox').inputValue(), /^Office 365 E3 /);
    await s.assertCardsReadable();
  });

  it('asks for the quantity in GB and the billing frequency', async () => {
    const s = session();
    const choice = await s.cardWith('Which subscription is this add-on for?');
    const card = await s.newCard('Buy Office 365 Extra File Storage', () => s.click(choice, 'Next'));
    assert.match(await card.innerText(), /For Office 365 E3 \(\d+ licenses\)/);
    await s.screenshot('details');
    await card.getByRole('spinbutton', { name: /Quantity \(GB\)/ }).fill('50');
    await card.getByRole('radio', { name: /^Yearly/ }).check();
    assert.match(await card.innerText(), /Yearly, paid up front: \$2\.40 per GB per year/);
    await s.screenshot('details-filled');
    await s.assertCardsReadable();
  });

  it('shows the checkout with the total: $120.00 per year for 50 GB', async () => {
    const s = session();
    const details = await s.cardWith('Buy Office 365 Extra File Storage');
    const card = await s.newCard('Review your order', () => s.click(details, 'Review order'));
    const text = await card.innerText();
    assert.match(text, /Add-on\s+Office 365 Extra File Storage/);
    assert.match(text, /For subscription\s+Office 365 E3 \(\d+ licenses\)/);
    assert.match(text, /Unit price\s+\$2\.40 per GB per year/);
    assert.match(text, /Quantity\s+50 GB/);
    assert.match(text, /Billing frequency\s+Yearly/);
    assert.match(text, /Total per year\s+\$120\.00/);
    assert.match(text, /First charge\s+\$120\.00/);
    assert.match(await card.getByRole('combobox', { name: /Payment method/ }).inputValue(), /Visa •••• 4242/);
    await s.screenshot('checkout');
    await s.assertCardsReadable();
  });

  it('places the order and replaces the checkout with the receipt', async () => {
    const s = session();
    const checkout = await s.cardWith('Review your order');
    const receipt = await s.newCard('Order placed', () => s.click(checkout, 'Place order'));
    const text = await receipt.innerText();
    const numbers = text.match(ORDER_NUMBER) ?? [];
    assert.equal(numbers.length, 1, `one order number on the receipt:\n${text}`);
    orderNumber = numbers[0] ?? '';
    assert.match(text, /Thanks! Your Office 365 Extra File Storage order is complete\./);
    assert.match(text, new RegExp(`Order number\\s+${orderNumber}`));
    assert.match(text, /Total per year\s+\$120\.00/);
    const done = s.chatMessage(`Done! Your order ${orderNumber} is placed.`);
    await done.waitFor();
    await done.scrollIntoViewIfNeeded();
    // The checkout card was replaced in place: no Place order button is left to click twice.
    assert.equal(await s.page.getByRole('button', { name: 'Place order' }).count(), 0, 'no Place order button after the order');
    assert.equal(await s.cards('Review your order').count(), 0);
    await s.screenshot('receipt');
    await s.assertCardsReadable();
  });

  it('answers a replayed Place order with the existing order, and the ledger holds exactly one', async () => {
    const s = session();
    // A second click / a client retry: the very same invoke, sent twice more through the Playground.
    for (let i = 0; i < 2; i++) {
      const answer = await s.replay('buy.placeOrder');
      assert.equal(answer.status, 200, answer.text);
      const mentioned = [...new Set(answer.text.match(ORDER_NUMBER) ?? [])];
      assert.deepEqual(mentioned, [orderNumber], `the replay names the existing order only: ${answer.text}`);
      // The invoke response replaces the clicked card with a notice (the Playground shows it only for its own clicks).
      assert.ok(answer.text.includes('Already placed') && answer.text.includes(`This order was already placed: order ${orderNumber}.`),
        `the replay is told the order was already placed: ${answer.text}`);
    }
    assert.equal(await s.cards('Order placed').count(), 1, 'one receipt on the page');
    await s.assertCardsReadable();

    // The ledger, read from the bot's SQLite file.
    const raw = new Database(s.ledgerFile, { readonly: true, fileMustExist: true });
    let ordersInFile: number;
    try {
      ordersInFile = raw.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM entities WHERE kind = 'order'").get()?.n ?? -1;
    } finally {
      raw.close();
    }
    assert.equal(ordersInFile, 1, 'one order row in the whole file');
    await s.withBilling(async (billing, caller) => {
      const orders = (await billing.listOrders(caller, { limit: 100 })).items;
      assert.equal(orders.length, 1, `exactly one order for tenant ${caller.tenantId}: ${orders.map((o) => o.id).join(', ')}`);
      assert.equal(orders[0]?.id, orderNumber);
      assert.equal(orders[0]?.quantity, 50);
      assert.equal(orders[0]?.frequency, 'yearly');
      assert.equal(orders[0]?.totalPerPeriod.amount, 12_000);
      assert.equal(orders[0]?.placedBy, caller.userId, 'placed by the Playground user');
    });
  });

  it('a license checkout from one sentence says per license per year, total per year, and turns auto-assign on in place', async () => {
    const s = session();
    const card = await s.ask('buy 10 phone system licenses for E3 yearly', 'Review your order');
    const text = await card.innerText();
    assert.match(text, /Unit price\s+\$96\.00 per license per year/);
    assert.match(text, /Quantity\s+10 licenses/);
    assert.match(text, /Total per year\s+\$960\.00/);
    assert.match(text, /Auto-assign licenses\s+Off/);
    await s.screenshot('checkout-auto-assign-off');
    const line = await s.newMessage('Auto-assign is on', () => s.click(card, 'Turn on auto-assign'));
    assert.match(line, /licenses go to users who don’t have one yet/);
    const updated = await s.cardWith('Turn off auto-assign');
    const after = await updated.innerText();
    assert.match(after, /Auto-assign licenses\s+On/);
    assert.match(after, /Total per year\s+\$960\.00/);
    assert.equal(await s.page.getByRole('button', { name: 'Turn on auto-assign' }).count(), 0, 'the card was replaced in place');
    await s.screenshot('checkout-auto-assign-on');
    await s.assertCardsReadable();
  });

  it('a new request wins: a Phone System request typed at "Which subscription?" of a storage purchase goes to its own checkout', async () => {
    const s = session();
    await s.ask('buy storage add-on', 'Which subscription is this add-on for?');
    await s.screenshot('switch-storage-question');
    const line = await s.newMessage(/your purchase of Office 365 Extra File Storage/, () => s.send('buy 5 phone system licenses for E3, billed monthly'));
    assert.match(line, /^I (stopped|put) your purchase of Office 365 Extra File Storage/);
    const checkout = await s.cardWith('Total per month');
    const text = await checkout.innerText();
    assert.match(text, /Add-on\s+Phone System/);
    assert.match(text, /Quantity\s+5 licenses/);
    assert.match(text, /Billing frequency\s+Monthly/);
    assert.match(text, /Total per month\s+\$48\.00/);
    await s.screenshot('switch-phone-system-checkout');
    await s.tell('cancel', 'OK, I canceled that. Nothing was bought.');
    await s.assertCardsReadable();
  });
});
