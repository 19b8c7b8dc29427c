import assert from 'node:assert/strict';
import { remindersOn } from '../../../src/domain/billingService.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { as, demoWorld, rejectsWith, TENANT_A, TENANT_B, type World } from './world.js';

describe('use cases: setReminders ("stop reminders" / "start reminders")', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  async function userOf(person: keyof typeof DEMO_USERS, tenantId = TENANT_A) {
    return (await world.service.whoIs(as(person, tenantId))).user;
  }

  it('turns them off for the caller only, audited, and on again; asking twice changes nothing', async () => {
    assert.ok(remindersOn(await userOf('alex')));
    assert.deepEqual(await world.service.setReminders(as('alex'), false), { on: false, changed: true });
    assert.equal(remindersOn(await userOf('alex')), false);
    assert.equal((await userOf('alex')).remindersOffAt, world.clock.now().toISOString());
    assert.ok(remindersOn(await userOf('megan')), 'another admin keeps theirs');
    assert.ok(remindersOn(await userOf('alex', TENANT_B)), 'the same person id in another tenant keeps theirs');
    assert.deepEqual(await world.service.setReminders(as('alex'), false), { on: false, changed: false });
    assert.deepEqual(await world.service.setReminders(as('alex'), true), { on: true, changed: true });
    assert.ok(remindersOn(await userOf('alex')));
    const actions = (await world.service.listAudit(as('megan'))).items.map((e) => e.action).filter((a) => a.startsWith('reminders.'));
    assert.deepEqual([...actions].sort(), ['reminders.off', 'reminders.on']);
  });

  it('survives a name update and a tenants-file reconcile that lists them unchanged', async () => {
    await world.service.setReminders(as('alex'), false);
    const alex = await userOf('alex');
    await world.service.reconcileTenants([{
      tenant: { id: TENANT_A, name: 'Contoso (demo)', cloud: 'worldwide', currency: 'USD' },
      users: [{ id: alex.id, name: 'Alex W.', roles: ['billing_admin'], licensed: true }],
    }]);
    const after = await userOf('alex');
    assert.equal(after.name, 'Alex W.');
    assert.equal(after.remindersOffAt, alex.remindersOffAt);
  });

  it('refuses someone the tenant does not know', async () => {
    await rejectsWith(world.service.setReminders({ tenantId: TENANT_A, userId: 'stranger' }, false), 'forbidden');
  });
});
