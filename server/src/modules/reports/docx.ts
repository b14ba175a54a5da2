// The period summary as Word, in the layout of Party and government documents (GB/T 9704, the page constants the
// official documents use): A4, margins top 37 / bottom 35 / left 28 / right 26 mm, title 二号 in 小标宋 style, body
// 三号 仿宋 on a fixed 28-point line, headings 一、(黑体) （一）(楷体) 1.(仿宋), page numbers "— 1 —", then the appendix
// 数据口径 as a table. Fonts by name; where 方正小标宋 / 仿宋_GB2312 are not installed the renderer substitutes the
// installed Noto Serif CJK SC / Noto Sans CJK SC (see README).
import {
  AlignmentType,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportPreview } from '../../../../shared/src/reports';
import { LINE_POINTS, PAGE, POINTS } from '../documents/layout';

export const REPORT_FONTS = {
  /** 小标宋 style: 方正小标宋简体 where installed; the file names it so WPS/Word use it. */
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
} as const;

/**
 * The fonts' table with the installed CJK fonts as each font's alternative (w:altName): a system without the official
 * fonts (this server, most Linux desktops) renders 小标宋 / 仿宋 / 楷体 in Noto Serif CJK SC and 黑体 in Noto Sans CJK SC,
 * not in whatever its default happens to be. GB2312 charset, as the official fonts declare.
 */
export const REPORT_FONT_FALLBACKS: Record<string, string> = {
  [REPORT_FONTS.title]: 'Noto Serif CJK SC',
  [REPORT_FONTS.body]: 'Noto Serif CJK SC',
  [REPORT_FONTS.heading1]: 'Noto Sans CJK SC',
  [REPORT_FONTS.heading2]: 'Noto Serif CJK SC',
};
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${Object.entries(REPORT_FONT_FALLBACKS)
  .map(
    ([name, alt]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${
        alt.includes('Sans') ? 'modern' : 'roman'
      }"/><w:pitch w:val="variable"/></w:font>`,
  )
  .join(
    '',
  )}<w:font w:name="${REPORT_FONTS.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const font = (eastAsia: string) => ({
  ascii: REPORT_FONTS.latin,
  hAnsi: REPORT_FONTS.latin,
  eastAsia,
  cs: REPORT_FONTS.latin,
});
const LINE = { line: LINE_POINTS.body * 20, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: POINTS.body * 2 * 20 };

const run = (text: string, face: string = REPORT_FONTS.body, o: { size?: number; bold?: boolean } = {}) =>
  new TextRun({ text, font: font(face), size: (o.size ?? POINTS.body) * 2, bold: o.bold });

const body = (text: string, face?: string, bold?: boolean) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: INDENT,
    spacing: LINE,
    children: [run(text, face, { bold })],
  });

const CN = '一二三四五六七八九十';

const cell = (text: string, width: number, header = false) =>
  new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, header ? REPORT_FONTS.heading1 : REPORT_FONTS.body, { size: POINTS.table })],
      }),
    ],
  });

export async function summaryDocx(c: ReportPreview, generatedAt: Date): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE_POINTS.title * 20, lineRule: LineRuleType.EXACT },
      children: [run(c.title, REPORT_FONTS.title, { size: POINTS.title })],
    }),
    new Paragraph({ spacing: LINE, children: [] }),
  ];
  let n = 0;
  for (const s of c.sections) {
    if (s.key === 'intro') {
      for (const t of s.narrative) children.push(body(t));
      continue;
    }
    children.push(body(`${CN[n++] ?? String(n)}、${s.heading}`, REPORT_FONTS.heading1));
    for (const p of s.parts) {
      if (p.heading) children.push(body(p.heading, REPORT_FONTS.heading2));
      for (const t of p.sentences) children.push(body(t));
      p.items.forEach((t, i) => {
        children.push(body(`${i + 1}. ${t}`));
      });
    }
    for (const t of s.narrative) children.push(body(t));
  }
  if (c.sections.filter((s) => s.key !== 'intro').length === 0) {
    children.push(body('本期间内系统中没有登记可汇总的工作记录。'));
  }

  // Appendix 数据口径: every figure stated, its definition, the filters and the records counted.
  children.push(
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({ spacing: LINE, children: [run('附件', REPORT_FONTS.heading1)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      children: [run('数据口径', REPORT_FONTS.title, { size: POINTS.title })],
    }),
  );
  if (c.figures.length) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [
              cell('指标', 14, true),
              cell('数值', 16, true),
              cell('定义', 36, true),
              cell('筛选条件', 26, true),
              cell('记录数', 8, true),
            ],
          }),
          ...c.figures.map(
            (f) =>
              new TableRow({
                children: [
                  cell(f.label, 14),
                  cell(f.value, 16),
                  cell(f.definition, 36),
                  cell(f.filters, 26),
                  cell(String(f.count), 8),
                ],
              }),
          ),
        ],
      }),
    );
  } else {
    children.push(body('本期间没有可列的数据。'));
  }
  const stamp = new Date(generatedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  children.push(
    new Paragraph({ spacing: LINE, children: [] }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: LINE,
      children: [run(`${c.parkName}　生成于 ${stamp}（统计至 ${c.until}）`)],
    }),
  );

  const document = new Document({
    creator: c.parkName,
    title: c.title,
    description: `${c.from} 至 ${c.to}`,
    styles: {
      default: {
        document: {
          run: {
            font: font(REPORT_FONTS.body),
            size: POINTS.body * 2,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(PAGE.width), height: convertMillimetersToTwip(PAGE.height) },
            margin: {
              top: convertMillimetersToTwip(PAGE.top),
              bottom: convertMillimetersToTwip(PAGE.bottom),
              left: convertMillimetersToTwip(PAGE.left),
              right: convertMillimetersToTwip(PAGE.right),
              footer: convertMillimetersToTwip(PAGE.footer),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    size: 28,
                    font: font(REPORT_FONTS.body),
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
