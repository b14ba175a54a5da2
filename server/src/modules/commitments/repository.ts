// Queries of safety commitments: types (park records), posted commitments (scoped like every enterprise-owned
// record) and the required-versus-posted status of a period. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CommitmentFilters, CommitmentTypeDefault } from '../../../../shared/src/commitments';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { enterpriseScopeSql } from '../../platform/scope';

export interface TypeRow {
  id: string;
  code: string;
  name: string;
  period: 'day' | 'month';
  required_tags: string[];
  excluded_tags: string[];
  review_items: string[];
  commitment_template: string;
  grace_days: number;
  starts_on: string;
  active: boolean;
  row_version: number;
}

const TYPE_COLUMNS = sql`id, code, name, period, to_jsonb(required_tags) as required_tags, to_jsonb(excluded_tags) as excluded_tags, review_items,
  commitment_template, grace_days, starts_on::text as starts_on, active, row_version`;

/** The shipped types, added once per park (idempotent). */
export async function ensureDefaults(db: Db, parkId: string, defaults: CommitmentTypeDefault[], startsOn: string) {
  for (const d of defaults) {
    await db.execute(
      sql`insert into commitment_types (park_id, code, name, period, required_tags, excluded_tags, review_items, commitment_template, grace_days, starts_on)
          values (${parkId}, ${d.code}, ${d.name}, ${d.period}, ${`{${d.requiredTags.join(',')}}`}::text[],
                  ${`{${d.excludedTags.join(',')}}`}::text[],
                  ${JSON.stringify(d.reviewItems)}::jsonb, ${d.commitmentTemplate}, ${d.graceDays}, ${startsOn})
          on conflict (park_id, code) do nothing`,
    );
  }
}

export async function types(db: Db, parkId: string): Promise<TypeRow[]> {
  return rows<TypeRow>(
    db,
    sql`select ${TYPE_COLUMNS} from commitment_types where park_id = ${parkId} order by period, code`,
  );
}

export async function type(db: Db, parkId: string, id: string, forUpdate = false): Promise<TypeRow | null> {
  const [r] = await rows<TypeRow>(
    db,
    sql`select ${TYPE_COLUMNS} from commitment_types where park_id = ${parkId} and id = ${id}
        ${forUpdate ? sql`for update` : sql``}`,
  );
  return r ?? null;
}

export async function updateType(
  tx: Db,
  parkId: string,
  id: string,
  v: {
    name: string;
    requiredTags: string[];
    excludedTags: string[];
    reviewItems: string[];
    commitmentTemplate: string;
    graceDays: number;
    active: boolean;
  },
  userId: string,
) {
  await tx.execute(
    sql`update commitment_types set name = ${v.name}, required_tags = ${`{${v.requiredTags.join(',')}}`}::text[],
               excluded_tags = ${`{${v.excludedTags.join(',')}}`}::text[],
               review_items = ${JSON.stringify(v.reviewItems)}::jsonb, commitment_template = ${v.commitmentTemplate},
               grace_days = ${v.graceDays}, active = ${v.active}, updated_by = ${userId}, updated_at = now(),
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}

/** Whether the enterprise must post commitments of this type (operating, with one of its tags). */
export async function isRequired(db: Db, parkId: string, typeId: string, enterpriseId: string): Promise<boolean> {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from commitment_types t join enterprises e on e.park_id = t.park_id
         where t.park_id = ${parkId} and t.id = ${typeId} and e.id = ${enterpriseId}
           and e.status = 'operating' and e.supervision_tags && t.required_tags and not (e.supervision_tags && t.excluded_tags)`,
  );
  return found.length > 0;
}

export interface CommitmentRow {
  id: string;
  type_id: string;
  type_name: string;
  period: 'day' | 'month';
  grace_days: number;
  enterprise_id: string;
  enterprise_name: string;
  period_start: string;
  review: { item: string; ok: boolean; note: string | null }[];
  commitment_text: string;
  committed_by: string;
  committed_at: string | Date;
  recorded_by_name: string | null;
}

const COLUMNS = sql`c.id, c.type_id, t.name as type_name, t.period, t.grace_days, c.enterprise_id, e.name as enterprise_name,
  c.period_start::text as period_start, c.review, c.commitment_text, c.committed_by, c.committed_at, c.recorded_by_name`;
const FROM = sql`commitments c join commitment_types t on t.park_id = c.park_id and t.id = c.type_id
  join enterprises e on e.park_id = c.park_id and e.id = c.enterprise_id`;

function where(actor: Actor, q: z.infer<typeof CommitmentFilters>): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'c')];
  if (q.typeId) conds.push(sql`c.type_id = ${q.typeId}`);
  if (q.enterpriseId) conds.push(sql`c.enterprise_id = ${q.enterpriseId}`);
  if (q.from) conds.push(sql`c.period_start >= ${q.from}::date`);
  if (q.to) conds.push(sql`c.period_start <= ${q.to}::date`);
  return sql.join(conds, sql` and `);
}

export async function list(
  db: Db,
  actor: Actor,
  q: z.infer<typeof CommitmentFilters> & { page: number; pageSize: number; order: string },
) {
  const w = where(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [n]] = await Promise.all([
    rows<CommitmentRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where ${w} order by c.period_start ${dir}, c.committed_at ${dir}, c.id
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from commitments c where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof CommitmentFilters>) {
  return rows<CommitmentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where(actor, q)} order by c.period_start desc, e.name limit 100000`,
  );
}

export async function get(db: Db, actor: Actor, id: string): Promise<CommitmentRow | null> {
  const [r] = await rows<CommitmentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where c.id = ${id} and ${enterpriseScopeSql(actor, 'c')}`,
  );
  return r ?? null;
}

export async function findFor(db: Db, parkId: string, typeId: string, enterpriseId: string, periodStart: string) {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from commitments where park_id = ${parkId} and type_id = ${typeId} and enterprise_id = ${enterpriseId}
         and period_start = ${periodStart}::date`,
  );
  return r ?? null;
}

export async function insert(
  tx: Db,
  parkId: string,
  v: {
    typeId: string;
    enterpriseId: string;
    periodStart: string;
    review: unknown;
    commitmentText: string;
    committedBy: string;
    committedAt: Date;
  },
  by: { userId: string; name: string },
): Promise<string | null> {
  // on conflict: two posts racing for the same period — the second is told it exists (null).
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into commitments (park_id, type_id, enterprise_id, period_start, review, commitment_text, committed_by,
                                 committed_at, recorded_by, recorded_by_name)
        values (${parkId}, ${v.typeId}, ${v.enterpriseId}, ${v.periodStart}, ${JSON.stringify(v.review)}::jsonb,
                ${v.commitmentText}, ${v.committedBy}, ${v.committedAt.toISOString()}, ${by.userId}, ${by.name})
        on conflict (park_id, type_id, enterprise_id, period_start) do nothing
        returning id`,
  );
  return r?.id ?? null;
}

export interface StatusRow {
  enterprise_id: string;
  name: string;
  area: string | null;
  commitment_id: string | null;
  committed_by: string | null;
  committed_at: string | Date | null;
}

/** The enterprises (in the actor's scope) that must post this type, with their commitment of the period if any. */
export async function status(db: Db, actor: Actor, typeId: string, periodStart: string): Promise<StatusRow[]> {
  return rows<StatusRow>(
    db,
    sql`select e.id as enterprise_id, e.name, e.area, c.id as commitment_id, c.committed_by, c.committed_at
          from commitment_types t
          join enterprises e on e.park_id = t.park_id and e.status = 'operating' and e.supervision_tags && t.required_tags and not (e.supervision_tags && t.excluded_tags)
          left join commitments c on c.park_id = t.park_id and c.type_id = t.id and c.enterprise_id = e.id
                                 and c.period_start = ${periodStart}::date
         where t.park_id = ${actor.parkId} and t.id = ${typeId} and ${enterpriseScopeSql(actor, 'e', 'id')}
         order by (c.id is not null), e.name
         limit 5000`,
  );
}

/** The active types an enterprise must post. */
export async function typesFor(db: Db, parkId: string, enterpriseId: string): Promise<TypeRow[]> {
  return rows<TypeRow>(
    db,
    sql`select ${sql.raw(['id', 'code', 'name', 'period'].map((c) => `t.${c}`).join(', '))},
               to_jsonb(t.required_tags) as required_tags, to_jsonb(t.excluded_tags) as excluded_tags, t.review_items, t.commitment_template, t.grace_days,
               t.starts_on::text as starts_on, t.active, t.row_version
          from commitment_types t join enterprises e on e.park_id = t.park_id and e.id = ${enterpriseId}
         where t.park_id = ${parkId} and t.active and e.status = 'operating' and e.supervision_tags && t.required_tags and not (e.supervision_tags && t.excluded_tags)
         order by t.period, t.code`,
  );
}
