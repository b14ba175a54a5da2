// The enterprise record as a form holds it, and back: what is sent is what changed, so an enterprise user's save
// carries only the fields it may change and the audit row shows only real changes.
import type { FormInstance } from 'antd';
import type { EnterpriseInput, EnterpriseView } from '../../../../shared/src/enterprises';
import { ApiError } from '../../app/api';

export interface EnterpriseFormValues {
  name: string;
  creditCode: string;
  address: string | null;
  area: string | null;
  siteType: EnterpriseView['siteType'];
  landlordEnterpriseId: string | null;
  legalRepresentative: string | null;
  principalName: string | null;
  principalPhone: string | null;
  actualControllerName: string | null;
  actualControllerPhone: string | null;
  safetyManagerName: string | null;
  safetyManagerPhone: string | null;
  extraSafetyManagers: { name: string; phone?: string | null }[];
  employees: number | null;
  industryCode: string | null;
  scale: EnterpriseView['scale'];
  status: EnterpriseView['status'];
  productionStartDate: string | null;
  supervisionTags: EnterpriseView['supervisionTags'];
  mapX: number | null;
  mapY: number | null;
}

export type EnterpriseField = keyof EnterpriseFormValues;

/** The fields of the 基本信息 tab and of the 人员 tab; creating an enterprise shows both. */
export const BASIC_FIELDS: EnterpriseField[] = [
  'name',
  'creditCode',
  'legalRepresentative',
  'status',
  'scale',
  'industryCode',
  'employees',
  'productionStartDate',
  'supervisionTags',
  'siteType',
  'landlordEnterpriseId',
  'area',
  'address',
  'mapX',
  'mapY',
];
export const PEOPLE_FIELDS: EnterpriseField[] = [
  'principalName',
  'principalPhone',
  'actualControllerName',
  'actualControllerPhone',
  'safetyManagerName',
  'safetyManagerPhone',
  'extraSafetyManagers',
];

export const EMPTY_ENTERPRISE: Partial<EnterpriseFormValues> = {
  siteType: 'ownSite',
  scale: 'sme',
  status: 'operating',
  supervisionTags: [],
  extraSafetyManagers: [],
};

export function toFormValues(e: EnterpriseView): EnterpriseFormValues {
  return {
    name: e.name,
    creditCode: e.creditCode,
    address: e.address,
    area: e.area,
    siteType: e.siteType,
    landlordEnterpriseId: e.landlordEnterpriseId,
    legalRepresentative: e.legalRepresentative,
    principalName: e.principalName,
    principalPhone: e.principalPhone,
    actualControllerName: e.actualControllerName,
    actualControllerPhone: e.actualControllerPhone,
    safetyManagerName: e.safetyManagerName,
    safetyManagerPhone: e.safetyManagerPhone,
    extraSafetyManagers: e.extraSafetyManagers.map((m) => ({ name: m.name, phone: m.phone })),
    employees: e.employees,
    industryCode: e.industryCode,
    scale: e.scale,
    status: e.status,
    productionStartDate: e.productionStartDate,
    supervisionTags: [...e.supervisionTags],
    mapX: e.mapX,
    mapY: e.mapY,
  };
}

const text = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s ? s : null;
};
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The form's values (only those of `fields`) as the API takes them: trimmed, blanks as null. */
export function toPayload(values: Partial<EnterpriseFormValues>, fields: EnterpriseField[]): Partial<EnterpriseInput> {
  const all: EnterpriseInput = {
    name: text(values.name) ?? '',
    creditCode: (text(values.creditCode) ?? '').toUpperCase(),
    address: text(values.address),
    area: text(values.area),
    siteType: values.siteType ?? 'ownSite',
    landlordEnterpriseId: values.siteType === 'leased' ? (values.landlordEnterpriseId ?? null) : null,
    legalRepresentative: text(values.legalRepresentative),
    principalName: text(values.principalName),
    principalPhone: text(values.principalPhone),
    actualControllerName: text(values.actualControllerName),
    actualControllerPhone: text(values.actualControllerPhone),
    safetyManagerName: text(values.safetyManagerName),
    safetyManagerPhone: text(values.safetyManagerPhone),
    extraSafetyManagers: (values.extraSafetyManagers ?? [])
      .filter((m) => text(m?.name))
      .map((m) => ({ name: text(m.name) ?? '', phone: text(m.phone) })),
    employees: num(values.employees),
    industryCode: text(values.industryCode)?.toUpperCase() ?? null,
    scale: values.scale ?? 'sme',
    status: values.status ?? 'operating',
    productionStartDate: values.productionStartDate ?? null,
    supervisionTags: values.supervisionTags ?? [],
    mapX: num(values.mapX),
    mapY: num(values.mapY),
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]])) as Partial<EnterpriseInput>;
}

/** Only the entries of `payload` that differ from the stored record. */
export function changedFields(payload: Partial<EnterpriseInput>, stored: EnterpriseView): Partial<EnterpriseInput> {
  const current = toPayload(toFormValues(stored), Object.keys(payload) as EnterpriseField[]);
  return Object.fromEntries(
    Object.entries(payload).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify((current as Record<string, unknown>)[k]),
    ),
  ) as Partial<EnterpriseInput>;
}

/**
 * Puts the server's per-field messages on the form. Keys may be paths ("extraSafetyManagers.0.phone"), which antd
 * addresses as arrays; fields the form does not show are left to the toast.
 */
export function markServerFields(form: FormInstance, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  form.setFields(
    Object.entries(error.fields).map(([key, message]) => ({
      name: key.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors: [message],
    })),
  );
}
