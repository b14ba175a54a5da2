// Enterprise safety credit (企业安全生产诚信, issue 12). Events are facts derived from the records (a major hazard, an
// overdue rectification, a penalty decided …); a park's versioned rule table turns each kind into points and how long
// they count. score = base + points of the events still counting (and of supervisors' adjustments); the grade follows
// configurable thresholds, and grade × risk level sets the required inspection frequency. The score functions here are
// the rules themselves: the server's bulk SQL is tested to give the same numbers.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { RISK_LEVELS, type RiskLevel } from './risk-levels';
import { isoDate, optionalText, text } from './validators';

export const CREDIT_EVENT_KINDS = [
  'majorHazard',
  'hazardOverdue',
  'recheckFailed',
  'penaltyDecided',
  'accidentGeneral',
  'accidentLarger',
  'accidentMajor',
  'accidentEspeciallyMajor',
  'commitmentMissed',
  'jointActionFinding',
  'standardGrade1',
  'standardGrade2',
  'standardGrade3',
  'assessmentExcellent',
  'assessmentGood',
  'assessmentPass',
  'assessmentFailed',
  'commendation',
] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

export const CREDIT_SOURCE_TYPES = [
  'hazard',
  'penaltyCase',
  'accident',
  'commitment',
  'jointAction',
  'survey',
  'assessment',
  'commendation',
] as const;
export type CreditSourceType = (typeof CREDIT_SOURCE_TYPES)[number];

export interface CreditKindInfo {
  name: string;
  /** What record it comes from and when it counts from, in a sentence. */
  from: string;
  /** False for kinds whose records do not exist yet: shown as 未接入, never as zero. */
  fed: boolean;
}

export const CREDIT_KIND_INFO: Record<CreditEventKind, CreditKindInfo> = {
  majorHazard: { name: '重大事故隐患', from: '登记为重大的隐患（降级后不再计入），自发现日期起', fed: true },
  hazardOverdue: {
    name: '隐患整改逾期',
    from: '过了整改期限仍未提交复查，或逾期后才提交的隐患，自期限次日起',
    fed: true,
  },
  recheckFailed: { name: '复查不通过', from: '每一次复查不通过，自复查日期起', fed: true },
  penaltyDecided: { name: '行政处罚', from: '已作出处罚决定的案件，自决定日期起', fed: true },
  accidentGeneral: { name: '一般生产安全事故', from: '事故记录，自事故发生日期起', fed: true },
  accidentLarger: { name: '较大生产安全事故', from: '事故记录，自事故发生日期起', fed: true },
  accidentMajor: { name: '重大生产安全事故', from: '事故记录，自事故发生日期起', fed: true },
  accidentEspeciallyMajor: { name: '特别重大生产安全事故', from: '事故记录，自事故发生日期起', fed: true },
  commitmentMissed: { name: '未按时安全承诺', from: '应承诺而未承诺的一期，宽限期过后计入，自该期次日起', fed: true },
  jointActionFinding: { name: '联合执法查处问题', from: '以该企业为对象、登记了查处成果的联合执法行动', fed: true },
  standardGrade1: { name: '安全生产标准化一级', from: '状况调查已提交的标准化等级，自提交日期起', fed: true },
  standardGrade2: { name: '安全生产标准化二级', from: '状况调查已提交的标准化等级，自提交日期起', fed: true },
  standardGrade3: { name: '安全生产标准化三级', from: '状况调查已提交的标准化等级，自提交日期起', fed: true },
  assessmentExcellent: { name: '年度考核优秀', from: '已公布的企业年度考核结果，自公布日期起', fed: true },
  assessmentGood: { name: '年度考核良好', from: '已公布的企业年度考核结果，自公布日期起', fed: true },
  assessmentPass: { name: '年度考核合格', from: '已公布的企业年度考核结果，自公布日期起', fed: true },
  assessmentFailed: { name: '年度考核不合格', from: '已公布的企业年度考核结果，自公布日期起', fed: true },
  commendation: { name: '嘉奖', from: '对企业或其员工的嘉奖，自嘉奖日期起', fed: true },
};

export const CREDIT_SOURCE_NAMES: Record<CreditSourceType, string> = {
  hazard: '隐患',
  penaltyCase: '处罚案件',
  accident: '事故',
  commitment: '安全承诺',
  jointAction: '联合执法',
  survey: '状况调查',
  assessment: '年度考核',
  commendation: '嘉奖',
};

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
export const CREDIT_GRADE_NAMES: Record<CreditGrade, string> = {
  A: 'A 级（守信）',
  B: 'B 级（基本守信）',
  C: 'C 级（失信）',
  D: 'D 级（严重失信）',
};

/** The frequency table's columns: the enterprise's risk level, or none yet (未评定). */
export const FREQUENCY_RISK_KEYS = [...RISK_LEVELS, 'unrated'] as const;
export type FrequencyRiskKey = (typeof FREQUENCY_RISK_KEYS)[number];

const points = z
  .number({ error: '分值应为整数' })
  .int('分值应为整数')
  .min(-100, '分值应在 -100 至 100 之间')
  .max(100, '分值应在 -100 至 100 之间');
const validDays = z
  .number({ error: '有效天数应为整数' })
  .int('有效天数应为整数')
  .min(1, '有效天数至少 1 天')
  .max(3650, '有效天数最多 3650 天');
const perYear = z
  .number({ error: '检查频次应为整数' })
  .int('检查频次应为整数')
  .min(0, '检查频次不能为负数')
  .max(365, '检查频次每年最多 365 次');

export const CreditRule = z.object({
  kind: z.enum(CREDIT_EVENT_KINDS, { error: '未知的诚信事件类型' }),
  points,
  validDays,
});
export type CreditRule = z.infer<typeof CreditRule>;

export const GradeThresholds = z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() });
export type GradeThresholds = z.infer<typeof GradeThresholds>;

const frequencyRow = z.object(
  Object.fromEntries(FREQUENCY_RISK_KEYS.map((k) => [k, perYear])) as Record<FrequencyRiskKey, typeof perYear>,
);
export const FrequencyTable = z.object(
  Object.fromEntries(CREDIT_GRADES.map((g) => [g, frequencyRow])) as Record<CreditGrade, typeof frequencyRow>,
);
export type FrequencyTable = z.infer<typeof FrequencyTable>;

export const CreditRulesBody = z
  .object({
    baseScore: z
      .number({ error: '基础分应为整数' })
      .int('基础分应为整数')
      .min(1, '基础分应在 1 至 1000 之间')
      .max(1000, '基础分应在 1 至 1000 之间'),
    rules: z.array(CreditRule).min(1).max(CREDIT_EVENT_KINDS.length),
    thresholds: GradeThresholds,
    frequency: FrequencyTable,
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    const kinds = v.rules.map((r) => r.kind);
    const dup = kinds.find((k, i) => kinds.indexOf(k) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['rules'], message: `事件类型“${CREDIT_KIND_INFO[dup].name}”重复` });
    const missing = CREDIT_EVENT_KINDS.find((k) => !kinds.includes(k));
    if (missing) {
      ctx.addIssue({ code: 'custom', path: ['rules'], message: `缺少事件类型“${CREDIT_KIND_INFO[missing].name}”` });
    }
    const t = v.thresholds;
    if (!(t.A > t.B && t.B > t.C && t.C > 0)) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: '等级分数线应为 A > B > C > 0' });
    }
  });
export type CreditRulesBody = z.infer<typeof CreditRulesBody>;

/** The defaults a park starts with (version 0 until an admin saves a version of its own). */
export const DEFAULT_CREDIT_RULES: Omit<CreditRulesBody, 'note'> = {
  baseScore: 100,
  rules: [
    { kind: 'majorHazard', points: -10, validDays: 365 },
    { kind: 'hazardOverdue', points: -3, validDays: 180 },
    { kind: 'recheckFailed', points: -2, validDays: 180 },
    { kind: 'penaltyDecided', points: -10, validDays: 365 },
    { kind: 'accidentGeneral', points: -20, validDays: 730 },
    { kind: 'accidentLarger', points: -40, validDays: 1095 },
    { kind: 'accidentMajor', points: -60, validDays: 1825 },
    { kind: 'accidentEspeciallyMajor', points: -80, validDays: 1825 },
    { kind: 'commitmentMissed', points: -1, validDays: 30 },
    { kind: 'jointActionFinding', points: -5, validDays: 365 },
    { kind: 'standardGrade1', points: 10, validDays: 1095 },
    { kind: 'standardGrade2', points: 6, validDays: 1095 },
    { kind: 'standardGrade3', points: 3, validDays: 1095 },
    { kind: 'assessmentExcellent', points: 5, validDays: 365 },
    { kind: 'assessmentGood', points: 2, validDays: 365 },
    { kind: 'assessmentPass', points: 0, validDays: 365 },
    { kind: 'assessmentFailed', points: -10, validDays: 365 },
    { kind: 'commendation', points: 5, validDays: 365 },
  ],
  thresholds: { A: 90, B: 75, C: 60 },
  // Inspections required per year.
  frequency: {
    A: { major: 4, significant: 2, general: 1, low: 1, unrated: 1 },
    B: { major: 6, significant: 4, general: 2, low: 1, unrated: 2 },
    C: { major: 12, significant: 6, general: 4, low: 2, unrated: 4 },
    D: { major: 12, significant: 12, general: 6, low: 4, unrated: 6 },
  },
};

// ------------------------------------------------------------------------------------------------- the rules

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day an event of that day still counts: it counts validDays days, the day it happened being the first. */
export const countsUntil = (occurredOn: string, validDays: number) => addDays(occurredOn, validDays - 1);

/** Whether an event counts today: it has happened and its validity window has not ended. */
export const counting = (occurredOn: string, validDays: number, today: string) =>
  occurredOn <= today && today <= countsUntil(occurredOn, validDays);

export function gradeOf(score: number, t: GradeThresholds): CreditGrade {
  if (score >= t.A) return 'A';
  if (score >= t.B) return 'B';
  if (score >= t.C) return 'C';
  return 'D';
}

/** score = base + the points of events and adjustments counting today, never below 0. */
export function scoreOf(
  base: number,
  rules: readonly CreditRule[],
  events: readonly { kind: CreditEventKind; occurredOn: string }[],
  adjustments: readonly { points: number; occurredOn: string; validDays: number }[],
  today: string,
): number {
  const byKind = new Map(rules.map((r) => [r.kind, r]));
  let sum = base;
  for (const e of events) {
    const r = byKind.get(e.kind);
    if (r && counting(e.occurredOn, r.validDays, today)) sum += r.points;
  }
  for (const a of adjustments) if (counting(a.occurredOn, a.validDays, today)) sum += a.points;
  return Math.max(0, sum);
}

export const requiredFrequency = (f: FrequencyTable, grade: CreditGrade, risk: RiskLevel | null) =>
  f[grade][risk ?? 'unrated'];

// ------------------------------------------------------------------------------------------------- API shapes

export const CreditRulesView = z.object({
  version: z.number().int(),
  isDefault: z.boolean(),
  baseScore: z.number().int(),
  rules: z.array(CreditRule.extend({ name: z.string(), fed: z.boolean(), from: z.string() })),
  thresholds: GradeThresholds,
  frequency: FrequencyTable,
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdByName: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
export type CreditRulesView = z.infer<typeof CreditRulesView>;

export const CreditListQuery = PageQuery.extend({
  q: optionalText(100),
  grade: z.enum(CREDIT_GRADES, { error: '未知的诚信等级' }).optional(),
  riskLevel: z.enum(RISK_LEVELS, { error: '未知的风险等级' }).optional(),
  sort: z.enum(['score', 'grade', 'enterpriseName'], { error: '未知的排序方式' }).default('score'),
});

export const CreditListItem = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  area: z.string().nullable(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  score: z.number().int(),
  grade: z.enum(CREDIT_GRADES),
  requiredPerYear: z.number().int(),
  computedOn: z.string().nullable(),
});
export const CreditPage = pageOf(CreditListItem).extend({
  gradeCounts: z.record(z.enum(CREDIT_GRADES), z.number().int()),
});

export const CreditEventView = z.object({
  id: z.string(),
  kind: z.enum(CREDIT_EVENT_KINDS).or(z.literal('adjustment')),
  kindName: z.string(),
  sourceType: z.enum(CREDIT_SOURCE_TYPES).nullable(),
  sourceId: z.string().nullable(),
  sourceLabel: z.string(),
  occurredOn: z.string(),
  points: z.number().int(),
  validDays: z.number().int(),
  countsUntil: z.string(),
  counting: z.boolean(),
  reason: z.string().nullable(),
  byName: z.string().nullable(),
});
export type CreditEventView = z.infer<typeof CreditEventView>;

export const CreditDetail = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  baseScore: z.number().int(),
  score: z.number().int(),
  grade: z.enum(CREDIT_GRADES),
  thresholds: GradeThresholds,
  ruleVersion: z.number().int(),
  requiredPerYear: z.number().int(),
  today: z.string(),
  /** Every event, counting ones first, newest first; adjustments among them. */
  events: z.array(CreditEventView),
});
export type CreditDetail = z.infer<typeof CreditDetail>;

export const CreditAdjustmentBody = z.object({
  points: points.refine((v) => v !== 0, '调整分值不能为 0'),
  reason: text({ error: '请填写调整理由' }).trim().min(4, '调整理由至少 4 个字').max(1000),
  occurredOn: isoDate.optional(),
  validDays: validDays.default(365),
});

export const CreditRecomputeResult = z.object({
  enterprises: z.number().int(),
  events: z.number().int(),
  ms: z.number().int(),
});
