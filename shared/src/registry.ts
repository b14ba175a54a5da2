// Records attached to an enterprise (DOMAIN.md §2.1): major hazard sources, special equipment, emergency plans and
// special-operation certificates. Each kind has an input schema (create; partial for update) and a view.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { isoDate, optionalText, text } from './validators';

const date = isoDate.nullish().transform((v) => v ?? null);
const base = {
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
};

export const HAZARD_SOURCE_LEVELS = [1, 2, 3, 4] as const;
export const MajorHazardSourceInput = z.object({
  name: text({ error: '请输入危险源名称' }).trim().min(1, '请输入危险源名称').max(100),
  level: z.number({ error: '请选择等级' }).int().min(1, '等级应为一级至四级').max(4, '等级应为一级至四级'),
  location: optionalText(200),
  substances: z
    .array(
      z.object({
        name: text().trim().min(1, '请输入物质名称').max(100),
        quantityTonnes: z.number().min(0, '存量不能为负数'),
        criticalTonnes: z
          .number()
          .positive('临界量应大于 0')
          .nullish()
          .transform((v) => v ?? null),
      }),
    )
    .max(50)
    .default([]),
  identifiedDate: date,
  filingNo: optionalText(60),
  status: z.enum(['active', 'retired']).default('active'),
  note: optionalText(500),
});
export const MajorHazardSourceView = z.object({
  ...base,
  name: z.string(),
  level: z.number().int(),
  location: z.string().nullable(),
  substances: z.array(
    z.object({ name: z.string(), quantityTonnes: z.number(), criticalTonnes: z.number().nullable() }),
  ),
  identifiedDate: z.string().nullable(),
  filingNo: z.string().nullable(),
  status: z.enum(['active', 'retired']),
});

export const EQUIPMENT_TYPES = [
  'boiler',
  'pressureVessel',
  'pressurePiping',
  'elevator',
  'crane',
  'fieldVehicle',
  'passengerRopeway',
  'amusementDevice',
] as const;
export const SpecialEquipmentInput = z.object({
  equipmentType: z.enum(EQUIPMENT_TYPES, { error: '请选择设备种类' }),
  name: text({ error: '请输入设备名称' }).trim().min(1, '请输入设备名称').max(100),
  registrationNo: optionalText(60),
  location: optionalText(200),
  lastInspectionDate: date,
  nextInspectionDate: date,
  status: z.enum(['inUse', 'stopped', 'scrapped']).default('inUse'),
  note: optionalText(500),
});
/** Derived on read from the next inspection date, never stored: ok / dueSoon (within 30 days) / overdue / none. */
export const DUE_STATES = ['ok', 'dueSoon', 'overdue', 'none'] as const;
export type DueState = (typeof DUE_STATES)[number];
export const SpecialEquipmentView = z.object({
  ...base,
  equipmentType: z.enum(EQUIPMENT_TYPES),
  name: z.string(),
  registrationNo: z.string().nullable(),
  location: z.string().nullable(),
  lastInspectionDate: z.string().nullable(),
  nextInspectionDate: z.string().nullable(),
  status: z.enum(['inUse', 'stopped', 'scrapped']),
  due: z.enum(DUE_STATES),
});

export const PLAN_KINDS = ['comprehensive', 'special', 'onSite'] as const;
export const FILING_STATUSES = ['notFiled', 'filed', 'revising'] as const;
export const EmergencyPlanInput = z.object({
  planKind: z.enum(PLAN_KINDS, { error: '请选择预案类型' }),
  title: text({ error: '请输入预案名称' }).trim().min(1, '请输入预案名称').max(120),
  filingStatus: z.enum(FILING_STATUSES).default('notFiled'),
  filingNo: optionalText(60),
  issuedDate: date,
  lastReviewDate: date,
  nextReviewDate: date,
  note: optionalText(500),
});
export const EmergencyPlanView = z.object({
  ...base,
  planKind: z.enum(PLAN_KINDS),
  title: z.string(),
  filingStatus: z.enum(FILING_STATUSES),
  filingNo: z.string().nullable(),
  issuedDate: z.string().nullable(),
  lastReviewDate: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
  due: z.enum(DUE_STATES),
});

/** 特种作业 categories (安监总局令第30号 annex) plus 特种设备作业 for equipment operators. */
export const CERTIFICATE_TYPES = [
  'electrician',
  'welding',
  'workingAtHeight',
  'refrigeration',
  'hazardousChemicals',
  'metallurgy',
  'fireworks',
  'specialEquipmentOperator',
  'other',
] as const;
export const CertificateInput = z.object({
  holderName: text({ error: '请输入持证人' }).trim().min(1, '请输入持证人').max(50),
  certificateType: z.enum(CERTIFICATE_TYPES, { error: '请选择证书类别' }),
  operationItem: optionalText(60),
  certificateNo: text({ error: '请输入证书编号' }).trim().min(1, '请输入证书编号').max(60),
  issuedDate: date,
  expiryDate: isoDate,
  note: optionalText(500),
});
export const CertificateView = z.object({
  ...base,
  holderName: z.string(),
  certificateType: z.enum(CERTIFICATE_TYPES),
  operationItem: z.string().nullable(),
  certificateNo: z.string(),
  issuedDate: z.string().nullable(),
  expiryDate: z.string(),
  due: z.enum(DUE_STATES),
});

export const ATTACHMENT_KINDS = ['hazard-sources', 'equipment', 'plans', 'certificates'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const AttachmentListQuery = PageQuery.extend({
  enterpriseId: z.uuid().optional(),
  due: z.enum(['dueSoon', 'overdue', 'attention']).optional(),
  q: text().trim().max(64).optional(),
});

export const MajorHazardSourcePage = pageOf(MajorHazardSourceView);
export const SpecialEquipmentPage = pageOf(SpecialEquipmentView);
export const EmergencyPlanPage = pageOf(EmergencyPlanView);
export const CertificatePage = pageOf(CertificateView);
