// Publicity activities as an Excel workbook: one row an activity, its materials in one cell, and the totals.
import { PUBLICITY_KIND_NAMES, type PublicityView } from '../../../../shared/src/activities';
import { HEADER_FONT, loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function publicityWorkbook(items: PublicityView[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('宣传活动');
  const withMoney = items.some((i) => i.spent !== null);
  sheet.columns = [
    { header: '活动类型', width: 12 },
    { header: '活动主题', width: 36 },
    { header: '开始日期', width: 12 },
    { header: '结束日期', width: 12 },
    { header: '地点', width: 24 },
    { header: '组织单位', width: 18 },
    { header: '参与人数', width: 10 },
    { header: '宣传物资及数量', width: 40 },
    ...(withMoney ? [{ header: '投入资金（元）', width: 14, style: { numFmt: '#,##0.00' } }] : []),
    { header: '照片（张）', width: 10 },
  ];
  for (const a of items) {
    sheet.addRow([
      PUBLICITY_KIND_NAMES[a.kind],
      neutralise(a.theme),
      a.startsOn,
      a.endsOn,
      neutralise(a.places ?? ''),
      neutralise(a.organiser ?? ''),
      a.participants,
      neutralise(a.materials.map((m) => `${m.kind} ${m.quantity}${m.unit}`).join('、')),
      ...(withMoney ? [a.spent ?? 0] : []),
      a.photos.length,
    ]);
  }
  styleHeaderRow(sheet);
  const sums = wb.addWorksheet('物资合计');
  sums.columns = [
    { header: '物资', width: 14 },
    { header: '数量', width: 10 },
    { header: '单位', width: 8 },
  ];
  const totals = new Map<string, { unit: string; quantity: number }>();
  for (const m of items.flatMap((a) => a.materials)) {
    const t = totals.get(m.kind) ?? { unit: m.unit, quantity: 0 };
    t.quantity += m.quantity;
    totals.set(m.kind, t);
  }
  for (const [kind, t] of totals) sums.addRow([neutralise(kind), t.quantity, t.unit]);
  sums.getRow(1).font = HEADER_FONT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
