// The hazard figures of the leaders' dashboard (issue 15) for a period, each the number the ledger counts for the
// same filters (foundFrom/foundTo and the figure's filter: status, grade, domain, area, tag, overdue).
// Park-wide roles read the day rollups of migration 0040 (hazards by found day × area × domain × status × grade, and
// by tag), kept exact by triggers in every writer's transaction: a year is one statement over a few thousand rows.
// Scoped roles (an enterprise, an inspector, a department) count their own hazards with the ledger's own WHERE
// (ledgerWhere): two scans of the period's hazards in their scope, one grouped by month, domain and status (whose
// sums give the totals), one per enterprise rolled up to areas and key-supervision tags. A test compares both paths
// with the ledger's totals and the rollups with COUNT(*) after random writes (counters.test.ts).
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor';
import { type Db, fastRows, rows } from '../../platform/db';
import { seesWholePark } from '../../platform/scope';
import { type Judge, type LedgerFilters, ledgerWhere } from './repository';

export interface HazardPeriodFigures {
  found: number;
  closed: number;
  overdue: number;
  major: number;
  /** Major hazards of the period closed (整改销号) by now: the ledger's grade=major&status=closed. */
  majorClosed: number;
  byMonth: { key: string; found: number; closed: number }[];
  byDomain: { key: string; n: number }[];
  byStatus: { key: string; n: number }[];
  byArea: { key: string | null; n: number }[];
  byTag: { key: string; n: number }[];
}

export async function periodFigures(
  db: Db,
  actor: Actor,
  period: { from: string; to: string },
  j: Judge,
): Promise<HazardPeriodFigures> {
  return seesWholePark(actor) ? fromRollups(db, actor.parkId, period, j) : counted(db, actor, period, j);
}

type GroupRow = {
  month: string | null;
  domain: string | null;
  status: string | null;
  n: number;
  closed: number;
  overdue: number;
  major: number;
  major_closed: number;
};

function assemble(groups: GroupRow[], rollup: { kind: 'area' | 'tag'; key: string | null; n: number }[]) {
  const statusRows = groups.filter((g) => g.status !== null);
  const sum = (f: (g: GroupRow) => number) => statusRows.reduce((t, g) => t + Number(f(g)), 0);
  return {
    found: sum((g) => g.n),
    closed: sum((g) => g.closed),
    overdue: sum((g) => g.overdue),
    major: sum((g) => g.major),
    majorClosed: sum((g) => g.major_closed),
    byMonth: groups
      .filter((g) => g.month !== null)
      .map((g) => ({ key: g.month!, found: Number(g.n), closed: Number(g.closed) }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    byDomain: groups.filter((g) => g.domain !== null).map((g) => ({ key: g.domain!, n: Number(g.n) })),
    byStatus: statusRows.map((g) => ({ key: g.status!, n: Number(g.n) })),
    byArea: rollup.filter((r) => r.kind === 'area').map((r) => ({ key: r.key, n: Number(r.n) })),
    byTag: rollup.filter((r) => r.kind === 'tag').map((r) => ({ key: r.key!, n: Number(r.n) })),
  };
}

/**
 * The whole park's figures from the day rollups (0040), in one statement: the same groups as the scan below, plus
 * areas (grouping() tells the "no area" group from the grouping sets' NULLs) and tags. Groups whose hazards were
 * all deleted or moved keep a zero row in the rollup; HAVING leaves them out, as the scan never sees them.
 */
async function fromRollups(db: Db, parkId: string, period: { from: string; to: string }, j: Judge) {
  const found = await fastRows<GroupRow & { kind: 'group' | 'area' | 'tag'; key: string | null }>(
    db,
    sql`select case when grouping(c.area) = 0 then 'area' else 'group' end as kind, c.area as key,
               to_char(c.found_on, 'YYYY-MM') as month, c.domain, c.status, sum(c.n)::int as n,
               coalesce(sum(c.n) filter (where c.status = 'closed'), 0)::int as closed,
               coalesce(sum(c.n) filter (where c.status in ('assigned', 'rectifying') and c.deadline < ${j.today}::date), 0)::int as overdue,
               coalesce(sum(c.n) filter (where c.grade = 'major'), 0)::int as major,
               coalesce(sum(c.n) filter (where c.grade = 'major' and c.status = 'closed'), 0)::int as major_closed
          from hazard_day_counts c
         where c.park_id = ${parkId} and c.found_on between ${period.from}::date and ${period.to}::date
         group by grouping sets ((to_char(c.found_on, 'YYYY-MM')), (c.domain), (c.status), (c.area))
        having sum(c.n) <> 0
        union all
        select 'tag', t.tag, null, null, null, sum(t.n)::int, 0, 0, 0, 0
          from hazard_tag_day_counts t
         where t.park_id = ${parkId} and t.found_on between ${period.from}::date and ${period.to}::date
         group by t.tag
        having sum(t.n) <> 0`,
  );
  const groups = found.filter((r) => r.kind === 'group');
  const rollup = found
    .filter((r) => r.kind !== 'group')
    .map((r) => ({ kind: r.kind as 'area' | 'tag', key: r.key, n: Number(r.n) }));
  return assemble(groups, rollup);
}

/** A scope's figures counted from its hazards with the ledger's WHERE (also the rollups' ground truth in tests). */
export async function counted(
  db: Db,
  actor: Actor,
  period: { from: string; to: string },
  j: Judge,
): Promise<HazardPeriodFigures> {
  const filters: LedgerFilters = { foundFrom: period.from, foundTo: period.to };
  const where = ledgerWhere(actor, filters, j);
  const [groups, rollup] = await Promise.all([
    rows<GroupRow>(
      db,
      sql`select to_char(found_on, 'YYYY-MM') as month, domain, status, count(*)::int as n,
                 count(*) filter (where status = 'closed')::int as closed,
                 -- 整改逾期 exactly as the ledger's filter: not yet submitted and the deadline passed (today).
                 count(*) filter (where status in ('assigned', 'rectifying') and deadline < ${j.today})::int as overdue,
                 count(*) filter (where grade = 'major')::int as major,
                 count(*) filter (where grade = 'major' and status = 'closed')::int as major_closed
            from hazards where ${where}
           group by grouping sets ((to_char(found_on, 'YYYY-MM')), (domain), (status))`,
    ),
    rows<{ kind: 'area' | 'tag'; key: string | null; n: number }>(
      db,
      sql`with per as (select enterprise_id, count(*)::int as n from hazards where ${where} group by enterprise_id)
          select 'area' as kind, e.area as key, sum(per.n)::int as n
            from per join enterprises e on e.park_id = ${actor.parkId} and e.id = per.enterprise_id
           group by e.area
          union all
          select 'tag' as kind, t.tag as key, sum(per.n)::int as n
            from per join enterprises e on e.park_id = ${actor.parkId} and e.id = per.enterprise_id
            cross join unnest(e.supervision_tags) as t(tag)
           group by t.tag`,
    ),
  ]);
  return assemble(groups, rollup);
}

/** The period's major hazards (the dashboard's list), by deadline, with the ledger's WHERE. */
export async function periodMajors(db: Db, actor: Actor, period: { from: string; to: string }, j: Judge, limit = 20) {
  const where = ledgerWhere(actor, { foundFrom: period.from, foundTo: period.to, grade: 'major' }, j);
  return rows<{
    id: string;
    serial: string;
    enterprise_name: string;
    description: string;
    status: string;
    deadline: string | null;
  }>(
    db,
    sql`select hazards.id, hazards.serial, e.name as enterprise_name, hazards.description, hazards.status,
               hazards.deadline::text as deadline
          from hazards join enterprises e on e.park_id = hazards.park_id and e.id = hazards.enterprise_id
         where ${where}
         order by (hazards.status = 'closed'), hazards.deadline nulls last, hazards.id
         limit ${limit}`,
  );
}
