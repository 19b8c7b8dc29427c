// Numbers that are no quantity of the product: the bot says what it read, why that is no quantity, and the range the
// catalog allows (through the BillingService), in the admin's language, and asks again. Nothing is rounded or guessed.
import type { TurnContext } from 'botbuilder';
import { languageIn, noteOutcome } from '../turn/turnState.js';
import { CARD_TEXTS, rangeBounds } from '../cards/text.js';
import { addonName, getAddon, type QuantityProblem } from '../domain/catalog.js';
import type { AddonId } from '../domain/ids.js';
import type { BotMessageKey } from '../i18n/botMessages.js';
import { formatNumber } from '../i18n/formats.js';
import type { QuantityReading } from '../nlu/numbers.js';
import { say, type DialogDeps } from '../turn/dialogDeps.js';

const REASONS: Readonly<Record<QuantityProblem, BotMessageKey>> = {
  unreadable: 'quantityUnreadableReason',
  negative: 'quantityNegative',
  fraction: 'quantityFraction',
  too_small: 'quantityTooSmall',
  too_large: 'quantityTooLarge',
};

/**
 * The reply when `read` (or, for "5 more" / "4 fewer", the new `total` it makes) is no quantity of the add-on;
 * undefined when it is one.
 */
export function quantityRefusal(
  deps: DialogDeps, context: TurnContext, addonId: AddonId, read: QuantityReading, total?: number | null,
): string | undefined {
  const { billing } = deps.services;
  const ofNumber = billing.quantityProblem(addonId, read.value);
  const ofTotal = ofNumber === null && total !== undefined ? billing.quantityProblem(addonId, total) : null;
  const problem = ofNumber ?? ofTotal;
  if (problem === null) return undefined;
  noteOutcome(context, `quantity:${problem}`);
  const language = languageIn(context);
  const parts = [whatWasRead(deps, context, read)];
  if (ofNumber === null && total !== undefined && total !== null) parts.push(say(deps, context, 'quantityMakesTotal', { total: formatNumber(total, language) }));
  parts.push(say(deps, context, REASONS[problem]));
  const units = CARD_TEXTS[language].units[getAddon(addonId).unit].other;
  parts.push(say(deps, context, 'quantityRange', { addon: addonName(addonId, language), units, ...rangeBounds(billing.quantityRange(addonId), language) }));
  return parts.join(' ');
}

/** "I read -1.", "I read “5k” as 5,000.", "I couldn’t read “1.2.3” as one number." */
function whatWasRead(deps: DialogDeps, context: TurnContext, read: QuantityReading): string {
  if (read.value === null) return say(deps, context, 'quantityUnreadable', { written: read.written });
  const value = formatNumber(read.value, languageIn(context));
  const plain = (s: string) => s.replace(/[\s\u00a0\u202f,.]/g, '').replace('\u2212', '-');
  return plain(read.written) === plain(value)
    ? say(deps, context, 'quantityRead', { value })
    : say(deps, context, 'quantityReadAs', { written: read.written, value });
}
