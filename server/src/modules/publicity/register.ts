// Publicity's registrations, imported once by app.ts: its period figures (activities by kind, materials handed out)
// and its subject kind in the funds ledger (a payment for an activity's materials).
import { registerDashboardFigure } from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';
import { registerFundSubject } from '../funds/service';
import * as service from './service';

registerPeriodFigure('publicityByKind', async (db, q) => (await service.figures(db, q.parkId, q.from, q.to)).byKind);
registerPeriodFigure(
  'publicityMaterials',
  async (db, q) => (await service.figures(db, q.parkId, q.from, q.to)).materials,
);
registerFundSubject(service.FUND_SUBJECT_KIND, service.fundSubject);

// The dashboard's 宣传活动: activities of the period (park-public, so every dashboard reader sees the same count).
registerDashboardFigure('publicity', async (db, actor, q) => ({
  value: (await service.figures(db, actor.parkId, q.from, q.until)).byKind.reduce((n, k) => n + k.activities, 0),
  link: `/publicity?from=${q.from}&to=${q.until}`,
}));
