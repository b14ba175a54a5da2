// Work resumption rules. An enterprise applies while it is 停产 or 待复工, once per season, answering the season's
// checklist (required items done; the hazard-investigation item linked to one of its inspections; the training item
// kept as evidence (kind, id) or files until training records are merged). A supervisor or an inspector (data scope)
// confirms after the on-site check — the enterprise is set back to 在营 through the enterprises service in the same
// transaction — or returns it with reasons; the enterprise corrects and resubmits. The transitions are the shared
// state machine's (shared/src/resumption.ts). Every write is one transaction with its event and audit rows.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ENTERPRISE_STATUS_LABELS } from '../../../../shared/src/labels';
import {
  type ChecklistAnswer,
  type ChecklistItemDef,
  DEFAULT_RESUMPTION_CHECKLIST,
  nextResumptionState,
  RESUMABLE_STATUSES,
  type ResumptionAction,
  type ResumptionApply,
  type ResumptionDecision,
  type ResumptionDetail,
  type ResumptionFilters,
  type ResumptionListQuery,
  type ResumptionResubmit,
  type ResumptionState,
  type ResumptionView,
  type SeasonCreate,
  type SeasonUpdate,
  type SeasonView,
} from '../../../../shared/src/resumption';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import {
  exportPhone,
  exportsClearPhones,
  keptPhone,
  looksMasked,
  maskedPhone,
  seal,
} from '../../platform/personal-data';
import { assertInspectionRef } from '../../platform/references';
import { assertEnterpriseInScope, enterpriseScopeSql } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as enterprises from '../enterprises/service';
import { assertFilesUsable } from '../files/service';
import * as training from '../training/service';
import * as repo from './repository';

const today = () => shanghaiToday(now());
const iso = (v: string | Date) => new Date(v).toISOString();
const statusName = (s: string) => ENTERPRISE_STATUS_LABELS[s]?.zh ?? s;

const seasonView = (s: repo.SeasonRow): SeasonView => ({
  id: s.id,
  name: s.name,
  startsOn: s.starts_on,
  endsOn: s.ends_on,
  checklist: s.checklist,
  counts: {
    total: Number(s.total),
    confirmed: Number(s.confirmed),
    pending: Number(s.submitted),
    returned: Number(s.returned),
    returnedBeforeConfirmed: Number(s.returned_before),
  },
  rowVersion: Number(s.row_version),
});

function view(r: repo.ApplicationRow): ResumptionView {
  return {
    id: r.id,
    serial: r.serial,
    seasonId: r.season_id,
    seasonName: r.season_name,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    enterpriseStatus: r.enterprise_status,
    priorStatus: r.prior_status,
    state: r.state as ResumptionState,
    plannedOn: r.planned_on,
    contactName: r.contact_name,
    contactPhone: maskedPhone(r.contact_phone), // stored sealed (SM4); 查看 reveals it (personal-data/reveal)
    workforce: Number(r.workforce),
    checklist: r.checklist.map((c) => ({ ...c, fileIds: c.fileIds ?? [] })),
    returns: Number(r.returns),
    checkedOn: r.checked_on,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    lastOpinion: r.last_opinion,
    appliedAt: iso(r.applied_at),
    rowVersion: Number(r.row_version),
  };
}

// —— Seasons ——

export async function seasons(db: Db, actor: Actor) {
  assertCan(actor, 'resumption.read');
  return (await repo.seasons(db, actor)).map(seasonView);
}

async function loadSeason(db: Db, actor: Actor, id: string, forUpdate = false) {
  const s = await repo.season(db, actor, id, forUpdate);
  if (!s) throw notFound('复工批次');
  return s;
}

/** Item keys are unique within a checklist (answers are matched by key). */
function assertChecklist(list: ChecklistItemDef[]) {
  const seen = new Set<string>();
  for (const [i, c] of list.entries()) {
    if (seen.has(c.key)) {
      const msg = `检查清单第 ${i + 1} 项的编号 ${c.key} 重复`;
      throw unprocessable('RESUMPTION_CHECKLIST_DUPLICATE', msg, { [`checklist.${i}.key`]: msg });
    }
    seen.add(c.key);
  }
}

export async function createSeason(db: Db, ctx: RequestContext, input: z.infer<typeof SeasonCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'resumption.seasons');
  if (input.endsOn < input.startsOn) {
    throw unprocessable('RESUMPTION_SEASON_DATES', '结束日期不能早于开始日期', { endsOn: '结束日期不能早于开始日期' });
  }
  const checklist = input.checklist ?? DEFAULT_RESUMPTION_CHECKLIST;
  assertChecklist(checklist);
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertSeason(tx, actor.parkId, { ...input, checklist });
    if (!id)
      throw conflict('RESUMPTION_SEASON_EXISTS', `已有名为「${input.name}」的复工批次`, { name: '批次名称已存在' });
    await appendAudit(tx, ctx, {
      action: 'resumptionSeason.create',
      entityType: 'resumptionSeason',
      entityId: id,
      after: { ...input, checklist },
    });
    return id;
  });
  return seasonView(await loadSeason(db, actor, id));
}

/** The checklist changes apply to applications submitted (or resubmitted) after; answered ones keep their items. */
export async function updateSeason(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof SeasonUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'resumption.seasons');
  await db.transaction(async (tx) => {
    const s = await loadSeason(tx, actor, id, true);
    if (input.rowVersion !== Number(s.row_version)) {
      throw conflict('RESUMPTION_SEASON_STALE', '复工批次已被他人修改，请刷新后重试');
    }
    const v = {
      name: input.name ?? s.name,
      endsOn: input.endsOn ?? s.ends_on,
      checklist: input.checklist ?? s.checklist,
    };
    if (v.endsOn < s.starts_on) {
      throw unprocessable('RESUMPTION_SEASON_DATES', '结束日期不能早于开始日期', {
        endsOn: '结束日期不能早于开始日期',
      });
    }
    assertChecklist(v.checklist);
    await repo.updateSeason(tx, actor.parkId, id, v);
    await appendAudit(tx, ctx, {
      action: 'resumptionSeason.update',
      entityType: 'resumptionSeason',
      entityId: id,
      before: { name: s.name, endsOn: s.ends_on, checklist: s.checklist },
      after: v,
    });
  });
  return seasonView(await loadSeason(db, actor, id));
}

// —— Applications ——

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor, id, forUpdate);
  if (!r) throw notFound('复工申请');
  return r;
}

export async function get(db: Db, actor: Actor, id: string): Promise<ResumptionDetail> {
  assertCan(actor, 'resumption.read');
  const r = await load(db, actor, id);
  const events = await repo.events(db, actor.parkId, id);
  return {
    ...view(r),
    events: events.map((e) => ({
      action: e.action as ResumptionAction,
      from: e.from_state as ResumptionState | null,
      to: e.to_state as ResumptionState,
      opinion: e.opinion,
      actorName: e.actor_name,
      at: iso(e.at),
    })),
  };
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof ResumptionListQuery>) {
  assertCan(actor, 'resumption.read');
  const r = await repo.list(db, actor, q);
  return { items: r.items.map(view), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof ResumptionFilters>) {
  assertCan(actor, 'resumption.read');
  return (await repo.all(db, actor, q)).map(view);
}

/** The applications for the export: contact phones in full for admin and supervisor, masked for every other role. */
export async function forExport(db: Db, actor: Actor, q: z.infer<typeof ResumptionFilters>) {
  assertCan(actor, 'resumption.read');
  const clear = exportsClearPhones(actor.role);
  const items = (await repo.all(db, actor, q)).map((r) => ({
    ...view(r),
    contactPhone: exportPhone(r.contact_phone, clear) || null,
  }));
  return { items, clear };
}

/**
 * The contact phone to store: a new number sealed; the mask the form was shown (the enterprise resubmitting without
 * touching it) keeps the stored one; any other mask is refused by name.
 */
function contactPhoneToStore(submitted: string | null, stored: string | null): string | null {
  if (!looksMasked(submitted)) return seal(submitted);
  const kept = keptPhone(submitted, stored);
  if (kept === undefined) {
    throw unprocessable('PERSONAL_DATA_MASKED_VALUE', '联系电话请填写完整的号码', { contactPhone: '请填写完整的号码' });
  }
  return seal(kept);
}

/**
 * The answers against the season's checklist: every item answered once, required ones done, evidence checked
 * (an inspection or a training session must be the enterprise's).
 */
async function answers(
  tx: Db,
  actor: Actor,
  enterpriseId: string,
  defs: ChecklistItemDef[],
  given: ChecklistAnswer[],
): Promise<repo.StoredAnswer[]> {
  const out: repo.StoredAnswer[] = [];
  for (const [i, def] of defs.entries()) {
    const a = given.find((g) => g.key === def.key);
    const field = `checklist.${i}`;
    if (!a || (def.required && !a.done)) {
      const msg = `「${def.label}」为复工必备条件，须完成后再申请`;
      throw unprocessable('RESUMPTION_ITEM_NOT_DONE', msg, { [`${field}.done`]: msg });
    }
    let evidenceLabel: string | null = null;
    if (a.evidenceId) {
      if (a.evidenceKind === 'inspection') {
        await assertInspectionRef(tx, actor, `${field}.evidenceId`, a.evidenceId, enterpriseId);
        evidenceLabel = await repo.inspectionLabel(tx, actor.parkId, enterpriseId, a.evidenceId);
      } else if (a.evidenceKind === 'training') {
        evidenceLabel = await training.sessionOfEnterprise(tx, actor, enterpriseId, a.evidenceId);
        if (!evidenceLabel) {
          const msg = '关联的培训记录不存在，或不是本企业的培训';
          throw unprocessable('REFERENCE_INVALID', msg, { [`${field}.evidenceId`]: msg });
        }
      } else {
        const msg = '该条目不需关联记录';
        throw unprocessable('RESUMPTION_EVIDENCE_KIND', msg, { [`${field}.evidenceId`]: msg });
      }
    } else if (def.required && a.done && def.evidence === 'inspection' && a.fileIds.length === 0) {
      const msg = `「${def.label}」须关联本企业的自查记录或上传佐证文件`;
      throw unprocessable('RESUMPTION_EVIDENCE_REQUIRED', msg, { [`${field}.evidenceId`]: msg });
    }
    await assertFilesUsable(tx, actor, enterpriseId, a.fileIds, undefined, `${field}.fileIds`);
    out.push({
      key: def.key,
      label: def.label,
      required: def.required,
      done: a.done,
      note: a.note,
      evidenceKind: a.evidenceId ? a.evidenceKind : 'none',
      evidenceId: a.evidenceId,
      evidenceLabel,
      fileIds: a.fileIds,
    });
  }
  return out;
}

const notResumable = (status: string) =>
  conflict(
    'RESUMPTION_NOT_SUSPENDED',
    `该企业当前为「${statusName(status)}」状态，只有停产或待复工的企业才能申请（确认）复工复产`,
  );

export async function apply(db: Db, ctx: RequestContext, input: ResumptionApply) {
  const actor = ctx.actor!;
  assertCan(actor, 'resumption.apply');
  const enterpriseId = actor.role === 'enterprise' ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId)
    throw unprocessable('RESUMPTION_ENTERPRISE_REQUIRED', '请选择企业', { enterpriseId: '请选择企业' });
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, enterpriseId);
    const season = await loadSeason(tx, actor, input.seasonId);
    const status = await enterprises.statusForUpdate(tx, actor, enterpriseId);
    if (!status) throw notFound('企业');
    if (!(RESUMABLE_STATUSES as readonly string[]).includes(status)) throw notResumable(status);
    const existing = await repo.findFor(tx, actor.parkId, season.id, enterpriseId);
    if (existing) {
      throw conflict(
        'RESUMPTION_EXISTS',
        existing.state === 'returned'
          ? '本批次已有被退回的申请，请修改后重新提交'
          : '本批次已提交过复工申请，不能重复申请',
      );
    }
    const checklist = await answers(tx, actor, enterpriseId, season.checklist, input.checklist);
    const year = today().slice(0, 4);
    const serial = `FG${year}-${String(await nextSerial(tx, actor.parkId, `resumption-${year}`)).padStart(4, '0')}`;
    const at = now();
    const id = await repo.insert(tx, actor.parkId, {
      serial,
      seasonId: season.id,
      enterpriseId,
      priorStatus: status,
      plannedOn: input.plannedOn,
      contactName: input.contactName,
      contactPhone: contactPhoneToStore(input.contactPhone, null),
      workforce: input.workforce,
      checklist,
      at,
    });
    await repo.addEvent(tx, actor.parkId, {
      applicationId: id,
      action: 'submit',
      from: null,
      to: 'submitted',
      opinion: null,
      actorId: actor.userId,
      actorName: actor.displayName,
      at,
    });
    await appendAudit(tx, ctx, {
      action: 'resumption.apply',
      entityType: 'resumption',
      entityId: id,
      enterpriseId,
      after: view(await load(tx, actor, id)),
    });
    return id;
  });
  return get(db, actor, id);
}

function transition(from: ResumptionState, action: ResumptionAction): ResumptionState {
  const to = nextResumptionState(from, action);
  if (!to) {
    const names: Record<ResumptionState, string> = { submitted: '待确认', returned: '已退回', confirmed: '已确认复工' };
    throw conflict('RESUMPTION_STATE', `该申请当前为「${names[from]}」，不能执行此操作`);
  }
  return to;
}

export async function resubmit(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ResumptionResubmit>) {
  const actor = ctx.actor!;
  assertCan(actor, 'resumption.apply');
  await db.transaction(async (tx) => {
    const r = await load(tx, actor, id, true);
    if (input.rowVersion !== Number(r.row_version))
      throw conflict('RESUMPTION_STALE', '该申请已被他人处理，请刷新后重试');
    const to = transition(r.state as ResumptionState, 'resubmit');
    const season = await loadSeason(tx, actor, r.season_id);
    const checklist = await answers(tx, actor, r.enterprise_id, season.checklist, input.checklist);
    const before = view(r);
    await repo.resubmit(tx, actor.parkId, id, {
      ...input,
      contactPhone: contactPhoneToStore(input.contactPhone, r.contact_phone),
      checklist,
    });
    await repo.addEvent(tx, actor.parkId, {
      applicationId: id,
      action: 'resubmit',
      from: r.state,
      to,
      opinion: null,
      actorId: actor.userId,
      actorName: actor.displayName,
      at: now(),
    });
    await appendAudit(tx, ctx, {
      action: 'resumption.resubmit',
      entityType: 'resumption',
      entityId: id,
      enterpriseId: r.enterprise_id,
      before,
      after: view(await load(tx, actor, id)),
    });
  });
  return get(db, actor, id);
}

/** Return with reasons, or confirm after the on-site check (the enterprise back to 在营, in this transaction). */
export async function decide(db: Db, ctx: RequestContext, id: string, input: ResumptionDecision) {
  const actor = ctx.actor!;
  assertCan(actor, 'resumption.decide');
  if (actor.role === 'enterprise') throw forbidden();
  await db.transaction(async (tx) => {
    const r = await load(tx, actor, id, true);
    if (input.rowVersion !== Number(r.row_version))
      throw conflict('RESUMPTION_STALE', '该申请已被他人处理，请刷新后重试');
    const to = transition(r.state as ResumptionState, input.action);
    if (input.action === 'return' && !input.opinion) {
      throw unprocessable('RESUMPTION_REASON_REQUIRED', '退回须写明理由', { opinion: '请填写退回理由' });
    }
    if (input.action === 'confirm') {
      if (!input.checkedOn) {
        throw unprocessable('RESUMPTION_CHECK_REQUIRED', '确认复工须填写现场核查日期', {
          checkedOn: '请填写现场核查日期',
        });
      }
      if (input.checkedOn > today()) {
        throw unprocessable('RESUMPTION_CHECK_FUTURE', '现场核查日期不能晚于今天', {
          checkedOn: '现场核查日期不能晚于今天',
        });
      }
      const status = await enterprises.statusForUpdate(tx, actor, r.enterprise_id);
      if (!status) throw notFound('企业');
      if (!(RESUMABLE_STATUSES as readonly string[]).includes(status)) throw notResumable(status);
    }
    const before = view(r);
    const at = now();
    await repo.decide(tx, actor.parkId, id, {
      state: to as 'returned' | 'confirmed',
      checkedOn: input.action === 'confirm' ? input.checkedOn : null,
      opinion: input.opinion,
      byName: actor.displayName,
      at,
    });
    await repo.addEvent(tx, actor.parkId, {
      applicationId: id,
      action: input.action,
      from: r.state,
      to,
      opinion: input.opinion,
      actorId: actor.userId,
      actorName: actor.displayName,
      at,
    });
    if (input.action === 'confirm') {
      await enterprises.setStatusIn(tx, ctx, r.enterprise_id, 'operating', {
        action: 'resumption.confirm',
        reason: `复工复产确认 ${r.serial}（${r.season_name}，现场核查 ${input.checkedOn}）`,
      });
    }
    await appendAudit(tx, ctx, {
      action: `resumption.${input.action}`,
      entityType: 'resumption',
      entityId: id,
      enterpriseId: r.enterprise_id,
      before,
      after: view(await load(tx, actor, id)),
    });
  });
  return get(db, actor, id);
}

/** Applications confirmed (on-site check) in a period within the reader's scope: the dashboard's 复工复产确认. */
export async function confirmedInPeriod(db: Db, actor: Actor, from: string, to: string) {
  assertCan(actor, 'resumption.read');
  return repo.confirmedInPeriod(db, enterpriseScopeSql(actor, 'a'), from, to);
}

/** The park's confirmations in a period (the period summary's figure): the same query over the whole park. */
export function parkConfirmedInPeriod(db: Db, parkId: string, from: string, to: string) {
  return repo.confirmedInPeriod(db, sql`a.park_id = ${parkId}`, from, to);
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insertSeason: repo.insertSeason,
  insert: repo.insert,
  addEvent: repo.addEvent,
  decide: repo.decide,
};
