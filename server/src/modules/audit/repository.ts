import { and, asc, count, desc, eq, gte, ilike, inArray, lte, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditListQuery, AuditRow } from '../../../../shared/src/audit';
import { auditLog } from '../../db/schema';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export async function listAudit(db: Db, parkIds: string[], q: z.infer<typeof AuditListQuery>) {
  const conds: (SQL | undefined)[] = [inArray(auditLog.parkId, parkIds)];
  if (q.action) conds.push(eq(auditLog.action, q.action));
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.actor) conds.push(ilike(auditLog.actorName, likePattern(q.actor)));
  if (q.from) conds.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conds.push(lte(auditLog.at, new Date(q.to)));
  const where = and(...conds);
  const dir = q.order === 'asc' ? asc : desc;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(dir(auditLog.at), dir(auditLog.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    items: items.map(toAuditRow),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export function toAuditRow(r: typeof auditLog.$inferSelect): AuditRow {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorName: r.actorName,
    actorRole: r.actorRole,
    ip: r.ip,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    before: r.before ?? null,
    after: r.after ?? null,
    hash: r.hash,
  };
}
