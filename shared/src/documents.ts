// Official documents generated from the hazard loop (DOMAIN.md §2.3): the rectification notice (整改通知书) listing an
// enterprise's open hazards, and the re-check opinion (复查意见书) on one re-checked hazard. Both are Word (or PDF) files in
// official style with a number of the park's series (e.g. 高新安监整改〔2026〕0012号).
import { z } from 'zod';

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
