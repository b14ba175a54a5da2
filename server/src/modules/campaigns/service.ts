// Campaigns: who is checked (targets chosen by tags/areas/list), by whom (the team, who thereby see those
// enterprises), and how far along they are (coverage, 人次, 家次, 处, rectification rate).

import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  CAMPAIGN_STATUS_NAMES,
  type CampaignCancelBody,
  type CampaignCreate,
  type CampaignListQuery,
  type CampaignUpdate,
  type CampaignView,
} from '../../../../shared/src/campaigns';
import type { CampaignChecklistsBody } from '../../../../shared/src/checklists';
import { ratePercent } from '../../../../shared/src/figures';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { type Db, rows } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseRefs, assertOrganisationRefs } from '../../platform/references';
import { campaignInScope, campaignScopeSql } from '../../platform/scope';
import * as checklistRepo from '../checklists/service';
import * as checklists from '../checklists/service';
import * as repo from './repository';

type View = z.infer<typeof CampaignView>;

async function views(db: Db, parkId: string, rowsIn: repo.CampaignRow[]): Promise<View[]> {
  const ids = rowsIn.map((r) => r.id);
  // Sequential: create() calls this inside its transaction, where one connection takes one query at a time.
  const progress = await repo.progress(db, parkId, ids);
  const team = await repo.team(db, parkId, ids);
  const lists = await checklistRepo.campaignChecklistRefs(db, parkId, ids);
  const names = await repo.names(db, parkId, {
    users: [...new Set([...team.values()].flat())],
    organisations: [...new Set(rowsIn.flatMap((c) => c.jointDepartments))],
    enterprises: [...new Set(rowsIn.flatMap((c) => c.target?.enterpriseIds ?? []))],
  });
  const named = (ids: string[]) => ids.map((id) => ({ id, name: names.get(id) ?? '—' }));
  return rowsIn.map((c) => {
    const p = progress.get(c.id)!;
    const members = team.get(c.id) ?? [];
    return {
      id: c.id,
      name: c.name,
      campaignTypes: c.campaignTypes as View['campaignTypes'],
      status: c.status,
      closedAt: c.closedAt?.toISOString() ?? null,
      cancelReason: c.cancelReason,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      domains: c.domains,
      jointDepartmentIds: c.jointDepartments,
      jointDepartments: named(c.jointDepartments),
      description: c.description,
      inspectorIds: members,
      team: named(members),
      target: c.target
        ? { tags: c.target.tags, areas: c.target.areas, enterprises: named(c.target.enterpriseIds) }
        : null,
      checklists: lists.get(c.id) ?? [],
      progress: { ...p, rectificationRate: ratePercent(p.closedHazards, p.hazards) },
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
  const { items, total } = await repo.list(db, actor.parkId, q, campaignScopeSql(actor, 'campaigns'));
  return { items: await views(db, actor.parkId, items), total, page: q.page, pageSize: q.pageSize };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCanRead(actor);
  const c = await repo.get(db, actor.parkId, id);
  if (!c || !(await campaignInScope(db, actor, id))) throw notFound('检查行动');
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
    // Joint departments are member units or villages of the park (they thereby see the campaign and its targets);
    // named targets are the park's enterprises — an unknown or foreign id is refused, not silently dropped.
    await assertOrganisationRefs(
      tx,
      actor,
      'jointDepartmentIds',
      input.jointDepartmentIds,
      ['department', 'village'],
      '应为本园区在用的成员单位或村居',
    );
    await assertEnterpriseRefs(tx, actor, 'target.enterpriseIds', input.target.enterpriseIds);
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
      campaignTypes: input.campaignTypes,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      domains: input.domains,
      jointDepartments: [...new Set(input.jointDepartmentIds)],
      description: input.description,
      target: { ...input.target, enterpriseIds: [...new Set(input.target.enterpriseIds)] },
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
    assertEditable(await repo.get(tx, actor.parkId, id, true));
    return checklists.setCampaignChecklists(tx, ctx, id, body);
  });
}

/** Only an active campaign changes: a closed one's figures are final, a cancelled one is kept as it was. */
function assertEditable(c: repo.CampaignRow | null): asserts c is repo.CampaignRow {
  if (!c) throw notFound('检查行动');
  if (c.status !== 'active') {
    throw conflict('CAMPAIGN_NOT_ACTIVE', `检查行动「${c.name}」${CAMPAIGN_STATUS_NAMES[c.status]}，不能再修改`);
  }
}

/** Edits an active campaign: the fields sent change; new targets are resolved again, inspected ones are kept. */
export async function update(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof CampaignUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  return db.transaction(async (tx) => {
    const c = await repo.get(tx, actor.parkId, id, true);
    assertEditable(c);
    const before = (await views(tx, actor.parkId, [c]))[0]!;
    const startsOn = input.startsOn ?? c.startsOn;
    const endsOn = input.endsOn ?? c.endsOn;
    if (endsOn < startsOn) {
      throw unprocessable('CAMPAIGN_PERIOD_INVALID', '结束日期不能早于开始日期', {
        endsOn: '结束日期不能早于开始日期',
      });
    }
    // A period that would leave recorded inspections outside it is refused: their 人次/家次 count toward it.
    const [outside] = await rows<{ n: number; first: string | null; last: string | null }>(
      tx,
      sql`select count(*)::int as n, min(inspected_on)::text as first, max(inspected_on)::text as last
            from inspections where park_id = ${actor.parkId} and campaign_id = ${id}
             and (inspected_on < ${startsOn} or inspected_on > ${endsOn})`,
    );
    if (outside && Number(outside.n) > 0) {
      const message = `已有 ${outside.n} 次检查（${outside.first} 至 ${outside.last}）在新的期间之外，请调整行动期间`;
      throw unprocessable('CAMPAIGN_PERIOD_EXCLUDES_INSPECTIONS', message, { startsOn: message, endsOn: message });
    }
    if (input.inspectorIds) await assertTeam(tx, actor.parkId, input.inspectorIds);
    if (input.jointDepartmentIds) {
      await assertOrganisationRefs(
        tx,
        actor,
        'jointDepartmentIds',
        input.jointDepartmentIds,
        ['department', 'village'],
        '应为本园区在用的成员单位或村居',
      );
    }
    let target = c.target;
    if (input.target) {
      await assertEnterpriseRefs(tx, actor, 'target.enterpriseIds', input.target.enterpriseIds);
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
      target = { ...input.target, enterpriseIds: [...new Set(input.target.enterpriseIds)] };
      await repo.replaceTargets(tx, actor.parkId, id, targets);
    }
    if (input.inspectorIds) await repo.replaceTeam(tx, actor.parkId, id, input.inspectorIds);
    await repo.patch(tx, actor.parkId, id, {
      name: input.name ?? c.name,
      campaignTypes: input.campaignTypes ? [...new Set(input.campaignTypes)] : c.campaignTypes,
      startsOn,
      endsOn,
      domains: input.domains ?? c.domains,
      jointDepartments: input.jointDepartmentIds ? [...new Set(input.jointDepartmentIds)] : c.jointDepartments,
      description: input.description === undefined ? c.description : input.description,
      target,
    });
    const after = (await views(tx, actor.parkId, [(await repo.get(tx, actor.parkId, id))!]))[0]!;
    await appendAudit(tx, ctx, { action: 'campaign.update', entityType: 'campaign', entityId: id, before, after });
    return after;
  });
}

/** Closes an active campaign: its work is done and its figures are final (an inspection may still be back-filled). */
export async function close(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  return db.transaction(async (tx) => {
    const c = await repo.get(tx, actor.parkId, id, true);
    assertEditable(c);
    await repo.patch(tx, actor.parkId, id, { status: 'closed', closedAt: new Date(), closedBy: actor.userId });
    const after = (await views(tx, actor.parkId, [(await repo.get(tx, actor.parkId, id))!]))[0]!;
    await appendAudit(tx, ctx, {
      action: 'campaign.close',
      entityType: 'campaign',
      entityId: id,
      before: { status: c.status },
      after: { status: after.status, closedAt: after.closedAt },
    });
    return after;
  });
}

/** Cancels an active campaign with a reason; no inspection is counted toward it afterwards. */
export async function cancel(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof CampaignCancelBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  return db.transaction(async (tx) => {
    const c = await repo.get(tx, actor.parkId, id, true);
    assertEditable(c);
    await repo.patch(tx, actor.parkId, id, {
      status: 'cancelled',
      closedAt: new Date(),
      closedBy: actor.userId,
      cancelReason: body.reason,
    });
    const after = (await views(tx, actor.parkId, [(await repo.get(tx, actor.parkId, id))!]))[0]!;
    await appendAudit(tx, ctx, {
      action: 'campaign.cancel',
      entityType: 'campaign',
      entityId: id,
      before: { status: c.status },
      after: { status: after.status, cancelReason: body.reason },
    });
    return after;
  });
}
