// The fixed card texts of "manage what was bought" (my add-ons, my orders, change quantity, remove, recurring
// billing, availability) in English and French, shared by the manage, lists and availability flows and the add-on
// views they build on. Placeholders are "{name}" (filled with `fill`); values arrive already formatted in the user's
// language.
import type { Language } from '../domain/ids.js';

export interface ManageTexts {
  readonly common: {
    readonly previous: string;
    readonly next: string;
    readonly cancel: string;
    readonly addon: string;
    readonly subscription: string;
    readonly quantity: string;
    readonly assigned: string;
    readonly frequency: string;
    readonly recurringBilling: string;
    readonly renewsOn: string;
    readonly endsOn: string;
    readonly scheduled: string;
    /** "{quantity}", "{date}". */
    readonly scheduledValue: string;
    readonly on: string;
    readonly off: string;
    readonly kind: string;
    readonly kinds: { readonly traditional: string; readonly standalone: string };
    /** "{page}", "{pages}". */
    readonly pageSummary: string;
  };
  readonly addons: {
    readonly title: string;
    readonly intro: string;
    readonly introReadOnly: string;
    readonly empty: string;
    readonly noAddons: string;
    readonly readOnlyNote: string;
    readonly otherGroup: string;
    readonly changeQuantity: string;
    readonly addRemoveLicenses: string;
    readonly remove: string;
    readonly turnOff: string;
    readonly turnOn: string;
    readonly orders: string;
  };
  readonly orders: {
    readonly title: string;
    readonly intro: string;
    readonly empty: string;
    /** "{orderId}", "{date}". */
    readonly orderTitle: string;
    readonly amount: string;
    readonly placedBy: string;
    /** "{page}". */
    readonly pageSummary: string;
    readonly addons: string;
  };
  readonly picker: {
    readonly quantity: string;
    readonly remove: string;
    readonly recurringOff: string;
    readonly recurringOn: string;
  };
  readonly changeQuantity: {
    /** "{addon}". */
    readonly titleTraditional: string;
    readonly titleStandalone: string;
    /** "{subscription}". */
    readonly subtitle: string;
    /**
     * The rules under the facts, sentence by sentence: increases ("{date}"), reductions while recurring billing is on,
     * or off (then none can be made); the assigned floor is in src/flows/manage/texts.ts.
     */
    readonly note: { readonly more: string; readonly fewer: string; readonly fewerOff: string };
    /** "{unit}". */
    readonly newTotal: string;
    readonly placeholder: string;
    /** "{min}", "{max}". */
    readonly error: string;
    readonly review: string;
  };
  readonly confirm: {
    /** "{addon}". */
    readonly quantityTitle: string;
    /** "{date}". */
    readonly quantityIntroNow: string;
    readonly quantityIntroRenewal: string;
    readonly from: string;
    readonly to: string;
    readonly chargedNow: string;
    readonly refundedNow: string;
    readonly takesEffect: string;
    readonly nothingNow: string;
    readonly quantityConfirm: string;
    /** "{addon}". */
    readonly removeTitle: string;
    readonly removeIntro: string;
    readonly paid: string;
    readonly refund: string;
    readonly kept: string;
    readonly removeConfirm: string;
    /** "{addon}". */
    readonly offTitle: string;
    /** "{date}". */
    readonly offIntro: string;
    readonly cancels: string;
    readonly offConfirm: string;
    /** "{addon}". */
    readonly onTitle: string;
    /** "{date}". */
    readonly onIntro: string;
    readonly onConfirm: string;
    /** "{addon}". */
    readonly supportTitle: string;
    readonly supportIntro: string;
    readonly topic: string;
    /** "{addon}", "{subscription}". */
    readonly topicValue: string;
    readonly supportConfirm: string;
    readonly keep: string;
  };
  readonly outcome: {
    readonly newQuantity: string;
    readonly refund: string;
    readonly charged: string;
    readonly supportRequest: string;
    readonly canceledChange: string;
  };
  readonly availability: {
    readonly ownTitle: string;
    readonly ownIntro: string;
    readonly ownEmpty: string;
    /** "{plan}". */
    readonly planTitle: string;
    /** "{addon}", "{plan}". */
    readonly questionTitle: string;
    /** "{addon}". */
    readonly addonTitle: string;
    /** "{addon}", "{plans}". */
    readonly addonIntro: string;
    readonly yourEligible: string;
    readonly noneEligible: string;
    /** "{quantity}". */
    readonly owned: string;
    readonly canAdd: string;
    readonly buy: string;
  };
}

export const MANAGE_EN: ManageTexts = {
  common: {
    previous: 'Previous',
    next: 'Next',
    cancel: 'Cancel',
    addon: 'Add-on',
    subscription: 'For subscription',
    quantity: 'Quantity',
    assigned: 'Assigned',
    frequency: 'Billing frequency',
    recurringBilling: 'Recurring billing',
    renewsOn: 'Renews on',
    endsOn: 'Ends on',
    scheduled: 'Scheduled for renewal',
    scheduledValue: '{quantity} on {date}',
    on: 'On',
    off: 'Off',
    kind: 'Kind',
    kinds: { traditional: 'Traditional (part of its subscription)', standalone: 'Standalone' },
    pageSummary: 'Page {page} of {pages}',
  },
  addons: {
    title: 'Your subscriptions and add-ons',
    intro: 'Each subscription with its add-ons. Use the buttons under an add-on to change it.',
    introReadOnly: 'Each subscription with its add-ons.',
    empty: 'You don’t have any active subscription.',
    noAddons: 'No add-ons',
    readOnlyNote: 'Only a global admin or a billing admin can change quantities, remove add-ons or change recurring billing.',
    otherGroup: 'Other add-ons',
    changeQuantity: 'Change quantity',
    addRemoveLicenses: 'Add or remove licenses',
    remove: 'Remove',
    turnOff: 'Turn off recurring billing',
    turnOn: 'Turn on recurring billing',
    orders: 'My orders',
  },
  orders: {
    title: 'Your orders',
    intro: 'Newest first.',
    empty: 'No orders yet. Type buy to buy an add-on.',
    orderTitle: '{orderId} · {date}',
    amount: 'Amount',
    placedBy: 'Placed by',
    pageSummary: 'Page {page}',
    addons: 'My add-ons',
  },
  picker: {
    quantity: 'Which add-on do you want to change?',
    remove: 'Which add-on do you want to remove?',
    recurringOff: 'Which add-on should stop renewing?',
    recurringOn: 'Which add-on should renew again?',
  },
  changeQuantity: {
    titleTraditional: 'Change the quantity of {addon}',
    titleStandalone: 'Add or remove licenses: {addon}',
    subtitle: 'For {subscription}',
    note: {
      more: 'More is charged now, prorated to {date}.',
      fewer: 'Fewer takes effect now with a refund only within 7 days of purchase or renewal, otherwise at renewal.',
      fewerOff: 'Recurring billing is off, so the total can’t be reduced until you turn it back on.',
    },
    newTotal: 'New total ({unit})',
    placeholder: 'New total',
    error: 'Enter a whole number from {min} to {max}.',
    review: 'Review change',
  },
  confirm: {
    quantityTitle: 'Confirm the new quantity of {addon}',
    quantityIntroNow: 'This takes effect now. The amount below is prorated to the end of the term, {date}.',
    quantityIntroRenewal: 'It’s been more than 7 days since this subscription started or renewed, so a reduction takes effect at the renewal, on {date}.',
    from: 'Current quantity',
    to: 'New quantity',
    chargedNow: 'Charged now (prorated)',
    refundedNow: 'Refunded now (prorated)',
    takesEffect: 'Takes effect on',
    nothingNow: 'Nothing is charged or refunded now.',
    quantityConfirm: 'Confirm change',
    removeTitle: 'Remove {addon}?',
    removeIntro: 'It started or renewed less than 7 days ago, so it can be canceled now with a prorated refund.',
    paid: 'Paid for this term',
    refund: 'Refund now (prorated)',
    kept: 'Kept for the days used',
    removeConfirm: 'Remove and refund',
    offTitle: 'Turn off recurring billing for {addon}?',
    offIntro: 'It stays active until {date}, then ends. It won’t be charged again.',
    cancels: 'Cancels the change scheduled for renewal',
    offConfirm: 'Turn off recurring billing',
    onTitle: 'Turn on recurring billing for {addon}?',
    onIntro: 'It will renew on {date} for another term, at the list price.',
    onConfirm: 'Turn on recurring billing',
    supportTitle: 'Open a support request to remove {addon}?',
    supportIntro: 'This add-on is part of its subscription (bought before December 1, 2015), so an admin can’t remove it. Microsoft support can.',
    topic: 'Request',
    topicValue: 'Remove {addon} from {subscription}',
    supportConfirm: 'Open support request',
    keep: 'Cancel',
  },
  outcome: {
    newQuantity: 'New quantity',
    refund: 'Refund',
    charged: 'Charged now',
    supportRequest: 'Support request',
    canceledChange: 'Canceled scheduled change',
  },
  availability: {
    ownTitle: 'Add-ons your subscriptions support',
    ownIntro: 'Grouped by subscription, with what you already have.',
    ownEmpty: 'You don’t have an active subscription that supports add-ons.',
    planTitle: 'Add-ons for {plan}',
    questionTitle: 'Is {addon} available on {plan}?',
    addonTitle: 'Where can {addon} be added?',
    addonIntro: '{addon} can be added to: {plans}.',
    yourEligible: 'Your subscriptions that can take it',
    noneEligible: 'None of your active subscriptions can take it.',
    owned: 'Already bought: {quantity}',
    canAdd: 'Available',
    buy: 'Buy',
  },
};

export const MANAGE_FR: ManageTexts = {
  common: {
    previous: 'Précédent',
    next: 'Suivant',
    cancel: 'Annuler',
    addon: 'Module complémentaire',
    subscription: 'Pour l’abonnement',
    quantity: 'Quantité',
    assigned: 'Attribuées',
    frequency: 'Fréquence de facturation',
    recurringBilling: 'Facturation récurrente',
    renewsOn: 'Renouvellement le',
    endsOn: 'Se termine le',
    scheduled: 'Prévu au renouvellement',
    scheduledValue: '{quantity} le {date}',
    on: 'Activée',
    off: 'Désactivée',
    kind: 'Type',
    kinds: { traditional: 'Traditionnel (inclus dans son abonnement)', standalone: 'Autonome' },
    pageSummary: 'Page {page} sur {pages}',
  },
  addons: {
    title: 'Vos abonnements et modules complémentaires',
    intro: 'Chaque abonnement avec ses modules. Utilisez les boutons sous un module pour le modifier.',
    introReadOnly: 'Chaque abonnement avec ses modules.',
    empty: 'Vous n’avez aucun abonnement actif.',
    noAddons: 'Aucun module complémentaire',
    readOnlyNote: 'Seul un administrateur général ou un administrateur de facturation peut modifier les quantités, supprimer des modules ou changer la facturation récurrente.',
    otherGroup: 'Autres modules',
    changeQuantity: 'Modifier la quantité',
    addRemoveLicenses: 'Ajouter ou supprimer des licences',
    remove: 'Supprimer',
    turnOff: 'Désactiver la facturation récurrente',
    turnOn: 'Activer la facturation récurrente',
    orders: 'Mes commandes',
  },
  orders: {
    title: 'Vos commandes',
    intro: 'Les plus récentes d’abord.',
    empty: 'Aucune commande pour le moment. Tapez acheter pour acheter un module.',
    orderTitle: '{orderId} · {date}',
    amount: 'Montant',
    placedBy: 'Passée par',
    pageSummary: 'Page {page}',
    addons: 'Mes modules',
  },
  picker: {
    quantity: 'Quel module complémentaire voulez-vous modifier ?',
    remove: 'Quel module complémentaire voulez-vous supprimer ?',
    recurringOff: 'Quel module ne doit plus se renouveler ?',
    recurringOn: 'Quel module doit de nouveau se renouveler ?',
  },
  changeQuantity: {
    titleTraditional: 'Modifier la quantité du module {addon}',
    titleStandalone: 'Ajouter ou supprimer des licences : {addon}',
    subtitle: 'Pour {subscription}',
    note: {
      more: 'Une hausse est facturée maintenant, au prorata jusqu’au {date}.',
      fewer: 'Une baisse s’applique maintenant avec remboursement seulement dans les 7 jours suivant l’achat ou le renouvellement, sinon au renouvellement.',
      fewerOff: 'La facturation récurrente est désactivée : le total ne peut pas être réduit tant qu’elle n’est pas réactivée.',
    },
    newTotal: 'Nouveau total ({unit})',
    placeholder: 'Nouveau total',
    error: 'Entrez un nombre entier de {min} à {max}.',
    review: 'Vérifier la modification',
  },
  confirm: {
    quantityTitle: 'Confirmez la nouvelle quantité du module {addon}',
    quantityIntroNow: 'La modification s’applique maintenant. Le montant ci-dessous est calculé au prorata jusqu’à la fin de la période, le {date}.',
    quantityIntroRenewal: 'Plus de 7 jours se sont écoulés depuis le début ou le renouvellement de cet abonnement : la baisse s’appliquera au renouvellement, le {date}.',
    from: 'Quantité actuelle',
    to: 'Nouvelle quantité',
    chargedNow: 'Facturé maintenant (au prorata)',
    refundedNow: 'Remboursé maintenant (au prorata)',
    takesEffect: 'S’applique le',
    nothingNow: 'Rien n’est facturé ni remboursé maintenant.',
    quantityConfirm: 'Confirmer la modification',
    removeTitle: 'Supprimer le module {addon} ?',
    removeIntro: 'Ce module a commencé ou a été renouvelé il y a moins de 7 jours : il peut être annulé maintenant avec un remboursement au prorata.',
    paid: 'Payé pour cette période',
    refund: 'Remboursement (au prorata)',
    kept: 'Conservé pour les jours utilisés',
    removeConfirm: 'Supprimer et rembourser',
    offTitle: 'Désactiver la facturation récurrente du module {addon} ?',
    offIntro: 'Ce module reste actif jusqu’au {date}, puis se termine. Il ne sera plus facturé.',
    cancels: 'Annule la modification prévue au renouvellement',
    offConfirm: 'Désactiver la facturation récurrente',
    onTitle: 'Activer la facturation récurrente du module {addon} ?',
    onIntro: 'Ce module se renouvellera le {date} pour une nouvelle période, au prix catalogue.',
    onConfirm: 'Activer la facturation récurrente',
    supportTitle: 'Ouvrir une demande de support pour supprimer le module {addon} ?',
    supportIntro: 'Ce module fait partie de son abonnement (acheté avant le 1er décembre 2015) : un administrateur ne peut pas le supprimer. Le support Microsoft le peut.',
    topic: 'Demande',
    topicValue: 'Supprimer le module {addon} de {subscription}',
    supportConfirm: 'Ouvrir la demande de support',
    keep: 'Annuler',
  },
  outcome: {
    newQuantity: 'Nouvelle quantité',
    refund: 'Remboursement',
    charged: 'Facturé maintenant',
    supportRequest: 'Demande de support',
    canceledChange: 'Modification prévue annulée',
  },
  availability: {
    ownTitle: 'Modules compatibles avec vos abonnements',
    ownIntro: 'Par abonnement, avec ce que vous avez déjà.',
    ownEmpty: 'Vous n’avez aucun abonnement actif compatible avec des modules complémentaires.',
    planTitle: 'Modules complémentaires pour {plan}',
    questionTitle: 'Le module {addon} est-il disponible sur {plan} ?',
    addonTitle: 'À quoi peut-on ajouter le module {addon} ?',
    addonIntro: 'Le module {addon} peut être ajouté à : {plans}.',
    yourEligible: 'Vos abonnements qui peuvent le recevoir',
    noneEligible: 'Aucun de vos abonnements actifs ne peut le recevoir.',
    owned: 'Déjà acheté : {quantity}',
    canAdd: 'Disponible',
    buy: 'Acheter',
  },
};

export const MANAGE_CARD_TEXTS: Readonly<Record<Language, ManageTexts>> = { en: MANAGE_EN, fr: MANAGE_FR };
