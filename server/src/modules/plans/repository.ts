// Queries of the work plan (work_plan_items, work_plan_links). No rules here; every query is scoped by park.
import { type SQL, sql } from 'drizzle-orm';
import type { PlanLinkKind } from '../../../../shared/src/plans';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export interface ItemRow {
  id: string;
  year: number;
  quarter: number | null;
  kind: string;
  title: string;
  content: string | null;
  owner_unit: string;
  owner_organisation_id: string | null;
  due_on: string;
  season: string | null;
  created_at: string | Date;
  row_version: number;
}

export interface LinkRow {
  item_id: string;
  record_kind: PlanLinkKind;
  record_id: string;
  linked_at: string | Date;
}

const COLUMNS = sql`p.id, p.year, p.quarter, p.kind, p.title, p.content, p.owner_unit, p.owner_organisation_id,
  p.due_on::text as due_on, p.season, p.created_at, p.row_version`;

export interface Filters {
  year?: number;
  quarter?: number;
  kind?: string;
  q?: string | null;
}

function where(parkId: string, f: Filters): SQL {
  const conds: SQL[] = [sql`p.park_id = ${parkId}`];
  if (f.year) conds.push(sql`p.year = ${f.year}`);
  // A quarter's list shows its own items and the year's items due within the quarter.
  if (f.quarter) {
    conds.push(
      sql`(p.quarter = ${f.quarter} or (p.quarter is null and extract(quarter from p.due_on) = ${f.quarter}))`,
    );
  }
  if (f.kind) conds.push(sql`p.kind = ${f.kind}`);
  if (f.q) {
    const pattern = likePattern(f.q);
    conds.push(sql`(p.title ilike ${pattern} or p.content ilike ${pattern} or p.owner_unit ilike ${pattern})`);
  }
  return sql.join(conds, sql` and `);
}

/** Every item matching the filters (a park's plan is tens of items a year; the state filter is applied after). */
export async function all(db: Db, parkId: string, f: Filters) {
  return rows<ItemRow>(
    db,
    sql`select ${COLUMNS} from work_plan_items p where ${where(parkId, f)}
         order by p.due_on, p.created_at limit 5000`,
  );
}

export async function get(db: Db, parkId: string, id: string, forUpdate = false): Promise<ItemRow | null> {
  const [r] = await rows<ItemRow>(
    db,
    sql`select ${COLUMNS} from work_plan_items p where p.park_id = ${parkId} and p.id = ${id}
        ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

export async function links(db: Db, parkId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return rows<LinkRow>(
    db,
    sql`select item_id, record_kind, record_id, linked_at from work_plan_links
         where park_id = ${parkId} and item_id = any(${uuidArray(itemIds)}) order by linked_at, record_id`,
  );
}

/** Seasons already planned in a year (the proposals mark them). */
export async function plannedSeasons(db: Db, parkId: string, year: number) {
  const found = await rows<{ season: string }>(
    db,
    sql`select distinct season from work_plan_items where park_id = ${parkId} and year = ${year}
          and season is not null`,
  );
  return new Set(found.map((r) => r.season));
}

export interface Values {
  year: number;
  quarter: number | null;
  kind: string;
  title: string;
  content: string | null;
  ownerUnit: string;
  ownerOrganisationId: string | null;
  dueOn: string;
  season: string | null;
}

export async function insert(tx: Db, parkId: string, v: Values, by: string, at: Date): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into work_plan_items (park_id, year, quarter, kind, title, content, owner_unit, owner_organisation_id,
                                     due_on, season, created_by, created_at, updated_at)
        values (${parkId}, ${v.year}, ${v.quarter}, ${v.kind}, ${v.title}, ${v.content}, ${v.ownerUnit},
                ${v.ownerOrganisationId}, ${v.dueOn}, ${v.season}, ${by}, ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: Values, at: Date) {
  await tx.execute(
    sql`update work_plan_items set year = ${v.year}, quarter = ${v.quarter}, kind = ${v.kind}, title = ${v.title},
               content = ${v.content}, owner_unit = ${v.ownerUnit}, owner_organisation_id = ${v.ownerOrganisationId},
               due_on = ${v.dueOn}, season = ${v.season}, updated_at = ${at.toISOString()},
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

export async function remove(tx: Db, parkId: string, id: string) {
  await tx.execute(sql`delete from work_plan_links where park_id = ${parkId} and item_id = ${id}`);
  await tx.execute(sql`delete from work_plan_items where park_id = ${parkId} and id = ${id}`);
}

/** Adds a link; false when the item already had it. */
export async function link(
  tx: Db,
  parkId: string,
  itemId: string,
  kind: PlanLinkKind,
  recordId: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const r = await rows<{ item_id: string }>(
    tx,
    sql`insert into work_plan_links (park_id, item_id, record_kind, record_id, linked_by, linked_at)
        values (${parkId}, ${itemId}, ${kind}, ${recordId}, ${by}, ${at.toISOString()})
        on conflict do nothing returning item_id`,
  );
  return r.length > 0;
}

export async function unlink(tx: Db, parkId: string, itemId: string, kind: PlanLinkKind, recordId: string) {
  const r = await rows<{ item_id: string }>(
    tx,
    sql`delete from work_plan_links where park_id = ${parkId} and item_id = ${itemId} and record_kind = ${kind}
          and record_id = ${recordId} returning item_id`,
  );
  return r.length > 0;
}

/** The park's name, for the plan document's title. */
export async function parkName(db: Db, parkId: string): Promise<string> {
  const [r] = await rows<{ name: string }>(db, sql`select name from parks where id = ${parkId}`);
  return r?.name ?? '';
}
