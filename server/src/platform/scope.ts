// Data scope: the one place that decides which enterprises' records an actor may see. Every repository query over
// enterprise-owned data adds enterpriseScope(); every single-record read or write checks assertEnterpriseInScope().
// Campaigns and joint enforcement actions (records of the park, not of one enterprise) are scoped here too, so a
// member department's view (DOMAIN.md §1: its own records, the joint checks and actions it takes part in, the
// enterprises of those, and the park's public figures) is decided by one rule.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../../shared/src/roles';
import type { Actor } from './actor';
import { type Db, rows } from './db';
import { notFound } from './errors';

const PARK_WIDE: readonly Role[] = ['admin', 'supervisor', 'leader'];

/** Whether the actor's scope is the whole park (so park-level aggregates answer for it). */
export const seesWholePark = (actor: Actor): boolean => PARK_WIDE.includes(actor.role);

/**
 * Whether the actor may read the park's public figures: counts and distributions that name no enterprise (the
 * home page's totals). Member departments do; inspectors and enterprises see figures of their own scope only.
 */
export const seesParkFigures = (actor: Actor): boolean => seesWholePark(actor) || actor.role === 'department';

/** An inspector's enterprises: assigned directly, or targets of a campaign whose team the inspector is on. */
function assignedTo(actor: Actor): SQL {
  return sql`select enterprise_id from inspector_assignments where park_id = ${actor.parkId} and user_id = ${actor.userId}
             union
             select ce.enterprise_id from campaign_enterprises ce
               join campaign_inspectors ci on ci.park_id = ce.park_id and ci.campaign_id = ce.campaign_id
              where ce.park_id = ${actor.parkId} and ci.user_id = ${actor.userId}`;
}

/** The users of the department's own organisation (its staff named on teams and inspections). */
const colleagues = (actor: Actor) =>
  sql`select u.id from users u where u.park_id = ${actor.parkId} and u.organisation_id = ${actor.organisationId}`;
const orgArray = (actor: Actor) => sql`array[${actor.organisationId}::uuid]`;

/** A campaign the department takes part in: a joint department of it, or its staff on the team. */
const departmentCampaign = (actor: Actor, alias: string) => {
  const c = (col: string) => sql.raw(`${alias}.${col}`);
  return sql`(${c('joint_departments')} @> ${orgArray(actor)}
              or exists (select 1 from campaign_inspectors ci where ci.park_id = ${c('park_id')}
                            and ci.campaign_id = ${c('id')} and ci.user_id in (${colleagues(actor)})))`;
};

/** A joint enforcement action the department leads or joins. */
const departmentAction = (actor: Actor, alias: string) => {
  const j = (col: string) => sql.raw(`${alias}.${col}`);
  return sql`(${j('lead_organisation_id')} = ${actor.organisationId}
              or ${j('participant_organisation_ids')} @> ${orgArray(actor)})`;
};

/**
 * A department's enterprises: the targets of the campaigns it takes part in, the targets of the joint actions it
 * leads or joins, and the enterprises of inspections its staff are named on.
 */
function departmentEnterprises(actor: Actor): SQL {
  return sql`select ce.enterprise_id from campaign_enterprises ce
               join campaigns c on c.park_id = ce.park_id and c.id = ce.campaign_id
              where ce.park_id = ${actor.parkId} and ${departmentCampaign(actor, 'c')}
             union
             select unnest(j.target_enterprise_ids) from joint_enforcement_actions j
              where j.park_id = ${actor.parkId} and ${departmentAction(actor, 'j')}
             union
             select i.enterprise_id from inspections i
              where i.park_id = ${actor.parkId}
                and i.inspector_ids && array(${colleagues(actor)})::uuid[]`;
}

/** The enterprises of a role whose scope is a list (inspector, department); null for the others. */
function listedEnterprises(actor: Actor): SQL | null {
  if (actor.role === 'inspector') return assignedTo(actor);
  if (actor.role === 'department') return departmentEnterprises(actor);
  return null;
}

/** WHERE condition limiting rows with (park_id, enterprise_id) columns to what the actor may see. */
export function enterpriseScope(actor: Actor, cols: { parkId: PgColumn; enterpriseId: PgColumn }): SQL {
  const inPark = eq(cols.parkId, actor.parkId);
  if (PARK_WIDE.includes(actor.role)) return inPark;
  if (actor.role === 'enterprise') {
    // An enterprise user without an enterprise sees nothing rather than everything.
    return actor.enterpriseId ? (and(inPark, eq(cols.enterpriseId, actor.enterpriseId)) as SQL) : sql`false`;
  }
  const listed = listedEnterprises(actor);
  if (listed) return and(inPark, sql`${cols.enterpriseId} in (${listed})`) as SQL;
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
  const listed = listedEnterprises(actor);
  if (listed) return sql`${park} = ${actor.parkId} and ${ent} in (${listed})`;
  return sql`false`;
}

/**
 * For figures that name no enterprise (counts by status, area, tag…): the whole park for those who may read the
 * park's public figures (seesParkFigures), the actor's enterprises otherwise.
 */
export function figureScopeSql(actor: Actor, alias: string, enterpriseColumn = 'enterprise_id'): SQL {
  if (seesParkFigures(actor)) return sql`${sql.raw(`${alias}.park_id`)} = ${actor.parkId}`;
  return enterpriseScopeSql(actor, alias, enterpriseColumn);
}

/**
 * Campaigns (alias: a campaigns row) the actor may read: a department those it takes part in, enterprises none,
 * everyone else the park's.
 */
export function campaignScopeSql(actor: Actor, alias: string): SQL {
  const park = sql`${sql.raw(`${alias}.park_id`)} = ${actor.parkId}`;
  if (actor.role === 'enterprise') return sql`false`;
  if (actor.role === 'department') return sql`${park} and ${departmentCampaign(actor, alias)}`;
  return park;
}

/** Joint enforcement actions (alias: a joint_enforcement_actions row) the actor may read: a department its own. */
export function jointActionScopeSql(actor: Actor, alias: string): SQL {
  const park = sql`${sql.raw(`${alias}.park_id`)} = ${actor.parkId}`;
  if (actor.role === 'department') return sql`${park} and ${departmentAction(actor, alias)}`;
  return park;
}

/** Whether the campaign exists in the park and is within the actor's scope. */
export async function campaignInScope(db: Db, actor: Actor, campaignId: string): Promise<boolean> {
  const found = await rows<{ one: number }>(
    db,
    sql`select 1 as one from campaigns c where c.id = ${campaignId} and ${campaignScopeSql(actor, 'c')}`,
  );
  return found.length > 0;
}

/** The scope in words, for the cover sheet of an export. */
export function scopeLabel(actor: Actor): string {
  switch (actor.role) {
    case 'enterprise':
      return '本企业';
    case 'inspector':
      return '分配给本人的企业';
    case 'department':
      return '本单位参与的联合检查、联合执法涉及的企业';
    default:
      return '全园区';
  }
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

/**
 * Records addressed to one party of the park (alias has park_id and party_id: responsibility letters, assessment
 * results): the committee sees all; an enterprise only its own; a member department or village account only its
 * organisation's; inspectors none.
 */
export function partyScopeSql(actor: Actor, alias: string): SQL {
  const park = sql`${sql.raw(`${alias}.park_id`)} = ${actor.parkId}`;
  const party = sql.raw(`${alias}.party_id`);
  if (PARK_WIDE.includes(actor.role)) return park;
  if (actor.role === 'enterprise')
    return actor.enterpriseId ? sql`${park} and ${party} = ${actor.enterpriseId}` : sql`false`;
  if (actor.role === 'department') return sql`${park} and ${party} = ${actor.organisationId}`;
  return sql`false`;
}
