// 补录 (back-fill): a supervisor moves a 2023 paper ledger in. Every step keeps the day it happened (occurred_at) apart
// from the time it was entered (recorded_at); the figures count the day it happened (a hazard closed on 2023-05-10
// counts in H1 2023, not today), a step back-filled as done before its deadline was never overdue, and dates in the
// future or before the hazard's found date or its previous step are refused, naming the field.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let enterpriseId: string;

const err = (res: { json(): unknown }) =>
  (res.json() as { error: { code: string; message: string; fields?: Record<string, string> } }).error;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  enterpriseId = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const backfill = (occurredOn: string, reason = '2023年纸质台账补录') => ({ backfill: { occurredOn, reason } });

async function pastHazard(description: string, foundOn: string, deadline: string, extra: Record<string, unknown> = {}) {
  const res = await sup.post('/api/hazards', {
    enterpriseId,
    description,
    category: 'unsafeCondition',
    source: 'comprehensive',
    foundOn,
    deadline,
    backfill: { reason: '2023年纸质台账补录' },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}

const step = async (id: string, action: string, occurredOn: string, extra: Record<string, unknown> = {}) => {
  const res = await sup.post(`/api/hazards/${id}/transitions`, { action, ...backfill(occurredOn), ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
};

type Period = {
  found: number;
  closed: number;
  foundClosed: number;
  rectificationRate: number;
  overdueAtEnd: number;
  recheckOverdueAtEnd: number;
};
const period = async (from: string, to: string) => {
  const res = await sup.get(`/api/hazards/period-stats?from=${from}&to=${to}&enterpriseId=${enterpriseId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Period;
};

type Detail = {
  id: string;
  status: string;
  overdue: boolean;
  recheckOverdue: boolean;
  deadline: string | null;
  closedAt: string | null;
  listing: { listedOn: string; delistedOn?: string | null } | null;
  events: {
    action: string;
    at: string;
    occurredAt: string;
    recordedAt: string;
    backfillReason: string | null;
  }[];
};

describe('补录 of a 2023 paper ledger', () => {
  it('counts a hazard back-filled as closed on 2023-05-10 in H1 2023, not today', async () => {
    const thisHalf = await period('2026-07-01', '2026-12-31');
    const id = await pastHazard('二号车间配电柜前堆放杂物（2023年纸质台账）', '2023-03-01', '2023-05-15');
    await step(id, 'start', '2023-03-05');
    // A paper ledger has no photos to upload: a back-filled submission may come without them.
    await step(id, 'submit', '2023-05-08');
    const closed = await step(id, 'recheckPass', '2023-05-10');

    expect(closed.status).toBe('closed');
    expect(closed.overdue).toBe(false);
    // Closed at the start of 2023-05-10 in Asia/Shanghai.
    expect(closed.closedAt).toBe('2023-05-09T16:00:00.000Z');
    const pass = closed.events.find((e) => e.action === 'recheckPass')!;
    expect(pass).toMatchObject({
      occurredAt: '2023-05-09T16:00:00.000Z',
      at: '2023-05-09T16:00:00.000Z',
      recordedAt: '2026-11-23T02:00:00.000Z',
      backfillReason: '2023年纸质台账补录',
    });

    expect(await period('2023-01-01', '2023-06-30')).toMatchObject({
      found: 1,
      closed: 1,
      foundClosed: 1,
      rectificationRate: 100,
      overdueAtEnd: 0,
    });
    // Not closed "today": this half-year's figures did not move.
    expect(await period('2026-07-01', '2026-12-31')).toEqual(thisHalf);
    // The ledger's closed-date filter counts it on its own day.
    const h1 = (
      await sup.get(`/api/hazards?enterpriseId=${enterpriseId}&closedFrom=2023-01-01&closedTo=2023-06-30`)
    ).json() as { total: number; items: { id: string }[] };
    expect(h1.items.map((h) => h.id)).toEqual([id]);
    const today = (
      await sup.get(`/api/hazards?enterpriseId=${enterpriseId}&closedFrom=2026-11-23&closedTo=2026-11-23`)
    ).json() as { items: { id: string }[] };
    expect(today.items.map((h) => h.id)).not.toContain(id);

    // The audit entry of each step shows both times, and the reason.
    const [audit] = await rows<{ after: Record<string, unknown>; at: Date }>(
      env.database.db,
      sql`select after, "at" from audit_log where action = 'hazard.recheckPass' and entity_id = ${id}`,
    );
    expect(audit!.after).toMatchObject({
      occurredAt: '2023-05-09T16:00:00.000Z',
      recordedAt: '2026-11-23T02:00:00.000Z',
      backfillReason: '2023年纸质台账补录',
    });
    expect((await verifyAuditChains(env.database.db)).ok).toBe(true);
  });

  it('derives overdue for the past from when steps happened: rectified before the deadline was never overdue', async () => {
    // Submitted on 2023-05-08, before its 2023-05-15 deadline: not overdue on any day.
    const onTime = await pastHazard('三号仓库灭火器过期（按期整改）', '2023-04-01', '2023-05-15');
    await step(onTime, 'start', '2023-04-02');
    await step(onTime, 'submit', '2023-05-08');
    // Submitted on 2023-05-20, after its deadline: overdue from 05-16 until then, then waiting for re-check.
    const late = await pastHazard('三号仓库应急照明损坏（逾期整改）', '2023-04-01', '2023-05-15');
    await step(late, 'start', '2023-04-02');
    await step(late, 'submit', '2023-05-20');
    // Its deadline extended (requested and approved back then) before the original one passed.
    const extended = await pastHazard('三号仓库疏散指示缺失（延期）', '2023-04-01', '2023-04-15');
    const asked = await sup.post(`/api/hazards/${extended}/extension`, {
      requestedDeadline: '2023-06-30',
      reason: '需采购定制标识',
      ...backfill('2023-04-10'),
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const decided = await sup.post(`/api/hazards/${extended}/extension/decision`, {
      approve: true,
      ...backfill('2023-04-12'),
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((decided.json() as Detail).deadline).toBe('2023-06-30');

    expect((await period('2023-05-01', '2023-05-12')).overdueAtEnd).toBe(0);
    // 05-18: the late one is overdue, the on-time one (submitted) is not, the extended one is within its new deadline.
    expect(await period('2023-05-01', '2023-05-18')).toMatchObject({ overdueAtEnd: 1 });
    // 05-31: the late one was submitted on 05-20 — no longer 整改逾期; both submissions are past the 5 re-check days.
    expect(await period('2023-05-01', '2023-05-31')).toMatchObject({ overdueAtEnd: 0, recheckOverdueAtEnd: 2 });
    // 07-05: the extended deadline passed too, never submitted.
    expect(await period('2023-07-01', '2023-07-05')).toMatchObject({ overdueAtEnd: 1 });
  });

  it('keeps the past days of listing, delisting and the 五落实 plan of a major hazard', async () => {
    const id = await pastHazard('液氨储罐区未设置泄漏报警装置', '2023-02-01', '2023-04-30', {
      criterionCode: 'GM2023-11-3',
    });
    const plan = await sup.request('PUT', `/api/hazards/${id}/plan`, {
      responsibility: '设备部',
      measures: '加装报警装置',
      funds: '5万元',
      timeLimit: '2023年4月30日',
      emergencyPlan: '液氨泄漏专项预案',
      ...backfill('2023-02-03'),
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const listed = await sup.post(`/api/hazards/${id}/listing`, {
      level: 'district',
      unit: '区安委办',
      listedOn: '2023-02-05',
      ...backfill('2023-02-05'),
    });
    expect(listed.statusCode, listed.body).toBe(200);
    await step(id, 'start', '2023-02-06');
    await step(id, 'submit', '2023-04-20');
    await step(id, 'recheckPass', '2023-04-25');
    const delisted = await sup.post(`/api/hazards/${id}/delisting`, backfill('2023-04-26'));
    expect(delisted.statusCode, delisted.body).toBe(200);
    const d = delisted.json() as Detail;
    expect(d.listing?.delistedOn).toBe('2023-04-26');
    expect(d.events.map((e) => [e.action, e.occurredAt.slice(0, 10)])).toEqual([
      ['create', '2023-01-31'],
      ['plan', '2023-02-02'],
      ['listed', '2023-02-04'],
      ['start', '2023-02-05'],
      ['submit', '2023-04-19'],
      ['recheckPass', '2023-04-24'],
      ['delisted', '2023-04-25'],
    ]);
    expect(d.events.every((e) => e.recordedAt.startsWith('2026-11-23') && e.backfillReason)).toBe(true);
  });

  it('refuses dates in the future, before the found date or before the previous step, naming the field', async () => {
    // Normal mode keeps refusing a past deadline.
    const normal = await sup.post('/api/hazards', {
      enterpriseId,
      description: '普通登记的过去期限',
      category: 'unsafeCondition',
      source: 'routine',
      deadline: '2023-05-15',
    });
    expect(normal.statusCode).toBe(422);
    expect(err(normal)).toMatchObject({ code: 'HAZARD_DEADLINE_PAST', fields: { deadline: '整改期限不能早于今天' } });
    // A back-filled deadline cannot precede the found date.
    const before = await sup.post('/api/hazards', {
      enterpriseId,
      description: '期限早于发现日期',
      category: 'unsafeCondition',
      source: 'routine',
      foundOn: '2023-05-01',
      deadline: '2023-04-01',
      backfill: { reason: '纸质台账补录' },
    });
    expect(before.statusCode).toBe(422);
    expect(err(before).fields).toHaveProperty('deadline');
    // A reason is required.
    const noReason = await sup.post('/api/hazards', {
      enterpriseId,
      description: '没有补录原因',
      category: 'unsafeCondition',
      source: 'routine',
      foundOn: '2023-05-01',
      deadline: '2023-06-01',
      backfill: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(err(noReason).fields).toHaveProperty(['backfill.reason']);

    const id = await pastHazard('二楼配电室门锁损坏', '2023-03-01', '2023-05-15');
    await step(id, 'start', '2023-03-10');
    const events = async () =>
      (
        await rows<{ n: number }>(
          env.database.db,
          sql`select count(*)::int as n from hazard_events where hazard_id = ${id}`,
        )
      )[0]!.n;
    const count = await events();
    const refused = async (occurredOn: string, code: string) => {
      const res = await sup.post(`/api/hazards/${id}/transitions`, { action: 'submit', ...backfill(occurredOn) });
      expect(res.statusCode, res.body).toBe(422);
      expect(err(res).code).toBe(code);
      expect(err(res).fields).toHaveProperty(['backfill.occurredOn']);
    };
    await refused('2026-11-24', 'BACKFILL_IN_FUTURE');
    await refused('2023-02-28', 'BACKFILL_BEFORE_FOUND');
    await refused('2023-03-09', 'BACKFILL_BEFORE_PREVIOUS');
    expect(await events()).toBe(count);
    const [h] = await rows<{ status: string }>(env.database.db, sql`select status from hazards where id = ${id}`);
    expect(h!.status).toBe('rectifying');
    // The same day as the previous step is fine, and comes after it.
    const same = await step(id, 'submit', '2023-03-10');
    expect(same.events.map((e) => e.action)).toEqual(['create', 'start', 'submit']);

    // Only the safety office back-fills.
    const insp = await signedIn(env.app, 'inspector');
    const byInspector = await insp.post(`/api/hazards/${id}/transitions`, {
      action: 'recheckPass',
      ...backfill('2023-03-12'),
    });
    expect(byInspector.statusCode).toBe(403);
    const byEnterprise = await ent1.post('/api/hazards', {
      enterpriseId,
      description: '企业自行补录',
      category: 'unsafeCondition',
      source: 'routine',
      foundOn: '2023-05-01',
      deadline: '2023-06-01',
      backfill: { reason: '纸质台账补录' },
    });
    expect(byEnterprise.statusCode).toBe(403);
  });
});
