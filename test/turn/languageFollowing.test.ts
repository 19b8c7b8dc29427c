// Language following, as conversations: an admin who writes a clear sentence in the other language is answered in
// it from then on, told so in one line with how to switch back; short or mixed text never switches.
import assert from 'node:assert/strict';
import { Chat, play, rig, says, type Reply, type Rig } from '../support/chat.js';
import { demoWorld, TENANT_A, type World } from '../support/billingHarness.js';

const TO_FRENCH = 'Vous écrivez en français : je vous réponds désormais en français. Tapez English pour revenir à l’anglais.';
const TO_ENGLISH = 'You wrote in English, so I’ll answer in English from now on. Type français to switch back.';

function followed(reply: Reply): boolean {
  return reply.lines.some((line) => line === TO_FRENCH || line === TO_ENGLISH);
}

describe('Language following', () => {
  let world: World;
  let r: Rig;

  beforeEach(async () => {
    world = await demoWorld();
    r = rig(world);
  });

  it('a French question in an English chat is answered in French, after one line saying so and how to switch back', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    const [reply] = await play(chat, [
      ['FR question', says('quels modules complémentaires pour E3 ?'), [TO_FRENCH, 'card: Modules complémentaires pour Office 365 Entreprise E3']],
    ]);
    assert.equal(reply?.lines[0], TO_FRENCH, 'the line comes before the answer');
  });

  it('keeps French afterwards: short replies stay French, and so does a new chat of the same admin', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    const replies = await play(chat, [
      ['FR question', says('quels modules complémentaires pour E3 ?'), [TO_FRENCH]],
      ['E3', says('E3'), ['Désolé, je n’ai pas compris.']],
      ['ok', says('ok'), ['Désolé, je n’ai pas compris.']],
    ]);
    assert.deepEqual(replies.slice(1).map(followed), [false, false], 'said once, not on every turn');
    const another = new Chat(r, { tenantId: TENANT_A, conversationId: 'conv-second-chat' });
    await play(another, [['help', says('help'), ['card: Ce que je sais faire']]]);
  });

  it('an English question switches back to English', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [
      ['FR question', says('quels modules complémentaires pour E3 ?'), [TO_FRENCH]],
      ['EN question', says('which add-ons for E3?'), [TO_ENGLISH, 'card: Add-ons for Office 365 E3']],
      ['E3', says('E3'), ['Sorry, I didn’t understand']],
    ]);
  });

  for (const [start, texts] of [
    ['en-US', ['E3', 'ok', 'oui', 'merci', '50 Go', 'Phone System', '2', 'ok merci', 'buy 10 licences pour E3']],
    ['fr-FR', ['E3', 'ok', 'yes', 'thanks', '50 GB', 'yearly', 'Phone System', '2', 'ajouter 10 licenses']],
  ] as const) {
    it(`short or mixed text keeps the language (${start}): ${texts.join(', ')}`, async () => {
      for (const typed of texts) {
        const chat = new Chat(r, { tenantId: TENANT_A, locale: start, conversationId: `conv-${typed}` });
        const reply = await chat.say(typed);
        assert.equal(followed(reply), false, `"${typed}" switched: ${reply.lines.join(' / ')}`);
        const again = await chat.say(start === 'en-US' ? 'help' : 'aide');
        assert.match(again.lines.join('\n'), start === 'en-US' ? /card: What I can do/ : /card: Ce que je sais faire/, `after "${typed}"`);
      }
    });
  }

  it('a card submission never switches, whatever text comes with it', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    const reply = await chat.say('quels modules complémentaires pour E3 ?', { value: { verb: 'menu.help' } });
    assert.equal(followed(reply), false, reply.lines.join(' / '));
    await play(chat, [['help', says('help'), ['card: What I can do']]]);
  });

  it('"English" / "français" switch with their own confirmation, not the following line', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    const [reply] = await play(chat, [['français', says('français'), ['']]]);
    assert.equal(reply !== undefined && followed(reply), false);
  });

  it('mid-flow, the open question is answered in the new language, and the flow goes on in it', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [
      ['buy', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
      ['FR answer', says('pour mon abonnement E3 s’il vous plaît'), [TO_FRENCH, 'card: Acheter']],
      ['details', says('50 Go par an'), ['card: Vérifiez votre commande']],
    ]);
  });

  it('mid-flow, a question the flow cannot read is asked again in the new language', async () => {
    const chat = new Chat(r, { tenantId: TENANT_A });
    await play(chat, [
      ['buy', says('buy storage add-on'), ['card: Which subscription is this add-on for?']],
      ['FR, not an answer', says('je ne sais pas encore lequel choisir'), [TO_FRENCH, 'Choisissez']],
    ]);
  });
});
