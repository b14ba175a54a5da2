// Drill rules. An enterprise records its own enterprise-level drills; park-level drills (observation days) are the
// committee's. The plan exercised must be the host's; participants are enterprises of the park in the actor's scope;
// a drill is not recorded for a future day. A problem becomes a hazard of its enterprise through the hazards service
// (its rules: deadline, scope, credit, notification) in the same transaction that marks the problem — once: a second
// conversion is 409. Every write is one transaction with its audit row.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DrillCreate,
  DrillDetail,
  DrillFilters,
  DrillLevel,
  DrillListQuery,
  DrillPlanCreate,
  DrillPlanQuery,
  DrillPlanView,
  DrillProblemView,
  DrillScenario,
  DrillUpdate,
  DrillView,
  NoDrillQuery,
  ProblemToHazard,
} from '../../../../shared/src/drills';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseRefs } from '../../platform/references';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import { assertFilesUsable } from '../files/service';
import { fundSubjectFrom } from '../funds/service';
import { createIn as createHazard } from '../hazards/service';
import { drillFigures } from './indicators';
import * as repo from './repository';

const today = () => shanghaiToday(now());
const iso = (v: string | Date) => new Date(v).toISOString();

export function view(r: repo.DrillRow): DrillView {
  return {
    id: r.id,
    serial: r.serial,
    level: r.level as DrillLevel,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    title: r.title,
    scenario: r.scenario as DrillScenario,
    form: r.form as DrillView['form'],
    heldOn: r.held_on,
    place: r.place,
    organiser: r.organiser,
    planId: r.plan_id,
    planTitle: r.plan_title,
    participantEnterprises: r.participants ?? [],
    participantUnits: r.participant_units,
    headcount: Number(r.headcount),
    observers: r.observers,
    observerCount: Number(r.observer_count),
    photoIds: r.photo_ids ?? [],
    evaluation: r.evaluation,
    problemCount: Number(r.problem_count),
    convertedCount: Number(r.converted_count),
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
    rowVersion: Number(r.row_version),
  };
}

const problemView = (p: repo.ProblemRow): DrillProblemView => ({
  id: p.id,
  enterpriseId: p.enterprise_id,
  enterpriseName: p.enterprise_name,
  description: p.description,
  hazardId: p.hazard_id,
  hazardSerial: p.hazard_serial,
  convertedAt: p.converted_at ? iso(p.converted_at) : null,
  convertedByName: p.converted_by_name,
});

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor, id, forUpdate);
  if (!r) throw notFound('演练记录');
  return r;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof DrillListQuery>) {
  assertCan(actor, 'drills.read');
  const r = await repo.list(db, actor, q);
  return { items: r.items.map(view), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof DrillFilters>) {
  assertCan(actor, 'drills.read');
  return (await repo.all(db, actor, q)).map(view);
}

export async function get(db: Db, actor: Actor, id: string): Promise<DrillDetail> {
  assertCan(actor, 'drills.read');
  const r = await load(db, actor, id);
  return { ...view(r), problems: (await repo.problems(db, actor.parkId, id)).map(problemView) };
}

/** Problems name the host or a participant; none given: the host's. */
function problemsOf(input: { problems: DrillCreate['problems'] }, host: string, participants: readonly string[]) {
  return input.problems.map((p, i) => {
    const enterpriseId = p.enterpriseId ?? host;
    if (enterpriseId !== host && !participants.includes(enterpriseId)) {
      const msg = `第 ${i + 1} 条问题所属企业应为演练单位或参演企业`;
      throw unprocessable('DRILL_PROBLEM_ENTERPRISE', msg, { [`problems.${i}.enterpriseId`]: msg });
    }
    return { enterpriseId, description: p.description };
  });
}

function assertNotFuture(heldOn: string) {
  if (heldOn > today()) {
    throw unprocessable('DRILL_IN_FUTURE', '演练日期不能晚于今天（计划中的演练请登记在年度演练计划中）', {
      heldOn: '演练日期不能晚于今天',
    });
  }
}

export async function create(db: Db, ctx: RequestContext, input: DrillCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'drills.write');
  if (input.level === 'park') assertCan(actor, 'drills.park');
  assertNotFuture(input.heldOn);
  const participants = [...new Set(input.participantEnterpriseIds)].filter((id) => id !== input.enterpriseId);
  const problems = problemsOf(input, input.enterpriseId, participants);
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    await assertEnterpriseRefs(tx, actor, 'participantEnterpriseIds', participants);
    if (input.planId && !(await repo.planOf(tx, actor.parkId, input.enterpriseId, input.planId))) {
      const msg = '所选应急预案不存在或不属于演练单位';
      throw unprocessable('DRILL_PLAN_INVALID', msg, { planId: msg });
    }
    await assertFilesUsable(tx, actor, input.enterpriseId, input.photoIds, undefined, 'photoIds');
    const year = input.heldOn.slice(0, 4);
    const serial = `YL${year}-${String(await nextSerial(tx, actor.parkId, `drill-${year}`)).padStart(4, '0')}`;
    const id = await repo.insert(
      tx,
      actor.parkId,
      serial,
      { ...input, participantEnterpriseIds: participants },
      { id: actor.userId, name: actor.displayName },
    );
    await repo.addProblems(tx, actor.parkId, id, problems);
    const after = await get(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'drill.create',
      entityType: 'drill',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after,
    });
    return id;
  });
  return get(db, actor, id);
}

/** Only whoever may write the host's records edits a drill (a participant reads it). */
async function assertHostWriter(tx: Db, actor: Actor, row: repo.DrillRow) {
  assertCan(actor, 'drills.write');
  if (row.level === 'park') assertCan(actor, 'drills.park');
  await assertEnterpriseInScope(tx, actor, row.enterprise_id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: DrillUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'drills.write');
  await db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    await assertHostWriter(tx, actor, row);
    if (input.rowVersion !== Number(row.row_version)) {
      throw conflict('DRILL_STALE', '演练记录已被他人修改，请刷新后重试');
    }
    const before = await get(tx, actor, id);
    const heldOn = input.heldOn ?? before.heldOn;
    assertNotFuture(heldOn);
    const added = problemsOf({ problems: input.addProblems }, row.enterprise_id, row.participant_enterprise_ids ?? []);
    await repo.update(tx, actor.parkId, id, {
      title: input.title ?? before.title,
      scenario: input.scenario ?? before.scenario,
      heldOn,
      place: input.place ?? before.place,
      organiser: input.organiser ?? before.organiser,
      headcount: input.headcount ?? before.headcount,
      observers: input.observers !== undefined ? input.observers : before.observers,
      observerCount: input.observerCount ?? before.observerCount,
      evaluation: input.evaluation !== undefined ? input.evaluation : before.evaluation,
    });
    await repo.addProblems(tx, actor.parkId, id, added);
    await appendAudit(tx, ctx, {
      action: 'drill.update',
      entityType: 'drill',
      entityId: id,
      enterpriseId: row.enterprise_id,
      before,
      after: await get(tx, actor, id),
    });
  });
  return get(db, actor, id);
}

/**
 * A drill's problem becomes a hazard of the problem's enterprise, once. The problem row is locked first, so two
 * clicks at once give one hazard and one 409.
 */
export async function problemToHazard(
  db: Db,
  ctx: RequestContext,
  drillId: string,
  problemId: string,
  input: ProblemToHazard,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'drills.write');
  await db.transaction(async (tx) => {
    const drill = await load(tx, actor, drillId);
    const p = await repo.problem(tx, actor.parkId, drillId, problemId, true);
    if (!p) throw notFound('演练发现的问题');
    if (p.hazard_id) {
      throw conflict(
        'DRILL_PROBLEM_CONVERTED',
        `该问题已于 ${shanghaiToday(new Date(p.converted_at!))} 转为隐患 ${p.hazard_serial ?? ''}，不能重复转为隐患`,
      );
    }
    if (actor.role === 'enterprise' && p.enterprise_id !== actor.enterpriseId) throw forbidden();
    const hazardId = await createHazard(tx, ctx, {
      enterpriseId: p.enterprise_id,
      inspectionId: null,
      campaignId: null,
      description: p.description,
      location: drill.place,
      domain: drill.scenario === 'fire' ? 'fire' : 'production',
      category: input.category,
      source: 'other',
      criterionCode: null,
      grade: 'general',
      basis: `应急演练 ${drill.serial}（${drill.held_on}，${drill.title}）发现的问题`,
      requirement: input.requirement,
      deadline: input.deadline,
      responsiblePerson: input.responsiblePerson,
      beforePhotoIds: [],
      fixedOnSpot: false,
      afterPhotoIds: [],
      riskPointId: null,
      backfill: null,
    });
    await repo.markConverted(tx, actor.parkId, problemId, hazardId, actor.displayName, now());
    await appendAudit(tx, ctx, {
      action: 'drill.problemToHazard',
      entityType: 'drill',
      entityId: drillId,
      enterpriseId: p.enterprise_id,
      before: { problem: p.description, hazardId: null },
      after: { problem: p.description, hazardId },
    });
  });
  return get(db, actor, drillId);
}

export async function plansOf(db: Db, actor: Actor, enterpriseId: string) {
  assertCan(actor, 'drills.read');
  await assertEnterpriseInScope(db, actor, enterpriseId);
  return (await repo.plansOf(db, actor.parkId, enterpriseId)).map((p) => ({
    id: p.id,
    title: p.title,
    planKind: p.plan_kind,
  }));
}

// —— Annual drill plans ——

export async function drillPlans(db: Db, actor: Actor, q: z.infer<typeof DrillPlanQuery>) {
  assertCan(actor, 'drills.read');
  const r = await repo.drillPlans(db, actor, q);
  const day = today();
  const items: DrillPlanView[] = r.items.map((p) => {
    const monthEnd = `${p.year}-${String(p.month).padStart(2, '0')}-31`;
    return {
      id: p.id,
      enterpriseId: p.enterprise_id,
      enterpriseName: p.enterprise_name,
      year: Number(p.year),
      month: Number(p.month),
      scenario: p.scenario as DrillScenario,
      title: p.title,
      heldDrillId: p.held_drill_id,
      heldOn: p.held_on,
      state: p.held_drill_id ? 'done' : monthEnd < day ? 'overdue' : 'upcoming',
    };
  });
  return { items, total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function createPlan(db: Db, ctx: RequestContext, input: DrillPlanCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'drills.write');
  return db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    const id = await repo.insertPlan(tx, actor.parkId, input, actor.userId);
    if (!id) {
      const msg = `${input.year} 年 ${input.month} 月已有同一场景的演练计划`;
      throw conflict('DRILL_PLAN_EXISTS', msg, { month: msg });
    }
    await appendAudit(tx, ctx, {
      action: 'drillPlan.create',
      entityType: 'drillPlan',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after: input,
    });
    return { id };
  });
}

export async function deletePlan(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'drills.write');
  await db.transaction(async (tx) => {
    const p = await repo.getPlan(tx, actor, id);
    if (!p) throw notFound('演练计划');
    await repo.deletePlan(tx, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: 'drillPlan.delete',
      entityType: 'drillPlan',
      entityId: id,
      enterpriseId: p.enterprise_id,
      before: p,
    });
  });
  return { ok: true as const };
}

export async function withoutDrill(db: Db, actor: Actor, q: z.infer<typeof NoDrillQuery>) {
  assertCan(actor, 'drills.read');
  const year = q.year ?? Number(today().slice(0, 4));
  const r = await repo.withoutDrill(db, actor, { ...q, year });
  return {
    items: r.items.map((e) => ({
      id: e.id,
      name: e.name,
      area: e.area,
      supervisionTags: e.supervision_tags as never[],
      plannedCount: Number(e.planned_count),
      lastDrillOn: e.last_drill_on,
    })),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
    year,
    operating: r.operating,
  };
}

export async function figures(db: Db, actor: Actor, year: number | undefined) {
  assertCan(actor, 'drills.read');
  return drillFigures(db, actor, year ?? Number(today().slice(0, 4)));
}

/** Drills held in a period and their participants within the reader's scope (the dashboard's 应急演练 / 演练参与). */
export async function heldInPeriod(db: Db, actor: Actor, from: string, to: string) {
  assertCan(actor, 'drills.read');
  return repo.heldInPeriod(db, repo.drillScope(actor), from, to);
}

/** The park's drills held in a period (the period summary's figures): the same query over the whole park. */
export function parkHeldInPeriod(db: Db, parkId: string, from: string, to: string) {
  return repo.heldInPeriod(db, sql`d.park_id = ${parkId}`, from, to);
}

/** The funds ledger's subject kind of a drill (登记支出 from its drawer), scoped like the drills list. */
export const FUND_SUBJECT_KIND = 'drill';
export const fundSubject = fundSubjectFrom('应急演练', (db, actor, by) => repo.fundSubjects(db, actor, by));

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
  insertPlan: repo.insertPlan,
  addProblems: repo.addProblems,
};
