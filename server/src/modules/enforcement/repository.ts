// Queries of enforcement: penalty cases (scoped like every enterprise-owned record) and joint enforcement actions
// (park records of the committee and member departments). No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { JointActionListQuery, PenaltyCaseListQuery } from '../../../../shared/src/enforcement';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql, jointActionScopeSql } from '../../platform/scope';

const textArray = (values: readonly string[]) =>
  values.length
    ? sql`array[${sql.join(
        values.map((v) => sql`${v}::text`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;

// --------------------------------------------------------------------------------------------------- penalty cases

export interface PenaltyRow {
  id: string;
  case_no: string;
  enterprise_id: string;
  enterprise_name: string;
  hazard_ids: string[];
  legal_basis: string;
  measures: string[];
  fine_amount: string | null;
  filed_on: string;
  decided_on: string | null;
  executed_on: string | null;
  closed_on: string | null;
  status: string;
  note: string | null;
  row_version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

// Arrays go out as JSON so both drivers hand back plain arrays; dates and amounts as text (no time-zone shifts, no
// floating point on the way out of the database).
const PENALTY_COLUMNS = sql`p.id, p.case_no, p.enterprise_id, e.name as enterprise_name, to_jsonb(p.hazard_ids) as hazard_ids,
  p.legal_basis, to_jsonb(p.measures) as measures, p.fine_amount::text as fine_amount, p.filed_on::text as filed_on,
  p.decided_on::text as decided_on, p.executed_on::text as executed_on, p.closed_on::text as closed_on, p.status,
  p.note, p.row_version, p.created_at, p.updated_at`;
const PENALTY_FROM = sql`penalty_cases p join enterprises e on e.park_id = p.park_id and e.id = p.enterprise_id`;

export type PenaltyFilters = z.infer<typeof PenaltyCaseListQuery>;

function penaltyWhere(actor: Actor, q: PenaltyFilters): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'p')];
  if (q.q) conds.push(sql`(p.case_no ilike ${likePattern(q.q)} or p.legal_basis ilike ${likePattern(q.q)})`);
  if (q.enterpriseId) conds.push(sql`p.enterprise_id = ${q.enterpriseId}`);
  if (q.hazardId) conds.push(sql`p.hazard_ids @> array[${q.hazardId}::uuid]`);
  if (q.status) conds.push(sql`p.status = ${q.status}`);
  if (q.measure) conds.push(sql`p.measures @> array[${q.measure}::text]`);
  if (q.filedFrom) conds.push(sql`p.filed_on >= ${q.filedFrom}`);
  if (q.filedTo) conds.push(sql`p.filed_on <= ${q.filedTo}`);
  return sql.join(conds, sql` and `);
}

export async function listPenalties(db: Db, actor: Actor, q: PenaltyFilters) {
  const where = penaltyWhere(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const sort = q.sort === 'caseNo' ? sql`p.case_no ${dir}` : sql`p.filed_on ${dir}, p.case_no ${dir}`;
  const [items, [sum]] = await Promise.all([
    rows<PenaltyRow>(
      db,
      sql`select ${PENALTY_COLUMNS} from ${PENALTY_FROM} where ${where}
           order by ${sort}, p.id ${dir} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number; fines: string | null }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(p.fine_amount), 0)::text as fines from penalty_cases p where ${where}`,
    ),
  ]);
  return { items, total: Number(sum?.n ?? 0), fineTotal: Number(sum?.fines ?? 0) };
}

export async function getPenalty(db: Db, actor: Actor, id: string, forUpdate = false): Promise<PenaltyRow | null> {
  const [r] = await rows<PenaltyRow>(
    db,
    sql`select ${PENALTY_COLUMNS} from ${PENALTY_FROM} where p.id = ${id} and ${enterpriseScopeSql(actor, 'p')}
        ${forUpdate ? sql`for update of p` : sql``}`,
  );
  return r ?? null;
}

/** Serial, description and status of hazards (for the case view). */
export async function hazardSummaries(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; serial: string; description: string; status: string }>(
    db,
    sql`select id, serial, description, status from hazards where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
}

/** The ids among these that are hazards of this enterprise. */
export async function hazardsOfEnterprise(tx: Db, parkId: string, enterpriseId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from hazards where park_id = ${parkId} and enterprise_id = ${enterpriseId} and id = any(${uuidArray(ids)})`,
  );
  return new Set(found.map((r) => r.id));
}

export async function parkName(tx: Db, parkId: string): Promise<string> {
  const [r] = await rows<{ name: string }>(tx, sql`select name from parks where id = ${parkId}`);
  return r?.name ?? '';
}

export async function caseNoTaken(tx: Db, parkId: string, caseNo: string, exceptId: string | null = null) {
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from penalty_cases where park_id = ${parkId} and case_no = ${caseNo}
        ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return found.length > 0;
}

export interface PenaltyValues {
  caseNo: string;
  hazardIds: string[];
  legalBasis: string;
  measures: string[];
  fineAmount: number | null;
  filedOn: string;
  decidedOn: string | null;
  executedOn: string | null;
  closedOn: string | null;
  status: string;
  note: string | null;
}

// Amounts go in as text so 12345.67 is stored exactly.
const amount = (v: number | null) => (v == null ? null : v.toFixed(2));

export async function insertPenalty(
  tx: Db,
  parkId: string,
  enterpriseId: string,
  createdBy: string,
  v: PenaltyValues,
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into penalty_cases (park_id, case_no, enterprise_id, hazard_ids, legal_basis, measures, fine_amount,
                                   filed_on, decided_on, executed_on, closed_on, status, note, created_by,
                                   created_at, updated_at)
        values (${parkId}, ${v.caseNo}, ${enterpriseId}, ${uuidArray(v.hazardIds)}, ${v.legalBasis},
                ${textArray(v.measures)}, ${amount(v.fineAmount)}::numeric, ${v.filedOn}::date, ${v.decidedOn}::date,
                ${v.executedOn}::date, ${v.closedOn}::date, ${v.status}, ${v.note}, ${createdBy},
                ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
        returning id`,
  );
  return r!.id;
}

export async function updatePenalty(tx: Db, parkId: string, id: string, v: PenaltyValues, at: Date): Promise<void> {
  await tx.execute(
    sql`update penalty_cases set case_no = ${v.caseNo}, hazard_ids = ${uuidArray(v.hazardIds)},
               legal_basis = ${v.legalBasis}, measures = ${textArray(v.measures)},
               fine_amount = ${amount(v.fineAmount)}::numeric, filed_on = ${v.filedOn}::date,
               decided_on = ${v.decidedOn}::date, executed_on = ${v.executedOn}::date, closed_on = ${v.closedOn}::date,
               status = ${v.status}, note = ${v.note}, updated_at = ${at.toISOString()}::timestamptz,
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

// ------------------------------------------------------------------------------------------- joint enforcement

export interface JointActionRow {
  id: string;
  action_date: string;
  title: string;
  lead_organisation_id: string;
  participant_organisation_ids: string[];
  target_enterprise_ids: string[];
  results: string | null;
  result_counts: { item: string; count: number; unit: string }[];
  row_version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const JOINT_COLUMNS = sql`j.id, j.action_date::text as action_date, j.title, j.lead_organisation_id,
  to_jsonb(j.participant_organisation_ids) as participant_organisation_ids,
  to_jsonb(j.target_enterprise_ids) as target_enterprise_ids, j.results, j.result_counts, j.row_version,
  j.created_at, j.updated_at`;

export type JointFilters = z.infer<typeof JointActionListQuery>;

function jointWhere(actor: Actor, q: JointFilters): SQL {
  const conds: SQL[] = [jointActionScopeSql(actor, 'j')];
  if (q.q) conds.push(sql`j.title ilike ${likePattern(q.q)}`);
  if (q.from) conds.push(sql`j.action_date >= ${q.from}`);
  if (q.to) conds.push(sql`j.action_date <= ${q.to}`);
  if (q.organisationId) {
    conds.push(
      sql`(j.lead_organisation_id = ${q.organisationId} or j.participant_organisation_ids @> array[${q.organisationId}::uuid])`,
    );
  }
  if (q.enterpriseId) conds.push(sql`j.target_enterprise_ids @> array[${q.enterpriseId}::uuid]`);
  return sql.join(conds, sql` and `);
}

export async function listJointActions(db: Db, actor: Actor, q: JointFilters) {
  const where = jointWhere(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [count], totals] = await Promise.all([
    rows<JointActionRow>(
      db,
      sql`select ${JOINT_COLUMNS} from joint_enforcement_actions j where ${where}
           order by j.action_date ${dir}, j.id ${dir} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from joint_enforcement_actions j where ${where}`),
    rows<{ item: string; unit: string; count: number }>(
      db,
      sql`select r->>'item' as item, r->>'unit' as unit, sum((r->>'count')::int)::int as count
            from joint_enforcement_actions j cross join lateral jsonb_array_elements(j.result_counts) r
           where ${where} group by 1, 2 order by 1, 2`,
    ),
  ]);
  return { items, total: Number(count?.n ?? 0), totals: totals.map((t) => ({ ...t, count: Number(t.count) })) };
}

export async function getJointAction(db: Db, actor: Actor, id: string, forUpdate = false) {
  const [r] = await rows<JointActionRow>(
    db,
    sql`select ${JOINT_COLUMNS} from joint_enforcement_actions j where ${jointActionScopeSql(actor, 'j')} and j.id = ${id}
        ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

/** Names of organisations (enterprises are organisations with the same id). */
export async function organisationNames(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const found = await rows<{ id: string; name: string }>(
    db,
    sql`select id, name from organisations where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, r.name]));
}

/** The ids among these that are organisations of the park of one of the kinds. */
export async function organisationsOfKinds(tx: Db, parkId: string, ids: readonly string[], kinds: readonly string[]) {
  if (ids.length === 0) return new Set<string>();
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from organisations where park_id = ${parkId} and id = any(${uuidArray(ids)})
         and kind = any(${textArray(kinds)})`,
  );
  return new Set(found.map((r) => r.id));
}

export interface JointValues {
  actionDate: string;
  title: string;
  leadOrganisationId: string;
  participantOrganisationIds: string[];
  targetEnterpriseIds: string[];
  results: string | null;
  resultCounts: { item: string; count: number; unit: string }[];
}

export async function insertJointAction(tx: Db, parkId: string, createdBy: string, v: JointValues, at: Date) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into joint_enforcement_actions (park_id, action_date, title, lead_organisation_id,
                                               participant_organisation_ids, target_enterprise_ids, results,
                                               result_counts, created_by, created_at, updated_at)
        values (${parkId}, ${v.actionDate}::date, ${v.title}, ${v.leadOrganisationId},
                ${uuidArray(v.participantOrganisationIds)}, ${uuidArray(v.targetEnterpriseIds)}, ${v.results},
                ${JSON.stringify(v.resultCounts)}::jsonb, ${createdBy}, ${at.toISOString()}::timestamptz,
                ${at.toISOString()}::timestamptz)
        returning id`,
  );
  return r!.id;
}

export async function updateJointAction(tx: Db, parkId: string, id: string, v: JointValues, at: Date) {
  await tx.execute(
    sql`update joint_enforcement_actions set action_date = ${v.actionDate}::date, title = ${v.title},
               lead_organisation_id = ${v.leadOrganisationId},
               participant_organisation_ids = ${uuidArray(v.participantOrganisationIds)},
               target_enterprise_ids = ${uuidArray(v.targetEnterpriseIds)}, results = ${v.results},
               result_counts = ${JSON.stringify(v.resultCounts)}::jsonb, updated_at = ${at.toISOString()}::timestamptz,
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

/** The park's organisations of these kinds, committee first, then by name. */
export async function unitsOfKinds(db: Db, parkId: string, kinds: readonly string[]) {
  return rows<{ id: string; name: string; kind: 'committee' | 'department' | 'village' }>(
    db,
    sql`select id, name, kind from organisations where park_id = ${parkId} and kind = any(${textArray(kinds)})
         order by (kind = 'committee') desc, (kind = 'department') desc, name`,
  );
}
