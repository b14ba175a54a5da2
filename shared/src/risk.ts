// Risk graded control (安全风险分级管控, DOMAIN.md §2.2): risk points, the LEC / LS calculator, per-park thresholds,
// enterprise levels with supervisor override, and the four-colour map (四色图).
// The calculator is pure and lives here so the web form and the server compute the same score, level and colour.
// Defaults come from /work/shared/reference/risk-methods.md. No national rule fixes the score → level mapping, which
// is why thresholds are per park and editable by an admin.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { IMPORT_MODES, ImportResult, JobView, ON_EXISTING } from './io';
import { DUE_STATES, type DueState } from './registry';
import {
  RISK_COLOUR_HEX,
  RISK_COLOUR_NAMES,
  RISK_COLOURS,
  RISK_LEVEL_COLOURS,
  RISK_LEVEL_NAMES,
  RISK_LEVEL_RANK,
  RISK_LEVELS,
  type RiskColour,
  type RiskLevel,
} from './risk-levels';
import { isoDate, optionalText, text } from './validators';

// ---------------------------------------------------------------------------------------------- levels

export const RISK_METHODS = ['LEC', 'LS'] as const;
export type RiskMethod = (typeof RISK_METHODS)[number];

export {
  RISK_COLOUR_HEX,
  RISK_COLOUR_NAMES,
  RISK_COLOURS,
  RISK_LEVEL_COLOURS,
  RISK_LEVEL_NAMES,
  RISK_LEVEL_RANK,
  RISK_LEVELS,
  type RiskColour,
  type RiskLevel,
};

export function levelColour(level: RiskLevel): RiskColour {
  return RISK_LEVEL_COLOURS[level];
}

/** The highest of some levels (null when there are none): an enterprise's level is its highest point's level. */
export function highestLevel(levels: Iterable<RiskLevel | null | undefined>): RiskLevel | null {
  let best: RiskLevel | null = null;
  for (const l of levels) if (l && (!best || RISK_LEVEL_RANK[l] > RISK_LEVEL_RANK[best])) best = l;
  return best;
}

// ---------------------------------------------------------------------------------------------- factors

export interface FactorOption {
  value: number;
  meaning: string;
}

/** LEC factor tables of reference/risk-methods.md (verified text). */
export const LEC_L: readonly FactorOption[] = [
  { value: 10, meaning: '完全可以预料' },
  { value: 6, meaning: '相当可能' },
  { value: 3, meaning: '可能，但不经常' },
  { value: 1, meaning: '可能性小，完全意外' },
  { value: 0.5, meaning: '很不可能，可以设想' },
  { value: 0.2, meaning: '极不可能' },
  { value: 0.1, meaning: '实际不可能' },
];
export const LEC_E: readonly FactorOption[] = [
  { value: 10, meaning: '连续暴露' },
  { value: 6, meaning: '每天工作时间内暴露' },
  { value: 3, meaning: '每周一次或偶然暴露' },
  { value: 2, meaning: '每月一次暴露' },
  { value: 1, meaning: '每年几次暴露' },
  { value: 0.5, meaning: '非常罕见地暴露' },
];
export const LEC_C: readonly FactorOption[] = [
  { value: 100, meaning: '大灾难，许多人死亡' },
  { value: 40, meaning: '灾难，数人死亡' },
  { value: 15, meaning: '非常严重，一人死亡' },
  { value: 7, meaning: '严重，重伤' },
  { value: 3, meaning: '重大，致残' },
  { value: 1, meaning: '引人注目，需要救护' },
];
/**
 * LS: L and S are each 1–5. The reference gives no wording for the five grades of L and S, so none is shipped
 * (the form shows the numbers only) — an admin-maintained wording would be the place to add it.
 */
export const LS_VALUES = [1, 2, 3, 4, 5] as const;

/** Chinese names of the factor fields (also the calculator's labels). */
export const FACTOR_NAMES = {
  likelihood: 'L（事故发生的可能性）',
  exposure: 'E（暴露于危险环境的频繁程度）',
  consequence: 'C（发生事故产生的后果）',
  severity: 'S（事故后果严重性）',
} as const;
export type FactorField = keyof typeof FACTOR_NAMES;

export interface RiskFactors {
  likelihood?: number | null;
  exposure?: number | null;
  consequence?: number | null;
  severity?: number | null;
}

const listOf = (opts: readonly FactorOption[]) => opts.map((o) => o.value).join('、');

/**
 * The first problem with a method's factors (null when they are complete and valid), as the field and a Chinese
 * message. LEC takes L, E, C from their tables; LS takes L and S as integers 1–5. Factors of the other method must be
 * empty so a stored point never carries stray values.
 */
export function factorProblem(method: RiskMethod, f: RiskFactors): { field: FactorField; message: string } | null {
  const check = (field: FactorField, ok: (v: number) => boolean, allowed: string) => {
    const v = f[field];
    if (v === null || v === undefined) return { field, message: `请选择${FACTOR_NAMES[field]}` };
    if (!ok(v)) return { field, message: `${FACTOR_NAMES[field]}应为 ${allowed} 之一` };
    return null;
  };
  const empty = (field: FactorField, m: RiskMethod) =>
    f[field] === null || f[field] === undefined
      ? null
      : { field, message: `${m} 法不使用${FACTOR_NAMES[field]}，请清空` };
  if (method === 'LEC') {
    return (
      check('likelihood', (v) => LEC_L.some((o) => o.value === v), listOf(LEC_L)) ??
      check('exposure', (v) => LEC_E.some((o) => o.value === v), listOf(LEC_E)) ??
      check('consequence', (v) => LEC_C.some((o) => o.value === v), listOf(LEC_C)) ??
      empty('severity', 'LEC')
    );
  }
  const ls = (v: number) => (LS_VALUES as readonly number[]).includes(v);
  return (
    check('likelihood', ls, '1、2、3、4、5') ??
    check('severity', ls, '1、2、3、4、5') ??
    empty('exposure', 'LS') ??
    empty('consequence', 'LS')
  );
}

/**
 * The score: LEC D = L × E × C, LS R = L × S. Rounded to 2 decimals so 0.2 × 3 × 7 is 4.2, not 4.200000000000001
 * (the stored value and the form's value must be equal). Throws on invalid factors — callers check factorProblem.
 */
export function score(method: RiskMethod, f: RiskFactors): number {
  const problem = factorProblem(method, f);
  if (problem) throw new Error(problem.message);
  const raw =
    method === 'LEC'
      ? (f.likelihood as number) * (f.exposure as number) * (f.consequence as number)
      : (f.likelihood as number) * (f.severity as number);
  return Math.round(raw * 100) / 100;
}

// ---------------------------------------------------------------------------------------------- thresholds

/**
 * The lower bounds of 重大, 较大 and 一般 for one method (低 is everything below 一般). How a score meets a bound
 * follows the reference: LEC bounds are exceeded (D > 320 is 重大), LS bounds are reached (R ≥ 20 is 重大).
 */
export const THRESHOLD_COMPARISON: Record<RiskMethod, 'gt' | 'gte'> = { LEC: 'gt', LS: 'gte' };
export const SCORE_SYMBOL: Record<RiskMethod, 'D' | 'R'> = { LEC: 'D', LS: 'R' };
export const SCORE_MAX: Record<RiskMethod, number> = { LEC: 10 * 10 * 100, LS: 25 };

const bound = z
  .number({ error: '请输入分级界限值' })
  .positive('分级界限值应大于 0')
  .max(10_000, '分级界限值不能超过 10000');
export const MethodThresholds = z
  .object({ major: bound, significant: bound, general: bound })
  .refine((t) => t.major > t.significant && t.significant > t.general, {
    message: '分级界限应满足：重大 > 较大 > 一般',
  });
export type MethodThresholds = z.infer<typeof MethodThresholds>;
export type RiskThresholds = Record<RiskMethod, MethodThresholds>;

/** reference/risk-methods.md: LEC D > 320 / > 160 / > 70; LS R ≥ 20 / ≥ 15 / ≥ 9. */
export const DEFAULT_THRESHOLDS: RiskThresholds = {
  LEC: { major: 320, significant: 160, general: 70 },
  LS: { major: 20, significant: 15, general: 9 },
};

/** The level of a score under a park's thresholds. */
export function band(method: RiskMethod, value: number, thresholds: RiskThresholds = DEFAULT_THRESHOLDS): RiskLevel {
  const t = thresholds[method];
  const meets = THRESHOLD_COMPARISON[method] === 'gt' ? (b: number) => value > b : (b: number) => value >= b;
  if (meets(t.major)) return 'major';
  if (meets(t.significant)) return 'significant';
  if (meets(t.general)) return 'general';
  return 'low';
}

export interface Assessment {
  method: RiskMethod;
  score: number;
  level: RiskLevel;
  colour: RiskColour;
  /** e.g. 重大 */
  levelName: string;
}

/** Score, level and colour in one go — what the form shows as values change and what the service stores. */
export function assess(
  method: RiskMethod,
  f: RiskFactors,
  thresholds: RiskThresholds = DEFAULT_THRESHOLDS,
): Assessment {
  const s = score(method, f);
  const level = band(method, s, thresholds);
  return { method, score: s, level, colour: RISK_LEVEL_COLOURS[level], levelName: RISK_LEVEL_NAMES[level] };
}

/** The score range of each level as text for the legend and the thresholds page, e.g. "160 < D ≤ 320". */
export function bandRanges(
  method: RiskMethod,
  thresholds: RiskThresholds = DEFAULT_THRESHOLDS,
): Record<RiskLevel, string> {
  const t = thresholds[method];
  const s = SCORE_SYMBOL[method];
  if (THRESHOLD_COMPARISON[method] === 'gt') {
    return {
      major: `${s} > ${t.major}`,
      significant: `${t.significant} < ${s} ≤ ${t.major}`,
      general: `${t.general} < ${s} ≤ ${t.significant}`,
      low: `${s} ≤ ${t.general}`,
    };
  }
  return {
    major: `${s} ≥ ${t.major}`,
    significant: `${t.significant} ≤ ${s} < ${t.major}`,
    general: `${t.general} ≤ ${s} < ${t.significant}`,
    low: `${s} < ${t.general}`,
  };
}

// ---------------------------------------------------------------------------------------------- risk points

/** GB 6441-86 企业职工伤亡事故分类, the 20 types (reference/risk-methods.md). */
export const ACCIDENT_TYPES = [
  'objectStrike',
  'vehicle',
  'machinery',
  'lifting',
  'electrocution',
  'drowning',
  'scald',
  'fire',
  'fallFromHeight',
  'collapse',
  'roofFall',
  'waterInrush',
  'blasting',
  'explosiveExplosion',
  'gasExplosion',
  'boilerExplosion',
  'vesselExplosion',
  'otherExplosion',
  'poisoningAsphyxiation',
  'otherInjury',
] as const;
export type AccidentType = (typeof ACCIDENT_TYPES)[number];
export const ACCIDENT_TYPE_NAMES: Record<AccidentType, string> = {
  objectStrike: '物体打击',
  vehicle: '车辆伤害',
  machinery: '机械伤害',
  lifting: '起重伤害',
  electrocution: '触电',
  drowning: '淹溺',
  scald: '灼烫',
  fire: '火灾',
  fallFromHeight: '高处坠落',
  collapse: '坍塌',
  roofFall: '冒顶片帮',
  waterInrush: '透水',
  blasting: '放炮',
  explosiveExplosion: '火药爆炸',
  gasExplosion: '瓦斯爆炸',
  boilerExplosion: '锅炉爆炸',
  vesselExplosion: '容器爆炸',
  otherExplosion: '其他爆炸',
  poisoningAsphyxiation: '中毒和窒息',
  otherInjury: '其他伤害',
};

/** 工程技术 · 管理 · 培训教育 · 个体防护 · 应急处置. */
export const CONTROL_MEASURE_KINDS = ['engineering', 'management', 'training', 'ppe', 'emergency'] as const;
export type ControlMeasureKind = (typeof CONTROL_MEASURE_KINDS)[number];
export const CONTROL_MEASURE_NAMES: Record<ControlMeasureKind, string> = {
  engineering: '工程技术措施',
  management: '管理措施',
  training: '培训教育措施',
  ppe: '个体防护措施',
  emergency: '应急处置措施',
};

/** 公司 · 车间 · 班组 · 岗位. */
export const CONTROL_TIERS = ['company', 'workshop', 'team', 'post'] as const;
export type ControlTier = (typeof CONTROL_TIERS)[number];
export const CONTROL_TIER_NAMES: Record<ControlTier, string> = {
  company: '公司级',
  workshop: '车间级',
  team: '班组级',
  post: '岗位级',
};

/** 待审核 · 已通过 · 已退回. An enterprise's create or change makes a point pending; a supervisor reviews it. */
export const REVIEW_STATUSES = ['pending', 'accepted', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_NAMES: Record<ReviewStatus, string> = {
  pending: '待审核',
  accepted: '已通过',
  returned: '已退回',
};

const measure = optionalText(1000, '每项管控措施不能超过 1000 个字');
export const ControlMeasures = z.object({
  engineering: measure,
  management: measure,
  training: measure,
  ppe: measure,
  emergency: measure,
});
export type ControlMeasures = z.infer<typeof ControlMeasures>;
/** The measures as shown (no transforms: response schemas are encoded). */
export const ControlMeasuresView = z.object({
  engineering: z.string().nullable(),
  management: z.string().nullable(),
  training: z.string().nullable(),
  ppe: z.string().nullable(),
  emergency: z.string().nullable(),
});

const factor = z
  .number({ error: '因素取值应为数字' })
  .nullish()
  .transform((v) => v ?? null);

const riskPointFields = {
  enterpriseId: z.uuid({ error: '请选择企业' }),
  /** 风险点名称: the place, unit or installation, e.g. 液氨储罐区. */
  name: text({ error: '请输入风险点名称' })
    .trim()
    .min(2, '风险点名称至少 2 个字')
    .max(100, '风险点名称不能超过 100 个字'),
  /** 所在位置/单元 */
  location: optionalText(200),
  /** 作业活动 */
  activity: optionalText(200),
  /** 危险有害因素 */
  hazardFactors: text({ error: '请填写危险有害因素' })
    .trim()
    .min(2, '请填写危险有害因素')
    .max(2000, '危险有害因素不能超过 2000 个字'),
  accidentTypes: z
    .array(z.enum(ACCIDENT_TYPES, { error: '事故类型应为 GB 6441 的 20 类之一' }), {
      error: '请选择可能导致的事故类型',
    })
    .min(1, '请至少选择一种可能导致的事故类型')
    .max(20)
    .refine((a) => new Set(a).size === a.length, '事故类型重复'),
  method: z.enum(RISK_METHODS, { error: '评价方法应为 LEC 或 LS' }),
  likelihood: factor,
  exposure: factor,
  consequence: factor,
  severity: factor,
  controlMeasures: ControlMeasures.refine(
    (m) => CONTROL_MEASURE_KINDS.some((k) => m[k]),
    '请至少填写一项管控措施（工程技术 / 管理 / 培训教育 / 个体防护 / 应急处置）',
  ),
  controlTier: z.enum(CONTROL_TIERS, { error: '管控层级应为 公司级 / 车间级 / 班组级 / 岗位级' }),
  responsiblePerson: text({ error: '请填写责任人' }).trim().min(1, '请填写责任人').max(50, '责任人不能超过 50 个字'),
  nextReviewDate: isoDate.nullish().transform((v) => v ?? null),
};

/** Create (also one row of the Excel import). The factors must fit the method (factorProblem). */
export const RiskPointInput = z.object(riskPointFields).superRefine((v, ctx) => {
  const p = factorProblem(v.method, v);
  if (p) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
});
export type RiskPointInput = z.infer<typeof RiskPointInput>;

const { enterpriseId: _enterprise, ...updatable } = riskPointFields;
/**
 * A partial update; version is the one the editor loaded (stale → 409). The server merges the stored values and
 * checks the factors of the result, so a change of method must send the new method's factors (and null the others).
 */
export const RiskPointUpdate = z
  .object(
    Object.fromEntries(Object.entries(updatable).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
      [K in keyof typeof updatable]: z.ZodOptional<(typeof updatable)[K]>;
    },
  )
  .extend({ version: z.number({ error: '缺少版本号' }).int() });
export type RiskPointUpdate = z.infer<typeof RiskPointUpdate>;

/** version is checked after the scope check (a missing one is 400 for a point the caller may see, else 404). */
export const RiskPointDeleteQuery = z.object({
  version: z.coerce.number({ error: '版本号应为整数' }).int().optional(),
});

export const REVIEW_ACTIONS = ['accept', 'return'] as const;
export const RiskReviewBody = z.object({
  action: z.enum(REVIEW_ACTIONS, { error: '审核操作应为 通过 或 退回' }),
  /** Required to return a point. */
  reason: optionalText(1000),
  version: z.number({ error: '缺少版本号' }).int(),
});
export type RiskReviewBody = z.infer<typeof RiskReviewBody>;

export const LinkedHazardView = z.object({
  id: z.uuid(),
  serial: z.string(),
  description: z.string(),
  status: z.string(),
  grade: z.string(),
  foundOn: z.string(),
  deadline: z.string().nullable(),
});

export const RiskPointView = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  area: z.string().nullable(),
  name: z.string(),
  location: z.string().nullable(),
  activity: z.string().nullable(),
  hazardFactors: z.string(),
  accidentTypes: z.array(z.enum(ACCIDENT_TYPES)),
  method: z.enum(RISK_METHODS),
  likelihood: z.number().nullable(),
  exposure: z.number().nullable(),
  consequence: z.number().nullable(),
  severity: z.number().nullable(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  colour: z.enum(RISK_COLOURS),
  controlMeasures: ControlMeasuresView,
  controlTier: z.enum(CONTROL_TIERS),
  responsiblePerson: z.string(),
  nextReviewDate: z.string().nullable(),
  /** Derived at read time: dueSoon within 30 days, overdue when past (Asia/Shanghai). */
  reviewDue: z.enum(DUE_STATES),
  reviewStatus: z.enum(REVIEW_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Hazards recorded against the point that are not closed. */
  openHazards: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RiskPointView = z.infer<typeof RiskPointView>;

export const RiskPointDetail = RiskPointView.extend({ hazards: z.array(LinkedHazardView) });
export type RiskPointDetail = z.infer<typeof RiskPointDetail>;

export const RiskPointListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  enterpriseId: z.uuid().optional(),
  area: text().trim().max(50).optional(),
  level: z.enum(RISK_LEVELS).optional(),
  method: z.enum(RISK_METHODS).optional(),
  reviewStatus: z.enum(REVIEW_STATUSES).optional(),
  /** dueSoon: next review within 30 days; overdue: past. */
  due: z.enum(['dueSoon', 'overdue']).optional(),
  accidentType: z.enum(ACCIDENT_TYPES).optional(),
  controlTier: z.enum(CONTROL_TIERS).optional(),
  sort: z.enum(['score', 'nextReviewDate', 'updatedAt', 'name']).default('score'),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type RiskPointListQuery = z.infer<typeof RiskPointListQuery>;
export const RiskPointPage = pageOf(RiskPointView);

/** Counts for the due/overdue reminders and the review queue (within the caller's scope). */
export const RiskPointCounts = z.object({
  total: z.number().int(),
  byLevel: z.array(z.object({ level: z.enum(RISK_LEVELS), count: z.number().int() })),
  pendingReview: z.number().int(),
  returned: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
});

// ---------------------------------------------------------------------------------------------- thresholds API

export const ThresholdsView = z.object({
  LEC: MethodThresholds,
  LS: MethodThresholds,
  /** true where the park has not changed the reference default. */
  isDefault: z.object({ LEC: z.boolean(), LS: z.boolean() }),
  defaults: z.object({ LEC: MethodThresholds, LS: MethodThresholds }),
  comparison: z.object({ LEC: z.enum(['gt', 'gte']), LS: z.enum(['gt', 'gte']) }),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type ThresholdsView = z.infer<typeof ThresholdsView>;

/** Either method or both; a method left out keeps its thresholds. null restores the reference default. */
export const ThresholdsUpdate = z
  .object({ LEC: MethodThresholds.nullish(), LS: MethodThresholds.nullish() })
  .refine((v) => v.LEC !== undefined || v.LS !== undefined, '请至少修改一种评价方法的分级界限');
export type ThresholdsUpdate = z.infer<typeof ThresholdsUpdate>;

/** What a threshold change did: every point of the park re-banded, every enterprise level re-derived. */
export const ThresholdsChanged = z.object({
  thresholds: ThresholdsView,
  points: z.number().int(),
  pointsChanged: z.number().int(),
  enterprisesChanged: z.number().int(),
});

// ---------------------------------------------------------------------------------------------- enterprise level

export const RiskOverrideBody = z
  .object({
    /** null clears the override: the enterprise's level follows its points again. */
    level: z.enum(RISK_LEVELS, { error: '风险等级应为 重大 / 较大 / 一般 / 低' }).nullable(),
    reason: optionalText(1000),
  })
  .refine((v) => v.level === null || (v.reason ?? '').length >= 2, {
    path: ['reason'],
    message: '调整企业风险等级须填写原因',
  });
export type RiskOverrideBody = z.infer<typeof RiskOverrideBody>;

export const RiskOverrideView = z.object({
  level: z.enum(RISK_LEVELS),
  reason: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
});

export const LevelCount = z.object({ level: z.enum(RISK_LEVELS), count: z.number().int() });

/** An enterprise's risk summary (detail page tab and map pop-up). */
export const EnterpriseRiskView = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  area: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  /**
   * The effective level: the override when there is one, else the highest accepted point's level; null without
   * accepted points. A point the committee has not accepted (待审核 / 已退回) does not count.
   */
  level: z.enum(RISK_LEVELS).nullable(),
  colour: z.enum(RISK_COLOURS).nullable(),
  /** The highest accepted point's level. */
  computedLevel: z.enum(RISK_LEVELS).nullable(),
  override: RiskOverrideView.nullable(),
  points: z.number().int(),
  /** Accepted points by level (what the level counts). */
  byLevel: z.array(LevelCount),
  /** Points not accepted (待审核 or 已退回) by level: shown as pending, not counted. */
  pendingByLevel: z.array(LevelCount),
  /** The highest level among the points not accepted; null when every point is accepted. */
  pendingLevel: z.enum(RISK_LEVELS).nullable(),
  pendingReview: z.number().int(),
  reviewOverdue: z.number().int(),
  openHazards: z.number().int(),
  mapX: z.number().nullable(),
  mapY: z.number().nullable(),
});
export type EnterpriseRiskView = z.infer<typeof EnterpriseRiskView>;

/** 管控状态 of a major point: 受控 · 待审核/已退回 · 评审逾期 · 存在未销号隐患 (worst wins for the enterprise). */
export const CONTROL_STATES = ['controlled', 'unreviewed', 'reviewOverdue', 'openHazards'] as const;
export type ControlState = (typeof CONTROL_STATES)[number];
export const CONTROL_STATE_NAMES: Record<ControlState, string> = {
  controlled: '受控',
  unreviewed: '未审核通过',
  reviewOverdue: '评审逾期',
  openHazards: '存在未销号隐患',
};
/** Worst first. */
export const CONTROL_STATE_RANK: Record<ControlState, number> = {
  openHazards: 4,
  reviewOverdue: 3,
  unreviewed: 2,
  controlled: 1,
};

/** A major point's control state: open hazards, then an overdue review, then review status. */
export function controlState(p: {
  openHazards: number;
  reviewDue: DueState;
  reviewStatus: ReviewStatus;
}): ControlState {
  if (p.openHazards > 0) return 'openHazards';
  if (p.reviewDue === 'overdue') return 'reviewOverdue';
  if (p.reviewStatus !== 'accepted') return 'unreviewed';
  return 'controlled';
}

export const MajorPointView = z.object({
  id: z.uuid(),
  name: z.string(),
  method: z.enum(RISK_METHODS),
  score: z.number(),
  reviewStatus: z.enum(REVIEW_STATUSES),
  nextReviewDate: z.string().nullable(),
  reviewDue: z.enum(DUE_STATES),
  openHazards: z.number().int(),
  controlState: z.enum(CONTROL_STATES),
});

/** 重大风险企业: effective level 重大 (by points or by override). */
export const MajorRiskEnterpriseView = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  area: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  computedLevel: z.enum(RISK_LEVELS).nullable(),
  override: RiskOverrideView.nullable(),
  majorPoints: z.array(MajorPointView),
  controlState: z.enum(CONTROL_STATES),
});
export const MajorRiskEnterpriseQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  area: text().trim().max(50).optional(),
  tag: z.enum(SUPERVISION_TAGS).optional(),
  controlState: z.enum(CONTROL_STATES).optional(),
});
export const MajorRiskEnterprisePage = pageOf(MajorRiskEnterpriseView);

// ---------------------------------------------------------------------------------------------- map

/** The park plan image (one per park), re-encoded by the files pipeline. */
export const ParkPlanView = z.object({
  fileId: z.uuid(),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  originalName: z.string(),
  uploadedAt: z.string(),
});
export type ParkPlanView = z.infer<typeof ParkPlanView>;

export const MapQuery = z.object({
  tag: z.enum(SUPERVISION_TAGS).optional(),
  area: text().trim().max(50).optional(),
  level: z.enum([...RISK_LEVELS, 'none']).optional(),
});

export const MapEnterprise = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  /** Effective level; null when the enterprise has no risk points (drawn grey, "未评估"). */
  level: z.enum(RISK_LEVELS).nullable(),
  colour: z.enum(RISK_COLOURS).nullable(),
  overridden: z.boolean(),
  /** Fractions 0..1 of the plan's width and height (null when not placed). */
  x: z.number().nullable(),
  y: z.number().nullable(),
});
export type MapEnterprise = z.infer<typeof MapEnterprise>;

export const MapData = z.object({
  plan: ParkPlanView.nullable(),
  /** Placed enterprises matching the filters. */
  placed: z.array(MapEnterprise),
  /** Enterprises matching the filters that are not placed yet (for drag and drop), at most 1,000. */
  unplaced: z.array(MapEnterprise),
  unplacedTotal: z.number().int(),
  legend: z.array(
    z.object({
      level: z.enum(RISK_LEVELS),
      name: z.string(),
      colour: z.enum(RISK_COLOURS),
      hex: z.string(),
      count: z.number().int(),
    }),
  ),
});
export type MapData = z.infer<typeof MapData>;

const fraction = (label: string) =>
  z
    .number({ error: `${label}应为 0–1 之间的数` })
    .min(0, `${label}应在平面图内（0–1）`)
    .max(1, `${label}应在平面图内（0–1）`);
/** Positions as fractions of the plan; x and y null removes an enterprise from the map. */
export const MapPositionsBody = z.object({
  positions: z
    .array(
      z
        .object({
          enterpriseId: z.uuid({ error: '企业编号不正确' }),
          x: fraction('横坐标').nullable(),
          y: fraction('纵坐标').nullable(),
        })
        .refine((p) => (p.x === null) === (p.y === null), '横坐标与纵坐标应同时填写或同时清空'),
    )
    .min(1, '请至少放置一家企业')
    .max(500, '一次最多调整 500 家企业的位置'),
});
export type MapPositionsBody = z.infer<typeof MapPositionsBody>;
export const MapPositionsResult = z.object({ updated: z.number().int() });

export const RiskDistribution = z.object({
  /** Enterprises by effective level; none = no risk points. */
  byLevel: z.array(z.object({ level: z.enum([...RISK_LEVELS, 'none']), count: z.number().int() })),
  byArea: z.array(
    z.object({
      area: z.string(),
      major: z.number().int(),
      significant: z.number().int(),
      general: z.number().int(),
      low: z.number().int(),
      none: z.number().int(),
    }),
  ),
  /** Risk points by level. */
  pointsByLevel: z.array(LevelCount),
});
export type RiskDistribution = z.infer<typeof RiskDistribution>;

// ---------------------------------------------------------------------------------------------- import / export

export const RiskExportBody = RiskPointListQuery.omit({ page: true, pageSize: true, sort: true, order: true });
export type RiskExportBody = z.infer<typeof RiskExportBody>;

/**
 * Import options: as the enterprise import. A row matches an existing point by enterprise credit code + 风险点名称;
 * onExisting says whether such a row updates it or is skipped.
 */
export const RiskImportOptions = z.object({
  mode: z
    .enum(IMPORT_MODES, { error: '导入方式应为 allOrNothing（有错误则全部不导入）或 validRows（只导入正确的行）' })
    .default('allOrNothing'),
  onExisting: z
    .enum(ON_EXISTING, { error: '已存在风险点的处理方式应为 update（更新）或 skip（跳过）' })
    .default('skip'),
  dryRun: z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', ''])])
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'on')
    .default(false),
});
export type RiskImportOptions = z.infer<typeof RiskImportOptions>;
export const RiskImportResult = ImportResult;
export const RiskJobAccepted = z.object({ job: JobView });
