// Queries of the notification module: a user's inbox, bulk inserts that skip what was already sent (dedupe_key), the
// recipients of a hazard's events, the sweep's candidates and the scheduler's claim row. No rules here.
import { type SQL, sql } from 'drizzle-orm';
import { DEFAULT_RECHECK_DAYS } from '../../../../shared/src/hazards';
import type { NotificationKind } from '../../../../shared/src/notifications';
import type { Role } from '../../../../shared/src/roles';
import type { Actor } from '../../platform/actor';
import { type Db, rows } from '../../platform/db';
import { enterpriseScopeSql } from '../../platform/scope';

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  hazard_id: string | null;
  enterprise_id: string | null;
  read_at: string | Date | null;
  created_at: string | Date;
}

export interface NewNotification {
  parkId: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  hazardId: string | null;
  enterpriseId: string | null;
  dedupeKey: string;
  createdAt: Date;
}

const COLUMNS = sql`id, kind, title, body, hazard_id, enterprise_id, read_at, created_at`;

export async function listMine(
  db: Db,
  parkId: string,
  userId: string,
  q: { page: number; pageSize: number; unreadOnly: boolean; kind?: NotificationKind },
) {
  const where = sql`park_id = ${parkId} and user_id = ${userId}
    ${q.unreadOnly ? sql`and read_at is null` : sql``} ${q.kind ? sql`and kind = ${q.kind}` : sql``}`;
  const [items, [total], unread] = await Promise.all([
    rows<NotificationRow>(
      db,
      sql`select ${COLUMNS} from notifications where ${where}
           order by (read_at is not null), created_at desc, id desc
           limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from notifications where ${where}`),
    unreadCount(db, parkId, userId),
  ]);
  return { items, total: Number(total?.n ?? 0), unread };
}

export async function unreadCount(db: Db, parkId: string, userId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where user_id = ${userId} and park_id = ${parkId} and read_at is null`,
  );
  return Number(r?.n ?? 0);
}

/** Marks one of the user's notifications read (keeps the first read time); null when it is not theirs. */
export async function markRead(db: Db, parkId: string, userId: string, id: string, at: Date) {
  const [r] = await rows<NotificationRow>(
    db,
    sql`update notifications set read_at = coalesce(read_at, ${at.toISOString()}::timestamptz)
         where park_id = ${parkId} and user_id = ${userId} and id = ${id}
         returning ${COLUMNS}`,
  );
  return r ?? null;
}

export async function markAllRead(db: Db, parkId: string, userId: string, at: Date): Promise<number> {
  const r = await rows<{ id: string }>(
    db,
    sql`update notifications set read_at = ${at.toISOString()}::timestamptz
         where park_id = ${parkId} and user_id = ${userId} and read_at is null returning id`,
  );
  return r.length;
}

const INSERT_BATCH = 500;

/** Inserts what is new; rows whose (user, dedupe_key) already exist are skipped. Returns how many were inserted. */
export async function insertMany(tx: Db, list: NewNotification[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < list.length; i += INSERT_BATCH) {
    const values = list.slice(i, i + INSERT_BATCH).map(
      (n) =>
        sql`(${n.parkId}::uuid, ${n.userId}::uuid, ${n.kind}, ${n.title}, ${n.body}, ${n.hazardId}::uuid,
               ${n.enterpriseId}::uuid, ${n.dedupeKey}, ${n.createdAt.toISOString()}::timestamptz)`,
    );
    const done = await rows<{ id: string }>(
      tx,
      sql`insert into notifications (park_id, user_id, kind, title, body, hazard_id, enterprise_id, dedupe_key, created_at)
          values ${sql.join(values, sql`, `)}
          on conflict (user_id, dedupe_key) do nothing
          returning id`,
    );
    inserted += done.length;
  }
  return inserted;
}

// ------------------------------------------------------------------------------------------------------ recipients

/** Active users of the park matching the condition on alias u. */
async function usersWhere(tx: Db, parkId: string, condition: SQL): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`select u.id from users u where u.park_id = ${parkId} and not u.disabled and (${condition}) order by u.id`,
  );
  return found.map((r) => r.id);
}

export const enterpriseUsers = (tx: Db, parkId: string, enterpriseId: string) =>
  usersWhere(tx, parkId, sql`u.role = 'enterprise' and u.organisation_id = ${enterpriseId}`);

export const supervisors = (tx: Db, parkId: string) => usersWhere(tx, parkId, sql`u.role = 'supervisor'`);

/**
 * The inspectors of a hazard: those named on its inspection and on its campaign's team, limited to users whose data
 * scope (platform/scope.ts, the one place that decides it) includes the enterprise, so a message never shows what its
 * reader may not open.
 */
export async function hazardInspectors(
  tx: Db,
  parkId: string,
  hazard: { enterpriseId: string; inspectionId: string | null; campaignId: string | null },
): Promise<string[]> {
  if (!hazard.inspectionId && !hazard.campaignId) return [];
  const named = await rows<Omit<Actor, 'mustChangePassword'> & { role: Role }>(
    tx,
    sql`select u.id as "userId", u.username, u.display_name as "displayName", u.role, u.park_id as "parkId",
               u.organisation_id as "organisationId",
               case when u.role = 'enterprise' then u.organisation_id end as "enterpriseId"
          from users u
         where u.park_id = ${parkId} and not u.disabled and u.id in (
           select unnest(i.inspector_ids) from inspections i where i.park_id = ${parkId} and i.id = ${hazard.inspectionId}
           union
           select ci.user_id from campaign_inspectors ci
            where ci.park_id = ${parkId} and ci.campaign_id = ${hazard.campaignId})
         order by u.id`,
  );
  const allowed: string[] = [];
  for (const u of named) {
    const actor: Actor = { ...u, mustChangePassword: false };
    const [seen] = await rows<{ one: number }>(
      tx,
      sql`select 1 as one from enterprises e where e.id = ${hazard.enterpriseId} and ${enterpriseScopeSql(actor, 'e', 'id')}`,
    );
    if (seen) allowed.push(u.userId);
  }
  return allowed;
}

export async function enterpriseName(tx: Db, parkId: string, enterpriseId: string): Promise<string> {
  const [r] = await rows<{ name: string }>(
    tx,
    sql`select name from enterprises where park_id = ${parkId} and id = ${enterpriseId}`,
  );
  return r?.name ?? '';
}

/** How many events of this action the hazard has (numbers each occurrence: the n-th submission, the n-th failure). */
export async function eventCount(tx: Db, parkId: string, hazardId: string, action: string) {
  const [r] = await rows<{ n: number; reason: string | null }>(
    tx,
    sql`select count(*)::int as n,
               (select reason from hazard_events where park_id = ${parkId} and hazard_id = ${hazardId}
                  and action = ${action} order by seq desc limit 1) as reason
          from hazard_events where park_id = ${parkId} and hazard_id = ${hazardId} and action = ${action}`,
  );
  return { count: Number(r?.n ?? 0), lastReason: r?.reason ?? null };
}

export async function latestExtension(tx: Db, parkId: string, hazardId: string) {
  const [r] = await rows<{
    id: string;
    status: 'pending' | 'approved' | 'refused';
    requested_deadline: string;
    previous_deadline: string | null;
    reason: string;
    decision_reason: string | null;
  }>(
    tx,
    sql`select id, status, requested_deadline::text as requested_deadline, previous_deadline::text as previous_deadline,
               reason, decision_reason
          from extension_requests where park_id = ${parkId} and hazard_id = ${hazardId}
         order by requested_at desc, id desc limit 1`,
  );
  return r ?? null;
}

// ------------------------------------------------------------------------------------------------------- the sweep

export interface DeadlineCandidate {
  hazard_id: string;
  enterprise_id: string;
  enterprise_name: string;
  serial: string;
  description: string;
  deadline: string;
  grade: 'general' | 'major';
  user_id: string;
}

export async function parkIds(db: Db): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`select id from parks order by id`)).map((r) => r.id);
}

/**
 * Takes the park's sweep lock for the transaction, or answers false when another process holds it (it is doing the
 * same work; what it misses, the next sweep does).
 */
export async function trySweepLock(tx: Db, parkId: string): Promise<boolean> {
  const [r] = await rows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(7212002, hashtext(${parkId})) as locked`,
  );
  return Boolean(r?.locked);
}

/**
 * Hazards not yet submitted whose deadline is in [from, to] (a submitted one waits on the office, not the enterprise),
 * with each recipient (the enterprise's users, and supervisors when asked) that has no notification of this kind for
 * this deadline yet. Uses the partial index hazards_rectifying_deadline.
 */
export function deadlineCandidates(
  tx: Db,
  parkId: string,
  kind: 'hazardDueSoon' | 'hazardOverdue',
  range: { from: string; to: string },
  opts: { supervisorsToo: boolean; limit: number },
) {
  const recipients = opts.supervisorsToo
    ? sql`((u.role = 'enterprise' and u.organisation_id = h.enterprise_id) or u.role = 'supervisor')`
    : sql`(u.role = 'enterprise' and u.organisation_id = h.enterprise_id)`;
  return rows<DeadlineCandidate>(
    tx,
    sql`select h.id as hazard_id, h.enterprise_id, e.name as enterprise_name, h.serial, h.description,
               h.deadline::text as deadline, h.grade, u.id as user_id
          from hazards h
          join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
          join users u on u.park_id = h.park_id and not u.disabled and ${recipients}
         where h.park_id = ${parkId} and h.status in ('assigned', 'rectifying')
           and h.deadline >= ${range.from} and h.deadline <= ${range.to}
           and not exists (select 1 from notifications n
                            where n.user_id = u.id
                              and n.dedupe_key = ${`${kind}:`} || h.id::text || ':' || h.deadline::text)
         order by h.deadline, h.id, u.id
         limit ${opts.limit}`,
  );
}

/** The park's re-check time limit in days (hazard settings; the shared default when the park has none). */
export async function recheckDays(tx: Db, parkId: string): Promise<number> {
  const [r] = await rows<{ recheck_days: number }>(
    tx,
    sql`select recheck_days from hazard_settings where park_id = ${parkId}`,
  );
  return r ? Number(r.recheck_days) : DEFAULT_RECHECK_DAYS;
}

export interface RecheckCandidate {
  hazard_id: string;
  enterprise_id: string;
  enterprise_name: string;
  serial: string;
  description: string;
  deadline: string | null;
  grade: 'general' | 'major';
  submitted_on: string;
  user_id: string;
}

/**
 * Hazards waiting for re-check that were submitted on a day in [from, to], with each supervisor who has no
 * notification of this kind for this submission yet. Uses the partial index hazards_submitted.
 */
export function recheckCandidates(
  tx: Db,
  parkId: string,
  kind: 'recheckDueSoon' | 'recheckOverdue',
  range: { from: string; to: string },
  limit: number,
) {
  return rows<RecheckCandidate>(
    tx,
    sql`select h.id as hazard_id, h.enterprise_id, e.name as enterprise_name, h.serial, h.description,
               h.deadline::text as deadline, h.grade, h.submitted_on::text as submitted_on, u.id as user_id
          from hazards h
          join enterprises e on e.park_id = h.park_id and e.id = h.enterprise_id
          join users u on u.park_id = h.park_id and not u.disabled and u.role = 'supervisor'
         where h.park_id = ${parkId} and h.status = 'submitted'
           and h.submitted_on >= ${range.from} and h.submitted_on <= ${range.to}
           and not exists (select 1 from notifications n
                            where n.user_id = u.id
                              and n.dedupe_key = ${`${kind}:`} || h.id::text || ':' || h.submitted_on::text)
         order by h.submitted_on, h.id, u.id
         limit ${limit}`,
  );
}

// ------------------------------------------------------------------------------------------------------ scheduler

/**
 * Claims a scheduled task for the period `at` falls in (periods of periodMs counted from the epoch: 00:00, 00:10, …
 * for 10 minutes): true for exactly one caller per period across all processes (the row is updated only when its last
 * start lies in an earlier period; concurrent callers queue on the row and re-check it).
 */
export async function claimRun(db: Db, name: string, at: Date, periodMs: number): Promise<boolean> {
  const periodStart = new Date(Math.floor(at.getTime() / periodMs) * periodMs).toISOString();
  const r = await rows<{ name: string }>(
    db,
    sql`insert into scheduler_runs (name, last_started_at) values (${name}, ${at.toISOString()}::timestamptz)
        on conflict (name) do update set last_started_at = excluded.last_started_at
         where scheduler_runs.last_started_at < ${periodStart}::timestamptz
        returning name`,
  );
  return r.length > 0;
}

export async function finishRun(db: Db, name: string, at: Date, result: unknown): Promise<void> {
  await db.execute(
    sql`update scheduler_runs set last_finished_at = ${at.toISOString()}::timestamptz,
                                  last_result = ${JSON.stringify(result)}::jsonb
         where name = ${name}`,
  );
}
