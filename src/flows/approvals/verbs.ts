// The approvals' verbs: the approval card's actions are answered in any state; "my requests" pages in place.
import { z } from 'zod';
import type { VerbTable } from '../../conversation/verbs.js';

const IdT = z.string().min(1).max(128);
const CommentT = z.string().max(500).optional();
const target = { requestId: IdT, tenantId: IdT };

export const APPROVAL_VERBS = {
  'approval.refresh': { scope: 'approval', schema: z.object({ verb: z.literal('approval.refresh'), ...target }).strict() },
  'approval.approve': {
    scope: 'approval',
    schema: z.object({ verb: z.literal('approval.approve'), ...target, termsStamp: z.string().regex(/^[0-9a-f]{16}$/).optional(), comment: CommentT }).strict(),
  },
  'approval.reject': { scope: 'approval', schema: z.object({ verb: z.literal('approval.reject'), ...target, comment: CommentT }).strict() },
  'approval.cancel': { scope: 'approval', schema: z.object({ verb: z.literal('approval.cancel'), ...target }).strict() },
  'approval.open': { scope: 'approval', schema: z.object({ verb: z.literal('approval.open'), ...target }).strict() },
  'requests.page': {
    scope: 'list', owner: 'approvals', schema: z.object({ verb: z.literal('requests.page'), cursor: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/) }).strict(),
  },
} as const satisfies VerbTable<'approval.refresh' | 'approval.approve' | 'approval.reject' | 'approval.cancel' | 'approval.open' | 'requests.page'>;
