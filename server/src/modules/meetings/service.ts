// Meetings and study (会议与学习): the committee records 安委会扩大会议, 中心组学习 and 专题会议 with their attendees
// (organisations of the park and people by name), minutes and decisions; each decision becomes a task of its owner
// unit (a member unit, village, the committee or an enterprise), due no earlier than the meeting, followed up with
// progress notes until done. Overdue is derived from the due date where it is read, never stored.
//
// Scope: the committee and its leaders read every meeting and task of the park; a member unit the meetings it
// attended or owns a task of, and its own tasks; an enterprise only the tasks it owns (never the meetings).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type DecisionInput,
  isTaskOverdue,
  type MeetingCreate,
  type MeetingFilters,
  type MeetingKind,
  type MeetingListQuery,
  type MeetingUpdate,
  type MeetingView,
  type TaskFilters,
  type TaskListQuery,
  type TaskProgress,
  type TaskState,
  type TaskUpdate,
  type TaskView,
} from '../../../../shared/src/activities';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan, can } from '../../platform/permissions';
import { seesWholePark } from '../../platform/scope';
import { assertFilesUsable, filesOf } from '../files/service';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
const today = () => shanghaiToday(now());
/** Who may be an attendee or own a task: the park's organisations other than service providers. */
const UNIT_KINDS = ['committee', 'department', 'village', 'enterprise'];

/** Meetings (alias m) the actor may read. */
function meetingScope(actor: Actor): SQL {
  const park = sql`m.park_id = ${actor.parkId}`;
  if (seesWholePark(actor)) return park;
  if (actor.role === 'department') {
    return sql`${park} and (m.attendee_organisation_ids @> array[${actor.organisationId}::uuid]
               or exists (select 1 from meeting_tasks x where x.park_id = m.park_id and x.meeting_id = m.id
                             and x.owner_organisation_id = ${actor.organisationId}))`;
  }
  return sql`false`;
}

/** Tasks (alias t) the actor may read: the park's for the committee, its own for an owner unit or enterprise. */
function taskScope(actor: Actor): SQL {
  const park = sql`t.park_id = ${actor.parkId}`;
  if (seesWholePark(actor)) return park;
  if (actor.role === 'department' || actor.role === 'enterprise') {
    return sql`${park} and t.owner_organisation_id = ${actor.organisationId}`;
  }
  return sql`false`;
}

async function taskViews(db: Db, actor: Actor, items: repo.TaskRow[]): Promise<TaskView[]> {
  const notes = await repo.notesOf(
    db,
    actor.parkId,
    items.map((t) => t.id),
  );
  const day = today();
  return items.map((t) => ({
    id: t.id,
    meetingId: t.meeting_id,
    meetingKind: t.meeting_kind as MeetingKind,
    meetingTopic: t.meeting_topic,
    meetingHeldOn: t.meeting_held_on,
    decision: t.decision,
    ownerOrganisationId: t.owner_organisation_id,
    ownerName: t.owner_name,
    dueOn: t.due_on,
    state: t.state as TaskState,
    overdue: isTaskOverdue({ state: t.state as TaskState, dueOn: t.due_on }, day),
    doneOn: t.done_on,
    notes: notes
      .filter((n) => n.task_id === t.id)
      .map((n) => ({
        notedOn: n.noted_on,
        state: n.state as TaskState,
        note: n.note,
        byName: n.by_name,
        recordedAt: iso(n.recorded_at),
      })),
    rowVersion: Number(t.row_version),
  }));
}

async function meetingViews(db: Db, actor: Actor, items: repo.MeetingRow[]): Promise<MeetingView[]> {
  const tasks = await taskViews(
    db,
    actor,
    await repo.tasksOfMeetings(
      db,
      taskScope(actor),
      items.map((m) => m.id),
    ),
  );
  const orgs = new Map(
    (
      await repo.organisationsByIds(db, actor.parkId, [...new Set(items.flatMap((m) => m.attendee_organisation_ids))])
    ).map((o) => [o.id, o] as const),
  );
  const files = new Map(
    (
      await filesOf(
        db,
        items.flatMap((m) => m.minutes_file_id ?? []),
        actor,
      )
    ).map((f) => [f.id, f] as const),
  );
  return items.map((m) => {
    const own = tasks.filter((t) => t.meetingId === m.id);
    return {
      id: m.id,
      kind: m.kind as MeetingKind,
      heldOn: m.held_on,
      topic: m.topic,
      place: m.place,
      host: m.host,
      attendeeOrganisations: m.attendee_organisation_ids.flatMap((id) => {
        const o = orgs.get(id);
        return o ? [{ id, name: o.name, kind: o.kind }] : [];
      }),
      attendeeNames: m.attendee_names,
      minutes: m.minutes_file_id ? (files.get(m.minutes_file_id) ?? null) : null,
      summary: m.summary,
      tasks: own,
      taskCounts: {
        total: own.length,
        done: own.filter((t) => t.state === 'done').length,
        overdue: own.filter((t) => t.overdue).length,
      },
      recordedByName: m.recorded_by_name,
      recordedAt: iso(m.recorded_at),
      rowVersion: Number(m.row_version),
    };
  });
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof MeetingListQuery>) {
  assertCan(actor, 'meetings.read');
  const r = await repo.listMeetings(db, meetingScope(actor), q);
  return { items: await meetingViews(db, actor, r.items), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof MeetingFilters>) {
  assertCan(actor, 'meetings.read');
  return meetingViews(db, actor, await repo.allMeetings(db, meetingScope(actor), q));
}

async function loadMeeting(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.getMeeting(db, meetingScope(actor), id, forUpdate);
  if (!r) throw notFound('会议');
  return r;
}

export async function get(db: Db, actor: Actor, id: string): Promise<MeetingView> {
  assertCan(actor, 'meetings.read');
  return (await meetingViews(db, actor, [await loadMeeting(db, actor, id)]))[0]!;
}

/** Every attendee is an organisation of the actor's park (an enterprise of another park is refused, named). */
async function assertAttendees(tx: Db, actor: Actor, ids: readonly string[]) {
  const found = new Map((await repo.organisationsByIds(tx, actor.parkId, ids)).map((o) => [o.id, o] as const));
  ids.forEach((id, i) => {
    const o = found.get(id);
    if (!o || o.disabled || !UNIT_KINDS.includes(o.kind)) {
      const message = `参会单位中的第 ${i + 1} 项不存在、已停用或不是本园区的单位（企业）`;
      throw unprocessable('REFERENCE_INVALID', message, { attendeeOrganisationIds: message });
    }
  });
}

/** Each decision's owner is a unit of the park and its due date is not before the meeting. */
async function assertDecisions(tx: Db, actor: Actor, heldOn: string, decisions: DecisionInput[], field = 'decisions') {
  const owners = new Map(
    (
      await repo.organisationsByIds(
        tx,
        actor.parkId,
        decisions.map((d) => d.ownerOrganisationId),
      )
    ).map((o) => [o.id, o] as const),
  );
  decisions.forEach((d, i) => {
    const which = decisions.length > 1 || field === 'decisions' ? `第 ${i + 1} 项决定事项的` : '';
    const prefix = field === 'decisions' ? `decisions.${i}.` : '';
    const o = owners.get(d.ownerOrganisationId);
    if (!o || o.disabled || !UNIT_KINDS.includes(o.kind)) {
      const message = `${which}责任单位不存在、已停用或不是本园区的单位（企业）`;
      throw unprocessable('REFERENCE_INVALID', message, { [`${prefix}ownerOrganisationId`]: message });
    }
    if (d.dueOn < heldOn) {
      const message = `${which}完成期限（${d.dueOn}）不能早于会议日期（${heldOn}）`;
      throw unprocessable('TASK_DUE_BEFORE_MEETING', message, { [`${prefix}dueOn`]: message });
    }
  });
}

function meetingValues(input: MeetingUpdate | MeetingCreate): repo.MeetingValues {
  return {
    kind: input.kind,
    heldOn: input.heldOn,
    topic: input.topic,
    place: input.place ?? null,
    host: input.host ?? null,
    attendeeOrganisationIds: [...new Set(input.attendeeOrganisationIds)],
    attendeeNames: [...new Set(input.attendeeNames)],
    minutesFileId: input.minutesFileId ?? null,
    summary: input.summary ?? null,
  };
}

export async function create(db: Db, ctx: RequestContext, input: MeetingCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'meetings.manage');
  const id = await db.transaction(async (tx) => {
    const v = meetingValues(input);
    await assertAttendees(tx, actor, v.attendeeOrganisationIds);
    await assertDecisions(tx, actor, v.heldOn, input.decisions);
    if (v.minutesFileId) await assertFilesUsable(tx, actor, null, [v.minutesFileId], undefined, 'minutesFileId');
    const at = now();
    const id = await repo.insertMeeting(tx, actor.parkId, v, { userId: actor.userId, name: actor.displayName }, at);
    for (const d of input.decisions) await repo.insertTask(tx, actor.parkId, id, d, at);
    const [after] = await meetingViews(tx, actor, [await loadMeeting(tx, actor, id)]);
    await appendAudit(tx, ctx, { action: 'meeting.create', entityType: 'meeting', entityId: id, after });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: MeetingUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'meetings.manage');
  await db.transaction(async (tx) => {
    const row = await loadMeeting(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('MEETING_STALE', '会议记录已被他人修改，请刷新后重试');
    }
    const v = meetingValues(input);
    await assertAttendees(tx, actor, v.attendeeOrganisationIds);
    const earliest = await repo.minDueOn(tx, actor.parkId, id);
    if (earliest && earliest < v.heldOn) {
      const message = `会议日期（${v.heldOn}）不能晚于其决定事项的最早完成期限（${earliest}）`;
      throw unprocessable('TASK_DUE_BEFORE_MEETING', message, { heldOn: message });
    }
    if (v.minutesFileId) await assertFilesUsable(tx, actor, null, [v.minutesFileId], undefined, 'minutesFileId');
    const [before] = await meetingViews(tx, actor, [row]);
    await repo.updateMeeting(tx, actor.parkId, id, v, now());
    const [after] = await meetingViews(tx, actor, [await loadMeeting(tx, actor, id)]);
    await appendAudit(tx, ctx, { action: 'meeting.update', entityType: 'meeting', entityId: id, before, after });
  });
  return get(db, actor, id);
}

/** A further decision of a recorded meeting. */
export async function addTask(db: Db, ctx: RequestContext, meetingId: string, input: DecisionInput) {
  const actor = ctx.actor!;
  assertCan(actor, 'meetings.manage');
  const taskId = await db.transaction(async (tx) => {
    const m = await loadMeeting(tx, actor, meetingId, true);
    await assertDecisions(tx, actor, m.held_on, [input], 'task');
    const taskId = await repo.insertTask(tx, actor.parkId, meetingId, input, now());
    const [after] = await taskViews(tx, actor, [(await repo.getTask(tx, taskScope(actor), taskId))!]);
    await appendAudit(tx, ctx, {
      action: 'meetingTask.create',
      entityType: 'meetingTask',
      entityId: taskId,
      enterpriseId: await enterpriseOf(tx, actor, input.ownerOrganisationId),
      after,
    });
    return taskId;
  });
  return getTask(db, actor, taskId);
}

/**
 * 修改 / 改派 (the committee): a task's content, due date (not before its meeting) and owner unit (a unit of the
 * park). A done task is neither reassigned nor given another due date (409 TASK_DONE). The audit record keeps the
 * task before and after; a reassigned task leaves the old owner's 我的任务 and appears on the new owner's.
 */
export async function updateTask(db: Db, ctx: RequestContext, id: string, input: TaskUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'meetings.manage');
  await db.transaction(async (tx) => {
    const t = await repo.getTask(tx, taskScope(actor), id, true);
    if (!t) throw notFound('任务');
    if (input.rowVersion !== undefined && input.rowVersion !== Number(t.row_version)) {
      throw conflict('TASK_STALE', '任务已被他人更新，请刷新后重试');
    }
    if (t.state === 'done') {
      if (input.ownerOrganisationId !== t.owner_organisation_id) {
        const message = '任务已完成，不能改派责任单位';
        throw conflict('TASK_DONE', message, { ownerOrganisationId: message });
      }
      if (input.dueOn !== t.due_on) {
        const message = '任务已完成，不能修改完成期限';
        throw conflict('TASK_DONE', message, { dueOn: message });
      }
    }
    await assertDecisions(tx, actor, t.meeting_held_on, [input], 'task');
    const [before] = await taskViews(tx, actor, [t]);
    await repo.updateTask(tx, actor.parkId, id, input, now());
    const [after] = await taskViews(tx, actor, [(await repo.getTask(tx, taskScope(actor), id))!]);
    const reassigned = input.ownerOrganisationId !== t.owner_organisation_id;
    const brief = (v: TaskView) => ({
      decision: v.decision,
      dueOn: v.dueOn,
      ownerOrganisationId: v.ownerOrganisationId,
      ownerName: v.ownerName,
      state: v.state,
    });
    const record = {
      entityType: 'meetingTask',
      entityId: id,
      enterpriseId:
        (await enterpriseOf(tx, actor, input.ownerOrganisationId)) ??
        (await enterpriseOf(tx, actor, t.owner_organisation_id)),
      before: brief(before!),
      after: brief(after!),
    };
    await appendAudit(
      tx,
      ctx,
      reassigned ? { action: 'meetingTask.reassign', ...record } : { action: 'meetingTask.update', ...record },
    );
  });
  return getTask(db, actor, id);
}

/** The owner's id when it is an enterprise (so the enterprise's history shows the task), else null. */
async function enterpriseOf(tx: Db, actor: Actor, organisationId: string): Promise<string | null> {
  const [o] = await repo.organisationsByIds(tx, actor.parkId, [organisationId]);
  return o?.kind === 'enterprise' ? o.id : null;
}

export async function listTasks(db: Db, actor: Actor, q: z.infer<typeof TaskListQuery>) {
  assertCan(actor, 'meetingTasks.read');
  const r = await repo.listTasks(db, taskScope(actor), q, today());
  return {
    items: await taskViews(db, actor, r.items),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
    counts: r.counts,
  };
}

export async function allTasks(db: Db, actor: Actor, q: z.infer<typeof TaskFilters>) {
  assertCan(actor, 'meetingTasks.read');
  return taskViews(db, actor, await repo.allTasks(db, taskScope(actor), q, today()));
}

export async function getTask(db: Db, actor: Actor, id: string): Promise<TaskView> {
  assertCan(actor, 'meetingTasks.read');
  const r = await repo.getTask(db, taskScope(actor), id);
  if (!r) throw notFound('任务');
  return (await taskViews(db, actor, [r]))[0]!;
}

/**
 * A progress note by the owner (or the committee): the state it leaves the task in, dated no later than today and
 * not before the meeting. A finished task takes no more notes.
 */
export async function progress(db: Db, ctx: RequestContext, id: string, input: TaskProgress) {
  const actor = ctx.actor!;
  assertCan(actor, 'meetingTasks.progress');
  await db.transaction(async (tx) => {
    const t = await repo.getTask(tx, taskScope(actor), id, true);
    if (!t) throw notFound('任务');
    if (!can(actor, 'meetings.manage') && t.owner_organisation_id !== actor.organisationId) throw notFound('任务');
    if (input.rowVersion !== undefined && input.rowVersion !== Number(t.row_version)) {
      throw conflict('TASK_STALE', '任务已被他人更新，请刷新后重试');
    }
    if (t.state === 'done') throw conflict('TASK_DONE', '任务已完成，不能再登记进展');
    const day = today();
    const notedOn = input.notedOn ?? day;
    if (notedOn > day) {
      throw unprocessable('TASK_NOTE_IN_FUTURE', '进展日期不能晚于今天', { notedOn: '进展日期不能晚于今天' });
    }
    if (notedOn < t.meeting_held_on) {
      const message = `进展日期不能早于会议日期（${t.meeting_held_on}）`;
      throw unprocessable('TASK_NOTE_BEFORE_MEETING', message, { notedOn: message });
    }
    const [before] = await taskViews(tx, actor, [t]);
    const at = now();
    await repo.insertNote(
      tx,
      actor.parkId,
      id,
      { ...input, notedOn },
      { userId: actor.userId, name: actor.displayName },
      at,
    );
    await repo.setTaskState(tx, actor.parkId, id, input.state, input.state === 'done' ? notedOn : null, at);
    const [after] = await taskViews(tx, actor, [(await repo.getTask(tx, taskScope(actor), id))!]);
    await appendAudit(tx, ctx, {
      action: 'meetingTask.progress',
      entityType: 'meetingTask',
      entityId: id,
      enterpriseId: await enterpriseOf(tx, actor, t.owner_organisation_id),
      before: { state: before!.state, doneOn: before!.doneOn },
      after: { state: after!.state, doneOn: after!.doneOn, note: input.note, notedOn },
    });
  });
  return getTask(db, actor, id);
}

/** Figures of a period: meetings held by kind, and the tasks they decided (done, overdue today, open). */
export async function figures(db: Db, parkId: string, from: string, to: string) {
  const [byKind, tasks] = await Promise.all([
    repo.meetingsByKind(db, parkId, from, to),
    repo.taskFigures(db, parkId, from, to, today()),
  ]);
  return { byKind: byKind.map((r) => ({ kind: r.kind as MeetingKind, meetings: r.n })), tasks };
}

/** `ownerIds` null: every owner of the park (an assessment round over the whole park). */
export async function overdueByOwner(
  db: Db,
  parkId: string,
  ownerIds: readonly string[] | null,
  from: string,
  until: string,
) {
  return repo.overdueByOwner(db, parkId, ownerIds, from, until, today());
}

/** The funds ledger's link to a meeting (e.g. a study session's materials). */
export const fundSubject = {
  label: '会议',
  async check(tx: Db, id: string, actor: Actor) {
    const [r] = await repo.meetingTitles(tx, actor.parkId, [id]);
    return r ? `${r.held_on} ${r.topic}` : null;
  },
  async titles(db: Db, actor: Actor, ids: readonly string[]) {
    return new Map((await repo.meetingTitles(db, actor.parkId, ids)).map((r) => [r.id, `${r.held_on} ${r.topic}`]));
  },
  async search(db: Db, actor: Actor, q: string | null) {
    return (await repo.searchMeetings(db, actor.parkId, q)).map((r) => ({
      id: r.id,
      title: `${r.held_on} ${r.topic}`,
    }));
  },
};

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insertMeeting: repo.insertMeeting,
  insertTask: repo.insertTask,
  insertNote: repo.insertNote,
  setTaskState: repo.setTaskState,
};
