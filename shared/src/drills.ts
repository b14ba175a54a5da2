// Emergency drills (应急演练, DOMAIN.md §2.6; issue 14): enterprise-level drills and park-level drills (an observation
// day such as the seed's 有限空间专项演练观摩会, hosted at one enterprise's site), the emergency plan exercised, the
// participants and observers, the evaluation, and the problems found — each of which may become a hazard of its
// enterprise once. Annual drill plans per enterprise, and the enterprises without a drill in a year.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { isoDate, optionalText, text } from './validators';

export const DRILL_LEVELS = ['enterprise', 'park'] as const;
export type DrillLevel = (typeof DRILL_LEVELS)[number];
export const DRILL_LEVEL_NAMES: Record<DrillLevel, string> = { enterprise: '企业级', park: '园区级' };

export const DRILL_SCENARIOS = [
  'fire',
  'explosion',
  'poisoning',
  'leak',
  'confinedSpace',
  'hazardousChemicals',
  'evacuation',
  'comprehensive',
  'other',
] as const;
export type DrillScenario = (typeof DRILL_SCENARIOS)[number];
export const DRILL_SCENARIO_NAMES: Record<DrillScenario, string> = {
  fire: '火灾',
  explosion: '爆炸',
  poisoning: '中毒窒息',
  leak: '泄漏',
  confinedSpace: '有限空间',
  hazardousChemicals: '危化品事故',
  evacuation: '人员疏散',
  comprehensive: '综合',
  other: '其他',
};

/** 桌面推演 (tabletop) or 实战演练 (live). */
export const DRILL_FORMS = ['live', 'tabletop'] as const;
export const DRILL_FORM_NAMES: Record<(typeof DRILL_FORMS)[number], string> = {
  live: '实战演练',
  tabletop: '桌面推演',
};

const count = (what: string, max = 100000) =>
  z
    .number({ error: `${what}应为整数` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(max, `${what}过大`);

export const DrillProblemInput = z.object({
  description: text({ error: '请描述发现的问题' })
    .trim()
    .min(4, '问题描述至少 4 个字')
    .max(1000, '问题描述不能超过 1000 个字'),
  /** The enterprise whose problem it is (a park-level drill may find problems of a participant); default: the host. */
  enterpriseId: z
    .uuid({ error: '问题所属企业编号不正确' })
    .nullish()
    .transform((v) => v ?? null),
});

export const DrillCreate = z.object({
  level: z.enum(DRILL_LEVELS, { error: '请选择演练级别' }),
  /** The enterprise that holds the drill (a park-level drill: the host site, e.g. 三峰环保). */
  enterpriseId: z.uuid({ error: '请选择演练单位（承办企业）' }),
  title: text({ error: '请填写演练名称' }).trim().min(4, '演练名称至少 4 个字').max(200, '演练名称不能超过 200 个字'),
  scenario: z.enum(DRILL_SCENARIOS, { error: '请选择演练场景' }),
  form: z.enum(DRILL_FORMS, { error: '请选择演练形式' }).default('live'),
  heldOn: isoDate,
  place: text({ error: '请填写演练地点' }).trim().min(2, '演练地点至少 2 个字').max(200, '演练地点不能超过 200 个字'),
  organiser: text({ error: '请填写组织单位' })
    .trim()
    .min(2, '组织单位至少 2 个字')
    .max(200, '组织单位不能超过 200 个字'),
  /** The emergency plan exercised (an 应急预案 record of the host enterprise). */
  planId: z
    .uuid({ error: '应急预案编号不正确' })
    .nullish()
    .transform((v) => v ?? null),
  /** Other enterprises of the park that took part (a park-level drill). */
  participantEnterpriseIds: z
    .array(z.uuid({ error: '参演企业编号不正确' }))
    .max(300, '参演企业过多')
    .default([]),
  /** Units outside the enterprise register (应急管理局, 消防救援站, 医院 …), free text. */
  participantUnits: optionalText(500),
  headcount: count('参演人数'),
  /** The observation day: who watched (units, people) and how many. */
  observers: optionalText(500),
  observerCount: count('观摩人数').default(0),
  photoIds: z.array(z.uuid()).max(12, '最多 12 张照片').default([]),
  evaluation: optionalText(2000),
  problems: z.array(DrillProblemInput).max(50, '问题最多 50 条').default([]),
});
export type DrillCreate = z.infer<typeof DrillCreate>;

export const DrillUpdate = z.object({
  title: DrillCreate.shape.title.optional(),
  scenario: DrillCreate.shape.scenario.optional(),
  heldOn: isoDate.optional(),
  place: DrillCreate.shape.place.optional(),
  organiser: DrillCreate.shape.organiser.optional(),
  headcount: count('参演人数').optional(),
  observers: optionalText(500).optional(),
  observerCount: count('观摩人数').optional(),
  evaluation: optionalText(2000).optional(),
  /** New problems found later (existing ones are kept as they are). */
  addProblems: z.array(DrillProblemInput).max(50).default([]),
  rowVersion: z.number().int().min(1),
});
export type DrillUpdate = z.infer<typeof DrillUpdate>;

export const DrillProblemView = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  description: z.string(),
  hazardId: z.uuid().nullable(),
  hazardSerial: z.string().nullable(),
  convertedAt: z.string().nullable(),
  convertedByName: z.string().nullable(),
});
export type DrillProblemView = z.infer<typeof DrillProblemView>;

export const DrillView = z.object({
  id: z.uuid(),
  serial: z.string(),
  level: z.enum(DRILL_LEVELS),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  title: z.string(),
  scenario: z.enum(DRILL_SCENARIOS),
  form: z.enum(DRILL_FORMS),
  heldOn: z.string(),
  place: z.string(),
  organiser: z.string(),
  planId: z.uuid().nullable(),
  planTitle: z.string().nullable(),
  participantEnterprises: z.array(z.object({ id: z.uuid(), name: z.string() })),
  participantUnits: z.string().nullable(),
  headcount: z.number().int(),
  observers: z.string().nullable(),
  observerCount: z.number().int(),
  photoIds: z.array(z.uuid()),
  evaluation: z.string().nullable(),
  problemCount: z.number().int(),
  convertedCount: z.number().int(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
  rowVersion: z.number().int(),
});
export type DrillView = z.infer<typeof DrillView>;
export const DrillDetail = DrillView.extend({ problems: z.array(DrillProblemView) });
export type DrillDetail = z.infer<typeof DrillDetail>;

/** Turning a problem into a hazard: the hazard's own facts (the description is the problem's). */
export const ProblemToHazard = z.object({
  category: z.enum(['unsafeAct', 'unsafeCondition', 'managementDefect'], { error: '请选择隐患类别' }),
  deadline: isoDate,
  requirement: optionalText(1000),
  responsiblePerson: optionalText(50),
});
export type ProblemToHazard = z.infer<typeof ProblemToHazard>;

export const DrillFilters = z.object({
  q: optionalText(100),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  level: z.enum(DRILL_LEVELS, { error: '未知的演练级别' }).optional(),
  scenario: z.enum(DRILL_SCENARIOS, { error: '未知的演练场景' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const DrillListQuery = PageQuery.extend(DrillFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const DrillPage = pageOf(DrillView);

// —— Annual drill plans (年度演练计划) ——

export const DrillPlanCreate = z.object({
  enterpriseId: z.uuid({ error: '请选择企业' }),
  year: z.number({ error: '请填写年度' }).int('年度应为整数').min(2000, '年度不正确').max(2199, '年度不正确'),
  month: z.number({ error: '请选择计划月份' }).int().min(1, '月份应为 1–12').max(12, '月份应为 1–12'),
  scenario: z.enum(DRILL_SCENARIOS, { error: '请选择演练场景' }),
  title: text({ error: '请填写演练内容' }).trim().min(2, '演练内容至少 2 个字').max(200),
});
export type DrillPlanCreate = z.infer<typeof DrillPlanCreate>;

export const DrillPlanView = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  year: z.number().int(),
  month: z.number().int(),
  scenario: z.enum(DRILL_SCENARIOS),
  title: z.string(),
  /** Derived: a drill of this enterprise with this scenario held in the plan's year (the first one). */
  heldDrillId: z.uuid().nullable(),
  heldOn: z.string().nullable(),
  /** Derived: 已完成 / 未到期 / 逾期未演练 (the planned month is over and no such drill). */
  state: z.enum(['done', 'upcoming', 'overdue']),
});
export type DrillPlanView = z.infer<typeof DrillPlanView>;
export const DRILL_PLAN_STATE_NAMES = { done: '已演练', upcoming: '未到期', overdue: '逾期未演练' } as const;

export const DrillPlanQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2199).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
});
export const DrillPlanPage = pageOf(DrillPlanView);

/** Enterprises in operation that held (or hosted, or took part in) no drill in the year. */
export const NoDrillQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2000).max(2199).optional(),
  tag: z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' }).optional(),
  q: optionalText(100),
});
export const NoDrillRow = z.object({
  id: z.uuid(),
  name: z.string(),
  area: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  plannedCount: z.number().int(),
  lastDrillOn: z.string().nullable(),
});
export const NoDrillPage = pageOf(NoDrillRow).extend({ year: z.number().int(), operating: z.number().int() });

// —— Figures ——
export const DrillFigures = z.object({
  year: z.number().int(),
  total: z.number().int(),
  byLevel: z.array(z.object({ level: z.enum(DRILL_LEVELS), count: z.number().int() })),
  byScenario: z.array(z.object({ scenario: z.enum(DRILL_SCENARIOS), count: z.number().int() })),
  participants: z.number().int(),
  observers: z.number().int(),
  enterprisesDrilled: z.number().int(),
  problems: z.number().int(),
  problemsConverted: z.number().int(),
});
export type DrillFigures = z.infer<typeof DrillFigures>;
export const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2199).optional() });

/** An emergency plan an enterprise's drill may name (the registry's 应急预案). */
export const PlanOption = z.object({ id: z.uuid(), title: z.string(), planKind: z.string() });
