// Guidance visits and talks as an Excel workbook (the filtered list, within data scope).
import {
  COUNTERPART_ROLE_NAMES,
  FOLLOW_UP_STATE_NAMES,
  GUIDANCE_KIND_NAMES,
  type GuidanceView,
} from '../../../../shared/src/guidance';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function guidanceWorkbook(items: GuidanceView[], scope: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('指导服务与谈心谈话');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '类型', width: 10 },
    { header: '企业名称', width: 30 },
    { header: '日期', width: 12 },
    { header: '参加人员', width: 20 },
    { header: '谈话/指导对象', width: 14 },
    { header: '身份', width: 12 },
    { header: '主要内容', width: 50 },
    { header: '企业承诺', width: 40 },
    { header: '跟进事项（期限 · 状态）', width: 60 },
  ];
  for (const g of items) {
    sheet.addRow([
      g.serial,
      GUIDANCE_KIND_NAMES[g.kind],
      neutralise(g.enterpriseName),
      g.heldOn,
      neutralise(g.staff),
      neutralise(g.counterpartName),
      COUNTERPART_ROLE_NAMES[g.counterpartRole],
      neutralise(g.topics),
      neutralise(g.commitments ?? ''),
      neutralise(g.followUps.map((f) => `${f.content}（${f.dueOn} · ${FOLLOW_UP_STATE_NAMES[f.state]}）`).join('；')),
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${items.length} 次`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
