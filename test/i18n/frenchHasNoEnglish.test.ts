import { strict as assert } from 'node:assert';
import { APPROVAL_TEXTS } from '../../src/flows/approvals/cardTexts.js';
import { CONVERSATION_CARD_TEXTS } from '../../src/conversation/cardTexts.js';
import { MANAGE_FR } from '../../src/conversation/manageCardTexts.js';
import { CARD_TEXTS } from '../../src/cards/text.js';
import { ADDONS, PLANS } from '../../src/domain/catalog.data.js';
import { botMessagesFr } from '../../src/i18n/botMessages.js';
import { BUY_CARD_TEXTS } from '../../src/flows/buy/cardTexts.js';
import { errorMessagesFr } from '../../src/i18n/errorMessages.js';
import { WORDS } from '../../src/i18n/words.js';
import { TURN_TEXTS } from '../../src/turn/texts.js';

/**
 * English words that have no business in a French sentence (whole words, any case). Words both languages write
 * alike ("total", "page", "plan", "active", "on", "or") are left out.
 */
const ENGLISH = [
  'the', 'and', 'your', 'you', 'our', 'with', 'for', 'from', 'this', 'that', 'these', 'will', 'would', 'please', 'is', 'are',
  'was', 'were', 'has', 'have', 'not', 'of', 'to', 'off', 'yes', 'no', 'it', 'we', 'they', 'be', 'by',
  'license', 'licenses', 'order', 'orders', 'billing', 'billed', 'recurring', 'renewal', 'cancel', 'canceled', 'cancelled', 'back',
  'buy', 'purchase', 'quantity', 'price', 'monthly', 'yearly', 'annual', 'month', 'year', 'payment', 'card', 'invoice',
  'subscription', 'subscriptions', 'request', 'requests', 'approve', 'approved', 'reject', 'rejected', 'pending', 'expired',
  'remove', 'change', 'add', 'addon', 'add-on', 'add-ons', 'addons', 'help', 'confirm', 'submit', 'open', 'close',
  'admin', 'center', 'settings', 'error', 'sorry', 'try', 'again', 'later', 'now', 'next', 'previous', 'more', 'less',
  'seats', 'seat', 'user', 'users', 'tenant', 'checkout', 'review', 'details', 'summary', 'status', 'disabled',
  'enabled', 'enable', 'disable', 'turn', 'switch', 'save', 'send', 'done', 'here', 'there', 'what', 'which', 'when', 'how',
];

/** Names that stay as they are in French: the catalog's, Microsoft's brands and the bot's own name. */
const ALLOWED_NAMES = [
  ...PLANS.map((p) => p.name.fr), ...ADDONS.map((a) => a.name.fr), ...PLANS.flatMap((p) => p.aliases), ...ADDONS.flatMap((a) => a.aliases),
  'Add-on Assistant', 'Microsoft 365', 'Office 365', 'Microsoft Teams', 'Teams', 'Azure', 'Visa', 'Mastercard', 'American Express', 'Microsoft',
  'Centre d’administration Microsoft 365',
];

/** Microsoft's French terms for its own features: what to write instead of what. */
const MICROSOFT_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/facturation p[ée]riodique/iu, 'facturation récurrente'],
  [/add-on|addon/iu, 'module complémentaire'],
];

function stringsOf(value: unknown, path: string, out: Array<readonly [string, string]>): void {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) stringsOf(v, `${path}.${k}`, out);
}

const FRENCH: Array<readonly [string, string]> = [];
stringsOf(botMessagesFr, 'botMessagesFr', FRENCH);
stringsOf(errorMessagesFr, 'errorMessagesFr', FRENCH);
stringsOf(CARD_TEXTS.fr, 'CARD_TEXTS.fr', FRENCH);
stringsOf(CONVERSATION_CARD_TEXTS.fr, 'CONVERSATION_CARD_TEXTS.fr', FRENCH);
stringsOf(BUY_CARD_TEXTS.fr, 'BUY_CARD_TEXTS.fr', FRENCH);
stringsOf(MANAGE_FR, 'MANAGE_FR', FRENCH);
stringsOf(APPROVAL_TEXTS.fr, 'APPROVAL_TEXTS.fr', FRENCH);
stringsOf(WORDS.fr, 'WORDS.fr', FRENCH);
stringsOf(TURN_TEXTS.fr, 'TURN_TEXTS.fr', FRENCH);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAMES = new RegExp([...ALLOWED_NAMES].sort((a, b) => b.length - a.length).map(escape).join('|'), 'giu');
/** Placeholders ({{x}} and {x}), commands the admin types in either language, and web addresses are not prose. */
const NOT_PROSE = /\{\{?[A-Za-z0-9_:]+\}?\}|https?:\/\/\S+|\b(?:English)\b/gu;
const WORD = /[\p{L}][\p{L}'’-]*/gu;
const ENGLISH_SET = new Set(ENGLISH);

function englishIn(text: string): string[] {
  const prose = text.replace(NOT_PROSE, ' ').replace(NAMES, ' ');
  return (prose.match(WORD) ?? []).filter((w) => ENGLISH_SET.has(w.toLowerCase()));
}

describe('French texts', () => {
  it('finds French strings in every table', () => {
    assert.ok(FRENCH.length > 300, `only ${FRENCH.length} strings`);
  });

  it('have no English words outside product names', () => {
    const found = FRENCH.map(([path, s]) => [path, englishIn(s), s] as const).filter(([, words]) => words.length > 0);
    assert.deepEqual(found.map(([path, words, s]) => `${path}: ${words.join(', ')} — ${s}`), []);
  });

  it('use Microsoft’s French terms', () => {
    const found = FRENCH.flatMap(([path, s]) => MICROSOFT_TERMS.filter(([bad]) => bad.test(s.replace(NOT_PROSE, ' ').replace(NAMES, ' ')))
      .map(([, good]) => `${path}: write "${good}" — ${s}`));
    assert.deepEqual(found, []);
  });

  it('the check itself catches English and Microsoft’s wrong terms', () => {
    assert.deepEqual(englishIn('Annuler the order'), ['the', 'order']);
    assert.deepEqual(englishIn('Acheter Office 365 E3 et Microsoft 365 Business Basic'), []);
    assert.deepEqual(englishIn('Tapez {{command}} pour continuer'), []);
    assert.ok(MICROSOFT_TERMS[0]![0].test('la facturation périodique'));
  });
});
