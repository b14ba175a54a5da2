// Issuing a document is a write: it takes the next number of the park's series, is entered in the register of issued
// documents and audited, all in one transaction with the rendering — a number is used only by a document that exists.
import {
  DOCUMENT_KIND_LABELS,
  type DocumentFormat,
  type DocumentKind,
  MAX_NOTICE_HAZARDS,
  type RecheckOpinionBody,
  type RectificationNoticeBody,
} from '../../../../shared/src/documents';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
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

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const PDF_MIME = 'application/pdf';

export interface GeneratedDocument {
  buffer: Buffer;
  fileName: string;
  number: string;
  format: DocumentFormat;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '');

/** Numbers and registers a document of the actor's park and audits it; the caller renders inside the same tx. */
async function issue(
  tx: Db,
  ctx: RequestContext,
  spec: { kind: DocumentKind; enterpriseId: string; inspectionId: string | null; hazardIds: string[] },
) {
  const actor = ctx.actor!;
  const at = now();
  const today = shanghaiToday(at);
  const year = today.slice(0, 4);
  const who = await repo.issuer(tx, actor.parkId);
  const { documentNumber } = await import('./templates');
  const number = documentNumber(
    who.park,
    spec.kind,
    year,
    await nextSerial(tx, actor.parkId, `doc-${spec.kind}-${year}`),
  );
  const id = await repo.insertIssued(tx, {
    parkId: actor.parkId,
    ...spec,
    docNo: number,
    issuedBy: actor.userId,
    issuedAt: at,
  });
  await appendAudit(tx, ctx, {
    action: 'document.generate',
    entityType: 'document',
    entityId: id,
    enterpriseId: spec.enterpriseId,
    after: { kind: spec.kind, number, inspectionId: spec.inspectionId, hazardIds: spec.hazardIds },
  });
  const issuer: Issuer = { name: who.committee ?? `${who.park}管委会`, date: today };
  return { number, issuer };
}

async function loadEnterprise(tx: Db, actor: Actor, enterpriseId: string) {
  await assertEnterpriseInScope(tx, actor, enterpriseId);
  const enterprise = await repo.enterprise(tx, actor.parkId, enterpriseId);
  if (!enterprise) throw notFound('企业');
  return enterprise;
}

/**
 * 整改通知书 for the named hazards of one enterprise, or for all its open hazards (of one inspection when given).
 * Another enterprise's hazard, or one outside the actor's scope, is "not found" (404); a closed one is refused (422).
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
    let inspectionId = body.inspectionId;
    let hazards: repo.DocHazard[];
    if (body.hazardIds.length > 0) {
      const ids = [...new Set(body.hazardIds)];
      const found = new Map((await repo.hazardsByIds(tx, actor, enterprise.id, ids)).map((h) => [h.id, h]));
      if (found.size !== ids.length) throw notFound('隐患');
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
    if (inspectionId && (!inspection || inspection.enterprise_id !== enterprise.id)) throw notFound('检查记录');

    const { number, issuer } = await issue(tx, ctx, {
      kind: 'rectificationNotice',
      enterpriseId: enterprise.id,
      inspectionId,
      hazardIds: hazards.map((h) => h.id),
    });
    const { rectificationNotice } = await templates();
    const buffer = await render(rectificationNotice({ number, issuer, enterprise, inspection, hazards }), body.format);
    return {
      buffer,
      number,
      format: body.format,
      fileName: fileName('rectificationNotice', enterprise.name, number, body.format),
    };
  });
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
    const hazard = await repo.hazardById(tx, actor, body.hazardId);
    if (!hazard) throw notFound('隐患');
    const recheck = await repo.latestRecheck(tx, actor.parkId, hazard.id);
    if (!recheck) {
      const msg = '该隐患尚未复查，不能出具复查意见书';
      throw unprocessable('DOCUMENT_NOT_RECHECKED', msg, { hazardId: msg });
    }
    const enterprise = await loadEnterprise(tx, actor, hazard.enterprise_id);
    const notice = await repo.noticeListing(tx, actor.parkId, hazard.id);
    const { number, issuer } = await issue(tx, ctx, {
      kind: 'recheckOpinion',
      enterpriseId: enterprise.id,
      inspectionId: hazard.inspection_id,
      hazardIds: [hazard.id],
    });
    const day = (v: string | Date | null) => (v == null ? null : shanghaiToday(new Date(v)));
    const { recheckOpinion } = await templates();
    const buffer = await render(
      recheckOpinion({
        number,
        issuer,
        enterprise,
        hazard,
        recheck,
        recheckDate: day(recheck.at)!,
        submittedDate: day(recheck.submitted_at),
        notice,
      }),
      body.format,
    );
    return {
      buffer,
      number,
      format: body.format,
      fileName: fileName('recheckOpinion', enterprise.name, number, body.format),
    };
  });
}

function fileName(kind: DocumentKind, enterpriseName: string, number: string, format: DocumentFormat) {
  return `${DOCUMENT_KIND_LABELS[kind].zh}_${safeName(enterpriseName)}_${safeName(number)}.${format}`;
}
