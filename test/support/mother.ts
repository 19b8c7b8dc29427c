// Object mother: realistic entities with sensible defaults; a test overrides only the fields it is about.
// Default ids are unique per call, so two entities built without overrides never collide.
import type {
  AuditEntry, Order, PurchaseRequest, Subscription, SupportRequestQuote, Tenant, User,
} from '../../src/domain/model.js';
import type { Money } from '../../src/domain/money.js';

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}

export const TENANT_ID = 'contoso-tenant';
const AT = '2025-03-03T09:30:00.000Z';

export function usd(cents: number): Money {
  return { amount: cents, currency: 'USD' };
}

export function aTenant(overrides: Partial<Tenant> = {}): Tenant {
  return { id: nextId('tenant'), name: 'Contoso Ltd', cloud: 'worldwide', currency: 'USD', createdAt: '2024-11-04T08:00:00.000Z', ...overrides };
}

export function aUser(overrides: Partial<User> = {}): User {
  return { id: nextId('user'), tenantId: TENANT_ID, name: 'Megan Bowen', roles: ['billing_admin'], licensed: true, ...overrides };
}

export function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: nextId('SUB'),
    tenantId: TENANT_ID,
    productId: 'customer-lockbox',
    kind: 'standalone',
    baseSubscriptionId: 'SUB-base-e3',
    quantity: 25,
    assigned: 20,
    frequency: 'yearly',
    termStart: '2025-03-01T00:00:00.000Z',
    termEnd: '2026-02-28T23:59:59.000Z',
    recurringBilling: true,
    status: 'active',
    purchasedAt: AT,
    scheduledChange: null,
    ...overrides,
  };
}

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: nextId('ORD'),
    tenantId: TENANT_ID,
    quoteId: nextId('QUO'),
    requestId: null,
    subscriptionId: nextId('SUB'),
    addonId: 'customer-lockbox',
    baseSubscriptionId: 'SUB-base-e3',
    quantity: 25,
    frequency: 'yearly',
    autoAssigned: 20,
    paymentMethodId: 'PM-card-4242',
    unitPrice: usd(240),
    totalPerPeriod: usd(6000),
    firstCharge: usd(6000),
    placedBy: 'user-megan',
    placedAt: AT,
    ...overrides,
  };
}

export function aPurchaseRequest(overrides: Partial<PurchaseRequest> = {}): PurchaseRequest {
  return {
    id: nextId('REQ'),
    tenantId: TENANT_ID,
    requesterId: 'user-alex',
    quoteId: nextId('QUO'),
    addonId: 'advanced-threat-protection',
    baseSubscriptionId: 'SUB-base-e3',
    quantity: 10,
    frequency: 'monthly',
    autoAssign: true,
    justification: 'Phishing attempts doubled this quarter.',
    quotedTotalPerPeriod: usd(2400),
    status: 'pending',
    createdAt: AT,
    expiresAt: '2025-03-10T09:30:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: '',
    orderId: null,
    ...overrides,
  };
}

export function anAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: nextId('AUD'),
    tenantId: TENANT_ID,
    at: AT,
    actorId: 'user-megan',
    action: 'subscription.quantity_changed',
    targetId: 'SUB-000001',
    before: { quantity: 25, scheduledChange: null },
    after: { quantity: 30, scheduledChange: null },
    idempotencyKey: null,
    ...overrides,
  };
}

/** A quote (of the smallest kind) valid 15 minutes from `createdAt`. */
export function aQuote(overrides: Partial<SupportRequestQuote> = {}): SupportRequestQuote {
  const createdAt = overrides.createdAt ?? AT;
  return {
    id: nextId('QUO'),
    tenantId: TENANT_ID,
    callerId: 'user-megan',
    createdAt,
    expiresAt: new Date(Date.parse(createdAt) + 15 * 60 * 1000).toISOString(),
    kind: 'support_request',
    subscriptionId: 'SUB-base-e3',
    ...overrides,
  };
}
