// Meetings and their decisions' tasks as Excel workbooks (the filtered lists, within scope).
import {
  MEETING_KIND_NAMES,
  type MeetingView,
  TASK_STATE_NAMES,
  type TaskView,
} from '../../../../shared/src/activities';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';

type Workbook = InstanceType<Awaited<ReturnType<typeof loadExcel>>['Workbook']>;

function taskSheet(wb: Workbook, tasks: TaskView[]) {
  const sheet = wb.addWorksheet('决定事项任务');
  sheet.columns = [
    { header: '会议日期', width: 12 },
    { header: '会议', width: 30 },
    { header: '决定事项', width: 48 },
    { header: '责任单位', width: 24 },
    { header: '完成期限', width: 12 },
    { header: '状态', width: 10 },
    { header: '是否逾期', width: 10 },
    { header: '完成日期', width: 12 },
    { header: '最近进展', width: 40 },
  ];
  for (const t of tasks) {
    const last = t.notes.at(-1);
    sheet.addRow([
      t.meetingHeldOn,
      neutralise(`${MEETING_KIND_NAMES[t.meetingKind]}：${t.meetingTopic}`),
      neutralise(t.decision),
      neutralise(t.ownerName),
      t.dueOn,
      TASK_STATE_NAMES[t.state],
      t.overdue ? '已逾期' : '',
      t.doneOn ?? '',
      last ? neutralise(`${last.notedOn} ${last.note}`) : '',
    ]);
  }
  style(sheet);
}

function style(sheet: ReturnType<Workbook['addWorksheet']>) {
  styleHeaderRow(sheet);
}

export async function meetingWorkbook(items: MeetingView[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('会议与学习');
  sheet.columns = [
    { header: '会议日期', width: 12 },
    { header: '类型', width: 14 },
    { header: '主题', width: 36 },
    { header: '地点', width: 18 },
    { header: '主持人', width: 10 },
    { header: '参会单位', width: 40 },
    { header: '参会人员', width: 30 },
    { header: '决定事项（项）', width: 12 },
    { header: '已完成', width: 8 },
    { header: '逾期', width: 8 },
  ];
  for (const m of items) {
    sheet.addRow([
      m.heldOn,
      MEETING_KIND_NAMES[m.kind],
      neutralise(m.topic),
      neutralise(m.place ?? ''),
      neutralise(m.host ?? ''),
      neutralise(m.attendeeOrganisations.map((o) => o.name).join('、')),
      neutralise(m.attendeeNames.join('、')),
      m.taskCounts.total,
      m.taskCounts.done,
      m.taskCounts.overdue,
    ]);
  }
  style(sheet);
  taskSheet(
    wb,
    items.flatMap((m) => m.tasks),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function taskWorkbook(tasks: TaskView[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  taskSheet(wb, tasks);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
