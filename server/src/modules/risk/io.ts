// Excel import and export of risk points, with the enterprise import's rules: a template with Chinese headers,
// row/column errors and an error workbook, all-or-nothing by default or only the valid rows, run as a job.
// A row names its enterprise by credit code; accident types are checked against GB 6441's 20 types.

import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { ImportResult } from '../../../../shared/src/io';
import {
  ACCIDENT_TYPE_LABELS,
  CONTROL_TIER_LABELS,
  label,
  REVIEW_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  RISK_POINT_FIELD_LABELS,
  ROLE_LABELS,
} from '../../../../shared/src/labels';
import {
  ACCIDENT_TYPE_NAMES,
  ACCIDENT_TYPES,
  CONTROL_TIER_NAMES,
  CONTROL_TIERS,
  LEC_C,
  LEC_E,
  LEC_L,
  type RiskExportBody,
  type RiskImportOptions,
  RiskPointInput,
  type RiskPointView,
} from '../../../../shared/src/risk';
import { USCC_MESSAGES, usccProblem } from '../../../../shared/src/uscc';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { type AuditEntry, appendAudit, appendAuditMany } from '../../platform/audit';
import { now } from '../../platform/clock';
import { type Db, rows as rowsOf } from '../../platform/db';
import { AppError, badRequest, forbidden } from '../../platform/errors';
import {
  addExportNotes,
  cellText,
  ERROR_FILL,
  ERROR_FONT,
  ExcelFileError,
  HEADER_FILL,
  HEADER_FONT,
  loadExcel,
  REQUIRED_FONT,
  readWorkbook,
  safeCell,
  streamingWorkbook,
  unneutralise,
  writeXlsxFile,
} from '../../platform/excel';
import { getJob, type JobHandler, type JobRecord, type JobRunner, throwIfAborted } from '../../platform/jobs';
import { can } from '../../platform/permissions';
import { scopeLabel } from '../../platform/scope';
import { normaliseDate } from '../enterprise-io/parse';
import * as repo from './repository';
import { createIn, updateIn } from './service';

export const EXPORT_JOB = 'risk.export';
export const IMPORT_JOB = 'risk.import';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;
export const SHEET = '风险点';
const EXPORT_BATCH = 500;
const MAX_LISTED_ERRORS = 1000;
const EXAMPLE_PREFIX = '（示例）';

// ------------------------------------------------------------------------------------------------ columns

type Key = keyof typeof RISK_POINT_FIELD_LABELS;
interface Column {
  key: Key;
  required: boolean;
  importable: boolean;
  width: number;
}
const col = (key: Key, width: number, required = false, importable = true): Column => ({
  key,
  required,
  importable,
  width,
});
export const COLUMNS: Column[] = [
  col('creditCode', 22, true),
  col('enterpriseName', 24),
  col('name', 20, true),
  col('location', 18),
  col('activity', 18),
  col('hazardFactors', 30, true),
  col('accidentTypes', 22, true),
  col('method', 10, true),
  col('likelihood', 6, true),
  col('exposure', 6),
  col('consequence', 6),
  col('severity', 6),
  col('score', 8, false, false),
  col('level', 10, false, false),
  col('engineering', 26),
  col('management', 26),
  col('training', 20),
  col('ppe', 18),
  col('emergency', 22),
  col('controlTier', 10, true),
  col('responsiblePerson', 10, true),
  col('nextReviewDate', 14),
  col('reviewStatus', 10, false, false),
  col('updatedAt', 18, false, false),
];
const IMPORT_COLUMNS = COLUMNS.filter((c) => c.importable);
const header = (k: Key) => RISK_POINT_FIELD_LABELS[k]!.zh;
const byHeader = new Map(COLUMNS.map((c) => [header(c.key), c]));

const TYPE_BY_NAME = new Map(ACCIDENT_TYPES.map((t) => [ACCIDENT_TYPE_NAMES[t], t]));
const TIER_BY_NAME = new Map<string, string>(
  CONTROL_TIERS.flatMap((t) => [
    [CONTROL_TIER_NAMES[t], t],
    [CONTROL_TIER_NAMES[t].replace(/级$/, ''), t],
  ]),
);
const SEPARATORS = /[、,，;；/\s]+/;

// ------------------------------------------------------------------------------------------------ template

/** Importing writes points of any enterprise of the park: the committee's, like the registry import. */
export function assertCanImport(actor: Actor): void {
  if (!can(actor, 'risk.import')) throw forbidden();
}

export async function template(actor: Actor): Promise<{ buffer: Buffer; name: string }> {
  assertCanImport(actor);
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = IMPORT_COLUMNS;
  ws.columns = cols.map((c) => ({ header: header(c.key), width: c.width }));
  const h = ws.getRow(1);
  cols.forEach((c, i) => {
    const cell = h.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.font = c.required ? REQUIRED_FONT : HEADER_FONT;
  });
  const example: Partial<Record<Key, string | number>> = {
    creditCode: '91370100MA3C5XXXXX',
    enterpriseName: '（可不填，仅供核对）',
    name: `${EXAMPLE_PREFIX}液氨制冷机房`,
    location: '制冷机房',
    activity: '制冷系统运行与维修',
    hazardFactors: '液氨泄漏、安全阀失效',
    accidentTypes: '中毒和窒息、容器爆炸',
    method: 'LEC',
    likelihood: 3,
    exposure: 6,
    consequence: 15,
    engineering: '氨气泄漏报警与事故排风联锁',
    management: '每班巡检',
    controlTier: '公司级',
    responsiblePerson: '张三',
    nextReviewDate: '2027-06-30',
  };
  ws.addRow(cols.map((c) => example[c.key] ?? null));
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '项目', width: 18 },
    { header: '说明', width: 100 },
  ];
  const lines: [string, string][] = [
    [
      '必填列',
      '红色列名为必填：企业统一社会信用代码、风险点名称、危险有害因素、可能导致的事故类型、评价方法、L、管控层级、责任人',
    ],
    ['示例行', `风险点名称以“${EXAMPLE_PREFIX}”开头的行不导入`],
    ['匹配', '按 企业统一社会信用代码 + 风险点名称 匹配已有风险点；已有的按导入选项更新或跳过'],
    ['事故类型', `GB 6441 的 20 类，多个用顿号分隔：${ACCIDENT_TYPES.map((t) => ACCIDENT_TYPE_NAMES[t]).join('、')}`],
    ['评价方法', 'LEC（D = L × E × C，填 L、E、C）或 LS（R = L × S，填 L、S，各 1–5）'],
    [
      'LEC 取值',
      `L：${LEC_L.map((o) => o.value).join('/')}；E：${LEC_E.map((o) => o.value).join('/')}；C：${LEC_C.map((o) => o.value).join('/')}`,
    ],
    ['管控措施', '工程技术、管理、培训教育、个体防护、应急处置五列至少填写一列'],
    ['管控层级', '公司级 / 车间级 / 班组级 / 岗位级'],
    ['风险等级', '由系统按本园区分级界限计算，无需填写'],
  ];
  for (const l of lines) notes.addRow(l);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, name: '风险点导入模板.xlsx' };
}

// ------------------------------------------------------------------------------------------------ export

interface ExportParams {
  filters: RiskExportBody;
}

export async function startExport(runner: JobRunner, ctx: RequestContext, filters: RiskExportBody) {
  if (!can(ctx.actor!, 'risk.read')) throw forbidden();
  return runner.enqueue(ctx, { kind: EXPORT_JOB, params: { filters } satisfies ExportParams, message: '排队中' });
}

function exportValues(p: RiskPointView, creditCode: string): Record<Key, string | number | Date | null> {
  const m = p.controlMeasures;
  return {
    creditCode,
    enterpriseName: p.enterpriseName,
    name: p.name,
    location: p.location,
    activity: p.activity,
    hazardFactors: p.hazardFactors,
    accidentTypes: p.accidentTypes.map((t) => label(ACCIDENT_TYPE_LABELS, t)).join('、'),
    method: p.method,
    likelihood: p.likelihood,
    exposure: p.exposure,
    consequence: p.consequence,
    severity: p.severity,
    score: p.score,
    level: label(RISK_LEVEL_LABELS, p.level),
    engineering: m.engineering,
    management: m.management,
    training: m.training,
    ppe: m.ppe,
    emergency: m.emergency,
    controlTier: label(CONTROL_TIER_LABELS, p.controlTier),
    responsiblePerson: p.responsiblePerson,
    nextReviewDate: p.nextReviewDate ? new Date(`${p.nextReviewDate}T00:00:00Z`) : null,
    reviewStatus: label(REVIEW_STATUS_LABELS, p.reviewStatus),
    updatedAt: new Date(p.updatedAt),
  };
}

async function creditCodesOf(db: Db, parkId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const found = await rowsOf<{ id: string; credit_code: string }>(
    db,
    sql`select id, credit_code from enterprises where park_id = ${parkId}
          and id in (${sql.join(
            ids.map((i) => sql`${i}::uuid`),
            sql`, `,
          )})`,
  );
  return new Map(found.map((r) => [r.id, r.credit_code]));
}

/** The export job: the filtered, scoped points in keyset batches into a streaming workbook. */
export function exportHandler(db: Db): JobHandler<ExportParams> {
  return async (run) => {
    const actor = run.ctx.actor!;
    if (!can(actor, 'risk.read')) throw forbidden();
    const filters = run.params.filters;
    const day = shanghaiToday(now());
    const file = run.filePath('.xlsx');
    let done = 0;
    await writeXlsxFile(file, async (xlsx) => {
      await xlsx.addSheet(
        SHEET,
        COLUMNS.map((c) => c.width),
      );
      await xlsx.addRow(
        COLUMNS.map((c) => header(c.key)),
        'header',
      );
      let after: string | null = null;
      for (;;) {
        throwIfAborted(run.signal);
        const batch = await repo.batch(db, actor, filters, day, after, EXPORT_BATCH);
        const codes = await creditCodesOf(db, actor.parkId, [...new Set(batch.map((p) => p.enterpriseId))]);
        for (const p of batch) {
          const values = exportValues(p, codes.get(p.enterpriseId) ?? '');
          await xlsx.addRow(COLUMNS.map((c) => safeCell(values[c.key])));
        }
        done += batch.length;
        run.progress(done, null, `正在导出 ${done} 个风险点`);
        if (batch.length < EXPORT_BATCH) break;
        after = batch[batch.length - 1]!.id;
      }
      await addExportNotes(xlsx, [
        ['导出人', `${actor.displayName}（${actor.username}，${ROLE_LABELS[actor.role]?.zh ?? actor.role}）`],
        ['数据范围', scopeLabel(actor)],
        ['风险点数', String(done)],
      ]);
    });
    await db.transaction((tx) =>
      appendAudit(tx, run.ctx, {
        action: 'export.riskPoints',
        entityType: 'riskPoint',
        after: { filters, rows: done, jobId: run.job.id },
      }),
    );
    return {
      file: { path: file, name: `风险点清单_${day.replace(/-/g, '')}.xlsx` },
      result: { rows: done },
      message: `已导出 ${done} 个风险点`,
    };
  };
}

// ------------------------------------------------------------------------------------------------ import: parse

export interface RawRow {
  row: number;
  values: Partial<Record<Key, string | null>>;
}
export interface CellError {
  key: Key;
  message: string;
}
export interface CheckedRow {
  row: number;
  creditCode: string | null;
  input: Omit<RiskPointInput, 'enterpriseId'> | null;
  errors: CellError[];
}

export interface SheetHeader {
  row: number;
  columns: Map<Key, number>;
  missing: Column[];
  width: number;
}

/** The header row: the one of the first five rows naming the most known columns ("*" marks are ignored). */
export function findHeader(ws: ExcelJS.Worksheet): SheetHeader {
  let best: SheetHeader | null = null;
  for (let r = 1; r <= Math.min(5, Math.max(1, ws.rowCount)); r++) {
    const columns = new Map<Key, number>();
    const row = ws.getRow(r);
    row.eachCell((cell, n) => {
      const text = cellText(cell.value)?.replace(/[*＊]/g, '').trim();
      const c = text ? byHeader.get(text) : undefined;
      if (c && !columns.has(c.key)) columns.set(c.key, n);
    });
    if (!best || columns.size > best.columns.size) {
      best = { row: r, columns, missing: [], width: Math.max(ws.columnCount, row.cellCount) };
    }
  }
  const h = best ?? { row: 1, columns: new Map(), missing: [], width: ws.columnCount };
  h.missing = COLUMNS.filter((c) => c.required && !h.columns.has(c.key));
  return h;
}

export function readRows(ws: ExcelJS.Worksheet, h: SheetHeader): RawRow[] {
  const out: RawRow[] = [];
  const cols = [...h.columns.entries()].filter(([k]) => COLUMNS.find((c) => c.key === k)?.importable);
  for (let r = h.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const values: RawRow['values'] = {};
    let any = false;
    for (const [key, n] of cols) {
      const text = cellText(row.getCell(n).value);
      values[key] = text === null ? null : unneutralise(text);
      if (text !== null) any = true;
    }
    if (any && !values.name?.startsWith(EXAMPLE_PREFIX)) out.push({ row: r, values });
  }
  return out;
}

const FIELD_COLUMN: Record<string, Key> = { controlMeasures: 'engineering' };

/** One row's own checks (no database): every problem, each on its column. */
export function checkRow(raw: RawRow): CheckedRow {
  const v = raw.values;
  const errors: CellError[] = [];
  const code = v.creditCode?.toUpperCase() ?? null;
  let creditCode: string | null = null;
  if (!code) errors.push({ key: 'creditCode', message: '请填写企业统一社会信用代码' });
  else {
    const problem = usccProblem(code);
    if (problem) errors.push({ key: 'creditCode', message: USCC_MESSAGES[problem] });
    else creditCode = code;
  }
  const accidentTypes: string[] = [];
  for (const name of (v.accidentTypes ?? '').split(SEPARATORS).filter(Boolean)) {
    const t = TYPE_BY_NAME.get(name);
    if (t) accidentTypes.push(t);
    else errors.push({ key: 'accidentTypes', message: `事故类型「${name}」不在 GB 6441 的 20 类中` });
  }
  const num = (k: Key) => {
    const text = v[k];
    if (text === null || text === undefined) return null;
    const n = Number(text);
    if (!Number.isFinite(n)) {
      errors.push({ key: k, message: '应为数字' });
      return undefined;
    }
    return n;
  };
  const tierText = v.controlTier ?? null;
  const tier = tierText ? (TIER_BY_NAME.get(tierText) ?? tierText) : undefined;
  const candidate = {
    enterpriseId: '00000000-0000-4000-8000-000000000000',
    name: v.name ?? undefined,
    location: v.location,
    activity: v.activity,
    hazardFactors: v.hazardFactors ?? undefined,
    accidentTypes,
    method: v.method?.toUpperCase(),
    likelihood: num('likelihood'),
    exposure: num('exposure'),
    consequence: num('consequence'),
    severity: num('severity'),
    controlMeasures: {
      engineering: v.engineering,
      management: v.management,
      training: v.training,
      ppe: v.ppe,
      emergency: v.emergency,
    },
    controlTier: tier,
    responsiblePerson: v.responsiblePerson ?? undefined,
    nextReviewDate: v.nextReviewDate ? normaliseDate(v.nextReviewDate) : null,
  };
  const parsed = RiskPointInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name');
      const key = (FIELD_COLUMN[field] ?? field) as Key;
      // Accident types already have their own messages when a name was unknown.
      if (key === 'accidentTypes' && errors.some((e) => e.key === 'accidentTypes')) continue;
      if (!errors.some((e) => e.key === key)) errors.push({ key, message: issue.message });
    }
  }
  const { enterpriseId: _placeholder, ...input } = parsed.success ? parsed.data : ({} as RiskPointInput);
  return { row: raw.row, creditCode, input: errors.length === 0 ? input : null, errors };
}

// ------------------------------------------------------------------------------------------------ import: run

export interface Upload {
  buffer: Buffer;
  fileName: string;
}

async function openUpload(upload: Upload) {
  let wb: ExcelJS.Workbook;
  try {
    wb = await readWorkbook(upload.buffer);
  } catch (err) {
    if (err instanceof ExcelFileError) {
      throw badRequest(err.reason === 'tooLarge' ? 'IMPORT_TOO_LARGE' : 'IMPORT_NOT_XLSX', err.message);
    }
    throw err;
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0]!;
  const h = findHeader(ws);
  if (h.missing.length) {
    const names = h.missing.map((c) => header(c.key)).join('、');
    throw badRequest(
      'IMPORT_HEADERS_MISSING',
      `文件缺少必需的列：${names}。请使用风险点导入模板，第一行为列名`,
      Object.fromEntries(h.missing.map((c) => [c.key, `缺少“${header(c.key)}”列`])),
    );
  }
  const rows = readRows(ws, h);
  if (rows.length === 0) throw badRequest('IMPORT_EMPTY', '文件中没有风险点数据（第一行列名之下没有内容）');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw badRequest(
      'IMPORT_TOO_MANY_ROWS',
      `单个文件最多导入 ${MAX_IMPORT_ROWS} 行，此文件有 ${rows.length} 行，请拆分后分批导入`,
    );
  }
  return { ws, header: h, rows };
}

export async function startImport(
  runner: JobRunner,
  db: Db,
  ctx: RequestContext,
  received: Upload,
  options: RiskImportOptions,
  waitMs: number,
): Promise<{ result: ImportResult } | { job: JobRecord }> {
  assertCanImport(ctx.actor!);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const fileName = received.fileName.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(-100) || '风险点.xlsx';
  const { ws, header: h, rows } = await openUpload(received);
  let failure: unknown = null;
  const { job, done } = await runner.runInline(
    ctx,
    {
      kind: IMPORT_JOB,
      params: { fileName, bytes: received.buffer.length, ...options },
      total: rows.length,
      message: `正在校验 0/${rows.length} 行`,
    },
    async (run) => {
      try {
        return await importRows(db, run, { ws, header: h, rows, options, fileName });
      } catch (err) {
        failure = err;
        throw err;
      }
    },
  );
  const finished = await Promise.race([done, delay(waitMs, null, { ref: false })]);
  if (!finished) return { job: (await getJob(db, job.id)) ?? job };
  if (finished.status === 'succeeded') return { result: finished.result as ImportResult };
  if (failure instanceof AppError) throw failure;
  throw new AppError(500, 'IMPORT_FAILED', finished.error ?? '导入失败，请稍后重试');
}

interface Resolved extends CheckedRow {
  enterpriseId: string | null;
}

async function importRows(
  db: Db,
  run: Parameters<JobHandler<unknown>>[0],
  input: { ws: ExcelJS.Worksheet; header: SheetHeader; rows: RawRow[]; options: RiskImportOptions; fileName: string },
) {
  const started = Date.now();
  const { rows, options } = input;
  const actor = run.ctx.actor!;
  const total = rows.length;
  const checked = rows.map(checkRow);
  run.progress(0, total, `正在保存 0/${total} 行`);

  const saved = await db.transaction(async (tx) => {
    if (!options.dryRun) await tx.execute(sql`select pg_advisory_xact_lock(7212010, hashtext(${actor.parkId}))`);
    // Enterprises by credit code, within the actor's scope (an enterprise user resolves only its own).
    const codes = [...new Set(checked.map((c) => c.creditCode).filter((c): c is string => Boolean(c)))];
    const found = codes.length
      ? await rowsOf<{ id: string; credit_code: string }>(
          tx,
          sql`select e.id, e.credit_code from enterprises e
               where e.park_id = ${actor.parkId}
                 and e.credit_code in (${sql.join(
                   codes.map((c) => sql`${c}`),
                   sql`, `,
                 )})`,
        )
      : [];
    const byCode = new Map(found.map((r) => [r.credit_code, r.id]));
    const seen = new Set<string>();
    const resolved: Resolved[] = checked.map((c) => {
      const r: Resolved = { ...c, errors: [...c.errors], enterpriseId: null };
      if (c.creditCode) {
        const id = byCode.get(c.creditCode);
        if (!id) r.errors.push({ key: 'creditCode', message: '园区内没有该统一社会信用代码的企业' });
        else if (actor.role === 'enterprise' && id !== actor.enterpriseId) {
          r.errors.push({ key: 'creditCode', message: '只能导入本企业的风险点' });
        } else r.enterpriseId = id;
      }
      if (r.enterpriseId && c.input) {
        const k = `${r.enterpriseId}|${c.input.name}`;
        if (seen.has(k)) r.errors.push({ key: 'name', message: '同一企业的风险点名称在文件中重复' });
        seen.add(k);
      }
      if (r.errors.length) r.input = null;
      return r;
    });
    const invalid = resolved.filter((r) => !r.input).length;
    const write = !options.dryRun && !(invalid > 0 && options.mode === 'allOrNothing');
    const valid = resolved.filter((r) => r.input && r.enterpriseId);
    const existing = new Map<string, { id: string; version: number }>();
    if (valid.length) {
      const stored = await rowsOf<{ id: string; enterprise_id: string; name: string; version: number }>(
        tx,
        sql`select id, enterprise_id, name, version from risk_points where park_id = ${actor.parkId}
              and enterprise_id in (${sql.join(
                [...new Set(valid.map((v) => v.enterpriseId!))].map((i) => sql`${i}::uuid`),
                sql`, `,
              )})`,
      );
      for (const s of stored) existing.set(`${s.enterprise_id}|${s.name}`, { id: s.id, version: s.version });
    }
    let created = 0;
    let updated = 0;
    let skipped = 0;
    const audits: AuditEntry[] = [];
    for (const r of valid) {
      const match = existing.get(`${r.enterpriseId}|${r.input!.name}`);
      if (match && options.onExisting === 'skip') {
        skipped++;
        continue;
      }
      if (!write) {
        if (match) updated++;
        else created++;
        continue;
      }
      throwIfAborted(run.signal);
      const body = { ...r.input!, enterpriseId: r.enterpriseId! };
      if (match) {
        const { enterpriseId: _e, ...changes } = body;
        await updateIn(tx, run.ctx, match.id, { ...changes, version: match.version }, false);
        audits.push({
          action: 'riskPoint.import',
          entityType: 'riskPoint',
          entityId: match.id,
          enterpriseId: r.enterpriseId,
          after: { ...body, row: r.row, updated: true },
        });
        updated++;
      } else {
        const id = await createIn(tx, run.ctx, body, false);
        audits.push({
          action: 'riskPoint.import',
          entityType: 'riskPoint',
          entityId: id,
          enterpriseId: r.enterpriseId,
          after: { ...body, row: r.row },
        });
        created++;
      }
      if ((created + updated) % 200 === 0)
        run.progress(created + updated, total, `正在保存 ${created + updated}/${total} 行`);
    }
    if (write) await appendAuditMany(tx, run.ctx, audits);
    return { resolved, invalid, write, created, updated, skipped };
  });

  const { resolved, invalid, write } = saved;
  const errors = resolved
    .flatMap((r) => r.errors.map((e) => ({ row: r.row, column: header(e.key), message: e.message })))
    .sort((a, b) => a.row - b.row);
  let file: { path: string; name: string } | undefined;
  if (errors.length > 0) {
    const path = run.filePath('.xlsx');
    await writeErrorWorkbook(input.ws, input.header, resolved, path);
    file = { path, name: `${input.fileName.replace(/\.xlsx$/i, '').slice(0, 60) || '风险点'}_错误报告.xlsx` };
  }
  const outcome: ImportResult['outcome'] = options.dryRun ? 'dryRun' : write ? 'saved' : 'rejected';
  const rejected = outcome === 'rejected';
  const result: ImportResult = {
    jobId: run.job.id,
    outcome,
    mode: options.mode,
    onExisting: options.onExisting,
    rows: total,
    validRows: total - invalid,
    invalidRows: invalid,
    created: rejected ? 0 : saved.created,
    updated: rejected ? 0 : saved.updated,
    unchanged: 0,
    skipped: rejected ? 0 : saved.skipped,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
    errorReportUrl: file ? `/api/jobs/${run.job.id}/download` : null,
    durationMs: Date.now() - started,
  };
  const message = rejected
    ? `发现 ${invalid} 行有错误，未导入任何数据`
    : outcome === 'dryRun'
      ? `校验完成：${total - invalid} 行正确，${invalid} 行有错误（未保存）`
      : `已导入：新建 ${saved.created}，更新 ${saved.updated}，跳过 ${saved.skipped}，错误 ${invalid} 行`;
  return { result, file, message };
}

/** The file's own rows (same row numbers), bad cells marked, and an extra 错误说明 column. */
async function writeErrorWorkbook(source: ExcelJS.Worksheet, h: SheetHeader, resolved: Resolved[], file: string) {
  const part = `${file}.part`;
  const wb = await streamingWorkbook(part);
  const width = Math.max(h.width, ...h.columns.values());
  const noteCol = width + 1;
  const byRow = new Map(resolved.filter((r) => r.errors.length).map((r) => [r.row, r]));
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: h.row }] });
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = source.getColumn(c).width ?? 14;
  ws.getColumn(noteCol).width = 60;
  for (let r = 1; r <= source.rowCount; r++) {
    const src = source.getRow(r);
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const text = cellText(src.getCell(c).value);
      if (text !== null) row.getCell(c).value = safeCell(text);
    }
    if (r === h.row) {
      const cell = row.getCell(noteCol);
      cell.value = '错误说明';
      cell.font = { ...HEADER_FONT, color: { argb: 'FFC00000' } };
      cell.fill = HEADER_FILL;
    }
    const bad = byRow.get(r);
    if (bad) {
      for (const e of bad.errors) {
        const n = h.columns.get(e.key);
        if (!n) continue;
        row.getCell(n).fill = ERROR_FILL;
        row.getCell(n).font = ERROR_FONT;
      }
      const note = row.getCell(noteCol);
      note.value = bad.errors.map((e) => `${header(e.key)}：${e.message}`).join('；');
      note.font = ERROR_FONT;
      note.alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(part, file);
}
