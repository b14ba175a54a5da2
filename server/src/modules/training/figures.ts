// Training figures, each computed by one query here: the period figures (sessions, 学时, 人次, person-hours, by kind)
// for the period summary and the console, and the annual assessment's 培训学时 per enterprise (platform/indicators.ts).
import { type SQL, sql } from 'drizzle-orm';
import { TRAINING_KINDS, type TrainingFigures, type TrainingKind } from '../../../../shared/src/training';
import { type Db, rows } from '../../platform/db';
import { enterpriseIn, type IndicatorValue, registerIndicator, yearBounds } from '../../platform/indicators';

/**
 * Sessions held between from and to (Shanghai dates, inclusive) among those `sessions` admits (alias s), with the
 * attendees `attendees` admits (alias a): counted by the day they were held, never by when they were recorded.
 */
export async function trainingFigures(
  db: Db,
  scope: { sessions: SQL; attendees: SQL },
  from: string,
  to: string,
): Promise<TrainingFigures> {
  const byKind = await rows<{ kind: TrainingKind; sessions: number; hours: string; attendees: number; ph: string }>(
    db,
    sql`select s.kind, count(*)::int as sessions, coalesce(sum(s.hours), 0)::text as hours,
               coalesce(sum(x.n), 0)::int as attendees, coalesce(sum(s.hours * x.n), 0)::text as ph
          from training_sessions s
          cross join lateral (select count(*) as n from training_attendees a
                               where a.park_id = s.park_id and a.session_id = s.id and ${scope.attendees}) x
         where ${scope.sessions} and s.occurred_on between ${from}::date and ${to}::date
         group by s.kind`,
  );
  const by = new Map(byKind.map((r) => [r.kind, r]));
  const kinds = TRAINING_KINDS.map((kind) => {
    const r = by.get(kind);
    return { kind, sessions: r?.sessions ?? 0, attendees: r?.attendees ?? 0, hours: Number(r?.hours ?? 0) };
  });
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    from,
    to,
    sessions: kinds.reduce((s, k) => s + k.sessions, 0),
    hours: round1(kinds.reduce((s, k) => s + k.hours, 0)),
    attendees: kinds.reduce((s, k) => s + k.attendees, 0),
    personHours: round1(byKind.reduce((s, r) => s + Number(r.ph), 0)),
    byKind: kinds,
  };
}

/**
 * 培训学时 of an enterprise in the year: the 学时 of the sessions it took part in — recorded by it (or entrusted by
 * it to a provider), or with at least one of its people attending — each session counted once.
 */
registerIndicator('trainingHours', async (db, q) => {
  const { from, to } = yearBounds(q);
  const summed = await rows<{ enterprise_id: string; hours: string }>(
    db,
    sql`with took as (
          select s.enterprise_id, s.id, s.hours from training_sessions s
           where s.park_id = ${q.parkId} and ${enterpriseIn(q, 's.enterprise_id')}
             and s.occurred_on between ${from}::date and ${to}::date
          union
          select a.enterprise_id, s.id, s.hours from training_attendees a
            join training_sessions s on s.park_id = a.park_id and s.id = a.session_id
           where a.park_id = ${q.parkId} and ${enterpriseIn(q, 'a.enterprise_id')}
             and s.occurred_on between ${from}::date and ${to}::date
        )
        select enterprise_id, sum(hours)::text as hours from took group by enterprise_id`,
  );
  const by = new Map(summed.map((r) => [r.enterprise_id, Number(r.hours)]));
  const out = new Map<string, IndicatorValue>();
  for (const id of q.enterpriseIds) {
    out.set(id, {
      value: by.get(id) ?? 0,
      link: `/training/sessions?enterpriseId=${id}&from=${from}&to=${to}`,
    });
  }
  return out;
});
