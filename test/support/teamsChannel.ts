// A fake Teams channel over HTTP for tests that drive real bot servers (in-process or `node dist/src/index.js`): a
// conversation sends activities the way Teams does (serviceUrl = the loopback fake connector of the instance it is
// routed to, card clicks as Action.Execute invokes or Action.Submit messages, inputs as strings, replyToId = the
// card's message id), and reads back what the user would see: the invoke response plus what that instance posted to
// its connector for this conversation during the turn.
import type { FakeConnector, SentActivity } from './fakeConnector.js';

export type JsonObject = { [key: string]: unknown };

/** One bot instance as a load balancer sees it: where to POST, and the connector its replies go to. */
export interface Instance {
  readonly name: string;
  readonly base: string;
  readonly connector: FakeConnector;
  readonly serviceUrl: string;
}

export interface Turn {
  readonly status: number;
  readonly json: unknown;
  /** Messages and updates this instance posted to its connector for this conversation during the turn. */
  readonly sent: SentActivity[];
  /** Every string the user can see (invoke response and posted activities), joined. */
  readonly text: string;
  /** The activity that was sent. */
  readonly activity: JsonObject;
}

export interface CardRef {
  /** The message id of the card (what replyToId names on a click). */
  readonly id: string;
  readonly card: JsonObject;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, visit: (o: JsonObject) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (isObject(value)) {
    visit(value);
    Object.values(value).forEach((v) => walk(v, visit));
  }
}

/** Every string value inside a JSON value, joined with ' | '. */
export function allText(value: unknown): string {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isObject(v)) Object.values(v).forEach(collect);
  };
  collect(value);
  return out.join(' | ');
}

/** The data an action with this verb sends (Action.Execute first, else its Action.Submit fallback). */
export function actionData(card: JsonObject, verb: string): JsonObject | undefined {
  let found: JsonObject | undefined;
  walk(card, (o) => {
    if (found) return;
    if ((o.type === 'Action.Execute' && o.verb === verb) || (o.type === 'Action.Submit' && isObject(o.data) && o.data.verb === verb)) {
      found = isObject(o.data) ? o.data : {};
    }
  });
  return found;
}

/** The adaptive card of a posted activity, if any. */
export function cardOf(activity: SentActivity): JsonObject | undefined {
  const attachments = activity.body.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first: unknown = attachments[0];
  return isObject(first) && isObject(first.content) ? first.content : undefined;
}

/** Order numbers (ORD-XXXX-XXXX-XXXX) in a text, deduplicated, in order. */
export function orderNumbersIn(text: string): string[] {
  return [...new Set(text.match(/ORD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/g) ?? [])];
}

export interface ConversationOptions {
  readonly id: string;
  readonly tenantId: string;
  /** The user's Entra object id (aadObjectId). */
  readonly userId: string;
  readonly userName?: string;
  readonly locale?: string;
}

/** One Teams conversation (personal chat) of one user; activity ids are unique per conversation. */
export class Conversation {
  private counter = 0;

  constructor(readonly options: ConversationOptions) {}

  get id(): string {
    return this.options.id;
  }

  /** A Teams-like activity for this conversation, addressed to `instance`. */
  activity(instance: Instance, fields: JsonObject): JsonObject {
    this.counter += 1;
    const { id, tenantId, userId, userName, locale } = this.options;
    return {
      id: `${id}-act-${this.counter}`, channelId: 'msteams', serviceUrl: instance.serviceUrl, locale: locale ?? 'en-US',
      timestamp: new Date().toISOString(),
      from: { id: `29:${userId}`, name: userName ?? 'Megan Bowen', aadObjectId: userId },
      recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
      conversation: { id, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      ...fields,
    };
  }

  /** Sends an activity to one instance and returns what the user sees because of it. */
  async send(instance: Instance, fields: JsonObject): Promise<Turn> {
    const activity = this.activity(instance, fields);
    const before = instance.connector.sent.length;
    const res = await fetch(`${instance.base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity),
    });
    const raw = await res.text();
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) as unknown : undefined;
    } catch {
      json = raw;
    }
    const sent = instance.connector.sent.slice(before)
      .filter((a) => a.conversationId === this.id && (a.body.type === 'message' || a.method === 'PUT'));
    return { status: res.status, json, sent, text: [allText(json), ...sent.map((a) => allText(a.body))].join(' | '), activity };
  }

  say(instance: Instance, text: string): Promise<Turn> {
    return this.send(instance, { type: 'message', text });
  }

  /** Clicks `verb` on `card` with these inputs: an Action.Execute invoke, or the Action.Submit fallback (a message). */
  click(instance: Instance, card: CardRef, verb: string, inputs: JsonObject = {}, via: 'execute' | 'submit' = 'execute', activityId?: string): Promise<Turn> {
    const data = actionData(card.card, verb);
    if (!data) throw new Error(`card ${card.id} has no ${verb} action: ${allText(card.card)}`);
    const payload = { ...data, ...inputs };
    const extra = activityId ? { id: activityId } : {};
    if (via === 'submit') return this.send(instance, { type: 'message', replyToId: card.id, value: payload, ...extra });
    return this.send(instance, {
      type: 'invoke', name: 'adaptiveCard/action', replyToId: card.id, ...extra,
      value: { action: { type: 'Action.Execute', verb, data: payload }, trigger: 'manual' },
    });
  }
}

/**
 * The latest card of a turn that has an action with this verb: from the invoke response (it replaces the clicked
 * card, so its id is the clicked card's) or from what was posted or updated.
 */
export function cardWith(turn: Turn, verb: string): CardRef {
  const candidates: CardRef[] = [];
  const replyTo = typeof turn.activity.replyToId === 'string' ? turn.activity.replyToId : undefined;
  for (const a of turn.sent) {
    const card = cardOf(a);
    if (card) candidates.push({ id: a.id, card });
  }
  if (isObject(turn.json) && isObject(turn.json.value) && replyTo) candidates.push({ id: replyTo, card: turn.json.value });
  const found = [...candidates].reverse().find((c) => actionData(c.card, verb));
  if (!found) throw new Error(`no card with ${verb} in the answer (status ${turn.status}): ${turn.text.slice(0, 2000)}`);
  return found;
}

/**
 * A card the bot posted (POST, e.g. a proactive approval card) in a conversation, among what these connectors received
 * since `from` (one start index per connector, else from the beginning), that has an action with this verb whose data
 * matches `data` (every given field equal); the first such card, or undefined.
 */
export function postedCard(
  connectors: readonly FakeConnector[], conversationId: string, verb: string, data: JsonObject = {}, from: readonly number[] = [],
): CardRef | undefined {
  for (const [i, connector] of connectors.entries()) {
    for (const a of connector.sent.slice(from[i] ?? 0)) {
      if (a.method !== 'POST' || a.conversationId !== conversationId) continue;
      const card = cardOf(a);
      const found = card ? actionData(card, verb) : undefined;
      if (card && found && Object.entries(data).every(([k, v]) => found[k] === v)) return { id: a.id, card };
    }
  }
  return undefined;
}
