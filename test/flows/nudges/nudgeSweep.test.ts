// The nudge sweep end to end on one instance: due nudges go to the admins who talked to the bot, in their chat and
// language, once; a refused send (connector 5xx) is retried by the next sweep and delivered once; the bounds hold;
// failures never escape; the app's schedule of it (src/maintenance/nudgeSchedule.ts) runs and stops.
import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { nudgeKey } from '../../../src/domain/nudges.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { sweepNudges, DEFAULT_NUDGE_SWEEP_BOUNDS, type NudgeSweepDeps } from '../../../src/flows/nudges/nudgeSweep.js';
import { startNudgeSweeps } from '../../../src/maintenance/nudgeSchedule.js';
import { CardRenderer } from '../../../src/cards/render.js';
import { nudgeMessages } from '../../../src/flows/nudges/cards.js';
import { DAY, demoWorld, HOUR, isoPlus, START, TENANT_A, type World } from '../../support/billingHarness.js';
import { FakeConnector } from '../../support/fakeConnector.js';
import { captureLog, type CapturedLog } from '../../support/logCapture.js';
import { chatOf, delivered, hasTalked, sweepDeps } from '../../support/nudgeSweeps.js';

const AUDIO_START = isoPlus(START, -3 * DAY);
const REFUND_DUE = isoPlus(AUDIO_START, 7 * DAY - HOUR);
const AUDIO = 'sub-audio-conferencing';

describe('Nudge sweep', function () {
  this.timeout(20_000);
  let w: World;
  let connector: FakeConnector;
  let serviceUrl: string;
  let storage: MemoryStorage;
  let log: CapturedLog;
  let deps: NudgeSweepDeps;

  beforeEach(async () => {
    w = await demoWorld({ tenantB: false });
    w.clock.set(REFUND_DUE);
    connector = new FakeConnector();
    serviceUrl = await connector.start();
    storage = new MemoryStorage();
    log = captureLog();
    deps = sweepDeps(w.service, storage, w.clock, log.logger);
  });

  afterEach(() => connector.stop());

  const refundKey = (adminId: string) => nudgeKey(adminId, 'refund_window', AUDIO, AUDIO_START);

  it('sends each due nudge once, in the personal chat and language of each admin who talked to the bot', async () => {
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'fr');
    const first = await sweepNudges(deps);
    assert.deepEqual(first, { sent: [{ tenant: TENANT_A, user: DEMO_USERS.megan, kind: 'refund_window', subscription: AUDIO }], failed: 0, complete: true });
    assert.deepEqual(connector.messages(chatOf(DEMO_USERS.megan)).map((a) => a.body.text), [`fr ${TENANT_A} ${refundKey(DEMO_USERS.megan)}`]);
    assert.deepEqual((await sweepNudges(deps)).sent, [], 'sent: never again');

    // Alex (billing admin) was due too, but the bot does not know his chat: nothing until he talks to it.
    w.clock.advance(HOUR / 2);
    await hasTalked(storage, TENANT_A, DEMO_USERS.alex, serviceUrl, 'en');
    assert.deepEqual((await sweepNudges(deps)).sent.map((s) => s.user), [DEMO_USERS.alex]);
    assert.deepEqual(delivered(connector), [`fr ${TENANT_A} ${refundKey(DEMO_USERS.megan)}`, `en ${TENANT_A} ${refundKey(DEMO_USERS.alex)}`]);
  });

  it('nothing to plain users (their own requests aside) or to an admin who said "stop reminders"', async () => {
    for (const user of [DEMO_USERS.megan, DEMO_USERS.lee, DEMO_USERS.adele]) await hasTalked(storage, TENANT_A, user, serviceUrl, 'en');
    const quote = await w.service.quotePurchase(w.a.lee, { addonId: 'phone-system', baseSubscriptionId: 'sub-e3', quantity: 1, frequency: 'yearly' });
    const { request } = await w.service.requestPurchase(w.a.lee, { quoteId: quote.id });
    await w.service.setReminders(w.a.megan, false);
    w.clock.advance(2 * DAY);
    assert.deepEqual(await sweepNudges(deps), { sent: [], failed: 0, complete: true });
    assert.equal(connector.postsReceived, 0);

    await w.service.setReminders(w.a.megan, true);
    const report = await sweepNudges(deps);
    assert.deepEqual(report.sent, [{ tenant: TENANT_A, user: DEMO_USERS.megan, kind: 'approval_waiting', request: request.id }],
      'the refund window has closed meanwhile; the request has waited 2 days');
  });

  it('a send the connector refuses (5xx) is retried by the next sweep and delivered once', async () => {
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'en');
    connector.failNext = [503];
    const first = await sweepNudges(deps);
    assert.deepEqual([first.sent, first.failed], [[], 1]);
    assert.equal((await w.service.nudgeClaim(TENANT_A, refundKey(DEMO_USERS.megan)))?.value.status, 'failed');
    assert.ok(log.lines.some((l) => l.msg === 'nudge not sent; the next sweep tries again' && l.user === DEMO_USERS.megan && l.code === 'not_reached'));

    w.clock.advance(HOUR / 4);
    const second = await sweepNudges(deps);
    assert.deepEqual([second.sent.map((s) => s.user), second.failed], [[DEMO_USERS.megan], 0]);
    assert.deepEqual((await sweepNudges(deps)).sent, []);
    assert.deepEqual([delivered(connector), connector.postsReceived], [[`en ${TENANT_A} ${refundKey(DEMO_USERS.megan)}`], 2]);
    const claim = await w.service.nudgeClaim(TENANT_A, refundKey(DEMO_USERS.megan));
    assert.deepEqual([claim?.value.status, claim?.value.attempts], ['sent', 2]);
  });

  it('sends at most maxSends a sweep; the next sweep goes on', async () => {
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'en');
    await hasTalked(storage, TENANT_A, DEMO_USERS.alex, serviceUrl, 'en');
    const bounds = { ...DEFAULT_NUDGE_SWEEP_BOUNDS, maxSends: 1 };
    const first = await sweepNudges(deps, bounds);
    assert.deepEqual([first.sent.length, first.complete], [1, false]);
    const second = await sweepNudges(deps, bounds);
    assert.deepEqual([second.sent.length, second.complete], [1, true]);
    assert.deepEqual(await sweepNudges(deps, bounds), { sent: [], failed: 0, complete: true });
    assert.equal(delivered(connector).length, 2);
  });

  it('a stop, or a message that cannot be built, ends nothing but the nudge concerned; nothing is thrown', async () => {
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'en');
    await hasTalked(storage, TENANT_A, DEMO_USERS.alex, serviceUrl, 'en');
    assert.deepEqual(await sweepNudges(deps, DEFAULT_NUDGE_SWEEP_BOUNDS, () => true), { sent: [], failed: 0, complete: false });
    const cardOf = nudgeMessages(CardRenderer.load());
    const broken: NudgeSweepDeps = { ...deps, render: (nudge, language) => {
      if (nudge.adminId === DEMO_USERS.megan) throw new TypeError('no template');
      return cardOf(nudge, language);
    } };
    const report = await sweepNudges(broken);
    assert.deepEqual([report.sent.map((s) => s.user), report.failed], [[DEMO_USERS.alex], 1]);
    assert.match(JSON.stringify(connector.messages(chatOf(DEMO_USERS.alex))[0]?.body.attachments), /Audio Conferencing: 6 of 10 licenses unassigned".*"Until .* you can reduce to 4 and get \$[\d.,]+ back\."/);
    assert.ok(log.lines.some((l) => l.user === DEMO_USERS.megan && l.code === 'TypeError'));

    const unreadable: NudgeSweepDeps = { ...deps, billing: { ...w.service, sweptTenants: () => Promise.reject(new Error('storage down')),
      dueNudges: w.service.dueNudges.bind(w.service), claimNudge: w.service.claimNudge.bind(w.service),
      recordNudgeSent: w.service.recordNudgeSent.bind(w.service), recordNudgeFailed: w.service.recordNudgeFailed.bind(w.service) } };
    assert.deepEqual(await sweepNudges(unreadable), { sent: [], failed: 0, complete: false });
  });

  it('bounds every send in time (a channel that never answers fails it, to be tried again) and the sweep as a whole', async () => {
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'en');
    await hasTalked(storage, TENANT_A, DEMO_USERS.alex, serviceUrl, 'en');
    const silent: NudgeSweepDeps = { ...deps, sender: { postActivity: () => new Promise<string | undefined>(() => undefined) } };
    const hung = await sweepNudges(silent, { ...DEFAULT_NUDGE_SWEEP_BOUNDS, sendTimeoutMs: 50 });
    assert.deepEqual([hung.sent, hung.failed, hung.complete], [[], 2, true]);
    assert.equal(log.lines.filter((l) => l.msg === 'nudge not sent; the next sweep tries again' && l.code === 'timeout').length, 2);

    const slow: NudgeSweepDeps = { ...deps, sender: { postActivity: async (to, activity) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return deps.sender.postActivity(to, activity);
    } } };
    w.clock.advance(HOUR / 4);
    const budget = { ...DEFAULT_NUDGE_SWEEP_BOUNDS, maxDurationMs: 10 };
    const first = await sweepNudges(slow, budget);
    assert.deepEqual([first.sent.length, first.complete], [1, false], 'no new send after the time budget');
    const second = await sweepNudges(slow, budget);
    assert.deepEqual([second.sent.length, second.complete], [1, true]);
  });

  it('runs on its schedule once started (0: never), and stops', async () => {
    assert.equal(startNudgeSweeps(0, deps), undefined);
    await hasTalked(storage, TENANT_A, DEMO_USERS.megan, serviceUrl, 'en');
    const schedule = startNudgeSweeps(60, deps, DEFAULT_NUDGE_SWEEP_BOUNDS, 10);
    try {
      const deadline = Date.now() + 10_000;
      while (delivered(connector).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await schedule?.stop();
    }
    assert.deepEqual(delivered(connector), [`en ${TENANT_A} ${refundKey(DEMO_USERS.megan)}`]);
    assert.ok(log.lines.some((l) => l.msg === 'nudge sweep' && l.sent === 1));
  });
});
