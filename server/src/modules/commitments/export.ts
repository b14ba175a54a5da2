// Commitments as an Excel workbook (the filtered history, within data scope); text neutralised against formulas.
import type { CommitmentView } from '../../../../shared/src/commitments';
import { shanghaiMinute } from '../../../../shared/src/validators';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

export async function commitmentWorkbook(items: CommitmentView[], scope: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('安全承诺');
  sheet.columns = [
    { header: '承诺类型', width: 30 },
    { header: '企业名称', width: 30 },
    { header: '承诺期', width: 12 },
    { header: '承诺人', width: 12 },
    { header: '提交时间（北京时间）', width: 18 },
    { header: '是否逾期提交', width: 12 },
    { header: '研判异常项', width: 40 },
    { header: '承诺内容', width: 60 },
    { header: '登记人', width: 12 },
  ];
  for (const c of items) {
    const issues = c.review.filter((r) => !r.ok).map((r) => (r.note ? `${r.item}（${r.note}）` : r.item));
    sheet.addRow([
      neutralise(c.typeName),
      neutralise(c.enterpriseName),
      c.period === 'day' ? c.periodStart : c.periodStart.slice(0, 7),
      neutralise(c.committedBy),
      shanghaiMinute(c.committedAt),
      c.late ? '是' : '否',
      neutralise(issues.join('；') || '无'),
      neutralise(c.commitmentText),
      c.recordedByName ?? '',
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${items.length} 条`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
