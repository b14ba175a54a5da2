// The fire service's figures, one shared query each: per enterprise for the annual assessment (platform/indicators.ts)
// and for a period of the park for the period summary (fireServiceFigures): visits received, findings (by fire problem
// kind) and findings rectified (销号). Findings are dated by the visit's day; rectified counts the findings of the
// period closed by now.
import { sql } from 'drizzle-orm';
import { FIRE_PROBLEMS, type FireProblem } from '../../../../shared/src/fire-service';
import { type Db, rows } from '../../platform/db';
import {
  enterpriseIn,
  type IndicatorValue,
  registerDashboardFigure,
  registerIndicator,
  yearBounds,
} from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';

async function perEnterprise(
  db: Db,
  q: { parkId: string; enterpriseIds: readonly string[]; wholePark?: boolean; from: string; to: string },
  what: 'visits' | 'findings' | 'rectified',
) {
  const counted =
    what === 'visits'
      ? await rows<{ enterprise_id: string; n: number }>(
          db,
          sql`select v.enterprise_id, count(*)::int as n from fire_service_visits v
               where v.park_id = ${q.parkId} and ${enterpriseIn(q, 'v.enterprise_id')}
                 and v.visited_on between ${q.from}::date and ${q.to}::date
               group by v.enterprise_id`,
        )
      : await rows<{ enterprise_id: string; n: number }>(
          db,
          sql`select v.enterprise_id, count(*)::int as n
                from fire_service_findings f
                join fire_service_visits v on v.park_id = f.park_id and v.id = f.visit_id
                join hazards h on h.park_id = f.park_id and h.id = f.hazard_id
               where f.park_id = ${q.parkId} and ${enterpriseIn(q, 'v.enterprise_id')}
                 and h.found_on between ${q.from}::date and ${q.to}::date
                 ${what === 'rectified' ? sql`and h.status = 'closed'` : sql``}
               group by v.enterprise_id`,
        );
  return new Map(counted.map((r) => [r.enterprise_id, Number(r.n)]));
}

function register(key: 'fireServiceVisits' | 'fireServiceFindings' | 'fireServiceRectified') {
  const what = key === 'fireServiceVisits' ? 'visits' : key === 'fireServiceFindings' ? 'findings' : 'rectified';
  registerIndicator(key, async (db, q) => {
    const { from, to } = yearBounds(q);
    const by = await perEnterprise(db, { ...q, from, to }, what);
    const out = new Map<string, IndicatorValue>();
    for (const id of q.enterpriseIds) {
      const link =
        what === 'visits'
          ? `/fire-service/visits?enterpriseId=${id}&from=${from}&to=${to}`
          : `/hazards?fireService=true&enterpriseId=${id}&foundFrom=${from}&foundTo=${to}${what === 'rectified' ? '&status=closed' : ''}`;
      out.set(id, { value: by.get(id) ?? 0, link });
    }
    return out;
  });
}
register('fireServiceVisits');
register('fireServiceFindings');
register('fireServiceRectified');

export interface FireServiceFigures {
  visits: number;
  enterprises: number;
  findings: number;
  rectified: number;
  byProblem: Record<FireProblem, number>;
}

/** The park's fire-service figures of a period (for the period summary and the home page). */
export async function fireServiceFigures(
  db: Db,
  q: { parkId: string; from: string; to: string },
): Promise<FireServiceFigures> {
  const [v] = await rows<{ visits: number; enterprises: number }>(
    db,
    sql`select count(*)::int as visits, count(distinct enterprise_id)::int as enterprises from fire_service_visits
         where park_id = ${q.parkId} and visited_on between ${q.from}::date and ${q.to}::date`,
  );
  const byProblem = await rows<{ problem: FireProblem; n: number; closed: number }>(
    db,
    sql`select f.problem, count(*)::int as n, count(*) filter (where h.status = 'closed')::int as closed
          from fire_service_findings f join hazards h on h.park_id = f.park_id and h.id = f.hazard_id
         where f.park_id = ${q.parkId} and h.found_on between ${q.from}::date and ${q.to}::date
         group by f.problem`,
  );
  const by = Object.fromEntries(FIRE_PROBLEMS.map((p) => [p, 0])) as Record<FireProblem, number>;
  for (const r of byProblem) by[r.problem] = Number(r.n);
  return {
    visits: Number(v?.visits ?? 0),
    enterprises: Number(v?.enterprises ?? 0),
    findings: byProblem.reduce((n, r) => n + Number(r.n), 0),
    rectified: byProblem.reduce((n, r) => n + Number(r.closed), 0),
    byProblem: by,
  };
}

// The dashboard's 消防技术服务: the visits (家次) of the period, for the committee and its leaders.
registerDashboardFigure('fireServiceVisits', async (db, actor, q) =>
  ['admin', 'supervisor', 'leader'].includes(actor.role)
    ? {
        value: (await fireServiceFigures(db, { parkId: actor.parkId, from: q.from, to: q.until })).visits,
        link: `/fire-service/visits?from=${q.from}&to=${q.until}`,
      }
    : { value: null, link: null },
);

// The period summary's 消防研判 (六、): the findings of the period's visits by problem, the same counts the analysis
// page shows for the whole park.
registerPeriodFigure('fireServiceFindings', (db, q) => fireServiceFigures(db, q));
