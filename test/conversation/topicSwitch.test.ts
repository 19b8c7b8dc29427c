import { demoWorld, TENANT_A } from '../support/billingHarness.js';
import { Chat, rig } from '../support/chat.js';

describe('probe', () => {
  it('prints', async () => {
    const chat = new Chat(rig(await demoWorld()), { tenantId: TENANT_A });
    for (const t of ['buy storage add-on', 'buy 5 phone system licenses for E3, billed monthly', 'back', 'change the quantity of Audio Conferencing', 'my orders', 'change quantity', 'buy storage for E3', 'remove Phone System', 'buy storage for E3']) {
      const r = await chat.say(t);
      console.log('>', t, '\n  ', r.lines.join('\n   '));
    }
  });
});
