// What every question of every flow does with a reply it cannot take: refuse it (say why, show the card again),
// answer a click on an older card, and read "2" as the second option or a zod failure as the field at fault.
import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { AdaptiveCardAttachment } from '../cards/render.js';
import type { BotMessageKey } from '../i18n/botMessages.js';
import { say, sendText, type DialogDeps } from '../turn/dialogDeps.js';
import { isCardInvoke, noteOutcome, replaceClickedCard } from '../turn/turnState.js';
import type { Reading } from './questionDialog.js';
import { answerStaleCard } from './staleCards.js';
import type { CardAction } from './verbs.js';

/** The message for a refused payload: the first field at fault, else "this card's data isn't valid". */
export function problemOf(error: z.ZodError, byField: Readonly<Record<string, BotMessageKey>>): BotMessageKey {
  if (error.issues.some((i) => i.code === 'unrecognized_keys')) return 'invalidCard';
  for (const issue of error.issues) {
    const key = byField[String(issue.path[0] ?? '')];
    if (key) return key;
  }
  return 'invalidCard';
}

/** "2" picks the second option shown. */
export function ordinalOf(text: string): number | undefined {
  const match = /^\s*#?(\d{1,3})\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

export async function send(context: TurnContext, card: AdaptiveCardAttachment): Promise<void> {
  await context.sendActivity({ type: 'message', attachments: [card] });
}

/** A click on a card of an earlier step of this flow. */
export async function stale<O, T>(deps: DialogDeps, context: TurnContext, action: CardAction): Promise<Reading<O, T>> {
  await answerStaleCard(deps, context, action);
  return { kind: 'again' };
}

export function refuse<Q, T>(
  deps: DialogDeps, context: TurnContext, question: Q, render: (q: Q) => Promise<AdaptiveCardAttachment>, key: BotMessageKey,
  params: Readonly<Record<string, string | number>> = {},
): Promise<Reading<Q, T>> {
  noteOutcome(context, 'invalid_input');
  return refuseWith(context, question, render, say(deps, context, key, params));
}

/** Not an answer: say why; after an Action.Execute the clicked card comes back fresh (Teams replaces it). */
export async function refuseWith<Q, T>(
  context: TurnContext, question: Q, render: (q: Q) => Promise<AdaptiveCardAttachment>, message: string,
): Promise<Reading<Q, T>> {
  await sendText(context, message);
  if (isCardInvoke(context)) await replaceClickedCard(context, await render(question));
  return { kind: 'again', options: question };
}
