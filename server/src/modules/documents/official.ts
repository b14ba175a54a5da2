// The Word rendering of an official document (公文格式, after GB/T 9704): A4 with the standard margins, title in 二号
// 宋体 (小标宋 where installed) centred, number centred below it, body in 三号 仿宋 on a fixed 28-point line, tables in
// 小四, the issuer with its seal placeholder and the date right-aligned, page numbers "— 1 —".
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

import {
  type Block,
  LINE_POINTS,
  type OfficialDocument,
  PAGE,
  POINTS,
  signatureLines,
  type TextRunSpec,
} from './layout';

const FONTS = {
  title: '宋体',
  body: '仿宋',
  heading: '黑体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points. */
const SIZES = { title: POINTS.title * 2, body: POINTS.body * 2, table: POINTS.table * 2, footer: POINTS.footer * 2 };

const LINE_EXACT = LINE_POINTS.body * 20; // twips
const TABLE_LINE = LINE_POINTS.table * 20;
const BODY_INDENT = POINTS.body * 2 * 20; // two characters of 三号
const TEXT_WIDTH = convertMillimetersToTwip(PAGE.width - PAGE.left - PAGE.right);

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

interface RunStyle {
  bold?: boolean;
  size?: number;
  fontName?: string;
}

const run = (text: string, style: RunStyle = {}) =>
  new TextRun({
    text,
    bold: style.bold,
    size: style.size ?? SIZES.body,
    font: font(style.fontName ?? FONTS.body),
  });

/** A body paragraph: first line indented two characters, 28-point line. */
function bodyParagraph(text: string | TextRun[], opts: { indent?: boolean } = {}) {
  return new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: BODY_INDENT },
    spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
  });
}

const blankLine = () => bodyParagraph('', { indent: false });

function titleBlock(title: string, number: string) {
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
function gridTable(columns: { title: string; width: number; center?: boolean }[], data: string[][]) {
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
function formTable(fields: [string, string][]) {
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

function signatureBlock(b: Extract<Block, { kind: 'signature' }>) {
  const lines = signatureLines(b);
  const right = (text: string) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      indent: { right: BODY_INDENT * 2 },
      spacing: { line: LINE_EXACT, lineRule: LineRuleType.EXACT },
    });
  return [
    blankLine(),
    ...lines.left.map((t) => bodyParagraph(t, { indent: false })),
    blankLine(),
    blankLine(),
    ...lines.right.map(right),
  ];
}

const runs = (specs: TextRunSpec[]) => specs.map((r) => run(r.text, { bold: r.bold }));

function renderBlock(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'addressee':
      return [bodyParagraph(`${b.name}：`, { indent: false })];
    case 'paragraph':
      return [bodyParagraph(runs(b.runs), { indent: b.indent })];
    case 'blank':
      return [blankLine()];
    case 'grid':
      return [gridTable(b.columns, b.rows)];
    case 'form':
      return [formTable(b.fields)];
    case 'signature':
      return signatureBlock(b);
  }
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
                    size: SIZES.footer,
                    font: font(FONTS.title),
                  }),
                ],
              }),
            ],
          }),
        },
        children: [...titleBlock(doc.title, doc.number), ...doc.blocks.flatMap(renderBlock)],
      },
    ],
  });
  return Packer.toBuffer(document);
}
