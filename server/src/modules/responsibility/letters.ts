// Responsibility letters (安全生产目标管理责任书): the committee writes one template per year and version, issues it to
// the parties in bulk, reminds the unsigned and exports the signing list; each party's account reads its letter and
// signs it on screen. A change after issue is a new revision: unsigned letters move to it, signed ones keep what was
// signed. A signature stores signer, time, address, the drawing and the SM3 digest of exactly what was signed, and
// verify recomputes it. Every write is one transaction with its audit row.

import { ratePercent } from '../../../../shared/src/figures';
import {
  type IssueBody,
  LETTER_VERSION_LABELS,
  type LetterListQuery,
  type LetterView,
  type SignBody,
  type TemplateCreate,
  type TemplateUpdate,
  type TemplateView,
  type VerifyResult,
} from '../../../../shared/src/responsibility';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { loadExcel } from '../../platform/excel';
import { assertCan, can } from '../../platform/permissions';
import { assertEnterpriseRefs } from '../../platform/references';
import * as notifications from '../notifications/service';
import { letterDigest } from './digest';
import * as repo from './repository';
import { letterDocx } from './word';

const iso = (v: string | Date) => new Date(v).toISOString();
const isoOrNull = (v: string | Date | null) => (v == null ? null : iso(v));
const rate = (signed: number, issued: number) => (issued === 0 ? null : Math.round((signed / issued) * 1000) / 10);

/** 2026-03-01 10:00 in Shanghai time, for documents and messages. */
export function shanghaiTime(v: string | Date): string {
  const d = new Date(new Date(v).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

function templateView(r: repo.TemplateRow): TemplateView {
  return {
    id: r.id,
    year: Number(r.year),
    version: r.version,
    revision: Number(r.revision),
    content: r.content,
    issued: r.issued,
    signed: r.signed,
    signingRate: rate(r.signed, r.issued),
    updatedAt: iso(r.updated_at),
  };
}

function letterView(actor: Actor, r: repo.LetterRow): LetterView {
  return {
    id: r.id,
    templateId: r.template_id,
    year: Number(r.year),
    version: r.version,
    partyId: r.party_id,
    partyName: r.party_name,
    revision: Number(r.revision),
    latestRevision: Number(r.latest_revision),
    content: r.content,
    issuedAt: iso(r.issued_at),
    signedAt: isoOrNull(r.signed_at),
    signerName: r.signer_name,
    signerIp: can(actor, 'responsibility.overview') ? r.signer_ip : null,
    digest: r.digest,
    signatureUrl: r.has_signature ? `/api/responsibility/letters/${r.id}/signature` : null,
    lastRemindedAt: isoOrNull(r.last_reminded_at),
  };
}

// ------------------------------------------------------------------------------------------------------ templates

export async function listTemplates(db: Db, actor: Actor, year?: number) {
  assertCan(actor, 'responsibility.overview');
  return { items: (await repo.listTemplates(db, actor.parkId, year)).map(templateView) };
}

/**
 * The year's letters issued and signed and the signing rate (percent, one decimal; null when none was issued): the
 * letters list's own totals. The one query behind the dashboard's 责任书签订率 and the period summary's sentence.
 */
export async function signingTotals(db: Db, actor: Actor, year: number) {
  const { items } = await listTemplates(db, actor, year);
  const issued = items.reduce((t, x) => t + x.issued, 0);
  const signed = items.reduce((t, x) => t + x.signed, 0);
  return { year, issued, signed, rate: issued ? ratePercent(signed, issued) : null };
}

async function loadTemplate(db: Db, actor: Actor, id: string, forUpdate = false) {
  const t = await repo.getTemplate(db, actor.parkId, id, forUpdate);
  if (!t) throw notFound('责任书模板');
  return t;
}

export async function getTemplate(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'responsibility.overview');
  return templateView(await loadTemplate(db, actor, id));
}

export async function createTemplate(db: Db, ctx: RequestContext, input: TemplateCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.manage');
  const id = await db.transaction(async (tx) => {
    if (await repo.templateOf(tx, actor.parkId, input.year, input.version)) {
      const msg = `${input.year} 年度${LETTER_VERSION_LABELS[input.version].zh}责任书已存在，请修改该模板`;
      throw conflict('LETTER_TEMPLATE_EXISTS', msg, { year: msg });
    }
    const id = await repo.insertTemplate(tx, { parkId: actor.parkId, ...input, by: actor.userId, at: now() });
    await appendAudit(tx, ctx, {
      action: 'responsibility.templateCreate',
      entityType: 'responsibilityTemplate',
      entityId: id,
      after: input,
    });
    return id;
  });
  return getTemplate(db, actor, id);
}

/** Every change is a new revision; the unsigned letters move to it, the signed keep the one they signed. */
export async function updateTemplate(db: Db, ctx: RequestContext, id: string, input: TemplateUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.manage');
  await db.transaction(async (tx) => {
    const t = await loadTemplate(tx, actor, id, true);
    if (input.revision !== Number(t.revision)) {
      throw conflict('LETTER_TEMPLATE_STALE', `模板已被他人修改（现为第 ${t.revision} 版），请刷新后重试`);
    }
    const revision = Number(t.revision) + 1;
    await repo.insertRevision(tx, actor.parkId, id, revision, input.content, actor.userId, now());
    const moved = await repo.reviseUnsigned(tx, actor.parkId, id, revision);
    await appendAudit(tx, ctx, {
      action: 'responsibility.templateRevise',
      entityType: 'responsibilityTemplate',
      entityId: id,
      before: { revision: t.revision, content: t.content },
      after: { revision, content: input.content, unsignedLettersMoved: moved, signedLettersKept: t.signed },
    });
  });
  return getTemplate(db, actor, id);
}

export async function issue(db: Db, ctx: RequestContext, id: string, input: IssueBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.manage');
  return db.transaction(async (tx) => {
    const t = await loadTemplate(tx, actor, id, true);
    if (t.version !== 'enterprise' && input.target !== 'all') {
      const msg = `${LETTER_VERSION_LABELS[t.version].zh}责任书下达给全部${t.version === 'department' ? '成员单位' : '村居'}`;
      throw unprocessable('LETTER_TARGET_INVALID', msg, { target: msg });
    }
    if (input.target === 'list') await assertEnterpriseRefs(tx, actor, 'enterpriseIds', input.enterpriseIds ?? []);
    const parties = await repo.partiesFor(tx, actor.parkId, t.version, {
      tags: input.target === 'tags' ? input.tags : undefined,
      area: input.target === 'area' ? input.area : undefined,
      enterpriseIds: input.target === 'list' ? input.enterpriseIds : undefined,
    });
    if (parties.length === 0) {
      throw unprocessable('LETTER_NO_PARTIES', '所选范围内没有可下达的单位', { target: '所选范围内没有可下达的单位' });
    }
    const issued = await repo.issueLetters(tx, {
      parkId: actor.parkId,
      templateId: id,
      revision: Number(t.revision),
      parties,
      by: actor.userId,
      at: now(),
    });
    await appendAudit(tx, ctx, {
      action: 'responsibility.issue',
      entityType: 'responsibilityTemplate',
      entityId: id,
      after: { target: input.target, tags: input.tags, area: input.area, parties: parties.length, issued },
    });
    return { issued, alreadyIssued: parties.length - issued };
  });
}

// ------------------------------------------------------------------------------------------------------ letters

export async function listLetters(db: Db, actor: Actor, q: LetterListQuery) {
  assertCan(actor, 'responsibility.read');
  const { items, total } = await repo.listLetters(db, actor, q);
  return { items: items.map((r) => letterView(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

async function loadLetter(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.getLetter(db, actor, id, forUpdate);
  if (!r) throw notFound('责任书');
  return r;
}

export async function getLetter(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'responsibility.read');
  return letterView(actor, await loadLetter(db, actor, id));
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export async function sign(db: Db, ctx: RequestContext, id: string, input: SignBody) {
  const actor = ctx.actor!;
  if (!can(actor, 'responsibility.sign')) {
    throw forbidden('只有责任书的签订单位本单位的账户才能签署', 'LETTER_NOT_PARTY');
  }
  const png = Buffer.from(input.signaturePng.slice(input.signaturePng.indexOf(',') + 1), 'base64');
  await db.transaction(async (tx) => {
    // Another party's letter is not in scope: the same 404 as an unknown one.
    const l = await loadLetter(tx, actor, id, true);
    if (png.length < 67 || !PNG_MAGIC.every((b, i) => png[i] === b)) {
      throw unprocessable('LETTER_SIGNATURE_INVALID', '签名图片无效，请重新签名', {
        signaturePng: '签名图片无效，请重新签名',
      });
    }
    if (l.signed_at) {
      throw conflict(
        'LETTER_ALREADY_SIGNED',
        `该责任书已于 ${shanghaiTime(l.signed_at)} 由 ${l.signer_name} 签署，不能重复签署`,
      );
    }
    const at = now();
    const digest = letterDigest({
      letterId: l.id,
      year: Number(l.year),
      version: l.version,
      partyName: l.party_name,
      revision: Number(l.revision),
      content: l.content,
      signerName: input.signerName,
      signedAt: at.toISOString(),
      signaturePng: png,
    });
    await repo.sign(tx, actor.parkId, id, {
      userId: actor.userId,
      name: input.signerName,
      ip: ctx.ip,
      png,
      digest,
      at,
    });
    await appendAudit(tx, ctx, {
      action: 'responsibility.sign',
      entityType: 'responsibilityLetter',
      entityId: id,
      enterpriseId: l.enterprise_id ?? undefined,
      after: { revision: l.revision, signerName: input.signerName, signedAt: at.toISOString(), digest },
    });
  });
  return getLetter(db, actor, id);
}

/** Recomputes the digest from the stored letter, its revision's text and the stored drawing. */
export async function verify(db: Db, actor: Actor, id: string): Promise<VerifyResult> {
  assertCan(actor, 'responsibility.read');
  const l = await loadLetter(db, actor, id);
  if (!l.signed_at || !l.digest) throw conflict('LETTER_NOT_SIGNED', '该责任书尚未签署，没有可验证的摘要');
  const png = (await repo.signaturePng(db, actor.parkId, id)) ?? new Uint8Array();
  const computed = letterDigest({
    letterId: l.id,
    year: Number(l.year),
    version: l.version,
    partyName: l.party_name,
    revision: Number(l.revision),
    content: l.content,
    signerName: l.signer_name ?? '',
    signedAt: iso(l.signed_at),
    signaturePng: png,
  });
  const valid = computed === l.digest;
  return {
    valid,
    stored: l.digest,
    computed,
    message: valid ? '验证通过：责任书内容与签署时一致' : '验证失败：责任书内容、签署信息或签名图像与签署时不一致',
  };
}

export async function signatureImage(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'responsibility.read');
  await loadLetter(db, actor, id);
  const png = await repo.signaturePng(db, actor.parkId, id);
  if (!png) throw notFound('签名');
  return Buffer.from(png);
}

export async function withdraw(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.manage');
  await db.transaction(async (tx) => {
    const l = await loadLetter(tx, actor, id, true);
    if (l.signed_at) throw conflict('LETTER_SIGNED_LOCKED', '已签署的责任书不能修改或撤回');
    await repo.withdraw(tx, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: 'responsibility.withdraw',
      entityType: 'responsibilityLetter',
      entityId: id,
      enterpriseId: l.enterprise_id ?? undefined,
      before: { partyName: l.party_name, revision: l.revision },
    });
  });
  return { ok: true as const };
}

/** One in-app message per user of every unsigned party of the template (at most one per party per day). */
export async function remind(db: Db, ctx: RequestContext, templateId: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.manage');
  return db.transaction(async (tx) => {
    const t = await loadTemplate(tx, actor, templateId);
    const unsigned = await repo.lettersOfTemplate(tx, actor.parkId, templateId, true);
    const users = await repo.partyUsers(
      tx,
      actor.parkId,
      unsigned.map((l) => l.party_id),
    );
    const at = now();
    const day = at.toISOString().slice(0, 10);
    const byParty = new Map(unsigned.map((l) => [l.party_id, l]));
    const title = `请签署${t.year}年度安全生产目标管理责任书`;
    const sent = await notifications.insertMany(
      tx,
      users.map((u) => {
        const l = byParty.get(u.organisation_id)!;
        return {
          parkId: actor.parkId,
          userId: u.id,
          kind: 'letterReminder',
          title,
          body: `${l.party_name}：${t.year}年度安全生产目标管理责任书（${LETTER_VERSION_LABELS[t.version].zh}）已于 ${shanghaiTime(l.issued_at)} 下达，尚未签署。请在“责任书”中阅读并签署。`,
          hazardId: null,
          enterpriseId: l.enterprise_id,
          dedupeKey: `letterReminder:${l.id}:${day}`,
          createdAt: at,
        };
      }),
    );
    await repo.markReminded(
      tx,
      actor.parkId,
      unsigned.map((l) => l.id),
      at,
    );
    await appendAudit(tx, ctx, {
      action: 'responsibility.remind',
      entityType: 'responsibilityTemplate',
      entityId: templateId,
      after: { unsigned: unsigned.length, notified: sent },
    });
    return { reminded: unsigned.length, users: sent };
  });
}

/** The signing list of a template as Excel: every party, signed or not, signer, time and digest. */
export async function exportTemplate(db: Db, ctx: RequestContext, templateId: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'responsibility.overview');
  const t = await loadTemplate(db, actor, templateId);
  const letters = await repo.lettersOfTemplate(db, actor.parkId, templateId);
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签订情况', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([
    `${t.year}年度安全生产目标管理责任书（${LETTER_VERSION_LABELS[t.version].zh}）签订情况：下达 ${t.issued}，已签 ${t.signed}，签订率 ${rate(t.signed, t.issued) ?? 0}%`,
  ]);
  ws.addRow(['单位', '状态', '版本', '下达时间', '签署人', '签署时间', '签署地址', 'SM3 摘要', '最近提醒']);
  for (const l of letters) {
    ws.addRow([
      l.party_name,
      l.signed_at ? '已签署' : '未签署',
      `第 ${l.revision} 版`,
      shanghaiTime(l.issued_at),
      l.signer_name ?? '',
      l.signed_at ? shanghaiTime(l.signed_at) : '',
      l.signer_ip ?? '',
      l.digest ?? '',
      l.last_reminded_at ? shanghaiTime(l.last_reminded_at) : '',
    ]);
  }
  ws.getRow(2).font = { bold: true };
  ws.columns.forEach((c, i) => {
    c.width = [30, 10, 8, 18, 12, 18, 16, 66, 18][i];
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'responsibility.export',
      entityType: 'responsibilityTemplate',
      entityId: templateId,
      after: { rows: letters.length },
    }),
  );
  return { buffer, fileName: `${t.year}年度责任书签订情况_${LETTER_VERSION_LABELS[t.version].zh}.xlsx` };
}

export async function letterWord(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'responsibility.read');
  const l = await loadLetter(db, actor, id);
  const png = l.signed_at ? await repo.signaturePng(db, actor.parkId, id) : null;
  const buffer = await letterDocx({
    parkName: await repo.parkName(db, actor.parkId),
    partyName: l.party_name,
    content: l.content,
    revision: Number(l.revision),
    issuedAt: shanghaiTime(l.issued_at).slice(0, 10),
    signature:
      l.signed_at && png
        ? {
            name: l.signer_name ?? '',
            at: shanghaiTime(l.signed_at),
            ip: can(actor, 'responsibility.manage') ? l.signer_ip : null,
            digest: l.digest ?? '',
            png,
          }
        : null,
  });
  return { buffer, fileName: `${l.year}年度安全生产目标管理责任书_${l.party_name}.docx` };
}

/**
 * 补录: letters signed in the past (the demo park's history), stored as a signature made then with the digest the
 * caller computed. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  lettersOfTemplate: repo.lettersOfTemplate,
  sign: repo.sign,
};
