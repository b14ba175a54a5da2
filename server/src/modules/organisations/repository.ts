import { and, asc, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { OrganisationListQuery, OrganisationView } from '../../../../shared/src/organisations';
import { organisations } from '../../db/schema';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { maskedPhone, open, seal } from '../../platform/personal-data';

export type OrganisationRow = typeof organisations.$inferSelect;

const userCount = sql<number>`(select count(*) from users u where u.organisation_id = ${organisations.id})::int`;

const toView = (r: OrganisationRow & { userCount: number }): OrganisationView => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  contactPerson: r.contactPerson,
  // Stored sealed, answered masked (POST /api/personal-data/reveal shows it, audited).
  contactPhone: maskedPhone(r.contactPhone),
  disabled: r.disabled,
  userCount: Number(r.userCount),
  createdAt: r.createdAt.toISOString(),
});

const SORT = { name: organisations.name, kind: organisations.kind, createdAt: organisations.createdAt };

export async function listOrganisations(db: Db, parkId: string, q: z.infer<typeof OrganisationListQuery>) {
  const conds: (SQL | undefined)[] = [eq(organisations.parkId, parkId)];
  if (q.kind) conds.push(eq(organisations.kind, q.kind));
  if (q.q) conds.push(ilike(organisations.name, likePattern(q.q)));
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const [items, [total]] = await Promise.all([
    db
      .select({ ...getColumns(), userCount })
      .from(organisations)
      .where(where)
      .orderBy(dir(SORT[q.sort]), asc(organisations.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items: items.map(toView), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

function getColumns() {
  const { id, parkId, kind, name, contactPerson, contactPhone, disabled, createdAt, updatedAt } = organisations;
  return { id, parkId, kind, name, contactPerson, contactPhone, disabled, createdAt, updatedAt };
}

export async function getOrganisation(db: Db, parkId: string, id: string): Promise<OrganisationView | null> {
  const [r] = await db
    .select({ ...getColumns(), userCount })
    .from(organisations)
    .where(and(eq(organisations.parkId, parkId), eq(organisations.id, id)));
  return r ? toView(r) : null;
}

export async function nameTaken(db: Db, parkId: string, kind: string, name: string, exceptId?: string) {
  const [r] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.parkId, parkId),
        eq(organisations.kind, kind as OrganisationRow['kind']),
        eq(organisations.name, name),
      ),
    );
  return Boolean(r && r.id !== exceptId);
}

const sealedContact = <T extends { contactPhone?: string | null }>(v: T): T =>
  v.contactPhone === undefined ? v : { ...v, contactPhone: seal(v.contactPhone) };

/** The organisation's stored contact phone, opened (an edit's mask is compared with it). */
export async function clearContactPhone(db: Db, id: string): Promise<string | null> {
  const [r] = await db.select({ p: organisations.contactPhone }).from(organisations).where(eq(organisations.id, id));
  return open(r?.p);
}

export async function insertOrganisation(db: Db, values: typeof organisations.$inferInsert): Promise<string> {
  const [r] = await db.insert(organisations).values(sealedContact(values)).returning({ id: organisations.id });
  return r!.id;
}

export async function patchOrganisation(db: Db, id: string, patch: Partial<typeof organisations.$inferInsert>) {
  await db
    .update(organisations)
    .set({ ...sealedContact(patch), updatedAt: sql`now()` })
    .where(eq(organisations.id, id));
}
