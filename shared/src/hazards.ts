// Hazard investigation and governance (隐患排查治理): the closed rectification loop of DOMAIN.md §2.3.
// The state machine lives here, pure, so the server enforces it and the web shows only the actions it allows.
import type { Role } from './roles';

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
