// Safety commitments (安全承诺制, issue 12): enterprises of given key-supervision tags post a commitment each day or
// month — the risk review items, the commitment text and the person committing. The office sees who is missing; a
// missed period becomes a credit event once its grace period has passed.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { isoDate, optionalText, text } from './validators';

export const COMMITMENT_PERIODS = ['day', 'month'] as const;
export type CommitmentPeriod = (typeof COMMITMENT_PERIODS)[number];
export const COMMITMENT_PERIOD_NAMES: Record<CommitmentPeriod, string> = { day: '每日', month: '每月' };

export interface CommitmentTypeDefault {
  code: string;
  name: string;
  period: CommitmentPeriod;
  requiredTags: (typeof SUPERVISION_TAGS)[number][];
  excludedTags: (typeof SUPERVISION_TAGS)[number][];
  reviewItems: string[];
  commitmentTemplate: string;
  graceDays: number;
}

/** The types every park starts with (the office edits them). */
export const DEFAULT_COMMITMENT_TYPES: CommitmentTypeDefault[] = [
  {
    code: 'dailyHazardousChemicals',
    name: '危险化学品企业安全风险研判与承诺（每日）',
    period: 'day',
    requiredTags: ['hazardousChemicals'],
    excludedTags: [],
    reviewItems: [
      '生产装置运行正常，安全设施完好并投入使用',
      '重大危险源处于安全运行状态，包保责任人履职到位',
      '动火、受限空间等特殊作业审批手续齐全，监护到位',
      '检维修、开停车等作业已研判风险并落实管控措施',
      '可燃有毒气体检测报警、安全仪表系统正常投用',
      '关键岗位人员在岗在位、持证上岗',
    ],
    commitmentTemplate:
      '今天我公司已进行安全风险研判，各项安全风险防控措施已落实到位，我承诺所有生产装置处于安全运行状态，罐区、仓库等重大危险源安全风险得到有效管控。',
    graceDays: 1,
  },
  {
    code: 'monthlyKeyEnterprises',
    name: '重点企业安全生产承诺（每月）',
    period: 'month',
    // Every other enterprise under key supervision (any tag but 危险化学品, whose enterprises commit daily).
    requiredTags: SUPERVISION_TAGS.filter((t) => t !== 'hazardousChemicals'),
    excludedTags: ['hazardousChemicals'],
    reviewItems: [
      '本月已按计划开展隐患排查，发现的隐患已登记并落实整改',
      '重点部位、重点设备安全防护设施完好有效',
      '特种作业人员持证上岗，从业人员已接受安全培训',
      '应急预案有效，应急物资完好，本月已组织演练或检查',
    ],
    commitmentTemplate:
      '本月我单位已对照安全风险清单开展研判，安全生产主体责任和各项防控措施落实到位，我承诺依法依规组织生产经营，发现隐患及时整改。',
    graceDays: 5,
  },
];

export const ReviewAnswer = z.object({
  item: text({ error: '请填写研判事项' }).trim().min(1).max(200),
  ok: z.boolean({ error: '请选择研判结果' }),
  note: optionalText(500),
});

export const CommitmentCreate = z.object({
  typeId: z.uuid({ error: '请选择承诺类型' }),
  /** Enterprise users post for their own enterprise; the office names it when posting on paper's behalf. */
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  /** The day (or any day of the month) the commitment is for; a future period is refused. */
  periodDate: isoDate,
  review: z.array(ReviewAnswer).max(30, '研判事项最多 30 项'),
  commitmentText: text({ error: '请填写承诺内容' }).trim().min(10, '承诺内容至少 10 个字').max(2000),
  committedBy: text({ error: '请填写承诺人' }).trim().min(2, '承诺人姓名至少 2 个字').max(50, '承诺人不能超过 50 个字'),
});
export type CommitmentCreate = z.infer<typeof CommitmentCreate>;

export const CommitmentTypeView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  period: z.enum(COMMITMENT_PERIODS),
  requiredTags: z.array(z.enum(SUPERVISION_TAGS)),
  excludedTags: z.array(z.enum(SUPERVISION_TAGS)),
  reviewItems: z.array(z.string()),
  commitmentTemplate: z.string(),
  graceDays: z.number().int(),
  startsOn: z.string(),
  active: z.boolean(),
  rowVersion: z.number().int(),
});
export type CommitmentTypeView = z.infer<typeof CommitmentTypeView>;

export const CommitmentTypeUpdate = z.object({
  name: text({ error: '请填写名称' }).trim().min(2, '名称至少 2 个字').max(100).optional(),
  requiredTags: z
    .array(z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' }))
    .min(1, '请至少选择一个重点监管标签')
    .optional(),
  excludedTags: z.array(z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' })).optional(),
  reviewItems: z
    .array(text().trim().min(2, '研判事项至少 2 个字').max(200))
    .min(1, '请至少保留一项研判事项')
    .max(30)
    .optional(),
  commitmentTemplate: text().trim().min(10, '承诺内容至少 10 个字').max(2000).optional(),
  graceDays: z
    .number({ error: '宽限天数应为整数' })
    .int('宽限天数应为整数')
    .min(0, '宽限天数不能为负数')
    .max(60, '宽限天数最多 60 天')
    .optional(),
  active: z.boolean().optional(),
  rowVersion: z.number().int().min(1).optional(),
});

export const CommitmentView = z.object({
  id: z.uuid(),
  typeId: z.uuid(),
  typeName: z.string(),
  period: z.enum(COMMITMENT_PERIODS),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  periodStart: z.string(),
  review: z.array(z.object({ item: z.string(), ok: z.boolean(), note: z.string().nullable() })),
  commitmentText: z.string(),
  committedBy: z.string(),
  committedAt: z.string(),
  recordedByName: z.string().nullable(),
  late: z.boolean(),
});
export type CommitmentView = z.infer<typeof CommitmentView>;

export const CommitmentFilters = z.object({
  typeId: z.uuid({ error: '承诺类型编号格式不正确' }).optional(),
  enterpriseId: z.uuid({ error: '企业编号格式不正确' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const CommitmentListQuery = PageQuery.extend(CommitmentFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const CommitmentPage = pageOf(CommitmentView);

export const StatusQuery = z.object({
  /** The park's first active type when left out. */
  typeId: z.uuid({ error: '承诺类型编号格式不正确' }).optional(),
  /** Any day of the period; today when left out. */
  date: isoDate.optional(),
  missingOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const CommitmentStatus = z.object({
  typeId: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  required: z.number().int(),
  posted: z.number().int(),
  missing: z.number().int(),
  /** Whether this period's misses already count for credit (its grace period has passed). */
  graceOver: z.boolean(),
  items: z.array(
    z.object({
      enterpriseId: z.uuid(),
      enterpriseName: z.string(),
      area: z.string().nullable(),
      commitmentId: z.uuid().nullable(),
      committedBy: z.string().nullable(),
      committedAt: z.string().nullable(),
    }),
  ),
});

/** An enterprise's own: the types it must post and whether this period's is done. */
export const MyCommitments = z.object({
  today: z.string(),
  items: z.array(
    z.object({
      type: CommitmentTypeView,
      periodStart: z.string(),
      periodEnd: z.string(),
      posted: CommitmentView.nullable(),
    }),
  ),
});

/** The period a day falls in: the day itself, or its month. */
export function periodOf(period: CommitmentPeriod, day: string): { start: string; end: string } {
  if (period === 'day') return { start: day, end: day };
  const start = `${day.slice(0, 7)}-01`;
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  d.setUTCDate(0);
  return { start, end: d.toISOString().slice(0, 10) };
}
