// Work plan (工作计划, DOMAIN.md §2.7, issue 15): a year's and a quarter's items (like the committee's Q4 plan), each
// linked to the records that carry it out. Progress and state are derived from those records on the server
// (server/src/modules/plans/service.ts), never typed; this file holds the shapes, names and the seasonal calendar.
import { z } from 'zod';
import { CAMPAIGN_TYPES, CampaignTarget } from './campaigns';
import { PageQuery, pageOf } from './common';
import { HAZARD_DOMAINS } from './hazards';
import { isoDate, optionalText, text } from './validators';

export const PLAN_KINDS = ['campaign', 'training', 'meeting', 'drill', 'publicity', 'letter', 'other'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_KIND_NAMES: Record<PlanKind, string> = {
  campaign: '检查行动',
  training: '培训',
  meeting: '会议',
  drill: '演练',
  publicity: '宣传',
  letter: '责任书',
  other: '其他',
};

/** The records a plan item may link to (each checked through its own module's service). */
export const PLAN_LINK_KINDS = ['campaign', 'training', 'meeting', 'drill', 'publicity', 'letter'] as const;
export type PlanLinkKind = (typeof PLAN_LINK_KINDS)[number];
export const PLAN_LINK_KIND_NAMES: Record<PlanLinkKind, string> = {
  campaign: '检查行动',
  training: '培训记录',
  meeting: '会议',
  drill: '应急演练',
  publicity: '宣传活动',
  letter: '责任书',
};

export const PLAN_STATES = ['notStarted', 'inProgress', 'done', 'overdue'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const PLAN_STATE_NAMES: Record<PlanState, string> = {
  notStarted: '未开始',
  inProgress: '进行中',
  done: '已完成',
  overdue: '逾期',
};

/** A linked record's own state as the plan reads it: done, under way, or void (cancelled: counts for nothing). */
export const LINK_STATES = ['done', 'ongoing', 'void'] as const;
export type LinkState = (typeof LINK_STATES)[number];
export const LINK_STATE_NAMES: Record<LinkState, string> = { done: '已完成', ongoing: '进行中', void: '已取消' };

const year = z.coerce
  .number({ error: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000 至 2100 之间')
  .max(2100, '年度应在 2000 至 2100 之间');
const quarter = z.coerce
  .number({ error: '季度应为 1 至 4' })
  .int('季度应为 1 至 4')
  .min(1, '季度应为 1 至 4')
  .max(4, '季度应为 1 至 4');

const planFields = z.object({
  year,
  /** Null: an item of the whole year (年度工作谋划). */
  quarter: quarter.nullish().transform((v) => v ?? null),
  kind: z.enum(PLAN_KINDS, { error: '请选择事项类别' }),
  title: text({ error: '请填写计划事项' }).trim().min(4, '计划事项至少 4 个字').max(200, '计划事项不能超过 200 个字'),
  content: optionalText(4000),
  ownerUnit: text({ error: '请填写责任单位' })
    .trim()
    .min(2, '责任单位至少 2 个字')
    .max(100, '责任单位不能超过 100 个字'),
  /** The owner as a registered organisation of the park (a member unit, a village), when it is one. */
  ownerOrganisationId: z
    .uuid({ error: '责任单位编号格式不正确' })
    .nullish()
    .transform((v) => v ?? null),
  dueOn: isoDate,
  season: text()
    .max(40, '季节性检查标识无效')
    .nullish()
    .transform((v) => v ?? null),
});
const dueInYear = {
  check: (v: { year: number; dueOn: string }) =>
    v.dueOn.slice(0, 4) === String(v.year) || v.dueOn.slice(0, 4) === String(v.year + 1),
  message: { message: '完成时限应在计划年度内（跨年的元旦检查可到次年）', path: ['dueOn'] },
};
export const PlanItemCreate = planFields.refine(dueInYear.check, dueInYear.message);
export type PlanItemCreate = z.infer<typeof PlanItemCreate>;
export const PlanItemUpdate = planFields
  .extend({ rowVersion: z.number({ error: '缺少版本号' }).int().min(1) })
  .refine(dueInYear.check, dueInYear.message);
export type PlanItemUpdate = z.infer<typeof PlanItemUpdate>;

export const PlanLinkBody = z.object({
  recordKind: z.enum(PLAN_LINK_KINDS, { error: '请选择关联记录类型' }),
  recordId: z.uuid({ error: '关联记录编号格式不正确' }),
});
export type PlanLinkBody = z.infer<typeof PlanLinkBody>;
export const PlanUnlinkParams = z.object({
  id: z.uuid({ error: '编号格式不正确' }),
  /** Checked by the service (an unknown kind is a link that does not exist). */
  recordKind: text().max(40),
  recordId: z.uuid({ error: '关联记录编号格式不正确' }),
});

export const PlanLinkView = z.object({
  recordKind: z.enum(PLAN_LINK_KINDS),
  recordId: z.uuid(),
  /** The record's title and date as its module shows them; null when the reader may no longer see it. */
  title: z.string().nullable(),
  date: z.string().nullable(),
  state: z.enum(LINK_STATES),
  /** Where the console opens it. */
  href: z.string(),
  linkedAt: z.string(),
});
export type PlanLinkView = z.infer<typeof PlanLinkView>;

export const PlanItemView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  content: z.string().nullable(),
  ownerUnit: z.string(),
  ownerOrganisationId: z.uuid().nullable(),
  dueOn: z.string(),
  season: z.string().nullable(),
  state: z.enum(PLAN_STATES),
  /** Done of the counted (non-cancelled) links, in percent; 0 with none. */
  progress: z.number().int(),
  links: z.array(PlanLinkView),
  createdAt: z.string(),
  rowVersion: z.number().int(),
});
export type PlanItemView = z.infer<typeof PlanItemView>;

export const PlanFilters = z.object({
  year: year.optional(),
  quarter: quarter.optional(),
  kind: z.enum(PLAN_KINDS, { error: '事项类别无效' }).optional(),
  state: z.enum(PLAN_STATES, { error: '状态无效' }).optional(),
  q: optionalText(100),
});
export const PlanListQuery = PageQuery.extend(PlanFilters.shape);
export const PlanPage = pageOf(PlanItemView).extend({
  /** Items of the filters (without the state filter) by derived state. */
  byState: z.record(z.enum(PLAN_STATES), z.number().int()),
});

/** 生成检查行动: the campaign's fields the item does not give (its targets), and any of its defaults overridden. */
export const PlanCampaignBody = z
  .object({
    name: text().trim().min(4, '行动名称至少 4 个字').max(100).optional(),
    campaignTypes: z
      .array(z.enum(CAMPAIGN_TYPES, { error: '行动类型无效' }))
      .max(5)
      .optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域').optional(),
    target: CampaignTarget,
    inspectorIds: z.array(z.uuid()).max(200).default([]),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, {
    message: '结束日期不能早于开始日期',
    path: ['endsOn'],
  });
export type PlanCampaignBody = z.infer<typeof PlanCampaignBody>;

export const ProposalQuery = z.object({ year, quarter });

export const ProposalView = z.object({
  season: z.string(),
  name: z.string(),
  title: z.string(),
  content: z.string(),
  kind: z.enum(PLAN_KINDS),
  campaignTypes: z.array(z.enum(CAMPAIGN_TYPES)),
  startsOn: z.string(),
  endsOn: z.string(),
  dueOn: z.string(),
  /** An item of this season and year is already in the plan. */
  planned: z.boolean(),
});
export type ProposalView = z.infer<typeof ProposalView>;
export const ProposalList = z.object({
  items: z.array(ProposalView),
  /** Lunar holidays whose date the calendar does not hold for the year (left out, not guessed). */
  missing: z.array(z.string()),
});

// ------------------------------------------------------------------------------------------- the seasonal calendar

/**
 * Dates of the lunar holidays (春节 = 正月初一, 中秋 = 八月十五) for the years the calendar holds. Outside these years the
 * proposals leave the holiday out and say so, rather than guess.
 */
export const LUNAR_HOLIDAYS: Record<'springFestival' | 'midAutumn', Record<number, string>> = {
  springFestival: { 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26' },
  midAutumn: { 2025: '2025-10-06', 2026: '2026-09-25', 2027: '2027-09-15', 2028: '2028-10-03' },
};

type CampaignType = (typeof CAMPAIGN_TYPES)[number];
interface SeasonEntry {
  season: string;
  name: string;
  kind: PlanKind;
  campaignTypes: CampaignType[];
  title: string;
  content: string;
  /** The check's period for the calendar year y, or null when the calendar lacks the (lunar) date. */
  window(y: number): { startsOn: string; endsOn: string } | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const shift = (iso: string, days: number) => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
};
const lunar = (which: keyof typeof LUNAR_HOLIDAYS, y: number, from: number, to: number) => {
  const d = LUNAR_HOLIDAYS[which][y];
  return d ? { startsOn: shift(d, from), endsOn: shift(d, to) } : null;
};

/** The holiday and seasonal checks of the seed's plan (元旦, 春节, 两会, 五一, 汛期, 高温, 中秋, 国庆, 安全生产月). */
export const SEASONAL_CALENDAR: readonly SeasonEntry[] = [
  {
    season: 'newYear',
    name: '元旦',
    kind: 'campaign',
    campaignTypes: ['preHoliday'],
    title: '元旦前安全生产专项检查',
    content: '有针对性地开展元旦前安全生产专项检查，确保节日期间的安全生产。',
    // The check before 1 January of y + 1 runs in December of y.
    window: (y) => ({ startsOn: day(y, 12, 15), endsOn: day(y, 12, 31) }),
  },
  {
    season: 'springFestival',
    name: '春节',
    kind: 'campaign',
    campaignTypes: ['preHoliday'],
    title: '春节前安全生产督导检查',
    content: '组织开展春节期间安全生产督导检查，主要针对重点领域，严格落实监管责任，真查隐患，倒查责任。',
    window: (y) => lunar('springFestival', y, -20, -1),
  },
  {
    season: 'springResumption',
    name: '春节后复工复产',
    kind: 'campaign',
    campaignTypes: ['resumption'],
    title: '春节后复工复产安全检查',
    content: '按照“党政同责、一岗双责”制度，有序组织企业开展春节后复产复工工作。',
    window: (y) => lunar('springFestival', y, 7, 30),
  },
  {
    season: 'twoSessions',
    name: '两会',
    kind: 'campaign',
    campaignTypes: ['twoSessions'],
    title: '两会期间安全生产和消防安全大排查大整治',
    content: '对辖区内企业开展安全、消防及食品安全督导检查工作。',
    window: (y) => ({ startsOn: day(y, 2, 25), endsOn: day(y, 3, 15) }),
  },
  {
    season: 'mayDay',
    name: '五一',
    kind: 'campaign',
    campaignTypes: ['preHoliday'],
    title: '“五一”节前安全生产督导检查',
    content: '组织开展“五一”期间安全生产督导检查，主要针对重点领域开展督导检查。',
    window: (y) => ({ startsOn: day(y, 4, 15), endsOn: day(y, 4, 30) }),
  },
  {
    season: 'safetyMonth',
    name: '安全生产月',
    kind: 'publicity',
    campaignTypes: ['safetyMonth'],
    title: '安全生产月活动',
    content: '以形式多样、内容丰富、群众喜闻乐见的方式普及安全生产法律法规和安全知识，推动安全文化建设。',
    window: (y) => ({ startsOn: day(y, 6, 1), endsOn: day(y, 6, 30) }),
  },
  {
    season: 'floodSeason',
    name: '汛期',
    kind: 'campaign',
    campaignTypes: ['floodSeason'],
    title: '汛期安全生产大检查',
    content: '汛期前后对重点企业、重点部位开展防汛和安全生产检查。',
    window: (y) => ({ startsOn: day(y, 6, 1), endsOn: day(y, 9, 30) }),
  },
  {
    season: 'highTemperature',
    name: '高温',
    kind: 'campaign',
    campaignTypes: ['highTemperature'],
    title: '高温期间安全生产检查',
    content: '高温期间重点检查危险化学品储存、用电用气、有限空间作业和防暑降温措施。',
    window: (y) => ({ startsOn: day(y, 7, 1), endsOn: day(y, 8, 31) }),
  },
  {
    season: 'midAutumn',
    name: '中秋',
    kind: 'campaign',
    campaignTypes: ['preHoliday'],
    title: '中秋节前安全生产督导检查',
    content: '组织开展中秋节期间安全生产督导检查，确保节日期间的安全生产。',
    window: (y) => lunar('midAutumn', y, -10, -1),
  },
  {
    season: 'nationalDay',
    name: '国庆',
    kind: 'campaign',
    campaignTypes: ['preHoliday'],
    title: '国庆节前安全生产督导检查',
    content: '组织开展国庆节期间安全生产督导检查，严格落实监管责任。',
    window: (y) => ({ startsOn: day(y, 9, 20), endsOn: day(y, 9, 30) }),
  },
];

export const quarterBounds = (y: number, q: number) => ({
  from: day(y, (q - 1) * 3 + 1, 1),
  to: shift(day(q === 4 ? y + 1 : y, q === 4 ? 1 : q * 3 + 1, 1), -1),
});

/** The seasonal checks whose period overlaps the quarter, with the item and campaign they propose. */
export function seasonalProposals(y: number, q: number): { items: Omit<ProposalView, 'planned'>[]; missing: string[] } {
  const { from, to } = quarterBounds(y, q);
  const items: Omit<ProposalView, 'planned'>[] = [];
  const missing: string[] = [];
  for (const e of SEASONAL_CALENDAR) {
    const w = e.window(y);
    if (!w) {
      missing.push(`${y}年${e.name}（农历日期未收录）`);
      continue;
    }
    if (w.endsOn < from || w.startsOn > to) continue;
    items.push({
      season: e.season,
      name: e.name,
      title: `${y}年${e.title}`,
      content: e.content,
      kind: e.kind,
      campaignTypes: e.campaignTypes,
      startsOn: w.startsOn,
      endsOn: w.endsOn,
      dueOn: w.endsOn,
    });
  }
  items.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  return { items, missing };
}

/** The campaign types an item proposes for 生成检查行动 (its season's, else 其他). */
export function campaignTypesOf(season: string | null): CampaignType[] {
  return SEASONAL_CALENDAR.find((e) => e.season === season)?.campaignTypes ?? ['other'];
}

/**
 * 导出计划文档: the plan of a year (quarter left out: every item of the year) or of a quarter (its own items and the
 * year's items due within it, as the list shows them) as a Word document in the official layout.
 */
export const PlanDocumentQuery = z.object({
  year: z
    .string({ error: '请选择年度' })
    .trim()
    .min(1, '请选择年度')
    .transform(Number)
    .pipe(
      z
        .number({ error: '年度应为数字' })
        .int('年度应为整数')
        .min(2000, '年度应在 2000 至 2100 之间')
        .max(2100, '年度应在 2000 至 2100 之间'),
    ),
  quarter: quarter.optional(),
});
export type PlanDocumentQuery = z.infer<typeof PlanDocumentQuery>;

/** The plan document's chapters, one per kind (一、…), in this order. */
export const PLAN_DOCUMENT_CHAPTERS: Record<PlanKind, string> = {
  campaign: '安全生产检查',
  training: '安全生产教育培训',
  meeting: '会议与学习',
  drill: '应急演练',
  publicity: '安全生产宣传',
  letter: '安全生产责任制落实',
  other: '其他工作',
};
