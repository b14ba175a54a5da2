// The closed rectification loop (闭环管理). Every transition is checked by the shared state machine, stored as an
// event with who/when/why/evidence, and audited in the same transaction. 整改逾期 and 复查超时 are derived at read time.
// 补录 (back-fill): a supervisor enters steps of paper records with the day each happened and a reason; the event
// keeps that day (occurred_at, which the figures use) apart from the time it was entered (recorded_at).

import type { z } from 'zod';
import { ratePercent } from '../../../../shared/src/figures';
import {
  availableActions,
  type Backfill,
  DEFAULT_RECHECK_DAYS,
  type DelistingBody,
  type DowngradeBody,
  type ExtensionDecisionBody,
  type ExtensionRequestBody,
  type HazardCreate,
  type HazardListQuery,
  type HazardPeriodQuery,
  type HazardPlanBody,
  type HazardSettingsBody,
  type HazardTransitionBody,
  type ListingBody,
  planItemsOf,
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
import { cacheOf } from '../../platform/read-cache';
import { assertCampaignRef, assertInspectionRef, invalidReference } from '../../platform/references';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as credit from '../credit/service';
import * as criteria from '../criteria/service';
import { assertFilesUsable, filesOf } from '../files/service';
import { notifyHazardEvent } from '../notifications/service';
import * as hazardFigures from './figures';
import * as repo from './repository';

const today = () => shanghaiToday(now());

/** Today and the park's re-check days: what 整改逾期 and 复查超时 are judged against in this request. */
export async function judge(db: Db, parkId: string): Promise<repo.Judge> {
  // Read by every ledger request: kept by the read cache (dropped in every process when the settings change).
  const cache = cacheOf(db);
  const key = `hazard-settings:${parkId}`;
  let recheckDays = cache?.get<number>(key);
  if (recheckDays === undefined) {
    const generation = cache?.generation() ?? 0;
    recheckDays = (await repo.settings(db, parkId))?.recheckDays ?? DEFAULT_RECHECK_DAYS;
    cache?.set(key, recheckDays, generation);
  }
  return { today: today(), recheckDays };
}

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const found = await repo.get(db, actor, id, await judge(db, actor.parkId), forUpdate);
  if (!found) throw notFound('隐患');
  return found;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof HazardListQuery>) {
  assertCan(actor, 'hazards.read');
  const { items, total, totalCapped } = await repo.list(db, actor, q, await judge(db, actor.parkId));
  return { items, total, totalCapped, page: q.page, pageSize: q.pageSize };
}

export async function counts(db: Db, actor: Actor, q: repo.LedgerFilters) {
  assertCan(actor, 'hazards.read');
  return repo.counts(db, actor, q, await judge(db, actor.parkId));
}

/** A hazard's number and grade in the actor's scope (for other modules: the inspection's one-step hazard). */
export async function brief(db: Db, actor: Actor, id: string) {
  const { row } = await load(db, actor, id);
  return { serial: row.serial, grade: row.grade, status: row.status, closedAt: row.closedAt };
}

/** The dashboard's hazard figures of a period, counted with the ledger's WHERE (figures.ts). */
export async function dashboardFigures(db: Db, actor: Actor, period: { from: string; to: string }) {
  assertCan(actor, 'hazards.read');
  const j = await judge(db, actor.parkId);
  const [figures, majors] = await Promise.all([
    hazardFigures.periodFigures(db, actor, period, j),
    hazardFigures.periodMajors(db, actor, period, j),
  ]);
  return { ...figures, majors, today: j.today };
}

/** Figures of a period by when things happened (see HazardPeriodStats). */
export async function periodStats(db: Db, actor: Actor, q: z.infer<typeof HazardPeriodQuery>) {
  assertCan(actor, 'hazards.read');
  const j = await judge(db, actor.parkId);
  const to = q.to ?? j.today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (to < from) {
    throw unprocessable('PERIOD_INVALID', '结束日期不能早于开始日期', { to: '结束日期不能早于开始日期' });
  }
  const r = await repo.periodStats(db, actor, { ...q, from, to }, j);
  // A period not yet over: its end is today, whose 整改逾期 / 复查超时 the ledger's counts answer (from the counters and
  // the hazards_submitted index) — replaying every open hazard's events would not stay fast at millions of rows.
  const now = r.replayed
    ? null
    : await repo.counts(db, actor, { enterpriseId: q.enterpriseId, campaignId: q.campaignId, area: q.area }, j);
  const found = Number(r.found);
  const foundClosed = Number(r.found_closed);
  return {
    from,
    to,
    found,
    closed: Number(r.closed),
    foundClosed,
    rectificationRate: ratePercent(foundClosed, found),
    overdueAtEnd: now ? now.overdue : Number(r.overdue),
    recheckOverdueAtEnd: now ? now.recheckOverdue : Number(r.recheck_overdue),
  };
}

// ------------------------------------------------------------------------------------------------ settings

export async function getSettings(db: Db, actor: Actor) {
  assertCan(actor, 'hazards.read');
  const s = await repo.settings(db, actor.parkId);
  return {
    recheckDays: s?.recheckDays ?? DEFAULT_RECHECK_DAYS,
    isDefault: !s,
    defaultRecheckDays: DEFAULT_RECHECK_DAYS,
    updatedAt: s?.updatedAt?.toISOString() ?? null,
    updatedByName: s?.updatedByName ?? null,
  };
}

/** The park's re-check time limit; 复查超时 follows at once (it is derived, nothing stored needs re-computing). */
export async function updateSettings(db: Db, ctx: RequestContext, body: z.infer<typeof HazardSettingsBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.settings');
  await db.transaction(async (tx) => {
    const before = await getSettings(tx, actor);
    await repo.saveSettings(tx, actor.parkId, body.recheckDays, actor.userId);
    await appendAudit(tx, ctx, {
      action: 'hazard.settings',
      entityType: 'hazardSettings',
      entityId: actor.parkId,
      before: { recheckDays: before.recheckDays },
      after: { recheckDays: body.recheckDays },
    });
  });
  return getSettings(db, actor);
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
      at: e.occurredAt.toISOString(),
      occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      backfillReason: e.backfillReason ?? null,
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

/** When a step happened: now, or — 补录 — the day given; with the back-fill reason (null when not back-filled). */
interface Occurrence {
  at: Date;
  day: string;
  backfillReason: string | null;
}

const happeningNow = (): Occurrence => ({ at: now(), day: today(), backfillReason: null });

const backfillRefused = (code: string, message: string) =>
  unprocessable(code, message, { 'backfill.occurredOn': message });

/**
 * The occurrence of a step: now, or a back-filled day checked against today, the hazard's found date and its previous
 * step (422 naming backfill.occurredOn). Only supervisors back-fill (403 otherwise).
 */
async function occurrence(
  tx: Db,
  actor: Actor,
  row: Pick<repo.HazardRow, 'id' | 'parkId' | 'foundOn'>,
  backfill: Backfill | null | undefined,
): Promise<Occurrence> {
  if (!backfill) return happeningNow();
  assertCan(actor, 'hazards.backfill');
  const day = backfill.occurredOn;
  if (day > today()) throw backfillRefused('BACKFILL_IN_FUTURE', '补录的发生日期不能晚于今天');
  if (day < row.foundOn) {
    throw backfillRefused('BACKFILL_BEFORE_FOUND', `补录的发生日期不能早于隐患的发现日期（${row.foundOn}）`);
  }
  const last = await repo.lastEvent(tx, row.parkId, row.id);
  if (last && day < last.day) {
    throw backfillRefused('BACKFILL_BEFORE_PREVIOUS', `补录的发生日期不能早于上一步骤的发生日期（${last.day}）`);
  }
  // On the day of the previous step, it stays after that step; otherwise the start of that day (Asia/Shanghai).
  const start = repo.shanghaiStart(day);
  const at = last && last.day === day && last.at > start ? last.at : start;
  return { at, day, backfillReason: backfill.reason };
}

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
  when: Occurrence,
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
  occurredAt: when.at,
  recordedAt: now(),
  backfillReason: when.backfillReason,
});

/** What every audit record of a step adds: when it happened and when it was recorded (they differ for 补录). */
const times = (when: Occurrence) => ({
  occurredAt: when.at.toISOString(),
  recordedAt: now().toISOString(),
  ...(when.backfillReason ? { backfillReason: when.backfillReason } : {}),
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
  }
  const foundOn = input.foundOn ?? day;
  if (foundOn > day)
    throw unprocessable('HAZARD_FOUND_IN_FUTURE', '发现日期不能晚于今天', { foundOn: '发现日期不能晚于今天' });
  if (input.backfill) assertCan(actor, 'hazards.backfill');
  if (!input.fixedOnSpot) {
    if (!input.deadline)
      throw unprocessable('HAZARD_DEADLINE_REQUIRED', '请填写整改期限', { deadline: '请填写整改期限' });
    // 补录 of a past record may carry its past deadline, never one before the hazard was found.
    if (input.backfill && input.deadline < foundOn) {
      const msg = `整改期限不能早于发现日期（${foundOn}）`;
      throw unprocessable('HAZARD_DEADLINE_BEFORE_FOUND', msg, { deadline: msg });
    }
    if (!input.backfill && input.deadline < day) {
      throw unprocessable('HAZARD_DEADLINE_PAST', '整改期限不能早于今天', { deadline: '整改期限不能早于今天' });
    }
  }
  // A back-filled hazard was found, and (即查即改) fixed, on its found date.
  const when: Occurrence = input.backfill
    ? { at: repo.shanghaiStart(foundOn), day: foundOn, backfillReason: input.backfill.reason }
    : happeningNow();
  // The inspection that found it must be this enterprise's; the hazard counts toward that inspection's campaign.
  // A campaign named on its own must have the enterprise as a target and the finding date within its period.
  let campaignId = input.campaignId;
  if (input.inspectionId) {
    const inspection = await assertInspectionRef(tx, actor, 'inspectionId', input.inspectionId, input.enterpriseId);
    if (campaignId && campaignId !== inspection.campaignId) {
      throw invalidReference('campaignId', '应与检查记录所属的检查行动一致', 'HAZARD_CAMPAIGN_MISMATCH');
    }
    campaignId = inspection.campaignId;
  } else if (campaignId) {
    const on = { field: 'foundOn', value: foundOn, what: '发现日期' };
    await assertCampaignRef(tx, actor, 'campaignId', campaignId, input.enterpriseId, on);
  }
  await assertFilesUsable(tx, actor, input.enterpriseId, input.beforePhotoIds, undefined, 'beforePhotoIds');
  await assertFilesUsable(tx, actor, input.enterpriseId, input.afterPhotoIds, undefined, 'afterPhotoIds');
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
    campaignId,
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
    closedAt: input.fixedOnSpot ? when.at : null,
    riskPointId,
    createdBy: actor.userId,
  });
  await repo.addEvent(tx, event(ctx, id, { action: 'create', to: 'assigned', evidence: input.beforePhotoIds }, when));
  if (input.fixedOnSpot) {
    await repo.addEvent(
      tx,
      event(ctx, id, { action: 'fixOnSpot', from: 'assigned', to: 'closed', evidence: input.afterPhotoIds }, when),
    );
  }
  // Credit follows the record in its transaction (a major hazard counts against the enterprise at once).
  await credit.refreshIn(tx, actor.parkId, input.enterpriseId);
  const { view } = await load(tx, actor, id);
  await appendAudit(tx, ctx, {
    action: 'hazard.create',
    entityType: 'hazard',
    entityId: id,
    enterpriseId: input.enterpriseId,
    after: { ...view, ...times(when) },
  });
  // A back-filled record tells nobody "new task": it is history (its current state is on the ledger).
  if (!when.backfillReason) await notifyHazardEvent(tx, ctx, view, 'create');
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
      { reason: body.reason, evidenceCount: body.evidenceIds.length, backfill: Boolean(body.backfill) },
    );
    if (refusal) {
      const status = { HAZARD_ILLEGAL_TRANSITION: 409, HAZARD_ROLE_NOT_ALLOWED: 403 }[refusal.code as string] ?? 422;
      if (status === 409) throw conflict(refusal.code, refusal.message);
      if (status === 403) throw forbidden(refusal.message, refusal.code);
      throw unprocessable(refusal.code, refusal.message);
    }
    const when = await occurrence(tx, actor, row, body.backfill);
    await assertFilesUsable(tx, actor, row.enterpriseId, body.evidenceIds, undefined, 'evidenceIds');
    const t = TRANSITIONS[body.action];
    await repo.patch(tx, actor.parkId, id, {
      status: t.to,
      closedAt: t.to === 'closed' ? when.at : null,
      ...(body.action === 'submit' ? { submittedOn: when.day } : {}),
    });
    await repo.addEvent(
      tx,
      event(
        ctx,
        id,
        { action: body.action, from: t.from, to: t.to, reason: body.reason, evidence: body.evidenceIds },
        when,
      ),
    );
    await credit.refreshIn(tx, actor.parkId, row.enterpriseId);
    const after = (await load(tx, actor, id)).view;
    await appendAudit(tx, ctx, {
      action: `hazard.${body.action}`,
      entityType: 'hazard',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: view,
      after: { ...after, reason: body.reason, evidence: body.evidenceIds, ...times(when) },
    });
    if (!when.backfillReason) await notifyHazardEvent(tx, ctx, after, body.action);
  });
  return detail(db, actor, id);
}

/** Shared frame for the supervisory and planning actions: load for update, change, event, audit. */
async function change(
  db: Db,
  ctx: RequestContext,
  id: string,
  action: string,
  backfill: Backfill | null | undefined,
  apply: (
    tx: Db,
    row: repo.HazardRow,
    when: Occurrence,
  ) => Promise<{ reason?: string | null; detail?: Record<string, string | null> } | undefined>,
) {
  const actor = ctx.actor!;
  await db.transaction(async (tx) => {
    const { row, view } = await load(tx, actor, id, true);
    const name = action;
    const when = await occurrence(tx, actor, row, backfill);
    const extra = await apply(tx, row, when);
    await repo.addEvent(
      tx,
      event(
        ctx,
        id,
        { action: name, from: row.status, to: row.status, reason: extra?.reason, detail: extra?.detail },
        when,
      ),
    );
    // Downgrades, extensions and back-filled steps change what credit counts.
    await credit.refreshIn(tx, actor.parkId, row.enterpriseId);
    const after = (await load(tx, actor, id)).view;
    await appendAudit(tx, ctx, {
      action: `hazard.${name}`,
      entityType: 'hazard',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: view,
      after: { ...after, ...times(when) },
    });
    if (!when.backfillReason) await notifyHazardEvent(tx, ctx, after, name);
  });
  return detail(db, actor, id);
}

export function updatePlan(db: Db, ctx: RequestContext, id: string, plan: z.infer<typeof HazardPlanBody>) {
  assertCan(ctx.actor!, 'hazards.rectify');
  const { backfill, ...items } = plan;
  return change(db, ctx, id, 'plan', backfill, async (tx, row) => {
    if (row.grade !== 'major') throw unprocessable('HAZARD_NOT_MAJOR', '只有重大事故隐患需要制定“五落实”整改方案');
    if (row.status === 'closed') throw conflict('HAZARD_CLOSED', '隐患已销号，不能再修改整改方案');
    const merged = { ...row.plan, ...Object.fromEntries(Object.entries(items).filter(([, v]) => v !== undefined)) };
    await repo.patch(tx, row.parkId, row.id, { plan: merged });
    return undefined;
  });
}

export function requestExtension(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ExtensionRequestBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.rectify');
  return change(db, ctx, id, 'extensionRequested', body.backfill, async (tx, row, when) => {
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
      requestedAt: when.at,
    });
    return { reason: `${body.reason}（申请延期至 ${body.requestedDeadline}）` };
  });
}

export function decideExtension(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ExtensionDecisionBody>) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.supervise');
  const action = body.approve ? 'extensionApproved' : 'extensionRefused';
  return change(db, ctx, id, action, body.backfill, async (tx, row, when) => {
    const pending = await repo.pendingExtension(tx, row.parkId, row.id);
    if (!pending) throw conflict('EXTENSION_NONE_PENDING', '没有待审批的延期申请');
    if (!body.approve && !body.reason) {
      throw unprocessable('EXTENSION_REASON_REQUIRED', '不同意延期时请说明理由', { reason: '请说明理由' });
    }
    await repo.decideExtension(tx, row.parkId, pending.id, {
      status: body.approve ? 'approved' : 'refused',
      decisionReason: body.reason,
      decidedBy: actor.userId,
      decidedAt: when.at,
    });
    if (body.approve) await repo.patch(tx, row.parkId, row.id, { deadline: pending.requestedDeadline });
    return { reason: body.reason ?? (body.approve ? `同意延期至 ${pending.requestedDeadline}` : null) };
  });
}

export function listForSupervision(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof ListingBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  const { backfill, ...facts } = body;
  return change(db, ctx, id, 'listed', backfill, async (tx, row) => {
    if (row.grade !== 'major') throw unprocessable('HAZARD_NOT_MAJOR', '只有重大事故隐患实行挂牌督办');
    if (row.listing && !row.listing.delistedOn) throw conflict('HAZARD_ALREADY_LISTED', '该隐患已挂牌督办');
    const listing = { ...facts, delistedOn: null };
    await repo.patch(tx, row.parkId, row.id, { listing });
    // The event keeps what was decided, so the timeline shows it after a later delisting or relisting.
    const { level, unit, listedOn, documentNo } = listing;
    return { reason: body.reason, detail: { level, unit, listedOn, documentNo } };
  });
}

export function delist(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: z.infer<typeof DelistingBody> = { backfill: null },
) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'delisted', body.backfill, async (tx, row, when) => {
    if (!row.listing || row.listing.delistedOn) throw conflict('HAZARD_NOT_LISTED', '该隐患未挂牌督办');
    if (row.status !== 'closed') throw conflict('HAZARD_NOT_ACCEPTED', '须复查验收、隐患销号后方可摘牌');
    const delistedOn = when.day;
    await repo.patch(tx, row.parkId, row.id, { listing: { ...row.listing, delistedOn } });
    return { detail: { unit: row.listing.unit, documentNo: row.listing.documentNo ?? null, delistedOn } };
  });
}

export function downgrade(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof DowngradeBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'downgraded', body.backfill, async (tx, row) => {
    if (row.grade !== 'major') throw conflict('HAZARD_NOT_MAJOR', '该隐患已是一般隐患');
    if (row.listing && !row.listing.delistedOn) throw conflict('HAZARD_LISTED', '挂牌督办中的隐患须先摘牌才能降级');
    await repo.patch(tx, row.parkId, row.id, { grade: 'general', downgradeReason: body.reason });
    return { reason: body.reason };
  });
}

export function setStoppage(db: Db, ctx: RequestContext, id: string, body: z.infer<typeof StoppageBody>) {
  assertCan(ctx.actor!, 'hazards.supervise');
  return change(db, ctx, id, 'stoppage', body.backfill, async (tx, row, when) => {
    const stoppageDetail =
      body.stoppage === 'none'
        ? null
        : { unit: body.unit, reason: body.reason, documentNo: body.documentNo, since: when.day };
    await repo.patch(tx, row.parkId, row.id, { stoppage: body.stoppage, stoppageDetail });
    return {
      reason: body.reason,
      detail: { stoppage: body.stoppage, previous: row.stoppage, unit: body.unit, documentNo: body.documentNo },
    };
  });
}
