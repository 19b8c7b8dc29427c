// A nudge goes out at most once, from any number of sweeps on any number of instances: before sending, a sweep claims
// it with an insert-once ledger row named by the nudge's key; an insert that meets the row means another sweep has it.
// The row then says how the send went (version-checked, so only the holder of the claim writes it). A failed send, or
// one a stopped process left half done, is claimed again by a later sweep with a version-checked update: one wins.
import {
  NUDGE_MAX_ATTEMPTS, NUDGE_SENDING_TIMEOUT_MS, nudgeSubject, type Nudge, type NudgeClaim,
} from '../nudges.js';
import type { Stored } from '../ports.js';
import { iso, ms } from '../time.js';
import { insertOp, updateOp } from '../writes.js';
import { isId, type Deps } from './context.js';

/** The right to send one nudge now: given to one sweep at a time. */
export interface NudgeTicket {
  readonly tenantId: string;
  readonly claim: NudgeClaim;
  readonly version: number;
}

/** Claims the nudge for this sweep; undefined when it was sent, is being sent, or another sweep won the claim. */
export async function claimNudge(deps: Deps, nudge: Nudge): Promise<NudgeTicket | undefined> {
  const { tenantId, key } = nudge;
  if (!isId(tenantId)) return undefined;
  const now = iso(deps.clock.now());
  const existing = await deps.store.get(tenantId, 'nudge', key);
  if (!existing) {
    const { subjectId, period } = nudgeSubject(nudge);
    const claim: NudgeClaim = {
      id: key, tenantId, adminId: nudge.adminId, kind: nudge.kind, subjectId, period, status: 'sending', attempts: 1,
      claimedAt: now, updatedAt: now, sentAt: null, lastFailure: null,
    };
    const result = await deps.store.commit(tenantId, { writes: [insertOp('nudge', claim)] });
    return result.status === 'committed' ? { tenantId, claim, version: 1 } : undefined;
  }
  if (!claimable(existing.value, deps.clock.now())) return undefined;
  const claim: NudgeClaim = { ...existing.value, status: 'sending', attempts: existing.value.attempts + 1, updatedAt: now };
  const result = await deps.store.commit(tenantId, { writes: [updateOp('nudge', claim, existing.version)] });
  return result.status === 'committed' ? { tenantId, claim, version: existing.version + 1 } : undefined;
}

/** A failed send with tries left, or a send a stopped process left `sending` long ago; never a sent one. */
function claimable(claim: NudgeClaim, now: Date): boolean {
  if (claim.status === 'sent' || claim.attempts >= NUDGE_MAX_ATTEMPTS) return false;
  if (claim.status === 'failed') return true;
  return now.getTime() - ms(claim.updatedAt) >= NUDGE_SENDING_TIMEOUT_MS;
}

/** The channel took the message: never sent again. False when the claim was taken over meanwhile. */
export function recordNudgeSent(deps: Deps, ticket: NudgeTicket): Promise<boolean> {
  const now = iso(deps.clock.now());
  return settle(deps, ticket, { ...ticket.claim, status: 'sent', updatedAt: now, sentAt: now, lastFailure: null });
}

/** The channel refused or did not answer: a later sweep tries again while the nudge is due. */
export function recordNudgeFailed(deps: Deps, ticket: NudgeTicket, code: string): Promise<boolean> {
  return settle(deps, ticket, { ...ticket.claim, status: 'failed', updatedAt: iso(deps.clock.now()), lastFailure: code.slice(0, 64) });
}

async function settle(deps: Deps, ticket: NudgeTicket, next: NudgeClaim): Promise<boolean> {
  const result = await deps.store.commit(ticket.tenantId, { writes: [updateOp('nudge', next, ticket.version)] });
  return result.status === 'committed';
}

/** The claim row of a nudge key, as stored (tests and support). */
export function nudgeClaimOf(deps: Deps, tenantId: string, key: string): Promise<Stored<NudgeClaim> | undefined> {
  if (!isId(tenantId)) return Promise.resolve(undefined);
  return deps.store.get(tenantId, 'nudge', key);
}
