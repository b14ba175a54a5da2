// Publicity activities and the special-funds ledger: an activity with its materials (quantities > 0, kinds from the
// park's list the admin extends), a payment linked to it through the subject registry (its 投入资金 follows), bad
// amounts and unknown subjects refused naming the field with nothing saved; enterprises read activities (park-public)
// but never the ledger or the money; the figures total materials and funds by purpose.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundView, MaterialKindView, PublicityView } from '../../../../shared/src/activities';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let admin: Client;
let leader: Client;
let ent1: Client;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const count = async (table: string) =>
  Number((await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  admin = await signedIn(env.app, 'admin');
  leader = await signedIn(env.app, 'leader');
  ent1 = await signedIn(env.app, 'enterprise1');
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const activity = () => ({
  kind: 'toSchools',
  theme: '安全知识进校园',
  startsOn: '2026-11-05',
  endsOn: '2026-11-05',
  places: '高新区实验小学',
  participants: 420,
  materials: [
    { kind: '挂图', quantity: 20 },
    { kind: '读本', quantity: 400 },
  ],
});

describe('publicity and special funds', () => {
  let a: PublicityView;

  it('records an activity with its materials; an admin extends the material list', async () => {
    const unknown = await sup.post('/api/publicity', {
      ...activity(),
      materials: [...activity().materials, { kind: '手提袋', quantity: 400 }],
    });
    expect(unknown.statusCode).toBe(422);
    expect((unknown.json() as Err).error.fields?.['materials.2.kind']).toContain('手提袋');
    expect((await sup.post('/api/publicity/material-kinds', { name: '手提袋', unit: '个' })).statusCode).toBe(403);
    const added = await admin.post('/api/publicity/material-kinds', { name: '手提袋', unit: '个' });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as MaterialKindView[]).map((k) => k.name)).toEqual([
      '横幅',
      '挂图',
      '贴纸',
      '读本',
      '彩页',
      '手提袋',
    ]);
    expect((await admin.post('/api/publicity/material-kinds', { name: '横幅', unit: '条' })).statusCode).toBe(409);

    const res = await sup.post('/api/publicity', {
      ...activity(),
      materials: [...activity().materials, { kind: '手提袋', quantity: 400 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    a = res.json() as PublicityView;
    expect(a.materials).toEqual([
      { kind: '挂图', unit: '张', quantity: 20 },
      { kind: '读本', unit: '本', quantity: 400 },
      { kind: '手提袋', unit: '个', quantity: 400 },
    ]);
    expect(a.spent).toBe(0);
  });

  it('refuses negative quantities and participants and an end before the start, naming the field', async () => {
    const before = [await count('publicity_activities'), await count('publicity_materials')];
    const negative = await sup.post('/api/publicity', { ...activity(), materials: [{ kind: '横幅', quantity: -5 }] });
    expect(negative.statusCode).toBe(400);
    expect((negative.json() as Err).error.fields?.['materials.0.quantity']).toBe('物资数量不能为负数');
    const people = await sup.post('/api/publicity', { ...activity(), participants: -1 });
    expect((people.json() as Err).error.fields?.participants).toBe('参与人数不能为负数');
    const dates = await sup.post('/api/publicity', { ...activity(), endsOn: '2026-11-01' });
    expect((dates.json() as Err).error.fields?.endsOn).toBe('结束日期不能早于开始日期');
    expect([await count('publicity_activities'), await count('publicity_materials')]).toEqual(before);
  });

  it('links a payment to the activity, whose money spent follows; bad amounts and subjects are refused', async () => {
    const before = await count('fund_expenses');
    const body = {
      purpose: 'publicityMaterials',
      amount: 3250.5,
      paidOn: '2026-11-04',
      supplier: '高新区印务有限公司',
      description: '进校园读本印制',
      subject: { kind: 'publicity', id: a.id },
    };
    for (const [amount, message] of [
      [-100, '金额应大于 0'],
      [0, '金额应大于 0'],
      [12.345, '金额最多保留两位小数'],
    ] as const) {
      const bad = await sup.post('/api/funds', { ...body, amount });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as Err).error.fields?.amount).toBe(message);
    }
    const ghost = await sup.post('/api/funds', { ...body, subject: { kind: 'publicity', id: crypto.randomUUID() } });
    expect(ghost.statusCode).toBe(422);
    expect((ghost.json() as Err).error.fields?.subject).toBe('关联的宣传活动不存在或不在您的数据范围内');
    const kind = await sup.post('/api/funds', { ...body, subject: { kind: 'banquet', id: a.id } });
    expect(kind.statusCode).toBe(422);
    expect(await count('fund_expenses')).toBe(before);

    const res = await sup.post('/api/funds', body);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as FundView;
    expect(f).toMatchObject({
      serial: expect.stringMatching(/^ZJ2026-\d{4}$/),
      amount: 3250.5,
      subject: { kind: 'publicity', id: a.id, kindLabel: '宣传活动', title: '2026-11-05 安全知识进校园' },
    });
    expect(((await sup.get(`/api/publicity/${a.id}`)).json() as PublicityView).spent).toBe(3250.5);
    const listed = (await leader.get(`/api/funds?subjectKind=publicity&subjectId=${a.id}`)).json() as {
      items: FundView[];
      totals: { amount: number; byPurpose: { purpose: string; amount: number }[] };
    };
    expect(listed.items.map((i) => i.id)).toEqual([f.id]);
    expect(listed.totals.amount).toBe(3250.5);
    expect(await count("audit_log where action = 'fund.create'")).toBe(1);
    const file = await sup.get('/api/funds/export?from=2026-01-01&to=2026-12-31');
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('lets an enterprise read activities but never the ledger or the money', async () => {
    const list = (await ent1.get('/api/publicity')).json() as { items: PublicityView[] };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i) => i.spent === null)).toBe(true);
    expect(((await ent1.get(`/api/publicity/${a.id}`)).json() as PublicityView).spent).toBeNull();
    for (const url of ['/api/funds', '/api/funds/export', '/api/funds/subject-kinds']) {
      expect((await ent1.get(url)).statusCode, url).toBe(403);
    }
    expect((await ent1.post('/api/publicity', activity())).statusCode).toBe(403);
    expect(
      (await ent1.post('/api/funds', { purpose: 'other', amount: 1, paidOn: '2026-11-01', description: '越权' }))
        .statusCode,
    ).toBe(403);
    const file = await ent1.get('/api/publicity/export');
    expect(file.statusCode).toBe(200);
  });

  it('totals materials and funds by purpose for the period, from the same queries as the lists', async () => {
    const f = (await sup.get('/api/activities/figures?from=2023-06-01&to=2023-06-30')).json() as {
      publicityByKind: { kind: string; activities: number; participants: number }[];
      materials: { kind: string; quantity: number }[];
      fundsByPurpose: { purpose: string; amount: number; count: number }[];
    };
    // The demo's 2023 安全生产月, 宣传进企业 and the knowledge contest.
    expect(Object.fromEntries(f.publicityByKind.map((k) => [k.kind, k.activities]))).toEqual({
      safetyMonth: 1,
      toEnterprises: 1,
      competition: 1,
    });
    expect(f.publicityByKind.find((k) => k.kind === 'competition')?.participants).toBe(860);
    expect(f.materials.find((m) => m.kind === '彩页')?.quantity).toBe(6800);
    const byPurpose = Object.fromEntries(f.fundsByPurpose.map((p) => [p.purpose, p.amount]));
    expect(byPurpose).toMatchObject({ publicityMaterials: 49360.5, training: 8000, purchasedServices: 0 });
    const page = (await sup.get('/api/funds?from=2023-06-01&to=2023-06-30')).json() as {
      totals: { byPurpose: { purpose: string; amount: number }[] };
    };
    expect(page.totals.byPurpose).toEqual(f.fundsByPurpose);
  });
});

describe('fund entries recorded from their subject (drills, training sessions)', () => {
  const entry = (kind: string, id: string, over: Record<string, unknown> = {}) => ({
    purpose: kind === 'drill' ? 'drills' : 'training',
    amount: 3600,
    paidOn: '2026-11-10',
    supplier: '应急救援器材公司',
    description: '演练物资与场地费用',
    subject: { kind, id },
    ...over,
  });

  it('records one entry per subject; a second is 409 in Chinese; a record out of reach is refused by field', async () => {
    const [drill] = await rows<{ id: string; title: string }>(
      env.database.db,
      sql`select id, title from drills order by held_on limit 1`,
    );
    const res = await sup.post('/api/funds/by-subject', entry('drill', drill!.id));
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as FundView;
    expect(f).toMatchObject({ fromSubject: true, subject: { kind: 'drill', id: drill!.id, kindLabel: '应急演练' } });
    expect(f.subject!.title).toContain(drill!.title);
    const before = await count('fund_expenses');
    const twice = await sup.post('/api/funds/by-subject', entry('drill', drill!.id, { amount: 10 }));
    expect(twice.statusCode).toBe(409);
    expect((twice.json() as Err).error).toMatchObject({
      code: 'FUND_RECORDED_BY_SUBJECT',
      message: '该应急演练已登记过专项资金支出，请在专项资金台账中修改原记录',
    });
    // Another park's (or no) record, an unknown kind, an enterprise user: nothing saved.
    const foreign = await sup.post('/api/funds/by-subject', entry('drill', '0e0f6c3a-5b1e-4f43-9d1a-3b0c8f2e7a11'));
    expect(foreign.statusCode).toBe(422);
    expect((foreign.json() as Err).error.fields?.subject).toContain('应急演练不存在或不在您的数据范围内');
    const kind = await sup.post('/api/funds/by-subject', entry('rocket', drill!.id));
    expect((kind.json() as Err).error.fields?.subject).toContain('类型未知');
    expect((await ent1.post('/api/funds/by-subject', entry('drill', drill!.id))).statusCode).toBe(403);
    expect((await leader.post('/api/funds/by-subject', entry('drill', drill!.id))).statusCode).toBe(403);
    expect(await count('fund_expenses')).toBe(before);
    // The subject's entries are the ledger filtered by it; the entry keeps its subject.
    const of = (await sup.get(`/api/funds?subjectKind=drill&subjectId=${drill!.id}`)).json() as { items: FundView[] };
    expect(of.items.map((i) => i.id)).toEqual([f.id]);
    const moved = await sup.request('PUT', `/api/funds/${f.id}`, { ...entry('drill', drill!.id), subject: null });
    expect(moved.statusCode).toBe(422);
    expect((moved.json() as Err).error.code).toBe('FUND_SUBJECT_FIXED');
    const edited = await sup.request('PUT', `/api/funds/${f.id}`, { ...entry('drill', drill!.id), amount: 3800 });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('takes a training session as a subject, scoped like the sessions list', async () => {
    const [session] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from training_sessions order by occurred_on limit 1`,
    );
    const kinds = (await sup.get('/api/funds/subject-kinds')).json() as { kind: string; label: string }[];
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['drill', 'training', 'fireServiceContract']));
    const res = await sup.post('/api/funds/by-subject', entry('training', session!.id));
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as FundView).subject).toMatchObject({ kind: 'training', kindLabel: '培训' });
    const options = (await sup.get('/api/funds/subjects?kind=training')).json() as { id: string }[];
    expect(options.length).toBeGreaterThan(0);
  });
});
