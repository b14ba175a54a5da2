// Third-party fire service (消防第三方服务, DOMAIN.md §2.6, seed 003 §六): the committee buys a fire technical service
// company's daily guidance of the park's enterprises (contracts), the company's visits are kept as a ledger, their
// findings are hazards of domain 消防 (the hazard loop follows their rectification), and the ledger is analysed for
// weak links, common problems and key areas.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { BackfillCreate, HAZARD_CATEGORIES, HAZARD_GRADES, HAZARD_STATUSES } from './hazards';
import { isoDate, optionalText, text } from './validators';

/**
 * The kinds of fire problem a visit finds (消防问题类别): the platform's own grouping for the analysis, chosen when a
 * finding is recorded. The hazard keeps its general category (不安全状态 …) as every hazard does.
 */
export const FIRE_PROBLEMS = [
  'facilities',
  'evacuation',
  'electrical',
  'combustibles',
  'hotWork',
  'separation',
  'controlRoom',
  'management',
  'training',
  'other',
] as const;
export type FireProblem = (typeof FIRE_PROBLEMS)[number];
export const FIRE_PROBLEM_NAMES: Record<FireProblem, string> = {
  facilities: '消防设施器材',
  evacuation: '安全疏散',
  electrical: '电气线路与用电',
  combustibles: '易燃可燃物管理',
  hotWork: '动火作业',
  separation: '防火分隔',
  controlRoom: '消防控制室',
  management: '消防安全管理制度',
  training: '消防培训与演练',
  other: '其他',
};
/** What a finding's general hazard category is unless the recorder says otherwise. */
export const FIRE_PROBLEM_CATEGORY: Record<FireProblem, (typeof HAZARD_CATEGORIES)[number]> = {
  facilities: 'unsafeCondition',
  evacuation: 'unsafeCondition',
  electrical: 'unsafeCondition',
  combustibles: 'unsafeCondition',
  hotWork: 'unsafeAct',
  separation: 'unsafeCondition',
  controlRoom: 'managementDefect',
  management: 'managementDefect',
  training: 'managementDefect',
  other: 'unsafeCondition',
};

const AMOUNT_MAX = 100_000_000;
/** Yuan with at most two decimals, more than zero. */
const amount = z
  .number({ error: '请填写合同金额（元）' })
  .refine((v) => Number.isFinite(v), '合同金额须为数字')
  .refine((v) => v > 0, '合同金额须大于 0')
  .refine((v) => v <= AMOUNT_MAX, '合同金额不能超过 1 亿元')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '合同金额最多保留两位小数');

const ContractFields = z.object({
  title: text({ error: '请填写合同名称' }).trim().min(4, '合同名称至少 4 个字').max(100, '合同名称不能超过 100 个字'),
  contractNo: optionalText(50),
  providerId: z.uuid({ error: '请选择服务机构' }),
  signedOn: isoDate.nullish().transform((v) => v ?? null),
  startsOn: isoDate,
  endsOn: isoDate,
  amount,
  /** 服务内容: what the company does (日常指导检查、消防设施检测 …). */
  content: text({ error: '请填写服务内容' }).trim().min(4, '服务内容至少 4 个字').max(2000),
  /** All the park's enterprises, or the listed ones. */
  coversAll: z.boolean().default(false),
  enterpriseIds: z
    .array(z.uuid({ error: '企业编号不正确' }))
    .max(2000)
    .default([])
    .transform((v) => [...new Set(v)]),
  note: optionalText(1000),
  /**
   * Attachments (the scanned contract PDF, photos): park files uploaded for a contract (recordKind
   * fireServiceContract). Left out of an edit: the attachments stay as they are.
   */
  fileIds: z
    .array(z.uuid({ error: '附件编号不正确' }))
    .max(20, '合同附件最多 20 个')
    .transform((v) => [...new Set(v)])
    .optional(),
  /** The user saw the warnings (a provider whose qualification lapsed) and saves anyway. */
  confirmWarnings: z.boolean().default(false),
});
const contractRules = <
  T extends z.ZodType<{ startsOn: string; endsOn: string; coversAll: boolean; enterpriseIds: string[] }>,
>(
  s: T,
) =>
  s
    .refine((c) => c.endsOn >= c.startsOn, { message: '服务期结束日期不能早于开始日期', path: ['endsOn'] })
    .refine((c) => c.coversAll || c.enterpriseIds.length > 0, {
      message: '请选择服务的企业，或勾选“全部企业”',
      path: ['enterpriseIds'],
    });
export const ContractCreate = contractRules(ContractFields);
export type ContractCreate = z.infer<typeof ContractCreate>;
/** An edit sends the whole contract again, with the version it was read at. */
export const ContractUpdate = contractRules(ContractFields.extend({ rowVersion: z.number().int().min(1) }));
export type ContractUpdate = z.infer<typeof ContractUpdate>;

export const ContractView = z.object({
  id: z.uuid(),
  serial: z.string(),
  title: z.string(),
  contractNo: z.string().nullable(),
  providerId: z.uuid(),
  providerName: z.string(),
  providerExpired: z.boolean(),
  signedOn: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Yuan; null for roles that do not see the committee's spending (inspectors). */
  amount: z.number().nullable(),
  content: z.string(),
  coversAll: z.boolean(),
  enterprises: z.array(z.object({ id: z.uuid(), name: z.string() })),
  note: z.string().nullable(),
  /** Attachments; empty for roles that do not see the amount (the scanned contract shows it). */
  files: z.array(z.object({ id: z.uuid(), originalName: z.string(), mime: z.string() })),
  visits: z.number().int(),
  findings: z.number().int(),
  createdAt: z.string(),
  rowVersion: z.number().int(),
});
export type ContractView = z.infer<typeof ContractView>;
export const ContractFilters = z.object({
  q: optionalText(100),
  providerId: z.uuid().optional(),
  /** Contracts whose period includes this day. */
  activeOn: isoDate.optional(),
});
export const ContractListQuery = PageQuery.extend(ContractFilters.shape).extend({
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ContractPage = pageOf(ContractView);

/**
 * What the special-funds ledger (专项资金) records for a contract: a 购买服务 (purchasedServices) expense of the
 * contract's amount, dated when it was signed (or its service starts), paid to the provider.
 */
export interface ContractFundEntry {
  purpose: 'purchasedServices';
  amount: number;
  date: string;
  supplier: string;
  description: string;
  subjectKind: 'fireServiceContract';
  subjectId: string;
}

// ------------------------------------------------------------------------------------------------------- visits

export const FindingInput = z.object({
  problem: z.enum(FIRE_PROBLEMS, { error: '请选择问题类别' }),
  description: text({ error: '请描述发现的问题' }).trim().min(4, '问题描述至少 4 个字').max(1000),
  location: optionalText(200),
  /** The hazard's general category; by default the problem's usual one (FIRE_PROBLEM_CATEGORY). */
  category: z.enum(HAZARD_CATEGORIES, { error: '未知的隐患类别' }).nullish(),
  grade: z.enum(HAZARD_GRADES).default('general'),
  requirement: optionalText(1000),
  deadline: isoDate.nullish().transform((v) => v ?? null),
  responsiblePerson: optionalText(50),
  /** 即查即改: fixed while the service staff watched (needs after-photos, as any hazard). */
  fixedOnSpot: z.boolean().default(false),
  photoIds: z.array(z.uuid()).max(12, '最多 12 张照片').default([]),
  afterPhotoIds: z.array(z.uuid()).max(12, '最多 12 张照片').default([]),
});
export type FindingInput = z.infer<typeof FindingInput>;

export const VisitCreate = z.object({
  contractId: z.uuid({ error: '请选择服务合同' }),
  enterpriseId: z.uuid({ error: '请选择企业' }),
  visitedOn: isoDate,
  /** The provider's staff who came (names: they are not users of the platform). */
  providerStaff: z
    .array(text().trim().min(2, '人员姓名至少 2 个字').max(30, '人员姓名不能超过 30 个字'), {
      error: '请填写服务人员',
    })
    .min(1, '请填写至少一名服务人员')
    .max(10, '服务人员最多 10 名')
    .transform((v) => [...new Set(v)]),
  content: text({ error: '请填写服务内容' }).trim().min(4, '服务内容至少 4 个字').max(2000),
  findings: z.array(FindingInput).max(30, '一次最多登记 30 条问题').default([]),
  /** 补录 of a paper ledger (supervisors): the findings' past deadlines are accepted, with this reason. */
  backfill: BackfillCreate.nullish().transform((v) => v ?? null),
  /** The user saw the warnings (a day outside the contract's period) and saves anyway. */
  confirmWarnings: z.boolean().default(false),
});
export type VisitCreate = z.infer<typeof VisitCreate>;

export const FindingView = z.object({
  hazardId: z.uuid(),
  serial: z.string(),
  problem: z.enum(FIRE_PROBLEMS),
  description: z.string(),
  location: z.string().nullable(),
  grade: z.enum(HAZARD_GRADES),
  status: z.enum(HAZARD_STATUSES),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
});
export const VisitView = z.object({
  id: z.uuid(),
  serial: z.string(),
  contractId: z.uuid(),
  contractTitle: z.string(),
  providerName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  area: z.string().nullable(),
  visitedOn: z.string(),
  providerStaff: z.array(z.string()),
  content: z.string(),
  /** Recorded although the day lay outside the contract's period (the recorder confirmed the warning). */
  outsidePeriod: z.boolean(),
  findings: z.number().int(),
  rectified: z.number().int(),
  open: z.number().int(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type VisitView = z.infer<typeof VisitView>;
export const VisitDetail = VisitView.extend({ items: z.array(FindingView) });
export type VisitDetail = z.infer<typeof VisitDetail>;

export const VisitFilters = z
  .object({
    contractId: z.uuid().optional(),
    enterpriseId: z.uuid().optional(),
    area: text().trim().max(50).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Visits with findings not yet closed (未销号). */
    open: z.enum(['true', 'false']).optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export const VisitListQuery = PageQuery.extend({
  contractId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  area: text().trim().max(50).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  open: z.enum(['true', 'false']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const VisitPage = pageOf(VisitView).extend({
  totals: z.object({ visits: z.number().int(), findings: z.number().int(), rectified: z.number().int() }),
});

// ----------------------------------------------------------------------------------------------------- analysis

export const AnalysisQuery = z
  .object({
    contractId: z.uuid().optional(),
    /** Default: the contract's period, or this year. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.to >= q.from, { message: '结束日期不能早于开始日期', path: ['to'] });
export type AnalysisQuery = z.infer<typeof AnalysisQuery>;

const Counted = { findings: z.number().int(), rectified: z.number().int(), open: z.number().int() };
export const Analysis = z.object({
  from: z.string(),
  to: z.string(),
  contractId: z.uuid().nullable(),
  totals: z.object({
    visits: z.number().int(),
    enterprises: z.number().int(),
    ...Counted,
    overdue: z.number().int(),
    /** Closed of found, percent with one decimal; null when nothing was found. */
    rectificationRate: z.number().nullable(),
  }),
  byMonth: z.array(z.object({ month: z.string(), problem: z.enum(FIRE_PROBLEMS), findings: z.number().int() })),
  problems: z.array(z.object({ problem: z.enum(FIRE_PROBLEMS), enterprises: z.number().int(), ...Counted })),
  byTag: z.array(
    z.object({ tag: z.enum(SUPERVISION_TAGS), enterprises: z.number().int(), ...Counted, perEnterprise: z.number() }),
  ),
  byArea: z.array(
    z.object({
      area: z.string(),
      enterprises: z.number().int(),
      ...Counted,
      perEnterprise: z.number(),
      /** 重点监管区域: more open findings per visited enterprise than the park's average. */
      key: z.boolean(),
    }),
  ),
  repeats: z.array(
    z.object({
      enterpriseId: z.uuid(),
      enterpriseName: z.string(),
      area: z.string().nullable(),
      problem: z.enum(FIRE_PROBLEMS),
      visits: z.number().int(),
      ...Counted,
    }),
  ),
});
export type Analysis = z.infer<typeof Analysis>;

/** The hazard-ledger filters that open the hazards behind a figure of the analysis (shared by server tests and web). */
export interface FireLedgerLink {
  fireService: 'true';
  fireServiceContractId?: string;
  fireProblem?: FireProblem;
  supervisionTag?: string;
  area?: string;
  enterpriseId?: string;
  foundFrom: string;
  foundTo: string;
  open?: 'true' | 'false';
}
export function ledgerLink(
  a: { from: string; to: string; contractId: string | null },
  extra: Partial<FireLedgerLink> = {},
) {
  const out: FireLedgerLink = { fireService: 'true', foundFrom: a.from, foundTo: a.to, ...extra };
  if (a.contractId) out.fireServiceContractId = a.contractId;
  return out;
}
