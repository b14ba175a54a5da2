// Queries of risk graded control. No rules here (who may do what is service.ts); every read of enterprise-owned rows
// goes through enterpriseScope / enterpriseScopeSql.
import { and, asc, desc, eq, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DueState } from '../../../../shared/src/registry';
import {
  band,
  DEFAULT_THRESHOLDS,
  type MethodThresholds,
  RISK_LEVEL_COLOURS,
  type RiskLevel,
  type RiskPointListQuery,
  type RiskPointView,
  type RiskThresholds,
} from '../../../../shared/src/risk';
import { enterprises, riskPoints, riskThresholds } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScope, enterpriseScopeSql } from '../../platform/scope';

export type PointRow = typeof riskPoints.$inferSelect;
export type NewPointRow = typeof riskPoints.$inferInsert;
export type PointFilters = Omit<RiskPointListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** Days ahead in which a next review date counts as due soon. */
export const DUE_SOON_DAYS = 30;

/** YYYY-MM-DD plus n days (calendar arithmetic in UTC, the date has no time zone). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function reviewDue(next: string | null, today: string): DueState {
  if (!next) return 'none';
  if (next < today) return 'overdue';
  if (next <= addDays(today, DUE_SOON_DAYS)) return 'dueSoon';
  return 'ok';
}

type Joined = { p: PointRow; enterpriseName: string; area: string | null; openHazards: number };

export function toView(r: Joined, today: string): RiskPointView {
  const p = r.p;
  const m = p.controlMeasures;
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    enterpriseName: r.enterpriseName,
    area: r.area,
    name: p.name,
    location: p.location,
    activity: p.activity,
    hazardFactors: p.hazardFactors,
    accidentTypes: p.accidentTypes as RiskPointView['accidentTypes'],
    method: p.method,
    likelihood: p.likelihood,
    exposure: p.exposure,
    consequence: p.consequence,
    severity: p.severity,
    score: p.score,
    level: p.level,
    colour: RISK_LEVEL_COLOURS[p.level],
    controlMeasures: {
      engineering: m.engineering ?? null,
      management: m.management ?? null,
      training: m.training ?? null,
      ppe: m.ppe ?? null,
      emergency: m.emergency ?? null,
    },
    controlTier: p.controlTier,
    responsiblePerson: p.responsiblePerson,
    nextReviewDate: p.nextReviewDate,
    reviewDue: reviewDue(p.nextReviewDate, today),
    reviewStatus: p.reviewStatus,
    reviewReason: p.reviewReason,
    reviewedByName: p.reviewedByName,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    openHazards: Number(r.openHazards),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const scopeOf = (actor: Actor) =>
  enterpriseScope(actor, { parkId: riskPoints.parkId, enterpriseId: riskPoints.enterpriseId });

const openHazards = sql<number>`(select count(*)::int from hazards h
  where h.park_id = ${riskPoints.parkId} and h.risk_point_id = ${riskPoints.id} and h.status <> 'closed')`;

function select(db: Db) {
  return db
    .select({ p: riskPoints, enterpriseName: enterprises.name, area: enterprises.area, openHazards })
    .from(riskPoints)
    .innerJoin(
      enterprises,
      and(eq(enterprises.parkId, riskPoints.parkId), eq(enterprises.id, riskPoints.enterpriseId)),
    );
}

export function pointWhere(actor: Actor, q: PointFilters, today: string): SQL {
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(or(ilike(riskPoints.name, like), ilike(riskPoints.hazardFactors, like), ilike(enterprises.name, like)));
  }
  if (q.enterpriseId) conds.push(eq(riskPoints.enterpriseId, q.enterpriseId));
  if (q.area) conds.push(eq(enterprises.area, q.area));
  if (q.level) conds.push(eq(riskPoints.level, q.level));
  if (q.method) conds.push(eq(riskPoints.method, q.method));
  if (q.reviewStatus) conds.push(eq(riskPoints.reviewStatus, q.reviewStatus));
  if (q.controlTier) conds.push(eq(riskPoints.controlTier, q.controlTier));
  if (q.accidentType) conds.push(sql`${riskPoints.accidentTypes} @> array[${q.accidentType}]::text[]`);
  if (q.due === 'overdue') conds.push(lt(riskPoints.nextReviewDate, today));
  if (q.due === 'dueSoon') {
    conds.push(gte(riskPoints.nextReviewDate, today), lte(riskPoints.nextReviewDate, addDays(today, DUE_SOON_DAYS)));
  }
  return and(...conds) as SQL;
}

const SORT = {
  score: riskPoints.score,
  nextReviewDate: riskPoints.nextReviewDate,
  updatedAt: riskPoints.updatedAt,
  name: riskPoints.name,
};

export async function list(db: Db, actor: Actor, q: RiskPointListQuery, today: string) {
  const where = pointWhere(actor, q, today);
  const dir = q.order === 'asc' ? asc : desc;
  const [items, [total]] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(dir(SORT[q.sort]), asc(riskPoints.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(riskPoints)
      .innerJoin(
        enterprises,
        and(eq(enterprises.parkId, riskPoints.parkId), eq(enterprises.id, riskPoints.enterpriseId)),
      )
      .where(where),
  ]);
  return { items: items.map((r) => toView(r, today)), total: Number(total?.n ?? 0) };
}

/** For the export: the filtered points in keyset batches (id order). */
export async function batch(db: Db, actor: Actor, q: PointFilters, today: string, after: string | null, size: number) {
  const where = pointWhere(actor, q, today);
  const found = await select(db)
    .where(after ? and(where, sql`${riskPoints.id} > ${after}`) : where)
    .orderBy(asc(riskPoints.id))
    .limit(size);
  return found.map((r) => toView(r, today));
}

export async function counts(db: Db, actor: Actor, q: PointFilters, today: string) {
  const where = pointWhere(actor, q, today);
  const soon = addDays(today, DUE_SOON_DAYS);
  const groups = await rows<{
    level: RiskLevel;
    n: number;
    pending: number;
    returned: number;
    soon: number;
    overdue: number;
  }>(
    db,
    sql`select ${riskPoints.level} as level, count(*)::int as n,
               count(*) filter (where ${riskPoints.reviewStatus} = 'pending')::int as pending,
               count(*) filter (where ${riskPoints.reviewStatus} = 'returned')::int as returned,
               count(*) filter (where ${riskPoints.nextReviewDate} between ${today} and ${soon})::int as soon,
               count(*) filter (where ${riskPoints.nextReviewDate} < ${today})::int as overdue
          from ${riskPoints} join ${enterprises}
            on ${enterprises.parkId} = ${riskPoints.parkId} and ${enterprises.id} = ${riskPoints.enterpriseId}
         where ${where} group by ${riskPoints.level}`,
  );
  const sum = (f: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + Number(f(g)), 0);
  return {
    total: sum((g) => g.n),
    byLevel: groups.map((g) => ({ level: g.level, count: Number(g.n) })),
    pendingReview: sum((g) => g.pending),
    returned: sum((g) => g.returned),
    dueSoon: sum((g) => g.soon),
    overdue: sum((g) => g.overdue),
  };
}

export async function get(db: Db, actor: Actor, id: string, today: string, forUpdate = false) {
  const q = select(db).where(and(scopeOf(actor), eq(riskPoints.id, id)));
  const [r] = forUpdate ? await q.for('update', { of: riskPoints }) : await q;
  return r ? { row: r.p, view: toView(r, today) } : null;
}

export async function insert(db: Db, values: NewPointRow): Promise<string> {
  const [r] = await db.insert(riskPoints).values(values).returning({ id: riskPoints.id });
  return r!.id;
}

/** Updates when the version still matches (optimistic lock); false when someone changed it first. */
export async function update(db: Db, parkId: string, id: string, version: number, values: Partial<NewPointRow>) {
  const done = await db
    .update(riskPoints)
    .set({ ...values, version: sql`${riskPoints.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(riskPoints.parkId, parkId), eq(riskPoints.id, id), eq(riskPoints.version, version)))
    .returning({ id: riskPoints.id });
  return done.length === 1;
}

export async function remove(db: Db, parkId: string, id: string, version: number) {
  const done = await db
    .delete(riskPoints)
    .where(and(eq(riskPoints.parkId, parkId), eq(riskPoints.id, id), eq(riskPoints.version, version)))
    .returning({ id: riskPoints.id });
  return done.length === 1;
}

/** Whether a name is taken by another point of the enterprise (names are unique per enterprise). */
export async function nameTaken(db: Db, parkId: string, enterpriseId: string, name: string, exceptId?: string) {
  const found = await rows<{ id: string }>(
    db,
    sql`select id from risk_points where park_id = ${parkId} and enterprise_id = ${enterpriseId} and name = ${name}
        ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return found.length > 0;
}

/** Hazards recorded against a point (the point is already scope-checked). */
export async function hazardsOf(db: Db, parkId: string, pointId: string) {
  return rows<{
    id: string;
    serial: string;
    description: string;
    status: string;
    grade: string;
    found_on: string;
    deadline: string | null;
  }>(
    db,
    sql`select id, serial, description, status, grade, found_on::text as found_on, deadline::text as deadline
          from hazards where park_id = ${parkId} and risk_point_id = ${pointId}
         order by found_on desc, serial desc limit 200`,
  );
}

export async function hasHazards(db: Db, parkId: string, pointId: string) {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from hazards where park_id = ${parkId} and risk_point_id = ${pointId} limit 1`,
  );
  return found.length > 0;
}

// ------------------------------------------------------------------------------------------------ thresholds

export interface ThresholdRows {
  thresholds: RiskThresholds;
  isDefault: Record<'LEC' | 'LS', boolean>;
  updatedAt: Date | null;
  updatedByName: string | null;
}

export async function thresholds(db: Db, parkId: string, forUpdate = false): Promise<ThresholdRows> {
  const q = db.select().from(riskThresholds).where(eq(riskThresholds.parkId, parkId));
  const found = forUpdate ? await q.for('update') : await q;
  const t: RiskThresholds = { LEC: { ...DEFAULT_THRESHOLDS.LEC }, LS: { ...DEFAULT_THRESHOLDS.LS } };
  const isDefault = { LEC: true, LS: true };
  let updatedAt: Date | null = null;
  let updatedByName: string | null = null;
  for (const r of found) {
    t[r.method] = { major: r.major, significant: r.significant, general: r.general };
    isDefault[r.method] = false;
    if (!updatedAt || r.updatedAt > updatedAt) {
      updatedAt = r.updatedAt;
      updatedByName = r.updatedByName;
    }
  }
  return { thresholds: t, isDefault, updatedAt, updatedByName };
}

export async function setThresholds(
  db: Db,
  parkId: string,
  method: 'LEC' | 'LS',
  t: MethodThresholds | null,
  by: { id: string; name: string },
) {
  if (t === null) {
    await db.delete(riskThresholds).where(and(eq(riskThresholds.parkId, parkId), eq(riskThresholds.method, method)));
    return;
  }
  await db
    .insert(riskThresholds)
    .values({ parkId, method, ...t, updatedBy: by.id, updatedByName: by.name, updatedAt: sql`now()` as never })
    .onConflictDoUpdate({
      target: [riskThresholds.parkId, riskThresholds.method],
      set: { ...t, updatedBy: by.id, updatedByName: by.name, updatedAt: sql`now()` },
    });
}

/**
 * Re-bands every point of the park with the shared calculator's band() (one source of truth for the mapping, not a
 * copy of it in SQL) and writes the levels that changed. Returns how many points there are and how many changed.
 */
export async function rebandPark(db: Db, parkId: string, t: RiskThresholds) {
  const all = await rows<{ id: string; method: 'LEC' | 'LS'; score: number; level: RiskLevel }>(
    db,
    sql`select id, method, score, level from risk_points where park_id = ${parkId}`,
  );
  const changed = all
    .map((p) => ({ id: p.id, level: band(p.method, Number(p.score), t), old: p.level }))
    .filter((p) => p.level !== p.old)
    .map(({ id, level }) => ({ id, level }));
  for (let i = 0; i < changed.length; i += 5000) {
    await db.execute(sql`
      update risk_points r set level = x.level
        from jsonb_to_recordset(${JSON.stringify(changed.slice(i, i + 5000))}::jsonb) as x(id uuid, level text)
       where r.park_id = ${parkId} and r.id = x.id`);
  }
  return { points: all.length, changed: changed.length };
}

// ------------------------------------------------------------------------------------------------ locks

const LOCK_CLASS = 7212011;

/**
 * Serialises writes that derive levels: a thresholds change takes the park's lock exclusively, point writes take it
 * shared (so no point is banded with thresholds being replaced) and then lock their enterprise's row (so two writes
 * of one enterprise derive its level one after the other). Taken first in the transaction, always in this order.
 */
export async function lockPark(db: Db, parkId: string, mode: 'shared' | 'exclusive') {
  await db.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(${LOCK_CLASS}, hashtext(${parkId}))`
      : sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${parkId}))`,
  );
}

export async function lockEnterprise(db: Db, parkId: string, enterpriseId: string) {
  await db.execute(sql`select 1 from enterprises where park_id = ${parkId} and id = ${enterpriseId} for update`);
}

// ------------------------------------------------------------------------------------------------ enterprise level

/** SQL rank of a level column or expression: 低 1 … 重大 4, none 0. */
const rankOf = (level: SQL) => sql`coalesce(array_position(array['low','general','significant','major'], ${level}), 0)`;

export interface LevelChange {
  id: string;
  before: RiskLevel | null;
  after: RiskLevel | null;
  computed: RiskLevel | null;
}

/**
 * Re-derives enterprises' levels from their accepted points (computed = highest accepted point, effective = override
 * else computed)
 * and returns those whose effective or computed level changed. ids null = every enterprise of the park.
 */
export async function refreshEnterpriseLevels(db: Db, parkId: string, ids: string[] | null): Promise<LevelChange[]> {
  if (ids && ids.length === 0) return [];
  const only = ids
    ? sql`and e2.id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`
    : sql``;
  return rows<LevelChange>(
    db,
    sql`with c as (
          select e2.id, e2.risk_level as before,
                 -- Only accepted (reviewed) points count: an enterprise's own pending point waits for review.
                 (select p.level from risk_points p where p.park_id = e2.park_id and p.enterprise_id = e2.id
                     and p.review_status = 'accepted'
                   order by ${rankOf(sql`p.level`)} desc limit 1) as computed
            from enterprises e2 where e2.park_id = ${parkId} ${only}
        )
        update enterprises e set
          risk_level_computed = c.computed,
          risk_level = coalesce(e.risk_override_level, c.computed),
          risk_rank = ${rankOf(sql`coalesce(e.risk_override_level, c.computed)`)}
          from c
         where e.park_id = ${parkId} and e.id = c.id
           and (e.risk_level_computed is distinct from c.computed
                or e.risk_level is distinct from coalesce(e.risk_override_level, c.computed))
     returning e.id, c.before, e.risk_level as after, e.risk_level_computed as computed`,
  );
}

export async function setOverride(
  db: Db,
  parkId: string,
  enterpriseId: string,
  o: { level: RiskLevel | null; reason: string | null; by: string | null },
) {
  await db.execute(sql`
    update enterprises set
      risk_override_level = ${o.level},
      risk_override_reason = ${o.level ? o.reason : null},
      risk_override_by = ${o.level ? o.by : null},
      risk_override_at = ${o.level ? sql`now()` : null},
      risk_level = coalesce(${o.level}, risk_level_computed),
      risk_rank = ${rankOf(sql`coalesce(${o.level}, risk_level_computed)`)}
    where park_id = ${parkId} and id = ${enterpriseId}`);
}

export interface EnterpriseRiskRow {
  id: string;
  name: string;
  credit_code: string;
  area: string | null;
  supervision_tags: string[];
  risk_level: RiskLevel | null;
  risk_level_computed: RiskLevel | null;
  risk_override_level: RiskLevel | null;
  risk_override_reason: string | null;
  risk_override_at: string | null;
  override_by_name: string | null;
  map_x: number | null;
  map_y: number | null;
}

const enterpriseRiskCols = sql`e.id, e.name, e.credit_code, e.area, e.supervision_tags, e.risk_level,
  e.risk_level_computed, e.risk_override_level, e.risk_override_reason, e.risk_override_at, e.map_x, e.map_y,
  (select u.display_name from users u where u.id = e.risk_override_by) as override_by_name`;

export async function enterpriseRisk(db: Db, actor: Actor, id: string): Promise<EnterpriseRiskRow | null> {
  const [r] = await rows<EnterpriseRiskRow>(
    db,
    sql`select ${enterpriseRiskCols} from enterprises e where e.id = ${id} and ${enterpriseScopeSql(actor, 'e', 'id')}`,
  );
  return r ?? null;
}

export async function enterprisePointStats(db: Db, parkId: string, enterpriseId: string, today: string) {
  type ByLevel = Record<RiskLevel, number>;
  const [r] = await rows<{
    total: number;
    accepted: ByLevel;
    unaccepted: ByLevel;
    pending: number;
    pending_level: RiskLevel | null;
    overdue: number;
    open_hazards: number;
  }>(
    db,
    sql`select count(*)::int as total,
               -- By level: the accepted points (those the enterprise's level counts) and the others (待审核/已退回).
               jsonb_build_object(
                 'major', count(*) filter (where level = 'major' and review_status = 'accepted'),
                 'significant', count(*) filter (where level = 'significant' and review_status = 'accepted'),
                 'general', count(*) filter (where level = 'general' and review_status = 'accepted'),
                 'low', count(*) filter (where level = 'low' and review_status = 'accepted')) as accepted,
               jsonb_build_object(
                 'major', count(*) filter (where level = 'major' and review_status <> 'accepted'),
                 'significant', count(*) filter (where level = 'significant' and review_status <> 'accepted'),
                 'general', count(*) filter (where level = 'general' and review_status <> 'accepted'),
                 'low', count(*) filter (where level = 'low' and review_status <> 'accepted')) as unaccepted,
               count(*) filter (where review_status = 'pending')::int as pending,
               -- The highest level among points not (or no longer) accepted: shown as pending, not counted.
               (select p.level from risk_points p where p.park_id = ${parkId} and p.enterprise_id = ${enterpriseId}
                   and p.review_status <> 'accepted'
                 order by ${rankOf(sql`p.level`)} desc limit 1) as pending_level,
               count(*) filter (where next_review_date < ${today})::int as overdue,
               (select count(*)::int from hazards h where h.park_id = ${parkId} and h.enterprise_id = ${enterpriseId}
                   and h.risk_point_id is not null and h.status <> 'closed') as open_hazards
          from risk_points where park_id = ${parkId} and enterprise_id = ${enterpriseId}`,
  );
  return r!;
}

/**
 * 重大风险企业 in scope (effective level major) with the filters. All of them: they are few (a handful per park) and
 * the control-state filter is derived from their points, so the service pages after deriving it.
 */
export async function majorEnterprises(
  db: Db,
  actor: Actor,
  q: { q?: string; area?: string; tag?: string; order: 'asc' | 'desc' },
) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id'), sql`e.risk_rank = 4`];
  if (q.q) conds.push(sql`e.name ilike ${likePattern(q.q)}`);
  if (q.area) conds.push(sql`e.area = ${q.area}`);
  if (q.tag) conds.push(sql`e.supervision_tags @> array[${q.tag}]::text[]`);
  const where = sql.join(conds, sql` and `);
  return rows<EnterpriseRiskRow>(
    db,
    sql`select ${enterpriseRiskCols} from enterprises e where ${where} order by e.name ${sql.raw(q.order === 'desc' ? 'desc' : 'asc')}, e.id`,
  );
}

/** Major points (with open hazard counts) of some enterprises. */
export async function majorPointsOf(db: Db, parkId: string, enterpriseIds: string[]) {
  if (enterpriseIds.length === 0) return [];
  return rows<{
    id: string;
    enterprise_id: string;
    name: string;
    method: 'LEC' | 'LS';
    score: number;
    review_status: 'pending' | 'accepted' | 'returned';
    next_review_date: string | null;
    open_hazards: number;
  }>(
    db,
    sql`select p.id, p.enterprise_id, p.name, p.method, p.score, p.review_status,
               p.next_review_date::text as next_review_date,
               (select count(*)::int from hazards h where h.park_id = p.park_id and h.risk_point_id = p.id
                   and h.status <> 'closed') as open_hazards
          from risk_points p
         where p.park_id = ${parkId} and p.level = 'major'
           and p.enterprise_id in (${sql.join(
             enterpriseIds.map((i) => sql`${i}::uuid`),
             sql`, `,
           )})
         order by p.score desc, p.name`,
  );
}

// ------------------------------------------------------------------------------------------------ map

export interface MapRow {
  id: string;
  name: string;
  area: string | null;
  supervision_tags: string[];
  risk_level: RiskLevel | null;
  overridden: boolean;
  map_x: number | null;
  map_y: number | null;
}

export async function mapEnterprises(
  db: Db,
  actor: Actor,
  f: { tag?: string; area?: string; level?: RiskLevel | 'none' },
  placed: boolean,
  limit: number,
) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id'), sql`e.status <> 'cancelled'`];
  conds.push(placed ? sql`e.map_x is not null and e.map_y is not null` : sql`(e.map_x is null or e.map_y is null)`);
  if (f.tag) conds.push(sql`e.supervision_tags @> array[${f.tag}]::text[]`);
  if (f.area) conds.push(sql`e.area = ${f.area}`);
  if (f.level === 'none') conds.push(sql`e.risk_level is null`);
  else if (f.level) conds.push(sql`e.risk_level = ${f.level}`);
  const where = sql.join(conds, sql` and `);
  const [items, [total]] = await Promise.all([
    rows<MapRow>(
      db,
      sql`select e.id, e.name, e.area, e.supervision_tags, e.risk_level, e.risk_override_level is not null as overridden,
                 e.map_x, e.map_y
            from enterprises e where ${where} order by e.risk_rank desc, e.name, e.id limit ${limit}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from enterprises e where ${where}`),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Enterprises of the park among ids (for positions: every id must be one of the park's). */
export async function parkEnterpriseIds(db: Db, parkId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const found = await rows<{ id: string }>(
    db,
    sql`select id from enterprises where park_id = ${parkId}
          and id in (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )})`,
  );
  return new Set(found.map((r) => r.id));
}

export async function setPositions(
  db: Db,
  parkId: string,
  positions: { id: string; x: number | null; y: number | null }[],
) {
  const before = await rows<{ id: string; x: number | null; y: number | null }>(
    db,
    sql`select id, map_x as x, map_y as y from enterprises where park_id = ${parkId}
          and id in (${sql.join(
            positions.map((p) => sql`${p.id}::uuid`),
            sql`, `,
          )})`,
  );
  await db.execute(sql`
    update enterprises e set map_x = x.x, map_y = x.y
      from jsonb_to_recordset(${JSON.stringify(positions)}::jsonb) as x(id uuid, x real, y real)
     where e.park_id = ${parkId} and e.id = x.id`);
  return before;
}

export async function distribution(db: Db, actor: Actor) {
  const scope = enterpriseScopeSql(actor, 'e', 'id');
  const [byArea, points] = await Promise.all([
    rows<{ area: string | null; level: RiskLevel | null; n: number }>(
      db,
      sql`select e.area, e.risk_level as level, count(*)::int as n from enterprises e
           where ${scope} and e.status <> 'cancelled' group by e.area, e.risk_level`,
    ),
    rows<{ level: RiskLevel; n: number }>(
      db,
      sql`select p.level, count(*)::int as n from risk_points p where ${enterpriseScopeSql(actor, 'p')} group by p.level`,
    ),
  ]);
  return { byArea, points };
}
