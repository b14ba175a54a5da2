import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, isoDateTime, text } from './validators';

export const AuditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** The object as people know it (a hazard's serial, a case number, a name), resolved when the list is read. */
  entityName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;
export const AuditPage = pageOf(AuditRow);
/** The audit log's list: totalCapped when a filter matched more rows than are counted (total is then the cap). */
export const AuditListPage = AuditPage.extend({ totalCapped: z.boolean() });

export const AuditListQuery = PageQuery.extend({
  action: text().max(64).optional(),
  entityType: text().max(64).optional(),
  entityId: text().max(64).optional(),
  actor: text().max(64).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

/** A verification of the whole chain, or of one day's records (a park day, Asia/Shanghai). */
export const AuditVerifyQuery = z.object({ date: isoDate.optional() });

/** What a broken chain shows: a row edited, a row inserted or forged, rows deleted inside, or the tail cut off. */
export const AuditBreakKind = z.enum(['edited', 'inserted', 'deleted', 'truncated']);
export type AuditBreakKind = z.infer<typeof AuditBreakKind>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  chains: z.number().int(),
  /** Rows written before the chain was keyed, verified with their unkeyed SM3 hash up to the recorded boundary. */
  legacy: z.number().int(),
  /** Signed checkpoints of the chain heads kept outside the database: valid ones compared, invalid ones ignored. */
  checkpoints: z.object({ valid: z.number().int(), invalid: z.number().int(), latestAt: z.string().nullable() }),
  warnings: z.array(z.string()),
  /**
   * Months exported (npm run audit:archive) and dropped (npm run audit:drop): their rows are in the archive files, and
   * each chain is verified from the signed checkpoint its last dropped month left.
   */
  archivedMonths: z.array(z.string()),
  firstBroken: z
    .object({ parkId: z.string(), seq: z.number().int(), id: z.string(), kind: AuditBreakKind, reason: z.string() })
    .nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/**
 * A month of the audit log exported by `npm run audit:archive` (and perhaps dropped by `npm run audit:drop`), as the
 * console lists it: the rows of the reader's own chains only (an archive holds every park's), the file and its
 * digests, when and by whom.
 */
export const AuditArchiveRow = z.object({
  month: z.string(),
  rows: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  sm3: z.string(),
  archivedAt: z.string(),
  archivedBy: z.string(),
  droppedAt: z.string().nullable(),
});
export type AuditArchiveRow = z.infer<typeof AuditArchiveRow>;
export const AuditArchiveList = z.object({ items: z.array(AuditArchiveRow) });
export type AuditArchiveList = z.infer<typeof AuditArchiveList>;
