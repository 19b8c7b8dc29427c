// The router's handler tables: what starts a flow (typed or clicked, with its own slots) and what is answered aside
// (the read-only lists and availability, in place, whatever flow is open). Typed from the registry, so a new `list`
// or `anywhere` verb does not compile without its handler. Every payload is validated with zod before it names
// anything, and the flows check every id again with the domain.
import type { TurnContext } from 'botbuilder';
import type { CardAction } from '../conversation/verbs.js';
import { BUY_ADDON_DIALOG, CHANGE_QUANTITY_DIALOG, RECURRING_BILLING_DIALOG, REMOVE_ADDON_DIALOG } from '../conversation/dialogIds.js';
import { quantityTargetOf } from '../nlu/quantityTarget.js';
import type { DialogDeps } from '../turn/dialogDeps.js';
import type { Intent, Understanding } from '../turn/understanding.js';
import { answerRequestsPage, sendRequests } from './approvals/requestList.js';
import { sendAvailability } from './availability/availabilityReplies.js';
import type { BuyAddonOptions, BuySlots } from './buy/state.js';
import { sendRenewals, sendSpend } from './lists/glanceReplies.js';
import { answerListPage, sendAddons, sendOrders } from './lists/listReplies.js';
import { sendRemindersSet } from './lists/remindersReply.js';
import { textOf } from '../turn/understanding.js';
import type { ManageOptions } from './manage/manageAddonDialog.js';
import { VERB_REGISTRY, type VerbsOf } from './verbs.js';

/** A flow to begin, with its options. */
export type Start =
  | { readonly kind: 'buy'; readonly dialogId: typeof BUY_ADDON_DIALOG; readonly options: BuyAddonOptions }
  | { readonly kind: 'manage'; readonly dialogId: string; readonly options: ManageOptions };

type AsideHandler = (deps: DialogDeps, context: TurnContext, action: CardAction) => Promise<void>;

/** The read-only clicks: answered in place; an open flow keeps waiting for its answer. */
const ASIDES = {
  'menu.addons': (deps, context) => sendAddons(deps, context),
  'menu.orders': (deps, context) => sendOrders(deps, context),
  'addons.page': answerListPage,
  'orders.page': answerListPage,
  'availability.page': answerListPage,
  'requests.page': answerRequestsPage,
} as const satisfies { readonly [V in VerbsOf<'list'>]: AsideHandler };

export async function answerAsideClick(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<void> {
  const handler: AsideHandler | undefined = (ASIDES as Readonly<Record<string, AsideHandler>>)[action.verb];
  if (!handler) throw new Error(`router: ${action.verb} is not a list verb`);
  await handler(deps, context, action);
}

const ASIDE_INTENTS = [
  'availability', 'list_addons', 'list_orders', 'list_requests', 'renewals', 'spend', 'reminders_off', 'reminders_on',
] as const;
type AsideIntent = (typeof ASIDE_INTENTS)[number];

export function isAsideIntent(intent: Intent): intent is AsideIntent {
  return (ASIDE_INTENTS as readonly Intent[]).includes(intent);
}

/**
 * "my add-ons", "my orders", "my requests", "which add-ons for E3?", "what renews this month?", "how much do we spend on
 * add-ons?": answered, nothing changes; "stop reminders" / "start reminders" set only the caller's own preference.
 */
export async function answerAsideText(deps: DialogDeps, context: TurnContext, understood: Understanding): Promise<void> {
  switch (understood.intent) {
    case 'availability': return sendAvailability(deps, context, understood);
    case 'list_addons': return sendAddons(deps, context);
    case 'list_orders': return sendOrders(deps, context);
    case 'list_requests': return sendRequests(deps, context);
    case 'renewals': return sendRenewals(deps, context, textOf(context));
    case 'spend': return sendSpend(deps, context);
    case 'reminders_off': return sendRemindersSet(deps, context, false);
    case 'reminders_on': return sendRemindersSet(deps, context, true);
    default: throw new Error(`router: ${understood.intent} is not answered aside`);
  }
}

function buy(slots: BuySlots): Start {
  return { kind: 'buy', dialogId: BUY_ADDON_DIALOG, options: { slots } };
}

type StartVerb = Exclude<VerbsOf<'anywhere'>, 'menu.help'>;
const MANAGE_BUTTONS: { readonly [V in Exclude<StartVerb, 'menu.buy' | 'availability.buy'>]: { dialogId: string; turnOn?: boolean } } = {
  'addon.changeQuantity': { dialogId: CHANGE_QUANTITY_DIALOG },
  'addon.remove': { dialogId: REMOVE_ADDON_DIALOG },
  'addon.recurringOff': { dialogId: RECURRING_BILLING_DIALOG, turnOn: false },
  'addon.recurringOn': { dialogId: RECURRING_BILLING_DIALOG, turnOn: true },
};

/** The flow a start button begins, from its checked payload; undefined when the payload is not valid. */
export function startOf(action: CardAction): Start | undefined {
  switch (action.verb) {
    case 'menu.buy':
      return VERB_REGISTRY['menu.buy'].schema.safeParse(action.data).success ? buy({}) : undefined;
    case 'availability.buy': {
      const parsed = VERB_REGISTRY['availability.buy'].schema.safeParse(action.data);
      return parsed.success ? buy({ addonId: parsed.data.addonId, ...(parsed.data.planId ? { planId: parsed.data.planId } : {}) }) : undefined;
    }
    case 'addon.changeQuantity':
    case 'addon.remove':
    case 'addon.recurringOff':
    case 'addon.recurringOn': {
      const parsed = VERB_REGISTRY[action.verb].schema.safeParse(action.data);
      if (!parsed.success) return undefined;
      const { dialogId, turnOn } = MANAGE_BUTTONS[action.verb];
      return { kind: 'manage', dialogId, options: { subscriptionId: parsed.data.subscriptionId, ...(turnOn === undefined ? {} : { turnOn }) } };
    }
    default:
      return undefined;
  }
}

function slotsOf(understood: Understanding): BuySlots {
  const slots: { -readonly [K in keyof BuySlots]: BuySlots[K] } = {};
  if (understood.addon) slots.addonId = understood.addon;
  if (understood.plan) slots.planId = understood.plan;
  if (understood.quantity !== null && Number.isFinite(understood.quantity)) slots.quantity = understood.quantity;
  if (understood.quantityRead) slots.quantityRead = understood.quantityRead;
  if (understood.frequency) slots.frequency = understood.frequency;
  return slots;
}

/** What an utterance gives a change flow: the add-on named, and for quantities what the number means. */
function manageOptionsOf(understood: Understanding, text: string): ManageOptions {
  const target = understood.intent === 'change_quantity' ? quantityTargetOf(text, understood.quantityRead) : null;
  return {
    ...(understood.addon ? { addonId: understood.addon } : {}),
    ...(target ? { quantity: target } : {}),
    ...(understood.intent === 'recurring_billing_on' ? { turnOn: true } : understood.intent === 'recurring_billing_off' ? { turnOn: false } : {}),
  };
}

/** A typed request that starts a flow, with its own slots. */
export function startTyped(understood: Understanding & { intent: 'buy' | 'change_quantity' | 'remove' | 'recurring_billing_off' | 'recurring_billing_on' }, text: string): Start {
  switch (understood.intent) {
    case 'buy': return buy(slotsOf(understood));
    case 'change_quantity': return { kind: 'manage', dialogId: CHANGE_QUANTITY_DIALOG, options: manageOptionsOf(understood, text) };
    case 'remove': return { kind: 'manage', dialogId: REMOVE_ADDON_DIALOG, options: manageOptionsOf(understood, text) };
    case 'recurring_billing_off':
    case 'recurring_billing_on': return { kind: 'manage', dialogId: RECURRING_BILLING_DIALOG, options: manageOptionsOf(understood, text) };
  }
}
