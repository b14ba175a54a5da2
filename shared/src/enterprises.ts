import { z } from 'zod';
import { PageQuery, pageOf } from './common';

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
  employees: z.number().int().nullable(),
  industryCode: z.string().nullable(),
  scale: z.enum(SCALES),
  status: z.enum(ENTERPRISE_STATUSES),
  productionStartDate: z.string().nullable(),
  supervisionTags: z.array(z.enum(SUPERVISION_TAGS)),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof EnterpriseView>;
export const EnterprisePage = pageOf(EnterpriseView);

export const EnterpriseListQuery = PageQuery.extend({
  q: z.string().trim().max(64).optional(),
  area: z.string().trim().max(50).optional(),
  siteType: z.enum(SITE_TYPES).optional(),
  scale: z.enum(SCALES).optional(),
  status: z.enum(ENTERPRISE_STATUSES).optional(),
  tag: z.enum(SUPERVISION_TAGS).optional(),
  sort: z.enum(['name', 'creditCode', 'employees', 'updatedAt']).default('name'),
});
