import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Ok } from '../../../../shared/src/common';
import { ImportQuery } from '../../../../shared/src/io';
import {
  EnterpriseRiskView,
  MajorRiskEnterprisePage,
  MajorRiskEnterpriseQuery,
  MapData,
  MapPositionsBody,
  MapPositionsResult,
  MapQuery,
  ParkPlanView,
  RiskDistribution,
  RiskExportBody,
  RiskImportOptions,
  RiskImportResult,
  RiskJobAccepted,
  RiskOverrideBody,
  RiskPointCounts,
  RiskPointDeleteQuery,
  RiskPointDetail,
  RiskPointInput,
  RiskPointListQuery,
  RiskPointPage,
  RiskPointUpdate,
  RiskReviewBody,
  ThresholdsChanged,
  ThresholdsUpdate,
  ThresholdsView,
} from '../../../../shared/src/risk';
import { text } from '../../../../shared/src/validators';
import { AppError, badRequest } from '../../platform/errors';
import { XLSX_MIME } from '../../platform/excel';
import { FileStore, fileMaxBytes, formatBytes } from '../../platform/files';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition, jobRunner, toJobView } from '../../platform/jobs';
import * as io from './io';
import * as plan from './plan';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const detail = { 200: RiskPointDetail, ...errors };

/** The multipart form: one file part ("file") and option fields, in any order, held in memory (≤ maxBytes). */
async function readForm(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ upload: { buffer: Buffer; fileName: string }; fields: Record<string, string> }> {
  const tooLarge = () =>
    new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${formatBytes(maxBytes)} 上限`, { file: '文件过大' });
  if (!req.isMultipart())
    throw badRequest('FILE_MISSING', '请以 multipart/form-data 上传文件（字段名 file）', { file: '请选择文件' });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + 1024 * 1024) throw tooLarge();
  const fields: Record<string, string> = {};
  let upload: { buffer: Buffer; fileName: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (upload) throw badRequest('FILE_ONE_ONLY', '一次只能上传一个文件', { file: '一次只能上传一个文件' });
        upload = { buffer, fileName: part.filename || '文件' };
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT')
      throw badRequest('FILE_ONE_ONLY', '一次只能上传一个文件', { file: '一次只能上传一个文件' });
    throw err;
  }
  if (!upload || upload.buffer.length === 0)
    throw badRequest('FILE_MISSING', '请选择要上传的文件', { file: '请选择要上传的文件' });
  return { upload, fields };
}

/** /api/risk: risk points, review, thresholds, enterprise levels, major-risk enterprises, the four-colour map. */
export async function riskRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const store = FileStore.forDataDir(deps.config.dataDir);
  await store.init();
  app.addHook('onClose', () => store.destroy());
  const runner = jobRunner(deps);
  runner.register(io.EXPORT_JOB, io.exportHandler(db));
  const maxBytes = Math.max(fileMaxBytes(), io.MAX_UPLOAD_BYTES);
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 200, parts: 12 },
    throwFileSizeLimit: true,
  });

  // ---------------------------------------------------------------------------------------- risk points
  app.get(
    '/points',
    {
      schema: {
        summary: '风险点清单（按数据范围；可按等级、审核状态、评审到期筛选）',
        querystring: RiskPointListQuery,
        response: { 200: RiskPointPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/points/counts',
    {
      schema: {
        summary: '风险点统计（按等级、待审核、评审 30 天内到期与逾期）',
        querystring: RiskExportBody,
        response: { 200: RiskPointCounts, ...errors },
      },
    },
    (req) => service.counts(db, actorOf(req), req.query),
  );
  app.post(
    '/points',
    {
      schema: {
        summary: '登记风险点（LEC / LS 评价，等级按园区分级界限计算；企业登记的待审核）',
        body: RiskPointInput,
        response: detail,
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/points/import/template',
    { schema: { summary: '下载风险点导入模板（.xlsx）', response: errors } },
    async (req, reply) => {
      const { buffer, name } = await io.template(actorOf(req));
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'no-store')
        .send(buffer as never);
    },
  );
  app.post(
    '/points/import',
    {
      schema: {
        summary: '导入风险点（multipart：file + mode / onExisting / dryRun）',
        description:
          '按企业统一社会信用代码 + 风险点名称匹配已有风险点。mode=allOrNothing：有任何错误则不保存；validRows：保存正确的行。' +
          '事故类型按 GB 6441 的 20 类校验，多个用顿号分隔。在 wait 秒内完成则返回结果（200），否则返回任务（202）。',
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: RiskImportResult, 202: RiskJobAccepted, ...errors, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      io.assertCanImport(actorOf(req));
      const { upload, fields } = await readForm(req, io.MAX_UPLOAD_BYTES);
      const parsed = RiskImportOptions.safeParse(fields);
      if (!parsed.success) {
        const first = parsed.error.issues[0]!;
        throw badRequest('VALIDATION_FAILED', first.message, { [String(first.path[0] ?? 'mode')]: first.message });
      }
      const started = await io.startImport(runner, db, ctxOf(req), upload, parsed.data, req.query.wait * 1000);
      if ('result' in started) return started.result;
      return reply.status(202).send({ job: toJobView(started.job) });
    },
  );
  app.post(
    '/points/export',
    {
      schema: {
        summary: '导出风险点（当前筛选条件，按数据范围）为 Excel：创建后台任务',
        body: RiskExportBody,
        response: { 202: RiskJobAccepted, ...errors },
      },
    },
    async (req, reply) => {
      const job = await io.startExport(runner, ctxOf(req), req.body);
      return reply.status(202).send({ job: toJobView(job) });
    },
  );
  app.get(
    '/points/:id',
    { schema: { summary: '风险点详情（含关联隐患）', params: IdParams, response: detail } },
    (req) => service.detail(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/points/:id',
    {
      schema: {
        summary: '修改风险点（带版本号；企业修改后重新待审核）',
        params: IdParams,
        body: RiskPointUpdate,
        response: detail,
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/points/:id',
    {
      schema: {
        summary: '删除风险点（带版本号；已关联隐患的不能删除）',
        params: IdParams,
        querystring: RiskPointDeleteQuery,
        response: { 200: Ok, ...errors },
      },
    },
    (req) => service.remove(db, ctxOf(req), req.params.id, req.query.version),
  );
  app.post(
    '/points/:id/review',
    {
      schema: {
        summary: '审核风险点：通过 / 退回（退回须填写原因）',
        params: IdParams,
        body: RiskReviewBody,
        response: detail,
      },
    },
    (req) => service.review(db, ctxOf(req), req.params.id, req.body),
  );

  // ---------------------------------------------------------------------------------------- thresholds
  app.get(
    '/thresholds',
    { schema: { summary: '本园区风险分级界限（LEC / LS）', response: { 200: ThresholdsView, ...errors } } },
    (req) => service.getThresholds(db, actorOf(req)),
  );
  app.put(
    '/thresholds',
    {
      schema: {
        summary: '修改风险分级界限：全部风险点与企业风险等级随之重新计算（管理员）',
        body: ThresholdsUpdate,
        response: { 200: ThresholdsChanged, ...errors },
      },
    },
    (req) => service.setThresholds(db, ctxOf(req), req.body),
  );

  // ---------------------------------------------------------------------------------------- enterprises
  app.get(
    '/enterprises/:id',
    {
      schema: {
        summary: '企业风险概况（等级、调整、风险点统计）',
        params: IdParams,
        response: { 200: EnterpriseRiskView, ...errors },
      },
    },
    (req) => service.enterpriseRisk(db, actorOf(req), req.params.id),
  );
  app.put(
    '/enterprises/:id/override',
    {
      schema: {
        summary: '调整企业风险等级（须填写原因；level 为 null 时取消调整）',
        params: IdParams,
        body: RiskOverrideBody,
        response: { 200: EnterpriseRiskView, ...errors },
      },
    },
    (req) => service.override(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/major-enterprises',
    {
      schema: {
        summary: '重大风险企业清单（含重大风险点及管控状态）',
        querystring: MajorRiskEnterpriseQuery,
        response: { 200: MajorRiskEnterprisePage, ...errors },
      },
    },
    (req) => service.majorEnterprises(db, actorOf(req), req.query),
  );
  app.get(
    '/distribution',
    {
      schema: { summary: '风险分布（按等级、按片区）', response: { 200: RiskDistribution, ...errors } },
    },
    (req) => service.distribution(db, actorOf(req)),
  );

  // ---------------------------------------------------------------------------------------- map
  app.get(
    '/map',
    {
      schema: {
        summary: '四色图数据：平面图、已放置企业（按等级着色）、未放置企业、图例',
        querystring: MapQuery,
        response: { 200: MapData, ...errors },
      },
    },
    (req) => service.mapData(db, actorOf(req), req.query, () => plan.planView(db, actorOf(req))),
  );
  app.put(
    '/map/positions',
    {
      schema: {
        summary: '在平面图上放置企业（坐标为平面图宽高的 0–1 比例；null 为移出）',
        body: MapPositionsBody,
        response: { 200: MapPositionsResult, ...errors },
      },
    },
    (req) => service.setPositions(db, ctxOf(req), req.body),
  );
  app.get(
    '/map/plan',
    { schema: { summary: '园区平面图信息', response: { 200: ParkPlanView.nullable(), ...errors } } },
    async (req) => {
      service.assertOverview(actorOf(req));
      return plan.planView(db, actorOf(req));
    },
  );
  app.post(
    '/map/plan',
    {
      schema: {
        summary: '上传园区平面图（管理员；multipart：file，JPG/PNG/WebP，重新编码为 JPEG）',
        consumes: ['multipart/form-data'],
        response: { 200: ParkPlanView, ...errors, 413: ErrorBody },
      },
    },
    async (req) => {
      service.assertPlanUpload(actorOf(req));
      const { upload } = await readForm(req, fileMaxBytes());
      return plan.uploadPlan(db, store, ctxOf(req), upload);
    },
  );
  app.get(
    '/map/plan/image',
    {
      schema: {
        summary: '园区平面图图片（JPEG）',
        querystring: z.object({ v: text().max(64).optional() }),
        response: errors,
      },
    },
    async (req, reply) => {
      const c = await plan.planContent(db, store, actorOf(req));
      reply.header('cache-control', 'private, max-age=86400').header('etag', c.etag);
      if (req.headers['if-none-match'] === c.etag) return reply.status(304 as never).send(undefined as never);
      return reply
        .header('content-type', c.mime)
        .header('content-length', c.size)
        .send(c.body as never);
    },
  );
}
