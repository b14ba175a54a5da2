// Risk graded control (安全风险分级管控). Scores and levels come from the shared calculator (shared/src/risk.ts) with
// the park's thresholds; every change of a point re-derives its enterprise's level, and every change of thresholds
// re-bands all the park's points and enterprises — in the same transaction as the change and its audit record.

import type { z } from 'zod';
import {
  assess,
  CONTROL_MEASURE_KINDS,
  CONTROL_STATE_RANK,
  type ControlMeasures,
  controlState,
  DEFAULT_THRESHOLDS,
  factorProblem,
  type MajorRiskEnterpriseQuery,
  type MapPositionsBody,
  type MapQuery,
  RISK_COLOUR_HEX,
  RISK_LEVEL_COLOURS,
  RISK_LEVEL_NAMES,
  RISK_LEVELS,
  RISK_METHODS,
  type RiskLevel,
  type RiskOverrideBody,
  type RiskPointInput,
  type RiskPointListQuery,
  type RiskPointUpdate,
  type RiskReviewBody,
  THRESHOLD_COMPARISON,
  type ThresholdsUpdate,
} from '../../../../shared/src/risk';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { badRequest, conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { invalidReference } from '../../platform/references';
import { assertEnterpriseInScope } from '../../platform/scope';
import * as repo from './repository';

export const today = () => shanghaiToday(now());

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const found = await repo.get(db, actor, id, today(), forUpdate);
  if (!found) throw notFound('风险点', 'RISK_POINT_NOT_FOUND');
  return found;
}

export async function list(db: Db, actor: Actor, q: RiskPointListQuery) {
  assertCan(actor, 'risk.read');
  const { items, total } = await repo.list(db, actor, q, today());
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function counts(db: Db, actor: Actor, q: repo.PointFilters) {
  assertCan(actor, 'risk.read');
  return repo.counts(db, actor, q, today());
}

export async function detail(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'risk.read');
  const { view } = await load(db, actor, id);
  const hazards = await repo.hazardsOf(db, actor.parkId, id);
  return {
    ...view,
    hazards: hazards.map((h) => ({
      id: h.id,
      serial: h.serial,
      description: h.description,
      status: h.status,
      grade: h.grade,
      foundOn: h.found_on,
      deadline: h.deadline,
    })),
  };
}

const nameTaken = (name: string) => {
  const msg = `该企业已有名为「${name}」的风险点`;
  return conflict('RISK_POINT_NAME_TAKEN', msg, { name: msg });
};

const measuresOf = (m: ControlMeasures) =>
  Object.fromEntries(CONTROL_MEASURE_KINDS.map((k) => [k, m[k] ?? null])) as Record<string, string | null>;

/** The audit's view of a level change of the enterprise a write touched (absent when it did not change). */
const levelChangeOf = (changes: repo.LevelChange[]) =>
  changes[0] ? { enterpriseLevel: { before: changes[0].before, after: changes[0].after } } : {};

/** Points written by the committee are accepted as written; an enterprise's go to the committee for review. */
const reviewOnWrite = (actor: Actor) =>
  actor.role === 'enterprise'
    ? { reviewStatus: 'pending' as const, reviewReason: null, reviewedBy: null, reviewedByName: null, reviewedAt: null }
    : {
        reviewStatus: 'accepted' as const,
        reviewReason: null,
        reviewedBy: actor.userId,
        reviewedByName: actor.displayName,
        reviewedAt: now(),
      };

/** Creates a point inside the caller's transaction (the API and the Excel import). */
export async function createIn(tx: Db, ctx: RequestContext, input: RiskPointInput, audit = true) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.write');
  await repo.lockPark(tx, actor.parkId, 'shared');
  await assertEnterpriseInScope(tx, actor, input.enterpriseId);
  await repo.lockEnterprise(tx, actor.parkId, input.enterpriseId);
  if (await repo.nameTaken(tx, actor.parkId, input.enterpriseId, input.name)) throw nameTaken(input.name);
  const { thresholds } = await repo.thresholds(tx, actor.parkId);
  const a = assess(input.method, input, thresholds);
  const id = await repo.insert(tx, {
    parkId: actor.parkId,
    enterpriseId: input.enterpriseId,
    name: input.name,
    location: input.location,
    activity: input.activity,
    hazardFactors: input.hazardFactors,
    accidentTypes: input.accidentTypes,
    method: input.method,
    likelihood: input.likelihood!,
    exposure: input.exposure,
    consequence: input.consequence,
    severity: input.severity,
    score: a.score,
    level: a.level,
    controlMeasures: measuresOf(input.controlMeasures),
    controlTier: input.controlTier,
    responsiblePerson: input.responsiblePerson,
    nextReviewDate: input.nextReviewDate,
    ...reviewOnWrite(actor),
    createdBy: actor.userId,
  });
  const changes = await repo.refreshEnterpriseLevels(tx, actor.parkId, [input.enterpriseId]);
  if (audit) {
    const { view } = await load(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'riskPoint.create',
      entityType: 'riskPoint',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after: { ...view, ...levelChangeOf(changes) },
    });
  }
  return id;
}

export async function create(db: Db, ctx: RequestContext, input: RiskPointInput) {
  const id = await db.transaction((tx) => createIn(tx, ctx, input));
  return detail(db, ctx.actor!, id);
}

const stale = () => conflict('RISK_POINT_STALE', '该风险点已被他人修改，请刷新后重试');

/** A partial update; the factors of the result must fit its method. An enterprise's change goes back to review. */
export async function updateIn(tx: Db, ctx: RequestContext, id: string, body: RiskPointUpdate, audit = true) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.write');
  await repo.lockPark(tx, actor.parkId, 'shared');
  const { row, view: before } = await load(tx, actor, id, true);
  await repo.lockEnterprise(tx, actor.parkId, row.enterpriseId);
  if (row.version !== body.version) throw stale();
  const { version, ...changes } = body;
  const merged = {
    method: changes.method ?? row.method,
    likelihood: changes.likelihood !== undefined ? changes.likelihood : row.likelihood,
    exposure: changes.exposure !== undefined ? changes.exposure : row.exposure,
    consequence: changes.consequence !== undefined ? changes.consequence : row.consequence,
    severity: changes.severity !== undefined ? changes.severity : row.severity,
  };
  // A change of method drops the other method's factors the client did not send (they cannot apply any more).
  if (changes.method && changes.method !== row.method) {
    if (merged.method === 'LS') {
      if (changes.exposure === undefined) merged.exposure = null;
      if (changes.consequence === undefined) merged.consequence = null;
    } else if (changes.severity === undefined) merged.severity = null;
  }
  const problem = factorProblem(merged.method, merged);
  if (problem) throw unprocessable('RISK_FACTORS_INVALID', problem.message, { [problem.field]: problem.message });
  if (changes.name && changes.name !== row.name) {
    if (await repo.nameTaken(tx, actor.parkId, row.enterpriseId, changes.name, id)) throw nameTaken(changes.name);
  }
  const { thresholds } = await repo.thresholds(tx, actor.parkId);
  const a = assess(merged.method, merged, thresholds);
  const ok = await repo.update(tx, actor.parkId, id, version, {
    ...(changes.name !== undefined && { name: changes.name }),
    ...(changes.location !== undefined && { location: changes.location }),
    ...(changes.activity !== undefined && { activity: changes.activity }),
    ...(changes.hazardFactors !== undefined && { hazardFactors: changes.hazardFactors }),
    ...(changes.accidentTypes !== undefined && { accidentTypes: changes.accidentTypes }),
    ...(changes.controlMeasures !== undefined && { controlMeasures: measuresOf(changes.controlMeasures) }),
    ...(changes.controlTier !== undefined && { controlTier: changes.controlTier }),
    ...(changes.responsiblePerson !== undefined && { responsiblePerson: changes.responsiblePerson }),
    ...(changes.nextReviewDate !== undefined && { nextReviewDate: changes.nextReviewDate }),
    method: merged.method,
    likelihood: merged.likelihood!,
    exposure: merged.exposure,
    consequence: merged.consequence,
    severity: merged.severity,
    score: a.score,
    level: a.level,
    // The committee's edits keep the review state; an enterprise's edit is a new submission.
    ...(actor.role === 'enterprise' ? reviewOnWrite(actor) : {}),
  });
  if (!ok) throw stale();
  const levels = await repo.refreshEnterpriseLevels(tx, actor.parkId, [row.enterpriseId]);
  if (audit) {
    const { view: after } = await load(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'riskPoint.update',
      entityType: 'riskPoint',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before,
      after: { ...after, ...levelChangeOf(levels) },
    });
  }
}

export async function update(db: Db, ctx: RequestContext, id: string, body: RiskPointUpdate) {
  await db.transaction((tx) => updateIn(tx, ctx, id, body));
  return detail(db, ctx.actor!, id);
}

export async function remove(db: Db, ctx: RequestContext, id: string, version: number | undefined) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.write');
  await db.transaction(async (tx) => {
    await repo.lockPark(tx, actor.parkId, 'shared');
    const { row, view } = await load(tx, actor, id, true);
    await repo.lockEnterprise(tx, actor.parkId, row.enterpriseId);
    if (version === undefined) throw badRequest('VALIDATION_FAILED', '缺少版本号', { version: '缺少版本号' });
    if (row.version !== version) throw stale();
    if (await repo.hasHazards(tx, actor.parkId, id)) {
      throw conflict('RISK_POINT_HAS_HAZARDS', '该风险点已关联隐患记录，不能删除；请修改风险点内容');
    }
    if (!(await repo.remove(tx, actor.parkId, id, version))) throw stale();
    const levels = await repo.refreshEnterpriseLevels(tx, actor.parkId, [row.enterpriseId]);
    await appendAudit(tx, ctx, {
      action: 'riskPoint.delete',
      entityType: 'riskPoint',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: view,
      after: levelChangeOf(levels),
    });
  });
  return { ok: true as const };
}

/** 审核: accept a pending point, or return a pending or accepted one with a reason. */
export async function review(db: Db, ctx: RequestContext, id: string, body: RiskReviewBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.review');
  await db.transaction(async (tx) => {
    await repo.lockPark(tx, actor.parkId, 'shared');
    const { row, view: before } = await load(tx, actor, id, true);
    await repo.lockEnterprise(tx, actor.parkId, row.enterpriseId);
    if (row.version !== body.version) throw stale();
    if (body.action === 'accept' && row.reviewStatus !== 'pending') {
      throw conflict('RISK_REVIEW_NOT_PENDING', '只有「待审核」的风险点可以审核通过');
    }
    if (body.action === 'return') {
      if (row.reviewStatus === 'returned') throw conflict('RISK_REVIEW_NOT_PENDING', '该风险点已退回，等待企业修改');
      if (!body.reason || body.reason.length < 2) {
        throw unprocessable('RISK_REVIEW_REASON_REQUIRED', '退回风险点须填写退回原因', { reason: '请填写退回原因' });
      }
    }
    const ok = await repo.update(tx, actor.parkId, id, body.version, {
      reviewStatus: body.action === 'accept' ? 'accepted' : 'returned',
      reviewReason: body.action === 'accept' ? null : body.reason,
      reviewedBy: actor.userId,
      reviewedByName: actor.displayName,
      reviewedAt: now(),
    });
    if (!ok) throw stale();
    // Acceptance lets the point count toward the enterprise's level; returning an accepted one takes it out again.
    const levels = await repo.refreshEnterpriseLevels(tx, actor.parkId, [row.enterpriseId]);
    const { view: after } = await load(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: body.action === 'accept' ? 'riskPoint.accept' : 'riskPoint.return',
      entityType: 'riskPoint',
      entityId: id,
      enterpriseId: row.enterpriseId,
      before: { reviewStatus: before.reviewStatus, reviewReason: before.reviewReason },
      after: { reviewStatus: after.reviewStatus, reviewReason: after.reviewReason, ...levelChangeOf(levels) },
    });
  });
  return detail(db, actor, id);
}

// ------------------------------------------------------------------------------------------------ thresholds

function thresholdsView(t: repo.ThresholdRows) {
  return {
    LEC: t.thresholds.LEC,
    LS: t.thresholds.LS,
    isDefault: t.isDefault,
    defaults: DEFAULT_THRESHOLDS,
    comparison: THRESHOLD_COMPARISON,
    updatedAt: t.updatedAt?.toISOString() ?? null,
    updatedByName: t.updatedByName,
  };
}

export async function getThresholds(db: Db, actor: Actor) {
  assertCan(actor, 'risk.read');
  return thresholdsView(await repo.thresholds(db, actor.parkId));
}

/**
 * Changes the park's thresholds: every point of the park is re-banded and every enterprise's level re-derived, in the
 * one transaction with the audit record (which says how many changed).
 */
export async function setThresholds(db: Db, ctx: RequestContext, body: ThresholdsUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.thresholds');
  return db.transaction(async (tx) => {
    await repo.lockPark(tx, actor.parkId, 'exclusive');
    const before = await repo.thresholds(tx, actor.parkId, true);
    for (const method of RISK_METHODS) {
      const t = body[method];
      if (t === undefined) continue;
      await repo.setThresholds(tx, actor.parkId, method, t, { id: actor.userId, name: actor.displayName });
    }
    const after = await repo.thresholds(tx, actor.parkId);
    const points = await repo.rebandPark(tx, actor.parkId, after.thresholds);
    const enterprises = await repo.refreshEnterpriseLevels(tx, actor.parkId, null);
    await appendAudit(tx, ctx, {
      action: 'risk.thresholds',
      entityType: 'riskThresholds',
      entityId: actor.parkId,
      before: before.thresholds,
      after: {
        ...after.thresholds,
        isDefault: after.isDefault,
        points: points.points,
        pointsChanged: points.changed,
        enterprisesChanged: enterprises.length,
      },
    });
    return {
      thresholds: thresholdsView(after),
      points: points.points,
      pointsChanged: points.changed,
      enterprisesChanged: enterprises.length,
    };
  });
}

// ------------------------------------------------------------------------------------------------ enterprise level

function overrideOf(r: repo.EnterpriseRiskRow) {
  return r.risk_override_level
    ? {
        level: r.risk_override_level,
        reason: r.risk_override_reason ?? '',
        byName: r.override_by_name,
        at: new Date(r.risk_override_at!).toISOString(),
      }
    : null;
}

export async function enterpriseRisk(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'risk.read');
  const r = await repo.enterpriseRisk(db, actor, id);
  if (!r) throw notFound('企业');
  const s = await repo.enterprisePointStats(db, actor.parkId, id, today());
  return {
    enterpriseId: r.id,
    name: r.name,
    creditCode: r.credit_code,
    area: r.area,
    supervisionTags: r.supervision_tags as never,
    level: r.risk_level,
    colour: r.risk_level ? RISK_LEVEL_COLOURS[r.risk_level] : null,
    computedLevel: r.risk_level_computed,
    override: overrideOf(r),
    points: Number(s.total),
    byLevel: RISK_LEVELS.map((level) => ({ level, count: Number(s.accepted[level]) })),
    pendingByLevel: RISK_LEVELS.map((level) => ({ level, count: Number(s.unaccepted[level]) })),
    pendingReview: Number(s.pending),
    pendingLevel: s.pending_level ?? null,
    reviewOverdue: Number(s.overdue),
    openHazards: Number(s.open_hazards),
    mapX: r.map_x,
    mapY: r.map_y,
  };
}

/**
 * A supervisor sets the enterprise's level with a reason (it then stays whatever its points do) or clears it (the
 * level follows the points again).
 */
export async function override(db: Db, ctx: RequestContext, id: string, body: RiskOverrideBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.override');
  if (body.level && !body.reason) {
    throw unprocessable('RISK_OVERRIDE_REASON_REQUIRED', '调整企业风险等级须填写原因', { reason: '请填写调整原因' });
  }
  await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, id);
    const before = await repo.enterpriseRisk(tx, actor, id);
    await repo.setOverride(tx, actor.parkId, id, { level: body.level, reason: body.reason, by: actor.userId });
    const after = await repo.enterpriseRisk(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: body.level ? 'risk.override' : 'risk.overrideCleared',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      before: {
        level: before?.risk_level,
        override: before?.risk_override_level,
        reason: before?.risk_override_reason,
      },
      after: { level: after?.risk_level, override: after?.risk_override_level, reason: after?.risk_override_reason },
    });
  });
  return enterpriseRisk(db, actor, id);
}

export async function majorEnterprises(db: Db, actor: Actor, q: z.infer<typeof MajorRiskEnterpriseQuery>) {
  assertCan(actor, 'risk.overview');
  const day = today();
  const ents = await repo.majorEnterprises(db, actor, q);
  const points = await repo.majorPointsOf(
    db,
    actor.parkId,
    ents.map((e) => e.id),
  );
  const byEnterprise = new Map<string, ReturnType<typeof pointOf>[]>();
  function pointOf(p: (typeof points)[number]) {
    const reviewDue = repo.reviewDue(p.next_review_date, day);
    const openHazards = Number(p.open_hazards);
    return {
      id: p.id,
      name: p.name,
      method: p.method,
      score: Number(p.score),
      reviewStatus: p.review_status,
      nextReviewDate: p.next_review_date,
      reviewDue,
      openHazards,
      controlState: controlState({ openHazards, reviewDue, reviewStatus: p.review_status }),
    };
  }
  for (const p of points) {
    const list = byEnterprise.get(p.enterprise_id) ?? [];
    list.push(pointOf(p));
    byEnterprise.set(p.enterprise_id, list);
  }
  const all = ents
    .map((e) => {
      const majorPoints = byEnterprise.get(e.id) ?? [];
      // An enterprise made major by override only has no major point to be out of control: judged "controlled".
      const state = majorPoints.reduce<ReturnType<typeof controlState>>(
        (worst, p) => (CONTROL_STATE_RANK[p.controlState] > CONTROL_STATE_RANK[worst] ? p.controlState : worst),
        'controlled',
      );
      return {
        enterpriseId: e.id,
        name: e.name,
        area: e.area,
        supervisionTags: e.supervision_tags as never,
        computedLevel: e.risk_level_computed,
        override: overrideOf(e),
        majorPoints,
        controlState: state,
      };
    })
    .filter((e) => !q.controlState || e.controlState === q.controlState);
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

// ------------------------------------------------------------------------------------------------ map

const UNPLACED_LIMIT = 1000;
const PLACED_LIMIT = 20_000;

const mapItem = (r: repo.MapRow) => ({
  id: r.id,
  name: r.name,
  area: r.area,
  supervisionTags: r.supervision_tags as never,
  level: r.risk_level,
  colour: r.risk_level ? RISK_LEVEL_COLOURS[r.risk_level] : null,
  overridden: r.overridden,
  x: r.map_x,
  y: r.map_y,
});

export async function mapData(
  db: Db,
  actor: Actor,
  q: z.infer<typeof MapQuery>,
  plan: () => Promise<import('../../../../shared/src/risk').ParkPlanView | null>,
) {
  assertCan(actor, 'risk.overview');
  const [placed, unplaced, p] = await Promise.all([
    repo.mapEnterprises(db, actor, q, true, PLACED_LIMIT),
    repo.mapEnterprises(db, actor, q, false, UNPLACED_LIMIT),
    plan(),
  ]);
  const count = (level: RiskLevel) => placed.items.filter((e) => e.risk_level === level).length;
  return {
    plan: p,
    placed: placed.items.map(mapItem),
    unplaced: unplaced.items.map(mapItem),
    unplacedTotal: unplaced.total,
    legend: RISK_LEVELS.map((level) => ({
      level,
      name: RISK_LEVEL_NAMES[level],
      colour: RISK_LEVEL_COLOURS[level],
      hex: RISK_COLOUR_HEX[RISK_LEVEL_COLOURS[level]],
      count: count(level),
    })),
  };
}

/** Places enterprises on the plan (fractions 0..1) or takes them off it (null); one audit record per call. */
export async function setPositions(db: Db, ctx: RequestContext, body: MapPositionsBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'risk.place');
  const ids = [...new Set(body.positions.map((p) => p.enterpriseId))];
  if (ids.length !== body.positions.length) {
    throw unprocessable('RISK_POSITION_DUPLICATE', '同一企业在一次调整中出现多次', { positions: '企业重复' });
  }
  return db.transaction(async (tx) => {
    const known = await repo.parkEnterpriseIds(tx, actor.parkId, ids);
    const missing = body.positions.findIndex((p) => !known.has(p.enterpriseId));
    if (missing >= 0) throw invalidReference(`positions.${missing}.enterpriseId`, '不存在或不是本园区的企业');
    const positions = body.positions.map((p) => ({ id: p.enterpriseId, x: p.x, y: p.y }));
    const before = await repo.setPositions(tx, actor.parkId, positions);
    await appendAudit(tx, ctx, {
      action: 'risk.positions',
      entityType: 'parkPlan',
      entityId: actor.parkId,
      before,
      after: positions,
    });
    return { updated: positions.length };
  });
}

export async function distribution(db: Db, actor: Actor) {
  assertCan(actor, 'risk.overview');
  const { byArea, points } = await repo.distribution(db, actor);
  const levels = new Map<string, number>();
  const areas = new Map<string, Record<RiskLevel | 'none', number>>();
  for (const r of byArea) {
    const key = r.level ?? 'none';
    levels.set(key, (levels.get(key) ?? 0) + Number(r.n));
    const area = r.area ?? '未划分片区';
    const row = areas.get(area) ?? { major: 0, significant: 0, general: 0, low: 0, none: 0 };
    row[key] += Number(r.n);
    areas.set(area, row);
  }
  return {
    byLevel: ([...RISK_LEVELS, 'none'] as const).map((level) => ({ level, count: levels.get(level) ?? 0 })),
    byArea: [...areas].sort(([a], [b]) => a.localeCompare(b, 'zh')).map(([area, counts]) => ({ area, ...counts })),
    pointsByLevel: RISK_LEVELS.map((level) => ({
      level,
      count: Number(points.find((p) => p.level === level)?.n ?? 0),
    })),
  };
}

export function assertOverview(actor: Actor): void {
  assertCan(actor, 'risk.overview');
}

export function assertPlanUpload(actor: Actor): void {
  assertCan(actor, 'risk.plan');
}

/** Every (or the listed) enterprise's risk level from its risk points, after a bulk load such as the demo park's. */
export const refreshEnterpriseLevels = repo.refreshEnterpriseLevels;
