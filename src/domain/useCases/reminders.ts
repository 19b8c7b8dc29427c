// "stop reminders" / "start reminders": whether the bot may speak first to this person (nudges). Anyone may set it
// for themselves; it is theirs, so the tenants file and name updates keep it.
import { fail } from '../errors.js';
import type { User } from '../model.js';
import { iso } from '../time.js';
import { updateOp } from '../writes.js';
import { auditOp, loadCaller, type Caller, type Deps } from './context.js';

export interface RemindersSet {
  /** Whether reminders are on now. */
  readonly on: boolean;
  /** False when they already were as asked (nothing written). */
  readonly changed: boolean;
}

const ATTEMPTS = 4;

export async function setReminders(deps: Deps, caller: Caller, on: boolean): Promise<RemindersSet> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await loadCaller(deps, caller);
    const row = await deps.store.get(caller.tenantId, 'user', caller.userId);
    if (!row) return fail('forbidden', { reason: 'unknown_user' });
    const was = row.value;
    if (on === !was.remindersOffAt) return { on, changed: false };
    const { remindersOffAt: _off, ...rest } = was;
    const next: User = on ? rest : { ...rest, remindersOffAt: iso(deps.clock.now()) };
    const result = await deps.store.commit(caller.tenantId, {
      writes: [
        updateOp('user', next, row.version),
        auditOp(deps, { tenantId: caller.tenantId, actorId: caller.userId, action: on ? 'reminders.on' : 'reminders.off', targetId: caller.userId,
          before: { remindersOffAt: was.remindersOffAt ?? null }, after: { remindersOffAt: next.remindersOffAt ?? null }, idempotencyKey: null }),
      ],
    });
    if (result.status === 'committed') return { on, changed: true };
  }
  return fail('in_progress');
}

/** Whether the bot may send this person a nudge. */
export function remindersOn(user: User): boolean {
  return !user.remindersOffAt;
}
