// Work resumption's registrations, imported once by app.ts: the dashboard's 复工复产确认 (applications confirmed with
// their on-site check in the period, in the reader's scope), opening the list filtered to the same state and dates,
// and the period summary's resumptionsConfirmed for the whole park — one query for all three.
import { registerDashboardFigure } from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';
import * as service from './service';

registerDashboardFigure('resumptions', async (db, actor, q) => ({
  value: await service.confirmedInPeriod(db, actor, q.from, q.until),
  link: `/resumption?state=confirmed&checkedFrom=${q.from}&checkedTo=${q.until}`,
}));

registerPeriodFigure('resumptionsConfirmed', (db, q) => service.parkConfirmedInPeriod(db, q.parkId, q.from, q.to));
