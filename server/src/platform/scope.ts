// Data scope: the one place that decides which enterprises' records an actor may see. Every repository query over
// enterprise-owned data adds enterpriseScope(); every single-record read or write checks assertEnterpriseInScope().
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../../shared/src/roles';
import type { Actor } from './actor';
import { type Db, rows } from './db';
import { notFound } from './errors';

const PARK_WIDE: readonly Role[] = ['admin', 'supervisor', 'leader', 'department'];

/** Whether the actor's scope is the whole park (so park-level aggregates answer for it). */
export const seesWholePark = (actor: Actor): boolean => PARK_WIDE.includes(actor.role);

/** An inspector's enterprises: assigned directly, or targets of a campaign whose team the inspector is on. */
function assignedTo(actor: Actor): SQL {
  return sql`select enterprise_id from inspector_assignments where park_id = ${actor.parkId} and user_id = ${actor.userId}
             union
             select ce.enterprise_id from campaign_enterprises ce
               join campaign_inspectors ci on ci.park_id = ce.park_id and ci.campaign_id = ce.campaign_id
              where ce.park_id = ${actor.parkId} and ci.user_id = ${actor.userId}`;
}

/** WHERE condition limiting rows with (park_id, enterprise_id) columns to what the actor may see. */
export function enterpriseScope(actor: Actor, cols: { parkId: PgColumn; enterpriseId: PgColumn }): SQL {
  const inPark = eq(cols.parkId, actor.parkId);
  if (PARK_WIDE.includes(actor.role)) return inPark;
  if (actor.role === 'enterprise') {
    // An enterprise user without an enterprise sees nothing rather than everything.
    return actor.enterpriseId ? (and(inPark, eq(cols.enterpriseId, actor.enterpriseId)) as SQL) : sql`false`;
  }
  if (actor.role === 'inspector') {
    return and(inPark, sql`${cols.enterpriseId} in (${assignedTo(actor)})`) as SQL;
  }
  return sql`false`;
}

/** Raw-SQL form of enterpriseScope for queries written as SQL; alias is the table alias holding the columns. */
export function enterpriseScopeSql(actor: Actor, alias: string, enterpriseColumn = 'enterprise_id'): SQL {
  const park = sql.raw(`${alias}.park_id`);
  const ent = sql.raw(`${alias}.${enterpriseColumn}`);
  if (PARK_WIDE.includes(actor.role)) return sql`${park} = ${actor.parkId}`;
  if (actor.role === 'enterprise') {
    return actor.enterpriseId ? sql`${park} = ${actor.parkId} and ${ent} = ${actor.enterpriseId}` : sql`false`;
  }
  if (actor.role === 'inspector') {
    return sql`${park} = ${actor.parkId} and ${ent} in (${assignedTo(actor)})`;
  }
  return sql`false`;
}

/**
 * Throws 404 when the enterprise is outside the actor's scope (or does not exist): another enterprise's ids are
 * indistinguishable from ids that do not exist.
 */
export async function assertEnterpriseInScope(db: Db, actor: Actor, enterpriseId: string): Promise<void> {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from enterprises e where e.id = ${enterpriseId} and ${enterpriseScopeSql(actor, 'e', 'id')}`,
  );
  if (found.length === 0) throw notFound('企业');
}
