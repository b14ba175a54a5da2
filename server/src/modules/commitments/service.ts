// Safety commitment rules. Who must post: operating enterprises carrying one of the type's tags. An enterprise posts
// its own (the office may post one from paper on its behalf); one per type, enterprise and period; a period in the
// future is refused. Missing is computed at read time (today's list), and a missed period becomes a credit event
// once its grace period has passed — derived by the credit service when the enterprise's records change and by its
// daily refresh, never stored as a flag here. Each write is one transaction with its audit row and the credit refresh.
import type { z } from 'zod';
import {
  type CommitmentCreate,
  type CommitmentFilters,
  type CommitmentListQuery,
  type CommitmentTypeUpdate,
  type CommitmentTypeView,
  type CommitmentView,
  DEFAULT_COMMITMENT_TYPES,
  periodOf,
  type StatusQuery,
} from '../../../../shared/src/commitments';
import { addDays } from '../../../../shared/src/credit';
import type { SUPERVISION_TAGS } from '../../../../shared/src/enterprises';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import * as credit from '../credit/service';
import * as repo from './repository';

const today = () => shanghaiToday(now());
const iso = (v: string | Date) => new Date(v).toISOString();

const typeView = (t: repo.TypeRow): CommitmentTypeView => ({
  id: t.id,
  code: t.code,
  name: t.name,
  period: t.period,
  requiredTags: t.required_tags as (typeof SUPERVISION_TAGS)[number][],
  excludedTags: t.excluded_tags as (typeof SUPERVISION_TAGS)[number][],
  reviewItems: t.review_items,
  commitmentTemplate: t.commitment_template,
  graceDays: Number(t.grace_days),
  startsOn: t.starts_on,
  active: t.active,
  rowVersion: Number(t.row_version),
});

function view(r: repo.CommitmentRow): CommitmentView {
  const { end } = periodOf(r.period, r.period_start);
  return {
    id: r.id,
    typeId: r.type_id,
    typeName: r.type_name,
    period: r.period,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    periodStart: r.period_start,
    review: r.review.map((x) => ({ item: x.item, ok: x.ok, note: x.note ?? null })),
    commitmentText: r.commitment_text,
    committedBy: r.committed_by,
    committedAt: iso(r.committed_at),
    recordedByName: r.recorded_by_name,
    late: shanghaiToday(new Date(r.committed_at)) > end,
  };
}

/** The park's types; the shipped ones are added the first time a park asks (counting from that day). */
async function typeRows(db: Db, actor: Actor) {
  await repo.ensureDefaults(db, actor.parkId, DEFAULT_COMMITMENT_TYPES, today());
  return repo.types(db, actor.parkId);
}

export async function types(db: Db, actor: Actor) {
  assertCan(actor, 'commitments.read');
  return (await typeRows(db, actor)).map(typeView);
}

async function loadType(db: Db, actor: Actor, id: string, forUpdate = false) {
  const t = await repo.type(db, actor.parkId, id, forUpdate);
  if (!t) throw notFound('承诺类型');
  return t;
}

/** Changing who must post or the grace period changes missed periods: the park's credit is recomputed after. */
export async function updateType(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof CommitmentTypeUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'commitments.configure');
  await db.transaction(async (tx) => {
    const t = await loadType(tx, actor, id, true);
    if (body.rowVersion !== undefined && body.rowVersion !== Number(t.row_version)) {
      throw conflict('COMMITMENT_TYPE_STALE', '承诺类型已被他人修改，请刷新后重试');
    }
    const before = typeView(t);
    const v = {
      name: body.name ?? before.name,
      requiredTags: body.requiredTags ?? before.requiredTags,
      excludedTags: body.excludedTags ?? before.excludedTags,
      reviewItems: body.reviewItems ?? before.reviewItems,
      commitmentTemplate: body.commitmentTemplate ?? before.commitmentTemplate,
      graceDays: body.graceDays ?? before.graceDays,
      active: body.active ?? before.active,
    };
    await repo.updateType(tx, actor.parkId, id, v, actor.userId);
    await appendAudit(tx, ctx, {
      action: 'commitmentType.update',
      entityType: 'commitmentType',
      entityId: id,
      before,
      after: typeView((await repo.type(tx, actor.parkId, id))!),
    });
  });
  await credit.recomputePark(db, actor.parkId);
  return typeView(await loadType(db, actor, id));
}

export async function post(db: Db, ctx: RequestContext, body: CommitmentCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'commitments.post');
  const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : body.enterpriseId;
  if (!enterpriseId) {
    throw unprocessable('COMMITMENT_ENTERPRISE_REQUIRED', '请选择企业', { enterpriseId: '请选择企业' });
  }
  if (body.periodDate > today()) {
    const msg = '不能提交未来日期的承诺';
    throw unprocessable('COMMITMENT_IN_FUTURE', msg, { periodDate: msg });
  }
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, enterpriseId);
    const t = await repo.type(tx, actor.parkId, body.typeId);
    if (!t || !t.active) {
      const msg = '承诺类型不存在或已停用';
      throw unprocessable('COMMITMENT_TYPE_INVALID', msg, { typeId: msg });
    }
    if (!(await repo.isRequired(tx, actor.parkId, t.id, enterpriseId))) {
      const msg = '该企业不在此类承诺的范围内（重点监管标签不符或非在营状态）';
      throw unprocessable('COMMITMENT_NOT_REQUIRED', msg, { typeId: msg });
    }
    const { start } = periodOf(t.period, body.periodDate);
    const id = await repo.insert(
      tx,
      actor.parkId,
      {
        typeId: t.id,
        enterpriseId,
        periodStart: start,
        review: body.review,
        commitmentText: body.commitmentText,
        committedBy: body.committedBy,
        committedAt: now(),
      },
      { userId: actor.userId, name: actor.displayName },
    );
    if (!id) {
      const msg =
        t.period === 'day' ? `${start} 的承诺已提交，不能重复提交` : `${start.slice(0, 7)} 的承诺已提交，不能重复提交`;
      throw conflict('COMMITMENT_EXISTS', msg, { periodDate: msg });
    }
    // A late post takes back the missed-commitment event of its period.
    await credit.refreshIn(tx, actor.parkId, enterpriseId);
    const after = await repo.get(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'commitment.post',
      entityType: 'commitment',
      entityId: id,
      enterpriseId,
      after: after ? view(after) : null,
    });
    return id;
  });
  return get(db, actor, id);
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'commitments.read');
  const r = await repo.get(db, actor, id);
  if (!r) throw notFound('承诺记录');
  return view(r);
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof CommitmentListQuery>) {
  assertCan(actor, 'commitments.read');
  const r = await repo.list(db, actor, q);
  return { items: r.items.map(view), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof CommitmentFilters>) {
  assertCan(actor, 'commitments.read');
  return (await repo.all(db, actor, q)).map(view);
}

/** Who must post this type for the period of a day (today by default), who has and who is missing. */
export async function status(db: Db, actor: Actor, q: z.infer<typeof StatusQuery>) {
  assertCan(actor, 'commitments.read');
  const t = q.typeId ? await loadType(db, actor, q.typeId) : (await typeRows(db, actor)).find((x) => x.active);
  if (!t) throw notFound('承诺类型');
  const { start, end } = periodOf(t.period, q.date ?? today());
  const found = await repo.status(db, actor, t.id, start);
  const posted = found.filter((r) => r.commitment_id).length;
  const items = (q.missingOnly ? found.filter((r) => !r.commitment_id) : found).map((r) => ({
    enterpriseId: r.enterprise_id,
    enterpriseName: r.name,
    area: r.area,
    commitmentId: r.commitment_id,
    committedBy: r.committed_by,
    committedAt: r.committed_at ? iso(r.committed_at) : null,
  }));
  return {
    typeId: t.id,
    periodStart: start,
    periodEnd: end,
    required: found.length,
    posted,
    missing: found.length - posted,
    graceOver: addDays(end, Number(t.grace_days)) < today(),
    items,
  };
}

/** An enterprise user's own: the types it must post and this period's commitment of each. */
export async function mine(db: Db, actor: Actor) {
  assertCan(actor, 'commitments.read');
  const day = today();
  if (!actor.enterpriseId) return { today: day, items: [] };
  await repo.ensureDefaults(db, actor.parkId, DEFAULT_COMMITMENT_TYPES, day);
  const list = await repo.typesFor(db, actor.parkId, actor.enterpriseId);
  const items = [];
  for (const t of list) {
    const { start, end } = periodOf(t.period, day);
    const found = await repo.findFor(db, actor.parkId, t.id, actor.enterpriseId, start);
    const posted = found ? await repo.get(db, actor, found.id) : null;
    items.push({ type: typeView(t), periodStart: start, periodEnd: end, posted: posted ? view(posted) : null });
  }
  return { today: day, items };
}

/**
 * 补录: past commitments written as they were posted at the time (the demo park's history), without the credit
 * refresh of a live post (the caller recomputes the park once). Other modules reach these writes here, never the
 * repository.
 */
export const backfill = {
  ensureDefaults: repo.ensureDefaults,
  types: repo.types,
  insert: repo.insert,
};
