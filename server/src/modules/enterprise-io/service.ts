// Enterprise registry import and export (DOMAIN.md §2.1): the rules, the transactions and the two job handlers.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { EnterpriseInput } from '../../../../shared/src/enterprises';
import { industryName as industryNameOf } from '../../../../shared/src/industries';
import type { EnterpriseExportBody, ImportOptions, ImportResult } from '../../../../shared/src/io';
import {
  ENTERPRISE_STATUS_LABELS,
  FIELD_LABELS,
  label,
  ROLE_LABELS,
  SCALE_LABELS,
  SITE_TYPE_LABELS,
  SUPERVISION_TAG_LABELS,
} from '../../../../shared/src/labels';
import { shanghaiMinute, shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit, appendAuditMany } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { AppError, badRequest } from '../../platform/errors';
import {
  addExportNotes,
  ERROR_FILL,
  ERROR_FONT,
  ExcelFileError,
  HEADER_FILL,
  HEADER_FONT,
  readWorkbook,
  safeCell,
  streamingWorkbook,
  writeXlsxFile,
} from '../../platform/excel';
import { getJob, type JobHandler, type JobRecord, type JobRunner, throwIfAborted } from '../../platform/jobs';
import { assertCan } from '../../platform/permissions';
import { exportPersonalDataNote, exportsClearPhones, maskedPhone, open } from '../../platform/personal-data';
import { scopeLabel } from '../../platform/scope';
import * as credit from '../credit/service';
import { enterpriseWhere } from '../enterprises/service';
import { COLUMN_BY_KEY, COLUMNS, type ColumnKey, IMPORT_COLUMNS } from './columns';
import { type CheckedRow, checkRow, findHeader, listErrors, type RawRow, readRows, resolveRows } from './parse';
import * as repo from './repository';
import { buildTemplate, TEMPLATE_SHEET } from './template';

export const EXPORT_JOB = 'enterprises.export';
export const IMPORT_JOB = 'enterprises.import';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;
// Rows per export query. Small batches die young (V8 scavenges them rather than promoting them to the old
// generation): at 2,000 rows a 100,000-row export raised the peak RSS by ~60 MB, at 500 by ~20 MB, in the same time.
const EXPORT_BATCH = 500;
const SAVE_PROGRESS_EVERY = 500;
const MAX_LISTED_ERRORS = 1000;

/** Importing creates and updates enterprises: the committee's registry keepers (permission enterprises.create). */
export function assertCanImport(actor: Actor): void {
  assertCan(actor, 'enterprises.create');
}

/** "YYYYMMDD-HHmm" in Asia/Shanghai, for file names. */
function stamp(at: Date): string {
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10).replace(/-/g, '')}-${s.slice(11, 16).replace(':', '')}`;
}

// ------------------------------------------------------------------------------------------------ template

export async function template(db: Db, actor: Actor): Promise<{ buffer: Buffer; name: string }> {
  assertCanImport(actor);
  const areas = await repo.parkAreas(db, actor.parkId);
  return { buffer: await buildTemplate(areas), name: '企业档案导入模板.xlsx' };
}

// ------------------------------------------------------------------------------------------------ export

interface ExportParams {
  filters: EnterpriseExportBody;
}

export async function startExport(runner: JobRunner, ctx: RequestContext, filters: EnterpriseExportBody) {
  assertCan(ctx.actor!, 'enterprises.read');
  return runner.enqueue(ctx, { kind: EXPORT_JOB, params: { filters } satisfies ExportParams, message: '排队中' });
}

function describeFilters(f: EnterpriseExportBody): string {
  const parts: string[] = [];
  if (f.q) parts.push(`${FIELD_LABELS.q}：${f.q}`);
  if (f.area) parts.push(`${FIELD_LABELS.area}：${f.area}`);
  if (f.siteType) parts.push(`${FIELD_LABELS.siteType}：${label(SITE_TYPE_LABELS, f.siteType)}`);
  if (f.scale) parts.push(`${FIELD_LABELS.scale}：${label(SCALE_LABELS, f.scale)}`);
  if (f.status) parts.push(`${FIELD_LABELS.status}：${label(ENTERPRISE_STATUS_LABELS, f.status)}`);
  if (f.tag) parts.push(`${FIELD_LABELS.tag}：${label(SUPERVISION_TAG_LABELS, f.tag)}`);
  if (f.industryCode) parts.push(`行业代码：${f.industryCode}`);
  return parts.length ? parts.join('；') : '无（全部）';
}

function exportValues(e: repo.ExportRow, clear: boolean): Record<ColumnKey, string | number | Date | null> {
  const phone = (v: string | null) => (clear ? open(v) : maskedPhone(v));
  return {
    name: e.name,
    creditCode: e.credit_code,
    siteType: label(SITE_TYPE_LABELS, e.site_type),
    landlordCreditCode: e.landlord_credit_code,
    landlordName: e.landlord_name,
    area: e.area,
    address: e.address,
    legalRepresentative: e.legal_representative,
    principalName: e.principal_name,
    principalPhone: phone(e.principal_phone),
    actualControllerName: e.actual_controller_name,
    actualControllerPhone: phone(e.actual_controller_phone),
    safetyManagerName: e.safety_manager_name,
    safetyManagerPhone: phone(e.safety_manager_phone),
    employees: e.employees,
    industryCode: e.industry_code,
    industryName: e.industry_code ? industryNameOf(e.industry_code) : null,
    scale: label(SCALE_LABELS, e.scale),
    status: label(ENTERPRISE_STATUS_LABELS, e.status),
    // A real date cell (UTC midnight is the calendar day in Excel's zone-less dates).
    productionStartDate: e.production_start_date ? new Date(`${e.production_start_date}T00:00:00Z`) : null,
    supervisionTags: e.supervision_tags.map((t) => label(SUPERVISION_TAG_LABELS, t)).join('、') || null,
    updatedAt: e.updated_at,
  };
}

/** The export job: the filtered, scoped list streamed in keyset batches into a streaming workbook. */
export function exportHandler(db: Db): JobHandler<ExportParams> {
  return async (run) => {
    const actor = run.ctx.actor!;
    assertCan(actor, 'enterprises.read');
    const filters = run.params.filters;
    const where = enterpriseWhere(actor, filters, await credit.baseGrade(db, actor.parkId));
    const total = await repo.countWhere(db, where);
    const clear = exportsClearPhones(actor.role);
    run.progress(0, total, `正在导出 0/${total}`);

    const file = run.filePath('.xlsx');
    // The streaming writer, not ExcelJS's WorkbookWriter: that keeps every row's XML in memory (~100 MB at 100k rows).
    let done = 0;
    await writeXlsxFile(file, async (xlsx) => {
      await xlsx.addSheet(
        '企业档案',
        COLUMNS.map((c) => c.width),
      );
      await xlsx.addRow(
        COLUMNS.map((c) => c.header),
        'header',
      );
      // The next batch is fetched while this one is written.
      const fetch = (after: { name: string; id: string } | null) => {
        const p = repo.exportBatch(db, where, after, EXPORT_BATCH);
        p.catch(() => {}); // awaited below; not an unhandled rejection if the job stops first
        return p;
      };
      let next: Promise<repo.ExportRow[]> | null = fetch(null);
      while (next) {
        throwIfAborted(run.signal);
        const batch: repo.ExportRow[] = await next;
        const last = batch[batch.length - 1];
        next = batch.length === EXPORT_BATCH && last ? fetch({ name: last.name, id: last.id }) : null;
        for (const e of batch) {
          const values = exportValues(e, clear);
          await xlsx.addRow(COLUMNS.map((c) => safeCell(values[c.key])));
        }
        done += batch.length;
        run.progress(done, Math.max(total, done), `正在导出 ${done}/${Math.max(total, done)}`);
      }

      await addExportNotes(xlsx, [
        ['导出时间', `${shanghaiMinute(now())}（北京时间）`],
        ['导出人', `${actor.displayName}（${actor.username}，${ROLE_LABELS[actor.role]?.zh ?? actor.role}）`],
        ['数据范围', scopeLabel(actor)],
        ['筛选条件', describeFilters(filters)],
        ['企业数', String(done)],
        ['个人信息', exportPersonalDataNote(clear)],
      ]);
    });

    await db.transaction((tx) =>
      appendAudit(tx, run.ctx, {
        action: 'export.enterprises',
        entityType: 'enterprise',
        after: { filters, rows: done, jobId: run.job.id, personalData: clear ? 'clear' : 'masked' },
      }),
    );
    run.log(`[export] enterprises: ${done} rows for ${actor.username} (job ${run.job.id})`);
    return {
      file: { path: file, name: `企业档案_${stamp(now())}.xlsx` },
      result: { rows: done },
      message: `已导出 ${done} 家企业`,
    };
  };
}

// ------------------------------------------------------------------------------------------------ import

export interface Upload {
  buffer: Buffer;
  fileName: string;
}

/** Reads and checks the upload's shape (workbook, headers, size) before any job exists: these answer 400 at once. */
export async function openUpload(upload: Upload) {
  let wb: ExcelJS.Workbook;
  try {
    wb = await readWorkbook(upload.buffer);
  } catch (err) {
    if (err instanceof ExcelFileError) {
      throw badRequest(err.reason === 'tooLarge' ? 'IMPORT_TOO_LARGE' : 'IMPORT_NOT_XLSX', err.message);
    }
    throw err;
  }
  const ws = wb.getWorksheet(TEMPLATE_SHEET) ?? wb.worksheets[0]!;
  const header = findHeader(ws);
  if (header.missing.length) {
    const names = header.missing.map((c) => c.header).join('、');
    throw badRequest(
      'IMPORT_HEADERS_MISSING',
      `文件缺少必需的列：${names}。请使用导入模板，第一行为列名`,
      Object.fromEntries(header.missing.map((c) => [c.key, `缺少“${c.header}”列`])),
    );
  }
  const rows = readRows(ws, header);
  if (rows.length === 0) throw badRequest('IMPORT_EMPTY', '文件中没有企业数据（第一行列名之下没有内容）');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw badRequest(
      'IMPORT_TOO_MANY_ROWS',
      `单个文件最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行，此文件有 ${rows.length.toLocaleString('en-US')} 行，请拆分后分批导入`,
    );
  }
  return { ws, header, rows };
}

type PatchKey = repo.PatchKey;

/** The columns an update writes: those the file has (a column left out of the file leaves the field alone). */
function patchKeys(present: Set<ColumnKey>): PatchKey[] {
  const keys: PatchKey[] = [];
  for (const c of IMPORT_COLUMNS) {
    if (!present.has(c.key) || c.key === 'creditCode') continue;
    keys.push(c.key === 'landlordCreditCode' ? 'landlordEnterpriseId' : (c.key as PatchKey));
  }
  return keys;
}

const comparable = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return [...v].sort().join(',');
  return String(v);
};

interface Plan {
  creates: { id: string; row: number; input: EnterpriseInput }[];
  updates: {
    id: string;
    row: number;
    patch: Partial<Record<PatchKey, unknown>>;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];
  unchanged: number;
  skipped: number;
}

function plan(
  resolved: ReturnType<typeof resolveRows>,
  raw: Map<number, RawRow>,
  stored: Map<string, repo.StoredEnterprise>,
  keys: PatchKey[],
  onExisting: ImportOptions['onExisting'],
): Plan {
  const out: Plan = { creates: [], updates: [], unchanged: 0, skipped: 0 };
  const idOfRow = new Map<number, string>();
  const valid = resolved.filter((r) => r.input);
  for (const r of valid) idOfRow.set(r.row, stored.get(r.creditCode!)?.id ?? randomUUID());
  for (const r of valid) {
    const id = idOfRow.get(r.row)!;
    const landlordId =
      r.landlord?.kind === 'park' ? r.landlord.id : r.landlord?.kind === 'file' ? idOfRow.get(r.landlord.row)! : null;
    const input: EnterpriseInput = { ...r.input!, landlordEnterpriseId: landlordId };
    const existing = stored.get(r.creditCode!);
    if (!existing) {
      out.creates.push({ id, row: r.row, input });
      continue;
    }
    if (onExisting === 'skip') {
      out.skipped++;
      continue;
    }
    const values = raw.get(r.row)!.values;
    const patch: Partial<Record<PatchKey, unknown>> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of keys) {
      // Blank scale / status keep the stored value (the schema's defaults are for new enterprises).
      const blankKeep = (k === 'scale' || k === 'status') && values[k] == null;
      const next = blankKeep ? null : input[k];
      patch[k] = next;
      if (blankKeep) continue;
      const prev = existing[k as keyof repo.StoredEnterprise];
      if (comparable(prev) !== comparable(next)) {
        before[k] = prev ?? null;
        after[k] = next ?? null;
      }
    }
    // Switching to own site drops the landlord link (as the enterprise form does), also when the file has no
    // landlord column.
    if (!keys.includes('landlordEnterpriseId') && input.siteType === 'ownSite' && existing.landlordEnterpriseId) {
      before.landlordEnterpriseId = existing.landlordEnterpriseId;
      after.landlordEnterpriseId = null;
    }
    if (Object.keys(after).length === 0) out.unchanged++;
    else out.updates.push({ id, row: r.row, patch, before, after });
  }
  return out;
}

/**
 * Imports the upload as an inline job (progress visible at GET /api/jobs/:id). Waits up to waitMs for it: the
 * finished result, or the running job for the client to poll.
 */
export async function startImport(
  runner: JobRunner,
  db: Db,
  ctx: RequestContext,
  received: Upload,
  options: ImportOptions,
  waitMs: number,
): Promise<{ result: ImportResult } | { job: JobRecord }> {
  const actor = ctx.actor!;
  assertCanImport(actor);
  // The client's file name only names the error report: no path, no control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const fileName = received.fileName.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(-100) || '企业档案.xlsx';
  const upload = { ...received, fileName };
  const { ws, header, rows } = await openUpload(upload);
  let failure: unknown = null;
  const { job, done } = await runner.runInline(
    ctx,
    {
      kind: IMPORT_JOB,
      params: { fileName: upload.fileName, bytes: upload.buffer.length, ...options },
      total: rows.length,
      message: `正在校验 0/${rows.length} 行`,
    },
    async (run) => {
      try {
        return await importRows(db, run, { ws, header, rows, options, fileName: upload.fileName });
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

async function importRows(
  db: Db,
  run: Parameters<JobHandler<unknown>>[0],
  input: {
    ws: ExcelJS.Worksheet;
    header: ReturnType<typeof findHeader>;
    rows: RawRow[];
    options: ImportOptions;
    fileName: string;
  },
) {
  const started = Date.now();
  const { rows, options, header } = input;
  const actor = run.ctx.actor!;
  const parkId = actor.parkId;
  const total = rows.length;
  const log = (m: string) => run.log(`[import] ${input.fileName}: ${m}`);

  const today = shanghaiToday(now());
  const checked: CheckedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    checked.push(checkRow(rows[i]!, today));
    if ((i + 1) % 1000 === 0) run.progress(i + 1, total, `正在校验 ${i + 1}/${total} 行`);
  }
  log(`${total} rows checked`);
  const present = new Set(header.columns.keys());
  const keys = patchKeys(present);
  const rawByRow = new Map(rows.map((r) => [r.row, r]));

  const saved = await db.transaction(async (tx) => {
    if (!options.dryRun) await repo.lockParkImports(tx, parkId);
    const codes = checked.flatMap((c) => [c.creditCode, c.landlordCode]).filter((c): c is string => Boolean(c));
    const stored = await repo.loadByCreditCodes(tx, parkId, codes);
    const park = new Map([...stored].map(([code, e]) => [code, { id: e.id }]));
    const resolved = resolveRows(checked, park, { cascade: options.mode === 'validRows' });
    const invalid = resolved.filter((r) => !r.input).length;
    const p = plan(resolved, rawByRow, stored, keys, options.onExisting);
    const write = !options.dryRun && !(invalid > 0 && options.mode === 'allOrNothing');
    if (write) {
      const toSave = p.creates.length + p.updates.length;
      let savedCount = 0;
      const step = () => run.progress(savedCount, toSave, `正在保存 ${savedCount}/${toSave} 家企业`);
      log(`saving ${p.creates.length} new, ${p.updates.length} changed`);
      // The park's hazard counter lock (migration 0012) before the first audit append: an update that moves an
      // enterprise to another area takes it (to move its hazards' area counts) after this transaction already holds
      // the audit chain head, while a hazard writer takes the two the other way round — a deadlock. Hazard writes
      // of the park wait for the import's audit head anyway, so this adds no contention.
      await tx.execute(sql`select pg_advisory_xact_lock(1213, hashtext(${parkId}::text))`);
      for (let i = 0; i < p.creates.length; i += SAVE_PROGRESS_EVERY) {
        throwIfAborted(run.signal);
        const chunk = p.creates.slice(i, i + SAVE_PROGRESS_EVERY);
        await repo.insertMany(tx, parkId, chunk);
        await appendAuditMany(
          tx,
          run.ctx,
          chunk.map((c) => ({
            action: 'enterprise.import',
            entityType: 'enterprise',
            entityId: c.id,
            enterpriseId: c.id,
            after: { ...c.input, id: c.id },
          })),
        );
        savedCount += chunk.length;
        step();
        log(`saved ${savedCount}/${toSave}`);
      }
      for (let i = 0; i < p.updates.length; i += SAVE_PROGRESS_EVERY) {
        throwIfAborted(run.signal);
        const chunk = p.updates.slice(i, i + SAVE_PROGRESS_EVERY);
        await repo.updateMany(tx, parkId, keys, chunk);
        await appendAuditMany(
          tx,
          run.ctx,
          chunk.map((u) => ({
            action: 'enterprise.import',
            entityType: 'enterprise',
            entityId: u.id,
            enterpriseId: u.id,
            before: u.before,
            after: u.after,
          })),
        );
        savedCount += chunk.length;
        step();
        log(`saved ${savedCount}/${toSave}`);
      }
    }
    return { resolved, invalid, plan: p, write };
  });

  const { resolved, invalid, plan: p, write } = saved;
  const errors = listErrors(resolved);
  let file: { path: string; name: string } | undefined;
  if (errors.length > 0) {
    const path = run.filePath('.xlsx');
    await writeErrorWorkbook(input.ws, header, resolved, path);
    const base = input.fileName.replace(/\.xlsx$/i, '').slice(0, 60) || '企业档案';
    file = { path, name: `${base}_错误报告.xlsx` };
  }
  const outcome: ImportResult['outcome'] = options.dryRun ? 'dryRun' : write ? 'saved' : 'rejected';
  const result: ImportResult = {
    jobId: run.job.id,
    outcome,
    mode: options.mode,
    onExisting: options.onExisting,
    rows: total,
    validRows: total - invalid,
    invalidRows: invalid,
    // Rejected: nothing was written. Dry run: what saving would do.
    created: outcome === 'rejected' ? 0 : p.creates.length,
    updated: outcome === 'rejected' ? 0 : p.updates.length,
    unchanged: outcome === 'rejected' ? 0 : p.unchanged,
    skipped: outcome === 'rejected' ? 0 : p.skipped,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
    errorReportUrl: file ? `/api/jobs/${run.job.id}/download` : null,
    durationMs: Date.now() - started,
  };
  const message =
    outcome === 'rejected'
      ? `发现 ${invalid} 行有错误，未导入任何数据`
      : outcome === 'dryRun'
        ? `校验完成：${total - invalid} 行正确，${invalid} 行有错误（未保存）`
        : `已导入：新建 ${p.creates.length}，更新 ${p.updates.length}，未变化 ${p.unchanged}，跳过 ${p.skipped}，错误 ${invalid} 行`;
  log(`${message} (${result.durationMs} ms)`);
  return { result, file, message };
}

/** The file's own rows (same row numbers), bad cells marked, and an extra 错误说明 column. */
async function writeErrorWorkbook(
  source: ExcelJS.Worksheet,
  header: ReturnType<typeof findHeader>,
  resolved: ReturnType<typeof resolveRows>,
  file: string,
): Promise<void> {
  const part = `${file}.part`;
  const wb = await streamingWorkbook(part);
  const width = Math.max(header.width, ...header.columns.values());
  const noteCol = width + 1;
  const byRow = new Map(resolved.filter((r) => r.errors.length).map((r) => [r.row, r]));
  const ws = wb.addWorksheet(source.name || TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: header.row }] });
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = source.getColumn(c).width ?? 14;
  ws.getColumn(noteCol).width = 60;
  const last = source.rowCount;
  for (let r = 1; r <= last; r++) {
    const src = source.getRow(r);
    const row = ws.getRow(r);
    for (let c = 1; c <= width; c++) {
      const cell = src.getCell(c);
      let v = cell.value as unknown;
      if (v && typeof v === 'object' && !(v instanceof Date) && 'result' in (v as object)) {
        v = (v as { result: unknown }).result ?? null;
      }
      if (v === undefined || v === null) continue;
      const out = row.getCell(c);
      out.value = typeof v === 'string' ? safeCell(v) : (v as ExcelJS.CellValue);
      if (cell.numFmt) out.numFmt = cell.numFmt;
    }
    if (r === header.row) {
      const h = row.getCell(noteCol);
      h.value = '错误说明';
      h.font = { ...HEADER_FONT, color: { argb: 'FFC00000' } };
      h.fill = HEADER_FILL;
    }
    const bad = byRow.get(r);
    if (bad) {
      for (const e of bad.errors) {
        const colNumber = header.columns.get(e.key);
        if (!colNumber) continue;
        const cell = row.getCell(colNumber);
        cell.fill = ERROR_FILL;
        cell.font = ERROR_FONT;
      }
      const note = row.getCell(noteCol);
      note.value = bad.errors.map((e) => `${COLUMN_BY_KEY.get(e.key)!.header}：${e.message}`).join('；');
      note.font = ERROR_FONT;
      note.alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  }
  ws.commit();
  await wb.commit();
  fs.renameSync(part, file);
}
