// Queries of training sessions, attendees and plans. No rules here: the scope conditions below are the data-scope
// decisions of platform/scope.ts applied to these tables (a session is an enterprise's, or the park's).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AttendeeInput,
  type PlanFilters,
  personKeyOf,
  type SessionFilters,
  type TrainingKind,
} from '../../../../shared/src/training';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { open, phonePersonKey, seal } from '../../platform/personal-data';
import { enterpriseScopeSql, seesWholePark } from '../../platform/scope';

/**
 * Sessions (alias s) the actor may read: the park's for the committee; an enterprise its own (recorded by it or
 * entrusted by it to a provider) and the park's sessions it took part in or that were open to all; inspectors and
 * departments the sessions of their enterprises and the park's own.
 */
export function sessionScopeSql(actor: Actor, alias = 's'): SQL {
  const c = (col: string) => sql.raw(`${alias}.${col}`);
  const park = sql`${c('park_id')} = ${actor.parkId}`;
  if (seesWholePark(actor)) return park;
  if (actor.role === 'enterprise') {
    if (!actor.enterpriseId) return sql`false`;
    return sql`${park} and (${c('enterprise_id')} = ${actor.enterpriseId}
               or (${c('enterprise_id')} is null and (${c('open_to_all')}
                   or exists (select 1 from training_attendees ta where ta.park_id = ${c('park_id')}
                                 and ta.session_id = ${c('id')} and ta.enterprise_id = ${actor.enterpriseId}))))`;
  }
  return sql`${park} and (${c('enterprise_id')} is null or (${enterpriseScopeSql(actor, alias)}))`;
}

/** Attendees (alias a) the actor may see: the committee all; others the people of the enterprises in their scope. */
export function attendeeScopeSql(actor: Actor, alias = 'a'): SQL {
  if (seesWholePark(actor)) return sql`${sql.raw(`${alias}.park_id`)} = ${actor.parkId}`;
  return enterpriseScopeSql(actor, alias);
}

export interface SessionRow {
  id: string;
  serial: string;
  kind: string;
  title: string;
  occurred_on: string;
  recorded_at: string | Date;
  organiser_kind: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  provider_id: string | null;
  provider_name: string | null;
  provider_expired: boolean;
  open_to_all: boolean;
  trainer: string | null;
  place: string | null;
  hours: string;
  summary: string | null;
  plan_item_id: string | null;
  plan_item_label: string | null;
  material_file_ids: string[];
  photo_file_ids: string[];
  recorded_by_name: string | null;
  row_version: number;
  attendee_count: number;
  passed_count: number;
  failed_count: number;
}

const columns = (
  actor: Actor,
) => sql`s.id, s.serial, s.kind, s.title, s.occurred_on::text as occurred_on, s.recorded_at,
  s.organiser_kind, s.enterprise_id, e.name as enterprise_name, s.provider_id, p.name as provider_name,
  s.provider_expired, s.open_to_all, s.trainer, s.place, s.hours::text as hours, s.summary, s.plan_item_id,
  case when pi.id is null then null else tp.year || '年' || pi.month || '月 ' || pi.topic end as plan_item_label,
  s.material_file_ids, s.photo_file_ids, s.recorded_by_name, s.row_version,
  (select count(*)::int from training_attendees a where a.park_id = s.park_id and a.session_id = s.id
      and ${attendeeScopeSql(actor)}) as attendee_count,
  (select count(*)::int from training_attendees a where a.park_id = s.park_id and a.session_id = s.id
      and a.passed and ${attendeeScopeSql(actor)}) as passed_count,
  (select count(*)::int from training_attendees a where a.park_id = s.park_id and a.session_id = s.id
      and a.passed = false and ${attendeeScopeSql(actor)}) as failed_count`;
const FROM = sql`training_sessions s
  left join enterprises e on e.park_id = s.park_id and e.id = s.enterprise_id
  left join service_providers p on p.park_id = s.park_id and p.id = s.provider_id
  left join training_plan_items pi on pi.park_id = s.park_id and pi.id = s.plan_item_id
  left join training_plans tp on tp.park_id = pi.park_id and tp.id = pi.plan_id`;

export type Filters = z.infer<typeof SessionFilters>;

/** Sessions (alias s) of an enterprise: recorded by it, or attended by its people. */
const ofEnterprise = (enterpriseId: string) =>
  sql`(s.enterprise_id = ${enterpriseId} or exists (select 1 from training_attendees a
        where a.park_id = s.park_id and a.session_id = s.id and a.enterprise_id = ${enterpriseId}))`;

function where(actor: Actor, q: Filters): SQL {
  const conds: SQL[] = [sessionScopeSql(actor)];
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(sql`(s.title ilike ${like} or s.serial ilike ${like} or s.trainer ilike ${like} or e.name ilike ${like}
                    or exists (select 1 from training_attendees a where a.park_id = s.park_id and a.session_id = s.id
                                  and a.name ilike ${like} and ${attendeeScopeSql(actor)}))`);
  }
  if (q.kind) conds.push(sql`s.kind = ${q.kind}`);
  if (q.organiserKind) conds.push(sql`s.organiser_kind = ${q.organiserKind}`);
  if (q.enterpriseId) conds.push(ofEnterprise(q.enterpriseId));
  if (q.providerId) conds.push(sql`s.provider_id = ${q.providerId}`);
  if (q.from) conds.push(sql`s.occurred_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`s.occurred_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, actor: Actor, q: Filters & { page: number; pageSize: number; order: string }) {
  const w = where(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [sum]] = await Promise.all([
    rows<SessionRow>(
      db,
      sql`select ${columns(actor)} from ${FROM} where ${w} order by s.occurred_on ${dir}, s.serial ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number; hours: string; attendees: number }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(s.hours), 0)::text as hours,
                 coalesce(sum((select count(*) from training_attendees a where a.park_id = s.park_id
                                  and a.session_id = s.id and ${attendeeScopeSql(actor)})), 0)::int as attendees
            from ${FROM} where ${w}`,
    ),
  ]);
  return {
    items,
    total: Number(sum?.n ?? 0),
    totals: { hours: Number(sum?.hours ?? 0), attendees: Number(sum?.attendees ?? 0) },
  };
}

export async function all(db: Db, actor: Actor, q: Filters) {
  return rows<SessionRow>(
    db,
    sql`select ${columns(actor)} from ${FROM} where ${where(actor, q)} order by s.occurred_on desc, s.serial limit 20000`,
  );
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false): Promise<SessionRow | null> {
  const [r] = await rows<SessionRow>(
    db,
    sql`select ${columns(actor)} from ${FROM} where s.id = ${id} and ${sessionScopeSql(actor)}
        ${forUpdate ? sql`for update of s` : sql``}`,
  );
  return r ?? null;
}

export interface AttendeeRow {
  id: string;
  session_id: string;
  name: string;
  enterprise_id: string | null;
  enterprise_name: string | null;
  post: string | null;
  role: string;
  phone: string | null;
  score: string | null;
  passed: boolean | null;
  person_key: string;
}

export async function attendees(db: Db, actor: Actor, sessionIds: readonly string[]): Promise<AttendeeRow[]> {
  if (sessionIds.length === 0) return [];
  return rows<AttendeeRow>(
    db,
    sql`select a.id, a.session_id, a.name, a.enterprise_id, e.name as enterprise_name, a.post, a.role, a.phone,
               a.score::text as score, a.passed, a.person_key
          from training_attendees a left join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id
         where a.park_id = ${actor.parkId} and a.session_id = any(${uuidArray(sessionIds)}) and ${attendeeScopeSql(actor)}
         order by a.session_id, a.position`,
  );
}

export interface SessionValues {
  kind: string;
  title: string;
  occurredOn: string;
  organiserKind: string;
  enterpriseId: string | null;
  providerId: string | null;
  providerExpired: boolean;
  openToAll: boolean;
  trainer: string | null;
  place: string | null;
  hours: number;
  summary: string | null;
  planItemId: string | null;
  materialFileIds: string[];
  photoFileIds: string[];
}

export async function insert(
  tx: Db,
  parkId: string,
  serial: string,
  v: SessionValues,
  by: { userId: string; name: string },
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into training_sessions (park_id, serial, kind, title, occurred_on, organiser_kind, enterprise_id,
          provider_id, provider_expired, open_to_all, trainer, place, hours, summary, plan_item_id, material_file_ids,
          photo_file_ids, recorded_by, recorded_by_name, recorded_at, updated_at)
        values (${parkId}, ${serial}, ${v.kind}, ${v.title}, ${v.occurredOn}, ${v.organiserKind}, ${v.enterpriseId},
          ${v.providerId}, ${v.providerExpired}, ${v.openToAll}, ${v.trainer}, ${v.place}, ${v.hours}, ${v.summary},
          ${v.planItemId}, ${uuidArray(v.materialFileIds)}, ${uuidArray(v.photoFileIds)}, ${by.userId}, ${by.name},
          ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: SessionValues, at: Date): Promise<void> {
  await tx.execute(
    sql`update training_sessions set kind = ${v.kind}, title = ${v.title}, occurred_on = ${v.occurredOn},
          organiser_kind = ${v.organiserKind}, enterprise_id = ${v.enterpriseId}, provider_id = ${v.providerId},
          provider_expired = ${v.providerExpired}, open_to_all = ${v.openToAll}, trainer = ${v.trainer},
          place = ${v.place}, hours = ${v.hours}, summary = ${v.summary}, plan_item_id = ${v.planItemId},
          material_file_ids = ${uuidArray(v.materialFileIds)}, photo_file_ids = ${uuidArray(v.photoFileIds)},
          updated_at = ${at.toISOString()}, row_version = row_version + 1
        where park_id = ${parkId} and id = ${id}`,
  );
}

/** The session's attendees' names and stored (sealed) phones, in order: an edit keeps a phone left masked. */
export async function storedPhones(tx: Db, parkId: string, sessionId: string) {
  return rows<{ name: string; phone: string | null }>(
    tx,
    sql`select name, phone from training_attendees where park_id = ${parkId} and session_id = ${sessionId}
         order by position`,
  );
}

/**
 * Replaces the session's attendees (the form sends the whole list). Phones are stored sealed (SM4) and enter the
 * person key as their keyed digest; `phone` is a clear number or a value already sealed (kept from before).
 */
export async function replaceAttendees(
  tx: Db,
  parkId: string,
  sessionId: string,
  input: AttendeeInput[],
): Promise<void> {
  const list = input.map((a) => {
    const clear = open(a.phone);
    return { ...a, phone: seal(clear), personKey: personKeyOf(a, clear ? phonePersonKey(clear) : null) };
  });
  await tx.execute(sql`delete from training_attendees where park_id = ${parkId} and session_id = ${sessionId}`);
  // Batches keep each statement's bind parameters well under the driver's limit.
  for (let from = 0; from < list.length; from += 200) {
    const chunk = list.slice(from, from + 200);
    await tx.execute(
      sql`insert into training_attendees (park_id, session_id, position, name, enterprise_id, post, role, phone, score,
                                          passed, person_key)
          values ${sql.join(
            chunk.map(
              (a, i) =>
                sql`(${parkId}, ${sessionId}, ${from + i}, ${a.name}, ${a.enterpriseId}, ${a.post}, ${a.role},
                     ${a.phone}, ${a.score}, ${a.passed}, ${a.personKey})`,
            ),
            sql`, `,
          )}`,
    );
  }
}

/** The park's enterprises among ids (an attendee's enterprise must be one). */
export async function enterprisesIn(db: Db, parkId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select id from enterprises where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
  return new Set(found.map((r) => r.id));
}

/** The park's enterprises by name, for resolving a pasted list (exact name, then a unique partial match). */
export async function enterprisesByName(
  db: Db,
  actor: Actor,
  names: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (names.length === 0) return [];
  return rows<{ id: string; name: string }>(
    db,
    sql`select e.id, e.name from enterprises e
         where ${enterpriseScopeSql(actor, 'e', 'id')} and e.status <> 'cancelled'
           and (${sql.join(
             names.map((n) => sql`e.name ilike ${likePattern(n)}`),
             sql` or `,
           )})
         limit 2000`,
  );
}

/** A plan item of the enterprise's plan of the year (a session may count toward it). */
export async function planItemOf(
  db: Db,
  parkId: string,
  itemId: string,
): Promise<{ enterprise_id: string; year: number } | null> {
  const [r] = await rows<{ enterprise_id: string; year: number }>(
    db,
    sql`select tp.enterprise_id, tp.year from training_plan_items pi
          join training_plans tp on tp.park_id = pi.park_id and tp.id = pi.plan_id
         where pi.park_id = ${parkId} and pi.id = ${itemId}`,
  );
  return r ?? null;
}

// ------------------------------------------------------------------------------------------------------ plans

export interface PlanRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  year: number;
  note: string | null;
  updated_at: string | Date;
  row_version: number;
}

export interface PlanItemRow {
  id: string;
  plan_id: string;
  month: number;
  topic: string;
  kind: string;
  planned_hours: string;
  planned_attendees: number;
  sessions: number;
  hours: string;
  attendees: number;
}

const PLAN_COLUMNS = sql`tp.id, tp.enterprise_id, e.name as enterprise_name, tp.year, tp.note, tp.updated_at,
  tp.row_version`;
const PLAN_FROM = sql`training_plans tp join enterprises e on e.park_id = tp.park_id and e.id = tp.enterprise_id`;

function planWhere(actor: Actor, q: z.infer<typeof PlanFilters>): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'tp')];
  if (q.year) conds.push(sql`tp.year = ${q.year}`);
  if (q.enterpriseId) conds.push(sql`tp.enterprise_id = ${q.enterpriseId}`);
  if (q.q) conds.push(sql`e.name ilike ${likePattern(q.q)}`);
  return sql.join(conds, sql` and `);
}

export async function listPlans(
  db: Db,
  actor: Actor,
  q: z.infer<typeof PlanFilters> & { page: number; pageSize: number },
) {
  const w = planWhere(actor, q);
  const [items, [c]] = await Promise.all([
    rows<PlanRow>(
      db,
      sql`select ${PLAN_COLUMNS} from ${PLAN_FROM} where ${w} order by tp.year desc, e.name, tp.id
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${PLAN_FROM} where ${w}`),
  ]);
  return { items, total: Number(c?.n ?? 0) };
}

export async function getPlan(db: Db, actor: Actor, id: string, forUpdate = false): Promise<PlanRow | null> {
  const [r] = await rows<PlanRow>(
    db,
    sql`select ${PLAN_COLUMNS} from ${PLAN_FROM} where tp.id = ${id} and ${enterpriseScopeSql(actor, 'tp')}
        ${forUpdate ? sql`for update of tp` : sql``}`,
  );
  return r ?? null;
}

export async function planExists(db: Db, parkId: string, enterpriseId: string, year: number): Promise<boolean> {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from training_plans where park_id = ${parkId} and enterprise_id = ${enterpriseId} and year = ${year}`,
  );
  return Boolean(r);
}

/** The items of the plans with what their linked sessions did (sessions, hours, 人次). */
export async function planItems(db: Db, parkId: string, planIds: readonly string[]): Promise<PlanItemRow[]> {
  if (planIds.length === 0) return [];
  return rows<PlanItemRow>(
    db,
    sql`select pi.id, pi.plan_id, pi.month, pi.topic, pi.kind, pi.planned_hours::text as planned_hours,
               pi.planned_attendees,
               count(s.id)::int as sessions, coalesce(sum(s.hours), 0)::text as hours,
               coalesce(sum((select count(*) from training_attendees a
                              where a.park_id = s.park_id and a.session_id = s.id)), 0)::int as attendees
          from training_plan_items pi
          left join training_sessions s on s.park_id = pi.park_id and s.plan_item_id = pi.id
         where pi.park_id = ${parkId} and pi.plan_id = any(${uuidArray(planIds)})
         group by pi.id, pi.plan_id, pi.month, pi.topic, pi.kind, pi.planned_hours, pi.planned_attendees, pi.position
         order by pi.plan_id, pi.month, pi.position`,
  );
}

export async function insertPlan(
  tx: Db,
  parkId: string,
  v: { enterpriseId: string; year: number; note: string | null },
  userId: string,
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into training_plans (park_id, enterprise_id, year, note, created_by, created_at, updated_at)
        values (${parkId}, ${v.enterpriseId}, ${v.year}, ${v.note}, ${userId}, ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function touchPlan(tx: Db, parkId: string, id: string, note: string | null, at: Date): Promise<void> {
  await tx.execute(
    sql`update training_plans set note = ${note}, updated_at = ${at.toISOString()}, row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function itemIdsOf(tx: Db, parkId: string, planId: string): Promise<string[]> {
  const r = await rows<{ id: string }>(
    tx,
    sql`select id from training_plan_items where park_id = ${parkId} and plan_id = ${planId}`,
  );
  return r.map((x) => x.id);
}

export async function linkedItems(tx: Db, parkId: string, itemIds: readonly string[]): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const r = await rows<{ id: string }>(
    tx,
    sql`select distinct plan_item_id as id from training_sessions
         where park_id = ${parkId} and plan_item_id = any(${uuidArray(itemIds)})`,
  );
  return r.map((x) => x.id);
}

export async function deleteItems(tx: Db, parkId: string, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await tx.execute(sql`delete from training_plan_items where park_id = ${parkId} and id = any(${uuidArray(itemIds)})`);
}

export async function upsertItem(
  tx: Db,
  parkId: string,
  planId: string,
  position: number,
  i: {
    id: string | null;
    month: number;
    topic: string;
    kind: TrainingKind;
    plannedHours: number;
    plannedAttendees: number;
  },
): Promise<void> {
  if (i.id) {
    await tx.execute(
      sql`update training_plan_items set position = ${position}, month = ${i.month}, topic = ${i.topic},
                 kind = ${i.kind}, planned_hours = ${i.plannedHours}, planned_attendees = ${i.plannedAttendees}
           where park_id = ${parkId} and plan_id = ${planId} and id = ${i.id}`,
    );
  } else {
    await tx.execute(
      sql`insert into training_plan_items (park_id, plan_id, position, month, topic, kind, planned_hours, planned_attendees)
          values (${parkId}, ${planId}, ${position}, ${i.month}, ${i.topic}, ${i.kind}, ${i.plannedHours},
                  ${i.plannedAttendees})`,
    );
  }
}

// ------------------------------------------------------------------------------------- 随投产随培训 and hours

export interface GapRow {
  enterprise_id: string;
  enterprise_name: string;
  production_start_date: string;
  days_since_start: number;
  role: 'principal' | 'safetyManager';
  person_name: string | null;
  person_phone: string | null;
  complete: boolean;
}

/**
 * Every (newly commissioned enterprise, principal | safety manager) pair in the actor's scope, and whether that person
 * is trained: an attendee of the enterprise, in the role or under the registered name, who did not fail a session of
 * one of the kinds held no earlier than trainedBeforeDays before the start.
 */
export async function newEnterprisePeople(
  db: Db,
  actor: Actor,
  o: { today: string; withinDays: number; trainedBeforeDays: number; kinds: readonly TrainingKind[] },
): Promise<GapRow[]> {
  return rows<GapRow>(
    db,
    sql`with ne as (
          select e.park_id, e.id, e.name, e.production_start_date, e.principal_name, e.principal_phone,
                 e.safety_manager_name, e.safety_manager_phone
            from enterprises e
           where ${enterpriseScopeSql(actor, 'e', 'id')} and e.status <> 'cancelled'
             and e.production_start_date is not null and e.production_start_date <= ${o.today}::date
             and e.production_start_date > ${o.today}::date - ${o.withinDays}::int
        ), people as (
          select ne.*, r.role,
                 case r.role when 'principal' then ne.principal_name else ne.safety_manager_name end as person_name,
                 case r.role when 'principal' then ne.principal_phone else ne.safety_manager_phone end as person_phone
            from ne cross join (values ('principal'), ('safetyManager')) as r(role)
        )
        select p.id as enterprise_id, p.name as enterprise_name, p.production_start_date::text as production_start_date,
               (${o.today}::date - p.production_start_date)::int as days_since_start, p.role, p.person_name,
               p.person_phone,
               exists (select 1 from training_attendees a
                         join training_sessions s on s.park_id = a.park_id and s.id = a.session_id
                        where a.park_id = p.park_id and a.enterprise_id = p.id
                          and s.kind = any(${`{${o.kinds.join(',')}}`}::text[])
                          and s.occurred_on >= p.production_start_date - ${o.trainedBeforeDays}::int
                          and a.passed is distinct from false
                          and (a.role = p.role or (p.person_name is not null and a.name = p.person_name))) as complete
          from people p
         order by p.production_start_date, p.name, p.role`,
  );
}

export async function peopleHours(
  db: Db,
  actor: Actor,
  q: { from: string; to: string; enterpriseId?: string; q?: string | null },
) {
  return rows<{
    person_key: string;
    name: string;
    phone: string | null;
    attendee_id: string;
    enterprise_names: string[];
    sessions: number;
    hours: string;
    passed: number;
    failed: number;
  }>(
    db,
    sql`select a.person_key, max(a.name) as name,
               (array_agg(a.phone order by s.occurred_on desc, a.id))[1] as phone,
               (array_agg(a.id order by s.occurred_on desc, a.id))[1] as attendee_id,
               array_remove(array_agg(distinct e.name), null) as enterprise_names,
               count(distinct s.id)::int as sessions, coalesce(sum(s.hours), 0)::text as hours,
               count(*) filter (where a.passed)::int as passed, count(*) filter (where a.passed = false)::int as failed
          from training_attendees a
          join training_sessions s on s.park_id = a.park_id and s.id = a.session_id
          left join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id
         where ${attendeeScopeSql(actor)} and s.occurred_on between ${q.from}::date and ${q.to}::date
           ${q.enterpriseId ? sql`and a.enterprise_id = ${q.enterpriseId}` : sql``}
           ${
             q.q
               ? // A full phone number finds the person through its digest (phones are stored sealed).
                 sql`and (a.name ilike ${likePattern(q.q)} or a.person_key = ${/\d{7}/.test(q.q) ? phonePersonKey(q.q) : ''})`
               : sql``
           }
         group by a.person_key
         order by sum(s.hours) desc, max(a.name)
         limit 2000`,
  );
}

export async function enterpriseHours(db: Db, actor: Actor, q: { from: string; to: string; enterpriseId?: string }) {
  return rows<{
    enterprise_id: string;
    enterprise_name: string;
    sessions: number;
    people: number;
    attendees: number;
    person_hours: string;
  }>(
    db,
    sql`select a.enterprise_id, e.name as enterprise_name, count(distinct s.id)::int as sessions,
               count(distinct a.person_key)::int as people, count(*)::int as attendees,
               coalesce(sum(s.hours), 0)::text as person_hours
          from training_attendees a
          join training_sessions s on s.park_id = a.park_id and s.id = a.session_id
          join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id
         where ${attendeeScopeSql(actor)} and s.occurred_on between ${q.from}::date and ${q.to}::date
           ${q.enterpriseId ? sql`and a.enterprise_id = ${q.enterpriseId}` : sql``}
         group by a.enterprise_id, e.name
         order by sum(s.hours) desc, e.name
         limit 5000`,
  );
}

export async function personHistory(db: Db, actor: Actor, personKey: string) {
  return rows<{
    session_id: string;
    serial: string;
    occurred_on: string;
    kind: string;
    title: string;
    hours: string;
    name: string;
    enterprise_name: string | null;
    post: string | null;
    role: string;
    score: string | null;
    passed: boolean | null;
  }>(
    db,
    sql`select s.id as session_id, s.serial, s.occurred_on::text as occurred_on, s.kind, s.title, s.hours::text as hours,
               a.name, e.name as enterprise_name, a.post, a.role, a.score::text as score, a.passed
          from training_attendees a
          join training_sessions s on s.park_id = a.park_id and s.id = a.session_id
          left join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id
         where ${attendeeScopeSql(actor)} and a.person_key = ${personKey}
         order by s.occurred_on desc, s.serial
         limit 1000`,
  );
}

/** Sessions as the funds ledger and a resumption checklist name them (date and title), by id or search, in scope. */
export async function sessionTitles(
  db: Db,
  actor: Actor,
  by: { ids?: readonly string[]; q?: string | null; enterpriseId?: string },
) {
  if (by.ids && by.ids.length === 0) return [];
  return rows<{ id: string; title: string }>(
    db,
    sql`select s.id, s.occurred_on::text || ' ' || s.title as title from training_sessions s where ${sessionScopeSql(actor)}
         ${by.ids ? sql`and s.id = any(${uuidArray(by.ids)})` : sql``}
         ${by.enterpriseId ? sql`and ${ofEnterprise(by.enterpriseId)}` : sql``}
         ${by.q ? sql`and (s.title ilike ${likePattern(by.q)} or s.serial ilike ${likePattern(by.q)})` : sql``}
         order by s.occurred_on desc limit ${by.ids ? by.ids.length : 30}`,
  );
}
