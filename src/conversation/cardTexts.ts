// The fixed texts of the welcome and help cards in English and French: what every flow answers to "help" and a new
// install. The templates hold no words; these fill them.
import type { HelpCardData, WelcomeCardData } from '../cards/data/conversation.js';
import type { Language } from '../domain/ids.js';

export interface ConversationCardTexts {
  readonly welcome: WelcomeCardData;
  readonly help: HelpCardData;
}

const EN: ConversationCardTexts = {
  welcome: {
    title: 'Welcome to Add-on Assistant',
    intro: 'I help Microsoft 365 admins buy and manage subscription add-ons right here in Teams: extra file storage, '
      + 'Audio Conferencing, Phone System, calling plans and more. Global and billing admins can buy; anyone can ask '
      + 'which add-ons a plan supports or request a purchase.',
    examplesHeading: 'Try typing:',
    examples: [
      'buy storage add-on',
      'buy 10 Audio Conferencing licenses for E3, billed yearly',
      'which add-ons does my plan support?',
      'my add-ons',
    ],
    footer: 'Type help at any time, cancel to stop, or français to switch to French.',
    labels: { buy: 'Buy an add-on', addons: 'My add-ons', help: 'Help' },
  },
  help: {
    title: 'What I can do',
    intro: 'Type what you want in your own words. A few examples:',
    sections: [
      { heading: 'Buy', lines: ['buy storage add-on', 'buy 10 Phone System licenses for E5, billed monthly'] },
      { heading: 'Change or remove', lines: [
        'add 5 Audio Conferencing licenses', 'remove Extra File Storage', 'turn off recurring billing for Phone System',
      ] },
      { heading: 'Ask', lines: [
        'which add-ons does my plan support?', 'is MyAnalytics available on Business Basic?', 'my add-ons', 'my orders', 'my requests',
      ] },
      { heading: 'Renewals, costs and reminders', lines: [
        'what renews this month?', 'how much do we spend on add-ons?',
        'stop reminders', 'start reminders',
      ] },
    ],
    hintsHeading: 'At any step',
    hints: ['cancel: stop what we are doing', 'back: go back one step', 'help: show this card'],
    languageHint: 'Type français to switch to French, or English to switch back.',
    labels: { buy: 'Buy an add-on', addons: 'My add-ons' },
  },
};

const FR: ConversationCardTexts = {
  welcome: {
    title: 'Bienvenue dans Add-on Assistant',
    intro: 'J’aide les administrateurs Microsoft 365 à acheter et gérer les modules complémentaires de leurs abonnements, '
      + 'directement dans Teams : stockage supplémentaire, audioconférence, Système téléphonique, forfaits d’appels, etc. '
      + 'Les administrateurs généraux et de facturation peuvent acheter ; tout le monde peut demander quels modules un '
      + 'plan prend en charge ou demander un achat.',
    examplesHeading: 'Essayez de taper :',
    examples: [
      'acheter du stockage supplémentaire',
      'acheter 10 licences d’audioconférence pour E3, facturation annuelle',
      'quels modules complémentaires pour E3 ?',
      'mes modules',
    ],
    footer: 'Tapez aide à tout moment, annuler pour arrêter, ou English pour passer à l’anglais.',
    labels: { buy: 'Acheter un module', addons: 'Mes modules', help: 'Aide' },
  },
  help: {
    title: 'Ce que je sais faire',
    intro: 'Écrivez ce que vous voulez avec vos mots. Quelques exemples :',
    sections: [
      { heading: 'Acheter', lines: ['acheter du stockage supplémentaire', 'acheter 10 licences Système téléphonique pour E5, facturation mensuelle'] },
      { heading: 'Modifier ou supprimer', lines: [
        'ajouter 5 licences d’audioconférence', 'supprimer le stockage supplémentaire',
        'désactiver la facturation récurrente du Système téléphonique',
      ] },
      { heading: 'Demander', lines: [
        'quels modules complémentaires pour E3 ?', 'MyAnalytics est-il disponible sur Business Basic ?', 'mes modules', 'mes commandes', 'mes demandes',
      ] },
      { heading: 'Renouvellements, coûts et rappels', lines: [
        'qu’est-ce qui se renouvelle ce mois-ci ?', 'combien coûtent nos modules ?',
        'arrête les rappels', 'réactive les rappels',
      ] },
    ],
    hintsHeading: 'À chaque étape',
    hints: ['annuler : arrêter ce que nous faisons', 'retour : revenir à l’étape précédente', 'aide : afficher cette carte'],
    languageHint: 'Tapez English pour passer à l’anglais, ou français pour revenir au français.',
    labels: { buy: 'Acheter un module', addons: 'Mes modules' },
  },
};

export const CONVERSATION_CARD_TEXTS: Readonly<Record<Language, ConversationCardTexts>> = { en: EN, fr: FR };
