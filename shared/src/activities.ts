// The committee's activities (issue 13, DOMAIN.md §2.6): publicity activities with the materials handed out, meetings
// and study whose decisions become tasks of their owner units, and the special-funds ledger (专项资金) that says what
// each payment paid for. Training is its own module.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { FileView } from './files';
import { isoDate, optionalText, text } from './validators';

const uuidList = (what: string, max: number) =>
  z
    .array(z.uuid({ error: `${what}编号格式不正确` }), { error: `${what}应为列表` })
    .max(max, `${what}最多 ${max} 个`)
    .default([]);

const count = (what: string) =>
  z
    .number({ error: `${what}应为整数` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(1_000_000, `${what}过大`);

/** Money in yuan: more than zero, at most two decimals. */
export const yuan = (what: string) =>
  z
    .number({ error: `${what}应为数字（元）` })
    .gt(0, `${what}应大于 0`)
    .max(1_000_000_000, `${what}过大`)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${what}最多保留两位小数`);

const dateRange = <T extends { startsOn?: string; endsOn?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) {
    ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '结束日期不能早于开始日期' });
  }
};

// ------------------------------------------------------------------------------------------------ publicity

export const PUBLICITY_KINDS = [
  'safetyMonth',
  'toEnterprises',
  'toVillages',
  'toCommunities',
  'toSchools',
  'toFamilies',
  'competition',
  'other',
] as const;
export type PublicityKind = (typeof PUBLICITY_KINDS)[number];
export const PUBLICITY_KIND_NAMES: Record<PublicityKind, string> = {
  safetyMonth: '安全生产月',
  toEnterprises: '宣传进企业',
  toVillages: '宣传进农村',
  toCommunities: '宣传进社区',
  toSchools: '宣传进学校',
  toFamilies: '宣传进家庭',
  competition: '知识竞赛',
  other: '其他宣传',
};

/** The built-in material kinds of the seed's 安全生产月; an admin adds more per park. */
export const BUILT_IN_MATERIAL_KINDS = [
  { name: '横幅', unit: '条' },
  { name: '挂图', unit: '张' },
  { name: '贴纸', unit: '张' },
  { name: '读本', unit: '本' },
  { name: '彩页', unit: '份' },
] as const;

export const MaterialKindView = z.object({ name: z.string(), unit: z.string(), builtIn: z.boolean() });
export type MaterialKindView = z.infer<typeof MaterialKindView>;
export const MaterialKindCreate = z.object({
  name: text({ error: '请填写物资名称' }).trim().min(1, '请填写物资名称').max(20, '物资名称不能超过 20 个字'),
  unit: text({ error: '请填写计量单位' }).trim().min(1, '请填写计量单位').max(6, '计量单位不能超过 6 个字'),
});

export const MaterialLine = z.object({
  kind: text({ error: '请选择宣传物资' }).trim().min(1, '请选择宣传物资').max(20),
  quantity: z
    .number({ error: '物资数量应为整数' })
    .int('物资数量应为整数')
    .min(0, '物资数量不能为负数')
    .gt(0, '物资数量应大于 0')
    .max(10_000_000, '物资数量过大'),
});

const publicityFields = {
  kind: z.enum(PUBLICITY_KINDS, { error: '请选择活动类型' }),
  theme: text({ error: '请填写活动主题' }).trim().min(2, '活动主题至少 2 个字').max(200, '活动主题不能超过 200 个字'),
  startsOn: isoDate,
  endsOn: isoDate,
  places: optionalText(500, '活动地点不能超过 500 个字'),
  organiser: optionalText(100, '组织单位不能超过 100 个字'),
  participants: count('参与人数').default(0),
  materials: z
    .array(MaterialLine, { error: '宣传物资应为列表' })
    .max(50, '宣传物资最多 50 项')
    .default([])
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        if (seen.has(l.kind)) ctx.addIssue({ code: 'custom', path: [i, 'kind'], message: `宣传物资「${l.kind}」重复` });
        seen.add(l.kind);
      });
    }),
  photoIds: uuidList('照片', 20),
  summary: optionalText(4000, '活动情况不能超过 4000 个字'),
};
export const PublicityCreate = z.object(publicityFields).superRefine(dateRange);
export type PublicityCreate = z.infer<typeof PublicityCreate>;
export const PublicityUpdate = z
  .object({ ...publicityFields, rowVersion: z.number().int().min(1).optional() })
  .superRefine(dateRange);
export type PublicityUpdate = z.infer<typeof PublicityUpdate>;

export const PublicityView = z.object({
  id: z.uuid(),
  kind: z.enum(PUBLICITY_KINDS),
  theme: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  places: z.string().nullable(),
  organiser: z.string().nullable(),
  participants: z.number().int(),
  materials: z.array(z.object({ kind: z.string(), unit: z.string(), quantity: z.number().int() })),
  photos: z.array(FileView),
  summary: z.string().nullable(),
  /** Total of the fund expenses linked to the activity; null for those who may not read the funds ledger. */
  spent: z.number().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  rowVersion: z.number().int(),
});
export type PublicityView = z.infer<typeof PublicityView>;

export const PublicityFilters = z.object({
  q: optionalText(100),
  kind: z.enum(PUBLICITY_KINDS, { error: '未知的活动类型' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const PublicityListQuery = PageQuery.extend(PublicityFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const PublicityPage = pageOf(PublicityView).extend({
  totals: z.object({
    participants: z.number().int(),
    materials: z.array(z.object({ kind: z.string(), unit: z.string(), quantity: z.number().int() })),
  }),
});

// ------------------------------------------------------------------------------------------------ meetings

export const MEETING_KINDS = ['committeeEnlarged', 'centralGroupStudy', 'topic'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_NAMES: Record<MeetingKind, string> = {
  committeeEnlarged: '安委会扩大会议',
  centralGroupStudy: '中心组学习',
  topic: '专题会议',
};

export const TASK_STATES = ['notStarted', 'inProgress', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_STATE_NAMES: Record<TaskState, string> = {
  notStarted: '未开始',
  inProgress: '进行中',
  done: '已完成',
};

/** Overdue is derived, never typed: not done and its due date is before today (Asia/Shanghai). */
export const isTaskOverdue = (t: { state: TaskState; dueOn: string }, today: string): boolean =>
  t.state !== 'done' && t.dueOn < today;

export const DecisionInput = z.object({
  decision: text({ error: '请填写决定事项' })
    .trim()
    .min(2, '决定事项至少 2 个字')
    .max(1000, '决定事项不能超过 1000 个字'),
  ownerOrganisationId: z.uuid({ error: '请选择责任单位' }),
  dueOn: isoDate,
});
export type DecisionInput = z.infer<typeof DecisionInput>;

const meetingFields = {
  kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
  heldOn: isoDate,
  topic: text({ error: '请填写会议主题' }).trim().min(2, '会议主题至少 2 个字').max(200, '会议主题不能超过 200 个字'),
  place: optionalText(200, '会议地点不能超过 200 个字'),
  host: optionalText(50, '主持人不能超过 50 个字'),
  attendeeOrganisationIds: uuidList('参会单位', 500),
  attendeeNames: z
    .array(text().trim().min(1).max(50, '参会人员姓名不能超过 50 个字'), { error: '参会人员应为列表' })
    .max(500, '参会人员最多 500 人')
    .default([]),
  minutesFileId: z.uuid({ error: '会议纪要文件编号格式不正确' }).nullish(),
  summary: optionalText(4000, '会议内容不能超过 4000 个字'),
};
export const MeetingCreate = z.object({
  ...meetingFields,
  decisions: z.array(DecisionInput, { error: '决定事项应为列表' }).max(50, '决定事项最多 50 项').default([]),
});
export type MeetingCreate = z.infer<typeof MeetingCreate>;
export const MeetingUpdate = z.object({ ...meetingFields, rowVersion: z.number().int().min(1).optional() });
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const TaskNoteView = z.object({
  notedOn: z.string(),
  state: z.enum(TASK_STATES),
  note: z.string(),
  byName: z.string(),
  recordedAt: z.string(),
});
export const TaskView = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  meetingKind: z.enum(MEETING_KINDS),
  meetingTopic: z.string(),
  meetingHeldOn: z.string(),
  decision: z.string(),
  ownerOrganisationId: z.uuid(),
  ownerName: z.string(),
  dueOn: z.string(),
  state: z.enum(TASK_STATES),
  /** Derived: not done and past its due date. */
  overdue: z.boolean(),
  doneOn: z.string().nullable(),
  notes: z.array(TaskNoteView),
  rowVersion: z.number().int(),
});
export type TaskView = z.infer<typeof TaskView>;

export const MeetingView = z.object({
  id: z.uuid(),
  kind: z.enum(MEETING_KINDS),
  heldOn: z.string(),
  topic: z.string(),
  place: z.string().nullable(),
  host: z.string().nullable(),
  attendeeOrganisations: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
  attendeeNames: z.array(z.string()),
  minutes: FileView.nullable(),
  summary: z.string().nullable(),
  tasks: z.array(TaskView),
  taskCounts: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  rowVersion: z.number().int(),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingFilters = z.object({
  q: optionalText(100),
  kind: z.enum(MEETING_KINDS, { error: '未知的会议类型' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const MeetingListQuery = PageQuery.extend(MeetingFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const MeetingPage = pageOf(MeetingView);

export const TaskCreate = DecisionInput;
/**
 * 修改 / 改派 a task (the committee): its content, due date and owner unit, with the version it was read at. A done
 * task keeps its owner and due date (409 TASK_DONE).
 */
export const TaskUpdate = DecisionInput.extend({ rowVersion: z.number().int().min(1).optional() });
export type TaskUpdate = z.infer<typeof TaskUpdate>;
export const TaskProgress = z.object({
  state: z.enum(TASK_STATES, { error: '请选择任务状态' }),
  note: text({ error: '请填写进展情况' }).trim().min(2, '进展情况至少 2 个字').max(2000, '进展情况不能超过 2000 个字'),
  notedOn: isoDate.optional(),
  rowVersion: z.number().int().min(1).optional(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

/** 逾期 is a filter over the derived state, not a stored one. */
export const TASK_FILTER_STATES = [...TASK_STATES, 'overdue'] as const;
export const TaskFilters = z.object({
  q: optionalText(100),
  state: z.enum(TASK_FILTER_STATES, { error: '未知的任务状态' }).optional(),
  ownerOrganisationId: z.uuid({ error: '责任单位编号格式不正确' }).optional(),
  meetingId: z.uuid({ error: '会议编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const TaskListQuery = PageQuery.extend(TaskFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const TaskPage = pageOf(TaskView).extend({
  counts: z.object({
    notStarted: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
  }),
});

// ------------------------------------------------------------------------------------------------ special funds

export const FUND_PURPOSES = ['publicityMaterials', 'purchasedServices', 'training', 'drills', 'other'] as const;
export type FundPurpose = (typeof FUND_PURPOSES)[number];
export const FUND_PURPOSE_NAMES: Record<FundPurpose, string> = {
  publicityMaterials: '宣传物资',
  purchasedServices: '购买服务',
  training: '培训',
  drills: '演练',
  other: '其他',
};

/** What a payment paid for: a record of a kind registered in the funds service (publicity, meeting, …). */
export const FundSubject = z.object({
  kind: text({ error: '请选择关联事项类型' }).trim().min(1).max(40),
  id: z.uuid({ error: '关联事项编号格式不正确' }),
});

export const FundCreate = z.object({
  purpose: z.enum(FUND_PURPOSES, { error: '请选择资金用途' }),
  amount: yuan('金额'),
  paidOn: isoDate,
  supplier: optionalText(200, '供应商/服务单位不能超过 200 个字'),
  description: text({ error: '请填写支出事由' })
    .trim()
    .min(2, '支出事由至少 2 个字')
    .max(500, '支出事由不能超过 500 个字'),
  subject: FundSubject.nullish(),
  attachmentIds: uuidList('附件', 20),
});
export type FundCreate = z.infer<typeof FundCreate>;
/** 登记支出 from a record's drawer (a drill, a training session, a contract): the subject is required and recorded once. */
export const FundSubjectEntryCreate = FundCreate.extend({ subject: FundSubject });
export type FundSubjectEntryCreate = z.infer<typeof FundSubjectEntryCreate>;
export const FundUpdate = FundCreate.extend({ rowVersion: z.number().int().min(1).optional() });
export type FundUpdate = z.infer<typeof FundUpdate>;

export const FundView = z.object({
  id: z.uuid(),
  serial: z.string(),
  purpose: z.enum(FUND_PURPOSES),
  amount: z.number(),
  paidOn: z.string(),
  supplier: z.string().nullable(),
  description: z.string(),
  subject: z.object({ kind: z.string(), id: z.uuid(), kindLabel: z.string(), title: z.string().nullable() }).nullable(),
  /** Recorded from its subject (one per subject), not linked by hand in the ledger. */
  fromSubject: z.boolean(),
  attachments: z.array(FileView),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  rowVersion: z.number().int(),
});
export type FundView = z.infer<typeof FundView>;

export const FundFilters = z.object({
  q: optionalText(100),
  purpose: z.enum(FUND_PURPOSES, { error: '未知的资金用途' }).optional(),
  subjectKind: optionalText(40).transform((v) => v ?? undefined),
  subjectId: z.uuid({ error: '关联事项编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const FundListQuery = PageQuery.extend(FundFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const FundTotals = z.object({
  amount: z.number(),
  count: z.number().int(),
  byPurpose: z.array(z.object({ purpose: z.enum(FUND_PURPOSES), amount: z.number(), count: z.number().int() })),
});
export const FundPage = pageOf(FundView).extend({ totals: FundTotals });

export const FundSubjectOption = z.object({ kind: z.string(), id: z.uuid(), title: z.string() });
export const FundSubjectKindView = z.object({ kind: z.string(), label: z.string() });
export const FundSubjectQuery = z.object({ kind: optionalText(40), q: optionalText(100) });

// ------------------------------------------------------------------------------------------------ figures

/** The figures of a period (assessment, period summary), each from one shared query (server activities figures). */
export const ActivityFigures = z.object({
  from: z.string(),
  to: z.string(),
  publicityByKind: z.array(
    z.object({ kind: z.enum(PUBLICITY_KINDS), activities: z.number().int(), participants: z.number().int() }),
  ),
  materials: z.array(z.object({ kind: z.string(), unit: z.string(), quantity: z.number().int() })),
  fundsByPurpose: z.array(z.object({ purpose: z.enum(FUND_PURPOSES), amount: z.number(), count: z.number().int() })),
  meetingsByKind: z.array(z.object({ kind: z.enum(MEETING_KINDS), meetings: z.number().int() })),
  tasks: z.object({
    total: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    open: z.number().int(),
  }),
});
export type ActivityFigures = z.infer<typeof ActivityFigures>;
/** A period; by default the current year (Asia/Shanghai). */
export const FiguresQuery = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((v) => !v.from || !v.to || v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' });
