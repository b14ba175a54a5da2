// The closed rectification loop (闭环管理). Every transition is checked by the shared state machine, stored as an
// event with who/when/why/evidence, and audited in the same transaction. Overdue is derived from the deadline.
import type { z } from 'zod';
import {
  availableActions,
  type DowngradeBody,
  type ExtensionDecisionBody,
  type ExtensionRequestBody,
  type HazardCreate,
  type HazardListQuery,
  type HazardPlanBody,
  type HazardTransitionBody,
  type ListingBody,
  PLAN_ITEMS,
  refuseTransition,
  type StoppageBody,
  TRANSITIONS,
} from '../../../../shared/src/hazards';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as criteria from '../criteria/repository';
import { assertFilesUsable, filesOf } from '../files/service';
import { notifyHazardEvent } from '../notifications/service';
import * as repo from './repository';

const today = () => shanghaiToday(now());

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const found = await repo.get(db, actor, id, today(), forUpdate);
  if (!found) throw notFound('隐患');
  return found;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof HazardListQuery>) {
  assertCan(actor, 'hazards.read');
  const { items, total, totalCapped } = await repo.list(db, actor, q, today());
  return { items, total, totalCapped, page: q.page, pageSize: q.pageSize };
}

export async function counts(db: Db, actor: Actor, q: repo.LedgerFilters) {
  assertCan(actor, 'hazards.read');
  return repo.counts(db, actor, q, today());
}

export async function detail(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'hazards.read');
  const { view } = await load(db, actor, id);
  const [events, extensions] = await Promise.all([
    repo.events(db, actor.parkId, id),
    repo.extensions(db, actor.parkId, id),
  ]);
  const photoIds = events.flatMap((e) => e.evidence);
  const photos = new Map((await filesOf(db, photoIds, actor)).map((f) => [f.id, f]));
  return {
    ...view,
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      reason: e.reason,
      evidence: e.evidence.filter((f) => photos.has(f)),
      detail: e.detail ?? null,
      actorName: e.actorName,
      at: e.at.toISOString(),
    })),
    extensions: extensions.map((x) => ({
      id: x.id,
      requestedDeadline: x.requestedDeadline,
      previousDeadline: x.previousDeadline,
      reason: x.reason,
      status: x.status,
      decisionReason: x.decisionReason,
      requestedAt: x.requestedAt.toISOString(),
      decidedAt: x.decidedAt?.toISOString() ?? null,
    })),
    actions: availableActions(
      { status: view.status, grade: view.grade, planItems: planItemsOf(view.plan) },
      actor.role,
    ),
  };
}

const planItemsOf = (plan: repo.HazardRow['plan']) => PLAN_ITEMS.filter((k) => Boolean(plan[k]?.trim()));

const event = (
  ctx: RequestContext,
  hazardId: string,
  e: {
    action: string;
    from?: string | null;
    to?: string | null;
    reason?: string | null;
    evidence?: string[];
    detail?: Record<string, string | null> | null;
  },
) => ({
  parkId: ctx.actor!.parkId,
  hazardId,
  action: e.action,
  fromStatus: e.from ?? null,
  toStatus: e.to ?? null,
  reason: e.reason ?? null,
  evidence: e.evidence ?? [],
  detail: e.detail ?? null,
  actorUserId: ctx.actor!.userId,
  actorName: ctx.actor!.displayName,
  at: now(),
});

/**
 * Records a hazard (inside the caller's transaction when called from an inspection). A criterion of the library makes
 * it 重大; 即查即改 records it straight to 已销号 with its evidence.
 */
export async function createIn(tx: Db, ctx: RequestContext, input: HazardCreate): Promise<string> {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.create');
  await assertEnterpriseInScope(tx, actor, input.enterpriseId);
  const day = today();
  let criterionId: string | null = null;
  let grade = input.grade;
  if (input.criterionCode) {
    const c = await criteria.current(tx, actor.parkId, input.criterionCode);
    if (!c) {
      const msg = `判定标准库中没有编号为 ${input.criterionCode} 的有效条款`;
      throw unprocessable('HAZARD_CRITERION_UNKNOWN', msg, { criterionCode: msg });
    }
    criterionId = c.id;
    grade = 'major';
  }
  if (input.fixedOnSpot) {
    if (grade === 'major')
      throw unprocessable('HAZARD_MAJOR_NOT_ON_SPOT', '重大事故隐患不能即查即改销号，须按整改方案闭环整改');
    if (input.afterPhotoIds.length === 0) {
      throw unprocessable('HAZARD_EVIDENCE_REQUIRED', '即查即改须上传整改后照片', {
        afterPhotoIds: '请上传整改后照片',
      });
    }
  } else {
    if (!input.deadline)
      throw unprocessable('HAZARD_DEADLINE_REQUIRED', '请填写整改期限', { deadline: '请填写整改期限' });
    if (input.deadline < day) {
      throw unprocessable('HAZARD_DEADLINE_PAST', '整改期限不能早于今天', { deadline: '整改期限不能早于今天' });
    }
  }
  const foundOn = input.foundOn ?? day;
  if (foundOn > day)
    throw unprocessable('HAZARD_FOUND_IN_FUTURE', '发现日期不能晚于今天', { foundOn: '发现日期不能晚于今天' });
  await assertFilesUsable(tx, actor, input.enterpriseId, input.beforePhotoIds);
  await assertFilesUsable(tx, actor, input.enterpriseId, input.afterPhotoIds);
  const riskPointId = input.riskPointId ?? null;
  if (riskPointId && !(await repo.riskPointOf(tx, actor.parkId, input.enterpriseId, riskPointId))) {
    const msg = '所选风险点不存在或不属于该企业';
    throw unprocessable('HAZARD_RISK_POINT_UNKNOWN', msg, { riskPointId: msg });
  }

  const year = foundOn.slice(0, 4);
  const serial = `YH${year}-${String(await nextSerial(tx, actor.parkId, `hazard-${year}`)).padStart(6, '0')}`;
  const id = await repo.insert(tx, {
    parkId: actor.parkId,
    serial,
    enterpriseId: input.enterpriseId,
    inspectionId: input.inspectionId,
    campaignId: input.campaignId,
    description: input.description,
    location: input.location,
    domain: input.domain,
    category: input.category,
    source: input.source,
    grade,
    criterionId,
    basis: input.basis,
    requirement: input.requirement,
    deadline: input.deadline,
    responsiblePerson: input.responsiblePerson,
    status: input.fixedOnSpot ? 'closed' : 'assigned',
    fixedOnSpot: input.fixedOnSpot,
    foundOn,
    closedAt: input.fixedOnSpot ? now() : null,
    riskPointId,
    createdBy: actor.userId,
  });
  await repo.addEvent(tx, event(ctx, id, { action: 'create', to: 'assigned', evidence: input.beforePhotoIds }));
  if (input.fixedOnSpot) {
    await repo.addEvent(
      tx,
      event(ctx, id, { action: 'fixOnSpot', from: 'assigned', to: 'closed', evidence: input.afterPhotoIds }),
    );
  }
  const { view } = await load(tx, actor, id);
  await appendAudit(tx, ctx, {
    action: 'hazard.create',
    entityType: 'hazard',
    entityId: id,
    enterpriseId: input.enterpriseId,
    after: view,
  });
  await notifyHazardEvent(tx, ctx, view, 'create');
  return id;
}

export async function create(db: Db, ctx: RequestContext, input: HazardCreate) {
  const id = await db.transaction((tx) => createIn(tx, ctx, input));
  return detail(db, ctx.actor!, id);
}

/** One transition of the lifecycle (start, submit, recheckPass, recheckFail). */
export async function transition(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof HazardTransitionBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.read');
  await db.transaction(async (tx) => {
    const { row, view } = await load(tx, actor, id, true);
    const refusal = refuseTransition(
      { status: row.status, grade: row.grade, planItems: planItemsOf(row.plan) },
      body.action,
      actor.role,
      { reason: body.reason, evidenceCount: body.evidenceIds.length },
    );
    if (refusal) {
      const status = { HAZARD_ILLEGAL_TRANSITION: 409, HAZARD_ROLE_NOT_ALLOWED: 403 }[refusal.code as string] ?? 422;
      if (status === 409) throw conflict(refusal.code, refusal.message);
      if (status === 403) throw forbidden(refusal.message, refusal.code);
      throw unprocessable(refusal.code, refusal.message);
    }
    await assertFilesUsable(tx, actor, row.enterpriseId, body.evidenceIds);
    const t = TRANSITIONS[body.action];
    await repo.patch(tx, actor.parkId, id, { status: t.to, closedAt: t.to === 'closed' ? now() : null });
    await repo.addEvent(
      tx,
      event(ctx, id, { action: body.action, from: t.from, to: t.to, reason: body.reason, evidence: body.evidenceIds }),
    );
    const after = (await load(tx, actor, id)).view;
    await appendAudit(tx, ctx, {
      action: `hazard.${body.action}`,
      entityType: 'hazard',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: view,
      after: { ...after, reason: body.reason, evidence: body.evidenceIds },
    });
    await notifyHazardEvent(tx, ctx, after, body.action);
  });
  return detail(db, actor, id);
}

/** Shared frame for the supervisory and planning actions: load for update, change, event, audit. */
async function change(
  db: Db,
  ctx: RequestContext,
  id: string,
  action: string,
  apply: (
    tx: Db,
    row: repo.HazardRow,
  ) => Promise<{ reason?: string | null; detail?: Record<string, string | null> } | undefined>,
) {
  const actor = ctx.actor!;
  await db.transaction(async (tx) => {
    const { row, view } = await load(tx, actor, id, true);
    const extra = await apply(tx, row);
    await repo.addEvent(
      tx,
      event(ctx, id, { action, from: row.status, to: row.status, reason: extra?.reason, detail: extra?.detail }),
    );
    const after = (await load(tx, actor, id)).view;
    await appendAudit(tx, ctx, {
      action: `hazard.${action}`,
      entityType: 'hazard',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: view,
      after,
    });
    await notifyHazardEvent(tx, ctx, after, action);
  });
  return detail(db, actor, id);
}

export function updatePlan(db: Db, ctx: RequestContext, id: string, plan: z.infer<typeof HazardPlanBody>) {
  assertCan(ctx.actor!, 'hazards.rectify');
  return change(db, ctx, id, 'plan', async (tx, row) => {
    if (row.grade !== 'major') throw unprocessable('HAZARD_NOT_MAJOR', '只有重大事故隐患需要制定“五落实”整改方案');
    if (row.status === 'closed') throw conflict('HAZARD_CLOSED', '隐患已销号，不能再修改整改方案');
    const merged = { ...row.plan, ...Object.fromEntries(Object.entries(plan).filter(([, v]) => v !== undefined)) };
    await repo.patch(tx, row.parkId, row.id, { plan: merged });
    return undefined;
  });
}

export function requestExtension(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ExtensionRequestBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.rectify');
  return change(db, ctx, id, 'extensionRequested', async (tx, row) => {
    if (row.status !== 'assigned' && row.status !== 'rectifying') {
      throw conflict('HAZARD_EXTENSION_NOT_ALLOWED', '只有待整改或整改中的隐患可以申请延期');
    }
    if (row.deadline && body.requestedDeadline <= row.deadline) {
      const msg = `申请的期限应晚于当前整改期限 ${row.deadline}`;
      throw unprocessable('EXTENSION_DEADLINE_NOT_LATER', msg, { requestedDeadline: msg });
    }
    if (await repo.pendingExtension(tx, row.parkId, row.id)) {
      throw conflict('EXTENSION_PENDING', '已有待审批的延期申请，请等待审批结果');
    }
    await repo.insertExtension(tx, {
      parkId: row.parkId,
      hazardId: row.id,
      requestedDeadline: body.requestedDeadline,
      previousDeadline: row.deadline,
      reason: body.reason,
      requestedBy: actor.userId,
      requestedAt: now(),
    });
    return { reason: `${body.reason}（申请延期至 ${body.requestedDeadline}）` };
  });
}

export function decideExtension(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ExtensionDecisionBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.supervise');
  return change(db, ctx, id, body.approve ? 'extensionApproved' : 'extensionRefused', async (tx, row) => {
    const pending = await repo.pendingExtension(tx, row.parkId, row.id);
    if (!pending) throw conflict('EXTENSION_NONE_PENDING', '没有待审批的延期申请');
    if (!body.approve && !body.reason) {
      throw unprocessable('EXTENSION_REASON_REQUIRED', '不同意延期时请说明理由', { reason: '请说明理由' });
    }
    await repo.decideExtension(tx, row.parkId, pending.id, {
      status: body.approve ? 'approved' : 'refused',
      decisionReason: body.reason,
      decidedBy: actor.userId,
      decidedAt: now(),
    });
    if (body.approve) await repo.patch(tx, row.parkId, row.id, { deadline: pending.requestedDeadline });
    return { reason: body.reason ?? (body.approve ? `同意延期至 ${pending.requestedDeadline}` : null) };
  });
}

export function listForSupervision(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ListingBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'listed', async (tx, row) => {
    if (row.grade !== 'major') throw unprocessable('HAZARD_NOT_MAJOR', '只有重大事故隐患实行挂牌督办');
    if (row.listing && !row.listing.delistedOn) throw conflict('HAZARD_ALREADY_LISTED', '该隐患已挂牌督办');
    const listing = { ...body, delistedOn: null };
    await repo.patch(tx, row.parkId, row.id, { listing });
    // The event keeps what was decided, so the timeline shows it after a later delisting or relisting.
    const { level, unit, listedOn, documentNo } = listing;
    return { reason: body.reason, detail: { level, unit, listedOn, documentNo } };
  });
}

export function delist(db: Db, ctx: RequestContext, id: string) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'delisted', async (tx, row) => {
    if (!row.listing || row.listing.delistedOn) throw conflict('HAZARD_NOT_LISTED', '该隐患未挂牌督办');
    if (row.status !== 'closed') throw conflict('HAZARD_NOT_ACCEPTED', '须复查验收、隐患销号后方可摘牌');
    const delistedOn = today();
    await repo.patch(tx, row.parkId, row.id, { listing: { ...row.listing, delistedOn } });
    return { detail: { unit: row.listing.unit, documentNo: row.listing.documentNo ?? null, delistedOn } };
  });
}

export function downgrade(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof DowngradeBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'downgraded', async (tx, row) => {
    if (row.grade !== 'major') throw conflict('HAZARD_NOT_MAJOR', '该隐患已是一般隐患');
    if (row.listing && !row.listing.delistedOn) throw conflict('HAZARD_LISTED', '挂牌督办中的隐患须先摘牌才能降级');
    await repo.patch(tx, row.parkId, row.id, { grade: 'general', downgradeReason: body.reason });
    return { reason: body.reason };
  });
}

export function setStoppage(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof StoppageBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'stoppage', async (tx, row) => {
    const stoppageDetail =
      body.stoppage === 'none'
        ? null
        : { unit: body.unit, reason: body.reason, documentNo: body.documentNo, since: today() };
    await repo.patch(tx, row.parkId, row.id, { stoppage: body.stoppage, stoppageDetail });
    return {
      reason: body.reason,
      detail: { stoppage: body.stoppage, previous: row.stoppage, unit: body.unit, documentNo: body.documentNo },
    };
  });
}
