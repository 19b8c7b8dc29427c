// What every dialog needs, and the few reply helpers they share (translated text, cards, the caller).
import { ActivityTypes, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogContextError } from 'botbuilder-dialogs/lib/dialogContextError.js';
import type { BotServices } from './services.js';
import { callerOf } from './turnIdentity.js';
import { languageIn, noteOutcome, setLanguage, turnOf } from './turnState.js';
import type { CardDataMap, CardName } from '../cards/cardData.js';
import type { CardRenderer } from '../cards/render.js';
import type { Caller } from '../domain/billingService.js';
import { DomainError } from '../domain/errors.js';
import type { Language } from '../domain/ids.js';
import { BOT_TEXTS, type BotMessageBare, type BotMessageKey, type BotMessageParams } from '../i18n/botMessages.js';
import { describeError } from '../i18n/index.js';
import { textOfKey } from '../i18n/text.js';

export interface DialogDeps {
  readonly services: BotServices;
  readonly cards: CardRenderer;
  /** The user's stored language preference (UserState), set by "English" / "français". */
  readonly languagePreference: StatePropertyAccessor<Language | undefined>;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** The parameters of a bot line, then optionally the language (else the turn's); a line without placeholders needs none. */
export type SayArgs<K extends BotMessageKey> = true extends BotMessageBare<K>
  ? [params?: MessageParams, language?: Language]
  : [params: BotMessageParams<K>, language?: Language];

/** A bot message in the turn's language. */
export function say<K extends BotMessageKey>(_deps: DialogDeps, context: TurnContext, key: K, ...args: SayArgs<K>): string {
  const [params, language] = args;
  return textOfKey(BOT_TEXTS, language ?? languageIn(context), key, params ?? {});
}

export async function sendText(context: TurnContext, text: string): Promise<void> {
  turnOf(context).lastText = text;
  await context.sendActivity(MessageFactory.text(text));
}

export async function sendSay<K extends BotMessageKey>(deps: DialogDeps, context: TurnContext, key: K, ...args: SayArgs<K>): Promise<void> {
  await sendText(context, say(deps, context, key, ...args));
}

export async function sendCard<K extends CardName>(deps: DialogDeps, context: TurnContext, name: K, data: CardDataMap[K]): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, attachments: [deps.cards.render(name, data)] });
}

/** A domain failure, told plainly in the user's language; its code goes to the turn log. */
export async function sendDomainError(deps: DialogDeps, context: TurnContext, error: DomainError): Promise<void> {
  noteOutcome(context, `error:${error.code}`);
  await sendText(context, describeError(error, languageIn(context)));
}

/** Who is asking, from the activity only; no tenant means we cannot serve this conversation. */
export function callerIn(context: TurnContext): Caller {
  const caller = callerOf(context.activity);
  if (!caller) throw new DomainError('unknown_tenant');
  return caller;
}

/** "English" / "français": stores the preference and confirms in the new language. */
export async function switchLanguage(deps: DialogDeps, context: TurnContext, target: Language): Promise<void> {
  await deps.languagePreference.set(context, target);
  setLanguage(context, target);
  noteOutcome(context, `language:${target}`);
  await sendSay(deps, context, 'languageSet');
}

/** botbuilder-dialogs wraps what a step throws in a DialogContextError (which carries the dialog stack): the cause. */
export function causeOf(error: unknown): unknown {
  let current: unknown = error;
  while (current instanceof DialogContextError) current = current.error;
  return current;
}
