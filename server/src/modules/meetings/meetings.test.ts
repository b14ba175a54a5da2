// Meetings and their decisions as tasks: a meeting records its attendees and turns each decision into a task of its
// owner unit; bad input (a task due before its meeting, an attendee from another park) is refused naming the field
// with nothing saved; overdue is derived from the due date; an enterprise and a member unit see only their own
// tasks and follow them up; the figures count meetings by kind and tasks done / overdue.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView, TaskView } from '../../../../shared/src/activities';
import { clock } from '../../platform/clock';
import { rows } from '../../platform/db';
import { type Client, createTestEnv, signedIn, type TestEnv } from '../../testing/harness';

let env: TestEnv;
let sup: Client;
let ent1: Client;
let ent2: Client;
let dept: Client;
let ids: { ent1: string; ent2: string; dept: string; village: string; foreignEnterprise: string };
type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
type TaskPage = { items: TaskView[]; total: number; counts: Record<string, number> };

const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(env.database.db, q))[0]!;

beforeAll(async () => {
  clock.set(new Date('2026-11-23T02:00:00Z'));
  env = await createTestEnv();
  sup = await signedIn(env.app, 'supervisor');
  ent1 = await signedIn(env.app, 'enterprise1');
  ent2 = await signedIn(env.app, 'enterprise2');
  dept = await signedIn(env.app, 'department');
  const org = async (c: Client) =>
    ((await c.get('/api/auth/session')).json() as { me: { organisationId: string } }).me.organisationId;
  // An enterprise of another park: an organisation the demo park's supervisor must not name as an attendee.
  const park = await one<{ id: string }>(sql`insert into parks (code, name) values ('OTHER', '外园区') returning id`);
  const foreign = await one<{ id: string }>(
    sql`insert into organisations (park_id, kind, name) values (${park.id}, 'enterprise', '外园区某化工有限公司') returning id`,
  );
  ids = {
    ent1: await org(ent1),
    ent2: await org(ent2),
    dept: await org(dept),
    village: (await one<{ id: string }>(sql`select id from organisations where kind = 'village' order by name limit 1`))
      .id,
    foreignEnterprise: foreign.id,
  };
});
afterAll(async () => {
  clock.reset();
  await env?.close();
});

const meeting = () => ({
  kind: 'committeeEnlarged',
  heldOn: '2026-11-10',
  topic: '安委会扩大会议：部署冬季安全生产检查',
  place: '管委会三楼会议室',
  attendeeOrganisationIds: [ids.dept, ids.village, ids.ent1],
  attendeeNames: ['分管领导', '安监办主任'],
  decisions: [
    { decision: '开展冬季用电用气安全检查', ownerOrganisationId: ids.ent1, dueOn: '2026-11-20' },
    { decision: '排查辖区出租房屋消防隐患', ownerOrganisationId: ids.dept, dueOn: '2026-12-31' },
  ],
});

const count = async (table: string) =>
  Number((await one<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`)).n);

describe('recording a meeting', () => {
  let m: MeetingView;

  it('turns each decision into a task of its owner, with overdue derived from the due date', async () => {
    const res = await sup.post('/api/meetings', meeting());
    expect(res.statusCode, res.body).toBe(200);
    m = res.json() as MeetingView;
    expect(m.attendeeOrganisations.map((o) => o.id)).toEqual([ids.dept, ids.village, ids.ent1]);
    expect(m.tasks.map((t) => [t.decision, t.state])).toEqual([
      ['开展冬季用电用气安全检查', 'notStarted'],
      ['排查辖区出租房屋消防隐患', 'notStarted'],
    ]);
    // Today is 2026-11-23: the first is past its due date and not done.
    expect(m.tasks.map((t) => t.overdue)).toEqual([true, false]);
    expect(m.taskCounts).toEqual({ total: 2, done: 0, overdue: 1 });
    // Overdue is never stored.
    const states = await rows<{ state: string }>(
      env.database.db,
      sql`select state from meeting_tasks where meeting_id = ${m.id}`,
    );
    expect(states.every((s) => s.state === 'notStarted')).toBe(true);
    const audit = await one<{ action: string }>(sql`select action from audit_log where entity_id = ${m.id}`);
    expect(audit.action).toBe('meeting.create');
  });

  it('refuses a task due before its meeting and an attendee of another park, naming the field, saving nothing', async () => {
    const before = [await count('meetings'), await count('meeting_tasks')];
    const early = meeting();
    early.decisions[1]!.dueOn = '2026-11-01';
    const r1 = await sup.post('/api/meetings', early);
    expect(r1.statusCode).toBe(422);
    expect((r1.json() as Err).error.code).toBe('TASK_DUE_BEFORE_MEETING');
    expect((r1.json() as Err).error.fields?.['decisions.1.dueOn']).toBe(
      '第 2 项决定事项的完成期限（2026-11-01）不能早于会议日期（2026-11-10）',
    );
    const foreign = { ...meeting(), attendeeOrganisationIds: [ids.dept, ids.foreignEnterprise] };
    const r2 = await sup.post('/api/meetings', foreign);
    expect(r2.statusCode).toBe(422);
    expect((r2.json() as Err).error.fields?.attendeeOrganisationIds).toContain('参会单位中的第 2 项');
    const foreignOwner = meeting();
    foreignOwner.decisions[0]!.ownerOrganisationId = ids.foreignEnterprise;
    const r3 = await sup.post('/api/meetings', foreignOwner);
    expect(r3.statusCode).toBe(422);
    expect((r3.json() as Err).error.fields?.['decisions.0.ownerOrganisationId']).toContain('责任单位');
    const r4 = await sup.post('/api/meetings', { ...meeting(), kind: 'party' });
    expect(r4.statusCode).toBe(400);
    expect((r4.json() as Err).error.fields).toHaveProperty('kind');
    expect([await count('meetings'), await count('meeting_tasks')]).toEqual(before);
    // A later meeting date that would put a task before it is refused too.
    const moved = await sup.request('PUT', `/api/meetings/${m.id}`, { ...meeting(), heldOn: '2026-11-21' });
    expect(moved.statusCode).toBe(422);
    expect((moved.json() as Err).error.fields).toHaveProperty('heldOn');
  });

  it('shows an enterprise only its own tasks, never the meetings, and lets it follow them up to done', async () => {
    expect((await ent1.get('/api/meetings')).statusCode).toBe(403);
    expect((await ent1.get(`/api/meetings/${m.id}`)).statusCode).toBe(403);
    const mine = (await ent1.get('/api/meetings/tasks')).json() as TaskPage;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((t) => t.ownerOrganisationId === ids.ent1)).toBe(true);
    const task = m.tasks[0]!;
    const theirs = (await ent2.get('/api/meetings/tasks')).json() as TaskPage;
    expect(theirs.items.some((t) => t.id === task.id)).toBe(false);
    expect((await ent2.get(`/api/meetings/tasks/${task.id}`)).statusCode).toBe(404);
    const meddle = await ent2.post(`/api/meetings/tasks/${task.id}/progress`, { state: 'done', note: '越权完成' });
    expect(meddle.statusCode).toBe(404);
    // The department's unit reads the meeting it attended, and only its own tasks in it.
    const seen = (await dept.get(`/api/meetings/${m.id}`)).json() as MeetingView;
    expect(seen.tasks.map((t) => t.ownerOrganisationId)).toEqual([ids.dept]);

    const overdue = (await ent1.get('/api/meetings/tasks?state=overdue')).json() as TaskPage;
    expect(overdue.items.map((t) => t.id)).toContain(task.id);
    expect(overdue.items.every((t) => t.overdue)).toBe(true);

    const future = await ent1.post(`/api/meetings/tasks/${task.id}/progress`, {
      state: 'inProgress',
      note: '已排查两处',
      notedOn: '2026-11-30',
    });
    expect(future.statusCode).toBe(422);
    expect((future.json() as Err).error.fields).toHaveProperty('notedOn');
    const going = await ent1.post(`/api/meetings/tasks/${task.id}/progress`, {
      state: 'inProgress',
      note: '已排查两处',
    });
    expect(going.statusCode, going.body).toBe(200);
    expect(going.json()).toMatchObject({ state: 'inProgress', overdue: true });
    const done = await ent1.post(`/api/meetings/tasks/${task.id}/progress`, { state: 'done', note: '全部整改完毕' });
    expect(done.json()).toMatchObject({ state: 'done', overdue: false, doneOn: '2026-11-23' });
    expect((done.json() as TaskView).notes.map((n) => n.state)).toEqual(['inProgress', 'done']);
    const again = await ent1.post(`/api/meetings/tasks/${task.id}/progress`, { state: 'inProgress', note: '再次打开' });
    expect(again.statusCode).toBe(409);
    expect((again.json() as Err).error.code).toBe('TASK_DONE');
    const file = await ent1.get('/api/meetings/tasks/export');
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
  });

  it('adds a further decision to a recorded meeting and keeps its due date after the meeting', async () => {
    const early = await sup.post(`/api/meetings/${m.id}/tasks`, {
      decision: '补充：检查燃气报警装置',
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-11-09',
    });
    expect(early.statusCode).toBe(422);
    expect((early.json() as Err).error.fields?.dueOn).toContain('不能早于会议日期');
    const ok = await sup.post(`/api/meetings/${m.id}/tasks`, {
      decision: '补充：检查燃气报警装置',
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-12-15',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const theirs = (await ent2.get('/api/meetings/tasks')).json() as TaskPage;
    expect(theirs.items.map((t) => t.id)).toContain((ok.json() as TaskView).id);
  });

  it('counts meetings by kind and tasks done / overdue in the figures, for the committee only', async () => {
    const f = (await sup.get('/api/activities/figures?from=2023-01-01&to=2023-06-30')).json() as {
      meetingsByKind: { kind: string; meetings: number }[];
      tasks: { total: number; done: number; overdue: number; open: number };
    };
    // The demo's first half of 2023: two 安委会扩大会议 and a 中心组学习.
    expect(Object.fromEntries(f.meetingsByKind.map((k) => [k.kind, k.meetings]))).toEqual({
      committeeEnlarged: 2,
      centralGroupStudy: 1,
    });
    expect(f.tasks.total).toBe(f.tasks.done + f.tasks.open);
    expect(f.tasks.overdue).toBe(f.tasks.open);
    expect(f.tasks.overdue).toBeGreaterThan(0);
    const now = (await sup.get('/api/activities/figures?from=2026-11-01&to=2026-11-30')).json() as typeof f;
    expect(now.tasks).toEqual({ total: 3, done: 1, overdue: 0, open: 2 });
    expect((await ent1.get('/api/activities/figures?from=2023-01-01&to=2023-12-31')).statusCode).toBe(403);
  });
});

describe('editing and reassigning a task', () => {
  it('edits content and due date, reassigns to another unit (audited before/after) and moves it between 我的任务', async () => {
    const m = (await sup.post('/api/meetings', meeting())).json() as MeetingView;
    const task = m.tasks.find((t) => t.ownerOrganisationId === ids.ent1)!;
    const mine = async (c: Client) =>
      ((await c.get('/api/meetings/tasks?pageSize=100')).json() as TaskPage).items.map((t) => t.id);
    expect(await mine(ent1)).toContain(task.id);
    expect(await mine(ent2)).not.toContain(task.id);

    const edited = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: '开展冬季用电用气及取暖设备安全检查',
      ownerOrganisationId: ids.ent1,
      dueOn: '2026-12-15',
      rowVersion: task.rowVersion,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const e = edited.json() as TaskView;
    expect(e).toMatchObject({ decision: '开展冬季用电用气及取暖设备安全检查', dueOn: '2026-12-15', overdue: false });

    // A stale version, an owner of another park and a due date before the meeting are refused, naming the field.
    const stale = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: '开展冬季用电用气安全检查',
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-12-15',
      rowVersion: task.rowVersion,
    });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as Err).error.code).toBe('TASK_STALE');
    const foreign = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: e.decision,
      ownerOrganisationId: ids.foreignEnterprise,
      dueOn: '2026-12-15',
    });
    expect(foreign.statusCode).toBe(422);
    expect((foreign.json() as Err).error.fields?.ownerOrganisationId).toMatch(/责任单位不存在/);
    const early = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: e.decision,
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-11-01',
    });
    expect(early.statusCode).toBe(422);
    expect((early.json() as Err).error.fields?.dueOn).toMatch(/不能早于会议日期/);
    const empty = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: '',
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-12-15',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/决定事项/);
    // Only the committee edits: the owner itself and a member unit are refused.
    expect(
      (
        await ent1.patch(`/api/meetings/tasks/${task.id}`, {
          decision: e.decision,
          ownerOrganisationId: ids.ent2,
          dueOn: '2026-12-15',
        })
      ).statusCode,
    ).toBe(403);
    expect((await mine(ent2)).includes(task.id)).toBe(false);

    const moved = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: e.decision,
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-12-15',
      rowVersion: e.rowVersion,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as TaskView).ownerOrganisationId).toBe(ids.ent2);
    expect(await mine(ent2)).toContain(task.id);
    expect(await mine(ent1)).not.toContain(task.id);
    expect((await ent1.get(`/api/meetings/tasks/${task.id}`)).statusCode).toBe(404);

    const audit = await one<{ n: number; before: Record<string, unknown>; after: Record<string, unknown> }>(
      sql`select count(*) over ()::int as n, before, after from audit_log
           where entity_id = ${task.id} and action = 'meetingTask.reassign'`,
    );
    expect(audit.n).toBe(1);
    expect(audit.before).toMatchObject({ ownerOrganisationId: ids.ent1, dueOn: '2026-12-15' });
    expect(audit.after).toMatchObject({ ownerOrganisationId: ids.ent2 });
    const updates = await one<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity_id = ${task.id} and action = 'meetingTask.update'`,
    );
    expect(updates.n).toBe(1);

    // Done: it keeps its owner and due date (409, in Chinese), though its wording may still be corrected.
    const done = await ent2.post(`/api/meetings/tasks/${task.id}/progress`, { state: 'done', note: '已完成全部检查' });
    expect(done.statusCode, done.body).toBe(200);
    const d = done.json() as TaskView;
    const reassign = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: d.decision,
      ownerOrganisationId: ids.ent1,
      dueOn: d.dueOn,
    });
    expect(reassign.statusCode).toBe(409);
    expect(reassign.json()).toMatchObject({
      error: { code: 'TASK_DONE', message: '任务已完成，不能改派责任单位' },
    });
    const redate = await sup.patch(`/api/meetings/tasks/${task.id}`, {
      decision: d.decision,
      ownerOrganisationId: ids.ent2,
      dueOn: '2026-12-31',
    });
    expect(redate.statusCode).toBe(409);
    expect((await ent2.get(`/api/meetings/tasks/${task.id}`)).json()).toMatchObject({ dueOn: '2026-12-15' });
  });
});
