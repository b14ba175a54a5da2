// Reading an enterprise workbook and checking it row by row and column by column. Pure: no database — what the
// park already holds comes in as a lookup, so the rules are testable on their own.
import type ExcelJS from 'exceljs';
import { EnterpriseInput } from '../../../../shared/src/enterprises';
import { SUPERVISION_TAG_LABELS } from '../../../../shared/src/labels';
import { USCC_MESSAGES, usccProblem } from '../../../../shared/src/uscc';
import { cellText, unneutralise } from '../../platform/excel';
import {
  COLUMN_BY_KEY,
  COLUMNS,
  type Column,
  type ColumnKey,
  columnForHeader,
  scaleOf,
  siteTypeOf,
  statusOf,
  TAG_SEPARATORS,
  tagOf,
} from './columns';

export const EXAMPLE_PREFIX = '（示例）';

export interface HeaderInfo {
  /** Excel row number of the header row. */
  row: number;
  /** Column key → 1-based column number. */
  columns: Map<ColumnKey, number>;
  /** Required columns the sheet lacks. */
  missing: Column[];
  /** Widest used column number (to copy rows into the error workbook). */
  width: number;
}

/** The header row: the one of the first five rows that names the most known columns. */
export function findHeader(ws: ExcelJS.Worksheet): HeaderInfo {
  let best: HeaderInfo | null = null;
  const last = Math.min(5, Math.max(1, ws.rowCount));
  for (let r = 1; r <= last; r++) {
    const columns = new Map<ColumnKey, number>();
    const row = ws.getRow(r);
    row.eachCell((cell, colNumber) => {
      const text = cellText(cell.value);
      const c = text ? columnForHeader(text) : undefined;
      if (c && !columns.has(c.key)) columns.set(c.key, colNumber);
    });
    if (!best || columns.size > best.columns.size) {
      best = { row: r, columns, missing: [], width: Math.max(ws.columnCount, row.cellCount) };
    }
  }
  const header = best ?? { row: 1, columns: new Map(), missing: [], width: ws.columnCount };
  header.missing = COLUMNS.filter((c) => c.required && !header.columns.has(c.key));
  return header;
}

export interface RawRow {
  /** Excel row number. */
  row: number;
  values: Partial<Record<ColumnKey, string | null>>;
}

/** The data rows under the header (rows with nothing in any known column are skipped). */
export function readRows(ws: ExcelJS.Worksheet, header: HeaderInfo): RawRow[] {
  const out: RawRow[] = [];
  const cols = [...header.columns.entries()].filter(([key]) => COLUMN_BY_KEY.get(key)?.importable);
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const values: RawRow['values'] = {};
    let any = false;
    for (const [key, colNumber] of cols) {
      const text = cellText(row.getCell(colNumber).value);
      values[key] = text === null ? null : unneutralise(text);
      if (text !== null) any = true;
    }
    if (any) out.push({ row: r, values });
  }
  return out;
}

export interface CellError {
  key: ColumnKey;
  message: string;
}

export interface CheckedRow {
  row: number;
  /** The credit code as stored (upper case) when it is a valid code. */
  creditCode: string | null;
  /** The landlord's credit code as given (upper case), or null. */
  landlordCode: string | null;
  /** Valid input (landlordEnterpriseId still unresolved) when the row has no error of its own. */
  input: EnterpriseInput | null;
  errors: CellError[];
}

/** 2019/5/1, 2019.5.1, 2019年5月1日, 20190501 → 2019-05-01; anything else unchanged (the schema then names it). */
export function normaliseDate(text: string): string {
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

const FIELD_COLUMN: Record<string, ColumnKey> = { landlordEnterpriseId: 'landlordCreditCode' };
const TEXT_FIELDS = [
  'address',
  'area',
  'legalRepresentative',
  'principalName',
  'principalPhone',
  'actualControllerName',
  'actualControllerPhone',
  'safetyManagerName',
  'safetyManagerPhone',
] as const satisfies readonly ColumnKey[];

const TAG_NAMES = Object.values(SUPERVISION_TAG_LABELS)
  .map((l) => l.zh)
  .join('、');

/**
 * One row on its own: Chinese labels back to codes, the shared EnterpriseInput schema, and the registry's
 * cross-field rules (production date not after today, no landlord for an own-site enterprise). today: YYYY-MM-DD.
 */
export function checkRow(raw: RawRow, today: string): CheckedRow {
  const v = raw.values;
  const errors: CellError[] = [];
  const obj: Record<string, unknown> = {};

  obj.name = v.name ?? undefined;
  obj.creditCode = v.creditCode ?? undefined;
  obj.siteType = v.siteType ? (siteTypeOf(v.siteType) ?? v.siteType) : undefined;
  for (const k of TEXT_FIELDS) obj[k] = v[k] ?? null;
  if (v.employees != null) {
    const n = /^[+-]?\d+(\.\d+)?$/.test(v.employees) ? Number(v.employees) : v.employees;
    obj.employees = n;
  }
  obj.industryCode = v.industryCode ? v.industryCode.toUpperCase() : null;
  if (v.scale) obj.scale = scaleOf(v.scale) ?? v.scale;
  if (v.status) obj.status = statusOf(v.status) ?? v.status;
  obj.productionStartDate = v.productionStartDate ? normaliseDate(v.productionStartDate) : null;
  if (v.supervisionTags) {
    const names = v.supervisionTags
      .split(TAG_SEPARATORS)
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = names.filter((t) => !tagOf(t));
    if (unknown.length) {
      errors.push({
        key: 'supervisionTags',
        message: `未知的重点监管标签「${unknown.join('、')}」（可选：${TAG_NAMES}）`,
      });
    }
    obj.supervisionTags = names.map(tagOf).filter((t): t is string => t !== null);
  }

  const parsed = EnterpriseInput.safeParse(obj);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name');
      const key = (FIELD_COLUMN[field] ?? field) as ColumnKey;
      if (!COLUMN_BY_KEY.has(key)) continue;
      if (!errors.some((e) => e.key === key)) errors.push({ key, message: issue.message });
    }
  }

  if (parsed.success && parsed.data.productionStartDate && parsed.data.productionStartDate > today) {
    errors.push({ key: 'productionStartDate', message: '投产日期不能晚于今天' });
  }
  const name = typeof obj.name === 'string' ? obj.name.trim() : '';
  if (name.startsWith(EXAMPLE_PREFIX)) errors.push({ key: 'name', message: '这是模板中的示例行，请删除后再导入' });

  const codeText = v.creditCode?.trim().toUpperCase() ?? null;
  const creditCode = codeText && !usccProblem(codeText) ? codeText : null;

  const landlordCode = v.landlordCreditCode ? v.landlordCreditCode.trim().toUpperCase() : null;
  if (landlordCode) {
    const problem = usccProblem(landlordCode);
    if (problem) errors.push({ key: 'landlordCreditCode', message: `出租方${USCC_MESSAGES[problem]}` });
    else if (obj.siteType === 'ownSite') {
      errors.push({ key: 'landlordCreditCode', message: '独立选址企业不填写出租方；租赁企业请将选址类型填为“租赁”' });
    } else if (landlordCode === creditCode) {
      errors.push({ key: 'landlordCreditCode', message: '出租方不能是企业自身' });
    }
  }

  return {
    row: raw.row,
    creditCode,
    landlordCode,
    input: errors.length === 0 && parsed.success ? parsed.data : null,
    errors,
  };
}

export type LandlordRef = { kind: 'park'; id: string } | { kind: 'file'; row: number } | null;

export interface ResolvedRow extends CheckedRow {
  landlord: LandlordRef;
}

/**
 * Rules across rows and against the park: a credit code appears once in a file; a landlord is an enterprise
 * registered in the park or given earlier in the file (the same landlord rules as the enterprise form). With cascade (rows are saved one by one, the
 * "valid rows" mode), a tenant whose landlord row has errors cannot be saved either and is reported so.
 */
export function resolveRows(
  rows: CheckedRow[],
  park: ReadonlyMap<string, { id: string }>,
  opts: { cascade: boolean },
): ResolvedRow[] {
  const firstRow = new Map<string, CheckedRow>();
  const out: ResolvedRow[] = [];
  const byRow = new Map<number, ResolvedRow>();
  const fail = (r: ResolvedRow, e: CellError) => {
    if (!r.errors.some((x) => x.key === e.key)) r.errors.push(e);
    r.input = null;
  };
  // Each row's first appearance, so a landlord later in the file can be named.
  for (const r of rows) if (r.creditCode && !firstRow.has(r.creditCode)) firstRow.set(r.creditCode, r);

  for (const checked of rows) {
    const r: ResolvedRow = { ...checked, errors: [...checked.errors], landlord: null };
    byRow.set(r.row, r);
    out.push(r);
    if (r.creditCode) {
      const first = firstRow.get(r.creditCode)!;
      if (first.row !== r.row) fail(r, { key: 'creditCode', message: `与第 ${first.row} 行的统一社会信用代码重复` });
    }
    if (!r.landlordCode || r.errors.some((e) => e.key === 'landlordCreditCode')) continue;
    const inFile = firstRow.get(r.landlordCode);
    const inPark = park.get(r.landlordCode);
    if (inFile && inFile.row < r.row) {
      const landlordRow = byRow.get(inFile.row)!;
      if (!landlordRow.input && !inPark && opts.cascade) {
        fail(r, { key: 'landlordCreditCode', message: `出租方（第 ${inFile.row} 行）有错误未能导入，本行也不能导入` });
      } else {
        r.landlord = landlordRow.input || !inPark ? { kind: 'file', row: inFile.row } : { kind: 'park', id: inPark.id };
      }
    } else if (inPark) {
      r.landlord = { kind: 'park', id: inPark.id };
    } else if (inFile) {
      fail(r, { key: 'landlordCreditCode', message: `出租方（第 ${inFile.row} 行）须排在承租企业之前` });
    } else {
      fail(r, { key: 'landlordCreditCode', message: `出租方 ${r.landlordCode} 未在园区登记，也不在本文件中` });
    }
  }
  return out;
}

/** Errors as the API lists them: row, column header, message; ordered by row and column. */
export function listErrors(rows: ResolvedRow[]): { row: number; column: string; message: string }[] {
  const order = new Map(COLUMNS.map((c, i) => [c.key, i]));
  return rows.flatMap((r) =>
    [...r.errors]
      .sort((a, b) => order.get(a.key)! - order.get(b.key)!)
      .map((e) => ({ row: r.row, column: COLUMN_BY_KEY.get(e.key)!.header, message: e.message })),
  );
}
