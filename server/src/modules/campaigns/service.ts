// Campaigns: who is checked (targets chosen by tags/areas/list), by whom (the team, who thereby see those
// enterprises), and how far along they are (coverage, 人次, 家次, 处, rectification rate).

import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CampaignCreate, CampaignListQuery } from '../../../../shared/src/campaigns';
import type { CampaignChecklistsBody } from '../../../../shared/src/checklists';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { type Db, rows } from '../../platform/db';
import { forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import * as checklistRepo from '../checklists/repository';
import * as checklists from '../checklists/service';
import * as repo from './repository';

const rate = (closed: number, total: number) => (total === 0 ? 0 : Math.round((closed / total) * 1000) / 10);

async function views(db: Db, parkId: string, rowsIn: repo.CampaignRow[]) {
  const ids = rowsIn.map((r) => r.id);
  // Sequential: create() calls this inside its transaction, where one connection takes one query at a time.
  const progress = await repo.progress(db, parkId, ids);
  const team = await repo.team(db, parkId, ids);
  const lists = await checklistRepo.campaignChecklistRefs(db, parkId, ids);
  return rowsIn.map((c) => {
    const p = progress.get(c.id)!;
    return {
      id: c.id,
      name: c.name,
      campaignType: c.campaignType as z.infer<typeof CampaignCreate>['campaignType'],
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      domains: c.domains,
      jointDepartmentIds: c.jointDepartments,
      description: c.description,
      inspectorIds: team.get(c.id) ?? [],
      checklists: lists.get(c.id) ?? [],
      progress: { ...p, rectificationRate: rate(p.closedHazards, p.hazards) },
      createdAt: c.createdAt.toISOString(),
    };
  });
}

/** Campaigns are the committee's plans: enterprises do not read them. */
function assertCanRead(actor: Actor) {
  if (actor.role === 'enterprise') throw forbidden();
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof CampaignListQuery>) {
  assertCanRead(actor);
  const { items, total } = await repo.list(db, actor.parkId, q);
  return { items: await views(db, actor.parkId, items), total, page: q.page, pageSize: q.pageSize };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCanRead(actor);
  const c = await repo.get(db, actor.parkId, id);
  if (!c) throw notFound('检查行动');
  return (await views(db, actor.parkId, [c]))[0]!;
}

export async function coverage(db: Db, actor: Actor, id: string, covered?: boolean) {
  await get(db, actor, id);
  return repo.coverage(db, actor.parkId, id, covered);
}

async function assertTeam(tx: Db, parkId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const found = await rows<{ id: string }>(
    tx,
    sql`select id from users where park_id = ${parkId} and not disabled
          and role in ('inspector', 'supervisor', 'department', 'admin')
          and id in (${sql.join(
            userIds.map((u) => sql`${u}::uuid`),
            sql`, `,
          )})`,
  );
  if (found.length !== new Set(userIds).size) {
    throw unprocessable('CAMPAIGN_TEAM_INVALID', '检查组成员须为本园区的检查、安监或成员单位人员', {
      inspectorIds: '检查组成员无效',
    });
  }
}

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof CampaignCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  return db.transaction(async (tx) => {
    await assertTeam(tx, actor.parkId, input.inspectorIds);
    const targets = await repo.resolveTargets(tx, actor.parkId, input.target);
    if (targets.length === 0) {
      throw unprocessable(
        'CAMPAIGN_NO_TARGETS',
        '请选择检查对象（按重点监管标签、片区或指定企业），且至少包含一家在册企业',
        {
          target: '没有符合条件的企业',
        },
      );
    }
    const id = await repo.insert(tx, {
      parkId: actor.parkId,
      name: input.name,
      campaignType: input.campaignType,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      domains: input.domains,
      jointDepartments: input.jointDepartmentIds,
      description: input.description,
      createdBy: actor.userId,
    });
    await repo.setTargets(tx, actor.parkId, id, targets);
    await repo.setTeam(tx, actor.parkId, id, input.inspectorIds);
    const families = await checklists.familiesFor(tx, actor.parkId, input.checklistTemplateIds, 'checklistTemplateIds');
    await checklistRepo.setCampaignFamilies(tx, actor.parkId, id, families);
    const after = (await views(tx, actor.parkId, [(await repo.get(tx, actor.parkId, id))!]))[0]!;
    await appendAudit(tx, ctx, {
      action: 'campaign.create',
      entityType: 'campaign',
      entityId: id,
      after: { ...after, target: input.target },
    });
    return after;
  });
}

export async function getChecklists(db: Db, actor: Actor, id: string) {
  await get(db, actor, id);
  return checklists.campaignChecklists(db, actor.parkId, id);
}

/** Sets the campaign's checklists (each family's current version is what the campaign lists). */
export async function setChecklists(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof CampaignChecklistsBody>,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  return db.transaction(async (tx) => {
    if (!(await repo.get(tx, actor.parkId, id))) throw notFound('检查行动');
    return checklists.setCampaignChecklists(tx, ctx, id, body);
  });
}
