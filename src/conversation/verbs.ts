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
