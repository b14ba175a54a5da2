// A downloaded Word document's first pages as PNG, the way a person sees them: LibreOffice (soffice --headless, with a
// private profile so parallel runs don't share one) converts the .docx to PDF, and pdftoppm renders the pages at 80 dpi
// into test-output/screenshots/<name>-1.png … . Both tools are Debian packages .ci/run installs (libreoffice-writer,
// poppler-utils).
//
// The official fonts the files name (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 仿宋) are not installed here, and
// fontconfig would hand LibreOffice its default sans face for all of them (LibreOffice does not read the files' w:altName),
// so the conversion runs with a private fontconfig file that maps them to the installed Noto CJK faces the font table
// names — serif for 宋/仿宋/楷 (小标宋 in the bold cut), sans for 黑体 — as a Chinese desktop would show them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const SERIF = ['仿宋_GB2312', '楷体_GB2312', '宋体', '仿宋', '楷体', '方正仿宋_GBK', '方正楷体_GBK'];
const SANS = ['黑体', '方正黑体_GBK'];
const alias = (family: string, to: string) =>
  `<match target="pattern"><test name="family"><string>${family}</string></test>` +
  `<edit name="family" mode="assign" binding="strong"><string>${to}</string></edit></match>`;
const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  ${SERIF.map((f) => alias(f, 'Noto Serif CJK SC')).join('\n  ')}
  ${SANS.map((f) => alias(f, 'Noto Sans CJK SC')).join('\n  ')}
  <match target="pattern"><test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
</fontconfig>
`;

export function docxPages(docx: string, name: string, pages = 2): RenderedPages {
  const work = mkdtempSync(path.join(os.tmpdir(), 'parksafe-soffice-'));
  const fontsConf = path.join(work, 'fonts.conf');
  writeFileSync(fontsConf, FONTS_CONF);
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
      { timeout: 180_000, stdio: 'pipe', env: { ...process.env, FONTCONFIG_FILE: fontsConf } },
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
