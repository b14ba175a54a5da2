// Enforcement's period figures, imported once by app.ts: the joint enforcement actions (联合执法) of a period with
// their counted results, for the period summary ("会同……打击取缔非法加油车（点）3起"); the list's query and totals.
import { committeeActor, registerPeriodFigure } from '../../platform/period-figures';
import * as service from './service';

export interface JointActionsInPeriod {
  actions: { id: string; actionDate: string; title: string; lead: string; participants: string[]; results: string[] }[];
  totals: { item: string; unit: string; count: number }[];
}

registerPeriodFigure<JointActionsInPeriod>('jointActions', async (db, q) => {
  const r = await service.listJointActions(db, committeeActor(q.parkId), {
    page: 1,
    pageSize: 100,
    from: q.from,
    to: q.to,
    order: 'asc',
  });
  return {
    actions: r.items.map((a) => ({
      id: a.id,
      actionDate: a.actionDate,
      title: a.title,
      lead: a.leadOrganisation.name,
      participants: a.participants.map((p) => p.name),
      results: a.resultSummary,
    })),
    totals: r.totals,
  };
});
