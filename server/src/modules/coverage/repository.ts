// Coverage (全覆盖) in one set-based statement: every enterprise in scope (cancelled ones aside, as a campaign's
// targets) with its inspections of the period (by the day they happened, 企业自查 aside — the 家次 of the dashboard),
// its hazards found and closed of the period, and the inspections its credit grade × risk level require
// (the credit rule table's yearly frequency, pro rata to the period's days, rounded half up).
import { type SQL, sql } from 'drizzle-orm';
import type { FrequencyTable } from '../../../../shared/src/credit';
import type { CoverageFilters, CoverageQuery, CoverageStatus } from '../../../../shared/src/dashboard';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { cachedFigure } from '../../platform/read-cache';
import { enterpriseScopeSql, seesWholePark } from '../../platform/scope';
import { supervisoryPerEnterpriseSql } from '../inspections/service';

export interface CoverageRules {
  frequency: FrequencyTable;
  /** The grade of an enterprise not scored yet (the base score's). */
  baseGrade: string;
  days: number;
}

export interface Row {
  enterprise_id: string;
  name: string;
  area: string | null;
  tags: string[];
  risk_level: string | null;
  grade: string;
  per_year: number;
  required: number;
  inspections: number;
  last_inspected_on: string | null;
  status: CoverageStatus;
  hazards_found: number;
  hazards_closed: number;
}

type Period = { from: string; to: string };

/** The enterprises the filters select (cancelled ones aside), over `enterprises e left join credit_scores s`. */
function enterpriseConds(actor: Actor, f: CoverageFilters, r: CoverageRules): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id'), sql`e.status <> 'cancelled'`];
  if (f.q) conds.push(sql`(e.name ilike ${likePattern(f.q)} or e.credit_code ilike ${likePattern(f.q)})`);
  if (f.area) conds.push(sql`e.area = ${f.area}`);
  if (f.tag) conds.push(sql`${f.tag} = any(e.supervision_tags)`);
  if (f.riskLevel === 'none') conds.push(sql`e.risk_level is null`);
  else if (f.riskLevel) conds.push(sql`e.risk_level = ${f.riskLevel}`);
  if (f.grade) conds.push(sql`coalesce(s.grade, ${r.baseGrade}) = ${f.grade}`);
  return sql.join(conds, sql` and `);
}

/**
 * The rows before the status filter, as a CTE body. With `hazards`, each row carries its hazards found and closed in
 * the period (one aggregate over the period's hazards) and its last inspection day (the export of every enterprise);
 * without, the status, the order and the summary's counts need only the period's inspections per enterprise (the
 * month rollup, inspectionsOf), and a page adds its own rows' hazards and last day afterwards.
 */
function base(actor: Actor, f: CoverageFilters & Period, r: CoverageRules, hazards = false): SQL {
  return sql`${inspectionsOf(actor, f, hazards)}
    ${
      hazards
        ? sql`hz as (
      select enterprise_id, count(*)::int as found, count(*) filter (where status = 'closed')::int as closed
        from hazards
       where park_id = ${actor.parkId} and found_on between ${f.from} and ${f.to}
       group by enterprise_id),`
        : sql``
    }
    graded as (
      select e.id as enterprise_id, e.name, e.area, e.supervision_tags as tags, e.risk_level,
             coalesce(s.grade, ${r.baseGrade}) as grade,
             coalesce(i.n, 0) as inspections${hazards ? sql`, i.last as last_inspected_on` : sql``}
             ${hazards ? sql`, coalesce(h.found, 0) as hazards_found, coalesce(h.closed, 0) as hazards_closed` : sql``}
        from enterprises e
        left join credit_scores s on s.park_id = e.park_id and s.enterprise_id = e.id
        left join insp i on i.enterprise_id = e.id
        ${hazards ? sql`left join hz h on h.enterprise_id = e.id` : sql``}
       where ${enterpriseConds(actor, f, r)}),
    ${statusOf(r)}`;
}

/**
 * The period's inspections per enterprise (企业自查 aside): the inspections service's one definition (the month
 * rollup of 0047 for the whole months, inspections_period for the partial first and last months). With `last`, each
 * enterprise's latest day of the period too, from a range of inspections_period (the export shows it on every row),
 * in the same aggregate (a join of the two groupings was planned as a nested loop at 100,000 enterprises).
 */
const inspectionsOf = (actor: Actor, f: Period, last = false) =>
  last
    ? sql`
    insp as (
      select enterprise_id, sum(n)::int as n, max(last)::text as last
        from (select enterprise_id, n, null::date as last from (${supervisoryPerEnterpriseSql(actor.parkId, f)}) c
              union all
              select enterprise_id, 0, inspected_on
                from inspections
               where park_id = ${actor.parkId} and kind <> 'selfInspection'
                 and inspected_on between ${f.from} and ${f.to}) x
       group by enterprise_id),`
    : sql`
    insp as (${supervisoryPerEnterpriseSql(actor.parkId, f)}),`;

/**
 * From `graded` (grade, risk_level, inspections) to `rowsof` (with per_year, required and status): the one
 * definition of the required count and the status, for each enterprise's row and for the summary's groups.
 */
const statusOf = (r: CoverageRules) => sql`
    required as (
      select g.*, (${JSON.stringify(r.frequency)}::jsonb -> g.grade ->> coalesce(g.risk_level, 'unrated'))::int as per_year
        from graded g),
    cov as (
      select q.*, floor(q.per_year * ${r.days}::numeric / 365 + 0.5)::int as required from required q),
    rowsof as (
      select c.*, case when c.inspections < c.required then 'uncovered'
                       when c.inspections > c.required then 'over' else 'covered' end as status
        from cov c)`;

// Never inspected first, then the largest shortfall, then the name.
const GAP = sql`(inspections = 0) desc, (required - inspections) desc, name, enterprise_id`;
const ORDER: Record<Exclude<CoverageQuery['sort'], 'gap'>, (dir: SQL) => SQL> = {
  name: (dir) => sql`name ${dir}, enterprise_id`,
  inspections: (dir) => sql`inspections ${dir}, name, enterprise_id`,
  required: (dir) => sql`required ${dir}, name, enterprise_id`,
};

/** The summary's counts per status over `rowsof` (the status filter aside). */
const STATUS_COUNTS = sql`select status, count(*)::int as n, count(*) filter (where inspections = 0)::int as never,
                                 0 as found, 0 as closed
                            from rowsof group by status`;

/**
 * A page and its summary in one statement (the rows of every enterprise computed once, not once per part): the page's
 * rows first (no hazard in the order), then their hazards of the period — an index range of hazards_enterprise per
 * row, not every hazard of the period grouped by enterprise; the per-status counts ride along as JSON on each row.
 * The summary's hazard totals run beside it (hazardTotals).
 */
export async function page(db: Db, actor: Actor, q: CoverageQuery & Period, r: CoverageRules) {
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const statusCond = q.status ? sql`where status = ${q.status}` : sql``;
  const order = q.sort === 'gap' ? GAP : ORDER[q.sort](dir);
  type PageRow = Row & { summary: SummaryRow[] | null };
  const [found, totals] = await Promise.all([
    rows<PageRow>(
      db,
      sql`with ${base(actor, q, r)},
          counts as (select coalesce(json_agg(c), '[]') as summary from (${STATUS_COUNTS}) c),
          pg as (select * from rowsof ${statusCond} order by ${order}
                  limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}),
          items as (
            select pg.*, l.last as last_inspected_on, h.found as hazards_found, h.closed as hazards_closed
              from pg
              left join lateral (
                select max(inspected_on)::text as last
                  from inspections
                 where park_id = ${actor.parkId} and enterprise_id = pg.enterprise_id
                   and kind <> 'selfInspection' and inspected_on between ${q.from} and ${q.to}) l on true
              left join lateral (
                select count(*)::int as found, count(*) filter (where status = 'closed')::int as closed
                  from hazards
                 where park_id = ${actor.parkId} and enterprise_id = pg.enterprise_id
                   and found_on between ${q.from} and ${q.to}) h on true)
          select counts.summary, items.* from counts left join items on true
           order by ${order}`,
    ),
    hazardTotals(db, actor, q, r),
  ]);
  const summary = withTotals(found[0]?.summary ?? [], totals);
  return { items: found.filter((x) => x.enterprise_id !== null), summary };
}

export interface SummaryRow {
  status: CoverageStatus;
  n: number;
  never: number;
  found: number;
  closed: number;
}

/**
 * The hazards found and closed in the period of all the selected enterprises. A park-wide role with no filter but
 * the area reads them from the day rollup (0040: the whole park's or the area's hazards by found day) less those of
 * cancelled enterprises (few; an index range each); any other filter or a scoped role counts the selected
 * enterprises' hazards.
 */
async function hazardTotals(db: Db, actor: Actor, f: CoverageFilters & Period, r: CoverageRules) {
  const rollup = seesWholePark(actor) && !f.q && !f.tag && !f.riskLevel && !f.grade;
  const [totals] = await rows<{ found: number; closed: number }>(
    db,
    rollup
      ? sql`select coalesce(sum(n), 0)::int as found, coalesce(sum(n) filter (where status = 'closed'), 0)::int as closed
              from (select c.n, c.status from hazard_day_counts c
                     where c.park_id = ${actor.parkId} and c.found_on between ${f.from} and ${f.to}
                           ${f.area ? sql`and c.area = ${f.area}` : sql``}
                    union all
                    select -1, h.status from enterprises e
                      join hazards h on h.park_id = e.park_id and h.enterprise_id = e.id
                     where e.park_id = ${actor.parkId} and e.status = 'cancelled'
                           ${f.area ? sql`and e.area = ${f.area}` : sql``}
                       and h.found_on between ${f.from} and ${f.to}) x`
      : sql`select count(*)::int as found, count(*) filter (where h.status = 'closed')::int as closed
              from hazards h
             where h.park_id = ${actor.parkId} and h.found_on between ${f.from} and ${f.to}
               and h.enterprise_id in (select e.id from enterprises e
                                         left join credit_scores s on s.park_id = e.park_id and s.enterprise_id = e.id
                                        where ${enterpriseConds(actor, f, r)})`,
  );
  return { found: Number(totals?.found ?? 0), closed: Number(totals?.closed ?? 0) };
}

/** The totals carried on the first status row (the summary view sums the rows). */
function withTotals(statuses: SummaryRow[], totals: { found: number; closed: number }): SummaryRow[] {
  const out = statuses.map((x) => ({ ...x, found: 0, closed: 0 }));
  if (out[0]) Object.assign(out[0], totals);
  return out;
}

/** A summary row, or (status null) the park's enterprises inspected in the period. */
type StatusRow = Omit<SummaryRow, 'status'> & { status: CoverageStatus | null };

/**
 * Per status: enterprises and those never inspected (the status filter aside); and the hazards found and closed in
 * the period of all the selected enterprises, with the first row.
 */
export async function summaryOf(db: Db, actor: Actor, f: CoverageFilters & Period, r: CoverageRules) {
  // The whole park unfiltered also counts the enterprises with a supervisory inspection in the period — the
  // inspections' own figure (the same per-enterprise relation, supervisoryPerEnterpriseSql), read here because the
  // statement has just grouped the period's inspections per enterprise; the dashboard would group them again.
  const inspected = seesWholePark(actor) && !f.q && !f.area && !f.tag && !f.riskLevel && !f.grade;
  // The enterprises grouped by grade × risk level × inspections first (a few hundred groups at 100,000 enterprises),
  // then the required count and the status per group: the same definitions as each row's, evaluated per group
  // instead of per enterprise, and no name, area or tags carried (the dashboard needs the counts only).
  const statusesSql = sql`with ${inspectionsOf(actor, f)}
          graded as (
            select coalesce(s.grade, ${r.baseGrade}) as grade, e.risk_level, coalesce(i.n, 0) as inspections,
                   count(*)::int as c
              from enterprises e
              left join credit_scores s on s.park_id = e.park_id and s.enterprise_id = e.id
              left join insp i on i.enterprise_id = e.id
             where ${enterpriseConds(actor, f, r)}
             group by 1, 2, 3),
          ${statusOf(r)}
          select status, sum(c)::int as n, coalesce(sum(c) filter (where inspections = 0), 0)::int as never,
                 0 as found, 0 as closed
            from rowsof group by status
          ${inspected ? sql`union all select null, (select count(*)::int from insp), 0, 0, 0` : sql``}`;
  // The park-wide counts (every enterprise grouped with its inspections: ~300 ms at 100,000) come from the figures
  // cache while no inspection, enterprise or credit score changed (read-cache.ts); the key holds every input.
  const statuses = seesWholePark(actor)
    ? cachedFigure(db, `coverage-summary:${actor.parkId}:${JSON.stringify([f, r])}`, () =>
        rows<StatusRow>(db, statusesSql),
      )
    : rows<StatusRow>(db, statusesSql);
  const [list, totals] = await Promise.all([statuses, hazardTotals(db, actor, f, r)]);
  return {
    statuses: withTotals(
      list.filter((x): x is SummaryRow => x.status !== null),
      totals,
    ),
    inspected: inspected ? Number(list.find((x) => x.status === null)?.n ?? 0) : null,
  };
}

/** Every row the filters select (export, the campaign for the uncovered), in the page's order. */
export async function all(db: Db, actor: Actor, f: CoverageFilters & Period, r: CoverageRules, limit: number) {
  const statusCond = f.status ? sql`where status = ${f.status}` : sql``;
  return rows<Row>(
    db,
    sql`with ${base(actor, f, r, true)} select * from rowsof ${statusCond} order by ${GAP} limit ${limit}`,
  );
}
