// A nudge as one line of text in the admin's language: what the sweep sends where no card renderer is given (the
// nudges script, or a deployment wired without the nudge cards), with the figures the domain computed.
import type { Activity } from 'botbuilder';
import type { Language } from '../../domain/ids.js';
import type { Nudge } from '../../domain/nudges.js';
import { formatDateTime, money } from '../../i18n/formats.js';
import { addonNoun } from '../../i18n/nouns.js';
import { defineTexts, text } from '../../i18n/text.js';

const PLAIN_NUDGE_TEXTS = defineTexts({
  refund_window: '{addon}: {unassigned} of {quantity} licenses unassigned. Until {date} you can reduce to {reduceTo} and get {refund} back.',
  renewal: '{addon} renews on {date}: {charge} will be charged.',
  ending: 'Recurring billing is off: {addon} ends on {date}.',
  approval_waiting: '{requester} has been waiting since {date} for your decision on {quantity} × {addon}.',
}, {
  refund_window: '{addon} : {unassigned} licences sur {quantity} ne sont pas attribuées. Jusqu’au {date}, vous pouvez réduire à {reduceTo} et récupérer {refund}.',
  renewal: '{addon} se renouvelle le {date} : {charge} seront facturés.',
  ending: 'La facturation récurrente est désactivée : {addon} prend fin le {date}.',
  approval_waiting: '{requester} attend depuis le {date} votre décision sur {quantity} × {addon}.',
});

function plainText(nudge: Nudge, language: Language): string {
  const addon = addonNoun(nudge.addonId)[language];
  switch (nudge.kind) {
    case 'refund_window':
      return text(PLAIN_NUDGE_TEXTS, language, 'refund_window', {
        addon, unassigned: nudge.quantity - nudge.assigned, quantity: nudge.quantity, date: formatDateTime(nudge.windowEndsAt, language),
        reduceTo: nudge.reduceTo, refund: money(nudge.refund, language),
      });
    case 'renewal':
      return text(PLAIN_NUDGE_TEXTS, language, 'renewal', { addon, date: formatDateTime(nudge.renewsAt, language), charge: money(nudge.charge, language) });
    case 'ending':
      return text(PLAIN_NUDGE_TEXTS, language, 'ending', { addon, date: formatDateTime(nudge.endsAt, language) });
    case 'approval_waiting':
      return text(PLAIN_NUDGE_TEXTS, language, 'approval_waiting', {
        requester: nudge.requesterName || nudge.requesterId, date: formatDateTime(nudge.requestedAt, language), quantity: nudge.quantity, addon,
      });
  }
}

/** The nudge as a text message (a NudgeActivity). */
export function plainNudgeActivity(nudge: Nudge, language: Language): Partial<Activity> {
  return { type: 'message', text: plainText(nudge, language) };
}
