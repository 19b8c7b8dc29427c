// Builds the store's write operations: the list order (sortKey, newest first) and owner index of every entity kind.
import type { EntityKind, EntityMap, WriteOp } from './ports.js';

function indexOf<K extends EntityKind>(kind: K, value: EntityMap[K]): { sortKey: string; owner: string | null } {
  // Each branch reads the fields of its kind; the casts are checked by the `kind` discriminator the caller passed.
  switch (kind) {
    case 'tenant': { const v = value as EntityMap['tenant']; return { sortKey: `${v.createdAt}#${v.id}`, owner: null }; }
    case 'user': { const v = value as EntityMap['user']; return { sortKey: v.id, owner: null }; }
    case 'payment_method': { const v = value as EntityMap['payment_method']; return { sortKey: `${v.addedAt}#${v.id}`, owner: null }; }
    case 'subscription': {
      const v = value as EntityMap['subscription'];
      return { sortKey: `${v.purchasedAt}#${v.id}`, owner: v.kind === 'base' ? 'base' : 'addon' };
    }
    case 'order': { const v = value as EntityMap['order']; return { sortKey: `${v.placedAt}#${v.id}`, owner: v.placedBy }; }
    case 'quote': { const v = value as EntityMap['quote']; return { sortKey: `${v.createdAt}#${v.id}`, owner: v.callerId }; }
    case 'purchase_request': {
      const v = value as EntityMap['purchase_request'];
      return { sortKey: `${v.createdAt}#${v.id}`, owner: v.requesterId };
    }
    case 'support_request': { const v = value as EntityMap['support_request']; return { sortKey: `${v.openedAt}#${v.id}`, owner: v.subscriptionId }; }
    case 'audit': { const v = value as EntityMap['audit']; return { sortKey: `${v.at}#${v.id}`, owner: v.targetId }; }
    case 'nudge': { const v = value as EntityMap['nudge']; return { sortKey: `${v.claimedAt}#${v.id}`, owner: v.adminId }; }
  }
  throw new Error(`unknown kind ${String(kind)}`);
}

export function insertOp<K extends EntityKind>(kind: K, value: EntityMap[K] & { id: string }): WriteOp {
  return { type: 'insert', kind, id: value.id, value, ...indexOf(kind, value) } as WriteOp;
}

export function updateOp<K extends EntityKind>(kind: K, value: EntityMap[K] & { id: string }, expectedVersion: number): WriteOp {
  return { type: 'update', kind, id: value.id, value, expectedVersion, ...indexOf(kind, value) } as WriteOp;
}

export function upsertOp<K extends EntityKind>(kind: K, value: EntityMap[K] & { id: string }): WriteOp {
  return { type: 'upsert', kind, id: value.id, value, ...indexOf(kind, value) } as WriteOp;
}
