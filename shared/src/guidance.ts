// Guidance visits and talks (指导服务 / 谈心谈话, DOMAIN.md §2.6; issue 14; seeds 003 §五 the guidance to the
// medical-supplies producer, 000 §四 talks with the actual controllers of key enterprises): date, people on both sides,
// topics, the commitments the enterprise made, and follow-ups with due dates (not before the talk) whose 逾期 is
// derived from today, never stored.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, optionalText, text } from './validators';

export const GUIDANCE_KINDS = ['guidance', 'talk'] as const;
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];
export const GUIDANCE_KIND_NAMES: Record<GuidanceKind, string> = { guidance: '指导服务', talk: '谈心谈话' };

/** Whom the committee talked with. */
export const COUNTERPART_ROLES = ['actualController', 'principal', 'safetyManager', 'other'] as const;
export const COUNTERPART_ROLE_NAMES: Record<(typeof COUNTERPART_ROLES)[number], string> = {
  actualController: '实际控制人',
  principal: '主要负责人',
  safetyManager: '安全管理人员',
  other: '其他人员',
};

export const FOLLOW_UP_STATES = ['open', 'done', 'overdue'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_STATE_NAMES: Record<FollowUpState, string> = {
  open: '跟进中',
  done: '已完成',
  overdue: '已逾期',
};

/** Derived: done when done; overdue when the due date has passed; open otherwise. */
export function followUpState(f: { dueOn: string; doneOn: string | null }, today: string): FollowUpState {
  if (f.doneOn) return 'done';
  return f.dueOn < today ? 'overdue' : 'open';
}

export const FollowUpInput = z.object({
  content: text({ error: '请填写跟进事项' }).trim().min(2, '跟进事项至少 2 个字').max(500),
  dueOn: isoDate,
  owner: optionalText(50),
});

export const GuidanceCreate = z.object({
  kind: z.enum(GUIDANCE_KINDS, { error: '请选择类型' }),
  enterpriseId: z.uuid({ error: '请选择企业' }),
  heldOn: isoDate,
  /** The committee's people (and experts) who went. */
  staff: text({ error: '请填写参加人员' }).trim().min(2, '参加人员至少 2 个字').max(300),
  counterpartName: text({ error: '请填写谈话/接受指导的人员' }).trim().min(2, '人员姓名至少 2 个字').max(50),
  counterpartRole: z.enum(COUNTERPART_ROLES, { error: '请选择人员身份' }),
  topics: text({ error: '请填写主要内容' }).trim().min(4, '主要内容至少 4 个字').max(2000),
  commitments: optionalText(2000),
  photoIds: z.array(z.uuid()).max(12, '最多 12 张照片').default([]),
  followUps: z.array(FollowUpInput).max(20, '跟进事项最多 20 条').default([]),
});
export type GuidanceCreate = z.infer<typeof GuidanceCreate>;

export const FollowUpAdd = FollowUpInput;
export const FollowUpDone = z.object({
  doneOn: isoDate,
  result: optionalText(500),
});

export const FollowUpView = z.object({
  id: z.uuid(),
  content: z.string(),
  dueOn: z.string(),
  owner: z.string().nullable(),
  doneOn: z.string().nullable(),
  result: z.string().nullable(),
  state: z.enum(FOLLOW_UP_STATES),
});
export type FollowUpView = z.infer<typeof FollowUpView>;

export const GuidanceView = z.object({
  id: z.uuid(),
  serial: z.string(),
  kind: z.enum(GUIDANCE_KINDS),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  heldOn: z.string(),
  staff: z.string(),
  counterpartName: z.string(),
  counterpartRole: z.enum(COUNTERPART_ROLES),
  topics: z.string(),
  commitments: z.string().nullable(),
  photoIds: z.array(z.uuid()),
  followUps: z.array(FollowUpView),
  openFollowUps: z.number().int(),
  overdueFollowUps: z.number().int(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type GuidanceView = z.infer<typeof GuidanceView>;

export const GuidanceFilters = z.object({
  q: optionalText(100),
  kind: z.enum(GUIDANCE_KINDS, { error: '未知的类型' }).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  followUp: z.enum(FOLLOW_UP_STATES, { error: '未知的跟进状态' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const GuidanceListQuery = PageQuery.extend(GuidanceFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const GuidancePage = pageOf(GuidanceView);

export const GuidanceFigures = z.object({
  year: z.number().int(),
  guidance: z.number().int(),
  talks: z.number().int(),
  enterprises: z.number().int(),
  followUps: z.number().int(),
  followUpsDone: z.number().int(),
  followUpsOverdue: z.number().int(),
});
