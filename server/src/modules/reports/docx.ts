// The period summary as Word, in the layout of Party and government documents (GB/T 9704, the page constants the
// official documents use): A4, margins top 37 / bottom 35 / left 28 / right 26 mm, title 二号 in 小标宋 style, body
// 三号 仿宋 on a fixed 28-point line, headings 一、(黑体) （一）(楷体) 1.(仿宋), page numbers "— 1 —", then the appendix
// 数据口径 as a table. Fonts by name; where 方正小标宋 / 仿宋_GB2312 are not installed the renderer substitutes the
// installed Noto Serif CJK SC / Noto Sans CJK SC (see README). The paragraphs, table and page come from
// documents/docx-kit.ts; the work plan document (plans/docx.ts) is written in this same style (reportStyle below).
import type { Paragraph, Table } from 'docx';
import type { ReportPreview } from '../../../../shared/src/reports';
import {
  alignedParagraph,
  blankParagraph,
  bodyParagraph,
  fontTableXml,
  gridTable,
  packOfficial,
  textRun,
} from '../documents/docx-kit';
import { LINE_POINTS, POINTS } from '../documents/layout';

export const REPORT_FONTS = {
  /** 小标宋 style: 方正小标宋简体 where installed; the file names it so WPS/Word use it. */
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
} as const;

/**
 * Each font's installed alternative (w:altName in the font table): a system without the official fonts (this server,
 * most Linux desktops) renders 小标宋 / 仿宋 / 楷体 in Noto Serif CJK SC and 黑体 in Noto Sans CJK SC.
 */
export const REPORT_FONT_FALLBACKS: Record<string, string> = {
  [REPORT_FONTS.title]: 'Noto Serif CJK SC',
  [REPORT_FONTS.body]: 'Noto Serif CJK SC',
  [REPORT_FONTS.heading1]: 'Noto Sans CJK SC',
  [REPORT_FONTS.heading2]: 'Noto Serif CJK SC',
};
const FONT_TABLE = fontTableXml(REPORT_FONT_FALLBACKS);

/** The summary's (and the plan document's) paragraphs: title, body lines, the heading levels, the appendix table. */
export const reportStyle = {
  title: (text: string) =>
    alignedParagraph([textRun(text, { face: REPORT_FONTS.title, points: POINTS.title })], 'center', LINE_POINTS.title),
  /** A body line in 仿宋, or a heading line: 一、 in 黑体 (heading1), （一） in 楷体 (heading2). */
  body: (text: string, face: string = REPORT_FONTS.body) => bodyParagraph([textRun(text, { face })]),
  heading1: (text: string) => bodyParagraph([textRun(text, { face: REPORT_FONTS.heading1 })]),
  heading2: (text: string) => bodyParagraph([textRun(text, { face: REPORT_FONTS.heading2 })]),
  /** 附件: 黑体, flush left, on a new page (GB/T 9704: 附件另面编排). */
  appendix: () => bodyParagraph([textRun('附件', { face: REPORT_FONTS.heading1 })], { indent: false, newPage: true }),
  blank: blankParagraph,
  right: (text: string) => alignedParagraph([textRun(text, { face: REPORT_FONTS.body })], 'right'),
  table: (columns: { title: string; width: number; center?: boolean }[], data: string[][]) =>
    gridTable(columns, data, { body: REPORT_FONTS.body, heading: REPORT_FONTS.heading1 }),
  /** The file: A4 with the official margins, 「— 1 —」, the fonts' fallbacks in its font table. */
  pack: (f: { creator: string; title: string; description: string; children: (Paragraph | Table)[] }) =>
    packOfficial({
      ...f,
      bodyFace: REPORT_FONTS.body,
      footer: { face: REPORT_FONTS.body, points: POINTS.footer },
      fontTable: FONT_TABLE,
    }),
};

/** Shanghai time of generation, for the document's last line. */
export const stampOf = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** 2027-03-31 → 2027年3月31日 (成文日期). */
export const chineseDate = (iso: string) =>
  `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

const CN = '一二三四五六七八九十';
export const cnNumber = (i: number) => CN[i] ?? String(i + 1);

export async function summaryDocx(c: ReportPreview, generatedAt: Date): Promise<Buffer> {
  const s = reportStyle;
  const children: (Paragraph | Table)[] = [s.title(c.title), s.blank()];
  let n = 0;
  for (const sec of c.sections) {
    if (sec.key === 'intro') {
      for (const t of sec.narrative) children.push(s.body(t));
      continue;
    }
    children.push(s.heading1(`${cnNumber(n++)}、${sec.heading}`));
    for (const p of sec.parts) {
      if (p.heading) children.push(s.heading2(p.heading));
      for (const t of p.sentences) children.push(s.body(t));
      p.items.forEach((t, i) => {
        children.push(s.body(`${i + 1}. ${t}`));
      });
    }
    for (const t of sec.narrative) children.push(s.body(t));
  }
  if (c.sections.filter((x) => x.key !== 'intro').length === 0) {
    children.push(s.body('本期间内系统中没有登记可汇总的工作记录。'));
  }

  // The park and the generation time close the body; the appendix 数据口径 (every figure stated, its definition, the
  // filters and the records counted) starts its own page.
  children.push(
    s.blank(),
    s.blank(),
    s.right(c.parkName),
    s.right(chineseDate(stampOf(generatedAt).slice(0, 10))),
    s.appendix(),
    s.title('数据口径'),
    s.body(`统计期间${c.from}至${c.to}，数据统计至${c.until}；生成于${stampOf(generatedAt)}。`),
  );
  if (c.figures.length) {
    children.push(
      s.table(
        [
          { title: '指标', width: 14 },
          { title: '数值', width: 16 },
          { title: '定义', width: 34 },
          { title: '筛选条件', width: 26 },
          { title: '记录数', width: 10, center: true },
        ],
        c.figures.map((f) => [f.label, f.value, f.definition, f.filters, String(f.count)]),
      ),
    );
  } else {
    children.push(s.body('本期间没有可列的数据。'));
  }
  return s.pack({ creator: c.parkName, title: c.title, description: `${c.from} 至 ${c.to}`, children });
}
