// Hazard investigation and governance (隐患排查治理): the closed rectification loop of DOMAIN.md §2.3.
// The state machine lives here, pure, so the server enforces it and the web shows only the actions it allows.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import type { Role } from './roles';
import { isoDate, optionalText } from './validators';

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

export interface HazardState {
  status: HazardStatus;
  grade: HazardGrade;
  /** Which of the five plan items are filled (major hazards only). */
  planItems: readonly PlanItem[];
}

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
  input: { reason?: string | null; evidenceCount?: number },
): TransitionRefusal | null {
  const t = TRANSITIONS[action];
  if (state.status !== t.from) {
    return {
      code: 'HAZARD_ILLEGAL_TRANSITION',
      message: `隐患当前为「${STATUS_NAMES[state.status]}」，不能执行「${ACTION_NAMES[action]}」`,
    };
  }
  if (!t.roles.includes(role)) {
    return { code: 'HAZARD_ROLE_NOT_ALLOWED', message: `当前角色不能执行「${ACTION_NAMES[action]}」` };
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
  if (t.needsEvidence && !(input.evidenceCount && input.evidenceCount > 0)) {
    return { code: 'HAZARD_EVIDENCE_REQUIRED', message: '提交复查须上传整改后照片' };
  }
  return null;
}

/** The actions a role may take now (for buttons); the server re-checks with refuseTransition. */
export function availableActions(state: HazardState, role: Role): HazardAction[] {
  return HAZARD_ACTIONS.filter((a) => TRANSITIONS[a].from === state.status && TRANSITIONS[a].roles.includes(role));
}

/** Overdue is derived, never stored: deadline passed (Asia/Shanghai date) and not closed. */
export function isOverdue(status: HazardStatus, deadline: string | null, today: string): boolean {
  return status !== 'closed' && deadline !== null && deadline < today;
}

// ---------------------------------------------------------------------------------------------- API schemas

export const STOPPAGES = ['none', 'partial', 'full'] as const;

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
  description: z.string({ error: '请描述隐患' }).trim().min(4, '隐患描述至少 4 个字').max(1000),
  location: optionalText(200),
  domain: z.enum(HAZARD_DOMAINS).default('production'),
  category: z.enum(HAZARD_CATEGORIES, { error: '请选择隐患类别' }),
  source: z.enum(HAZARD_SOURCES, { error: '请选择排查类型' }),
  /** A criterion of the library makes the hazard 重大; without one it is 一般 unless grade says major. */
  criterionCode: z
    .string()
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
});
export type HazardCreate = z.infer<typeof HazardCreate>;

export const HazardTransitionBody = z.object({
  action: z.enum(HAZARD_ACTIONS, { error: '未知的操作' }),
  reason: optionalText(1000),
  evidenceIds: z.array(z.uuid()).max(12).default([]),
});

/** Items left out stay as they are; an empty string clears one. */
export const HazardPlanBody = z.object({
  responsibility: z.string().trim().max(500).optional(),
  measures: z.string().trim().max(2000).optional(),
  funds: z.string().trim().max(200).optional(),
  timeLimit: z.string().trim().max(200).optional(),
  emergencyPlan: z.string().trim().max(1000).optional(),
});

export const ExtensionRequestBody = z.object({
  requestedDeadline: isoDate,
  reason: z.string({ error: '请填写延期理由' }).trim().min(4, '延期理由至少 4 个字').max(1000),
});
export const ExtensionDecisionBody = z.object({
  approve: z.boolean(),
  reason: optionalText(1000),
});

export const ListingBody = z.object({
  level: z.enum(['province', 'city', 'district', 'park'], { error: '请选择督办级别' }),
  unit: z.string({ error: '请填写督办单位' }).trim().min(2, '请填写督办单位').max(100),
  listedOn: isoDate,
  /** 督办文号 (e.g. 安委办督〔2026〕3号). */
  documentNo: optionalText(100),
  reason: optionalText(1000),
});
export const DowngradeBody = z.object({ reason: z.string().trim().min(4, '降级理由至少 4 个字').max(1000) });
export const StoppageBody = z.object({
  stoppage: z.enum(STOPPAGES),
  /** The unit that ordered it, why, and the order's number (责令停产停业整顿指令书文号). */
  unit: optionalText(100),
  reason: optionalText(1000),
  documentNo: optionalText(100),
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
  at: z.string(),
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
  overdue: z.boolean(),
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
});
export type HazardView = z.infer<typeof HazardView>;

export const HazardDetail = HazardView.extend({
  events: z.array(HazardEventView),
  extensions: z.array(ExtensionView),
  actions: z.array(z.enum(HAZARD_ACTIONS)),
});

export const HazardListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  status: z.enum(HAZARD_STATUSES).optional(),
  grade: z.enum(HAZARD_GRADES).optional(),
  domain: z.enum(HAZARD_DOMAINS).optional(),
  category: z.enum(HAZARD_CATEGORIES).optional(),
  source: z.enum(HAZARD_SOURCES).optional(),
  enterpriseId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  riskPointId: z.uuid().optional(),
  area: z.string().trim().max(50).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  listed: z.enum(['true', 'false']).optional(),
  foundFrom: isoDate.optional(),
  foundTo: isoDate.optional(),
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
  overdue: z.number().int(),
  listed: z.number().int(),
  total: z.number().int(),
});
