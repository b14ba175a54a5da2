// Queries of drills, their problems and the annual drill plans. No rules here. A drill is the record of its host
// enterprise (data scope by the host); its participants are listed only as far as the reader's scope reaches, so an
// enterprise never learns which other enterprises took part. Participation still counts in the figures and in the
// committee's list of enterprises without a drill.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DrillFilters } from '../../../../shared/src/drills';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

export interface DrillRow {
  id: string;
  serial: string;
  level: string;
  enterprise_id: string;
  enterprise_name: string;
  title: string;
  scenario: string;
  form: string;
  held_on: string;
  place: string;
  organiser: string;
  plan_id: string | null;
  plan_title: string | null;
  participant_enterprise_ids: string[];
  participants: { id: string; name: string }[] | null;
  participant_units: string | null;
  headcount: number;
  observers: string | null;
  observer_count: number;
  photo_ids: string[];
  evaluation: string | null;
  problem_count: number;
  converted_count: number;
  recorded_by_name: string | null;
  recorded_at: string | Date;
  row_version: number;
}

const columns = (actor: Actor) => sql`d.id, d.serial, d.level, d.enterprise_id, e.name as enterprise_name, d.title,
  d.scenario, d.form, d.held_on::text as held_on, d.place, d.organiser, d.plan_id, p.title as plan_title,
  d.participant_enterprise_ids,
  (select json_agg(json_build_object('id', pe.id, 'name', pe.name) order by pe.name) from enterprises pe
    where pe.id = any(d.participant_enterprise_ids) and ${enterpriseScopeSql(actor, 'pe', 'id')}) as participants,
  d.participant_units, d.headcount, d.observers, d.observer_count, d.photo_ids, d.evaluation,
  (select count(*)::int from drill_problems dp where dp.drill_id = d.id) as problem_count,
  (select count(*)::int from drill_problems dp where dp.drill_id = d.id and dp.hazard_id is not null) as converted_count,
  d.recorded_by_name, d.recorded_at, d.row_version`;
const FROM = sql`drills d join enterprises e on e.park_id = d.park_id and e.id = d.enterprise_id
  left join emergency_plans p on p.park_id = d.park_id and p.id = d.plan_id`;

/** Drills (alias d) the actor may read: those of host enterprises in its scope. */
export function drillScope(actor: Actor): SQL {
  return enterpriseScopeSql(actor, 'd');
}

export type Filters = z.infer<typeof DrillFilters>;

function where(actor: Actor, q: Filters): SQL {
  return whereIn(drillScope(actor), q);
}

/** The list's conditions within a scope (an actor's, or a whole park's for the period summary). */
function whereIn(scope: SQL, q: Filters): SQL {
  const conds: SQL[] = [scope];
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(sql`(d.serial ilike ${like} or d.title ilike ${like} or d.place ilike ${like} or e.name ilike ${like})`);
  }
  if (q.enterpriseId) {
    conds.push(
      sql`(d.enterprise_id = ${q.enterpriseId} or ${q.enterpriseId}::uuid = any(d.participant_enterprise_ids))`,
    );
  }
  if (q.level) conds.push(sql`d.level = ${q.level}`);
  if (q.scenario) conds.push(sql`d.scenario = ${q.scenario}`);
  if (q.from) conds.push(sql`d.held_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`d.held_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, actor: Actor, q: Filters & { page: number; pageSize: number; order: string }) {
  const w = where(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [n]] = await Promise.all([
    rows<DrillRow>(
      db,
      sql`select ${columns(actor)} from ${FROM} where ${w} order by d.held_on ${dir}, d.serial ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${FROM} where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

/**
 * Drills held in a period and their participants (人次 = sum of headcounts), with the list's own conditions, so the
 * dashboard's figure equals the list's total filtered to the same dates.
 */
export async function heldInPeriod(db: Db, scope: SQL, from: string, to: string) {
  const [r] = await rows<{ drills: number; participants: number }>(
    db,
    sql`select count(*)::int as drills, coalesce(sum(d.headcount), 0)::int as participants from ${FROM}
         where ${whereIn(scope, { q: null, from, to })}`,
  );
  return { drills: Number(r?.drills ?? 0), participants: Number(r?.participants ?? 0) };
}

export async function all(db: Db, actor: Actor, q: Filters) {
  return rows<DrillRow>(
    db,
    sql`select ${columns(actor)} from ${FROM} where ${where(actor, q)} order by d.held_on desc limit 50000`,
  );
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false): Promise<DrillRow | null> {
  const [r] = await rows<DrillRow>(
    db,
    sql`select ${columns(actor)} from ${FROM} where d.id = ${id} and ${drillScope(actor)} ${forUpdate ? sql`for update of d` : sql``}`,
  );
  return r ?? null;
}

export interface ProblemRow {
  id: string;
  drill_id: string;
  enterprise_id: string;
  enterprise_name: string;
  description: string;
  hazard_id: string | null;
  hazard_serial: string | null;
  converted_at: string | Date | null;
  converted_by_name: string | null;
}

const PROBLEM = sql`dp.id, dp.drill_id, dp.enterprise_id, e.name as enterprise_name, dp.description, dp.hazard_id,
  h.serial as hazard_serial, dp.converted_at, dp.converted_by_name`;
const PROBLEM_FROM = sql`drill_problems dp join enterprises e on e.park_id = dp.park_id and e.id = dp.enterprise_id
  left join hazards h on h.park_id = dp.park_id and h.id = dp.hazard_id`;

export async function problems(db: Db, parkId: string, drillId: string) {
  return rows<ProblemRow>(
    db,
    sql`select ${PROBLEM} from ${PROBLEM_FROM} where dp.park_id = ${parkId} and dp.drill_id = ${drillId} order by dp.position`,
  );
}

export async function problem(tx: Db, parkId: string, drillId: string, id: string, forUpdate = false) {
  const [r] = await rows<ProblemRow>(
    tx,
    sql`select ${PROBLEM} from ${PROBLEM_FROM}
         where dp.park_id = ${parkId} and dp.drill_id = ${drillId} and dp.id = ${id}
         ${forUpdate ? sql`for update of dp` : sql``}`,
  );
  return r ?? null;
}

export interface Values {
  level: string;
  enterpriseId: string;
  title: string;
  scenario: string;
  form: string;
  heldOn: string;
  place: string;
  organiser: string;
  planId: string | null;
  participantEnterpriseIds: string[];
  participantUnits: string | null;
  headcount: number;
  observers: string | null;
  observerCount: number;
  photoIds: string[];
  evaluation: string | null;
}

export async function insert(tx: Db, parkId: string, serial: string, v: Values, by: { id: string; name: string }) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into drills (park_id, serial, level, enterprise_id, title, scenario, form, held_on, place, organiser, plan_id,
                            participant_enterprise_ids, participant_units, headcount, observers, observer_count, photo_ids,
                            evaluation, recorded_by, recorded_by_name)
        values (${parkId}, ${serial}, ${v.level}, ${v.enterpriseId}, ${v.title}, ${v.scenario}, ${v.form}, ${v.heldOn},
                ${v.place}, ${v.organiser}, ${v.planId}, ${uuidArray(v.participantEnterpriseIds)}, ${v.participantUnits},
                ${v.headcount}, ${v.observers}, ${v.observerCount}, ${uuidArray(v.photoIds)}, ${v.evaluation}, ${by.id},
                ${by.name})
        returning id`,
  );
  return r!.id;
}

export async function update(
  tx: Db,
  parkId: string,
  id: string,
  v: Pick<
    Values,
    'title' | 'scenario' | 'heldOn' | 'place' | 'organiser' | 'headcount' | 'observers' | 'observerCount' | 'evaluation'
  >,
) {
  await tx.execute(
    sql`update drills set title = ${v.title}, scenario = ${v.scenario}, held_on = ${v.heldOn}, place = ${v.place},
               organiser = ${v.organiser}, headcount = ${v.headcount}, observers = ${v.observers},
               observer_count = ${v.observerCount}, evaluation = ${v.evaluation}, updated_at = now(),
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function addProblems(
  tx: Db,
  parkId: string,
  drillId: string,
  list: { enterpriseId: string; description: string }[],
) {
  if (list.length === 0) return;
  const [m] = await rows<{ n: number }>(
    tx,
    sql`select coalesce(max(position), 0)::int as n from drill_problems where drill_id = ${drillId}`,
  );
  const start = Number(m?.n ?? 0);
  for (const [i, p] of list.entries()) {
    await tx.execute(
      sql`insert into drill_problems (park_id, drill_id, enterprise_id, position, description)
          values (${parkId}, ${drillId}, ${p.enterpriseId}, ${start + i + 1}, ${p.description})`,
    );
  }
}

export async function markConverted(tx: Db, parkId: string, id: string, hazardId: string, byName: string, at: Date) {
  await tx.execute(
    sql`update drill_problems set hazard_id = ${hazardId}, converted_at = ${at.toISOString()}, converted_by_name = ${byName}
         where park_id = ${parkId} and id = ${id}`,
  );
}

/** An emergency plan of the enterprise (the registry's 应急预案), or null. */
export async function planOf(db: Db, parkId: string, enterpriseId: string, planId: string) {
  const [r] = await rows<{ id: string; title: string }>(
    db,
    sql`select id, title from emergency_plans where park_id = ${parkId} and enterprise_id = ${enterpriseId} and id = ${planId}`,
  );
  return r ?? null;
}

export async function plansOf(db: Db, parkId: string, enterpriseId: string) {
  return rows<{ id: string; title: string; plan_kind: string }>(
    db,
    sql`select id, title, plan_kind from emergency_plans where park_id = ${parkId} and enterprise_id = ${enterpriseId}
         order by plan_kind, title`,
  );
}

// —— Annual plans ——

export interface PlanRow {
  id: string;
  enterprise_id: string;
  enterprise_name: string;
  year: number;
  month: number;
  scenario: string;
  title: string;
  held_drill_id: string | null;
  held_on: string | null;
}

export async function drillPlans(
  db: Db,
  actor: Actor,
  q: { year?: number; enterpriseId?: string; page: number; pageSize: number },
) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'dp')];
  if (q.year) conds.push(sql`dp.year = ${q.year}`);
  if (q.enterpriseId) conds.push(sql`dp.enterprise_id = ${q.enterpriseId}`);
  const w = sql.join(conds, sql` and `);
  const from = sql`drill_plans dp join enterprises e on e.park_id = dp.park_id and e.id = dp.enterprise_id
    left join lateral (select d.id, d.held_on from drills d
                        where d.park_id = dp.park_id and d.scenario = dp.scenario
                          and (d.enterprise_id = dp.enterprise_id or dp.enterprise_id = any(d.participant_enterprise_ids))
                          and extract(year from d.held_on)::int = dp.year
                        order by d.held_on limit 1) held on true`;
  const [items, [n]] = await Promise.all([
    rows<PlanRow>(
      db,
      sql`select dp.id, dp.enterprise_id, e.name as enterprise_name, dp.year, dp.month, dp.scenario, dp.title,
                 held.id as held_drill_id, held.held_on::text as held_on
            from ${from} where ${w} order by dp.year desc, e.name, dp.month
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${from} where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

export async function insertPlan(
  tx: Db,
  parkId: string,
  v: { enterpriseId: string; year: number; month: number; scenario: string; title: string },
  by: string,
): Promise<string | null> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into drill_plans (park_id, enterprise_id, year, month, scenario, title, created_by)
        values (${parkId}, ${v.enterpriseId}, ${v.year}, ${v.month}, ${v.scenario}, ${v.title}, ${by})
        on conflict (park_id, enterprise_id, year, month, scenario) do nothing returning id`,
  );
  return r?.id ?? null;
}

export async function getPlan(db: Db, actor: Actor, id: string) {
  const [r] = await rows<{
    id: string;
    enterprise_id: string;
    year: number;
    month: number;
    scenario: string;
    title: string;
  }>(
    db,
    sql`select dp.id, dp.enterprise_id, dp.year, dp.month, dp.scenario, dp.title from drill_plans dp
         where dp.id = ${id} and ${enterpriseScopeSql(actor, 'dp')}`,
  );
  return r ?? null;
}

export async function deletePlan(tx: Db, parkId: string, id: string) {
  await tx.execute(sql`delete from drill_plans where park_id = ${parkId} and id = ${id}`);
}

/** Operating enterprises in scope with no drill (held, hosted or joined) in the year. */
export async function withoutDrill(
  db: Db,
  actor: Actor,
  q: { year: number; tag?: string; q?: string | null; page: number; pageSize: number },
) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id'), sql`e.status = 'operating'`];
  if (q.tag) conds.push(sql`${q.tag} = any(e.supervision_tags)`);
  if (q.q) conds.push(sql`e.name ilike ${likePattern(q.q)}`);
  const operatingWhere = sql.join(conds, sql` and `);
  const none = sql`not exists (select 1 from drills d where d.park_id = e.park_id
                    and (d.enterprise_id = e.id or e.id = any(d.participant_enterprise_ids))
                    and extract(year from d.held_on)::int = ${q.year})`;
  const [items, [n], [ops]] = await Promise.all([
    rows<{
      id: string;
      name: string;
      area: string | null;
      supervision_tags: string[];
      planned_count: number;
      last_drill_on: string | null;
    }>(
      db,
      sql`select e.id, e.name, e.area, e.supervision_tags,
                 (select count(*)::int from drill_plans dp where dp.park_id = e.park_id and dp.enterprise_id = e.id
                     and dp.year = ${q.year}) as planned_count,
                 (select max(d.held_on)::text from drills d where d.park_id = e.park_id
                     and (d.enterprise_id = e.id or e.id = any(d.participant_enterprise_ids))) as last_drill_on
            from enterprises e where ${operatingWhere} and ${none}
           order by cardinality(e.supervision_tags) desc, e.name
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from enterprises e where ${operatingWhere} and ${none}`),
    rows<{ n: number }>(db, sql`select count(*)::int as n from enterprises e where ${operatingWhere}`),
  ]);
  return { items, total: Number(n?.n ?? 0), operating: Number(ops?.n ?? 0) };
}

/** Drills as the funds ledger names them (date and title), by id or by a search, within the actor's scope. */
export async function fundSubjects(db: Db, actor: Actor, by: { ids?: readonly string[]; q?: string | null }) {
  if (by.ids && by.ids.length === 0) return [];
  return rows<{ id: string; title: string }>(
    db,
    sql`select d.id, d.held_on::text || ' ' || d.title as title from drills d where ${drillScope(actor)}
         ${by.ids ? sql`and d.id = any(${uuidArray(by.ids)})` : sql``}
         ${by.q ? sql`and (d.title ilike ${likePattern(by.q)} or d.serial ilike ${likePattern(by.q)})` : sql``}
         order by d.held_on desc limit ${by.ids ? by.ids.length : 30}`,
  );
}
