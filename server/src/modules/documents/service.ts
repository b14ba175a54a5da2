// Issuing a document is a write: the first issue of a subject (a notice's hazards, an opinion's re-check) takes the
// next number of the park's series, is entered in the register of issued documents with what it says, and is
// audited, all in one transaction with the rendering — a number is used only by a document that exists. Later
// downloads of the same subject, in either format, reproduce that document and number; a re-issue (supervisor, with
// a reason) voids the number and takes a new one.
import type { z } from 'zod';
import {
  DOCUMENT_KIND_LABELS,
  type DocumentFormat,
  type DocumentKind,
  type IssuedDocumentQuery,
  type IssuedDocumentView,
  MAX_NOTICE_HAZARDS,
  type RecheckOpinionBody,
  type RectificationNoticeBody,
  type ReissueBody,
} from '../../../../shared/src/documents';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { invalidReference } from '../../platform/references';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import type { OfficialDocument } from './layout';
import * as repo from './repository';
import type { Issuer } from './templates';

// docx (~11 MB resident) and pdfkit load with the first document, not with the server: most processes never render one.
const templates = () => import('./templates');

/**
 * The document in the format asked for. A PDF without the Chinese fonts is refused (503) and the
 * transaction rolls back, so no number is spent. */
async function render(doc: OfficialDocument, format: DocumentFormat): Promise<Buffer> {
  if (format === 'pdf') return (await import('./pdf')).renderPdf(doc);
  return (await import('./official')).renderDocx(doc);
}

export { DOCX_MIME } from './docx-kit';

export const PDF_MIME = 'application/pdf';

export interface GeneratedDocument {
  buffer: Buffer;
  fileName: string;
  number: string;
  format: DocumentFormat;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

/** What a first issue registers besides its number: the subject, and what the document covers. */
interface IssueSpec {
  subject: repo.Subject;
  inspectionId: string | null;
  hazardIds: string[];
}

/** Builds the document for a number and issuer (the template's facts are read by the caller first). */
type Build = (number: string, issuer: Issuer) => OfficialDocument;

/** Takes the next number of the series, registers the document with its content, and audits it. */
async function issueNew(tx: Db, ctx: RequestContext, spec: IssueSpec, build: Build, audit = true) {
  const actor = ctx.actor!;
  const at = now();
  const today = shanghaiToday(at);
  const year = today.slice(0, 4);
  const who = await repo.issuer(tx, actor.parkId);
  const { documentNumber } = await templates();
  const kind = spec.subject.kind;
  const number = documentNumber(who.park, kind, year, await nextSerial(tx, actor.parkId, `doc-${kind}-${year}`));
  const doc = build(number, { name: who.committee ?? `${who.park}管委会`, date: today });
  const id = await repo.insertIssued(tx, {
    parkId: actor.parkId,
    kind,
    enterpriseId: spec.subject.enterpriseId,
    inspectionId: spec.inspectionId,
    hazardIds: spec.hazardIds,
    docNo: number,
    issuedBy: actor.userId,
    issuedAt: at,
    subjectKey: spec.subject.key,
    content: doc,
  });
  if (audit) {
    await appendAudit(tx, ctx, {
      action: 'document.generate',
      entityType: 'document',
      entityId: id,
      enterpriseId: spec.subject.enterpriseId,
      after: { kind, number, inspectionId: spec.inspectionId, hazardIds: spec.hazardIds },
    });
  }
  return { id, number, doc };
}

/** A later download of an issued document: the same content and number, audited as a download. */
async function reproduce(tx: Db, ctx: RequestContext, row: repo.IssuedRow, format: DocumentFormat) {
  await appendAudit(tx, ctx, {
    action: 'document.download',
    entityType: 'document',
    entityId: row.id,
    enterpriseId: row.enterprise_id,
    after: { kind: row.kind, number: row.doc_no, format },
  });
  return row.content as OfficialDocument;
}

/**
 * The document of a subject: the live one reproduced, or — the first time — `prepare` checks and reads the facts and
 * a number is taken. The subject's lock makes two simultaneous first downloads take one number between them.
 */
async function issueOrReproduce(
  tx: Db,
  ctx: RequestContext,
  subject: repo.Subject,
  format: DocumentFormat,
  prepare: () => Promise<{ spec: Omit<IssueSpec, 'subject'>; build: Build }>,
): Promise<GeneratedDocument> {
  const actor = ctx.actor!;
  await repo.lockSubject(tx, actor.parkId, subject);
  const live = await repo.liveDocument(tx, actor.parkId, subject);
  const doc = live?.content
    ? await reproduce(tx, ctx, live, format)
    : await prepare().then(({ spec, build }) => issueNew(tx, ctx, { ...spec, subject }, build).then((d) => d.doc));
  const enterprise = await repo.enterprise(tx, actor.parkId, subject.enterpriseId);
  return {
    buffer: await render(doc, format),
    number: doc.number,
    format,
    fileName: fileName(subject.kind, enterprise?.name ?? '', doc.number, format),
  };
}

async function loadEnterprise(tx: Db, actor: Actor, enterpriseId: string) {
  await assertEnterpriseInScope(tx, actor, enterpriseId);
  const enterprise = await repo.enterprise(tx, actor.parkId, enterpriseId);
  if (!enterprise) throw notFound('企业');
  return enterprise;
}

/** A notice's subject: the hazards named (in any order), or all open hazards of the enterprise or of one inspection. */
const noticeKey = (hazardIds: string[], inspectionId: string | null) =>
  hazardIds.length > 0 ? `hazards:${[...new Set(hazardIds)].sort().join(',')}` : `open:${inspectionId ?? 'all'}`;

/**
 * The facts of a notice for its hazards, checked as a first issue needs them: named hazards of this enterprise in
 * scope (else 404) and not closed (422), or the open ones of the enterprise / inspection (at least one, at most 200).
 */
async function noticeFacts(
  tx: Db,
  actor: Actor,
  enterprise: repo.EnterpriseFacts,
  named: string[],
  askedInspectionId: string | null,
) {
  let inspectionId = askedInspectionId;
  let hazards: repo.DocHazard[];
  if (named.length > 0) {
    const ids = [...new Set(named)];
    const found = new Map((await repo.hazardsByIds(tx, actor, enterprise.id, ids)).map((h) => [h.id, h]));
    if (found.size !== ids.length)
      throw invalidReference('hazardIds', '中有不存在、不是该企业或不在您数据范围内的隐患');
    hazards = ids.map((id) => found.get(id)!);
    const closed = hazards.filter((h) => h.status === 'closed');
    if (closed.length > 0) {
      const msg = `隐患 ${closed.map((h) => h.serial).join('、')} 已销号，无需下达整改通知`;
      throw unprocessable('DOCUMENT_HAZARD_CLOSED', msg, { hazardIds: msg });
    }
    if (inspectionId && hazards.some((h) => h.inspection_id !== inspectionId)) {
      const msg = '所选隐患不都是该次检查发现的';
      throw unprocessable('DOCUMENT_HAZARD_NOT_OF_INSPECTION', msg, { hazardIds: msg });
    }
    // Hazards all found by one inspection: the notice cites it.
    const inspections = new Set(hazards.map((h) => h.inspection_id));
    if (!inspectionId && inspections.size === 1) inspectionId = hazards[0]!.inspection_id;
  } else {
    hazards = await repo.openHazards(tx, actor, enterprise.id, inspectionId, MAX_NOTICE_HAZARDS + 1);
    if (hazards.length === 0) {
      const msg = inspectionId ? '该次检查没有待整改的隐患' : '该企业没有待整改的隐患';
      throw unprocessable('DOCUMENT_NO_OPEN_HAZARDS', `${msg}，无需下达整改通知书`, { hazardIds: msg });
    }
    if (hazards.length > MAX_NOTICE_HAZARDS) {
      const msg = `待整改隐患超过 ${MAX_NOTICE_HAZARDS} 条，请选择要列入通知书的隐患`;
      throw unprocessable('DOCUMENT_TOO_MANY_HAZARDS', msg, { hazardIds: msg });
    }
  }
  const inspection = inspectionId ? await repo.inspection(tx, actor, inspectionId) : null;
  if (inspectionId && (!inspection || inspection.enterprise_id !== enterprise.id))
    throw invalidReference('inspectionId', '不存在、不是该企业的检查记录或不在您的数据范围内');
  const { rectificationNotice } = await templates();
  return {
    spec: { inspectionId, hazardIds: hazards.map((h) => h.id) },
    build: (number: string, issuer: Issuer) => rectificationNotice({ number, issuer, enterprise, inspection, hazards }),
  };
}

/**
 * 整改通知书 for the named hazards of one enterprise, or for all its open hazards (of one inspection when given).
 * Another enterprise's hazard, or one outside the actor's scope, is "not found" (404); a closed one is refused (422)
 * on a first issue; an issued notice is reproduced as it was issued.
 */
export async function generateRectificationNotice(
  db: Db,
  ctx: RequestContext,
  body: RectificationNoticeBody,
): Promise<GeneratedDocument> {
  const actor = ctx.actor!;
  assertCan(actor, 'documents.generate');
  return db.transaction(async (tx) => {
    const enterprise = await loadEnterprise(tx, actor, body.enterpriseId);
    // The subject's hazards or inspection must be in scope before anything is reproduced.
    if (body.hazardIds.length > 0) {
      const ids = [...new Set(body.hazardIds)];
      if ((await repo.hazardsByIds(tx, actor, enterprise.id, ids)).length !== ids.length)
        throw invalidReference('hazardIds', '中有不存在、不是该企业或不在您数据范围内的隐患');
    } else if (body.inspectionId) {
      const i = await repo.inspection(tx, actor, body.inspectionId);
      if (!i || i.enterprise_id !== enterprise.id)
        throw invalidReference('inspectionId', '不存在、不是该企业的检查记录或不在您的数据范围内');
    }
    const subject = {
      kind: 'rectificationNotice' as const,
      enterpriseId: enterprise.id,
      key: noticeKey(body.hazardIds, body.inspectionId),
    };
    return issueOrReproduce(tx, ctx, subject, body.format, () =>
      noticeFacts(tx, actor, enterprise, body.hazardIds, body.inspectionId),
    );
  });
}

/** The facts of a re-check opinion on the hazard's latest re-check (422 when it has none). */
async function opinionFacts(tx: Db, actor: Actor, hazard: repo.DocHazard, recheck: repo.RecheckFacts) {
  const enterprise = await loadEnterprise(tx, actor, hazard.enterprise_id);
  const notice = await repo.noticeListing(tx, actor.parkId, hazard.id);
  const inspection = hazard.inspection_id ? await repo.inspection(tx, actor, hazard.inspection_id) : null;
  const day = (v: string | Date | null) => (v == null ? null : shanghaiToday(new Date(v)));
  const { recheckOpinion } = await templates();
  return {
    spec: { inspectionId: hazard.inspection_id, hazardIds: [hazard.id] },
    build: (number: string, issuer: Issuer) =>
      recheckOpinion({
        number,
        issuer,
        enterprise,
        hazard,
        inspection,
        recheck,
        recheckDate: day(recheck.at)!,
        submittedDate: day(recheck.submitted_at),
        notice,
      }),
  };
}

async function latestRecheckOf(tx: Db, actor: Actor, hazardId: string) {
  const hazard = await repo.hazardById(tx, actor, hazardId);
  if (!hazard) throw invalidReference('hazardId', '不存在或不在您的数据范围内');
  const recheck = await repo.latestRecheck(tx, actor.parkId, hazard.id);
  if (!recheck) {
    const msg = '该隐患尚未复查，不能出具复查意见书';
    throw unprocessable('DOCUMENT_NOT_RECHECKED', msg, { hazardId: msg });
  }
  return { hazard, recheck };
}

/** 复查意见书 on the latest re-check of one hazard (passed: 予以销号; failed: continue with the reason). */
export async function generateRecheckOpinion(
  db: Db,
  ctx: RequestContext,
  body: RecheckOpinionBody,
): Promise<GeneratedDocument> {
  const actor = ctx.actor!;
  assertCan(actor, 'documents.generate');
  return db.transaction(async (tx) => {
    const { hazard, recheck } = await latestRecheckOf(tx, actor, body.hazardId);
    await assertEnterpriseInScope(tx, actor, hazard.enterprise_id);
    const subject = {
      kind: 'recheckOpinion' as const,
      enterpriseId: hazard.enterprise_id,
      key: `recheck:${recheck.id}`,
    };
    return issueOrReproduce(tx, ctx, subject, body.format, () => opinionFacts(tx, actor, hazard, recheck));
  });
}

// ------------------------------------------------------------------------------------------------ register

const iso = (v: string | Date | null) => (v == null ? null : new Date(v).toISOString());

function registerView(r: repo.IssuedRow): IssuedDocumentView {
  return {
    id: r.id,
    kind: r.kind,
    number: r.doc_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    inspectionId: r.inspection_id,
    hazardIds: r.hazard_ids,
    issuedAt: iso(r.issued_at)!,
    issuedByName: r.issued_by_name,
    voided: r.voided_at !== null,
    voidedAt: iso(r.voided_at),
    voidedByName: r.voided_by_name,
    voidReason: r.void_reason,
    replacedById: r.replaced_by,
    replacedByNumber: r.replaced_by_no,
    archived: r.content !== null,
  };
}

/** 发文登记: issued documents of an enterprise, inspection or hazard within the actor's scope, voided ones included. */
export async function listIssued(db: Db, actor: Actor, q: z.infer<typeof IssuedDocumentQuery>) {
  assertCan(actor, 'documents.read');
  const { items, total } = await repo.listIssued(db, actor, q);
  return { items: items.map(registerView), total, page: q.page, pageSize: q.pageSize };
}

async function issuedInScope(tx: Db, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.issuedById(tx, actor, id, forUpdate);
  if (!row) throw notFound('文书');
  return row;
}

/** One issued document again, in either format: the same content and number (a voided one is refused). */
export async function downloadIssued(
  db: Db,
  ctx: RequestContext,
  id: string,
  format: DocumentFormat,
): Promise<GeneratedDocument> {
  const actor = ctx.actor!;
  assertCan(actor, 'documents.generate');
  return db.transaction(async (tx) => {
    const row = await issuedInScope(tx, actor, id);
    if (row.voided_at) {
      throw conflict(
        'DOCUMENT_VOIDED',
        `${row.doc_no}已作废${row.replaced_by_no ? `，已重新出具为${row.replaced_by_no}` : ''}，请使用有效文书`,
      );
    }
    if (!row.content) {
      throw conflict('DOCUMENT_NOT_ARCHIVED', `${row.doc_no}生成于文书存档之前，未保存内容，不能重新下载；可重新出具`);
    }
    const doc = await reproduce(tx, ctx, row, format);
    return {
      buffer: await render(doc, format),
      number: doc.number,
      format,
      fileName: fileName(row.kind, row.enterprise_name, doc.number, format),
    };
  });
}

/**
 * 重新出具: voids a live document's number and issues its subject again with today's facts and a new number of the
 * series, in one audited transaction. Only the safety office re-issues (supervisor).
 */
export async function reissue(db: Db, ctx: RequestContext, id: string, body: ReissueBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'documents.reissue');
  const newId = await db.transaction(async (tx) => {
    const old = await issuedInScope(tx, actor, id, true);
    if (old.voided_at) {
      throw conflict(
        'DOCUMENT_VOIDED',
        `${old.doc_no}已作废${old.replaced_by_no ? `，已重新出具为${old.replaced_by_no}` : ''}，不能再次重新出具`,
      );
    }
    const enterprise = await loadEnterprise(tx, actor, old.enterprise_id);
    let subject: repo.Subject;
    let prepared: Awaited<ReturnType<typeof noticeFacts>>;
    if (old.kind === 'rectificationNotice') {
      // A notice of "all open hazards" is re-issued with the hazards open now; a notice of named hazards with those.
      const open = old.subject_key?.startsWith('open:') ?? false;
      const named = open ? [] : old.hazard_ids;
      const inspectionId = open || !old.subject_key ? old.inspection_id : null;
      subject = { kind: old.kind, enterpriseId: enterprise.id, key: old.subject_key ?? noticeKey(named, inspectionId) };
      await repo.lockSubject(tx, actor.parkId, subject);
      prepared = await noticeFacts(tx, actor, enterprise, named, inspectionId);
    } else {
      const { hazard, recheck } = await latestRecheckOf(tx, actor, old.hazard_ids[0]!);
      subject = { kind: old.kind, enterpriseId: enterprise.id, key: `recheck:${recheck.id}` };
      await repo.lockSubject(tx, actor.parkId, subject);
      prepared = await opinionFacts(tx, actor, hazard, recheck);
    }
    const at = now();
    // The old number is voided first: the subject has one live document at any time.
    await repo.voidDocument(tx, actor.parkId, old.id, { by: actor.userId, at, reason: body.reason, replacedBy: null });
    const live = await repo.liveDocument(tx, actor.parkId, subject);
    if (live)
      await repo.voidDocument(tx, actor.parkId, live.id, {
        by: actor.userId,
        at,
        reason: body.reason,
        replacedBy: null,
      });
    const fresh = await issueNew(tx, ctx, { ...prepared.spec, subject }, prepared.build, false);
    await repo.setReplacement(tx, actor.parkId, old.id, fresh.id);
    if (live) await repo.setReplacement(tx, actor.parkId, live.id, fresh.id);
    await appendAudit(tx, ctx, {
      action: 'document.reissue',
      entityType: 'document',
      entityId: fresh.id,
      enterpriseId: enterprise.id,
      before: { id: old.id, kind: old.kind, number: old.doc_no },
      after: {
        kind: old.kind,
        number: fresh.number,
        voidedNumber: old.doc_no,
        reason: body.reason,
        inspectionId: prepared.spec.inspectionId,
        hazardIds: prepared.spec.hazardIds,
      },
    });
    return fresh.id;
  });
  return registerView((await repo.issuedById(db, actor, newId))!);
}

function fileName(kind: DocumentKind, enterpriseName: string, number: string, format: DocumentFormat) {
  return `${DOCUMENT_KIND_LABELS[kind].zh}_${safeName(enterpriseName)}_${safeName(number)}.${format}`;
}
