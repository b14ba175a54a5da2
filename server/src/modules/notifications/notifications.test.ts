// Notifications: the deadline sweep (due soon 3 days ahead, overdue after) raised once however often it runs — also
// two sweeps at the same moment —, the hazard-event notifications and their recipients, the inbox API (unread first,
// unread count, read, read all, only one's own), and the scheduler's claim, start and stop.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, RequestContext } from '../../platform/actor';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';
import { claimRun } from './repository';
import { NotificationScheduler, SWEEP_TASK, schedulerEnabled, sweepIntervalMs } from './scheduler';
import { notifyHazardEvent, sweepDeadlineNotifications } from './service';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent1Id: string;

type Inbox = {
  items: { id: string; kind: string; title: string; body: string; hazardId: string | null; read: boolean }[];
  total: number;
  unread: number;
};
type HazardView = Parameters<typeof notifyHazardEvent>[2];

const at = (iso: string) => clock.set(new Date(iso));
/** Sessions time out while the clock moves: sign in again after moving it. */
async function relogin() {
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
}

async function actorOf(username: string): Promise<Actor> {
  const [u] = await rows<Actor>(
    env.database.db,
    sql`select id as "userId", username, display_name as "displayName", role, park_id as "parkId",
               organisation_id as "organisationId",
               case when role = 'enterprise' then organisation_id end as "enterpriseId",
               false as "mustChangePassword"
          from users where username = ${username}`,
  );
  return u!;
}

/** A user's notifications about one hazard (of some kinds only, when given), oldest first. */
async function notificationsOf(username: string, hazardId: string, kinds?: string[]) {
  const found = await rows<{ kind: string; dedupe_key: string; title: string; body: string }>(
    env.database.db,
    sql`select n.kind, n.dedupe_key, n.title, n.body from notifications n join users u on u.id = n.user_id
         where u.username = ${username} and n.hazard_id = ${hazardId} order by n.created_at, n.kind`,
  );
  return kinds ? found.filter((n) => kinds.includes(n.kind)) : found;
}
/** The sweep's kinds (hazard-event notifications may exist too once the hazard service raises them). */
const DEADLINES = ['hazardDueSoon', 'hazardOverdue'];

async function createHazard(deadline: string, description = '车间配电柜前堆放杂物') {
  const res = await sup.post('/api/hazards', {
    enterpriseId: ent1Id,
    description,
    location: '三号车间',
    category: 'unsafeCondition',
    source: 'routine',
    requirement: '清理杂物，保持通道畅通',
    deadline,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HazardView & { id: string };
}

beforeAll(async () => {
  at('2026-11-23T02:00:00Z');
  env = await createTestEnv();
  await relogin();
  ent1Id = ((await ent1.get('/api/auth/session')).json() as { me: { enterpriseId: string } }).me.enterpriseId;
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

describe('deadline sweep', () => {
  it('raises due-soon 3 days before the deadline and overdue after it, once each, however often it runs', async () => {
    const db = env.database.db;
    const h = await createHazard('2026-11-30');

    await sweepDeadlineNotifications(db);
    expect(await notificationsOf('enterprise1', h.id, DEADLINES)).toEqual([]);

    // Shanghai 2026-11-27: three days before the deadline.
    at('2026-11-26T17:00:00Z');
    const first = await sweepDeadlineNotifications(db);
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    const again = await sweepDeadlineNotifications(db);
    expect(again).toMatchObject({ dueSoon: 0, overdue: 0 });
    const due = await notificationsOf('enterprise1', h.id, DEADLINES);
    expect(due.map((n) => n.kind)).toEqual(['hazardDueSoon']);
    expect(due[0]!.dedupe_key).toBe(`hazardDueSoon:${h.id}:2026-11-30`);
    expect(due[0]!.body).toContain('2026年11月30日');
    expect(due[0]!.body).toContain('还剩 3 天');
    // Due-soon goes to the enterprise only.
    expect(await notificationsOf('supervisor', h.id, DEADLINES)).toEqual([]);

    // Shanghai 2026-12-01: one day late.
    at('2026-12-01T02:00:00Z');
    const late = await sweepDeadlineNotifications(db);
    expect(late.overdue).toBeGreaterThanOrEqual(2);
    expect(await sweepDeadlineNotifications(db)).toMatchObject({ dueSoon: 0, overdue: 0 });
    expect((await notificationsOf('enterprise1', h.id, DEADLINES)).map((n) => n.kind)).toEqual([
      'hazardDueSoon',
      'hazardOverdue',
    ]);
    const supOverdue = await notificationsOf('supervisor', h.id, DEADLINES);
    expect(supOverdue.map((n) => n.kind)).toEqual(['hazardOverdue']);
    expect(supOverdue[0]!.body).toContain('已逾期 1 天');

    const [dupes] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select user_id, dedupe_key from notifications
                                           group by user_id, dedupe_key having count(*) > 1) d`,
    );
    expect(Number(dupes!.n)).toBe(0);
    at('2026-11-23T02:00:00Z');
  });

  it('does not raise twice when two sweeps run at the same moment (several server processes)', async () => {
    at('2026-11-23T02:00:00Z');
    await relogin();
    const h = await createHazard('2026-11-25', '叉车未定期检验');
    const results = await Promise.all([
      sweepDeadlineNotifications(env.database.db),
      sweepDeadlineNotifications(env.database.db),
      sweepDeadlineNotifications(env.database.db),
    ]);
    expect(results.reduce((n, r) => n + r.dueSoon, 0)).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf('enterprise1', h.id, DEADLINES)).map((n) => n.kind)).toEqual(['hazardDueSoon']);
  });

  it('notifies again for the new deadline after an approved extension, and not for closed hazards', async () => {
    at('2026-11-23T02:00:00Z');
    await relogin();
    const h = await createHazard('2026-11-24', '消防栓被遮挡');
    await sweepDeadlineNotifications(env.database.db);
    expect(
      (await ent1.post(`/api/hazards/${h.id}/extension`, { requestedDeadline: '2026-12-20', reason: '需采购配件' }))
        .statusCode,
    ).toBe(200);
    expect((await sup.post(`/api/hazards/${h.id}/extension/decision`, { approve: true })).statusCode).toBe(200);
    at('2026-12-18T02:00:00Z');
    await sweepDeadlineNotifications(env.database.db);
    const keys = (await notificationsOf('enterprise1', h.id, DEADLINES)).map((n) => n.dedupe_key);
    expect(keys).toEqual([`hazardDueSoon:${h.id}:2026-11-24`, `hazardDueSoon:${h.id}:2026-12-20`]);

    await relogin();
    const closed = await createHazard('2026-12-19', '应急灯损坏');
    await rows(env.database.db, sql`update hazards set status = 'closed' where id = ${closed.id} returning id`);
    await sweepDeadlineNotifications(env.database.db);
    expect(await notificationsOf('enterprise1', closed.id, DEADLINES)).toEqual([]);
    at('2026-11-23T02:00:00Z');
  });
});

describe('hazard event notifications', () => {
  it('tells the enterprise of a new hazard, the committee and the inspectors of a submission, once per event', async () => {
    at('2026-11-23T02:00:00Z');
    await relogin();
    const db = env.database.db;
    const supCtx: RequestContext = { actor: await actorOf('supervisor'), ip: '127.0.0.1' };
    const entCtx: RequestContext = { actor: await actorOf('enterprise1'), ip: '127.0.0.1' };
    // The hazard came from an inspection by the (assigned) inspector.
    const inspector = await actorOf('inspector');
    await rows(
      db,
      sql`insert into inspector_assignments (park_id, user_id, enterprise_id)
          values (${inspector.parkId}, ${inspector.userId}, ${ent1Id}) on conflict do nothing returning user_id`,
    );
    const [insp] = await rows<{ id: string }>(
      db,
      sql`insert into inspections (park_id, enterprise_id, inspected_on, kind, inspector_ids, inspector_names)
          values (${inspector.parkId}, ${ent1Id}, '2026-11-22', 'supervision', array[${inspector.userId}::uuid], array['王检查'])
          returning id`,
    );
    const created = await sup.post('/api/hazards', {
      enterpriseId: ent1Id,
      inspectionId: insp!.id,
      description: '危化品仓库通风设施损坏',
      category: 'unsafeCondition',
      source: 'specialised',
      deadline: '2026-12-05',
    });
    const h = created.json() as HazardView;

    // (Counted from the table, not the return value: the hazard service may already have raised it on create.)
    await db.transaction((tx) => notifyHazardEvent(tx, supCtx, h, 'create'));
    expect(await db.transaction((tx) => notifyHazardEvent(tx, supCtx, h, 'create'))).toBe(0);
    const [n, ...more] = await notificationsOf('enterprise1', h.id);
    expect(more).toEqual([]);
    expect(n).toMatchObject({ kind: 'hazardAssigned', title: expect.stringContaining(h.serial) });
    expect(n!.body).toContain('危化品仓库通风设施损坏');
    expect(n!.body).toContain('2026年12月5日前');
    // The supervisor who recorded it is not told of their own act.
    expect(await notificationsOf('supervisor', h.id)).toEqual([]);

    // Submitted for re-check (by the enterprise): the supervisors and the inspection's inspector hear of it.
    await db.execute(
      sql`insert into hazard_events (park_id, hazard_id, action, from_status, to_status, actor_name, occurred_at)
          values (${inspector.parkId}, ${h.id}, 'submit', 'rectifying', 'submitted', 'x', now())`,
    );
    expect(await db.transaction((tx) => notifyHazardEvent(tx, entCtx, h, 'submit'))).toBe(2);
    expect(await db.transaction((tx) => notifyHazardEvent(tx, entCtx, h, 'submit'))).toBe(0);
    expect((await notificationsOf('supervisor', h.id)).map((x) => x.kind)).toEqual(['recheckRequested']);
    expect((await notificationsOf('inspector', h.id)).map((x) => x.kind)).toEqual(['recheckRequested']);
    // A second submission (after a failed re-check) is a new event.
    await db.execute(
      sql`insert into hazard_events (park_id, hazard_id, action, from_status, to_status, reason, actor_name, occurred_at)
          values (${inspector.parkId}, ${h.id}, 'recheckFail', 'submitted', 'rectifying', '通风机仍未修复', 'x', now()),
                 (${inspector.parkId}, ${h.id}, 'submit', 'rectifying', 'submitted', null, 'x', now())`,
    );
    expect(await db.transaction((tx) => notifyHazardEvent(tx, supCtx, h, 'recheckFail'))).toBe(1);
    expect(await db.transaction((tx) => notifyHazardEvent(tx, entCtx, h, 'submit'))).toBe(2);
    const ent = await notificationsOf('enterprise1', h.id);
    expect(ent.map((x) => x.kind)).toEqual(['hazardAssigned', 'recheckFailed']);
    expect((await notificationsOf('supervisor', h.id)).map((x) => x.kind)).toEqual([
      'recheckRequested',
      'recheckRequested',
    ]);
    expect(ent[1]!.body).toContain('通风机仍未修复');

    // Extension requested (to the committee) and decided (to the enterprise).
    expect(
      (await ent1.post(`/api/hazards/${h.id}/extension`, { requestedDeadline: '2026-12-20', reason: '设备返厂维修' }))
        .statusCode,
    ).toBe(200);
    await db.transaction((tx) => notifyHazardEvent(tx, entCtx, h, 'extensionRequested'));
    expect(await db.transaction((tx) => notifyHazardEvent(tx, entCtx, h, 'extensionRequested'))).toBe(0);
    const asked = (await notificationsOf('supervisor', h.id)).filter((x) => x.kind === 'extensionRequested');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toContain('由2026年12月5日延至2026年12月20日');
    expect(
      (await sup.post(`/api/hazards/${h.id}/extension/decision`, { approve: false, reason: '风险较大，须按期整改' }))
        .statusCode,
    ).toBe(200);
    await db.transaction((tx) => notifyHazardEvent(tx, supCtx, h, 'extensionRefused'));
    const decisions = (await notificationsOf('enterprise1', h.id)).filter((x) => x.kind === 'extensionDecided');
    expect(decisions).toHaveLength(1);
    const decided = decisions[0];
    expect(decided!.title).toContain('未同意');
    expect(decided!.body).toContain('风险较大，须按期整改');
    expect(decided!.body).toContain('2026年12月5日');

    // Unknown actions and 即查即改 hazards raise nothing.
    expect(await db.transaction((tx) => notifyHazardEvent(tx, supCtx, h, 'stoppage'))).toBe(0);
    expect(await db.transaction((tx) => notifyHazardEvent(tx, supCtx, { ...h, status: 'closed' }, 'create'))).toBe(0);
  });
});

describe('inbox API', () => {
  it('lists my notifications unread first, counts, marks read, marks all read, and only mine', async () => {
    at('2026-11-23T02:00:00Z');
    await relogin();
    const inbox = (await ent1.get('/api/notifications?pageSize=100')).json() as Inbox;
    expect(inbox.total).toBeGreaterThanOrEqual(4);
    expect(inbox.unread).toBe(inbox.total);
    const count = async (c: Client) =>
      ((await c.get('/api/notifications/unread-count')).json() as { count: number }).count;
    expect(await count(ent1)).toBe(inbox.total);

    const first = inbox.items[inbox.items.length - 1]!;
    const read = await ent1.post(`/api/notifications/${first.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: first.id, read: true });
    expect(await count(ent1)).toBe(inbox.total - 1);
    const after = (await ent1.get('/api/notifications?pageSize=100')).json() as Inbox;
    expect(after.items[after.items.length - 1]!.id).toBe(first.id); // read ones sink to the end
    expect(after.items.slice(0, -1).every((i) => !i.read)).toBe(true);
    const unreadOnly = (await ent1.get('/api/notifications?unreadOnly=true&pageSize=100')).json() as Inbox;
    expect(unreadOnly.items.map((i) => i.id)).not.toContain(first.id);
    const dueOnly = (await ent1.get('/api/notifications?kind=hazardDueSoon&pageSize=100')).json() as Inbox;
    expect(dueOnly.items.every((i) => i.kind === 'hazardDueSoon')).toBe(true);

    // Someone else's notification is not found; the supervisor's inbox does not hold the enterprise's.
    const ent2 = await signedIn(env.app, 'enterprise2');
    expect((await ent2.post(`/api/notifications/${first.id}/read`)).statusCode).toBe(404);
    const supInbox = (await sup.get('/api/notifications?pageSize=100')).json() as Inbox;
    expect(supInbox.items.map((i) => i.id)).not.toContain(first.id);

    const all = await ent1.post('/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: inbox.total - 1 });
    expect(await count(ent1)).toBe(0);
    expect((await ent1.post('/api/notifications/read-all')).json()).toEqual({ updated: 0 });
    expect((await ent1.get('/api/notifications?page=1&pageSize=2')).json()).toMatchObject({ pageSize: 2, unread: 0 });
  });
});

describe('scheduler', () => {
  it('is on by default, off with SCHEDULER=off and in the test suite unless asked for', () => {
    expect(schedulerEnabled({})).toBe(true);
    expect(schedulerEnabled({ SCHEDULER: 'off' })).toBe(false);
    expect(schedulerEnabled({ NODE_ENV: 'test' })).toBe(false);
    expect(schedulerEnabled({ NODE_ENV: 'test', SCHEDULER: 'on' })).toBe(true);
    expect(schedulerEnabled({ NODE_ENV: 'production', SCHEDULER: 'off' })).toBe(false);
    expect(sweepIntervalMs({})).toBe(600_000);
    expect(sweepIntervalMs({ SCHEDULER_SWEEP_SECONDS: '4' })).toBe(4000);
    expect(sweepIntervalMs({ SCHEDULER_SWEEP_SECONDS: '0' })).toBe(1000);
    expect(sweepIntervalMs({ SCHEDULER_SWEEP_SECONDS: 'soon' })).toBe(600_000);
  });

  it('claims each period (counted from the epoch) once, whenever in the period the claim comes', async () => {
    const db = env.database.db;
    const claim = (iso: string) => claimRun(db, 'period-task', new Date(iso), 60_000);
    expect(await claim('2027-01-10T00:00:59Z')).toBe(true);
    expect(await claim('2027-01-10T00:00:59.900Z')).toBe(false); // same period
    expect(await claim('2027-01-10T00:01:00Z')).toBe(true); // next period, a second later
    expect(await claim('2027-01-10T00:01:58Z')).toBe(false);
    expect(await claim('2027-01-10T00:03:30Z')).toBe(true);
  });

  it('lets one process per interval claim the sweep, runs on a timer and stops cleanly', async () => {
    const db = env.database.db;
    at('2027-01-10T00:00:00Z');
    const a = new NotificationScheduler(db, { intervalMs: 60_000 });
    const b = new NotificationScheduler(db, { intervalMs: 60_000 });
    expect(await a.runOnce()).not.toBeNull();
    expect(await b.runOnce()).toBeNull(); // claimed by a for this interval
    clock.advance(61_000);
    expect(await b.runOnce()).not.toBeNull();
    const [run] = await rows<{ last_result: unknown }>(
      db,
      sql`select last_result from scheduler_runs where name = ${SWEEP_TASK}`,
    );
    expect(run!.last_result).toMatchObject({ dueSoon: expect.any(Number), overdue: expect.any(Number) });
    expect(await claimRun(db, 'other-task', new Date(), 60_000)).toBe(true);

    clock.advance(61_000);
    const timed = new NotificationScheduler(db, { intervalMs: 60_000, firstRunMs: 0 });
    timed.start();
    expect(timed.started).toBe(true);
    const before = Date.now();
    for (;;) {
      const [r] = await rows<{ last_finished_at: string | Date | null; last_started_at: string | Date }>(
        db,
        sql`select last_started_at, last_finished_at from scheduler_runs where name = ${SWEEP_TASK}`,
      );
      if (r?.last_finished_at && new Date(r.last_finished_at) >= new Date(r.last_started_at)) {
        if (new Date(r.last_started_at).getTime() >= new Date('2027-01-10T00:02:00Z').getTime()) break;
      }
      if (Date.now() - before > 20_000) throw new Error('the scheduler did not run');
      await new Promise((r) => setTimeout(r, 50));
    }
    await timed.stop();
    expect(timed.started).toBe(false);
    at('2026-11-23T02:00:00Z');
  });
});
