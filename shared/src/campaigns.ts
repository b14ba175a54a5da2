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
import { isoDate, optionalText } from './validators';

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
  areas: z.array(z.string().trim().max(50)).default([]),
  enterpriseIds: z.array(z.uuid()).max(5000).default([]),
});

export const CampaignCreate = z
  .object({
    name: z.string({ error: '请输入行动名称' }).trim().min(4, '行动名称至少 4 个字').max(100),
    campaignType: z.enum(CAMPAIGN_TYPES, { error: '请选择行动类型' }),
    startsOn: isoDate,
    endsOn: isoDate,
    domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域').default(['production']),
    jointDepartmentIds: z.array(z.uuid()).default([]),
    description: optionalText(2000),
    target: CampaignTarget,
    inspectorIds: z.array(z.uuid()).default([]),
    /** The campaign's checklist templates (any version id; the campaign lists each family's current version). */
    checklistTemplateIds: z.array(z.uuid()).max(30).default([]),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });

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

export const CampaignView = z.object({
  id: z.uuid(),
  name: z.string(),
  campaignType: z.enum(CAMPAIGN_TYPES),
  startsOn: z.string(),
  endsOn: z.string(),
  domains: z.array(z.string()),
  jointDepartmentIds: z.array(z.string()),
  description: z.string().nullable(),
  inspectorIds: z.array(z.string()),
  /** Current versions of the campaign's checklist families. */
  checklists: z.array(ChecklistRef),
  progress: CampaignProgress,
  createdAt: z.string(),
});
export const CampaignPage = pageOf(CampaignView);
export const CampaignListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  campaignType: z.enum(CAMPAIGN_TYPES).optional(),
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
  externalInspectors: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
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
  inspectors: z.array(z.string()),
  inspectorCount: z.number().int(),
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
