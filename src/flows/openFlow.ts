// The open flow, read from the persisted dialog stack: which flow waits at which question, with what it holds. The
// router decides what a message or a click means from it, before any dialog continues. The layout is MainDialog →
// [MAIN_WATERFALL, <flow>] → the flow's own stack → [<waterfall>{values.flow}, <question>{options}].
import type { DialogState } from 'botbuilder-dialogs';
import { z } from 'zod';
import {
  BUY_ADDON_DIALOG, BUY_WATERFALL, CHANGE_QUANTITY_DIALOG, CHANGE_QUANTITY_WATERFALL, MAIN_DIALOG, RECURRING_BILLING_DIALOG,
  RECURRING_BILLING_WATERFALL, REMOVE_ADDON_DIALOG, REMOVE_ADDON_WATERFALL,
} from '../conversation/dialogIds.js';
import { questionNameOf, type QuestionAt } from '../conversation/newRequestWins.js';
import type { ManagePurpose } from '../conversation/tenantSubscriptions.js';
import { ADDON_IDS, type AddonId } from '../domain/ids.js';
import { BuyFlowT, type BuySlots } from './buy/state.js';

const MANAGE_DIALOG_IDS = [CHANGE_QUANTITY_DIALOG, REMOVE_ADDON_DIALOG, RECURRING_BILLING_DIALOG] as const;
type ManageDialogId = (typeof MANAGE_DIALOG_IDS)[number];

function isManageDialogId(id: string): id is ManageDialogId {
  return (MANAGE_DIALOG_IDS as readonly string[]).includes(id);
}

/** A flow the user left for a new request, kept small: the slots to start it again with, under a fresh flowId. */
export const HeldFlowT = z.discriminatedUnion('flow', [
  z.object({ flow: z.literal('buy'), slots: z.object({
    addonId: z.enum(ADDON_IDS).optional(), planId: BuyFlowT.shape.given.shape.planId, quantity: z.number().optional(),
    frequency: BuyFlowT.shape.frequency,
  }) }),
  z.object({
    flow: z.literal('manage'), dialogId: z.enum(MANAGE_DIALOG_IDS),
    addonId: z.enum(ADDON_IDS), subscriptionId: z.string().min(1).max(128), turnOn: z.boolean().optional(),
  }),
]);
export type HeldFlow = z.infer<typeof HeldFlowT>;

export interface OpenFlow {
  readonly flow: 'buy' | 'manage';
  readonly flowId: string;
  readonly at: QuestionAt;
  /** The add-on the flow is about, to say which flow was left. */
  readonly addon: AddonId | undefined;
  /** What to keep when the user leaves it: set when it holds choices worth coming back to. */
  readonly held: HeldFlow | undefined;
}

const InstanceT = z.object({ id: z.string(), state: z.unknown().optional() });
const ComponentStateT = z.object({ dialogs: z.object({ dialogStack: z.array(InstanceT) }) });

function innerStack(state: unknown): z.infer<typeof InstanceT>[] | undefined {
  const parsed = ComponentStateT.safeParse(state);
  return parsed.success ? parsed.data.dialogs.dialogStack : undefined;
}

const OptionsOfT = z.object({ options: z.record(z.string(), z.unknown()) });

function optionsOf(instance: z.infer<typeof InstanceT> | undefined): Readonly<Record<string, unknown>> {
  const parsed = OptionsOfT.safeParse(instance?.state);
  return parsed.success ? parsed.data.options : {};
}

export function openFlowOf(state: DialogState | undefined): OpenFlow | undefined {
  const main = state?.dialogStack.find((instance) => instance.id === MAIN_DIALOG);
  const flows = innerStack(main?.state);
  const flowInstance = flows?.[flows.length - 1];
  if (!flowInstance) return undefined;
  const stack = innerStack(flowInstance.state);
  if (!stack || stack.length === 0) return undefined;
  const question = stack[stack.length - 1];
  const name = question ? questionNameOf(question.id) : undefined;
  if (!question || !name) return undefined;
  if (flowInstance.id === BUY_ADDON_DIALOG) return openBuyFlow(stack, name, optionsOf(question));
  return openManageFlow(flowInstance.id, stack, name, optionsOf(question));
}

const BuyWaterfallT = z.object({ values: z.object({ flow: BuyFlowT }) });
// Built once: zod compiles a schema on its first parse, so one built per call was compiled on every turn.
const BuyQuestionOptionsT = z.object({ addonId: z.enum(ADDON_IDS).optional() });

function openBuyFlow(stack: z.infer<typeof InstanceT>[], name: NonNullable<ReturnType<typeof questionNameOf>>, options: Readonly<Record<string, unknown>>): OpenFlow | undefined {
  const parsed = BuyWaterfallT.safeParse(stack.find((instance) => instance.id === BUY_WATERFALL)?.state);
  if (!parsed.success) return undefined;
  const { flow } = parsed.data.values;
  const fromQuestion = BuyQuestionOptionsT.safeParse(options);
  const addon = flow.addonId ?? flow.given.addonId ?? (fromQuestion.success ? fromQuestion.data.addonId : undefined);
  const plan = flow.base?.planId ?? flow.given.planId;
  const quantity = flow.quote?.quantity ?? flow.quantity ?? flow.given.quantity;
  const frequency = flow.quote?.frequency ?? flow.frequency ?? flow.given.frequency;
  if (name.startsWith('manage.')) return undefined;
  const at = { question: name as Extract<QuestionAt, { held: unknown }>['question'], held: { addon, plan, quantity, frequency } };
  const slots: BuySlots = {
    ...(addon ? { addonId: addon } : {}), ...(plan ? { planId: plan } : {}), ...(quantity !== undefined ? { quantity } : {}),
    ...(frequency ? { frequency } : {}),
  };
  const worthKeeping = addon !== undefined && (plan !== undefined || quantity !== undefined);
  return { flow: 'buy', flowId: flow.flowId, at, addon, held: worthKeeping ? { flow: 'buy', slots } : undefined };
}

const MANAGE_WATERFALLS: Readonly<Record<string, string>> = {
  [CHANGE_QUANTITY_DIALOG]: CHANGE_QUANTITY_WATERFALL, [REMOVE_ADDON_DIALOG]: REMOVE_ADDON_WATERFALL,
  [RECURRING_BILLING_DIALOG]: RECURRING_BILLING_WATERFALL,
};

const ManageWaterfallT = z.object({ values: z.object({ flow: z.object({
  flowId: z.string(),
  options: z.object({ addonId: z.enum(ADDON_IDS).optional(), turnOn: z.boolean().optional() }),
  addon: z.object({ subscriptionId: z.string(), addonId: z.enum(ADDON_IDS) }).optional(),
  change: z.object({
    kind: z.enum(['quantity', 'cancellation', 'recurring_billing', 'support_request']), fromQuantity: z.number().optional(),
    toQuantity: z.number().optional(), turnOn: z.boolean().optional(),
  }).optional(),
}) }) });
const ManageQuestionOptionsT = z.object({ addon: z.object({ addonId: z.enum(ADDON_IDS) }).optional() });

function openManageFlow(
  dialogId: string, stack: z.infer<typeof InstanceT>[], name: NonNullable<ReturnType<typeof questionNameOf>>, options: Readonly<Record<string, unknown>>,
): OpenFlow | undefined {
  const waterfall = MANAGE_WATERFALLS[dialogId];
  const parsed = ManageWaterfallT.safeParse(stack.find((instance) => instance.id === waterfall)?.state);
  if (!waterfall || !parsed.success) return undefined;
  const { flow } = parsed.data.values;
  const purpose: ManagePurpose = dialogId === CHANGE_QUANTITY_DIALOG ? 'quantity' : dialogId === REMOVE_ADDON_DIALOG ? 'remove'
    : flow.options.turnOn === true ? 'recurringOn' : 'recurringOff';
  const fromQuestion = ManageQuestionOptionsT.safeParse(options);
  const addon = flow.addon?.addonId ?? (fromQuestion.success ? fromQuestion.data.addon?.addonId : undefined) ?? flow.options.addonId;
  let at: QuestionAt;
  switch (name) {
    case 'manage.pick':
      at = { question: name, purpose, ...(flow.options.addonId ? { addon: flow.options.addonId } : {}) };
      break;
    case 'manage.quantity':
      if (!addon) return undefined;
      at = { question: name, addon };
      break;
    case 'manage.confirm': {
      const { change } = flow;
      if (!addon || !change) return undefined;
      const proposed = change.kind === 'quantity'
        ? { kind: 'quantity' as const, fromQuantity: change.fromQuantity ?? 0, toQuantity: change.toQuantity ?? 0 }
        : change.kind === 'recurring_billing' ? { kind: 'recurring_billing' as const, turnOn: change.turnOn ?? false } : { kind: change.kind };
      at = { question: name, purpose, addon, change: proposed };
      break;
    }
    default:
      return undefined;
  }
  const held: HeldFlow | undefined = flow.addon && isManageDialogId(dialogId)
    ? {
      flow: 'manage', dialogId, addonId: flow.addon.addonId, subscriptionId: flow.addon.subscriptionId,
      ...(flow.options.turnOn === undefined ? {} : { turnOn: flow.options.turnOn }),
    }
    : undefined;
  return { flow: 'manage', flowId: flow.flowId, at, addon, held };
}
