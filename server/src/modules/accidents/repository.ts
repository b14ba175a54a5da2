// Queries of accidents, scoped like every enterprise-owned record. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccidentFilters } from '../../../../shared/src/accidents';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScopeSql } from '../../platform/scope';

export interface AccidentRow {
  id: string;
  serial: string;
  enterprise_id: string;
  enterprise_name: string;
  occurred_at: string | Date;
  recorded_at: string | Date;
  place: string;
  accident_type: string;
  deaths: number;
  serious_injuries: number;
  minor_injuries: number;
  direct_loss: string;
  level: string;
  summary: string;
  recorded_by_name: string | null;
  row_version: number;
}

const COLUMNS = sql`a.id, a.serial, a.enterprise_id, e.name as enterprise_name, a.occurred_at, a.recorded_at, a.place,
  a.accident_type, a.deaths, a.serious_injuries, a.minor_injuries, a.direct_loss::text as direct_loss, a.level, a.summary,
  a.recorded_by_name, a.row_version`;
const FROM = sql`accidents a join enterprises e on e.park_id = a.park_id and e.id = a.enterprise_id`;

export type Filters = z.infer<typeof AccidentFilters>;

/** Day bounds are Asia/Shanghai days. */
function where(actor: Actor, q: Filters): SQL {
  const conds: SQL[] = [enterpriseScopeSql(actor, 'a')];
  if (q.q)
    conds.push(
      sql`(a.serial ilike ${likePattern(q.q)} or a.place ilike ${likePattern(q.q)} or e.name ilike ${likePattern(q.q)})`,
    );
  if (q.enterpriseId) conds.push(sql`a.enterprise_id = ${q.enterpriseId}`);
  if (q.accidentType) conds.push(sql`a.accident_type = ${q.accidentType}`);
  if (q.level) conds.push(sql`a.level = ${q.level}`);
  if (q.from) conds.push(sql`a.occurred_at >= (${q.from}::date::timestamp at time zone 'Asia/Shanghai')`);
  if (q.to) conds.push(sql`a.occurred_at < ((${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  return sql.join(conds, sql` and `);
}

export async function list(db: Db, actor: Actor, q: Filters & { page: number; pageSize: number; order: string }) {
  const w = where(actor, q);
  const dir = sql.raw(q.order === 'asc' ? 'asc' : 'desc');
  const [items, [sum]] = await Promise.all([
    rows<AccidentRow>(
      db,
      sql`select ${COLUMNS} from ${FROM} where ${w} order by a.occurred_at ${dir}, a.id ${dir}
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number; deaths: number; serious: number; loss: string }>(
      db,
      sql`select count(*)::int as n, coalesce(sum(a.deaths), 0)::int as deaths,
                 coalesce(sum(a.serious_injuries), 0)::int as serious, coalesce(sum(a.direct_loss), 0)::text as loss
            from ${FROM} where ${w}`,
    ),
  ]);
  return {
    items,
    total: Number(sum?.n ?? 0),
    totals: {
      deaths: Number(sum?.deaths ?? 0),
      seriousInjuries: Number(sum?.serious ?? 0),
      directLoss: Number(sum?.loss ?? 0),
    },
  };
}

/** Every accident matching the filters (an export: a park's accidents are few). */
export async function all(db: Db, actor: Actor, q: Filters) {
  return rows<AccidentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where(actor, q)} order by a.occurred_at desc, a.id limit 50000`,
  );
}

export async function get(db: Db, actor: Actor, id: string, forUpdate = false): Promise<AccidentRow | null> {
  const [r] = await rows<AccidentRow>(
    db,
    sql`select ${COLUMNS} from ${FROM} where a.id = ${id} and ${enterpriseScopeSql(actor, 'a')}
        ${forUpdate ? sql`for update of a` : sql``}`,
  );
  return r ?? null;
}

export interface Values {
  occurredAt: string;
  place: string;
  accidentType: string;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLoss: number;
  level: string;
  summary: string;
}

export async function insert(
  tx: Db,
  parkId: string,
  enterpriseId: string,
  serial: string,
  v: Values,
  by: { userId: string; name: string },
  at: Date,
): Promise<string> {
  const [r] = await rows<{ id: string }>(
    tx,
    sql`insert into accidents (park_id, serial, enterprise_id, occurred_at, place, accident_type, deaths, serious_injuries,
                               minor_injuries, direct_loss, level, summary, recorded_by, recorded_by_name, recorded_at, updated_at)
        values (${parkId}, ${serial}, ${enterpriseId}, ${v.occurredAt}, ${v.place}, ${v.accidentType}, ${v.deaths},
                ${v.seriousInjuries}, ${v.minorInjuries}, ${v.directLoss}, ${v.level}, ${v.summary}, ${by.userId}, ${by.name},
                ${at.toISOString()}, ${at.toISOString()})
        returning id`,
  );
  return r!.id;
}

export async function update(tx: Db, parkId: string, id: string, v: Values, at: Date): Promise<void> {
  await tx.execute(
    sql`update accidents set occurred_at = ${v.occurredAt}, place = ${v.place}, accident_type = ${v.accidentType},
               deaths = ${v.deaths}, serious_injuries = ${v.seriousInjuries}, minor_injuries = ${v.minorInjuries},
               direct_loss = ${v.directLoss}, level = ${v.level}, summary = ${v.summary}, updated_at = ${at.toISOString()},
               row_version = row_version + 1
         where park_id = ${parkId} and id = ${id}`,
  );
}
