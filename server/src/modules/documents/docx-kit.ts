// The Word building blocks of every official-layout document (公文格式, after GB/T 9704), in one place: runs with the
// Latin / East Asian font pair, body paragraphs on the fixed 28-point line with the two-character indent, bordered
// tables across the text width with a repeating header row, and the A4 document with the official margins and the
// page number 「— 1 —」 at the foot. Used by the official documents (official.ts: 宋体 / 仿宋 / 黑体), the period
// summary (reports/docx.ts) and the work plan document (plans/docx.ts: 小标宋 / 仿宋_GB2312 / 黑体 / 楷体_GB2312 with the
// installed fallbacks in the font table); each passes its own fonts.
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { LINE_POINTS, PAGE, POINTS } from './layout';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const LATIN_FONT = 'Times New Roman';

/** The run font: Latin letters and digits in Times New Roman, Chinese in the given face. */
export const fontOf = (eastAsia: string) => ({ ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia, cs: LATIN_FONT });

export interface RunStyle {
  /** East Asian font face. */
  face: string;
  /** Points (三号 16 by default). */
  points?: number;
  bold?: boolean;
}

export const textRun = (text: string, style: RunStyle) =>
  new TextRun({ text, bold: style.bold, size: (style.points ?? POINTS.body) * 2, font: fontOf(style.face) });

/** The fixed 28-point body line, in twips. */
export const BODY_LINE = { line: LINE_POINTS.body * 20, lineRule: LineRuleType.EXACT };
/** Two characters of 三号. */
export const BODY_INDENT = POINTS.body * 2 * 20;
export const TEXT_WIDTH = convertMillimetersToTwip(PAGE.width - PAGE.left - PAGE.right);

/** A body paragraph: justified, first line indented two characters unless indent is false, 28-point line; newPage starts a page. */
export function bodyParagraph(children: TextRun[], opts: { indent?: boolean; newPage?: boolean } = {}) {
  return new Paragraph({
    children,
    pageBreakBefore: opts.newPage || undefined,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: BODY_INDENT },
    spacing: BODY_LINE,
  });
}

/** An empty line of the body's height. */
export const blankParagraph = () => new Paragraph({ spacing: BODY_LINE, children: [] });

/**
 * A line centred, or right-aligned with four characters of space on its right (GB/T 9704: 成文日期右空四字; the issuer's
 * name above it the same), on the body's line.
 */
export const alignedParagraph = (children: TextRun[], align: 'center' | 'right', line: number = LINE_POINTS.body) =>
  new Paragraph({
    children,
    alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT,
    indent: align === 'right' ? { right: BODY_INDENT * 2 } : undefined,
    spacing: { line: line * 20, lineRule: LineRuleType.EXACT },
  });

export interface TableFonts {
  body: string;
  heading: string;
}

function cellParagraphs(text: string, fonts: TableFonts, opts: { header?: boolean; center?: boolean }) {
  return (text || '—').split(/\r?\n/).map(
    (line) =>
      new Paragraph({
        children: [
          textRun(line, { face: opts.header ? fonts.heading : fonts.body, points: POINTS.table, bold: opts.header }),
        ],
        alignment: opts.header || opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: LINE_POINTS.table * 20, lineRule: LineRuleType.AT_LEAST },
      }),
  );
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};
const cellMargins = { top: 60, bottom: 60, left: 100, right: 100 };

const tableCell = (children: Paragraph[], width: number) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: cellMargins,
  });

/** A table across the text width; widths are relative; the header row repeats on every page (小四 text). */
export function gridTable(
  columns: { title: string; width: number; center?: boolean }[],
  data: string[][],
  fonts: TableFonts,
) {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c, i) => tableCell(cellParagraphs(c.title, fonts, { header: true }), widths[i]!)),
      }),
      ...data.map(
        (r) =>
          new TableRow({
            children: r.map((text, i) =>
              tableCell(cellParagraphs(text, fonts, { center: columns[i]!.center }), widths[i]!),
            ),
          }),
      ),
    ],
  });
}

/** Label | value rows (the label in the heading face, centred). */
export function formTable(fields: [string, string][], fonts: TableFonts) {
  const widths = [Math.floor(TEXT_WIDTH * 0.24), TEXT_WIDTH - Math.floor(TEXT_WIDTH * 0.24)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: fields.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            tableCell(cellParagraphs(label, fonts, { header: true }), widths[0]!),
            tableCell(cellParagraphs(value, fonts, {}), widths[1]!),
          ],
        }),
    ),
  });
}

/**
 * The font table with each official font's installed alternative (w:altName): a system without 方正小标宋 / 仿宋_GB2312
 * (this server, most Linux desktops) renders them in the named fallback, not in whatever its default happens to be.
 * GB2312 charset, as the official fonts declare.
 */
export function fontTableXml(fallbacks: Record<string, string>): string {
  const fonts = Object.entries(fallbacks)
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${
          alt.includes('Sans') ? 'modern' : 'roman'
        }"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}<w:font w:name="${LATIN_FONT}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;
}

export interface OfficialFile {
  creator: string;
  title: string;
  description: string;
  /** The body's East Asian face (the document default). */
  bodyFace: string;
  /** The page number's face and size in points. */
  footer: { face: string; points: number };
  children: (Paragraph | Table)[];
  /** A font table to write instead of the default one (fontTableXml). */
  fontTable?: string;
}

/** A4 portrait, margins top 37 / bottom 35 / left 28 / right 26 mm, page number 「— 1 —」 centred at the foot. */
export async function packOfficial(f: OfficialFile): Promise<Buffer> {
  const document = new Document({
    creator: f.creator,
    title: f.title,
    description: f.description,
    styles: {
      default: {
        document: {
          run: {
            font: fontOf(f.bodyFace),
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
                    size: f.footer.points * 2,
                    font: fontOf(f.footer.face),
                  }),
                ],
              }),
            ],
          }),
        },
        children: f.children,
      },
    ],
  });
  return f.fontTable
    ? Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: f.fontTable }])
    : Packer.toBuffer(document);
}
