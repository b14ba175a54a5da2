// 消防研判: the analysis of the fire-service ledger the seed promises (003 §六: 消防薄弱环节、普遍存在的共性问题、重点
// 监管区域). Every count is of hazards found by the service's visits (fire_service_findings) within the actor's data
// scope, dated by the hazard's found date (the visit's day) — the same rows the hazard ledger lists under
// ?fireService=true&fireProblem=…&foundFrom=…&foundTo=…, so a figure and the ledger it opens agree.
import { type SQL, sql } from 'drizzle-orm';
import type { Analysis, AnalysisQuery, FireProblem } from '../../../../shared/src/fire-service';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor } from '../../platform/actor';
import { now } from '../../platform/clock';
import { type Db, rows } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { enterpriseScopeSql } from '../../platform/scope';
import * as repo from './repository';

type Counts = { findings: number; rectified: number; open: number };
const COUNTS = sql`count(*)::int as findings, count(*) filter (where x.status = 'closed')::int as rectified,
  count(*) filter (where x.status <> 'closed')::int as open`;
const counts = (r: Counts): Counts => ({
  findings: Number(r.findings),
  rectified: Number(r.rectified),
  open: Number(r.open),
});
const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10) / 10 : 0);

export async function analyse(db: Db, actor: Actor, q: AnalysisQuery): Promise<Analysis> {
  assertCan(actor, 'fireService.analyse');
  const day = shanghaiToday(now());
  let from = q.from ?? `${day.slice(0, 4)}-01-01`;
  let to = q.to ?? day;
  if (q.contractId) {
    const c = await repo.getContract(db, actor.parkId, q.contractId);
    if (!c) throw notFound('服务合同');
    from = q.from ?? c.starts_on;
    to = q.to ?? c.ends_on;
  }
  const contract = q.contractId ? sql`and v.contract_id = ${q.contractId}` : sql``;
  // The findings counted: the hazards of the service's visits in scope, found in the period.
  const x = sql`(select f.problem, h.id as hazard_id, h.status, h.deadline, h.found_on, f.visit_id, v.enterprise_id,
                        e.name as enterprise_name, e.area, e.supervision_tags
                   from fire_service_findings f
                   join fire_service_visits v on v.park_id = f.park_id and v.id = f.visit_id
                   join hazards h on h.park_id = f.park_id and h.id = f.hazard_id
                   join enterprises e on e.park_id = v.park_id and e.id = v.enterprise_id
                  where ${enterpriseScopeSql(actor, 'v')} ${contract}
                    and h.found_on between ${from}::date and ${to}::date) x`;
  // The visits of the period (the denominators: enterprises visited).
  const visits = sql`(select v.id, v.enterprise_id, e.area, e.supervision_tags
                        from fire_service_visits v join enterprises e on e.park_id = v.park_id and e.id = v.enterprise_id
                       where ${enterpriseScopeSql(actor, 'v')} ${contract}
                         and v.visited_on between ${from}::date and ${to}::date) vv`;
  const run = <T>(q: SQL) => rows<T>(db, q);

  // Sequential: inside a transaction (tests, exports) one connection takes one query at a time.
  const [total] = await run<Counts & { overdue: number }>(
    sql`select ${COUNTS}, count(*) filter (where x.status in ('assigned', 'rectifying') and x.deadline < ${day}::date)::int
               as overdue from ${x}`,
  );
  const [visited] = await run<{ visits: number; enterprises: number }>(
    sql`select count(*)::int as visits, count(distinct vv.enterprise_id)::int as enterprises from ${visits}`,
  );
  const byMonth = await run<{ month: string; problem: FireProblem; findings: number }>(
    sql`select to_char(x.found_on, 'YYYY-MM') as month, x.problem, count(*)::int as findings from ${x}
         group by 1, 2 order by 1, 2`,
  );
  const problems = await run<Counts & { problem: FireProblem; enterprises: number }>(
    sql`select x.problem, ${COUNTS}, count(distinct x.enterprise_id)::int as enterprises from ${x}
         group by x.problem order by findings desc, x.problem`,
  );
  const tagFindings = await run<Counts & { tag: string }>(
    sql`select t.tag, ${COUNTS} from ${x} cross join lateral unnest(x.supervision_tags) as t(tag)
         group by t.tag`,
  );
  const tagVisited = await run<{ tag: string; enterprises: number }>(
    sql`select t.tag, count(distinct vv.enterprise_id)::int as enterprises
          from ${visits} cross join lateral unnest(vv.supervision_tags) as t(tag) group by t.tag`,
  );
  const areaFindings = await run<Counts & { area: string }>(
    sql`select x.area, ${COUNTS} from ${x} where x.area is not null group by x.area`,
  );
  const areaVisited = await run<{ area: string; enterprises: number }>(
    sql`select vv.area, count(distinct vv.enterprise_id)::int as enterprises from ${visits}
         where vv.area is not null group by vv.area`,
  );
  const repeats = await run<
    Counts & {
      enterprise_id: string;
      enterprise_name: string;
      area: string | null;
      problem: FireProblem;
      visits: number;
    }
  >(
    sql`select x.enterprise_id, x.enterprise_name, x.area, x.problem, count(distinct x.visit_id)::int as visits,
               ${COUNTS}
          from ${x} group by 1, 2, 3, 4 having count(distinct x.visit_id) >= 2
         order by visits desc, findings desc, x.enterprise_name, x.problem limit 100`,
  );

  const t = counts(total ?? { findings: 0, rectified: 0, open: 0 });
  const enterprisesVisited = Number(visited?.enterprises ?? 0);
  const tagN = new Map(tagVisited.map((r) => [r.tag, Number(r.enterprises)]));
  const areaN = new Map(areaVisited.map((r) => [r.area, Number(r.enterprises)]));
  const average = ratio(t.findings, enterprisesVisited);
  const byArea = areaFindings
    .map((r) => {
      const enterprises = areaN.get(r.area) ?? 0;
      const perEnterprise = ratio(Number(r.findings), enterprises);
      return { area: r.area, enterprises, ...counts(r), perEnterprise, key: perEnterprise > average };
    })
    .sort((a, b) => b.perEnterprise - a.perEnterprise || b.findings - a.findings || a.area.localeCompare(b.area));
  const byTag = tagFindings
    .map((r) => {
      const enterprises = tagN.get(r.tag) ?? 0;
      return {
        tag: r.tag as Analysis['byTag'][number]['tag'],
        enterprises,
        ...counts(r),
        perEnterprise: ratio(Number(r.findings), enterprises),
      };
    })
    .sort((a, b) => b.findings - a.findings || a.tag.localeCompare(b.tag));
  return {
    from,
    to,
    contractId: q.contractId ?? null,
    totals: {
      visits: Number(visited?.visits ?? 0),
      enterprises: enterprisesVisited,
      ...t,
      overdue: Number(total?.overdue ?? 0),
      rectificationRate: t.findings > 0 ? Math.round((t.rectified / t.findings) * 1000) / 10 : null,
    },
    byMonth: byMonth.map((r) => ({ month: r.month, problem: r.problem, findings: Number(r.findings) })),
    problems: problems.map((r) => ({ problem: r.problem, enterprises: Number(r.enterprises), ...counts(r) })),
    byTag,
    byArea,
    repeats: repeats.map((r) => ({
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      area: r.area,
      problem: r.problem,
      visits: Number(r.visits),
      ...counts(r),
    })),
  };
}
