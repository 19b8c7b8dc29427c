// The verbs of every card action: the one contract between the card templates and the dialogs.
//
// Every action that sends data is an `Action.Execute` (Teams universal actions: an `invoke` named
// `adaptiveCard/action`, value `{ action: { type, verb, data } }`) with an `Action.Submit` fallback carrying the
// same data (a `message` activity whose `value` is that data); the renderer adds the fallback and puts the verb into
// the data of both (templates write only verb + ids). So the data always carries `verb`, and
// `readCardAction` reads either shape. Data holds only the verb, ids and the card's input values: never prices,
// totals or roles; the dialogs look those up server-side and validate everything (with zod) before use.

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
  // Retired: checkout cards sent before cards were added in the admin center. Read only to answer such a click.
  'buy.addCard',
  // Managing what was bought (issue 6): lists, the per add-on buttons, the change flows' confirmations, availability.
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
  // Purchase requests and approvals (issue 7): the requester's card, the approval card's views, "my requests".
  'buy.requestApproval',
  'approval.refresh',
  'approval.approve',
  'approval.reject',
  'approval.cancel',
  'approval.open',
  'requests.page',
] as const;
export type Verb = (typeof VERBS)[number];

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

/** Ids of the inputs on the cards; they arrive as strings (toggles as 'true' / 'false'), unset ones are omitted. */
export const INPUT_IDS = {
  choice: 'choice',
  quantity: 'quantity',
  frequency: 'frequency',
  autoAssign: 'autoAssign',
  paymentMethodId: 'paymentMethodId',
  justification: 'justification',
  comment: 'comment',
} as const;

/**
 * What each verb's data looks like when it reaches the bot, BEFORE validation: hidden fields as the card holds them,
 * inputs as strings. Documentation for the dialogs' zod schemas; nothing here is trusted.
 */
export interface CardActionData {
  'menu.buy': { verb: 'menu.buy' };
  'menu.addons': { verb: 'menu.addons' };
  'menu.help': { verb: 'menu.help' };
  /** `choice` is the chosen base subscription id. */
  'buy.chooseSubscription': { verb: 'buy.chooseSubscription'; flowId: string; choice?: string };
  /** `choice` is the chosen add-on id (SPEC section 7). */
  'buy.chooseAddon': { verb: 'buy.chooseAddon'; flowId: string; choice?: string };
  /** Asks for page `page` (0-based) of the same choice; sends no inputs. */
  'buy.showMore': { verb: 'buy.showMore'; flowId: string; kind: ChoiceKind; page: number };
  /** quantity: integer as a string; frequency: 'monthly' | 'yearly'; autoAssign: 'true' | 'false' (per-license add-ons only). */
  'buy.details': { verb: 'buy.details'; flowId: string; quantity?: string; frequency?: string; autoAssign?: string };
  'buy.placeOrder': { verb: 'buy.placeOrder'; flowId: string; quoteId: string; paymentMethodId?: string };
  /** Sent from the choice, details and checkout cards; `quoteId` only from checkout. Sends no inputs. */
  'buy.cancel': { verb: 'buy.cancel'; flowId: string; quoteId?: string };
  /** The checkout card again, with the payment methods saved now (a card added in the admin center). Sends no inputs. */
  'buy.refreshCheckout': { verb: 'buy.refreshCheckout'; flowId: string; quoteId: string };
  /**
   * Retired: the "Add a card" form of checkout cards sent before card numbers left the chat. Its data (which may hold
   * a card number) is never read, stored or logged: the click is answered with where to add a card, and changes nothing.
   */
  'buy.addCard': { verb: 'buy.addCard' };
  'menu.orders': { verb: 'menu.orders' };
  /** Page `page` (0-based) of "my add-ons"; sends no inputs. */
  'addons.page': { verb: 'addons.page'; page: number };
  /** Page `page` (0-based) of "my orders"; `cursor` (the store's opaque keyset cursor) only on Next. */
  'orders.page': { verb: 'orders.page'; page: number; cursor?: string };
  /** The per add-on buttons of "my add-ons": each starts its flow for that add-on subscription. */
  'addon.changeQuantity': { verb: 'addon.changeQuantity'; subscriptionId: string };
  'addon.remove': { verb: 'addon.remove'; subscriptionId: string };
  'addon.recurringOff': { verb: 'addon.recurringOff'; subscriptionId: string };
  'addon.recurringOn': { verb: 'addon.recurringOn'; subscriptionId: string };
  /** `choice` is the chosen add-on subscription id (choice card of kind 'manageAddon'). */
  'manage.chooseAddon': { verb: 'manage.chooseAddon'; flowId: string; choice?: string };
  /** quantity: the new total, integer as a string. */
  'quantity.review': { verb: 'quantity.review'; flowId: string; quantity?: string };
  /** The confirmation cards: only the quote id (and the flow) go back; the domain holds the terms. */
  'quantity.confirm': { verb: 'quantity.confirm'; flowId: string; quoteId: string };
  'removal.confirm': { verb: 'removal.confirm'; flowId: string; quoteId: string };
  'recurring.confirm': { verb: 'recurring.confirm'; flowId: string; quoteId: string };
  'support.confirm': { verb: 'support.confirm'; flowId: string; quoteId: string };
  /** Cancel on the change flows' cards; `quoteId` only from a confirmation card. Sends no inputs. */
  'manage.cancel': { verb: 'manage.cancel'; flowId: string; quoteId?: string };
  /** Buy from an availability answer: starts the buy flow with these slots. */
  'availability.buy': { verb: 'availability.buy'; addonId: string; planId?: string };
  /** Page `page` (0-based) of "which add-ons does my plan support?". */
  'availability.page': { verb: 'availability.page'; page: number };
  /** From the "Request approval" card (users without purchase rights); input `justification` (optional, ≤ 500 characters). */
  'buy.requestApproval': { verb: 'buy.requestApproval'; flowId: string; quoteId: string; justification?: string };
  /**
   * The approval card's refresh (Teams universal actions, `trigger: 'automatic'` for the users of `refresh.userIds`):
   * answered with the clicker's own view in the invoke response, never by updating the shared message.
   */
  'approval.refresh': { verb: 'approval.refresh'; requestId: string; tenantId: string };
  /** Admins: input `comment` (optional); `termsStamp` only on "approve at the new price" (a digest, never a price). */
  'approval.approve': { verb: 'approval.approve'; requestId: string; tenantId: string; termsStamp?: string; comment?: string };
  'approval.reject': { verb: 'approval.reject'; requestId: string; tenantId: string; comment?: string };
  /** The requester withdraws a pending request. Sends no inputs. */
  'approval.cancel': { verb: 'approval.cancel'; requestId: string; tenantId: string };
  /** "Review" on a pending request of the requests list (admins): posts the approval card in this chat. */
  'approval.open': { verb: 'approval.open'; requestId: string; tenantId: string };
  /** The next page of "my requests": the store's keyset cursor. */
  'requests.page': { verb: 'requests.page'; cursor: string };
}

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
