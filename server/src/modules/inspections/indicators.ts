// Inspections' figure for the annual assessment (platform/indicators.ts): the inspections the enterprise received in the
// year from the committee, departments or experts (its own self-inspections do not count).

import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';

registerIndicator('inspectionsReceived', async (db, q) => {
  const { from, to } = yearBounds(q);
  const counted = await rows<{ enterprise_id: string; n: number }>(
    db,
    sql`select enterprise_id, count(*)::int as n from inspections
         where park_id = ${q.parkId} and ${enterpriseIn(q, 'enterprise_id')}
           and kind <> 'selfInspection' and inspected_on between ${from}::date and ${to}::date
         group by enterprise_id`,
  );
  const by = new Map(counted.map((r) => [r.enterprise_id, r.n]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    out.set(id, { value: by.get(id) ?? 0, link: `/inspections?enterpriseId=${id}&from=${from}&to=${to}` });
  }
  return out;
});
