// Inspection campaigns (检查行动) and inspections (检查记录), DOMAIN.md §2.3. Figures follow the seed's definitions:
// 人次 = sum over inspections of their inspectors; 家次 = number of inspections; 处 = number of hazards.
import { z } from 'zod';
import {
  ChecklistRef,
  InspectionItemResultInput,
  InspectionItemResultView,
  InspectionSignatureView,
  ResultCounts,
  SignatureInput,
} from './checklists';
import { PageQuery, pageOf } from './common';
import { SUPERVISION_TAGS } from './enterprises';
import { HAZARD_DOMAINS, HazardCreate } from './hazards';
import { isoDate, optionalText, text } from './validators';

export const CAMPAIGN_TYPES = [
  'springCheck',
  'floodSeason',
  'highTemperature',
  'preHoliday',
  'twoSessions',
  'safetyMonth',
  'resumption',
  'fireSpecial',
  'majorHazardRectification',
  'dualPreventionReview',
  'other',
] as const;

export const CAMPAIGN_TYPE_NAMES: Record<(typeof CAMPAIGN_TYPES)[number], string> = {
  springCheck: '春季安全生产大检查',
  floodSeason: '汛期安全生产大检查',
  highTemperature: '高温期间安全生产检查',
  preHoliday: '节前安全生产检查',
  twoSessions: '两会期间安全生产和消防安全大排查',
  safetyMonth: '安全生产月',
  resumption: '复工复产检查',
  fireSpecial: '消防安全专项整治',
  majorHazardRectification: '重大事故隐患专项整治',
  dualPreventionReview: '双控机制建设“回头看”',
  other: '其他',
};

export const INSPECTION_KINDS = [
  'supervision',
  'selfInspection',
  'thirdParty',
  'jointEnforcement',
  'expertService',
] as const;

export const CampaignTarget = z.object({
  tags: z.array(z.enum(SUPERVISION_TAGS)).default([]),
  areas: z.array(text().trim().max(50)).default([]),
  enterpriseIds: z.array(z.uuid()).max(5000).default([]),
});

export const CAMPAIGN_STATUSES = ['active', 'closed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_NAMES: Record<CampaignStatus, string> = {
  active: '进行中',
  closed: '已结束',
  cancelled: '已取消',
};

const campaignTypes = z
  .array(z.enum(CAMPAIGN_TYPES, { error: '行动类型无效' }))
  .min(1, '请选择行动类型')
  .max(5, '行动类型最多 5 个');

/** What a supervisor fills in for a campaign; create takes all of it, edit any part. */
const campaignFields = {
  name: text({ error: '请输入行动名称' }).trim().min(4, '行动名称至少 4 个字').max(100),
  /** One or more types: 汛期和高温期间大检查 is floodSeason + highTemperature. */
  campaignTypes,
  startsOn: isoDate,
  endsOn: isoDate,
  domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域'),
  jointDepartmentIds: z.array(z.uuid()).max(50),
  description: optionalText(2000),
  target: CampaignTarget,
  inspectorIds: z.array(z.uuid()).max(200),
};

export const CampaignCreate = z
  .object({
    ...campaignFields,
    campaignTypes: campaignTypes.optional(),
    /** The single type of the first API version; campaignTypes wins when both are sent. */
    campaignType: z.enum(CAMPAIGN_TYPES, { error: '请选择行动类型' }).optional(),
    domains: campaignFields.domains.default(['production']),
    jointDepartmentIds: campaignFields.jointDepartmentIds.default([]),
    inspectorIds: campaignFields.inspectorIds.default([]),
    /** The campaign's checklist templates (any version id; the campaign lists each family's current version). */
    checklistTemplateIds: z.array(z.uuid()).max(30).default([]),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] })
  .refine((c) => (c.campaignTypes?.length ?? 0) > 0 || c.campaignType, {
    message: '请选择行动类型',
    path: ['campaignTypes'],
  })
  .transform(({ campaignType, campaignTypes, ...c }) => ({
    ...c,
    campaignTypes: [...new Set(campaignTypes?.length ? campaignTypes : [campaignType!])],
  }));

/** PATCH /api/campaigns/:id: the fields sent change, the others stay (targets: re-chosen, those already inspected kept). */
export const CampaignUpdate = z
  .object(campaignFields)
  .partial()
  .refine((c) => !c.startsOn || !c.endsOn || c.endsOn >= c.startsOn, {
    message: '结束日期不能早于开始日期',
    path: ['endsOn'],
  });

export const CampaignCancelBody = z.object({
  reason: text({ error: '请填写取消原因' }).trim().min(2, '请填写取消原因（至少 2 个字）').max(500),
});

export const CampaignProgress = z.object({
  targetEnterprises: z.number().int(),
  coveredEnterprises: z.number().int(),
  inspections: z.number().int(),
  inspectorVisits: z.number().int(),
  hazards: z.number().int(),
  majorHazards: z.number().int(),
  closedHazards: z.number().int(),
  rectificationRate: z.number(),
});

const NamedRef = z.object({ id: z.uuid(), name: z.string() });

export const CampaignView = z.object({
  id: z.uuid(),
  name: z.string(),
  campaignTypes: z.array(z.enum(CAMPAIGN_TYPES)),
  status: z.enum(CAMPAIGN_STATUSES),
  closedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  domains: z.array(z.string()),
  jointDepartmentIds: z.array(z.string()),
  /** The joint departments (联合检查) by name, in the order they were chosen. */
  jointDepartments: z.array(NamedRef),
  description: z.string().nullable(),
  inspectorIds: z.array(z.string()),
  /** The team (检查组) by name. */
  team: z.array(NamedRef),
  /** How the targets were chosen; null for campaigns created before this was kept. */
  target: z
    .object({
      tags: z.array(z.string()),
      areas: z.array(z.string()),
      enterprises: z.array(NamedRef),
    })
    .nullable(),
  /** Current versions of the campaign's checklist families. */
  checklists: z.array(ChecklistRef),
  progress: CampaignProgress,
  createdAt: z.string(),
});
export const CampaignPage = pageOf(CampaignView);
export const CampaignListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  /** Campaigns carrying this type (among others). */
  campaignType: z.enum(CAMPAIGN_TYPES).optional(),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

export const CampaignEnterpriseRow = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  area: z.string().nullable(),
  inspections: z.number().int(),
  hazards: z.number().int(),
  openHazards: z.number().int(),
  lastInspectedOn: z.string().nullable(),
});

/** An inspection with the hazards found, recorded in one step. */
export const InspectionCreate = z.object({
  campaignId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  enterpriseId: z.uuid({ error: '请选择企业' }),
  inspectedOn: isoDate,
  kind: z.enum(INSPECTION_KINDS, { error: '请选择检查类型' }),
  domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域').default(['production']),
  inspectorIds: z.array(z.uuid()).max(30).default([]),
  externalInspectors: z.array(text().trim().min(1).max(50)).max(30).default([]),
  summary: optionalText(2000),
  enterpriseSigner: optionalText(50),
  hazards: z
    .array(HazardCreate.omit({ enterpriseId: true, inspectionId: true, campaignId: true }))
    .max(100)
    .default([]),
  /** An active checklist template (newest version): then every one of its items needs a result in items. */
  checklistTemplateId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  items: z.array(InspectionItemResultInput).max(300).default([]),
  inspectorSignature: SignatureInput.nullish().transform((v) => v ?? null),
  /** The enterprise representative's signature; its signerName also fills enterpriseSigner when that is empty. */
  enterpriseSignature: SignatureInput.nullish().transform((v) => v ?? null),
});

export const InspectionView = z.object({
  id: z.uuid(),
  campaignId: z.uuid().nullable(),
  campaignName: z.string().nullable(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  inspectedOn: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  domains: z.array(z.string()),
  /** Those named on the record: user inspectors (display names) then outside inspectors, in the record's order. */
  inspectors: z.array(z.string()),
  /** 人次 of this record: its named inspectors, each once (the recorder is not counted unless named). */
  inspectorCount: z.number().int(),
  /** Who entered the record (an office may type up a paper record of others' visit); createdAt is when. */
  recordedByName: z.string().nullable(),
  summary: z.string().nullable(),
  enterpriseSigner: z.string().nullable(),
  hazardCount: z.number().int(),
  checklist: ChecklistRef.nullable(),
  /** Item results by outcome; null without a checklist. */
  resultCounts: ResultCounts.nullable(),
  signedByInspector: z.boolean(),
  signedByEnterprise: z.boolean(),
  createdAt: z.string(),
});
/** GET /api/inspections/:id and the answer of POST: the view plus item results and signatures. */
export const InspectionDetail = InspectionView.extend({
  items: z.array(InspectionItemResultView),
  signatures: z.array(InspectionSignatureView),
});
export const InspectionPage = pageOf(InspectionView);
export const InspectionListQuery = PageQuery.extend({
  campaignId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  /** true: the inspections enterprises received (any kind but 企业自查) — what 家次 and 人次 count. */
  supervisory: z.enum(['true', 'false']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

/**
 * GET /api/inspections/inspector-options: who may be named as an inspector. Committee staff and inspectors get the
 * park's active inspectors, supervisors and member-unit staff; an enterprise user (self-inspection) its own colleagues.
 */
export const InspectorOption = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  organisationName: z.string().nullable(),
});
export const InspectorOptionList = z.array(InspectorOption);
