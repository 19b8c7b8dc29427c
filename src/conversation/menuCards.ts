// The welcome and help cards, sent in the language of the turn.
import type { TurnContext } from 'botbuilder';
import { sendCard, type DialogDeps } from '../turn/dialogDeps.js';
import { languageIn } from '../turn/turnState.js';
import { CONVERSATION_CARD_TEXTS } from './cardTexts.js';

export async function sendHelpCard(deps: DialogDeps, context: TurnContext): Promise<void> {
  await sendCard(deps, context, 'help', CONVERSATION_CARD_TEXTS[languageIn(context)].help);
}

export async function sendWelcomeCard(deps: DialogDeps, context: TurnContext): Promise<void> {
  await sendCard(deps, context, 'welcome', CONVERSATION_CARD_TEXTS[languageIn(context)].welcome);
}
