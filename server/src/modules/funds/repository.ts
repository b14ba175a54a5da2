// Queries of the special-funds ledger (fund_expenses). No rules here; the committee's ledger is scoped by park.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { FundFilters } from '../../../../shared/src/activities';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export interface FundRow {
  id: string;
  serial: string;
  purpose: string;
  amount: string;
  paid_on: string;
  supplier: string | null;
  description: string;
  subject_kind: string | null;
  subject_id: string | null;
  from_subject: boolean;
  attachment_ids: string[];
  recorded_by_name: string | null;
  recorded_at: string | Date;
  row_version: number;
}

const COLUMNS = sql`f.id, f.serial, f.purpose, f.amount::text as amount, f.paid_on::text as paid_on, f.supplier,
  f.description, f.subject_kind, f.subject_id, f.from_subject, f.attachment_ids, f.recorded_by_name, f.recorded_at, f.row_version`;

export type Filters = Partial<z.infer<typeof FundFilters>>;

function where(parkId: string, q: Filters): SQL {
  const conds: SQL[] = [sql`f.park_id = ${parkId}`];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(f.serial ilike ${p} or f.description ilike ${p} or f.supplier ilike ${p})`);
  }
  if (q.purpose) conds.push(sql`f.purpose = ${q.purpose}`);
  if (q.subjectKind) conds.push(sql`f.subject_kind = ${q.subjectKind}`);
  if (q.subjectId) conds.push(sql`f.subject_id = ${q.subjectId}`);
  if (q.from) conds.push(sql`f.paid_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`f.paid_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, parkId: string, q: Filters & { page: number; pageSize: number; order: string }) {
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const w = where(parkId, q);
  const [items, byPurpose] = await Promise.all([
    rows<FundRow>(
      db,
      sql`select ${COLUMNS} from fund_expenses f where ${w} order by f.paid_on ${dir}, f.serial ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    totals(db, w),
  ]);
  return { items, byPurpose };
}

/** Sum and count by purpose of the rows matching the condition (the ledger's totals, the figures). */
export async function totals(db: Db, w: SQL) {
  return rows<{ purpose: string; amount: string; n: number }>(
    db,
    sql`select f.purpose, sum(f.amount)::text as amount, count(*)::int as n from fund_expenses f where ${w}
         group by f.purpose`,
  );
}

export const periodWhere = (parkId: string, from: string, to: string) => where(parkId, { from, to });

export async function all(db: Db, parkId: string, q: Filters) {
  return rows<FundRow>(
    db,
    sql`select ${COLUMNS} from fund_expenses f where ${where(parkId, q)} order by f.paid_on desc, f.serial desc
         limit 50000`,
  );
}

export async function get(db: Db, parkId: string, id: string, forUpdate = false): Promise<FundRow | null> {
  const [r] = await rows<FundRow>(
    db,
    sql`select ${COLUMNS} from fund_expenses f where f.park_id = ${parkId} and f.id = ${id}
        ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

/** Total spent on each of the subjects of a kind. */
export async function spentOn(db: Db, parkId: string, kind: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const found = await rows<{ subject_id: string; amount: string }>(
    db,
    sql`select subject_id, sum(amount)::text as amount from fund_expenses
         where park_id = ${parkId} and subject_kind = ${kind} and subject_id = any(${uuidArray(ids)})
         group by subject_id`,
  );
  return new Map(found.map((r) => [r.subject_id, Number(r.amount)]));
}

/** The entry recorded from a subject (at most one per subject), locked for an update. */
export async function fromSubject(tx: Db, parkId: string, kind: string, id: string): Promise<FundRow | null> {
  const [r] = await rows<FundRow>(
    tx,
    sql`select ${COLUMNS} from fund_expenses f
         where f.park_id = ${parkId} and f.subject_kind = ${kind} and f.subject_id = ${id} and f.from_subject
         for update`,
  );
  return r ?? null;
}

/** Inserts the entry recorded from its subject; null when the subject has one already (the partial unique index). */
export async function insertFromSubject(
  tx: Db,
  parkId: string,
  serial: string,
  v: Values,
  by: { userId: string; name: string },
  at: Date,
): Promise<string | null> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into fund_expenses (park_id, serial, purpose, amount, paid_on, supplier, description, subject_kind,
                                   subject_id, from_subject, attachment_ids, recorded_by, recorded_by_name, recorded_at,
                                   updated_at)
        values (${parkId}, ${serial}, ${v.purpose}, ${v.amount}, ${v.paidOn}, ${v.supplier}, ${v.description},
                ${v.subjectKind}, ${v.subjectId}, true, ${uuidArray(v.attachmentIds)}, ${by.userId}, ${by.name},
                ${at.toISOString()}, ${at.toISOString()})
        on conflict (park_id, subject_kind, subject_id) where from_subject do nothing
        returning id`,
  );
  return r?.id ?? null;
}

export interface Values {
  purpose: string;
  amount: number;
  paidOn: string;
  supplier: string | null;
  description: string;
  subjectKind: string | null;
  subjectId: string | null;
  attachmentIds: string[];
}

export async function insert(
  tx: Db,
  parkId: string,
  serial: string,
  v: Values,
  by: { userId: string; name: string },
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into fund_expenses (park_id, serial, purpose, amount, paid_on, supplier, description, subject_kind,
                                   subject_id, attachment_ids, recorded_by, recorded_by_name, recorded_at, updated_at)
        values (${parkId}, ${serial}, ${v.purpose}, ${v.amount}, ${v.paidOn}, ${v.supplier}, ${v.description},
                ${v.subjectKind}, ${v.subjectId}, ${uuidArray(v.attachmentIds)}, ${by.userId}, ${by.name},
                ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: Values, at: Date): Promise<void> {
  await tx.execute(
    sql`update fund_expenses set purpose = ${v.purpose}, amount = ${v.amount}, paid_on = ${v.paidOn},
               supplier = ${v.supplier}, description = ${v.description}, subject_kind = ${v.subjectKind},
               subject_id = ${v.subjectId}, attachment_ids = ${uuidArray(v.attachmentIds)},
               updated_at = ${at.toISOString()}, row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}
