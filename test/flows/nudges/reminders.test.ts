// "stop reminders" / "start reminders" as the bot answers them (typed, or from a nudge card's button), in English and
// French: the caller's own preference through the domain, and "already" when nothing changed.
import assert from 'node:assert/strict';
import { TestAdapter, type Activity, type ConversationReference } from 'botbuilder';
import { languagePreferenceOf } from '../../../src/bot/addonAssistantBot.js';
import { CardRenderer } from '../../../src/cards/render.js';
import { remindersOn } from '../../../src/domain/billingService.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { answerReminders } from '../../../src/flows/nudges/reminders.js';
import { demoWorld, TENANT_A, type World } from '../../support/billingHarness.js';
import { rig } from '../../support/chat.js';

/** What the bot answers `person` asking to turn reminders on or off, in a chat of this locale. */
async function ask(world: World, person: keyof typeof DEMO_USERS, on: boolean, locale: string): Promise<string> {
  const r = rig(world);
  const deps = { services: r.services, cards: CardRenderer.load(), languagePreference: languagePreferenceOf(r.userState) };
  const userId = DEMO_USERS[person];
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams', conversation: { id: `conv-${userId}`, isGroup: false, conversationType: 'personal', name: 'chat', tenantId: TENANT_A },
    user: { id: `29:${userId}`, name: 'User', aadObjectId: userId }, bot: { id: '28:addon-assistant', name: 'Add-on Assistant' }, locale,
  };
  const adapter = new TestAdapter((context) => answerReminders(deps, context, on), reference);
  const activity: Partial<Activity> = { type: 'message', text: on ? 'start reminders' : 'stop reminders', locale, from: { id: `29:${userId}`, name: 'User', aadObjectId: userId } };
  await adapter.processActivity(activity);
  const reply = adapter.getNextReply();
  assert.ok(reply && typeof reply.text === 'string');
  return reply.text;
}

async function on(world: World, person: keyof typeof DEMO_USERS): Promise<boolean> {
  return remindersOn((await world.service.whoIs({ tenantId: TENANT_A, userId: DEMO_USERS[person] })).user);
}

describe('Nudges: stop reminders / start reminders', () => {
  it('in English: off, already off, on, already on; only the caller’s own', async () => {
    const world = await demoWorld();
    assert.equal(await ask(world, 'megan', false, 'en-US'), 'OK, no more reminders from me. Say “start reminders” to get them again.');
    assert.equal(await on(world, 'megan'), false);
    assert.equal(await on(world, 'alex'), true);
    assert.equal(await ask(world, 'megan', false, 'en-US'), 'They were already off: I don’t send you reminders. Say “start reminders” to get them again.');
    assert.ok((await ask(world, 'megan', true, 'en-US')).startsWith('OK, reminders are on: I’ll tell you before a refund window closes'));
    assert.equal(await on(world, 'megan'), true);
    assert.equal(await ask(world, 'megan', true, 'en-US'), 'They were already on. Say “stop reminders” to turn them off.');
  });

  it('in French, for a plain user too (the preference is theirs)', async () => {
    const world = await demoWorld();
    assert.equal(await ask(world, 'lee', true, 'fr-FR'), 'Ils étaient déjà activés. Dites « arrête les rappels » pour les désactiver.');
    assert.equal(await ask(world, 'lee', false, 'fr-FR'), 'D’accord, je ne vous enverrai plus de rappels. Dites « réactive les rappels » pour les recevoir à nouveau.');
    assert.equal(await on(world, 'lee'), false);
    assert.ok((await ask(world, 'lee', true, 'fr-FR')).startsWith('D’accord, les rappels sont activés'));
  });
});
