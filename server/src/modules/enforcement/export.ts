// Excel exports of the enforcement registers (行政处罚案件, 联合执法行动): the filtered, scoped list as one workbook
// with the export's notes sheet, built with the streaming writer every export uses and answered as the download.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import {
  ENFORCEMENT_EXPORT_MAX,
  type JointActionExportQuery,
  PENALTY_MEASURE_LABELS,
  PENALTY_STATUS_LABELS,
  type PenaltyCaseExportQuery,
} from '../../../../shared/src/enforcement';
import { ROLE_LABELS } from '../../../../shared/src/labels';
import { shanghaiMinute, shanghaiToday } from '../../../../shared/src/validators';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { unprocessable } from '../../platform/errors';
import { addExportNotes, safeCell, writeXlsxFile, type XlsxCell } from '../../platform/excel';
import { scopeLabel } from '../../platform/scope';
import * as service from './service';

type PenaltyExport = z.infer<typeof PenaltyCaseExportQuery>;
type JointExport = z.infer<typeof JointActionExportQuery>;

const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function tooMany(total: number): never {
  const msg = `符合条件的记录有 ${total} 条，超过单次导出上限 ${ENFORCEMENT_EXPORT_MAX} 条，请缩小筛选范围`;
  throw unprocessable('EXPORT_TOO_LARGE', msg, { filedFrom: msg });
}

/** Writes the sheet and the notes into a temporary file and hands back its bytes (the registers are small). */
async function workbook(
  sheet: string,
  columns: { header: string; width: number }[],
  rows: XlsxCell[][],
  notes: [string, string][],
): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parksafe-export-'));
  const file = path.join(dir, 'export.xlsx');
  try {
    await writeXlsxFile(file, async (xlsx) => {
      await xlsx.addSheet(
        sheet,
        columns.map((c) => c.width),
      );
      await xlsx.addRow(
        columns.map((c) => c.header),
        'header',
      );
      await xlsx.addRows(rows);
      await addExportNotes(xlsx, notes);
    });
    return fs.readFileSync(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function notes(ctx: RequestContext, filters: string, count: number): [string, string][] {
  const actor = ctx.actor!;
  return [
    ['导出时间', `${shanghaiMinute(now())}（北京时间）`],
    ['导出人', `${actor.displayName}（${actor.username}，${ROLE_LABELS[actor.role]?.zh ?? actor.role}）`],
    ['数据范围', scopeLabel(actor)],
    ['筛选条件', filters || '无'],
    ['记录数', String(count)],
  ];
}

const PENALTY_COLUMNS = [
  { header: '案号', width: 26 },
  { header: '企业', width: 30 },
  { header: '关联隐患', width: 22 },
  { header: '处罚依据', width: 40 },
  { header: '处罚种类', width: 22 },
  { header: '罚款金额（元）', width: 14 },
  { header: '立案日期', width: 12 },
  { header: '决定日期', width: 12 },
  { header: '执行日期', width: 12 },
  { header: '结案日期', width: 12 },
  { header: '案件状态', width: 12 },
  { header: '备注', width: 30 },
];

function describePenaltyFilters(q: PenaltyExport): string {
  const parts: string[] = [];
  if (q.q) parts.push(`关键字：${q.q}`);
  if (q.status) parts.push(`案件状态：${PENALTY_STATUS_LABELS[q.status].zh}`);
  if (q.measure) parts.push(`处罚种类：${PENALTY_MEASURE_LABELS[q.measure].zh}`);
  if (q.filedFrom || q.filedTo) parts.push(`立案日期：${q.filedFrom ?? '…'} 至 ${q.filedTo ?? '…'}`);
  if (q.enterpriseId) parts.push('指定企业');
  if (q.hazardId) parts.push('指定隐患');
  return parts.join('；');
}

export async function exportPenaltyCases(db: Db, ctx: RequestContext, q: PenaltyExport) {
  const actor = ctx.actor!;
  const list = await service.listPenaltyCases(db, actor, { ...q, page: 1, pageSize: ENFORCEMENT_EXPORT_MAX });
  if (list.total > ENFORCEMENT_EXPORT_MAX) tooMany(list.total);
  const rows: XlsxCell[][] = list.items.map((c) => [
    safeCell(c.caseNo),
    safeCell(c.enterpriseName),
    safeCell(c.hazards.map((h) => h.serial).join('、')),
    safeCell(c.legalBasis),
    c.measures.map((m) => PENALTY_MEASURE_LABELS[m].zh).join('、'),
    c.fineAmount,
    day(c.filedOn),
    day(c.decidedOn),
    day(c.executedOn),
    day(c.closedOn),
    PENALTY_STATUS_LABELS[c.status].zh,
    safeCell(c.note),
  ]);
  const filters = describePenaltyFilters(q);
  const sheetNotes = notes(ctx, filters, rows.length);
  sheetNotes.push(['罚款合计（元）', list.fineTotal.toFixed(2)]);
  const buffer = await workbook('行政处罚案件', PENALTY_COLUMNS, rows, sheetNotes);
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'export.penaltyCases',
      entityType: 'penaltyCase',
      after: { filters: q, rows: rows.length },
    }),
  );
  return { buffer, filename: `行政处罚案件_${shanghaiToday(now())}.xlsx` };
}

const JOINT_COLUMNS = [
  { header: '行动日期', width: 12 },
  { header: '行动名称', width: 36 },
  { header: '牵头单位', width: 20 },
  { header: '参与单位', width: 36 },
  { header: '检查对象', width: 36 },
  { header: '成果事项', width: 40 },
  { header: '行动成果', width: 40 },
];

function describeJointFilters(q: JointExport): string {
  const parts: string[] = [];
  if (q.q) parts.push(`关键字：${q.q}`);
  if (q.from || q.to) parts.push(`行动日期：${q.from ?? '…'} 至 ${q.to ?? '…'}`);
  if (q.organisationId) parts.push('指定单位');
  if (q.enterpriseId) parts.push('指定企业');
  return parts.join('；');
}

export async function exportJointActions(db: Db, ctx: RequestContext, q: JointExport) {
  const actor = ctx.actor!;
  const list = await service.listJointActions(db, actor, { ...q, page: 1, pageSize: ENFORCEMENT_EXPORT_MAX });
  if (list.total > ENFORCEMENT_EXPORT_MAX) tooMany(list.total);
  const rows: XlsxCell[][] = list.items.map((a) => [
    day(a.actionDate),
    safeCell(a.title),
    safeCell(a.leadOrganisation.name),
    safeCell(a.participants.map((p) => p.name).join('、')),
    safeCell(a.targetEnterprises.map((e) => e.name).join('、')),
    safeCell(a.resultSummary.join('；')),
    safeCell(a.results),
  ]);
  const sheetNotes = notes(ctx, describeJointFilters(q), rows.length);
  for (const t of list.totals) sheetNotes.push([`合计：${t.item}`, `${t.count}${t.unit}`]);
  const buffer = await workbook('联合执法行动', JOINT_COLUMNS, rows, sheetNotes);
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'export.jointActions',
      entityType: 'jointAction',
      after: { filters: q, rows: rows.length },
    }),
  );
  return { buffer, filename: `联合执法行动_${shanghaiToday(now())}.xlsx` };
}
