// A downloaded Word document's first pages as PNG, the way a person sees them: LibreOffice (soffice --headless, with a
// private profile so parallel runs don't share one) converts the .docx to PDF, and pdftoppm renders the pages at 80 dpi
// into test-output/screenshots/<name>-1.png … . Both tools are Debian packages .ci/run installs (libreoffice-writer,
// poppler-utils).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCREENSHOTS = path.resolve('test-output/screenshots');

export interface RenderedPages {
  /** Pages of the whole PDF. */
  pageCount: number;
  /** The PNG files written, in page order, with their sizes in bytes. */
  pngs: { file: string; bytes: number }[];
  /** The PDF, kept beside the PNGs. */
  pdf: string;
}

export function docxPages(docx: string, name: string, pages = 2): RenderedPages {
  const work = mkdtempSync(path.join(os.tmpdir(), 'parksafe-soffice-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(work, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        path.resolve(docx),
      ],
      { timeout: 180_000, stdio: 'pipe' },
    );
    const converted = path.join(work, `${path.basename(docx, path.extname(docx))}.pdf`);
    const pdf = path.join(SCREENSHOTS, `${name}.pdf`);
    copyFileSync(converted, pdf);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pageCount = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    for (const f of readdirSync(SCREENSHOTS)) {
      if (new RegExp(`^${name}-\\d+\\.png$`).test(f)) rmSync(path.join(SCREENSHOTS, f));
    }
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', String(pages), pdf, path.join(SCREENSHOTS, name)], {
      timeout: 60_000,
    });
    const pngs = readdirSync(SCREENSHOTS)
      .filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f))
      .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)![1]) - Number(/-(\d+)\.png$/.exec(b)![1]))
      .map((f) => ({ file: path.join(SCREENSHOTS, f), bytes: statSync(path.join(SCREENSHOTS, f)).size }));
    return { pageCount, pngs, pdf };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
