// Publicity's registrations, imported once by app.ts: its period figures (activities by kind, materials handed out)
// its subject kind in the funds ledger (a payment for an activity's materials) and its photos' record kind.
import { sql } from 'drizzle-orm';
import { registerDashboardFigure } from '../../platform/indicators';
import { registerPeriodFigure } from '../../platform/period-figures';
import { can } from '../../platform/permissions';
import { registerParkFileKind } from '../files/service';
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

// An activity's photos (uploaded as 宣传活动 files) are read by whoever reads the activity: activities are park-public,
// so every reader of publicity in the park, enterprises included — once an activity lists the photo (before that,
// only its uploader). Uploaded by the committee, the activities' writers.
registerParkFileKind(service.PHOTO_KIND, {
  uploaders: ['admin', 'supervisor'],
  readable: (actor, file) =>
    can(actor, 'publicity.read')
      ? sql`exists (select 1 from publicity_activities a where a.park_id = ${file.parkId}
                      and a.park_id = ${actor.parkId} and ${file.id} = any(a.photo_ids))`
      : null,
});
