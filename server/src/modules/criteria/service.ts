// The major-hazard criteria library: versioned items with stable codes. Editing an item makes a new version and
// retires the old one, so a hazard keeps pointing at the wording it was judged against.
import type { z } from 'zod';
import type {
  CriterionCreate,
  CriterionListQuery,
  CriterionRevise,
  CriterionView,
} from '../../../../shared/src/criteria';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import * as repo from './repository';

const view = (r: repo.CriterionRow): z.infer<typeof CriterionView> => ({
  id: r.id,
  code: r.code,
  version: r.version,
  standard: r.standard,
  article: r.article,
  item: r.item,
  verified: r.verified,
  retired: r.retired,
});

export async function list(db: Db, ctx: RequestContext, q: z.infer<typeof CriterionListQuery>) {
  assertCan(ctx.actor!, 'criteria.read');
  const { items, total } = await repo.list(db, ctx.actor!.parkId, {
    ...q,
    includeRetired: q.includeRetired === 'true',
  });
  return { items: items.map(view), total, page: q.page, pageSize: q.pageSize };
}

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof CriterionCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'criteria.manage');
  return db.transaction(async (tx) => {
    if (await repo.codeExists(tx, actor.parkId, input.code)) {
      throw conflict('CRITERION_CODE_TAKEN', `编号 ${input.code} 已存在`, { code: '编号已存在' });
    }
    const row = await repo.insert(tx, { ...input, parkId: actor.parkId, version: 1 });
    await appendAudit(tx, ctx, {
      action: 'criterion.create',
      entityType: 'criterion',
      entityId: row.id,
      after: view(row),
    });
    return view(row);
  });
}

/** A new version with the changed wording/verification; the previous version is retired but kept. */
export async function revise(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof CriterionRevise>) {
  const actor = ctx.actor!;
  assertCan(actor, 'criteria.manage');
  return db.transaction(async (tx) => {
    const before = await repo.byId(tx, actor.parkId, id);
    if (!before) throw notFound('判定标准条款');
    if (before.retired) throw unprocessable('CRITERION_RETIRED', '该版本已停用，请修订当前版本');
    await repo.retire(tx, actor.parkId, id);
    const row = await repo.insert(tx, {
      parkId: actor.parkId,
      code: before.code,
      standard: before.standard,
      version: before.version + 1,
      article: input.article !== undefined ? (input.article ?? null) : before.article,
      item: input.item ?? before.item,
      verified: input.verified ?? before.verified,
    });
    await appendAudit(tx, ctx, {
      action: 'criterion.revise',
      entityType: 'criterion',
      entityId: row.id,
      before: view(before),
      after: view(row),
    });
    return view(row);
  });
}

export async function retire(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'criteria.manage');
  return db.transaction(async (tx) => {
    const before = await repo.byId(tx, actor.parkId, id);
    if (!before) throw notFound('判定标准条款');
    await repo.retire(tx, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: 'criterion.retire',
      entityType: 'criterion',
      entityId: id,
      before: view(before),
    });
    return view({ ...before, retired: true });
  });
}

// For the modules that judge against the current library (hazards, checklists): read through this service.
/** A park's shipped library of criteria, provisioned when the park is created or found without one at start. */
export { current, ensureCriteriaLibrary, parksWithoutLibrary } from './repository';
