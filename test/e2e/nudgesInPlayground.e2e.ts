// End to end in a real browser: the bot speaks first in the Agents Playground (headless Chromium; the bot, the
// Playground and the browser are started by test/support/playground.ts), and the money at a glance.
//
// Nudges: the Playground user talks to the bot once (so it keeps their personal chat), then `npm run nudges -- --now
// <instant>` runs as a process of its own on the same DATA_DIR as the running bot, at an instant computed from the
// demo tenant's Audio Conferencing in the ledger (bought 3 days before the set-up: its refund window closes 7 days
// after its term start). Its JSON lines are checked, then the refund window card in the chat (6 of 10 licenses
// unassigned, reduce to 4, the refund), Reduce to 4 → the change-quantity confirmation with the refund → Confirm → the
// outcome, the ledger holding the reduction once, a second run sending nothing, "stop reminders". Then a monthly
// add-on written into the ledger (renewing within days) gets a renewal-ahead nudge, and with recurring billing off an
// ending nudge. Screenshots: test-output/e2e/nudge-NN-<step>.png.
//
// The money at a glance, on a fresh demo tenant: "what renews this month?", "how much do we spend on add-ons?" and,
// in French, "combien coûtent nos modules ?". The bot reads the system clock, so the figures asserted do not depend on
// today's date. Screenshots: test-output/e2e/glance-NN-<step>.png. Run with `npm run test:e2e`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { Locator } from 'playwright-core';
import type { Clock } from '../../src/domain/ports.js';
import type { Language } from '../../src/domain/ids.js';
import type { Subscription } from '../../src/domain/model.js';
import { prorate } from '../../src/domain/money.js';
import { remainingDays, termDays, termEndFrom } from '../../src/domain/time.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { formatMoney } from '../../src/i18n/index.js';
import { ROOT, START_TIMEOUT_MS, usePlayground, within, type PlaygroundSession } from '../support/playground.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Audio Conferencing, yearly: $48.00 per license per year, in cents. */
const AUDIO_PER_LICENSE_YEAR = 4_800;

function usd(cents: number, language: Language = 'en'): string {
  return formatMoney(cents, 'USD', language).replace(/[\u00a0\u202f]/g, ' ');
}

/** "December 10, 2026 at 6:00 AM UTC", as the nudge card writes the end of a refund window. */
function longDateTime(iso: string): string {
  return `${new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;
}

function longDate(iso: string, language: Language = 'en'): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

/** What a person reads: the text with its no-break spaces made plain. */
async function read(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/[\u00a0\u202f]/g, ' ');
}

function escaped(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` holds every fact "title value" of `facts` (a FactSet renders as title, then value). */
function assertFacts(text: string, facts: Readonly<Record<string, string>>): void {
  for (const [title, value] of Object.entries(facts)) {
    assert.match(text, new RegExp(`${escaped(title)}\\s+${escaped(value)}`), `"${title}: ${value}" is shown in:\n${text}`);
  }
}

/** Domestic Calling Plan, 5 licenses, per month in cents: billed monthly, or a yearly price divided by 12. */
const CALLING_PLAN_MONTHLY = { monthly: 7_200, yearly: 6_000 } as const;

/**
 * When to buy an add-on so that its first term ends between `now` and `until`: a month earlier, or a year earlier
 * on the days a monthly term cannot end on (May 31: April has no 31st), in 10-minute steps.
 */
function purchaseRenewingBefore(now: Date, until: number): { frequency: 'monthly' | 'yearly'; bought: number } {
  // A day or two ahead when the month leaves room: a renewal that shows as "today" would read oddly.
  const after = now.getTime() + Math.min(2 * DAY_MS, (until - now.getTime()) / 2);
  for (const frequency of ['monthly', 'yearly'] as const) {
    const earliest = now.getTime() - (frequency === 'monthly' ? 31 : 366) * DAY_MS;
    for (let bought = earliest; bought < now.getTime(); bought += 10 * 60 * 1000) {
      const ends = Date.parse(termEndFrom(new Date(bought).toISOString(), frequency));
      if (ends > after && ends < until) return { frequency, bought };
    }
  }
  throw new Error(`no term bought before ${now.toISOString()} ends before ${new Date(until).toISOString()}`);
}

interface NudgesRun {
  readonly code: number | null;
  readonly lines: Record<string, unknown>[];
  readonly stderr: string;
}

/**
 * `npm run nudges -- --now <at>` as a person types it in a second terminal: the bot's DATA_DIR, local mode (no app id:
 * the Playground's connector takes the message without a token).
 */
async function runNudges(s: PlaygroundSession, at: string): Promise<NudgesRun> {
  const env = { ...process.env, DATA_DIR: s.dataDir, MicrosoftAppId: '', MicrosoftAppPassword: '', LOG_LEVEL: 'warn' };
  const child = spawn('npm', ['run', '--silent', 'nudges', '--', '--now', at], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const code = await within(new Promise<number | null>((resolve) => child.on('close', resolve)), START_TIMEOUT_MS, 'npm run nudges')
    .catch((error: unknown) => { child.kill('SIGKILL'); throw error; });
  const lines = stdout.split('\n').filter((l) => l.trim().length > 0).map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`npm run nudges printed a line that is not JSON: ${l}\n${stderr}`);
    }
  });
  return { code, lines, stderr };
}

async function addonNamed(s: PlaygroundSession, productId: string): Promise<Subscription> {
  return s.withBilling(async (billing, caller) => {
    const all = (await billing.listAddons(caller, { limit: 100 })).items.filter((a) => a.productId === productId && a.status === 'active');
    assert.equal(all.length, 1, `one active ${productId}`);
    return all[0] as Subscription;
  });
}

describe('E2E: the bot speaks first — a nudge sent by `npm run nudges` in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);

  const session = usePlayground('nudge');
  let audio: Subscription;
  let refundAt = '';
  let userId = '';
  let tenantId = '';

  it('the admin talks to the bot once: the help card says how to stop reminders', async () => {
    const s = session();
    await s.open();
    const help = await s.ask('help', /stop reminders/);
    assert.match(await read(help), /stop reminders/);
    ({ userId, tenantId } = s.identity());
    audio = await addonNamed(s, 'audio-conferencing');
    assert.equal(audio.quantity, 10);
    assert.equal(audio.assigned, 4);
    // Less than 24 hours before the refund window closes (7 days after the term start): the nudge is due.
    refundAt = new Date(Date.parse(audio.termStart) + 7 * DAY_MS - 3 * HOUR_MS).toISOString();
  });

  it('`npm run nudges -- --now <3 hours before the refund window closes>` prints the nudge it sent and a summary', async () => {
    const s = session();
    const run = await runNudges(s, refundAt);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [
      { tenant: tenantId, user: userId, kind: 'refund_window', subscription: 'sub-audio-conferencing' },
      { now: refundAt, sent: 1, failed: 0, complete: true },
    ], run.stderr);
  });

  it('the refund window card arrives in the chat: 6 of 10 licenses unassigned, reduce to 4, the refund', async () => {
    const s = session();
    const card = await s.cardWith('Audio Conferencing: 6 of 10 licenses unassigned');
    const text = await read(card);
    const windowEnds = new Date(Date.parse(audio.termStart) + 7 * DAY_MS).toISOString();
    // Six licenses' share of the term still to come at --now, by the refund rule of a typed reduction.
    const refund = prorate({ amount: 6 * AUDIO_PER_LICENSE_YEAR, currency: 'USD' },
      remainingDays(new Date(refundAt), audio.termStart, audio.termEnd), termDays(audio.termStart, audio.termEnd));
    assert.ok(refund.amount > 0 && refund.amount < 6 * AUDIO_PER_LICENSE_YEAR, `a partial refund: ${usd(refund.amount)}`);
    assert.ok(text.includes(`Until ${longDateTime(windowEnds)} you can reduce to 4 and get ${usd(refund.amount)} back.`), text);
    assertFacts(text, {
      Quantity: '10 licenses', Assigned: '4 licenses', 'Refund window closes': longDateTime(windowEnds),
      'Refund if reduced to 4 licenses': usd(refund.amount),
    });
    const buttons = (await card.getByRole('button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(buttons, ['Reduce to 4', 'Keep them', 'Stop these reminders']);
    await s.screenshot('refund-window');
    await s.assertCardsReadable();
  });

  it('Reduce to 4 opens the change-quantity confirmation with the refund (at the bot\'s clock)', async () => {
    const s = session();
    const nudge = await s.cardWith('Audio Conferencing: 6 of 10 licenses unassigned');
    const confirm = await s.newCard('Confirm the new quantity of Audio Conferencing', () => s.click(nudge, 'Reduce to 4'));
    const text = await read(confirm);
    // The bot quotes at its own clock (today), not at --now: more of the term is left, so more comes back.
    const refund = prorate({ amount: 6 * AUDIO_PER_LICENSE_YEAR, currency: 'USD' },
      remainingDays(new Date(), audio.termStart, audio.termEnd), termDays(audio.termStart, audio.termEnd));
    assertFacts(text, {
      'Current quantity': '10 licenses', 'New quantity': '4 licenses', 'Refunded now (prorated)': usd(refund.amount),
    });
    await s.screenshot('confirm');
    await s.assertCardsReadable();
  });

  it('Confirm change reduces Audio Conferencing to 4 once; the outcome replaces the confirmation', async () => {
    const s = session();
    const confirm = await s.cardWith('Confirm the new quantity of Audio Conferencing');
    await s.newMessage('Done! Audio Conferencing now has 4 licenses.', () => s.click(confirm, 'Confirm change'));
    const outcome = await s.cardWith('Quantity changed');
    assertFacts(await read(outcome), { 'New quantity': '4 licenses' });
    assert.equal(await s.cards('Confirm the new quantity of Audio Conferencing').count(), 0, 'the confirmation was replaced');
    await s.screenshot('done');
    // A second click, as a retrying client would send it: nothing more changes.
    const again = await s.replay('quantity.confirm');
    assert.equal(again.status, 200, again.text);
    assert.equal((await addonNamed(s, 'audio-conferencing')).quantity, 4);
    const audit = await s.withBilling(async (billing, caller) => (await billing.listAudit(caller, { limit: 100 })).items);
    assert.deepEqual(audit.filter((e) => e.actorId === userId && e.action === 'quantity.change').length, 1, 'the reduction is in the ledger once');
    await s.assertCardsReadable();
  });

  it('a second run at a later instant sends nothing: the nudge went out once', async () => {
    const s = session();
    const later = new Date(Date.parse(refundAt) + HOUR_MS).toISOString();
    const run = await runNudges(s, later);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [{ now: later, sent: 0, failed: 0, complete: true }]);
    assert.equal(await s.cards(/licenses unassigned/).count(), 1, 'one nudge card in the chat');
  });

  it('a monthly add-on renewing within 7 days gets a renewal-ahead nudge with the charge', async () => {
    const s = session();
    // Domestic Calling Plan for E5, 5 licenses billed monthly, bought by Megan 27 days ago: it renews in 3 or 4 days.
    const bought = Date.now() - 27 * DAY_MS;
    const clock: Clock = { now: () => new Date(bought) };
    await s.withBilling(async (billing) => {
      const caller = { tenantId, userId: DEMO_USERS.megan };
      const quote = await billing.quotePurchase(caller, { addonId: 'domestic-calling-plan', baseSubscriptionId: 'sub-e5', quantity: 5, frequency: 'monthly' });
      await billing.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
    }, clock);
    const plan = await addonNamed(s, 'domestic-calling-plan');
    const at = new Date(Date.parse(plan.termEnd) - 2 * DAY_MS).toISOString();
    const run = await runNudges(s, at);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [
      { tenant: tenantId, user: userId, kind: 'renewal', subscription: plan.id },
      { now: at, sent: 1, failed: 0, complete: true },
    ], run.stderr);
    const card = await s.cardWith(`Domestic Calling Plan: renews on ${longDate(plan.termEnd)}`);
    const text = await read(card);
    assertFacts(text, { 'Renews on': longDate(plan.termEnd), Quantity: '5 licenses', 'Billing frequency': 'Monthly' });
    // $14.40 per license per month, 5 licenses, none assigned yet.
    assertFacts(text, { 'Charged at renewal': '$72.00', Assigned: '0 licenses' });
    assert.ok(text.includes(`On ${longDate(plan.termEnd)}, Domestic Calling Plan renews for a month and $72.00 will be charged. 5 of its 5 licenses are unassigned.`), text);
    assert.ok((await card.getByRole('button').allInnerTexts()).map((t) => t.trim()).includes('Turn off recurring billing'));
    await s.screenshot('renewal-ahead');
    await s.assertCardsReadable();
  });

  it('Turn off recurring billing from the renewal card; a sweep then sends the ending nudge with Turn recurring billing back on', async () => {
    const s = session();
    const plan = await addonNamed(s, 'domestic-calling-plan');
    const renewal = await s.cardWith(`Domestic Calling Plan: renews on ${longDate(plan.termEnd)}`);
    const confirm = await s.newCard('Turn off recurring billing for Domestic Calling Plan?', () => s.click(renewal, 'Turn off recurring billing'));
    const asked = await read(confirm);
    assert.ok(asked.includes(`It stays active until ${longDate(plan.termEnd)}, then ends. It won’t be charged again.`), asked);
    assertFacts(asked, { 'Ends on': longDate(plan.termEnd) });
    await s.screenshot('recurring-off-confirm');
    await s.newMessage(`Done! Recurring billing is off: Domestic Calling Plan stays active until ${longDate(plan.termEnd)}, then ends.`,
      () => s.click(confirm, 'Turn off recurring billing'));
    assert.equal((await addonNamed(s, 'domestic-calling-plan')).recurringBilling, false);
    const at = new Date(Date.parse(plan.termEnd) - DAY_MS).toISOString();
    const run = await runNudges(s, at);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [
      { tenant: tenantId, user: userId, kind: 'ending', subscription: plan.id },
      { now: at, sent: 1, failed: 0, complete: true },
    ], run.stderr);
    const card = await s.cardWith(`Domestic Calling Plan: ends on ${longDate(plan.termEnd)}`);
    const text = await read(card);
    assert.ok(text.includes(`Recurring billing is off, so Domestic Calling Plan ends on ${longDate(plan.termEnd)}.`), text);
    assertFacts(text, { 'Ends on': longDate(plan.termEnd), Quantity: '5 licenses' });
    assert.ok((await card.getByRole('button').allInnerTexts()).map((t) => t.trim()).includes('Turn recurring billing back on'));
    await s.screenshot('ending');
    await s.assertCardsReadable();
  });

  it('"stop reminders": the bot says so, and the next sweep sends this admin nothing', async () => {
    const s = session();
    const said = await s.tell('stop reminders', 'OK, no more reminders from me.');
    assert.match(said, /Say “start reminders” to get them again\./);
    await s.screenshot('stop');
    const user = await s.withBilling(async (billing, caller) => (await billing.whoIs(caller)).user);
    assert.ok(user.remindersOffAt, 'the preference is in the ledger');
    // Audio Conferencing's renewal, 2 days ahead: due, but not for an admin who stopped reminders.
    const at = new Date(Date.parse((await addonNamed(s, 'audio-conferencing')).termEnd) - 2 * DAY_MS).toISOString();
    const run = await runNudges(s, at);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, [{ now: at, sent: 0, failed: 0, complete: true }]);
  });
});

describe('E2E: the money at a glance in the Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);

  const session = usePlayground('glance');
  /** The calling plan bought before the walk: what it costs per month, in cents. */
  let callingPlanMonthly = 0;

  it('"what renews this month?" lists the add-ons renewing this month with dates, charges and recurring billing', async () => {
    const s = session();
    await s.open();
    // Megan bought 5 Domestic Calling Plan licenses for E5 one term before an instant later this month, so it renews
    // this month whatever today's date.
    const now = new Date();
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    const { frequency, bought } = purchaseRenewingBefore(now, monthEnd);
    const { tenantId } = s.identity();
    await s.withBilling(async (billing) => {
      const caller = { tenantId, userId: DEMO_USERS.megan };
      const quote = await billing.quotePurchase(caller, { addonId: 'domestic-calling-plan', baseSubscriptionId: 'sub-e5', quantity: 5, frequency });
      await billing.placeOrder(caller, { quoteId: quote.id, paymentMethodId: 'pm-invoice' });
    }, { now: () => new Date(bought) });
    const plan = await addonNamed(s, 'domestic-calling-plan');
    assert.ok(Date.parse(plan.termEnd) > now.getTime() && Date.parse(plan.termEnd) < monthEnd, `it renews this month: ${plan.termEnd}`);
    callingPlanMonthly = CALLING_PLAN_MONTHLY[frequency];

    const expected = await s.withBilling((billing, caller) => billing.upcomingRenewals(caller, 'this_month'));
    const card = await s.ask('what renews this month?', 'Renewals this month');
    const text = await read(card);
    const last = longDate(new Date(monthEnd - 1).toISOString());
    const count = expected.renewals.length;
    assert.ok(count >= 1, 'the calling plan at least');
    assert.ok(text.includes(`${count} add-on${count === 1 ? ' renews or ends' : 's renew or end'} from ${longDate(now.toISOString())} to ${last} (UTC).`), text);
    // Domestic Calling Plan, 5 licenses: $14.40 per license per month, or $144.00 per license per year.
    const charged = frequency === 'monthly' ? '$72.00 for 5 licenses, billed monthly' : '$720.00 for 5 licenses, billed yearly';
    assert.match(text, new RegExp(`Domestic Calling Plan\\s+For Office 365 E5\\s+Renews on\\s+${escaped(longDate(plan.termEnd))}\\s+`
      + `Quantity\\s+5 licenses \\(0 assigned\\)\\s+Recurring billing\\s+On: it renews\\s+Charged at renewal\\s+${escaped(charged)}`));
    for (const r of expected.renewals) assert.ok(text.includes(longDate(r.date)), `${r.addonId} on ${longDate(r.date)}:\n${text}`);
    assertFacts(text, { 'Total charged at renewals': usd(expected.total.amount) });
    // Audio Conferencing and Phone System renew a year after their purchase (3 and 60 days before the set-up).
    assert.doesNotMatch(text, /Audio Conferencing|Phone System/);
    await s.screenshot('renewals');
    await s.assertCardsReadable();
  });

  it('"how much do we spend on add-ons?" gives the monthly equivalent per add-on, the total and the unassigned licenses', async () => {
    const s = session();
    const card = await s.ask('how much do we spend on add-ons?', 'What your add-ons cost per month');
    const text = await read(card);
    assert.match(text, /Monthly equivalents at list prices in USD: a yearly term counts as its price divided by 12\./);
    // Audio Conferencing: 10 × $48.00 / 12; 6 unassigned.
    assert.match(text, /Audio Conferencing[\s\S]*?Per month\s+\$40\.00\s+Quantity\s+10 licenses \(4 assigned\)\s+Unassigned\s+6 licenses, \$24\.00 per month/);
    // Extra file storage: per GB, no assignments.
    assert.match(text, /Office 365 Extra File Storage[\s\S]*?Quantity\s+100 GB\s+Unassigned\s+Can’t be assigned to users/);
    const spend = await s.withBilling((billing, caller) => billing.addonSpend(caller));
    assertFacts(text, {
      'Total per month': usd(spend.totalMonthly.amount),
      'Unassigned licenses': `${spend.unassigned} licenses, ${usd(spend.unassignedMonthly.amount)} per month`,
    });
    assert.equal(spend.unassigned, 16, 'Audio Conferencing 6, Phone System 5, Domestic Calling Plan 5');
    // Phone System $160.00 (5 unassigned: $40.00), Audio Conferencing $40.00 (6 unassigned: $24.00), storage $20.00, and
    // the calling plan, none of its 5 licenses assigned.
    assertFacts(text, {
      'Total per month': usd(22_000 + callingPlanMonthly), 'Unassigned licenses': `16 licenses, ${usd(6_400 + callingPlanMonthly)} per month`,
    });
    await s.screenshot('spend');
    await s.assertCardsReadable();
  });

  it('en français : « combien coûtent nos modules ? »', async () => {
    const s = session();
    await s.tell('français', 'D’accord, je vous parlerai en français désormais.');
    const card = await s.ask('combien coûtent nos modules ?', 'Coût mensuel de vos modules complémentaires');
    const text = await read(card);
    assert.match(text, /Équivalents mensuels aux prix catalogue en USD/);
    assert.ok(text.includes(`Audioconférence`), text);
    assert.match(text, new RegExp(`Non attribuées\\s+6 licences, ${escaped(usd(2_400, 'fr'))} par mois`));
    assert.match(text, /Espace de stockage supplémentaire Office 365[\s\S]*?Quantité\s+100 Go\s+Non attribuées\s+Non attribuable aux utilisateurs/);
    const spend = await s.withBilling((billing, caller) => billing.addonSpend(caller));
    assertFacts(text, {
      'Total par mois': usd(spend.totalMonthly.amount, 'fr'),
      'Licences non attribuées': `16 licences, ${usd(spend.unassignedMonthly.amount, 'fr')} par mois`,
    });
    await s.screenshot('spend-fr');
    await s.assertCardsReadable();
  });
});
