// Responsibility system (责任体系, DOMAIN.md §2.5): target-responsibility letters (安全生产目标管理责任书) signed on
// screen by every party each year, the annual assessment (年度考核) computed from the platform's records plus manual
// items, and commendations (嘉奖). Schemas, labels and the scoring rules shared by server and console.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { JobView } from './io';
import { isoDate, optionalText, text } from './validators';

// ------------------------------------------------------------------------------------------------------ versions

/** 部门版 (member departments) · 企业版 (enterprises) · 村居版 (villages). */
export const LETTER_VERSIONS = ['department', 'enterprise', 'village'] as const;
export type LetterVersion = (typeof LETTER_VERSIONS)[number];
export const LetterVersion = z.enum(LETTER_VERSIONS, { error: '请选择责任书版本' });

export const LETTER_VERSION_LABELS: Record<LetterVersion, { zh: string; en: string }> = {
  department: { zh: '部门版', en: 'Departments' },
  enterprise: { zh: '企业版', en: 'Enterprises' },
  village: { zh: '村居版', en: 'Villages' },
};

const year = z.coerce
  .number({ error: '请填写年度' })
  .int('年度须是整数')
  .min(2000, '年度须在 2000–2100 之间')
  .max(2100, '年度须在 2000–2100 之间');

// ------------------------------------------------------------------------------------------------------ templates

export const LetterArticle = z.object({
  title: text({ error: '请填写条款标题' }).trim().min(1, '请填写条款标题').max(100, '条款标题不能超过 100 个字'),
  body: text({ error: '请填写条款内容' }).trim().min(1, '请填写条款内容').max(4000, '条款内容不能超过 4000 个字'),
});
export type LetterArticle = z.infer<typeof LetterArticle>;

export const LetterIndicator = z.object({
  name: text({ error: '请填写指标名称' }).trim().min(1, '请填写指标名称').max(100, '指标名称不能超过 100 个字'),
  target: text({ error: '请填写目标值' }).trim().min(1, '请填写目标值').max(200, '目标值不能超过 200 个字'),
  weight: z.number({ error: '请填写权重' }).int('权重须是整数').min(1, '权重至少为 1').max(100, '权重不能超过 100'),
});
export type LetterIndicator = z.infer<typeof LetterIndicator>;

export const LetterContent = z
  .object({
    title: text({ error: '请填写标题' }).trim().min(2, '标题至少 2 个字').max(100, '标题不能超过 100 个字'),
    preamble: text({ error: '请填写引言' }).trim().max(2000, '引言不能超过 2000 个字'),
    articles: z.array(LetterArticle).min(1, '至少需要一条条款').max(50, '条款不能超过 50 条'),
    indicators: z.array(LetterIndicator).max(50, '指标不能超过 50 项'),
  })
  .superRefine((c, ctx) => {
    const sum = c.indicators.reduce((s, i) => s + i.weight, 0);
    if (c.indicators.length > 0 && sum !== 100) {
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: `指标权重合计须为 100（现为 ${sum}）` });
    }
  });
export type LetterContent = z.infer<typeof LetterContent>;

export const TemplateCreate = z.object({ year, version: LetterVersion, content: LetterContent });
export type TemplateCreate = z.infer<typeof TemplateCreate>;

export const TemplateUpdate = z.object({
  content: LetterContent,
  /** The revision the editor started from; a stale one is refused. */
  revision: z.number().int().min(1),
});
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

export const TemplateView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  version: LetterVersion,
  revision: z.number().int(),
  content: LetterContent,
  issued: z.number().int(),
  signed: z.number().int(),
  /** Signed of issued, in percent with one decimal; null before any letter is issued. */
  signingRate: z.number().nullable(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof TemplateView>;

export const TemplateListQuery = z.object({ year: year.optional() });
export const TemplateList = z.object({ items: z.array(TemplateView) });

/** Whom an issue reaches: every party of the version, or (enterprises only) those with tags, in an area, or listed. */
export const ISSUE_TARGETS = ['all', 'tags', 'area', 'list'] as const;
export const IssueBody = z
  .object({
    target: z.enum(ISSUE_TARGETS, { error: '请选择下达范围' }),
    tags: z.array(text().trim().min(1).max(50)).max(50).optional(),
    area: text().trim().max(50).optional(),
    enterpriseIds: z
      .array(z.uuid({ error: '企业编号格式不正确' }))
      .max(5000, '一次最多下达 5000 家企业')
      .optional(),
  })
  .superRefine((b, ctx) => {
    if (b.target === 'tags' && !b.tags?.length) ctx.addIssue({ code: 'custom', path: ['tags'], message: '请选择标签' });
    if (b.target === 'area' && !b.area) ctx.addIssue({ code: 'custom', path: ['area'], message: '请填写区域' });
    if (b.target === 'list' && !b.enterpriseIds?.length) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseIds'], message: '请选择企业' });
    }
  });
export type IssueBody = z.infer<typeof IssueBody>;
export const IssueResult = z.object({ issued: z.number().int(), alreadyIssued: z.number().int() });

// ------------------------------------------------------------------------------------------------------ letters

export const LetterView = z.object({
  id: z.uuid(),
  templateId: z.uuid(),
  year: z.number().int(),
  version: LetterVersion,
  partyId: z.uuid(),
  partyName: z.string(),
  revision: z.number().int(),
  /** The template's newest revision (a signed letter keeps the one it was signed at). */
  latestRevision: z.number().int(),
  content: LetterContent,
  issuedAt: z.string(),
  signedAt: z.string().nullable(),
  signerName: z.string().nullable(),
  /** The signer's address: shown to the committee only. */
  signerIp: z.string().nullable(),
  digest: z.string().nullable(),
  signatureUrl: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
});
export type LetterView = z.infer<typeof LetterView>;

export const LetterListQuery = PageQuery.extend({
  year: year.optional(),
  version: LetterVersion.optional(),
  templateId: z.uuid().optional(),
  signed: z.enum(['true', 'false']).optional(),
  q: text().trim().max(64).optional(),
});
export type LetterListQuery = z.infer<typeof LetterListQuery>;
export const LetterPage = pageOf(LetterView);

/** A PNG drawn on the signature pad, as a data URL. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
export const SignBody = z.object({
  signerName: text({ error: '请填写签署人姓名' })
    .trim()
    .min(2, '签署人姓名至少 2 个字')
    .max(50, '签署人姓名不能超过 50 个字'),
  signaturePng: text({ error: '请在签名板上签名' })
    .max(600_000, '签名图片过大')
    .regex(PNG_DATA_URL, '请在签名板上签名（PNG 图片）'),
});
export type SignBody = z.infer<typeof SignBody>;

export const VerifyResult = z.object({
  valid: z.boolean(),
  stored: z.string(),
  computed: z.string(),
  message: z.string(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const RemindResult = z.object({ reminded: z.number().int(), users: z.number().int() });

// ------------------------------------------------------------------------------------------------------ indicators

/**
 * The figures the assessment may compute, each provided by the module that owns the records (a registry on the
 * server). Keys without a provider are shown as 未接入, never as zero.
 */
export const INDICATOR_KEYS = [
  'rectificationRate',
  'overdueHazards',
  'majorHazardsFound',
  'majorHazardsClosed',
  'surveyCompleted',
  'riskPointsReviewed',
  'inspectionsReceived',
  'penalties',
  'accidents',
  'trainingHours',
  'drills',
  'meetingTasksOverdue',
  'fireServiceVisits',
  'fireServiceFindings',
  'fireServiceRectified',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export const IndicatorKey = z.enum(INDICATOR_KEYS, { error: '未知的考核指标' });

export const INDICATOR_LABELS: Record<IndicatorKey, { zh: string; unit: string }> = {
  rectificationRate: { zh: '隐患整改率', unit: '%' },
  overdueHazards: { zh: '逾期未整改隐患', unit: '条' },
  majorHazardsFound: { zh: '发现重大隐患', unit: '条' },
  majorHazardsClosed: { zh: '重大隐患销号', unit: '条' },
  surveyCompleted: { zh: '安全生产状况调查', unit: '' },
  riskPointsReviewed: { zh: '风险点按期复评', unit: '%' },
  inspectionsReceived: { zh: '接受检查', unit: '次' },
  penalties: { zh: '行政处罚', unit: '起' },
  accidents: { zh: '生产安全事故', unit: '起' },
  trainingHours: { zh: '培训学时', unit: '学时' },
  drills: { zh: '应急演练', unit: '次' },
  meetingTasksOverdue: { zh: '会议决定事项逾期未完成', unit: '项' },
  fireServiceVisits: { zh: '消防第三方服务检查', unit: '次' },
  fireServiceFindings: { zh: '消防服务发现问题', unit: '条' },
  fireServiceRectified: { zh: '消防服务问题整改销号', unit: '条' },
};

/** How a computed item turns its figure into points. */
export const SCORE_RULES = ['rate', 'deduct', 'perCount', 'done'] as const;
export type ScoreRule = (typeof SCORE_RULES)[number];
export const SCORE_RULE_LABELS: Record<ScoreRule, string> = {
  rate: '按比例（满分 × 百分比）',
  deduct: '每项扣分（满分起扣）',
  perCount: '每项得分（至满分）',
  done: '完成得满分',
};

export const RUBRIC_KINDS = ['computed', 'manual'] as const;
export const RubricItem = z
  .object({
    id: text()
      .trim()
      .regex(/^[a-z0-9-]{1,20}$/, '细则编号只能是小写字母、数字和连字符'),
    title: text({ error: '请填写考核内容' }).trim().min(2, '考核内容至少 2 个字').max(200, '考核内容不能超过 200 个字'),
    maxPoints: z.number({ error: '请填写分值' }).positive('分值须大于 0').max(100, '分值不能超过 100'),
    kind: z.enum(RUBRIC_KINDS, { error: '请选择计分方式' }),
    indicator: IndicatorKey.nullish(),
    rule: z.enum(SCORE_RULES, { error: '请选择计分规则' }).nullish(),
    /** Points per counted item (deduct / perCount). */
    points: z.number().positive('每项分值须大于 0').max(100).nullish(),
  })
  .superRefine((i, ctx) => {
    if (i.kind === 'computed' && !i.indicator) {
      ctx.addIssue({ code: 'custom', path: ['indicator'], message: '自动计算的细则须选择指标' });
    }
    if (i.kind === 'computed' && !i.rule) ctx.addIssue({ code: 'custom', path: ['rule'], message: '请选择计分规则' });
    if ((i.rule === 'deduct' || i.rule === 'perCount') && !i.points) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: '请填写每项分值' });
    }
  });
export type RubricItem = z.infer<typeof RubricItem>;

export const GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** The lowest total (in percent of the available points) of each grade; 不合格 below the 合格 line. */
export const GradeBands = z
  .object({
    excellent: z.number().min(0).max(100),
    good: z.number().min(0).max(100),
    pass: z.number().min(0).max(100),
  })
  .refine((b) => b.excellent > b.good && b.good > b.pass, {
    message: '等级分数线须依次递减（优秀 > 良好 > 合格）',
    path: ['excellent'],
  });
export type GradeBands = z.infer<typeof GradeBands>;
export const DEFAULT_GRADE_BANDS: GradeBands = { excellent: 90, good: 80, pass: 60 };

export function gradeOf(percent: number, bands: GradeBands): Grade {
  if (percent >= bands.excellent) return 'excellent';
  if (percent >= bands.good) return 'good';
  if (percent >= bands.pass) return 'pass';
  return 'fail';
}

/** A figure: value null with connected false is 未接入; connected with value null means nothing to count (e.g. no hazards). */
export interface Figure {
  connected: boolean;
  value: number | null;
  text: string;
  /** Where the records counted are listed (a console path). */
  link: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points of a computed item from its figure; null when the indicator is not connected (未接入). */
export function computedScore(item: RubricItem, figure: Figure): number | null {
  if (!figure.connected) return null;
  const max = item.maxPoints;
  const v = figure.value;
  switch (item.rule) {
    case 'rate':
      // Nothing to rectify earns the full points.
      return v == null ? max : round2(Math.min(max, (max * v) / 100));
    case 'deduct':
      return round2(Math.max(0, max - (item.points ?? 0) * (v ?? 0)));
    case 'perCount':
      return round2(Math.min(max, (item.points ?? 0) * (v ?? 0)));
    case 'done':
      return (v ?? 0) >= 1 ? max : 0;
    default:
      return null;
  }
}

/** Formats a rate in percent (one decimal) or a count with its unit — the one formatter of these figures. */
export function formatFigure(key: IndicatorKey, value: number | null): string {
  const unit = INDICATOR_LABELS[key].unit;
  if (value == null) return '—';
  if (key === 'surveyCompleted') return value >= 1 ? '已完成' : '未完成';
  return unit === '%' ? `${value.toFixed(1)}%` : `${value} ${unit}`;
}

export const NOT_CONNECTED = '未接入';
/** A computed item of an open round whose first snapshot is still being taken. */
export const SNAPSHOT_PENDING = '快照生成中';

// ------------------------------------------------------------------------------------------------------ rounds

/**
 * publishing (公布中): the committee published, scoring is closed and the final snapshot is being taken by a
 * background job, which freezes the results and sets published in one transaction.
 */
export const ROUND_STATUSES = ['draft', 'open', 'publishing', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  draft: '草稿',
  open: '考核中',
  publishing: '公布中',
  published: '已公布',
};

const rubric = z
  .array(RubricItem)
  .min(1, '至少需要一条考核细则')
  .max(60, '考核细则不能超过 60 条')
  .superRefine((items, ctx) => {
    const ids = new Set<string>();
    items.forEach((i, n) => {
      if (ids.has(i.id)) ctx.addIssue({ code: 'custom', path: [n, 'id'], message: `细则编号 ${i.id} 重复` });
      ids.add(i.id);
    });
    const sum = items.reduce((s, i) => s + i.maxPoints, 0);
    if (Math.abs(sum - 100) > 0.001) ctx.addIssue({ code: 'custom', message: `细则分值合计须为 100（现为 ${sum}）` });
  });

export const RoundCreate = z.object({
  year,
  version: LetterVersion,
  title: text({ error: '请填写考核名称' }).trim().min(2, '考核名称至少 2 个字').max(100, '考核名称不能超过 100 个字'),
  rubric,
  gradeBands: GradeBands,
});
export type RoundCreate = z.infer<typeof RoundCreate>;
export const RoundUpdate = RoundCreate.pick({ title: true, rubric: true, gradeBands: true });
export type RoundUpdate = z.infer<typeof RoundUpdate>;

export const RoundView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  version: LetterVersion,
  title: z.string(),
  status: z.enum(ROUND_STATUSES),
  rubric: z.array(RubricItem),
  gradeBands: GradeBands,
  parties: z.number().int(),
  openedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** When the computed figures of an open round were taken (数据截至); a published round's are frozen at publication. */
  figuresAt: z.string().nullable(),
  /** The round's snapshot or publication job while queued or running (快照生成中 with its progress), else null. */
  snapshotJob: JobView.nullable(),
});
export type RoundView = z.infer<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) });

export const FigureView = z.object({
  connected: z.boolean(),
  value: z.number().nullable(),
  text: z.string(),
  link: z.string().nullable(),
});

export const PartyItemView = z.object({
  itemId: z.string(),
  figure: FigureView.nullable(),
  selfText: z.string().nullable(),
  evidenceFileIds: z.array(z.uuid()),
  score: z.number().nullable(),
});
export const PartyResultView = z.object({
  partyId: z.uuid(),
  partyName: z.string(),
  enterpriseId: z.uuid().nullable(),
  items: z.array(PartyItemView),
  total: z.number(),
  /** The points of the items that count (未接入 items do not). */
  available: z.number(),
  percent: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  rank: z.number().int().nullable(),
  selfSubmittedAt: z.string().nullable(),
});
export type PartyResultView = z.infer<typeof PartyResultView>;
/** A page of the ranking (100,000 parties are never sent at once); q narrows by the party's name. */
export const RoundResultsQuery = PageQuery.extend({
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  q: text().trim().max(64).optional(),
});
export type RoundResultsQuery = z.infer<typeof RoundResultsQuery>;
export const RoundResults = z.object({
  round: RoundView,
  items: z.array(PartyResultView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RoundResults = z.infer<typeof RoundResults>;
/** 重新计算 of an open round's figures: the background job (one per round; a second click follows the running one). */
export const RoundRefreshAccepted = z.object({ job: JobView, alreadyRunning: z.boolean() });
export type RoundRefreshAccepted = z.infer<typeof RoundRefreshAccepted>;

export const SelfAssessBody = z.object({
  items: z
    .array(
      z.object({
        itemId: text().trim().min(1).max(20),
        text: text({ error: '请填写自评说明' }).trim().min(1, '请填写自评说明').max(2000, '自评说明不能超过 2000 个字'),
        fileIds: z
          .array(z.uuid({ error: '文件编号格式不正确' }))
          .max(10, '每项最多 10 个佐证文件')
          .default([]),
      }),
    )
    .min(1, '请至少自评一项')
    .max(60),
});
export type SelfAssessBody = z.infer<typeof SelfAssessBody>;

export const ScoreBody = z.object({
  partyId: z.uuid({ error: '请选择被考核单位' }),
  scores: z
    .array(
      z.object({
        itemId: text().trim().min(1).max(20),
        points: z.number({ error: '请填写得分' }).min(0, '得分不能为负'),
      }),
    )
    .min(1, '请至少评一项')
    .max(60),
});
export type ScoreBody = z.infer<typeof ScoreBody>;
export const PartyParams = z.object({ id: z.uuid(), partyId: z.uuid({ error: '单位编号格式不正确' }) });

// ------------------------------------------------------------------------------------------------------ commendations

export const COMMENDATION_KINDS = ['enterprise', 'individual'] as const;
export type CommendationKind = (typeof COMMENDATION_KINDS)[number];
export const COMMENDATION_KIND_LABELS: Record<CommendationKind, string> = {
  enterprise: '先进企业',
  individual: '先进个人',
};

export const CommendationCreate = z
  .object({
    year,
    kind: z.enum(COMMENDATION_KINDS, { error: '请选择嘉奖对象' }),
    enterpriseId: z.uuid({ error: '企业编号格式不正确' }).nullish(),
    personName: optionalText(50, '姓名不能超过 50 个字'),
    unitName: optionalText(100, '单位不能超过 100 个字'),
    honour: text({ error: '请填写荣誉称号' })
      .trim()
      .min(2, '荣誉称号至少 2 个字')
      .max(100, '荣誉称号不能超过 100 个字'),
    reason: text({ error: '请填写嘉奖事由' })
      .trim()
      .min(2, '嘉奖事由至少 2 个字')
      .max(1000, '嘉奖事由不能超过 1000 个字'),
    awardedOn: isoDate,
    roundId: z.uuid().nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'enterprise' && !c.enterpriseId) {
      ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择受嘉奖的企业' });
    }
    if (c.kind === 'individual' && !c.personName) {
      ctx.addIssue({ code: 'custom', path: ['personName'], message: '请填写受嘉奖人姓名' });
    }
    if (c.kind === 'individual' && !c.unitName && !c.enterpriseId) {
      ctx.addIssue({ code: 'custom', path: ['unitName'], message: '请填写受嘉奖人所在单位' });
    }
  });
export type CommendationCreate = z.infer<typeof CommendationCreate>;

export const CommendationView = z.object({
  id: z.uuid(),
  number: z.string(),
  year: z.number().int(),
  kind: z.enum(COMMENDATION_KINDS),
  enterpriseId: z.uuid().nullable(),
  personName: z.string().nullable(),
  unitName: z.string(),
  honour: z.string(),
  reason: z.string(),
  awardedOn: z.string(),
  roundId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type CommendationView = z.infer<typeof CommendationView>;
export const CommendationListQuery = PageQuery.extend({
  year: year.optional(),
  kind: z.enum(COMMENDATION_KINDS).optional(),
});
export const CommendationPage = pageOf(CommendationView);

// ------------------------------------------------------------------------------------------------------ defaults

/** The rubric a new round starts from (the supervisor edits it before opening the round). */
export function defaultRubric(version: LetterVersion): RubricItem[] {
  if (version !== 'enterprise') {
    return [
      { id: 'm1', title: '安全生产责任制落实、责任书签订与分解', maxPoints: 30, kind: 'manual' },
      { id: 'm2', title: '组织开展安全检查和隐患排查', maxPoints: 30, kind: 'manual' },
      { id: 'm3', title: '安全生产宣传教育与培训', maxPoints: 20, kind: 'manual' },
      { id: 'm4', title: '配合管委会开展联合执法与专项整治', maxPoints: 20, kind: 'manual' },
    ];
  }
  return [
    { id: 'c1', title: '隐患整改率', maxPoints: 20, kind: 'computed', indicator: 'rectificationRate', rule: 'rate' },
    {
      id: 'c2',
      title: '整改逾期（每条扣 2 分）',
      maxPoints: 10,
      kind: 'computed',
      indicator: 'overdueHazards',
      rule: 'deduct',
      points: 2,
    },
    {
      id: 'c3',
      title: '发现重大隐患（每条扣 5 分）',
      maxPoints: 10,
      kind: 'computed',
      indicator: 'majorHazardsFound',
      rule: 'deduct',
      points: 5,
    },
    {
      id: 'c4',
      title: '完成安全生产状况调查',
      maxPoints: 5,
      kind: 'computed',
      indicator: 'surveyCompleted',
      rule: 'done',
    },
    {
      id: 'c5',
      title: '配合接受监督检查（每次 2 分）',
      maxPoints: 5,
      kind: 'computed',
      indicator: 'inspectionsReceived',
      rule: 'perCount',
      points: 2,
    },
    {
      id: 'c6',
      title: '行政处罚（每起扣 5 分）',
      maxPoints: 10,
      kind: 'computed',
      indicator: 'penalties',
      rule: 'deduct',
      points: 5,
    },
    {
      id: 'c7',
      title: '生产安全事故（每起扣 10 分）',
      maxPoints: 10,
      kind: 'computed',
      indicator: 'accidents',
      rule: 'deduct',
      points: 10,
    },
    {
      id: 'c8',
      title: '安全培训学时（每学时 1 分）',
      maxPoints: 5,
      kind: 'computed',
      indicator: 'trainingHours',
      rule: 'perCount',
      points: 1,
    },
    {
      id: 'c9',
      title: '应急演练（每次 2.5 分）',
      maxPoints: 5,
      kind: 'computed',
      indicator: 'drills',
      rule: 'perCount',
      points: 2.5,
    },
    { id: 'm1', title: '安全生产责任制与管理制度落实', maxPoints: 10, kind: 'manual' },
    { id: 'm2', title: '安全生产标准化建设', maxPoints: 10, kind: 'manual' },
  ];
}

/** The articles a new template starts from, after the seed's 部门版 / 企业版 / 村居版 letters. */
export function defaultLetterContent(year: number, version: LetterVersion): LetterContent {
  const v = LETTER_VERSION_LABELS[version].zh;
  const party = version === 'enterprise' ? '企业' : version === 'department' ? '成员单位' : '村（居）';
  const articles: LetterArticle[] =
    version === 'enterprise'
      ? [
          {
            title: '第一条 责任目标',
            body: '全年不发生较大及以上生产安全事故，一般事故起数和死亡人数得到有效控制；一般隐患整改率达到 95% 以上，重大隐患按期整改销号率 100%。',
          },
          {
            title: '第二条 主体责任',
            body: '乙方主要负责人是本单位安全生产第一责任人，建立健全全员安全生产责任制，保证安全投入，组织制定并实施安全生产规章制度和操作规程。',
          },
          {
            title: '第三条 隐患排查治理',
            body: '建立隐患自查自改自报制度，按期完成管委会下达的隐患整改，如实填报安全生产状况调查。',
          },
          {
            title: '第四条 教育培训与应急',
            body: '主要负责人和安全管理人员按规定参加培训，全员安全教育培训率 100%；每年至少组织一次应急演练。',
          },
          {
            title: '第五条 考核与奖惩',
            body: '甲方年终按本责任书和年度考核细则对乙方进行考核，考核结果与评先评优、分级分类监管挂钩。',
          },
        ]
      : [
          {
            title: '第一条 责任目标',
            body: `辖区内不发生较大及以上生产安全事故，${party}职责范围内安全生产工作有力有序。`,
          },
          {
            title: '第二条 工作职责',
            body: `按照“管行业必须管安全、管业务必须管安全”的要求，${party}负责职责范围内的安全生产监督管理，参与管委会组织的联合检查和专项整治。`,
          },
          { title: '第三条 考核与奖惩', body: '甲方年终按本责任书和年度考核细则进行考核，考核结果予以通报。' },
        ];
  return {
    title: `${year}年度安全生产目标管理责任书（${v}）`,
    preamble: `为认真贯彻落实安全生产法律法规，进一步明确各${party}安全生产职责，层层分解落实目标责任，经甲乙双方协商，签订本责任书。`,
    articles,
    indicators:
      version === 'enterprise'
        ? [
            { name: '生产安全事故', target: '较大及以上事故为零', weight: 40 },
            { name: '隐患整改率', target: '≥95%', weight: 30 },
            { name: '全员安全培训率', target: '100%', weight: 15 },
            { name: '应急演练', target: '每年不少于 1 次', weight: 15 },
          ]
        : [
            { name: '生产安全事故', target: '较大及以上事故为零', weight: 50 },
            { name: '联合检查参与率', target: '100%', weight: 50 },
          ],
  };
}
