// Remove an add-on (SPEC sections 2 and 3): the domain says what "remove" can mean for it now, and the flow offers
// exactly that. A standalone add-on within 7 days of its start or renewal → cancel, with the prorated refund shown
// before confirming; after that → explain, and offer to turn off recurring billing (with the date it ends); a
// traditional add-on → explain that an admin cannot remove it, and offer a support request, which gets an id.
import { WaterfallDialog } from '../../conversation/dialogKit.js';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { languageIn, noteOutcome } from '../../turn/turnState.js';
import { addonName } from '../../domain/catalog.js';
import { DomainError } from '../../domain/errors.js';
import { describeError, formatDate } from '../../i18n/index.js';
import { callerIn, sendSay, sendText, type DialogDeps } from '../../turn/dialogDeps.js';
import { ASK_REMOVE_ADDON, CONFIRM_REMOVAL, REMOVE_ADDON_DIALOG, REMOVE_ADDON_WATERFALL } from '../../conversation/dialogIds.js';
import { ManageAddonDialog, type ChangeAnswer, type ManageOptions } from './manageAddonDialog.js';
import { changeView } from './views.js';
import type { ManagePurpose } from '../../conversation/tenantSubscriptions.js';

export class RemoveAddonDialog extends ManageAddonDialog {
  constructor(deps: DialogDeps) {
    super(REMOVE_ADDON_DIALOG, deps, { waterfall: REMOVE_ADDON_WATERFALL, askAddon: ASK_REMOVE_ADDON, askConfirm: CONFIRM_REMOVAL });
    this.addDialog(new WaterfallDialog<ManageOptions>(REMOVE_ADDON_WATERFALL, [
      this.pickStep.bind(this),
      this.proposeStep.bind(this),
      this.confirmStep.bind(this),
      this.outcomeStep.bind(this),
    ]));
    this.initialDialogId = REMOVE_ADDON_WATERFALL;
  }

  protected purposeOf(): ManagePurpose {
    return 'remove';
  }

  /** 2. What removing means now: a cancellation, recurring billing off, a support request, or nothing left to do. */
  private async proposeStep(step: WaterfallStepContext<ManageOptions>): Promise<DialogTurnResult> {
    const { addon } = this.takePicked(step);
    const { context } = step;
    const language = languageIn(context);
    const { billing } = this.deps.services;
    const quoted = await this.quoted(context, async () => {
      const proposal = await billing.proposeRemoval(callerIn(context), addon.subscriptionId);
      switch (proposal.kind) {
        case 'cancellation':
          return changeView(proposal.quote);
        case 'recurring_billing_off':
          // Outside the refund window: say why it cannot be canceled, then offer what can be done.
          await sendText(context, describeError(new DomainError('outside_refund_window', { termEnd: proposal.quote.termEnd }), language));
          return changeView(proposal.quote);
        case 'support_request':
          await sendText(context, describeError(new DomainError('traditional_not_removable'), language));
          return changeView(proposal.quote);
        case 'already_ending':
          noteOutcome(context, 'already_ending');
          await sendSay(this.deps, context, 'alreadyEnding', {
            addon: addonName(addon.addonId, language), date: formatDate(proposal.subscription.termEnd, language),
          });
          return undefined;
      }
    });
    if (!quoted.ok || quoted.change === undefined) return step.endDialog();
    return step.next({ change: quoted.change } satisfies ChangeAnswer);
  }
}
