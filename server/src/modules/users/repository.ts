import { and, asc, count, desc, eq, gt, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { UserListQuery, UserView } from '../../../../shared/src/users';
import { organisations, users } from '../../db/schema';
import type { Db } from '../../platform/db';
import { likePattern } from '../../platform/pagination';
import { digest, maskedPhone, open, seal } from '../../platform/personal-data';

const view = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  phone: users.phone,
  role: users.role,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  disabled: users.disabled,
  lockedUntil: users.lockedUntil,
  mustChangePassword: users.mustChangePassword,
  totpEnabled: users.totpEnabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

type Row = { [K in keyof typeof view]: (typeof view)[K]['_']['data'] | null };

function toView(r: Row, at: Date): UserView {
  const lockedUntil = r.lockedUntil && r.lockedUntil > at ? r.lockedUntil : null;
  return {
    id: r.id!,
    username: r.username!,
    displayName: r.displayName!,
    // Stored sealed, answered masked (POST /api/personal-data/reveal shows it, audited).
    phone: maskedPhone(r.phone),
    role: r.role!,
    organisationId: r.organisationId!,
    organisationName: r.organisationName ?? '',
    disabled: r.disabled!,
    locked: lockedUntil !== null,
    lockedUntil: lockedUntil?.toISOString() ?? null,
    mustChangePassword: r.mustChangePassword!,
    totpEnabled: r.totpEnabled!,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    createdAt: r.createdAt!.toISOString(),
  };
}

const SORT = {
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export async function listUsers(db: Db, parkId: string, q: z.infer<typeof UserListQuery>, at: Date) {
  const conds: (SQL | undefined)[] = [eq(users.parkId, parkId)];
  if (q.q && /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(q.q.trim())) {
    // A full phone number: found through its keyed digest (phones are sealed).
    conds.push(eq(users.phoneDigest, digest(q.q.trim())!));
  } else if (q.q) {
    conds.push(or(ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q))));
  }
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.organisationId) conds.push(eq(users.organisationId, q.organisationId));
  if (q.status === 'disabled') conds.push(eq(users.disabled, true));
  if (q.status === 'locked') conds.push(gt(users.lockedUntil, at));
  if (q.status === 'active') {
    conds.push(eq(users.disabled, false), or(isNull(users.lockedUntil), lte(users.lockedUntil, at)));
  }
  const where = and(...conds);
  const dir = q.order === 'desc' ? desc : asc;
  const [items, [total]] = await Promise.all([
    db
      .select(view)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(where)
      .orderBy(dir(SORT[q.sort]), asc(users.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: items.map((r) => toView(r, at)), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

export async function getUser(db: Db, parkId: string, id: string, at: Date): Promise<UserView | null> {
  const [r] = await db
    .select(view)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.parkId, parkId), eq(users.id, id)));
  return r ? toView(r, at) : null;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const [r] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  return Boolean(r);
}

/** A clear phone as stored: sealed, with its digest for search. */
const sealedPhone = <T extends { phone?: string | null }>(v: T): T =>
  v.phone === undefined ? v : { ...v, phone: seal(v.phone), phoneDigest: digest(v.phone) };

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<string> {
  const [r] = await db.insert(users).values(sealedPhone(values)).returning({ id: users.id });
  return r!.id;
}

export async function patchUser(db: Db, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
  await db
    .update(users)
    .set({ ...sealedPhone(patch), updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

/** The user's stored phone, opened (an edit's mask is compared with it). */
export async function clearPhone(db: Db, id: string): Promise<string | null> {
  const [r] = await db.select({ phone: users.phone }).from(users).where(eq(users.id, id));
  return open(r?.phone);
}
