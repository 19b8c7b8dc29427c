// The verbs of every card action: the one contract between the card templates and the dialogs.
//
// Every action that sends data is an `Action.Execute` (Teams universal actions: an `invoke` named
// `adaptiveCard/action`, value `{ action: { type, verb, data } }`) with an `Action.Submit` fallback carrying the
// same data (a `message` activity whose `value` is that data); the renderer adds the fallback and puts the verb into
// the data of both (templates write only verb + ids). So the data always carries `verb`, and
// `readCardAction` reads either shape. Data holds only the verb, ids and the card's input values: never prices,
// totals or roles; the dialogs look those up server-side and validate everything (with zod) before use.
import { z } from 'zod';

export const VERBS = [
  'menu.buy',
  'menu.addons',
  'menu.help',
  'buy.chooseSubscription',
  'buy.chooseAddon',
  'buy.showMore',
  'buy.details',
  'buy.placeOrder',
  'buy.cancel',
  'buy.refreshCheckout',
  'buy.autoAssign',
  // Retired: checkout cards sent before cards were added in the admin center. Read only to answer such a click.
  'buy.addCard',
  // Managing what was bought: lists, the per add-on buttons, the change flows' confirmations, availability.
  'menu.orders',
  'addons.page',
  'orders.page',
  'addon.changeQuantity',
  'addon.remove',
  'addon.recurringOff',
  'addon.recurringOn',
  'manage.chooseAddon',
  'quantity.review',
  'quantity.confirm',
  'removal.confirm',
  'recurring.confirm',
  'support.confirm',
  'manage.cancel',
  'availability.buy',
  'availability.page',
  // Purchase requests and approvals: the requester's card, the approval card's views, "my requests".
  'buy.requestApproval',
  'approval.refresh',
  'approval.approve',
  'approval.reject',
  'approval.cancel',
  'approval.open',
  'requests.page',
  // Nudges (the bot speaks first): the fix one click away, acknowledging, and stopping the reminders.
  'nudge.reduce',
  'nudge.recurringOff',
  'nudge.recurringOn',
  'nudge.keep',
  'nudge.stopReminders',
] as const;
export type Verb = (typeof VERBS)[number];

/** The flows a verb can belong to. */
export type FlowName = 'buy' | 'manage' | 'approvals' | 'lists' | 'availability' | 'conversation' | 'nudges';

/** What a click on a verb means to the router (src/flows/router.ts decides every click from this). */
export type VerbSpec = { readonly schema: z.ZodType } & (
  /** May start a flow (`starts`) or answer at once (help): a new request wins over the open flow. */
  | { readonly scope: 'anywhere'; readonly starts?: FlowName }
  /** Read-only, answered in place; the open flow keeps waiting. */
  | { readonly scope: 'list'; readonly owner: FlowName }
  /** Carries the flowId of the flow that showed it; only that open flow reads it, any other click is stale. */
  | { readonly scope: 'flow'; readonly flows: readonly FlowName[]; readonly role?: 'cancel' | 'confirm' | 'placeOrder' }
  /** The approval card: answered in any state. */
  | { readonly scope: 'approval' }
  /** A nudge card's answers that start nothing (keep, stop reminders): answered in any state; an open flow keeps waiting. */
  | { readonly scope: 'nudge' });

/** A flow's table of its own verbs. */
export type VerbTable<V extends Verb> = { readonly [K in V]: VerbSpec };

/** The data every flow verb carries: its flow's id. The reader checks the rest, with its field-specific messages. */
export const flowVerbT = <V extends Verb>(verb: V) => z.object({ verb: z.literal(verb), flowId: z.string().min(1).max(64) }).passthrough();

/** menu.help: the help card, whatever is open. */
export const CONVERSATION_VERBS = {
  'menu.help': { scope: 'anywhere', schema: z.object({ verb: z.literal('menu.help') }).strict() },
} as const satisfies VerbTable<'menu.help'>;

/** Verbs no template sends any more, still read so that a click on an old card is answered (and changes nothing). */
export const RETIRED_VERBS: readonly Verb[] = ['buy.addCard'];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}

/** Which question a choice card asks. */
export const CHOICE_KINDS = ['subscription', 'addon', 'manageAddon'] as const;
export type ChoiceKind = (typeof CHOICE_KINDS)[number];

/** The verb a choice card's submit button sends for each question. */
export const CHOICE_VERB: Readonly<Record<ChoiceKind, Verb>> = {
  subscription: 'buy.chooseSubscription',
  addon: 'buy.chooseAddon',
  manageAddon: 'manage.chooseAddon',
};

export interface CardAction {
  readonly verb: Verb;
  /** The action's data merged with the card's inputs, unvalidated. */
  readonly data: Readonly<Record<string, unknown>>;
  /** 'execute': an adaptiveCard/action invoke (answer with a card in the invoke response); 'submit': a message. */
  readonly via: 'execute' | 'submit';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A card submission as the router reads it: a known verb, or one it cannot read. */
export type CardInput =
  | ({ readonly kind: 'action' } & CardAction)
  /** A card submission with no known verb (a junk value, an invoke without a verb): answered, and nothing changes. */
  | { readonly kind: 'unreadable'; readonly via: 'execute' | 'submit' }
  | undefined;

/**
 * Reads a card submission: an adaptiveCard/action invoke, or a message with a value and no text. Undefined for typed
 * text and anything that is no card submission.
 */
export function readCardInput(activity: { readonly type?: string; readonly name?: string; readonly value?: unknown; readonly text?: string }): CardInput {
  const action = readCardAction(activity);
  if (action) return { kind: 'action', ...action };
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') return { kind: 'unreadable', via: 'execute' };
  const typed = typeof activity.text === 'string' && activity.text.trim() !== '';
  if (activity.type === 'message' && !typed && activity.value !== undefined && activity.value !== null) return { kind: 'unreadable', via: 'submit' };
  return undefined;
}

/**
 * Reads a card action from an activity: pass `activity.type`, `activity.name` and `activity.value`.
 * Returns undefined for anything that is not one of our card actions.
 */
export function readCardAction(activity: { readonly type?: string; readonly name?: string; readonly value?: unknown }): CardAction | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = isRecord(activity.value) ? activity.value.action : undefined;
    if (!isRecord(action)) return undefined;
    const data = isRecord(action.data) ? action.data : {};
    const verb = action.verb ?? data.verb;
    return isVerb(verb) ? { verb, data, via: 'execute' } : undefined;
  }
  if (activity.type === 'message' && isRecord(activity.value)) {
    const verb = activity.value.verb;
    return isVerb(verb) ? { verb, data: activity.value, via: 'submit' } : undefined;
  }
  return undefined;
}
