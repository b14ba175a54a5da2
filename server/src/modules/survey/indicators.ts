// The survey's figure for the annual assessment (platform/indicators.ts): whether the enterprise submitted its answer to
// the year's safety status survey (1) or not (0).

import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator } from '../../platform/indicators';

registerIndicator('surveyCompleted', async (db, q) => {
  const done = await rows<{ enterprise_id: string }>(
    db,
    sql`select r.enterprise_id from survey_responses r join surveys s on s.park_id = r.park_id and s.id = r.survey_id
         where r.park_id = ${q.parkId} and s.year = ${q.year} and r.status = 'submitted'
           and ${enterpriseIn(q, 'r.enterprise_id')}`,
  );
  const yes = new Set(done.map((r) => r.enterprise_id));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) out.set(id, { value: yes.has(id) ? 1 : 0, link: '/surveys' });
  return out;
});
