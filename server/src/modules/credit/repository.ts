// Queries of enterprise credit. The derivation of events from the records is one SQL statement (a union over the
// source tables) run for one enterprise — in the transaction of the record that changed — or for the whole park;
// scoring is another, set-based, so recomputing 100,000 enterprises is two statements. No rules here beyond the SQL
// form of the shared ones (shared/src/credit.ts; the tests check both give the same score).
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreditListQuery, CreditRule, FrequencyTable, GradeThresholds } from '../../../../shared/src/credit';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

export interface RuleVersionRow {
  version: number;
  base_score: number;
  rules: CreditRule[];
  thresholds: GradeThresholds;
  frequency: FrequencyTable;
  note: string | null;
  created_by_name: string | null;
  created_at: string | Date;
}

export async function currentRules(db: Db, parkId: string): Promise<RuleVersionRow | null> {
  const [r] = await rows<RuleVersionRow>(
    db,
    sql`select version, base_score, rules, thresholds, frequency, note, created_by_name, created_at
          from credit_rule_versions where park_id = ${parkId} order by version desc limit 1`,
  );
  return r ?? null;
}

export async function ruleVersions(db: Db, parkId: string) {
  return rows<{ version: number; created_at: string | Date; created_by_name: string | null; note: string | null }>(
    db,
    sql`select version, created_at, created_by_name, note from credit_rule_versions
         where park_id = ${parkId} order by version desc limit 50`,
  );
}

export async function insertRules(
  tx: Db,
  parkId: string,
  v: {
    baseScore: number;
    rules: CreditRule[];
    thresholds: GradeThresholds;
    frequency: FrequencyTable;
    note: string | null;
  },
  by: { userId: string; name: string },
): Promise<number> {
  // The park's row lock orders two concurrent saves; the primary key refuses a duplicate version anyway.
  await tx.execute(sql`select 1 from parks where id = ${parkId} for update`);
  const [r] = await rows<{ version: number }>(
    tx,
    sql`insert into credit_rule_versions (park_id, version, base_score, rules, thresholds, frequency, note, created_by, created_by_name)
        select ${parkId}, coalesce(max(version), 0) + 1, ${v.baseScore}, ${JSON.stringify(v.rules)}::jsonb,
               ${JSON.stringify(v.thresholds)}::jsonb, ${JSON.stringify(v.frequency)}::jsonb, ${v.note}, ${by.userId}, ${by.name}
          from credit_rule_versions where park_id = ${parkId}
        returning version`,
  );
  return r!.version;
}

// ------------------------------------------------------------------------------------------- derivation

/** Shanghai's calendar day of a timestamp column. */
const dayOf = (col: string) => sql.raw(`(${col} at time zone 'Asia/Shanghai')::date`);

/**
 * Every credit event the records imply, as (enterprise_id, kind, source_type, source_id, source_key, source_label,
 * occurred_on). `only` limits it to one enterprise. Facts that depend on the day (overdue rectification, missed
 * commitments after their grace period) are judged against `today`.
 */
function derived(parkId: string, today: string, only: string | null): SQL {
  const ent = (alias: string) => (only ? sql`and ${sql.raw(alias)}.enterprise_id = ${only}` : sql``);
  return sql`
    select h.enterprise_id, 'majorHazard' as kind, 'hazard' as source_type, h.id as source_id, h.id::text as source_key,
           h.serial || ' ' || left(h.description, 60) as source_label, h.found_on as occurred_on
      from hazards h where h.park_id = ${parkId} and h.grade = 'major' ${ent('h')}
    union all
    select h.enterprise_id, 'hazardOverdue', 'hazard', h.id, h.id::text,
           h.serial || ' ' || left(h.description, 60) || '（期限 ' || h.deadline::text || '）', h.deadline + 1
      from hazards h
     where h.park_id = ${parkId} and h.deadline is not null and not h.fixed_on_spot ${ent('h')}
       and ((h.status in ('assigned', 'rectifying') and h.deadline < ${today}::date)
            or (h.submitted_on is not null and h.submitted_on > h.deadline))
    union all
    select h.enterprise_id, 'recheckFailed', 'hazard', h.id, ev.id::text,
           h.serial || ' 复查不通过：' || left(coalesce(ev.reason, ''), 60), ${dayOf('ev.occurred_at')}
      from hazard_events ev join hazards h on h.park_id = ev.park_id and h.id = ev.hazard_id
     where ev.park_id = ${parkId} and ev.action = 'recheckFail' ${ent('h')}
    union all
    select p.enterprise_id, 'penaltyDecided', 'penaltyCase', p.id, p.id::text,
           p.case_no || ' ' || left(p.legal_basis, 60), p.decided_on
      from penalty_cases p where p.park_id = ${parkId} and p.decided_on is not null ${ent('p')}
    union all
    select a.enterprise_id,
           case a.level when 'general' then 'accidentGeneral' when 'larger' then 'accidentLarger'
                        when 'major' then 'accidentMajor' else 'accidentEspeciallyMajor' end,
           'accident', a.id, a.id::text, a.serial || ' ' || a.place, ${dayOf('a.occurred_at')}
      from accidents a where a.park_id = ${parkId} ${ent('a')}
    union all
    select t.enterprise_id, 'jointActionFinding', 'jointAction', j.id, j.id::text,
           j.action_date::text || ' ' || j.title, j.action_date
      from joint_enforcement_actions j
     cross join lateral unnest(j.target_enterprise_ids) as t(enterprise_id)
     where j.park_id = ${parkId} and jsonb_array_length(j.result_counts) > 0
       ${only ? sql`and j.target_enterprise_ids @> array[${only}::uuid]` : sql``}
    union all
    select s.enterprise_id,
           case s.grade when '一级' then 'standardGrade1' when '二级' then 'standardGrade2' else 'standardGrade3' end,
           'survey', s.survey_id, s.response_id::text, s.year::text || ' 年状况调查：安全生产标准化' || s.grade, s.day
      from (select distinct on (r.enterprise_id) r.enterprise_id, r.id as response_id, r.survey_id, sv.year,
                   r.answers ->> q.id::text as grade, ${dayOf('r.submitted_at')} as day
              from survey_responses r
              join surveys sv on sv.park_id = r.park_id and sv.id = r.survey_id
              join survey_questions q on q.park_id = r.park_id and q.survey_id = r.survey_id
                                     and q.question_type = 'single' and q.title like '%标准化等级%'
             where r.park_id = ${parkId} and r.status = 'submitted' and r.submitted_at is not null ${ent('r')}
             order by r.enterprise_id, r.submitted_at desc) s
     where s.grade in ('一级', '二级', '三级')
    union all
    select ap.enterprise_id,
           case ap.grade when 'excellent' then 'assessmentExcellent' when 'good' then 'assessmentGood'
                         when 'pass' then 'assessmentPass' else 'assessmentFailed' end,
           'assessment', r.id, r.id::text,
           r.title || '：' || case ap.grade when 'excellent' then '优秀' when 'good' then '良好'
                                           when 'pass' then '合格' else '不合格' end
             || coalesce('（第 ' || ap.rank || ' 名）', ''),
           ${dayOf('r.published_at')}
      from assessment_parties ap
      join assessment_rounds r on r.park_id = ap.park_id and r.id = ap.round_id
     where ap.park_id = ${parkId} and r.status = 'published' and r.published_at is not null
       and ap.enterprise_id is not null and ap.grade is not null ${ent('ap')}
    union all
    select c.enterprise_id, 'commendation', 'commendation', c.id, c.id::text,
           c.commendation_no || ' ' || coalesce(c.person_name || '（员工）', '') || c.honour, c.awarded_on
      from commendations c where c.park_id = ${parkId} and c.enterprise_id is not null ${ent('c')}
    union all
    select e.id, 'commitmentMissed', 'commitment', t.id, t.id::text || ':' || p.start::text,
           t.name || ' ' || case t.period when 'day' then p.start::text else to_char(p.start, 'YYYY-MM') end || ' 未承诺',
           p.finish + 1
      from commitment_types t
     cross join lateral (
       select d::date as start,
              case t.period when 'day' then d::date else (d + interval '1 month' - interval '1 day')::date end as finish
         from generate_series(
                case t.period when 'day' then t.starts_on else date_trunc('month', t.starts_on)::date end,
                ${today}::date, case t.period when 'day' then interval '1 day' else interval '1 month' end) d
     ) p
      join enterprises e on e.park_id = t.park_id and e.status = 'operating' and e.supervision_tags && t.required_tags
           and not (e.supervision_tags && t.excluded_tags)
           ${only ? sql`and e.id = ${only}` : sql``}
     where t.park_id = ${parkId} and t.active and p.finish + t.grace_days < ${today}::date
       and not exists (select 1 from commitments c where c.park_id = t.park_id and c.type_id = t.id
                          and c.enterprise_id = e.id and c.period_start = p.start)`;
}

/**
 * Brings the stored events in line with the records: inserts new facts, updates changed ones, deletes those the
 * records no longer imply (a downgraded hazard, a commitment posted late). Idempotent.
 */
export async function syncEvents(db: Db, parkId: string, today: string, only: string | null): Promise<number> {
  const scope = only ? sql`and c.enterprise_id = ${only}` : sql``;
  const [r] = await rows<{ n: number }>(
    db,
    sql`with d as materialized (${derived(parkId, today, only)}),
        gone as (
          delete from credit_events c
           where c.park_id = ${parkId} ${scope}
             and not exists (select 1 from d where d.enterprise_id = c.enterprise_id and d.kind = c.kind
                                and d.source_key = c.source_key)
          returning 1),
        put as (
          insert into credit_events (park_id, enterprise_id, kind, source_type, source_id, source_key, source_label, occurred_on)
          select ${parkId}, d.enterprise_id, d.kind, d.source_type, d.source_id, d.source_key, d.source_label, d.occurred_on from d
          on conflict (park_id, enterprise_id, kind, source_key) do update
            set source_type = excluded.source_type, source_id = excluded.source_id,
                source_label = excluded.source_label, occurred_on = excluded.occurred_on
            where (credit_events.source_label, credit_events.occurred_on, credit_events.source_id)
                  is distinct from (excluded.source_label, excluded.occurred_on, excluded.source_id)
          returning 1)
        select (select count(*) from d)::int as n, (select count(*) from gone) as g, (select count(*) from put) as p`,
  );
  return Number(r?.n ?? 0);
}

/**
 * The derivation sorts and hashes a million rows at 100,000 enterprises: memory for this transaction only (set local),
 * so the sort and the comparison's anti-join do not spill to disk in the default 4 MB pieces.
 */
export async function memoryForDerivation(tx: Db): Promise<void> {
  await tx.execute(sql`set local work_mem = '128MB'`);
}

/** Whether the park has any stored credit event (none: the first recompute takes the insert-only path). */
export async function hasEvents(db: Db, parkId: string): Promise<boolean> {
  const [r] = await rows<{ x: number }>(db, sql`select 1 as x from credit_events where park_id = ${parkId} limit 1`);
  return r != null;
}

/**
 * The first recompute of a park (no stored events): inserts every derived event, without comparing against stored
 * rows and without the upsert's conflict checks, in key order so that the unique and per-enterprise indexes grow at
 * their end instead of at random pages (1.4 million events at 100,000 enterprises). Same rows as syncEvents.
 */
export async function insertEvents(db: Db, parkId: string, today: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`with put as (
          insert into credit_events (park_id, enterprise_id, kind, source_type, source_id, source_key, source_label, occurred_on)
          select ${parkId}, d.enterprise_id, d.kind, d.source_type, d.source_id, d.source_key, d.source_label, d.occurred_on
            from (${derived(parkId, today, null)}) d
           order by d.enterprise_id, d.kind, d.source_key
          returning 1)
        select count(*)::int as n from put`,
  );
  return Number(r?.n ?? 0);
}

/**
 * Scores from the stored events and adjustments under the given rules, as of today (the SQL form of scoreOf and
 * gradeOf), written to credit_scores for one enterprise or the whole park. Returns how many enterprises were scored.
 */
export async function writeScores(
  db: Db,
  parkId: string,
  rules: { version: number; baseScore: number; rules: CreditRule[]; thresholds: GradeThresholds },
  today: string,
  only: string | null,
): Promise<number> {
  const t = rules.thresholds;
  const ruleRows = JSON.stringify(rules.rules);
  const [r] = await rows<{ n: number }>(
    db,
    sql`with rl as (
          select x ->> 'kind' as kind, (x ->> 'points')::int as points, (x ->> 'validDays')::int as valid_days
            from jsonb_array_elements(${ruleRows}::jsonb) x),
        ev as (
          select c.enterprise_id, sum(rl.points) as pts from credit_events c join rl on rl.kind = c.kind
           where c.park_id = ${parkId} ${only ? sql`and c.enterprise_id = ${only}` : sql``}
             and c.occurred_on <= ${today}::date and ${today}::date <= c.occurred_on + rl.valid_days - 1
           group by 1),
        adj as (
          select a.enterprise_id, sum(a.points) as pts from credit_adjustments a
           where a.park_id = ${parkId} ${only ? sql`and a.enterprise_id = ${only}` : sql``}
             and a.occurred_on <= ${today}::date and ${today}::date <= a.occurred_on + a.valid_days - 1
           group by 1),
        s as (
          select e.id as enterprise_id,
                 greatest(0, ${rules.baseScore} + coalesce(ev.pts, 0) + coalesce(adj.pts, 0))::int as score
            from enterprises e left join ev on ev.enterprise_id = e.id left join adj on adj.enterprise_id = e.id
           where e.park_id = ${parkId} ${only ? sql`and e.id = ${only}` : sql``}),
        w as (
          insert into credit_scores (park_id, enterprise_id, score, grade, rule_version, computed_on, updated_at)
          select ${parkId}, s.enterprise_id, s.score,
                 case when s.score >= ${t.A} then 'A' when s.score >= ${t.B} then 'B' when s.score >= ${t.C} then 'C' else 'D' end,
                 ${rules.version}, ${today}::date, now()
            from s
          on conflict (park_id, enterprise_id) do update
            set score = excluded.score, grade = excluded.grade, rule_version = excluded.rule_version,
                computed_on = excluded.computed_on, updated_at = excluded.updated_at
          returning 1)
        select count(*)::int as n from w`,
  );
  return Number(r?.n ?? 0);
}

/**
 * Parks with an enterprise whose stored score is not of today, or not there (the daily refresh's work list). One write
 * refreshes one enterprise, so the oldest score decides, not the newest.
 */
export async function staleParks(db: Db, today: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select p.id from parks p
         where exists (select 1 from enterprises e
                        where e.park_id = p.id
                          and not exists (select 1 from credit_scores s where s.park_id = e.park_id
                                             and s.enterprise_id = e.id and s.computed_on >= ${today}::date))`,
  );
  return found.map((r) => r.id);
}

/** Serialises recomputations of one park (the daily refresh in several processes, a supervisor's button). */
export async function lockPark(tx: Db, parkId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('credit:' || ${parkId}))`);
}

// ------------------------------------------------------------------------------------------------ reads

export interface EventRow {
  id: string;
  kind: string;
  source_type: string;
  source_id: string | null;
  source_label: string;
  occurred_on: string;
}

export async function eventsOf(db: Db, parkId: string, enterpriseId: string): Promise<EventRow[]> {
  return rows<EventRow>(
    db,
    sql`select id, kind, source_type, source_id, source_label, occurred_on::text as occurred_on from credit_events
         where park_id = ${parkId} and enterprise_id = ${enterpriseId} order by occurred_on desc, kind, source_key`,
  );
}

export interface AdjustmentRow {
  id: string;
  points: number;
  reason: string;
  occurred_on: string;
  valid_days: number;
  created_by_name: string | null;
}

export async function adjustmentsOf(db: Db, parkId: string, enterpriseId: string): Promise<AdjustmentRow[]> {
  return rows<AdjustmentRow>(
    db,
    sql`select id, points, reason, occurred_on::text as occurred_on, valid_days, created_by_name
          from credit_adjustments where park_id = ${parkId} and enterprise_id = ${enterpriseId}
         order by occurred_on desc, created_at desc`,
  );
}

export async function insertAdjustment(
  tx: Db,
  parkId: string,
  enterpriseId: string,
  v: { points: number; reason: string; occurredOn: string; validDays: number },
  by: { userId: string; name: string },
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into credit_adjustments (park_id, enterprise_id, points, reason, occurred_on, valid_days, created_by, created_by_name)
        values (${parkId}, ${enterpriseId}, ${v.points}, ${v.reason}, ${v.occurredOn}, ${v.validDays}, ${by.userId}, ${by.name})
        returning id`,
  );
  return r!.id;
}

export async function enterpriseBrief(db: Db, actor: Actor, enterpriseId: string) {
  const [r] = await rows<{ id: string; name: string; risk_level: string | null }>(
    db,
    sql`select e.id, e.name, e.risk_level from enterprises e
         where e.id = ${enterpriseId} and ${enterpriseScopeSql(actor, 'e', 'id')}`,
  );
  return r ?? null;
}

export async function storedScore(db: Db, parkId: string, enterpriseId: string) {
  const [r] = await rows<{ score: number; grade: string; computed_on: string }>(
    db,
    sql`select score, grade, computed_on::text as computed_on from credit_scores
         where park_id = ${parkId} and enterprise_id = ${enterpriseId}`,
  );
  return r ?? null;
}

export interface ListRow {
  enterprise_id: string;
  name: string;
  credit_code: string;
  area: string | null;
  risk_level: string | null;
  score: number | null;
  grade: string | null;
  computed_on: string | null;
}

const GRADE_ORDER = sql`coalesce(s.grade, 'A')`;

export async function list(db: Db, actor: Actor, q: z.infer<typeof CreditListQuery>) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'e', 'id')];
  if (q.q) conds.push(sql`(e.name ilike ${likePattern(q.q)} or e.credit_code ilike ${likePattern(q.q)})`);
  if (q.riskLevel) conds.push(sql`e.risk_level = ${q.riskLevel}`);
  // The grade counts answer for the other filters, so the strip shows every grade while one is chosen.
  const withoutGrade = sql.join(conds, sql` and `);
  const where = q.grade ? sql`${withoutGrade} and s.grade = ${q.grade}` : withoutGrade;
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const order =
    q.sort === 'enterpriseName'
      ? sql`e.name ${dir}, e.id`
      : q.sort === 'grade'
        ? sql`${GRADE_ORDER} ${dir}, s.score ${sql.raw(q.order === 'desc' ? 'asc' : 'desc')}, e.id`
        : sql`s.score ${dir} nulls last, e.id`;
  const from = sql`enterprises e left join credit_scores s on s.park_id = e.park_id and s.enterprise_id = e.id`;
  const [items, counts] = await Promise.all([
    rows<ListRow>(
      db,
      sql`select e.id as enterprise_id, e.name, e.credit_code, e.area, e.risk_level, s.score, s.grade,
                 s.computed_on::text as computed_on
            from ${from} where ${where} order by ${order}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ grade: string | null; n: number }>(
      db,
      sql`select s.grade, count(*)::int as n from ${from} where ${withoutGrade} group by 1`,
    ),
  ]);
  return { items, counts };
}
