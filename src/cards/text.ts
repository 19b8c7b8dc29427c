// The fixed texts cards share in English and French (the templates hold none): the choice card, the order receipt,
// frequencies, units, payment methods, the admin center link; plus small formatters. Each flow's own card texts live
// in its flow. Dialogs fill card data from these; nothing here decides a price or a rule.
import type { UnitKind } from '../domain/catalog.data.js';
import type { Cloud, Frequency, Language } from '../domain/ids.js';
import type { PaymentMethod } from '../domain/model.js';
import { formatNumber } from '../i18n/formats.js';
import { fillTemplate } from '../i18n/text.js';
import { adminCenterLink, type AdminCenterPage, type AdminCenterPurpose } from './adminCenter.js';
import type { AdminCenterAction, ChoiceCardData } from './common.js';
import type { OrderPlacedCardData } from './data/buy.js';

export interface CardTexts {
  readonly choice: ChoiceCardData['labels'] & {
    readonly subscriptionQuestion: string;
    readonly addonQuestion: string;
    /** "{plan}" placeholder. */
    readonly onlyAvailableAddons: string;
  };
  readonly orderPlaced: Omit<OrderPlacedCardData['labels'], 'totalPerPeriod'> & {
    readonly title: string;
  };
  readonly frequencies: Readonly<Record<Frequency, string>>;
  readonly units: Readonly<Record<UnitKind, { readonly one: string; readonly other: string }>>;
  readonly yes: string;
  readonly no: string;
  readonly invoice: string;
  /** "{brand}", "{last4}", "{month}", "{year}" placeholders. */
  readonly card: string;
  readonly adminCenter: { readonly open: string; readonly pages: Readonly<Record<AdminCenterPage, string>> };
}

const EN: CardTexts = {
  choice: {
    placeholder: 'Choose…',
    required: 'Choose one of the options.',
    submit: 'Next',
    cancel: 'Cancel',
    showMore: 'Show more',
    pageSummary: 'Showing {from}–{to} of {total}',
    subscriptionQuestion: 'Which subscription is this add-on for?',
    addonQuestion: 'Which add-on do you want to buy?',
    onlyAvailableAddons: 'Only add-ons available for {plan} are shown.',
  },
  orderPlaced: {
    title: 'Order placed',
    orderNumber: 'Order number',
    addon: 'Add-on',
    baseSubscription: 'For subscription',
    quantity: 'Quantity',
    frequency: 'Billing frequency',
    firstCharge: 'First charge',
    paymentMethod: 'Payment method',
    autoAssign: 'Licenses assigned',
    placedBy: 'Placed by',
    placedAt: 'Placed on',
  },
  frequencies: { monthly: 'Monthly', yearly: 'Yearly' },
  units: { license: { one: 'license', other: 'licenses' }, gb: { one: 'GB', other: 'GB' }, prepaid: { one: 'credit', other: 'credits' } },
  yes: 'Yes',
  no: 'No',
  invoice: 'Invoice',
  card: '{brand} •••• {last4}, expires {month}/{year}',
  adminCenter: { open: 'Open in admin center', pages: { buy_services: 'Buy services', your_products: 'Your products', payment_methods: 'Payment methods', subscriptions: 'Subscriptions' } },
};

const FR: CardTexts = {
  choice: {
    placeholder: 'Choisissez…',
    required: 'Choisissez une des options.',
    submit: 'Suivant',
    cancel: 'Annuler',
    showMore: 'Afficher plus',
    pageSummary: '{from} à {to} sur {total}',
    subscriptionQuestion: 'À quel abonnement voulez-vous ajouter ce module ?',
    addonQuestion: 'Quel module complémentaire voulez-vous acheter ?',
    onlyAvailableAddons: 'Seuls les modules disponibles pour {plan} sont affichés.',
  },
  orderPlaced: {
    title: 'Commande passée',
    orderNumber: 'Numéro de commande',
    addon: 'Module complémentaire',
    baseSubscription: 'Pour l’abonnement',
    quantity: 'Quantité',
    frequency: 'Fréquence de facturation',
    firstCharge: 'Premier prélèvement',
    paymentMethod: 'Mode de paiement',
    autoAssign: 'Licences attribuées',
    placedBy: 'Passée par',
    placedAt: 'Passée le',
  },
  frequencies: { monthly: 'Mensuelle', yearly: 'Annuelle' },
  units: { license: { one: 'licence', other: 'licences' }, gb: { one: 'Go', other: 'Go' }, prepaid: { one: 'crédit', other: 'crédits' } },
  yes: 'Oui',
  no: 'Non',
  invoice: 'Facture',
  card: '{brand} •••• {last4}, expire fin {month}/{year}',
  adminCenter: {
    open: 'Ouvrir dans le Centre d’administration',
    pages: { buy_services: 'Acheter des services', your_products: 'Vos produits', payment_methods: 'Modes de paiement', subscriptions: 'Abonnements' },
  },
};

export const CARD_TEXTS: Readonly<Record<Language, CardTexts>> = { en: EN, fr: FR };

/** Replaces each "{name}" in `text` by params[name] (left as is when absent), with the text engine's French elision. */
export function fill(text: string, params: Readonly<Record<string, string | number>>): string {
  return fillTemplate(text, params);
}

/** "license" / "licenses", "GB", "licence" / "licences"… (French uses the singular for 0 and 1). */
export function unitLabel(unit: UnitKind, quantity: number, language: Language): string {
  const forms = CARD_TEXTS[language].units[unit];
  const plural = language === 'fr' ? Math.abs(quantity) >= 2 : Math.abs(quantity) !== 1;
  return plural ? forms.other : forms.one;
}

/** A product's quantity range as the language writes its numbers: { min: '1', max: '10,000' } / { min: '1', max: '10 000' }. */
export function rangeBounds(range: { readonly min: number; readonly max: number }, language: Language): { min: string; max: string } {
  return { min: formatNumber(range.min, language), max: formatNumber(range.max, language) };
}

/** "10 licenses", "1 000 Go": the quantity formatted for the language, with its unit. */
export function quantityWithUnit(quantity: number, unit: UnitKind, language: Language): string {
  const n = formatNumber(quantity, language);
  return `${n} ${unitLabel(unit, quantity, language)}`;
}

const BRANDS: Readonly<Record<string, string>> = {
  visa: 'Visa', mastercard: 'Mastercard', 'american-express': 'American Express', discover: 'Discover', jcb: 'JCB',
  'diners-club': 'Diners Club', unionpay: 'UnionPay', maestro: 'Maestro',
};

/** "Visa •••• 4242, expires 12/2029" or "Invoice". */
export function paymentMethodTitle(pm: PaymentMethod, language: Language): string {
  const t = CARD_TEXTS[language];
  if (pm.kind === 'invoice') return t.invoice;
  return fill(t.card, { brand: BRANDS[pm.brand] ?? pm.brand, last4: pm.last4, month: String(pm.expMonth).padStart(2, '0'), year: pm.expYear });
}

/** The "Open in admin center" button for the tenant's cloud. */
export function adminCenterAction(cloud: Cloud, language: Language, purpose: AdminCenterPurpose = 'buy'): AdminCenterAction {
  const link = adminCenterLink(cloud, purpose);
  const t = CARD_TEXTS[language].adminCenter;
  return { title: t.open, tooltip: t.pages[link.page], url: link.url };
}
