// Each dashboard table as Excel (one sheet and the notes: period, scope, 口径), computed by the same view as the screen.
import {
  DASHBOARD_FIGURES,
  DASHBOARD_TABLE_NAMES,
  type DashboardTable,
  type DashboardView,
  type PeriodQuery,
} from '../../../../shared/src/dashboard';
import { formatPercent } from '../../../../shared/src/figures';
import { STATUS_NAMES } from '../../../../shared/src/hazards';
import type { RequestContext } from '../../platform/actor';
import type { XlsxCell } from '../../platform/excel';
import { scopeLabel } from '../../platform/scope';
import { tableWorkbook } from './excel';
import { view } from './service';

type Table = { columns: { header: string; width: number }[]; rows: XlsxCell[][]; definition: string };

const points = (name: string, list: DashboardView['byDomain'], definition: string): Table => ({
  columns: [
    { header: name, width: 24 },
    { header: '数量', width: 12 },
  ],
  rows: list.map((p) => [p.label, p.value]),
  definition,
});

function table(v: DashboardView, t: DashboardTable): Table {
  const d = v.definitions;
  switch (t) {
    case 'figures':
      return {
        columns: [
          { header: '指标', width: 20 },
          { header: '数值', width: 12 },
          { header: '单位', width: 8 },
          { header: '口径', width: 80 },
        ],
        rows: v.figures.map((f) => [
          f.label,
          !f.connected ? '未接入' : f.value === null ? '—' : f.unit === '%' ? formatPercent(f.value) : f.value,
          f.unit === '%' ? '' : f.unit,
          DASHBOARD_FIGURES[f.key].definition,
        ]),
        definition: '各指标口径见“口径”列',
      };
    case 'trend':
      return {
        columns: [
          { header: '月份', width: 10 },
          { header: '检查（家次）', width: 12 },
          { header: '排查隐患（处）', width: 14 },
          { header: '其中已销号（处）', width: 16 },
        ],
        rows: v.trend.map((m) => [m.month, m.inspections, m.hazardsFound, m.hazardsRectified]),
        definition: d.trend ?? '',
      };
    case 'majors':
      return {
        columns: [
          { header: '隐患编号', width: 22 },
          { header: '企业', width: 30 },
          { header: '隐患描述', width: 50 },
          { header: '状态', width: 10 },
          { header: '整改期限', width: 12 },
          { header: '整改逾期', width: 10 },
        ],
        rows: v.majors.map((m) => [
          m.serial,
          m.enterpriseName,
          m.description,
          STATUS_NAMES[m.status as keyof typeof STATUS_NAMES] ?? m.status,
          m.deadline ?? '',
          m.overdue ? '是' : '否',
        ]),
        definition: d.majors ?? '',
      };
    case 'byDomain':
      return points('领域', v.byDomain, d.byDomain ?? '');
    case 'byArea':
      return points('片区', v.byArea, d.byArea ?? '');
    case 'byTag':
      return points('重点监管标签', v.byTag, d.byTag ?? '');
    case 'byStatus':
      return points('状态', v.byStatus, d.byStatus ?? '');
    case 'riskLevels':
      return points('风险等级', v.riskLevels, d.riskLevels ?? '');
    case 'creditGrades':
      return points('诚信等级', v.creditGrades, d.creditGrades ?? '');
    case 'coverage':
      return points('覆盖状态', v.coverage, d.coverage ?? '');
  }
}

export async function exportTable(
  db: Parameters<typeof view>[0],
  ctx: RequestContext,
  q: PeriodQuery & { table?: DashboardTable },
) {
  const actor = ctx.actor!;
  const v = await view(db, actor, q);
  const t = q.table ?? 'figures';
  const x = table(v, t);
  const name = DASHBOARD_TABLE_NAMES[t];
  const buffer = await tableWorkbook(name, x.columns, x.rows, [
    ['统计期间', `${v.from} 至 ${v.to}${v.until < v.to ? `（计至 ${v.until}）` : ''}`],
    ['数据范围', scopeLabel(actor)],
    ['口径', x.definition],
  ]);
  return { buffer, filename: `领导驾驶舱_${name}_${v.from}_${v.to}.xlsx` };
}
