// Campaign management (issue 10 item 11): several types per campaign (the seed's 汛期和高温期间大检查), edit / close /
// cancel with their state rules and audit, team and joint departments and target tags shown back, the inspections
// list filtered by campaign; and the ledger's added columns in the list and the Excel export (item 13).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let insp: Client;
let inspectorId: string;
let departmentId: string;
let target: { id: string; name: string };

interface Named {
  id: string;
  name: string;
}
interface Campaign {
  id: string;
  name: string;
  campaignTypes: string[];
  status: string;
  cancelReason: string | null;
  startsOn: string;
  endsOn: string;
  team: Named[];
  jointDepartments: Named[];
  target: { tags: string[]; areas: string[]; enterprises: Named[] } | null;
  progress: { targetEnterprises: number; rectificationRate: number };
}

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  insp = await signedIn(env.app, 'inspector');
  inspectorId = ((await insp.get('/api/auth/session')).json() as { me: { id: string } }).me.id;
  target = (
    await rows<{ id: string; name: string }>(
      env.database.db,
      sql`select id, name from enterprises where 'combustibleDust' = any(supervision_tags) and status <> 'cancelled'
          order by name limit 1`,
    )
  )[0]!;
  [{ id: departmentId }] = (await rows<{ id: string }>(
    env.database.db,
    sql`select id from organisations where kind = 'department' and not disabled order by name limit 1`,
  )) as [{ id: string }];
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const create = (extra: Record<string, unknown> = {}) =>
  sup.post('/api/campaigns', {
    name: '2026年冬季汛期高温联合检查',
    campaignTypes: ['floodSeason', 'highTemperature'],
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    target: { tags: ['combustibleDust'] },
    inspectorIds: [inspectorId],
    jointDepartmentIds: [departmentId],
    ...extra,
  });

describe('campaign types', () => {
  it('the seed’s 汛期和高温期间大检查 carries both types and its period being over, is closed', async () => {
    const page = (await sup.get('/api/campaigns?q=汛期和高温')).json() as { items: Campaign[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.campaignTypes).toEqual(['floodSeason', 'highTemperature']);
    expect(page.items[0]!.status).toBe('closed');
    // Its targets were named by the office and are shown back.
    expect(page.items[0]!.target?.enterprises.length).toBe(page.items[0]!.progress.targetEnterprises);
  });

  it('a campaign with several types is found by each of them; the single type of the old API still works', async () => {
    const c = (await create()).json() as Campaign;
    const byFlood = (await sup.get('/api/campaigns?campaignType=floodSeason&pageSize=100')).json() as {
      items: Campaign[];
    };
    const byHeat = (await sup.get('/api/campaigns?campaignType=highTemperature&pageSize=100')).json() as {
      items: Campaign[];
    };
    const bySpring = (await sup.get('/api/campaigns?campaignType=springCheck&pageSize=100')).json() as {
      items: Campaign[];
    };
    expect(byFlood.items.map((x) => x.id)).toContain(c.id);
    expect(byHeat.items.map((x) => x.id)).toContain(c.id);
    expect(bySpring.items.map((x) => x.id)).not.toContain(c.id);
    const old = await sup.post('/api/campaigns', {
      name: '2026年冬季消防专项检查',
      campaignType: 'fireSpecial',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { enterpriseIds: [target.id] },
    });
    expect(old.statusCode, old.body).toBe(200);
    expect((old.json() as Campaign).campaignTypes).toEqual(['fireSpecial']);
    const none = await sup.post('/api/campaigns', {
      name: '2026年冬季无类型检查',
      campaignTypes: [],
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { enterpriseIds: [target.id] },
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择行动类型');
  });
});

describe('campaign detail and edit', () => {
  it('shows the team, the joint departments and the target tags by name', async () => {
    const c = (await create()).json() as Campaign;
    const got = (await sup.get(`/api/campaigns/${c.id}`)).json() as Campaign;
    expect(got.team).toEqual([{ id: inspectorId, name: expect.any(String) }]);
    expect(got.team[0]!.name).not.toBe('—');
    expect(got.jointDepartments.map((d) => d.id)).toEqual([departmentId]);
    expect(got.jointDepartments[0]!.name).not.toBe('—');
    expect(got.target).toEqual({ tags: ['combustibleDust'], areas: [], enterprises: [] });
  });

  it('edits an active campaign (audited with before and after); an inspector may not', async () => {
    const c = (await create()).json() as Campaign;
    const res = await sup.patch(`/api/campaigns/${c.id}`, {
      name: '2026年冬季汛期高温联合检查（调整）',
      campaignTypes: ['highTemperature'],
      target: { enterpriseIds: [target.id] },
      inspectorIds: [],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json() as Campaign;
    expect(after).toMatchObject({
      name: '2026年冬季汛期高温联合检查（调整）',
      campaignTypes: ['highTemperature'],
      team: [],
    });
    expect(after.target?.enterprises).toEqual([{ id: target.id, name: target.name }]);
    expect(after.progress.targetEnterprises).toBe(1);
    const [audit] = await rows<{ before: { name: string }; after: { name: string } }>(
      env.database.db,
      sql`select before, after from audit_log where action = 'campaign.update' and entity_id = ${c.id}`,
    );
    expect(audit?.before.name).toBe(c.name);
    expect(audit?.after.name).toBe(after.name);
    expect((await insp.patch(`/api/campaigns/${c.id}`, { name: '检查人员改名试试' })).statusCode).toBe(403);
  });

  it('refuses a period that would leave recorded inspections outside it, naming the field', async () => {
    const c = (await create({ target: { enterpriseIds: [target.id] } })).json() as Campaign;
    const i = await insp.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: target.id,
      inspectedOn: '2026-11-10',
      kind: 'supervision',
      inspectorIds: [inspectorId],
    });
    expect(i.statusCode, i.body).toBe(200);
    const res = await sup.patch(`/api/campaigns/${c.id}`, { startsOn: '2026-11-15' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: 'CAMPAIGN_PERIOD_EXCLUDES_INSPECTIONS', fields: { startsOn: expect.any(String) } },
    });
    expect(res.body).toContain('2026-11-10');
    // Re-choosing the targets keeps the inspected enterprise (its visit counts toward the campaign).
    const other = await rows<{ id: string }>(
      env.database.db,
      sql`select id from enterprises where id <> ${target.id} and status <> 'cancelled' order by name limit 1`,
    );
    const moved = await sup.patch(`/api/campaigns/${c.id}`, { target: { enterpriseIds: [other[0]!.id] } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as Campaign).progress.targetEnterprises).toBe(2);
  });
});

describe('closing and cancelling', () => {
  it('a closed campaign is no longer edited (409, Chinese message)', async () => {
    const c = (await create()).json() as Campaign;
    const closed = await sup.post(`/api/campaigns/${c.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as Campaign).status).toBe('closed');
    const edit = await sup.patch(`/api/campaigns/${c.id}`, { name: '结束后再改名称' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ error: { code: 'CAMPAIGN_NOT_ACTIVE' } });
    expect(edit.body).toContain('已结束，不能再修改');
    expect((await sup.request('PUT', `/api/campaigns/${c.id}/checklists`, { templateIds: [] })).statusCode).toBe(409);
    expect((await sup.post(`/api/campaigns/${c.id}/cancel`, { reason: '重复创建' })).statusCode).toBe(409);
    const [audit] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from audit_log where action = 'campaign.close' and entity_id = ${c.id}`,
    );
    expect(audit?.n).toBe(1);
  });

  it('cancelling needs a reason; a cancelled campaign takes no inspection', async () => {
    const c = (await create({ target: { enterpriseIds: [target.id] } })).json() as Campaign;
    const noReason = await sup.post(`/api/campaigns/${c.id}/cancel`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('取消原因');
    const res = await sup.post(`/api/campaigns/${c.id}/cancel`, { reason: '与市级专项行动合并开展' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '与市级专项行动合并开展' });
    const i = await insp.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: target.id,
      inspectedOn: '2026-11-12',
      kind: 'supervision',
      inspectorIds: [inspectorId],
    });
    expect(i.statusCode).toBe(422);
    expect(i.json()).toMatchObject({
      error: { code: 'CAMPAIGN_CANCELLED', fields: { campaignId: expect.stringContaining('已取消') } },
    });
    const list = (await sup.get('/api/campaigns?status=cancelled')).json() as { items: Campaign[] };
    expect(list.items.map((x) => x.id)).toEqual([c.id]);
  });
});

describe('inspections by campaign', () => {
  it('the inspections list filters by campaign', async () => {
    const c = (await create({ target: { enterpriseIds: [target.id] } })).json() as Campaign;
    for (const day of ['2026-11-03', '2026-11-04']) {
      const r = await insp.post('/api/inspections', {
        campaignId: c.id,
        enterpriseId: target.id,
        inspectedOn: day,
        kind: 'supervision',
        inspectorIds: [inspectorId],
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const page = (await sup.get(`/api/inspections?campaignId=${c.id}`)).json() as {
      items: { campaignId: string }[];
      total: number;
    };
    expect(page.total).toBe(2);
    expect(page.items.every((x) => x.campaignId === c.id)).toBe(true);
    const all = (await sup.get('/api/inspections')).json() as { total: number };
    expect(all.total).toBeGreaterThan(2);
  });
});

describe('ledger columns (item 13)', () => {
  it('the ledger and its export carry 整改责任人, 检查行动, 片区, 排查类型, 复查人, 复查日期', async () => {
    // A demo hazard closed by re-check: every column has a value.
    const [h] = await rows<{ id: string; serial: string; responsible: string; campaign: string; area: string }>(
      env.database.db,
      sql`select h.id, h.serial, h.responsible_person as responsible, c.name as campaign, e.area
            from hazards h join campaigns c on c.id = h.campaign_id join enterprises e on e.id = h.enterprise_id
           where h.status = 'closed' and not h.fixed_on_spot and h.source = 'seasonal'
           order by h.serial limit 1`,
    );
    expect(h?.responsible).toBeTruthy();
    const view = (await sup.get(`/api/hazards/${h!.id}`)).json() as Record<string, string | null>;
    expect(view).toMatchObject({
      responsiblePerson: h!.responsible,
      campaignName: h!.campaign,
      area: h!.area,
      source: 'seasonal',
      recheckedBy: expect.any(String),
      recheckedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const listed = (await sup.get(`/api/hazards?q=${h!.serial}`)).json() as { items: Record<string, unknown>[] };
    expect(listed.items[0]).toMatchObject({ campaignName: h!.campaign, recheckedOn: view.recheckedOn });

    const { default: ExcelJS } = await import('exceljs');
    const res = await sup.post('/api/hazards/export', { q: h!.serial });
    expect(res.statusCode, res.body).toBe(202);
    let job = (res.json() as { job: { id: string; status: string; downloadUrl: string | null } }).job;
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await sup.get(`/api/jobs/${job.id}`)).json() as typeof job;
    }
    expect(job.status).toBe('succeeded');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await sup.get(job.downloadUrl!)).rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('隐患台账')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => row[header.indexOf(name)];
    for (const name of ['整改责任人', '检查行动', '片区', '排查类型', '复查人', '复查日期']) {
      expect(header).toContain(name);
    }
    expect(cell('整改责任人')).toBe(h!.responsible);
    expect(cell('检查行动')).toBe(h!.campaign);
    expect(cell('片区')).toBe(h!.area);
    expect(cell('排查类型')).toBe('季节性排查');
    expect(cell('复查人')).toBe(view.recheckedBy);
    expect((cell('复查日期') as Date).toISOString().slice(0, 10)).toBe(view.recheckedOn);
  });
});
