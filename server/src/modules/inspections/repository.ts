import { and, count, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InspectionListQuery } from '../../../../shared/src/campaigns';
import { campaigns, enterprises, inspections } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { enterpriseScope } from '../../platform/scope';

const hazardCount = sql<number>`(select count(*) from hazards h where h.park_id = ${inspections.parkId} and h.inspection_id = ${inspections.id})::int`;

function select(db: Db) {
  return db
    .select({ i: inspections, enterpriseName: enterprises.name, campaignName: campaigns.name, hazardCount })
    .from(inspections)
    .innerJoin(
      enterprises,
      and(eq(enterprises.parkId, inspections.parkId), eq(enterprises.id, inspections.enterpriseId)),
    )
    .leftJoin(campaigns, and(eq(campaigns.parkId, inspections.parkId), eq(campaigns.id, inspections.campaignId)));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

const toView = (r: Row, names: Map<string, string>) => {
  const inspectors = [...r.i.inspectorIds.map((id) => names.get(id) ?? id), ...r.i.inspectorNames];
  return {
    id: r.i.id,
    campaignId: r.i.campaignId,
    campaignName: r.campaignName,
    enterpriseId: r.i.enterpriseId,
    enterpriseName: r.enterpriseName,
    inspectedOn: r.i.inspectedOn,
    kind: r.i.kind as 'supervision',
    domains: r.i.domains,
    inspectors,
    inspectorCount: inspectors.length,
    summary: r.i.summary,
    enterpriseSigner: r.i.enterpriseSigner,
    hazardCount: Number(r.hazardCount),
    checklist: null,
    resultCounts: null,
    signedByInspector: false,
    signedByEnterprise: false,
    createdAt: r.i.createdAt.toISOString(),
  };
};

async function userNames(db: Db, rowsIn: Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rowsIn.flatMap((r) => r.i.inspectorIds))];
  if (ids.length === 0) return new Map();
  const r = (await db.execute(
    sql`select id, display_name from users where id in (${sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    )})`,
  )) as unknown as { rows: { id: string; display_name: string }[] };
  return new Map(r.rows.map((u) => [u.id, u.display_name]));
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof InspectionListQuery>) {
  const conds: (SQL | undefined)[] = [
    enterpriseScope(actor, { parkId: inspections.parkId, enterpriseId: inspections.enterpriseId }),
    q.campaignId ? eq(inspections.campaignId, q.campaignId) : undefined,
    q.enterpriseId ? eq(inspections.enterpriseId, q.enterpriseId) : undefined,
    q.kind ? eq(inspections.kind, q.kind) : undefined,
    q.from ? gte(inspections.inspectedOn, q.from) : undefined,
    q.to ? lte(inspections.inspectedOn, q.to) : undefined,
  ];
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    select(db)
      .where(where)
      .orderBy(desc(inspections.inspectedOn), desc(inspections.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(inspections).where(where),
  ]);
  const names = await userNames(db, items);
  return { items: items.map((r) => toView(r, names)), total: Number(total?.n ?? 0) };
}

export async function get(db: Db, actor: Actor, id: string) {
  const [r] = await select(db).where(
    and(
      enterpriseScope(actor, { parkId: inspections.parkId, enterpriseId: inspections.enterpriseId }),
      eq(inspections.id, id),
    ),
  );
  return r ? toView(r, await userNames(db, [r])) : null;
}

export async function insert(tx: Db, values: typeof inspections.$inferInsert): Promise<string> {
  const [r] = await tx.insert(inspections).values(values).returning({ id: inspections.id });
  return r!.id;
}
