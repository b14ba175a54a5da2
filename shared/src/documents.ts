// Official documents generated from the hazard loop (DOMAIN.md §2.3): the rectification notice (整改通知书) listing an
// enterprise's open hazards, and the re-check opinion (复查意见书) on one re-checked hazard. Both are Word (or PDF) files in
// official style with a number of the park's series (e.g. 高新安监整改〔2026〕0012号).
import { z } from 'zod';
import { text } from './validators';

export const DOCUMENT_KINDS = ['rectificationNotice', 'recheckOpinion'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, { zh: string; en: string }> = {
  rectificationNotice: { zh: '事故隐患整改通知书', en: 'Rectification notice' },
  recheckOpinion: { zh: '事故隐患整改复查意见书', en: 'Re-check opinion' },
};

/** Word of the number series: 高新安监整改〔2026〕0012号 / 高新安监复查〔2026〕0003号. */
export const DOCUMENT_NUMBER_WORDS: Record<DocumentKind, string> = {
  rectificationNotice: '整改',
  recheckOpinion: '复查',
};

export const MAX_NOTICE_HAZARDS = 200;

/** Word for editing and printing in the office, PDF for a fixed copy (same layout and number series). */
export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
const format = z.enum(DOCUMENT_FORMATS, { error: '文书格式只能是 docx 或 pdf' }).default('docx');

/**
 * The hazards a notice lists: the ones named, or — when none are named — every open hazard of the enterprise (of the
 * inspection, when one is given). Every hazard must be that enterprise's and not yet closed.
 */
export const RectificationNoticeBody = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }),
  hazardIds: z
    .array(z.uuid({ error: '隐患编号格式不正确' }))
    .max(MAX_NOTICE_HAZARDS, `一份通知书最多列 ${MAX_NOTICE_HAZARDS} 条隐患`)
    .default([]),
  inspectionId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  format,
});
export type RectificationNoticeBody = z.infer<typeof RectificationNoticeBody>;

export const RecheckOpinionBody = z.object({
  hazardId: z.uuid({ error: '请选择隐患' }),
  format,
});
export type RecheckOpinionBody = z.infer<typeof RecheckOpinionBody>;

/** 2026-12-10 → 2026年12月10日 (the date style of official documents and messages). */
export function cnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 高新区 → 高新: the short name of a park that opens its document numbers (高新安监整改〔2026〕0012号). */
export function parkShortName(park: string): string {
  return park.replace(/(经济技术开发区|高新技术产业开发区|开发区|工业园|园区|区)$/, '') || park;
}

// ------------------------------------------------------------------------------------------------ register (发文登记)

/**
 * A document's number is taken once, when it is first issued; later downloads (Word or PDF) reproduce the same
 * document with the same number. 重新出具 (re-issue) is an explicit decision: the old number is voided and a new one
 * taken for the same subject, with the reason.
 */
export const ReissueBody = z.object({
  reason: text({ error: '请填写重新出具的原因' }).trim().min(4, '重新出具的原因至少 4 个字').max(500),
});
export type ReissueBody = z.infer<typeof ReissueBody>;

export const DocumentFileQuery = z.object({ format });

export const IssuedDocumentView = z.object({
  id: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  number: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  inspectionId: z.uuid().nullable(),
  hazardIds: z.array(z.uuid()),
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  /** Voided by a re-issue: when, by whom, why, and the number that replaced it. */
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidedByName: z.string().nullable(),
  voidReason: z.string().nullable(),
  replacedById: z.uuid().nullable(),
  replacedByNumber: z.string().nullable(),
  /** Whether its content is kept, so it can be downloaded again (documents issued before numbering was kept are not). */
  archived: z.boolean(),
});
export type IssuedDocumentView = z.infer<typeof IssuedDocumentView>;

export const IssuedDocumentQuery = z.object({
  enterpriseId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  hazardId: z.uuid().optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const IssuedDocumentPage = z.object({
  items: z.array(IssuedDocumentView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
