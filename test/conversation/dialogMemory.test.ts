// The dialog memory configuration built once per bot is the one botbuilder-dialogs builds for itself on each turn:
// the same scopes and resolvers, and a dialog context given it reads and writes its memory as one without it.
import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { Dialog, DialogSet, WaterfallDialog } from 'botbuilder-dialogs';
import { DialogStateManager } from 'botbuilder-dialogs/lib/memory/dialogStateManager.js';
import { DIALOG_STATE_MANAGER_CONFIGURATION, dialogMemoryConfiguration, useDialogMemory } from '../../src/conversation/dialogMemory.js';

function turn(text: string): TurnContext {
  const adapter = new TestAdapter();
  const activity: Partial<Activity> = {
    type: 'message', text, channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u1', name: 'Megan' }, recipient: { id: 'bot', name: 'bot' },
  };
  return new TurnContext(adapter, activity);
}

async function memoryOf(context: TurnContext): Promise<{ text: unknown; answer: unknown; scopes: string[]; configuration: unknown }> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(new WaterfallDialog('steps', [() => Promise.resolve(Dialog.EndOfTurn)]));
  const dc = await dialogs.createContext(context);
  await dc.beginDialog('steps');
  dc.state.setValue('turn.answer', 42);
  return {
    text: dc.state.getValue('turn.activity.text'), answer: dc.state.getValue('$answer') ?? dc.state.getValue('turn.answer'),
    scopes: dc.state.configuration.memoryScopes.map((scope) => scope.name), configuration: context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION),
  };
}

describe('dialog memory configuration', () => {
  it('has the scopes and path resolvers, by name and kind, that botbuilder-dialogs assembles on a turn', () => {
    const context = turn('hello');
    const own = new DialogStateManager({ context } as ConstructorParameters<typeof DialogStateManager>[0]).configuration;
    const shared = dialogMemoryConfiguration();
    assert.deepEqual(shared.memoryScopes.map((scope) => [scope.constructor.name, scope.name, scope.includeInSnapshot]),
      own.memoryScopes.map((scope) => [scope.constructor.name, scope.name, scope.includeInSnapshot]));
    assert.deepEqual(shared.pathResolvers.map((resolver) => resolver.constructor.name), own.pathResolvers.map((resolver) => resolver.constructor.name));
  });

  it('serves every turn it is given to, and a dialog context reads and writes its memory as without it', async () => {
    const shared = dialogMemoryConfiguration();
    const first = turn('buy storage add-on');
    const second = turn('50 GB, yearly');
    useDialogMemory(first, shared);
    useDialogMemory(second, shared);
    const withShared = [await memoryOf(first), await memoryOf(second)];
    const without = await memoryOf(turn('50 GB, yearly'));
    assert.equal(withShared[0]?.configuration, shared);
    assert.equal(withShared[1]?.configuration, shared);
    assert.equal(withShared[0]?.text, 'buy storage add-on');
    assert.equal(withShared[1]?.text, '50 GB, yearly');
    assert.equal(withShared[1]?.answer, 42);
    assert.deepEqual(withShared[1]?.scopes, without.scopes);
    assert.equal(without.text, '50 GB, yearly');
    assert.equal(without.answer, 42);
    assert.notEqual(without.configuration, shared);
  });

  it('leaves a configuration the turn already has', () => {
    const context = turn('hello');
    const earlier = dialogMemoryConfiguration();
    context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, earlier);
    useDialogMemory(context, dialogMemoryConfiguration());
    assert.equal(context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION), earlier);
  });
});
