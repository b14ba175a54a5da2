// The special-funds ledger as an Excel workbook: the filtered payments and their totals by purpose.
import { FUND_PURPOSE_NAMES, type FundView } from '../../../../shared/src/activities';
import { HEADER_FONT, loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function fundWorkbook(
  items: FundView[],
  totals: { amount: number; byPurpose: { purpose: keyof typeof FUND_PURPOSE_NAMES; amount: number; count: number }[] },
  period: string,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('专项资金支出');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '支出日期', width: 12 },
    { header: '用途', width: 10 },
    { header: '金额（元）', width: 14, style: { numFmt: '#,##0.00' } },
    { header: '供应商/服务单位', width: 28 },
    { header: '支出事由', width: 40 },
    { header: '关联事项', width: 36 },
    { header: '附件（个）', width: 10 },
    { header: '登记人', width: 10 },
  ];
  for (const f of items) {
    sheet.addRow([
      f.serial,
      f.paidOn,
      FUND_PURPOSE_NAMES[f.purpose],
      f.amount,
      neutralise(f.supplier ?? ''),
      neutralise(f.description),
      f.subject ? neutralise(`${f.subject.kindLabel}：${f.subject.title ?? '（已不可见）'}`) : '',
      f.attachments.length,
      f.recordedByName ?? '',
    ]);
  }
  styleHeaderRow(sheet);
  const sums = wb.addWorksheet('按用途合计');
  sums.columns = [
    { header: '用途', width: 14 },
    { header: '笔数', width: 8 },
    { header: '金额（元）', width: 16, style: { numFmt: '#,##0.00' } },
  ];
  for (const p of totals.byPurpose) sums.addRow([FUND_PURPOSE_NAMES[p.purpose], p.count, p.amount]);
  sums.addRow(['合计', items.length, totals.amount]);
  sums.getRow(1).font = HEADER_FONT;
  sums.addRow([]);
  sums.addRow(['期间', period]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
