// Bot state keyed by tenant as well as by conversation or user: botbuilder's default keys
// (`channel/conversations/<id>`, `channel/users/<id>`) would let an activity that claims another tenant, with a
// conversation id it learned, read or end someone else's flow. The tenant is the one the tenant gate served this
// turn for; a turn the gate did not serve has no state. Key formats (other code reads them):
//   conversation state  `${channelId}/tenants/${tenantId}/conversations/${conversationId}`
//   user state          `${channelId}/tenants/${tenantId}/users/${userId}`
import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import { servedTenantOf } from '../turn/turnIdentity.js';

/**
 * One key segment: '%' and '/' percent-encoded (reversible with decodeURIComponent), so no id can end its segment
 * early and reach into another key; every other character stays as sent.
 */
export function keySegment(id: string): string {
  return id.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function required(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`Bot state: missing ${what}`);
  return keySegment(value);
}

function tenantPrefix(context: TurnContext): string {
  const channel = required(context.activity.channelId, 'activity.channelId');
  const tenant = required(servedTenantOf(context), 'a tenant served by the tenant gate');
  return `${channel}/tenants/${tenant}`;
}

export class TenantScopedConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string {
    return `${tenantPrefix(context)}/conversations/${required(context.activity.conversation?.id, 'activity.conversation.id')}`;
  }
}

export class TenantScopedUserState extends UserState {
  override getStorageKey(context: TurnContext): string {
    return `${tenantPrefix(context)}/users/${required(context.activity.from?.id, 'activity.from.id')}`;
  }
}
