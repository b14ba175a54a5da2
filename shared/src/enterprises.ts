import { z } from 'zod';
import { PageQuery, pageOf, patchOf } from './common';
import { CREDIT_GRADES } from './credit';
import { RISK_LEVELS } from './risk-levels';
import { creditCode, isoDate, optionalPhone, optionalPhoneOrMask, optionalText, text } from './validators';

export const SITE_TYPES = ['ownSite', 'leased'] as const;
export const SCALES = ['aboveScale', 'sme'] as const;
export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'pendingResumption', 'cancelled'] as const;
/** Key-supervision tags of DOMAIN.md §2.1 (the 高危/规上/中小微 groupings come from scale and the high-risk tags). */
export const SUPERVISION_TAGS = [
  'hazardousChemicals',
  'combustibleDust',
  'confinedSpace',
  'ammoniaRefrigeration',
  'chlorine',
  'metalSmelting',
  'fireworksRetail',
  'crowdedPlace',
  'construction',
  'fireSafetyKeyUnit',
  'specialEquipmentUser',
] as const;

export const EnterpriseView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string(),
  address: z.string().nullable(),
  area: z.string().nullable(),
  siteType: z.enum(SITE_TYPES),
  landlordEnterpriseId: z.uuid().nullable(),
  landlordName: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  principalName: z.string().nullable(),
  principalPhone: z.string().nullable(),
  safetyManagerName: z.string().nullable(),
  safetyManagerPhone: z.string().nullable(),
  actualControllerName: z.string().nullable(),
  actualControllerPhone: z.string().nullable(),
  extraSafetyManagers: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
  employees: z.number().int().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  scale: z.enum(SCALES),
  status: z.enum(ENTERPRISE_STATUSES),
  productionStartDate: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  mapX: z.number().nullable(),
  mapY: z.number().nullable(),
  /** Effective risk level (supervisor override, else the highest risk point's); null without risk points. */
  riskLevel: z.enum(RISK_LEVELS).nullable().optional(),
  /** true when a supervisor set the level (see /api/risk/enterprises/:id for the reason). */
  riskLevelOverridden: z.boolean().optional(),
  rowVersion: z.number().int(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof EnterpriseView>;
/** A list row also carries the stored credit score and grade (企业诚信等级; the base grade while not scored yet). */
export const EnterpriseListItem = EnterpriseView.extend({
  creditScore: z.number().int().nullable(),
  creditGrade: z.enum(CREDIT_GRADES),
});
export type EnterpriseListItem = z.infer<typeof EnterpriseListItem>;
export const EnterprisePage = pageOf(EnterpriseListItem);

export const EnterpriseListQuery = PageQuery.extend({
  q: text().trim().max(64).optional(),
  area: text().trim().max(50).optional(),
  siteType: z.enum(SITE_TYPES).optional(),
  scale: z.enum(SCALES).optional(),
  status: z.enum(ENTERPRISE_STATUSES).optional(),
  tag: z.enum(SUPERVISION_TAGS).optional(),
  industryCode: text().trim().max(8).optional(),
  /** Effective risk level; none = not assessed (no risk points). */
  riskLevel: z.enum([...RISK_LEVELS, 'none']).optional(),
  /** Stored credit grade (an enterprise not scored yet stands at the base score's grade). */
  creditGrade: z.enum(CREDIT_GRADES, { error: '未知的诚信等级' }).optional(),
  /** riskLevel sorts by rank (重大 highest; desc puts 重大 first); creditGrade asc puts A (and the higher score) first. */
  sort: z
    .enum(['name', 'creditCode', 'employees', 'updatedAt', 'riskLevel', 'creditGrade'], { error: '未知的排序方式' })
    .default('name'),
});

/** What a supervisor records for an enterprise (create) — also one row of the Excel import. */
export const EnterpriseInput = z.object({
  name: text({ error: '请输入企业名称' }).trim().min(2, '企业名称至少 2 个字').max(100, '企业名称不能超过 100 个字'),
  creditCode,
  address: optionalText(200),
  area: optionalText(50),
  siteType: z.enum(SITE_TYPES, { error: '选址类型应为 独立选址 或 租赁' }),
  landlordEnterpriseId: z
    .uuid({ error: '出租方企业编号不正确' })
    .nullish()
    .transform((v) => v ?? null),
  legalRepresentative: optionalText(50),
  principalName: optionalText(50),
  principalPhone: optionalPhone,
  actualControllerName: optionalText(50),
  actualControllerPhone: optionalPhone,
  safetyManagerName: optionalText(50),
  safetyManagerPhone: optionalPhone,
  extraSafetyManagers: z
    .array(z.object({ name: text().trim().min(1, '请输入姓名').max(50), phone: optionalPhone }))
    .max(10, '其他安全管理人员最多 10 人')
    .default([]),
  employees: z
    .number({ error: '从业人数应为整数' })
    .int('从业人数应为整数')
    .min(0, '从业人数不能为负数')
    .max(1_000_000)
    .nullish()
    .transform((v) => v ?? null),
  industryCode: z
    .string()
    .trim()
    .regex(/^[A-T]\d{4}$/, '行业代码应为门类字母加 4 位数字（GB/T 4754-2017），如 C3311')
    .nullish()
    .transform((v) => v ?? null),
  scale: z.enum(SCALES, { error: '规模应为 规上 或 中小微' }).default('sme'),
  status: z.enum(ENTERPRISE_STATUSES, { error: '状态应为 在营 / 停产 / 待复工 / 注销' }).default('operating'),
  productionStartDate: isoDate.nullish().transform((v) => v ?? null),
  supervisionTags: z
    .array(z.enum(SUPERVISION_TAGS, { error: '未知的重点监管标签' }))
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, '重点监管标签重复'),
  mapX: z
    .number()
    .min(0)
    .max(1)
    .nullish()
    .transform((v) => v ?? null),
  mapY: z
    .number()
    .min(0)
    .max(1)
    .nullish()
    .transform((v) => v ?? null),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

/** A partial update; rowVersion is the version the editor loaded (a stale one gets 409). */
export const EnterpriseUpdate = patchOf(EnterpriseInput).extend({
  rowVersion: z.number({ error: '缺少版本号' }).int(),
  // The form shows phones masked: a mask left untouched keeps the stored number.
  principalPhone: optionalPhoneOrMask.optional(),
  actualControllerPhone: optionalPhoneOrMask.optional(),
  safetyManagerPhone: optionalPhoneOrMask.optional(),
  extraSafetyManagers: z
    .array(z.object({ name: text().trim().min(1, '请输入姓名').max(50), phone: optionalPhoneOrMask }))
    .max(10, '其他安全管理人员最多 10 人')
    .optional(),
});

/** Fields an enterprise's own users may change; the rest (identity, classification, status) is the committee's. */
export const ENTERPRISE_SELF_EDITABLE = [
  'address',
  'legalRepresentative',
  'principalName',
  'principalPhone',
  'actualControllerName',
  'actualControllerPhone',
  'safetyManagerName',
  'safetyManagerPhone',
  'extraSafetyManagers',
  'employees',
  'industryCode',
  'productionStartDate',
] as const satisfies readonly (keyof EnterpriseInput)[];
