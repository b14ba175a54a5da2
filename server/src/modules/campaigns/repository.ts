import {
  and,
  arrayContains,
  arrayOverlaps,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { z } from 'zod';
import type { CampaignListQuery } from '../../../../shared/src/campaigns';
import { campaignEnterprises, campaignInspectors, campaigns, enterprises, organisations, users } from '../../db/schema';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export type CampaignRow = typeof campaigns.$inferSelect;

export async function insert(tx: Db, values: typeof campaigns.$inferInsert): Promise<string> {
  const [r] = await tx.insert(campaigns).values(values).returning({ id: campaigns.id });
  return r!.id;
}

/** Target enterprises chosen by tags (any), areas (any) and an explicit list, excluding cancelled enterprises. */
export async function resolveTargets(
  tx: Db,
  parkId: string,
  t: { tags: string[]; areas: string[]; enterpriseIds: string[] },
): Promise<string[]> {
  const ors: SQL[] = [];
  if (t.tags.length) ors.push(arrayOverlaps(enterprises.supervisionTags, t.tags));
  if (t.areas.length) ors.push(inArray(enterprises.area, t.areas));
  if (t.enterpriseIds.length) ors.push(inArray(enterprises.id, t.enterpriseIds));
  if (ors.length === 0) return [];
  const found = await tx
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.parkId, parkId), ne(enterprises.status, 'cancelled'), or(...ors)));
  return found.map((r) => r.id);
}

export async function setTargets(tx: Db, parkId: string, campaignId: string, enterpriseIds: string[]) {
  for (let i = 0; i < enterpriseIds.length; i += 1000) {
    await tx
      .insert(campaignEnterprises)
      .values(enterpriseIds.slice(i, i + 1000).map((enterpriseId) => ({ parkId, campaignId, enterpriseId })))
      .onConflictDoNothing();
  }
}

export async function setTeam(tx: Db, parkId: string, campaignId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await tx
    .insert(campaignInspectors)
    .values(userIds.map((userId) => ({ parkId, campaignId, userId })))
    .onConflictDoNothing();
}

export async function get(db: Db, parkId: string, id: string, forUpdate = false): Promise<CampaignRow | null> {
  const q = db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.parkId, parkId), eq(campaigns.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

export async function patch(tx: Db, parkId: string, id: string, values: Partial<typeof campaigns.$inferInsert>) {
  await tx
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(campaigns.parkId, parkId), eq(campaigns.id, id)));
}

/**
 * Replaces the targets with a new choice, keeping every enterprise the campaign has already inspected (its figures
 * count them; a target dropped after its visit would leave a visit to a non-target).
 */
export async function replaceTargets(tx: Db, parkId: string, campaignId: string, enterpriseIds: string[]) {
  await tx.execute(
    sql`delete from campaign_enterprises ce
         where ce.park_id = ${parkId} and ce.campaign_id = ${campaignId}
           and not exists (select 1 from inspections i where i.park_id = ce.park_id and i.campaign_id = ce.campaign_id
                              and i.enterprise_id = ce.enterprise_id)
           ${enterpriseIds.length ? sql`and enterprise_id <> all(${`{${enterpriseIds.join(',')}}`}::uuid[])` : sql``}`,
  );
  await setTargets(tx, parkId, campaignId, enterpriseIds);
}

export async function replaceTeam(tx: Db, parkId: string, campaignId: string, userIds: string[]) {
  await tx
    .delete(campaignInspectors)
    .where(and(eq(campaignInspectors.parkId, parkId), eq(campaignInspectors.campaignId, campaignId)));
  await setTeam(tx, parkId, campaignId, [...new Set(userIds)]);
}

/** Display names of users, organisations and enterprises of the park, by id (for the campaign detail). */
export async function names(
  db: Db,
  parkId: string,
  ids: { users: string[]; organisations: string[]; enterprises: string[] },
): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  if (ids.users.length) {
    const r = await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(eq(users.parkId, parkId), inArray(users.id, ids.users)));
    for (const x of r) m.set(x.id, x.name);
  }
  if (ids.organisations.length) {
    const r = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.parkId, parkId), inArray(organisations.id, ids.organisations)));
    for (const x of r) m.set(x.id, x.name);
  }
  if (ids.enterprises.length) {
    const r = await db
      .select({ id: enterprises.id, name: enterprises.name })
      .from(enterprises)
      .where(and(eq(enterprises.parkId, parkId), inArray(enterprises.id, ids.enterprises)));
    for (const x of r) m.set(x.id, x.name);
  }
  return m;
}

export async function team(db: Db, parkId: string, ids: string[]): Promise<Map<string, string[]>> {
  const m = new Map<string, string[]>();
  if (ids.length === 0) return m;
  const r = await db
    .select()
    .from(campaignInspectors)
    .where(and(eq(campaignInspectors.parkId, parkId), inArray(campaignInspectors.campaignId, ids)));
  for (const x of r) m.set(x.campaignId, [...(m.get(x.campaignId) ?? []), x.userId]);
  return m;
}

/** The campaigns page; scope is the actor's campaign scope (platform/scope.ts campaignScopeSql over "campaigns"). */
export async function list(db: Db, parkId: string, q: z.infer<typeof CampaignListQuery>, scope?: SQL) {
  const where = and(
    eq(campaigns.parkId, parkId),
    scope,
    q.q ? ilike(campaigns.name, likePattern(q.q)) : undefined,
    q.campaignType ? arrayContains(campaigns.campaignTypes, [q.campaignType]) : undefined,
    q.status ? eq(campaigns.status, q.status) : undefined,
    q.year ? sql`extract(year from ${campaigns.startsOn}) = ${q.year}` : undefined,
  );
  const dir = q.order === 'asc' ? asc : desc;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(campaigns)
      .where(where)
      .orderBy(dir(campaigns.startsOn), asc(campaigns.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(campaigns).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export interface Progress {
  targetEnterprises: number;
  coveredEnterprises: number;
  inspections: number;
  inspectorVisits: number;
  hazards: number;
  majorHazards: number;
  closedHazards: number;
}

/** Campaign figures; 人次 counts each inspection's inspectors (internal and external) once. */
export async function progress(db: Db, parkId: string, ids: string[]): Promise<Map<string, Progress>> {
  const m = new Map<string, Progress>();
  if (ids.length === 0) return m;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const r = await rows<{ id: string } & Record<keyof Progress, number>>(
    db,
    sql`select c.id,
          (select count(*) from campaign_enterprises ce where ce.park_id = c.park_id and ce.campaign_id = c.id)::int as "targetEnterprises",
          (select count(distinct i.enterprise_id) from inspections i where i.park_id = c.park_id and i.campaign_id = c.id)::int as "coveredEnterprises",
          (select count(*) from inspections i where i.park_id = c.park_id and i.campaign_id = c.id)::int as inspections,
          (select coalesce(sum(coalesce(cardinality(i.inspector_ids), 0) + coalesce(cardinality(i.inspector_names), 0)), 0)
             from inspections i where i.park_id = c.park_id and i.campaign_id = c.id)::int as "inspectorVisits",
          -- Hazard figures from the trigger-kept counters (migration 0011): no scan of a campaign's hazards.
          coalesce(hc.hazards, 0)::int as hazards,
          coalesce(hc.major, 0)::int as "majorHazards",
          coalesce(hc.closed, 0)::int as "closedHazards"
        from campaigns c
        left join lateral (
          select sum(n) as hazards, sum(n) filter (where grade = 'major') as major,
                 sum(n) filter (where status = 'closed') as closed
            from hazard_counts where park_id = c.park_id and campaign_id = c.id) hc on true
        where c.park_id = ${parkId} and c.id in (${list})`,
  );
  for (const x of r) {
    m.set(x.id, {
      targetEnterprises: Number(x.targetEnterprises),
      coveredEnterprises: Number(x.coveredEnterprises),
      inspections: Number(x.inspections),
      inspectorVisits: Number(x.inspectorVisits),
      hazards: Number(x.hazards),
      majorHazards: Number(x.majorHazards),
      closedHazards: Number(x.closedHazards),
    });
  }
  return m;
}

/** Coverage: every target enterprise with its inspections and hazards in the campaign (全覆盖). */
export async function coverage(db: Db, parkId: string, campaignId: string, covered?: boolean) {
  return rows<{
    enterpriseId: string;
    name: string;
    area: string | null;
    inspections: number;
    hazards: number;
    openHazards: number;
    lastInspectedOn: string | null;
  }>(
    db,
    sql`select * from (
          select e.id as "enterpriseId", e.name, e.area,
                 (select count(*) from inspections i where i.park_id = ce.park_id and i.campaign_id = ce.campaign_id and i.enterprise_id = e.id)::int as inspections,
                 (select coalesce(sum(n), 0) from hazard_counts h where h.park_id = ce.park_id and h.enterprise_id = e.id and h.campaign_id = ce.campaign_id)::int as hazards,
                 (select coalesce(sum(n), 0) from hazard_counts h where h.park_id = ce.park_id and h.enterprise_id = e.id and h.campaign_id = ce.campaign_id and h.status <> 'closed')::int as "openHazards",
                 (select max(i.inspected_on)::text from inspections i where i.park_id = ce.park_id and i.campaign_id = ce.campaign_id and i.enterprise_id = e.id) as "lastInspectedOn"
            from campaign_enterprises ce join enterprises e on e.park_id = ce.park_id and e.id = ce.enterprise_id
           where ce.park_id = ${parkId} and ce.campaign_id = ${campaignId}) x
        ${covered === undefined ? sql`` : covered ? sql`where inspections > 0` : sql`where inspections = 0`}
        order by inspections, name
        limit 1000`,
  );
}
