// "A new request wins" (SPEC section 3): what one typed message means while a flow waits at a question. Pure: the
// router describes the open question (`openQuestionOf`), reads the message (`heardOf`) and acts on `verdictOf`.
//   answer   the open question reads it ("E3", "50 GB", "yearly", "oui", "2", "add 5 licenses" at a quantity);
//   same     the same request typed again: its open card is shown again (money still needs the click);
//   new      a request of its own: the flow is left and the request starts with its own slots;
//   aside    a list or an availability question: answered, and the question stays open;
//   control  cancel, back, help, a language switch: as the flows handle them today.
import {
  ASK_ADDON, ASK_CHECKOUT, ASK_DETAILS, ASK_NEW_QUANTITY, ASK_QUANTITY_ADDON, ASK_RECURRING_ADDON, ASK_REMOVE_ADDON, ASK_REQUEST,
  ASK_SUBSCRIPTION, CONFIRM_QUANTITY, CONFIRM_RECURRING, CONFIRM_REMOVAL,
} from './dialogIds.js';
import type { ManagePurpose } from './tenantSubscriptions.js';
import type { AddonId, Frequency, PlanId } from '../domain/ids.js';
import type { QuantityReading } from '../nlu/numbers.js';
import type { Intent, Understanding } from '../nlu/recognizer.js';

export type Verdict = 'answer' | 'same' | 'new' | 'aside' | 'control';

/** Every question a flow can wait at. Approvals, lists and availability answer in one turn and have none. */
export type QuestionName = 'buy.subscription' | 'buy.addon' | 'buy.details' | 'buy.checkout' | 'buy.request'
  | 'manage.pick' | 'manage.quantity' | 'manage.confirm';

/** The dialogs that ask each question (the three change flows share the manage questions). */
export const QUESTIONS: { readonly [Q in QuestionName]: { readonly flow: 'buy' | 'manage'; readonly dialogs: readonly string[] } } = {
  'buy.subscription': { flow: 'buy', dialogs: [ASK_SUBSCRIPTION] },
  'buy.addon': { flow: 'buy', dialogs: [ASK_ADDON] },
  'buy.details': { flow: 'buy', dialogs: [ASK_DETAILS] },
  'buy.checkout': { flow: 'buy', dialogs: [ASK_CHECKOUT] },
  'buy.request': { flow: 'buy', dialogs: [ASK_REQUEST] },
  'manage.pick': { flow: 'manage', dialogs: [ASK_QUANTITY_ADDON, ASK_REMOVE_ADDON, ASK_RECURRING_ADDON] },
  'manage.quantity': { flow: 'manage', dialogs: [ASK_NEW_QUANTITY] },
  'manage.confirm': { flow: 'manage', dialogs: [CONFIRM_QUANTITY, CONFIRM_REMOVAL, CONFIRM_RECURRING] },
};

const QUESTION_NAMES = Object.keys(QUESTIONS) as QuestionName[];

/** The question a dialog id asks; undefined for waterfalls and flows. */
export function questionNameOf(dialogId: string): QuestionName | undefined {
  return QUESTION_NAMES.find((name) => QUESTIONS[name].dialogs.includes(dialogId));
}

/** What a message can carry. `ordinal` is "2" or "#2": the second option shown. */
export type Slot = 'addon' | 'plan' | 'quantity' | 'frequency' | 'ordinal';
/** The slots a request is compared on: naming one the flow holds, differently, makes it another request. */
export type ComparedSlot = Exclude<Slot, 'ordinal'>;

/** What the flow has fixed so far. Slots it has not fixed are absent. */
export interface Held {
  readonly addon?: AddonId;
  readonly plan?: PlanId;
  readonly frequency?: Frequency;
  /** The numbers that still name this request: the quantity quoted or given; for a quantity change also its size. */
  readonly quantities?: readonly number[];
}

export interface OpenQuestion {
  readonly question: QuestionName;
  /** What a bare answer to this question may carry. */
  readonly asks: readonly Slot[];
  readonly holds: Held;
  /** The slots a request must not name differently to be this one: buy all four; manage the add-on (and quantity). */
  readonly compares: readonly ComparedSlot[];
  /** The flow's intent, plus what its open card carries out (a remove flow's recurring-off card: turning it off). */
  readonly sameAs: readonly Intent[];
}

/** A typed message, as the rule needs it. */
export interface Heard {
  readonly intent: Intent;
  /** The intent came from its own words ("buy …", "reduce …"), not only from a product name or from nothing. */
  readonly byVerb: boolean;
  readonly addon: AddonId | null;
  readonly plan: PlanId | null;
  /** The number written where a quantity goes, even when it is none ("-5", "2.5"): a question may say what it read. */
  readonly quantity: QuantityReading | null;
  readonly frequency: Frequency | null;
  readonly ordinal: boolean;
}

/** A bare option number, as the pickers read it. */
const ORDINAL = /^\s*#?\d{1,3}\s*$/;

/** The rule's view of a message: the recognizer's reading, whether its intent came from a verb, and the text. */
export function heardOf(understood: Understanding, byVerb: boolean, text: string): Heard {
  return {
    intent: understood.intent, byVerb: byVerb && understood.intent !== 'none', addon: understood.addon, plan: understood.plan,
    quantity: understood.quantityRead, frequency: understood.frequency, ordinal: ORDINAL.test(text),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Describing the open question
// ---------------------------------------------------------------------------------------------------------------

/** The buy flow's slots at a question: the add-on, the base subscription's plan, the quantity and frequency fixed. */
export interface BuyHeld {
  readonly addon?: AddonId;
  readonly plan?: PlanId;
  readonly quantity?: number;
  readonly frequency?: Frequency;
}

/** The change a confirmation card carries out (a manage `ChangeView` fits). */
export type ProposedChange =
  | { readonly kind: 'quantity'; readonly fromQuantity: number; readonly toQuantity: number }
  | { readonly kind: 'cancellation' | 'support_request' }
  | { readonly kind: 'recurring_billing'; readonly turnOn: boolean };

/** Where a flow waits, with what it holds: the router reads this from the dialog stack. */
export type QuestionAt =
  | { readonly question: 'buy.subscription' | 'buy.addon' | 'buy.details' | 'buy.checkout' | 'buy.request'; readonly held: BuyHeld }
  /** `addon`: the add-on the request named, when several subscriptions of it are offered; `quantity`: the target given. */
  | { readonly question: 'manage.pick'; readonly purpose: ManagePurpose; readonly addon?: AddonId; readonly quantity?: number }
  | { readonly question: 'manage.quantity'; readonly addon: AddonId }
  | { readonly question: 'manage.confirm'; readonly purpose: ManagePurpose; readonly addon: AddonId; readonly change: ProposedChange };

const FLOW_INTENT: Readonly<Record<ManagePurpose, Intent>> = {
  quantity: 'change_quantity', remove: 'remove', recurringOff: 'recurring_billing_off', recurringOn: 'recurring_billing_on',
};

function cardIntent(change: ProposedChange): Intent {
  switch (change.kind) {
    case 'quantity': return 'change_quantity';
    case 'cancellation':
    case 'support_request': return 'remove';
    case 'recurring_billing': return change.turnOn ? 'recurring_billing_on' : 'recurring_billing_off';
  }
}

const BUY_COMPARES: readonly ComparedSlot[] = ['addon', 'plan', 'quantity', 'frequency'];

/** The open question as the rule reads it, in one call. */
export function openQuestionOf(at: QuestionAt): OpenQuestion {
  switch (at.question) {
    case 'buy.subscription':
    case 'buy.addon':
    case 'buy.details':
    case 'buy.checkout':
    case 'buy.request': {
      const { addon, plan, quantity, frequency } = at.held;
      const holds: Held = { addon, plan, frequency, quantities: quantity === undefined ? undefined : [quantity] };
      return { question: at.question, asks: buyAsks(at.question, at.held), holds, compares: BUY_COMPARES, sameAs: ['buy'] };
    }
    case 'manage.pick':
      return {
        question: at.question, asks: at.addon === undefined ? ['addon', 'ordinal'] : ['ordinal'],
        holds: { addon: at.addon, quantities: at.quantity === undefined ? undefined : [at.quantity] },
        compares: at.purpose === 'quantity' ? ['addon', 'quantity'] : ['addon'], sameAs: [FLOW_INTENT[at.purpose]],
      };
    case 'manage.quantity':
      return { question: at.question, asks: ['quantity'], holds: { addon: at.addon }, compares: ['addon', 'quantity'], sameAs: ['change_quantity'] };
    case 'manage.confirm': {
      const { change } = at;
      const sameAs = [...new Set([FLOW_INTENT[at.purpose], cardIntent(change)])];
      if (change.kind !== 'quantity') return { question: at.question, asks: [], holds: { addon: at.addon }, compares: ['addon'], sameAs };
      // "add 5 licenses" and "to 15" both name the change from 10 to 15.
      const quantities = [change.toQuantity, Math.abs(change.toQuantity - change.fromQuantity)];
      return { question: at.question, asks: [], holds: { addon: at.addon, quantities }, compares: ['addon', 'quantity'], sameAs };
    }
  }
}

/** A subscription question limited to one plan ("for E3" with two E3 subscriptions) only asks which one. */
function buyAsks(question: Extract<QuestionAt, { held: BuyHeld }>['question'], held: BuyHeld): readonly Slot[] {
  switch (question) {
    case 'buy.subscription': return held.plan === undefined ? ['plan', 'ordinal'] : ['ordinal'];
    case 'buy.addon': return ['addon', 'ordinal'];
    case 'buy.details': return ['quantity', 'frequency'];
    case 'buy.checkout':
    case 'buy.request': return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------------------------

const CONTROL: ReadonlySet<Intent> = new Set<Intent>(['cancel', 'back', 'help', 'set_language']);
const ASIDE: ReadonlySet<Intent> = new Set<Intent>([
  'availability', 'list_addons', 'list_orders', 'list_requests', 'renewals', 'spend', 'reminders_off', 'reminders_on',
]);
/** Requests that may be only a number for the open question: "add 5 licenses", "10 more" at a quantity. */
const QUANTITY_REQUESTS: ReadonlySet<Intent> = new Set<Intent>(['buy', 'change_quantity']);

export function verdictOf(open: OpenQuestion, heard: Heard): Verdict {
  if (CONTROL.has(heard.intent)) return 'control';
  // No verb: an answer ("E3", "50 GB", "yearly", "oui", "2", "Phone System"), whether or not the question can use it.
  if (heard.intent === 'none' || !heard.byVerb) return 'answer';
  if (ASIDE.has(heard.intent)) return 'aside';
  if (heard.intent === 'greeting') return 'same';
  if (open.sameAs.includes(heard.intent)) {
    if (namesAnother(open, heard)) return 'new';
    return open.asks.some((slot) => carried(heard, slot)) ? 'answer' : 'same';
  }
  const bare = QUANTITY_REQUESTS.has(heard.intent) && heard.addon === null && heard.plan === null
    && open.asks.some((slot) => (slot === 'quantity' || slot === 'frequency') && carried(heard, slot));
  // Any other request, and any intent this rule does not know yet, is a request of its own.
  return bare ? 'answer' : 'new';
}

function carried(heard: Heard, slot: Slot): boolean {
  return slot === 'ordinal' ? heard.ordinal : heard[slot] !== null;
}

/**
 * A compared slot the question does not ask, named other than the flow holds it. An add-on or plan named where the
 * flow holds none is another request too: it decides which questions come and what they offer. A quantity or a
 * frequency counts only against one the flow holds, so it is never kept silently wrong; one it does not hold yet is
 * asked for later anyway, and leaving the flow for it would lose the choices made.
 */
function namesAnother(open: OpenQuestion, heard: Heard): boolean {
  const { holds } = open;
  return open.compares.some((slot) => {
    if (open.asks.includes(slot)) return false;
    switch (slot) {
      case 'addon': return heard.addon !== null && heard.addon !== holds.addon;
      case 'plan': return heard.plan !== null && heard.plan !== holds.plan;
      case 'frequency': return heard.frequency !== null && holds.frequency !== undefined && heard.frequency !== holds.frequency;
      case 'quantity': {
        if (heard.quantity === null || holds.quantities === undefined) return false;
        const { value } = heard.quantity;
        return value === null || !holds.quantities.includes(value);
      }
    }
  });
}
