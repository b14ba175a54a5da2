// An enterprise's change history: every audit row that concerns it (its record, attached records, accounts).
import { and, count, desc, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import { toAuditRow } from '../audit/service';

export async function enterpriseHistory(
  db: Db,
  actor: Actor,
  enterpriseId: string,
  q: { page: number; pageSize: number; entityType?: string; entityId?: string },
) {
  assertCan(actor, 'enterprises.history');
  await assertEnterpriseInScope(db, actor, enterpriseId).catch(() => {
    throw notFound('企业');
  });
  const where = and(
    eq(auditLog.parkId, actor.parkId),
    eq(auditLog.enterpriseId, enterpriseId),
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
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
