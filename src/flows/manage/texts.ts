// Texts of the manage, lists and availability cards and lines whose wording depends on the values: option titles
// that lead with what tells them apart, prices that say their period, plurals and French articles.
import { defineTexts } from '../../i18n/text.js';

export const MANAGE_TEXTS = defineTexts(
  {
    /** A picker option when the add-ons differ: the add-on first, then its quantity and plan. */
    optionByAddon: '{addon} — {quantity} on {plan}',
    /** A picker option when every option is the same add-on: the plan tells them apart. */
    optionByPlan: '{plan} — {quantity}',
    /** An add-on whose base subscription is gone: its kind stands in for the plan. */
    optionWithoutPlan: '{addon} — {quantity} ({kind})',
    /** Under the picker when the options lead with the plan: the add-on they all are. */
    sameAddonNote: 'Each of these is {addon}.',
    pickerLabel: 'Add-on',
    /** The add-on the admin named, when there is only one: confirmed, not picked. */
    confirmedAddon: 'Your {addon}: {quantity} on {subscription}.',
    perYearNow: 'Price per year now',
    perYearAfter: 'Price per year after',
    perYearDifference: 'Difference per year',
    perMonthNow: 'Price per month now',
    perMonthAfter: 'Price per month after',
    perMonthDifference: 'Difference per month',
    /** An order's amount with the period it is billed for: "$95.21 per year". */
    amountPerPeriod: '{amount} {period}',
    baseSubtitle: '{assigned} assigned · {frequency}',
    removeNote: {
      one: 'The user who has one of these licenses will lose it.',
      other: 'The {count} users who have these licenses will lose them.',
    },
    planIntro: {
      one: '{count} add-on can be added to {plan}.',
      other: '{count} add-ons can be added to {plan}.',
    },
    planNone: 'No add-on can be added to {plan}.',
    questionYes: 'Yes: {addon} can be added to {plan}.',
    /** Under the change-quantity question, only when licenses are assigned: the floor. */
    assignedFloor: {
      one: 'The total can’t go below the {count} license assigned.',
      other: 'The total can’t go below the {count} licenses assigned.',
    },
    /** Under the plan-level answer when the tenant has no subscription to that plan: nothing to buy there. */
    planNotOwned: 'You have no {plan} subscription, so none of these can be bought here.',
    questionNo: 'No: {addon} isn’t available on {plan}. It can be added to {plans}.',
    /** Under a yes, when the tenant has no subscription to that plan. */
    questionPlanNotOwned: 'You have no {plan} subscription to add it to.',
  },
  {
    optionByAddon: '{addon} — {quantity} sur {plan}',
    optionByPlan: '{plan} — {quantity}',
    optionWithoutPlan: '{addon} — {quantity} ({kind})',
    sameAddonNote: 'Il s’agit chaque fois du module {addon}.',
    pickerLabel: 'Module complémentaire',
    confirmedAddon: 'Votre module {addon} : {quantity} sur {subscription}.',
    perYearNow: 'Prix annuel actuel',
    perYearAfter: 'Prix annuel ensuite',
    perYearDifference: 'Différence par an',
    perMonthNow: 'Prix mensuel actuel',
    perMonthAfter: 'Prix mensuel ensuite',
    perMonthDifference: 'Différence par mois',
    amountPerPeriod: '{amount} {period}',
    baseSubtitle: '{assigned} attribuées · {frequency}',
    removeNote: {
      one: 'L’utilisateur qui a l’une de ces licences la perdra.',
      other: 'Les {count} utilisateurs qui ont ces licences les perdront.',
    },
    planIntro: {
      one: '{count} module complémentaire peut être ajouté {plan:a}.',
      other: '{count} modules complémentaires peuvent être ajoutés {plan:a}.',
    },
    planNone: 'Aucun module complémentaire ne peut être ajouté {plan:a}.',
    questionYes: 'Oui : le module {addon} peut être ajouté {plan:a}.',
    assignedFloor: {
      one: 'Le total ne peut pas descendre sous la licence attribuée.',
      other: 'Le total ne peut pas descendre sous les {count} licences attribuées.',
    },
    planNotOwned: 'Vous n’avez pas d’abonnement {plan} : aucun de ces modules ne peut être acheté ici.',
    questionNo: 'Non : le module {addon} n’est pas disponible sur {plan}. Il peut être ajouté à : {plans}.',
    questionPlanNotOwned: 'Vous n’avez pas d’abonnement {plan} auquel l’ajouter.',
  },
);
