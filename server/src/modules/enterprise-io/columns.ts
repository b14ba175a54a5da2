// The columns of the enterprise workbook, shared by the import template, the import and the export: an exported
// file can be edited and imported again (the read-only columns — landlord name, industry name, updated at — are
// ignored by the import).
import {
  ENTERPRISE_FIELD_LABELS,
  ENTERPRISE_STATUS_LABELS,
  label,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';

export type ColumnKey =
  | 'name'
  | 'creditCode'
  | 'siteType'
  | 'landlordCreditCode'
  | 'landlordName'
  | 'area'
  | 'address'
  | 'legalRepresentative'
  | 'principalName'
  | 'principalPhone'
  | 'actualControllerName'
  | 'actualControllerPhone'
  | 'safetyManagerName'
  | 'safetyManagerPhone'
  | 'employees'
  | 'industryCode'
  | 'industryName'
  | 'scale'
  | 'status'
  | 'productionStartDate'
  | 'supervisionTags'
  | 'updatedAt';

export interface Column {
  key: ColumnKey;
  header: string;
  /** Other headers the import accepts for this column. */
  aliases: string[];
  /** The import refuses a file without this column. */
  required: boolean;
  /** Read by the import (false: export-only information). */
  importable: boolean;
  width: number;
  /** Formatted as text in the template (codes and phone numbers must not turn into numbers). */
  text: boolean;
  /** What the instructions sheet says about the column. */
  note: string;
}

const col = (key: ColumnKey, width: number, note: string, extra: Partial<Column> = {}): Column => ({
  key,
  header: label(ENTERPRISE_FIELD_LABELS, key),
  aliases: [],
  required: false,
  importable: true,
  width,
  text: false,
  note,
  ...extra,
});

const zh = (dict: Record<string, { zh: string }>) => Object.values(dict).map((v) => v.zh);

export const COLUMNS: readonly Column[] = [
  col('name', 32, '必填，2–100 个字', { required: true, aliases: ['企业名称（全称）', '单位名称'] }),
  col('creditCode', 22, '必填，18 位，按 GB 32100 校验；同一文件内不得重复。已登记的企业按此代码匹配', {
    required: true,
    text: true,
    aliases: ['信用代码', '社会信用代码'],
  }),
  col('siteType', 10, `必填：${zh(SITE_TYPE_LABELS).join(' / ')}`, { required: true }),
  col(
    'landlordCreditCode',
    22,
    '租赁企业可填出租方（独立选址企业）的统一社会信用代码；出租方须已在园区登记，或在本文件中排在前面',
    { text: true, aliases: ['出租方统一社会信用代码', '出租方代码'] },
  ),
  col('landlordName', 28, '导出时显示，导入时忽略', { importable: false }),
  col('area', 10, '所在片区，见“有效值”', { aliases: ['片区'] }),
  col('address', 36, '不超过 200 个字', { aliases: ['企业地址', '详细地址'] }),
  col('legalRepresentative', 12, ''),
  col('principalName', 12, '主要负责人姓名'),
  col('principalPhone', 16, '手机 11 位，或区号-座机号', { text: true }),
  col('actualControllerName', 12, ''),
  col('actualControllerPhone', 16, '手机 11 位，或区号-座机号', { text: true }),
  col('safetyManagerName', 12, '', { aliases: ['安全管理人员姓名', '安全负责人'] }),
  col('safetyManagerPhone', 16, '手机 11 位，或区号-座机号', { text: true, aliases: ['安全负责人电话'] }),
  col('employees', 10, '非负整数', { aliases: ['员工人数', '职工人数'] }),
  col('industryCode', 10, '国民经济行业分类（GB/T 4754-2017）门类字母加 4 位数字，如 C3311', { text: true }),
  col('industryName', 24, '导出时显示，导入时忽略', { importable: false }),
  col('scale', 8, `${zh(SCALE_LABELS).join(' / ')}；空白时新建为“中小微”，更新时保持原值`),
  col('status', 8, `${zh(ENTERPRISE_STATUS_LABELS).join(' / ')}；空白时新建为“在营”，更新时保持原值`, {
    aliases: ['状态'],
  }),
  col('productionStartDate', 12, '日期，如 2019-05-01（也可用 Excel 日期格式）', { text: true }),
  col('supervisionTags', 30, `可多个，用“、”分隔：${zh(SUPERVISION_TAG_LABELS).join('、')}`, {
    aliases: ['重点监管类别', '标签'],
  }),
  col('updatedAt', 18, '导出时显示，导入时忽略', { importable: false }),
];

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));
export const IMPORT_COLUMNS = COLUMNS.filter((c) => c.importable);

/** Header text as compared: no spaces, no required-marks (*, （必填）), full-width brackets as half-width. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/\(必填\)|\(选填\)/g, '')
    .replace(/[*＊]/g, '');
}

const HEADER_LOOKUP = new Map<string, Column>();
for (const c of COLUMNS) {
  for (const h of [c.header, ...c.aliases]) HEADER_LOOKUP.set(normaliseHeader(h), c);
}

export function columnForHeader(text: string): Column | undefined {
  return HEADER_LOOKUP.get(normaliseHeader(text));
}

// Chinese labels (and the codes themselves) back to codes.
function reverse(dict: Record<string, { zh: string; en: string }>, extra: Record<string, string> = {}) {
  const map = new Map<string, string>();
  for (const [code, l] of Object.entries(dict)) {
    map.set(code.toLowerCase(), code);
    map.set(l.zh, code);
    map.set(l.en.toLowerCase(), code);
  }
  for (const [k, v] of Object.entries(extra)) map.set(k, v);
  return (text: string) => map.get(text) ?? map.get(text.toLowerCase()) ?? null;
}

export const siteTypeOf = reverse(SITE_TYPE_LABELS, { 独立: 'ownSite', 自有: 'ownSite', 承租: 'leased' });
export const scaleOf = reverse(SCALE_LABELS, {
  规模以上: 'aboveScale',
  规上企业: 'aboveScale',
  中小微企业: 'sme',
  规下: 'sme',
});
export const statusOf = reverse(ENTERPRISE_STATUS_LABELS, { 正常: 'operating', 营业: 'operating', 停业: 'suspended' });
export const tagOf = reverse(SUPERVISION_TAG_LABELS, {
  危化品: 'hazardousChemicals',
  危险化学品企业: 'hazardousChemicals',
});

/** Tags separated by 、 , ， ; ； or line breaks. */
export const TAG_SEPARATORS = /[、,，;；\n\r]+/;
