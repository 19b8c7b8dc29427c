// The lists' verbs: read-only, answered in place, whatever flow is open (it keeps waiting for its answer).
import { z } from 'zod';
import type { VerbTable } from '../../conversation/verbs.js';

const PageT = z.number().int().min(0).max(10_000);
const CursorT = z.string().regex(/^[A-Za-z0-9_-]{1,512}$/);

export const LIST_VERBS = {
  'menu.addons': { scope: 'list', owner: 'lists', schema: z.object({ verb: z.literal('menu.addons') }).strict() },
  'menu.orders': { scope: 'list', owner: 'lists', schema: z.object({ verb: z.literal('menu.orders') }).strict() },
  'addons.page': { scope: 'list', owner: 'lists', schema: z.object({ verb: z.literal('addons.page'), page: PageT }).strict() },
  'orders.page': { scope: 'list', owner: 'lists', schema: z.object({ verb: z.literal('orders.page'), page: PageT, cursor: CursorT.optional() }).strict() },
} as const satisfies VerbTable<'menu.addons' | 'menu.orders' | 'addons.page' | 'orders.page'>;
