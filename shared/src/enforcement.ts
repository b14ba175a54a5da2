// Enforcement (执法, DOMAIN.md §2.4): administrative penalty cases (行政处罚) linked to an enterprise and its hazards,
// and joint enforcement actions (联合执法行动) with member departments and their counted results.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, optionalText, text } from './validators';

// ------------------------------------------------------------------------------------------------ penalty cases

/** 警告 / 罚款 / 没收违法所得 / 责令停产停业整顿 / 暂扣或吊销许可证. */
export const PENALTY_MEASURES = ['warning', 'fine', 'confiscation', 'suspension', 'licence'] as const;
export type PenaltyMeasure = (typeof PENALTY_MEASURES)[number];

export const PENALTY_MEASURE_LABELS: Record<PenaltyMeasure, { zh: string; en: string }> = {
  warning: { zh: '警告', en: 'Warning' },
  fine: { zh: '罚款', en: 'Fine' },
  confiscation: { zh: '没收违法所得', en: 'Confiscation of illegal gains' },
  suspension: { zh: '责令停产停业整顿', en: 'Suspension of production for rectification' },
  licence: { zh: '暂扣或吊销许可证', en: 'Licence suspended or revoked' },
};

/** 立案 → 已决定 → 已执行 → 结案, forward only. */
export const PENALTY_STATUSES = ['filed', 'decided', 'executed', 'closed'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

export const PENALTY_STATUS_LABELS: Record<PenaltyStatus, { zh: string; en: string }> = {
  filed: { zh: '已立案', en: 'Filed' },
  decided: { zh: '已作出决定', en: 'Decided' },
  executed: { zh: '已执行', en: 'Executed' },
  closed: { zh: '已结案', en: 'Closed' },
};

/** The date a case must have to be in each status (and every later one). */
export const PENALTY_STAGE_DATES: Partial<Record<PenaltyStatus, 'decidedOn' | 'executedOn' | 'closedOn'>> = {
  decided: 'decidedOn',
  executed: 'executedOn',
  closed: 'closedOn',
};

const MAX_FINE = 10_000_000_000;
const fineAmount = z
  .number({ error: '罚款金额应为数字（元）' })
  .positive('罚款金额应大于 0')
  .max(MAX_FINE, '罚款金额过大')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '罚款金额最多保留两位小数')
  .nullish()
  .transform((v) => v ?? null);
const optionalDate = isoDate.nullish().transform((v) => v ?? null);

const penaltyFields = {
  /** 案号; left empty, the next number of the park's series is given (高新安监罚〔2026〕0001号). */
  caseNo: optionalText(60),
  enterpriseId: z.uuid({ error: '请选择企业' }),
  hazardIds: z.array(z.uuid({ error: '隐患编号格式不正确' })).max(200, '最多关联 200 条隐患'),
  legalBasis: text({ error: '请填写处罚依据' }).trim().min(4, '处罚依据至少 4 个字').max(2000),
  measures: z
    .array(z.enum(PENALTY_MEASURES, { error: '未知的处罚种类' }), { error: '请选择处罚种类' })
    .min(1, '请至少选择一种处罚种类')
    .max(PENALTY_MEASURES.length)
    .refine((m) => new Set(m).size === m.length, '处罚种类不能重复'),
  /** Yuan, required exactly when 罚款 is among the measures (checked with the whole case). */
  fineAmount,
  filedOn: isoDate,
  decidedOn: optionalDate,
  executedOn: optionalDate,
  closedOn: optionalDate,
  status: z.enum(PENALTY_STATUSES, { error: '未知的案件状态' }),
  note: optionalText(2000),
};

export const PenaltyCaseCreate = z.object({
  ...penaltyFields,
  hazardIds: penaltyFields.hazardIds.default([]),
  status: penaltyFields.status.default('filed'),
});
export type PenaltyCaseCreate = z.infer<typeof PenaltyCaseCreate>;

/** Fields left out stay as they are; rowVersion (when sent) must match the stored one. */
export const PenaltyCaseUpdate = z.object({
  caseNo: penaltyFields.caseNo.optional(),
  hazardIds: penaltyFields.hazardIds.optional(),
  legalBasis: penaltyFields.legalBasis.optional(),
  measures: penaltyFields.measures.optional(),
  fineAmount: penaltyFields.fineAmount.optional(),
  filedOn: penaltyFields.filedOn.optional(),
  decidedOn: penaltyFields.decidedOn.optional(),
  executedOn: penaltyFields.executedOn.optional(),
  closedOn: penaltyFields.closedOn.optional(),
  status: penaltyFields.status.optional(),
  note: penaltyFields.note.optional(),
  rowVersion: z.number().int().min(1).optional(),
});
export type PenaltyCaseUpdate = z.infer<typeof PenaltyCaseUpdate>;

export interface PenaltyState {
  measures: readonly PenaltyMeasure[];
  fineAmount: number | null;
  filedOn: string;
  decidedOn: string | null;
  executedOn: string | null;
  closedOn: string | null;
  status: PenaltyStatus;
}

export interface PenaltyProblem {
  code: string;
  field: keyof PenaltyState;
  message: string;
}

const STAGE_NAMES = { decidedOn: '决定日期', executedOn: '执行日期', closedOn: '结案日期' } as const;

/**
 * The rules of a whole case (after a create or an update), in the order a clerk fixes them: null when it holds.
 * 罚款 needs an amount and only 罚款 has one; each status needs the dates of its stages and no later ones; dates are
 * in order and not in the future (today is Asia/Shanghai).
 */
export function penaltyProblem(s: PenaltyState, today: string): PenaltyProblem | null {
  const fine = s.measures.includes('fine');
  if (fine && s.fineAmount == null) {
    return { code: 'PENALTY_FINE_AMOUNT_REQUIRED', field: 'fineAmount', message: '处罚种类含罚款时，须填写罚款金额' };
  }
  if (!fine && s.fineAmount != null) {
    return { code: 'PENALTY_FINE_AMOUNT_UNEXPECTED', field: 'fineAmount', message: '未选择罚款，不应填写罚款金额' };
  }
  const reached = PENALTY_STATUSES.indexOf(s.status);
  let previous: { field: keyof PenaltyState; date: string } = { field: 'filedOn', date: s.filedOn };
  if (s.filedOn > today) return { code: 'PENALTY_DATE_FUTURE', field: 'filedOn', message: '立案日期不能晚于今天' };
  for (const [i, status] of PENALTY_STATUSES.entries()) {
    const field = PENALTY_STAGE_DATES[status];
    if (!field) continue;
    const date = s[field];
    const name = STAGE_NAMES[field];
    if (i <= reached && !date) {
      const message = `案件状态为「${PENALTY_STATUS_LABELS[s.status].zh}」，请填写${name}`;
      return { code: 'PENALTY_STAGE_DATE_REQUIRED', field, message };
    }
    if (i > reached && date) {
      const message = `案件尚未${PENALTY_STATUS_LABELS[status].zh.replace(/^已/, '')}，不应填写${name}`;
      return { code: 'PENALTY_STAGE_DATE_EARLY', field, message };
    }
    if (!date) continue;
    if (date > today) return { code: 'PENALTY_DATE_FUTURE', field, message: `${name}不能晚于今天` };
    if (date < previous.date) {
      const message = `${name}不能早于${previous.field === 'filedOn' ? '立案日期' : STAGE_NAMES[previous.field as keyof typeof STAGE_NAMES]}`;
      return { code: 'PENALTY_DATE_ORDER', field, message };
    }
    previous = { field, date };
  }
  return null;
}

export const PenaltyCaseView = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  hazardIds: z.array(z.uuid()),
  hazards: z.array(z.object({ id: z.uuid(), serial: z.string(), description: z.string(), status: z.string() })),
  legalBasis: z.string(),
  measures: z.array(z.enum(PENALTY_MEASURES)),
  fineAmount: z.number().nullable(),
  filedOn: z.string(),
  decidedOn: z.string().nullable(),
  executedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  status: z.enum(PENALTY_STATUSES),
  note: z.string().nullable(),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PenaltyCaseView = z.infer<typeof PenaltyCaseView>;

export const PenaltyCaseListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  enterpriseId: z.uuid().optional(),
  hazardId: z.uuid().optional(),
  status: z.enum(PENALTY_STATUSES).optional(),
  measure: z.enum(PENALTY_MEASURES).optional(),
  filedFrom: isoDate.optional(),
  filedTo: isoDate.optional(),
  sort: z.enum(['filedOn', 'caseNo']).default('filedOn'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const PenaltyCasePage = pageOf(PenaltyCaseView).extend({
  /** Sum of the fines of the filtered cases (yuan). */
  fineTotal: z.number(),
});

// ------------------------------------------------------------------------------------- joint enforcement actions

/** One counted result, shown as item + count + unit: 打击取缔非法加油车（点）3起. */
export const ResultCount = z.object({
  item: text({ error: '请填写成果事项' }).trim().min(2, '成果事项至少 2 个字').max(100),
  count: z.number({ error: '数量应为整数' }).int('数量应为整数').min(0, '数量不能为负数').max(1_000_000),
  unit: text().trim().min(1).max(10).default('起'),
});
export type ResultCount = z.infer<typeof ResultCount>;

export const resultText = (r: { item: string; count: number; unit: string }) => `${r.item}${r.count}${r.unit}`;

const jointFields = {
  actionDate: isoDate,
  title: text({ error: '请填写行动名称' }).trim().min(2, '行动名称至少 2 个字').max(200),
  /** The leading unit (牵头单位): the committee, a member department or a village. */
  leadOrganisationId: z.uuid({ error: '请选择牵头单位' }),
  participantOrganisationIds: z.array(z.uuid()).max(50, '参与单位最多 50 个'),
  /** Enterprises checked or dealt with, when the action had specific targets. */
  targetEnterpriseIds: z.array(z.uuid()).max(500, '检查对象最多 500 家'),
  results: optionalText(5000),
  resultCounts: z.array(ResultCount).max(50, '成果事项最多 50 项'),
};

export const JointActionCreate = z.object({
  ...jointFields,
  participantOrganisationIds: jointFields.participantOrganisationIds.default([]),
  targetEnterpriseIds: jointFields.targetEnterpriseIds.default([]),
  resultCounts: jointFields.resultCounts.default([]),
});
export type JointActionCreate = z.infer<typeof JointActionCreate>;

export const JointActionUpdate = z.object({
  actionDate: jointFields.actionDate.optional(),
  title: jointFields.title.optional(),
  leadOrganisationId: jointFields.leadOrganisationId.optional(),
  participantOrganisationIds: jointFields.participantOrganisationIds.optional(),
  targetEnterpriseIds: jointFields.targetEnterpriseIds.optional(),
  results: jointFields.results.optional(),
  resultCounts: jointFields.resultCounts.optional(),
  rowVersion: z.number().int().min(1).optional(),
});
export type JointActionUpdate = z.infer<typeof JointActionUpdate>;

const Named = z.object({ id: z.uuid(), name: z.string() });

export const JointActionView = z.object({
  id: z.uuid(),
  actionDate: z.string(),
  title: z.string(),
  leadOrganisation: Named,
  participants: z.array(Named),
  targetEnterprises: z.array(Named),
  results: z.string().nullable(),
  resultCounts: z.array(z.object({ item: z.string(), count: z.number().int(), unit: z.string() })),
  /** The counted results as sentences: ["打击取缔非法加油车（点）3起"]. */
  resultSummary: z.array(z.string()),
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JointActionView = z.infer<typeof JointActionView>;

export const JointActionListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Led by or joined by this organisation. */
  organisationId: z.uuid().optional(),
  /** Targeting this enterprise. */
  enterpriseId: z.uuid().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const JointActionPage = pageOf(JointActionView).extend({
  /** The counted results of the filtered actions summed per item and unit (for reports). */
  totals: z.array(z.object({ item: z.string(), unit: z.string(), count: z.number().int() })),
});

// ------------------------------------------------------------------------------------------------------ exports

/** The Excel export takes the list's filters (not its page): every matching row, up to ENFORCEMENT_EXPORT_MAX. */
export const PenaltyCaseExportQuery = PenaltyCaseListQuery.omit({ page: true, pageSize: true });
export const JointActionExportQuery = JointActionListQuery.omit({ page: true, pageSize: true });
/** Enforcement registers hold hundreds of rows a year; beyond this the export asks for narrower filters. */
export const ENFORCEMENT_EXPORT_MAX = 5000;

/** The units that may lead or join a joint action (管委会, 成员单位, 村居), for the form's pickers. */
export const EnforcementUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['committee', 'department', 'village']),
});
export const EnforcementUnitList = z.object({ items: z.array(EnforcementUnit) });
export type EnforcementUnit = z.infer<typeof EnforcementUnit>;
