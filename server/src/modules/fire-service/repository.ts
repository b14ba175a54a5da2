// Queries of the third-party fire service: contracts (park records, the committee's), visits (records of an
// enterprise, scoped like hazards) and the findings that link a visit to its hazards. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ContractFilters, VisitFilters } from '../../../../shared/src/fire-service';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

// ---------------------------------------------------------------------------------------------------- contracts

export interface ContractRow {
  id: string;
  serial: string;
  title: string;
  contract_no: string | null;
  provider_id: string;
  provider_name: string;
  provider_valid_until: string | null;
  signed_on: string | null;
  starts_on: string;
  ends_on: string;
  amount: string;
  content: string;
  covers_all: boolean;
  enterprise_ids: string[];
  note: string | null;
  file_ids: string[];
  visits: number;
  findings: number;
  created_at: string | Date;
  row_version: number;
}

const CONTRACT_COLUMNS = sql`c.id, c.serial, c.title, c.contract_no, c.provider_id, p.name as provider_name,
  p.qualification_valid_until::text as provider_valid_until, c.signed_on::text as signed_on,
  c.starts_on::text as starts_on, c.ends_on::text as ends_on, c.amount::text as amount, c.content, c.covers_all,
  c.enterprise_ids, c.note, c.file_ids, c.created_at, c.row_version,
  (select count(*)::int from fire_service_visits v where v.park_id = c.park_id and v.contract_id = c.id) as visits,
  (select count(*)::int from fire_service_findings f join fire_service_visits v
      on v.park_id = f.park_id and v.id = f.visit_id
    where v.park_id = c.park_id and v.contract_id = c.id) as findings`;
const CONTRACT_FROM = sql`fire_service_contracts c
  join service_providers p on p.park_id = c.park_id and p.id = c.provider_id`;

function contractWhere(parkId: string, q: z.infer<typeof ContractFilters>): SQL {
  const conds: SQL[] = [sql`c.park_id = ${parkId}`];
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(sql`(c.title ilike ${like} or c.contract_no ilike ${like} or p.name ilike ${like})`);
  }
  if (q.providerId) conds.push(sql`c.provider_id = ${q.providerId}`);
  if (q.activeOn) conds.push(sql`${q.activeOn}::date between c.starts_on and c.ends_on`);
  return sql.join(conds, sql` and `);
}

export async function listContracts(
  db: Db,
  parkId: string,
  q: z.infer<typeof ContractFilters> & { page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  const w = contractWhere(parkId, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const items = await rows<ContractRow & { total: number }>(
    db,
    sql`select ${CONTRACT_COLUMNS}, count(*) over ()::int as total from ${CONTRACT_FROM} where ${w}
         order by c.starts_on ${dir}, c.serial ${dir} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  let total = Number(items[0]?.total ?? 0);
  if (items.length === 0 && q.page > 1) {
    const [n] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${CONTRACT_FROM} where ${w}`);
    total = Number(n?.n ?? 0);
  }
  return { items, total };
}

export async function getContract(db: Db, parkId: string, id: string, forUpdate = false): Promise<ContractRow | null> {
  const [r] = await rows<ContractRow>(
    db,
    sql`select ${CONTRACT_COLUMNS} from ${CONTRACT_FROM} where c.park_id = ${parkId} and c.id = ${id}
        ${forUpdate ? sql`for update of c` : sql``}`,
  );
  return r ?? null;
}

export async function enterpriseNames(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const found = await rows<{ id: string; name: string }>(
    db,
    sql`select id, name from enterprises where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
  return new Map(found.map((r) => [r.id, r.name]));
}

export interface ContractValues {
  title: string;
  contractNo: string | null;
  providerId: string;
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  amount: number;
  content: string;
  coversAll: boolean;
  enterpriseIds: string[];
  note: string | null;
  /** The attachments (checked park files of kind fireServiceContract). */
  fileIds: string[];
}

export async function insertContract(
  tx: Db,
  parkId: string,
  serial: string,
  v: ContractValues,
  userId: string,
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into fire_service_contracts (park_id, serial, title, contract_no, provider_id, signed_on, starts_on,
                                            ends_on, amount, content, covers_all, enterprise_ids, note, file_ids,
                                            created_by, created_at, updated_at)
        values (${parkId}, ${serial}, ${v.title}, ${v.contractNo}, ${v.providerId}, ${v.signedOn}, ${v.startsOn},
                ${v.endsOn}, ${v.amount.toFixed(2)}, ${v.content}, ${v.coversAll},
                ${uuidArray(v.coversAll ? [] : v.enterpriseIds)}, ${v.note}, ${uuidArray(v.fileIds)}, ${userId},
                ${at.toISOString()},
                ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function updateContract(tx: Db, parkId: string, id: string, v: ContractValues, at: Date) {
  await tx.execute(
    sql`update fire_service_contracts set title = ${v.title}, contract_no = ${v.contractNo},
               provider_id = ${v.providerId}, signed_on = ${v.signedOn}, starts_on = ${v.startsOn},
               ends_on = ${v.endsOn}, amount = ${v.amount.toFixed(2)}, content = ${v.content},
               covers_all = ${v.coversAll}, enterprise_ids = ${uuidArray(v.coversAll ? [] : v.enterpriseIds)},
               note = ${v.note}, file_ids = ${uuidArray(v.fileIds)}, updated_at = ${at.toISOString()},
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

/** Enterprises already visited under the contract that a new enterprise list would leave out. */
export async function visitedOutside(tx: Db, parkId: string, contractId: string, keep: readonly string[]) {
  return rows<{ name: string }>(
    tx,
    sql`select distinct e.name from fire_service_visits v join enterprises e on e.id = v.enterprise_id
         where v.park_id = ${parkId} and v.contract_id = ${contractId}
           and not (v.enterprise_id = any(${uuidArray(keep)})) order by e.name`,
  );
}

/** Days of visits outside a new period (they were recorded inside the old one). */
export async function visitsOutsidePeriod(tx: Db, parkId: string, contractId: string, from: string, to: string) {
  const [r] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from fire_service_visits
         where park_id = ${parkId} and contract_id = ${contractId} and not outside_period
           and (visited_on < ${from}::date or visited_on > ${to}::date)`,
  );
  return Number(r?.n ?? 0);
}

// ------------------------------------------------------------------------------------------------------- visits

export interface VisitRow {
  id: string;
  serial: string;
  contract_id: string;
  contract_title: string;
  provider_name: string;
  enterprise_id: string;
  enterprise_name: string;
  area: string | null;
  visited_on: string;
  provider_staff: string[];
  content: string;
  outside_period: boolean;
  findings: number;
  rectified: number;
  recorded_by_name: string | null;
  recorded_at: string | Date;
}

const VISIT_COLUMNS = sql`v.id, v.serial, v.contract_id, c.title as contract_title, p.name as provider_name,
  v.enterprise_id, e.name as enterprise_name, e.area, v.visited_on::text as visited_on, v.provider_staff, v.content,
  v.outside_period, v.recorded_by_name, v.recorded_at,
  coalesce(n.findings, 0)::int as findings, coalesce(n.rectified, 0)::int as rectified`;
const VISIT_FROM = sql`fire_service_visits v
  join fire_service_contracts c on c.park_id = v.park_id and c.id = v.contract_id
  join service_providers p on p.park_id = c.park_id and p.id = c.provider_id
  join enterprises e on e.park_id = v.park_id and e.id = v.enterprise_id
  left join lateral (
    select count(*) as findings, count(*) filter (where h.status = 'closed') as rectified
      from fire_service_findings f join hazards h on h.park_id = f.park_id and h.id = f.hazard_id
     where f.park_id = v.park_id and f.visit_id = v.id) n on true`;

function visitWhere(actor: Actor, q: z.infer<typeof VisitFilters>): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'v')];
  if (q.contractId) conds.push(sql`v.contract_id = ${q.contractId}`);
  if (q.enterpriseId) conds.push(sql`v.enterprise_id = ${q.enterpriseId}`);
  if (q.area) conds.push(sql`e.area = ${q.area}`);
  if (q.from) conds.push(sql`v.visited_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`v.visited_on <= ${q.to}::date`);
  if (q.open === 'true') conds.push(sql`coalesce(n.findings, 0) > coalesce(n.rectified, 0)`);
  if (q.open === 'false') conds.push(sql`coalesce(n.findings, 0) = coalesce(n.rectified, 0)`);
  return sql.join(conds, sql` and `);
}

export async function listVisits(
  db: Db,
  actor: Actor,
  q: z.infer<typeof VisitFilters> & { page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  const w = visitWhere(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, totals] = await Promise.all([
    rows<VisitRow>(
      db,
      sql`select ${VISIT_COLUMNS} from ${VISIT_FROM} where ${w}
           order by v.visited_on ${dir}, v.serial ${dir} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ visits: number; findings: number; rectified: number }>(
      db,
      sql`select count(*)::int as visits, coalesce(sum(n.findings), 0)::int as findings,
                 coalesce(sum(n.rectified), 0)::int as rectified
            from ${VISIT_FROM} where ${w}`,
    ),
  ]);
  const t = totals[0] ?? { visits: 0, findings: 0, rectified: 0 };
  return {
    items,
    totals: { visits: Number(t.visits), findings: Number(t.findings), rectified: Number(t.rectified) },
  };
}

export async function allVisits(db: Db, actor: Actor, q: z.infer<typeof VisitFilters>, limit: number) {
  return rows<VisitRow>(
    db,
    sql`select ${VISIT_COLUMNS} from ${VISIT_FROM} where ${visitWhere(actor, q)}
         order by v.visited_on desc, v.serial desc limit ${limit}`,
  );
}

export async function getVisit(db: Db, actor: Actor, id: string): Promise<VisitRow | null> {
  const [r] = await rows<VisitRow>(
    db,
    sql`select ${VISIT_COLUMNS} from ${VISIT_FROM} where v.id = ${id} and ${enterpriseScopeSql(actor, 'v')}`,
  );
  return r ?? null;
}

export interface FindingRow {
  visit_id: string;
  hazard_id: string;
  serial: string;
  problem: string;
  description: string;
  location: string | null;
  grade: string;
  status: string;
  deadline: string | null;
}

export async function findingsOf(db: Db, parkId: string, visitIds: readonly string[]): Promise<FindingRow[]> {
  if (visitIds.length === 0) return [];
  return rows<FindingRow>(
    db,
    sql`select f.visit_id, h.id as hazard_id, h.serial, f.problem, h.description, h.location, h.grade, h.status,
               h.deadline::text as deadline
          from fire_service_findings f join hazards h on h.park_id = f.park_id and h.id = f.hazard_id
         where f.park_id = ${parkId} and f.visit_id = any(${uuidArray(visitIds)})
         order by f.visit_id, f.position`,
  );
}

export interface VisitValues {
  contractId: string;
  enterpriseId: string;
  visitedOn: string;
  providerStaff: string[];
  content: string;
  outsidePeriod: boolean;
}

export async function insertVisit(
  tx: Db,
  parkId: string,
  serial: string,
  v: VisitValues,
  by: { userId: string; name: string },
  at: Date,
): Promise<string> {
  const staff = sql`${`{${v.providerStaff.map((s) => `"${s.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`;
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into fire_service_visits (park_id, serial, contract_id, enterprise_id, visited_on, provider_staff,
                                         content, outside_period, recorded_by, recorded_by_name, recorded_at)
        values (${parkId}, ${serial}, ${v.contractId}, ${v.enterpriseId}, ${v.visitedOn}, ${staff}, ${v.content},
                ${v.outsidePeriod}, ${by.userId}, ${by.name}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function insertFinding(
  tx: Db,
  parkId: string,
  visitId: string,
  hazardId: string,
  problem: string,
  position: number,
) {
  await tx.execute(
    sql`insert into fire_service_findings (park_id, visit_id, hazard_id, problem, position)
        values (${parkId}, ${visitId}, ${hazardId}, ${problem}, ${position})`,
  );
}

/** Contracts as the funds ledger names them (serial and title), by id or search, in the park. */
export async function contractTitles(db: Db, parkId: string, by: { ids?: readonly string[]; q?: string | null }) {
  if (by.ids && by.ids.length === 0) return [];
  return rows<{ id: string; title: string }>(
    db,
    sql`select c.id, c.serial || ' ' || c.title as title from fire_service_contracts c where c.park_id = ${parkId}
         ${by.ids ? sql`and c.id = any(${uuidArray(by.ids)})` : sql``}
         ${by.q ? sql`and (c.title ilike ${likePattern(by.q)} or c.serial ilike ${likePattern(by.q)})` : sql``}
         order by c.starts_on desc limit ${by.ids ? by.ids.length : 30}`,
  );
}
