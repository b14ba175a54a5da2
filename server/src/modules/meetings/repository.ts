// Queries of meetings, their decisions as tasks, and the tasks' progress notes. No rules here: who sees which
// meetings and tasks is passed in as SQL from scope.ts-style helpers in the service.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MeetingFilters, TaskFilters } from '../../../../shared/src/activities';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export interface MeetingRow {
  id: string;
  kind: string;
  held_on: string;
  topic: string;
  place: string | null;
  host: string | null;
  attendee_organisation_ids: string[];
  attendee_names: string[];
  minutes_file_id: string | null;
  summary: string | null;
  recorded_by_name: string | null;
  recorded_at: string | Date;
  row_version: number;
}

export interface TaskRow {
  id: string;
  meeting_id: string;
  meeting_kind: string;
  meeting_topic: string;
  meeting_held_on: string;
  decision: string;
  owner_organisation_id: string;
  owner_name: string;
  due_on: string;
  state: string;
  done_on: string | null;
  row_version: number;
}

export interface NoteRow {
  task_id: string;
  noted_on: string;
  state: string;
  note: string;
  by_name: string;
  recorded_at: string | Date;
}

const MEETING_COLUMNS = sql`m.id, m.kind, m.held_on::text as held_on, m.topic, m.place, m.host,
  m.attendee_organisation_ids, m.attendee_names, m.minutes_file_id, m.summary, m.recorded_by_name, m.recorded_at,
  m.row_version`;

const TASK_COLUMNS = sql`t.id, t.meeting_id, m.kind as meeting_kind, m.topic as meeting_topic,
  m.held_on::text as meeting_held_on, t.decision, t.owner_organisation_id, o.name as owner_name,
  t.due_on::text as due_on, t.state, t.done_on::text as done_on, t.row_version`;
const TASK_FROM = sql`meeting_tasks t join meetings m on m.park_id = t.park_id and m.id = t.meeting_id
  join organisations o on o.id = t.owner_organisation_id`;

export type MFilters = z.infer<typeof MeetingFilters>;
export type TFilters = z.infer<typeof TaskFilters>;

function meetingWhere(scope: SQL, q: MFilters): SQL {
  const conds: SQL[] = [scope];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(m.topic ilike ${p} or m.place ilike ${p} or m.summary ilike ${p})`);
  }
  if (q.kind) conds.push(sql`m.kind = ${q.kind}`);
  if (q.from) conds.push(sql`m.held_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`m.held_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function listMeetings(
  db: Db,
  scope: SQL,
  q: MFilters & { page: number; pageSize: number; order: string },
) {
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const w = meetingWhere(scope, q);
  const [items, [n]] = await Promise.all([
    rows<MeetingRow>(
      db,
      sql`select ${MEETING_COLUMNS} from meetings m where ${w} order by m.held_on ${dir}, m.id ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from meetings m where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

export async function allMeetings(db: Db, scope: SQL, q: MFilters) {
  return rows<MeetingRow>(
    db,
    sql`select ${MEETING_COLUMNS} from meetings m where ${meetingWhere(scope, q)} order by m.held_on desc limit 50000`,
  );
}

export async function getMeeting(db: Db, scope: SQL, id: string, forUpdate = false): Promise<MeetingRow | null> {
  const [r] = await rows<MeetingRow>(
    db,
    sql`select ${MEETING_COLUMNS} from meetings m where m.id = ${id} and ${scope} ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

export async function organisationsByIds(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; name: string; kind: string; disabled: boolean }>(
    db,
    sql`select id, name, kind, disabled from organisations where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
}

/** Tasks' condition; today (Asia/Shanghai) decides the derived overdue. */
function taskWhere(scope: SQL, q: TFilters, today: string): SQL {
  const conds: SQL[] = [scope];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(t.decision ilike ${p} or m.topic ilike ${p} or o.name ilike ${p})`);
  }
  if (q.state === 'overdue') conds.push(sql`t.state <> 'done' and t.due_on < ${today}::date`);
  else if (q.state) conds.push(sql`t.state = ${q.state}`);
  if (q.ownerOrganisationId) conds.push(sql`t.owner_organisation_id = ${q.ownerOrganisationId}`);
  if (q.meetingId) conds.push(sql`t.meeting_id = ${q.meetingId}`);
  if (q.from) conds.push(sql`t.due_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`t.due_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function listTasks(
  db: Db,
  scope: SQL,
  q: TFilters & { page: number; pageSize: number; order: string },
  today: string,
) {
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const w = taskWhere(scope, q, today);
  // The counts ignore the state filter so the tabs above the list keep their numbers.
  const wCounts = taskWhere(scope, { ...q, state: undefined }, today);
  const [items, [c]] = await Promise.all([
    rows<TaskRow>(
      db,
      sql`select ${TASK_COLUMNS} from ${TASK_FROM} where ${w}
           order by (t.state = 'done'), t.due_on ${dir}, t.position, t.id limit ${q.pageSize}
           offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number; not_started: number; in_progress: number; done: number; overdue: number }>(
      db,
      sql`select count(*) filter (where ${w})::int as n,
                 count(*) filter (where t.state = 'notStarted')::int as not_started,
                 count(*) filter (where t.state = 'inProgress')::int as in_progress,
                 count(*) filter (where t.state = 'done')::int as done,
                 count(*) filter (where t.state <> 'done' and t.due_on < ${today}::date)::int as overdue
            from ${TASK_FROM} where ${wCounts}`,
    ),
  ]);
  return {
    items,
    total: Number(c?.n ?? 0),
    counts: {
      notStarted: Number(c?.not_started ?? 0),
      inProgress: Number(c?.in_progress ?? 0),
      done: Number(c?.done ?? 0),
      overdue: Number(c?.overdue ?? 0),
    },
  };
}

export async function allTasks(db: Db, scope: SQL, q: TFilters, today: string) {
  return rows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM} where ${taskWhere(scope, q, today)}
         order by t.due_on, t.position limit 50000`,
  );
}

export async function tasksOfMeetings(db: Db, scope: SQL, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  return rows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM} where ${scope} and t.meeting_id = any(${uuidArray(meetingIds)})
         order by t.meeting_id, t.position`,
  );
}

export async function getTask(db: Db, scope: SQL, id: string, forUpdate = false): Promise<TaskRow | null> {
  const [r] = await rows<TaskRow>(
    db,
    sql`select ${TASK_COLUMNS} from ${TASK_FROM} where t.id = ${id} and ${scope}
        ${forUpdate ? sql`for update of t` : sql``}`,
  );
  return r ?? null;
}

export async function notesOf(db: Db, parkId: string, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return rows<NoteRow>(
    db,
    sql`select task_id, noted_on::text as noted_on, state, note, by_name, recorded_at from meeting_task_notes
         where park_id = ${parkId} and task_id = any(${uuidArray(taskIds)}) order by seq`,
  );
}

export interface MeetingValues {
  kind: string;
  heldOn: string;
  topic: string;
  place: string | null;
  host: string | null;
  attendeeOrganisationIds: string[];
  attendeeNames: string[];
  minutesFileId: string | null;
  summary: string | null;
}

export async function insertMeeting(
  tx: Db,
  parkId: string,
  v: MeetingValues,
  by: { userId: string; name: string },
  at: Date,
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into meetings (park_id, kind, held_on, topic, place, host, attendee_organisation_ids, attendee_names,
                              minutes_file_id, summary, recorded_by, recorded_by_name, recorded_at, updated_at)
        values (${parkId}, ${v.kind}, ${v.heldOn}, ${v.topic}, ${v.place}, ${v.host},
                ${uuidArray(v.attendeeOrganisationIds)}, ${textArray(v.attendeeNames)}, ${v.minutesFileId},
                ${v.summary}, ${by.userId}, ${by.name}, ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

/** A text[] as one bind parameter (names may hold commas and quotes: each element is JSON-quoted). */
const textArray = (items: readonly string[]): SQL =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(items)}::jsonb))::text[]`;

export async function updateMeeting(tx: Db, parkId: string, id: string, v: MeetingValues, at: Date) {
  await tx.execute(
    sql`update meetings set kind = ${v.kind}, held_on = ${v.heldOn}, topic = ${v.topic}, place = ${v.place},
               host = ${v.host}, attendee_organisation_ids = ${uuidArray(v.attendeeOrganisationIds)},
               attendee_names = ${textArray(v.attendeeNames)}, minutes_file_id = ${v.minutesFileId},
               summary = ${v.summary}, updated_at = ${at.toISOString()}, row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function insertTask(
  tx: Db,
  parkId: string,
  meetingId: string,
  d: { decision: string; ownerOrganisationId: string; dueOn: string },
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into meeting_tasks (park_id, meeting_id, position, decision, owner_organisation_id, due_on, created_at,
                                   updated_at)
        values (${parkId}, ${meetingId},
                (select coalesce(max(position), 0) + 1 from meeting_tasks where park_id = ${parkId} and meeting_id = ${meetingId}),
                ${d.decision}, ${d.ownerOrganisationId}, ${d.dueOn}, ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function minDueOn(db: Db, parkId: string, meetingId: string): Promise<string | null> {
  const [r] = await rows<{ d: string | null }>(
    db,
    sql`select min(due_on)::text as d from meeting_tasks where park_id = ${parkId} and meeting_id = ${meetingId}`,
  );
  return r?.d ?? null;
}

/** A task's content, due date and owner (修改 / 改派). */
export async function updateTask(
  tx: Db,
  parkId: string,
  id: string,
  d: { decision: string; ownerOrganisationId: string; dueOn: string },
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update meeting_tasks set decision = ${d.decision}, owner_organisation_id = ${d.ownerOrganisationId},
               due_on = ${d.dueOn}, updated_at = ${at.toISOString()}, row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function setTaskState(
  tx: Db,
  parkId: string,
  id: string,
  state: string,
  doneOn: string | null,
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update meeting_tasks set state = ${state}, done_on = ${doneOn}, updated_at = ${at.toISOString()},
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function insertNote(
  tx: Db,
  parkId: string,
  taskId: string,
  n: { notedOn: string; state: string; note: string },
  by: { userId: string; name: string },
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`insert into meeting_task_notes (park_id, task_id, noted_on, state, note, by_user, by_name, recorded_at)
        values (${parkId}, ${taskId}, ${n.notedOn}, ${n.state}, ${n.note}, ${by.userId}, ${by.name}, ${at.toISOString()})`,
  );
}

/** Meetings by kind held in a period. */
export async function meetingsByKind(db: Db, parkId: string, from: string, to: string) {
  return rows<{ kind: string; n: number }>(
    db,
    sql`select kind, count(*)::int as n from meetings
         where park_id = ${parkId} and held_on between ${from}::date and ${to}::date group by kind`,
  );
}

/** The tasks decided by meetings held in a period: total, done, overdue today, still open. */
export async function taskFigures(db: Db, parkId: string, from: string, to: string, today: string) {
  const [r] = await rows<{ total: number; done: number; overdue: number; open: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where t.state = 'done')::int as done,
               count(*) filter (where t.state <> 'done' and t.due_on < ${today}::date)::int as overdue,
               count(*) filter (where t.state <> 'done')::int as open
          from meeting_tasks t join meetings m on m.park_id = t.park_id and m.id = t.meeting_id
         where t.park_id = ${parkId} and m.held_on between ${from}::date and ${to}::date`,
  );
  return {
    total: Number(r?.total ?? 0),
    done: Number(r?.done ?? 0),
    overdue: Number(r?.overdue ?? 0),
    open: Number(r?.open ?? 0),
  };
}

/** Overdue open tasks owned by each enterprise, due within [from, until] (the assessment indicator). */
export async function overdueByOwner(
  db: Db,
  parkId: string,
  ownerIds: readonly string[] | null,
  from: string,
  until: string,
  today: string,
) {
  return rows<{ owner: string; n: number }>(
    db,
    sql`select owner_organisation_id as owner, count(*)::int as n from meeting_tasks
         where park_id = ${parkId} ${ownerIds ? sql`and owner_organisation_id = any(${uuidArray(ownerIds)})` : sql``}
           and state <> 'done' and due_on < ${today}::date and due_on between ${from}::date and ${until}::date
         group by owner_organisation_id`,
  );
}

export async function meetingTitles(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; topic: string; held_on: string }>(
    db,
    sql`select id, topic, held_on::text as held_on from meetings where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
}

export async function searchMeetings(db: Db, parkId: string, q: string | null) {
  return rows<{ id: string; topic: string; held_on: string }>(
    db,
    sql`select id, topic, held_on::text as held_on from meetings where park_id = ${parkId}
         ${q ? sql`and topic ilike ${likePattern(q)}` : sql``} order by held_on desc limit 30`,
  );
}
