// An inspection and the hazards it found are recorded in one transaction: either all of it lands, or none.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InspectionCreate, InspectionListQuery } from '../../../../shared/src/campaigns';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { type Db, rows } from '../../platform/db';
import { notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import * as campaigns from '../campaigns/repository';
import { createIn as createHazard } from '../hazards/service';
import * as repo from './repository';

export async function list(db: Db, actor: Actor, q: z.infer<typeof InspectionListQuery>) {
  assertCan(actor, 'hazards.read');
  const { items, total } = await repo.list(db, actor, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'hazards.read');
  const v = await repo.get(db, actor, id);
  if (!v) throw notFound('检查记录');
  return v;
}

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof InspectionCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'inspections.create');
  if (actor.role === 'enterprise' && input.kind !== 'selfInspection') {
    throw unprocessable('INSPECTION_KIND_NOT_ALLOWED', '企业用户只能登记企业自查', {
      kind: '企业用户只能登记企业自查',
    });
  }
  if (input.inspectedOn > shanghaiToday(now())) {
    throw unprocessable('INSPECTION_DATE_IN_FUTURE', '检查日期不能晚于今天', { inspectedOn: '检查日期不能晚于今天' });
  }
  // The person recording is one of the inspectors; each counted once (人次).
  const inspectorIds = [...new Set([actor.userId, ...input.inspectorIds])];
  const externalInspectors = [...new Set(input.externalInspectors)];
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    if (input.campaignId) {
      const c = await campaigns.get(tx, actor.parkId, input.campaignId);
      if (!c) throw unprocessable('CAMPAIGN_NOT_FOUND', '检查行动不存在', { campaignId: '检查行动不存在' });
      if (!(await campaigns.isTarget(tx, actor.parkId, c.id, input.enterpriseId))) {
        throw unprocessable('CAMPAIGN_NOT_TARGET', '该企业不在此次检查行动的检查对象中', {
          enterpriseId: '不在检查对象中',
        });
      }
    }
    const known = await rows<{ id: string }>(
      tx,
      sql`select id from users where park_id = ${actor.parkId} and id in (${sql.join(
        inspectorIds.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})`,
    );
    if (known.length !== inspectorIds.length) {
      throw unprocessable('INSPECTION_INSPECTOR_UNKNOWN', '检查人员不存在', { inspectorIds: '检查人员不存在' });
    }
    const inspectionId = await repo.insert(tx, {
      parkId: actor.parkId,
      campaignId: input.campaignId,
      enterpriseId: input.enterpriseId,
      inspectedOn: input.inspectedOn,
      kind: input.kind,
      domains: input.domains,
      inspectorIds,
      inspectorNames: externalInspectors,
      summary: input.summary,
      enterpriseSigner: input.enterpriseSigner,
      createdBy: actor.userId,
    });
    for (const h of input.hazards) {
      await createHazard(tx, ctx, {
        ...h,
        enterpriseId: input.enterpriseId,
        inspectionId,
        campaignId: input.campaignId,
        foundOn: h.foundOn ?? input.inspectedOn,
        source: h.source,
      });
    }
    const after = await repo.get(tx, actor, inspectionId);
    await appendAudit(tx, ctx, {
      action: 'inspection.create',
      entityType: 'inspection',
      entityId: inspectionId,
      enterpriseId: input.enterpriseId,
      after,
    });
    return inspectionId;
  });
  return get(db, actor, id);
}
