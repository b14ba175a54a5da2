// Drill figures, one query each: the annual assessment's 应急演练 indicator (drills an enterprise held, hosted or took
// part in during the year, by when they were held), and the park's drill figures for a year (by level and scenario,
// participants, observers, problems and how many became hazards) within the actor's data scope.
import { sql } from 'drizzle-orm';
import { DRILL_LEVELS, DRILL_SCENARIOS, type DrillFigures } from '../../../../shared/src/drills';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';
import { drillScope } from './repository';

registerIndicator('drills', async (db, q) => {
  const { from, to } = yearBounds(q);
  const counted = await rows<{ enterprise_id: string; n: number }>(
    db,
    sql`select x.enterprise_id, count(distinct x.drill_id)::int as n from (
          select d.id as drill_id, unnest(array_append(d.participant_enterprise_ids, d.enterprise_id)) as enterprise_id
            from drills d where d.park_id = ${q.parkId} and d.held_on between ${from}::date and ${to}::date) x
         where ${enterpriseIn(q, 'x.enterprise_id')}
         group by x.enterprise_id`,
  );
  const by = new Map(counted.map((r) => [r.enterprise_id, r.n]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    out.set(id, { value: by.get(id) ?? 0, link: `/drills?enterpriseId=${id}&from=${from}&to=${to}` });
  }
  return out;
});

export async function drillFigures(db: Db, actor: Actor, year: number): Promise<DrillFigures> {
  const [r] = await rows<{
    total: number;
    by_level: Record<string, number> | null;
    by_scenario: Record<string, number> | null;
    participants: number;
    observers: number;
    enterprises: number;
    problems: number;
    converted: number;
  }>(
    db,
    sql`with y as (select d.* from drills d where ${drillScope(actor)} and extract(year from d.held_on)::int = ${year})
        select (select count(*)::int from y) as total,
               (select json_object_agg(level, n) from (select level, count(*)::int as n from y group by level) l) as by_level,
               (select json_object_agg(scenario, n) from (select scenario, count(*)::int as n from y group by scenario) s)
                 as by_scenario,
               (select coalesce(sum(headcount), 0)::int from y) as participants,
               (select coalesce(sum(observer_count), 0)::int from y) as observers,
               (select count(distinct x)::int from (select unnest(array_append(participant_enterprise_ids, enterprise_id)) as x
                  from y) u) as enterprises,
               (select count(*)::int from drill_problems dp join y on y.id = dp.drill_id) as problems,
               (select count(*)::int from drill_problems dp join y on y.id = dp.drill_id where dp.hazard_id is not null)
                 as converted`,
  );
  const byLevel = r?.by_level ?? {};
  const byScenario = r?.by_scenario ?? {};
  return {
    year,
    total: Number(r?.total ?? 0),
    byLevel: DRILL_LEVELS.map((level) => ({ level, count: byLevel[level] ?? 0 })),
    byScenario: DRILL_SCENARIOS.map((scenario) => ({ scenario, count: byScenario[scenario] ?? 0 })).filter(
      (s) => s.count > 0,
    ),
    participants: Number(r?.participants ?? 0),
    observers: Number(r?.observers ?? 0),
    enterprisesDrilled: Number(r?.enterprises ?? 0),
    problems: Number(r?.problems ?? 0),
    problemsConverted: Number(r?.converted ?? 0),
  };
}
