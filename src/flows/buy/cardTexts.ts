// The fixed texts of the buy flow's own cards (purchase details and checkout) in English and French; "{name}"
// placeholders, filled with fill(). The order-placed card's texts stay in src/cards/text.ts: a stale click on any
// card may answer with its order number.
import type { CheckoutCardData, PurchaseDetailsCardData } from '../../cards/data/buy.js';
import type { Language } from '../../domain/ids.js';

export interface BuyCardTexts {
  readonly purchaseDetails: PurchaseDetailsCardData['labels'] & {
    /** "{subscription}" placeholder. */
    readonly subtitle: string;
    readonly quantity: string;
    /** "{min}", "{max}" placeholders. */
    readonly quantityError: string;
    readonly frequency: string;
    readonly frequencyError: string;
    /** "{price}", "{unit}" placeholders (unit in the singular). */
    readonly yearlyChoice: string;
    readonly monthlyChoice: string;
    readonly autoAssign: string;
  };
  readonly checkout: Omit<CheckoutCardData['labels'], 'totalPerPeriod'> & {
    readonly title: string;
    /** "{time}" placeholder. */
    readonly intro: string;
  };
}

const EN: BuyCardTexts = {
  purchaseDetails: {
    subtitle: 'For {subscription}',
    quantity: 'Quantity',
    quantityError: 'Enter a whole number from {min} to {max}.',
    frequency: 'Billing frequency',
    frequencyError: 'Choose a billing frequency.',
    yearlyChoice: 'Yearly, paid up front: {price} per {unit} per year',
    monthlyChoice: 'Monthly: {price} per {unit} per month',
    autoAssign: 'Assign licenses automatically to users who don’t have one yet',
    next: 'Review order',
    cancel: 'Cancel',
  },
  checkout: {
    title: 'Review your order',
    intro: 'These prices are valid until {time}.',
    addon: 'Add-on',
    baseSubscription: 'For subscription',
    unitPrice: 'Unit price',
    quantity: 'Quantity',
    frequency: 'Billing frequency',
    firstCharge: 'First charge',
    autoAssign: 'Auto-assign licenses',
    paymentMethod: 'Payment method',
    paymentPlaceholder: 'Choose a payment method',
    noPaymentMethods: 'No saved payment method yet: add a card in the admin center to continue.',
    newCardNote: 'To pay with a new card, add it in the Microsoft 365 admin center (card numbers are never entered in chat). Once it’s added, select Refresh and it appears here.',
    placeOrder: 'Place order',
    cancel: 'Cancel',
    addCard: 'Add a card in the admin center',
    refresh: 'Refresh',
  },
};

const FR: BuyCardTexts = {
  purchaseDetails: {
    subtitle: 'Pour {subscription}',
    quantity: 'Quantité',
    quantityError: 'Entrez un nombre entier de {min} à {max}.',
    frequency: 'Fréquence de facturation',
    frequencyError: 'Choisissez une fréquence de facturation.',
    yearlyChoice: 'Annuelle, payée d’avance : {price} par {unit} et par an',
    monthlyChoice: 'Mensuelle : {price} par {unit} et par mois',
    autoAssign: 'Attribuer automatiquement les licences aux utilisateurs qui n’en ont pas encore',
    next: 'Vérifier la commande',
    cancel: 'Annuler',
  },
  checkout: {
    title: 'Vérifiez votre commande',
    intro: 'Ces prix sont valables jusqu’à {time}.',
    addon: 'Module complémentaire',
    baseSubscription: 'Pour l’abonnement',
    unitPrice: 'Prix unitaire',
    quantity: 'Quantité',
    frequency: 'Fréquence de facturation',
    firstCharge: 'Premier prélèvement',
    autoAssign: 'Attribution automatique',
    paymentMethod: 'Mode de paiement',
    paymentPlaceholder: 'Choisissez un mode de paiement',
    noPaymentMethods: 'Aucun mode de paiement enregistré : ajoutez une carte dans le Centre d’administration pour continuer.',
    newCardNote: 'Pour payer avec une nouvelle carte, ajoutez-la dans le Centre d’administration Microsoft 365 (les numéros de carte ne sont jamais saisis dans la conversation). Une fois ajoutée, sélectionnez Actualiser : elle apparaîtra ici.',
    placeOrder: 'Passer la commande',
    cancel: 'Annuler',
    addCard: 'Ajouter une carte dans le Centre d’administration',
    refresh: 'Actualiser',
  },
};

export const BUY_CARD_TEXTS: Readonly<Record<Language, BuyCardTexts>> = { en: EN, fr: FR };
