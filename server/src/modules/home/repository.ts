import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { enterpriseScopeSql } from '../../platform/scope';

type Count = { key: string; count: number };
const counts = async (db: Db, q: ReturnType<typeof sql>): Promise<Count[]> =>
  (await rows<{ key: string | null; count: string | number }>(db, q)).map((r) => ({
    key: r.key ?? '未填写',
    count: Number(r.count),
  }));

/** Enterprise figures within the actor's data scope. */
export async function enterpriseCounts(db: Db, actor: Actor) {
  const scope = enterpriseScopeSql(actor, 'e', 'id');
  const [bySiteType, byStatus, byTag, byArea] = await Promise.all([
    counts(
      db,
      sql`select site_type as key, count(*) as count from enterprises e where ${scope} group by 1 order by 2 desc`,
    ),
    counts(
      db,
      sql`select status as key, count(*) as count from enterprises e where ${scope} group by 1 order by 2 desc`,
    ),
    counts(
      db,
      sql`select t as key, count(*) as count from enterprises e, unnest(e.supervision_tags) t where ${scope}
          group by 1 order by 2 desc`,
    ),
    counts(db, sql`select area as key, count(*) as count from enterprises e where ${scope} group by 1 order by 1`),
  ]);
  return { total: bySiteType.reduce((n, c) => n + c.count, 0), bySiteType, byStatus, byTag, byArea };
}

export async function userCounts(db: Db, parkId: string, at: Date) {
  const [r] = await rows<{ total: string; active: string; locked: string }>(
    db,
    sql`select count(*) as total,
               count(*) filter (where not disabled) as active,
               count(*) filter (where locked_until > ${at.toISOString()}) as locked
          from users where park_id = ${parkId}`,
  );
  return { total: Number(r?.total ?? 0), active: Number(r?.active ?? 0), locked: Number(r?.locked ?? 0) };
}

export function organisationCounts(db: Db, parkId: string) {
  return counts(
    db,
    sql`select kind as key, count(*) as count from organisations where park_id = ${parkId} group by 1 order by 1`,
  );
}

export async function auditToday(db: Db, parkIds: string[], since: Date) {
  const [r] = await rows<{ today: string; failed: string }>(
    db,
    sql`select count(*) as today, count(*) filter (where action = 'auth.loginFailed') as failed
          from audit_log where park_id in (${sql.join(
            parkIds.map((p) => sql`${p}`),
            sql`, `,
          )})
           and "at" >= ${since.toISOString()}`,
  );
  return { today: Number(r?.today ?? 0), failedLoginsToday: Number(r?.failed ?? 0) };
}
