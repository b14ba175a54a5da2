// Queries of resumption seasons, applications and their events. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChecklistItemDef, ResumptionFilters } from '../../../../shared/src/resumption';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

export interface SeasonRow {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  checklist: ChecklistItemDef[];
  row_version: number;
  total: number;
  confirmed: number;
  submitted: number;
  returned: number;
  returned_before: number;
}

/** Counts within the actor's scope (an enterprise sees its own application's state only). */
function seasonSelect(actor: Actor) {
  const scoped = enterpriseScopeSql(actor, 'a');
  return sql`select s.id, s.name, s.starts_on::text as starts_on, s.ends_on::text as ends_on, s.checklist, s.row_version,
    (select count(*)::int from resumption_applications a where a.season_id = s.id and ${scoped}) as total,
    (select count(*)::int from resumption_applications a where a.season_id = s.id and ${scoped} and a.state = 'confirmed') as confirmed,
    (select count(*)::int from resumption_applications a where a.season_id = s.id and ${scoped} and a.state = 'submitted') as submitted,
    (select count(*)::int from resumption_applications a where a.season_id = s.id and ${scoped} and a.state = 'returned') as returned,
    (select count(*)::int from resumption_applications a where a.season_id = s.id and ${scoped} and a.state = 'confirmed'
        and a.returns > 0) as returned_before
    from resumption_seasons s`;
}

export async function seasons(db: Db, actor: Actor) {
  return rows<SeasonRow>(
    db,
    sql`${seasonSelect(actor)} where s.park_id = ${actor.parkId} order by s.starts_on desc, s.name`,
  );
}

export async function season(db: Db, actor: Actor, id: string, forUpdate = false) {
  const [r] = await rows<SeasonRow>(
    db,
    sql`${seasonSelect(actor)} where s.park_id = ${actor.parkId} and s.id = ${id} ${forUpdate ? sql`for update of s` : sql``}`,
  );
  return r ?? null;
}

export async function insertSeason(
  tx: Db,
  parkId: string,
  v: { name: string; startsOn: string; endsOn: string; checklist: ChecklistItemDef[] },
): Promise<string | null> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into resumption_seasons (park_id, name, starts_on, ends_on, checklist)
        values (${parkId}, ${v.name}, ${v.startsOn}, ${v.endsOn}, ${JSON.stringify(v.checklist)}::jsonb)
        on conflict (park_id, name) do nothing returning id`,
  );
  return r?.id ?? null;
}

export async function updateSeason(
  tx: Db,
  parkId: string,
  id: string,
  v: { name: string; endsOn: string; checklist: ChecklistItemDef[] },
) {
  await tx.execute(
    sql`update resumption_seasons set name = ${v.name}, ends_on = ${v.endsOn}, checklist = ${JSON.stringify(v.checklist)}::jsonb,
               updated_at = now(), row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export interface StoredAnswer {
  key: string;
  label: string;
  required: boolean;
  done: boolean;
  note: string | null;
  evidenceKind: 'inspection' | 'training' | 'none';
  evidenceId: string | null;
  evidenceLabel: string | null;
  fileIds: string[];
}

export interface ApplicationRow {
  id: string;
  serial: string;
  season_id: string;
  season_name: string;
  enterprise_id: string;
  enterprise_name: string;
  enterprise_status: string;
  prior_status: string;
  state: string;
  planned_on: string;
  contact_name: string;
  contact_phone: string | null;
  workforce: number;
  checklist: StoredAnswer[];
  returns: number;
  checked_on: string | null;
  decided_by_name: string | null;
  decided_at: string | Date | null;
  last_opinion: string | null;
  applied_at: string | Date;
  row_version: number;
}

const COLUMNS = sql`a.id, a.serial, a.season_id, s.name as season_name, a.enterprise_id, e.name as enterprise_name,
  e.status as enterprise_status, a.prior_status, a.state, a.planned_on::text as planned_on, a.contact_name, a.contact_phone,
  a.workforce, a.checklist, a.returns, a.checked_on::text as checked_on, a.decided_by_name, a.decided_at, a.last_opinion,
  a.applied_at, a.row_version`;
const FROM = sql`resumption_applications a join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id
  join resumption_seasons s on s.park_id = a.park_id and s.id = a.season_id`;

export type Filters = z.infer<typeof ResumptionFilters>;

function where(actor: Actor, q: Filters): SQL {
  return whereIn(enterpriseScopeSql(actor, 'a'), q);
}

/** The list's conditions within a scope (an actor's, or a whole park's for the period summary). */
function whereIn(scope: SQL, q: Filters): SQL {
  const conds: SQL[] = [scope];
  if (q.q) conds.push(sql`(a.serial ilike ${likePattern(q.q)} or e.name ilike ${likePattern(q.q)})`);
  if (q.seasonId) conds.push(sql`a.season_id = ${q.seasonId}`);
  if (q.state) conds.push(sql`a.state = ${q.state}`);
  if (q.enterpriseId) conds.push(sql`a.enterprise_id = ${q.enterpriseId}`);
  if (q.checkedFrom) conds.push(sql`a.checked_on >= ${q.checkedFrom}::date`);
  if (q.checkedTo) conds.push(sql`a.checked_on <= ${q.checkedTo}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, actor: Actor, q: Filters & { page: number; pageSize: number; order: string }) {
  const w = where(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [n]] = await Promise.all([
    rows<ApplicationRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where ${w}
           order by case a.state when 'submitted' then 0 when 'returned' then 1 else 2 end, a.applied_at ${dir}, a.id
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${FROM} where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

/** Applications confirmed with their on-site check in a period: the list's own conditions (state + checked dates). */
export async function confirmedInPeriod(db: Db, scope: SQL, from: string, to: string) {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${FROM}
         where ${whereIn(scope, { q: null, state: 'confirmed', checkedFrom: from, checkedTo: to })}`,
  );
  return Number(r?.n ?? 0);
}

export async function all(db: Db, actor: Actor, q: Filters) {
  return rows<ApplicationRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where(actor, q)} order by a.applied_at desc limit 50000`,
  );
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false) {
  const [r] = await rows<ApplicationRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where a.id = ${id} and ${enterpriseScopeSql(actor, 'a')}
        ${forUpdate ? sql`for update of a` : sql``}`,
  );
  return r ?? null;
}

export async function findFor(tx: Db, parkId: string, seasonId: string, enterpriseId: string) {
  const [r] = await rows<{ id: string; state: string }>(
    tx,
    sql`select id, state from resumption_applications
         where park_id = ${parkId} and season_id = ${seasonId} and enterprise_id = ${enterpriseId}`,
  );
  return r ?? null;
}

export async function insert(
  tx: Db,
  parkId: string,
  v: {
    serial: string;
    seasonId: string;
    enterpriseId: string;
    priorStatus: string;
    plannedOn: string;
    contactName: string;
    contactPhone: string | null;
    workforce: number;
    checklist: StoredAnswer[];
    at: Date;
  },
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into resumption_applications (park_id, serial, season_id, enterprise_id, prior_status, state, planned_on,
                                             contact_name, contact_phone, workforce, checklist, applied_at, updated_at)
        values (${parkId}, ${v.serial}, ${v.seasonId}, ${v.enterpriseId}, ${v.priorStatus}, 'submitted', ${v.plannedOn},
                ${v.contactName}, ${v.contactPhone}, ${v.workforce}, ${JSON.stringify(v.checklist)}::jsonb,
                ${v.at.toISOString()}, ${v.at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function resubmit(
  tx: Db,
  parkId: string,
  id: string,
  v: {
    plannedOn: string;
    contactName: string;
    contactPhone: string | null;
    workforce: number;
    checklist: StoredAnswer[];
  },
) {
  await tx.execute(
    sql`update resumption_applications set state = 'submitted', planned_on = ${v.plannedOn}, contact_name = ${v.contactName},
               contact_phone = ${v.contactPhone}, workforce = ${v.workforce}, checklist = ${JSON.stringify(v.checklist)}::jsonb,
               updated_at = now(), row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function decide(
  tx: Db,
  parkId: string,
  id: string,
  v: { state: 'returned' | 'confirmed'; checkedOn: string | null; opinion: string | null; byName: string; at: Date },
) {
  await tx.execute(
    sql`update resumption_applications set state = ${v.state}, checked_on = ${v.checkedOn}, last_opinion = ${v.opinion},
               decided_by_name = ${v.byName}, decided_at = ${v.at.toISOString()},
               returns = returns + ${v.state === 'returned' ? 1 : 0}, updated_at = now(), row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function addEvent(
  tx: Db,
  parkId: string,
  e: {
    applicationId: string;
    action: string;
    from: string | null;
    to: string;
    opinion: string | null;
    actorId: string | null;
    actorName: string;
    at: Date;
  },
) {
  await tx.execute(
    sql`insert into resumption_events (park_id, application_id, action, from_state, to_state, opinion, actor_id, actor_name, at)
        values (${parkId}, ${e.applicationId}, ${e.action}, ${e.from}, ${e.to}, ${e.opinion}, ${e.actorId}, ${e.actorName},
                ${e.at.toISOString()})`,
  );
}

export async function events(db: Db, parkId: string, applicationId: string) {
  return rows<{
    action: string;
    from_state: string | null;
    to_state: string;
    opinion: string | null;
    actor_name: string;
    at: string | Date;
  }>(
    db,
    sql`select action, from_state, to_state, opinion, actor_name, at from resumption_events
         where park_id = ${parkId} and application_id = ${applicationId} order by at, seq`,
  );
}

/** A self-inspection's label for the checklist (date and kind), when it is the enterprise's. */
export async function inspectionLabel(db: Db, parkId: string, enterpriseId: string, id: string) {
  const [r] = await rows<{ label: string }>(
    db,
    sql`select inspected_on::text || ' ' || case kind when 'selfInspection' then '企业自查' else '检查记录' end as label
          from inspections where park_id = ${parkId} and enterprise_id = ${enterpriseId} and id = ${id}`,
  );
  return r?.label ?? null;
}
