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
  'buy.addCard',
] as const;
export type Verb = (typeof VERBS)[number];

export function isVerb(value: unknown): value is Verb {
  return typeof value === 'string' && (VERBS as readonly string[]).includes(value);
}

/** Which question a choice card asks. */
export const CHOICE_KINDS = ['subscription', 'addon'] as const;
export type ChoiceKind = (typeof CHOICE_KINDS)[number];

/** The verb a choice card's submit button sends for each question. */
export const CHOICE_VERB: Readonly<Record<ChoiceKind, Verb>> = {
  subscription: 'buy.chooseSubscription',
  addon: 'buy.chooseAddon',
};

/** Ids of the inputs on the cards; they arrive as strings (toggles as 'true' / 'false'), unset ones are omitted. */
export const INPUT_IDS = {
  choice: 'choice',
  quantity: 'quantity',
  frequency: 'frequency',
  autoAssign: 'autoAssign',
  paymentMethodId: 'paymentMethodId',
  cardNumber: 'cardNumber',
  expMonth: 'expMonth',
  expYear: 'expYear',
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
  /**
   * From the checkout card's "Add a card" form (which also gathers the parent card's `paymentMethodId`). The card
   * number is validated (Luhn, brand) at the edge and reduced to brand + last 4: never store or log it.
   */
  'buy.addCard': { verb: 'buy.addCard'; flowId: string; quoteId: string; cardNumber?: string; expMonth?: string; expYear?: string; paymentMethodId?: string };
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
