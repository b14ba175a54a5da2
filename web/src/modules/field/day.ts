// The day's data for the field, fetched from the existing APIs (each answers within the user's data scope) and kept
// on the device: an inspector's assigned enterprises, active campaigns, the active checklists with their items, and
// the open hazards; for an enterprise user its own enterprise and its open hazards.
import type { Me } from '../../../../shared/src/auth';
import { ApiError, api, type Page } from '../../app/api';
import type { DayChecklist, DayData, DayEnterprise, DayHazard } from './store';
import { saveDay } from './store';

/** At most this many of each (a day's work is a handful of enterprises; the lists are paginated by 100). */
const PAGE = 100;
const CHECKLISTS = 20;

/** A list the role may not read is left empty instead of failing the whole download. */
async function orEmpty<T>(load: () => Promise<T[]>): Promise<T[]> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return [];
    throw err;
  }
}

export async function downloadDay(me: Me): Promise<DayData> {
  const enterprises: DayEnterprise[] =
    me.role === 'enterprise' && me.enterpriseId
      ? [{ id: me.enterpriseId, name: me.organisationName, address: null }]
      : (await api.get<Page<DayEnterprise>>('/enterprises', { pageSize: PAGE, sort: 'name' })).items.map((e) => ({
          id: e.id,
          name: e.name,
          address: e.address ?? null,
        }));
  const campaigns = await orEmpty(async () =>
    (
      await api.get<Page<{ id: string; name: string; startsOn: string; endsOn: string }>>('/campaigns', {
        status: 'active',
        pageSize: 50,
      })
    ).items.map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })),
  );
  const options = await orEmpty(() => api.get<{ id: string }[]>('/checklists/options'));
  const checklists: DayChecklist[] = [];
  for (const o of options.slice(0, CHECKLISTS)) {
    const t = await api.get<DayChecklist & { items: DayChecklist['items'] }>(`/checklists/${o.id}`);
    checklists.push({
      id: t.id,
      name: t.name,
      version: t.version,
      items: t.items.map((i) => ({ id: i.id, seq: i.seq, content: i.content, domain: i.domain })),
    });
  }
  const hazards: DayHazard[] = (await api.get<Page<DayHazard>>('/hazards', { open: 'true', pageSize: PAGE })).items.map(
    (h) => ({
      id: h.id,
      serial: h.serial,
      enterpriseId: h.enterpriseId,
      enterpriseName: h.enterpriseName,
      description: h.description,
      status: h.status,
      grade: h.grade,
      deadline: h.deadline,
    }),
  );
  const day: DayData = { enterprises, campaigns, checklists, hazards, fetchedAt: new Date().toISOString() };
  await saveDay(me.id, day);
  return day;
}
