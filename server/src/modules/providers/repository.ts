// Queries of service providers: park-wide records (not enterprise-owned), so the scope is the actor's park. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProviderCreate, ProviderFilters } from '../../../../shared/src/providers';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { seal } from '../../platform/personal-data';

export interface ProviderRow {
  id: string;
  name: string;
  kinds: string[];
  credit_code: string | null;
  qualification: string | null;
  qualification_no: string | null;
  qualification_valid_until: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  note: string | null;
  active: boolean;
  updated_at: string | Date;
  row_version: number;
}

const COLUMNS = sql`p.id, p.name, p.kinds, p.credit_code, p.qualification, p.qualification_no,
  p.qualification_valid_until::text as qualification_valid_until, p.contact_person, p.contact_phone, p.note, p.active,
  p.updated_at, p.row_version`;

const kindsArray = (kinds: readonly string[]) => sql`${`{${kinds.join(',')}}`}::text[]`;

function where(actor: Actor, q: z.infer<typeof ProviderFilters>, today: string): SQL {
  const conds: SQL[] = [sql`p.park_id = ${actor.parkId}`];
  if (q.q) conds.push(sql`(p.name ilike ${likePattern(q.q)} or p.qualification ilike ${likePattern(q.q)})`);
  if (q.kind) conds.push(sql`p.kinds @> ${kindsArray([q.kind])}`);
  if (q.active !== undefined) conds.push(sql`p.active = ${q.active}`);
  if (q.expired === true) conds.push(sql`p.qualification_valid_until < ${today}::date`);
  if (q.expired === false)
    conds.push(sql`(p.qualification_valid_until is null or p.qualification_valid_until >= ${today}::date)`);
  return sql.join(conds, sql` and `);
}

export async function list(
  db: Db,
  actor: Actor,
  q: z.infer<typeof ProviderFilters> & { page: number; pageSize: number },
  today: string,
) {
  const w = where(actor, q, today);
  const items = await rows<ProviderRow & { total: number }>(
    db,
    sql`select ${COLUMNS}, count(*) over ()::int as total from service_providers p where ${w}
         order by p.active desc, p.name, p.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
  );
  let total = Number(items[0]?.total ?? 0);
  if (items.length === 0 && q.page > 1) {
    const [c] = await rows<{ n: number }>(db, sql`select count(*)::int as n from service_providers p where ${w}`);
    total = Number(c?.n ?? 0);
  }
  return { items, total };
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false): Promise<ProviderRow | null> {
  const [r] = await rows<ProviderRow>(
    db,
    sql`select ${COLUMNS} from service_providers p where p.park_id = ${actor.parkId} and p.id = ${id}
        ${forUpdate ? sql`for update of p` : sql``}`,
  );
  return r ?? null;
}

export async function nameTaken(db: Db, parkId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from service_providers where park_id = ${parkId} and name = ${name}
         ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return Boolean(r);
}

export async function insert(tx: Db, parkId: string, v: ProviderCreate, userId: string, at: Date): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into service_providers (park_id, name, kinds, credit_code, qualification, qualification_no,
                                       qualification_valid_until, contact_person, contact_phone, note, active,
                                       created_by, created_at, updated_at)
        values (${parkId}, ${v.name}, ${kindsArray(v.kinds)}, ${v.creditCode}, ${v.qualification}, ${v.qualificationNo},
                ${v.qualificationValidUntil}, ${v.contactPerson}, ${seal(v.contactPhone)}, ${v.note}, ${v.active},
                ${userId}, ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: ProviderCreate, at: Date): Promise<void> {
  await tx.execute(
    sql`update service_providers set name = ${v.name}, kinds = ${kindsArray(v.kinds)}, credit_code = ${v.creditCode},
               qualification = ${v.qualification}, qualification_no = ${v.qualificationNo},
               qualification_valid_until = ${v.qualificationValidUntil}, contact_person = ${v.contactPerson},
               contact_phone = ${seal(v.contactPhone)}, note = ${v.note}, active = ${v.active},
               updated_at = ${at.toISOString()}, row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}
