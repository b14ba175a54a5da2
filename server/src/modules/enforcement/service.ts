// Enforcement rules. Penalty cases: the committee files and advances them (forward only), each linked hazard must be
// the case's enterprise's, 罚款 carries an amount; enterprises read their own cases (data scope). Joint enforcement
// actions: the committee and member departments record them (a department only those it leads or joins), with
// counted results. Every write is one transaction with its audit row.
import type { z } from 'zod';
import { parkShortName } from '../../../../shared/src/documents';
import {
  type JointActionCreate,
  type JointActionListQuery,
  type JointActionUpdate,
  type JointActionView,
  PENALTY_STATUSES,
  type PenaltyCaseCreate,
  type PenaltyCaseListQuery,
  type PenaltyCaseUpdate,
  type PenaltyCaseView,
  type PenaltyMeasure,
  type PenaltyStatus,
  penaltyProblem,
  resultText,
} from '../../../../shared/src/enforcement';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as credit from '../credit/service';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
const today = () => shanghaiToday(now());

// --------------------------------------------------------------------------------------------------- penalty cases

/** Views of cases, with the serial and description of their hazards fetched in one query. */
async function penaltyViews(db: Db, actor: Actor, list: repo.PenaltyRow[]): Promise<PenaltyCaseView[]> {
  const ids = [...new Set(list.flatMap((r) => r.hazard_ids))];
  const summaries = new Map((await repo.hazardSummaries(db, actor.parkId, ids)).map((h) => [h.id, h]));
  return list.map((r) => ({
    id: r.id,
    caseNo: r.case_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    hazardIds: r.hazard_ids,
    hazards: r.hazard_ids.flatMap((id) => summaries.get(id) ?? []),
    legalBasis: r.legal_basis,
    measures: r.measures as PenaltyMeasure[],
    fineAmount: r.fine_amount == null ? null : Number(r.fine_amount),
    filedOn: r.filed_on,
    decidedOn: r.decided_on,
    executedOn: r.executed_on,
    closedOn: r.closed_on,
    status: r.status as PenaltyStatus,
    note: r.note,
    rowVersion: Number(r.row_version),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

const penaltyView = async (db: Db, actor: Actor, r: repo.PenaltyRow) => (await penaltyViews(db, actor, [r]))[0]!;

export async function listPenaltyCases(db: Db, actor: Actor, q: z.infer<typeof PenaltyCaseListQuery>) {
  assertCan(actor, 'penaltyCases.read');
  const { items, total, fineTotal } = await repo.listPenalties(db, actor, q);
  return { items: await penaltyViews(db, actor, items), total, page: q.page, pageSize: q.pageSize, fineTotal };
}

async function loadPenalty(db: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.getPenalty(db, actor, id, forUpdate);
  if (!row) throw notFound('处罚案件');
  return row;
}

export async function getPenaltyCase(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'penaltyCases.read');
  return penaltyView(db, actor, await loadPenalty(db, actor, id));
}

/** The whole case must hold (penaltyProblem), and its hazards must be its enterprise's. */
async function checkPenalty(tx: Db, actor: Actor, enterpriseId: string, v: repo.PenaltyValues) {
  const problem = penaltyProblem(
    {
      measures: v.measures as PenaltyMeasure[],
      fineAmount: v.fineAmount,
      filedOn: v.filedOn,
      decidedOn: v.decidedOn,
      executedOn: v.executedOn,
      closedOn: v.closedOn,
      status: v.status as PenaltyStatus,
    },
    today(),
  );
  if (problem) throw unprocessable(problem.code, problem.message, { [problem.field]: problem.message });
  const own = await repo.hazardsOfEnterprise(tx, actor.parkId, enterpriseId, v.hazardIds);
  const foreign = v.hazardIds.filter((id) => !own.has(id));
  if (foreign.length > 0) {
    const msg = `关联的隐患须是本案企业的隐患（有 ${foreign.length} 条不是）`;
    throw unprocessable('PENALTY_HAZARD_NOT_OF_ENTERPRISE', msg, { hazardIds: msg });
  }
}

async function assertCaseNoFree(tx: Db, parkId: string, caseNo: string, exceptId: string | null = null) {
  if (await repo.caseNoTaken(tx, parkId, caseNo, exceptId)) {
    const msg = `案号 ${caseNo} 已被使用`;
    throw conflict('PENALTY_CASE_NO_TAKEN', msg, { caseNo: msg });
  }
}

/** 高新安监罚〔2026〕0001号: the next number of the filing year's series not already used by a hand-entered one. */
async function nextCaseNo(tx: Db, parkId: string, filedOn: string): Promise<string> {
  const year = filedOn.slice(0, 4);
  const short = parkShortName(await repo.parkName(tx, parkId));
  for (;;) {
    const n = await nextSerial(tx, parkId, `penalty-case-${year}`);
    const caseNo = `${short}安监罚〔${year}〕${String(n).padStart(4, '0')}号`;
    if (!(await repo.caseNoTaken(tx, parkId, caseNo))) return caseNo;
  }
}

export async function createPenaltyCase(db: Db, ctx: RequestContext, input: PenaltyCaseCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'penaltyCases.manage');
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    const values: repo.PenaltyValues = {
      caseNo: input.caseNo ?? '',
      hazardIds: [...new Set(input.hazardIds)],
      legalBasis: input.legalBasis,
      measures: input.measures,
      fineAmount: input.fineAmount,
      filedOn: input.filedOn,
      decidedOn: input.decidedOn,
      executedOn: input.executedOn,
      closedOn: input.closedOn,
      status: input.status,
      note: input.note,
    };
    await checkPenalty(tx, actor, input.enterpriseId, values);
    if (input.caseNo) await assertCaseNoFree(tx, actor.parkId, input.caseNo);
    else values.caseNo = await nextCaseNo(tx, actor.parkId, input.filedOn);
    const id = await repo.insertPenalty(tx, actor.parkId, input.enterpriseId, actor.userId, values, now());
    await credit.refreshIn(tx, actor.parkId, input.enterpriseId);
    const after = await penaltyView(tx, actor, await loadPenalty(tx, actor, id));
    await appendAudit(tx, ctx, {
      action: 'penaltyCase.create',
      entityType: 'penaltyCase',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after,
    });
    return id;
  });
  return getPenaltyCase(db, actor, id);
}

export async function updatePenaltyCase(db: Db, ctx: RequestContext, id: string, input: PenaltyCaseUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'penaltyCases.manage');
  await db.transaction(async (tx) => {
    const row = await loadPenalty(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('PENALTY_STALE', '案件已被他人修改，请刷新后重试');
    }
    if (row.status === 'closed') throw conflict('PENALTY_CLOSED', '案件已结案，不能再修改');
    const status = input.status ?? (row.status as PenaltyStatus);
    if (PENALTY_STATUSES.indexOf(status) < PENALTY_STATUSES.indexOf(row.status as PenaltyStatus)) {
      throw conflict('PENALTY_STATUS_BACKWARDS', '案件状态只能向前推进（立案 → 决定 → 执行 → 结案）');
    }
    const pick = <T>(v: T | undefined, current: T) => (v === undefined ? current : v);
    const values: repo.PenaltyValues = {
      caseNo: input.caseNo ?? row.case_no,
      hazardIds: input.hazardIds ? [...new Set(input.hazardIds)] : row.hazard_ids,
      legalBasis: input.legalBasis ?? row.legal_basis,
      measures: input.measures ?? row.measures,
      fineAmount: pick(input.fineAmount, row.fine_amount == null ? null : Number(row.fine_amount)),
      filedOn: input.filedOn ?? row.filed_on,
      decidedOn: pick(input.decidedOn, row.decided_on),
      executedOn: pick(input.executedOn, row.executed_on),
      closedOn: pick(input.closedOn, row.closed_on),
      status,
      note: pick(input.note, row.note),
    };
    await checkPenalty(tx, actor, row.enterprise_id, values);
    if (values.caseNo !== row.case_no) await assertCaseNoFree(tx, actor.parkId, values.caseNo, id);
    const before = await penaltyView(tx, actor, row);
    await repo.updatePenalty(tx, actor.parkId, id, values, now());
    await credit.refreshIn(tx, actor.parkId, row.enterprise_id);
    const after = await penaltyView(tx, actor, await loadPenalty(tx, actor, id));
    await appendAudit(tx, ctx, {
      action: 'penaltyCase.update',
      entityType: 'penaltyCase',
      entityId: id,
      enterpriseId: row.enterprise_id,
      before,
      after,
    });
  });
  return getPenaltyCase(db, actor, id);
}

// ------------------------------------------------------------------------------------------- joint enforcement

/** Who may lead or join a joint action: the committee, member departments and villages. */
const ACTION_ORGANISATION_KINDS = ['committee', 'department', 'village'] as const;

/** Views of actions, with the names of every unit and enterprise they mention fetched in one query. */
async function jointViews(db: Db, parkId: string, list: repo.JointActionRow[]): Promise<JointActionView[]> {
  const names = await repo.organisationNames(db, parkId, [
    ...new Set(
      list.flatMap((r) => [r.lead_organisation_id, ...r.participant_organisation_ids, ...r.target_enterprise_ids]),
    ),
  ]);
  const named = (id: string) => ({ id, name: names.get(id) ?? '' });
  return list.map((r) => {
    const counts = r.result_counts.map((c) => ({ item: c.item, count: Number(c.count), unit: c.unit }));
    return {
      id: r.id,
      actionDate: r.action_date,
      title: r.title,
      leadOrganisation: named(r.lead_organisation_id),
      participants: r.participant_organisation_ids.map(named),
      targetEnterprises: r.target_enterprise_ids.map(named),
      results: r.results,
      resultCounts: counts,
      resultSummary: counts.map(resultText),
      rowVersion: Number(r.row_version),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    };
  });
}

/** The units a joint action may name (lead or participants): every role that reads joint actions may pick them. */
export async function listUnits(db: Db, actor: Actor) {
  assertCan(actor, 'jointActions.read');
  return { items: await repo.unitsOfKinds(db, actor.parkId, ACTION_ORGANISATION_KINDS) };
}

const jointView = async (db: Db, parkId: string, r: repo.JointActionRow) => (await jointViews(db, parkId, [r]))[0]!;

export async function listJointActions(db: Db, actor: Actor, q: z.infer<typeof JointActionListQuery>) {
  assertCan(actor, 'jointActions.read');
  const { items, total, totals } = await repo.listJointActions(db, actor, q);
  return {
    items: await jointViews(db, actor.parkId, items),
    total,
    page: q.page,
    pageSize: q.pageSize,
    totals,
  };
}

async function loadJoint(db: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.getJointAction(db, actor, id, forUpdate);
  if (!row) throw notFound('联合执法行动');
  return row;
}

export async function getJointAction(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'jointActions.read');
  return jointView(db, actor.parkId, await loadJoint(db, actor, id));
}

/** A department records only the actions its own organisation leads or joins. */
function assertInvolved(actor: Actor, v: { leadOrganisationId: string; participantOrganisationIds: string[] }) {
  if (actor.role !== 'department') return;
  if (v.leadOrganisationId !== actor.organisationId && !v.participantOrganisationIds.includes(actor.organisationId)) {
    throw forbidden('只能登记或修改本单位牵头或参与的联合执法行动', 'JOINT_ACTION_NOT_INVOLVED');
  }
}

async function checkJoint(tx: Db, actor: Actor, v: repo.JointValues) {
  const units = await repo.organisationsOfKinds(
    tx,
    actor.parkId,
    [v.leadOrganisationId, ...v.participantOrganisationIds],
    ACTION_ORGANISATION_KINDS,
  );
  if (!units.has(v.leadOrganisationId)) {
    const msg = '牵头单位应为本园区的管委会、成员单位或村居';
    throw unprocessable('JOINT_ACTION_ORGANISATION_INVALID', msg, { leadOrganisationId: msg });
  }
  if (v.participantOrganisationIds.some((id) => !units.has(id))) {
    const msg = '参与单位应为本园区的管委会、成员单位或村居';
    throw unprocessable('JOINT_ACTION_ORGANISATION_INVALID', msg, { participantOrganisationIds: msg });
  }
  const targets = await repo.organisationsOfKinds(tx, actor.parkId, v.targetEnterpriseIds, ['enterprise']);
  if (v.targetEnterpriseIds.some((id) => !targets.has(id))) {
    const msg = '检查对象应为本园区的企业';
    throw unprocessable('JOINT_ACTION_TARGET_INVALID', msg, { targetEnterpriseIds: msg });
  }
  const items = v.resultCounts.map((c) => `${c.item}|${c.unit}`);
  if (new Set(items).size !== items.length) {
    const msg = '成果事项不能重复';
    throw unprocessable('JOINT_ACTION_RESULT_DUPLICATE', msg, { resultCounts: msg });
  }
}

/** The lead is not also a participant; lists keep their order without repeats. */
function normalise(v: repo.JointValues): repo.JointValues {
  return {
    ...v,
    participantOrganisationIds: [...new Set(v.participantOrganisationIds)].filter((id) => id !== v.leadOrganisationId),
    targetEnterpriseIds: [...new Set(v.targetEnterpriseIds)],
  };
}

/** The enterprise an action concerns, for the audit trail: its only target, when it has exactly one. */
const auditEnterprise = (v: { targetEnterpriseIds: string[] }) =>
  v.targetEnterpriseIds.length === 1 ? v.targetEnterpriseIds[0]! : null;

export async function createJointAction(db: Db, ctx: RequestContext, input: JointActionCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'jointActions.manage');
  const values = normalise({ ...input, results: input.results ?? null });
  assertInvolved(actor, values);
  const id = await db.transaction(async (tx) => {
    await checkJoint(tx, actor, values);
    const id = await repo.insertJointAction(tx, actor.parkId, actor.userId, values, now());
    for (const e of values.targetEnterpriseIds) await credit.refreshIn(tx, actor.parkId, e);
    const after = await jointView(tx, actor.parkId, await loadJoint(tx, actor, id));
    await appendAudit(tx, ctx, {
      action: 'jointAction.create',
      entityType: 'jointAction',
      entityId: id,
      enterpriseId: auditEnterprise(values),
      after,
    });
    return id;
  });
  return getJointAction(db, actor, id);
}

export async function updateJointAction(db: Db, ctx: RequestContext, id: string, input: JointActionUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'jointActions.manage');
  await db.transaction(async (tx) => {
    const row = await loadJoint(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('JOINT_ACTION_STALE', '该行动已被他人修改，请刷新后重试');
    }
    const current: repo.JointValues = {
      actionDate: row.action_date,
      title: row.title,
      leadOrganisationId: row.lead_organisation_id,
      participantOrganisationIds: row.participant_organisation_ids,
      targetEnterpriseIds: row.target_enterprise_ids,
      results: row.results,
      resultCounts: row.result_counts,
    };
    assertInvolved(actor, current);
    const values = normalise({
      actionDate: input.actionDate ?? current.actionDate,
      title: input.title ?? current.title,
      leadOrganisationId: input.leadOrganisationId ?? current.leadOrganisationId,
      participantOrganisationIds: input.participantOrganisationIds ?? current.participantOrganisationIds,
      targetEnterpriseIds: input.targetEnterpriseIds ?? current.targetEnterpriseIds,
      results: input.results === undefined ? current.results : input.results,
      resultCounts: input.resultCounts ?? current.resultCounts,
    });
    assertInvolved(actor, values);
    await checkJoint(tx, actor, values);
    const before = await jointView(tx, actor.parkId, row);
    await repo.updateJointAction(tx, actor.parkId, id, values, now());
    // Targets added and removed alike: a removed one loses the finding.
    for (const e of new Set([...current.targetEnterpriseIds, ...values.targetEnterpriseIds])) {
      await credit.refreshIn(tx, actor.parkId, e);
    }
    const after = await jointView(tx, actor.parkId, await loadJoint(tx, actor, id));
    await appendAudit(tx, ctx, {
      action: 'jointAction.update',
      entityType: 'jointAction',
      entityId: id,
      enterpriseId: auditEnterprise(values.targetEnterpriseIds.length ? values : current),
      before,
      after,
    });
  });
  return getJointAction(db, actor, id);
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insertJointAction: repo.insertJointAction,
  insertPenalty: repo.insertPenalty,
};
