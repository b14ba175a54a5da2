// Excel in and out for training: an attendee sheet read into the same drafts a pasted list gives (one parser:
// shared/src/training.ts parseAttendeeLine), and the session register with its attendees as a workbook.
import {
  ATTENDEE_ROLE_NAMES,
  type AttendeeDraft,
  ORGANISER_KIND_NAMES,
  parseAttendeeLine,
  type SessionSummary,
  TRAINING_KIND_NAMES,
} from '../../../../shared/src/training';
import { cellText, loadExcel, neutralise, readWorkbook, styleHeaderRow } from '../../platform/excel';
import { exportPersonalDataNote, exportPhone } from '../../platform/personal-data';
import type { AttendeeRow } from './repository';

/** The header cells a sign-in sheet may start with (skipped, not read as a person). */
const HEADER = /^(序号|姓名|名字|参训人员?)$/;

/**
 * The first sheet's rows as drafts: each row's cells joined as one line of a pasted list (姓名 企业 岗位 电话 成绩),
 * a leading 序号 column and the header row left out. Numbered by Excel row.
 */
export async function draftsFromWorkbook(buf: Buffer): Promise<AttendeeDraft[]> {
  const wb = await readWorkbook(buf, 20 * 1024 * 1024);
  const ws = wb.worksheets[0]!;
  const out: AttendeeDraft[] = [];
  ws.eachRow((row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => {
      const t = cellText(c.value);
      cells.push(t ? t.replace(/\s+/g, '') : '');
    });
    if (cells.some((c) => HEADER.test(c))) return;
    // A 序号 column: a small integer before the name.
    if (/^\d{1,4}$/.test(cells[0] ?? '') && cells.length > 1) cells.shift();
    const d = parseAttendeeLine(cells.filter(Boolean).join('\t'), n);
    if (d) out.push(d);
  });
  return out.slice(0, 2000);
}

export async function sessionWorkbook(
  sessions: SessionSummary[],
  people: AttendeeRow[],
  scope: string,
  /** Phones in full (admin, supervisor) or masked (every other role): platform/personal-data exportsClearPhones. */
  clearPhones: boolean,
): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const sheet = wb.addWorksheet('培训记录');
  sheet.columns = [
    { header: '编号', width: 14 },
    { header: '培训日期', width: 12 },
    { header: '类别', width: 18 },
    { header: '培训主题', width: 36 },
    { header: '组织方', width: 14 },
    { header: '企业', width: 30 },
    { header: '培训机构', width: 30 },
    { header: '资质过期', width: 10 },
    { header: '授课人', width: 14 },
    { header: '地点', width: 20 },
    { header: '学时', width: 8 },
    { header: '参训人次', width: 10 },
    { header: '合格', width: 8 },
    { header: '不合格', width: 8 },
    { header: '登记人', width: 12 },
    { header: '登记时间（北京时间）', width: 18 },
  ];
  const shanghai = (iso: string) =>
    new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const serials = new Map<string, SessionSummary>();
  for (const s of sessions) {
    serials.set(s.id, s);
    sheet.addRow([
      s.serial,
      s.occurredOn,
      TRAINING_KIND_NAMES[s.kind],
      neutralise(s.title),
      ORGANISER_KIND_NAMES[s.organiserKind],
      neutralise(s.enterpriseName ?? ''),
      neutralise(s.providerName ?? ''),
      s.providerExpired ? '是' : '',
      neutralise(s.trainer ?? ''),
      neutralise(s.place ?? ''),
      s.hours,
      s.attendeeCount,
      s.passedCount,
      s.failedCount,
      s.recordedByName ?? '',
      shanghai(s.recordedAt),
    ]);
  }
  const list = wb.addWorksheet('参训人员');
  list.columns = [
    { header: '培训编号', width: 14 },
    { header: '培训日期', width: 12 },
    { header: '姓名', width: 10 },
    { header: '所在企业', width: 30 },
    { header: '岗位', width: 14 },
    { header: '人员类别', width: 14 },
    { header: '电话', width: 14 },
    { header: '成绩', width: 8 },
    { header: '是否合格', width: 10 },
  ];
  for (const a of people) {
    const s = serials.get(a.session_id);
    list.addRow([
      s?.serial ?? '',
      s?.occurredOn ?? '',
      neutralise(a.name),
      neutralise(a.enterprise_name ?? ''),
      neutralise(a.post ?? ''),
      ATTENDEE_ROLE_NAMES[a.role as keyof typeof ATTENDEE_ROLE_NAMES] ?? a.role,
      exportPhone(a.phone, clearPhones),
      a.score === null ? '' : Number(a.score),
      a.passed === null ? '' : a.passed ? '合格' : '不合格',
    ]);
  }
  for (const ws of [sheet, list]) {
    styleHeaderRow(ws);
  }
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${sessions.length} 次培训，${people.length} 人次`]);
  notes.addRow(['日期', '培训日期为培训举办之日；登记时间为录入系统之时']);
  notes.addRow(['个人信息', exportPersonalDataNote(clearPhones)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
