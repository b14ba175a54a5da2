// Layout of an official Chinese document (公文格式, after GB/T 9704) as a Word file: A4 with the standard margins,
// title in 二号 宋体 (小标宋 where installed) centred, number centred below it, body in 三号 仿宋 on a fixed 28-point
// line, tables in 小四, the issuer with its seal placeholder and the date right-aligned, page numbers "— 1 —".
// The fonts are declared by name (宋体 / 仿宋 / 黑体) so Word and WPS map them on any Chinese system.
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

export const FONTS = {
  title: '宋体',
  body: '仿宋',
  heading: '黑体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 二号 22pt, 三号 16pt, 小四 12pt, 四号 14pt. */
export const SIZES = { title: 44, body: 32, table: 24, footer: 28 } as const;

const LINE_EXACT = 560; // 28 pt, in twips
const TABLE_LINE = 360; // 18 pt
const BODY_INDENT = 640; // two characters of 三号 (2 × 16 pt)
export const TEXT_WIDTH = convertMillimetersToTwip(210 - 28 - 26);

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

interface RunStyle {
  bold?: boolean;
  size?: number;
  fontName?: string;
}

export const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text,
    bold: style.bold,
    size: style.size ?? SIZES.body,
    font: font(style.fontName ?? FONTS.body),
  });

/** A body paragraph: first line indented two characters, 28-point line. */
export function bodyParagraph(text: string | TextRun[], opts: { indent?: boolean } = {}) {
  return new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: BODY_INDENT },
    spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
  });
}

export const blankLine = () => bodyParagraph('', { indent: false });

export function titleBlock(title: string, number: string) {
  return [
    new Paragraph({
      children: [run(title, { bold: true, size: SIZES.title, fontName: FONTS.title })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240, line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({
      children: [run(number)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 360, line: LINE_EXACT, lineRule: LineRuleType.EXACT },
    }),
  ];
}

/** "某某有限公司：" — the addressee, flush left. */
export const addressee = (name: string) => bodyParagraph(`${name}：`, { indent: false });

function cellParagraphs(text: string, opts: { bold?: boolean; center?: boolean; heading?: boolean }) {
  const lines = (text || '—').split(/\r?\n/);
  return lines.map(
    (line) =>
      new Paragraph({
        children: [
          run(line, { bold: opts.bold, size: SIZES.table, fontName: opts.heading ? FONTS.heading : FONTS.body }),
        ],
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: TABLE_LINE, lineRule: LineRuleType.AT_LEAST },
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

/**
 * A table across the text width; widths are relative (mm or parts), the header row repeats on every page.
 * centred: indexes of columns whose cells are centred (序号, dates).
 */
export function gridTable(columns: { title: string; width: number; center?: boolean }[], data: string[][]) {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      children: cellParagraphs(text, { bold: header, heading: header, center: header || columns[i]!.center }),
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: cellMargins,
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, i, true)) }),
      ...data.map((r) => new TableRow({ children: r.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** A two-column form (label | value) such as the facts of one hazard. */
export function formTable(fields: [string, string][]) {
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
            new TableCell({
              children: cellParagraphs(label, { bold: true, heading: true, center: true }),
              width: { size: widths[0]!, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              margins: cellMargins,
            }),
            new TableCell({
              children: cellParagraphs(value, {}),
              width: { size: widths[1]!, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              margins: cellMargins,
            }),
          ],
        }),
    ),
  });
}

/**
 * The closing block: the two signature lines (who checked, who received), then the issuer with its seal placeholder
 * and the date, right-aligned four characters in from the margin.
 */
export function signatureBlock(opts: { signers: [string, string]; issuer: string; date: string }) {
  const right = (text: string) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      indent: { right: BODY_INDENT * 2 },
      spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
    });
  return [
    blankLine(),
    bodyParagraph(`${opts.signers[0]}（签名）：＿＿＿＿＿＿＿＿`, { indent: false }),
    bodyParagraph(`${opts.signers[1]}（签收）：＿＿＿＿＿＿＿＿`, { indent: false }),
    bodyParagraph('签收日期：　　　　年　　月　　日', { indent: false }),
    blankLine(),
    blankLine(),
    right(`${opts.issuer}（盖章）`),
    right(opts.date),
  ];
}

export interface OfficialDocument {
  title: string;
  number: string;
  /** Shown in the file's properties. */
  issuer: string;
  children: (Paragraph | Table)[];
}

/** A4 portrait, margins top 37 / bottom 35 / left 28 / right 26 mm, page number centred at the foot. */
export async function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: doc.issuer,
    title: `${doc.title}（${doc.number}）`,
    description: doc.number,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size: SIZES.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(20),
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
                    size: SIZES.footer,
                    font: font(FONTS.title),
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...titleBlock(doc.title, doc.number), ...doc.children],
      },
    ],
  });
  return Packer.toBuffer(document);
}
