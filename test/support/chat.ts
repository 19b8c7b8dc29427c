// A fake Teams client for dialog tests: the real AddonAssistantBot (real BillingService over MemoryLedgerStore,
// FakeClock, SequentialIds, the demo tenant) behind botbuilder's TestAdapter. A chat types text and clicks card
// actions the way Teams and the Playground do (Action.Execute invokes or Action.Submit messages, inputs as strings,
// replyToId = the card's message id), and reads what the user would see as lines of text.
import assert from 'node:assert/strict';
import {
  ConversationState, MemoryStorage, TestAdapter, UserState, type Activity, type ConversationReference, type ResourceResponse, type TurnContext,
} from 'botbuilder';
import { AddonAssistantBot, onTurnError, languagePreferenceOf } from '../../src/bot/addonAssistantBot.js';
import type { ApprovalServices, BotServices } from '../../src/turn/services.js';
import { CardRenderer } from '../../src/cards/render.js';
import type { Verb } from '../../src/conversation/verbs.js';
import { MainDialog } from '../../src/flows/router.js';
import type { BillingService } from '../../src/domain/billingService.js';
import { DEMO_USERS } from '../../src/domain/useCases/tenants.js';
import { createLogger } from '../../src/logging.js';
import type { FakeClock } from './fakeClock.js';
import { isObject, walk, type Json, type JsonObject } from './json.js';

export type { Json, JsonObject } from './json.js';

/** The card data of an attachment list (the first adaptive card). */
function cardIn(attachments: unknown): JsonObject | undefined {
  if (!Array.isArray(attachments)) return undefined;
  for (const a of attachments as unknown[]) {
    if (isObject(a) && a.contentType === 'application/vnd.microsoft.card.adaptive' && isObject(a.content)) return a.content;
  }
  return undefined;
}

/** "Title — subtitle": the first two text blocks of a card. */
export function headline(card: JsonObject): string {
  const texts: string[] = [];
  for (const o of walk(card.body)) {
    if (o.type === 'TextBlock' && typeof o.text === 'string' && o.text !== '') texts.push(o.text);
  }
  return texts.slice(0, 2).join(' — ');
}

/** Every string a user can read on a card: texts, fact titles and values, choice titles, action titles. */
export function cardText(card: JsonObject): string {
  const out: string[] = [];
  for (const o of walk(card)) {
    for (const key of ['text', 'title', 'value', 'label']) {
      const v = o[key];
      if (typeof v === 'string') out.push(v);
    }
  }
  return out.join(' | ');
}

/** The data an action with this verb sends (Action.Execute first, else its Action.Submit fallback). */
export function actionData(card: JsonObject, verb: Verb): JsonObject | undefined {
  for (const o of walk(card)) {
    if ((o.type === 'Action.Execute' && o.verb === verb) || (o.type === 'Action.Submit' && isObject(o.data) && o.data.verb === verb)) {
      return isObject(o.data) ? o.data : {};
    }
  }
  return undefined;
}

/** The value of an input on a card (e.g. the preselected payment method). */
export function inputValue(card: JsonObject, id: string): Json | undefined {
  for (const o of walk(card)) {
    if (o.id === id && o.value !== undefined) return o.value;
  }
  return undefined;
}

/** Updates are recorded in the reply queue, in order, as 'messageUpdate' activities. */
class RecordingAdapter extends TestAdapter {
  override updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.activeQueue.push({ ...activity, type: 'messageUpdate' });
    return Promise.resolve({ id: activity.id ?? '' });
  }
}

/** Optional services: the approval loop, built on the rig's storage and logger (test/support/approvalChats.ts). */
export interface RigExtras {
  readonly approvals?: (storage: MemoryStorage, logger: BotServices['logger']) => ApprovalServices;
}

export interface Rig {
  readonly world: { readonly clock: FakeClock; readonly service: BillingService };
  readonly services: BotServices;
  readonly storage: MemoryStorage;
  /** The storage's raw JSON by key, to measure and search what is persisted. */
  readonly memory: Record<string, string>;
  readonly bot: AddonAssistantBot;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** Every log line, parsed. */
  readonly logs: JsonObject[];
  /** Every log line as written. */
  readonly rawLogs: string[];
}

export function rig(world: { readonly clock: FakeClock; readonly service: BillingService }, extras: RigExtras = {}): Rig {
  const memory: Record<string, string> = {};
  const storage = new MemoryStorage(memory);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const logs: JsonObject[] = [];
  const rawLogs: string[] = [];
  const logger = createLogger('info', {
    write(line: string) {
      rawLogs.push(line);
      const parsed: unknown = JSON.parse(line);
      if (isObject(parsed)) logs.push(parsed);
    },
  });
  const approvals = extras.approvals?.(storage, logger);
  const services: BotServices = { billing: world.service, clock: world.clock, logger, ...(approvals ? { approvals } : {}) };
  const mainDialog = new MainDialog(services, CardRenderer.load(), languagePreferenceOf(userState));
  const bot = new AddonAssistantBot(services, conversationState, userState, mainDialog);
  return { world, services, storage, memory, bot, conversationState, userState, logs, rawLogs };
}

export interface Reply {
  /** What the user sees, in order: texts; "card: …", "updated: …", "invoke card: …", "invoke message: …". */
  readonly lines: string[];
  /** Cards sent or updated this turn (latest version), by message id. */
  readonly cards: ReadonlyArray<{ readonly id: string; readonly card: JsonObject }>;
  readonly invoke?: { readonly status: number; readonly body: JsonObject };
}

export interface ChatOptions {
  readonly tenantId: string;
  readonly user?: keyof typeof DEMO_USERS;
  readonly userId?: string;
  readonly locale?: string;
  readonly conversationId?: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Unset: Teams-like activities with the Entra object id. */
  readonly withoutTenant?: boolean;
}

export interface ClickOptions {
  /** 'execute' (Teams universal actions, default) or 'submit' (the Action.Submit fallback). */
  readonly via?: 'execute' | 'submit';
  /** The message id of the card to click; default: the latest card that has this verb. */
  readonly card?: string;
  /** Fields added to the payload (a tampering client). */
  readonly extra?: Readonly<Record<string, Json>>;
  /** Fields removed from the payload. */
  readonly omit?: readonly string[];
  /** Reuse this activity id (a redelivery keeps or changes it). */
  readonly activityId?: string;
  /** An Action.Execute's trigger: 'manual' (a click, default) or 'automatic' (a refresh). */
  readonly trigger?: 'manual' | 'automatic';
}

export class Chat {
  readonly adapter: RecordingAdapter;
  /** Every card the bot showed, by message id, in its latest version. */
  readonly shown = new Map<string, JsonObject>();
  private readonly order: string[] = [];
  private sequence = 0;
  readonly userId: string;

  constructor(readonly rig: Rig, private readonly options: ChatOptions) {
    this.userId = options.userId ?? DEMO_USERS[options.user ?? 'megan'];
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example.test/',
      conversation: {
        id: options.conversationId ?? `conv-${this.userId}`, isGroup: options.conversationType === 'groupChat' || options.conversationType === 'channel',
        conversationType: options.conversationType ?? 'personal', name: 'chat', tenantId: options.withoutTenant ? undefined : options.tenantId,
      },
      user: { id: `29:${this.userId}`, name: 'User', aadObjectId: this.userId },
      bot: { id: '28:addon-assistant', name: 'Add-on Assistant' },
      locale: options.locale ?? 'en-US',
    };
    this.adapter = new RecordingAdapter(reference as ConversationReference);
  }

  /** Lets the adapter's onTurnError run (as the composition root wires it), instead of failing the test. */
  withTurnErrorHandler(): this {
    this.adapter.onTurnError = onTurnError(this.rig.services, this.rig.conversationState, this.rig.userState);
    return this;
  }

  private base(): Partial<Activity> {
    this.sequence += 1;
    return {
      id: `act-${this.sequence}`,
      channelId: 'msteams',
      locale: this.options.locale ?? 'en-US',
      from: { id: `29:${this.userId}`, name: 'User', aadObjectId: this.userId },
      recipient: { id: '28:addon-assistant', name: 'Add-on Assistant' },
    };
  }

  async say(text: string, extra: Partial<Activity> = {}): Promise<Reply> {
    return this.send({ ...this.base(), type: 'message', text, ...extra });
  }

  /** Sends any activity (installationUpdate, conversationUpdate…) from this user in this conversation. */
  async send(activity: Partial<Activity>): Promise<Reply> {
    const full: Partial<Activity> = { ...this.base(), ...activity };
    await this.adapter.processActivity(full, (context) => this.rig.bot.run(context));
    return this.collect(full);
  }

  /** The message id of the latest card that has an action with this verb. */
  cardWith(verb: Verb): string {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i] ?? '';
      const card = this.shown.get(id);
      if (card && actionData(card, verb)) return id;
    }
    assert.fail(`no card with a ${verb} action was shown`);
  }

  /** Lines the bot posted in this chat outside its turns (proactive cards, updates, messages), in order. */
  readonly inbox: string[] = [];

  /** The conversation id of this chat. */
  get conversationId(): string {
    return this.options.conversationId ?? `conv-${this.userId}`;
  }

  /** A message the bot posted here outside a turn of this chat: a card (new or replacing message `id`) or a text. */
  receive(id: string, posted: { readonly card?: JsonObject; readonly text?: string; readonly update?: boolean }): void {
    if (posted.text) this.inbox.push(posted.text);
    if (!posted.card) return;
    this.inbox.push(`${posted.update ? 'updated' : 'card'}: ${headline(posted.card)}`);
    this.remember(id, posted.card, []);
  }

  card(id: string): JsonObject {
    const card = this.shown.get(id);
    assert.ok(card, `no card ${id}`);
    return card;
  }

  /** Clicks the action with this verb, filling the card's inputs with `inputs` (strings, as clients send them). */
  async click(verb: Verb, inputs: Readonly<Record<string, string>> = {}, options: ClickOptions = {}): Promise<Reply> {
    const cardId = options.card ?? this.cardWith(verb);
    const data = actionData(this.card(cardId), verb);
    assert.ok(data, `card ${cardId} has no ${verb} action`);
    const payload: JsonObject = { ...data, ...inputs, ...(options.extra ?? {}) };
    for (const key of options.omit ?? []) delete payload[key];
    const base = { ...this.base(), ...(options.activityId ? { id: options.activityId } : {}), replyToId: cardId };
    if ((options.via ?? 'execute') === 'submit') return this.send({ ...base, type: 'message', value: payload });
    return this.send({
      ...base, type: 'invoke', name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: typeof payload.verb === 'string' ? payload.verb : verb, data: payload }, trigger: options.trigger ?? 'manual' },
    });
  }

  private collect(request: Partial<Activity>): Reply {
    const lines: string[] = [];
    const cards: Array<{ id: string; card: JsonObject }> = [];
    let invoke: Reply['invoke'];
    for (let a = this.adapter.getNextReply(); a !== undefined; a = this.adapter.getNextReply()) {
      if (a.type === 'typing') continue;
      if (a.type === 'invokeResponse') {
        const value: unknown = a.value;
        assert.ok(isObject(value) && typeof value.status === 'number', 'invoke response');
        const body = isObject(value.body) ? value.body : {};
        invoke = { status: value.status, body };
        if (body.type === 'application/vnd.microsoft.card.adaptive' && isObject(body.value)) {
          lines.push(`invoke card: ${headline(body.value)}`);
          if (request.replyToId) this.remember(request.replyToId, body.value, cards);
        } else if (typeof body.value === 'string') {
          lines.push(`invoke message: ${body.value}`);
        }
        continue;
      }
      const card = cardIn(a.attachments);
      if (a.type === 'messageUpdate') {
        assert.ok(card && a.id, 'an update carries a card and the id of the message it replaces');
        lines.push(`updated: ${headline(card)}`);
        this.remember(a.id, card, cards);
        continue;
      }
      if (typeof a.text === 'string' && a.text !== '') lines.push(a.text);
      if (card) {
        lines.push(`card: ${headline(card)}`);
        this.remember(a.id ?? `unknown-${this.order.length}`, card, cards);
      }
    }
    return { lines, cards, invoke };
  }

  private remember(id: string, card: JsonObject, cards: Array<{ id: string; card: JsonObject }>): void {
    if (!this.shown.has(id)) this.order.push(id);
    this.shown.set(id, card);
    cards.push({ id, card });
  }

  /** The conversation's persisted state (JSON), as the bot saved it. */
  conversationStateJson(): string {
    const id = this.options.conversationId ?? `conv-${this.userId}`;
    return this.rig.memory[`msteams/conversations/${id}/`] ?? '';
  }

  /** Ids of the dialogs on the persisted stack, outermost first. */
  dialogStack(): string[] {
    const raw = this.conversationStateJson();
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    const state = isObject(parsed) && isObject(parsed.dialogState) ? parsed.dialogState : undefined;
    const stack = state && Array.isArray(state.dialogStack) ? state.dialogStack : [];
    return stack.map((i) => (isObject(i) && typeof i.id === 'string' ? i.id : '?'));
  }
}

/** Every fragment appears in the reply's lines, in this order (several fragments may sit in one line). */
export function expectLines(reply: Reply, fragments: readonly string[], what = ''): void {
  let at = 0;
  for (const fragment of fragments) {
    const index = reply.lines.findIndex((line, i) => i >= at && line.includes(fragment));
    assert.ok(index >= 0, `${what}expected "${fragment}" in order in:\n  ${reply.lines.join('\n  ')}`);
    at = index;
  }
}

/** One row of a conversation table: what the user does, and fragments of what the bot answers, in order. */
export type Turn = readonly [label: string, act: (chat: Chat) => Promise<Reply>, answers: readonly string[]];

export const says = (text: string): Turn[1] => (chat) => chat.say(text);
export const clicks = (verb: Verb, inputs: Readonly<Record<string, string>> = {}, options: ClickOptions = {}): Turn[1] =>
  (chat) => chat.click(verb, inputs, options);

/** Plays a conversation table, checking each answer; returns the replies. */
export async function play(chat: Chat, turns: readonly Turn[]): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const [label, act, answers] of turns) {
    const reply = await act(chat);
    expectLines(reply, answers, `[${label}] `);
    replies.push(reply);
  }
  return replies;
}
