// Excel import/export of the enterprise registry and the background jobs that carry them out (DOMAIN.md §2.1).
import { z } from 'zod';
import { EnterpriseListQuery } from './enterprises';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_KINDS = ['enterprises.export', 'enterprises.import', 'risk.export', 'risk.import'] as const;

/** A background job as its creator sees it; result is the kind's own summary (an ImportResult for imports). */
export const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
  /** File name offered for download (Chinese), when the job produced a file. */
  resultName: z.string().nullable(),
  /** GET this URL to download the file; null while there is none (or it has expired). */
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** When the job and its file are removed. */
  expiresAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const JobList = z.object({ items: z.array(JobView) });

/** The list filters of the enterprise registry, without paging: what an export covers. */
export const EnterpriseExportBody = EnterpriseListQuery.omit({ page: true, pageSize: true, sort: true, order: true });
export type EnterpriseExportBody = z.infer<typeof EnterpriseExportBody>;

export const IMPORT_MODES = ['allOrNothing', 'validRows'] as const;
export const ON_EXISTING = ['update', 'skip'] as const;

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'on');

/** The form fields sent with the file (multipart/form-data). */
export const ImportOptions = z.object({
  mode: z
    .enum(IMPORT_MODES, { error: '导入方式应为 allOrNothing（有错误则全部不导入）或 validRows（只导入正确的行）' })
    .default('allOrNothing'),
  onExisting: z.enum(ON_EXISTING, { error: '已存在企业的处理方式应为 update（更新）或 skip（跳过）' }).default('skip'),
  dryRun: flag.default(false),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

/** Query of POST /api/enterprises/import: how long (seconds) to wait for the result before answering 202. */
export const ImportQuery = z.object({
  wait: z.coerce.number({ error: '等待时间应为 0–25 秒' }).int().min(0).max(25).default(25),
});

/** One problem of one cell: row as Excel numbers it, column by its header. */
export const ImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowError>;

export const IMPORT_OUTCOMES = ['saved', 'rejected', 'dryRun'] as const;

export const ImportResult = z.object({
  jobId: z.uuid(),
  /** saved: rows written; rejected: errors and allOrNothing, nothing written; dryRun: checked only. */
  outcome: z.enum(IMPORT_OUTCOMES),
  mode: z.enum(IMPORT_MODES),
  onExisting: z.enum(ON_EXISTING),
  /** Data rows read (blank rows not counted). */
  rows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Existing enterprises whose imported values equal the stored ones (update mode). */
  unchanged: z.number().int(),
  /** Existing enterprises left alone (skip mode). */
  skipped: z.number().int(),
  /** Every error, at most 1,000 (errorCount says how many there are). */
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
  /** The error workbook (the file's rows, bad cells marked, with 错误说明), when there were errors. */
  errorReportUrl: z.string().nullable(),
  durationMs: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** 202 answer of an import still running after the request's wait: poll GET /api/jobs/:id. */
export const ImportAccepted = z.object({ job: JobView });
export const ExportAccepted = z.object({ job: JobView });
