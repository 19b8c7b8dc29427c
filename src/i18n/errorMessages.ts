// The one place where each domain error code gets its English and French message, as one checked table of the
// text engine: a code without a message, or a French message with other placeholders, does not compile.
import type { ErrorCode } from '../domain/errors.js';
import { defineTexts, type Entry } from './text.js';

const ENGLISH = {
  not_found: 'I couldn’t find that. It may have been removed, or it isn’t part of your organization.',
  forbidden: 'Only a global admin or a billing admin can do that. You can ask one of them, or request the purchase for approval.',
  unknown_tenant: 'Your organization isn’t set up to use Add-on Assistant yet. Ask your admin to add it.',
  invalid_input: 'Something in that request wasn’t valid ({field}). Nothing was changed.',
  invalid_quantity: 'The quantity must be a whole number from {min} to {max}.',
  not_eligible: '{addon} isn’t available for {plan}. It can be added to: {allowedPlans}.',
  not_a_base_subscription: 'That’s an add-on, not a base subscription. Add-ons are bought for a plan such as Office 365 E3.',
  not_an_addon_subscription: 'That’s a base subscription, not an add-on. Choose one of your add-ons.',
  not_active: 'That subscription isn’t active ({status}), so it can’t be changed.',
  below_assigned: 'You can’t go below the {assigned} licenses already assigned to users. Unassign some licenses first, then try again.',
  no_change: 'You already have {quantity}. Nothing to change.',
  traditional_not_removable: 'This add-on is part of its base subscription and can’t be removed by an admin. I can open a support request for you.',
  traditional_follows_base: 'This add-on renews with its base subscription; change recurring billing on the base subscription instead.',
  outside_refund_window: 'It’s been more than 7 days since this subscription started or renewed, so it can’t be canceled with a refund. You can turn off recurring billing instead; it stays active until {termEnd}.',
  recurring_billing_off: 'Recurring billing is off, so the subscription ends on {termEnd} and a reduction can’t be applied or scheduled. Turn recurring billing on first.',
  recurring_billing_already: 'Recurring billing is already {state} for this subscription.',
  quote_stale: 'This card is out of date. Nothing was changed; please start again to get current prices.',
  quote_altered: 'The details on this card don’t match what I quoted. Nothing was changed; please start again.',
  quote_used_elsewhere: 'This card was prepared for someone else. Nothing was changed.',
  payment_method_required: 'Choose a payment method first.',
  invalid_payment_method: 'That payment method isn’t valid for your organization. Choose a saved one, or add a card in the admin center.',
  card_expired: 'The card ending in {last4} has expired. Choose another payment method.',
  currency_not_supported: 'Prices aren’t available in {currency} yet.',
  request_expired: 'This request expired on {expiresAt}. Ask the requester to send a new one.',
  request_decided: 'This request has already been {status}.',
  price_changed: 'The price has changed to {amount} {period} since the request was made. Review the new total and approve again.',
  duplicate: 'That was already done. Nothing more was changed.',
  in_progress: 'Someone else is changing this right now. Please try again in a moment.',
} as const satisfies Readonly<Record<ErrorCode, Entry>>;

export const ERROR_TEXTS = defineTexts(ENGLISH, {
  not_found: 'Je ne l’ai pas trouvé. Il a peut-être été supprimé, ou il n’appartient pas à votre organisation.',
  forbidden: 'Seul un administrateur général ou un administrateur de facturation peut le faire. Vous pouvez le lui demander, ou soumettre l’achat pour approbation.',
  unknown_tenant: 'Votre organisation n’est pas encore configurée pour utiliser Add-on Assistant. Demandez à votre administrateur de l’ajouter.',
  invalid_input: 'Un élément de la demande n’est pas valide ({field}). Rien n’a été modifié.',
  invalid_quantity: 'La quantité doit être un nombre entier de {min} à {max}.',
  not_eligible: 'Le module {addon} n’est pas disponible pour {plan}. Il peut être ajouté à : {allowedPlans}.',
  not_a_base_subscription: 'Il s’agit d’un module complémentaire, pas d’un abonnement de base. Les modules s’achètent pour un plan tel qu’Office 365 Entreprise E3.',
  not_an_addon_subscription: 'Il s’agit d’un abonnement de base, pas d’un module complémentaire. Choisissez l’un de vos modules.',
  not_active: 'Cet abonnement n’est pas actif ({status}) et ne peut donc pas être modifié.',
  below_assigned: 'Impossible de descendre sous les {assigned} licences déjà attribuées. Retirez d’abord des licences à des utilisateurs, puis réessayez.',
  no_change: 'Vous avez déjà {quantity}. Rien à modifier.',
  traditional_not_removable: 'Ce module complémentaire fait partie de son abonnement de base et ne peut pas être supprimé par un administrateur. Je peux ouvrir une demande de support pour vous.',
  traditional_follows_base: 'Ce module complémentaire se renouvelle avec son abonnement de base ; modifiez la facturation récurrente de l’abonnement de base.',
  outside_refund_window: 'Plus de 7 jours se sont écoulés depuis le début ou le renouvellement de cet abonnement : il ne peut pas être annulé avec remboursement. Vous pouvez désactiver la facturation récurrente ; il restera actif jusqu’au {termEnd}.',
  recurring_billing_off: 'La facturation récurrente est désactivée : l’abonnement se termine le {termEnd} et une réduction ne peut être ni appliquée ni planifiée. Réactivez d’abord la facturation récurrente.',
  recurring_billing_already: 'La facturation récurrente est déjà {state} pour cet abonnement.',
  quote_stale: 'Cette carte n’est plus à jour. Rien n’a été modifié ; recommencez pour obtenir les prix actuels.',
  quote_altered: 'Les informations de cette carte ne correspondent pas au devis. Rien n’a été modifié ; recommencez.',
  quote_used_elsewhere: 'Cette carte a été préparée pour quelqu’un d’autre. Rien n’a été modifié.',
  payment_method_required: 'Choisissez d’abord un mode de paiement.',
  invalid_payment_method: 'Ce mode de paiement n’est pas valide pour votre organisation. Choisissez-en un enregistré, ou ajoutez une carte dans le Centre d’administration.',
  card_expired: 'La carte se terminant par {last4} a expiré. Choisissez un autre mode de paiement.',
  currency_not_supported: 'Les prix ne sont pas encore disponibles en {currency}.',
  request_expired: 'Cette demande a expiré le {expiresAt}. Demandez au demandeur d’en envoyer une nouvelle.',
  request_decided: 'Cette demande a déjà été {status}.',
  price_changed: 'Le prix est passé à {amount} {period} depuis la demande. Vérifiez le nouveau total et approuvez à nouveau.',
  duplicate: 'C’était déjà fait. Rien de plus n’a été modifié.',
  in_progress: 'Quelqu’un d’autre modifie cet élément en ce moment. Réessayez dans un instant.',
});

export const errorMessagesEn = ERROR_TEXTS.en;
export const errorMessagesFr = ERROR_TEXTS.fr;
