import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor';
import { type Db, fastRows, rows } from '../../platform/db';
import { figureScopeSql } from '../../platform/scope';

type Count = { key: string; count: number };
/**
 * Enterprise figures — the park's public figures, or (inspector, enterprise) those of the actor's data scope — and,
 * when asked, the park's organisations by kind: ONE statement (a request of the home page is one round trip for a
 * supervisor). Each figure is sorted by count (most first; ties by name), the areas and organisations by name.
 */
export async function figureCounts(db: Db, actor: Actor, withOrganisations: boolean) {
  const scope = figureScopeSql(actor, 'e', 'id');
  const found = await fastRows<{ dim: string; key: string | null; count: number }>(
    db,
    sql`select 'siteType' as dim, site_type as key, count(*)::int as count from enterprises e where ${scope} group by 2
        union all
        select 'status', status, count(*)::int from enterprises e where ${scope} group by 2
        union all
        select 'tag', t, count(*)::int from enterprises e, unnest(e.supervision_tags) t where ${scope} group by 2
        union all
        select 'area', area, count(*)::int from enterprises e where ${scope} group by 2
        ${
          withOrganisations
            ? sql`union all
        select 'organisation', kind, count(*)::int from organisations where park_id = ${actor.parkId} group by 2`
            : sql``
        }`,
  );
  const of = (dim: string, byKey: boolean): Count[] => {
    const list = found.filter((r) => r.dim === dim).map((r) => ({ key: r.key ?? '未填写', count: Number(r.count) }));
    return list.sort((x, y) => (byKey ? 0 : y.count - x.count) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  };
  const bySiteType = of('siteType', false);
  return {
    enterprises: {
      total: bySiteType.reduce((n, c) => n + c.count, 0),
      bySiteType,
      byStatus: of('status', false),
      byTag: of('tag', false),
      byArea: of('area', true),
    },
    organisations: withOrganisations ? of('organisation', true) : null,
  };
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
