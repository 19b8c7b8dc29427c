// Turn recurring billing off or on (SPEC sections 2 and 3): which add-on → the confirmation card with the date the
// subscription ends (or renews) and the change scheduled for renewal that turning it off cancels → the outcome.
// A traditional add-on renews with its base subscription, and "already off" is said with its end date: the domain's
// refusals, told with what to do instead.
import { WaterfallDialog } from '../../conversation/dialogKit.js';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { callerIn, type DialogDeps } from '../../turn/dialogDeps.js';
import { ASK_RECURRING_ADDON, CONFIRM_RECURRING, RECURRING_BILLING_DIALOG, RECURRING_BILLING_WATERFALL } from '../../conversation/dialogIds.js';
import { ManageAddonDialog, type ChangeAnswer, type ManageOptions } from './manageAddonDialog.js';
import { changeView } from './views.js';
import type { ManagePurpose } from '../../conversation/tenantSubscriptions.js';

export class RecurringBillingDialog extends ManageAddonDialog {
  constructor(deps: DialogDeps) {
    super(RECURRING_BILLING_DIALOG, deps, { waterfall: RECURRING_BILLING_WATERFALL, askAddon: ASK_RECURRING_ADDON, askConfirm: CONFIRM_RECURRING });
    this.addDialog(new WaterfallDialog<ManageOptions>(RECURRING_BILLING_WATERFALL, [
      this.pickStep.bind(this),
      this.proposeStep.bind(this),
      this.confirmStep.bind(this),
      this.outcomeStep.bind(this),
    ]));
    this.initialDialogId = RECURRING_BILLING_WATERFALL;
  }

  protected purposeOf(options: ManageOptions): ManagePurpose {
    return options.turnOn === true ? 'recurringOn' : 'recurringOff';
  }

  /** 2. The domain quotes the change (and refuses a traditional add-on, or a state it already has). */
  private async proposeStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const { flow, addon } = this.takePicked(step);
    const { context } = step;
    const quoted = await this.quoted(context, async () => changeView(await this.deps.services.billing.proposeRecurringBilling(
      callerIn(context), { subscriptionId: addon.subscriptionId, turnOn: flow.options.turnOn === true },
    )));
    if (!quoted.ok) return step.endDialog();
    return step.next({ change: quoted.change } satisfies ChangeAnswer);
  }
}
