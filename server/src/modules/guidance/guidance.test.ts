// Guidance visits and talks: a follow-up due before the talk refused naming the field and nothing saved; 逾期 derived
// from today; a follow-up done once; enterprises read their own and record none; the year's figures.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpState, type GuidanceView } from '../../../../shared/src/guidance';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

describe('follow-up state', () => {
  it('is done when done, overdue after the due day, open otherwise', () => {
    expect(followUpState({ dueOn: '2026-11-01', doneOn: '2026-11-05' }, '2026-11-23')).toBe('done');
    expect(followUpState({ dueOn: '2026-11-22', doneOn: null }, '2026-11-23')).toBe('overdue');
    expect(followUpState({ dueOn: '2026-11-23', doneOn: null }, '2026-11-23')).toBe('open');
  });
});

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
type Err = { error: { code: string; fields?: Record<string, string> } };

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent1Id = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const talk = (over: Record<string, unknown> = {}) => ({
  kind: 'talk',
  enterpriseId: ent1Id,
  heldOn: '2026-11-10',
  staff: '李主任、张安监',
  counterpartName: '陈实控',
  counterpartRole: 'actualController',
  topics: '主要负责人履职情况与重大事故隐患排查',
  commitments: '每月带队排查一次',
  followUps: [
    { content: '报送带队排查记录', dueOn: '2026-11-20' },
    { content: '修订全员安全生产责任制', dueOn: '2026-12-31' },
  ],
  ...over,
});

describe('guidance and talks through the API', () => {
  it('refuses a follow-up due before the talk and saves nothing', async () => {
    const count = async () =>
      (await rows<{ n: number }>(env.database.db, sql`select count(*)::int as n from guidance_records`))[0]!.n;
    const before = await count();
    const res = await sup.post('/api/guidance', talk({ followUps: [{ content: '报送记录', dueOn: '2026-11-09' }] }));
    expect(res.statusCode).toBe(422);
    expect((res.json() as Err).error).toMatchObject({ code: 'GUIDANCE_FOLLOW_UP_BEFORE' });
    expect((res.json() as Err).error.fields).toHaveProperty(['followUps.0.dueOn']);
    const future = await sup.post('/api/guidance', talk({ heldOn: '2026-11-24', followUps: [] }));
    expect(future.statusCode).toBe(422);
    expect((await sup.post('/api/guidance', talk({ counterpartRole: 'boss' }))).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('derives overdue, completes a follow-up once, and lets the enterprise read but not write', async () => {
    const res = await sup.post('/api/guidance', talk());
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json() as GuidanceView;
    expect(g.serial).toMatch(/^TH2026-\d{4}$/);
    expect(g.followUps.map((f) => f.state)).toEqual(['overdue', 'open']);
    expect(g).toMatchObject({ openFollowUps: 2, overdueFollowUps: 1 });
    const overdue = (await sup.get(`/api/guidance?followUp=overdue&enterpriseId=${ent1Id}`)).json() as {
      items: GuidanceView[];
    };
    expect(overdue.items.map((i) => i.id)).toContain(g.id);
    const done = await sup.post(`/api/guidance/${g.id}/follow-ups/${g.followUps[0]!.id}/done`, {
      doneOn: '2026-11-22',
      result: '已报送',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as GuidanceView).followUps[0]!.state).toBe('done');
    const twice = await sup.post(`/api/guidance/${g.id}/follow-ups/${g.followUps[0]!.id}/done`, {
      doneOn: '2026-11-22',
    });
    expect(twice.statusCode).toBe(409);
    const early = await sup.post(`/api/guidance/${g.id}/follow-ups`, { content: '补充事项', dueOn: '2026-11-01' });
    expect(early.statusCode).toBe(422);
    expect((early.json() as Err).error.fields).toHaveProperty('dueOn');

    expect((await ent1.post('/api/guidance', talk())).statusCode).toBe(403);
    expect((await ent1.get(`/api/guidance/${g.id}`)).statusCode).toBe(200);
    const mine = (await ent1.get('/api/guidance?pageSize=100')).json() as { items: GuidanceView[] };
    expect(mine.items.every((i) => i.enterpriseId === ent1Id)).toBe(true);
    const [other] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from guidance_records where enterprise_id <> ${ent1Id} limit 1`,
    );
    expect((await ent1.get(`/api/guidance/${other!.id}`)).statusCode).toBe(404);
  });

  it("counts the year's visits and talks (the demo's guidance to the medical-supplies producer in 2023)", async () => {
    const f2023 = (await sup.get('/api/guidance/figures?year=2023')).json() as {
      guidance: number;
      enterprises: number;
    };
    expect(f2023.guidance).toBeGreaterThanOrEqual(3);
    const [medical] = await rows<{ name: string }>(
      env.database.db,
      sql`select e.name from guidance_records g join enterprises e on e.id = g.enterprise_id where g.kind = 'guidance' limit 1`,
    );
    expect(medical!.name).toMatch(/医|卫生|敷料/);
    const f = (await sup.get('/api/guidance/figures?year=2026')).json() as {
      talks: number;
      followUpsOverdue: number;
      followUps: number;
    };
    expect(f.talks).toBeGreaterThan(0);
    expect(f.followUps).toBeGreaterThan(f.followUpsOverdue);
    const file = await sup.get('/api/guidance/export?kind=talk');
    expect(file.statusCode).toBe(200);
  });
});
