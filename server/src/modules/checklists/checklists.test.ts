// Checklist templates: drafts edited in place, an edit of an active template publishes a new version while
// inspections keep theirs, copies start a new family, retiring hides a template from pickers, campaigns list the
// current version of their checklists. Who may do what, and an audit record for every write.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let insp: Client;
let ent1: Client;

interface Detail {
  id: string;
  familyId: string;
  code: string;
  name: string;
  version: number;
  status: string;
  latest: boolean;
  supersededById: string | null;
  derivedFrom: { id: string } | null;
  majorItemCount: number;
  inspectionCount: number;
  items: {
    id: string;
    seq: number;
    content: string;
    basis: string | null;
    criterionCode: string | null;
    criterion: unknown;
  }[];
  versions: { id: string; version: number }[];
}

const ITEMS = [
  { content: '是否建立粉尘清理制度并按规定清扫', method: '查资料' },
  { content: '干式除尘系统是否采取泄爆、惰化、抑爆等爆炸防控措施', criterionCode: 'GM2023-11-3' },
  { content: '疏散通道是否畅通', domain: 'fire' },
];

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  insp = await signedIn(env.app, 'inspector');
  ent1 = await signedIn(env.app, 'enterprise1');
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

async function createTemplate(body: Record<string, unknown>): Promise<Detail> {
  const res = await sup.post('/api/checklists', { name: '粉尘涉爆专项检查表（测试）', items: ITEMS, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

const audits = async (action: string, id: string) =>
  (
    await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${id}`,
    )
  )[0]!.n;

describe('checklist templates', () => {
  it('ships the demo park with templates, campaign checklists and filled inspections', async () => {
    const list = (await ent1.get('/api/checklists?pageSize=100')).json() as {
      items: { id: string; code: string; version: number; status: string }[];
    };
    const codes = Object.fromEntries(list.items.map((t) => [t.code, t]));
    expect(Object.keys(codes)).toEqual(expect.arrayContaining(['TY-001', 'FC-001', 'YX-001']));
    expect(codes['TY-001']).toMatchObject({ version: 2, status: 'active' });
    const general = (await ent1.get(`/api/checklists/${codes['TY-001']!.id}`)).json() as Detail;
    expect(general.versions.map((v) => v.version)).toEqual([2, 1]);
    // A basis only where a criterion gives it.
    expect(general.items.every((i) => (i.basis === null) === (i.criterionCode === null))).toBe(true);
    const campaigns = (await sup.get('/api/campaigns?pageSize=100')).json() as {
      items: { checklists: { code: string }[] }[];
    };
    expect(campaigns.items.every((c) => c.checklists.some((x) => x.code === 'TY-001'))).toBe(true);
    const [filled] = await rows<{ id: string }>(
      env.database.db,
      sql`select r.inspection_id as id from inspection_item_results r where r.hazard_id is not null limit 1`,
    );
    const d = (await sup.get(`/api/inspections/${filled!.id}`)).json() as {
      checklist: { code: string };
      resultCounts: { fail: number };
      items: { result: string; hazard: unknown }[];
    };
    expect(d.checklist.code).toBe('TY-001');
    expect(d.resultCounts.fail).toBeGreaterThan(0);
    expect(d.items.filter((i) => i.result === 'fail').every((i) => i.hazard !== null)).toBe(true);
  });

  it('creates a draft with criterion links, refuses unknown codes and taken codes, and hides drafts', async () => {
    const bad = await sup.post('/api/checklists', {
      name: '错误的检查表',
      items: [ITEMS[0], { content: '不存在的条款', criterionCode: 'GM2023-99-9' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('CHECKLIST_CRITERION_UNKNOWN');
    expect(bad.json().error.fields).toHaveProperty(['items.1.criterionCode']);

    const t = await createTemplate({ code: 'FC-T1' });
    expect(t).toMatchObject({ code: 'FC-T1', version: 1, status: 'draft', latest: true, majorItemCount: 1 });
    expect(t.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(t.items[1]).toMatchObject({ criterionCode: 'GM2023-11-3', criterion: { code: 'GM2023-11-3' } });
    expect(await audits('checklist.create', t.id)).toBe(1);

    const taken = await sup.post('/api/checklists', { code: 'fc-t1', name: '重复编号检查表', items: ITEMS });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toHaveProperty('code');
    // Without a code the park numbers it.
    expect((await createTemplate({})).code).toMatch(/^JCB-\d{4}$/);

    // Only the committee builds templates, and only it sees drafts.
    expect((await insp.post('/api/checklists', { name: '检查员的检查表', items: ITEMS })).statusCode).toBe(403);
    expect((await ent1.post(`/api/checklists/${t.id}/activate`)).statusCode).toBe(403);
    expect((await ent1.get(`/api/checklists/${t.id}`)).statusCode).toBe(404);
    const entList = (await ent1.get('/api/checklists?pageSize=100')).json() as { items: { id: string }[] };
    expect(entList.items.map((x) => x.id)).not.toContain(t.id);
  });

  it('edits a draft in place, then publishes versions while inspections keep theirs', async () => {
    const t = await createTemplate({ code: 'FC-T2' });
    const edited = await sup.request('PUT', `/api/checklists/${t.id}`, {
      name: '粉尘涉爆专项检查表（草稿修改）',
      items: [...ITEMS, { content: '是否按规定配备灭火器材', domain: 'fire' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      id: t.id,
      version: 1,
      status: 'draft',
      name: '粉尘涉爆专项检查表（草稿修改）',
    });
    expect((edited.json() as Detail).items).toHaveLength(4);
    expect(await audits('checklist.update', t.id)).toBe(1);

    const active = (await sup.post(`/api/checklists/${t.id}/activate`)).json() as Detail;
    expect(active.status).toBe('active');
    expect((await sup.post(`/api/checklists/${t.id}/activate`)).statusCode).toBe(409);
    const v1Items = active.items;

    // An inspection against version 1.
    const enterprise = (
      await rows<{ id: string }>(env.database.db, sql`select id from enterprises order by name limit 1`)
    )[0]!.id;
    const i1 = await sup.post('/api/inspections', {
      enterpriseId: enterprise,
      inspectedOn: '2026-11-20',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: t.id,
      items: v1Items.map((it) => ({ itemId: it.id, result: 'pass' })),
    });
    expect(i1.statusCode, i1.body).toBe(200);
    const inspectionId = (i1.json() as { id: string }).id;

    // Editing the active template publishes version 2; version 1 stays readable and superseded.
    const revised = await sup.request('PUT', `/api/checklists/${t.id}`, {
      name: '粉尘涉爆专项检查表',
      items: [{ content: '粉尘爆炸危险场所内是否设有员工宿舍、办公室等人员聚集场所', criterionCode: 'GM2023-11-1' }],
    });
    expect(revised.statusCode, revised.body).toBe(200);
    const v2 = revised.json() as Detail;
    expect(v2.id).not.toBe(t.id);
    expect(v2).toMatchObject({ familyId: t.familyId, code: 'FC-T2', version: 2, status: 'active', latest: true });
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await audits('checklist.revise', v2.id)).toBe(1);

    const old = (await sup.get(`/api/checklists/${t.id}`)).json() as Detail;
    expect(old).toMatchObject({
      version: 1,
      status: 'retired',
      latest: false,
      supersededById: v2.id,
      inspectionCount: 1,
    });
    expect(old.items.map((i) => i.id)).toEqual(v1Items.map((i) => i.id));
    // Non-committee roles read old versions too (records point at them).
    expect((await insp.get(`/api/checklists/${t.id}`)).statusCode).toBe(200);
    // A superseded version cannot be edited, retired or used for a new inspection.
    expect((await sup.request('PUT', `/api/checklists/${t.id}`, { name: '再改旧版本', items: ITEMS })).statusCode).toBe(
      409,
    );
    expect((await sup.post(`/api/checklists/${t.id}/retire`)).statusCode).toBe(409);
    const stale = await sup.post('/api/inspections', {
      enterpriseId: enterprise,
      inspectedOn: '2026-11-21',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      checklistTemplateId: t.id,
      items: v1Items.map((it) => ({ itemId: it.id, result: 'pass' })),
    });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().error.fields).toHaveProperty('checklistTemplateId');

    // The inspection still shows version 1 and its items.
    const detail = (await sup.get(`/api/inspections/${inspectionId}`)).json() as {
      checklist: { id: string; version: number };
      resultCounts: { pass: number };
      items: { itemId: string; content: string }[];
    };
    expect(detail.checklist).toMatchObject({ id: t.id, version: 1 });
    expect(detail.resultCounts).toEqual({ pass: 4, fail: 0, na: 0 });
    expect(detail.items.map((i) => i.itemId)).toEqual(v1Items.map((i) => i.id));

    // Pickers offer only the current version; the list by default one row per family.
    const options = (await ent1.get('/api/checklists/options')).json() as { id: string }[];
    expect(options.map((o) => o.id)).toContain(v2.id);
    expect(options.map((o) => o.id)).not.toContain(t.id);
    const latest = (await sup.get('/api/checklists?q=FC-T2')).json() as { items: { id: string }[] };
    expect(latest.items.map((x) => x.id)).toEqual([v2.id]);
    const all = (await sup.get('/api/checklists?q=FC-T2&versions=all')).json() as { total: number };
    expect(all.total).toBe(2);
  });

  it('copies into a new family and retires without losing readability', async () => {
    const src = await createTemplate({ code: 'FC-T3', activate: true });
    expect(src.status).toBe('active');
    const copied = await sup.post(`/api/checklists/${src.id}/copy`, { name: '有限空间作业检查表（复制）' });
    expect(copied.statusCode, copied.body).toBe(200);
    const c = copied.json() as Detail;
    expect(c.familyId).not.toBe(src.familyId);
    expect(c).toMatchObject({ version: 1, status: 'draft', derivedFrom: { id: src.id } });
    expect(c.code).not.toBe(src.code);
    expect(c.items.map((i) => [i.content, i.criterionCode])).toEqual(
      src.items.map((i) => [i.content, i.criterionCode]),
    );
    expect(c.items.map((i) => i.id)).not.toContain(src.items[0]!.id);
    expect(await audits('checklist.copy', c.id)).toBe(1);

    const retired = await sup.post(`/api/checklists/${src.id}/retire`);
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ status: 'retired', latest: true });
    expect(await audits('checklist.retire', src.id)).toBe(1);
    const options = (await insp.get('/api/checklists/options')).json() as { id: string }[];
    expect(options.map((o) => o.id)).not.toContain(src.id);
    expect((await insp.get(`/api/checklists/${src.id}`)).statusCode).toBe(200);
    expect(
      (await sup.request('PUT', `/api/checklists/${src.id}`, { name: '停用后修改', items: ITEMS })).statusCode,
    ).toBe(409);
    // Re-enabled, it is offered again.
    expect((await sup.post(`/api/checklists/${src.id}/activate`)).statusCode).toBe(200);
    expect(((await insp.get('/api/checklists/options')).json() as { id: string }[]).map((o) => o.id)).toContain(src.id);
  });

  it('sets a campaign checklists to the current versions, for the committee only', async () => {
    const t = await createTemplate({ code: 'FC-T4', activate: true });
    const draft = await createTemplate({ code: 'FC-T5' });
    const campaigns = (await sup.get('/api/campaigns')).json() as { items: { id: string }[] };
    const campaignId = campaigns.items[0]!.id;

    const refused = await sup.request('PUT', `/api/campaigns/${campaignId}/checklists`, {
      templateIds: [t.id, draft.id],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toHaveProperty(['templateIds.1']);
    expect(
      (await insp.request('PUT', `/api/campaigns/${campaignId}/checklists`, { templateIds: [t.id] })).statusCode,
    ).toBe(403);

    const set = await sup.request('PUT', `/api/campaigns/${campaignId}/checklists`, { templateIds: [t.id, t.id] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual([expect.objectContaining({ id: t.id, code: 'FC-T4', version: 1 })]);
    expect(await audits('campaign.checklists', campaignId)).toBe(1);

    // A new version: the campaign lists it, and the picker puts the campaign's checklist first.
    const v2 = (
      await sup.request('PUT', `/api/checklists/${t.id}`, { name: '粉尘涉爆专项检查表（第二版）', items: ITEMS })
    ).json() as Detail;
    const view = (await sup.get(`/api/campaigns/${campaignId}`)).json() as { checklists: { id: string }[] };
    expect(view.checklists.map((c) => c.id)).toEqual([v2.id]);
    const options = (await insp.get(`/api/checklists/options?campaignId=${campaignId}`)).json() as {
      id: string;
      inCampaign: boolean;
    }[];
    expect(options[0]).toMatchObject({ id: v2.id, inCampaign: true });

    // Campaign creation takes checklists too.
    const created = await sup.post('/api/campaigns', {
      name: '有限空间作业专项检查',
      campaignType: 'other',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { tags: ['confinedSpace'] },
      checklistTemplateIds: [v2.id],
    });
    expect(created.statusCode, created.body).toBe(200);
    expect((created.json() as { checklists: { id: string }[] }).checklists.map((c) => c.id)).toEqual([v2.id]);
  });
});
