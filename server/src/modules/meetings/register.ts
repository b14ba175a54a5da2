// Meetings' registrations, imported once by app.ts: period figures (meetings by kind, their tasks done / overdue),
// the assessment indicator (an enterprise's overdue meeting tasks) and the funds ledger's subject kind.
import { registerDashboardFigure, registerIndicator, yearBounds } from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';
import { registerFundSubject } from '../funds/service';
import * as service from './service';

registerPeriodFigure('meetingsByKind', async (db, q) => (await service.figures(db, q.parkId, q.from, q.to)).byKind);
registerPeriodFigure('meetingTasks', async (db, q) => (await service.figures(db, q.parkId, q.from, q.to)).tasks);
registerFundSubject('meeting', service.fundSubject);

registerIndicator('meetingTasksOverdue', async (db, q) => {
  const { from, until } = yearBounds(q);
  const found = new Map(
    (await service.overdueByOwner(db, q.parkId, q.wholePark ? null : q.enterpriseIds, from, until)).map(
      (r) => [r.owner, r.n] as const,
    ),
  );
  return new Map(
    q.enterpriseIds.map((id) => [id, { value: found.get(id) ?? 0, link: '/my-tasks?state=overdue' }] as const),
  );
});

// The dashboard's 安委会会议: 安委会扩大会议 of the period, for the committee and its leaders (a member unit reads only
// the meetings it attended, so it gets no park count).
registerDashboardFigure('meetings', async (db, actor, q) =>
  ['admin', 'supervisor', 'leader'].includes(actor.role)
    ? {
        value:
          (await service.figures(db, actor.parkId, q.from, q.until)).byKind.find((k) => k.kind === 'committeeEnlarged')
            ?.meetings ?? 0,
        link: `/meetings?kind=committeeEnlarged&from=${q.from}&to=${q.until}`,
      }
    : { value: null, link: null },
);
