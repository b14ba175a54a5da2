import { and, arrayContains, asc, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { EnterpriseListQuery, EnterpriseView } from '../../../../shared/src/enterprises';
import { enterprises } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScope } from '../../platform/scope';

const landlord = alias(enterprises, 'landlord');
const scopeOf = (actor: Actor) => enterpriseScope(actor, { parkId: enterprises.parkId, enterpriseId: enterprises.id });

type Row = typeof enterprises.$inferSelect & { landlordName: string | null };

const toView = (r: Row): EnterpriseView => ({
  id: r.id,
  name: r.name,
  creditCode: r.creditCode,
  address: r.address,
  area: r.area,
  siteType: r.siteType,
  landlordEnterpriseId: r.landlordEnterpriseId,
  landlordName: r.landlordName,
  legalRepresentative: r.legalRepresentative,
  principalName: r.principalName,
  principalPhone: r.principalPhone,
  safetyManagerName: r.safetyManagerName,
  safetyManagerPhone: r.safetyManagerPhone,
  employees: r.employees,
  industryCode: r.industryCode,
  scale: r.scale,
  status: r.status,
  productionStartDate: r.productionStartDate,
  supervisionTags: r.supervisionTags as EnterpriseView['supervisionTags'],
  updatedAt: r.updatedAt.toISOString(),
});

const SORT = {
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  employees: enterprises.employees,
  updatedAt: enterprises.updatedAt,
};

function selectWithLandlord(db: Db) {
  return db
    .select({ e: enterprises, landlordName: landlord.name })
    .from(enterprises)
    .leftJoin(
      landlord,
      and(eq(landlord.parkId, enterprises.parkId), eq(landlord.id, enterprises.landlordEnterpriseId)),
    );
}

export async function listEnterprises(db: Db, actor: Actor, q: z.infer<typeof EnterpriseListQuery>) {
  const conds: (SQL | undefined)[] = [scopeOf(actor)];
  if (q.q) {
    const text = q.q.toUpperCase();
    conds.push(or(ilike(enterprises.name, likePattern(q.q)), eq(enterprises.creditCode, text)));
  }
  if (q.area) conds.push(eq(enterprises.area, q.area));
  if (q.siteType) conds.push(eq(enterprises.siteType, q.siteType));
  if (q.scale) conds.push(eq(enterprises.scale, q.scale));
  if (q.status) conds.push(eq(enterprises.status, q.status));
  if (q.tag) conds.push(arrayContains(enterprises.supervisionTags, [q.tag]));
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const [items, [total]] = await Promise.all([
    selectWithLandlord(db)
      .where(where)
      .orderBy(dir(SORT[q.sort]), asc(enterprises.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(enterprises).where(where),
  ]);
  return {
    items: items.map((r) => toView({ ...r.e, landlordName: r.landlordName })),
    total: Number(total?.n ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** One enterprise if it is in the actor's scope; null otherwise (callers answer 404 either way). */
export async function getEnterprise(db: Db, actor: Actor, id: string): Promise<EnterpriseView | null> {
  const [r] = await selectWithLandlord(db).where(and(scopeOf(actor), eq(enterprises.id, id)));
  return r ? toView({ ...r.e, landlordName: r.landlordName }) : null;
}
