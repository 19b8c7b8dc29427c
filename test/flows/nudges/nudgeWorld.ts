// Nudges of the demo tenant as the sweep finds them (figures from the domain at the clock's instant), and their
// delivery into an admin's chat: the card the sweep would send, received where the admin can click it.
import assert from 'node:assert/strict';
import { CardRenderer } from '../../../src/cards/render.js';
import type { Caller } from '../../../src/domain/billingService.js';
import type { Language } from '../../../src/domain/ids.js';
import type { Subscription } from '../../../src/domain/model.js';
import { nudgeKey, type EndingNudge, type Nudge, type RefundWindowNudge, type RenewalNudge } from '../../../src/domain/nudges.js';
import { addDays } from '../../../src/domain/time.js';
import { updateOp } from '../../../src/domain/writes.js';
import { nudgeMessages } from '../../../src/flows/nudges/cards.js';
import { addonOf, type World } from '../../support/billingHarness.js';
import type { Chat, JsonObject } from '../../support/chat.js';
import { isObject } from '../../support/json.js';

export const AUDIO = 'sub-audio-conferencing';
export const PHONE = 'sub-phone-system';
/** The demo's Audio Conferencing was bought 3 days before the world starts: its refund window closes then. */
export const AUDIO_WINDOW_ENDS = '2026-11-27T10:00:00.000Z';
/** 23 hours before the window closes: under the 24 hours of a refund-window nudge. */
export const NUDGE_TIME = '2026-11-26T11:00:00.000Z';

/** Audio Conferencing's refund-window nudge for `admin`, with the refund the domain gives for reducing to the assigned count now. */
export async function refundWindowNudge(world: World, admin: Caller): Promise<RefundWindowNudge> {
  const sub = await addonOf(world, admin, AUDIO);
  const quote = await world.service.proposeQuantityChange(admin, { subscriptionId: AUDIO, newQuantity: sub.assigned });
  assert.ok(quote.effect === 'now' && quote.amountNow.amount < 0, 'inside the window, a reduction is refunded now');
  return {
    kind: 'refund_window', tenantId: admin.tenantId, adminId: admin.userId, key: nudgeKey(admin.userId, 'refund_window', AUDIO, sub.termStart),
    subscriptionId: AUDIO, addonId: 'audio-conferencing', quantity: sub.quantity, assigned: sub.assigned, reduceTo: sub.assigned,
    refund: { ...quote.amountNow, amount: -quote.amountNow.amount }, windowEndsAt: addDays(sub.termStart, 7),
  };
}

/** Phone System's renewal nudge (recurring billing on): the charge of the next term at today's quantity. */
export async function renewalNudge(world: World, admin: Caller): Promise<RenewalNudge> {
  const sub = await addonOf(world, admin, PHONE);
  return {
    kind: 'renewal', tenantId: admin.tenantId, adminId: admin.userId, key: nudgeKey(admin.userId, 'renewal', PHONE, sub.termEnd),
    subscriptionId: PHONE, addonId: 'phone-system', frequency: sub.frequency, quantity: sub.quantity, assigned: sub.assigned,
    renewsAt: sub.termEnd, charge: { amount: 192_000, currency: 'USD' }, scheduledChange: sub.scheduledChange,
  };
}

/** Phone System's ending nudge, once recurring billing is off. */
export async function endingNudge(world: World, admin: Caller): Promise<EndingNudge> {
  const sub = await addonOf(world, admin, PHONE);
  assert.equal(sub.recurringBilling, false, 'an ending nudge is for an add-on whose recurring billing is off');
  return {
    kind: 'ending', tenantId: admin.tenantId, adminId: admin.userId, key: nudgeKey(admin.userId, 'ending', PHONE, sub.termEnd),
    subscriptionId: PHONE, addonId: 'phone-system', quantity: sub.quantity, assigned: sub.assigned, endsAt: sub.termEnd,
  };
}

/** Puts the nudge's card in the chat, as the sweep sends it; returns the card. */
export function deliver(chat: Chat, nudge: Nudge, language: Language, messageId = `nudge-${nudge.kind}`): JsonObject {
  const activity = nudgeMessages(CardRenderer.load())(nudge, language);
  const attachment: unknown = activity.attachments?.[0];
  const card = isObject(attachment) && isObject(attachment.content) ? attachment.content : undefined;
  assert.ok(card, 'a nudge message carries its card');
  chat.receive(messageId, { card });
  return card;
}

/** Someone assigned more licenses since the card was sent (the admin center does it; the demo store is written here). */
export async function assignLicenses(world: World, tenantId: string, subscriptionId: string, assigned: number): Promise<void> {
  const row = await world.store.get(tenantId, 'subscription', subscriptionId);
  assert.ok(row);
  const next: Subscription = { ...row.value, assigned };
  const result = await world.store.commit(tenantId, { writes: [updateOp('subscription', next, row.version)] });
  assert.equal(result.status, 'committed');
}
