// Queries of sign-in. Every counter (an account's failures, an unknown name's failures, a client address's attempts,
// a TOTP challenge's tries, the last TOTP step) changes in one atomic statement whose RETURNING value the service
// decides from: parallel requests never read a count and write it back.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Me } from '../../../../shared/src/auth';
import { loginAttempts, organisations, parks, users } from '../../db/schema';
import { type Db, rows } from '../../platform/db';

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

export async function updateUser(db: Db, id: string, patch: Partial<LoginUser>): Promise<void> {
  await db
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

const iso = (d: Date) => d.toISOString();
const dateOrNull = (v: string | Date | null | undefined) => (v == null ? null : new Date(v));

// ------------------------------------------------------------------------------------------------ client addresses

/**
 * Takes one attempt slot of a client address in the current window and returns the attempts counted in it, this one
 * included (the caller evaluates the attempt only when that is within the limit), and whether this attempt opened
 * the window.
 */
export async function takeAddressSlot(
  db: Db,
  ip: string,
  at: Date,
  windowMs: number,
): Promise<{ attempts: number; newWindow: boolean }> {
  const windowEnds = new Date(at.getTime() + windowMs);
  const [r] = await rows<{ attempts: number; window_ends: string | Date }>(
    db,
    sql`insert into login_address_counters as c (ip, window_ends, attempts)
        values (${ip}, ${iso(windowEnds)}::timestamptz, 1)
        on conflict (ip) do update set
          attempts = case when c.window_ends <= ${iso(at)}::timestamptz then 1 else c.attempts + 1 end,
          window_ends = case when c.window_ends <= ${iso(at)}::timestamptz then excluded.window_ends
                             else c.window_ends end
        returning attempts, window_ends`,
  );
  return { attempts: Number(r!.attempts), newWindow: new Date(r!.window_ends).getTime() === windowEnds.getTime() };
}

/** A successful sign-in gives its slot back: only failures use up an address's allowance. */
export async function releaseAddressSlot(db: Db, ip: string): Promise<void> {
  await db.execute(sql`update login_address_counters set attempts = greatest(attempts - 1, 0) where ip = ${ip}`);
}

/**
 * Drops counter rows and challenges that no longer carry state (a few at a time, skipping rows another request
 * holds, so it never waits or deadlocks).
 */
export async function pruneSignInState(db: Db, at: Date, staleBefore: Date): Promise<void> {
  await db.execute(sql`delete from login_address_counters where ip in (
      select ip from login_address_counters where window_ends < ${iso(at)}::timestamptz
       limit 200 for update skip locked)`);
  await db.execute(sql`delete from login_name_counters where username in (
      select username from login_name_counters
       where last_failed_at < ${iso(staleBefore)}::timestamptz
         and (locked_until is null or locked_until < ${iso(at)}::timestamptz)
       limit 200 for update skip locked)`);
  await db.execute(sql`delete from login_challenges where id in (
      select id from login_challenges where expires_at < ${iso(at)}::timestamptz limit 200 for update skip locked)`);
}

// ------------------------------------------------------------------------------ failures of accounts and of names

export interface FailureCount {
  /** Consecutive failures including this attempt; meaningless when locked. */
  failures: number;
  /** Set when the account (or name) is locked: this attempt must be refused without checking anything. */
  lockedUntil: Date | null;
}

export interface FailureRule {
  at: Date;
  threshold: number;
  /** Failures older than this start the count again. */
  staleBefore: Date;
  /** The lock a count beyond the threshold sets. */
  lockUntil: Date;
}

/** The count after this attempt: 1 when the previous failure is stale or its lock has run out, else one more. */
function nextCount(alias: string, r: FailureRule): SQL {
  const t = sql.raw(alias);
  return sql`(case when ${t}.last_failed_at is null or ${t}.last_failed_at <= ${iso(r.staleBefore)}::timestamptz
                     or ${t}.locked_until <= ${iso(r.at)}::timestamptz
                   then 1 else ${t}.failed_attempts + 1 end)`;
}

/**
 * Counts this attempt as a failure before anything is checked (the caller gives it back when it succeeds). A count
 * beyond the threshold locks in the same statement: however many attempts run at once, at most `threshold` of them
 * are ever checked. A locked account returns no row and is left as it is.
 */
export async function reserveAccountFailure(db: Db, userId: string, r: FailureRule): Promise<FailureCount> {
  const [row] = await rows<{ failed_attempts: number }>(
    db,
    sql`update users u set
          failed_attempts = ${nextCount('u', r)},
          locked_until = case when ${nextCount('u', r)} > ${r.threshold} then ${iso(r.lockUntil)}::timestamptz end,
          last_failed_at = ${iso(r.at)}::timestamptz
        where u.id = ${userId} and (u.locked_until is null or u.locked_until <= ${iso(r.at)}::timestamptz)
        returning u.failed_attempts`,
  );
  if (row) {
    const failures = Number(row.failed_attempts);
    return { failures, lockedUntil: failures > r.threshold ? r.lockUntil : null };
  }
  return { failures: r.threshold + 1, lockedUntil: (await accountLock(db, userId)) ?? r.lockUntil };
}

/** The same for a user name that has no account, so that both answer alike. */
export async function reserveNameFailure(db: Db, username: string, r: FailureRule): Promise<FailureCount> {
  const [row] = await rows<{ failed_attempts: number }>(
    db,
    sql`insert into login_name_counters as n (username, failed_attempts, last_failed_at, locked_until)
        values (${username}, 1, ${iso(r.at)}::timestamptz,
                ${r.threshold < 1 ? iso(r.lockUntil) : null}::timestamptz)
        on conflict (username) do update set
          failed_attempts = ${nextCount('n', r)},
          locked_until = case when ${nextCount('n', r)} > ${r.threshold} then ${iso(r.lockUntil)}::timestamptz end,
          last_failed_at = ${iso(r.at)}::timestamptz
        where n.locked_until is null or n.locked_until <= ${iso(r.at)}::timestamptz
        returning n.failed_attempts`,
  );
  if (row) {
    const failures = Number(row.failed_attempts);
    return { failures, lockedUntil: failures > r.threshold ? r.lockUntil : null };
  }
  return { failures: r.threshold + 1, lockedUntil: (await nameLock(db, username)) ?? r.lockUntil };
}

async function lockOf(db: Db, query: SQL): Promise<Date | null> {
  const [r] = await rows<{ locked_until: string | Date | null }>(db, query);
  return dateOrNull(r?.locked_until);
}
const accountLock = (db: Db, userId: string) => lockOf(db, sql`select locked_until from users where id = ${userId}`);
const nameLock = (db: Db, username: string) =>
  lockOf(db, sql`select locked_until from login_name_counters where username = ${username}`);

/** The failure that reached the threshold locks (unless a parallel attempt did already); returns the lock's end. */
export async function lockAccount(db: Db, userId: string, at: Date, until: Date): Promise<Date> {
  await db.execute(sql`update users set locked_until = ${iso(until)}::timestamptz
                        where id = ${userId} and (locked_until is null or locked_until <= ${iso(at)}::timestamptz)`);
  return (await accountLock(db, userId)) ?? until;
}

export async function lockName(db: Db, username: string, at: Date, until: Date): Promise<Date> {
  await db.execute(sql`update login_name_counters set locked_until = ${iso(until)}::timestamptz
                        where username = ${username}
                          and (locked_until is null or locked_until <= ${iso(at)}::timestamptz)`);
  return (await nameLock(db, username)) ?? until;
}

/** A complete sign-in clears the account's failures (and a lock a parallel failure may have set meanwhile). */
export async function clearAccountFailures(db: Db, userId: string): Promise<void> {
  await db.execute(
    sql`update users set failed_attempts = 0, locked_until = null, last_failed_at = null where id = ${userId}`,
  );
}

/**
 * The password was right but a second factor is still to come: this attempt is not a failure, yet earlier wrong
 * codes keep counting (a right password must not wipe them, or TOTP guessing would never lock).
 */
export async function releaseAccountFailure(db: Db, userId: string, at: Date): Promise<void> {
  await db.execute(sql`update users set failed_attempts = greatest(failed_attempts - 1, 0)
                        where id = ${userId} and (locked_until is null or locked_until <= ${iso(at)}::timestamptz)`);
}

// ---------------------------------------------------------------------------------------------------- TOTP

export type ChallengePurpose = 'totp' | 'totpSetup' | 'totpEnrol';

export async function insertChallenge(
  db: Db,
  c: { id: string; userId: string; purpose: ChallengePurpose; secretDigest: string | null; at: Date; expiresAt: Date },
): Promise<void> {
  await db.execute(sql`insert into login_challenges (id, user_id, purpose, secret_digest, created_at, expires_at)
    values (${c.id}, ${c.userId}, ${c.purpose}, ${c.secretDigest}, ${iso(c.at)}::timestamptz,
            ${iso(c.expiresAt)}::timestamptz)`);
}

/**
 * Takes one of a live challenge's tries before its code is checked; false when the challenge is unknown, consumed,
 * expired or out of tries. An enrolment from the account page is found by its secret instead of its id.
 */
export async function takeChallengeTry(
  db: Db,
  c: { id?: string; userId: string; purpose: ChallengePurpose; secretDigest?: string },
  at: Date,
  maxTries: number,
): Promise<{ id: string; tries: number } | null> {
  const [r] = await rows<{ id: string; tries: number }>(
    db,
    sql`update login_challenges set tries = tries + 1
         where user_id = ${c.userId} and purpose = ${c.purpose}
           ${c.id ? sql`and id = ${c.id}` : sql``}
           ${c.secretDigest ? sql`and secret_digest = ${c.secretDigest}` : sql``}
           and consumed_at is null and expires_at > ${iso(at)}::timestamptz and tries < ${maxTries}
         returning id, tries`,
  );
  return r ? { id: r.id, tries: Number(r.tries) } : null;
}

/** Marks a challenge used; false when a parallel request used it first. */
export async function consumeChallenge(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`update login_challenges set consumed_at = ${iso(at)}::timestamptz
         where id = ${id} and consumed_at is null returning id`,
  );
  return r.length === 1;
}

/** Records the TOTP time step a code was accepted for; false when that step (or a later one) was used already. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`update users set totp_last_step = ${step}
         where id = ${userId} and (totp_last_step is null or totp_last_step < ${step}) returning id`,
  );
  return r.length === 1;
}

/** Binds a (new) TOTP secret; its enrolment code's step counts as used. */
export async function enableTotp(db: Db, userId: string, secretBox: string, step: number): Promise<void> {
  await db.execute(sql`update users set totp_secret = ${secretBox}, totp_enabled = true,
                              totp_last_step = greatest(coalesce(totp_last_step, 0), ${step}), updated_at = now()
                        where id = ${userId}`);
}

// ---------------------------------------------------------------------------------------------------- session

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
