// Database-backed sessions: several server processes share them, logout ends them on the server, and an idle or
// absolute timeout is checked on every request. The cookie holds a random token; the table holds its SHA-256.
import { hash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Role } from '../../../shared/src/roles';
import type { Actor } from './actor';
import { now } from './clock';
import type { Config } from './config';
import { type Db, rows } from './db';
import { cacheOf } from './read-cache';

export const SESSION_COOKIE = 'ps_session';

// One-shot hash: no Hash object per request (the profile showed it on every request).
const tokenId = (token: string) => hash('sha256', token, 'hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  tx: Db,
  config: Config,
  user: { id: string; parkId: string },
  client: { ip: string; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = now();
  const expiresAt = new Date(at.getTime() + config.sessionAbsoluteHours * 3600_000);
  await tx.execute(sql`
    insert into sessions (id, user_id, park_id, csrf_token, ip, user_agent, created_at, last_seen_at, expires_at)
    values (${tokenId(token)}, ${user.id}, ${user.parkId}, ${csrfToken}, ${client.ip}, ${client.userAgent},
            ${at.toISOString()}, ${at.toISOString()}, ${expiresAt.toISOString()})`);
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  id: string;
  csrfToken: string;
  actor: Actor;
}

/** The live session for a cookie token, or null (unknown, revoked, idle too long, expired, user disabled). */
interface CachedSession {
  session: ResolvedSession;
  lastSeenMs: number;
  expiresMs: number;
}

/**
 * The live session for a cookie token, or null (unknown, revoked, idle too long, expired, user disabled). A copy kept
 * by the read cache answers only while less than half the idle limit has passed since the session was last seen (so
 * it never needs the touch and is never idle) and before its absolute expiry; logout, revocation and any change of
 * the user drop it in every process (read-cache.ts).
 */
export async function resolveSession(db: Db, config: Config, token: string): Promise<ResolvedSession | null> {
  const id = tokenId(token);
  const cache = cacheOf(db);
  const key = `session:${id}`;
  const idleMs = config.sessionIdleMinutes * 60_000;
  const hit = cache?.get<CachedSession>(key);
  if (hit) {
    const t = now().getTime();
    if (t < hit.expiresMs && t - hit.lastSeenMs < idleMs / 2 && t >= hit.lastSeenMs) {
      return { ...hit.session, actor: { ...hit.session.actor } };
    }
    cache?.drop(key);
  }
  const generation = cache?.generation() ?? 0;
  const [r] = await rows<{
    csrf_token: string;
    last_seen_at: string | Date;
    expires_at: string | Date;
    revoked_at: string | Date | null;
    user_id: string;
    username: string;
    display_name: string;
    role: Role;
    park_id: string;
    organisation_id: string;
    org_kind: string;
    must_change_password: boolean;
    disabled: boolean;
  }>(
    db,
    sql`select s.csrf_token, s.last_seen_at, s.expires_at, s.revoked_at, u.id as user_id, u.username,
               u.display_name, u.role, u.park_id, u.organisation_id, o.kind as org_kind, u.must_change_password,
               u.disabled
          from sessions s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
         where s.id = ${id}`,
  );
  if (!r || r.revoked_at || r.disabled) return null;
  const at = now();
  const lastSeen = new Date(r.last_seen_at);
  const expiresAt = new Date(r.expires_at);
  if (expiresAt <= at || lastSeen.getTime() + idleMs <= at.getTime()) {
    return null;
  }
  // Activity moves the idle deadline. Writing only once half the idle limit has passed keeps most requests
  // read-only, yet any request leaves at least half the limit ahead: a user active at any rate is never timed out.
  let lastSeenMs = lastSeen.getTime();
  if (at.getTime() - lastSeen.getTime() >= idleMs / 2) {
    await db.execute(
      sql`update sessions set last_seen_at = greatest(last_seen_at, ${at.toISOString()}::timestamptz) where id = ${id}`,
    );
    lastSeenMs = at.getTime();
  }
  const session: ResolvedSession = {
    id,
    csrfToken: r.csrf_token,
    actor: {
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      parkId: r.park_id,
      organisationId: r.organisation_id,
      enterpriseId: r.org_kind === 'enterprise' ? r.organisation_id : null,
      mustChangePassword: r.must_change_password,
    },
  };
  cache?.set(key, { session, lastSeenMs, expiresMs: expiresAt.getTime() } satisfies CachedSession, generation);
  return { ...session, actor: { ...session.actor } };
}

export async function revokeSession(tx: Db, sessionId: string): Promise<void> {
  await tx.execute(sql`update sessions set revoked_at = ${now().toISOString()} where id = ${sessionId}`);
}

/** Ends every session of a user (password change, disable, reset), optionally keeping the current one. */
export async function revokeUserSessions(tx: Db, userId: string, keepSessionId: string | null = null): Promise<void> {
  await tx.execute(sql`update sessions set revoked_at = ${now().toISOString()}
                        where user_id = ${userId} and revoked_at is null
                          and (${keepSessionId}::text is null or id <> ${keepSessionId})`);
}
