// Production tenants: the organizations this deployment serves, with their people and roles, read from TENANTS_FILE
// (JSON) and validated with zod. The ledger is reconciled with it at every start and on every change
// (BillingService.reconcileTenants); see tenantsFileWatcher.ts. The file holds no secrets and no card data.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CLOUDS, ROLES } from '../domain/ids.js';
import { SUPPORTED_CURRENCIES } from '../domain/catalog.data.js';
import type { TenantListing } from '../domain/useCases/reconcileTenants.js';

/** Entra ids, and anything else the ledger accepts as an id. */
const IdT = z.string().min(1).max(128).regex(/^[\w.:@-]+$/, 'letters, digits and . _ : @ - only');

const UserT = z.object({
  id: IdT,
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  licensed: z.boolean().default(true),
}).strict();

const TenantT = z.object({
  id: IdT,
  name: z.string().min(1).max(200),
  cloud: z.enum(CLOUDS).default('worldwide'),
  currency: z.enum(SUPPORTED_CURRENCIES).default('USD'),
  users: z.array(UserT).min(1).superRefine((users, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, index) => {
      if (seen.has(user.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `user ${user.id} is listed twice` });
      seen.add(user.id);
    });
  }),
}).strict();

export const TenantsFileT = z.object({
  tenants: z.array(TenantT).min(1).superRefine((tenants, ctx) => {
    const seen = new Set<string>();
    tenants.forEach((tenant, index) => {
      if (seen.has(tenant.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `tenant ${tenant.id} is listed twice` });
      seen.add(tenant.id);
    });
  }),
}).strict();

/** The file's tenants from its text; throws one Error whose message names the file and every problem on one line. */
export function parseTenantsFile(path: string, text: string): TenantListing[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`TENANTS_FILE ${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = TenantsFileT.safeParse(json);
  if (!parsed.success) {
    throw new Error(`TENANTS_FILE ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.tenants.map((t) => ({
    tenant: { id: t.id, name: t.name, cloud: t.cloud, currency: t.currency },
    users: t.users,
  }));
}

/** The file's text; throws one Error naming the file and the reason when it cannot be read. */
export function readTenantsFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`TENANTS_FILE ${path}: cannot be read (${typeof code === 'string' ? code : 'unknown error'})`);
  }
}
