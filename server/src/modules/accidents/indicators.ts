// Accidents' figure for the annual assessment (platform/indicators.ts): the enterprise's production-safety accidents
// that happened in the year (by when they happened, not when they were recorded).

import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';

registerIndicator('accidents', async (db, q) => {
  const { from, to } = yearBounds(q);
  const counted = await rows<{ enterprise_id: string; n: number }>(
    db,
    sql`select enterprise_id, count(*)::int as n from accidents
         where park_id = ${q.parkId} and ${enterpriseIn(q, 'enterprise_id')}
           and (occurred_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
         group by enterprise_id`,
  );
  const by = new Map(counted.map((r) => [r.enterprise_id, r.n]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    out.set(id, { value: by.get(id) ?? 0, link: `/accidents?enterpriseId=${id}&from=${from}&to=${to}` });
  }
  return out;
});
