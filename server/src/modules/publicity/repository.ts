// Queries of publicity activities and their materials. No rules here; activities are the park's records.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { PublicityFilters } from '../../../../shared/src/activities';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export interface ActivityRow {
  id: string;
  kind: string;
  theme: string;
  starts_on: string;
  ends_on: string;
  places: string | null;
  organiser: string | null;
  participants: number;
  photo_ids: string[];
  summary: string | null;
  recorded_by_name: string | null;
  recorded_at: string | Date;
  row_version: number;
}
export interface MaterialRow {
  activity_id: string;
  kind: string;
  unit: string;
  quantity: number;
}

const COLUMNS = sql`a.id, a.kind, a.theme, a.starts_on::text as starts_on, a.ends_on::text as ends_on, a.places,
  a.organiser, a.participants, a.photo_ids, a.summary, a.recorded_by_name, a.recorded_at, a.row_version`;

export type Filters = Partial<z.infer<typeof PublicityFilters>>;

/** An activity is in a period when it overlaps it. */
function where(parkId: string, q: Filters): SQL {
  const conds: SQL[] = [sql`a.park_id = ${parkId}`];
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(a.theme ilike ${p} or a.places ilike ${p} or a.organiser ilike ${p})`);
  }
  if (q.kind) conds.push(sql`a.kind = ${q.kind}`);
  if (q.from) conds.push(sql`a.ends_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`a.starts_on <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, parkId: string, q: Filters & { page: number; pageSize: number; order: string }) {
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const w = where(parkId, q);
  const [items, [sum], materials] = await Promise.all([
    rows<ActivityRow>(
      db,
      sql`select ${COLUMNS} from publicity_activities a where ${w} order by a.starts_on ${dir}, a.id ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number; participants: number }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(a.participants), 0)::int as participants
            from publicity_activities a where ${w}`,
    ),
    materialTotals(db, w),
  ]);
  return { items, total: Number(sum?.n ?? 0), participants: Number(sum?.participants ?? 0), materials };
}

/** Quantities handed out by material kind over the activities matching the condition. */
export async function materialTotals(db: Db, w: SQL) {
  return rows<{ kind: string; unit: string; quantity: number }>(
    db,
    sql`select m.kind, min(m.unit) as unit, sum(m.quantity)::int as quantity
          from publicity_materials m join publicity_activities a on a.park_id = m.park_id and a.id = m.activity_id
         where ${w} group by m.kind order by sum(m.quantity) desc, m.kind`,
  );
}

/** Activities and participants by kind over the activities matching the condition. */
export async function byKind(db: Db, w: SQL) {
  return rows<{ kind: string; n: number; participants: number }>(
    db,
    sql`select a.kind, count(*)::int as n, coalesce(sum(a.participants), 0)::int as participants
          from publicity_activities a where ${w} group by a.kind`,
  );
}

export const periodWhere = (parkId: string, from: string, to: string) => where(parkId, { from, to });

export async function all(db: Db, parkId: string, q: Filters) {
  return rows<ActivityRow>(
    db,
    sql`select ${COLUMNS} from publicity_activities a where ${where(parkId, q)} order by a.starts_on desc, a.id
         limit 50000`,
  );
}

export async function get(db: Db, parkId: string, id: string, forUpdate = false): Promise<ActivityRow | null> {
  const [r] = await rows<ActivityRow>(
    db,
    sql`select ${COLUMNS} from publicity_activities a where a.park_id = ${parkId} and a.id = ${id}
        ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

export async function materialsOf(db: Db, parkId: string, ids: readonly string[]): Promise<MaterialRow[]> {
  if (ids.length === 0) return [];
  return rows<MaterialRow>(
    db,
    sql`select activity_id, kind, unit, quantity from publicity_materials
         where park_id = ${parkId} and activity_id = any(${uuidArray(ids)}) order by activity_id, position`,
  );
}

export async function titles(db: Db, parkId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return rows<{ id: string; theme: string; starts_on: string }>(
    db,
    sql`select id, theme, starts_on::text as starts_on from publicity_activities
         where park_id = ${parkId} and id = any(${uuidArray(ids)})`,
  );
}

export async function search(db: Db, parkId: string, q: string | null) {
  return rows<{ id: string; theme: string; starts_on: string }>(
    db,
    sql`select id, theme, starts_on::text as starts_on from publicity_activities
         where park_id = ${parkId} ${q ? sql`and theme ilike ${likePattern(q)}` : sql``}
         order by starts_on desc limit 30`,
  );
}

export async function extraKinds(db: Db, parkId: string) {
  return rows<{ name: string; unit: string }>(
    db,
    sql`select name, unit from publicity_material_kinds where park_id = ${parkId} order by created_at, name`,
  );
}

export async function insertKind(tx: Db, parkId: string, name: string, unit: string): Promise<boolean> {
  const r = await rows<{ name: string }>(
    tx,
    sql`insert into publicity_material_kinds (park_id, name, unit) values (${parkId}, ${name}, ${unit})
        on conflict do nothing returning name`,
  );
  return r.length > 0;
}

export interface Values {
  kind: string;
  theme: string;
  startsOn: string;
  endsOn: string;
  places: string | null;
  organiser: string | null;
  participants: number;
  photoIds: string[];
  summary: string | null;
}

export async function insert(tx: Db, parkId: string, v: Values, by: { userId: string; name: string }, at: Date) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into publicity_activities (park_id, kind, theme, starts_on, ends_on, places, organiser, participants,
                                          photo_ids, summary, recorded_by, recorded_by_name, recorded_at, updated_at)
        values (${parkId}, ${v.kind}, ${v.theme}, ${v.startsOn}, ${v.endsOn}, ${v.places}, ${v.organiser},
                ${v.participants}, ${uuidArray(v.photoIds)}, ${v.summary}, ${by.userId}, ${by.name},
                ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: Values, at: Date): Promise<void> {
  await tx.execute(
    sql`update publicity_activities set kind = ${v.kind}, theme = ${v.theme}, starts_on = ${v.startsOn},
               ends_on = ${v.endsOn}, places = ${v.places}, organiser = ${v.organiser}, participants = ${v.participants},
               photo_ids = ${uuidArray(v.photoIds)}, summary = ${v.summary}, updated_at = ${at.toISOString()},
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function replaceMaterials(
  tx: Db,
  parkId: string,
  activityId: string,
  lines: { kind: string; unit: string; quantity: number }[],
): Promise<void> {
  await tx.execute(sql`delete from publicity_materials where park_id = ${parkId} and activity_id = ${activityId}`);
  for (const [i, l] of lines.entries()) {
    await tx.execute(
      sql`insert into publicity_materials (park_id, activity_id, position, kind, unit, quantity)
          values (${parkId}, ${activityId}, ${i + 1}, ${l.kind}, ${l.unit}, ${l.quantity})`,
    );
  }
}
