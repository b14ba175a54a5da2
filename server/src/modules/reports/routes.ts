import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { JobView } from '../../../../shared/src/io';
import {
  REPORT_JOB_KIND,
  ReportDraftBody,
  ReportDraftView,
  ReportFigure,
  ReportGenerateAccepted,
  ReportList,
  ReportPeriodQuery,
  ReportPreview,
  ReportView,
} from '../../../../shared/src/reports';
import { isoDate } from '../../../../shared/src/validators';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition, jobRunner } from '../../platform/jobs';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const ReportListQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  parkId: z.uuid({ error: '园区编号格式不正确' }).optional(),
});

export async function reportRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const runner = jobRunner(deps);
  runner.register(REPORT_JOB_KIND, service.generateHandler(db));

  app.get(
    '/preview',
    {
      schema: {
        summary: '工作总结预览：各章节由登记数据生成的语句与各项数据口径（含草稿中的段落）',
        querystring: ReportPeriodQuery,
        response: { 200: ReportPreview, ...errors },
      },
    },
    (req) => service.preview(db, actorOf(req), req.query),
  );
  app.get(
    '/draft',
    {
      schema: {
        summary: '某期间的工作总结草稿（办公室撰写的各节段落）',
        querystring: ReportPeriodQuery,
        response: { 200: ReportDraftView, ...errors },
      },
    },
    (req) => service.getDraft(db, actorOf(req), req.query),
  );
  app.put(
    '/draft',
    {
      schema: {
        summary: '保存工作总结草稿（带版本号；他人已修改时返回 409）',
        body: ReportDraftBody,
        response: { 200: ReportDraftView, ...errors },
      },
    },
    (req) => service.saveDraft(db, ctxOf(req), req.body),
  );
  app.post(
    '/generate',
    {
      schema: {
        summary: '生成工作总结 Word 文档（后台任务；同一期间正在生成时返回该任务）',
        body: ReportPeriodQuery,
        response: { 202: ReportGenerateAccepted, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(await service.startGenerate(runner, ctxOf(req), req.body)),
  );
  app.get(
    '/jobs/:id',
    {
      schema: {
        summary: '工作总结生成任务的状态与进度（本园区）',
        params: IdParams,
        response: { 200: JobView, ...errors },
      },
    },
    (req) => service.jobOf(db, actorOf(req), req.params.id),
  );
  app.get(
    '/',
    {
      schema: {
        summary: '已生成的工作总结（期间、生成时间、SM3 与 SHA-256 摘要）',
        querystring: ReportListQuery,
        response: { 200: ReportList, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/:id',
    {
      schema: {
        summary: '一份工作总结及其所列数据（数据口径）',
        params: IdParams,
        response: { 200: z.object({ report: ReportView, figures: z.array(ReportFigure) }), ...errors },
      },
    },
    async (req) => {
      const r = await service.get(db, actorOf(req), req.params.id);
      return { report: r.view, figures: r.figures };
    },
  );
  app.get(
    '/:id/download',
    { schema: { summary: '下载工作总结（Word）', params: IdParams, response: errors } },
    async (req, reply) => {
      const { content, name } = await service.download(db, actorOf(req), req.params.id);
      return reply
        .header('content-type', service.DOCX_MIME)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(content as never); // binary: the error schemas only describe failures
    },
  );
}
