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
import { enterpriseScopeSql } from '../../platform/scope';

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

/** The rows before the status filter, as a CTE body. */
function base(actor: Actor, f: CoverageFilters & Period, r: CoverageRules): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id'), sql`e.status <> 'cancelled'`];
  if (f.q) conds.push(sql`(e.name ilike ${likePattern(f.q)} or e.credit_code ilike ${likePattern(f.q)})`);
  if (f.area) conds.push(sql`e.area = ${f.area}`);
  if (f.tag) conds.push(sql`${f.tag} = any(e.supervision_tags)`);
  if (f.riskLevel === 'none') conds.push(sql`e.risk_level is null`);
  else if (f.riskLevel) conds.push(sql`e.risk_level = ${f.riskLevel}`);
  if (f.grade) conds.push(sql`coalesce(s.grade, ${r.baseGrade}) = ${f.grade}`);
  return sql`
    insp as (
      select enterprise_id, count(*)::int as n, max(inspected_on)::text as last
        from inspections
       where park_id = ${actor.parkId} and kind <> 'selfInspection' and inspected_on between ${f.from} and ${f.to}
       group by enterprise_id),
    hz as (
      select enterprise_id, count(*)::int as found, count(*) filter (where status = 'closed')::int as closed
        from hazards
       where park_id = ${actor.parkId} and found_on between ${f.from} and ${f.to}
       group by enterprise_id),
    graded as (
      select e.id as enterprise_id, e.name, e.area, e.supervision_tags as tags, e.risk_level,
             coalesce(s.grade, ${r.baseGrade}) as grade,
             coalesce(i.n, 0) as inspections, i.last as last_inspected_on,
             coalesce(h.found, 0) as hazards_found, coalesce(h.closed, 0) as hazards_closed
        from enterprises e
        left join credit_scores s on s.park_id = e.park_id and s.enterprise_id = e.id
        left join insp i on i.enterprise_id = e.id
        left join hz h on h.enterprise_id = e.id
       where ${sql.join(conds, sql` and `)}),
    required as (
      select g.*, (${JSON.stringify(r.frequency)}::jsonb -> g.grade ->> coalesce(g.risk_level, 'unrated'))::int as per_year
        from graded g),
    cov as (
      select q.*, floor(q.per_year * ${r.days}::numeric / 365 + 0.5)::int as required from required q),
    rowsof as (
      select c.*, case when c.inspections < c.required then 'uncovered'
                       when c.inspections > c.required then 'over' else 'covered' end as status
        from cov c)`;
}

// Never inspected first, then the largest shortfall, then the name.
const GAP = sql`(inspections = 0) desc, (required - inspections) desc, name, enterprise_id`;
const ORDER: Record<Exclude<CoverageQuery['sort'], 'gap'>, (dir: SQL) => SQL> = {
  name: (dir) => sql`name ${dir}, enterprise_id`,
  inspections: (dir) => sql`inspections ${dir}, name, enterprise_id`,
  required: (dir) => sql`required ${dir}, name, enterprise_id`,
};

export async function page(db: Db, actor: Actor, q: CoverageQuery & Period, r: CoverageRules) {
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const statusCond = q.status ? sql`where status = ${q.status}` : sql``;
  const [items, summary] = await Promise.all([
    rows<Row>(
      db,
      sql`with ${base(actor, q, r)}
          select * from rowsof ${statusCond}
           order by ${q.sort === 'gap' ? GAP : ORDER[q.sort](dir)}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    summaryOf(db, actor, q, r),
  ]);
  return { items, summary };
}

export interface SummaryRow {
  status: CoverageStatus;
  n: number;
  never: number;
  found: number;
  closed: number;
}

/** Per status: enterprises, those never inspected, hazards found and closed (the status filter aside). */
export async function summaryOf(db: Db, actor: Actor, f: CoverageFilters & Period, r: CoverageRules) {
  return rows<SummaryRow>(
    db,
    sql`with ${base(actor, f, r)}
        select status, count(*)::int as n, count(*) filter (where inspections = 0)::int as never,
               coalesce(sum(hazards_found), 0)::int as found, coalesce(sum(hazards_closed), 0)::int as closed
          from rowsof group by status`,
  );
}

/** Every row the filters select (export, the campaign for the uncovered), in the page's order. */
export async function all(db: Db, actor: Actor, f: CoverageFilters & Period, r: CoverageRules, limit: number) {
  const statusCond = f.status ? sql`where status = ${f.status}` : sql``;
  return rows<Row>(
    db,
    sql`with ${base(actor, f, r)} select * from rowsof ${statusCond} order by ${GAP} limit ${limit}`,
  );
}
