// Object mothers for the purchase-request cards: every view of the approval card, the requester's card, the list.
import type { ApprovalCardData, RequestApprovalCardData, RequestsCardData } from '../../src/cards/approvalCardData.js';
import { approvalCard, refusedCard, requestApprovalCard, requestsCard, type RequestDetails } from '../../src/dialogs/approvalCards.js';
import type { Language } from '../../src/domain/ids.js';
import type { Order, PurchaseRequest } from '../../src/domain/model.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';

const TENANT = '9f0c1a52-3e4b-4d2a-9b7e-1c2d3e4f5a6b';

export const PENDING: PurchaseRequest = {
  id: 'REQ-000007', tenantId: TENANT, requesterId: DEMO_USERS.lee, quoteId: 'QUO-000041', addonId: 'customer-lockbox', baseSubscriptionId: 'sub-e3',
  quantity: 5, frequency: 'yearly', autoAssign: false, justification: 'Our auditors asked for Customer Lockbox before the Q1 review.',
  quotedTotalPerPeriod: { amount: 12_000, currency: 'USD' }, status: 'pending', createdAt: '2026-11-23T10:00:00.000Z',
  expiresAt: '2026-11-30T10:00:00.000Z', decidedBy: null, decidedAt: null, comment: '', orderId: null,
};

const ORDER: Order = {
  id: 'ORD-000137', tenantId: TENANT, quoteId: PENDING.quoteId, requestId: PENDING.id, subscriptionId: 'SUB-000138', addonId: 'customer-lockbox',
  baseSubscriptionId: 'sub-e3', quantity: 5, frequency: 'yearly', autoAssigned: 0, paymentMethodId: 'pm-visa-4242',
  unitPrice: { amount: 2_400, currency: 'USD' }, totalPerPeriod: { amount: 12_000, currency: 'USD' }, firstCharge: { amount: 12_000, currency: 'USD' },
  placedBy: DEMO_USERS.megan, placedAt: '2026-11-24T09:30:00.000Z',
};

const NAMES = new Map<string, string>([[DEMO_USERS.lee, 'Lee Gu'], [DEMO_USERS.megan, 'Megan Bowen'], [DEMO_USERS.alex, 'Alex Wilber']]);
const DETAILS: RequestDetails = { names: NAMES, base: { id: 'sub-e3', planId: 'o365-e3', quantity: 25 }, order: undefined };
/** 60 refresh users: the most Teams accepts. */
const USER_IDS = Array.from({ length: 70 }, (_, i) => `29:1${String(i).padStart(3, '0')}abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdef`);

export function approvalCards(language: Language): ApprovalCardData[] {
  const approved: PurchaseRequest = { ...PENDING, status: 'approved', decidedBy: DEMO_USERS.megan, decidedAt: ORDER.placedAt, comment: 'OK for Q1.', orderId: ORDER.id };
  const rejected: PurchaseRequest = { ...PENDING, status: 'rejected', decidedBy: DEMO_USERS.alex, decidedAt: ORDER.placedAt, comment: 'x'.repeat(500) };
  const canceled: PurchaseRequest = { ...PENDING, justification: '', status: 'canceled', decidedBy: DEMO_USERS.lee, decidedAt: ORDER.placedAt };
  const expired: PurchaseRequest = { ...PENDING, status: 'expired' };
  return [
    approvalCard(PENDING, DETAILS, { kind: 'admin' }, language, USER_IDS),
    approvalCard(PENDING, DETAILS, { kind: 'adminPriceChanged', now: { amount: 13_200, currency: 'USD' } }, language, USER_IDS.slice(0, 3)),
    approvalCard(PENDING, DETAILS, { kind: 'requester' }, language, USER_IDS.slice(0, 3)),
    approvalCard(PENDING, { ...DETAILS, base: undefined }, { kind: 'readOnly' }, language, []),
    approvalCard(approved, { ...DETAILS, order: ORDER }, { kind: 'admin' }, language, USER_IDS),
    approvalCard(rejected, DETAILS, { kind: 'admin' }, language, []),
    approvalCard(canceled, DETAILS, { kind: 'requester' }, language, []),
    approvalCard(expired, DETAILS, { kind: 'admin' }, language, USER_IDS),
    refusedCard(PENDING.id, TENANT, 'foreign', language),
    refusedCard(PENDING.id, TENANT, 'demoted', language),
    refusedCard(PENDING.id, TENANT, 'noAccess', language),
    refusedCard(PENDING.id, TENANT, 'notFound', language),
  ];
}

export function requestApprovalCards(language: Language): RequestApprovalCardData[] {
  const quote = {
    id: 'QUO-000041', addonId: 'customer-lockbox' as const, quantity: 5, frequency: 'yearly' as const, autoAssign: false,
    unitPrice: { amount: 2_400, currency: 'USD' as const }, totalPerPeriod: { amount: 12_000, currency: 'USD' as const },
    firstCharge: { amount: 12_000, currency: 'USD' as const }, expiresAt: '2026-11-23T10:15:00.000Z',
  };
  return [requestApprovalCard('FLW-7c1e2a', quote, { id: 'sub-e3', planId: 'o365-e3', quantity: 25 }, language)];
}

export function requestsCards(language: Language): RequestsCardData[] {
  const many = Array.from({ length: 10 }, (_, i): PurchaseRequest => ({
    ...PENDING, id: `REQ-${String(100 + i).padStart(6, '0')}`, comment: i % 3 === 0 ? 'y'.repeat(500) : '',
    status: (['pending', 'approved', 'rejected', 'canceled', 'expired'] as const)[i % 5] ?? 'pending',
    decidedBy: i % 5 === 0 ? null : DEMO_USERS.megan, decidedAt: i % 5 === 0 ? null : ORDER.placedAt, orderId: i % 5 === 1 ? ORDER.id : null,
  }));
  const details = new Map(many.map((r) => [r.id, DETAILS] as const));
  return [
    requestsCard({ requests: many, details, all: true, nextCursor: 'eyJzIjoiMjAyNi0xMS0yMyJ9', language }),
    requestsCard({ requests: many.slice(0, 3), details, all: false, nextCursor: null, language }),
    requestsCard({ requests: [], details, all: false, nextCursor: null, language }),
    requestsCard({ requests: [], details, all: true, nextCursor: null, language }),
  ];
}
