// Queries of guidance visits, talks and their follow-ups. No rules here; 逾期 is computed against the day passed in.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { GuidanceFilters } from '../../../../shared/src/guidance';
import type { Actor } from '../../platform/actor';
import { type Db, rows, uuidArray } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

export interface FollowUpRow {
  id: string;
  content: string;
  due_on: string;
  owner: string | null;
  done_on: string | null;
  result: string | null;
}

export interface RecordRow {
  id: string;
  serial: string;
  kind: string;
  enterprise_id: string;
  enterprise_name: string;
  held_on: string;
  staff: string;
  counterpart_name: string;
  counterpart_role: string;
  topics: string;
  commitments: string | null;
  photo_ids: string[];
  follow_ups: FollowUpRow[] | null;
  recorded_by_name: string | null;
  recorded_at: string | Date;
}

const COLUMNS = sql`g.id, g.serial, g.kind, g.enterprise_id, e.name as enterprise_name, g.held_on::text as held_on, g.staff,
  g.counterpart_name, g.counterpart_role, g.topics, g.commitments, g.photo_ids,
  (select json_agg(json_build_object('id', f.id, 'content', f.content, 'due_on', f.due_on::text, 'owner', f.owner,
                                     'done_on', f.done_on::text, 'result', f.result) order by f.position)
     from guidance_follow_ups f where f.record_id = g.id) as follow_ups,
  g.recorded_by_name, g.recorded_at`;
const FROM = sql`guidance_records g join enterprises e on e.park_id = g.park_id and e.id = g.enterprise_id`;

export type Filters = z.infer<typeof GuidanceFilters>;

function where(actor: Actor, q: Filters, today: string): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'g')];
  if (q.q) {
    const like = likePattern(q.q);
    conds.push(
      sql`(g.serial ilike ${like} or e.name ilike ${like} or g.topics ilike ${like} or g.counterpart_name ilike ${like})`,
    );
  }
  if (q.kind) conds.push(sql`g.kind = ${q.kind}`);
  if (q.enterpriseId) conds.push(sql`g.enterprise_id = ${q.enterpriseId}`);
  if (q.from) conds.push(sql`g.held_on >= ${q.from}::date`);
  if (q.to) conds.push(sql`g.held_on <= ${q.to}::date`);
  const f = (cond: SQL) => sql`exists (select 1 from guidance_follow_ups f where f.record_id = g.id and ${cond})`;
  if (q.followUp === 'overdue') conds.push(f(sql`f.done_on is null and f.due_on < ${today}::date`));
  if (q.followUp === 'open') conds.push(f(sql`f.done_on is null and f.due_on >= ${today}::date`));
  if (q.followUp === 'done') conds.push(f(sql`f.done_on is not null`));
  return sql.join(conds, sql` and `);
}

export async function list(
  db: Db,
  actor: Actor,
  q: Filters & { page: number; pageSize: number; order: string },
  today: string,
) {
  const w = where(actor, q, today);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [n]] = await Promise.all([
    rows<RecordRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where ${w} order by g.held_on ${dir}, g.serial ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from ${FROM} where ${w}`),
  ]);
  return { items, total: Number(n?.n ?? 0) };
}

export async function all(db: Db, actor: Actor, q: Filters, today: string) {
  return rows<RecordRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where(actor, q, today)} order by g.held_on desc limit 50000`,
  );
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false) {
  const [r] = await rows<RecordRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where g.id = ${id} and ${enterpriseScopeSql(actor, 'g')}
        ${forUpdate ? sql`for update of g` : sql``}`,
  );
  return r ?? null;
}

export async function insert(
  tx: Db,
  parkId: string,
  serial: string,
  v: {
    kind: string;
    enterpriseId: string;
    heldOn: string;
    staff: string;
    counterpartName: string;
    counterpartRole: string;
    topics: string;
    commitments: string | null;
    photoIds: string[];
  },
  by: { id: string; name: string },
) {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into guidance_records (park_id, serial, kind, enterprise_id, held_on, staff, counterpart_name, counterpart_role,
                                      topics, commitments, photo_ids, recorded_by, recorded_by_name)
        values (${parkId}, ${serial}, ${v.kind}, ${v.enterpriseId}, ${v.heldOn}, ${v.staff}, ${v.counterpartName},
                ${v.counterpartRole}, ${v.topics}, ${v.commitments}, ${uuidArray(v.photoIds)}, ${by.id}, ${by.name})
        returning id`,
  );
  return r!.id;
}

export async function addFollowUps(
  tx: Db,
  parkId: string,
  recordId: string,
  list: { content: string; dueOn: string; owner: string | null }[],
) {
  if (list.length === 0) return;
  const [m] = await rows<{ n: number }>(
    tx,
    sql`select coalesce(max(position), 0)::int as n from guidance_follow_ups where record_id = ${recordId}`,
  );
  const start = Number(m?.n ?? 0);
  for (const [i, f] of list.entries()) {
    await tx.execute(
      sql`insert into guidance_follow_ups (park_id, record_id, position, content, due_on, owner)
          values (${parkId}, ${recordId}, ${start + i + 1}, ${f.content}, ${f.dueOn}, ${f.owner})`,
    );
  }
}

export async function followUp(tx: Db, parkId: string, recordId: string, id: string) {
  const [r] = await rows<FollowUpRow>(
    tx,
    sql`select id, content, due_on::text as due_on, owner, done_on::text as done_on, result from guidance_follow_ups
         where park_id = ${parkId} and record_id = ${recordId} and id = ${id} for update`,
  );
  return r ?? null;
}

export async function markDone(tx: Db, parkId: string, id: string, doneOn: string, result: string | null) {
  await tx.execute(
    sql`update guidance_follow_ups set done_on = ${doneOn}, result = ${result} where park_id = ${parkId} and id = ${id}`,
  );
}

/** The year's figures within the actor's data scope. */
export async function figures(db: Db, actor: Actor, year: number, today: string) {
  const [r] = await rows<{
    guidance: number;
    talks: number;
    enterprises: number;
    follow_ups: number;
    done: number;
    overdue: number;
  }>(
    db,
    sql`with y as (select g.* from guidance_records g where ${enterpriseScopeSql(actor, 'g')}
                     and extract(year from g.held_on)::int = ${year})
        select (select count(*)::int from y where kind = 'guidance') as guidance,
               (select count(*)::int from y where kind = 'talk') as talks,
               (select count(distinct enterprise_id)::int from y) as enterprises,
               (select count(*)::int from guidance_follow_ups f join y on y.id = f.record_id) as follow_ups,
               (select count(*)::int from guidance_follow_ups f join y on y.id = f.record_id where f.done_on is not null) as done,
               (select count(*)::int from guidance_follow_ups f join y on y.id = f.record_id
                 where f.done_on is null and f.due_on < ${today}::date) as overdue`,
  );
  return r!;
}
