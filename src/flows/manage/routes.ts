// How the main dialog routes "manage what was bought": typed intents (change quantity, remove, recurring billing,
// availability, my add-ons, my orders) and the buttons of the list and availability cards. One handler per verb;
// every payload is validated with zod before it names anything, and the flows check every id again with the domain.
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { noteOutcome } from '../../turn/turnState.js';
import type { CardAction, Verb } from '../../conversation/verbs.js';
import { ADDON_IDS, PLAN_IDS } from '../../domain/ids.js';
import { quantityTargetOf } from '../../nlu/quantityTarget.js';
import { sendAvailability } from '../availability/availabilityReplies.js';
import type { BuyAddonOptions } from '../buy/state.js';
import { sendSay, type DialogDeps } from '../../turn/dialogDeps.js';
import { BUY_ADDON_DIALOG, CHANGE_QUANTITY_DIALOG, RECURRING_BILLING_DIALOG, REMOVE_ADDON_DIALOG } from '../../conversation/dialogIds.js';
import { answerListPage, sendAddons, sendOrders } from '../lists/listReplies.js';
import type { ManageOptions } from './manageAddonDialog.js';
import { textOf, type Understanding } from '../../turn/understanding.js';

const IdT = z.string().min(1).max(128);

/** A per add-on button of "my add-ons": the verb and the add-on subscription's id, nothing else. */
const addonButtonT = <V extends Verb>(verb: V) => z.object({ verb: z.literal(verb), subscriptionId: IdT }).strict();
const ChangeQuantityClickT = addonButtonT('addon.changeQuantity');
const RemoveClickT = addonButtonT('addon.remove');
const RecurringOffClickT = addonButtonT('addon.recurringOff');
const RecurringOnClickT = addonButtonT('addon.recurringOn');
const BuyClickT = z.object({ verb: z.literal('availability.buy'), addonId: z.enum(ADDON_IDS), planId: z.enum(PLAN_IDS).optional() }).strict();

/** What an utterance gives a change flow: the add-on named, and for quantities what the number means. */
function manageOptionsOf(understood: Understanding, text: string): ManageOptions {
  const target = understood.intent === 'change_quantity' ? quantityTargetOf(text, understood.quantityRead) : null;
  return {
    ...(understood.addon ? { addonId: understood.addon } : {}),
    ...(target ? { quantity: target } : {}),
    ...(understood.intent === 'recurring_billing_on' ? { turnOn: true } : understood.intent === 'recurring_billing_off' ? { turnOn: false } : {}),
  };
}

/** A typed request of this intents; undefined for the others. */
export async function routeManageIntent(deps: DialogDeps, step: WaterfallStepContext, understood: Understanding): Promise<DialogTurnResult | undefined> {
  const { context } = step;
  switch (understood.intent) {
    case 'change_quantity':
      return step.beginDialog(CHANGE_QUANTITY_DIALOG, manageOptionsOf(understood, textOf(context)));
    case 'remove':
      return step.beginDialog(REMOVE_ADDON_DIALOG, manageOptionsOf(understood, textOf(context)));
    case 'recurring_billing_off':
    case 'recurring_billing_on':
      return step.beginDialog(RECURRING_BILLING_DIALOG, manageOptionsOf(understood, textOf(context)));
    case 'availability':
      await sendAvailability(deps, context, understood);
      return step.endDialog();
    case 'list_addons':
      await sendAddons(deps, context);
      return step.endDialog();
    case 'list_orders':
      await sendOrders(deps, context);
      return step.endDialog();
    default:
      return undefined;
  }
}

/** A click on a list or availability card when no flow runs; undefined for the other verbs. */
export async function routeManageCard(deps: DialogDeps, step: WaterfallStepContext, action: CardAction): Promise<DialogTurnResult | undefined> {
  const { context } = step;
  const begin = async (dialogId: string, parsed: { success: true; data: { subscriptionId: string } } | { success: false }, extra: Partial<ManageOptions> = {}) => {
    if (!parsed.success) {
      noteOutcome(context, 'invalid_input');
      await sendSay(deps, context, 'invalidCard');
      return step.endDialog();
    }
    const options: ManageOptions = { subscriptionId: parsed.data.subscriptionId, ...extra };
    return step.beginDialog(dialogId, options);
  };
  switch (action.verb) {
    case 'menu.addons':
      await sendAddons(deps, context);
      return step.endDialog();
    case 'menu.orders':
      await sendOrders(deps, context);
      return step.endDialog();
    case 'addons.page':
    case 'orders.page':
    case 'availability.page':
      await answerListPage(deps, context, action);
      return step.endDialog();
    case 'addon.changeQuantity':
      return begin(CHANGE_QUANTITY_DIALOG, ChangeQuantityClickT.safeParse(action.data));
    case 'addon.remove':
      return begin(REMOVE_ADDON_DIALOG, RemoveClickT.safeParse(action.data));
    case 'addon.recurringOff':
      return begin(RECURRING_BILLING_DIALOG, RecurringOffClickT.safeParse(action.data), { turnOn: false });
    case 'addon.recurringOn':
      return begin(RECURRING_BILLING_DIALOG, RecurringOnClickT.safeParse(action.data), { turnOn: true });
    case 'availability.buy': {
      const parsed = BuyClickT.safeParse(action.data);
      if (!parsed.success) {
        noteOutcome(context, 'invalid_input');
        await sendSay(deps, context, 'invalidCard');
        return step.endDialog();
      }
      const options: BuyAddonOptions = { slots: { addonId: parsed.data.addonId, ...(parsed.data.planId ? { planId: parsed.data.planId } : {}) } };
      return step.beginDialog(BUY_ADDON_DIALOG, options);
    }
    default:
      return undefined;
  }
}
