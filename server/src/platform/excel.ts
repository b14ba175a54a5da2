// Excel (.xlsx) helpers every import and export uses: recognising a real workbook by its content, reading cell
// values as text, neutralising formula injection, streaming large workbooks to disk, and the house styles.
import { once } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a file is not accepted as a workbook. */
export class ExcelFileError extends Error {
  constructor(
    readonly reason: 'notXlsx' | 'tooLarge',
    message: string,
  ) {
    super(message);
    this.name = 'ExcelFileError';
  }
}

/** An .xlsx is a zip: local file header "PK\x03\x04" at offset 0. */
export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/**
 * Walks the zip's central directory and inflates every entry with a running output budget (zlib's
 * maxOutputLength), so a "zip bomb" is refused by what its entries really inflate to, not by the sizes they
 * declare. 'invalid' when the directory is unreadable, uses zip64 or an unknown compression method.
 */
export function inspectZip(buf: Buffer, maxInflatedBytes: number): 'ok' | 'invalid' | 'tooLarge' {
  const EOCD = 0x06054b50;
  const CDH = 0x02014b50;
  const LFH = 0x04034b50;
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'invalid';
  const entries = buf.readUInt16LE(eocd + 10);
  if (entries === 0) return 'invalid';
  let at = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CDH) return 'invalid';
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const local = buf.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local === 0xffffffff) return 'invalid';
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LFH) return 'invalid';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return 'invalid';
    const data = buf.subarray(start, start + compressed);
    if (method === 0) total += compressed;
    else if (method === 8) {
      try {
        total += zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, maxInflatedBytes - total + 1) }).length;
      } catch (err) {
        return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : 'invalid';
      }
    } else return 'invalid';
    if (total > maxInflatedBytes) return 'tooLarge';
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return 'ok';
}

/**
 * Loads an uploaded workbook, judged by content and not by name: a zip whose content inflates to at most
 * maxUncompressedBytes and that ExcelJS parses as a workbook with at least one worksheet.
 */
/**
 * ExcelJS, loaded on first use: it costs ~28 MB resident, and most requests (and the big ledger exports, which use
 * XlsxStreamWriter below) never need it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function readWorkbook(buf: Buffer, maxUncompressedBytes = 100 * 1024 * 1024): Promise<ExcelJS.Workbook> {
  const notXlsx = () =>
    new ExcelFileError(
      'notXlsx',
      '文件不是有效的 Excel 工作簿（.xlsx）。请在 Excel 中“另存为 .xlsx”后重新上传（不支持 .xls、.csv）',
    );
  if (!isZip(buf)) throw notXlsx();
  const zip = inspectZip(buf, maxUncompressedBytes);
  if (zip === 'invalid') throw notXlsx();
  if (zip === 'tooLarge') throw new ExcelFileError('tooLarge', '工作簿解压后内容过大，请拆分为多个文件分批导入');
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw notXlsx();
  }
  if (wb.worksheets.length === 0) throw notXlsx();
  return wb;
}

const DAY_MS = 86_400_000;

/** A date cell's calendar date (Excel dates carry no zone; ExcelJS gives them as UTC midnight). */
export function excelDateToIso(d: Date): string {
  return new Date(Math.round(d.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** What a cell shows, as trimmed text (null when blank): rich text, links, formula results, dates, numbers. */
export function cellText(value: ExcelJS.CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number')
    text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  else if (typeof value === 'boolean') text = value ? 'TRUE' : 'FALSE';
  else if (value instanceof Date) text = excelDateToIso(value);
  else if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) text = (v.richText as { text: string }[]).map((r) => r.text).join('');
    else if ('error' in v) return null;
    else if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
      return cellText(v.result as ExcelJS.CellValue | undefined);
    } else if ('text' in v) return cellText(v.text as ExcelJS.CellValue);
    else return null;
  } else return null;
  text = text.replace(/\u00a0/g, ' ').trim();
  return text === '' ? null : text;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formula injection (CSV/Excel injection): a text cell starting with = + - @ (or tab, CR) may be evaluated by a
 * spreadsheet program. Exports prefix such text with an apostrophe so it stays text.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse for a value read back from one of our own exports. */
export function unneutralise(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** Every value an export writes goes through this: text is neutralised, numbers and dates stay typed. */
export function safeCell(value: string | number | Date | null | undefined): string | number | Date | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? neutralise(value) : value;
}

/**
 * ExcelJS's streaming WorkbookWriter, for workbooks of bounded size (the import's error report, ≤ 20,000 rows).
 * Note: ExcelJS 4.4 keeps every committed row's XML in memory until the sheet is committed (exceljs#1894, #2916;
 * fixed only for 5.0), about 1 KB a row — large exports use XlsxStreamWriter below.
 */
export async function streamingWorkbook(filename: string): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  return new (await loadExcel()).stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: false });
}

// ------------------------------------------------------------------------------------------------ XlsxStreamWriter

export type XlsxCell = string | number | Date | null | undefined;
/** Cell styles of XlsxStreamWriter: plain, header (bold on blue-grey), date (yyyy-mm-dd). */
export type XlsxStyle = 'plain' | 'header' | 'date';
const STYLE_INDEX: Record<XlsxStyle, number> = { plain: 0, header: 1, date: 2 };

const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
// Characters XML 1.0 does not allow (and lone surrogates): dropped.
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// One test decides whether a text needs any work; most cells (plain Chinese/ASCII text) are written as they are.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML forbids are what it looks for
const XML_SPECIAL = /[<>&"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const xmlText = (text: string) =>
  XML_SPECIAL.test(text) ? text.replace(XML_INVALID, '').replace(/[<>&"]/g, (c) => XML_ESCAPES[c]!) : text;
/** Leading or trailing whitespace (XML would drop it without xml:space="preserve"); only the two ends are tested. */
const SPACE = /\s/;
const edgeSpace = (text: string) => SPACE.test(text.charAt(0)) || SPACE.test(text.charAt(text.length - 1));

const COLUMN_LETTERS: string[] = [];
for (let i = 0; i < 16384 && COLUMN_LETTERS.length < 702; i++) {
  COLUMN_LETTERS.push(
    i < 26
      ? String.fromCharCode(65 + i)
      : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)),
  );
}

/** Excel's serial day number of a calendar date given as UTC midnight (1900 date system). */
const excelSerial = (d: Date) => d.getTime() / 86_400_000 + 25_569;

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (1 << 5) | 1; // 1980-01-01

interface ZipEntry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * Writes an .xlsx file row by row with real backpressure: rows become sheet XML, deflated straight into the file;
 * memory holds one 64 KB chunk, whatever the number of rows. A small writer for large tables (exports): inline
 * strings, numbers, dates, three cell styles, column widths, a frozen header row and an auto-filter.
 */
export class XlsxStreamWriter {
  private readonly out: fs.WriteStream;
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly sheets: string[] = [];
  private current: {
    entry: ZipEntry;
    deflate: zlib.DeflateRaw;
    done: Promise<void>;
    pending: string[];
    pendingLength: number;
    rows: number;
    columns: number;
    autoFilter: boolean;
  } | null = null;
  private failed: Error | null = null;
  /** Per sheet: the auto-filter range as a defined name wants it, or null. */
  private readonly filters: (string | null)[] = [];

  private readonly level: number;

  /**
   * level: deflate level. 1 by default: on a 1,000,000-row ledger it deflates ~3× faster than 6 for a file about
   * 20% larger (measured in bench/hazards.ts), and the deflate otherwise bounds the export's rate.
   */
  constructor(file: string, opts: { level?: number } = {}) {
    this.level = opts.level ?? 1;
    this.out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
    this.out.on('error', (err) => {
      this.failed = err;
    });
  }

  private async writeRaw(buf: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** Starts an entry whose content is deflated as it is written; sizes and CRC follow in a data descriptor. */
  private async openEntry(name: string) {
    const nameBuf = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // bit 3: data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBuf.length, 26);
    const entry: ZipEntry = { name: nameBuf, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    await this.writeRaw(Buffer.concat([header, nameBuf]));
    const deflate = zlib.createDeflateRaw({ level: this.level, chunkSize: 1 << 16 });
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    const done = new Promise<void>((resolve, reject) => {
      deflate.on('end', resolve);
      deflate.on('error', reject);
    });
    return { entry, deflate, done };
  }

  private async writeEntryData(e: { entry: ZipEntry; deflate: zlib.DeflateRaw }, text: string) {
    if (this.failed) throw this.failed;
    const buf = Buffer.from(text, 'utf8');
    e.entry.crc = zlib.crc32(buf, e.entry.crc);
    e.entry.size += buf.length;
    if (!e.deflate.write(buf)) await once(e.deflate, 'drain');
  }

  private async closeEntry(e: { entry: ZipEntry; deflate: zlib.DeflateRaw; done: Promise<void> }) {
    e.deflate.end();
    await e.done;
    if (e.entry.size >= 0xffffffff || this.offset >= 0xffffffff) throw new Error('xlsx larger than 4 GB');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(e.entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(e.entry.compressed, 8);
    descriptor.writeUInt32LE(e.entry.size, 12);
    await this.writeRaw(descriptor);
    this.entries.push(e.entry);
  }

  private async wholeEntry(name: string, text: string) {
    const e = await this.openEntry(name);
    await this.writeEntryData(e, text);
    await this.closeEntry(e);
  }

  /** Starts the next worksheet. Column widths in characters; the first row is frozen and filterable by default. */
  async addSheet(name: string, widths: number[], opts: { freezeHeader?: boolean; autoFilter?: boolean } = {}) {
    if (this.current) await this.endSheet();
    this.sheets.push(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    const e = await this.openEntry(`xl/worksheets/sheet${this.sheets.length}.xml`);
    const freeze =
      opts.freezeHeader === false
        ? '<sheetView workbookViewId="0"/>'
        : '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>';
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    this.current = {
      ...e,
      pending: [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
          '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          `<sheetViews>${freeze}</sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
          (cols ? `<cols>${cols}</cols>` : '') +
          '<sheetData>',
      ],
      pendingLength: 0,
      rows: 0,
      columns: widths.length,
      autoFilter: opts.autoFilter !== false && widths.length > 0,
    };
  }

  /** Appends a row. Text is written as typed (callers neutralise formula-like text); dates get the date style. */
  async addRow(values: readonly XlsxCell[], style: XlsxStyle = 'plain'): Promise<void> {
    if (this.rowXml(values, style)) await this.flushRows();
  }

  /** Appends many rows at once: the export path (one await per batch instead of per row). */
  async addRows(rows: Iterable<readonly XlsxCell[]>, style: XlsxStyle = 'plain'): Promise<void> {
    for (const values of rows) if (this.rowXml(values, style)) await this.flushRows();
  }

  /** Builds one row's XML into the pending buffer; true when the buffer is due to be flushed. */
  private rowXml(values: readonly XlsxCell[], style: XlsxStyle): boolean {
    const sheet = this.current;
    if (!sheet) throw new Error('addSheet first');
    const r = ++sheet.rows;
    let xml = `<row r="${r}">`;
    const s = STYLE_INDEX[style];
    const sAttr = s ? ` s="${s}"` : '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') {
        if (s) xml += `<c r="${COLUMN_LETTERS[i]}${r}"${sAttr}/>`;
        continue;
      }
      if (typeof v === 'string') {
        const text = xmlText(v);
        const space = edgeSpace(text) ? ' xml:space="preserve"' : '';
        xml += `<c r="${COLUMN_LETTERS[i]}${r}"${sAttr} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
      } else if (typeof v === 'number') {
        if (Number.isFinite(v)) xml += `<c r="${COLUMN_LETTERS[i]}${r}"${sAttr}><v>${v}</v></c>`;
      } else if (v instanceof Date) {
        xml += `<c r="${COLUMN_LETTERS[i]}${r}" s="${STYLE_INDEX.date}"><v>${excelSerial(v)}</v></c>`;
      }
    }
    xml += '</row>';
    sheet.pending.push(xml);
    sheet.pendingLength += xml.length;
    return sheet.pendingLength > 256 * 1024;
  }

  private async flushRows() {
    const sheet = this.current!;
    if (sheet.pending.length === 0) return;
    const text = sheet.pending.join('');
    sheet.pending = [];
    sheet.pendingLength = 0;
    await this.writeEntryData(sheet, text);
  }

  private async endSheet() {
    const sheet = this.current!;
    let tail = '</sheetData>';
    const last = COLUMN_LETTERS[sheet.columns - 1];
    if (sheet.autoFilter && sheet.rows > 0) {
      tail += `<autoFilter ref="A1:${last}${sheet.rows}"/>`;
      const name = this.sheets[this.sheets.length - 1]!.replace(/'/g, "''");
      this.filters[this.sheets.length - 1] = `'${name}'!$A$1:$${last}$${sheet.rows}`;
    }
    tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    sheet.pending.push(tail);
    await this.flushRows();
    await this.closeEntry(sheet);
    this.current = null;
  }

  /** Writes the workbook parts and the zip directory, and closes the file. */
  async finish(): Promise<void> {
    if (this.current) await this.endSheet();
    if (this.sheets.length === 0) throw new Error('a workbook needs a sheet');
    const n = this.sheets.length;
    const sheetIds = this.sheets.map((_, i) => i + 1);
    await this.wholeEntry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheetIds
          .map(
            (i) =>
              `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
          )
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    );
    await this.wholeEntry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    );
    const filters = this.sheets
      .map((_, i) =>
        this.filters[i]
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(this.filters[i]!)}</definedName>`
          : '',
      )
      .join('');
    await this.wholeEntry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>' +
        this.sheets
          .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('') +
        `</sheets>${filters ? `<definedNames>${filters}</definedNames>` : ''}</workbook>`,
    );
    await this.wholeEntry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheetIds
          .map(
            (i) =>
              `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`,
          )
          .join('') +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        '</Relationships>',
    );
    await this.wholeEntry(
      'xl/styles.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
        '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>' +
        '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>' +
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
        '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    );
    // Central directory.
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // made by
      h.writeUInt16LE(20, 6); // needed
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      await this.writeRaw(Buffer.concat([h, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.writeRaw(end);
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
  }

  /** Stops writing and closes the file (the caller removes it). */
  abort(): void {
    this.current?.deflate.destroy();
    this.out.destroy();
  }
}

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
/** An in-memory export sheet's first row as its header (bold, shaded) and kept in view while scrolling. */
export function styleHeaderRow(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = HEADER_FONT;
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}
export const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };
export const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
export const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
export const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
export const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/**
 * Writes an export workbook through `<file>.part`: renamed into place only once complete, removed on any failure, so
 * a download never sees half a workbook. The writer holds one chunk in memory whatever the number of rows.
 */
export async function writeXlsxFile(file: string, write: (xlsx: XlsxStreamWriter) => Promise<void>): Promise<void> {
  const part = `${file}.part`;
  const xlsx = new XlsxStreamWriter(part);
  try {
    await write(xlsx);
    await xlsx.finish();
    fs.renameSync(part, file);
  } catch (err) {
    xlsx.abort();
    fs.rmSync(part, { force: true });
    throw err;
  }
}

/** The 导出说明 sheet every export ends with: who exported what, as label/value rows. */
export async function addExportNotes(xlsx: XlsxStreamWriter, lines: [string, string][]): Promise<void> {
  await xlsx.addSheet('导出说明', [14, 60], { freezeHeader: false, autoFilter: false });
  for (const [k, v] of lines) await xlsx.addRow([k, safeCell(v)]);
}
