// The availability card's paging: read-only, answered in place, whatever flow is open.
import { z } from 'zod';
import type { VerbTable } from '../../conversation/verbs.js';

export const AVAILABILITY_VERBS = {
  'availability.page': {
    scope: 'list', owner: 'availability', schema: z.object({ verb: z.literal('availability.page'), page: z.number().int().min(0).max(10_000) }).strict(),
  },
} as const satisfies VerbTable<'availability.page'>;
