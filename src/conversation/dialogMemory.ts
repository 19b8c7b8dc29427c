// The memory scopes and path resolvers every DialogContext's state manager uses, built once per bot instead of once
// per turn. botbuilder-dialogs builds them (a ServiceCollection of the dialogs component, nine scopes, five resolvers)
// on the first DialogContext of each turn and caches them in the turn state under a fixed key; every scope and
// resolver is stateless (each reads the turn it is given), so one set serves every turn alike.
import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration.js';

/** The turn state key botbuilder-dialogs' DialogStateManager reads its configuration from (and caches it under). */
export const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The dialogs component's memory scopes and path resolvers, as DialogStateManager assembles them. */
export function dialogMemoryConfiguration(): DialogStateManagerConfiguration {
  const component = new DialogsComponentRegistration();
  return { memoryScopes: component.getMemoryScopes(), pathResolvers: component.getPathResolvers() };
}

/** Gives the turn the shared configuration, unless something already set one for it. */
export function useDialogMemory(context: TurnContext, configuration: DialogStateManagerConfiguration): void {
  if (context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION) === undefined) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, configuration);
}
