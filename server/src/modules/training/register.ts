// Training's slots on the leaders' dashboard: the sessions held in the period and their attendees (人次), from the
// same scoped query as the training page's figures, each opening the sessions of the period. A session is a
// special-funds subject (登记支出 from its drawer).
import { registerDashboardFigure } from '../../platform/indicators';
import { registerFundSubject } from '../funds/service';
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
