// End to end in a real browser: an admin manages what the demo tenant bought, in the Agents Playground driven by
// headless Chromium (test/support/playground.ts starts the bot, the Playground and the browser). Before the walk, ten
// orders placed by Megan Bowen and Alex Wilber over the last 30 days are written into the bot's ledger file (through
// the BillingService, dated by a clock set back), so the lists have a second page. Then, as a person would, typing
// and clicking the card buttons:
//
//   my add-ons (Next / Previous) → Remove on Phone System (bought 60 days ago: explained, recurring billing offered
//   and turned off) → Turn on recurring billing from my add-ons → "turn off recurring billing for Phone System" →
//   Add or remove licenses on Phone System (refused below the assigned, and while recurring billing is off; Cancel) →
//   "remove Audio Conferencing" (bought 3 days ago: canceled with the prorated refund) → "remove Extra File Storage"
//   (traditional: a support request with its id) → "is Exchange Online Archiving available on Business Basic?" → Buy
//   → checkout → Place order → "change the quantity of Exchange Online Archiving" to 8 (charged now, prorated) →
//   "which add-ons for E3?" → Buy → "is MyAnalytics available on Business Basic?" → Buy → "which add-ons does my plan
//   support?" → Buy → my orders (newest first, Next / Previous) → "français" → "modifier la quantité" (picked on the
//   card) to 6 (refunded now) → "quels modules pour Business Basic ?" → Acheter → the ledger holds each change once.
//
// Each step asserts what the page shows (quantities, prices, refunds, dates, order rows, the outcome card that
// replaces the confirmation card) and leaves test-output/e2e/manage-NN-<step>.png. Run with `npm run test:e2e`.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { addonName } from '../../src/domain/catalog.js';
import type { Clock } from '../../src/domain/ports.js';
import { prorate } from '../../src/domain/money.js';
import type { Money } from '../../src/domain/money.js';
import type { AddonId, Language } from '../../src/domain/ids.js';
import type { Subscription } from '../../src/domain/model.js';
import { remainingDays, termDays } from '../../src/domain/time.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { formatMoney } from '../../src/i18n/index.js';
import { usePlayground, type PlaygroundSession } from '../support/playground.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const ORDER_NUMBER = /ORD-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/;
const ORDERS_PAGE_2 = /Your orders[\s\S]*Page 2(?!\d| of)/;

/** The history written before the walk: who bought what, how many days ago (yearly, on the invoice). */
const HISTORY: readonly { daysAgo: number; by: 'megan' | 'alex'; addonId: AddonId; base: string; quantity: number }[] = [
  { daysAgo: 30, by: 'megan', addonId: 'customer-lockbox', base: 'sub-e3', quantity: 5 },
  { daysAgo: 27, by: 'alex', addonId: 'advanced-threat-protection', base: 'sub-e3', quantity: 10 },
  { daysAgo: 24, by: 'megan', addonId: 'advanced-compliance', base: 'sub-e3', quantity: 5 },
  { daysAgo: 21, by: 'megan', addonId: 'myanalytics', base: 'sub-e3', quantity: 20 },
  { daysAgo: 18, by: 'alex', addonId: 'domestic-calling-plan', base: 'sub-e5', quantity: 5 },
  { daysAgo: 15, by: 'alex', addonId: 'international-calling-plan', base: 'sub-e5', quantity: 2 },
  { daysAgo: 12, by: 'megan', addonId: 'communications-credits', base: 'sub-e5', quantity: 50 },
  { daysAgo: 10, by: 'megan', addonId: 'domestic-calling-plan', base: 'sub-e5', quantity: 3 },
  { daysAgo: 9, by: 'alex', addonId: 'customer-lockbox', base: 'sub-e3', quantity: 2 },
  { daysAgo: 8, by: 'megan', addonId: 'advanced-threat-protection', base: 'sub-e3', quantity: 5 },
];
const NAMES = { megan: 'Megan Bowen', alex: 'Alex Wilber' } as const;

/** "December 6, 2026" / "6 décembre 2026", as the cards write dates (UTC). */
function longDate(iso: string, language: Language = 'en'): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

function usd(m: Money | number, language: Language = 'en'): string {
  return formatMoney(typeof m === 'number' ? m : m.amount, 'USD', language).replace(/[\u00a0\u202f]/g, ' ');
}

/** What a person reads: the text with its no-break spaces made plain. */
async function read(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/[\u00a0\u202f]/g, ' ');
}

/** The titles of the buttons in `scope` (an Action.OpenUrl is a link), as shown, in order. */
async function buttonsOf(scope: Locator): Promise<string[]> {
  return (await scope.getByRole('button').or(scope.getByRole('link')).allInnerTexts()).map((t) => t.trim());
}

/** `text` holds every fact "title value" of `facts` (a FactSet renders as title, then value). */
function assertFacts(text: string, facts: Readonly<Record<string, string>>): void {
  for (const [title, value] of Object.entries(facts)) {
    const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(text, new RegExp(`${escaped(title)}\\s+${escaped(value)}`), `"${title}: ${value}" is shown in:\n${text}`);
  }
}

/**
 * The innermost part of a card that shows `name` (a whole text block) and has buttons: an add-on of "my add-ons" (its
 * name, facts and buttons), a row of an availability card (name, note, Buy), a subscription's group.
 */
function partWith(scope: Locator, name: string): Locator {
  return scope.locator('.ac-container')
    .filter({ has: scope.page().getByText(name, { exact: true }) })
    .filter({ has: scope.page().getByRole('button') })
    .last();
}

describe('E2E: managing add-ons and asking what is available in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);

  const session = usePlayground('manage');
  let eoaOrder = '';

  /** The Playground user's name as the bot knows it (from the name the Playground sends with each message). */
  async function myName(s: PlaygroundSession): Promise<string> {
    return (await s.withBilling((billing, caller) => billing.whoIs(caller))).user.name;
  }

  async function addonNamed(s: PlaygroundSession, addonId: AddonId): Promise<Subscription> {
    return s.withBilling(async (billing, caller) => {
      const all = (await billing.listAddons(caller, { limit: 100 })).items.filter((a) => a.productId === addonId && a.status === 'active');
      assert.equal(all.length, 1, `one active ${addonId}`);
      return all[0] as Subscription;
    });
  }

  /** Clicks the confirm button of `confirm`, then checks the outcome card took its place and the bot said `said`. */
  async function confirmAndReadOutcome(s: PlaygroundSession, confirm: Locator, button: string, title: string, said: string): Promise<string> {
    const confirmTitle = (await read(confirm.getByRole('heading').first())).trim();
    const cardsBefore = await s.page.locator('.ac-adaptiveCard').count();
    await s.newMessage(said, () => s.click(confirm, button));
    const outcome = await s.cardWith(title);
    // Replaced in place: the confirmation is gone, and the bot added no card (only its message).
    assert.equal(await s.cards(confirmTitle).count(), 0, `the confirmation "${confirmTitle}" was replaced`);
    assert.equal(await s.page.locator('.ac-adaptiveCard').count(), cardsBefore, 'the outcome replaced the confirmation in place');
    assert.equal(await outcome.getByRole('button', { name: button }).count(), 0, 'no confirm button left on the outcome');
    return read(outcome);
  }

  it('opens the Playground; the tenant already has ten orders from Megan and Alex', async () => {
    const s = session();
    await s.open();
    const { tenantId } = s.identity();
    for (const entry of HISTORY) {
      const at = Date.now() - entry.daysAgo * DAY_MS;
      const clock: Clock = { now: () => new Date(at) };
      await s.withBilling(async (billing) => {
        const caller = { tenantId, userId: DEMO_USERS[entry.by] };
        const quote = await billing.quotePurchase(caller, { addonId: entry.addonId, baseSubscriptionId: entry.base, quantity: entry.quantity, frequency: 'yearly' });
        await billing.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
      }, clock);
    }
    const orders = await s.withBilling(async (billing, caller) => (await billing.listOrders(caller, { limit: 100 })).items);
    assert.equal(orders.length, HISTORY.length);
    await s.screenshot('welcome');
    await s.assertCardsReadable();
  });

  it('my add-ons: each subscription with its add-ons and their buttons, on two pages (Next, Previous)', async () => {
    const s = session();
    const card = await s.ask('my add-ons', 'Your subscriptions and add-ons');
    let text = await read(card);
    assert.match(text, /Each subscription with its add-ons\. Use the buttons under an add-on to change it\./);
    assert.match(text, /Microsoft 365 Business Basic \(10 licenses\)\s+8 assigned · Monthly\s+No add-ons/);
    assert.match(text, /Office 365 E5 \(5 licenses\)\s+5 assigned · Yearly/);
    assert.match(text, /Page 1 of 2/);
    const audio = partWith(card, 'Audio Conferencing');
    const audioSub = await addonNamed(s, 'audio-conferencing');
    assertFacts(await read(audio), {
      Kind: 'Standalone', Quantity: '10 licenses', Assigned: '4 licenses', 'Billing frequency': 'Yearly', 'Recurring billing': 'On',
      'Renews on': longDate(audioSub.termEnd),
    });
    assert.deepEqual(await buttonsOf(audio), ['Add or remove licenses', 'Remove', 'Turn off recurring billing']);
    assert.equal(await card.getByRole('button', { name: 'Previous' }).count(), 0, 'no Previous on page 1');
    await s.screenshot('addons-page-1');

    const page2 = await s.newCard('Page 2 of 2', () => s.click(card, 'Next'));
    assert.equal(await s.cards('Page 1 of 2').count(), 0, 'Next replaced page 1 in place');
    text = await read(page2);
    const phone = await addonNamed(s, 'phone-system');
    assertFacts(await read(partWith(page2, 'Phone System')), {
      Kind: 'Standalone', Quantity: '20 licenses', Assigned: '15 licenses', 'Recurring billing': 'On', 'Renews on': longDate(phone.termEnd),
    });
    const storage = partWith(page2, 'Office 365 Extra File Storage');
    assertFacts(await read(storage), { Kind: 'Traditional (part of its subscription)', Quantity: '100 GB', 'Recurring billing': 'On' });
    assert.doesNotMatch(await read(storage), /Assigned/, 'storage cannot be assigned');
    assert.deepEqual(await buttonsOf(storage), ['Change quantity', 'Remove'],
      'a traditional add-on: Change quantity and Remove, no recurring billing');
    assert.equal(await page2.getByRole('button', { name: 'Next' }).count(), 0, 'no Next on the last page');
    await s.screenshot('addons-page-2');

    await s.click(page2, 'Previous');
    await s.cardWith('Page 1 of 2');
    assert.equal(await s.cards('Page 2 of 2').count(), 0, 'Previous replaced page 2 in place');
    await s.screenshot('addons-page-1-again');
    await s.assertCardsReadable();
  });

  it('Remove on Phone System (bought 60 days ago): explains why it cannot be canceled and offers to turn off recurring billing', async () => {
    const s = session();
    const list = await s.cardWith('Page 1 of 2');
    const page2 = await s.newCard('Page 2 of 2', () => s.click(list, 'Next'));
    const phone = await addonNamed(s, 'phone-system');
    const ends = longDate(phone.termEnd);
    const explained = await s.newMessage('It’s been more than 7 days', () => s.click(partWith(page2, 'Phone System'), 'Remove'));
    const confirm = await s.cardWith('Turn off recurring billing for Phone System?');
    assert.match(explained, new RegExp(`so it can’t be canceled with a refund\\. You can turn off recurring billing instead; it stays active until ${ends}\\.`));
    const text = await read(confirm);
    assert.match(text, new RegExp(`It stays active until ${ends}, then ends\\. It won’t be charged again\\.`));
    assertFacts(text, { 'Add-on': 'Phone System', 'For subscription': 'Office 365 E3 (25 licenses)', 'Ends on': ends });
    assert.deepEqual(await buttonsOf(confirm), ['Turn off recurring billing', 'Open in admin center', 'Cancel']);
    await s.screenshot('remove-phone-system-offer');
    await s.assertCardsReadable();

    const outcome = await confirmAndReadOutcome(s, confirm, 'Turn off recurring billing', 'Recurring billing turned off',
      `Done! Recurring billing is off: Phone System stays active until ${ends}, then ends.`);
    assertFacts(outcome, { 'Add-on': 'Phone System', 'Ends on': ends });
    assert.equal((await addonNamed(s, 'phone-system')).recurringBilling, false);
    await s.screenshot('recurring-off-outcome');
  });

  it('my add-ons shows Phone System ending, with Turn on recurring billing, which renews it again', async () => {
    const s = session();
    const card = await s.ask('my add-ons', 'Your subscriptions and add-ons');
    const page2 = await s.newCard('Page 2 of 2', () => s.click(card, 'Next'));
    const row = partWith(page2, 'Phone System');
    const phone = await addonNamed(s, 'phone-system');
    assertFacts(await read(row), { 'Recurring billing': 'Off', 'Ends on': longDate(phone.termEnd) });
    assert.deepEqual(await buttonsOf(row), ['Add or remove licenses', 'Turn on recurring billing'],
      'ending and outside the 7 days: nothing left to remove');
    await s.screenshot('addons-phone-system-off');

    const confirm = await s.newCard('Turn on recurring billing for Phone System?', () => s.click(row, 'Turn on recurring billing'));
    const renews = longDate(phone.termEnd);
    const text = await read(confirm);
    assert.match(text, new RegExp(`It will renew on ${renews} for another term, at the list price\\.`));
    assertFacts(text, { 'Add-on': 'Phone System', 'Renews on': renews });
    await s.screenshot('recurring-on-confirm');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Turn on recurring billing', 'Recurring billing turned on',
      `Done! Recurring billing is on: Phone System renews on ${renews}.`);
    assertFacts(outcome, { 'Renews on': renews });
    assert.equal((await addonNamed(s, 'phone-system')).recurringBilling, true);
    await s.screenshot('recurring-on-outcome');
    await s.assertCardsReadable();
  });

  it('"turn off recurring billing for Phone System": the end date, then the outcome in place of the confirmation', async () => {
    const s = session();
    const phone = await addonNamed(s, 'phone-system');
    const ends = longDate(phone.termEnd);
    const picked = await s.newMessage('Your Phone System', () => s.send('turn off recurring billing for Phone System'));
    const confirm = await s.cardWith('Turn off recurring billing for Phone System?');
    assert.equal(picked, 'Your Phone System: 20 licenses on Office 365 E3.', 'named by the admin: confirmed, not picked');
    assertFacts(await read(confirm), { 'Ends on': ends });
    await s.screenshot('recurring-off-typed-confirm');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Turn off recurring billing', 'Recurring billing turned off',
      `Done! Recurring billing is off: Phone System stays active until ${ends}, then ends.`);
    assertFacts(outcome, { 'Ends on': ends });
    assert.equal((await addonNamed(s, 'phone-system')).recurringBilling, false);
    await s.screenshot('recurring-off-typed-outcome');
    await s.assertCardsReadable();
  });

  it('Add or remove licenses on Phone System: below the assigned and a reduction with recurring billing off are refused; Cancel', async () => {
    const s = session();
    const list = await s.ask('my add-ons', 'Your subscriptions and add-ons');
    const page2 = await s.newCard('Page 2 of 2', () => s.click(list, 'Next'));
    const phone = await addonNamed(s, 'phone-system');
    const question = await s.newCard('Add or remove licenses: Phone System', () => s.click(partWith(page2, 'Phone System'), 'Add or remove licenses'));
    assertFacts(await read(question), { Quantity: '20 licenses', Assigned: '15 licenses', 'Recurring billing': 'Off', 'Ends on': longDate(phone.termEnd) });
    assert.ok((await read(question)).includes(`More is charged now, prorated to ${longDate(phone.termEnd)}. Recurring billing is off, so the total `
      + 'can’t be reduced until you turn it back on. The total can’t go below the 15 licenses assigned.'), 'the rules that apply now');

    let input = question.getByRole('spinbutton', { name: /New total \(licenses\)/ });
    await input.fill('14');
    const belowAssigned = await s.newMessage('You can’t go below', () => s.click(question, 'Review change'));
    assert.equal(belowAssigned, 'You can’t go below the 15 licenses already assigned to users. Unassign some licenses first, then try again.');
    // The question stays open: the card comes back as it was.
    const again = await s.cardWith('Add or remove licenses: Phone System');
    input = again.getByRole('spinbutton', { name: /New total \(licenses\)/ });
    assert.equal(await input.inputValue(), '20');
    await input.fill('16');
    const recurringOff = await s.newMessage('Recurring billing is off, so', () => s.click(again, 'Review change'));
    assert.equal(recurringOff, `Recurring billing is off, so the subscription ends on ${longDate(phone.termEnd)} and a reduction can’t be applied or scheduled. Turn recurring billing on first.`);
    await s.screenshot('quantity-phone-refused');

    const last = await s.cardWith('Add or remove licenses: Phone System');
    const canceled = await s.newCard('Canceled', () => s.click(last, 'Cancel'));
    assert.match(await read(canceled), /OK, I stopped\. Nothing was changed\./);
    assert.equal(await s.cards('Add or remove licenses: Phone System').count(), 0, 'the question card became the notice');
    assert.equal((await addonNamed(s, 'phone-system')).quantity, 20, 'nothing changed');
    await s.screenshot('quantity-phone-canceled');
    await s.assertCardsReadable();
  });

  it('"remove Audio Conferencing" (bought 3 days ago): cancel with the prorated refund, refund + kept = paid', async () => {
    const s = session();
    const audio = await addonNamed(s, 'audio-conferencing');
    const paid: Money = { amount: 10 * 400 * 12, currency: 'USD' };
    const refund = prorate(paid, remainingDays(new Date(), audio.termStart, audio.termEnd), termDays(audio.termStart, audio.termEnd));
    const confirm = await s.ask('remove Audio Conferencing', 'Remove Audio Conferencing?');
    const text = await read(confirm);
    assert.match(text, /It started or renewed less than 7 days ago, so it can be canceled now with a prorated refund\./);
    assertFacts(text, {
      'Add-on': 'Audio Conferencing', 'For subscription': 'Office 365 E3 (25 licenses)', Quantity: '10 licenses',
      'Paid for this term': '$480.00', 'Refund now (prorated)': usd(refund), 'Kept for the days used': usd(paid.amount - refund.amount),
    });
    assert.ok(refund.amount > 0 && refund.amount < paid.amount, `a partial refund: ${usd(refund)}`);
    assert.match(text, /The 4 users who have these licenses will lose them\./);
    await s.screenshot('remove-audio-confirm');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Remove and refund', 'Add-on removed',
      `Done! Audio Conferencing is removed and ${usd(refund)} will be refunded.`);
    assertFacts(outcome, { Refund: usd(refund) });
    await s.screenshot('remove-audio-outcome');
    // A second click (or a retrying client): the same invoke again changes nothing more and says so.
    const replayed = await s.replay('removal.confirm');
    assert.equal(replayed.status, 200, replayed.text);
    assert.ok(replayed.text.includes('Already done') && replayed.text.includes(`That was already done on ${longDate(new Date().toISOString())} by ${await myName(s)}`),
      `the replay is told it was already done: ${replayed.text}`);
    const after = await s.withBilling(async (billing, caller) => (await billing.listAddons(caller, { limit: 100 })).items.find((a) => a.id === audio.id));
    assert.equal(after?.status, 'canceled');
    await s.assertCardsReadable();
  });

  it('"remove Extra File Storage" (traditional): explained, and a support request opened with its id', async () => {
    const s = session();
    const explained = await s.newMessage('can’t be removed by an admin', () => s.send('remove Extra File Storage'));
    const confirm = await s.cardWith('Open a support request to remove Office 365 Extra File Storage?');
    assert.equal(explained,
      'This add-on is part of its base subscription and can’t be removed by an admin. I can open a support request for you.');
    const text = await read(confirm);
    assert.match(text, /bought before December 1, 2015\), so an admin can’t remove it\. Microsoft support can\./);
    assertFacts(text, { Request: 'Remove Office 365 Extra File Storage from Office 365 E3 (25 licenses)' });
    await s.screenshot('remove-storage-support-offer');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Open support request', 'Support request opened', 'is open to remove Office 365 Extra File Storage');
    const id = /Support request\s+(SR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\b/.exec(outcome)?.[1] ?? '';
    assert.ok(id.length > 0, `the outcome shows the support request id:\n${outcome}`);
    assert.equal(await s.chatMessage(`Done! Support request ${id} is open to remove Office 365 Extra File Storage.`).count(), 1, 'the bot gives the same id');
    const audit = await s.withBilling(async (billing, caller) => (await billing.listAudit(caller, { limit: 100 })).items);
    assert.deepEqual(audit.filter((e) => e.action === 'support_request.open').map((e) => e.targetId), [id], 'the request is recorded with that id');
    await s.screenshot('remove-storage-support-opened');
    await s.assertCardsReadable();
  });

  it('"is Exchange Online Archiving available on Business Basic?" → Yes → Buy → 5 licenses yearly → order placed', async () => {
    const s = session();
    const answer = await s.ask('is Exchange Online Archiving available on Business Basic?', 'Is Exchange Online Archiving available on Microsoft 365 Business Basic?');
    assert.match(await read(answer), /Yes: Exchange Online Archiving can be added to Microsoft 365 Business Basic\./);
    await s.screenshot('availability-eoa-yes');
    const details = await s.newCard('Buy Exchange Online Archiving', () => s.click(partWith(answer, 'Exchange Online Archiving'), 'Buy'));
    assert.match(await read(details), /For Microsoft 365 Business Basic \(10 licenses\)/);
    await details.getByRole('spinbutton', { name: /Quantity \(licenses\)/ }).fill('5');
    await details.getByRole('radio', { name: /^Yearly/ }).check();
    await s.screenshot('buy-eoa-details');
    const checkout = await s.newCard('Review your order', () => s.click(details, 'Review order'));
    assertFacts(await read(checkout), {
      'Add-on': 'Exchange Online Archiving', 'For subscription': 'Microsoft 365 Business Basic (10 licenses)', 'Unit price': '$36.00 per license per year',
      Quantity: '5 licenses', 'Billing frequency': 'Yearly', 'Total per year': '$180.00', 'First charge': '$180.00',
    });
    await s.screenshot('buy-eoa-checkout');
    const receipt = await s.newCard('Order placed', () => s.click(checkout, 'Place order'));
    const text = await read(receipt);
    eoaOrder = ORDER_NUMBER.exec(text)?.[0] ?? '';
    assert.ok(eoaOrder, `an order number on the receipt:\n${text}`);
    assertFacts(text, { 'Order number': eoaOrder, 'Total per year': '$180.00', 'Placed by': await myName(s) });
    await s.chatMessage(`Done! Your order ${eoaOrder} is placed.`).waitFor();
    await s.screenshot('buy-eoa-receipt');
    await s.assertCardsReadable();
  });

  it('"change the quantity of Exchange Online Archiving" to 8: +3 licenses, charged now prorated, outcome in place', async () => {
    const s = session();
    const eoa = await addonNamed(s, 'exchange-online-archiving');
    const picked = await s.newMessage('Your Exchange Online Archiving', () => s.send('change the quantity of Exchange Online Archiving'));
    const question = await s.cardWith('Add or remove licenses: Exchange Online Archiving');
    assert.equal(picked, 'Your Exchange Online Archiving: 5 licenses on Microsoft 365 Business Basic.');
    const asked = await read(question);
    assertFacts(asked, { Quantity: '5 licenses', Assigned: '0 licenses', 'Renews on': longDate(eoa.termEnd) });
    assert.ok(asked.includes(`More is charged now, prorated to ${longDate(eoa.termEnd)}. Fewer takes effect now with a refund only within 7 days `
      + 'of purchase or renewal, otherwise at renewal.'), asked);
    assert.ok(!asked.includes('can’t go below'), 'none assigned: no floor to mention');
    const input = question.getByRole('spinbutton', { name: /New total \(licenses\)/ });
    assert.equal(await input.inputValue(), '5', 'the current quantity is the starting value');
    await input.fill('8');
    await s.screenshot('quantity-eoa-question');
    const confirm = await s.newCard('Confirm the new quantity of Exchange Online Archiving', () => s.click(question, 'Review change'));
    const charged = prorate({ amount: 3 * 300 * 12, currency: 'USD' }, remainingDays(new Date(), eoa.termStart, eoa.termEnd), termDays(eoa.termStart, eoa.termEnd));
    const text = await read(confirm);
    assert.match(text, new RegExp(`This takes effect now\\. The amount below is prorated to the end of the term, ${longDate(eoa.termEnd)}\\.`));
    assertFacts(text, {
      'Current quantity': '5 licenses', 'New quantity': '8 licenses', 'Price per year now': '$180.00', 'Price per year after': '$288.00',
      'Difference per year': '+$108.00', 'Charged now (prorated)': usd(charged),
    });
    // The question card became what was answered.
    assert.equal(await s.cards('Add or remove licenses: Exchange Online Archiving').count(), 0, 'the question was answered in place');
    await s.screenshot('quantity-eoa-confirm');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Confirm change', 'Quantity changed',
      `Done! Exchange Online Archiving now has 8 licenses. ${usd(charged)} was charged now, prorated to ${longDate(eoa.termEnd)}.`);
    assertFacts(outcome, { 'New quantity': '8 licenses', 'Charged now': usd(charged) });
    assert.equal((await addonNamed(s, 'exchange-online-archiving')).quantity, 8);
    await s.screenshot('quantity-eoa-outcome');
    await s.assertCardsReadable();
  });

  it('"which add-ons for E3?": the catalog\'s 7, each with Buy; Buy on MyAnalytics starts the buy flow for E3', async () => {
    const s = session();
    const card = await s.ask('which add-ons for E3?', 'Add-ons for Office 365 E3');
    const text = await read(card);
    assert.match(text, /7 add-ons can be added to Office 365 E3\./);
    const names = ['customer-lockbox', 'advanced-threat-protection', 'myanalytics', 'advanced-compliance', 'extra-file-storage', 'phone-system', 'audio-conferencing'] as const;
    for (const id of names) assert.ok(text.includes(addonName(id, 'en')), `${addonName(id, 'en')} is listed`);
    assert.equal(await card.getByRole('button', { name: 'Buy', exact: true }).count(), names.length, 'a Buy button per add-on');
    await s.screenshot('availability-e3');
    const details = await s.newCard('Buy Microsoft MyAnalytics', () => s.click(partWith(card, 'Microsoft MyAnalytics'), 'Buy'));
    assert.match(await read(details), /For Office 365 E3 \(25 licenses\)/);
    await s.screenshot('availability-e3-buy');
    const canceled = await s.newCard('Canceled', () => s.click(details, 'Cancel'));
    assert.match(await read(canceled), /OK, I canceled that\. Nothing was bought\./);
    await s.assertCardsReadable();
  });

  it('"is MyAnalytics available on Business Basic?": no, with the plans that allow it; Buy only on the E3 subscription', async () => {
    const s = session();
    const card = await s.ask('is MyAnalytics available on Business Basic?', 'Is Microsoft MyAnalytics available on Microsoft 365 Business Basic?');
    const text = await read(card);
    assert.match(text, /No: Microsoft MyAnalytics isn’t available on Microsoft 365 Business Basic\. It can be added to Office 365 E1, Office 365 E3,? and Office 365 E4\./);
    assert.match(text, /Your subscriptions that can take it\s+Office 365 E3 \(25 licenses\)/);
    assert.equal(await card.getByRole('button', { name: 'Buy', exact: true }).count(), 1, 'Buy only on the tenant’s E3');
    await s.screenshot('availability-myanalytics-no');
    const details = await s.newCard('Buy Microsoft MyAnalytics', () => s.click(card, 'Buy'));
    assert.match(await read(details), /For Office 365 E3 \(25 licenses\)/);
    await s.screenshot('availability-myanalytics-buy');
    await s.tell('cancel', 'OK, I canceled that. Nothing was bought.');
    await s.assertCardsReadable();
  });

  it('"which add-ons does my plan support?": per subscription, with what is already bought; Buy fills add-on and plan', async () => {
    const s = session();
    const card = await s.ask('which add-ons does my plan support?', 'Add-ons your subscriptions support');
    assert.match(await read(card), /Grouped by subscription, with what you already have\./);
    const basic = partWith(card, 'Microsoft 365 Business Basic (10 licenses)');
    const basicText = await read(basic);
    assert.match(basicText, /Exchange Online Archiving\s+Already bought: 8 licenses/);
    assert.match(basicText, /Office 365 Extra File Storage\s+Available/);
    assert.equal(await basic.getByRole('button', { name: 'Buy' }).count(), 2, 'Buy on the two add-ons not bought yet');
    const e3 = partWith(card, 'Office 365 E3 (25 licenses)');
    const e3Text = await read(e3);
    assert.match(e3Text, /Phone System\s+Already bought: 20 licenses/);
    assert.match(e3Text, /Customer Lockbox\s+Already bought: 7 licenses/);
    assert.match(e3Text, /Office 365 Extra File Storage\s+Already bought: 100 GB/);
    // Audio Conferencing was removed: it can be bought again, and it is the only one E3 lacks.
    assert.match(e3Text, /Audio Conferencing\s+Available/);
    assert.equal(await e3.getByRole('button', { name: 'Buy' }).count(), 1, 'Buy on Audio Conferencing only');
    await s.screenshot('availability-mine');
    const storage = partWith(basic, 'Office 365 Extra File Storage');
    const details = await s.newCard('Buy Office 365 Extra File Storage', () => s.click(storage, 'Buy'));
    assert.match(await read(details), /For Microsoft 365 Business Basic \(10 licenses\)/);
    await s.screenshot('availability-mine-buy');
    await s.tell('cancel', 'OK, I canceled that. Nothing was bought.');
    await s.assertCardsReadable();
  });

  it('my orders: newest first with who placed each, Next to the oldest, Previous back', async () => {
    const s = session();
    const card = await s.ask('my orders', 'Your orders');
    const text = await read(card);
    assert.match(text, /Newest first\./);
    assert.match(text, /Page 1\b/);
    const titles = [...text.matchAll(/(ORD-[A-Z0-9-]{14}) · (.+)/g)].map((m) => ({ id: m[1], date: m[2]?.trim() }));
    assert.equal(titles.length, 10, `ten orders on the first page:\n${text}`);
    assert.deepEqual(titles[0], { id: eoaOrder, date: longDate(new Date().toISOString()) }, 'the order placed today comes first');
    const newest = card.locator('.ac-container').filter({ hasText: eoaOrder }).last();
    assertFacts(await read(newest), { 'Add-on': 'Exchange Online Archiving', Quantity: '5 licenses', Amount: '$180.00 per year', 'Placed by': await myName(s) });
    // Then the history, newest first: 8 days ago, 9 days ago…
    const expected = [...HISTORY].reverse().slice(0, 9).map((h) => longDate(new Date(Date.now() - h.daysAgo * DAY_MS).toISOString()));
    assert.deepEqual(titles.slice(1).map((t) => t.date), expected);
    assert.match(text, /Placed by\s+Megan Bowen/);
    assert.equal(await card.getByRole('button', { name: 'Previous' }).count(), 0);
    await s.screenshot('orders-page-1');

    await s.click(card, 'Next');
    const page2 = await s.cardWith(ORDERS_PAGE_2);
    const text2 = await read(page2);
    const oldest = HISTORY[0];
    assert.ok(oldest);
    assert.equal([...text2.matchAll(/ORD-[A-Z0-9-]{14} · /g)].length, 1, `one order on page 2:\n${text2}`);
    assert.match(text2, new RegExp(`· ${longDate(new Date(Date.now() - oldest.daysAgo * DAY_MS).toISOString())}`));
    assertFacts(text2, { 'Add-on': 'Customer Lockbox', Quantity: '5 licenses', Amount: '$120.00 per year', 'Placed by': NAMES[oldest.by] });
    assert.equal(await page2.getByRole('button', { name: 'Next' }).count(), 0, 'no Next on the last page');
    await s.screenshot('orders-page-2');

    await s.click(page2, 'Previous');
    const again = await s.cardWith(eoaOrder);
    assert.match(await read(again), /Page 1\b/);
    assert.equal(await s.cards(ORDERS_PAGE_2).count(), 0, 'Previous replaced page 2 in place');
    await s.screenshot('orders-page-1-again');
    await s.newCard('Your subscriptions and add-ons', () => s.click(again, 'My add-ons'));
    await s.assertCardsReadable();
  });

  it('en français : « modifier la quantité », le module choisi sur la carte, 6 licences, remboursement au prorata', async () => {
    const s = session();
    await s.tell('français', 'D’accord, je vous parlerai en français désormais.');
    const eoa = await addonNamed(s, 'exchange-online-archiving');
    const picker = await s.ask('modifier la quantité', 'Quel module complémentaire voulez-vous modifier ?');
    await picker.getByRole('combobox').click();
    const option = s.page.getByRole('option', { name: 'Archivage Exchange Online — 8 licences sur Microsoft 365 Business Basic' });
    await option.waitFor();
    await s.screenshot('fr-picker');
    await option.click();
    const question = await s.newCard('Ajouter ou supprimer des licences : Archivage Exchange Online', () => s.click(picker, 'Suivant'));
    assertFacts(await read(question), { Quantité: '8 licences', 'Renouvellement le': longDate(eoa.termEnd, 'fr') });
    await question.getByRole('spinbutton', { name: /Nouveau total \(licences\)/ }).fill('6');
    await s.screenshot('fr-quantity-question');
    const confirm = await s.newCard('Confirmez la nouvelle quantité du module Archivage Exchange Online', () => s.click(question, 'Vérifier la modification'));
    const refund = prorate({ amount: 2 * 300 * 12, currency: 'USD' }, remainingDays(new Date(), eoa.termStart, eoa.termEnd), termDays(eoa.termStart, eoa.termEnd));
    const text = await read(confirm);
    assert.match(text, /La modification s’applique maintenant\./);
    assertFacts(text, {
      'Quantité actuelle': '8 licences', 'Nouvelle quantité': '6 licences', 'Prix annuel actuel': usd(28_800, 'fr'),
      'Prix annuel ensuite': usd(21_600, 'fr'), 'Différence par an': usd(-7_200, 'fr'), 'Remboursé maintenant (au prorata)': usd(refund, 'fr'),
    });
    await s.screenshot('fr-quantity-confirm');
    const outcome = await confirmAndReadOutcome(s, confirm, 'Confirmer la modification', 'Quantité modifiée',
      `C’est fait ! Le module Archivage Exchange Online compte maintenant 6 licences.`);
    assertFacts(outcome, { 'Nouvelle quantité': '6 licences', Remboursement: usd(refund, 'fr') });
    assert.equal((await addonNamed(s, 'exchange-online-archiving')).quantity, 6);
    await s.screenshot('fr-quantity-outcome');
    await s.assertCardsReadable();
  });

  it('en français : « quels modules pour Business Basic ? », puis Acheter démarre l’achat en français', async () => {
    const s = session();
    const card = await s.ask('quels modules pour Business Basic ?', 'Modules complémentaires pour Microsoft 365 Business Basic');
    const text = await read(card);
    assert.match(text, /3 modules complémentaires peuvent être ajoutés à Microsoft 365 Business Basic\./);
    for (const name of ['Archivage Exchange Online', 'Espace de stockage supplémentaire Office 365', 'Audioconférence']) assert.ok(text.includes(name), `${name} est listé`);
    await s.screenshot('fr-availability-basic');
    const details = await s.newCard('Acheter l’Audioconférence', () => s.click(partWith(card, 'Audioconférence'), 'Acheter'));
    assert.match(await read(details), /Pour Microsoft 365 Business Basic \(10 licences\)/);
    await s.screenshot('fr-availability-buy');
    await s.tell('annuler', 'D’accord, j’ai annulé. Rien n’a été acheté.');
    await s.assertCardsReadable();
  });

  it('the ledger holds each change exactly once', async () => {
    const s = session();
    const { userId, audit, orders } = await s.withBilling(async (billing, caller) => ({
      userId: caller.userId,
      audit: (await billing.listAudit(caller, { limit: 100 })).items,
      orders: (await billing.listOrders(caller, { limit: 100 })).items,
    }));
    const mine = audit.filter((e) => e.actorId === userId).map((e) => e.action).sort();
    assert.deepEqual(mine, [
      'order.place', 'quantity.change', 'quantity.change', 'recurring_billing.off', 'recurring_billing.off', 'recurring_billing.on',
      'subscription.cancel', 'support_request.open',
    ].sort());
    assert.equal(orders.length, HISTORY.length + 1, 'the history and the one order placed in the Playground');
    assert.equal(orders[0]?.id, eoaOrder);
  });
});
