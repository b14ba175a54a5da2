import { z } from 'zod';
import { PageQuery, pageOf } from './common';

export const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;
export const AuditPage = pageOf(AuditRow);

export const AuditListQuery = PageQuery.extend({
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  chains: z.number().int(),
  firstBroken: z.object({ parkId: z.string(), seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
