import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  ExcelFileError,
  excelDateToIso,
  inspectZip,
  isZip,
  neutralise,
  readWorkbook,
  safeCell,
  styleHeaderRow,
  unneutralise,
  XlsxStreamWriter,
} from './excel';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('企业档案').addRow(['企业名称', '统一社会信用代码']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('recognising a workbook by content', () => {
  it('accepts a real .xlsx and reads its declared size', async () => {
    const buf = await workbook();
    expect(isZip(buf)).toBe(true);
    expect(inspectZip(buf, 10_000_000)).toBe('ok');
    expect(inspectZip(buf, 1000)).toBe('tooLarge');
    const wb = await readWorkbook(buf);
    expect(wb.worksheets[0]!.name).toBe('企业档案');
  });

  it('refuses text, an executable, a zip that is no workbook, and an oversize inflation', async () => {
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: unknown) => (e instanceof ExcelFileError ? e.reason : String(e)),
      );
    expect(await reason(readWorkbook(Buffer.from('企业名称,统一社会信用代码\n')))).toBe('notXlsx');
    expect(await reason(readWorkbook(Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(512)])))).toBe('notXlsx');
    expect(await reason(readWorkbook(Buffer.from('PK\x03\x04garbage-without-directory')))).toBe('notXlsx');
    expect(await reason(readWorkbook(await workbook(), 1000))).toBe('tooLarge');
  });

  it('refuses a zip bomb by what it inflates to, whatever its directory declares', async () => {
    // One entry of 50 MB of zeros (~50 KB compressed) whose central directory claims 10 bytes.
    const data = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(10, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(10, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(0, 42);
    const cdOffset = local.length + name.length + data.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(cdOffset, 16);
    const bomb = Buffer.concat([local, name, data, central, name, end]);
    expect(inspectZip(bomb, 20 * 1024 * 1024)).toBe('tooLarge');
    await expect(readWorkbook(bomb, 20 * 1024 * 1024)).rejects.toMatchObject({ reason: 'tooLarge' });
  });
});

describe('styleHeaderRow', () => {
  it('makes the first row a bold, shaded header kept in view, and survives a save and a read', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('台账');
    sheet.addRow(['编号', '企业名称']);
    sheet.addRow(['A1', '某企业']);
    styleHeaderRow(sheet);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const read = back.getWorksheet('台账')!;
    expect(read.getRow(1).getCell(2).font?.bold).toBe(true);
    expect((read.getRow(1).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E1F2');
    expect(read.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(read.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('cellText', () => {
  it('reads what the cell shows', () => {
    expect(cellText('  华东机械 ')).toBe('华东机械');
    expect(cellText('')).toBeNull();
    expect(cellText(null)).toBeNull();
    expect(cellText(13951234567)).toBe('13951234567');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(new Date(Date.UTC(2019, 4, 1)))).toBe('2019-05-01');
    expect(cellText({ richText: [{ text: '华东' }, { text: '机械' }] })).toBe('华东机械');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
    expect(cellText({ formula: 'A1&B1', result: '合计' } as ExcelJS.CellValue)).toBe('合计');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellValue)).toBeNull();
  });

  it('takes a date cell a hair off midnight as its calendar day', () => {
    expect(excelDateToIso(new Date(Date.UTC(2019, 4, 1) - 1))).toBe('2019-05-01');
    expect(excelDateToIso(new Date(Date.UTC(2019, 4, 1) + 1))).toBe('2019-05-01');
  });
});

describe('formula injection', () => {
  it('prefixes text a spreadsheet would evaluate, and only such text', () => {
    for (const t of ['=1+1', '+86 139', '-3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(t)).toBe(`'${t}`);
    for (const t of ['华东机械', '0512-66881234', "'quoted", 'a=b']) expect(neutralise(t)).toBe(t);
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
  });

  it('reads its own neutralised text back as the original', () => {
    for (const t of ['=1+1', '-3', '@x']) expect(unneutralise(neutralise(t))).toBe(t);
    expect(unneutralise("'quoted")).toBe("'quoted");
  });
});

describe('XlsxStreamWriter', () => {
  it('writes a workbook ExcelJS reads back: text, numbers, dates, blanks, odd characters, two sheets', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'out.xlsx');
    const w = new XlsxStreamWriter(file);
    await w.addSheet('企业档案', [20, 10, 12, 30]);
    await w.addRow(['企业名称', '人数', '投产日期', '备注'], 'header');
    await w.addRow(['华东<机械>&"有限"公司', 180, new Date(Date.UTC(2019, 4, 1)), '  前后空格  ']);
    await w.addRow(['控制\u0001字符\u0008', null, null, '表情😀 与 \uD800 孤立代理']);
    for (let i = 0; i < 3000; i++) await w.addRow([`企业${i}`, i, null, "'=1+1"]);
    await w.addSheet("说明's", [10, 40], { freezeHeader: false, autoFilter: false });
    await w.addRow(['导出人', '张安监']);
    await w.finish();

    expect(inspectZip(fs.readFileSync(file), 100_000_000)).toBe('ok');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('企业档案')!;
    expect(ws.rowCount).toBe(3003);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).width).toBe(30);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('华东<机械>&"有限"公司');
    expect(r2.getCell(2).value).toBe(180);
    expect(r2.getCell(3).value).toEqual(new Date(Date.UTC(2019, 4, 1)));
    expect(r2.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(r2.getCell(4).value).toBe('  前后空格  ');
    const r3 = ws.getRow(3);
    expect(r3.getCell(1).value).toBe('控制字符');
    expect(r3.getCell(2).value).toBeNull();
    expect(r3.getCell(4).value).toBe('表情😀 与  孤立代理');
    expect(ws.getRow(3003).values).toEqual([undefined, '企业2999', 2999, undefined, "'=1+1"]);
    expect(wb.getWorksheet("说明's")!.getRow(1).getCell(2).value).toBe('张安监');
  });
});
