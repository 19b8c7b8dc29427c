// Who is talking, from the activity the Bot Framework authenticated: tenant and Entra object id. Card payloads
// never decide this.
import type { Activity, TurnContext } from 'botbuilder';
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

const SERVED_TENANT_KEY = Symbol('addonAssistant.servedTenant');

/** The tenant gate's decision: this turn is served, for this tenant (kept in the turn's own state, never persisted). */
export function noteServedTenant(context: TurnContext, tenantId: string): void {
  context.turnState.set(SERVED_TENANT_KEY, tenantId);
}

/** The tenant the gate let this turn through for; undefined when the gate did not (yet) serve it. */
export function servedTenantOf(context: TurnContext): string | undefined {
  const value: unknown = context.turnState.get(SERVED_TENANT_KEY);
  return typeof value === 'string' ? value : undefined;
}
