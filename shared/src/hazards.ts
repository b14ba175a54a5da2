// Hazard investigation and governance (隐患排查治理): the closed rectification loop of DOMAIN.md §2.3.
// The state machine lives here, pure, so the server enforces it and the web shows only the actions it allows.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import type { Role } from './roles';
import { isoDate, optionalText, text } from './validators';

export const HAZARD_STATUSES = ['assigned', 'rectifying', 'submitted', 'closed'] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];

export const HAZARD_GRADES = ['general', 'major'] as const;
export type HazardGrade = (typeof HAZARD_GRADES)[number];

export const HAZARD_CATEGORIES = ['unsafeAct', 'unsafeCondition', 'managementDefect', 'environment'] as const;
export const HAZARD_SOURCES = [
  'routine',
  'comprehensive',
  'specialised',
  'seasonal',
  'holiday',
  'accidentAnalogy',
  'resumption',
  'externalExpert',
  'controlFailure',
  'other',
] as const;
export const HAZARD_DOMAINS = ['production', 'fire', 'food'] as const;

export const HAZARD_ACTIONS = [
  'start', // 待整改 → 整改中 (major: the 五落实 plan must be complete)
  'submit', // 整改中 → 待复查, with after-photos
  'recheckPass', // 待复查 → 已销号
  'recheckFail', // 待复查 → 整改中, reason required
] as const;
export type HazardAction = (typeof HAZARD_ACTIONS)[number];

interface Transition {
  from: HazardStatus;
  to: HazardStatus;
  roles: readonly Role[];
  needsReason?: boolean;
  needsEvidence?: boolean;
}

export const TRANSITIONS: Record<HazardAction, Transition> = {
  start: { from: 'assigned', to: 'rectifying', roles: ['enterprise', 'supervisor', 'admin'] },
  submit: { from: 'rectifying', to: 'submitted', roles: ['enterprise', 'supervisor', 'admin'], needsEvidence: true },
  recheckPass: { from: 'submitted', to: 'closed', roles: ['inspector', 'supervisor', 'admin'] },
  recheckFail: { from: 'submitted', to: 'rectifying', roles: ['inspector', 'supervisor', 'admin'], needsReason: true },
};

/** 五落实: the five items a major hazard's rectification plan must have before work starts. */
export const PLAN_ITEMS = ['responsibility', 'measures', 'funds', 'timeLimit', 'emergencyPlan'] as const;
export type PlanItem = (typeof PLAN_ITEMS)[number];

/** Which 五落实 items a plan has filled in (blank text does not count). */
export const planItemsOf = (plan: Partial<Record<PlanItem, string | null | undefined>>): PlanItem[] =>
  PLAN_ITEMS.filter((k) => Boolean(plan[k]?.trim()));

export interface HazardState {
  status: HazardStatus;
  grade: HazardGrade;
  /** Which of the five plan items are filled (major hazards only). */
  planItems: readonly PlanItem[];
}

/**
 * Days the office has to re-check a submission before it is 复查超时, unless the park sets its own (hazard settings).
 * Calendar days: the platform has no holiday calendar to count working days by (调休 moves them every year); five
 * calendar days hold three working days across any weekend.
 */
export const DEFAULT_RECHECK_DAYS = 5;
export const MAX_RECHECK_DAYS = 60;

export type TransitionRefusal =
  | { code: 'HAZARD_ILLEGAL_TRANSITION'; message: string }
  | { code: 'HAZARD_ROLE_NOT_ALLOWED'; message: string }
  | { code: 'HAZARD_PLAN_INCOMPLETE'; message: string; missing: PlanItem[] }
  | { code: 'HAZARD_REASON_REQUIRED'; message: string }
  | { code: 'HAZARD_EVIDENCE_REQUIRED'; message: string };

export const STATUS_NAMES: Record<HazardStatus, string> = {
  assigned: '待整改',
  rectifying: '整改中',
  submitted: '待复查',
  closed: '已销号',
};
export const ACTION_NAMES: Record<HazardAction, string> = {
  start: '开始整改',
  submit: '提交复查',
  recheckPass: '复查通过（销号）',
  recheckFail: '复查不通过',
};
export const PLAN_ITEM_NAMES: Record<PlanItem, string> = {
  responsibility: '责任',
  measures: '措施',
  funds: '资金',
  timeLimit: '时限',
  emergencyPlan: '预案',
};

/** null when the action is allowed; otherwise why not, in Chinese. */
export function refuseTransition(
  state: HazardState,
  action: HazardAction,
  role: Role,
  input: { reason?: string | null; evidenceCount?: number; backfill?: boolean },
): TransitionRefusal | null {
  const t = TRANSITIONS[action];
  // The role first: a role that may never take this action learns nothing about the hazard's state.
  if (!t.roles.includes(role)) {
    return { code: 'HAZARD_ROLE_NOT_ALLOWED', message: `当前角色不能执行「${ACTION_NAMES[action]}」` };
  }
  if (state.status !== t.from) {
    return {
      code: 'HAZARD_ILLEGAL_TRANSITION',
      message: `隐患当前为「${STATUS_NAMES[state.status]}」，不能执行「${ACTION_NAMES[action]}」`,
    };
  }
  if (action === 'start' && state.grade === 'major') {
    const missing = PLAN_ITEMS.filter((i) => !state.planItems.includes(i));
    if (missing.length > 0) {
      return {
        code: 'HAZARD_PLAN_INCOMPLETE',
        message: `重大事故隐患须先落实整改方案的「五落实」，尚缺：${missing.map((m) => PLAN_ITEM_NAMES[m]).join('、')}`,
        missing,
      };
    }
  }
  if (t.needsReason && !input.reason?.trim()) {
    return { code: 'HAZARD_REASON_REQUIRED', message: '请填写复查不通过的原因' };
  }
  // A back-filled (补录) submission from a paper ledger may have no photos to upload; its reason says where it came from.
  if (t.needsEvidence && !input.backfill && !(input.evidenceCount && input.evidenceCount > 0)) {
    return { code: 'HAZARD_EVIDENCE_REQUIRED', message: '提交复查须上传整改后照片' };
  }
  return null;
}

/** The actions a role may take now (for buttons); the server re-checks with refuseTransition. */
export function availableActions(state: HazardState, role: Role): HazardAction[] {
  return HAZARD_ACTIONS.filter((a) => TRANSITIONS[a].from === state.status && TRANSITIONS[a].roles.includes(role));
}

/** Not yet submitted for re-check: the enterprise's part of the loop (整改逾期 can only happen here). */
export const RECTIFYING_STATUSES: readonly HazardStatus[] = ['assigned', 'rectifying'];

/**
 * 整改逾期 (the enterprise's), derived, never stored: the deadline (Asia/Shanghai date) passed and the hazard is not yet
 * submitted. A submitted hazard waits on the office, whatever its deadline: see isRecheckOverdue.
 */
export function isOverdue(status: HazardStatus, deadline: string | null, today: string): boolean {
  return RECTIFYING_STATUSES.includes(status) && deadline !== null && deadline < today;
}

/** The last day the office has to re-check a submission made on submittedOn. */
export function recheckDueOn(submittedOn: string, days: number): string {
  const d = new Date(`${submittedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 复查超时 (the office's), derived: submitted, and not re-checked within the park's allowed days of the submission. */
export function isRecheckOverdue(
  status: HazardStatus,
  submittedOn: string | null,
  today: string,
  days: number,
): boolean {
  return status === 'submitted' && submittedOn !== null && recheckDueOn(submittedOn, days) < today;
}

// ---------------------------------------------------------------------------------------------- API schemas

export const STOPPAGES = ['none', 'partial', 'full'] as const;

/**
 * 补录 (back-fill) of a hazard registered from past records (supervisors only): its deadline may be in the past, and
 * the reason is kept on the record. The date it happened is the hazard's found date.
 */
export const BackfillCreate = z.object({
  reason: text({ error: '请填写补录原因' }).trim().min(4, '补录原因至少 4 个字').max(500),
});
/**
 * 补录 of one step: the day it happened (not in the future, not before the hazard was found nor before its previous
 * step) and why it is entered now. The step keeps both that day and the time it was recorded.
 */
export const Backfill = BackfillCreate.extend({
  occurredOn: isoDate,
});
export type Backfill = z.infer<typeof Backfill>;
const backfill = Backfill.nullish().transform((v) => v ?? null);

export const HazardCreate = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }),
  inspectionId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  campaignId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  description: text({ error: '请描述隐患' }).trim().min(4, '隐患描述至少 4 个字').max(1000),
  location: optionalText(200),
  domain: z.enum(HAZARD_DOMAINS).default('production'),
  category: z.enum(HAZARD_CATEGORIES, { error: '请选择隐患类别' }),
  source: z.enum(HAZARD_SOURCES, { error: '请选择排查类型' }),
  /** A criterion of the library makes the hazard 重大; without one it is 一般 unless grade says major. */
  criterionCode: text()
    .trim()
    .max(40)
    .nullish()
    .transform((v) => v || null),
  grade: z.enum(HAZARD_GRADES).default('general'),
  basis: optionalText(500),
  requirement: optionalText(1000),
  deadline: isoDate.nullish().transform((v) => v ?? null),
  responsiblePerson: optionalText(50),
  foundOn: isoDate.optional(),
  beforePhotoIds: z.array(z.uuid()).max(12, '最多 12 张照片').default([]),
  /** 即查即改: fixed on the spot, recorded straight to 已销号 with evidence. */
  fixedOnSpot: z.boolean().default(false),
  afterPhotoIds: z.array(z.uuid()).max(12).default([]),
  /** The risk point whose control measures failed (usually with source controlFailure 管控措施失效). */
  riskPointId: z
    .uuid({ error: '风险点编号不正确' })
    .nullish()
    .transform((v) => v ?? null),
  /** 补录: registered from past records (a past deadline is then allowed). */
  backfill: BackfillCreate.nullish().transform((v) => v ?? null),
});
export type HazardCreate = z.infer<typeof HazardCreate>;

export const HazardTransitionBody = z.object({
  action: z.enum(HAZARD_ACTIONS, { error: '未知的操作' }),
  reason: optionalText(1000),
  evidenceIds: z.array(z.uuid()).max(12).default([]),
  backfill,
});

/** Items left out stay as they are; an empty string clears one. */
export const HazardPlanBody = z.object({
  responsibility: text().trim().max(500).optional(),
  measures: text().trim().max(2000).optional(),
  funds: text().trim().max(200).optional(),
  timeLimit: text().trim().max(200).optional(),
  emergencyPlan: text().trim().max(1000).optional(),
  backfill,
});

export const ExtensionRequestBody = z.object({
  requestedDeadline: isoDate,
  reason: text({ error: '请填写延期理由' }).trim().min(4, '延期理由至少 4 个字').max(1000),
  backfill,
});
export const ExtensionDecisionBody = z.object({
  approve: z.boolean(),
  reason: optionalText(1000),
  backfill,
});

export const ListingBody = z.object({
  level: z.enum(['province', 'city', 'district', 'park'], { error: '请选择督办级别' }),
  unit: text({ error: '请填写督办单位' }).trim().min(2, '请填写督办单位').max(100),
  listedOn: isoDate,
  /** 督办文号 (e.g. 安委办督〔2026〕3号). */
  documentNo: optionalText(100),
  reason: optionalText(1000),
  backfill,
});
/** 摘牌 takes no facts of its own; a back-filled one says when it happened. */
export const DelistingBody = z.object({ backfill }).default({ backfill: null });
export const DowngradeBody = z.object({ reason: text().trim().min(4, '降级理由至少 4 个字').max(1000), backfill });
export const StoppageBody = z.object({
  stoppage: z.enum(STOPPAGES),
  /** The unit that ordered it, why, and the order's number (责令停产停业整顿指令书文号). */
  unit: optionalText(100),
  reason: optionalText(1000),
  documentNo: optionalText(100),
  backfill,
});

export const HazardEventView = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  evidence: z.array(z.string()),
  /** What a listing or stoppage decided (level, unit, document number…); null for other actions. */
  detail: z.record(z.string(), z.string().nullable()).nullable(),
  actorName: z.string().nullable(),
  /** When the step happened (the same as occurredAt; kept for readers of the first API). */
  at: z.string(),
  occurredAt: z.string(),
  /** When it was entered; later than occurredAt for a back-filled (补录) step. */
  recordedAt: z.string(),
  /** Why it was back-filled; null for a step recorded as it happened. */
  backfillReason: z.string().nullable(),
});

export const ExtensionView = z.object({
  id: z.uuid(),
  requestedDeadline: z.string(),
  previousDeadline: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'refused']),
  decisionReason: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const HazardView = z.object({
  id: z.uuid(),
  serial: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  inspectionId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  description: z.string(),
  location: z.string().nullable(),
  domain: z.enum(HAZARD_DOMAINS),
  category: z.enum(HAZARD_CATEGORIES),
  source: z.enum(HAZARD_SOURCES),
  grade: z.enum(HAZARD_GRADES),
  criterion: z
    .object({ id: z.uuid(), code: z.string(), version: z.number().int(), item: z.string(), verified: z.boolean() })
    .nullable(),
  downgradeReason: z.string().nullable(),
  basis: z.string().nullable(),
  requirement: z.string().nullable(),
  deadline: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
  status: z.enum(HAZARD_STATUSES),
  /** 整改逾期: the deadline passed before the enterprise submitted (derived at read time). */
  overdue: z.boolean(),
  /** Day of the latest submission for re-check, and the last day the office has to re-check it (待复查 only). */
  submittedOn: z.string().nullable(),
  recheckDueOn: z.string().nullable(),
  /** 复查超时: submitted and not re-checked within the park's allowed days (derived at read time). */
  recheckOverdue: z.boolean(),
  fixedOnSpot: z.boolean(),
  stoppage: z.enum(STOPPAGES),
  plan: z.record(z.string(), z.string().nullable().optional()),
  planComplete: z.boolean(),
  listing: z
    .object({
      level: z.string(),
      unit: z.string(),
      listedOn: z.string(),
      delistedOn: z.string().nullish(),
      documentNo: z.string().nullish(),
      reason: z.string().nullish(),
    })
    .nullable(),
  /** Who ordered the current stoppage, why, the order's number and since when; null when not stopped. */
  stoppageDetail: z
    .object({
      unit: z.string().nullable(),
      reason: z.string().nullable(),
      documentNo: z.string().nullable(),
      since: z.string(),
    })
    .nullable(),
  foundOn: z.string(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  riskPointId: z.uuid().nullable().optional(),
  riskPointName: z.string().nullable().optional(),
  /** 检查行动, 片区 (the enterprise's area), and the latest re-check's 复查人 and 复查日期 (ledger columns). */
  campaignName: z.string().nullable().optional(),
  area: z.string().nullable().optional(),
  recheckedBy: z.string().nullable().optional(),
  recheckedOn: z.string().nullable().optional(),
});
export type HazardView = z.infer<typeof HazardView>;

export const HazardDetail = HazardView.extend({
  events: z.array(HazardEventView),
  extensions: z.array(ExtensionView),
  actions: z.array(z.enum(HAZARD_ACTIONS)),
});

export const HazardListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  status: z.enum(HAZARD_STATUSES).optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  domain: z.enum(HAZARD_DOMAINS).optional(),
  category: z.enum(HAZARD_CATEGORIES).optional(),
  source: z.enum(HAZARD_SOURCES).optional(),
  enterpriseId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  riskPointId: z.uuid().optional(),
  area: text().trim().max(50).optional(),
  /** Enterprises carrying this key-supervision tag (重点监管标签). */
  supervisionTag: text().trim().max(40).optional(),
  /** Found by a third-party fire service visit (消防第三方服务), optionally of a contract, a visit, a problem kind. */
  fireService: z.enum(['true']).optional(),
  fireServiceContractId: z.uuid().optional(),
  fireServiceVisitId: z.uuid().optional(),
  fireProblem: text().trim().max(40).optional(),
  /** The enterprise's key-supervision tag (重点监管标签): the dashboard's hazards by tag open the ledger with it. */
  tag: z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' }).optional(),
  /** 未销号 (any status but closed) — the enterprise record's open hazards. */
  open: z.enum(['true', 'false']).optional(),
  /** 整改逾期 (not yet submitted, deadline passed). */
  overdue: z.enum(['true', 'false']).optional(),
  /** 复查超时 (submitted, not re-checked within the park's allowed days). */
  recheckOverdue: z.enum(['true', 'false']).optional(),
  listed: z.enum(['true', 'false']).optional(),
  foundFrom: isoDate.optional(),
  foundTo: isoDate.optional(),
  /** Closed (销号) on these days, by when it happened (a back-filled closing counts on its own day). */
  closedFrom: isoDate.optional(),
  closedTo: isoDate.optional(),
  sort: z.enum(['foundOn', 'deadline', 'serial']).default('foundOn'),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });
/**
 * total is exact when the counters answer the filters (status, grade, listed, enterprise, campaign, area); other
 * filters count at most 10,000 rows (totalCapped: true) so ledger pages stay fast at millions of rows; /counts is exact.
 */
export const HazardPage = pageOf(HazardView).extend({ totalCapped: z.boolean() });

export const HazardCounts = z.object({
  byStatus: z.array(z.object({ key: z.string(), count: z.number().int() })),
  byGrade: z.array(z.object({ key: z.string(), count: z.number().int() })),
  /** 整改逾期 (the enterprise's). */
  overdue: z.number().int(),
  /** 复查超时 (the office's). */
  recheckOverdue: z.number().int(),
  listed: z.number().int(),
  total: z.number().int(),
});

/** The park's hazard settings: the days the office has to re-check a submission. */
export const HazardSettings = z.object({
  recheckDays: z.number().int(),
  isDefault: z.boolean(),
  defaultRecheckDays: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export const HazardSettingsBody = z.object({
  recheckDays: z
    .number({ error: '请填写复查时限（天）' })
    .int('复查时限须为整数天')
    .min(1, '复查时限至少 1 天')
    .max(MAX_RECHECK_DAYS, `复查时限最多 ${MAX_RECHECK_DAYS} 天`),
});

/**
 * Figures of a period, by when things happened (a back-filled step counts on its own day): hazards found (处), closed
 * (销号), the rectification rate (of the hazards found in the period, the share closed by its end, in percent with
 * one decimal), and 整改逾期 / 复查超时 as they stood at the end of the period.
 */
export const HazardPeriodQuery = z
  .object({
    /** Default: 1 January of this year (Asia/Shanghai). */
    from: isoDate.optional(),
    /** Default: today. */
    to: isoDate.optional(),
    enterpriseId: z.uuid().optional(),
    campaignId: z.uuid().optional(),
    area: text().trim().max(50).optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export const HazardPeriodStats = z.object({
  from: z.string(),
  to: z.string(),
  found: z.number().int(),
  closed: z.number().int(),
  foundClosed: z.number().int(),
  rectificationRate: z.number(),
  overdueAtEnd: z.number().int(),
  recheckOverdueAtEnd: z.number().int(),
});
