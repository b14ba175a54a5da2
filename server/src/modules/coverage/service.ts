// Coverage (全覆盖, issue 15): which enterprises had the inspections their credit grade × risk level require in a
// period, and their rectification coverage; the Excel export; and one action that creates a campaign targeting exactly
// the uncovered enterprises, through the campaigns service (its checks, its audit record, its transaction).

import type { CreditGrade } from '../../../../shared/src/credit';
import {
  COVERAGE_CAMPAIGN_MAX,
  COVERAGE_STATUS_NAMES,
  type CoverageCampaignBody,
  type CoverageFilters,
  type CoverageQuery,
  type CoverageRow,
  type CoverageStatus,
  type CoverageSummary,
} from '../../../../shared/src/dashboard';
import { ratePercent } from '../../../../shared/src/figures';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { RISK_LEVEL_NAMES, type RiskLevel } from '../../../../shared/src/risk-levels';
import type { Actor, RequestContext } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { unprocessable } from '../../platform/errors';
import { type Period, resolvePeriod } from '../../platform/period';
import { assertCan } from '../../platform/permissions';
import { scopeLabel } from '../../platform/scope';
import * as campaigns from '../campaigns/service';
import * as credit from '../credit/service';
import { tableWorkbook } from '../dashboard/excel';
import * as repo from './repository';

export const COVERAGE_EXPORT_MAX = 100_000;

async function rulesFor(db: Db, actor: Actor, p: Period): Promise<repo.CoverageRules & { version: number }> {
  const rules = await credit.rulesInForce(db, actor.parkId);
  return {
    frequency: rules.frequency,
    baseGrade: await credit.baseGrade(db, actor.parkId),
    days: p.days,
    version: rules.version,
  };
}

const rowView = (r: repo.Row): CoverageRow => ({
  enterpriseId: r.enterprise_id,
  name: r.name,
  area: r.area,
  tags: r.tags ?? [],
  riskLevel: r.risk_level as RiskLevel | null,
  grade: r.grade as CreditGrade,
  requiredPerYear: Number(r.per_year),
  required: Number(r.required),
  inspections: Number(r.inspections),
  lastInspectedOn: r.last_inspected_on,
  status: r.status,
  hazardsFound: Number(r.hazards_found),
  hazardsClosed: Number(r.hazards_closed),
  rectificationRate:
    Number(r.hazards_found) > 0 ? ratePercent(Number(r.hazards_closed), Number(r.hazards_found)) : null,
});

function summaryView(rows: repo.SummaryRow[], version: number): CoverageSummary {
  const by = (s: CoverageStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  const sum = (f: (r: repo.SummaryRow) => number) => rows.reduce((t, r) => t + Number(f(r)), 0);
  const enterprises = sum((r) => r.n);
  const found = sum((r) => r.found);
  const closed = sum((r) => r.closed);
  return {
    enterprises,
    uncovered: by('uncovered'),
    covered: by('covered'),
    over: by('over'),
    neverInspected: sum((r) => r.never),
    coverageRate: ratePercent(by('covered') + by('over'), enterprises),
    hazardsFound: found,
    hazardsClosed: closed,
    rectificationRate: ratePercent(closed, found),
    rulesVersion: version,
  };
}

export async function list(db: Db, actor: Actor, q: CoverageQuery) {
  assertCan(actor, 'coverage.read');
  const p = resolvePeriod(actor, q);
  const rules = await rulesFor(db, actor, p);
  const { items, summary } = await repo.page(db, actor, { ...q, from: p.from, to: p.until }, rules);
  const s = summaryView(summary, rules.version);
  const total = q.status ? s[q.status] : s.enterprises;
  return {
    items: items.map(rowView),
    total,
    page: q.page,
    pageSize: q.pageSize,
    from: p.from,
    to: p.to,
    days: p.days,
    summary: s,
  };
}

/**
 * The period's coverage summary (the dashboard's coverage figure and chart); for a park-wide role without filters also
 * the park's enterprises with a supervisory inspection in the period (the inspections' figure, from the same
 * statement), else null.
 */
export async function summary(db: Db, actor: Actor, f: CoverageFilters) {
  assertCan(actor, 'coverage.read');
  const p = resolvePeriod(actor, f);
  const rules = await rulesFor(db, actor, p);
  const { statuses, inspected } = await repo.summaryOf(db, actor, { ...f, from: p.from, to: p.until }, rules);
  return { ...summaryView(statuses, rules.version), enterprisesInspected: inspected };
}

function describe(f: CoverageFilters, p: Period): string {
  const parts = [`统计期间：${p.from} 至 ${p.to}${p.until < p.to ? `（计至 ${p.until}）` : ''}`];
  if (f.q) parts.push(`关键字：${f.q}`);
  if (f.area) parts.push(`片区：${f.area}`);
  if (f.tag) parts.push(`重点监管标签：${SUPERVISION_TAG_LABELS[f.tag]?.zh ?? f.tag}`);
  if (f.grade) parts.push(`诚信等级：${f.grade}`);
  if (f.riskLevel) parts.push(`风险等级：${f.riskLevel === 'none' ? '未评定' : RISK_LEVEL_NAMES[f.riskLevel]}`);
  if (f.status) parts.push(`覆盖状态：${COVERAGE_STATUS_NAMES[f.status]}`);
  return parts.join('；');
}

export async function exportXlsx(db: Db, ctx: RequestContext, f: CoverageFilters) {
  const actor = ctx.actor!;
  assertCan(actor, 'coverage.read');
  const p = resolvePeriod(actor, f);
  const rules = await rulesFor(db, actor, p);
  const list = (await repo.all(db, actor, { ...f, from: p.from, to: p.until }, rules, COVERAGE_EXPORT_MAX + 1)).map(
    rowView,
  );
  if (list.length > COVERAGE_EXPORT_MAX) {
    const msg = `符合条件的企业超过 ${COVERAGE_EXPORT_MAX} 家，请按片区或标签缩小范围`;
    throw unprocessable('EXPORT_TOO_LARGE', msg, { area: msg });
  }
  const buffer = await tableWorkbook(
    '检查覆盖',
    [
      { header: '企业', width: 32 },
      { header: '片区', width: 12 },
      { header: '风险等级', width: 10 },
      { header: '诚信等级', width: 10 },
      { header: '年度应检次数', width: 12 },
      { header: '本期应检次数', width: 12 },
      { header: '本期检查次数', width: 12 },
      { header: '最近检查日期', width: 14 },
      { header: '覆盖状态', width: 10 },
      { header: '发现隐患（处）', width: 12 },
      { header: '已销号（处）', width: 12 },
      { header: '整改率', width: 10 },
    ],
    list.map((r) => [
      r.name,
      r.area ?? '',
      r.riskLevel ? RISK_LEVEL_NAMES[r.riskLevel] : '未评定',
      r.grade,
      r.requiredPerYear,
      r.required,
      r.inspections,
      r.lastInspectedOn ?? '',
      COVERAGE_STATUS_NAMES[r.status],
      r.hazardsFound,
      r.hazardsClosed,
      r.rectificationRate === null ? '—' : `${r.rectificationRate.toFixed(1)}%`,
    ]),
    [
      ['数据范围', scopeLabel(actor)],
      ['筛选条件', describe(f, p)],
      ['企业数', String(list.length)],
      [
        '口径',
        `应检次数 = 诚信规则（第 ${rules.version} 版${rules.version === 0 ? '，系统默认' : ''}）频次表中该企业诚信等级×风险等级的年度次数 × 期间天数（${p.days} 天）÷ 365，四舍五入；检查次数按检查日期计，不含企业自查；隐患按发现日期计`,
      ],
    ],
  );
  return { buffer, filename: `检查覆盖_${p.from}_${p.to}.xlsx` };
}

/**
 * A campaign targeting exactly the enterprises the filters leave uncovered (the status filter is forced to
 * 未覆盖), created by the campaigns service in its own transaction with its audit record.
 */
export async function createCampaignForUncovered(db: Db, ctx: RequestContext, body: CoverageCampaignBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'coverage.read');
  const f = { ...body.coverage, status: 'uncovered' as const };
  const p = resolvePeriod(actor, f);
  const rules = await rulesFor(db, actor, p);
  const uncovered = await repo.all(db, actor, { ...f, from: p.from, to: p.until }, rules, COVERAGE_CAMPAIGN_MAX + 1);
  if (uncovered.length === 0) {
    throw unprocessable('COVERAGE_NONE_UNCOVERED', '所选范围内没有未覆盖的企业，无需创建检查行动', {
      coverage: '没有未覆盖的企业',
    });
  }
  if (uncovered.length > COVERAGE_CAMPAIGN_MAX) {
    const msg = `未覆盖企业超过 ${COVERAGE_CAMPAIGN_MAX} 家，一次检查行动容纳不下，请按片区或标签缩小范围`;
    throw unprocessable('COVERAGE_TOO_MANY', msg, { coverage: msg });
  }
  const description =
    body.description ??
    `针对 ${describe(f, p)} 的未覆盖企业（共 ${uncovered.length} 家）开展补充检查，由检查覆盖页面生成。`;
  return campaigns.create(db, ctx, {
    name: body.name,
    campaignTypes: body.campaignTypes,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    domains: body.domains,
    description,
    jointDepartmentIds: [],
    inspectorIds: [],
    checklistTemplateIds: [],
    target: { tags: [], areas: [], enterpriseIds: uncovered.map((r) => r.enterprise_id) },
  });
}
