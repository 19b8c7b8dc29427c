// Decides, before any dialog runs, whether this tenant and user are served. Local mode (no MicrosoftAppId): the demo
// tenant is provisioned for whatever tenant id arrives, and any unknown user joins it as a global admin so the
// Agents Playground works at once. Production: only tenants TENANTS_FILE lists now; others (never listed, or dropped
// from it since) are refused.
import type { Middleware, TurnContext } from 'botbuilder';
import type { BillingService, Caller } from '../domain/billingService.js';
import type { LocalActAs } from './localActAs.js';
import { callerOf, noteServedTenant, tenantIdOf, userIdOf } from '../turn/turnIdentity.js';

/** Tenant id used in local mode when a client (an emulator) sends none. */
export const LOCAL_TENANT_ID = 'local-demo-tenant';

/** The name a local user gets until an activity brings theirs. */
const UNNAMED_USER = 'Playground user';

export interface TenantGateOptions {
  readonly localMode: boolean;
  readonly billing: BillingService;
  /** Says "this organization isn't set up" in the user's language. */
  readonly refuse: (context: TurnContext) => Promise<void>;
  /** Local mode only: the Playground user acting as a demo person ("act as lee", DEV_ACT_AS). */
  readonly actAs?: LocalActAs;
}

/**
 * The turns the bot starts itself (proactive messages, createConversation): nobody is talking, nothing to check. An
 * event of these names sent from outside would only reach the bot's event handler, which does nothing with it.
 */
function isProactiveTurn(context: TurnContext): boolean {
  const { type, name } = context.activity;
  return type === 'event' && (name === 'ContinueConversation' || name === 'CreateConversation');
}

export class TenantGate implements Middleware {
  /** Local mode: the tenants provisioned (or found provisioned) by this process, so that it is done once per tenant. */
  private readonly provisioned = new Set<string>();

  constructor(private readonly options: TenantGateOptions) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { billing, localMode } = this.options;
    const activity = context.activity;
    if (isProactiveTurn(context)) {
      await next();
      return;
    }
    if (localMode && !tenantIdOf(activity) && activity.conversation) {
      activity.conversation.tenantId = LOCAL_TENANT_ID;
    }
    if (localMode) {
      // Local mode serves whatever tenant arrives: the demo tenant is set up for it on its first activity.
      // ("act as" answers before anyone is known, so with it the tenant alone is enough). Provisioning again a tenant
      // already there changes nothing but records it for the nudge sweep if a version without that record set it up:
      // once per tenant and process, not on every turn.
      const tenantId = this.options.actAs ? tenantIdOf(activity) : callerOf(activity)?.tenantId;
      if (tenantId && !this.provisioned.has(tenantId)) {
        await billing.provisionDemoTenant(tenantId);
        this.provisioned.add(tenantId);
      }
      if (this.options.actAs && (await this.options.actAs.apply(context))) return;
    }
    const caller = callerOf(activity);
    if (!caller) {
      // Nothing to serve without a tenant and a user (e.g. a malformed activity); conversationUpdate for the bot
      // itself has both, so this only drops what cannot be answered.
      return;
    }
    if (localMode) {
      await this.ensureLocalUser(context, caller.tenantId);
    } else if (!(await Promise.all([billing.tenantServed(caller.tenantId), this.readCaller(caller)]))[0]) {
      if (activity.type === 'message' || activity.type === 'invoke') await this.options.refuse(context);
      return;
    }
    // The bot's state is keyed by this tenant (tenantScopedState.ts).
    noteServedTenant(context, caller.tenantId);
    await next();
  }

  /** Reads the caller's tenant and user rows for the rest of the turn; who they are is checked where it matters. */
  private async readCaller(caller: Caller): Promise<void> {
    await this.options.billing.whoIs(caller).catch(() => undefined);
  }

  private async ensureLocalUser(context: TurnContext, tenantId: string): Promise<void> {
    const userId = userIdOf(context.activity);
    if (!userId) return;
    const { billing } = this.options;
    const given = typeof context.activity.from?.name === 'string' ? context.activity.from.name.trim() : '';
    const known = await billing.whoIs({ tenantId, userId }).then(({ user }) => user, () => undefined);
    if (!known) {
      await billing.saveUser(tenantId, { id: userId, name: given || UNNAMED_USER, roles: ['global_admin'], licensed: true });
    } else if (given && known.name === UNNAMED_USER) {
      // The first event of a client may carry no name (the Playground's install does): take it when it comes.
      await billing.saveUser(tenantId, { ...withoutTenant(known), name: given });
    }
  }
}

function withoutTenant<T extends { tenantId: string }>(row: T): Omit<T, 'tenantId'> {
  const { tenantId: _tenantId, ...rest } = row;
  return rest;
}
