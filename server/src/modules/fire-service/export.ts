// The fire-service ledger (服务台账) and the analysis (消防研判) as Excel workbooks, within data scope. Text is
// neutralised against formula injection (platform/excel.ts).
import type ExcelJS from 'exceljs';
import {
  type Analysis,
  FIRE_PROBLEM_NAMES,
  type FireProblem,
  type VisitView,
} from '../../../../shared/src/fire-service';
import { type HazardStatus, STATUS_NAMES } from '../../../../shared/src/hazards';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { loadExcel, neutralise, styleHeaderRow } from '../../platform/excel';
import type { FindingRow } from './repository';

function sheetOf(wb: ExcelJS.Workbook, name: string, columns: [string, number][], data: (string | number)[][]) {
  const sheet = wb.addWorksheet(name);
  sheet.columns = columns.map(([header, width]) => ({ header, width }));
  for (const r of data) sheet.addRow(r.map((v) => (typeof v === 'string' ? neutralise(v) : v)));
  styleHeaderRow(sheet);
  return sheet;
}

const problemName = (p: string) => FIRE_PROBLEM_NAMES[p as FireProblem] ?? p;

export async function ledgerWorkbook(visits: VisitView[], findings: FindingRow[], scope: string): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  sheetOf(
    wb,
    '服务台账',
    [
      ['编号', 14],
      ['检查日期', 12],
      ['企业名称', 30],
      ['片区', 10],
      ['服务合同', 28],
      ['服务机构', 24],
      ['服务人员', 18],
      ['服务内容', 40],
      ['发现问题（条）', 12],
      ['已整改销号（条）', 14],
      ['未销号（条）', 12],
      ['备注', 20],
    ],
    visits.map((v) => [
      v.serial,
      v.visitedOn,
      v.enterpriseName,
      v.area ?? '',
      v.contractTitle,
      v.providerName,
      v.providerStaff.join('、'),
      v.content,
      v.findings,
      v.rectified,
      v.open,
      v.outsidePeriod ? '合同服务期外（已确认）' : '',
    ]),
  );
  const serialOf = new Map(visits.map((v) => [v.id, v]));
  sheetOf(
    wb,
    '发现问题',
    [
      ['检查编号', 14],
      ['检查日期', 12],
      ['企业名称', 30],
      ['隐患编号', 16],
      ['问题类别', 16],
      ['问题描述', 50],
      ['部位', 16],
      ['等级', 8],
      ['状态', 10],
      ['整改期限', 12],
    ],
    findings.map((f) => {
      const v = serialOf.get(f.visit_id);
      return [
        v?.serial ?? '',
        v?.visitedOn ?? '',
        v?.enterpriseName ?? '',
        f.serial,
        problemName(f.problem),
        f.description,
        f.location ?? '',
        f.grade === 'major' ? '重大' : '一般',
        STATUS_NAMES[f.status as HazardStatus] ?? f.status,
        f.deadline ?? '',
      ];
    }),
  );
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['共计', `${visits.length} 次服务检查，${findings.length} 条问题`]);
  notes.addRow(['说明', '发现问题即隐患台账中领域为“消防”的隐患，其整改按隐患闭环跟踪']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The analysis tables as a supervisor pastes them into a report. */
export async function analysisWorkbook(a: Analysis, scope: string, contractTitle: string | null): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ParkSafe 园区安全生产监管平台';
  const t = a.totals;
  sheetOf(
    wb,
    '共性问题',
    [
      ['问题类别', 18],
      ['发现（条）', 12],
      ['涉及企业（家）', 14],
      ['已销号（条）', 12],
      ['未销号（条）', 12],
    ],
    a.problems.map((p) => [problemName(p.problem), p.findings, p.enterprises, p.rectified, p.open]),
  );
  sheetOf(
    wb,
    '薄弱环节（按重点监管标签）',
    [
      ['重点监管标签', 18],
      ['受检企业（家）', 14],
      ['发现（条）', 12],
      ['家均（条）', 10],
      ['未销号（条）', 12],
    ],
    a.byTag.map((r) => [
      SUPERVISION_TAG_LABELS[r.tag]?.zh ?? r.tag,
      r.enterprises,
      r.findings,
      r.perEnterprise,
      r.open,
    ]),
  );
  sheetOf(
    wb,
    '重点监管区域',
    [
      ['片区', 14],
      ['受检企业（家）', 14],
      ['发现（条）', 12],
      ['家均（条）', 10],
      ['未销号（条）', 12],
      ['重点区域', 10],
    ],
    a.byArea.map((r) => [r.area, r.enterprises, r.findings, r.perEnterprise, r.open, r.key ? '是' : '']),
  );
  sheetOf(
    wb,
    '反复出现的问题',
    [
      ['企业名称', 30],
      ['片区', 10],
      ['问题类别', 18],
      ['出现次数（次检查）', 16],
      ['发现（条）', 12],
      ['未销号（条）', 12],
    ],
    a.repeats.map((r) => [r.enterpriseName, r.area ?? '', problemName(r.problem), r.visits, r.findings, r.open]),
  );
  const notes = wb.addWorksheet('说明');
  notes.addRow(['范围', scope]);
  notes.addRow(['服务合同', contractTitle ?? '全部']);
  notes.addRow(['期间', `${a.from} 至 ${a.to}`]);
  notes.addRow([
    '合计',
    `服务检查 ${t.visits} 次，覆盖企业 ${t.enterprises} 家，发现问题 ${t.findings} 条，已销号 ${t.rectified} 条，整改率 ${t.rectificationRate ?? '—'}%`,
  ]);
  notes.addRow(['重点区域', '家均发现问题数高于全部受检企业平均值的片区']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
