import { and, asc, desc, eq, gte, ilike, isNotNull, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { HazardListQuery, HazardView } from '../../../../shared/src/hazards';
import { isOverdue, isRecheckOverdue, PLAN_ITEMS, recheckDueOn } from '../../../../shared/src/hazards';
import {
  campaigns,
  enterprises,
  extensionRequests,
  hazardEvents,
  hazardSettings,
  hazards,
  majorHazardCriteria,
  riskPoints,
  users,
} from '../../db/schema';
import type { Actor } from '../../platform/actor';
import { type Db, fastRows, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScope, enterpriseScopeSql, seesWholePark } from '../../platform/scope';

export type HazardRow = typeof hazards.$inferSelect;
type Joined = {
  h: HazardRow;
  enterpriseName: string;
  c: typeof majorHazardCriteria.$inferSelect | null;
  riskPointName?: string | null;
  campaignName?: string | null;
  area?: string | null;
  recheckedBy?: string | null;
  recheckedOn?: string | null;
};

export const planComplete = (plan: HazardRow['plan']) => PLAN_ITEMS.every((k) => Boolean(plan[k]?.trim()));

/**
 * What the derived states are judged against: today (Asia/Shanghai) for 整改逾期, and the park's allowed re-check
 * days for 复查超时. Read once per request, never stored on a hazard.
 */
export interface Judge {
  today: string;
  recheckDays: number;
}

/** The earliest submission day that is not yet 复查超时 today: overdue ones were submitted before it. */
export const recheckCutoff = (j: Judge) => {
  const d = new Date(`${j.today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - j.recheckDays);
  return d.toISOString().slice(0, 10);
};

/** The SQL of 整改逾期 (matches the partial indexes hazards_rectifying_*). */
const rectifyingOverdue = (today: string) =>
  sql`(${hazards.status} in ('assigned', 'rectifying') and ${hazards.deadline} < ${today})`;
/** The SQL of 复查超时 (matches the partial index hazards_submitted). */
const recheckOverdueSql = (j: Judge) =>
  sql`(${hazards.status} = 'submitted' and ${hazards.submittedOn} < ${recheckCutoff(j)})`;

export function toView(r: Joined, j: Judge): HazardView {
  const h = r.h;
  const today = j.today;
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
    submittedOn: h.submittedOn ?? null,
    recheckDueOn: h.status === 'submitted' && h.submittedOn ? recheckDueOn(h.submittedOn, j.recheckDays) : null,
    recheckOverdue: isRecheckOverdue(h.status, h.submittedOn ?? null, today, j.recheckDays),
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
    campaignName: r.campaignName ?? null,
    area: r.area ?? null,
    recheckedBy: r.recheckedBy ?? null,
    recheckedOn: r.recheckedOn ?? null,
  };
}

/**
 * The latest re-check (pass or fail) of a hazard: who and on which day it happened (Asia/Shanghai). Per row through
 * the hazard_events_hazard index; the ledger asks it for one page only.
 */
const RECHECKS = sql`('recheckPass', 'recheckFail')`;
const latestRecheck = (column: SQL) =>
  sql`(select ${column} from hazard_events ev
        where ev.park_id = ${hazards.parkId} and ev.hazard_id = ${hazards.id} and ev.action in ${RECHECKS}
        order by ev.seq desc limit 1)`;

const scopeOf = (actor: Actor) =>
  enterpriseScope(actor, { parkId: hazards.parkId, enterpriseId: hazards.enterpriseId });

function select(db: Db) {
  return db
    .select({
      h: hazards,
      enterpriseName: enterprises.name,
      area: enterprises.area,
      c: majorHazardCriteria,
      riskPointName: riskPoints.name,
      campaignName: campaigns.name,
      recheckedBy: latestRecheck(sql`ev.actor_name`).mapWith(String),
      recheckedOn: latestRecheck(sql`to_char(ev.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`).mapWith(
        String,
      ),
    })
    .from(hazards)
    .innerJoin(enterprises, and(eq(enterprises.parkId, hazards.parkId), eq(enterprises.id, hazards.enterpriseId)))
    .leftJoin(majorHazardCriteria, eq(majorHazardCriteria.id, hazards.criterionId))
    .leftJoin(riskPoints, and(eq(riskPoints.parkId, hazards.parkId), eq(riskPoints.id, hazards.riskPointId)))
    .leftJoin(campaigns, and(eq(campaigns.parkId, hazards.parkId), eq(campaigns.id, hazards.campaignId)));
}

export type LedgerFilters = Omit<z.infer<typeof HazardListQuery>, 'page' | 'pageSize' | 'sort' | 'order'>;

/**
 * A filter on a code column (status, grade, domain…) with the code written into the text: the ledger's statements are
 * prepared, and a generic plan that sees `grade = $1` cannot know 重大 is 2 % of the rows — it walked the found-date
 * index past 495,000 rows for 重大 + 逾期 at 5,000,000 hazards (380 ms against 9 with the code known). The codes are
 * the zod enums' (the pattern keeps anything else a parameter); a few more prepared texts per filter shape.
 */
function codeEq(col: Parameters<typeof eq>[0], code: string): SQL {
  return /^[a-zA-Z]{1,32}$/.test(code) ? sql`${col} = ${sql.raw(`'${code}'`)}` : sql`${col} = ${code}`;
}

/** The scoped WHERE of the ledger; 整改逾期 and 复查超时 are computed against today, never stored. */
export function ledgerWhere(actor: Actor, q: LedgerFilters, j: Judge): SQL {
  const today = j.today;
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  if (q.q) conds.push(or(ilike(hazards.description, likePattern(q.q)), eq(hazards.serial, q.q)));
  if (q.status) conds.push(codeEq(hazards.status, q.status));
  if (q.grade) conds.push(codeEq(hazards.grade, q.grade));
  if (q.domain) conds.push(codeEq(hazards.domain, q.domain));
  if (q.category) conds.push(codeEq(hazards.category, q.category));
  if (q.source) conds.push(codeEq(hazards.source, q.source));
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
  if (q.supervisionTag) {
    conds.push(
      sql`${hazards.enterpriseId} in (select id from enterprises where park_id = ${actor.parkId}
            and supervision_tags @> array[${q.supervisionTag}]::text[])`,
    );
  }
  // Found by the fire service's visits (fire_service_findings links a visit to the hazards it found).
  if (q.fireService || q.fireServiceContractId || q.fireServiceVisitId || q.fireProblem) {
    const by: SQL[] = [];
    if (q.fireServiceContractId) by.push(sql`and v.contract_id = ${q.fireServiceContractId}`);
    if (q.fireServiceVisitId) by.push(sql`and f.visit_id = ${q.fireServiceVisitId}`);
    if (q.fireProblem) by.push(sql`and f.problem = ${q.fireProblem}`);
    conds.push(
      sql`${hazards.id} in (select f.hazard_id from fire_service_findings f
            join fire_service_visits v on v.park_id = f.park_id and v.id = f.visit_id
           where f.park_id = ${actor.parkId} ${sql.join(by, sql` `)})`,
    );
  }
  if (q.tag) {
    conds.push(
      sql`${hazards.enterpriseId} in (select id from enterprises where park_id = ${actor.parkId} and ${q.tag} = any(supervision_tags))`,
    );
  }
  if (q.open === 'true') conds.push(sql`${hazards.status} <> 'closed'`);
  if (q.open === 'false') conds.push(eq(hazards.status, 'closed'));
  if (q.overdue === 'true') conds.push(rectifyingOverdue(today));
  if (q.overdue === 'false') conds.push(sql`not coalesce(${rectifyingOverdue(today)}, false)`);
  if (q.recheckOverdue === 'true') conds.push(recheckOverdueSql(j));
  if (q.recheckOverdue === 'false') conds.push(sql`not coalesce(${recheckOverdueSql(j)}, false)`);
  if (q.listed === 'true') conds.push(isNotNull(hazards.listing), sql`${hazards.listing}->>'delistedOn' is null`);
  if (q.listed === 'false') conds.push(or(isNull(hazards.listing), sql`${hazards.listing}->>'delistedOn' is not null`));
  if (q.foundFrom) conds.push(gte(hazards.foundOn, q.foundFrom));
  if (q.foundTo) conds.push(lte(hazards.foundOn, q.foundTo));
  // Closed on a day of the park's calendar, by when it happened (a back-filled closing has its own past time).
  if (q.closedFrom) conds.push(gte(hazards.closedAt, shanghaiStart(q.closedFrom)));
  if (q.closedTo) conds.push(lt(hazards.closedAt, shanghaiStart(q.closedTo, 1)));
  return and(...conds) as SQL;
}

/** The start of a day of the park's calendar (Asia/Shanghai, UTC+8, no daylight saving), plus some days. */
export function shanghaiStart(day: string, plusDays = 0): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d;
}

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
// The day rollup (0040: by found day × area × domain × status × grade, open ones by deadline) answers a page's total
// for park-wide roles with found dates (the dashboard's links) — exact where the capped count said "10,000+".
const DAY_ROLLUP_FILTERS: ReadonlySet<string> = new Set([
  'foundFrom',
  'foundTo',
  'domain',
  'status',
  'grade',
  'area',
  'overdue',
]);
const dayRollupAnswers = (actor: Actor, q: LedgerFilters) => seesWholePark(actor) && only(q, DAY_ROLLUP_FILTERS);

/** The number of hazards the filters select, from the day rollup (when dayRollupAnswers). */
function dayRollupTotalSql(actor: Actor, q: LedgerFilters, j: Judge): SQL {
  const conds: SQL[] = [sql`c.park_id = ${actor.parkId}`];
  if (q.foundFrom) conds.push(sql`c.found_on >= ${q.foundFrom}`);
  if (q.foundTo) conds.push(sql`c.found_on <= ${q.foundTo}`);
  if (q.domain) conds.push(sql`c.domain = ${q.domain}`);
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.grade) conds.push(sql`c.grade = ${q.grade}`);
  if (q.area) conds.push(sql`c.area = ${q.area}`);
  // The rollup keeps the deadline of assigned / rectifying hazards only: exactly the ones 整改逾期 can select.
  if (q.overdue === 'true') conds.push(sql`c.status in ${RECTIFYING} and c.deadline < ${j.today}`);
  if (q.overdue === 'false')
    conds.push(sql`(c.status not in ${RECTIFYING} or c.deadline is null or c.deadline >= ${j.today})`);
  return sql`select coalesce(sum(c.n), 0)::int as n from hazard_day_counts c where ${sql.join(conds, sql` and `)}`;
}

type Group = { status: string; grade: string; n: number; listed: number; overdue: number };
const RECTIFYING = sql.raw(`('assigned', 'rectifying')`);

/**
 * The status × grade groups of the counters, as SQL. Park-wide roles without an enterprise/campaign filter read the
 * park or area rollup (a few thousand rows, open hazards by deadline day, so overdue is a sum too); otherwise the
 * per-enterprise counters within the actor's scope, whose overdue is 0 here (counted over the open hazards apart,
 * see overdueSql). `rollup` says which.
 */
function counterGroupsSql(actor: Actor, q: LedgerFilters, j: Judge): { groups: SQL; rollup: boolean } {
  const today = j.today;
  const dims: SQL[] = [];
  if (q.status) dims.push(sql`and c.status = ${q.status}`);
  if (q.grade) dims.push(sql`and c.grade = ${q.grade}`);
  if (q.listed) dims.push(sql`and c.listed = ${q.listed === 'true'}`);
  const areaRollup = areaRollupAnswers(actor, q);
  if (parkRollupAnswers(actor, q) || areaRollup) {
    if (areaRollup) dims.push(sql`and c.area = ${q.area}`);
    if (q.overdue === 'true') dims.push(sql`and c.status in ${RECTIFYING} and c.deadline < ${today}`);
    if (q.overdue === 'false')
      dims.push(sql`and (c.status not in ${RECTIFYING} or c.deadline is null or c.deadline >= ${today})`);
    return {
      rollup: true,
      groups: sql`select c.status, c.grade, sum(c.n)::int as n, coalesce(sum(c.n) filter (where c.listed), 0)::int as listed,
                 coalesce(sum(c.n) filter (where c.status in ${RECTIFYING} and c.deadline < ${today}), 0)::int as overdue
            from ${sql.raw(areaRollup ? 'hazard_area_counts' : 'hazard_park_counts')} c
           where c.park_id = ${actor.parkId} ${sql.join(dims, sql` `)}
           group by 1, 2 having sum(c.n) <> 0`,
    };
  }
  const filters: SQL[] = [];
  if (q.enterpriseId) filters.push(sql`and c.enterprise_id = ${q.enterpriseId}`);
  if (q.campaignId) filters.push(sql`and c.campaign_id = ${q.campaignId}`);
  if (q.area) {
    filters.push(
      sql`and c.enterprise_id in (select id from enterprises where park_id = ${actor.parkId} and area = ${q.area})`,
    );
  }
  return {
    rollup: false,
    groups: sql`select c.status, c.grade, sum(c.n)::int as n, coalesce(sum(c.n) filter (where c.listed), 0)::int as listed,
                 0 as overdue
            from hazard_counts c
           where ${enterpriseScopeSql(actor, 'c')} ${sql.join([...filters, ...dims], sql` `)}
           group by 1, 2 having sum(c.n) <> 0`,
  };
}

/**
 * The page's rows (flat, camelCase, dates as text) — the ledger's one statement per request is built around them.
 * The ids first, from an index in page order alone (no heap visit for the rows skipped by the offset, nor for an
 * inspector's other enterprises' hazards); the joins and the latest re-check run for pageSize rows only.
 */
// The first pages' LIMIT and OFFSET are written into the text: with them as parameters PostgreSQL must assume a
// tenth of the rows is wanted, so the prepared statement's generic plan costs more than a custom one and every
// execution was planned anew (planning 1.1–1.2 ms against 0.5 ms of execution). With them as literals the generic plan
// costs the same and is kept after five runs. Deeper pages take their ids first in a statement of their own, with the
// OFFSET a parameter (one table: a custom plan of it costs little), and then the rows by those ids (a statement whose
// generic plan is right for every page): one text per filter shape instead of one per page, and 3,400 against 1,200
// tps for page 50 under pgbench (the whole statement was planned anew on every execution).
// So one filter shape takes at most LITERAL_PAGES × page sizes + 2 prepared texts (platform/db.ts caps the rest).
const LITERAL_PAGES = 5;
const deepPage = (page: number) => page > LITERAL_PAGES;

/** The page's ids, in page order, from the index alone (a deep page's first statement). */
function pageIdsSql(where: SQL, q: { page: number; pageSize: number; col: SQL; dir: SQL }): SQL {
  const offset = (q.page - 1) * q.pageSize;
  // Both are integers zod has bounded (the list query's schema); Number() keeps anything else out of the text.
  const limit = deepPage(q.page)
    ? sql`limit ${sql.raw(String(Number(q.pageSize)))} offset ${offset}`
    : sql.raw(`limit ${Number(q.pageSize)} offset ${Number(offset)}`);
  return sql`select id from hazards where ${where} order by ${q.col} ${q.dir}, id ${q.dir} ${limit}`;
}

function pageSql(
  actor: Actor,
  where: SQL,
  q: { page: number; pageSize: number; col: SQL; dir: SQL },
  /**
   * A deep page's ids, read before (pageIdsSql); the first pages read theirs in the same statement. Sent as one
   * array-literal parameter: drizzle spreads a JS array into a list of parameters, one text per page length.
   */
  ids?: string[],
) {
  return sql`select h.id, h.serial, h.enterprise_id as "enterpriseId", h.inspection_id as "inspectionId",
           h.campaign_id as "campaignId", h.description, h.location, h.domain, h.category, h.source, h.grade,
           h.criterion_id as "criterionId", c.code as "criterionCode", c.version as "criterionVersion",
           c.item as "criterionItem", c.verified as "criterionVerified", h.downgrade_reason as "downgradeReason",
           h.basis, h.requirement, h.deadline::text as deadline, h.responsible_person as "responsiblePerson", h.status,
           h.submitted_on::text as "submittedOn", h.fixed_on_spot as "fixedOnSpot", h.stoppage, h.plan, h.listing,
           h.stoppage_detail as "stoppageDetail", h.found_on::text as "foundOn", h.closed_at as "closedAt",
           h.created_at as "createdAt", h.risk_point_id as "riskPointId", e.name as "enterpriseName", e.area,
           rp.name as "riskPointName", cp.name as "campaignName", rc.actor_name as "recheckedBy",
           to_char(rc.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "recheckedOn"
      from hazards h
      join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
      left join major_hazard_criteria c on c.id = h.criterion_id
      left join risk_points rp on rp.park_id = h.park_id and rp.id = h.risk_point_id
      left join campaigns cp on cp.park_id = h.park_id and cp.id = h.campaign_id
      left join lateral (select ev.actor_name, ev.occurred_at from hazard_events ev
                          where ev.park_id = h.park_id and ev.hazard_id = h.id and ev.action in ${RECHECKS}
                          order by ev.seq desc limit 1) rc on true
     where h.park_id = ${actor.parkId}
       and ${ids ? sql`h.id = any(${`{${ids.join(',')}}`}::uuid[])` : sql`h.id in (${pageIdsSql(where, q)})`}`;
}

// The sort column in the page's ids, and as the page's rows name it (dates as ISO text sort as the dates do).
const SORT_COLUMN = {
  foundOn: ['found_on', '"foundOn"'],
  deadline: ['deadline', 'deadline'],
  serial: ['serial', 'serial'],
} as const;

type PageRow = Omit<HazardRow, 'parkId' | 'createdBy' | 'updatedAt' | 'closedAt' | 'createdAt'> & {
  closedAt: Date | string | null;
  createdAt: Date | string;
  criterionCode: string | null;
  criterionVersion: number | null;
  criterionItem: string | null;
  criterionVerified: boolean | null;
  enterpriseName: string;
  area: string | null;
  riskPointName: string | null;
  campaignName: string | null;
  recheckedBy: string | null;
  recheckedOn: string | null;
};
const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function pageRowView(r: PageRow, j: Judge): HazardView {
  const h = r as unknown as HazardRow;
  h.closedAt = r.closedAt === null ? null : asDate(r.closedAt);
  h.createdAt = asDate(r.createdAt);
  return toView(
    {
      h,
      enterpriseName: r.enterpriseName,
      c:
        r.criterionId && r.criterionCode !== null
          ? ({
              id: r.criterionId,
              code: r.criterionCode,
              version: r.criterionVersion,
              item: r.criterionItem,
              verified: r.criterionVerified,
            } as Joined['c'])
          : null,
      riskPointName: r.riskPointName,
      campaignName: r.campaignName,
      area: r.area,
      recheckedBy: r.recheckedBy,
      recheckedOn: r.recheckedOn,
    },
    j,
  );
}

/**
 * One page of the ledger and its total: from the counters (or, for found dates, the day rollup) when they answer the
 * filters, else a count that stops at
 * COUNT_CAP (a page needs to know there are "10,000+" rows, not 4,873,211). From the park or area rollup, ONE
 * statement: the total is a one-row subquery the page's rows are joined to (a page past the end still answers its
 * total, with no rows).
 */
export async function list(db: Db, actor: Actor, q: z.infer<typeof HazardListQuery>, j: Judge) {
  const { page, pageSize, sort, order, ...filters } = q;
  const where = ledgerWhere(actor, filters, j);
  const byCounters = countersAnswer(actor, filters);
  const byDays = !byCounters && dayRollupAnswers(actor, filters);
  const exact = byCounters || byDays;
  const counters = byCounters ? counterGroupsSql(actor, filters, j) : byDays ? { rollup: true, groups: null } : null;
  const total = counters?.groups
    ? sql`select coalesce(sum(g.n), 0)::int as n from (${counters.groups}) g`
    : byDays
      ? dayRollupTotalSql(actor, filters, j)
      : sql`select count(*)::int as n from (select 1 from hazards where ${where} limit ${COUNT_CAP + 1}) t`;
  const dir = sql.raw(order === 'asc' ? 'asc' : 'desc');
  const [col, outCol] = SORT_COLUMN[sort];
  const pageQ = { page, pageSize, col: sql.raw(col), dir };
  const ids = deepPage(page)
    ? (await fastRows<{ id: string }>(db, pageIdsSql(where, pageQ))).map((r) => r.id)
    : undefined;
  const rowsSql = pageSql(actor, where, pageQ, ids);
  type Row = PageRow & { total: number; id: string | null };
  // The park or area rollup answers in a few thousand counter rows: the total rides along with the page. A total
  // that reads the hazards or the per-enterprise counters of a scope (tens of ms at millions of rows) runs beside the
  // page on another connection instead, so the page does not wait for it.
  const result = counters?.rollup
    ? await fastRows<Row>(
        db,
        sql`select t.n as total, p.* from (${total}) t left join lateral (${rowsSql}) p on true
             order by p.${sql.raw(outCol)} ${dir}, p.id ${dir}`,
      )
    : await Promise.all([
        fastRows<{ n: number }>(db, total),
        fastRows<Row>(db, sql`select p.* from (${rowsSql}) p order by p.${sql.raw(outCol)} ${dir}, p.id ${dir}`),
      ]).then(([[t], page]): Row[] =>
        page.length ? page.map((r) => ({ ...r, total: t?.n ?? 0 })) : [{ total: t?.n ?? 0, id: null } as Row],
      );
  const n = Number(result[0]?.total ?? 0);
  const items: HazardView[] = [];
  for (const r of result) if (r.id !== null) items.push(pageRowView(r, j));
  if (exact) return { items, total: n, totalCapped: false };
  return { items, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/**
 * Status and grade counts of the filtered ledger, in ONE statement when the counters answer the filters; else one
 * scan, with the 复查超时 count beside it. 复查超时 is counted apart over the hazards waiting for re-check (the
 * hazards_submitted index: only the late ones are read), with the same filters; so is 整改逾期 when the per-enterprise
 * counters answer (an index-only count of the scope's open hazards, hazards_open_enterprise).
 */
export async function counts(db: Db, actor: Actor, q: LedgerFilters, j: Judge) {
  const today = j.today;
  let groups: SQL;
  let overdueApart = false;
  const scanned = !countersAnswer(actor, q);
  if (!scanned) {
    const c = counterGroupsSql(actor, q, j);
    groups = c.groups;
    overdueApart = !c.rollup && (!q.status || q.status === 'assigned' || q.status === 'rectifying');
  } else {
    groups = sql`select status, grade, count(*)::int as n,
                     count(*) filter (where listing is not null and listing->>'delistedOn' is null)::int as listed,
                     count(*) filter (where status in ${RECTIFYING} and deadline < ${today})::int as overdue
                from hazards where ${ledgerWhere(actor, q, j)} group by status, grade`;
  }
  const overdue = overdueApart
    ? sql`(select count(*)::int from hazards where ${ledgerWhere(actor, { ...q, overdue: 'true' }, j)})`
    : sql`0`;
  const late =
    (!q.status || q.status === 'submitted') && q.recheckOverdue !== 'false'
      ? sql`(select count(*)::int from hazards where ${ledgerWhere(actor, { ...q, recheckOverdue: 'true' }, j)})`
      : sql`0`;
  type Row = Partial<Group> & { overdue_apart: number; late: number };
  const result = scanned
    ? // A scan of the hazards (seconds at millions of rows): the 复查超时 count runs beside it on another connection
      // rather than after it in the same statement.
      await Promise.all([
        fastRows<Group>(db, groups),
        fastRows<{ late: number }>(db, sql`select ${late} as late`),
      ]).then(([gs, [l]]) => {
        const out: Row[] = gs.map((g) => ({ ...g, overdue_apart: 0, late: l?.late ?? 0 }));
        return out.length ? out : [{ overdue_apart: 0, late: l?.late ?? 0 }];
      })
    : await fastRows<Row>(
        db,
        sql`select x.overdue_apart, x.late, g.status, g.grade, g.n, g.listed, g.overdue
              from (select ${overdue} as overdue_apart, ${late} as late) x left join lateral (${groups}) g on true`,
      );
  const found = result.filter((g): g is Group & { overdue_apart: number; late: number } => g.status != null);
  const sum = (key: 'status' | 'grade') => {
    const m = new Map<string, number>();
    for (const g of found) m.set(g[key], (m.get(g[key]) ?? 0) + Number(g.n));
    return [...m].map(([k, count]) => ({ key: k, count }));
  };
  const total = (f: (g: Group) => number) => found.reduce((n, g) => n + Number(f(g)), 0);
  return {
    byStatus: sum('status'),
    byGrade: sum('grade'),
    // The apart count is of the whole filtered scope (not split by group); with no hazards there is none.
    overdue: total((g) => g.overdue) + (found.length ? Number(result[0]?.overdue_apart ?? 0) : 0),
    recheckOverdue: Number(result[0]?.late ?? 0),
    listed: total((g) => g.listed),
    total: total((g) => g.n),
  };
}

export async function get(db: Db, actor: Actor, id: string, j: Judge, forUpdate = false) {
  const q = select(db).where(and(scopeOf(actor), eq(hazards.id, id)));
  const [r] = forUpdate ? await q.for('update', { of: hazards }) : await q;
  return r ? { row: r.h, view: toView(r, j) } : null;
}

/** When the latest step of a hazard happened, and its day (Asia/Shanghai): a back-filled step may not precede it. */
export async function lastEvent(db: Db, parkId: string, hazardId: string): Promise<{ at: Date; day: string } | null> {
  const [r] = await rows<{ at: string | Date | null; day: string | null }>(
    db,
    sql`select max(occurred_at) as at, (max(occurred_at) at time zone 'Asia/Shanghai')::date::text as day
          from hazard_events where park_id = ${parkId} and hazard_id = ${hazardId}`,
  );
  return r?.at && r.day ? { at: new Date(r.at), day: r.day } : null;
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

// ------------------------------------------------------------------------------------------------ settings

export async function settings(db: Db, parkId: string) {
  const [r] = await db
    .select({
      recheckDays: hazardSettings.recheckDays,
      updatedAt: hazardSettings.updatedAt,
      updatedByName: users.displayName,
    })
    .from(hazardSettings)
    .leftJoin(users, eq(users.id, hazardSettings.updatedBy))
    .where(eq(hazardSettings.parkId, parkId));
  return r ?? null;
}

export async function saveSettings(db: Db, parkId: string, recheckDays: number, by: string) {
  await db
    .insert(hazardSettings)
    .values({ parkId, recheckDays, updatedBy: by, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: hazardSettings.parkId,
      set: { recheckDays, updatedBy: by, updatedAt: sql`now()` },
    });
}

// ------------------------------------------------------------------------------------------------ period figures

/**
 * The figures of a period by when things happened (occurred_at of the steps, found_on, closed_at), within the actor's
 * scope. 整改逾期 / 复查超时 "at the end of the period" (or today, for a period not yet over) replay each candidate's
 * status as of that day from its events and its deadline as of that day from the approved extensions, so a step
 * back-filled as done before its deadline never counts as overdue.
 */
export async function periodStats(
  db: Db,
  actor: Actor,
  q: { from: string; to: string; enterpriseId?: string; campaignId?: string; area?: string },
  j: Judge,
) {
  const filters: SQL[] = [scopeOf(actor)];
  if (q.enterpriseId) filters.push(eq(hazards.enterpriseId, q.enterpriseId));
  if (q.campaignId) filters.push(eq(hazards.campaignId, q.campaignId));
  if (q.area) {
    filters.push(
      sql`${hazards.enterpriseId} in (select id from enterprises where park_id = ${actor.parkId} and area = ${q.area})`,
    );
  }
  const where = and(...filters) as SQL;
  const start = shanghaiStart(q.from).toISOString();
  const end = shanghaiStart(q.to, 1).toISOString();
  // A period not yet over ends today: its end states are today's (counted by the caller from the counters).
  const replay = q.to < j.today;
  const asOfDay = replay ? q.to : j.today;
  const asOf = shanghaiStart(asOfDay, 1).toISOString();
  const [r] = await rows<{
    found: number;
    found_closed: number;
    closed: number;
    overdue: number;
    recheck_overdue: number;
  }>(
    db,
    sql`with asof as (
          select
            -- The status then: the last step that had happened by the end of that day.
            (select e.to_status from hazard_events e
              where e.park_id = hazards.park_id and e.hazard_id = hazards.id and e.to_status is not null
                and e.occurred_at < ${asOf}::timestamptz
              order by e.occurred_at desc, e.seq desc limit 1) as status,
            (select (e.occurred_at at time zone 'Asia/Shanghai')::date from hazard_events e
              where e.park_id = hazards.park_id and e.hazard_id = hazards.id and e.action = 'submit'
                and e.occurred_at < ${asOf}::timestamptz
              order by e.occurred_at desc, e.seq desc limit 1) as submitted_on,
            -- The deadline then: the latest extension approved by then, else the one before any approved extension.
            coalesce(
              (select x.requested_deadline from extension_requests x
                where x.park_id = hazards.park_id and x.hazard_id = hazards.id and x.status = 'approved'
                  and x.decided_at < ${asOf}::timestamptz
                order by x.decided_at desc limit 1),
              (select x.previous_deadline from extension_requests x
                where x.park_id = hazards.park_id and x.hazard_id = hazards.id and x.status = 'approved'
                order by x.decided_at asc limit 1),
              hazards.deadline) as deadline
            from hazards
           -- Candidates: found by then and not closed by then (none when the period is not over: see replay).
           where ${replay ? sql`true` : sql`false`} and ${where} and hazards.found_on <= ${asOfDay}
             and (hazards.closed_at is null or hazards.closed_at >= ${asOf}::timestamptz)
        )
        select
          (select count(*)::int from hazards where ${where} and hazards.found_on between ${q.from} and ${q.to}) as found,
          (select count(*)::int from hazards where ${where} and hazards.found_on between ${q.from} and ${q.to}
              and hazards.closed_at < ${end}::timestamptz) as found_closed,
          (select count(*)::int from hazards where ${where}
              and hazards.closed_at >= ${start}::timestamptz and hazards.closed_at < ${end}::timestamptz) as closed,
          (select count(*)::int from asof
            where status in ('assigned', 'rectifying') and deadline < ${asOfDay}::date) as overdue,
          (select count(*)::int from asof
            where status = 'submitted' and submitted_on + ${j.recheckDays}::int < ${asOfDay}::date) as recheck_overdue`,
  );
  return { ...r!, replayed: replay };
}
