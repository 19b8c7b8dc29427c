import assert from 'node:assert/strict';
import type { User } from '../../../src/domain/model.js';
import { DEMO_USERS } from '../../../src/domain/useCases/tenants.js';
import { as, demoWorld, rejectsWith, TENANT_A, TENANT_B, type World } from './world.js';

describe('use cases: listUsers (whom a purchase request goes to)', () => {
  let world: World;

  beforeEach(async () => {
    world = await demoWorld();
  });

  it('any user of the tenant lists its people with their roles, paged by id', async () => {
    const page = await world.service.listUsers(as('lee'));
    assert.deepEqual(page.items.map((u) => [u.name, u.roles]).sort(), [
      ['Adele Vance', ['license_admin']], ['Alex Wilber', ['billing_admin']], ['Lee Gu', ['user']], ['Megan Bowen', ['global_admin']],
    ]);
    assert.equal(page.next, null);
    const first = await world.service.listUsers(as('adele'), { limit: 3 });
    const second = await world.service.listUsers(as('adele'), { limit: 3, after: first.next });
    const ids = [...first.items, ...second.items].map((u: User) => u.id);
    assert.deepEqual([...ids].sort(), Object.values(DEMO_USERS).sort());
    assert.equal(second.next, null);
  });

  it('sees a demotion at once, never another tenant’s people, and refuses a stranger or a bad page', async () => {
    await world.service.saveUser(TENANT_A, { id: DEMO_USERS.alex, name: 'Alex Wilber', roles: ['user'], licensed: true });
    const alex = (await world.service.listUsers(as('megan'))).items.find((u) => u.id === DEMO_USERS.alex);
    assert.deepEqual(alex?.roles, ['user']);
    const other = (await world.service.listUsers(as('megan', TENANT_B))).items.find((u) => u.id === DEMO_USERS.alex);
    assert.deepEqual(other?.roles, ['billing_admin'], 'tenant-b is untouched');
    assert.ok((await world.service.listUsers(as('lee', TENANT_B))).items.every((u) => u.tenantId === TENANT_B));
    await rejectsWith(world.service.listUsers({ tenantId: TENANT_A, userId: 'stranger' }), 'forbidden');
    await rejectsWith(world.service.listUsers({ tenantId: 'no-such-tenant', userId: DEMO_USERS.megan }), 'unknown_tenant');
    await rejectsWith(world.service.listUsers(as('megan'), { limit: 0 }), 'invalid_input');
    await rejectsWith(world.service.listUsers(as('megan'), { after: 'not-a-cursor' }), 'invalid_input');
  });
});
