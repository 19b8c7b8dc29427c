// A nudge's claim: one insert-once row per key; the holder records sent or failed; a failed one (or one a stopped
// process left sending) is claimed again by one sweep only; a sent one never again.
import assert from 'node:assert/strict';
import { NUDGE_MAX_ATTEMPTS, NUDGE_SENDING_TIMEOUT_MS, type Nudge } from '../../../src/domain/nudges.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { DAY, demoWorld, HOUR, isoPlus, MINUTE, START, staggered, TENANT_A, type World } from '../../support/billingHarness.js';

const AUDIO_WINDOW_ENDS = isoPlus(START, 4 * DAY);

async function megansRefundNudge(w: World): Promise<Nudge> {
  const due = await w.service.dueNudges(TENANT_A, new Date(isoPlus(AUDIO_WINDOW_ENDS, -HOUR)));
  const nudge = due.find((n) => n.kind === 'refund_window' && n.adminId === DEMO_USERS.megan);
  if (!nudge) throw new Error('no refund window nudge for Megan');
  return nudge;
}

describe('Nudge claims', () => {
  let w: World;
  let nudge: Nudge;
  beforeEach(async () => {
    w = await demoWorld({ tenantB: false });
    w.clock.set(isoPlus(AUDIO_WINDOW_ENDS, -HOUR));
    nudge = await megansRefundNudge(w);
  });

  it('is given once among many sweeps asking at once, and records what it is for', async () => {
    const results = await staggered(6, () => w.service.claimNudge(nudge));
    const tickets = results.flatMap((r) => (r.ok && r.value ? [r.value] : []));
    assert.equal(results.every((r) => r.ok), true);
    assert.equal(tickets.length, 1);
    const row = await w.service.nudgeClaim(TENANT_A, nudge.key);
    assert.deepEqual(
      { ...row?.value, version: row?.version },
      { id: nudge.key, tenantId: TENANT_A, adminId: DEMO_USERS.megan, kind: 'refund_window', subjectId: 'sub-audio-conferencing',
        period: isoPlus(START, -3 * DAY), status: 'sending', attempts: 1, claimedAt: w.clock.now().toISOString(),
        updatedAt: w.clock.now().toISOString(), sentAt: null, lastFailure: null, version: 1 },
    );
  });

  it('once sent, is never claimed again, however long after', async () => {
    const ticket = await w.service.claimNudge(nudge);
    assert.ok(ticket);
    assert.equal(await w.service.recordNudgeSent(ticket), true);
    w.clock.advance(NUDGE_SENDING_TIMEOUT_MS + DAY);
    assert.equal(await w.service.claimNudge(nudge), undefined);
    assert.equal((await w.service.nudgeClaim(TENANT_A, nudge.key))?.value.status, 'sent');
  });

  it('after a failed send, the next sweep claims it again (one sweep of several), with the attempt counted', async () => {
    const first = await w.service.claimNudge(nudge);
    assert.ok(first);
    assert.equal(await w.service.recordNudgeFailed(first, 'not_reached'), true);
    const row = await w.service.nudgeClaim(TENANT_A, nudge.key);
    assert.deepEqual([row?.value.status, row?.value.lastFailure], ['failed', 'not_reached']);
    w.clock.advance(HOUR);
    const again = (await staggered(4, () => w.service.claimNudge(nudge))).flatMap((r) => (r.ok && r.value ? [r.value] : []));
    assert.equal(again.length, 1);
    assert.deepEqual([again[0]?.claim.status, again[0]?.claim.attempts], ['sending', 2]);
    assert.equal(await w.service.recordNudgeSent(again[0]!), true);
    assert.equal((await w.service.nudgeClaim(TENANT_A, nudge.key))?.value.sentAt, w.clock.now().toISOString());
  });

  it('a send left "sending" (a process stopped mid-send) is taken over only after the timeout; the late outcome of the first holder is refused', async () => {
    const abandoned = await w.service.claimNudge(nudge);
    assert.ok(abandoned);
    w.clock.advance(NUDGE_SENDING_TIMEOUT_MS - MINUTE);
    assert.equal(await w.service.claimNudge(nudge), undefined, 'still being sent');
    w.clock.advance(MINUTE);
    const taken = await w.service.claimNudge(nudge);
    assert.equal(taken?.claim.attempts, 2);
    assert.equal(await w.service.recordNudgeSent(abandoned), false, 'its claim was taken over');
    assert.equal(await w.service.recordNudgeSent(taken), true);
  });

  it(`stops trying after ${NUDGE_MAX_ATTEMPTS} failed sends`, async () => {
    for (let i = 0; i < NUDGE_MAX_ATTEMPTS; i++) {
      const ticket = await w.service.claimNudge(nudge);
      assert.ok(ticket, `attempt ${i + 1}`);
      await w.service.recordNudgeFailed(ticket, 'Error:500');
    }
    assert.equal(await w.service.claimNudge(nudge), undefined);
  });
});
