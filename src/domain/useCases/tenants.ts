// Tenants and their users: provisioning (the demo tenant of SPEC section 8, or a seeded tenant in tests) and the
// local-mode rule that anyone who talks to the bot joins the demo tenant as a global admin.
import { fail } from '../errors.js';
import { CLOUDS, ROLES, type Role } from '../ids.js';
import type { PaymentMethod, Subscription, Tenant, User } from '../model.js';
import type { WriteOp } from '../ports.js';
import { addDays, iso, termEndFrom } from '../time.js';
import { insertOp, upsertOp } from '../writes.js';
import { executeOnce, isId, outcomeOfKind, type Deps } from './context.js';

export interface TenantSeed {
  readonly tenant: Omit<Tenant, 'createdAt'>;
  readonly users: readonly Omit<User, 'tenantId'>[];
  readonly paymentMethods: readonly PaymentMethod[];
  readonly subscriptions: readonly Subscription[];
}

/**
 * Where every provisioned tenant (the demo tenant of local mode, seeded ones) is recorded, so that work across tenants
 * (the nudge sweep) finds them. Apart from the tenants file's directory, whose reconciliation unlists what the file
 * does not list. Like the directory's, its id is not a valid tenant id, so no caller can name it.
 */
export const PROVISIONED_PARTITION = '#provisioned';

/** Creates a tenant with everything it starts with, once: a second call changes nothing. */
export async function provisionTenant(deps: Deps, seed: TenantSeed): Promise<{ created: boolean }> {
  const tenantId = seed.tenant.id;
  if (!isId(tenantId)) return fail('invalid_input', { field: 'tenantId' });
  if (!(CLOUDS as readonly string[]).includes(seed.tenant.cloud)) return fail('invalid_input', { field: 'cloud' });
  const foreign = [...seed.paymentMethods, ...seed.subscriptions].find((row) => row.tenantId !== tenantId);
  if (foreign) return fail('invalid_input', { field: 'tenantId', id: foreign.id });
  const now = iso(deps.clock.now());
  // Recorded first: a start stopped in between leaves a record of nothing (harmless), never a tenant nobody finds.
  // Met again on a second call (a conflict): already recorded.
  await deps.store.commit(PROVISIONED_PARTITION, { writes: [insertOp('tenant', { ...seed.tenant, createdAt: now })] });
  const writes: WriteOp[] = [
    insertOp('tenant', { ...seed.tenant, createdAt: now }),
    ...seed.users.map((u) => insertOp('user', { ...u, tenantId })),
    ...seed.paymentMethods.map((pm) => insertOp('payment_method', pm)),
    ...seed.subscriptions.map((s) => insertOp('subscription', s)),
  ];
  const { duplicate } = await executeOnce(deps, tenantId, 'provision',
    () => Promise.resolve({ outcome: { kind: 'tenant_provisioned' as const, tenantId }, writes }), outcomeOfKind('tenant_provisioned'));
  return { created: !duplicate };
}

/** Adds or updates a user (roles change when an admin is demoted); the role is read again at every change. */
export async function saveUser(deps: Deps, tenantId: string, user: Omit<User, 'tenantId'>): Promise<User> {
  if (!isId(user.id)) return fail('invalid_input', { field: 'userId' });
  if (user.roles.some((r: Role) => !(ROLES as readonly string[]).includes(r))) return fail('invalid_input', { field: 'roles' });
  const saved: User = { ...user, tenantId, name: user.name.slice(0, 200) };
  const result = await deps.store.commit(tenantId, { writes: [upsertOp('user', saved)] });
  if (result.status !== 'committed') return fail('in_progress');
  return saved;
}

export const DEMO_USERS = {
  megan: '00000000-0000-4000-8000-00000000000a',
  alex: '00000000-0000-4000-8000-00000000000b',
  lee: '00000000-0000-4000-8000-00000000000c',
  adele: '00000000-0000-4000-8000-00000000000d',
} as const;

/** The demo tenant "Contoso (demo)" of SPEC section 8, with dates relative to the clock. */
export function demoTenantSeed(tenantId: string, now: Date): TenantSeed {
  const today = iso(now);
  const ago = (days: number) => addDays(today, -days);
  const sub = (s: Omit<Subscription, 'tenantId' | 'termEnd' | 'status' | 'scheduledChange' | 'recurringBilling'> & Partial<Subscription>): Subscription => ({
    tenantId, status: 'active', scheduledChange: null, recurringBilling: true, termEnd: termEndFrom(s.termStart, s.frequency), ...s,
  });
  // Base subscriptions renew yearly on their purchase anniversary; the lifecycle rolls their terms forward to now.
  const e3 = sub({ id: 'sub-e3', productId: 'o365-e3', kind: 'base', baseSubscriptionId: null, quantity: 25, assigned: 20,
    frequency: 'yearly', termStart: '2015-01-15T00:00:00.000Z', purchasedAt: '2015-01-15T00:00:00.000Z' });
  return {
    tenant: { id: tenantId, name: 'Contoso (demo)', cloud: 'worldwide', currency: 'USD' },
    users: [
      { id: DEMO_USERS.megan, name: 'Megan Bowen', roles: ['global_admin'], licensed: true },
      { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['billing_admin'], licensed: true },
      { id: DEMO_USERS.lee, name: 'Lee Gu', roles: ['user'], licensed: true },
      { id: DEMO_USERS.adele, name: 'Adele Vance', roles: ['license_admin'], licensed: true },
    ],
    paymentMethods: [
      { id: 'pm-visa-4242', tenantId, kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2029, addedAt: '2024-01-10T00:00:00.000Z' },
      { id: 'pm-invoice', tenantId, kind: 'invoice', addedAt: '2015-01-15T00:00:00.000Z' },
    ],
    subscriptions: [
      e3,
      sub({ id: 'sub-business-basic', productId: 'm365-business-basic', kind: 'base', baseSubscriptionId: null, quantity: 10, assigned: 8,
        frequency: 'monthly', termStart: '2020-04-21T00:00:00.000Z', purchasedAt: '2020-04-21T00:00:00.000Z' }),
      sub({ id: 'sub-e5', productId: 'o365-e5', kind: 'base', baseSubscriptionId: null, quantity: 5, assigned: 5,
        frequency: 'yearly', termStart: '2019-03-01T00:00:00.000Z', purchasedAt: '2019-03-01T00:00:00.000Z' }),
      // Bought before 1 December 2015: a traditional add-on, listed in E3 and ending with it.
      sub({ id: 'sub-extra-file-storage', productId: 'extra-file-storage', kind: 'traditional', baseSubscriptionId: e3.id,
        quantity: 100, assigned: 0, frequency: 'yearly', termStart: e3.termStart, purchasedAt: '2015-06-01T00:00:00.000Z' }),
      sub({ id: 'sub-audio-conferencing', productId: 'audio-conferencing', kind: 'standalone', baseSubscriptionId: e3.id,
        quantity: 10, assigned: 4, frequency: 'yearly', termStart: ago(3), purchasedAt: ago(3) }),
      sub({ id: 'sub-phone-system', productId: 'phone-system', kind: 'standalone', baseSubscriptionId: e3.id,
        quantity: 20, assigned: 15, frequency: 'yearly', termStart: ago(60), purchasedAt: ago(60) }),
    ],
  };
}

export function provisionDemoTenant(deps: Deps, tenantId: string): Promise<{ created: boolean }> {
  return provisionTenant(deps, demoTenantSeed(tenantId, deps.clock.now()));
}
