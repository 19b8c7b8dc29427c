// What the bot answers to the nudge cards' Keep and Stop these reminders, and to "stop reminders" / "start reminders"
// typed, in English and French (one checked table).
import { defineTexts } from '../../i18n/text.js';

export const NUDGE_TEXTS = defineTexts({
  remindersOff: 'OK, no more reminders from me. Say “start reminders” to get them again.',
  remindersAlreadyOff: 'They were already off: I don’t send you reminders. Say “start reminders” to get them again.',
  remindersOn: 'OK, reminders are on: I’ll tell you before a refund window closes on unassigned licenses, before an add-on renews or ends, and when a purchase request has waited for you for 2 days. Say “stop reminders” to turn them off.',
  remindersAlreadyOn: 'They were already on. Say “stop reminders” to turn them off.',
  keptTitle: 'Nothing changes',
  kept: 'OK, {addon} keeps its {quantity}. I won’t remind you about this again.',
}, {
  remindersOff: 'D’accord, je ne vous enverrai plus de rappels. Dites « réactive les rappels » pour les recevoir à nouveau.',
  remindersAlreadyOff: 'Ils étaient déjà désactivés : je ne vous envoie pas de rappels. Dites « réactive les rappels » pour les recevoir à nouveau.',
  remindersOn: 'D’accord, les rappels sont activés : je vous préviendrai avant la fin d’un délai de remboursement sur des licences non attribuées, avant le renouvellement ou la fin d’un module, et quand une demande d’achat vous attend depuis 2 jours. Dites « arrête les rappels » pour les désactiver.',
  remindersAlreadyOn: 'Ils étaient déjà activés. Dites « arrête les rappels » pour les désactiver.',
  keptTitle: 'Rien ne change',
  kept: 'D’accord, {addon:le} garde ses {quantity}. Je ne vous le rappellerai plus.',
});
