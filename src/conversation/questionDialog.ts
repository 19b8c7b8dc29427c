// One question of a flow, answered by a card (Action.Submit message or Action.Execute invoke) or by typing.
// botbuilder's prompts and waterfalls ignore invoke activities, so card questions wait here instead. The owning
// dialog supplies, as bound methods, how to ask (render and send the card) and how to read an answer (the
// validating step: zod on the payload, the domain on the ids). Only the question's small options live in state.
import type { TurnContext } from 'botbuilder';
import { Dialog } from './dialogKit.js';
import type { DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { z } from 'zod';
import { readCardAction } from './verbs.js';

export type Reading<O, T> =
  /** A valid answer: the question ends and returns it to the flow. */
  | { readonly kind: 'answer'; readonly value: T }
  /** Not an answer (the reader already told the user why); keep waiting, optionally with updated options. */
  | { readonly kind: 'again'; readonly options?: O };

export interface Question<O, T> {
  /** Schema of the question's options, to read them back from dialog state. */
  readonly options: z.ZodType<O>;
  ask(context: TurnContext, options: O): Promise<void>;
  read(context: TurnContext, options: O): Promise<Reading<O, T>>;
}

interface QuestionState<O> {
  options: O;
}

export class QuestionDialog<O extends object, T> extends Dialog<O> {
  constructor(dialogId: string, private readonly question: Question<O, T>) {
    super(dialogId);
  }

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    const checked = this.question.options.parse(options);
    this.save(dc.activeDialog, checked);
    await this.question.ask(dc.context, checked);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    // An answer is a click on one of our card actions, or typed text; anything else (a refresh invoke, an empty
    // message, a reaction) leaves the question open.
    const typed = context.activity.type === 'message' && typeof context.activity.text === 'string' && context.activity.text.trim() !== '';
    if (!typed && readCardAction(context.activity) === undefined) return Dialog.EndOfTurn;
    const reading = await this.question.read(context, this.optionsOf(dc.activeDialog));
    if (reading.kind === 'answer') return dc.endDialog(reading.value);
    if (reading.options) this.save(dc.activeDialog, this.question.options.parse(reading.options));
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance): Promise<void> {
    await this.question.ask(context, this.optionsOf(instance));
  }

  private save(instance: DialogInstance | undefined, options: O): void {
    if (!instance) throw new Error(`${this.id}: no active dialog instance`);
    const state: QuestionState<O> = { options };
    instance.state = state;
  }

  private optionsOf(instance: DialogInstance | undefined): O {
    const state: unknown = instance?.state;
    const raw = typeof state === 'object' && state !== null ? (state as Partial<QuestionState<unknown>>).options : undefined;
    return this.question.options.parse(raw);
  }
}
