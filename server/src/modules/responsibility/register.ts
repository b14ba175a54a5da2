// Responsibility's period figure, imported once by app.ts: the commendations (嘉奖) awarded in a period, by kind, for
// the period summary's basic-work section. Read through the commendation list's query, park-wide.
import { committeeActor, registerPeriodFigure } from '../../platform/period-figures';
import * as commendations from './commendations';

export interface CommendationsInPeriod {
  enterprises: number;
  individuals: number;
  honours: string[];
}

registerPeriodFigure<CommendationsInPeriod>('commendations', async (db, q) => {
  const actor = committeeActor(q.parkId);
  const out: CommendationsInPeriod = { enterprises: 0, individuals: 0, honours: [] };
  // A commendation carries its award date; the list filters by the year it is for, which may be the year before.
  for (let year = Number(q.from.slice(0, 4)) - 1; year <= Number(q.to.slice(0, 4)); year++) {
    for (let page = 1; ; page++) {
      const r = await commendations.list(db, actor, { page, pageSize: 100, year, order: 'asc' });
      for (const c of r.items) {
        if (c.awardedOn < q.from || c.awardedOn > q.to) continue;
        if (c.kind === 'enterprise') out.enterprises += 1;
        else out.individuals += 1;
        if (!out.honours.includes(c.honour)) out.honours.push(c.honour);
      }
      if (page * 100 >= r.total) break;
    }
  }
  return out;
});
