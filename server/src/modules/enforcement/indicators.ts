// Enforcement's figure for the annual assessment (platform/indicators.ts): the penalty cases filed against the
// enterprise in the year.

import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';

registerIndicator('penalties', async (db, q) => {
  const { from, to } = yearBounds(q);
  const counted = await rows<{ enterprise_id: string; n: number }>(
    db,
    sql`select enterprise_id, count(*)::int as n from penalty_cases
         where park_id = ${q.parkId} and ${enterpriseIn(q, 'enterprise_id')}
           and filed_on between ${from}::date and ${to}::date
         group by enterprise_id`,
  );
  const by = new Map(counted.map((r) => [r.enterprise_id, r.n]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    out.set(id, {
      value: by.get(id) ?? 0,
      link: `/enforcement/penalties?enterpriseId=${id}&filedFrom=${from}&filedTo=${to}`,
    });
  }
  return out;
});
