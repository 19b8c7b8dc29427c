// Who is talking, from the activity the Bot Framework authenticated: tenant and Entra object id. Card payloads
// never decide this.
import type { Activity } from 'botbuilder';
import type { Caller } from '../domain/billingService.js';

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field.length > 0 ? field : undefined;
}

/** The tenant of the conversation: Teams puts it in conversation.tenantId and channelData.tenant.id. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = stringField(activity.conversation, 'tenantId');
  const channelData: unknown = activity.channelData;
  const tenant = typeof channelData === 'object' && channelData !== null ? (channelData as Record<string, unknown>).tenant : undefined;
  return fromConversation ?? stringField(tenant, 'id');
}

/** The user's Entra object id when Teams sends it, else the channel user id (the Playground's "user-id-0"). */
export function userIdOf(activity: Partial<Activity>): string | undefined {
  return stringField(activity.from, 'aadObjectId') ?? stringField(activity.from, 'id');
}

export function callerOf(activity: Partial<Activity>): Caller | undefined {
  const tenantId = tenantIdOf(activity);
  const userId = userIdOf(activity);
  return tenantId && userId ? { tenantId, userId } : undefined;
}
