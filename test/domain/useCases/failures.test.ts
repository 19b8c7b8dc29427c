// Every refused call of the purchase, quantity and removal use cases leaves the ledger as it was: the admin's lists
// (orders, add-ons, audit) of both tenants, and every stored row other than quotes (which proposals write).
import assert from 'node:assert/strict';
import type { ErrorCode } from '../../../src/domain/errors.js';
import { ENTITY_KINDS } from '../../../src/domain/ports.js';
import type { RemovalProposal } from '../../../src/domain/useCases/removal.js';
import {
  DAY, MINUTE, TENANT_A, TENANT_B, demoWorld, isoPlus, snapshot, withCode, type World,
} from '../../support/billingHarness.js';
import { usd } from '../../support/mother.js';
import { saveCard } from '../../support/savedCards.js';

const PHONE_END = '2027-09-24T10:00:00.000Z';
const AUDIO_START = '2026-11-20T10:00:00.000Z';

type FailingCall = (w: World) => Promise<() => Promise<unknown>>;

async function rawRows(w: World): Promise<unknown> {
  const rows: Record<string, unknown> = {};
  for (const tenantId of [TENANT_A, TENANT_B]) {
    for (const kind of ENTITY_KINDS) {
      if (kind === 'quote') continue;
      rows[`${tenantId}/${kind}`] = (await w.store.list(tenantId, kind, { limit: 1000 })).items;
    }
  }
  return rows;
}

async function ledger(w: World) {
  return { a: await snapshot(w, w.a.megan), b: await snapshot(w, w.b.megan), rows: await rawRows(w) };
}

function quoteOf(p: RemovalProposal): string {
  if (p.kind === 'already_ending') throw new Error('expected a quote');
  return p.quote.id;
}

const phone = { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 2, frequency: 'yearly' };

async function purchaseQuote(w: World, caller = w.a.megan): Promise<string> {
  return (await w.service.quotePurchase(caller, phone)).id;
}

const cases: ReadonlyArray<readonly [string, ErrorCode, FailingCall]> = [
  // quotePurchase / placeOrder
  ['quotePurchase of Exchange Online Archiving on E3', 'not_eligible', (w) => Promise.resolve(() =>
    w.service.quotePurchase(w.a.megan, { ...phone, addonId: 'exchange-online-archiving' }))],
  ['quotePurchase of 1.5 licenses', 'invalid_quantity', (w) => Promise.resolve(() => w.service.quotePurchase(w.a.megan, { ...phone, quantity: 1.5 }))],
  ['quotePurchase billed weekly', 'invalid_input', (w) => Promise.resolve(() => w.service.quotePurchase(w.a.megan, { ...phone, frequency: 'weekly' }))],
  ['placeOrder by Lee', 'forbidden', async (w) => {
    const id = await purchaseQuote(w, w.a.lee);
    return () => w.service.placeOrder(w.a.lee, { quoteId: id, paymentMethodId: 'pm-invoice' });
  }],
  ['placeOrder by an admin demoted after the quote', 'forbidden', async (w) => {
    const id = await purchaseQuote(w, w.a.alex);
    await w.service.saveUser(TENANT_A, { id: w.a.alex.userId, name: 'Alex Wilber', roles: ['user'], licensed: true });
    return () => w.service.placeOrder(w.a.alex, { quoteId: id, paymentMethodId: 'pm-invoice' });
  }],
  ["placeOrder of Megan's quote by Alex", 'quote_used_elsewhere', async (w) => {
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.a.alex, { quoteId: id, paymentMethodId: 'pm-invoice' });
  }],
  ["placeOrder of tenant-a's quote in tenant-b", 'not_found', async (w) => {
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.b.megan, { quoteId: id, paymentMethodId: 'pm-invoice' });
  }],
  ['placeOrder 15:01 after the quote', 'quote_stale', async (w) => {
    const id = await purchaseQuote(w);
    w.clock.advance(15 * MINUTE + 1000);
    return () => w.service.placeOrder(w.a.megan, { quoteId: id, paymentMethodId: 'pm-invoice' });
  }],
  ['placeOrder with an altered total', 'quote_altered', async (w) => {
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.a.megan, { quoteId: id, paymentMethodId: 'pm-invoice', expected: { totalPerPeriod: usd(100) } });
  }],
  ["placeOrder with tenant-b's card", 'invalid_payment_method', async (w) => {
    const card = await saveCard(w.store, TENANT_B, { last4: '1881', expMonth: 3, expYear: 2031 });
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.a.megan, { quoteId: id, paymentMethodId: card.id });
  }],
  ['placeOrder without a payment method', 'payment_method_required', async (w) => {
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.a.megan, { quoteId: id, paymentMethodId: undefined });
  }],
  ['placeOrder with an expired card', 'card_expired', async (w) => {
    const card = await saveCard(w.store, TENANT_A, { last4: '1111', expMonth: 12, expYear: 2026 });
    w.clock.set('2027-01-01T00:00:00.000Z');
    const id = await purchaseQuote(w);
    return () => w.service.placeOrder(w.a.megan, { quoteId: id, paymentMethodId: card.id });
  }],
  // proposeQuantityChange / confirmQuantityChange
  ['proposeQuantityChange below the assigned count', 'below_assigned', (w) => Promise.resolve(() =>
    w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 3 }))],
  ['proposeQuantityChange to the same quantity', 'no_change', (w) => Promise.resolve(() =>
    w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 20 }))],
  ['proposeQuantityChange of a base subscription', 'not_an_addon_subscription', (w) => Promise.resolve(() =>
    w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-e3', newQuantity: 30 }))],
  ['proposeQuantityChange by Lee', 'forbidden', (w) => Promise.resolve(() =>
    w.service.proposeQuantityChange(w.a.lee, { subscriptionId: 'sub-phone-system', newQuantity: 25 }))],
  ['proposeQuantityChange reducing with recurring billing off', 'recurring_billing_off', async (w) => {
    const off = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
    await w.service.confirmRecurringBilling(w.a.megan, off.id);
    return () => w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-phone-system', newQuantity: 16 });
  }],
  ['confirmQuantityChange after the subscription changed', 'quote_stale', async (w) => {
    const stale = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 15 });
    const other = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 12 });
    await w.service.confirmQuantityChange(w.a.megan, other.id);
    return () => w.service.confirmQuantityChange(w.a.megan, stale.id);
  }],
  ['confirmQuantityChange after the refund window closed', 'quote_stale', async (w) => {
    w.clock.set(isoPlus(AUDIO_START, 7 * DAY - MINUTE));
    const q = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 8 });
    w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
    return () => w.service.confirmQuantityChange(w.a.megan, q.id);
  }],
  ['confirmQuantityChange by an admin demoted after the proposal', 'forbidden', async (w) => {
    const q = await w.service.proposeQuantityChange(w.a.alex, { subscriptionId: 'sub-phone-system', newQuantity: 25 });
    await w.service.saveUser(TENANT_A, { id: w.a.alex.userId, name: 'Alex Wilber', roles: ['license_admin'], licensed: true });
    return () => w.service.confirmQuantityChange(w.a.alex, q.id);
  }],
  // removal and recurring billing
  ['proposeCancellation outside the window', 'outside_refund_window', (w) => Promise.resolve(() =>
    w.service.proposeCancellation(w.a.megan, 'sub-phone-system'))],
  ['proposeCancellation of a traditional add-on', 'traditional_not_removable', (w) => Promise.resolve(() =>
    w.service.proposeCancellation(w.a.megan, 'sub-extra-file-storage'))],
  ['proposeRecurringBilling of a traditional add-on', 'traditional_follows_base', (w) => Promise.resolve(() =>
    w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-extra-file-storage', turnOn: false }))],
  ['proposeRecurringBilling on when it is on', 'recurring_billing_already', (w) => Promise.resolve(() =>
    w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: true }))],
  ['proposeRemoval by Adele', 'forbidden', (w) => Promise.resolve(() => w.service.proposeRemoval(w.a.adele, 'sub-audio-conferencing'))],
  ['proposeRemoval after the term ended with recurring billing off', 'not_active', async (w) => {
    const off = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
    await w.service.confirmRecurringBilling(w.a.megan, off.id);
    w.clock.set(isoPlus(PHONE_END, DAY));
    return () => w.service.proposeRemoval(w.a.megan, 'sub-phone-system');
  }],
  ['confirmCancellation after the quantity changed', 'quote_stale', async (w) => {
    const cancel = quoteOf(await w.service.proposeRemoval(w.a.megan, 'sub-audio-conferencing'));
    const more = await w.service.proposeQuantityChange(w.a.megan, { subscriptionId: 'sub-audio-conferencing', newQuantity: 12 });
    await w.service.confirmQuantityChange(w.a.megan, more.id);
    return () => w.service.confirmCancellation(w.a.megan, cancel);
  }],
  ['confirmCancellation once the window closed', 'outside_refund_window', async (w) => {
    w.clock.set(isoPlus(AUDIO_START, 7 * DAY - MINUTE));
    const cancel = quoteOf(await w.service.proposeRemoval(w.a.megan, 'sub-audio-conferencing'));
    w.clock.set(isoPlus(AUDIO_START, 7 * DAY + 1));
    return () => w.service.confirmCancellation(w.a.megan, cancel);
  }],
  ['confirmRecurringBilling of a second off-quote', 'recurring_billing_already', async (w) => {
    const first = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
    const second = await w.service.proposeRecurringBilling(w.a.megan, { subscriptionId: 'sub-phone-system', turnOn: false });
    await w.service.confirmRecurringBilling(w.a.megan, first.id);
    return () => w.service.confirmRecurringBilling(w.a.megan, second.id);
  }],
  ["confirmSupportRequest of Megan's quote by Alex", 'quote_used_elsewhere', async (w) => {
    const sr = quoteOf(await w.service.proposeRemoval(w.a.megan, 'sub-extra-file-storage'));
    return () => w.service.confirmSupportRequest(w.a.alex, sr);
  }],
  ['confirmSupportRequest 15:01 after the quote', 'quote_stale', async (w) => {
    const sr = quoteOf(await w.service.proposeRemoval(w.a.megan, 'sub-extra-file-storage'));
    w.clock.advance(15 * MINUTE + 1000);
    return () => w.service.confirmSupportRequest(w.a.megan, sr);
  }],
];

describe('a refused call leaves the store unchanged', () => {
  for (const [name, code, prepare] of cases) {
    it(`${name} → ${code}`, async () => {
      const w = await demoWorld();
      const call = await prepare(w);
      const before = await ledger(w);
      await assert.rejects(call(), withCode(code));
      assert.deepEqual(await ledger(w), before);
    });
  }
});
