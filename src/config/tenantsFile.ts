// Production tenants: the organizations this deployment serves, with their admins, read from TENANTS_FILE (JSON)
// and validated with zod. The file holds no card numbers: payment methods are brand, last 4 and expiry at most.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CLOUDS, ROLES } from '../domain/ids.js';
import { SUPPORTED_CURRENCIES } from '../domain/catalog.data.js';
import type { TenantSeed } from '../domain/useCases/tenants.js';

const UserT = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  licensed: z.boolean().default(true),
});

const TenantT = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(200),
  cloud: z.enum(CLOUDS).default('worldwide'),
  currency: z.enum(SUPPORTED_CURRENCIES).default('USD'),
  users: z.array(UserT).min(1),
});

export const TenantsFileT = z.object({ tenants: z.array(TenantT).min(1) });
export type TenantsFile = z.infer<typeof TenantsFileT>;

export function readTenantsFile(path: string): TenantSeed[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`TENANTS_FILE ${path}: cannot read JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = TenantsFileT.safeParse(json);
  if (!parsed.success) {
    throw new Error(`TENANTS_FILE ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.tenants.map((t) => ({
    tenant: { id: t.id, name: t.name, cloud: t.cloud, currency: t.currency },
    users: t.users,
    paymentMethods: [],
    subscriptions: [],
  }));
}
