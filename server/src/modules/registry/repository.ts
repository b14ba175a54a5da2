import { and, asc, count, eq, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { enterprises } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { digest } from '../../platform/personal-data';
import { enterpriseScope } from '../../platform/scope';
import type { AttachedRow, KindDefinition } from './definitions';

// Drizzle's builder is typed per table; over the union of four tables we speak through this one narrow shape.
type Cols = { parkId: PgColumn; id: PgColumn; enterpriseId: PgColumn; updatedAt: PgColumn };
const cols = (def: KindDefinition) => def.table as unknown as Cols;

export interface ListFilter {
  enterpriseId?: string;
  due?: 'dueSoon' | 'overdue' | 'attention';
  q?: string;
  today: string;
  soonUntil: string;
}

function where(def: KindDefinition, actor: Actor, f: ListFilter): SQL {
  const t = cols(def);
  const conds: (SQL | undefined)[] = [enterpriseScope(actor, { parkId: t.parkId, enterpriseId: t.enterpriseId })];
  if (f.enterpriseId) conds.push(eq(t.enterpriseId, f.enterpriseId));
  if (f.q) {
    const like = def.searchColumns.map((c) => ilike(c, likePattern(f.q!)));
    // A sealed number is found only by its full value, through its keyed digest.
    if (def.sealed) like.push(eq(def.sealed.digestColumn, digest(f.q.trim())!));
    conds.push(or(...like));
  }
  if (f.due && def.dueColumn) {
    const d = def.dueColumn;
    if (f.due === 'overdue') conds.push(lt(d, f.today));
    if (f.due === 'dueSoon') conds.push(and(gte(d, f.today), lte(d, f.soonUntil)));
    if (f.due === 'attention') conds.push(lte(d, f.soonUntil));
    if (def.dueWhere) conds.push(def.dueWhere);
  }
  return and(...conds) as SQL;
}

export async function list(db: Db, def: KindDefinition, actor: Actor, f: ListFilter, page: number, pageSize: number) {
  const t = cols(def);
  const w = where(def, actor, f);
  const order = def.dueColumn && f.due ? [asc(def.dueColumn), asc(t.id)] : [asc(enterprises.name), asc(t.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select({ row: def.table, enterpriseName: enterprises.name })
      .from(def.table)
      .innerJoin(enterprises, and(eq(enterprises.parkId, t.parkId), eq(enterprises.id, t.enterpriseId)))
      .where(w)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(def.table).where(w),
  ]);
  return {
    rows: rows.map((r) => ({ row: r.row as unknown as AttachedRow, enterpriseName: r.enterpriseName })),
    total: Number(total?.n ?? 0),
  };
}

/** One record within the actor's scope, or null. */
export async function get(db: Db, def: KindDefinition, actor: Actor, id: string) {
  const t = cols(def);
  const [r] = await db
    .select({ row: def.table, enterpriseName: enterprises.name })
    .from(def.table)
    .innerJoin(enterprises, and(eq(enterprises.parkId, t.parkId), eq(enterprises.id, t.enterpriseId)))
    .where(and(enterpriseScope(actor, { parkId: t.parkId, enterpriseId: t.enterpriseId }), eq(t.id, id)));
  return r ? { row: r.row as unknown as AttachedRow, enterpriseName: r.enterpriseName } : null;
}

export async function insert(db: Db, def: KindDefinition, values: Record<string, unknown>): Promise<string> {
  const t = cols(def);
  const [r] = (await db
    .insert(def.table)
    .values(values as never)
    .returning({ id: t.id })) as { id: string }[];
  return r!.id;
}

export async function patch(db: Db, def: KindDefinition, parkId: string, id: string, values: Record<string, unknown>) {
  const t = cols(def);
  await db
    .update(def.table)
    .set({ ...values, updatedAt: sql`now()` } as never)
    .where(and(eq(t.parkId, parkId), eq(t.id, id)));
}

export async function remove(db: Db, def: KindDefinition, parkId: string, id: string) {
  const t = cols(def);
  await db.delete(def.table).where(and(eq(t.parkId, parkId), eq(t.id, id)));
}
