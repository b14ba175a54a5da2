// Campaigns' period figure, imported once by app.ts: the campaigns (检查行动) held in a period — overlapping it, not
// cancelled — by name, for the period summary's "分别组织开展了……" sentence. Read through the campaign list's query.
import { committeeActor, registerPeriodFigure } from '../../platform/period-figures';
import * as service from './service';

export interface CampaignInPeriod {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

registerPeriodFigure<CampaignInPeriod[]>('campaignsInPeriod', async (db, q) => {
  const actor = committeeActor(q.parkId);
  const out: CampaignInPeriod[] = [];
  // The list filters by the year a campaign starts; a campaign started the year before may still overlap.
  for (let year = Number(q.from.slice(0, 4)) - 1; year <= Number(q.to.slice(0, 4)); year++) {
    for (let page = 1; ; page++) {
      const r = await service.list(db, actor, { page, pageSize: 100, year, order: 'asc' });
      for (const c of r.items) {
        if (c.status !== 'cancelled' && c.startsOn <= q.to && c.endsOn >= q.from) {
          out.push({ id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn });
        }
      }
      if (page * 100 >= r.total) break;
    }
  }
  return out.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name));
});
