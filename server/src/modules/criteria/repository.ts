import { and, asc, count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { DEFAULT_CRITERIA } from '../../../../shared/src/criteria';
import { majorHazardCriteria } from '../../db/schema';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export type CriterionRow = typeof majorHazardCriteria.$inferSelect;

/** Gives a park the default library once (on demo seeding, admin creation, and at start for parks without one). */
export async function ensureCriteriaLibrary(tx: Db, parkId: string): Promise<number> {
  const [r] = await tx.select({ n: count() }).from(majorHazardCriteria).where(eq(majorHazardCriteria.parkId, parkId));
  if (Number(r?.n ?? 0) > 0) return 0;
  await tx.insert(majorHazardCriteria).values(DEFAULT_CRITERIA.map((c) => ({ ...c, parkId })));
  return DEFAULT_CRITERIA.length;
}

/**
 * Codes in numeric order (GM2023-3-2 before GM2023-11-1, HG2017-2 before HG2017-10): every run of digits is
 * zero-padded to 12 places, compared byte-wise (COLLATE "C", so no locale skips the '-').
 */
const codeOrder = sql`(select string_agg(case when m[1] ~ '^[0-9]' then lpad(m[1], greatest(12, length(m[1])), '0') else m[1] end, '' order by o)
                         from regexp_matches(${majorHazardCriteria.code}, '([0-9]+|[^0-9]+)', 'g') with ordinality as t(m, o))
                       collate "C" asc, ${majorHazardCriteria.code} collate "C" asc`;

export async function list(
  db: Db,
  parkId: string,
  q: { q?: string; standard?: string; includeRetired?: boolean; page: number; pageSize: number },
) {
  const where = and(
    eq(majorHazardCriteria.parkId, parkId),
    q.includeRetired ? undefined : eq(majorHazardCriteria.retired, false),
    q.standard ? eq(majorHazardCriteria.standard, q.standard) : undefined,
    q.q
      ? or(ilike(majorHazardCriteria.item, likePattern(q.q)), ilike(majorHazardCriteria.code, likePattern(q.q)))
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(majorHazardCriteria)
      .where(where)
      .orderBy(asc(majorHazardCriteria.standard), codeOrder, desc(majorHazardCriteria.version))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(majorHazardCriteria).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** The current (non-retired) version of a code. */
export async function current(db: Db, parkId: string, code: string): Promise<CriterionRow | null> {
  const [r] = await db
    .select()
    .from(majorHazardCriteria)
    .where(
      and(
        eq(majorHazardCriteria.parkId, parkId),
        eq(majorHazardCriteria.code, code),
        eq(majorHazardCriteria.retired, false),
      ),
    )
    .orderBy(desc(majorHazardCriteria.version))
    .limit(1);
  return r ?? null;
}

export async function byId(db: Db, parkId: string, id: string): Promise<CriterionRow | null> {
  const [r] = await db
    .select()
    .from(majorHazardCriteria)
    .where(and(eq(majorHazardCriteria.parkId, parkId), eq(majorHazardCriteria.id, id)));
  return r ?? null;
}

export async function codeExists(db: Db, parkId: string, code: string): Promise<boolean> {
  const [r] = await db
    .select({ id: majorHazardCriteria.id })
    .from(majorHazardCriteria)
    .where(and(eq(majorHazardCriteria.parkId, parkId), eq(majorHazardCriteria.code, code)))
    .limit(1);
  return Boolean(r);
}

export async function insert(db: Db, values: typeof majorHazardCriteria.$inferInsert): Promise<CriterionRow> {
  const [r] = await db.insert(majorHazardCriteria).values(values).returning();
  return r!;
}

export async function retire(db: Db, parkId: string, id: string): Promise<void> {
  await db
    .update(majorHazardCriteria)
    .set({ retired: true })
    .where(and(eq(majorHazardCriteria.parkId, parkId), eq(majorHazardCriteria.id, id)));
}

export async function parksWithoutLibrary(db: Db): Promise<string[]> {
  const r = await db.execute(
    sql`select p.id from parks p where not exists (select 1 from major_hazard_criteria c where c.park_id = p.id)`,
  );
  return (r as unknown as { rows: { id: string }[] }).rows.map((x) => x.id);
}
