// Work resumption confirmation (复工复产确认, DOMAIN.md §2.6; issue 14; seed 003 §五: 41 enterprises confirmed, each
// having done 一次全面的隐患排查治理 and 一次全体员工的安全生产培训 before resuming). An enterprise whose status is 停产 or
// 待复工 applies within a resumption season with the season's checklist; a supervisor or inspector confirms after an
// on-site check — the enterprise is 在营 again in the same transaction — or returns it with reasons, and the
// enterprise resubmits. The state machine below is the one both the server and the console use.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, optionalText, text } from './validators';

export const RESUMPTION_STATES = ['submitted', 'returned', 'confirmed'] as const;
export type ResumptionState = (typeof RESUMPTION_STATES)[number];
export const RESUMPTION_STATE_NAMES: Record<ResumptionState, string> = {
  submitted: '待确认',
  returned: '已退回',
  confirmed: '已确认复工',
};

export const RESUMPTION_ACTIONS = ['submit', 'return', 'resubmit', 'confirm'] as const;
export type ResumptionAction = (typeof RESUMPTION_ACTIONS)[number];
export const RESUMPTION_ACTION_NAMES: Record<ResumptionAction, string> = {
  submit: '提交申请',
  return: '退回',
  resubmit: '重新提交',
  confirm: '现场核查后确认复工',
};

/** from → action → to; null from is a new application. */
const TRANSITIONS: Record<Exclude<ResumptionAction, 'submit'>, { from: ResumptionState; to: ResumptionState }> = {
  return: { from: 'submitted', to: 'returned' },
  resubmit: { from: 'returned', to: 'submitted' },
  confirm: { from: 'submitted', to: 'confirmed' },
};

/** Who takes each step: the enterprise applies and resubmits; the committee (supervisor, inspector) decides. */
export const RESUMPTION_ACTORS: Record<ResumptionAction, readonly string[]> = {
  submit: ['enterprise', 'supervisor'],
  resubmit: ['enterprise', 'supervisor'],
  return: ['supervisor', 'inspector'],
  confirm: ['supervisor', 'inspector'],
};

/** The state an action leads to from a state, or null when the action is not allowed there. */
export function nextResumptionState(from: ResumptionState, action: ResumptionAction): ResumptionState | null {
  if (action === 'submit') return null;
  const t = TRANSITIONS[action];
  return t.from === from ? t.to : null;
}

/** The actions a role may take on an application in a state (the console shows these buttons). */
export function resumptionActions(state: ResumptionState, role: string): ResumptionAction[] {
  return (Object.keys(TRANSITIONS) as Exclude<ResumptionAction, 'submit'>[]).filter(
    (a) => TRANSITIONS[a].from === state && RESUMPTION_ACTORS[a].includes(role),
  );
}

/** Enterprise statuses that may apply: 停产 and 待复工 (an 在营 enterprise has nothing to resume). */
export const RESUMABLE_STATUSES = ['suspended', 'pendingResumption'] as const;

/** What an item's evidence links to: a self-inspection record, a training session of the enterprise, files. */
export const EVIDENCE_KINDS = ['inspection', 'training', 'none'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_NAMES: Record<EvidenceKind, string> = {
  inspection: '企业自查记录',
  training: '培训记录',
  none: '不需关联记录',
};

export const ChecklistItemDef = z.object({
  key: text()
    .trim()
    .regex(/^[a-zA-Z0-9-]{1,40}$/, '条目编号只能是字母、数字和连字符'),
  label: text({ error: '请填写条目内容' }).trim().min(2, '条目内容至少 2 个字').max(200),
  evidence: z.enum(EVIDENCE_KINDS, { error: '请选择佐证类型' }),
  required: z.boolean().default(true),
});
export type ChecklistItemDef = z.infer<typeof ChecklistItemDef>;

/** The seed's conditions (003 §五) plus plans and people in place; an admin edits them per season. */
export const DEFAULT_RESUMPTION_CHECKLIST: ChecklistItemDef[] = [
  { key: 'hazard-check', label: '复工复产前开展一次全面的隐患排查治理', evidence: 'inspection', required: true },
  { key: 'staff-training', label: '复工复产前开展一次全体员工安全生产培训教育', evidence: 'training', required: true },
  { key: 'plans-people', label: '应急预案完善，应急物资和救援人员到位', evidence: 'none', required: true },
  { key: 'key-posts', label: '主要负责人、安全管理人员和特种作业人员在岗', evidence: 'none', required: true },
  { key: 'equipment', label: '设备设施、安全防护装置复工前检查完好', evidence: 'none', required: false },
];

export const SeasonCreate = z.object({
  name: text({ error: '请填写批次名称' }).trim().min(2, '批次名称至少 2 个字').max(100),
  startsOn: isoDate,
  endsOn: isoDate,
  checklist: z.array(ChecklistItemDef).min(1, '检查清单至少 1 项').max(30, '检查清单最多 30 项').optional(),
});
export const SeasonUpdate = z.object({
  name: SeasonCreate.shape.name.optional(),
  endsOn: isoDate.optional(),
  checklist: z.array(ChecklistItemDef).min(1, '检查清单至少 1 项').max(30).optional(),
  rowVersion: z.number().int().min(1),
});

export const SeasonView = z.object({
  id: z.uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  checklist: z.array(ChecklistItemDef),
  counts: z.object({
    total: z.number().int(),
    confirmed: z.number().int(),
    pending: z.number().int(),
    returned: z.number().int(),
    /** Applications returned at least once before they were confirmed. */
    returnedBeforeConfirmed: z.number().int(),
  }),
  rowVersion: z.number().int(),
});
export type SeasonView = z.infer<typeof SeasonView>;

export const ChecklistAnswer = z.object({
  key: text().trim().max(40),
  done: z.boolean({ error: '请选择是否完成' }),
  note: optionalText(500),
  /** A linked record: the enterprise's self-inspection (kind inspection) or training session (kind training). */
  evidenceKind: z.enum(EVIDENCE_KINDS).default('none'),
  evidenceId: z
    .uuid({ error: '关联记录编号不正确' })
    .nullish()
    .transform((v) => v ?? null),
  fileIds: z.array(z.uuid()).max(6, '每项最多 6 个文件').default([]),
});
export type ChecklistAnswer = z.infer<typeof ChecklistAnswer>;

export const ResumptionApply = z.object({
  seasonId: z.uuid({ error: '请选择复工批次' }),
  /** Set by the server for an enterprise user; the committee names the enterprise when entering a paper application. */
  enterpriseId: z.uuid({ error: '请选择企业' }).optional(),
  plannedOn: isoDate,
  contactName: text({ error: '请填写联系人' }).trim().min(2, '联系人至少 2 个字').max(50),
  contactPhone: optionalText(30),
  workforce: z.number({ error: '复工人数应为整数' }).int('复工人数应为整数').min(0, '复工人数不能为负数').max(100000),
  checklist: z.array(ChecklistAnswer).max(30),
});
export type ResumptionApply = z.infer<typeof ResumptionApply>;

export const ResumptionResubmit = ResumptionApply.omit({ seasonId: true, enterpriseId: true }).extend({
  rowVersion: z.number().int().min(1),
});

export const ResumptionDecision = z.object({
  action: z.enum(['return', 'confirm'], { error: '未知的操作' }),
  /** The on-site check's date (required to confirm). */
  checkedOn: isoDate.nullish().transform((v) => v ?? null),
  /** Reasons to return; the on-site check's opinion to confirm. */
  opinion: optionalText(1000),
  rowVersion: z.number().int().min(1),
});
export type ResumptionDecision = z.infer<typeof ResumptionDecision>;

export const ResumptionEventView = z.object({
  action: z.enum(RESUMPTION_ACTIONS),
  from: z.enum(RESUMPTION_STATES).nullable(),
  to: z.enum(RESUMPTION_STATES),
  opinion: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});

export const ResumptionView = z.object({
  id: z.uuid(),
  serial: z.string(),
  seasonId: z.uuid(),
  seasonName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  enterpriseStatus: z.string(),
  /** The status the enterprise had when it applied (停产 / 待复工). */
  priorStatus: z.string(),
  state: z.enum(RESUMPTION_STATES),
  plannedOn: z.string(),
  contactName: z.string(),
  contactPhone: z.string().nullable(),
  workforce: z.number().int(),
  checklist: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      required: z.boolean(),
      done: z.boolean(),
      note: z.string().nullable(),
      evidenceKind: z.enum(EVIDENCE_KINDS),
      evidenceId: z.uuid().nullable(),
      evidenceLabel: z.string().nullable(),
      fileIds: z.array(z.uuid()),
    }),
  ),
  returns: z.number().int(),
  checkedOn: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  lastOpinion: z.string().nullable(),
  appliedAt: z.string(),
  rowVersion: z.number().int(),
});
export type ResumptionView = z.infer<typeof ResumptionView>;
export const ResumptionDetail = ResumptionView.extend({ events: z.array(ResumptionEventView) });
export type ResumptionDetail = z.infer<typeof ResumptionDetail>;

export const ResumptionFilters = z.object({
  q: optionalText(100),
  seasonId: z.uuid({ error: '批次编号格式不正确' }).optional(),
  state: z.enum(RESUMPTION_STATES, { error: '未知的状态' }).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  /** The on-site check's date (现场核查日期), both ends inclusive: the dashboard's 复工复产确认 opens these. */
  checkedFrom: isoDate.optional(),
  checkedTo: isoDate.optional(),
});
export const ResumptionListQuery = PageQuery.extend(ResumptionFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ResumptionPage = pageOf(ResumptionView);
