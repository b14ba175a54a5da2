// UI strings of the leaders' dashboard and the coverage page, one dictionary per language. The server sends figure
// labels, units, definitions (口径) and chart point labels in Chinese; in English they are read here by their keys
// (figure key, chart key, point key), falling back to the server's text for a key not known here.
import type { ChartPoint, DashboardFigure } from '../../../../shared/src/dashboard';
import {
  COVERAGE_STATUS_LABELS,
  type Dict,
  RISK_LEVEL_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { RISK_LEVEL_NAMES, type RiskLevel } from '../../../../shared/src/risk-levels';
import { useI18n } from '../../app/i18n';
import { HAZARD_DOMAIN_LABELS, HAZARD_STATUS_LABELS } from '../hazards/labels';

const zh = {
  title: '领导驾驶舱',
  periodNote: (from: string, to: string, until: string | null) =>
    `统计期间 ${from} 至 ${to}${until ? `（期间未结束，计至 ${until}）` : ''}；点击任一数字或图形查看其统计的记录，悬停“?”查看口径。`,
  figures: '主要指标',
  figuresDefinition: '各指标的口径见各自的“?”',
  figuresFile: '主要指标.xlsx',
  export: '导出',
  exportExcel: '导出 Excel',
  slots: '待接入：',
  notConnected: '未接入',
  slotTag: (label: string) => `${label} 未接入`,
  definition: (d: string) => `口径：${d}`,
  definitionOf: (title: string) => `${title}口径`,
  figureAria: (label: string, value: string, unit: string) => `${label} ${value}${unit}，查看明细`,
  month: (m: number) => `${m}月`,
  trend: '月度趋势',
  trendFile: '月度趋势',
  seriesInspections: '检查（家次）',
  seriesFound: '排查隐患（处）',
  seriesClosed: '已销号（处）',
  status: '隐患整改状态',
  statusFile: '隐患按状态',
  domain: '隐患按领域',
  domainFile: '隐患按领域',
  area: '隐患按片区',
  areaFile: '隐患按片区',
  tag: '隐患按重点监管标签',
  tagFile: '隐患按标签',
  risk: '企业风险等级分布',
  riskFile: '风险等级分布',
  credit: '企业诚信等级',
  creditFile: '诚信等级分布',
  coverage: '检查覆盖',
  coverageFile: '检查覆盖',
  majors: '重大事故隐患',
  majorsFile: '重大事故隐患.xlsx',
  majorsExport: '重大事故隐患 导出 Excel',
  majorsEmpty: '本期未发现重大事故隐患',
  serial: '编号',
  enterprise: '企业',
  state: '状态',
  overdue: '逾期',
  deadline: '整改期限',
  hazardsUnit: '处',
  enterprisesUnit: '家',
  pieTooltip: (unit: string) => `{b}：{c} ${unit}（{d}%）`,
  // Chart cards
  png: '下载图片（PNG）',
  excel: '导出数据（Excel）',
  pngAria: (title: string) => `${title} 下载图片`,
  excelAria: (title: string) => `${title} 导出 Excel`,
  noRecords: '本期无记录',
  // Four-colour map thumbnail
  map: '安全风险四色图',
  mapDefinition: '园区平面图上已放置的企业，按目前的风险等级着色（红 重大、橙 较大、黄 一般、蓝 低，灰 未评定）',
  mapOpen: '查看四色图',
  mapLevel: (level: RiskLevel | null) => (level ? `${RISK_LEVEL_NAMES[level]}风险` : '未评定'),
  mapLabels: { zoomIn: '放大', zoomOut: '缩小', fit: '适应窗口', mapName: '园区四色图', moveHint: '' },
  loading: '加载中…',
  noPlan: '尚未上传园区平面图',
  // Coverage
  coverageTitle: '检查覆盖',
  coverageFileName: '检查覆盖.xlsx',
  coverageDefinition:
    '应检次数 = 诚信规则频次表中该企业“诚信等级 × 风险等级”的年度检查次数 × 期间已过天数 ÷ 365（四舍五入）；检查次数按检查日期计，不含企业自查；少于应检为未覆盖，多于应检为超频次。隐患按发现日期计。',
  colArea: '片区',
  riskLevel: '风险等级',
  riskName: (level: RiskLevel | null) => (level ? RISK_LEVEL_NAMES[level] : '未评定'),
  notAssessed: '未评定',
  grade: '诚信等级',
  gradeName: (g: string) => `${g} 级`,
  required: '应检次数',
  requiredText: (n: number, perYear: number) => `${n}（年 ${perYear}）`,
  inspections: '检查次数',
  lastInspected: '最近检查',
  notInspected: '本期未检查',
  coverageStatus: '覆盖状态',
  hazards: '隐患（销号/发现）',
  paren: (s: string) => `（${s}）`,
  planCampaign: '为未覆盖企业创建检查行动',
  search: '企业名称或信用代码',
  tagFilter: '重点监管标签',
  summary: '覆盖情况',
  sumEnterprises: '企业',
  sumUncovered: '未覆盖',
  sumCovered: '已覆盖',
  sumOver: '超频次',
  sumNever: '本期未检查',
  sumRate: '覆盖率',
  sumHazards: '隐患整改（销号/发现）',
  sumHazardsSuffix: (rate: string) => `处 · ${rate}`,
  rules: (version: number) =>
    `频次表：诚信规则第 ${version} 版${version === 0 ? '（系统默认）' : ''}，可在“诚信规则”中由管理员修改（留痕）。`,
  card: (required: number, done: number, closed: number, found: number, risk: string, grade: string) =>
    `应检 ${required} · 已检 ${done} · 隐患 ${closed}/${found} · ${risk} · ${grade} 级`,
  emptyList: '没有符合条件的企业',
  campaignCreated: (n: number) => `已创建检查行动，检查对象为 ${n} 家未覆盖企业`,
  create: '创建',
  campaignIntro: (n: number) =>
    `检查对象为当前筛选条件下的全部未覆盖企业（共 ${n} 家），创建后可在“检查行动”中调整检查组与检查表。`,
  campaignName: (from: string, to: string) => `${from} 至 ${to} 未覆盖企业补充检查`,
  nameLabel: '行动名称',
  nameRule: '行动名称 4–100 个字',
  typesLabel: '行动类型',
  typesRule: '请选择行动类型',
  rangeLabel: '行动期间',
  rangeRule: '请选择行动期间',
  description: '说明',
};

export type DashboardText = typeof zh;

const FIGURES_EN: Record<string, { label: string; unit: string; definition: string }> = {
  inspections: {
    label: 'Enterprises inspected (visits)',
    unit: 'visits',
    definition:
      'Inspections of enterprises in the period (by inspection date) by the committee, member units and third parties, self-inspections excluded; an enterprise inspected twice counts 2',
  },
  inspectorVisits: {
    label: 'Inspectors deployed',
    unit: 'person-times',
    definition:
      'Sum of the inspectors recorded on the period’s inspections (self-inspections excluded); staff and external experts count one each',
  },
  enterprisesInspected: {
    label: 'Enterprises inspected',
    unit: 'enterprises',
    definition: 'Enterprises inspected at least once in the period (self-inspections excluded), each counted once',
  },
  hazardsFound: {
    label: 'Hazards found',
    unit: 'hazards',
    definition:
      'Hazards found in the period (self-inspections included); the same as the hazard ledger’s total filtered by date found',
  },
  hazardsRectified: {
    label: 'Rectified (closed)',
    unit: 'hazards',
    definition: 'Hazards found in the period that are now re-checked and closed',
  },
  rectificationRate: {
    label: 'Rectification rate',
    unit: '%',
    definition: 'Rectified (closed) ÷ hazards found, one decimal; not computed when no hazards were found',
  },
  hazardsOverdue: {
    label: 'Overdue rectification',
    unit: 'hazards',
    definition:
      'Hazards found in the period, not yet submitted for re-check and past their deadline today (the ledger’s “overdue” filter)',
  },
  hazardsMajor: {
    label: 'Major hazards',
    unit: 'hazards',
    definition: 'Hazards found in the period that are judged major (no longer counted once downgraded)',
  },
  penalties: {
    label: 'Penalty cases opened',
    unit: 'cases',
    definition: 'Administrative penalty cases opened in the period',
  },
  coverageRate: {
    label: 'Inspection coverage',
    unit: '%',
    definition:
      'Share of registered enterprises whose inspections in the period reach the required number; required = the yearly frequency of the grade × risk-level table, pro rata to the period (rounded)',
  },
  signingRate: {
    label: 'Responsibility letters signed',
    unit: '%',
    definition: 'Share of the safety responsibility letters issued for the period’s final year that are signed',
  },
  trainings: {
    label: 'Training sessions',
    unit: 'sessions',
    definition: 'Training records held in the period (within data scope; the same as the training records by date)',
  },
  trainingAttendees: {
    label: 'Training attendees',
    unit: 'person-times',
    definition: 'Sum of the attendees of the period’s training sessions (one person at two sessions counts 2)',
  },
  publicity: {
    label: 'Publicity events',
    unit: 'events',
    definition:
      'Publicity events overlapping the period (safety month and quizzes included; the same as publicity events by date)',
  },
  meetings: {
    label: 'Safety committee meetings',
    unit: 'meetings',
    definition: 'Enlarged safety committee meetings held in the period (visible to the committee and leaders)',
  },
  drills: {
    label: 'Emergency drills',
    unit: 'drills',
    definition: 'Emergency drills held in the period (within data scope; the same as drill records by date)',
  },
  drillParticipants: {
    label: 'Drill participants',
    unit: 'person-times',
    definition: 'Sum of the participants of the period’s drills (one person at two drills counts 2)',
  },
  resumptions: {
    label: 'Resumptions confirmed',
    unit: 'enterprises',
    definition:
      'Resumption applications confirmed with an on-site check in the period (one per enterprise per batch; the same as applications by check date)',
  },
  fireServiceVisits: {
    label: 'Third-party fire service',
    unit: 'visits',
    definition:
      'Third-party fire-service visits in the period; an enterprise visited twice counts 2 (visible to the committee and leaders)',
  },
};

const CHARTS_EN: Record<string, string> = {
  trend:
    'By month: inspections (by inspection date, self-inspections excluded), hazards found (by date found) and of them closed',
  byDomain: 'Hazards found in the period, by domain',
  byArea: 'Hazards found in the period, by the enterprise’s area (enterprises without one under “No area”)',
  byTag: 'Hazards found in the period, by the enterprise’s supervision tags (counted under each tag it has)',
  byStatus: 'Hazards found in the period, by current status',
  riskLevels:
    'Registered enterprises (within data scope; the same as the enterprise list by risk level) by current risk level; “Not assessed” without identified risk points',
  creditGrades:
    'Registered enterprises (within data scope) by current credit grade; not yet scored: the grade of the base score',
  coverage:
    'Enterprises not cancelled, by their inspections in the period (self-inspections excluded) against the required number: not covered, covered, above frequency',
  majors: 'Major hazards found in the period (at most 20, by deadline)',
};

const POINT_DICTS: Record<string, Dict> = {
  byStatus: HAZARD_STATUS_LABELS,
  byDomain: HAZARD_DOMAIN_LABELS,
  byTag: SUPERVISION_TAG_LABELS,
  coverage: COVERAGE_STATUS_LABELS,
};

const en: DashboardText = {
  title: "Leaders' dashboard",
  periodNote: (from, to, until) =>
    `Period ${from} to ${to}${until ? ` (not over yet; counted to ${until})` : ''}. Click a figure or a chart to see the records it counts; hover over “?” for its definition.`,
  figures: 'Key figures',
  figuresDefinition: 'Each figure’s definition is under its own “?”',
  figuresFile: 'key-figures.xlsx',
  export: 'Export',
  exportExcel: 'Export Excel',
  slots: 'Not yet connected:',
  notConnected: 'Not connected',
  slotTag: (label) => `${label} (not connected)`,
  definition: (d) => `Definition: ${d}`,
  definitionOf: (title) => `Definition of ${title}`,
  figureAria: (label, value, unit) => `${label} ${value}${unit ? ` ${unit}` : ''}, view records`,
  month: (m) => `M${m}`,
  trend: 'Monthly trend',
  trendFile: 'monthly-trend',
  seriesInspections: 'Inspections (visits)',
  seriesFound: 'Hazards found',
  seriesClosed: 'Closed',
  status: 'Hazard rectification status',
  statusFile: 'hazards-by-status',
  domain: 'Hazards by domain',
  domainFile: 'hazards-by-domain',
  area: 'Hazards by area',
  areaFile: 'hazards-by-area',
  tag: 'Hazards by supervision tag',
  tagFile: 'hazards-by-tag',
  risk: 'Enterprises by risk level',
  riskFile: 'risk-levels',
  credit: 'Enterprises by credit grade',
  creditFile: 'credit-grades',
  coverage: 'Inspection coverage',
  coverageFile: 'inspection-coverage',
  majors: 'Major hazards',
  majorsFile: 'major-hazards.xlsx',
  majorsExport: 'Major hazards: export Excel',
  majorsEmpty: 'No major hazards found in the period',
  serial: 'No.',
  enterprise: 'Enterprise',
  state: 'Status',
  overdue: 'Overdue',
  deadline: 'Deadline',
  hazardsUnit: 'hazards',
  enterprisesUnit: 'enterprises',
  pieTooltip: (unit) => `{b}: {c} ${unit} ({d}%)`,
  png: 'Download image (PNG)',
  excel: 'Export data (Excel)',
  pngAria: (title) => `${title}: download image`,
  excelAria: (title) => `${title}: export Excel`,
  noRecords: 'No records in the period',
  map: 'Four-colour risk map',
  mapDefinition:
    'Enterprises placed on the park plan, coloured by current risk level (red major, orange significant, yellow general, blue low, grey not assessed)',
  mapOpen: 'Open the map',
  mapLevel: (level) => (level ? `${RISK_LEVEL_LABELS[level]?.en ?? level} risk` : 'Not assessed'),
  mapLabels: { zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit', mapName: 'Park four-colour map', moveHint: '' },
  loading: 'Loading…',
  noPlan: 'No park plan uploaded yet',
  coverageTitle: 'Inspection coverage',
  coverageFileName: 'inspection-coverage.xlsx',
  coverageDefinition:
    'Required = the yearly inspections of the enterprise’s “credit grade × risk level” in the credit rules’ frequency table × days of the period so far ÷ 365 (rounded); inspections by inspection date, self-inspections excluded; fewer than required is not covered, more is above frequency. Hazards by date found.',
  colArea: 'Area',
  riskLevel: 'Risk level',
  riskName: (level) => (level ? (RISK_LEVEL_LABELS[level]?.en ?? level) : 'Not assessed'),
  notAssessed: 'Not assessed',
  grade: 'Credit grade',
  gradeName: (g) => `Grade ${g}`,
  required: 'Required',
  requiredText: (n, perYear) => `${n} (${perYear}/year)`,
  inspections: 'Inspections',
  lastInspected: 'Last inspected',
  notInspected: 'Not inspected in period',
  coverageStatus: 'Coverage',
  hazards: 'Hazards (closed/found)',
  paren: (s) => ` (${s})`,
  planCampaign: 'Plan a campaign for uncovered enterprises',
  search: 'Enterprise name or credit code',
  tagFilter: 'Supervision tag',
  summary: 'Coverage',
  sumEnterprises: 'Enterprises',
  sumUncovered: 'Not covered',
  sumCovered: 'Covered',
  sumOver: 'Above frequency',
  sumNever: 'Not inspected',
  sumRate: 'Coverage rate',
  sumHazards: 'Hazards rectified (closed/found)',
  sumHazardsSuffix: (rate) => ` · ${rate}`,
  rules: (version) =>
    `Frequency table: credit rules version ${version}${version === 0 ? ' (system default)' : ''}; an administrator may change it under “Credit rules” (audited).`,
  card: (required, done, closed, found, risk, grade) =>
    `Required ${required} · inspected ${done} · hazards ${closed}/${found} · ${risk} · grade ${grade}`,
  emptyList: 'No enterprises match',
  campaignCreated: (n) => `Campaign created for ${n} uncovered enterprises`,
  create: 'Create',
  campaignIntro: (n) =>
    `The campaign covers all uncovered enterprises under the current filters (${n}); adjust its teams and checklists under “Campaigns” afterwards.`,
  campaignName: (from, to) => `${from} to ${to} follow-up inspection of uncovered enterprises`,
  nameLabel: 'Campaign name',
  nameRule: 'Campaign name: 4–100 characters',
  typesLabel: 'Campaign type',
  typesRule: 'Choose the campaign type',
  rangeLabel: 'Campaign period',
  rangeRule: 'Choose the campaign period',
  description: 'Description',
};

export type DashboardI18n = DashboardText & {
  /** A figure's label, unit and definition in the current language. */
  figure: (f: DashboardFigure) => { label: string; unit: string; definition: string };
  /** A chart's definition (口径) in the current language. */
  chartDefinition: (key: string, server: string) => string;
  /** A chart point's label in the current language. */
  point: (chart: string, p: ChartPoint) => string;
};

const ZH: DashboardI18n = {
  ...zh,
  figure: (f) => ({ label: f.label, unit: f.unit, definition: f.definition }),
  chartDefinition: (_key, server) => server,
  point: (_chart, p) => p.label,
};

const EN: DashboardI18n = {
  ...en,
  figure: (f) => FIGURES_EN[f.key] ?? { label: f.label, unit: f.unit, definition: f.definition },
  chartDefinition: (key, server) => CHARTS_EN[key] ?? server,
  point: (chart, p) => {
    if (chart === 'byArea') return p.key ? p.label : 'No area';
    if (chart === 'riskLevels') return en.mapLevel(p.key === 'none' ? null : (p.key as RiskLevel));
    if (chart === 'creditGrades') return en.gradeName(p.key);
    return POINT_DICTS[chart]?.[p.key]?.en ?? p.label;
  },
};

/** The dictionary of the current language (one object per language, so memoised chart options stay put). */
export function useDashboardText(): DashboardI18n {
  const { lang } = useI18n();
  return lang === 'en' ? EN : ZH;
}

/** Both dictionaries, for the test that keeps their keys the same (server/src/testing/web-i18n.test.ts). */
export const TEXTS = { zh, en };
