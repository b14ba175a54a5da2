// Coverage (全覆盖) and the leaders' dashboard (领导驾驶舱), issue 15 (DOMAIN.md §2.7). Every figure is counted by the
// module that owns its records, with the same filters its list applies, and carries its definition (口径) and the
// console address of the records it counts. Figures of modules not built yet are named here as slots (未接入) and
// shown so, never as zero.
import { z } from 'zod';
import { CAMPAIGN_TYPES } from './campaigns';
import { PageQuery, pageOf } from './common';
import { CREDIT_GRADES } from './credit';
import { SUPERVISION_TAGS } from './enterprises';
import { HAZARD_DOMAINS } from './hazards';
import { RISK_LEVELS } from './risk-levels';
import { isoDate, optionalText, text } from './validators';

// ------------------------------------------------------------------------------------------------------ periods

export const PERIOD_KINDS = ['month', 'quarter', 'half', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_NAMES: Record<PeriodKind, string> = {
  month: '月度',
  quarter: '季度',
  half: '半年',
  year: '年度',
  custom: '自定义',
};

/** The longest period a figure is asked for (a leader compares years, not decades). */
export const MAX_PERIOD_DAYS = 3 * 366;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
/** Days of a period, both ends counted. */
export const periodDays = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

/** The month, quarter, half-year or year that contains a day, as YYYY-MM-DD bounds. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, day: string): { from: string; to: string } {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const span = { month: 1, quarter: 3, half: 6, year: 12 }[kind];
  const first = Math.floor((m - 1) / span) * span + 1;
  const last = first + span - 1;
  const end = new Date(Date.UTC(y, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(end)}` };
}

/**
 * A statistical period. The future check (a period starting after today) is the server's, against its clock; the
 * shape and order are checked here, for the console's form too.
 */
const periodFields = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only the signed-in user's own park may be asked for; another is refused by name (统计园区). */
  parkId: z.uuid({ error: '园区编号格式不正确' }).optional(),
};
const periodChecks = <T extends { from?: string; to?: string }>(s: z.ZodType<T>) =>
  s
    .refine((q) => !q.from || !q.to || q.to >= q.from, {
      message: '统计期间的结束日期不能早于开始日期',
      path: ['to'],
    })
    .refine((q) => !q.from || !q.to || periodDays(q.from, q.to) <= MAX_PERIOD_DAYS, {
      message: '统计期间最长 3 年',
      path: ['to'],
    });

export const PeriodQuery = periodChecks(z.object(periodFields));
export type PeriodQuery = z.infer<typeof PeriodQuery>;

// ------------------------------------------------------------------------------------------------------ coverage

export const COVERAGE_STATUSES = ['uncovered', 'covered', 'over'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export const COVERAGE_STATUS_NAMES: Record<CoverageStatus, string> = {
  uncovered: '未覆盖',
  covered: '已覆盖',
  over: '超频次',
};

/** The required inspections of a period: the yearly frequency pro rata, rounded half up (0.5 → 1). */
export const requiredInPeriod = (perYear: number, days: number) => Math.floor((perYear * days) / 365 + 0.5);

export const coverageStatus = (required: number, inspections: number): CoverageStatus =>
  inspections < required ? 'uncovered' : inspections > required ? 'over' : 'covered';

const coverageFilters = {
  ...periodFields,
  q: text().trim().max(64).optional(),
  area: text().trim().max(50).optional(),
  tag: z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' }).optional(),
  grade: z.enum(CREDIT_GRADES, { error: '未知的诚信等级' }).optional(),
  riskLevel: z.enum([...RISK_LEVELS, 'none'], { error: '未知的风险等级' }).optional(),
  status: z.enum(COVERAGE_STATUSES, { error: '未知的覆盖状态' }).optional(),
};

export const CoverageQuery = periodChecks(
  PageQuery.extend({
    ...coverageFilters,
    sort: z.enum(['gap', 'name', 'inspections', 'required'], { error: '未知的排序方式' }).default('gap'),
  }),
);
export type CoverageQuery = z.infer<typeof CoverageQuery>;
export const CoverageFilterQuery = periodChecks(z.object(coverageFilters));
export type CoverageFilters = z.infer<typeof CoverageFilterQuery>;

export const CoverageRow = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  area: z.string().nullable(),
  tags: z.array(z.string()),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  grade: z.enum(CREDIT_GRADES),
  requiredPerYear: z.number().int(),
  required: z.number().int(),
  inspections: z.number().int(),
  lastInspectedOn: z.string().nullable(),
  status: z.enum(COVERAGE_STATUSES),
  hazardsFound: z.number().int(),
  hazardsClosed: z.number().int(),
  /** Closed of found in the period, percent with one decimal; null when none were found. */
  rectificationRate: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const CoverageSummary = z.object({
  enterprises: z.number().int(),
  uncovered: z.number().int(),
  covered: z.number().int(),
  over: z.number().int(),
  /** Not inspected at all in the period. */
  neverInspected: z.number().int(),
  /** (covered + over) / enterprises, percent. */
  coverageRate: z.number(),
  hazardsFound: z.number().int(),
  hazardsClosed: z.number().int(),
  rectificationRate: z.number(),
  /** The credit rule version whose frequency table was applied (0 = the shipped defaults). */
  rulesVersion: z.number().int(),
});
export type CoverageSummary = z.infer<typeof CoverageSummary>;

export const CoveragePage = pageOf(CoverageRow).extend({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  summary: CoverageSummary,
});
export type CoveragePage = z.infer<typeof CoveragePage>;

/** POST /api/coverage/campaign: a campaign targeting exactly the enterprises the filters leave uncovered. */
export const CoverageCampaignBody = z
  .object({
    coverage: CoverageFilterQuery,
    name: text({ error: '请输入行动名称' }).trim().min(4, '行动名称至少 4 个字').max(100),
    campaignTypes: z
      .array(z.enum(CAMPAIGN_TYPES, { error: '行动类型无效' }))
      .min(1, '请选择行动类型')
      .max(5, '行动类型最多 5 个'),
    startsOn: isoDate,
    endsOn: isoDate,
    domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域').default(['production']),
    description: optionalText(2000),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type CoverageCampaignBody = z.infer<typeof CoverageCampaignBody>;
export const COVERAGE_CAMPAIGN_MAX = 5000;

// ------------------------------------------------------------------------------------------------------ dashboard

/** The figures of the dashboard; those of modules not built yet are slots (connected: false, 未接入). */
export const DASHBOARD_FIGURE_KEYS = [
  'inspections',
  'inspectorVisits',
  'enterprisesInspected',
  'hazardsFound',
  'hazardsRectified',
  'rectificationRate',
  'hazardsOverdue',
  'hazardsMajor',
  'penalties',
  'coverageRate',
  'signingRate',
  // Slots: filled by the training, publicity, meeting, drill, resumption and fire-service modules when they register.
  'trainings',
  'trainingAttendees',
  'publicity',
  'meetings',
  'drills',
  'drillParticipants',
  'resumptions',
  'fireServiceVisits',
] as const;
export type DashboardFigureKey = (typeof DASHBOARD_FIGURE_KEYS)[number];

export type FigureUnit = '家次' | '人次' | '家' | '处' | '起' | '次' | '%';

export interface FigureInfo {
  label: string;
  unit: FigureUnit;
  /** 口径: what is counted, by which date, with which filters — shown on hover and in exports. */
  definition: string;
}

export const DASHBOARD_FIGURES: Record<DashboardFigureKey, FigureInfo> = {
  inspections: {
    label: '检查企业',
    unit: '家次',
    definition:
      '期间内（按检查日期）委员会、成员单位、第三方对企业的检查记录数，不含企业自查；同一企业检查两次计 2 家次',
  },
  inspectorVisits: {
    label: '出动检查人员',
    unit: '人次',
    definition: '期间内各次检查（不含企业自查）记录的检查人员人数之和（内部人员与外聘专家各计一人次）',
  },
  enterprisesInspected: {
    label: '受检企业',
    unit: '家',
    definition: '期间内至少接受过一次检查（不含企业自查）的企业数，同一企业只计一次',
  },
  hazardsFound: {
    label: '排查隐患',
    unit: '处',
    definition: '发现日期在期间内的隐患数（含企业自查发现），与隐患台账按发现日期筛选的合计相同',
  },
  hazardsRectified: {
    label: '已整改（销号）',
    unit: '处',
    definition: '发现日期在期间内、目前已复查销号的隐患数',
  },
  rectificationRate: {
    label: '整改率',
    unit: '%',
    definition: '已整改（销号）÷ 排查隐患，保留一位小数；期间内无隐患时不计算',
  },
  hazardsOverdue: {
    label: '整改逾期',
    unit: '处',
    definition: '发现日期在期间内、今天仍未提交复查且已过整改期限的隐患数（与台账“整改逾期”筛选相同）',
  },
  hazardsMajor: {
    label: '重大事故隐患',
    unit: '处',
    definition: '发现日期在期间内、判定为重大事故隐患的隐患数（降级后不再计入）',
  },
  penalties: {
    label: '行政处罚立案',
    unit: '起',
    definition: '立案日期在期间内的行政处罚案件数',
  },
  coverageRate: {
    label: '检查覆盖率',
    unit: '%',
    definition:
      '在册企业中，期间内检查次数达到应检次数的企业占比；应检次数 = 诚信等级×风险等级频次表的年度频次按期间天数折算（四舍五入）',
  },
  signingRate: {
    label: '责任书签订率',
    unit: '%',
    definition: '期间结束年份已下发的安全生产责任书中已签订的占比',
  },
  trainings: {
    label: '培训场次',
    unit: '次',
    definition: '培训日期在期间内的培训记录数（按数据范围；与培训记录按日期筛选的场次相同）',
  },
  trainingAttendees: {
    label: '培训人次',
    unit: '人次',
    definition: '培训日期在期间内的各场培训参训人员之和（同一人参加两场计 2 人次）',
  },
  publicity: {
    label: '宣传活动',
    unit: '次',
    definition: '活动日期与期间有重叠的宣传活动数（含安全生产月、知识竞赛；与宣传活动按日期筛选的合计相同）',
  },
  meetings: {
    label: '安委会会议',
    unit: '次',
    definition: '会议日期在期间内的安委会扩大会议次数（管委会及分管领导可见）',
  },
  drills: {
    label: '应急演练',
    unit: '次',
    definition: '演练日期在期间内的应急演练场次（按数据范围；与演练记录按日期筛选的合计相同）',
  },
  drillParticipants: {
    label: '演练参与',
    unit: '人次',
    definition: '演练日期在期间内的各场演练参演人数之和（同一人参加两场计 2 人次）',
  },
  resumptions: {
    label: '复工复产确认',
    unit: '家',
    definition:
      '现场核查日期在期间内、已确认复工的申请数（每家企业每批次一份申请；与复工申请按核查日期筛选的合计相同）',
  },
  fireServiceVisits: {
    label: '消防技术服务',
    unit: '家次',
    definition: '服务日期在期间内的消防第三方服务检查记录数，同一企业两次计 2 家次（管委会及分管领导可见）',
  },
};

export const DashboardFigure = z.object({
  key: z.enum(DASHBOARD_FIGURE_KEYS),
  label: z.string(),
  unit: z.string(),
  definition: z.string(),
  /** null: nothing to count (a rate of nothing), or not connected. */
  value: z.number().nullable(),
  connected: z.boolean(),
  /** The console address of the records counted, with the same filters. */
  link: z.string().nullable(),
});
export type DashboardFigure = z.infer<typeof DashboardFigure>;

/** One bar or slice of a chart, with the records it counts. */
export const ChartPoint = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  link: z.string().nullable(),
});
export type ChartPoint = z.infer<typeof ChartPoint>;

export const DashboardView = z.object({
  from: z.string(),
  to: z.string(),
  /** The period's last counted day: today for a period not yet over. */
  until: z.string(),
  figures: z.array(DashboardFigure),
  trend: z.array(
    z.object({
      month: z.string(),
      inspections: z.number().int(),
      hazardsFound: z.number().int(),
      hazardsRectified: z.number().int(),
      inspectionsLink: z.string(),
      hazardsLink: z.string(),
    }),
  ),
  byDomain: z.array(ChartPoint),
  byArea: z.array(ChartPoint),
  byTag: z.array(ChartPoint),
  byStatus: z.array(ChartPoint),
  riskLevels: z.array(ChartPoint),
  creditGrades: z.array(ChartPoint),
  coverage: z.array(ChartPoint),
  majors: z.array(
    z.object({
      id: z.uuid(),
      serial: z.string(),
      enterpriseName: z.string(),
      description: z.string(),
      status: z.string(),
      deadline: z.string().nullable(),
      overdue: z.boolean(),
      link: z.string(),
    }),
  ),
  /** Of the period's major hazards (all of them, not only the 20 listed), those closed (整改销号) by now. */
  majorsClosed: z.number().int(),
  /** Chart definitions (口径) by chart key. */
  definitions: z.record(z.string(), z.string()),
});
export type DashboardView = z.infer<typeof DashboardView>;

export const DASHBOARD_TABLES = [
  'figures',
  'trend',
  'byDomain',
  'byArea',
  'byTag',
  'byStatus',
  'riskLevels',
  'creditGrades',
  'coverage',
  'majors',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];
export const DASHBOARD_TABLE_NAMES: Record<DashboardTable, string> = {
  figures: '主要指标',
  trend: '月度趋势',
  byDomain: '隐患按领域',
  byArea: '隐患按片区',
  byTag: '隐患按重点监管标签',
  byStatus: '隐患按状态',
  riskLevels: '企业风险等级分布',
  creditGrades: '企业诚信等级分布',
  coverage: '检查覆盖情况',
  majors: '重大事故隐患清单',
};
export const DashboardExportQuery = periodChecks(
  z.object({ ...periodFields, table: z.enum(DASHBOARD_TABLES, { error: '未知的数据表' }).optional() }),
);

export const CHART_DEFINITIONS: Record<string, string> = {
  trend: '按月：检查家次（按检查日期，不含企业自查）、排查隐患（按发现日期）与其中已销号的隐患',
  byDomain: '发现日期在期间内的隐患，按隐患所属领域',
  byArea: '发现日期在期间内的隐患，按企业所在片区（未填片区的企业计入“未填写”）',
  byTag: '发现日期在期间内的隐患，按企业的重点监管标签（一家企业有多个标签时计入每个标签）',
  byStatus: '发现日期在期间内的隐患，按目前状态',
  riskLevels:
    '企业档案中的企业（数据范围内，与企业列表按风险等级筛选的合计相同）按目前的风险等级；未辨识风险点的为“未评定”',
  creditGrades: '企业档案中的企业（数据范围内）按目前的诚信等级；尚未计分的按基础分所在等级',
  coverage: '未注销的企业按期间内检查次数（不含企业自查）与应检次数的比较：未覆盖、已覆盖、超频次',
  majors: '发现日期在期间内的重大事故隐患（最多列 20 条，按整改期限）',
};
