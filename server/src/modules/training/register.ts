// Training's slots on the leaders' dashboard: the sessions held in the period and their attendees (人次), from the
// same scoped query as the training page's figures, each opening the sessions of the period. A session is a
// special-funds subject (登记支出 from its drawer).
import { sql } from 'drizzle-orm';
import { registerDashboardFigure } from '../../platform/indicators';
import { can } from '../../platform/permissions';
import { registerParkFileKind } from '../files/service';
import { registerFundSubject } from '../funds/service';
import { sessionScopeSql } from './repository';
import * as service from './service';

const sessionsOf = (from: string, to: string) => `/training/sessions?from=${from}&to=${to}`;

registerDashboardFigure('trainings', async (db, actor, q) => ({
  value: (await service.figures(db, actor, { from: q.from, to: q.until })).sessions,
  link: sessionsOf(q.from, q.until),
}));
registerDashboardFigure('trainingAttendees', async (db, actor, q) => ({
  value: (await service.figures(db, actor, { from: q.from, to: q.until })).attendees,
  link: sessionsOf(q.from, q.until),
}));

registerFundSubject(service.FUND_SUBJECT_KIND, service.fundSubject);

// A committee session's materials and photos are park files read by whoever reads the session (an enterprise that
// attended it or when it is open to all, inspectors and departments, the committee) — uploaded by the committee.
registerParkFileKind('trainingSession', {
  uploaders: ['admin', 'supervisor'],
  readable: (actor, file) =>
    can(actor, 'training.read')
      ? sql`exists (select 1 from training_sessions s where s.park_id = ${file.parkId} and s.enterprise_id is null
                      and ${file.id} = any(s.material_file_ids || s.photo_file_ids) and ${sessionScopeSql(actor, 's')})`
      : null,
});
