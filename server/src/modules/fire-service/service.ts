// Third-party fire service rules. Contracts are the committee's (their money is read by the committee and its leaders
// only); a visit is recorded by the committee's staff for an enterprise the contract covers, and its findings become
// hazards of domain 消防 through the hazard service in the same transaction, so the hazard loop's own rules (deadline,
// criteria, 即查即改 evidence) apply and rectification is followed the same way. A day outside the contract's
// period, or a provider whose qualification lapsed, is a warning the recorder confirms (confirmWarnings), not silence.
import type { z } from 'zod';
import {
  type ContractCreate,
  type ContractFundEntry,
  type ContractListQuery,
  type ContractUpdate,
  type ContractView,
  FIRE_PROBLEM_CATEGORY,
  type FireProblem,
  type VisitCreate,
  type VisitDetail,
  type VisitFilters,
  type VisitListQuery,
  type VisitView,
} from '../../../../shared/src/fire-service';
import { type HazardStatus, isOverdue } from '../../../../shared/src/hazards';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan, can } from '../../platform/permissions';
import { assertEnterpriseRefs } from '../../platform/references';
import { nextSerial } from '../../platform/serials';
import { assertParkFilesUsable, filesOf } from '../files/service';
import { fundSubjectFrom, recordForSubject } from '../funds/service';
import { createIn as createHazard } from '../hazards/service';
import { forUse as providerForUse } from '../providers/service';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
const today = () => shanghaiToday(now());

/** Whether the actor sees what the committee spends (contract amounts). */
export const seesMoney = (actor: Actor) => can(actor, 'fireService.manage') || actor.role === 'leader';

function contractView(
  r: repo.ContractRow,
  names: Map<string, string>,
  actor: Actor,
  files: Map<string, { id: string; originalName: string; mime: string }>,
): ContractView {
  return {
    id: r.id,
    serial: r.serial,
    title: r.title,
    contractNo: r.contract_no,
    providerId: r.provider_id,
    providerName: r.provider_name,
    providerExpired: r.provider_valid_until !== null && r.provider_valid_until < r.starts_on,
    signedOn: r.signed_on,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    amount: seesMoney(actor) ? Number(r.amount) : null,
    content: r.content,
    coversAll: r.covers_all,
    enterprises: (r.enterprise_ids ?? []).map((id) => ({ id, name: names.get(id) ?? '（已删除的企业）' })),
    note: r.note,
    files: seesMoney(actor) ? (r.file_ids ?? []).flatMap((id) => (files.has(id) ? [files.get(id)!] : [])) : [],
    visits: Number(r.visits),
    findings: Number(r.findings),
    createdAt: iso(r.created_at),
    rowVersion: Number(r.row_version),
  };
}

async function views(db: Db, actor: Actor, list: repo.ContractRow[]) {
  const names = await repo.enterpriseNames(
    db,
    actor.parkId,
    list.flatMap((r) => r.enterprise_ids ?? []),
  );
  const attached = seesMoney(actor)
    ? await filesOf(
        db,
        list.flatMap((r) => r.file_ids ?? []),
      )
    : [];
  const files = new Map(attached.map((f) => [f.id, { id: f.id, originalName: f.originalName, mime: f.mime }]));
  return list.map((r) => contractView(r, names, actor, files));
}

/**
 * The special-funds ledger's entry for a contract (专项资金 · 购买服务), recorded through the funds service in the same
 * transaction as the contract's create / update (an update rewrites it: amount, date, provider).
 */
export function contractFundEntry(c: {
  id: string;
  title: string;
  amount: number;
  signedOn: string | null;
  startsOn: string;
  providerName: string;
}): ContractFundEntry {
  return {
    purpose: 'purchasedServices',
    amount: c.amount,
    date: c.signedOn ?? c.startsOn,
    supplier: c.providerName,
    description: `消防第三方服务：${c.title}`,
    subjectKind: 'fireServiceContract',
    subjectId: c.id,
  };
}

/** The funds ledger's subject kind of a contract. */
export const FUND_SUBJECT_KIND = 'fireServiceContract';
export const fundSubject = fundSubjectFrom('消防服务合同', (db, actor, by) =>
  repo.contractTitles(db, actor.parkId, by),
);

/** Writes (or, after an update, rewrites) the contract's amount into the special-funds ledger. */
async function recordContractFunds(tx: Db, ctx: RequestContext, id: string, replace: boolean) {
  const c = (await repo.getContract(tx, ctx.actor!.parkId, id))!;
  const e = contractFundEntry({
    id,
    title: c.title,
    amount: Number(c.amount),
    signedOn: c.signed_on,
    startsOn: c.starts_on,
    providerName: c.provider_name,
  });
  await recordForSubject(
    tx,
    ctx,
    { kind: e.subjectKind, id: e.subjectId },
    { purpose: e.purpose, amount: e.amount, paidOn: e.date, supplier: e.supplier, description: e.description },
    { replace },
  );
}

export async function listContracts(db: Db, actor: Actor, q: z.infer<typeof ContractListQuery>) {
  assertCan(actor, 'fireService.contracts');
  const r = await repo.listContracts(db, actor.parkId, q);
  return { items: await views(db, actor, r.items), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function getContract(db: Db, actor: Actor, id: string): Promise<ContractView> {
  assertCan(actor, 'fireService.contracts');
  const r = await repo.getContract(db, actor.parkId, id);
  if (!r) throw notFound('服务合同');
  return (await views(db, actor, [r]))[0]!;
}

/** 409 listing what the user should know before saving; the same request with confirmWarnings saves. */
function warn(code: string, messages: string[], fields: Record<string, string>): AppError {
  return new AppError(409, code, `${messages.join('；')}。确认无误后可继续保存。`, fields);
}

async function checkedContract(tx: Db, actor: Actor, input: ContractCreate, exceptId: string | null) {
  const { provider, expired } = await providerForUse(tx, actor, input.providerId, 'fireService', input.startsOn);
  await assertEnterpriseRefs(tx, actor, 'enterpriseIds', input.coversAll ? [] : input.enterpriseIds);
  if (exceptId) {
    const outside = await repo.visitsOutsidePeriod(tx, actor.parkId, exceptId, input.startsOn, input.endsOn);
    if (outside > 0) {
      const msg = `已有 ${outside} 次服务检查不在新的服务期内，请调整服务期`;
      throw unprocessable('FIRE_CONTRACT_PERIOD_EXCLUDES_VISITS', msg, { startsOn: msg, endsOn: msg });
    }
    if (!input.coversAll) {
      const left = await repo.visitedOutside(tx, actor.parkId, exceptId, input.enterpriseIds);
      if (left.length > 0) {
        const msg = `已检查过的企业不能移出服务范围：${left.map((e) => e.name).join('、')}`;
        throw unprocessable('FIRE_CONTRACT_SCOPE_EXCLUDES_VISITS', msg, { enterpriseIds: msg });
      }
    }
  }
  if (expired && !input.confirmWarnings) {
    const msg = `服务机构“${provider.name}”的资质有效期至 ${provider.qualificationValidUntil}，早于服务期开始日期`;
    throw warn('FIRE_PROVIDER_EXPIRED', [msg], { providerId: msg });
  }
  return provider;
}

const values = (input: ContractCreate, fileIds: string[]): repo.ContractValues => ({
  title: input.title,
  contractNo: input.contractNo,
  providerId: input.providerId,
  signedOn: input.signedOn,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  amount: input.amount,
  content: input.content,
  coversAll: input.coversAll,
  enterpriseIds: input.coversAll ? [] : input.enterpriseIds,
  note: input.note,
  fileIds,
});

export async function createContract(db: Db, ctx: RequestContext, input: ContractCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'fireService.manage');
  const id = await db.transaction(async (tx) => {
    await checkedContract(tx, actor, input, null);
    const fileIds = input.fileIds ?? [];
    await assertParkFilesUsable(tx, actor, 'fireServiceContract', fileIds, undefined, 'fileIds');
    const year = input.startsOn.slice(0, 4);
    const serial = `XFHT${year}-${String(await nextSerial(tx, actor.parkId, `fire-contract-${year}`)).padStart(3, '0')}`;
    const id = await repo.insertContract(tx, actor.parkId, serial, values(input, fileIds), actor.userId, now());
    await recordContractFunds(tx, ctx, id, false);
    const after = await getContract(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'fireService.contract.create',
      entityType: 'fireServiceContract',
      entityId: id,
      after,
    });
    return id;
  });
  return getContract(db, actor, id);
}

export async function updateContract(db: Db, ctx: RequestContext, id: string, input: ContractUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'fireService.manage');
  await db.transaction(async (tx) => {
    const row = await repo.getContract(tx, actor.parkId, id, true);
    if (!row) throw notFound('服务合同');
    if (input.rowVersion !== Number(row.row_version))
      throw conflict('FIRE_CONTRACT_STALE', '服务合同已被他人修改，请刷新后重试');
    const before = (await views(tx, actor, [row]))[0]!;
    await checkedContract(tx, actor, input, id);
    const fileIds = input.fileIds ?? row.file_ids ?? [];
    await assertParkFilesUsable(tx, actor, 'fireServiceContract', fileIds, undefined, 'fileIds');
    await repo.updateContract(tx, actor.parkId, id, values(input, fileIds), now());
    await recordContractFunds(tx, ctx, id, true);
    await appendAudit(tx, ctx, {
      action: 'fireService.contract.update',
      entityType: 'fireServiceContract',
      entityId: id,
      before,
      after: await getContract(tx, actor, id),
    });
  });
  return getContract(db, actor, id);
}

/** The contracts a recorder may pick for a visit of an enterprise on a day (no money in the answer). */
export async function contractOptions(db: Db, actor: Actor) {
  assertCan(actor, 'fireService.record');
  const r = await repo.listContracts(db, actor.parkId, { q: null, page: 1, pageSize: 100, order: 'desc' });
  return r.items.map((c) => ({
    id: c.id,
    serial: c.serial,
    title: c.title,
    providerName: c.provider_name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    coversAll: c.covers_all,
    enterpriseIds: c.enterprise_ids ?? [],
  }));
}

// ------------------------------------------------------------------------------------------------------- visits

function visitView(r: repo.VisitRow): VisitView {
  const findings = Number(r.findings);
  const rectified = Number(r.rectified);
  return {
    id: r.id,
    serial: r.serial,
    contractId: r.contract_id,
    contractTitle: r.contract_title,
    providerName: r.provider_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    area: r.area,
    visitedOn: r.visited_on,
    providerStaff: r.provider_staff ?? [],
    content: r.content,
    outsidePeriod: r.outside_period,
    findings,
    rectified,
    open: findings - rectified,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
  };
}

export async function listVisits(db: Db, actor: Actor, q: z.infer<typeof VisitListQuery>) {
  assertCan(actor, 'fireService.read');
  const r = await repo.listVisits(db, actor, q);
  return {
    items: r.items.map(visitView),
    total: r.totals.visits,
    totals: r.totals,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export const EXPORT_LIMIT = 5000;

/** The filtered ledger with each visit's findings, for the Excel file. */
export async function exportVisits(db: Db, actor: Actor, q: z.infer<typeof VisitFilters>) {
  assertCan(actor, 'fireService.read');
  const list = await repo.allVisits(db, actor, q, EXPORT_LIMIT + 1);
  if (list.length > EXPORT_LIMIT) {
    throw unprocessable('FIRE_EXPORT_TOO_LARGE', `一次最多导出 ${EXPORT_LIMIT} 次服务检查，请缩小日期范围或按合同筛选`);
  }
  const findings = await repo.findingsOf(
    db,
    actor.parkId,
    list.map((v) => v.id),
  );
  return { visits: list.map(visitView), findings };
}

export async function getVisit(db: Db, actor: Actor, id: string): Promise<VisitDetail> {
  assertCan(actor, 'fireService.read');
  const r = await repo.getVisit(db, actor, id);
  if (!r) throw notFound('服务检查记录');
  const day = today();
  const items = (await repo.findingsOf(db, actor.parkId, [id])).map((f) => ({
    hazardId: f.hazard_id,
    serial: f.serial,
    problem: f.problem as FireProblem,
    description: f.description,
    location: f.location,
    grade: f.grade as 'general' | 'major',
    status: f.status as HazardStatus,
    deadline: f.deadline,
    overdue: isOverdue(f.status as HazardStatus, f.deadline, day),
  }));
  return { ...visitView(r), items };
}

/** Re-labels a hazard's refusal so it names the finding: `deadline` becomes `findings.2.deadline`. */
async function nested<T>(i: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 403 || err.status === 404) throw err;
    const prefix = `findings.${i}`;
    const fields = err.fields
      ? Object.fromEntries(
          Object.entries(err.fields).map(([k, v]) => [
            `${prefix}.${k === 'beforePhotoIds' ? 'photoIds' : k === 'foundOn' ? 'visitedOn' : k}`,
            v,
          ]),
        )
      : { [prefix]: err.message };
    throw new AppError(err.status, err.code, `第 ${i + 1} 条问题：${err.message}`, fields);
  }
}

export async function createVisit(db: Db, ctx: RequestContext, input: VisitCreate): Promise<VisitDetail> {
  const actor = ctx.actor!;
  assertCan(actor, 'fireService.record');
  if (input.visitedOn > today()) {
    throw unprocessable('FIRE_VISIT_IN_FUTURE', '检查日期不能晚于今天', { visitedOn: '检查日期不能晚于今天' });
  }
  const id = await db.transaction(async (tx) => {
    const contract = await repo.getContract(tx, actor.parkId, input.contractId);
    if (!contract) {
      const msg = '服务合同不存在或不属于本园区';
      throw unprocessable('FIRE_CONTRACT_UNKNOWN', msg, { contractId: msg });
    }
    await assertEnterpriseRefs(tx, actor, 'enterpriseId', [input.enterpriseId]);
    if (!contract.covers_all && !(contract.enterprise_ids ?? []).includes(input.enterpriseId)) {
      const msg = `该企业不在服务合同“${contract.title}”的服务范围内`;
      throw unprocessable('FIRE_VISIT_NOT_COVERED', msg, { enterpriseId: msg });
    }
    const outsidePeriod = input.visitedOn < contract.starts_on || input.visitedOn > contract.ends_on;
    const year = input.visitedOn.slice(0, 4);
    const serial = `XF${year}-${String(await nextSerial(tx, actor.parkId, `fire-visit-${year}`)).padStart(5, '0')}`;
    const visitId = await repo.insertVisit(
      tx,
      actor.parkId,
      serial,
      {
        contractId: contract.id,
        enterpriseId: input.enterpriseId,
        visitedOn: input.visitedOn,
        providerStaff: input.providerStaff,
        content: input.content,
        outsidePeriod,
      },
      { userId: actor.userId, name: actor.displayName },
      now(),
    );
    for (const [i, f] of input.findings.entries()) {
      const hazardId = await nested(i, () =>
        createHazard(tx, ctx, {
          enterpriseId: input.enterpriseId,
          inspectionId: null,
          campaignId: null,
          description: f.description,
          location: f.location,
          domain: 'fire',
          category: f.category ?? FIRE_PROBLEM_CATEGORY[f.problem],
          // 外聘专家诊断: the committee's purchased professional service, not its own routine check.
          source: 'externalExpert',
          criterionCode: null,
          grade: f.grade,
          basis: null,
          requirement: f.requirement,
          deadline: f.deadline,
          responsiblePerson: f.responsiblePerson,
          foundOn: input.visitedOn,
          beforePhotoIds: f.photoIds,
          fixedOnSpot: f.fixedOnSpot,
          afterPhotoIds: f.afterPhotoIds,
          riskPointId: null,
          backfill: input.backfill,
        }),
      );
      await repo.insertFinding(tx, actor.parkId, visitId, hazardId, f.problem, i);
    }
    // Warnings last: the record's errors read first; a warning rolls back everything above until confirmed.
    if (!input.confirmWarnings) {
      const messages: string[] = [];
      const fields: Record<string, string> = {};
      if (outsidePeriod) {
        const msg = `检查日期 ${input.visitedOn} 不在合同服务期（${contract.starts_on} 至 ${contract.ends_on}）内`;
        messages.push(msg);
        fields.visitedOn = msg;
      }
      if (contract.provider_valid_until && contract.provider_valid_until < input.visitedOn) {
        const msg = `服务机构“${contract.provider_name}”的资质有效期至 ${contract.provider_valid_until}，早于检查日期`;
        messages.push(msg);
        fields.contractId = msg;
      }
      if (messages.length > 0) throw warn('FIRE_VISIT_WARNINGS', messages, fields);
    }
    await appendAudit(tx, ctx, {
      action: 'fireService.visit.create',
      entityType: 'fireServiceVisit',
      entityId: visitId,
      enterpriseId: input.enterpriseId,
      after: { ...(await getVisit(tx, actor, visitId)), ...(input.backfill ? { backfill: input.backfill } : {}) },
    });
    return visitId;
  });
  return getVisit(db, actor, id);
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insertContract: repo.insertContract,
  insertVisit: repo.insertVisit,
  insertFinding: repo.insertFinding,
};
