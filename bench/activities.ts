// The activities the benchmark sends, shaped like Teams sends them (personal chat, tenant in conversation and
// channelData, the user's Entra object id), and the buy-flow cycle each load connection plays in its conversation.
import type { LoopbackConnector } from './loopbackConnector.js';

export interface Party {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly conversationId: string;
  /** The user's Entra object id (local mode makes every new user a global admin of the demo tenant). */
  readonly userId: string;
}

let sequence = 0;

/** A fresh activity id: every POST is a new activity unless a test resends one on purpose. */
export function nextActivityId(prefix = 'bench'): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}`;
}

export function activity(party: Party, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: nextActivityId(),
    channelId: 'msteams',
    serviceUrl: party.serviceUrl,
    locale: 'en-US',
    localTimezone: 'UTC',
    timestamp: new Date().toISOString(),
    from: { id: `29:${party.userId}`, name: 'Bench Admin', aadObjectId: party.userId },
    recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
    conversation: { id: party.conversationId, conversationType: 'personal', tenantId: party.tenantId },
    channelData: { tenant: { id: party.tenantId } },
    ...fields,
  };
}

export function says(party: Party, text: string): Record<string, unknown> {
  return activity(party, { type: 'message', text });
}

/** An Action.Submit click: a message whose value is the action's data plus the card's inputs, replyToId the card. */
export function clicks(party: Party, cardId: string | undefined, data: Record<string, unknown>): Record<string, unknown> {
  return activity(party, { type: 'message', ...(cardId ? { replyToId: cardId } : {}), value: data });
}

/** An Action.Execute click: the adaptiveCard/action invoke Teams sends for universal actions. */
export function executes(party: Party, cardId: string | undefined, verb: string, data: Record<string, unknown>): Record<string, unknown> {
  return activity(party, {
    type: 'invoke', name: 'adaptiveCard/action', ...(cardId ? { replyToId: cardId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

/**
 * One turn of the load cycle: the activity to send (built when it is sent, from what the connector received so
 * far) and the card action the bot's answer must offer (undefined: any message will do).
 */
export interface CycleTurn {
  readonly label: string;
  build(party: Party, connector: LoopbackConnector): Record<string, unknown>;
  readonly expectVerb: string | undefined;
}

/**
 * The real bot's load: the buy flow as an admin walks it in Teams, four turns, every one a state load and save:
 *  1. types "buy storage add-on": recognition (buy, add-on), the flow begins, eligible subscriptions are read, the
 *     choice card is expanded and posted;
 *  2. clicks Office 365 E3 on that card: our cards' buttons are Action.Execute, which Teams sends as an
 *     adaptiveCard/action invoke (with the card's flowId, read from the card the connector received): the payload
 *     is validated, the clicked card is replaced by an expanded notice card (in the invoke response), the details
 *     card is expanded and posted;
 *  3. types "50 GB, yearly": recognition (quantity, frequency), the domain prices and saves a quote (a ledger
 *     commit), the checkout card is expanded and posted;
 *  4. types "cancel": recognition, the flow ends, "canceled" is posted.
 */
export const BUY_CYCLE: readonly CycleTurn[] = [
  { label: 'buy storage add-on', build: (p) => says(p, 'buy storage add-on'), expectVerb: 'buy.chooseSubscription' },
  {
    label: 'click Office 365 E3',
    build: (p, connector) => {
      const record = connector.record(p.conversationId);
      const data = record?.actions.get('buy.chooseSubscription') ?? { verb: 'buy.chooseSubscription' };
      return executes(p, record?.cardId, 'buy.chooseSubscription', { ...data, choice: 'sub-e3' });
    },
    expectVerb: 'buy.details',
  },
  { label: '50 GB, yearly', build: (p) => says(p, '50 GB, yearly'), expectVerb: 'buy.placeOrder' },
  { label: 'cancel', build: (p) => says(p, 'cancel'), expectVerb: undefined },
];

/**
 * The echo bot's load: the same four turns as messages (a bare ActivityHandler answers an invoke 501 without a
 * reply, which would flatter it), each answered with its text.
 */
export const ECHO_CYCLE: readonly CycleTurn[] = BUY_CYCLE.map((turn, i) => (i === 1
  ? { label: turn.label, build: (p) => says(p, 'Office 365 E3'), expectVerb: undefined }
  : { ...turn, expectVerb: undefined }));

/**
 * The Azure section's cycle, one turn at a time per conversation: the buy flow to checkout (as BUY_CYCLE), then
 *  4. clicks Place order on the checkout card (an adaptiveCard/action invoke with the card's quote and a payment
 *     method): the order is committed in the ledger, the confirmation is posted;
 *  5. types "my add-ons": the tenant's subscriptions and their add-ons;
 *  6. types "my orders": the tenant's orders, newest first.
 */
export const AZURE_CYCLE: readonly CycleTurn[] = [
  ...BUY_CYCLE.slice(0, 3),
  {
    label: 'Place order',
    build: (p, connector) => {
      const record = connector.record(p.conversationId);
      const data = record?.actions.get('buy.placeOrder') ?? { verb: 'buy.placeOrder' };
      return executes(p, record?.cardId, 'buy.placeOrder', { ...data, paymentMethodId: 'pm-visa-4242' });
    },
    expectVerb: undefined,
  },
  { label: 'my add-ons', build: (p) => says(p, 'my add-ons'), expectVerb: undefined },
  { label: 'my orders', build: (p) => says(p, 'my orders'), expectVerb: undefined },
];
