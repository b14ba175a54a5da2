// The accident register as an Excel workbook (the filtered list, within data scope). Text is neutralised against
// formula injection (platform/excel.ts).
import { ACCIDENT_LEVEL_NAMES, ACCIDENT_TYPE_NAMES, type AccidentView } from '../../../../shared/src/accidents';
import { shanghaiMinute } from '../../../../shared/src/validators';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function accidentWorkbook(items: AccidentView[], scope: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('生产安全事故');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '企业名称', width: 30 },
    { header: '发生时间（北京时间）', width: 18 },
    { header: '地点', width: 24 },
    { header: '事故类别（GB 6441）', width: 14 },
    { header: '死亡（人）', width: 10 },
    { header: '重伤（人）', width: 10 },
    { header: '轻伤（人）', width: 10 },
    { header: '直接经济损失（万元）', width: 16 },
    { header: '事故等级', width: 12 },
    { header: '简要经过', width: 60 },
    { header: '登记人', width: 12 },
    { header: '登记时间（北京时间）', width: 18 },
  ];
  for (const a of items) {
    sheet.addRow([
      a.serial,
      neutralise(a.enterpriseName),
      shanghaiMinute(a.occurredAt),
      neutralise(a.place),
      ACCIDENT_TYPE_NAMES[a.accidentType],
      a.deaths,
      a.seriousInjuries,
      a.minorInjuries,
      a.directLoss,
      ACCIDENT_LEVEL_NAMES[a.level],
      neutralise(a.summary),
      a.recordedByName ?? '',
      shanghaiMinute(a.recordedAt),
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${items.length} 起`]);
  notes.addRow(['事故等级', '按死亡、重伤人数和直接经济损失，取三项中达到的最高等级（标准待核对）']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
