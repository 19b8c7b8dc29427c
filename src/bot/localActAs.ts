// Local mode only (no MicrosoftAppId): the Agents Playground has a single, fixed user ('user-id-0'), so to try the
// approval loop alone, its user can act as a person of the demo tenant: Lee Gu (a user, who requests) or Megan Bowen
// and Alex Wilber (the admins, who approve). DEV_ACT_AS sets who the Playground user is at start; typing
// "act as lee" / "act as megan" / "act as alex" / "act as adele" / "act as me" switches at any time. The persona
// replaces the activity's Entra object id and name before anything else reads them. Never used in production.
import type { TurnContext } from 'botbuilder';
import type { BillingService } from '../domain/billingService.js';
import { DEMO_USERS } from '../domain/useCases/tenants.js';
import { BOT_TEXTS } from '../i18n/botMessages.js';
import { text } from '../i18n/text.js';
import type { DemoPersona } from '../turn/demoPersonas.js';
import { languageOf } from '../turn/language.js';
import { tenantIdOf } from '../turn/turnIdentity.js';

export { DEMO_PERSONAS, type DemoPersona } from '../turn/demoPersonas.js';

const ACT_AS = /^\s*act\s+as\s+(megan|alex|lee|adele|me)\s*[.!]?\s*$/i;

export class LocalActAs {
  /** The persona of each channel user (the Playground's user id), for this process only. */
  private readonly personas = new Map<string, DemoPersona | 'me'>();

  constructor(
    private readonly initial: DemoPersona | undefined,
    private readonly billing: BillingService,
  ) {}

  /** Applies the persona to the activity; answers "act as …" itself and returns true (the turn is over). */
  async apply(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    const channelUserId = activity.from?.id;
    if (!channelUserId) return false;
    const match = activity.type === 'message' && typeof activity.text === 'string' ? ACT_AS.exec(activity.text.replace(/<at>[^<]*<\/at>/gi, ' ')) : null;
    if (match) {
      const chosen = (match[1] ?? '').toLowerCase();
      const language = languageOf(activity, undefined);
      if (chosen === 'me') {
        // Back to the channel's own user (DEV_ACT_AS no longer applies to this user either).
        this.personas.set(channelUserId, 'me');
        await context.sendActivity(text(BOT_TEXTS, language, 'actingAsSelf'));
        return true;
      }
      const persona = chosen as DemoPersona;
      this.personas.set(channelUserId, persona);
      const tenantId = tenantIdOf(activity);
      const user = tenantId ? await this.billing.whoIs({ tenantId, userId: DEMO_USERS[persona] }).then((c) => c.user, () => undefined) : undefined;
      await context.sendActivity(text(BOT_TEXTS, language, 'actingAs', { name: user?.name ?? persona, role: user?.roles.join(', ') ?? '' }));
      return true;
    }
    const persona = this.personas.get(channelUserId) ?? this.initial;
    if (persona && persona !== 'me' && activity.from) activity.from.aadObjectId = DEMO_USERS[persona];
    return false;
  }
}
