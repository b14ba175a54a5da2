// Enterprise credit: the rules (points, validity window, thresholds) as pure functions, and through the API on the
// demo park — events derived in the record's transaction, the stored score equal to the live one, an idempotent
// recompute from the records, adjustments with a reason, the rule table versioned, and an enterprise seeing only its own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CreditDetail,
  type CreditRule,
  counting,
  countsUntil,
  DEFAULT_CREDIT_RULES,
  gradeOf,
  scoreOf,
} from '../../../../shared/src/credit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { refreshStale } from './service';

describe('credit rules', () => {
  const rules: CreditRule[] = [
    { kind: 'majorHazard', points: -10, validDays: 365 },
    { kind: 'hazardOverdue', points: -3, validDays: 10 },
    { kind: 'standardGrade2', points: 6, validDays: 1095 },
  ];

  it('adds the points of every counting event to the base', () => {
    const events = [
      { kind: 'majorHazard' as const, occurredOn: '2026-05-01' },
      { kind: 'majorHazard' as const, occurredOn: '2026-06-01' },
      { kind: 'standardGrade2' as const, occurredOn: '2025-01-01' },
    ];
    expect(scoreOf(100, rules, events, [], '2026-11-01')).toBe(100 - 20 + 6);
    // A kind the rules do not name counts nothing.
    expect(scoreOf(100, rules, [{ kind: 'penaltyDecided', occurredOn: '2026-10-01' }], [], '2026-11-01')).toBe(100);
  });

  it('counts an event from its day for exactly validDays days', () => {
    expect(countsUntil('2026-01-01', 10)).toBe('2026-01-10');
    expect(counting('2026-01-01', 10, '2025-12-31')).toBe(false);
    expect(counting('2026-01-01', 10, '2026-01-01')).toBe(true);
    expect(counting('2026-01-01', 10, '2026-01-10')).toBe(true);
    expect(counting('2026-01-01', 10, '2026-01-11')).toBe(false);
    const overdue = [{ kind: 'hazardOverdue' as const, occurredOn: '2026-01-01' }];
    expect(scoreOf(100, rules, overdue, [], '2026-01-10')).toBe(97);
    expect(scoreOf(100, rules, overdue, [], '2026-01-11')).toBe(100);
    // Adjustments have their own window; the score never goes below 0.
    const adj = [{ points: -150, occurredOn: '2026-01-01', validDays: 2 }];
    expect(scoreOf(100, rules, [], adj, '2026-01-02')).toBe(0);
    expect(scoreOf(100, rules, [], adj, '2026-01-03')).toBe(100);
  });

  it('grades by the thresholds, each bound belonging to the higher grade', () => {
    const t = { A: 90, B: 75, C: 60 };
    expect([90, 89, 75, 74, 60, 59, 0].map((s) => gradeOf(s, t))).toEqual(['A', 'B', 'B', 'C', 'C', 'D', 'D']);
  });
});

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;
let ent2Id: string;
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };

const snapshot = async () => ({
  scores: await rows<{ enterprise_id: string; score: number; grade: string }>(
    env.database.db,
    sql`select enterprise_id, score, grade from credit_scores order by enterprise_id`,
  ),
  events: await rows<{ id: string; enterprise_id: string; kind: string; source_key: string; occurred_on: string }>(
    env.database.db,
    sql`select id, enterprise_id, kind, source_key, occurred_on::text from credit_events order by id`,
  ),
});

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  const me = (c: Client) => c.get('/api/auth/session').then((r) => (r.json() as { me: { enterpriseId: string } }).me);
  ent1Id = (await me(ent1)).enterpriseId;
  ent2Id = (await me(await signedIn(env.app, 'enterprise2'))).enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('credit through the API', () => {
  it('derives the demo history: stored scores equal the live ones, grades follow the thresholds', async () => {
    const list = await sup.get('/api/credit/enterprises?sort=score&order=asc&pageSize=5');
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as { items: { enterpriseId: string; score: number; grade: string }[]; total: number };
    expect(page.total).toBeGreaterThan(280);
    expect(page.items[0]!.score).toBeLessThan(100);
    for (const item of page.items) {
      const d = (await sup.get(`/api/credit/enterprises/${item.enterpriseId}`)).json() as CreditDetail;
      expect(d.score).toBe(item.score);
      expect(d.grade).toBe(gradeOf(d.score, DEFAULT_CREDIT_RULES.thresholds));
      const counted = d.events.filter((e) => e.counting).reduce((s, e) => s + e.points, 0);
      expect(d.score).toBe(Math.max(0, d.baseScore + counted));
    }
    const kinds = await rows<{ kind: string }>(env.database.db, sql`select distinct kind from credit_events`);
    expect(kinds.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['majorHazard', 'hazardOverdue', 'accidentGeneral', 'commitmentMissed', 'commendation']),
    );
    // The demo's published 2023 assessment: every graded enterprise party has its grade as an event.
    const [graded] = await rows<{ parties: number; events: number }>(
      env.database.db,
      sql`select (select count(*)::int from assessment_parties ap join assessment_rounds r on r.id = ap.round_id
                   where r.status = 'published' and ap.enterprise_id is not null and ap.grade is not null) as parties,
                 (select count(*)::int from credit_events where source_type = 'assessment') as events`,
    );
    expect(graded!.parties).toBeGreaterThan(0);
    expect(graded!.events).toBe(graded!.parties);
  });

  it('recomputing every enterprise from the records changes nothing (idempotent)', async () => {
    const before = await snapshot();
    const first = await sup.post('/api/credit/recompute');
    expect(first.statusCode, first.body).toBe(200);
    expect(await snapshot()).toEqual(before);
    // Wiped and recomputed from the records alone: the same events and scores.
    await env.owner.exec('delete from credit_events; delete from credit_scores;');
    await sup.post('/api/credit/recompute');
    const again = await snapshot();
    expect(again.scores).toEqual(before.scores);
    const key = (e: { enterprise_id: string; kind: string; source_key: string; occurred_on: string }) =>
      `${e.enterprise_id}|${e.kind}|${e.source_key}|${e.occurred_on}`;
    expect(again.events.map(key).sort()).toEqual(before.events.map(key).sort());
  });

  it('a major hazard lowers the score in its own transaction and the history names it', async () => {
    const before = (await sup.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    const res = await sup.post('/api/hazards', {
      enterpriseId: ent1Id,
      description: '液氨储罐区未设置紧急切断装置',
      category: 'unsafeCondition',
      source: 'specialised',
      grade: 'major',
      deadline: '2026-12-31',
    });
    expect(res.statusCode, res.body).toBe(200);
    const serial = (res.json() as { serial: string }).serial;
    const after = (await ent1.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    expect(after.score).toBe(before.score - 10);
    const ev = after.events.find((e) => e.kind === 'majorHazard' && e.sourceLabel.includes(serial));
    expect(ev).toMatchObject({ sourceType: 'hazard', counting: true, points: -10, occurredOn: '2026-11-23' });
    const [stored] = await rows<{ score: number }>(
      env.database.db,
      sql`select score from credit_scores where enterprise_id = ${ent1Id}`,
    );
    expect(stored!.score).toBe(after.score);
    // Downgraded, it no longer counts.
    const id = (res.json() as { id: string }).id;
    const down = await sup.post(`/api/hazards/${id}/downgrade`, { reason: '经专家复核不构成重大事故隐患' });
    expect(down.statusCode, down.body).toBe(200);
    expect(((await ent1.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail).score).toBe(before.score);
  });

  it('a supervisor adjusts with a reason (audited); an enterprise may not, nor see another enterprise', async () => {
    const before = (await sup.get(`/api/credit/enterprises/${ent1Id}`)).json() as CreditDetail;
    const noReason = await sup.post(`/api/credit/enterprises/${ent1Id}/adjustments`, { points: 5, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((noReason.json() as Err).error.fields).toHaveProperty('reason');
    const ok = await sup.post(`/api/credit/enterprises/${ent1Id}/adjustments`, {
      points: 5,
      reason: '主动报告并完成重大隐患整改',
      validDays: 90,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = ok.json() as CreditDetail;
    expect(d.score).toBe(Math.max(0, before.score + 5));
    expect(d.events.find((e) => e.kind === 'adjustment')).toMatchObject({ points: 5, byName: '张安监' });
    const [audit] = await rows<{ action: string }>(
      env.database.db,
      sql`select action from audit_log where action = 'credit.adjust' and enterprise_id = ${ent1Id}`,
    );
    expect(audit).toBeDefined();
    expect(
      (await ent1.post(`/api/credit/enterprises/${ent1Id}/adjustments`, { points: 5, reason: '自己加分试试' }))
        .statusCode,
    ).toBe(403);
    expect((await ent1.get(`/api/credit/enterprises/${ent2Id}`)).statusCode).toBe(404);
    const mine = (await ent1.get('/api/credit/enterprises')).json() as { items: { enterpriseId: string }[] };
    expect(mine.items.map((i) => i.enterpriseId)).toEqual([ent1Id]);
  });

  it('the daily refresh picks up what the calendar alone changes (a deadline passing)', async () => {
    const made = await sup.post('/api/hazards', {
      enterpriseId: ent2Id,
      description: '消防通道被货物堵塞',
      category: 'unsafeCondition',
      source: 'routine',
      deadline: '2026-11-24',
    });
    expect(made.statusCode, made.body).toBe(200);
    const stored = async () =>
      (
        await rows<{ score: number; computed_on: string }>(
          env.database.db,
          sql`select score, computed_on::text from credit_scores where enterprise_id = ${ent2Id}`,
        )
      )[0]!;
    const before = await stored();
    expect(await refreshStale(env.database.db)).toBe(0);
    clock.set(new Date('2026-11-26T02:00:00Z'));
    expect(await refreshStale(env.database.db)).toBe(1);
    const after = await stored();
    sup = await signedIn(env.app, 'supervisor');
    expect(after.computed_on).toBe('2026-11-26');
    const live = (await sup.get(`/api/credit/enterprises/${ent2Id}`)).json() as CreditDetail;
    expect(live.score).toBe(after.score);
    expect(live.events.find((e) => e.kind === 'hazardOverdue' && e.occurredOn === '2026-11-25')).toMatchObject({
      points: -3,
      counting: true,
    });
    // What changed is what the three days brought: the overdue hazard and the commitments missed past their grace.
    const since = live.events.filter((e) => e.counting && e.occurredOn > '2026-11-23');
    expect(since.map((e) => e.kind)).toContain('commitmentMissed');
    expect(after.score).toBe(before.score + since.reduce((sum, e) => sum + e.points, 0));
    expect(await refreshStale(env.database.db)).toBe(0);
    clock.set(new Date('2026-11-23T02:00:00Z'));
    sup = await signedIn(env.app, 'supervisor');
    expect((await sup.post('/api/credit/recompute')).statusCode).toBe(200);
  });

  it('saves the rule table as a new version (admin only) and every score follows; an unknown kind is refused', async () => {
    const admin = await signedIn(env.app, 'admin');
    const body = { ...DEFAULT_CREDIT_RULES, rules: DEFAULT_CREDIT_RULES.rules.map((r) => ({ ...r })) };
    body.rules.find((r) => r.kind === 'majorHazard')!.points = -20;
    expect((await sup.request('PUT', '/api/credit/rules', body)).statusCode).toBe(403);
    const unknown = await admin.request('PUT', '/api/credit/rules', {
      ...body,
      rules: [...body.rules.slice(1), { kind: 'bribery', points: -5, validDays: 30 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify((unknown.json() as Err).error)).toContain('未知的诚信事件类型');
    const bad = await admin.request('PUT', '/api/credit/rules', { ...body, thresholds: { A: 60, B: 75, C: 90 } });
    expect(bad.statusCode).toBe(400);
    const before = (await sup.get('/api/credit/enterprises?sort=score&order=asc&pageSize=1')).json() as {
      items: { enterpriseId: string; score: number }[];
    };
    const saved = await admin.request('PUT', '/api/credit/rules', { ...body, note: '重大隐患加重扣分' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, isDefault: false });
    const id = before.items[0]!.enterpriseId;
    const d = (await sup.get(`/api/credit/enterprises/${id}`)).json() as CreditDetail;
    const [stored] = await rows<{ score: number; rule_version: number }>(
      env.database.db,
      sql`select score, rule_version from credit_scores where enterprise_id = ${id}`,
    );
    expect(stored).toEqual({ score: d.score, rule_version: 1 });
  });
});
