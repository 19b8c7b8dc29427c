// The recognizer's pattern tables: which phrases give which intent, and which give a billing frequency. The
// little pattern language is compiled in ./patternLanguage.ts.
import type { Intent } from './intents.js';

// ---------------------------------------------------------------------------------------------------------------
// Intent patterns.
//
// A pattern is a sequence of items separated by spaces, matched against the corrected words:
//   word        that word;                     a|b|c   one of them;          licen*   any word starting with "licen";
//   item?       optional;                      …       zero to four words;   ^ / $    start / end of the utterance;
//   xaddon / xplan / xnum   an add-on name, a plan name, a number.
// An intent scores the weight of its best matching pattern. Weights say how specific a phrase is: "turn off
// recurring billing" (4) beats "cancel … Phone System" (3), which beats a bare "cancel" (1), so "cancel Phone
// System" is remove while "cancel" alone is cancel. Equal scores go to the intent listed first in PRIORITY.
// ---------------------------------------------------------------------------------------------------------------

export interface RuleGroup {
  readonly intent: Exclude<Intent, 'none'>;
  readonly weight: number;
  readonly en: readonly string[];
  readonly fr: readonly string[];
}

const OFF_VERBS_FR = 'desactiver|desactive|desactivez|arreter|arrete|arretez|stopper|stoppe|couper|coupe|annuler|annule|suspendre|supprimer';
const ON_VERBS_FR = 'activer|active|activez|reactiver|reactive|reactivez|remettre|remets|retablir|retablis|relancer|reprendre';
const RENEWAL = 'billing|renewal|renew|renewing|autorenew|renewals';
const RENEWAL_FR = 'facturation|renouvellement|reconduction';
const CANCEL_EN = 'cancel|stop|quit|abort|exit|nevermind';
const CANCEL_FR = 'annuler|annule|annulez|stop|stopper|stoppe|arreter|arrete|arretons|abandonner|abandonne|abandon';
/** Determiners that may sit before a plan name: "to our E3 subscription", "avec notre E3". Used as an optional item. */
const DET = 'my|our|the|a|an|mon|ma|notre|nos|mes|le|la|l|un|une';
const REMINDERS = 'reminders|reminder|nudges|nudge|notifications|notification|alerts|alert|pings';
const REMINDERS_FR = 'rappels|rappel|relances|relance|notifications|notification|alertes|alerte';
/** "remind", "relancer": the verbs of reminding, as in "don't remind me", "ne me relance plus". */
const REMIND_VERBS = 'remind|reminding|nudge|nudging|notify|notifying|ping|pinging|bug|bugging|nag|nagging';
const REMIND_VERBS_FR = 'rappelle|rappelles|rappelez|rappeler|relance|relances|relancez|relancer|notifie|notifiez|notifier';
const RENEWS_EN = 'renew|renews|renewing|renewed|renewals|renewal';
const RENEWS_FR = 'renouvelle|renouvellent|renouveler|renouvele|renouveles|renouvelee|renouvelees|renouvellera|renouvelleront|reconduit|reconduits|reconduisent';
const COSTS_EN = 'spend|spending|spent|cost|costs|costing|pay|paying|paid|bill|charged';
const COSTS_FR = 'coute|coutent|coutera|couteront|payons|payez|paye|payer|depense|depensons|depensez|depenser|depenses|facture|factures';

export const RULES: readonly RuleGroup[] = [
  // Reminders ("stop reminders", "ne me relance plus"): above recurring billing, so "stop renewal reminders" is about
  // the reminders and not the renewal.
  { intent: 'reminders_off', weight: 4.5,
    en: [`stop|disable|mute|silence|pause|cancel|end|quit|kill|block|unsubscribe|no|without … ${REMINDERS}`,
      `turn|switch|shut|set … ${REMINDERS} off|of`, `turn|switch|shut off|of … ${REMINDERS}`,
      `don|dont|not|never|stop … ${REMIND_VERBS}`, `${REMINDERS} no more|longer`],
    fr: [`${OFF_VERBS_FR}|stop|cesse|cesser|cessez|plus|pas|sans|fini|assez … ${REMINDERS_FR}`,
      `ne|n … ${REMIND_VERBS_FR} … plus|pas|jamais`, `arreter|arrete|arretez|cesse|cesser|cessez|stop … ${REMIND_VERBS_FR}`] },
  { intent: 'reminders_on', weight: 4.5,
    en: [`start|enable|reenable|activate|reactivate|resume|restart|restore|unmute|unpause|want … ${REMINDERS}`,
      `turn|switch|set … ${REMINDERS} back? on`, `turn|switch|set on … ${REMINDERS}`, `${REMINDERS} back|again`,
      `${REMIND_VERBS} … me|us again`, `${REMIND_VERBS} … me|us … again|anew`],
    fr: [`${ON_VERBS_FR}|remets|reprends|recommence|recommencer|recommencez|veux … ${REMINDERS_FR}`,
      `${REMINDERS_FR} a|de nouveau`, `recommence|recommencer|recommencez|reprends|reprendre … ${REMIND_VERBS_FR}`,
      `${REMIND_VERBS_FR} … a|de nouveau`] },

  // The money at a glance: above availability and the lists ("which subscriptions renew…" names subscriptions).
  { intent: 'renewals', weight: 3.7,
    en: [`what|which|when|anything|something|who … ${RENEWS_EN}`, `upcoming|next|coming|future|pending|due ${RENEWS_EN}`,
      `${RENEWS_EN} … this|next|coming month|week|soon|upcoming|due|calendar|schedule|dates|date`,
      `${RENEWS_EN} due|soon|coming|upcoming`, 'up for renewal', `what|which … expire|expires|expiring|ending|ends … this|next|soon`],
    fr: [`qu|quoi|quels|quel|quelles|quelle|quand|lesquels … ${RENEWS_FR}`,
      `prochains|prochaines|prochain|prochaine … renouvellements|renouvellement|echeances|echeance|reconductions`,
      `renouvellements|renouvellement|echeances|echeance|reconductions … ce|du|prochain|prochaine|mois|semaine|venir|bientot|calendrier|dates`,
      `${RENEWS_FR} … ce|du|mois|semaine|bientot|prochain|prochainement`,
      'se|s renouvelle|renouvellent|renouveler|renouvellera|renouvelleront',
      'quels|quel|quelles|quelle … expire|expirent|arrive|arrivent|termine|terminent … mois|bientot|echeance'] },
  { intent: 'spend', weight: 3.7,
    en: [`how much … ${COSTS_EN}`, `what … ${COSTS_EN}`, `what|whats … total|monthly|yearly|annual|overall … ${COSTS_EN}|spend|costs`,
      'cost|costs|spend|spending|expenses|expense breakdown|overview|summary|report', 'addon|addons|subscription|subscriptions|license cost|costs|spend|spending|bill|expenses',
      `${COSTS_EN}|expenses|budget … on|for … addons|addon|subscriptions|licen*`, 'how expensive', 'how much … money|dollars|euros'],
    fr: [`combien … ${COSTS_FR}|coute|cout|couts`, `qu|que|quoi … ${COSTS_FR}`,
      `cout|couts|depenses|depense|facture|budget … modules|module|abonnements|complements|mensuel|mensuelle|total|totale|licences`,
      'combien … modules|complements|abonnements|licences … mois|an|annee', 'combien … argent|euros|dollars'] },

  // Recurring billing: the most specific phrases, so "cancel auto-renew" is not remove and "stop …" is not cancel.
  { intent: 'recurring_billing_off', weight: 4,
    en: [`turn|switch|set off|of … ${RENEWAL}`, `turn|switch|set … ${RENEWAL} off|of`,
      `stop|disable|deactivate|cancel|end|pause|suspend … recurring|automatic|${RENEWAL}`,
      'don|dont|not|never … renew|autorenew|renewal', 'no recurring|automatic|autorenew'],
    fr: [`${OFF_VERBS_FR} … ${RENEWAL_FR}`, 'ne|pas … renouveler|reconduire|renouvelle|renouvellent|reconduit|reconduisent', 'sans renouvellement|reconduction'] },
  { intent: 'recurring_billing_on', weight: 4,
    en: [`turn|switch|set on … ${RENEWAL}`, `turn|switch|set … ${RENEWAL} back? on for|again|$`,
      `enable|reenable|activate|reactivate|resume|restart|restore … recurring|automatic|${RENEWAL}`],
    fr: [`${ON_VERBS_FR} … ${RENEWAL_FR}`] },

  // Changing the quantity of an add-on the tenant has. "add licenses to X" / "ajouter des licences" is a change,
  // "add X" / "ajouter X" is a purchase.
  { intent: 'change_quantity', weight: 3,
    en: ['change|update|modify|adjust|set|edit … quantity|quantities|number|count|amount',
      'increase|decrease|reduce|lower|raise|bump|augment|expand|shrink|scale',
      'add|remove|drop|cut … licen*|seats|seat|gb', 'more|fewer|less|additional … licen*|seats|seat|users|gb', 'xnum more|extra|additional',
      'more|fewer|less xaddon',
      // "licenses to 50": a target quantity. "30 GB more storage".
      'licen*|seats|seat|users|gb to minus|negative? xnum', 'licen*|seats|seat|users|gb more|fewer|less',
      // "set Phone System to 25 licenses": an add-on set to a number is a new total (even a wrong one: "to minus 5").
      'set xaddon to minus|negative? xnum'],
    fr: ['modifier|modifie|modifiez|changer|change|changez|ajuster|ajuste|mettre|editer … quantite|quantites|nombre|volume',
      'augmenter|augmente|augmentez|reduire|reduis|reduisez|diminuer|diminue|baisser|baisse|augmentation|reduction|diminution',
      'ajouter|ajoute|ajoutez|rajouter|rajoute|retirer|retire|enlever|enleve|supprimer|supprime … licen*|postes|go|utilisateurs',
      'plus|moins de licen*|postes|go', 'passer|passe … a|au moins|negatif? xnum', 'licen*|postes|utilisateurs|go a|au moins|negatif? xnum',
      'licen*|postes|go|xaddon supplementaires', 'licen*|postes|go|xaddon de|en plus|moins', 'plus|moins de|d xaddon'] },
  { intent: 'change_quantity', weight: 2.5, en: ['quantity'], fr: ['quantite'] },

  // Availability questions: "is X available on Y", "which add-ons does my plan support", "quels modules pour E3".
  { intent: 'availability', weight: 3.5,
    en: [`can|could i|we get|buy|add|have|use … with|on|for|to ${DET}? xplan`, 'can xplan have|get|use|support',
      `possible … with|on|for|to ${DET}? xplan`,
      // "add-ons for E3", "modules pour E3": the add-ons a plan allows, not the tenant's own list.
      'addons|addon for|on|with xplan',
      'which|what addon|addons|plans|plan|subscriptions|products … support|supports|allow|allows|include|includes|can|work|are'],
    fr: [`puis|peux|peut|pouvons|pourrais je|on|nous? avoir|acheter|ajouter|obtenir|prendre … avec|sur|pour|a|au|dans ${DET}? xplan`,
      `je|on|nous peux|peut|pouvons avoir|acheter|ajouter|obtenir|prendre … avec|sur|pour|a|au|dans ${DET}? xplan`,
      `possible … avec|sur|pour|a|au|dans ${DET}? xplan`, 'fonctionne|fonctionnent|marche|marchent avec',
      'quels|quel|quelles|quelle modules|module|offres|plans|abonnements|produits … pour|avec|sur|a|au xplan',
      'quels|quel|quelles|quelle modules|module|offres|plans|abonnements … prend|prennent|permet|permettent|supporte|supportent|inclut|incluent',
      'modules|module|complements|complementaires pour|sur|avec xplan'] },
  { intent: 'availability', weight: 3,
    en: ['available|availability|compatible|compatibility|eligible|supported'],
    fr: ['disponible|disponibles|dispo|disponibilite|compatible|compatibles|compatibilite|eligible|eligibles',
      'prend|prennent|pris|prise … en charge',
      // "quels modules complémentaires je peux ajouter": the add-ons one could have (what one has is list_addons).
      'quels|quel|quelles|quelle modules|module|complements|offres … peux|puis|peut|pouvons|existe|existent'] },
  { intent: 'availability', weight: 2.8, en: ['^ which|what addons|addon'], fr: ['^ quels|quel|quelles|quelle modules|complements'] },
  { intent: 'availability', weight: 2.5,
    en: ['support|supports|allow|allows|include|includes|permit', 'work|works with'],
    fr: ['permet|permettent|autorise|inclut|incluent|supporte|supportent|accepte'] },

  // Removing an add-on. "cancel" needs an object here; alone it is the cancel intent.
  { intent: 'remove', weight: 3,
    en: ['cancel|terminate|end|stop|kill|scrap … xaddon|subscription|addon', 'get rid of', 'stop paying|using', 'unsubscribe|uninstall'],
    fr: ['annuler|annule|annulez|stopper|arreter|arrete … xaddon|abonnement|module',
      'desabonner|desabonne|desinscrire|desinstaller', 'ne veux|voulons plus', 'plus besoin', 'ne plus payer'] },
  { intent: 'remove', weight: 2.5,
    en: ['remove|delete|drop|terminate|discontinue|deactivate'],
    fr: ['supprimer|supprime|supprimez|resilier|resilie|resiliez|retirer|retire|enlever|enleve|enlevez|desactiver'] },

  // Lists.
  { intent: 'list_addons', weight: 3,
    en: ['my|our current? addon? addons|subscriptions|products', 'show|list|view|display|see … addons|subscriptions|products',
      'what do i|we have'],
    fr: ['mes|nos modules|abonnements|complements|produits', 'afficher|affiche|montrer|montre|liste|lister|voir|consulter … modules|abonnements|complements',
      'quels|quel|quelles modules|module|abonnements|complements … ai|avons|possede|possedons', 'ai|avons comme modules|abonnements|complements'] },
  // "which add-ons have we bought" names add-ons: the add-ons we have, not the order history.
  { intent: 'list_addons', weight: 3.5, en: ['what|which addons|subscriptions do|have|did i|we'], fr: [] },
  { intent: 'list_orders', weight: 3,
    en: ['my|our|past|recent|previous|last orders|purchases', 'order|orders|purchase|purchases|buying history',
      'show|list|view|display|see … orders|purchases', 'what|which … did|have i|we buy|bought|purchase|purchased|order|ordered'],
    fr: ['mes|nos|dernieres|derniers|anciennes commandes|achats', 'historique … commandes|achats|commande|achat',
      'afficher|affiche|montrer|montre|liste|lister|voir|consulter … commandes|achats', 'quelles|quels commandes|achats'] },
  { intent: 'list_requests', weight: 3,
    en: ['my|our requests|approvals', 'pending|waiting|awaiting approvals|approval|requests|request', 'purchase|approval requests',
      'requests|approvals … approval|approve|pending|waiting|awaiting', 'show|list|view|see … requests|approvals', 'awaiting|waiting|pending … approval'],
    fr: ['mes|nos demandes', 'demandes|demande|approbations|approbation … attente|approuver|approbation|valider|validation',
      'demandes|demande d achat', 'afficher|affiche|montrer|montre|liste|lister|voir … demandes|approbations', 'quelles demandes'] },

  // Buying. Weaker than the phrases above on purpose: "what did I buy" is a list, "can I buy X on E3" availability.
  { intent: 'buy', weight: 2,
    en: ['buy|purchase|acquire|subscribe|procure', 'order … xaddon|xnum', 'sign up', 'add|include … xaddon'],
    fr: ['acheter|achete|achetez|achat|acquerir|souscrire|commander', 'commande … xaddon|xnum', 'ajouter|ajoute|ajoutez|rajouter … xaddon'] },
  { intent: 'buy', weight: 1.5,
    en: ['get|need|want|like|take|give … xaddon'],
    fr: ['veux|voudrais|voudrions|souhaite|souhaiterais|aimerais|besoin|faut|prends|prendre|obtenir|avoir … xaddon'] },

  // Conversation control.
  { intent: 'set_language', weight: 4,
    en: ['^ english|french please? $', 'in english|french', 'speak|talk|reply|answer|respond|write|switch|change|prefer … english|french',
      'change|switch|set … language'],
    fr: ['^ francais|anglais svp|stp|please? $', 'en francais|anglais',
      'parle|parles|parler|parlez|passer|passe|passons|reponds|repondre|ecris|prefere … francais|anglais', 'changer|change … langue'] },
  { intent: 'help', weight: 3,
    en: ['^ help me? please? $', 'what can … do|offer', 'how does this|it work', 'need|want help', 'what are my options'],
    fr: ['^ aide|aidez|aider moi? svp|stp? $', 'aidez|aide moi', 'besoin d aide', 'que|qu peux|pouvez|sais|savez tu|vous faire',
      'comment ca|cela|tu|vous marche|marches|fonctionne|fonctionnes', 'ca|cela marche|fonctionne comment', 'de l aide'] },
  { intent: 'help', weight: 2, en: ['help|assist|assistance|tutorial|commands|options', 'how do i|we'], fr: ['aide|aidez|aider'] },
  { intent: 'back', weight: 3,
    en: ['^ back|previous|prev|undo please? $', 'go|going|step|move back', 'previous step|question|page|screen|one'],
    fr: ['^ retour|precedent|precedente|retourner|revenir svp|stp? $', 'revenir|retourner|retour|reculer … arriere|precedent|precedente',
      'etape|question precedente|precedent', 'en arriere'] },
  // "cancel" on its own (or with "that", "please"…) stops the current flow.
  { intent: 'cancel', weight: 3,
    en: [`^ ${CANCEL_EN} that|it|this|everything|all? please|now? $`, 'nevermind', 'forget it|that|about'],
    fr: [`^ ${CANCEL_FR} tout|ca|cela? svp|stp? $`, '^ annuler|annule s il vous|te plait $', 'laisse|laissez|laissons tomber',
      'oublie|oubliez|oublions ca|cela|tout|$'] },
  { intent: 'cancel', weight: 1, en: [CANCEL_EN], fr: [CANCEL_FR] },
  { intent: 'greeting', weight: 1.5,
    en: ['^ hi|hello|hey|hiya|yo|greetings|howdy', 'good morning|afternoon|evening'],
    fr: ['^ bonjour|salut|bonsoir|coucou|allo', 'bon matin|apres midi'] },
];

/** Tie-break order: the more specific intents first. */
export const PRIORITY: readonly Intent[] = [
  'reminders_off', 'reminders_on', 'renewals', 'spend', 'recurring_billing_off', 'recurring_billing_on', 'change_quantity', 'availability', 'remove', 'list_requests',
  'list_orders', 'list_addons', 'buy', 'set_language', 'help', 'back', 'cancel', 'greeting', 'none',
];

export const FREQUENCY_PATTERNS: ReadonlyArray<readonly ['monthly' | 'yearly', string]> = [
  ['yearly', 'yearly|annual|annually|annuel|annuelle|annuels|annuelles|annuellement'],
  ['yearly', 'per|a|each|every|by year'],
  ['yearly', 'par|chaque an|annee'],
  ['monthly', 'monthly|mensuel|mensuelle|mensuels|mensuelles|mensuellement'],
  ['monthly', 'per|a|each|every|by month'],
  ['monthly', 'par|chaque|au mois'],
  ['monthly', 'month to month'],
];
