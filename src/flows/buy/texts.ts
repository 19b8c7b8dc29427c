// The buy and approval texts that say what a price is for: per which unit and per which period, the totals by the
// period billed, the auto-assign fact and its action, the choice labels, and the line that confirms a subscription
// the admin named.
import type { UnitKind } from '../../domain/catalog.data.js';
import type { Frequency, Language } from '../../domain/ids.js';
import type { Money } from '../../domain/money.js';
import { money } from '../../i18n/formats.js';
import { defineTexts, text } from '../../i18n/text.js';
import { WORDS } from '../../i18n/words.js';

export const BUY_TEXTS = defineTexts(
  {
    unitPriceValue: '{price} per {unit} {period}',
    totalPerYear: 'Total per year',
    totalPerMonth: 'Total per month',
    totalQuotedPerYear: 'Total per year (quoted)',
    totalQuotedPerMonth: 'Total per month (quoted)',
    priceChangedAsk: 'The price changed since {requester} asked: {now} {period} instead of {was}. Check the card, then approve at the new price or reject.',
    warningPrice: 'The price changed since the request: now {now} {period} instead of {was}. Approving again places the order at {now}.',
    confirmedSubscription: 'For {addon}: your {subscription} subscription.',
    confirmedSubscriptionAny: 'Your {subscription} subscription.',
    subscriptionLabel: 'Subscription',
    addonLabel: 'Add-on',
    autoAssignLabel: 'Auto-assign',
    autoAssignOn: 'On',
    autoAssignOff: 'Off',
    turnOnAutoAssign: 'Turn on auto-assign',
    turnOffAutoAssign: 'Turn off auto-assign',
    autoAssignTurnedOn: 'Auto-assign is on: licenses go to users who don’t have one yet. Here is the order again.',
    autoAssignTurnedOff: 'Auto-assign is off: you assign the licenses yourself. Here is the order again.',
    /** On the checkout card, before Place order. */
    alreadyUnassigned: {
      one: 'You already have {count} unassigned {addon} license on this subscription.',
      other: 'You already have {count} unassigned {addon} licenses on this subscription.',
    },
    quantityPlaceholder: 'From {min} to {max}',
    buyTitle: 'Buy {addon}',
    orderComplete: 'Thanks! Your {addon} order is complete.',
    onlyEligibleSubscriptions: 'Only subscriptions that support {addon} are shown.',
    adminAsks: '{requester} asks to buy {addon}. Approve to place the order now, at today’s price, or reject it. A comment is optional.',
  },
  {
    unitPriceValue: '{price} par {unit} et {period}',
    totalPerYear: 'Total par an',
    totalPerMonth: 'Total par mois',
    totalQuotedPerYear: 'Total par an (devis)',
    totalQuotedPerMonth: 'Total par mois (devis)',
    priceChangedAsk: 'Le prix a changé depuis que {requester} a fait sa demande : {now} {period} au lieu de {was}. Vérifiez la carte, puis approuvez au nouveau prix ou rejetez.',
    warningPrice: 'Le prix a changé depuis la demande : {now} {period} au lieu de {was}. Approuver à nouveau passe la commande à {now}.',
    confirmedSubscription: 'Pour {addon:le} : votre abonnement {subscription}.',
    confirmedSubscriptionAny: 'Votre abonnement {subscription}.',
    subscriptionLabel: 'Abonnement',
    addonLabel: 'Module complémentaire',
    autoAssignLabel: 'Attribution automatique',
    autoAssignOn: 'Activée',
    autoAssignOff: 'Désactivée',
    turnOnAutoAssign: 'Activer l’attribution automatique',
    turnOffAutoAssign: 'Désactiver l’attribution automatique',
    autoAssignTurnedOn: 'L’attribution automatique est activée : les licences iront aux utilisateurs qui n’en ont pas encore. Voici la commande mise à jour.',
    autoAssignTurnedOff: 'L’attribution automatique est désactivée : vous attribuerez les licences vous-même. Voici la commande mise à jour.',
    alreadyUnassigned: {
      one: 'Vous avez déjà {count} licence {addon:de} non attribuée sur cet abonnement.',
      other: 'Vous avez déjà {count} licences {addon:de} non attribuées sur cet abonnement.',
    },
    quantityPlaceholder: 'De {min} à {max}',
    buyTitle: 'Acheter {addon:le}',
    orderComplete: 'Merci ! Votre commande {addon:de} est terminée.',
    onlyEligibleSubscriptions: 'Seuls les abonnements compatibles avec {addon:le} sont affichés.',
    adminAsks: '{requester} demande à acheter {addon:le}. Approuvez pour passer la commande maintenant, au prix du jour, ou rejetez la demande. Le commentaire est facultatif.',
  },
);

/** "per year" / "par an": the period a price is billed for, as running text. */
export function periodWords(frequency: Frequency, language: Language): string {
  return text(WORDS, language, frequency === 'yearly' ? 'perYear' : 'perMonth');
}

const UNIT_WORD = { license: 'licenseUnit', gb: 'gbUnit', prepaid: 'creditUnit' } as const satisfies Readonly<Record<UnitKind, string>>;

/** "$2.40 per GB per year", "9,60 $US par licence et par mois": the unit price of the period actually billed. */
export function unitPriceText(price: Money, unit: UnitKind, frequency: Frequency, language: Language): string {
  return text(BUY_TEXTS, language, 'unitPriceValue', {
    price: money(price, language), unit: text(WORDS, language, UNIT_WORD[unit]), period: periodWords(frequency, language),
  });
}

/** "Total per year" / "Total par mois": a total's label says its period. */
export function totalLabel(frequency: Frequency, language: Language): string {
  return text(BUY_TEXTS, language, frequency === 'yearly' ? 'totalPerYear' : 'totalPerMonth');
}

/** "Total per year (quoted)": the total a request was quoted at, by its period. */
export function totalQuotedLabel(frequency: Frequency, language: Language): string {
  return text(BUY_TEXTS, language, frequency === 'yearly' ? 'totalQuotedPerYear' : 'totalQuotedPerMonth');
}
