// What one turn carries between the bot, the dialogs and the turn log: the user's language, the intent and outcome
// codes for the log line, and the card that replaces the one the user clicked. Kept in the TurnContext's own
// turnState (per turn, never persisted, no module-level state).
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCardAttachment } from '../cards/render.js';
import type { Language } from '../domain/ids.js';
import { languageOf } from './language.js';

const TURN_KEY = Symbol('addonAssistant.turn');

export interface TurnRecord {
  language: Language | undefined;
  /** The recognized intent or card verb: logged, never the text. */
  intent: string;
  /** A stable code for the log: 'asked', 'order_placed', 'canceled', 'error:not_found'… */
  outcome: string;
  /** For an Action.Execute invoke: the card its response carries (it replaces the clicked card). */
  replacement: AdaptiveCardAttachment | undefined;
  /** The last text the bot said this turn: an invoke with no card to show answers with it. */
  lastText: string | undefined;
  /** Set when the admin wrote in the other language and the conversation switched to it this turn. */
  followedLanguage?: Language;
}

export function turnOf(context: TurnContext): TurnRecord {
  const existing: unknown = context.turnState.get(TURN_KEY);
  if (existing !== undefined) return existing as TurnRecord;
  const record: TurnRecord = { language: undefined, intent: 'none', outcome: 'ok', replacement: undefined, lastText: undefined };
  context.turnState.set(TURN_KEY, record);
  return record;
}

export function setLanguage(context: TurnContext, language: Language): void {
  turnOf(context).language = language;
}

/** The language resolved for this turn (stored preference, else locale, else clientInfo, else English). */
export function languageIn(context: TurnContext): Language {
  return turnOf(context).language ?? languageOf(context.activity, undefined);
}

export function noteIntent(context: TurnContext, intent: string): void {
  turnOf(context).intent = intent;
}

export function noteOutcome(context: TurnContext, outcome: string): void {
  turnOf(context).outcome = outcome;
}

export function isCardInvoke(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/**
 * Replaces the card the user clicked: for an Action.Execute invoke, the invoke response carries the card; for an
 * Action.Submit message, the card's activity (replyToId) is updated in place; otherwise the card is sent.
 */
export async function replaceClickedCard(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
  if (isCardInvoke(context)) {
    turnOf(context).replacement = card;
    return;
  }
  const cardActivityId = context.activity.replyToId;
  if (context.activity.type === 'message' && cardActivityId) {
    try {
      await context.updateActivity({ id: cardActivityId, type: ActivityTypes.Message, attachments: [card] });
      return;
    } catch {
      // The channel refused the update (old message, unsupported): show the card as a new message instead.
    }
  }
  await context.sendActivity({ type: ActivityTypes.Message, attachments: [card] });
}

/** The card an Action.Execute invoke answers with, if a dialog chose one this turn. */
export function replacementCard(context: TurnContext): AdaptiveCardAttachment | undefined {
  return turnOf(context).replacement;
}
