// Risk control's figure for the annual assessment (platform/indicators.ts): 风险点按期复评 — of the enterprise's accepted
// risk points that carry a next review date, the percent not past it on the year's last counted day (today for the
// year in progress). A point records its next review date, not a history of its reviews, so a past year is read from
// the dates as they stand now: a point reviewed late, after that year ended, counts as on time. An enterprise with no
// dated point has no figure (null), as a rectification rate of no hazards.
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';

registerIndicator('riskPointsReviewed', async (db, q) => {
  const { until } = yearBounds(q);
  // Points recorded after the cut-off were not due in that year; pending or returned ones are the enterprise's drafts.
  const counted = await rows<{ enterprise_id: string; dated: number; on_time: number }>(
    db,
    sql`select enterprise_id, count(*)::int as dated, count(*) filter (where next_review_date >= ${until}::date)::int as on_time
          from risk_points
         where park_id = ${q.parkId} and ${enterpriseIn(q, 'enterprise_id')} and review_status = 'accepted'
           and next_review_date is not null
           and (created_at at time zone 'Asia/Shanghai')::date <= ${until}::date
         group by enterprise_id`,
  );
  const by = new Map(counted.map((r) => [r.enterprise_id, r]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    const r = by.get(id);
    out.set(id, {
      value: r ? Math.round((r.on_time / r.dated) * 1000) / 10 : null,
      // The points counted, the earliest review date (the overdue ones) first.
      link: `/risk/points?enterpriseId=${id}&reviewStatus=accepted&sort=nextReviewDate&order=asc`,
    });
  }
  return out;
});
