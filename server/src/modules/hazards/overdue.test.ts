// 整改逾期 and 复查超时 told apart: a hazard submitted for re-check is the office's to act on, whatever its deadline, so
// it is not the enterprise's 逾期; it becomes 复查超时 when the office has not re-checked it within the park's allowed
// days (5 by default, set per park by an admin or supervisor, audited). Both are derived at read time, filterable and
// counted apart, and the sweep tells each side of its own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { sweepDeadlineNotifications } from '../notifications/service';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let enterpriseId: string;

const at = async (iso: string) => {
  clock.set(new Date(iso));
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
};

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  await at('2026-11-23T02:00:00Z');
  enterpriseId = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

type View = {
  id: string;
  overdue: boolean;
  recheckOverdue: boolean;
  submittedOn: string | null;
  recheckDueOn: string | null;
};
type Counts = { overdue: number; recheckOverdue: number; total: number };

async function hazard(description: string, deadline: string) {
  const res = await sup.post('/api/hazards', {
    enterpriseId,
    description,
    category: 'unsafeCondition',
    source: 'routine',
    deadline,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: string }).id;
}
const view = async (id: string) => (await sup.get(`/api/hazards/${id}`)).json() as View;
const ids = async (c: Client, q: string) =>
  (
    (await c.get(`/api/hazards?enterpriseId=${enterpriseId}&pageSize=100&${q}`)).json() as { items: { id: string }[] }
  ).items.map((h) => h.id);
const counts = async (c: Client, q = '') =>
  (await c.get(`/api/hazards/counts?enterpriseId=${enterpriseId}${q}`)).json() as Counts;
const notices = async (username: string, hazardId: string) =>
  (
    await rows<{ kind: string }>(
      env.database.db,
      sql`select n.kind from notifications n join users u on u.id = n.user_id
           where u.username = ${username} and n.hazard_id = ${hazardId} order by n.created_at, n.kind`,
    )
  ).map((n) => n.kind);

describe('整改逾期 and 复查超时', () => {
  let submitted: string;
  let missed: string;

  it('does not blame the enterprise for a submission the office has not re-checked', async () => {
    submitted = await hazard('车间安全通道标线磨损', '2026-11-25');
    missed = await hazard('车间灭火器压力不足', '2026-11-25');
    const photo = (
      (
        await ent1.upload(
          { purpose: 'hazardAfter', enterpriseId },
          'after.png',
          Buffer.from(
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
            'base64',
          ),
          'image/png',
        )
      ).json() as { id: string }
    ).id;
    await at('2026-11-24T02:00:00Z');
    expect((await ent1.post(`/api/hazards/${submitted}/transitions`, { action: 'start' })).statusCode).toBe(200);
    const sub = await ent1.post(`/api/hazards/${submitted}/transitions`, { action: 'submit', evidenceIds: [photo] });
    expect(sub.statusCode, sub.body).toBe(200);

    // 11-27: both deadlines passed. The unsubmitted one is 整改逾期; the submitted one waits on the office.
    await at('2026-11-27T02:00:00Z');
    expect(await view(submitted)).toMatchObject({
      overdue: false,
      recheckOverdue: false,
      submittedOn: '2026-11-24',
      recheckDueOn: '2026-11-29',
    });
    expect(await view(missed)).toMatchObject({ overdue: true, recheckOverdue: false });
    expect(await ids(sup, 'overdue=true')).toContain(missed);
    expect(await ids(sup, 'overdue=true')).not.toContain(submitted);

    // 12-01: five days after the submission, not re-checked: 复查超时 (the office's), still not the enterprise's 逾期.
    await at('2026-12-01T02:00:00Z');
    expect(await view(submitted)).toMatchObject({ overdue: false, recheckOverdue: true });
    expect(await ids(sup, 'recheckOverdue=true')).toEqual([submitted]);
    expect(await ids(sup, 'overdue=true')).not.toContain(submitted);
    expect(await ids(sup, 'recheckOverdue=false')).toContain(missed);
    const c = await counts(sup);
    const [truth] = await rows<{ overdue: number; late: number }>(
      env.database.db,
      sql`select count(*) filter (where status in ('assigned', 'rectifying') and deadline < '2026-12-01')::int as overdue,
                 count(*) filter (where status = 'submitted' and submitted_on < '2026-11-26')::int as late
            from hazards where enterprise_id = ${enterpriseId}`,
    );
    expect(c).toMatchObject({ overdue: truth!.overdue, recheckOverdue: 1 });
    expect(truth!.late).toBe(1);
    // The enterprise sees the same split of its own hazards.
    expect(await counts(ent1)).toMatchObject({ overdue: truth!.overdue, recheckOverdue: 1 });
  });

  it('gives the period figures the same end states, live for a period not over and replayed for a past one', async () => {
    type Period = { overdueAtEnd: number; recheckOverdueAtEnd: number };
    const period = async (q: string) =>
      (await sup.get(`/api/hazards/period-stats?enterpriseId=${enterpriseId}${q}`)).json() as Period;
    // On 11-30 (the day before): the live counts of that day…
    await at('2026-11-30T02:00:00Z');
    const live = await counts(sup);
    expect(await period('')).toMatchObject({ overdueAtEnd: live.overdue, recheckOverdueAtEnd: live.recheckOverdue });
    // …are what a day later the period ending on 11-30 replays from the events and extensions.
    await at('2026-12-01T02:00:00Z');
    expect(await period('&from=2026-11-01&to=2026-11-30')).toMatchObject({
      overdueAtEnd: live.overdue,
      recheckOverdueAtEnd: live.recheckOverdue,
    });
    // The same across the whole park (the demo's history included).
    await at('2026-11-30T02:00:00Z');
    const park = (await sup.get('/api/hazards/counts')).json() as Counts;
    await at('2026-12-01T02:00:00Z');
    expect((await sup.get('/api/hazards/period-stats?from=2026-11-01&to=2026-11-30')).json()).toMatchObject({
      overdueAtEnd: park.overdue,
      recheckOverdueAtEnd: park.recheckOverdue,
    });
  });

  it('tells the enterprise of its overdue rectification and the supervisors of the overdue re-check', async () => {
    await at('2026-12-01T02:00:00Z');
    await sweepDeadlineNotifications(env.database.db);
    expect(await notices('enterprise1', missed)).toContain('hazardOverdue');
    expect(await notices('supervisor', submitted)).toContain('recheckOverdue');
    // Nobody tells the enterprise its submitted hazard is overdue, nor the enterprise of the office's delay.
    const ent = await notices('enterprise1', submitted);
    expect(ent).not.toContain('hazardOverdue');
    expect(ent).not.toContain('recheckOverdue');
    // Once each, however often the sweep runs.
    const again = await sweepDeadlineNotifications(env.database.db);
    expect(again).toMatchObject({ recheckOverdue: 0, overdue: 0 });
    const [body] = await rows<{ body: string }>(
      env.database.db,
      sql`select n.body from notifications n join users u on u.id = n.user_id
           where u.username = 'supervisor' and n.hazard_id = ${submitted} and n.kind = 'recheckOverdue'`,
    );
    expect(body!.body).toContain('2026年11月24日');
    expect(body!.body).toContain('尚未复查');
  });

  it('takes the re-check limit from the park settings (admin or supervisor, audited)', async () => {
    await at('2026-12-01T02:00:00Z');
    expect(
      (await sup.get('/api/hazards/settings')).json() as { recheckDays: number; isDefault: boolean },
    ).toMatchObject({ recheckDays: 5, isDefault: true });
    expect((await ent1.request('PUT', '/api/hazards/settings', { recheckDays: 30 })).statusCode).toBe(403);
    const bad = await sup.request('PUT', '/api/hazards/settings', { recheckDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('recheckDays');
    const set = await sup.request('PUT', '/api/hazards/settings', { recheckDays: 10 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ recheckDays: 10, isDefault: false });
    // Derived, so it follows at once: ten days after 11-24 is 12-04.
    expect(await view(submitted)).toMatchObject({ recheckOverdue: false, recheckDueOn: '2026-12-04' });
    expect((await counts(sup)).recheckOverdue).toBe(0);
    const [audit] = await rows<{ before: unknown; after: unknown }>(
      env.database.db,
      sql`select before, after from audit_log where action = 'hazard.settings' order by seq desc limit 1`,
    );
    expect(audit).toEqual({ before: { recheckDays: 5 }, after: { recheckDays: 10 } });
    // Re-checked: neither.
    const pass = await sup.post(`/api/hazards/${submitted}/transitions`, { action: 'recheckPass' });
    expect(pass.statusCode, pass.body).toBe(200);
    expect(await view(submitted)).toMatchObject({ overdue: false, recheckOverdue: false, recheckDueOn: null });
  });
});
