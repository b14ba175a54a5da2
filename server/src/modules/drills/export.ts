// The drill register as an Excel workbook (the filtered list, within data scope); text neutralised against formula
// injection (platform/excel.ts).
import {
  DRILL_FORM_NAMES,
  DRILL_LEVEL_NAMES,
  DRILL_SCENARIO_NAMES,
  type DrillView,
} from '../../../../shared/src/drills';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function drillWorkbook(items: DrillView[], scope: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('应急演练');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '演练名称', width: 32 },
    { header: '级别', width: 8 },
    { header: '演练单位（承办企业）', width: 28 },
    { header: '场景', width: 10 },
    { header: '形式', width: 10 },
    { header: '演练日期', width: 12 },
    { header: '地点', width: 20 },
    { header: '组织单位', width: 20 },
    { header: '应急预案', width: 24 },
    { header: '参演企业', width: 30 },
    { header: '其他参演单位', width: 24 },
    { header: '参演人数', width: 10 },
    { header: '观摩人员', width: 24 },
    { header: '观摩人数', width: 10 },
    { header: '发现问题（条）', width: 12 },
    { header: '已转隐患（条）', width: 12 },
    { header: '演练评估', width: 40 },
    { header: '登记人', width: 10 },
  ];
  for (const d of items) {
    sheet.addRow([
      d.serial,
      neutralise(d.title),
      DRILL_LEVEL_NAMES[d.level],
      neutralise(d.enterpriseName),
      DRILL_SCENARIO_NAMES[d.scenario],
      DRILL_FORM_NAMES[d.form],
      d.heldOn,
      neutralise(d.place),
      neutralise(d.organiser),
      neutralise(d.planTitle ?? ''),
      neutralise(d.participantEnterprises.map((p) => p.name).join('、')),
      neutralise(d.participantUnits ?? ''),
      d.headcount,
      neutralise(d.observers ?? ''),
      d.observerCount,
      d.problemCount,
      d.convertedCount,
      neutralise(d.evaluation ?? ''),
      d.recordedByName ?? '',
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${items.length} 次`]);
  notes.addRow(['参演人数合计', items.reduce((s, d) => s + d.headcount, 0)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
