// Responsibility's period figures, imported once by app.ts, for the period summary's basic-work section: the
// commendations (嘉奖) awarded in a period, by kind (the commendation list's query), and the year's responsibility
// letters issued and signed (the letters list's totals), park-wide.
import { committeeActor, registerPeriodFigure } from '../../platform/period-figures';
import { registerSweepTask } from '../notifications/scheduler';
import { refreshStaleRounds } from './assessment';
import * as commendations from './commendations';
import * as letters from './letters';

// Open assessment rounds' figures are taken again once a day (the first sweep of a Shanghai day).
registerSweepTask('assessment.refreshStaleRounds', refreshStaleRounds);

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

/** The responsibility letters (安全生产责任书) of the year the period ends in: issued, signed and the signing rate. */
export interface LettersSigning {
  year: number;
  issued: number;
  signed: number;
  /** Percent with one decimal, as the dashboard's 责任书签订率; null when none was issued. */
  rate: number | null;
}

// The letters list's own totals (listTemplates), the same read and rounding as the dashboard's 责任书签订率.
registerPeriodFigure<LettersSigning>('lettersSigning', (db, q) =>
  letters.signingTotals(db, committeeActor(q.parkId), Number(q.to.slice(0, 4))),
);
