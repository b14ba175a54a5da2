// The Word rendering of an official document (公文格式, after GB/T 9704): A4 with the standard margins, title in 二号
// 宋体 (小标宋 where installed) centred, number centred below it, body in 三号 仿宋 on a fixed 28-point line, tables in
// 小四, the issuer with its seal placeholder and the date right-aligned, page numbers "— 1 —".
// The fonts are declared by name (宋体 / 仿宋 / 黑体) so Word and WPS map them on any Chinese system. The paragraphs,
// tables and page come from docx-kit.ts, shared with the period summary and the work plan document.
import { AlignmentType, LineRuleType, Paragraph, type Table, type TextRun } from 'docx';
import {
  alignedParagraph,
  BODY_LINE,
  blankParagraph,
  bodyParagraph,
  formTable,
  gridTable,
  packOfficial,
  textRun,
} from './docx-kit';
import { type Block, type OfficialDocument, POINTS, signatureLines, type TextRunSpec } from './layout';

const FONTS = {
  title: '宋体',
  body: '仿宋',
  heading: '黑体',
} as const;
const TABLE_FONTS = { body: FONTS.body, heading: FONTS.heading };

const run = (text: string, style: { bold?: boolean; face?: string; points?: number } = {}) =>
  textRun(text, { face: style.face ?? FONTS.body, points: style.points, bold: style.bold });

const paragraph = (text: string | TextRun[], opts: { indent?: boolean } = {}) =>
  bodyParagraph(typeof text === 'string' ? [run(text)] : text, opts);

function titleBlock(title: string, number: string) {
  return [
    new Paragraph({
      children: [run(title, { bold: true, points: POINTS.title, face: FONTS.title })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240, line: 700, lineRule: LineRuleType.EXACT },
    }),
    new Paragraph({
      children: [run(number)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 360, ...BODY_LINE },
    }),
  ];
}

function signatureBlock(b: Extract<Block, { kind: 'signature' }>) {
  const lines = signatureLines(b);
  const right = (text: string) => alignedParagraph([run(text)], 'right');
  return [
    blankParagraph(),
    ...lines.left.map((t) => paragraph(t, { indent: false })),
    blankParagraph(),
    blankParagraph(),
    ...lines.right.map(right),
  ];
}

const runs = (specs: TextRunSpec[]) => specs.map((r) => run(r.text, { bold: r.bold }));

function renderBlock(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'addressee':
      return [paragraph(`${b.name}：`, { indent: false })];
    case 'paragraph':
      return [paragraph(runs(b.runs), { indent: b.indent })];
    case 'blank':
      return [blankParagraph()];
    case 'grid':
      return [gridTable(b.columns, b.rows, TABLE_FONTS)];
    case 'form':
      return [formTable(b.fields, TABLE_FONTS)];
    case 'signature':
      return signatureBlock(b);
  }
}

/** A4 portrait, margins top 37 / bottom 35 / left 28 / right 26 mm, page number centred at the foot. */
export function renderDocx(doc: OfficialDocument): Promise<Buffer> {
  return packOfficial({
    creator: doc.issuer,
    title: `${doc.title}（${doc.number}）`,
    description: doc.number,
    bodyFace: FONTS.body,
    footer: { face: FONTS.title, points: POINTS.footer },
    children: [...titleBlock(doc.title, doc.number), ...doc.blocks.flatMap(renderBlock)],
  });
}
