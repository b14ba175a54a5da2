// The work plan as an Excel workbook: the filtered items with their derived state and linked records.
import {
  PLAN_KIND_NAMES,
  PLAN_LINK_KIND_NAMES,
  PLAN_STATE_NAMES,
  type PlanItemView,
} from '../../../../shared/src/plans';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function planWorkbook(items: PlanItemView[], period: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('工作计划');
  sheet.columns = [
    { header: '年度', width: 8 },
    { header: '季度', width: 8 },
    { header: '类别', width: 10 },
    { header: '计划事项', width: 40 },
    { header: '工作内容', width: 50 },
    { header: '责任单位', width: 20 },
    { header: '完成时限', width: 12 },
    { header: '状态', width: 8 },
    { header: '进度（%）', width: 10 },
    { header: '落实记录', width: 50 },
  ];
  for (const i of items) {
    sheet.addRow([
      i.year,
      i.quarter ? `第${i.quarter}季度` : '全年',
      PLAN_KIND_NAMES[i.kind],
      neutralise(i.title),
      neutralise(i.content ?? ''),
      neutralise(i.ownerUnit),
      i.dueOn,
      PLAN_STATE_NAMES[i.state],
      i.progress,
      neutralise(i.links.map((l) => `${PLAN_LINK_KIND_NAMES[l.recordKind]}：${l.title ?? '（已不可见）'}`).join('；')),
    ]);
  }
  styleHeaderRow(sheet);
  sheet.addRow([]);
  sheet.addRow(['筛选', period]);
  sheet.addRow(['口径', '状态由关联记录推算（未开始/进行中/已完成/逾期），不手工填写']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
