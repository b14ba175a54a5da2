// An inspection, its checklist results, signatures and the hazards it found are recorded in one transaction: either
// all of it lands, or none. A failed item may become a hazard in the same step, or later (once) from the record.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InspectionCreate, InspectionListQuery } from '../../../../shared/src/campaigns';
import {
  criterionBasis,
  type InspectionItemResultInput,
  type InspectionSignBody,
  type ItemHazardInput,
  SIGNER_ROLE_NAMES,
  type SignatureInput,
  type SignerRole,
} from '../../../../shared/src/checklists';
import type { HazardCreate } from '../../../../shared/src/hazards';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import { type Db, rows } from '../../platform/db';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertCampaignRef } from '../../platform/references';
import { assertEnterpriseInScope } from '../../platform/scope';
import * as checklists from '../checklists/service';
import * as files from '../files/service';
import { assertFilesUsable, filesOf } from '../files/service';
import { createIn as createHazard, brief as hazardBrief } from '../hazards/service';
import * as repo from './repository';

/** Purposes a photo of a checklist item may have been uploaded with. */
const ITEM_PHOTO_PURPOSES = ['evidence', 'hazardBefore'] as const;

export async function list(db: Db, actor: Actor, q: z.infer<typeof InspectionListQuery>) {
  assertCan(actor, 'hazards.read');
  const { items, total } = await repo.list(db, actor, q);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** 家次, 人次 and the enterprises inspected in a period, with the list's WHERE (supervisory inspections only). */
/**
 * A period's supervisory inspections (家次, 人次, by month) and the enterprises inspected; `withEnterprises` false
 * leaves that count out (0) for a caller that has it from coverage's statement (the same per-enterprise relation).
 */
export async function periodFigures(
  db: Db,
  actor: Actor,
  period: { from: string; to: string },
  withEnterprises = true,
) {
  assertCan(actor, 'hazards.read');
  return repo.periodFigures(db, actor, { ...period, supervisory: 'true' }, withEnterprises);
}

/**
 * A period's supervisory inspections (企业自查 aside) per enterprise of the park, as SQL (enterprise_id, n > 0): the
 * one definition coverage groups its enterprises by and the dashboard counts the enterprises inspected with (the
 * month rollup for whole months, inspections for the partial ones).
 */
export function supervisoryPerEnterpriseSql(parkId: string, period: { from: string; to: string }) {
  return repo.perEnterpriseSql(parkId, period, [sql`kind <> 'selfInspection'`]);
}

/** The record with its item results (photos, hazards) and signatures, after the data-scope check. */
export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'hazards.read');
  const v = await repo.get(db, actor, id);
  if (!v) throw notFound('检查记录');
  // Sequential: this also runs inside transactions, where one connection takes one query at a time.
  const results = await repo.results(db, actor.parkId, id);
  const sigs = await repo.signatures(db, actor.parkId, id);
  // The inspection is in scope, so its enterprise's files are too; filesOf keeps only files of this park.
  const photos = new Map(
    (await filesOf(db, [...results.flatMap((r) => r.photoIds), ...sigs.map((s) => s.fileId)], actor)).map((f) => [
      f.id,
      f,
    ]),
  );
  return {
    ...v,
    items: results.map((r) => ({
      ...r.view,
      photos: r.photoIds.flatMap((p) => (photos.has(p) ? [photos.get(p)!] : [])),
    })),
    signatures: sigs.map((s) => ({
      role: s.role,
      signerName: s.signerName,
      signedAt: s.signedAt.toISOString(),
      fileId: s.fileId,
      url: `/api/files/${s.fileId}`,
      thumbUrl: photos.get(s.fileId)?.thumbUrl ?? null,
    })),
  };
}

/**
 * Runs fn and re-labels a refusal so it names the nested field: a hazard's `deadline` becomes `hazards.2.deadline`,
 * and the message says which hazard or item it was. Not-found and forbidden pass through unchanged.
 */
async function nested<T>(prefix: string, label: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 403 || err.status === 404) throw err;
    const fields = err.fields
      ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [`${prefix}.${k}`, v]))
      : { [prefix]: err.message };
    throw new AppError(err.status, err.code, `${label}：${err.message}`, fields);
  }
}

/** The inspectors a record may name: the committee's staff and inspectors, or (self-inspection) colleagues. */
async function assertInspectors(tx: Db, actor: Actor, ids: string[]) {
  const list = sql.join(
    ids.map((u) => sql`${u}::uuid`),
    sql`, `,
  );
  const who =
    actor.role === 'enterprise'
      ? sql`role = 'enterprise' and organisation_id = ${actor.organisationId}`
      : sql`role in ('admin', 'supervisor', 'inspector', 'department')`;
  const known = await rows<{ id: string }>(
    tx,
    sql`select id from users where park_id = ${actor.parkId} and ${who} and id in (${list})`,
  );
  if (known.length !== ids.length) {
    const msg = actor.role === 'enterprise' ? '检查人员须为本企业的用户' : '检查人员不存在或不是检查、安监人员';
    throw unprocessable('INSPECTION_INSPECTOR_UNKNOWN', msg, { inspectorIds: msg });
  }
}

/** A signature image: a "signature" file of the inspected enterprise that the caller uploaded. */
async function assertSignature(tx: Db, actor: Actor, enterpriseId: string, field: string, s: SignatureInput) {
  const msg = '签名图片不存在，或不是本人为该企业上传的签名，请重新签名';
  const key = (f: string) => (field ? `${field}.${f}` : f);
  try {
    await assertFilesUsable(tx, actor, enterpriseId, [s.fileId], 'signature');
  } catch {
    throw unprocessable('INSPECTION_SIGNATURE_INVALID', msg, { [key('fileId')]: msg });
  }
  const [f] = await files.byIds(tx, [s.fileId]);
  if (!f || f.uploadedBy !== actor.userId || f.mime !== 'image/jpeg') {
    throw unprocessable('INSPECTION_SIGNATURE_INVALID', msg, { [key('fileId')]: msg });
  }
  const at = s.signedAt ? new Date(s.signedAt) : now();
  // A few minutes of clock skew between the signing device and the server are tolerated.
  if (at.getTime() > now().getTime() + 5 * 60_000) {
    throw unprocessable('INSPECTION_SIGNATURE_IN_FUTURE', '签名时间不能晚于当前时间', {
      [key('signedAt')]: '签名时间不能晚于当前时间',
    });
  }
  return at;
}

interface ItemFacts {
  content: string;
  note: string | null;
  basis: string | null;
  domain: 'production' | 'fire' | 'food';
  criterionCode: string | null;
  criterion: { standard: string; article: string | null; code: string } | null;
  photoIds: string[];
}

/** The hazard a failed item becomes: its content, basis and criterion link, judged by the hazard service. */
function hazardOfItem(
  item: ItemFacts,
  h: ItemHazardInput,
  base: { enterpriseId: string; inspectionId: string; campaignId: string | null; foundOn: string; kind: string },
): HazardCreate {
  const detail = item.note ? `${item.content}（${item.note}）` : item.content;
  const description = h.description ?? (detail.length >= 4 ? detail : `检查项不合格：${detail}`);
  return {
    enterpriseId: base.enterpriseId,
    inspectionId: base.inspectionId,
    campaignId: base.campaignId,
    description: description.slice(0, 1000),
    location: h.location,
    domain: item.domain,
    category: h.category,
    source: h.source ?? (base.kind === 'expertService' ? 'externalExpert' : 'routine'),
    criterionCode: item.criterionCode,
    grade: h.grade,
    basis: item.basis ?? (item.criterion ? criterionBasis(item.criterion) : null),
    requirement: h.requirement,
    deadline: h.deadline,
    responsiblePerson: h.responsiblePerson,
    foundOn: base.foundOn,
    beforePhotoIds: item.photoIds,
    fixedOnSpot: h.fixedOnSpot,
    afterPhotoIds: h.afterPhotoIds,
    riskPointId: null,
    backfill: null,
  };
}

/** Matches the submitted results to the template's items; every item needs one (422 naming items.N.result). */
function matchResults(
  templateItems: checklists.ItemRow[],
  input: InspectionItemResultInput[],
): { item: checklists.ItemRow; index: number; r: InspectionItemResultInput }[] {
  const position = new Map(templateItems.map((it, i) => [it.id, i]));
  const byItem = new Map<string, { r: InspectionItemResultInput; at: number }>();
  const fields: Record<string, string> = {};
  for (const [at, r] of input.entries()) {
    if (!position.has(r.itemId)) fields[`items.${at}.itemId`] = '该检查项不属于所选检查表';
    else if (byItem.has(r.itemId)) fields[`items.${at}.itemId`] = '同一检查项重复填写';
    else byItem.set(r.itemId, { r, at });
  }
  if (Object.keys(fields).length > 0) {
    throw unprocessable('INSPECTION_ITEM_UNKNOWN', '检查结果与所选检查表的检查项不一致，请刷新后重新填写', fields);
  }
  const missing: number[] = [];
  for (const [i, it] of templateItems.entries()) {
    const got = byItem.get(it.id);
    if (!got?.r.result) {
      missing.push(i + 1);
      fields[`items.${i}.result`] = '请选择检查结果';
    } else if (got.r.hazard && got.r.result !== 'fail') {
      fields[`items.${i}.hazard`] = '只有不合格的检查项可以登记为隐患';
    }
  }
  if (missing.length > 0) {
    const shown =
      missing.length > 10 ? `${missing.slice(0, 10).join('、')} 等 ${missing.length} 项` : missing.join('、');
    throw unprocessable(
      'INSPECTION_ITEM_RESULT_REQUIRED',
      `检查表的每一项都须填写检查结果：第 ${shown} 项未填写`,
      fields,
    );
  }
  if (Object.keys(fields).length > 0) {
    throw unprocessable('INSPECTION_ITEM_NOT_FAILED', '只有不合格的检查项可以登记为隐患', fields);
  }
  return templateItems.map((item, index) => ({ item, index, r: byItem.get(item.id)!.r }));
}

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof InspectionCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'inspections.create');
  if (actor.role === 'enterprise' && input.kind !== 'selfInspection') {
    throw unprocessable('INSPECTION_KIND_NOT_ALLOWED', '企业用户只能登记企业自查', {
      kind: '企业用户只能登记企业自查',
    });
  }
  if (input.inspectedOn > shanghaiToday(now())) {
    throw unprocessable('INSPECTION_DATE_IN_FUTURE', '检查日期不能晚于今天', { inspectedOn: '检查日期不能晚于今天' });
  }
  if (!input.checklistTemplateId && input.items.length > 0) {
    throw unprocessable('INSPECTION_CHECKLIST_REQUIRED', '填写检查项结果前请先选择检查表', {
      checklistTemplateId: '请选择检查表',
    });
  }
  // The inspectors are those named on the record, each counted once (人次). Whoever enters it (an office typing up a
  // paper record) is its recorder, not an inspector unless named.
  const inspectorIds = [...new Set(input.inspectorIds)];
  const externalInspectors = [...new Set(input.externalInspectors)];
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    if (input.campaignId) {
      // Counted toward the campaign (人次, 家次, 处) only if it is one: a target enterprise, within its period.
      const on = { field: 'inspectedOn', value: input.inspectedOn, what: '检查日期' };
      await assertCampaignRef(tx, actor, 'campaignId', input.campaignId, input.enterpriseId, on);
    }
    if (inspectorIds.length > 0) await assertInspectors(tx, actor, inspectorIds);

    // The checklist: an active, current version; every item answered; photos of this enterprise.
    let matched: ReturnType<typeof matchResults> = [];
    let criteriaOf = new Map<string, { standard: string; article: string | null; code: string }>();
    if (input.checklistTemplateId) {
      const t = await checklists.row(tx, actor.parkId, input.checklistTemplateId);
      if (!t || t.status !== 'active' || t.supersededBy) {
        const msg = t?.supersededBy ? '检查表已发布新版本，请重新选择' : '检查表不存在或未启用';
        throw unprocessable('INSPECTION_CHECKLIST_UNUSABLE', msg, { checklistTemplateId: msg });
      }
      matched = matchResults(await checklists.itemRows(tx, actor.parkId, t.id), input.items);
      for (const m of matched) {
        await nested(`items.${m.index}.photoIds`, `第 ${m.index + 1} 项的照片`, () =>
          assertFilesUsable(tx, actor, input.enterpriseId, m.r.photoIds, ITEM_PHOTO_PURPOSES),
        );
      }
      criteriaOf = new Map(
        (await checklists.items(tx, actor.parkId, t.id)).flatMap((it) =>
          it.criterion ? [[it.id, it.criterion] as const] : [],
        ),
      );
    }
    const signatures: { role: SignerRole; s: SignatureInput; at: Date }[] = [];
    for (const [role, field, s] of [
      ['inspector', 'inspectorSignature', input.inspectorSignature],
      ['enterprise', 'enterpriseSignature', input.enterpriseSignature],
    ] as const) {
      if (s) signatures.push({ role, s, at: await assertSignature(tx, actor, input.enterpriseId, field, s) });
    }

    // Checked last, so the record's other refusals read as before: a record names at least one inspector.
    if (inspectorIds.length + externalInspectors.length === 0) {
      const msg = '请填写检查人员（参加检查的人员；登记人未参加检查时不填本人）';
      throw unprocessable('INSPECTION_INSPECTORS_REQUIRED', msg, { inspectorIds: msg });
    }
    const inspectionId = await repo.insert(tx, {
      parkId: actor.parkId,
      campaignId: input.campaignId,
      enterpriseId: input.enterpriseId,
      inspectedOn: input.inspectedOn,
      kind: input.kind,
      domains: input.domains,
      inspectorIds,
      inspectorNames: externalInspectors,
      summary: input.summary,
      enterpriseSigner: input.enterpriseSigner ?? input.enterpriseSignature?.signerName ?? null,
      checklistTemplateId: input.checklistTemplateId,
      createdBy: actor.userId,
      recordedByName: actor.displayName,
    });
    await repo.insertResults(
      tx,
      matched.map((m) => ({
        parkId: actor.parkId,
        inspectionId,
        itemId: m.item.id,
        result: m.r.result!,
        note: m.r.note,
        photoIds: [...new Set(m.r.photoIds)],
      })),
    );
    await repo.insertSignatures(
      tx,
      signatures.map(({ role, s, at }) => ({
        parkId: actor.parkId,
        inspectionId,
        role,
        signerName: s.signerName,
        signedAt: at,
        fileId: s.fileId,
        recordedBy: actor.userId,
      })),
    );
    const base = {
      enterpriseId: input.enterpriseId,
      inspectionId,
      campaignId: input.campaignId,
      foundOn: input.inspectedOn,
      kind: input.kind,
    };
    for (const m of matched) {
      if (!m.r.hazard) continue;
      const facts: ItemFacts = {
        content: m.item.content,
        note: m.r.note,
        basis: m.item.basis,
        domain: m.item.domain,
        criterionCode: m.item.criterionCode,
        criterion: criteriaOf.get(m.item.id) ?? null,
        photoIds: [...new Set(m.r.photoIds)],
      };
      const hazardId = await nested(`items.${m.index}.hazard`, `第 ${m.index + 1} 项转隐患`, () =>
        createHazard(tx, ctx, hazardOfItem(facts, m.r.hazard!, base)),
      );
      await repo.setResultHazard(tx, actor.parkId, inspectionId, m.item.id, hazardId);
    }
    for (const [i, h] of input.hazards.entries()) {
      await nested(`hazards.${i}`, `第 ${i + 1} 条隐患`, () =>
        createHazard(tx, ctx, {
          ...h,
          enterpriseId: input.enterpriseId,
          inspectionId,
          campaignId: input.campaignId,
          foundOn: h.foundOn ?? input.inspectedOn,
          source: h.source,
        }),
      );
    }
    const after = await get(tx, actor, inspectionId);
    await appendAudit(tx, ctx, {
      action: 'inspection.create',
      entityType: 'inspection',
      entityId: inspectionId,
      enterpriseId: input.enterpriseId,
      after,
    });
    return inspectionId;
  });
  return get(db, actor, id);
}

/** A failed item of a saved inspection becomes a hazard, once (a second call is 409). */
export async function itemToHazard(
  db: Db,
  ctx: RequestContext,
  inspectionId: string,
  itemId: string,
  body: ItemHazardInput,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'hazards.create');
  return db.transaction(async (tx) => {
    const v = await repo.get(tx, actor, inspectionId);
    if (!v) throw notFound('检查记录');
    // An enterprise records hazards of its own self-inspections; the committee's findings are the committee's.
    if (actor.role === 'enterprise' && v.kind !== 'selfInspection') {
      throw forbidden('企业用户只能将本企业自查中的不合格项登记为隐患');
    }
    const r = await repo.resultForUpdate(tx, actor.parkId, inspectionId, itemId);
    if (!r) throw notFound('检查项结果');
    if (r.hazard_id) throw conflict('ITEM_HAZARD_EXISTS', '该检查项已登记为隐患');
    if (r.result !== 'fail') {
      throw unprocessable('INSPECTION_ITEM_NOT_FAILED', '只有不合格的检查项可以登记为隐患');
    }
    const hazardId = await createHazard(
      tx,
      ctx,
      hazardOfItem(
        {
          content: r.content,
          note: r.note,
          basis: r.basis,
          domain: r.domain,
          criterionCode: r.criterion_code,
          criterion:
            r.criterion_code && r.standard
              ? { standard: r.standard, article: r.article, code: r.criterion_code }
              : null,
          photoIds: r.photo_ids ?? [],
        },
        body,
        {
          enterpriseId: v.enterpriseId,
          inspectionId,
          campaignId: v.campaignId,
          foundOn: v.inspectedOn,
          kind: v.kind,
        },
      ),
    );
    await repo.setResultHazard(tx, actor.parkId, inspectionId, itemId, hazardId);
    const h = await hazardBrief(tx, actor, hazardId);
    await appendAudit(tx, ctx, {
      action: 'inspection.itemHazard',
      entityType: 'inspection',
      entityId: inspectionId,
      enterpriseId: v.enterpriseId,
      after: { itemId, hazardId, serial: h.serial },
    });
    return { hazardId, serial: h.serial, grade: h.grade };
  });
}

/**
 * A side signs a saved record later, once per side. An enterprise user signs as the enterprise's representative on
 * records of its own enterprise, and as the inspector only on its self-inspections.
 */
export async function sign(db: Db, ctx: RequestContext, inspectionId: string, body: InspectionSignBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'inspections.create');
  await db.transaction(async (tx) => {
    const v = await repo.get(tx, actor, inspectionId);
    if (!v) throw notFound('检查记录');
    if (actor.role === 'enterprise' && body.role === 'inspector' && v.kind !== 'selfInspection') {
      throw forbidden('企业用户只能以企业代表身份签名');
    }
    const signed = (await repo.signatures(tx, actor.parkId, inspectionId)).some((x) => x.role === body.role);
    if (signed) throw conflict('INSPECTION_ALREADY_SIGNED', `${SIGNER_ROLE_NAMES[body.role]}已签名`);
    const at = await assertSignature(tx, actor, v.enterpriseId, '', body);
    try {
      await repo.insertSignatures(tx, [
        {
          parkId: actor.parkId,
          inspectionId,
          role: body.role,
          signerName: body.signerName,
          signedAt: at,
          fileId: body.fileId,
          recordedBy: actor.userId,
        },
      ]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505' || String(err).includes('duplicate key')) {
        throw conflict('INSPECTION_ALREADY_SIGNED', `${SIGNER_ROLE_NAMES[body.role]}已签名`);
      }
      throw err;
    }
    if (body.role === 'enterprise' && !v.enterpriseSigner) {
      await repo.setEnterpriseSigner(tx, actor.parkId, inspectionId, body.signerName);
    }
    await appendAudit(tx, ctx, {
      action: 'inspection.sign',
      entityType: 'inspection',
      entityId: inspectionId,
      enterpriseId: v.enterpriseId,
      after: { role: body.role, signerName: body.signerName, signedAt: at.toISOString(), fileId: body.fileId },
    });
  });
  return get(db, actor, inspectionId);
}

/** For the inspector fields of the inspection form (the admin user list is not open to other roles). */
export async function inspectorOptions(db: Db, actor: Actor) {
  assertCan(actor, 'inspections.create');
  const list = await repo.inspectorOptions(db, actor.parkId, actor.role === 'enterprise' ? actor.organisationId : null);
  return list.map((u) => ({ id: u.id, name: u.name, role: u.role, organisationName: u.organisation_name }));
}
