// Checklist templates (检查表) and the item-by-item results of an inspection (DOMAIN.md §2.3).
//
// A template is one version of a family: editing a draft changes it in place; editing an active template publishes a
// new version (the old one stays readable, because inspections point at the exact version and items they used, and
// is marked superseded); copying starts a new family; retiring hides a template from pickers but keeps it readable.
//
// Routes (server/src/modules/checklists, inspections, campaigns):
//   GET  /api/checklists                 ChecklistListQuery → ChecklistTemplatePage (enterprise users: active only)
//   GET  /api/checklists/options         ChecklistOptionsQuery → ChecklistOptionList (active newest versions)
//   GET  /api/checklists/:id             → ChecklistTemplateDetail (any version, incl. superseded/retired)
//   POST /api/checklists                 ChecklistTemplateCreate → ChecklistTemplateDetail      (admin, supervisor)
//   PUT  /api/checklists/:id             ChecklistTemplateUpdate → ChecklistTemplateDetail (draft: same id; active:
//                                        the new version — navigate to its id)                (admin, supervisor)
//   POST /api/checklists/:id/copy        ChecklistTemplateCopy → ChecklistTemplateDetail (new family, draft)
//   POST /api/checklists/:id/activate    → ChecklistTemplateDetail (draft or retired, not superseded → active)
//   POST /api/checklists/:id/retire      → ChecklistTemplateDetail (active → retired)
//   GET  /api/campaigns/:id/checklists   → ChecklistRef[];  PUT same, CampaignChecklistsBody → ChecklistRef[]
//   POST /api/inspections                InspectionCreate (checklistTemplateId, items, signatures) → InspectionDetail
//   GET  /api/inspections/:id            → InspectionDetail (items with results, photos, hazards; signatures)
//   POST /api/inspections/:id/items/:itemId/hazard   ItemHazardInput → ItemHazardCreated (second time → 409)
//   GET  /api/inspections/inspector-options          → InspectorOptionList
//   POST /api/inspections/:id/signatures             InspectionSignBody → InspectionDetail (a side signs later;
//                                        an enterprise user signs as 企业代表, or as 检查人员 on its self-inspection)
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { CRITERIA_STANDARDS } from './criteria';
import { FileView } from './files';
import { HAZARD_DOMAINS, HAZARD_GRADES, HAZARD_SOURCES, HazardCreate } from './hazards';
import { isoDateTime, optionalText, text } from './validators';

/** 草稿 · 启用 · 停用. A superseded version is 停用 with supersededById set. */
export const CHECKLIST_STATUSES = ['draft', 'active', 'retired'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
export const CHECKLIST_STATUS_NAMES: Record<ChecklistStatus, string> = {
  draft: '草稿',
  active: '启用',
  retired: '停用',
};

/** 合格 · 不合格 · 不适用. */
export const ITEM_RESULTS = ['pass', 'fail', 'na'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];
export const ITEM_RESULT_NAMES: Record<ItemResult, string> = { pass: '合格', fail: '不合格', na: '不适用' };

/** Who signs an inspection record: the inspector(s) and the enterprise's representative. */
export const SIGNER_ROLES = ['inspector', 'enterprise'] as const;
export type SignerRole = (typeof SIGNER_ROLES)[number];
export const SIGNER_ROLE_NAMES: Record<SignerRole, string> = { inspector: '检查人员', enterprise: '企业代表' };

// ------------------------------------------------------------------------------------------------ templates

const criterionCode = text()
  .trim()
  .max(40)
  .nullish()
  .transform((v) => v || null);

/** One item as entered. basis is free text (法规/标准条款) typed by the user; criterionCode links a library item. */
export const ChecklistItemInput = z.object({
  content: text({ error: '请填写检查内容' }).trim().min(2, '检查内容至少 2 个字').max(500, '不能超过 500 个字'),
  basis: optionalText(500),
  domain: z.enum(HAZARD_DOMAINS, { error: '请选择检查领域' }).default('production'),
  /** Code of a current item of the major-hazard criteria library (unknown or retired code → 422). */
  criterionCode,
  /** 检查方法 (e.g. 查资料 / 现场查看 / 询问). */
  method: optionalText(200),
  notes: optionalText(500),
});
export type ChecklistItemInput = z.infer<typeof ChecklistItemInput>;

const templateFields = {
  name: text({ error: '请输入检查表名称' }).trim().min(4, '检查表名称至少 4 个字').max(100, '不能超过 100 个字'),
  domains: z.array(z.enum(HAZARD_DOMAINS)).min(1, '至少选择一个检查领域').default(['production']),
  description: optionalText(2000),
  items: z.array(ChecklistItemInput).min(1, '至少添加一个检查项').max(300, '一张检查表最多 300 个检查项'),
};

const templateCode = text()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/, '编号由 2–40 位字母、数字、- 或 _ 组成')
  .nullish()
  .transform((v) => v || null);

/** New template (a new family, version 1, 草稿). Without a code the server numbers it JCB-0001, JCB-0002 … */
export const ChecklistTemplateCreate = z.object({
  code: templateCode,
  ...templateFields,
  /** true: publish at once (启用) instead of saving a draft. */
  activate: z.boolean().default(false),
});
export type ChecklistTemplateCreate = z.infer<typeof ChecklistTemplateCreate>;

/**
 * Full replacement of name, domains, description and items. On a draft: in place (same id). On an active template:
 * a new version (new id, version + 1, 启用) and the edited one becomes 停用 with supersededById. Retired: 409.
 */
export const ChecklistTemplateUpdate = z.object(templateFields);
export type ChecklistTemplateUpdate = z.infer<typeof ChecklistTemplateUpdate>;

/** Copy into a new family (version 1, 草稿) whose derivedFromId is the source version. */
export const ChecklistTemplateCopy = z.object({
  code: templateCode,
  name: templateFields.name,
});

export const ChecklistListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  status: z.enum(CHECKLIST_STATUSES).optional(),
  domain: z.enum(HAZARD_DOMAINS).optional(),
  /** latest (default): one row per family, its newest version; all: every version. */
  versions: z.enum(['latest', 'all']).default('latest'),
}).extend({ order: z.enum(['asc', 'desc']).default('desc') });

export const CriterionRef = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  standard: z.string(),
  article: z.string().nullable(),
  item: z.string(),
  verified: z.boolean(),
  retired: z.boolean(),
});

export const ChecklistItemView = z.object({
  id: z.uuid(),
  /** 1-based position in the template. */
  seq: z.number().int(),
  content: z.string(),
  basis: z.string().nullable(),
  domain: z.enum(HAZARD_DOMAINS),
  criterionCode: z.string().nullable(),
  /** The library item version the link was made against (a failed item is judged against the current version). */
  criterion: CriterionRef.nullable(),
  method: z.string().nullable(),
  notes: z.string().nullable(),
});
export type ChecklistItemView = z.infer<typeof ChecklistItemView>;

/** What pickers, campaigns and inspections show of a template version. */
export const ChecklistRef = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
  status: z.enum(CHECKLIST_STATUSES),
});
export type ChecklistRef = z.infer<typeof ChecklistRef>;

export const ChecklistTemplateView = ChecklistRef.extend({
  domains: z.array(z.enum(HAZARD_DOMAINS)),
  description: z.string().nullable(),
  /** The newest version of its family. */
  latest: z.boolean(),
  supersededById: z.uuid().nullable(),
  derivedFrom: ChecklistRef.nullable(),
  itemCount: z.number().int(),
  /** Items linked to a major-hazard criterion. */
  majorItemCount: z.number().int(),
  /** Inspections recorded against this version. */
  inspectionCount: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ChecklistTemplateView = z.infer<typeof ChecklistTemplateView>;
export const ChecklistTemplatePage = pageOf(ChecklistTemplateView);

export const ChecklistTemplateDetail = ChecklistTemplateView.extend({
  items: z.array(ChecklistItemView),
  /** Every version of the family, newest first. */
  versions: z.array(
    ChecklistRef.extend({ createdAt: z.string(), supersededById: z.uuid().nullable(), inspectionCount: z.number() }),
  ),
});
export type ChecklistTemplateDetail = z.infer<typeof ChecklistTemplateDetail>;

/** GET /api/checklists/options: active newest versions, for the inspection form and the campaign form. */
export const ChecklistOption = ChecklistRef.extend({
  domains: z.array(z.enum(HAZARD_DOMAINS)),
  itemCount: z.number().int(),
});
export const ChecklistOptionsQuery = z.object({
  domain: z.enum(HAZARD_DOMAINS).optional(),
  /** Put the campaign's own checklists first (flagged inCampaign). */
  campaignId: z.uuid().optional(),
});
export const ChecklistOptionList = z.array(ChecklistOption.extend({ inCampaign: z.boolean() }));

/** PUT /api/campaigns/:id/checklists: the campaign's checklists (any version id; stored per family). */
export const CampaignChecklistsBody = z.object({
  templateIds: z.array(z.uuid()).max(30, '一次行动最多关联 30 张检查表'),
});

// ------------------------------------------------------------------------------------ results of an inspection

/**
 * The hazard a failed item becomes. Description defaults to the item's content (plus the note); basis to the item's
 * basis; the item's criterion link makes it 重大 exactly as hazard registration judges it; photos are the item's.
 */
export const ItemHazardInput = HazardCreate.pick({
  location: true,
  category: true,
  grade: true,
  requirement: true,
  deadline: true,
  responsiblePerson: true,
  fixedOnSpot: true,
  afterPhotoIds: true,
}).extend({
  description: text().trim().min(4, '隐患描述至少 4 个字').max(1000).nullish(),
  /** Defaults: expertService → externalExpert; otherwise routine. */
  source: z.enum(HAZARD_SOURCES).optional(),
});
export type ItemHazardInput = z.infer<typeof ItemHazardInput>;

/**
 * One item's result. Every item of the chosen template needs one: a missing or empty result is refused with 422
 * naming items.N.result, N being the item's 0-based position in the template (send items in template order).
 */
export const InspectionItemResultInput = z.object({
  itemId: z.uuid({ error: '检查项编号不正确' }),
  result: z
    .enum(ITEM_RESULTS, { error: '请选择检查结果' })
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText(500),
  /** Photos uploaded for the inspected enterprise (purpose evidence or hazardBefore). */
  photoIds: z.array(z.uuid()).max(9, '每个检查项最多 9 张照片').default([]),
  /** Present on a failed item: record it as a hazard in the same transaction (只对不合格项). */
  hazard: ItemHazardInput.nullish().transform((v) => v ?? null),
});
export type InspectionItemResultInput = z.infer<typeof InspectionItemResultInput>;

/**
 * A signature drawn on a canvas, uploaded as a PNG through POST /api/files with purpose "signature" and the inspected
 * enterprise's id (stored re-encoded as JPEG). The file must be an image the caller uploaded.
 */
export const SignatureInput = z.object({
  signerName: text({ error: '请填写签名人' }).trim().min(2, '签名人至少 2 个字').max(50),
  fileId: z.uuid({ error: '请先签名' }),
  /** Defaults to the time of saving. */
  signedAt: isoDateTime.optional(),
});
export type SignatureInput = z.infer<typeof SignatureInput>;

/** POST /api/inspections/:id/signatures: a side that did not sign when the record was saved signs it later (once). */
export const InspectionSignBody = SignatureInput.extend({
  role: z.enum(SIGNER_ROLES, { error: '请选择签名方' }),
});
export type InspectionSignBody = z.infer<typeof InspectionSignBody>;

export const InspectionSignatureView = z.object({
  role: z.enum(SIGNER_ROLES),
  signerName: z.string(),
  signedAt: z.string(),
  fileId: z.uuid(),
  /** GET through the file route (same data scope as the inspection's enterprise). */
  url: z.string(),
  thumbUrl: z.string().nullable(),
});

export const InspectionItemResultView = z.object({
  itemId: z.uuid(),
  seq: z.number().int(),
  content: z.string(),
  basis: z.string().nullable(),
  domain: z.enum(HAZARD_DOMAINS),
  criterionCode: z.string().nullable(),
  criterion: CriterionRef.nullable(),
  method: z.string().nullable(),
  result: z.enum(ITEM_RESULTS),
  note: z.string().nullable(),
  photos: z.array(FileView),
  hazard: z.object({ id: z.uuid(), serial: z.string(), grade: z.enum(HAZARD_GRADES), status: z.string() }).nullable(),
});
export type InspectionItemResultView = z.infer<typeof InspectionItemResultView>;

export const ResultCounts = z.object({
  pass: z.number().int(),
  fail: z.number().int(),
  na: z.number().int(),
});

/** POST /api/inspections/:id/items/:itemId/hazard — a failed item of a saved inspection becomes a hazard (once). */
export const ItemHazardCreated = z.object({
  hazardId: z.uuid(),
  serial: z.string(),
  grade: z.enum(HAZARD_GRADES),
});

/**
 * The basis (判定依据) a criterion gives in its own words: the standard's name, the article and the item's code, e.g.
 * "工贸企业重大事故隐患判定标准（…）第11条 GM2023-11-3". Used when a linked item has no basis of its own.
 */
export function criterionBasis(c: { standard: string; article: string | null; code: string }): string {
  const name = (CRITERIA_STANDARDS as Record<string, string>)[c.standard] ?? c.standard;
  const article = c.article?.match(/^\d+/)?.[0];
  return `${name}${article ? `第${article}条` : ''} ${c.code}`;
}
