// The four kinds of record attached to an enterprise, described once each: table, schemas, how "due" is derived.
// repository/service/routes are written once over these definitions.
import { eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import {
  type AttachmentKind,
  CertificateInput,
  CertificatePage,
  CertificateView,
  type DueState,
  EmergencyPlanInput,
  EmergencyPlanPage,
  EmergencyPlanView,
  MajorHazardSourceInput,
  MajorHazardSourcePage,
  MajorHazardSourceView,
  SpecialEquipmentInput,
  SpecialEquipmentPage,
  SpecialEquipmentView,
} from '../../../../shared/src/registry';
import { certificates, emergencyPlans, majorHazardSources, specialEquipment } from '../../db/schema';

export type AttachedTable =
  | typeof majorHazardSources
  | typeof specialEquipment
  | typeof emergencyPlans
  | typeof certificates;
export type AttachedRow = Record<string, unknown> & { id: string; enterpriseId: string; updatedAt: Date };

export interface KindDefinition {
  kind: AttachmentKind;
  /** Chinese name for messages: 「特种设备」不存在… */
  label: string;
  table: AttachedTable;
  input: z.ZodObject;
  view: z.ZodObject;
  page: z.ZodObject;
  /** The date that makes a record due/overdue, if any; rows it does not apply to are 'none'. */
  dueColumn?: PgColumn;
  dueApplies?: (row: AttachedRow) => boolean;
  /** The same condition as dueApplies, for due-list queries. */
  dueWhere?: SQL;
  searchColumns: PgColumn[];
  /**
   * A personal-data field (a 特种作业操作证 number, usually the holder's ID-card number): stored sealed with SM4, shown
   * masked as an ID number, found by the search box through its keyed digest (exact match only).
   */
  sealed?: { field: string; label: string; digestField: string; digestColumn: PgColumn };
  /** Unique-key violations turned into a field message. */
  uniqueField?: { field: string; message: string };
}

export const DUE_SOON_DAYS = 30;

export function dueState(date: unknown, today: string, soonUntil: string): DueState {
  if (typeof date !== 'string') return 'none';
  if (date < today) return 'overdue';
  return date <= soonUntil ? 'dueSoon' : 'ok';
}

export const DEFINITIONS: Record<AttachmentKind, KindDefinition> = {
  'hazard-sources': {
    kind: 'hazard-sources',
    label: '重大危险源',
    table: majorHazardSources,
    input: MajorHazardSourceInput,
    view: MajorHazardSourceView,
    page: MajorHazardSourcePage,
    searchColumns: [majorHazardSources.name, majorHazardSources.location],
  },
  equipment: {
    kind: 'equipment',
    label: '特种设备',
    table: specialEquipment,
    input: SpecialEquipmentInput,
    view: SpecialEquipmentView,
    page: SpecialEquipmentPage,
    dueColumn: specialEquipment.nextInspectionDate,
    dueApplies: (r) => r.status === 'inUse',
    dueWhere: eq(specialEquipment.status, 'inUse'),
    searchColumns: [specialEquipment.name, specialEquipment.registrationNo],
  },
  plans: {
    kind: 'plans',
    label: '应急预案',
    table: emergencyPlans,
    input: EmergencyPlanInput,
    view: EmergencyPlanView,
    page: EmergencyPlanPage,
    dueColumn: emergencyPlans.nextReviewDate,
    searchColumns: [emergencyPlans.title, emergencyPlans.filingNo],
  },
  certificates: {
    kind: 'certificates',
    label: '特种作业证书',
    table: certificates,
    input: CertificateInput,
    view: CertificateView,
    page: CertificatePage,
    dueColumn: certificates.expiryDate,
    searchColumns: [certificates.holderName],
    sealed: {
      field: 'certificateNo',
      label: '证书编号',
      digestField: 'certificateNoDigest',
      digestColumn: certificates.certificateNoDigest,
    },
    uniqueField: { field: 'certificateNo', message: '同类别下该证书编号已登记' },
  },
};
