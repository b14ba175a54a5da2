// Queries behind the documents: the scoped hazards a notice lists, the facts of a re-check, the issuer, and the
// register of issued numbers (what each covers, what it said, and whether it was voided). No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { DocumentKind } from '../../../../shared/src/documents';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { enterpriseScopeSql } from '../../platform/scope';

export interface DocHazard {
  id: string;
  serial: string;
  enterprise_id: string;
  inspection_id: string | null;
  description: string;
  location: string | null;
  basis: string | null;
  requirement: string | null;
  deadline: string | null;
  grade: 'general' | 'major';
  status: 'assigned' | 'rectifying' | 'submitted' | 'closed';
  found_on: string;
  criterion_standard: string | null;
  criterion_article: string | null;
}

const HAZARD_COLUMNS = sql`h.id, h.serial, h.enterprise_id, h.inspection_id, h.description, h.location, h.basis,
  h.requirement, h.deadline::text as deadline, h.grade, h.status, h.found_on::text as found_on,
  c.standard as criterion_standard, c.article as criterion_article`;

function selectHazards(tx: Db, actor: Actor, where: SQL, limit: number) {
  return rows<DocHazard>(
    tx,
    sql`select ${HAZARD_COLUMNS}
          from hazards h left join major_hazard_criteria c on c.id = h.criterion_id
         where ${enterpriseScopeSql(actor, 'h')} and ${where}
         order by h.found_on, h.serial
         limit ${limit}`,
  );
}

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The named hazards of this enterprise that the actor may see (others are simply not returned). */
export function hazardsByIds(tx: Db, actor: Actor, enterpriseId: string, ids: string[]) {
  return selectHazards(tx, actor, sql`h.enterprise_id = ${enterpriseId} and h.id in (${uuidList(ids)})`, ids.length);
}

/** Open hazards of the enterprise, of one inspection when given. */
export function openHazards(tx: Db, actor: Actor, enterpriseId: string, inspectionId: string | null, limit: number) {
  return selectHazards(
    tx,
    actor,
    sql`h.enterprise_id = ${enterpriseId} and h.status <> 'closed'
        ${inspectionId ? sql`and h.inspection_id = ${inspectionId}` : sql``}`,
    limit,
  );
}

export async function hazardById(tx: Db, actor: Actor, id: string): Promise<DocHazard | null> {
  const [h] = await selectHazards(tx, actor, sql`h.id = ${id}`, 1);
  return h ?? null;
}

export interface EnterpriseFacts {
  id: string;
  name: string;
  credit_code: string;
  address: string | null;
  principal_name: string | null;
}

export async function enterprise(tx: Db, parkId: string, id: string): Promise<EnterpriseFacts | null> {
  const [e] = await rows<EnterpriseFacts>(
    tx,
    sql`select id, name, credit_code, address, principal_name from enterprises where park_id = ${parkId} and id = ${id}`,
  );
  return e ?? null;
}

export interface InspectionFacts {
  id: string;
  enterprise_id: string;
  inspected_on: string;
  /** Everyone named on the record, in its order: user inspectors by display name, then outside inspectors. */
  inspectors: string[];
}

export async function inspection(tx: Db, actor: Actor, id: string): Promise<InspectionFacts | null> {
  const [i] = await rows<InspectionFacts>(
    tx,
    sql`select i.id, i.enterprise_id, i.inspected_on::text as inspected_on,
               array(select u.display_name from unnest(i.inspector_ids) with ordinality as x(id, n)
                       join users u on u.park_id = i.park_id and u.id = x.id
                      order by x.n) || i.inspector_names as inspectors
          from inspections i where i.id = ${id} and ${enterpriseScopeSql(actor, 'i')}`,
  );
  return i ?? null;
}

export interface RecheckFacts {
  /** The re-check event: an opinion states one re-check (its subject). */
  id: string;
  action: 'recheckPass' | 'recheckFail';
  reason: string | null;
  actor_name: string | null;
  at: string | Date;
  /** The submission re-checked: when, and how many after-photos it had. */
  submitted_at: string | Date | null;
  evidence_count: number;
}

/** The hazard's latest re-check and the submission before it. */
export async function latestRecheck(tx: Db, parkId: string, hazardId: string): Promise<RecheckFacts | null> {
  const [r] = await rows<RecheckFacts>(
    tx,
    sql`select r.id, r.action, r.reason, r.actor_name, r.occurred_at as at,
               s.occurred_at as submitted_at, coalesce(jsonb_array_length(s.evidence), 0)::int as evidence_count
          from hazard_events r
          left join lateral (
            select e.occurred_at, e.evidence from hazard_events e
             where e.park_id = r.park_id and e.hazard_id = r.hazard_id and e.action = 'submit' and e.seq < r.seq
             order by e.seq desc limit 1) s on true
         where r.park_id = ${parkId} and r.hazard_id = ${hazardId} and r.action in ('recheckPass', 'recheckFail')
         order by r.seq desc limit 1`,
  );
  return r ?? null;
}

/** The issuing body: the park's committee organisation, and the park's name for the number prefix. */
export async function issuer(tx: Db, parkId: string): Promise<{ park: string; committee: string | null }> {
  const [r] = await rows<{ park: string; committee: string | null }>(
    tx,
    sql`select p.name as park,
               (select o.name from organisations o where o.park_id = p.id and o.kind = 'committee' and not o.disabled
                 order by o.created_at limit 1) as committee
          from parks p where p.id = ${parkId}`,
  );
  return r ?? { park: '', committee: null };
}

/** The latest live (not voided) rectification notice that listed this hazard (to cite in its re-check opinion). */
export async function noticeListing(tx: Db, parkId: string, hazardId: string): Promise<string | null> {
  const [r] = await rows<{ doc_no: string }>(
    tx,
    sql`select doc_no from issued_documents
         where park_id = ${parkId} and kind = 'rectificationNotice' and hazard_ids @> array[${hazardId}::uuid]
           and voided_at is null
         order by issued_at desc limit 1`,
  );
  return r?.doc_no ?? null;
}

export interface Subject {
  kind: DocumentKind;
  enterpriseId: string;
  /** What the document covers within its kind and enterprise (see issued_documents.subject_key). */
  key: string;
}

/**
 * Serialises the issuing of one subject's document until the transaction ends: a second first download waits here,
 * then finds the number the first one took (the unique index issued_documents_live_subject backs this up).
 */
export async function lockSubject(tx: Db, parkId: string, s: Subject) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(1214, hashtext(${`${parkId}|${s.kind}|${s.enterpriseId}|${s.key}`}))`,
  );
}

export interface IssuedRow {
  id: string;
  park_id: string;
  kind: DocumentKind;
  doc_no: string;
  enterprise_id: string;
  enterprise_name: string;
  inspection_id: string | null;
  hazard_ids: string[];
  subject_key: string | null;
  content: unknown;
  issued_at: string | Date;
  issued_by_name: string | null;
  voided_at: string | Date | null;
  voided_by_name: string | null;
  void_reason: string | null;
  replaced_by: string | null;
  replaced_by_no: string | null;
}

const ISSUED_COLUMNS = sql`d.id, d.park_id, d.kind, d.doc_no, d.enterprise_id, e.name as enterprise_name, d.inspection_id,
  d.hazard_ids, d.subject_key, d.content, d.issued_at, iu.display_name as issued_by_name, d.voided_at,
  vu.display_name as voided_by_name, d.void_reason, d.replaced_by, r.doc_no as replaced_by_no`;
const ISSUED_FROM = sql`issued_documents d
  join enterprises e on e.park_id = d.park_id and e.id = d.enterprise_id
  left join users iu on iu.id = d.issued_by
  left join users vu on vu.id = d.voided_by
  left join issued_documents r on r.park_id = d.park_id and r.id = d.replaced_by`;

/** The live document of a subject, if one was issued. */
export async function liveDocument(tx: Db, parkId: string, s: Subject): Promise<IssuedRow | null> {
  const [r] = await rows<IssuedRow>(
    tx,
    sql`select ${ISSUED_COLUMNS} from ${ISSUED_FROM}
         where d.park_id = ${parkId} and d.kind = ${s.kind} and d.enterprise_id = ${s.enterpriseId}
           and d.subject_key = ${s.key} and d.voided_at is null`,
  );
  return r ?? null;
}

/** One register entry within the actor's data scope (by its enterprise). */
export async function issuedById(tx: Db, actor: Actor, id: string, forUpdate = false): Promise<IssuedRow | null> {
  const [r] = await rows<IssuedRow>(
    tx,
    sql`select ${ISSUED_COLUMNS} from ${ISSUED_FROM}
         where d.id = ${id} and ${enterpriseScopeSql(actor, 'd')}
         ${forUpdate ? sql`for update of d` : sql``}`,
  );
  return r ?? null;
}

/** The register (发文登记) within the actor's scope, newest first: of one enterprise, inspection or hazard. */
export async function listIssued(
  tx: Db,
  actor: Actor,
  q: {
    enterpriseId?: string;
    inspectionId?: string;
    hazardId?: string;
    kind?: DocumentKind;
    page: number;
    pageSize: number;
  },
) {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'd')];
  if (q.enterpriseId) conds.push(sql`d.enterprise_id = ${q.enterpriseId}`);
  if (q.inspectionId) conds.push(sql`d.inspection_id = ${q.inspectionId}`);
  if (q.hazardId) conds.push(sql`d.hazard_ids @> array[${q.hazardId}::uuid]`);
  if (q.kind) conds.push(sql`d.kind = ${q.kind}`);
  const where = sql.join(conds, sql` and `);
  const [items, total] = await Promise.all([
    rows<IssuedRow>(
      tx,
      sql`select ${ISSUED_COLUMNS} from ${ISSUED_FROM} where ${where}
           order by d.issued_at desc, d.doc_no desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(tx, sql`select count(*)::int as n from issued_documents d where ${where}`),
  ]);
  return { items, total: Number(total[0]?.n ?? 0) };
}

/** Voids a live document (re-issue): its number is kept in the register as voided, pointing at its replacement. */
export async function voidDocument(
  tx: Db,
  parkId: string,
  id: string,
  v: { by: string; at: Date; reason: string; replacedBy: string | null },
) {
  await tx.execute(
    sql`update issued_documents
           set voided_at = ${v.at.toISOString()}::timestamptz, voided_by = ${v.by}, void_reason = ${v.reason},
               replaced_by = ${v.replacedBy}
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function setReplacement(tx: Db, parkId: string, id: string, replacedBy: string) {
  await tx.execute(
    sql`update issued_documents set replaced_by = ${replacedBy} where park_id = ${parkId} and id = ${id}`,
  );
}

export async function insertIssued(
  tx: Db,
  v: {
    parkId: string;
    kind: DocumentKind;
    docNo: string;
    enterpriseId: string;
    inspectionId: string | null;
    hazardIds: string[];
    issuedBy: string;
    issuedAt: Date;
    subjectKey: string;
    content: unknown;
  },
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into issued_documents (park_id, kind, doc_no, enterprise_id, inspection_id, hazard_ids, issued_by, issued_at,
                                      subject_key, content)
        values (${v.parkId}, ${v.kind}, ${v.docNo}, ${v.enterpriseId}, ${v.inspectionId},
                array[${uuidList(v.hazardIds)}]::uuid[], ${v.issuedBy}, ${v.issuedAt.toISOString()}::timestamptz,
                ${v.subjectKey}, ${JSON.stringify(v.content)}::jsonb)
        returning id`,
  );
  return r!.id;
}
