// Enterprise credit rules. Other modules call refreshIn() inside the transaction of the record they change (hazards,
// penalty cases, accidents, commitments, joint actions, survey submissions): that enterprise's events are re-derived
// from its records and its stored score rewritten, so the list never lags a write. Facts that change with the
// calendar alone (a deadline passing, a commitment's grace period ending, an event's validity running out) are picked
// up by the daily refresh (refreshStale, run by the scheduler) and are always exact on an enterprise's own page,
// which computes the score live from its events.
import type { z } from 'zod';
import {
  CREDIT_KIND_INFO,
  type CreditAdjustmentBody,
  type CreditDetail,
  type CreditEventKind,
  type CreditEventView,
  type CreditGrade,
  type CreditListQuery,
  type CreditRulesBody,
  type CreditRulesView,
  type CreditSourceType,
  counting,
  countsUntil,
  DEFAULT_CREDIT_RULES,
  gradeOf,
  requiredFrequency,
  scoreOf,
} from '../../../../shared/src/credit';
import type { RiskLevel } from '../../../../shared/src/risk-levels';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import * as repo from './repository';

const today = () => shanghaiToday(now());
const iso = (v: string | Date) => new Date(v).toISOString();

export interface RulesInForce extends Omit<CreditRulesBody, 'note'> {
  version: number;
  isDefault: boolean;
  note: string | null;
  createdAt: string | null;
  createdByName: string | null;
}

/** The newest saved version, or the shipped defaults as version 0. */
export async function rulesInForce(db: Db, parkId: string): Promise<RulesInForce> {
  const r = await repo.currentRules(db, parkId);
  if (!r)
    return { ...DEFAULT_CREDIT_RULES, version: 0, isDefault: true, note: null, createdAt: null, createdByName: null };
  // A kind added to the shipped table after this version was saved counts with its default until the next save.
  const saved = new Set(r.rules.map((x) => x.kind));
  return {
    version: r.version,
    isDefault: false,
    baseScore: r.base_score,
    rules: [...r.rules, ...DEFAULT_CREDIT_RULES.rules.filter((d) => !saved.has(d.kind))],
    thresholds: r.thresholds,
    frequency: r.frequency,
    note: r.note,
    createdAt: iso(r.created_at),
    createdByName: r.created_by_name,
  };
}

/**
 * Re-derives one enterprise's events from its records and rewrites its stored score: call it in the transaction of
 * any write to a record credit counts (the credit service's one entry point for other modules).
 */
export async function refreshIn(tx: Db, parkId: string, enterpriseId: string): Promise<void> {
  const day = today();
  const rules = await rulesInForce(tx, parkId);
  await repo.syncEvents(tx, parkId, day, enterpriseId);
  await repo.writeScores(tx, parkId, rules, day, enterpriseId);
}

/**
 * refreshIn for several enterprises (a published assessment round, a joint action): one by one for a few, the whole
 * park in two set-based statements for many (a round of thousands would otherwise run the derivation thousands of times).
 */
export async function refreshManyIn(tx: Db, parkId: string, enterpriseIds: readonly string[]): Promise<void> {
  const ids = [...new Set(enterpriseIds)];
  if (ids.length <= 20) {
    for (const id of ids) await refreshIn(tx, parkId, id);
    return;
  }
  await repo.lockPark(tx, parkId);
  const day = today();
  const rules = await rulesInForce(tx, parkId);
  await repo.syncEvents(tx, parkId, day, null);
  await repo.writeScores(tx, parkId, rules, day, null);
}

/** The grade of an enterprise with no stored score yet (registered since the last refresh): the base score's. */
export async function baseGrade(db: Db, parkId: string): Promise<CreditGrade> {
  const rules = await rulesInForce(db, parkId);
  return gradeOf(rules.baseScore, rules.thresholds);
}

/** Every enterprise of the park from its records, in one transaction (idempotent: a second run changes nothing). */
export async function recomputePark(db: Db, parkId: string): Promise<{ enterprises: number; events: number }> {
  return db.transaction(async (tx) => {
    await repo.lockPark(tx, parkId);
    const day = today();
    const rules = await rulesInForce(tx, parkId);
    await repo.memoryForDerivation(tx);
    const events = (await repo.hasEvents(tx, parkId))
      ? await repo.syncEvents(tx, parkId, day, null)
      : await repo.insertEvents(tx, parkId, day);
    const enterprises = await repo.writeScores(tx, parkId, rules, day, null);
    return { enterprises, events };
  });
}

/** The daily refresh: parks whose stored scores are not of today are recomputed (deadlines and windows moved). */
export async function refreshStale(db: Db): Promise<number> {
  const parks = await repo.staleParks(db, today());
  for (const parkId of parks) await recomputePark(db, parkId);
  return parks.length;
}

// ------------------------------------------------------------------------------------------------ rules

function rulesView(r: RulesInForce, versions: Awaited<ReturnType<typeof repo.ruleVersions>>): CreditRulesView {
  const byKind = new Map(r.rules.map((x) => [x.kind, x]));
  return {
    version: r.version,
    isDefault: r.isDefault,
    baseScore: r.baseScore,
    // In the shipped order, whatever order a version was saved in.
    rules: DEFAULT_CREDIT_RULES.rules.map((d) => {
      const x = byKind.get(d.kind) ?? d;
      return {
        ...x,
        name: CREDIT_KIND_INFO[d.kind].name,
        fed: CREDIT_KIND_INFO[d.kind].fed,
        from: CREDIT_KIND_INFO[d.kind].from,
      };
    }),
    thresholds: r.thresholds,
    frequency: r.frequency,
    note: r.note,
    createdAt: r.createdAt,
    createdByName: r.createdByName,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: iso(v.created_at),
      createdByName: v.created_by_name,
      note: v.note,
    })),
  };
}

export async function getRules(db: Db, actor: Actor): Promise<CreditRulesView> {
  assertCan(actor, 'credit.read');
  return rulesView(await rulesInForce(db, actor.parkId), await repo.ruleVersions(db, actor.parkId));
}

/** A new version of the rule table; every stored score follows it in the same transaction. */
export async function saveRules(db: Db, ctx: RequestContext, body: CreditRulesBody): Promise<CreditRulesView> {
  const actor = ctx.actor!;
  assertCan(actor, 'credit.rules');
  await db.transaction(async (tx) => {
    await repo.lockPark(tx, actor.parkId);
    const before = await rulesInForce(tx, actor.parkId);
    const version = await repo.insertRules(
      tx,
      actor.parkId,
      {
        baseScore: body.baseScore,
        rules: body.rules,
        thresholds: body.thresholds,
        frequency: body.frequency,
        note: body.note ?? null,
      },
      { userId: actor.userId, name: actor.displayName },
    );
    const after = await rulesInForce(tx, actor.parkId);
    await repo.writeScores(tx, actor.parkId, after, today(), null);
    await appendAudit(tx, ctx, {
      action: 'credit.rules',
      entityType: 'creditRules',
      entityId: actor.parkId,
      before: {
        version: before.version,
        baseScore: before.baseScore,
        rules: before.rules,
        thresholds: before.thresholds,
        frequency: before.frequency,
      },
      after: {
        version,
        baseScore: body.baseScore,
        rules: body.rules,
        thresholds: body.thresholds,
        frequency: body.frequency,
        note: body.note ?? null,
      },
    });
  });
  return getRules(db, actor);
}

export async function recompute(db: Db, ctx: RequestContext) {
  const actor = ctx.actor!;
  assertCan(actor, 'credit.recompute');
  const started = Date.now();
  const r = await recomputePark(db, actor.parkId);
  const ms = Date.now() - started;
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'credit.recompute',
      entityType: 'creditScores',
      entityId: actor.parkId,
      after: { ...r, ms },
    }),
  );
  return { ...r, ms };
}

// ------------------------------------------------------------------------------------------------ reads

export async function list(db: Db, actor: Actor, q: z.infer<typeof CreditListQuery>) {
  assertCan(actor, 'credit.read');
  const rules = await rulesInForce(db, actor.parkId);
  const { items, counts } = await repo.list(db, actor, q);
  const gradeCounts: Record<CreditGrade, number> = { A: 0, B: 0, C: 0, D: 0 };
  // An enterprise not scored yet (registered since the last refresh) stands at the base score.
  const baseGrade = gradeOf(rules.baseScore, rules.thresholds);
  for (const c of counts) gradeCounts[(c.grade as CreditGrade | null) ?? baseGrade] += c.n;
  const total = q.grade ? gradeCounts[q.grade] : Object.values(gradeCounts).reduce((a, b) => a + b, 0);
  return {
    items: items.map((r) => {
      const grade = (r.grade as CreditGrade | null) ?? baseGrade;
      return {
        enterpriseId: r.enterprise_id,
        enterpriseName: r.name,
        creditCode: r.credit_code,
        area: r.area,
        riskLevel: r.risk_level as RiskLevel | null,
        score: r.score ?? rules.baseScore,
        grade,
        requiredPerYear: requiredFrequency(rules.frequency, grade, r.risk_level as RiskLevel | null),
        computedOn: r.computed_on,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
    gradeCounts,
  };
}

/** An enterprise's score computed live from its events and adjustments, with every event and why it counts. */
export async function detail(db: Db, actor: Actor, enterpriseId: string): Promise<CreditDetail> {
  assertCan(actor, 'credit.read');
  const e = await repo.enterpriseBrief(db, actor, enterpriseId);
  if (!e) throw notFound('企业');
  const day = today();
  const rules = await rulesInForce(db, actor.parkId);
  const [events, adjustments] = await Promise.all([
    repo.eventsOf(db, actor.parkId, enterpriseId),
    repo.adjustmentsOf(db, actor.parkId, enterpriseId),
  ]);
  const byKind = new Map(rules.rules.map((r) => [r.kind, r]));
  const views: CreditEventView[] = [
    ...events.map((ev) => {
      const rule = byKind.get(ev.kind as CreditEventKind);
      const validDays = rule?.validDays ?? 1;
      return {
        id: ev.id,
        kind: ev.kind as CreditEventKind,
        kindName: CREDIT_KIND_INFO[ev.kind as CreditEventKind]?.name ?? ev.kind,
        sourceType: ev.source_type as CreditSourceType,
        sourceId: ev.source_id,
        sourceLabel: ev.source_label,
        occurredOn: ev.occurred_on,
        points: rule?.points ?? 0,
        validDays,
        countsUntil: countsUntil(ev.occurred_on, validDays),
        counting: Boolean(rule) && counting(ev.occurred_on, validDays, day),
        reason: null,
        byName: null,
      };
    }),
    ...adjustments.map((a) => ({
      id: a.id,
      kind: 'adjustment' as const,
      kindName: '人工调整',
      sourceType: null,
      sourceId: null,
      sourceLabel: a.reason,
      occurredOn: a.occurred_on,
      points: a.points,
      validDays: a.valid_days,
      countsUntil: countsUntil(a.occurred_on, a.valid_days),
      counting: counting(a.occurred_on, a.valid_days, day),
      reason: a.reason,
      byName: a.created_by_name,
    })),
  ].sort((a, b) => Number(b.counting) - Number(a.counting) || b.occurredOn.localeCompare(a.occurredOn));
  const score = scoreOf(
    rules.baseScore,
    rules.rules,
    events.map((ev) => ({ kind: ev.kind as CreditEventKind, occurredOn: ev.occurred_on })),
    adjustments.map((a) => ({ points: a.points, occurredOn: a.occurred_on, validDays: a.valid_days })),
    day,
  );
  const grade = gradeOf(score, rules.thresholds);
  const risk = e.risk_level as RiskLevel | null;
  return {
    enterpriseId,
    enterpriseName: e.name,
    riskLevel: risk,
    baseScore: rules.baseScore,
    score,
    grade,
    thresholds: rules.thresholds,
    ruleVersion: rules.version,
    requiredPerYear: requiredFrequency(rules.frequency, grade, risk),
    today: day,
    events: views,
  };
}

/** A supervisor's adjustment with its reason: audited, and the stored score follows at once. */
export async function adjust(
  db: Db,
  ctx: RequestContext,
  enterpriseId: string,
  body: z.infer<typeof CreditAdjustmentBody>,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'credit.adjust');
  const occurredOn = body.occurredOn ?? today();
  if (occurredOn > today()) {
    throw unprocessable('CREDIT_ADJUSTMENT_IN_FUTURE', '调整日期不能晚于今天', { occurredOn: '调整日期不能晚于今天' });
  }
  await db.transaction(async (tx) => {
    if (!(await repo.enterpriseBrief(tx, actor, enterpriseId))) throw notFound('企业');
    const before = await repo.storedScore(tx, actor.parkId, enterpriseId);
    const id = await repo.insertAdjustment(
      tx,
      actor.parkId,
      enterpriseId,
      { points: body.points, reason: body.reason, occurredOn, validDays: body.validDays },
      { userId: actor.userId, name: actor.displayName },
    );
    await refreshIn(tx, actor.parkId, enterpriseId);
    const after = await repo.storedScore(tx, actor.parkId, enterpriseId);
    await appendAudit(tx, ctx, {
      action: 'credit.adjust',
      entityType: 'creditAdjustment',
      entityId: id,
      enterpriseId,
      before: before ? { score: before.score, grade: before.grade } : null,
      after: {
        points: body.points,
        reason: body.reason,
        occurredOn,
        validDays: body.validDays,
        score: after?.score,
        grade: after?.grade,
      },
    });
  });
  return detail(db, actor, enterpriseId);
}
