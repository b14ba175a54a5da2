// Campaign figures with the seed's definitions, checked exactly: 人次 = Σ inspectors per inspection, 家次 = number of
// inspections (an enterprise checked twice counts twice), 处 = number of hazards, rate = closed / found.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let insp: Client;
let targets: { id: string }[];
let inspectorId: string;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  insp = await signedIn(env.app, 'inspector');
  inspectorId = ((await insp.get('/api/auth/session')).json() as { me: { id: string } }).me.id;
  targets = await rows<{ id: string }>(
    env.database.db,
    sql`select id from enterprises where 'combustibleDust' = any(supervision_tags) and status <> 'cancelled' order by name`,
  );
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const hazard = (description: string, extra: Record<string, unknown> = {}) => ({
  description,
  category: 'unsafeCondition',
  source: 'seasonal',
  deadline: '2026-12-15',
  ...extra,
});

describe('campaign figures', () => {
  it('counts 人次, 家次, 处 and the rectification rate exactly', async () => {
    const created = await sup.post('/api/campaigns', {
      name: '2026年冬季粉尘涉爆专项检查',
      campaignType: 'fireSpecial',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { tags: ['combustibleDust'] },
      inspectorIds: [inspectorId],
    });
    expect(created.statusCode, created.body).toBe(200);
    const c = created.json() as { id: string; progress: Record<string, number> };
    expect(c.progress).toMatchObject({
      targetEnterprises: targets.length,
      inspections: 0,
      inspectorVisits: 0,
      hazards: 0,
    });

    const [a, b] = targets;
    // Inspection 1: the inspector + 2 external experts = 3 人次, 2 hazards.
    const i1 = await insp.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: a!.id,
      inspectedOn: '2026-11-20',
      kind: 'supervision',
      inspectorIds: [inspectorId],
      externalInspectors: ['外聘专家甲', '外聘专家乙'],
      hazards: [hazard('除尘器泄爆口朝向人员通道'), hazard('粉尘清扫记录缺失')],
    });
    expect(i1.statusCode, i1.body).toBe(200);
    expect(i1.json()).toMatchObject({ inspectorCount: 3, hazardCount: 2 });
    // Inspection 2: the same enterprise again (家次 counts it twice); supervisor + inspector = 2 人次, 1 hazard fixed on the spot.
    const supId = ((await sup.get('/api/auth/session')).json() as { me: { id: string } }).me.id;
    const photo = await sup.upload(
      { purpose: 'hazardAfter', enterpriseId: a!.id },
      'fixed.png',
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
      'image/png',
    );
    expect(photo.statusCode, photo.body).toBe(200);
    const i2 = await sup.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: a!.id,
      inspectedOn: '2026-11-22',
      kind: 'jointEnforcement',
      inspectorIds: [inspectorId, supId],
      hazards: [
        hazard('灭火器压力不足', {
          deadline: null,
          fixedOnSpot: true,
          afterPhotoIds: [(photo.json() as { id: string }).id],
        }),
      ],
    });
    expect(i2.statusCode, i2.body).toBe(200);
    expect(i2.json()).toMatchObject({ inspectorCount: 2 });
    // Inspection 3: another enterprise, 1 人次, no hazards.
    expect(
      (
        await insp.post('/api/inspections', {
          campaignId: c.id,
          enterpriseId: b!.id,
          inspectedOn: '2026-11-23',
          kind: 'supervision',
          inspectorIds: [inspectorId],
        })
      ).statusCode,
    ).toBe(200);

    const p = ((await sup.get(`/api/campaigns/${c.id}`)).json() as { progress: Record<string, number> }).progress;
    expect(p).toMatchObject({
      coveredEnterprises: 2,
      inspections: 3, // 家次
      inspectorVisits: 6, // 人次 = 3 + 2 + 1
      hazards: 3, // 处
      closedHazards: 1,
      rectificationRate: 33.3,
    });
    const uncovered = (await sup.get(`/api/campaigns/${c.id}/coverage?covered=false`)).json() as unknown[];
    expect(uncovered).toHaveLength(targets.length - 2);
  });

  it('counts the inspectors named on the record, not the person who enters it (office entry of a paper record)', async () => {
    const created = await sup.post('/api/campaigns', {
      name: '2026年冬季纸质记录补录检查',
      campaignType: 'other',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      target: { tags: ['combustibleDust'] },
    });
    expect(created.statusCode, created.body).toBe(200);
    const c = created.json() as { id: string };
    const two = await rows<{ id: string; display_name: string }>(
      env.database.db,
      sql`select id, display_name from users where role in ('inspector', 'department') and not disabled
           order by username limit 2`,
    );
    expect(two).toHaveLength(2);
    const supName = ((await sup.get('/api/auth/session')).json() as { me: { displayName: string } }).me.displayName;
    // The supervisor types up a visit made by two named inspectors: 2 人次, not 3.
    const res = await sup.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: targets[0]!.id,
      inspectedOn: '2026-11-10',
      kind: 'supervision',
      inspectorIds: two.map((u) => u.id),
    });
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json() as { inspectorCount: number; inspectors: string[]; recordedByName: string | null };
    expect(record.inspectorCount).toBe(2);
    expect(record.inspectors).toEqual(two.map((u) => u.display_name));
    expect(record.inspectors).not.toContain(supName);
    expect(record.recordedByName).toBe(supName);
    const p = ((await sup.get(`/api/campaigns/${c.id}`)).json() as { progress: Record<string, number> }).progress;
    expect(p).toMatchObject({ inspections: 1, inspectorVisits: 2 });
    // A record names its inspectors: none named is refused, naming the field, and nothing is saved.
    const none = await sup.post('/api/inspections', {
      campaignId: c.id,
      enterpriseId: targets[0]!.id,
      inspectedOn: '2026-11-11',
      kind: 'supervision',
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toMatchObject({ code: 'INSPECTION_INSPECTORS_REQUIRED' });
    expect(none.json().error.fields).toHaveProperty('inspectorIds');
    const after = ((await sup.get(`/api/campaigns/${c.id}`)).json() as { progress: Record<string, number> }).progress;
    expect(after).toMatchObject({ inspections: 1, inspectorVisits: 2 });
  });

  it('refuses an inspection of an enterprise outside the campaign, and saves nothing half-way', async () => {
    const c = (await sup.get('/api/campaigns')).json() as { items: { id: string }[] };
    const outsider = await rows<{ id: string }>(
      env.database.db,
      sql`select id from enterprises where not ('combustibleDust' = any(supervision_tags)) limit 1`,
    );
    const res = await sup.post('/api/inspections', {
      campaignId: c.items[0]!.id,
      enterpriseId: outsider[0]!.id,
      inspectedOn: '2026-11-23',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      hazards: [hazard('不应保存的隐患')],
    });
    expect(res.statusCode).toBe(422);
    // A bad hazard inside an inspection rolls back the inspection too.
    const before = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from inspections`);
    const bad = await sup.post('/api/inspections', {
      enterpriseId: targets[0]!.id,
      inspectedOn: '2026-11-23',
      kind: 'supervision',
      externalInspectors: ['检查组'],
      hazards: [hazard('正常隐患'), hazard('期限已过的隐患', { deadline: '2026-01-01' })],
    });
    expect(bad.statusCode).toBe(422);
    const after = await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from inspections`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const orphan = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from hazards where description = '正常隐患'`,
    );
    expect(orphan[0]!.n).toBe(0);
  });

  it('lets campaign team inspectors see the targets, and enterprises record only self-inspections', async () => {
    const list = (await insp.get('/api/enterprises?tag=combustibleDust&pageSize=100')).json() as { total: number };
    expect(list.total).toBeGreaterThanOrEqual(targets.length);
    const ent1 = await signedIn(env.app, 'enterprise1');
    const own = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
    const sup = await ent1.post('/api/inspections', {
      enterpriseId: own,
      inspectedOn: '2026-11-23',
      kind: 'supervision',
      externalInspectors: ['企业安全员'],
    });
    expect(sup.statusCode).toBe(422);
    const self = await ent1.post('/api/inspections', {
      enterpriseId: own,
      inspectedOn: '2026-11-23',
      kind: 'selfInspection',
      externalInspectors: ['企业安全员'],
      hazards: [hazard('安全出口指示灯损坏', { source: 'routine' })],
    });
    expect(self.statusCode, self.body).toBe(200);
    expect((await ent1.get('/api/campaigns')).statusCode).toBe(403);
  });
});
