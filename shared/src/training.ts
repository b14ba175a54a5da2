// Education and training (教育培训, issue 13; DOMAIN.md §2.6; seed 000 §四): training sessions with their attendees,
// enterprises' annual training plans, the rule that a newly commissioned enterprise's principal and safety manager
// are trained as it starts production (随投产随培训), and hours per person / enterprise / year.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, optionalPhoneOrMask, optionalText, shanghaiToday, text } from './validators';

export const TRAINING_KINDS = [
  'centralised',
  'warning',
  'topical',
  'fire',
  'dualControl',
  'threeLevel',
  'newPrincipal',
  'competition',
] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_NAMES: Record<TrainingKind, string> = {
  centralised: '集中培训',
  warning: '警示教育',
  topical: '专题培训',
  fire: '消防培训',
  dualControl: '双控培训',
  threeLevel: '三级安全教育',
  newPrincipal: '新投产企业负责人培训',
  competition: '知识竞赛',
};

/** Who organised the session: the committee, the enterprise itself, or a training provider (有资质的培训机构). */
export const ORGANISER_KINDS = ['committee', 'enterprise', 'provider'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];
export const ORGANISER_KIND_NAMES: Record<OrganiserKind, string> = {
  committee: '管委会组织',
  enterprise: '企业自行组织',
  provider: '委托培训机构',
};

export const ATTENDEE_ROLES = ['principal', 'safetyManager', 'staff', 'other'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
export const ATTENDEE_ROLE_NAMES: Record<AttendeeRole, string> = {
  principal: '主要负责人',
  safetyManager: '安全管理人员',
  staff: '从业人员',
  other: '其他',
};

/** The longest session one record may claim (a three-day residential course is 24 学时); more is a typing error. */
export const MAX_SESSION_HOURS = 72;
export const MAX_ATTENDEES = 500;

/**
 * 随投产随培训 (seed 000 §四): an enterprise whose production started within this many days is "newly commissioned";
 * its principal and its safety manager must each have passed a session of one of NEW_ENTERPRISE_TRAINING_KINDS, held
 * no earlier than NEW_ENTERPRISE_TRAINED_BEFORE_DAYS before the start (training just before commissioning counts).
 */
export const NEW_ENTERPRISE_WINDOW_DAYS = 365;
export const NEW_ENTERPRISE_TRAINED_BEFORE_DAYS = 180;
/**
 * The kinds that count for the rule: the dedicated 新投产企业负责人培训, and 集中培训 (the committee's centralised
 * training of principals and safety managers, which the seed's office runs for the same purpose). A session of
 * another kind (警示教育, 三级安全教育 …) does not train a principal in the sense of the rule.
 */
export const NEW_ENTERPRISE_TRAINING_KINDS: readonly TrainingKind[] = ['newPrincipal', 'centralised'];

/** The role a post's wording implies (主要负责人 / 安全管理人员), for pasted lists that name posts, not roles. */
export function roleOfPost(post: string | null | undefined): AttendeeRole {
  const p = (post ?? '').replace(/\s/g, '');
  if (!p) return 'staff';
  if (/安全(员|管理|主管|总监|经理|部长|科长)|安管|专职安全|兼职安全/.test(p)) return 'safetyManager';
  if (/主要负责人|法定代表人|法人|董事长|总经理|厂长|负责人|老板|实际控制人/.test(p)) return 'principal';
  return 'staff';
}

const hours = z
  .number({ error: '学时应为数字' })
  .positive('学时须大于 0')
  .max(MAX_SESSION_HOURS, `学时不能超过 ${MAX_SESSION_HOURS}`)
  .refine((v) => Math.abs(Math.round(v * 10) - v * 10) < 1e-6, '学时最多保留一位小数');

export const AttendeeInput = z.object({
  name: text({ error: '请填写姓名' }).trim().min(2, '姓名至少 2 个字').max(30, '姓名不能超过 30 个字'),
  /** The attendee's enterprise in the park; null for people who are not an enterprise's (管委会、村居工作人员). */
  enterpriseId: z
    .uuid({ error: '请选择所在企业' })
    .nullish()
    .transform((v) => v ?? null),
  post: optionalText(50, '岗位不能超过 50 个字'),
  role: z.enum(ATTENDEE_ROLES, { error: '未知的人员类别' }).default('staff'),
  /**
   * Optional: with it, the person's history follows them across enterprises (personKeyOf). An edited session sends
   * back the mask it was shown (138****1234) for a phone left alone: the server keeps the stored number.
   */
  phone: optionalPhoneOrMask,
  score: z
    .number({ error: '成绩应为数字' })
    .min(0, '成绩不能为负数')
    .max(100, '成绩不能超过 100')
    .nullish()
    .transform((v) => v ?? null),
  /** 合格 / 不合格; null when the session had no test (attendance only). */
  passed: z
    .boolean()
    .nullish()
    .transform((v) => v ?? null),
});
export type AttendeeInput = z.infer<typeof AttendeeInput>;

const sessionShape = {
  kind: z.enum(TRAINING_KINDS, { error: '请选择培训类别' }),
  title: text({ error: '请填写培训主题' }).trim().min(2, '培训主题至少 2 个字').max(200, '培训主题不能超过 200 个字'),
  /** The day it was held (kept apart from when it was recorded). */
  occurredOn: isoDate,
  organiserKind: z.enum(ORGANISER_KINDS, { error: '请选择组织方' }),
  /** The enterprise whose session this is (its own, or the one that entrusted a provider); null for the committee's. */
  enterpriseId: z
    .uuid({ error: '请选择企业' })
    .nullish()
    .transform((v) => v ?? null),
  providerId: z
    .uuid({ error: '请选择培训机构' })
    .nullish()
    .transform((v) => v ?? null),
  /** The user saw that the provider's qualification has expired and records the session anyway. */
  providerExpiredConfirmed: z.boolean().default(false),
  /** A committee session shown to every enterprise of the park (otherwise to the enterprises of its attendees). */
  openToAll: z.boolean().default(false),
  trainer: optionalText(100, '授课人不能超过 100 个字'),
  place: optionalText(200, '地点不能超过 200 个字'),
  hours,
  summary: optionalText(4000, '内容摘要不能超过 4000 个字'),
  planItemId: z
    .uuid({ error: '培训计划项编号格式不正确' })
    .nullish()
    .transform((v) => v ?? null),
  materialFileIds: z
    .array(z.uuid({ error: '文件编号格式不正确' }))
    .max(20, '培训材料最多 20 个')
    .default([]),
  photoFileIds: z
    .array(z.uuid({ error: '文件编号格式不正确' }))
    .max(30, '照片最多 30 张')
    .default([]),
  attendees: z.array(AttendeeInput).max(MAX_ATTENDEES, `一次最多登记 ${MAX_ATTENDEES} 名参训人员`).default([]),
};

export const SessionCreate = z.object(sessionShape);
export type SessionCreate = z.infer<typeof SessionCreate>;
/** An edit sends the whole record again (the form holds it all), with the version it was read at. */
export const SessionUpdate = z.object(sessionShape).extend({ rowVersion: z.number().int().min(1) });
export type SessionUpdate = z.infer<typeof SessionUpdate>;

export const AttendeeView = z.object({
  id: z.uuid(),
  name: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  post: z.string().nullable(),
  role: z.enum(ATTENDEE_ROLES),
  phone: z.string().nullable(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  personKey: z.string(),
});
export type AttendeeView = z.infer<typeof AttendeeView>;

export const SessionSummary = z.object({
  id: z.uuid(),
  serial: z.string(),
  kind: z.enum(TRAINING_KINDS),
  title: z.string(),
  occurredOn: z.string(),
  recordedAt: z.string(),
  organiserKind: z.enum(ORGANISER_KINDS),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  /** The provider's qualification had lapsed on the session's day (the recorder confirmed it). */
  providerExpired: z.boolean(),
  openToAll: z.boolean(),
  trainer: z.string().nullable(),
  place: z.string().nullable(),
  hours: z.number(),
  /** 人次 the reader may see (an enterprise sees its own people of a committee session). */
  attendeeCount: z.number().int(),
  passedCount: z.number().int(),
  failedCount: z.number().int(),
  recordedByName: z.string().nullable(),
  rowVersion: z.number().int(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

const FileRef = z.object({ id: z.uuid(), originalName: z.string(), mime: z.string() });
export const SessionView = SessionSummary.extend({
  summary: z.string().nullable(),
  planItemId: z.uuid().nullable(),
  planItemLabel: z.string().nullable(),
  materials: z.array(FileRef),
  photos: z.array(FileRef),
  attendees: z.array(AttendeeView),
  /** Whether the reader may edit it (its recorder's side: the committee, or the enterprise for its own). */
  editable: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

export const SessionFilters = z.object({
  q: optionalText(100),
  kind: z.enum(TRAINING_KINDS, { error: '未知的培训类别' }).optional(),
  organiserKind: z.enum(ORGANISER_KINDS, { error: '未知的组织方' }).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  providerId: z.uuid({ error: '机构编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const SessionListQuery = PageQuery.extend(SessionFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const SessionPage = pageOf(SessionSummary).extend({
  totals: z.object({ hours: z.number(), attendees: z.number().int() }),
});

// ------------------------------------------------------------------------------------------ pasted / imported lists

/** One person of a pasted list or an imported sheet, before the enterprise is looked up. */
export interface AttendeeDraft {
  /** Line (paste) or Excel row number. */
  line: number;
  name: string;
  enterpriseName: string | null;
  post: string | null;
  phone: string | null;
  score: number | null;
  passed: boolean | null;
}

const PHONE_TOKEN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const SCORE_TOKEN = /^(100(\.0+)?|\d{1,2}(\.\d+)?)分?$/;

/** 合格 / 不合格 / 通过 … as pass-fail; null when the token says neither. */
export function passedOf(token: string | null | undefined): boolean | null {
  const t = (token ?? '').trim();
  if (/^(不合格|未通过|不通过|否|×|✗|fail)$/i.test(t)) return false;
  if (/^(合格|通过|是|√|✓|pass)$/i.test(t)) return true;
  return null;
}

/**
 * One line of a pasted list: "姓名 企业 岗位 [电话] [成绩|合格]", separated by spaces, tabs or commas (as copied from a
 * sign-in sheet or Excel). The phone, the score and 合格/不合格 are recognised wherever they stand; of the remaining
 * words the first is the name, the second the enterprise, the rest the post. Empty lines are skipped.
 */
export function parseAttendeeLine(raw: string, line: number): AttendeeDraft | null {
  const tokens = raw
    .split(/[\s,，、;；\t]+/)
    .map((t) => t.trim())
    .filter(Boolean);
  if (tokens.length === 0) return null;
  let phone: string | null = null;
  let score: number | null = null;
  let passed: boolean | null = null;
  const words: string[] = [];
  for (const t of tokens) {
    if (!phone && PHONE_TOKEN.test(t)) phone = t;
    else if (score === null && words.length >= 1 && SCORE_TOKEN.test(t)) score = Number(t.replace('分', ''));
    else if (passed === null && passedOf(t) !== null) passed = passedOf(t);
    else words.push(t);
  }
  return {
    line,
    name: words[0] ?? '',
    enterpriseName: words[1] ?? null,
    post: words.slice(2).join(' ') || null,
    phone,
    score,
    passed,
  };
}

export function parseAttendeeText(text: string): AttendeeDraft[] {
  return text.split(/\r?\n/).flatMap((l, i) => parseAttendeeLine(l, i + 1) ?? []);
}

export const AttendeeParseBody = z.object({
  text: text({ error: '请粘贴名单' }).max(100_000, '名单过长，请分批粘贴'),
});

/** A pasted or imported person, resolved against the park's enterprises, with what is wrong with it (if anything). */
export const ParsedAttendee = z.object({
  line: z.number().int(),
  /** Ready for the session's attendees (the form adds it as it is). */
  attendee: z.object({
    name: z.string(),
    enterpriseId: z.uuid().nullable(),
    enterpriseName: z.string().nullable(),
    post: z.string().nullable(),
    role: z.enum(ATTENDEE_ROLES),
    phone: z.string().nullable(),
    score: z.number().nullable(),
    passed: z.boolean().nullable(),
  }),
  error: z.string().nullable(),
});
export type ParsedAttendee = z.infer<typeof ParsedAttendee>;
export const ParsedAttendees = z.object({
  items: z.array(ParsedAttendee),
  valid: z.number().int(),
  invalid: z.number().int(),
});
export type ParsedAttendees = z.infer<typeof ParsedAttendees>;

// ------------------------------------------------------------------------------------------------------ plans

export const PlanItemInput = z.object({
  /** Kept when editing an item, so the sessions linked to it stay linked. */
  id: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  month: z.number({ error: '请选择月份' }).int('月份应为 1–12').min(1, '月份应为 1–12').max(12, '月份应为 1–12'),
  topic: text({ error: '请填写培训内容' }).trim().min(2, '培训内容至少 2 个字').max(200, '培训内容不能超过 200 个字'),
  kind: z.enum(TRAINING_KINDS, { error: '请选择培训类别' }),
  plannedHours: hours,
  plannedAttendees: z
    .number({ error: '计划人数应为整数' })
    .int('计划人数应为整数')
    .positive('计划人数须大于 0')
    .max(10000, '计划人数过大'),
});
export type PlanItemInput = z.infer<typeof PlanItemInput>;

export const PlanCreate = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }),
  year: z
    .number({ error: '请选择年度' })
    .int()
    .min(2000, '年度应在 2000–2100 之间')
    .max(2100, '年度应在 2000–2100 之间'),
  note: optionalText(1000),
  items: z.array(PlanItemInput).min(1, '计划至少一项').max(100, '计划最多 100 项'),
});
export type PlanCreate = z.infer<typeof PlanCreate>;
export const PlanUpdate = z.object({
  note: optionalText(1000),
  items: PlanCreate.shape.items,
  rowVersion: z.number().int().min(1),
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

/** An item's completion, derived from the sessions linked to it (never stored). */
export const PLAN_ITEM_STATES = ['done', 'partly', 'due', 'overdue'] as const;
export type PlanItemState = (typeof PLAN_ITEM_STATES)[number];
export const PLAN_ITEM_STATE_NAMES: Record<PlanItemState, string> = {
  done: '已完成',
  partly: '部分完成',
  due: '未到期',
  overdue: '逾期未完成',
};

/**
 * done: the linked sessions reach the planned hours and attendees; partly: some sessions, short of either;
 * overdue: none by the end of the planned month; due: none yet, month not over.
 */
export function planItemState(
  item: { month: number; plannedHours: number; plannedAttendees: number },
  year: number,
  linked: { sessions: number; hours: number; attendees: number },
  today: string,
): PlanItemState {
  if (linked.sessions > 0) {
    return linked.hours >= item.plannedHours && linked.attendees >= item.plannedAttendees ? 'done' : 'partly';
  }
  const monthEnd = new Date(Date.UTC(year, item.month, 0)).toISOString().slice(0, 10);
  return today > monthEnd ? 'overdue' : 'due';
}

export const PlanItemView = z.object({
  id: z.uuid(),
  month: z.number().int(),
  topic: z.string(),
  kind: z.enum(TRAINING_KINDS),
  plannedHours: z.number(),
  plannedAttendees: z.number().int(),
  sessions: z.number().int(),
  hours: z.number(),
  attendees: z.number().int(),
  state: z.enum(PLAN_ITEM_STATES),
});
export type PlanItemView = z.infer<typeof PlanItemView>;

export const PlanSummary = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  year: z.number().int(),
  items: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  plannedHours: z.number(),
  updatedAt: z.string(),
  rowVersion: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;
export const PlanView = PlanSummary.extend({ note: z.string().nullable(), itemList: z.array(PlanItemView) });
export type PlanView = z.infer<typeof PlanView>;

export const PlanFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  q: optionalText(100),
});
export const PlanListQuery = PageQuery.extend(PlanFilters.shape);
export const PlanPage = pageOf(PlanSummary);

// ------------------------------------------------------------------------------------- 随投产随培训 and hours

export const NewEnterpriseGap = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  productionStartDate: z.string(),
  daysSinceStart: z.number().int(),
  role: z.enum(['principal', 'safetyManager']),
  /** As registered in the enterprise's record (null: not registered — register it, then train them). */
  personName: z.string().nullable(),
  personPhone: z.string().nullable(),
});
export type NewEnterpriseGap = z.infer<typeof NewEnterpriseGap>;
export const NewEnterpriseQuery = z.object({
  withinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3 * 365)
    .default(NEW_ENTERPRISE_WINDOW_DAYS),
});
export const NewEnterpriseGaps = z.object({
  items: z.array(NewEnterpriseGap),
  /** Newly commissioned enterprises in the window, and those with both people trained. */
  enterprises: z.number().int(),
  complete: z.number().int(),
  withinDays: z.number().int(),
  kinds: z.array(z.enum(TRAINING_KINDS)),
});

/**
 * A person across records: by phone when one was given (so a person who moves enterprise keeps one history), else
 * by name within the enterprise (two 张伟 of one enterprise without phones are one person — give phones to tell
 * them apart). The phone enters the key as its keyed digest (`phoneKey`: the server's `tel:<HMAC-SM3>`), never as the
 * number: the key travels in addresses (?personKey=) and the audit log.
 */
export function personKeyOf(a: { name: string; enterpriseId: string | null }, phoneKey: string | null): string {
  return phoneKey ?? `name:${a.name}@${a.enterpriseId ?? 'park'}`;
}

export const HoursQuery = z.object({
  /** This year (Asia/Shanghai) when not given. */
  year: z.coerce
    .number({ error: '年度应为数字' })
    .int()
    .min(2000, '年度应在 2000–2100 之间')
    .max(2100, '年度应在 2000–2100 之间')
    .default(() => Number(shanghaiToday().slice(0, 4))),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  q: optionalText(50),
});
export const PersonHours = z.object({
  personKey: z.string(),
  name: z.string(),
  /** Masked; attendeeId is the attendee record it was taken from (查看 reveals it there). */
  phone: z.string().nullable(),
  attendeeId: z.uuid(),
  enterpriseNames: z.array(z.string()),
  sessions: z.number().int(),
  hours: z.number(),
  passed: z.number().int(),
  failed: z.number().int(),
});
export type PersonHours = z.infer<typeof PersonHours>;
export const EnterpriseHours = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  sessions: z.number().int(),
  people: z.number().int(),
  attendees: z.number().int(),
  /** Person-hours: each attendee's session hours, summed. */
  personHours: z.number(),
});
export type EnterpriseHours = z.infer<typeof EnterpriseHours>;
export const HoursReport = z.object({
  year: z.number().int(),
  people: z.array(PersonHours),
  enterprises: z.array(EnterpriseHours),
});
export const HistoryQuery = z.object({ personKey: text().min(5).max(200) });
export const PersonHistoryItem = z.object({
  sessionId: z.uuid(),
  serial: z.string(),
  occurredOn: z.string(),
  kind: z.enum(TRAINING_KINDS),
  title: z.string(),
  hours: z.number(),
  name: z.string(),
  enterpriseName: z.string().nullable(),
  post: z.string().nullable(),
  role: z.enum(ATTENDEE_ROLES),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
});
export const PersonHistory = z.object({ items: z.array(PersonHistoryItem), hours: z.number() });

// ------------------------------------------------------------------------------------------------------ figures

/** The period figures (assessment, period summary), one shared query (server training/figures.ts). */
/** The period defaults to this year (Asia/Shanghai) so far as either end is not given. */
export const FiguresQuery = z.object({
  from: isoDate.default(() => `${shanghaiToday().slice(0, 4)}-01-01`),
  to: isoDate.default(() => `${shanghaiToday().slice(0, 4)}-12-31`),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
});
export const TrainingFigures = z.object({
  from: z.string(),
  to: z.string(),
  sessions: z.number().int(),
  /** Sum of the sessions' 学时. */
  hours: z.number(),
  /** 人次. */
  attendees: z.number().int(),
  personHours: z.number(),
  byKind: z.array(
    z.object({
      kind: z.enum(TRAINING_KINDS),
      sessions: z.number().int(),
      attendees: z.number().int(),
      hours: z.number(),
    }),
  ),
});
export type TrainingFigures = z.infer<typeof TrainingFigures>;
