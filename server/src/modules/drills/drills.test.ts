// Drills: recorded with their problems, a future day and a foreign plan refused naming the field, a problem turned
// into a hazard once (a second time 409, no second hazard), enterprises reading only their own, the list of
// enterprises without a drill this year, the figures and the assessment indicator.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillDetail, DrillFigures, DrillView } from '../../../../shared/src/drills';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { indicatorProvider } from '../../platform/indicators';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let ent1Id: string;
let ent2Id: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const idOf = async (c: Client) =>
  ((await c.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  ent1Id = await idOf(ent1);
  ent2Id = await idOf(ent2);
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  level: 'enterprise',
  enterpriseId: ent1Id,
  title: '有限空间中毒窒息事故应急演练',
  scenario: 'confinedSpace',
  heldOn: '2026-11-20',
  place: '污水处理站',
  organiser: '企业安全管理部',
  headcount: 24,
  problems: [{ description: '气体检测仪未校准，读数偏差较大' }, { description: '救援人员未系安全绳即准备进入' }],
  ...over,
});

describe('drills through the API', () => {
  it('records a drill with its problems and refuses a future day, a foreign plan and a foreign problem owner', async () => {
    const res = await ent1.post('/api/drills', body());
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DrillDetail;
    expect(d).toMatchObject({ serial: expect.stringMatching(/^YL2026-\d{4}$/), problemCount: 2, convertedCount: 0 });
    expect(d.problems.map((p) => p.enterpriseId)).toEqual([ent1Id, ent1Id]);

    const future = await ent1.post('/api/drills', body({ heldOn: '2026-11-24' }));
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error.fields).toHaveProperty('heldOn');
    const [foreignPlan] = await rows<{ id: string }>(
      env.database.db,
      sql`select id from emergency_plans where enterprise_id <> ${ent1Id} limit 1`,
    );
    const plan = await sup.post('/api/drills', body({ planId: foreignPlan!.id }));
    expect(plan.statusCode).toBe(422);
    expect((plan.json() as Err).error.fields).toHaveProperty('planId');
    const owner = await sup.post(
      '/api/drills',
      body({ problems: [{ description: '其他企业的问题', enterpriseId: ent2Id }] }),
    );
    expect(owner.statusCode).toBe(422);
    expect((owner.json() as Err).error.fields).toHaveProperty(['problems.0.enterpriseId']);
    // An enterprise records no park-level drill and none for another enterprise.
    expect((await ent1.post('/api/drills', body({ level: 'park' }))).statusCode).toBe(403);
    expect([403, 404]).toContain((await ent1.post('/api/drills', body({ enterpriseId: ent2Id }))).statusCode);
    const bad = await ent1.post('/api/drills', body({ scenario: 'meteor', headcount: -1 }));
    expect(bad.statusCode).toBe(400);
  });

  it('turns a problem into a hazard of its enterprise once; the second time is 409 and makes no hazard', async () => {
    const d = (await sup.post('/api/drills', body({ heldOn: '2026-11-21' }))).json() as DrillDetail;
    const p = d.problems[0]!;
    const convert = () =>
      sup.post(`/api/drills/${d.id}/problems/${p.id}/hazard`, {
        category: 'unsafeCondition',
        deadline: '2026-12-10',
        requirement: '送检校准气体检测仪',
      });
    const first = await convert();
    expect(first.statusCode, first.body).toBe(200);
    const after = first.json() as DrillDetail;
    const converted = after.problems.find((x) => x.id === p.id)!;
    expect(converted.hazardSerial).toMatch(/^YH2026-/);
    expect(after.convertedCount).toBe(1);
    const hazard = (await sup.get(`/api/hazards/${converted.hazardId}`)).json() as {
      enterpriseId: string;
      status: string;
      description: string;
    };
    expect(hazard).toMatchObject({ enterpriseId: ent1Id, status: 'assigned', description: p.description });
    const count = async () =>
      (
        await rows<{ n: number }>(
          env.database.db,
          sql`select count(*)::int as n from hazards where enterprise_id = ${ent1Id}`,
        )
      )[0]!.n;
    const before = await count();
    const second = await convert();
    expect(second.statusCode).toBe(409);
    expect((second.json() as Err).error).toMatchObject({ code: 'DRILL_PROBLEM_CONVERTED' });
    expect((second.json() as Err).error.message).toContain(converted.hazardSerial!);
    expect(await count()).toBe(before);
    // A past deadline is the hazard service's refusal, and nothing is marked.
    const p2 = d.problems[1]!;
    const past = await sup.post(`/api/drills/${d.id}/problems/${p2.id}/hazard`, {
      category: 'unsafeAct',
      deadline: '2026-01-01',
    });
    expect(past.statusCode).toBe(422);
    const again = (await sup.get(`/api/drills/${d.id}`)).json() as DrillDetail;
    expect(again.problems[1]!.hazardId).toBeNull();
    const audit = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where entity_id = ${d.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['drill.create', 'drill.problemToHazard']);
  });

  it("shows an enterprise only its own drills; another's is 404", async () => {
    const other = (await sup.post('/api/drills', body({ enterpriseId: ent2Id, problems: [] }))).json() as DrillDetail;
    const mine = (await ent1.get('/api/drills?pageSize=100')).json() as { items: DrillView[]; total: number };
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((d) => d.enterpriseId === ent1Id)).toBe(true);
    expect((await ent1.get(`/api/drills/${other.id}`)).statusCode).toBe(404);
    expect(
      (
        await ent1.post(`/api/drills/${other.id}/problems/${other.id}/hazard`, {
          category: 'unsafeAct',
          deadline: '2026-12-31',
        })
      ).statusCode,
    ).toBe(404);
    const file = await ent1.get('/api/drills/export');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('lists operating enterprises without a drill this year, with their tags; figures and the indicator agree', async () => {
    const none = (await sup.get('/api/drills/without-drill?year=2026&pageSize=100')).json() as {
      items: { id: string; supervisionTags: string[] }[];
      total: number;
      operating: number;
    };
    expect(none.total).toBeGreaterThan(0);
    expect(none.total).toBeLessThan(none.operating);
    expect(none.items.map((e) => e.id)).not.toContain(ent1Id);
    const [drilled] = await rows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from enterprises e where e.status = 'operating' and e.id = any(${`{${none.items.map((i) => i.id).join(',')}}`}::uuid[])
            and exists (select 1 from drills d where (d.enterprise_id = e.id or e.id = any(d.participant_enterprise_ids))
                          and d.held_on >= '2026-01-01')`,
    );
    expect(drilled!.n).toBe(0);

    const f = (await sup.get('/api/drills/figures?year=2023')).json() as DrillFigures;
    expect(f.byLevel.find((l) => l.level === 'park')!.count).toBeGreaterThanOrEqual(1);
    expect(f.byScenario.find((s) => s.scenario === 'confinedSpace')!.count).toBeGreaterThanOrEqual(1);
    expect(f.observers).toBeGreaterThanOrEqual(120);
    expect(f.total).toBe(f.byLevel.reduce((s, l) => s + l.count, 0));
    const provider = indicatorProvider('drills')!;
    const [parkRow] = await rows<{ park_id: string }>(
      env.database.db,
      sql`select park_id from enterprises where id = ${ent1Id}`,
    );
    const values = await provider(env.database.db, {
      parkId: parkRow!.park_id,
      year: 2026,
      enterpriseIds: [ent1Id, none.items[0]!.id],
      today: '2026-11-23',
    });
    expect(values.get(ent1Id)!.value).toBeGreaterThanOrEqual(2);
    expect(values.get(none.items[0]!.id)!.value).toBe(0);
  });

  it('keeps annual plans with their derived state, one per enterprise, month and scenario', async () => {
    const plan = { enterpriseId: ent1Id, year: 2026, month: 11, scenario: 'confinedSpace', title: '有限空间救援演练' };
    const created = await ent1.post('/api/drills/annual-plans', plan);
    expect(created.statusCode, created.body).toBe(200);
    expect((await ent1.post('/api/drills/annual-plans', plan)).statusCode).toBe(409);
    const list = (await ent1.get('/api/drills/annual-plans?year=2026&pageSize=100')).json() as {
      items: { id: string; state: string; enterpriseId: string }[];
    };
    expect(list.items.every((p) => p.enterpriseId === ent1Id)).toBe(true);
    expect(list.items.find((p) => p.id === (created.json() as { id: string }).id)!.state).toBe('done');
  });
});
