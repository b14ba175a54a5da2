// Period summary (季度/半年/年度工作总结, issue 15, DOMAIN.md §2.7): sections as the committee's own half-year
// summary, every figure sentence generated from registered figures (platform/period-figures.ts, the dashboard's
// figures), the office's narrative paragraphs per section kept as a draft per period, and an appendix (数据口径).
import { z } from 'zod';
import { JobView } from './io';
import { isoDate, text } from './validators';

export const REPORT_PERIOD_KINDS = ['quarter', 'half', 'year', 'custom'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];
export const REPORT_PERIOD_KIND_NAMES: Record<ReportPeriodKind, string> = {
  quarter: '季度',
  half: '半年',
  year: '年度',
  custom: '自定义期间',
};

/** The seed's sections, in its order; `intro` is the opening paragraph before 一、. */
export const REPORT_SECTIONS = [
  'intro',
  'meetings',
  'basic',
  'inspections',
  'publicity',
  'resumption',
  'fireService',
  'problems',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_NAMES: Record<ReportSection, string> = {
  intro: '开篇（总体情况）',
  meetings: '召开会议、学习贯彻，部署安全生产工作',
  basic: '切实抓好安全生产基础工作',
  inspections: '推动安全生产日常检查的常态化、规范化',
  publicity: '认真组织开展安全生产宣传教育培训活动',
  resumption: '抓好企业复工复产安全生产指导工作',
  fireService: '引入第三方专业力量，提高消防工作的专业性',
  problems: '存在的问题和下一步工作',
};

export const REPORT_NARRATIVE_MAX = 5000;

const periodShape = {
  kind: z.enum(REPORT_PERIOD_KINDS, { error: '请选择总结期间类型（季度、半年、年度或自定义）' }),
  from: isoDate,
  to: isoDate,
  /** Only the signed-in user's park; another is refused by name. */
  parkId: z.uuid({ error: '园区编号格式不正确' }).optional(),
};
const orderCheck = <T extends { from: string; to: string }>(s: z.ZodType<T>) =>
  s.refine((q) => q.to >= q.from, { message: '总结期间的结束日期不能早于开始日期', path: ['to'] });

export const ReportPeriodQuery = orderCheck(z.object(periodShape));
export type ReportPeriodQuery = z.infer<typeof ReportPeriodQuery>;

const paragraph = text({ error: '段落应为文字' })
  .max(REPORT_NARRATIVE_MAX, `每节段落不能超过 ${REPORT_NARRATIVE_MAX} 个字`)
  .optional();
/** One optional paragraph per section, named (an object, so the OpenAPI document lists the sections). */
export const ReportSections = z.object({
  intro: paragraph,
  meetings: paragraph,
  basic: paragraph,
  inspections: paragraph,
  publicity: paragraph,
  resumption: paragraph,
  fireService: paragraph,
  problems: paragraph,
} satisfies Record<ReportSection, typeof paragraph>);
export type ReportSections = z.infer<typeof ReportSections>;

export const ReportDraftBody = orderCheck(
  z.object({
    ...periodShape,
    sections: ReportSections,
    /** The version the editor loaded (0: no draft yet); a stale one is refused with 409. */
    version: z.number({ error: '缺少草稿版本号' }).int().min(0),
  }),
);
export type ReportDraftBody = z.infer<typeof ReportDraftBody>;

export const ReportDraftView = z.object({
  kind: z.enum(REPORT_PERIOD_KINDS),
  from: z.string(),
  to: z.string(),
  sections: ReportSections,
  /** 0: nothing saved yet for this period. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type ReportDraftView = z.infer<typeof ReportDraftView>;

/** One figure as stated in the report and listed in the appendix (数据口径). */
export const ReportFigure = z.object({
  key: z.string(),
  label: z.string(),
  /** As written: "245人次", "96.2%", "横幅 20条、挂图 50张". */
  value: z.string(),
  definition: z.string(),
  /** The filters applied: period, park, data scope. */
  filters: z.string(),
  /** Records counted behind the figure. */
  count: z.number().int(),
});
export type ReportFigure = z.infer<typeof ReportFigure>;

export const ReportSectionContent = z.object({
  key: z.enum(REPORT_SECTIONS),
  heading: z.string(),
  /**
   * Generated from the figures, under （一）-level headings where the section has several; empty when nothing was
   * recorded. items are listed as 1. 2. (major hazards, joint actions).
   */
  parts: z.array(
    z.object({ heading: z.string().nullable(), sentences: z.array(z.string()), items: z.array(z.string()) }),
  ),
  /** The office's own paragraphs (from the draft). */
  narrative: z.array(z.string()),
  /** The figure keys the sentences state. */
  figureKeys: z.array(z.string()),
});
export type ReportSectionContent = z.infer<typeof ReportSectionContent>;

export const ReportPreview = z.object({
  kind: z.enum(REPORT_PERIOD_KINDS),
  from: z.string(),
  to: z.string(),
  until: z.string(),
  title: z.string(),
  parkName: z.string(),
  sections: z.array(ReportSectionContent),
  figures: z.array(ReportFigure),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

export const ReportView = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_PERIOD_KINDS),
  from: z.string(),
  to: z.string(),
  title: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sm3: z.string(),
  sha256: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string().nullable(),
  downloadUrl: z.string(),
});
export type ReportView = z.infer<typeof ReportView>;
export const ReportList = z.object({ items: z.array(ReportView) });
export type ReportList = z.infer<typeof ReportList>;

/** A generation started, or the one already running for the same period (running: true). */
export const ReportGenerateAccepted = z.object({ job: JobView, alreadyRunning: z.boolean() });
export type ReportGenerateAccepted = z.infer<typeof ReportGenerateAccepted>;

export const REPORT_JOB_KIND = 'reports.summary';
