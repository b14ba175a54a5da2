// Drills' registrations, imported once by app.ts: the dashboard's 应急演练 (场次) and 演练参与 (人次) of the period in the
// reader's scope, each opening the drills list filtered to the same dates (the list's total is the same query), and
// the period summary's drillsHeld / drillParticipants for the whole park; a drill is a special-funds subject.
import { registerDashboardFigure } from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';
import { registerFundSubject } from '../funds/service';
import * as service from './service';

const listOf = (from: string, to: string) => `/drills?from=${from}&to=${to}`;

registerDashboardFigure('drills', async (db, actor, q) => ({
  value: (await service.heldInPeriod(db, actor, q.from, q.until)).drills,
  link: listOf(q.from, q.until),
}));
registerDashboardFigure('drillParticipants', async (db, actor, q) => ({
  value: (await service.heldInPeriod(db, actor, q.from, q.until)).participants,
  link: listOf(q.from, q.until),
}));

registerPeriodFigure(
  'drillsHeld',
  async (db, q) => (await service.parkHeldInPeriod(db, q.parkId, q.from, q.to)).drills,
);
registerPeriodFigure(
  'drillParticipants',
  async (db, q) => (await service.parkHeldInPeriod(db, q.parkId, q.from, q.to)).participants,
);

registerFundSubject(service.FUND_SUBJECT_KIND, service.fundSubject);
