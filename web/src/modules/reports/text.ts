// UI strings of the work-summary page, one dictionary per language. Period kinds and section names come from
// shared/src/labels.ts (REPORT_PERIOD_KIND_LABELS, REPORT_SECTION_LABELS); the summary itself (title, generated
// sentences, figure definitions) is the server's Chinese document and stays Chinese.
import { REPORT_PERIOD_KIND_LABELS, REPORT_SECTION_LABELS } from '../../../../shared/src/labels';
import {
  REPORT_PERIOD_KINDS,
  REPORT_SECTIONS,
  type ReportPeriodKind,
  type ReportSection,
} from '../../../../shared/src/reports';
import { useI18n } from '../../app/i18n';
import { formatTime } from '../../app/time';

const names = <K extends string>(
  keys: readonly K[],
  dict: Record<string, { zh: string; en: string }>,
  lang: 'zh' | 'en',
) => Object.fromEntries(keys.map((k) => [k, dict[k]?.[lang] ?? k])) as Record<K, string>;

const CN_NUMBERS = '一二三四五六七八九十';

const zh = {
  title: '工作总结',
  narrative: '办公室撰写的段落',
  narrativeHint: '各节由数据生成的语句之后，接着写入下面的段落（每行一段）。未登记数据且未写段落的章节不出现在总结中。',
  save: '保存草稿',
  saved: '草稿已保存',
  version: (v: number, by: string | null, at: string | null) =>
    v ? `第 ${v} 版${by ? `，${by}` : ''}${at ? ` 保存于 ${formatTime(at)}` : ''}` : '尚未保存草稿',
  preview: '预览（由登记数据生成）',
  figures: '数据口径',
  generate: '生成总结',
  generating: '正在生成',
  generated: '已生成的总结',
  none: '该期间尚未生成总结',
  download: '下载',
  running: '该期间的总结正在生成，已显示其进度',
  noRecords: '本期间内没有登记可汇总的记录，也没有撰写段落。',
  by: '生成人',
  at: '生成时间',
  period: '期间',
  stale: '草稿已被他人修改：请刷新后再保存（你的修改仍在输入框中）。',
  reload: '刷新草稿',
  columns: ['指标', '数值', '口径', '筛选条件', '记录数'],
  kindNames: names(REPORT_PERIOD_KINDS, REPORT_PERIOD_KIND_LABELS, 'zh') as Record<ReportPeriodKind, string>,
  sectionNames: names(REPORT_SECTIONS, REPORT_SECTION_LABELS, 'zh') as Record<ReportSection, string>,
  /** A numbered section heading of the preview: 一、… (the document's own numbering). */
  sectionHeading: (i: number, heading: string) => `${CN_NUMBERS[i]}、${heading}`,
  figureLine: (label: string, value: string) => `${label}：${value}`,
  filtersLine: (filters: string, count: number) => `${filters}（${count}）`,
  meta: (from: string, to: string, at: string, by: string | null) =>
    `期间：${from} ~ ${to}　生成时间：${at}${by ? `　生成人：${by}` : ''}`,
  digests: (sm3: string, sha256: string) => `SM3 ${sm3}…　SHA-256 ${sha256}…`,
};

export type ReportText = typeof zh;

const en: ReportText = {
  title: 'Work summary',
  narrative: 'The office’s paragraphs',
  narrativeHint:
    'Written after each section’s generated sentences (one paragraph a line). A section with no records and no paragraph is left out.',
  save: 'Save draft',
  saved: 'Draft saved',
  version: (v, by, at) =>
    v ? `Version ${v}${by ? `, ${by}` : ''}${at ? `, saved ${formatTime(at)}` : ''}` : 'No draft saved yet',
  preview: 'Preview (generated from the records)',
  figures: 'Figure definitions',
  generate: 'Generate',
  generating: 'Generating',
  generated: 'Generated summaries',
  none: 'No summary generated for this period yet',
  download: 'Download',
  running: 'The summary of this period is already being generated; showing its progress',
  noRecords: 'Nothing recorded in this period and no paragraph written.',
  by: 'By',
  at: 'Generated',
  period: 'Period',
  stale: 'Someone else changed the draft: reload before saving (your edits stay in the boxes).',
  reload: 'Reload draft',
  columns: ['Figure', 'Value', 'Definition', 'Filters', 'Records'],
  kindNames: names(REPORT_PERIOD_KINDS, REPORT_PERIOD_KIND_LABELS, 'en') as Record<ReportPeriodKind, string>,
  sectionNames: names(REPORT_SECTIONS, REPORT_SECTION_LABELS, 'en') as Record<ReportSection, string>,
  // The preview's headings are the Chinese document's; numbered in Arabic figures here.
  sectionHeading: (i, heading) => `${i + 1}. ${heading}`,
  figureLine: (label, value) => `${label}: ${value}`,
  filtersLine: (filters, count) => `${filters} (${count})`,
  meta: (from, to, at, by) => `Period: ${from} ~ ${to}  Generated: ${at}${by ? `  By: ${by}` : ''}`,
  digests: (sm3, sha256) => `SM3 ${sm3}…  SHA-256 ${sha256}…`,
};

export function useReportText(): ReportText {
  const { lang } = useI18n();
  return lang === 'en' ? en : zh;
}

/** Both dictionaries, for the test that keeps their keys the same (server/src/testing/web-i18n.test.ts). */
export const TEXTS = { zh, en };
