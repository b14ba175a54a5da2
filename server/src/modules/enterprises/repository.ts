import { and, arrayContains, asc, count, desc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { EnterpriseInput, EnterpriseListQuery, EnterpriseView } from '../../../../shared/src/enterprises';
import { industryName } from '../../../../shared/src/industries';
import { enterprises, organisations } from '../../db/schema';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { enterpriseScope } from '../../platform/scope';

const landlord = alias(enterprises, 'landlord');

type Row = typeof enterprises.$inferSelect & { landlordName: string | null };
export type EnterpriseFilters = Omit<z.infer<typeof EnterpriseListQuery>, 'page' | 'pageSize' | 'sort' | 'order'>;

export const toView = (r: Row): EnterpriseView => ({
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
  actualControllerName: r.actualControllerName,
  actualControllerPhone: r.actualControllerPhone,
  safetyManagerName: r.safetyManagerName,
  safetyManagerPhone: r.safetyManagerPhone,
  extraSafetyManagers: r.extraSafetyManagers,
  employees: r.employees,
  industryCode: r.industryCode,
  industryName: r.industryCode ? industryName(r.industryCode) : null,
  scale: r.scale,
  status: r.status,
  productionStartDate: r.productionStartDate,
  supervisionTags: r.supervisionTags as EnterpriseView['supervisionTags'],
  mapX: r.mapX,
  mapY: r.mapY,
  riskLevel: r.riskLevel ?? null,
  riskLevelOverridden: r.riskOverrideLevel !== null && r.riskOverrideLevel !== undefined,
  rowVersion: r.rowVersion,
  updatedAt: r.updatedAt.toISOString(),
});

const SORT = {
  name: enterprises.name,
  creditCode: enterprises.creditCode,
  employees: enterprises.employees,
  updatedAt: enterprises.updatedAt,
  riskLevel: enterprises.riskRank,
};
const RISK_RANK = { major: 4, significant: 3, general: 2, low: 1, none: 0 } as const;

/** The scoped WHERE of the enterprise list, shared by the list page and the export. */
export function enterpriseWhere(actor: Actor, q: EnterpriseFilters): SQL {
  const conds: (SQL | undefined)[] = [
    enterpriseScope(actor, { parkId: enterprises.parkId, enterpriseId: enterprises.id }),
  ];
  if (q.q) {
    const text = q.q.trim();
    // A full credit code is an exact match on its unique index; anything else searches the name.
    if (/^[0-9A-Z]{18}$/i.test(text)) {
      conds.push(eq(enterprises.creditCode, text.toUpperCase()));
    } else {
      conds.push(ilike(enterprises.name, likePattern(text)));
      // Narrows the scan through the bigram index (2-character terms cannot use trigrams); ILIKE keeps the meaning.
      if (text.length === 2) conds.push(sql`name_bigrams(${enterprises.name}) @> name_bigrams(${text})`);
    }
  }
  if (q.area) conds.push(eq(enterprises.area, q.area));
  if (q.siteType) conds.push(eq(enterprises.siteType, q.siteType));
  if (q.scale) conds.push(eq(enterprises.scale, q.scale));
  if (q.status) conds.push(eq(enterprises.status, q.status));
  if (q.tag) conds.push(arrayContains(enterprises.supervisionTags, [q.tag]));
  if (q.industryCode) conds.push(eq(enterprises.industryCode, q.industryCode));
  if (q.riskLevel) conds.push(eq(enterprises.riskRank, RISK_RANK[q.riskLevel]));
  return and(...conds) as SQL;
}

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
  const where = enterpriseWhere(actor, q);
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
  const [r] = await selectWithLandlord(db).where(
    and(enterpriseScope(actor, { parkId: enterprises.parkId, enterpriseId: enterprises.id }), eq(enterprises.id, id)),
  );
  return r ? toView({ ...r.e, landlordName: r.landlordName }) : null;
}

/** Park-level lookup (no actor scope) for rules such as "the landlord must be an enterprise of this park". */
export async function findInPark(db: Db, parkId: string, id: string) {
  const [r] = await db
    .select({ id: enterprises.id, name: enterprises.name, siteType: enterprises.siteType })
    .from(enterprises)
    .where(and(eq(enterprises.parkId, parkId), eq(enterprises.id, id)));
  return r ?? null;
}

export async function findIdsByCreditCodes(db: Db, parkId: string, codes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 5000) {
    const chunk = codes.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    const rows = await db
      .select({ id: enterprises.id, creditCode: enterprises.creditCode })
      .from(enterprises)
      .where(and(eq(enterprises.parkId, parkId), inArray(enterprises.creditCode, chunk)));
    for (const r of rows) found.set(r.creditCode, r.id);
  }
  return found;
}

/** Creates the enterprise's organisation row and its registry record (same id). */
export async function insertEnterprise(tx: Db, parkId: string, input: EnterpriseInput): Promise<string> {
  const [org] = await tx
    .insert(organisations)
    .values({
      parkId,
      kind: 'enterprise',
      name: input.name,
      contactPerson: input.safetyManagerName,
      contactPhone: input.safetyManagerPhone,
    })
    .returning({ id: organisations.id });
  await tx.insert(enterprises).values({ ...input, parkId, id: org!.id });
  return org!.id;
}

export async function updateEnterpriseFields(
  tx: Db,
  parkId: string,
  id: string,
  patch: Partial<EnterpriseInput>,
): Promise<void> {
  await tx
    .update(enterprises)
    .set({ ...patch, rowVersion: sql`${enterprises.rowVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(enterprises.parkId, parkId), eq(enterprises.id, id)));
  if (patch.name) {
    await tx.update(organisations).set({ name: patch.name, updatedAt: sql`now()` }).where(eq(organisations.id, id));
  }
}

export async function creditCodeOwner(db: Db, parkId: string, code: string): Promise<string | null> {
  const [r] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.parkId, parkId), eq(enterprises.creditCode, code)));
  return r?.id ?? null;
}

export async function lockForUpdate(tx: Db, parkId: string, id: string): Promise<number | null> {
  const [r] = await tx
    .select({ v: enterprises.rowVersion })
    .from(enterprises)
    .where(and(eq(enterprises.parkId, parkId), eq(enterprises.id, id)))
    .for('update');
  return r?.v ?? null;
}
