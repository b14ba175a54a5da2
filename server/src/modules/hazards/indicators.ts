// The hazard ledger's figures for the annual assessment (platform/indicators.ts): of the hazards found in the year,
// the share closed by the year's end (整改率), those still not rectified past their deadline today (整改逾期, the
// ledger's own filter), and major hazards found and closed. Each figure links to the ledger filtered to the hazards it counts.

import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db';
import {
  enterpriseIn,
  type IndicatorQuery,
  type IndicatorValue,
  memo,
  registerIndicator,
  yearBounds,
} from '../../platform/indicators';

interface Row {
  enterprise_id: string;
  found: number;
  closed: number;
  overdue: number;
  major_found: number;
  major_closed: number;
}

/** One pass over the enterprises' hazards of the year, shared by the four figures of one computation. */
async function yearCounts(db: Parameters<typeof rows>[0], q: IndicatorQuery): Promise<Map<string, Row>> {
  const { from, to } = yearBounds(q);
  const list = await rows<Row>(
    db,
    sql`select h.enterprise_id,
               count(*)::int as found,
               count(*) filter (where (h.closed_at at time zone 'Asia/Shanghai')::date <= ${to}::date)::int as closed,
               -- 整改逾期 as the ledger's filter has it: not yet submitted and the deadline passed (today).
               count(*) filter (where h.status in ('assigned', 'rectifying') and h.deadline < ${q.today}::date)::int
                 as overdue,
               count(*) filter (where h.grade = 'major')::int as major_found,
               count(*) filter (where h.grade = 'major'
                 and (h.closed_at at time zone 'Asia/Shanghai')::date <= ${to}::date)::int as major_closed
          from hazards h
         where h.park_id = ${q.parkId} and ${enterpriseIn(q, 'h.enterprise_id')}
           and h.found_on between ${from}::date and ${to}::date
         group by h.enterprise_id`,
  );
  return new Map(list.map((r) => [r.enterprise_id, r]));
}

const ledger = (q: IndicatorQuery, enterpriseId: string, extra = '') => {
  const { from, to } = yearBounds(q);
  return `/hazards?enterpriseId=${enterpriseId}&foundFrom=${from}&foundTo=${to}${extra}`;
};

function figure(pick: (r: Row | undefined) => number | null, extra = '') {
  return async (db: Parameters<typeof rows>[0], q: IndicatorQuery) => {
    const counts = await memo(q, 'hazards.yearCounts', () => yearCounts(db, q));
    const out = new Map<string, IndicatorValue>();
    for (const id of q.enterpriseIds) out.set(id, { value: pick(counts.get(id)), link: ledger(q, id, extra) });
    return out;
  };
}

registerIndicator(
  'rectificationRate',
  figure((r) => (r && r.found > 0 ? Math.round((r.closed / r.found) * 1000) / 10 : null)),
);
registerIndicator(
  'overdueHazards',
  figure((r) => r?.overdue ?? 0, '&overdue=true'),
);
registerIndicator(
  'majorHazardsFound',
  figure((r) => r?.major_found ?? 0, '&grade=major'),
);
registerIndicator(
  'majorHazardsClosed',
  figure((r) => r?.major_closed ?? 0, '&grade=major&status=closed'),
);
