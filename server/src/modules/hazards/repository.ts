import {
  and,
  asc,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { z } from 'zod';
import type { HazardListQuery, HazardView } from '../../../../shared/src/hazards';
import { isOverdue, PLAN_ITEMS } from '../../../../shared/src/hazards';
import {
  enterprises,
  extensionRequests,
  hazardEvents,
  hazards,
  majorHazardCriteria,
  riskPoints,
} from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScope, enterpriseScopeSql, seesWholePark } from '../../platform/scope';

export type HazardRow = typeof hazards.$inferSelect;
type Joined = {
  h: HazardRow;
  enterpriseName: string;
  c: typeof majorHazardCriteria.$inferSelect | null;
  riskPointName?: string | null;
};

export const planComplete = (plan: HazardRow['plan']) => PLAN_ITEMS.every((k) => Boolean(plan[k]?.trim()));

export function toView(r: Joined, today: string): HazardView {
  const h = r.h;
  return {
    id: h.id,
    serial: h.serial,
    enterpriseId: h.enterpriseId,
    enterpriseName: r.enterpriseName,
    inspectionId: h.inspectionId,
    campaignId: h.campaignId,
    description: h.description,
    location: h.location,
    domain: h.domain as HazardView['domain'],
    category: h.category as HazardView['category'],
    source: h.source as HazardView['source'],
    grade: h.grade,
    criterion: r.c
      ? { id: r.c.id, code: r.c.code, version: r.c.version, item: r.c.item, verified: r.c.verified }
      : null,
    downgradeReason: h.downgradeReason,
    basis: h.basis,
    requirement: h.requirement,
    deadline: h.deadline,
    responsiblePerson: h.responsiblePerson,
    status: h.status,
    overdue: isOverdue(h.status, h.deadline, today),
    fixedOnSpot: h.fixedOnSpot,
    stoppage: h.stoppage,
    plan: { ...h.plan },
    planComplete: planComplete(h.plan),
    listing: h.listing ?? null,
    stoppageDetail:
      h.stoppage !== 'none' && h.stoppageDetail
        ? {
            unit: h.stoppageDetail.unit ?? null,
            reason: h.stoppageDetail.reason ?? null,
            documentNo: h.stoppageDetail.documentNo ?? null,
            since: h.stoppageDetail.since,
          }
        : null,
    foundOn: h.foundOn,
    closedAt: h.closedAt?.toISOString() ?? null,
    createdAt: h.createdAt.toISOString(),
    riskPointId: h.riskPointId ?? null,
    riskPointName: r.riskPointName ?? null,
  };
}

const scopeOf = (actor: Actor) =>
  enterpriseScope(actor, { parkId: hazards.parkId, enterpriseId: hazards.enterpriseId });

function select(db: Db) {
  return db
    .select({ h: hazards, enterpriseName: enterprises.name, c: majorHazardCriteria, riskPointName: riskPoints.name })
    .from(hazards)
    .innerJoin(enterprises, and(eq(enterprises.parkId, hazards.parkId), eq(enterprises.id, hazards.enterpriseId)))
    .leftJoin(majorHazardCriteria, eq(majorHazardCriteria.id, hazards.criterionId))
    .leftJoin(riskPoints, and(eq(riskPoints.parkId, hazards.parkId), eq(riskPoints.id, hazards.riskPointId)));
}

export type LedgerFilters = Omit<z.infer<typeof HazardListQuery>, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The scoped WHERE of the ledger; overdue is computed from the deadline against today, never stored. */
export function ledgerWhere(actor: Actor, q: LedgerFilters, today: string): SQL {
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  if (q.q) conds.push(or(ilike(hazards.description, likePattern(q.q)), eq(hazards.serial, q.q)));
  if (q.status) conds.push(eq(hazards.status, q.status));
  if (q.grade) conds.push(eq(hazards.grade, q.grade));
  if (q.domain) conds.push(eq(hazards.domain, q.domain));
  if (q.category) conds.push(eq(hazards.category, q.category));
  if (q.source) conds.push(eq(hazards.source, q.source));
  if (q.enterpriseId) conds.push(eq(hazards.enterpriseId, q.enterpriseId));
  if (q.campaignId) conds.push(eq(hazards.campaignId, q.campaignId));
  if (q.inspectionId) conds.push(eq(hazards.inspectionId, q.inspectionId));
  if (q.riskPointId) conds.push(eq(hazards.riskPointId, q.riskPointId));
  if (q.area) {
    conds.push(
      // The park as a value, not the outer row's column: a correlated subquery ran once per hazard (minutes at 5M).
      sql`${hazards.enterpriseId} in (select id from enterprises where park_id = ${actor.parkId} and area = ${q.area})`,
    );
  }
  if (q.overdue === 'true') conds.push(ne(hazards.status, 'closed'), lt(hazards.deadline, today));
  if (q.overdue === 'false')
    conds.push(or(eq(hazards.status, 'closed'), isNull(hazards.deadline), gte(hazards.deadline, today)));
  if (q.listed === 'true') conds.push(isNotNull(hazards.listing), sql`${hazards.listing}->>'delistedOn' is null`);
  if (q.listed === 'false') conds.push(or(isNull(hazards.listing), sql`${hazards.listing}->>'delistedOn' is not null`));
  if (q.foundFrom) conds.push(gte(hazards.foundOn, q.foundFrom));
  if (q.foundTo) conds.push(lte(hazards.foundOn, q.foundTo));
  return and(...conds) as SQL;
}

const SORT = { foundOn: hazards.foundOn, deadline: hazards.deadline, serial: hazards.serial };
export const COUNT_CAP = 10_000;

// ------------------------------------------------------------------------------------------------ counts
// hazard_counts / hazard_park_counts (migration 0011) are kept by triggers on hazards in the writer's transaction.
// They answer the filters below; any other filter (text, domain, dates, overdue…) counts the hazards themselves.
const COUNTER_FILTERS: ReadonlySet<string> = new Set([
  'status',
  'grade',
  'listed',
  'enterpriseId',
  'campaignId',
  'area',
]);
// The park and area rollups keep open hazards by deadline day, so they also answer the overdue filter.
const PARK_ROLLUP_FILTERS: ReadonlySet<string> = new Set(['status', 'grade', 'listed', 'overdue']);
const AREA_ROLLUP_FILTERS: ReadonlySet<string> = new Set([...PARK_ROLLUP_FILTERS, 'area']);
const only = (q: LedgerFilters, allowed: ReadonlySet<string>) =>
  Object.entries(q).every(([k, v]) => v === undefined || allowed.has(k));
const parkRollupAnswers = (actor: Actor, q: LedgerFilters) => seesWholePark(actor) && only(q, PARK_ROLLUP_FILTERS);
// The area rollup holds the whole park's hazards of an area, so only park-wide roles may read it.
const areaRollupAnswers = (actor: Actor, q: LedgerFilters) =>
  seesWholePark(actor) && Boolean(q.area) && only(q, AREA_ROLLUP_FILTERS);
export const countersAnswer = (actor: Actor, q: LedgerFilters) =>
  parkRollupAnswers(actor, q) || areaRollupAnswers(actor, q) || only(q, COUNTER_FILTERS);

type Group = { status: string; grade: string; n: number; listed: number; overdue: number };

/**
 * Status × grade groups from the counters. Park-wide roles without an enterprise/campaign filter read the park or
 * area rollup (a few thousand rows, open hazards by deadline day, so overdue is a sum too); otherwise the
 * per-enterprise counters within the actor's scope, with overdue counted over open hazards (withOverdue: an
 * index-only count of the scope's open hazards, hazards_open_enterprise).
 */
async function counterGroups(db: Db, actor: Actor, q: LedgerFilters, today: string, withOverdue: boolean) {
  const dims: SQL[] = [];
  if (q.status) dims.push(sql`and c.status = ${q.status}`);
  if (q.grade) dims.push(sql`and c.grade = ${q.grade}`);
  if (q.listed) dims.push(sql`and c.listed = ${q.listed === 'true'}`);
  const areaRollup = areaRollupAnswers(actor, q);
  if (parkRollupAnswers(actor, q) || areaRollup) {
    if (areaRollup) dims.push(sql`and c.area = ${q.area}`);
    if (q.overdue === 'true') dims.push(sql`and c.status <> 'closed' and c.deadline < ${today}`);
    if (q.overdue === 'false')
      dims.push(sql`and (c.status = 'closed' or c.deadline is null or c.deadline >= ${today})`);
    return rows<Group>(
      db,
      sql`select c.status, c.grade, sum(c.n)::int as n, coalesce(sum(c.n) filter (where c.listed), 0)::int as listed,
                 coalesce(sum(c.n) filter (where c.status <> 'closed' and c.deadline < ${today}), 0)::int as overdue
            from ${sql.raw(areaRollup ? 'hazard_area_counts' : 'hazard_park_counts')} c
           where c.park_id = ${actor.parkId} ${sql.join(dims, sql` `)}
           group by 1, 2 having sum(c.n) <> 0`,
    );
  }
  const filters: SQL[] = [];
  if (q.enterpriseId) filters.push(sql`and c.enterprise_id = ${q.enterpriseId}`);
  if (q.campaignId) filters.push(sql`and c.campaign_id = ${q.campaignId}`);
  if (q.area) {
    filters.push(
      sql`and c.enterprise_id in (select id from enterprises where park_id = ${actor.parkId} and area = ${q.area})`,
    );
  }
  const [groups, overdue] = await Promise.all([
    rows<Group>(
      db,
      sql`select c.status, c.grade, sum(c.n)::int as n, coalesce(sum(c.n) filter (where c.listed), 0)::int as listed,
                 0 as overdue
            from hazard_counts c
           where ${enterpriseScopeSql(actor, 'c')} ${sql.join([...filters, ...dims], sql` `)}
           group by 1, 2 having sum(c.n) <> 0`,
    ),
    withOverdue && q.status !== 'closed'
      ? rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from hazards where ${ledgerWhere(actor, { ...q, overdue: 'true' }, today)}`,
        )
      : Promise.resolve([{ n: 0 }]),
  ]);
  // The overdue total is not split by group; it is reported as a whole.
  if (groups[0]) groups[0].overdue = Number(overdue[0]?.n ?? 0);
  return groups;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof HazardListQuery>, today: string) {
  const { page, pageSize, sort, order, ...filters } = q;
  const where = ledgerWhere(actor, filters, today);
  const dir = order === 'asc' ? asc : desc;
  const exact = countersAnswer(actor, filters);
  // The page's ids first, then its rows: the ids come from an index in page order alone (no heap visit for the rows
  // skipped by the offset, nor for an inspector's other enterprises' hazards), the joins run for pageSize rows only.
  const pageIds = db
    .select({ id: hazards.id })
    .from(hazards)
    .where(where)
    .orderBy(dir(SORT[sort]), dir(hazards.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [items, n] = await Promise.all([
    select(db)
      .where(and(eq(hazards.parkId, actor.parkId), inArray(hazards.id, pageIds)))
      .orderBy(dir(SORT[sort]), dir(hazards.id)),
    exact
      ? counterGroups(db, actor, filters, today, false).then((gs) => gs.reduce((t, g) => t + Number(g.n), 0))
      : // Counting stops at COUNT_CAP: a page needs to know there are "10,000+" rows, not that there are 4,873,211.
        rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from (select 1 from hazards where ${where} limit ${COUNT_CAP + 1}) t`,
        ).then((r) => Number(r[0]?.n ?? 0)),
  ]);
  if (exact) return { items: items.map((r) => toView(r, today)), total: n, totalCapped: false };
  return { items: items.map((r) => toView(r, today)), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** Status and grade counts of the filtered ledger: from the counters when they answer the filters, else one scan. */
export async function counts(db: Db, actor: Actor, q: LedgerFilters, today: string) {
  const groups = countersAnswer(actor, q)
    ? await counterGroups(db, actor, q, today, true)
    : await rows<Group>(
        db,
        sql`select status, grade, count(*)::int as n,
                   count(*) filter (where status <> 'closed' and deadline < ${today})::int as overdue,
                   count(*) filter (where listing is not null and listing->>'delistedOn' is null)::int as listed
              from hazards where ${ledgerWhere(actor, q, today)} group by status, grade`,
      );
  const sum = (key: 'status' | 'grade') => {
    const m = new Map<string, number>();
    for (const g of groups) m.set(g[key], (m.get(g[key]) ?? 0) + Number(g.n));
    return [...m].map(([k, count]) => ({ key: k, count }));
  };
  const total = (f: (g: Group) => number) => groups.reduce((n, g) => n + Number(f(g)), 0);
  return {
    byStatus: sum('status'),
    byGrade: sum('grade'),
    overdue: total((g) => g.overdue),
    listed: total((g) => g.listed),
    total: total((g) => g.n),
  };
}

export async function get(db: Db, actor: Actor, id: string, today: string, forUpdate = false) {
  const q = select(db).where(and(scopeOf(actor), eq(hazards.id, id)));
  const [r] = forUpdate ? await q.for('update', { of: hazards }) : await q;
  return r ? { row: r.h, view: toView(r, today) } : null;
}

/** The risk point if it is one of this enterprise's (a hazard may only be recorded against its own enterprise's). */
export async function riskPointOf(db: Db, parkId: string, enterpriseId: string, id: string) {
  const [r] = await db
    .select({ id: riskPoints.id })
    .from(riskPoints)
    .where(and(eq(riskPoints.parkId, parkId), eq(riskPoints.enterpriseId, enterpriseId), eq(riskPoints.id, id)));
  return r ?? null;
}

export async function insert(db: Db, values: typeof hazards.$inferInsert): Promise<string> {
  const [r] = await db.insert(hazards).values(values).returning({ id: hazards.id });
  return r!.id;
}

export async function patch(db: Db, parkId: string, id: string, values: Partial<typeof hazards.$inferInsert>) {
  await db
    .update(hazards)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(hazards.parkId, parkId), eq(hazards.id, id)));
}

export async function addEvent(db: Db, values: typeof hazardEvents.$inferInsert) {
  await db.insert(hazardEvents).values(values);
}

export async function events(db: Db, parkId: string, hazardId: string) {
  return db
    .select()
    .from(hazardEvents)
    .where(and(eq(hazardEvents.parkId, parkId), eq(hazardEvents.hazardId, hazardId)))
    .orderBy(asc(hazardEvents.seq));
}

export async function extensions(db: Db, parkId: string, hazardId: string) {
  return db
    .select()
    .from(extensionRequests)
    .where(and(eq(extensionRequests.parkId, parkId), eq(extensionRequests.hazardId, hazardId)))
    .orderBy(desc(extensionRequests.requestedAt));
}

export async function pendingExtension(db: Db, parkId: string, hazardId: string) {
  const [r] = await db
    .select()
    .from(extensionRequests)
    .where(
      and(
        eq(extensionRequests.parkId, parkId),
        eq(extensionRequests.hazardId, hazardId),
        eq(extensionRequests.status, 'pending'),
      ),
    )
    .for('update');
  return r ?? null;
}

export async function insertExtension(db: Db, values: typeof extensionRequests.$inferInsert) {
  const [r] = await db.insert(extensionRequests).values(values).returning({ id: extensionRequests.id });
  return r!.id;
}

export async function decideExtension(
  db: Db,
  parkId: string,
  id: string,
  values: Partial<typeof extensionRequests.$inferInsert>,
) {
  await db
    .update(extensionRequests)
    .set(values)
    .where(and(eq(extensionRequests.parkId, parkId), eq(extensionRequests.id, id)));
}
