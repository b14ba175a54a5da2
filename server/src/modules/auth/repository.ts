import { and, count, eq, gte, sql } from 'drizzle-orm';
import type { Me } from '../../../../shared/src/auth';
import { loginAttempts, organisations, parks, users } from '../../db/schema';
import type { Db } from '../../platform/db';

export type LoginUser = typeof users.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<LoginUser | null> {
  const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return u ?? null;
}

export async function findUserById(db: Db, id: string): Promise<LoginUser | null> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

export async function recordAttempt(db: Db, a: { username: string; ip: string; succeeded: boolean; at: Date }) {
  await db.insert(loginAttempts).values(a);
}

export async function countFailuresFromIp(db: Db, ip: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
  return Number(r?.n ?? 0);
}

export async function updateUser(db: Db, id: string, patch: Partial<LoginUser>): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

export async function loadMe(db: Db, userId: string, policy: Me['passwordPolicy']): Promise<Me | null> {
  const [r] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      parkId: users.parkId,
      parkName: parks.name,
      organisationId: users.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      mustChangePassword: users.mustChangePassword,
      totpEnabled: users.totpEnabled,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .innerJoin(parks, eq(parks.id, users.parkId))
    .where(eq(users.id, userId));
  if (!r) return null;
  return {
    ...r,
    enterpriseId: r.organisationKind === 'enterprise' ? r.organisationId : null,
    passwordPolicy: policy,
  };
}
