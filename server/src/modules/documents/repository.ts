// Queries behind the documents: the scoped hazards a notice lists, the facts of a re-check, the issuer, and the
// register of issued numbers. No rules here.
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
  inspector_names: string[];
}

export async function inspection(tx: Db, actor: Actor, id: string): Promise<InspectionFacts | null> {
  const [i] = await rows<InspectionFacts>(
    tx,
    sql`select i.id, i.enterprise_id, i.inspected_on::text as inspected_on, i.inspector_names
          from inspections i where i.id = ${id} and ${enterpriseScopeSql(actor, 'i')}`,
  );
  return i ?? null;
}

export interface RecheckFacts {
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
    sql`select r.action, r.reason, r.actor_name, r.at,
               s.at as submitted_at, coalesce(jsonb_array_length(s.evidence), 0)::int as evidence_count
          from hazard_events r
          left join lateral (
            select e.at, e.evidence from hazard_events e
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

/** The latest rectification notice that listed this hazard (to cite in its re-check opinion). */
export async function noticeListing(tx: Db, parkId: string, hazardId: string): Promise<string | null> {
  const [r] = await rows<{ doc_no: string }>(
    tx,
    sql`select doc_no from issued_documents
         where park_id = ${parkId} and kind = 'rectificationNotice' and hazard_ids @> array[${hazardId}::uuid]
         order by issued_at desc limit 1`,
  );
  return r?.doc_no ?? null;
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
  },
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into issued_documents (park_id, kind, doc_no, enterprise_id, inspection_id, hazard_ids, issued_by, issued_at)
        values (${v.parkId}, ${v.kind}, ${v.docNo}, ${v.enterpriseId}, ${v.inspectionId},
                array[${uuidList(v.hazardIds)}]::uuid[], ${v.issuedBy}, ${v.issuedAt.toISOString()}::timestamptz)
        returning id`,
  );
  return r!.id;
}
