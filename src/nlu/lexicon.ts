// Word lists the recognizer needs besides the catalog: recognizer-only product synonyms, number words, unit nouns,
// and the function words that tell English from French. Everything here is normalized the way normalizeName
// normalizes (lower case, no accents, punctuation turned into spaces).
import type { AddonId, PlanId } from '../domain/ids.js';

/**
 * Names people use that the catalog does not list (src/domain is not ours to edit; these are reported upstream as
 * aliases the catalog could adopt). Only the recognizer reads them.
 */
export const EXTRA_ADDON_NAMES: ReadonlyArray<readonly [string, AddonId]> = [
  // Written as one word, like the French "audioconférence".
  ['audioconferencing', 'audio-conferencing'],
  ['audio conferences', 'audio-conferencing'],
  ['pstn conference', 'audio-conferencing'],
  // "Téléphonie Teams", "système de téléphonie": what French admins call Phone System.
  ['telephonie', 'phone-system'],
  ['systeme de telephonie', 'phone-system'],
  ['teams phone system', 'phone-system'],
  // Short forms.
  ['compliance', 'advanced-compliance'],
  ['conformite', 'advanced-compliance'],
  ['archive', 'exchange-online-archiving'],
  ['archivage en ligne', 'exchange-online-archiving'],
  ['protection contre les menaces', 'advanced-threat-protection'],
  ['credits de communications', 'communications-credits'],
];

export const EXTRA_PLAN_NAMES: ReadonlyArray<readonly [string, PlanId]> = [
  // "Audioconférence" split in two, which the catalog's single-word French alias does not cover.
  ['e5 sans audio conference', 'o365-e5-no-audio-conferencing'],
  ['office 365 e5 sans audio conference', 'o365-e5-no-audio-conferencing'],
  ['e5 without audio conference', 'o365-e5-no-audio-conferencing'],
  ['e5 no audio conferencing', 'o365-e5-no-audio-conferencing'],
  // Without these, "Office 365 Business Basic" would read as the old name "Office 365 Business" (Apps for business)
  // followed by a stray "Basic".
  ['office 365 business basic', 'm365-business-basic'],
  ['o365 business basic', 'm365-business-basic'],
  ['office 365 business standard', 'm365-business-standard'],
  ['o365 business standard', 'm365-business-standard'],
  ['m365 apps', 'm365-apps-for-business'],
  ['sharepoint p1', 'sharepoint-online-plan-1'],
  ['sharepoint p2', 'sharepoint-online-plan-2'],
  ['sharepoint online p1', 'sharepoint-online-plan-1'],
  ['sharepoint online p2', 'sharepoint-online-plan-2'],
];

/** Two-word spellings folded into one token before anything else looks at the words. */
export const JOINED_WORDS: ReadonlyMap<string, string> = new Map([
  ['add on', 'addon'],
  ['add ons', 'addons'],
  ['add in', 'addon'],
  ['re enable', 'reenable'],
  ['re activate', 'reactivate'],
  ['re activer', 'reactiver'],
  ['auto renewal', 'autorenew'],
  ['auto renew', 'autorenew'],
  ['never mind', 'nevermind'],
]);

/** Number words handed to the number recognizer (with the connectors that may sit inside a number). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  // English
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
  'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'dozen', 'billion', 'billions', 'trillion', 'trillions',
  'quadrillion', 'quadrillions', 'quintillion', 'quintillions',
  // French
  'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze',
  'seize', 'vingt', 'vingts', 'trente', 'quarante', 'cinquante', 'soixante', 'cent', 'cents', 'mille', 'millions',
  'douzaine', 'milliard', 'milliards', 'billiard', 'billiards',
]);

/** Words that multiply: "a hundred", "un million", "une douzaine" are numbers, a bare "a" or "une" is an article. */
export const MULTIPLIER_WORDS: ReadonlySet<string> = new Set([
  'hundred', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'dozen', 'cent', 'mille', 'millions', 'milliard', 'billiard', 'douzaine',
]);

/** Articles that mean one when they stand right before a unit noun ("une licence", "a license"). */
export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'un', 'une']);

/** Connectors allowed inside a spelled-out number: "one hundred and twenty", "vingt et un". */
export const NUMBER_CONNECTORS: ReadonlySet<string> = new Set(['and', 'et']);

/** What a quantity counts: "a" or "une" right before one of these means one ("une licence"). */
export const UNIT_NOUNS: ReadonlySet<string> = new Set([
  'license', 'licenses', 'licence', 'licences', 'seat', 'seats', 'user', 'users', 'people', 'person', 'gb', 'go', 'gigabytes',
  'gigaoctets', 'utilisateur', 'utilisateurs', 'poste', 'postes', 'siege', 'sieges', 'personnes', 'credit', 'credits',
]);

/** A number right before a unit noun or one of these is more likely the quantity than another number in the sentence. */
export const QUANTITY_FOLLOWERS: ReadonlySet<string> = new Set([...UNIT_NOUNS, 'more', 'extra', 'additional', 'supplementaires', 'de', 'of']);

/** After these a number is a duration, a price, a percentage or an ordinal: never a quantity. */
export const NOT_QUANTITY_AFTER: ReadonlySet<string> = new Set([
  'day', 'days', 'jour', 'jours', 'month', 'months', 'mois', 'year', 'years', 'an', 'ans', 'annee', 'annees', 'hour', 'hours',
  'heure', 'heures', 'minute', 'minutes', 'week', 'weeks', 'semaine', 'semaines', 'percent', 'pourcent', 'dollars', 'dollar',
  'euros', 'euro', 'usd', 'eur', 'st', 'nd', 'rd', 'th', 'er', 're', 'eme', 'e', 'am', 'pm', 'h',
]);
export const NOT_QUANTITY_BEFORE: ReadonlySet<string> = new Set(['usd', 'eur', 'page', 'step', 'etape', 'version', 'v']);

/** Words that mark the target of a change: "from 10 to 20", "de 10 à 20". */
export const TARGET_MARKERS: ReadonlySet<string> = new Set(['to', 'a', 'au']);

/** Function words and common verbs of each language, for telling them apart. Product names are not counted. */
export const FRENCH_WORDS: ReadonlySet<string> = new Set([
  'je', 'j', 'tu', 'il', 'elle', 'nous', 'vous', 'ils', 'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'au', 'aux',
  'et', 'ou', 'mes', 'mon', 'ma', 'nos', 'notre', 'votre', 'vos', 'pour', 'avec', 'sans', 'sur', 'dans', 'par', 'est', 'sont',
  'ce', 'c', 'que', 'qu', 'qui', 'quels', 'quel', 'quelle', 'quelles', 'pas', 'ne', 'n', 'plus', 'moins', 'voudrais', 'veux',
  'souhaite', 'aimerais', 'besoin', 'faut', 'acheter', 'achat', 'achats', 'ajouter', 'rajouter', 'commander', 'commande',
  'commandes', 'modifier', 'changer', 'supprimer', 'annuler', 'annule', 'resilier', 'retirer', 'enlever', 'reduire',
  'augmenter', 'diminuer', 'baisser', 'ajuster', 'passer', 'licences', 'licence', 'modules', 'module', 'complementaire',
  'complementaires', 'abonnement', 'abonnements', 'facturation', 'periodique', 'recurrente', 'renouvellement',
  'automatique', 'desactiver', 'desactive', 'activer', 'reactiver', 'arreter', 'couper', 'remettre', 'retablir',
  'disponible', 'disponibles', 'dispo', 'disponibilite', 'prend', 'prennent', 'pris', 'charge', 'permet', 'bonjour', 'salut',
  'bonsoir', 'coucou', 'merci', 'aide', 'aidez', 'retour', 'retourner', 'precedent', 'precedente', 'revenir', 'arriere',
  'etape', 'oui', 'non', 'svp', 'stp', 'francais', 'anglais', 'parle', 'parler', 'mois', 'annuel', 'annuelle',
  'annuellement', 'mensuel', 'mensuelle', 'mensuellement', 'afficher', 'montre', 'montrer', 'moi', 'liste', 'demandes',
  'demande', 'attente', 'approuver', 'approbations', 'historique', 'puis', 'peux', 'peut', 'faire', 'comment', 'ca', 'marche',
  'quantite', 'nombre', 'utilisateurs', 'postes', 'laisse', 'tomber', 'oublie', 'abandonner', 'prends', 'paiement',
  'facture', 'mensuellement', 'actuels', 'dernieres', 'passees', 'heure', 'quoi', 'accord', 'suis', 'reunion', 'mot', 'passe',
  'reinitialiser', 'meteo', 'desabonner', 'offres', 'organisation', 'entreprise', 'autorise', 'plait', 'ai', 'avons',
  'avoir', 'aimerais', 'souhaiterais', 'voulons', 'achete', 'ajoute', 'supprime', 'modifie', 'retire', 'enleve', 'resilie',
  'affiche', 'montrez', 'change', 'augmente', 'reduis', 'diminue', 'baisse', 'mettre', 'veuillez', 'merci', 'combien',
  'coute', 'prix', 'bon', 'parfait', 'stoppe', 'arrete', 'arretez', 'arretons', 'annulez', 'ma', 'ta', 'sa', 'ses', 'leur', 'leurs', 'cette', 'cet', 'ces', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'cent', 'deux',
  'trois', 'quatre', 'cinq', 'douze', 'quinze', 'mille', 'rappels', 'rappel', 'rappelle', 'rappeler', 'relance', 'relances',
  'relancer', 'recommence', 'renouvelle', 'renouvellent', 'renouveler', 'renouvellements', 'prochains', 'prochaines',
  'echeance', 'echeances', 'coutent', 'depense', 'depensons', 'depenses', 'payons', 'cout', 'couts', 'reactive', 'alertes',
]);

export const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'i', 'you', 'we', 'my', 'our', 'me', 'the', 'a', 'an', 'to', 'for', 'of', 'in', 'is', 'are', 'does', 'do', 'did', 'can',
  'could', 'would', 'what', 'which', 'how', 'please', 'want', 'need', 'like', 'buy', 'purchase', 'get', 'add', 'order',
  'orders', 'change', 'remove', 'delete', 'cancel', 'turn', 'off', 'switch', 'billing', 'recurring', 'renewal', 'renew',
  'autorenew', 'show', 'list', 'help', 'back', 'previous', 'hello', 'hi', 'hey', 'thanks', 'licenses', 'license',
  'users', 'seats', 'available', 'support', 'with', 'from', 'and', 'this', 'that', 'it', 'have', 'yearly', 'monthly',
  'annual', 'annually', 'per', 'year', 'month', 'english', 'subscription', 'subscriptions', 'quantity', 'number', 'increase',
  'reduce', 'decrease', 'more', 'fewer', 'history', 'requests', 'pending', 'approvals', 'nevermind', 'forget', 'be', 'will', 'should', 'your', 'its', 'there', 'weather', 'today', 'tell', 'joke', 'reset', 'password', 'who', 'ok',
  'thank', 'addon', 'addons', 'enable', 'disable', 'turn', 'step', 'speak', 'language', 'morning', 'people', 'paid',
  'billed', 'some', 'set', 'update', 'lower', 'plans', 'supported', 'work', 'allow', 'eligible', 'bought', 'recent', 'past',
  'waiting', 'approval', 'awaiting', 'mind', 'bot', 'ten', 'twenty', 'thirty', 'forty', 'fifty', 'hundred', 'thousand',
  'one', 'two', 'three', 'five', 'twelve', 'fifteen', 'rid', 'unsubscribe', 'drop', 'terminate', 'get', 'don', 'not',
  'reminders', 'reminder', 'remind', 'nudges', 'nudging', 'renewals', 'renews', 'renewing', 'upcoming', 'spend', 'spending',
  'cost', 'costs', 'paying', 'much', 'start', 'again', 'anymore',
]);

/**
 * Common words the spelling corrector must leave alone: they are real words, so "correcting" them into a nearby
 * product or intent word would invent meaning ("mais" is not a typo for "mois").
 */
export const PROTECTED_WORDS: readonly string[] = [
  'license', 'licenses', 'licence', 'licences', 'seat', 'seats', 'user', 'users', 'utilisateur', 'utilisateurs', 'poste',
  'postes', 'people', 'personnes', 'mais', 'plus', 'tous', 'tout', 'toutes', 'avoir', 'etre', 'this', 'that', 'them', 'then',
  'there', 'these', 'those', 'have', 'from', 'with', 'what', 'when', 'where', 'will', 'would', 'should', 'could', 'your',
  'yours', 'they', 'their', 'here', 'just', 'also', 'only', 'some', 'more', 'most', 'much', 'many', 'very', 'into', 'onto',
  'about', 'after', 'before', 'again', 'today', 'now', 'weather', 'password', 'joke', 'tell', 'reset', 'thanks', 'thank',
  'please', 'merci', 'heure', 'meteo', 'reunion', 'accord', 'quoi', 'suis', 'jour', 'jours', 'days', 'month', 'months',
  'year', 'years', 'week', 'weeks', 'dollars', 'euros', 'people', 'person', 'team', 'teams', 'company', 'organisation',
  'organization', 'tenant', 'admin', 'card', 'cards', 'payment', 'invoice', 'price', 'cost', 'costs', 'prix', 'combien',
  'carte', 'paiement', 'facture', 'need', 'want', 'like', 'does', 'done', 'make', 'take', 'give', 'gives', 'send', 'sent',
  'mine', 'ours', 'same', 'other', 'others', 'autre', 'autres', 'comme', 'avec', 'sans', 'dans', 'sous', 'chez', 'entre',
  'vers', 'pendant', 'depuis', 'encore', 'deja', 'aussi', 'bien', 'tres', 'trop', 'peu', 'beaucoup', 'faire', 'fait',
  'dire', 'voir', 'vois', 'sais', 'savoir', 'veut', 'veulent', 'vouloir', 'pouvoir', 'doit', 'dois', 'devoir', 'mettre',
  'office', 'microsoft', 'exchange', 'online', 'skype', 'business', 'plan', 'plans', 'gigabytes', 'gigaoctets',
  'weekly', 'daily', 'hourly', 'hebdomadaire', 'quotidien', 'last', 'next', 'dernier', 'derniere', 'prochain',
  // Frequent English words one edit away from a word we act on ("power" is not "lower", "cost" not "post").
  'power', 'tower', 'mower', 'slower', 'flower', 'lover', 'cover', 'over', 'even', 'ever', 'never', 'every', 'very', 'vary',
  'word', 'work', 'works', 'world', 'worth', 'would', 'wood', 'good', 'food', 'mood', 'need', 'seed', 'feed', 'read', 'ready',
  'real', 'really', 'deal', 'meal', 'well', 'will', 'wall', 'tall', 'call', 'calls', 'called', 'fall', 'full', 'pull',
  'push', 'post', 'most', 'host', 'lost', 'list', 'lists', 'last', 'least', 'less', 'lest', 'best', 'test', 'rest', 'west',
  'text', 'next', 'note', 'notes', 'vote', 'quote', 'quotes', 'code', 'mode', 'node', 'nose', 'rose', 'lose', 'close',
  'those', 'these', 'thing', 'things', 'think', 'thank', 'thanks', 'bank', 'book', 'look', 'looks', 'took', 'cook', 'hook',
  'line', 'fine', 'mine', 'nine', 'time', 'times', 'home', 'come', 'some', 'same', 'game', 'name', 'names', 'came', 'made',
  'make', 'take', 'bake', 'sake', 'wake', 'fake', 'like', 'bike', 'hike', 'mike', 'site', 'sites', 'bite', 'kite', 'write',
  'white', 'while', 'whole', 'hole', 'pole', 'role', 'roles', 'rule', 'rules', 'user', 'used', 'uses', 'using', 'useful',
  'sure', 'pure', 'cure', 'care', 'card', 'hard', 'yard', 'word', 'form', 'forms', 'from', 'farm', 'firm', 'term', 'terms',
  'team', 'teams', 'tear', 'year', 'near', 'hear', 'here', 'there', 'where', 'were', 'wire', 'hire', 'fire', 'file', 'files',
  'mile', 'tile', 'pile', 'data', 'date', 'dates', 'late', 'later', 'rate', 'rates', 'gate', 'hate', 'mate', 'state',
  'status', 'start', 'started', 'stay', 'play', 'pay', 'paid', 'pays', 'days', 'ways', 'says', 'said', 'sale', 'sales',
  'tale', 'male', 'mail', 'email', 'emails', 'nail', 'tail', 'fail', 'failed', 'error', 'errors', 'issue', 'issues',
  'problem', 'problems', 'question', 'questions', 'answer', 'account', 'accounts', 'contract', 'contracts', 'renewed',
  'expire', 'expires', 'expired', 'expiry', 'trial', 'free', 'tree', 'three', 'there', 'their', 'other', 'mother', 'brother',
  'either', 'neither', 'whether', 'weather', 'leather', 'feather', 'father', 'rather', 'gather', 'together', 'better',
  'letter', 'letters', 'matter', 'latter', 'bitter', 'butter', 'twitter', 'outlook', 'sharepoint', 'onedrive', 'intune',
  'azure', 'windows', 'defender', 'visio', 'project', 'power', 'dynamics', 'copilot', 'licensing', 'manage', 'managed',
  // Frequent French words one edit away from a word we act on.
  'avons', 'avez', 'ont', 'sont', 'etes', 'sommes', 'fait', 'faits', 'faite', 'dit', 'dire', 'mettre', 'met', 'mets',
  'prix', 'tarif', 'tarifs', 'cout', 'couts', 'coute', 'coutent', 'facture', 'factures', 'devis', 'contrat', 'essai',
  'gratuit', 'compte', 'comptes', 'utilise', 'utiliser', 'utilisons', 'personne', 'chose', 'choses', 'temps', 'fois',
  'jour', 'nuit', 'matin', 'soir', 'semaine', 'annees', 'heures', 'minutes', 'equipe', 'equipes', 'societe', 'entreprise',
  'service', 'services', 'client', 'clients', 'question', 'questions', 'reponse', 'probleme', 'problemes', 'erreur',
  'erreurs', 'merci', 'beaucoup', 'parfait', 'super', 'genial', 'cool', 'bon', 'bonne', 'bien', 'mal', 'vrai', 'faux',
  'ici', 'voici', 'voila', 'alors', 'donc', 'car', 'mais', 'ou', 'quand', 'pourquoi', 'comment', 'combien', 'lequel',
  'laquelle', 'lesquels', 'dont', 'chaque', 'tous', 'toute', 'quelque', 'quelques', 'plusieurs', 'certains', 'aucun',
  'aucune', 'rien', 'personne', 'seul', 'seule', 'meme', 'memes', 'autre', 'nouveau', 'nouvelle', 'nouveaux', 'ancien',
  'ancienne', 'actuel', 'actuelle', 'prochaine', 'suivant', 'suivante', 'premier', 'premiere', 'second', 'seconde',
  'puissance', 'pouvoir', 'prendre', 'donner', 'envoyer', 'recevoir', 'trouver', 'chercher', 'savoir', 'connaitre',
  'penser', 'croire', 'sembler', 'rester', 'partir', 'venir', 'arriver', 'entrer', 'sortir', 'ouvrir', 'fermer',
];
