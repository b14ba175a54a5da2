// The PDF rendering of an official document, after the same layout as the Word file (layout.ts): A4, official
// margins, title centred, body on a fixed 28-point line with two-character first-line indent, ruled tables whose
// header repeats on each page, signature block, "— n —" page numbers. PDF needs an embedded Chinese font: the Noto
// CJK fonts of Debian's fonts-noto-cjk (serif for title and body, sans bold for table headings), or a directory
// named by PARKSAFE_FONT_DIR. pdfkit embeds only the glyphs used, so a notice is ~100 KB.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/errors';
import {
  type Block,
  LINE_POINTS,
  type OfficialDocument,
  PAGE,
  POINTS,
  signatureLines,
  type TextRunSpec,
} from './layout';

/** PARKSAFE_FONT_DIR, when set, is the only place looked in (an operator's choice is not second-guessed). */
const fontDirs = () =>
  process.env.PARKSAFE_FONT_DIR
    ? [process.env.PARKSAFE_FONT_DIR]
    : ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

/** Font role → file and PostScript name inside the collection. */
const FONT_FILES = {
  serif: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  serifBold: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold'],
  sansBold: ['NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold'],
  sans: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
} as const;
type FontRole = keyof typeof FONT_FILES;

function findFont(role: FontRole): [string, string] | null {
  const [file, name] = FONT_FILES[role];
  for (const dir of fontDirs()) {
    const p = path.join(dir, file);
    if (fs.existsSync(p)) return [p, name];
  }
  return null;
}

/** The fonts to embed; serif roles fall back to sans when only the sans collection is installed. */
export function pdfFonts(): Record<'body' | 'bold' | 'heading', [string, string]> {
  const sans = findFont('sans');
  const sansBold = findFont('sansBold') ?? sans;
  const body = findFont('serif') ?? sans;
  const bold = findFont('serifBold') ?? sansBold ?? body;
  if (!body || !bold || !sansBold) {
    throw new AppError(
      503,
      'PDF_FONT_MISSING',
      '服务器未安装中文字体（Debian 软件包 fonts-noto-cjk），暂不能生成 PDF，请先下载 Word 版本',
    );
  }
  return { body, bold, heading: sansBold };
}

const mm = (v: number) => (v * 72) / 25.4;
const TEXT_WIDTH = mm(PAGE.width - PAGE.left - PAGE.right);
const INDENT = POINTS.body * 2;
const CELL_PAD = { x: 5, y: 3 };

export async function renderPdf(doc: OfficialDocument): Promise<Buffer> {
  const fonts = pdfFonts();
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right) },
    bufferPages: true,
    info: { Title: `${doc.title}（${doc.number}）`, Author: doc.issuer, Subject: doc.number },
  });
  pdf.registerFont('body', ...fonts.body);
  pdf.registerFont('bold', ...fonts.bold);
  pdf.registerFont('heading', ...fonts.heading);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = pdf.page.margins.left;
  const bottomLimit = () => pdf.page.height - pdf.page.margins.bottom;
  /** Extra gap that turns the font's natural line height into the official fixed line. */
  const gapFor = (font: string, size: number, line: number) => {
    pdf.font(font).fontSize(size);
    return Math.max(0, line - pdf.currentLineHeight(false));
  };
  const bodyGap = gapFor('body', POINTS.body, LINE_POINTS.body);
  const tableGap = gapFor('body', POINTS.table, LINE_POINTS.table);

  // Title (二号) and number, centred.
  pdf
    .font('bold')
    .fontSize(POINTS.title)
    .text(doc.title, left, pdf.y, {
      width: TEXT_WIDTH,
      align: 'center',
      lineGap: gapFor('bold', POINTS.title, LINE_POINTS.title),
    });
  pdf.moveDown(0.4);
  pdf.font('body').fontSize(POINTS.body).text(doc.number, left, pdf.y, { width: TEXT_WIDTH, align: 'center' });
  pdf.moveDown(1);

  const paragraph = (runs: TextRunSpec[], indent: boolean) => {
    pdf.fontSize(POINTS.body);
    runs.forEach((r, i) => {
      pdf.font(r.bold ? 'bold' : 'body');
      const last = i === runs.length - 1;
      const opts = { width: TEXT_WIDTH, lineGap: bodyGap, continued: !last, indent: indent && i === 0 ? INDENT : 0 };
      if (i === 0) pdf.text(r.text || ' ', left, pdf.y, opts);
      else pdf.text(r.text || ' ', opts);
    });
  };

  /** Rows of cells; the header row (if any) is repeated after each page break. */
  const table = (
    widths: number[],
    rows: { cells: string[]; header?: boolean; labelFirst?: boolean }[],
    center: (col: number, header: boolean) => boolean,
  ) => {
    const header = rows[0]?.header ? rows[0] : null;
    const fontOf = (row: { header?: boolean; labelFirst?: boolean }, col: number) =>
      row.header || (row.labelFirst && col === 0) ? 'heading' : 'body';
    const heightOf = (row: (typeof rows)[number]) =>
      Math.max(
        ...row.cells.map((text, c) => {
          pdf.font(fontOf(row, c)).fontSize(POINTS.table);
          return pdf.heightOfString(text || '—', { width: widths[c]! - 2 * CELL_PAD.x, lineGap: tableGap });
        }),
      ) +
      2 * CELL_PAD.y;
    const draw = (row: (typeof rows)[number], h: number) => {
      let x = left;
      const y = pdf.y;
      row.cells.forEach((text, c) => {
        const w = widths[c]!;
        pdf.lineWidth(0.5).rect(x, y, w, h).stroke();
        pdf.font(fontOf(row, c)).fontSize(POINTS.table);
        const opts = {
          width: w - 2 * CELL_PAD.x,
          lineGap: tableGap,
          align: center(c, Boolean(row.header) || Boolean(row.labelFirst && c === 0)) ? 'center' : 'left',
        } as const;
        const th = pdf.heightOfString(text || '—', opts);
        pdf.text(text || '—', x + CELL_PAD.x, y + (h - th) / 2, opts);
        x += w;
      });
      pdf.x = left;
      pdf.y = y + h;
    };
    for (const row of rows) {
      const h = heightOf(row);
      if (pdf.y + h > bottomLimit()) {
        pdf.addPage();
        if (header && row !== header) draw(header, heightOf(header));
      }
      draw(row, h);
    }
    pdf.moveDown(0.2);
  };

  const render = (b: Block) => {
    switch (b.kind) {
      case 'addressee':
        return paragraph([{ text: `${b.name}：` }], false);
      case 'paragraph':
        return paragraph(b.runs, b.indent !== false);
      case 'blank':
        pdf.font('body').fontSize(POINTS.body);
        pdf.y += LINE_POINTS.body * 0.6;
        return;
      case 'grid': {
        const total = b.columns.reduce((n, c) => n + c.width, 0);
        const widths = b.columns.map((c) => (c.width / total) * TEXT_WIDTH);
        return table(
          widths,
          [{ cells: b.columns.map((c) => c.title), header: true }, ...b.rows.map((cells) => ({ cells }))],
          (c, h) => h || Boolean(b.columns[c]!.center),
        );
      }
      case 'form':
        return table(
          [TEXT_WIDTH * 0.24, TEXT_WIDTH * 0.76],
          b.fields.map((cells) => ({ cells, labelFirst: true })),
          (_c, label) => label,
        );
      case 'signature': {
        const lines = signatureLines(b);
        // The signature lines, issuer and date stay together: a seal alone on a last page is not accepted.
        if (pdf.y + LINE_POINTS.body * 6.8 > bottomLimit()) pdf.addPage();
        pdf.y += LINE_POINTS.body * 0.6;
        for (const t of lines.left) paragraph([{ text: t }], false);
        pdf.y += LINE_POINTS.body * 1.2;
        for (const t of lines.right) {
          pdf
            .font('body')
            .fontSize(POINTS.body)
            .text(t, left, pdf.y, {
              width: TEXT_WIDTH - INDENT * 2,
              align: 'right',
              lineGap: bodyGap,
            });
        }
        return;
      }
    }
  };
  for (const b of doc.blocks) render(b);

  // Page numbers "— n —" in the footer area; the bottom margin is lifted while writing so pdfkit adds no page.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('body')
      .fontSize(POINTS.footer)
      .text(`— ${i + 1} —`, left, pdf.page.height - mm(PAGE.footer), { width: TEXT_WIDTH, align: 'center' });
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return done;
}
