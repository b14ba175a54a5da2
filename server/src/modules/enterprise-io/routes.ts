import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import {
  EnterpriseExportBody,
  ExportAccepted,
  ImportAccepted,
  ImportOptions,
  ImportQuery,
  ImportResult,
} from '../../../../shared/src/io';
import { AppError, badRequest } from '../../platform/errors';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition, jobRunner, toJobView } from '../../platform/jobs';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const TOO_LARGE = () =>
  new AppError(
    413,
    'IMPORT_FILE_TOO_LARGE',
    `文件超过 ${service.MAX_UPLOAD_BYTES / 1024 / 1024} MB 上限，请删除多余内容或拆分为多个文件分批导入`,
  );

/** The multipart form: one file part ("file") and the option fields, in any order. */
async function readForm(req: FastifyRequest): Promise<{ upload: service.Upload; fields: Record<string, string> }> {
  if (!req.isMultipart()) {
    throw badRequest('IMPORT_FILE_MISSING', '请以 multipart/form-data 上传 Excel 文件（字段名 file）');
  }
  // Refuse an announced oversize body before reading it.
  if (Number(req.headers['content-length'] ?? 0) > service.MAX_UPLOAD_BYTES + 1024 * 1024) throw TOO_LARGE();
  const fields: Record<string, string> = {};
  let upload: service.Upload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (upload) throw badRequest('IMPORT_ONE_FILE', '一次只能上传一个文件');
        upload = { buffer, fileName: part.filename || '企业档案.xlsx' };
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw TOO_LARGE();
    if (code === 'FST_FILES_LIMIT') throw badRequest('IMPORT_ONE_FILE', '一次只能上传一个文件');
    throw err;
  }
  if (!upload || upload.buffer.length === 0) throw badRequest('IMPORT_FILE_MISSING', '请选择要导入的 Excel 文件');
  return { upload, fields };
}

export async function enterpriseIoRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const runner = jobRunner(deps);
  runner.register(service.EXPORT_JOB, service.exportHandler(db));

  await app.register(multipart, {
    limits: { fileSize: service.MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 200, parts: 12 },
    throwFileSizeLimit: true,
  });

  app.get(
    '/import/template',
    { schema: { summary: '下载企业档案导入模板（.xlsx）', response: errors } },
    async (req, reply) => {
      const { buffer, name } = await service.template(db, actorOf(req));
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .send(buffer as never); // binary: the error schemas only describe failures
    },
  );

  app.post(
    '/import',
    {
      schema: {
        summary: '导入企业档案（multipart：file + mode / onExisting / dryRun）',
        description:
          '按统一社会信用代码匹配已有企业。mode=allOrNothing：有任何错误则不保存；validRows：保存正确的行。' +
          'onExisting=update|skip。dryRun=true 只校验。文件不超过 10 MB。在 wait 秒（默认 25）内完成则返回结果（200），' +
          '否则返回任务（202）：轮询 GET /api/jobs/:id 看进度，完成后结果在 result 中。',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportResult, 202: ImportAccepted, ...errors, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      const { upload, fields } = await readForm(req);
      const parsed = ImportOptions.safeParse(fields);
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        throw badRequest('VALIDATION_FAILED', first.message, { [String(first.path[0] ?? 'mode')]: first.message });
      }
      const waitMs = req.query.wait * 1000;
      const started = await service.startImport(runner, db, ctxOf(req), upload, parsed.data, waitMs);
      if ('result' in started) return started.result;
      return reply.status(202).send({ job: toJobView(started.job) });
    },
  );

  app.post(
    '/export',
    {
      schema: {
        summary: '导出企业档案（当前筛选条件，按数据范围）为 Excel：创建后台任务',
        body: EnterpriseExportBody,
        response: { 202: ExportAccepted, ...errors },
      },
    },
    async (req, reply) => {
      const job = await service.startExport(runner, ctxOf(req), req.body);
      return reply.status(202).send({ job: toJobView(job) });
    },
  );
}
