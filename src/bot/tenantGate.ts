// Decides, before any dialog runs, whether this tenant and user are served. Local mode (no MicrosoftAppId): the demo
// tenant is provisioned for whatever tenant id arrives, and any unknown user joins it as a global admin so the
// Agents Playground works at once. Production: only tenants provisioned from TENANTS_FILE; others are refused.
import type { Middleware, TurnContext } from 'botbuilder';
import type { BillingService } from '../domain/billingService.js';
import { callerOf, tenantIdOf, userIdOf } from './turnIdentity.js';

/** Tenant id used in local mode when a client (an emulator) sends none. */
export const LOCAL_TENANT_ID = 'local-demo-tenant';

export interface TenantGateOptions {
  readonly localMode: boolean;
  readonly billing: BillingService;
  /** Says "this organization isn't set up" in the user's language. */
  readonly refuse: (context: TurnContext) => Promise<void>;
}

export class TenantGate implements Middleware {
  constructor(private readonly options: TenantGateOptions) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { billing, localMode } = this.options;
    const activity = context.activity;
    if (localMode && !tenantIdOf(activity) && activity.conversation) {
      activity.conversation.tenantId = LOCAL_TENANT_ID;
    }
    const caller = callerOf(activity);
    if (!caller) {
      // Nothing to serve without a tenant and a user (e.g. a malformed activity); conversationUpdate for the bot
      // itself has both, so this only drops what cannot be answered.
      return;
    }
    if (localMode) {
      if (!(await billing.tenantExists(caller.tenantId))) await billing.provisionDemoTenant(caller.tenantId);
      await this.ensureLocalUser(context, caller.tenantId);
    } else if (!(await billing.tenantExists(caller.tenantId))) {
      if (activity.type === 'message' || activity.type === 'invoke') await this.options.refuse(context);
      return;
    }
    await next();
  }

  private async ensureLocalUser(context: TurnContext, tenantId: string): Promise<void> {
    const userId = userIdOf(context.activity);
    if (!userId) return;
    const known = await this.options.billing.whoIs({ tenantId, userId }).then(() => true, () => false);
    if (!known) {
      const name = typeof context.activity.from?.name === 'string' && context.activity.from.name ? context.activity.from.name : 'Playground user';
      await this.options.billing.saveUser(tenantId, { id: userId, name, roles: ['global_admin'], licensed: true });
    }
  }
}
