// Resumption applications of a season as an Excel workbook (within data scope), with the season's counts.

import { ENTERPRISE_STATUS_LABELS } from '../../../../shared/src/labels';
import { RESUMPTION_STATE_NAMES, type ResumptionView } from '../../../../shared/src/resumption';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';
import { exportPersonalDataNote } from '../../platform/personal-data';

const shanghai = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';

/** `items` carry the contact phone as the export shows it (service.forExport): in full when `clearPhones`, else masked. */
export async function resumptionWorkbook(
  items: ResumptionView[],
  scope: string,
  clearPhones: boolean,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('复工复产确认');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '批次', width: 18 },
    { header: '企业名称', width: 30 },
    { header: '申请时状态', width: 10 },
    { header: '办理状态', width: 12 },
    { header: '计划复工日期', width: 12 },
    { header: '复工人数', width: 10 },
    { header: '联系人', width: 10 },
    { header: '联系电话', width: 14 },
    { header: '检查清单完成情况', width: 50 },
    { header: '退回次数', width: 8 },
    { header: '现场核查日期', width: 12 },
    { header: '办理人', width: 10 },
    { header: '办理意见', width: 40 },
    { header: '申请时间（北京时间）', width: 18 },
  ];
  for (const a of items) {
    sheet.addRow([
      a.serial,
      neutralise(a.seasonName),
      neutralise(a.enterpriseName),
      ENTERPRISE_STATUS_LABELS[a.priorStatus]?.zh ?? a.priorStatus,
      RESUMPTION_STATE_NAMES[a.state],
      a.plannedOn,
      a.workforce,
      neutralise(a.contactName),
      neutralise(a.contactPhone ?? ''),
      neutralise(a.checklist.map((c) => `${c.done ? '✔' : '✘'}${c.label}`).join('；')),
      a.returns,
      a.checkedOn ?? '',
      a.decidedByName ?? '',
      neutralise(a.lastOpinion ?? ''),
      shanghai(a.appliedAt),
    ]);
  }
  styleHeaderRow(sheet);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${items.length} 家`]);
  notes.addRow(['个人信息', exportPersonalDataNote(clearPhones)]);
  for (const s of ['confirmed', 'submitted', 'returned'] as const) {
    notes.addRow([RESUMPTION_STATE_NAMES[s], items.filter((a) => a.state === s).length]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
