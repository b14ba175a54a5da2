import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  ResumptionApply,
  ResumptionDecision,
  ResumptionDetail,
  ResumptionFilters,
  ResumptionListQuery,
  ResumptionPage,
  ResumptionResubmit,
  SeasonCreate,
  SeasonUpdate,
  SeasonView,
} from '../../../../shared/src/resumption';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { resumptionWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function resumptionRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/seasons',
    {
      schema: {
        summary: '复工复产批次及已确认 / 待确认 / 已退回家数（按数据范围）',
        response: { 200: z.array(SeasonView), ...errors },
      },
    },
    (req) => service.seasons(db, actorOf(req)),
  );
  app.post(
    '/seasons',
    {
      schema: {
        summary: '新建复工复产批次（检查清单默认为复工前隐患排查、全员培训、预案和人员到位等）',
        body: SeasonCreate,
        response: { 200: SeasonView, ...errors },
      },
    },
    (req) => service.createSeason(db, ctxOf(req), req.body),
  );
  app.patch(
    '/seasons/:id',
    {
      schema: {
        summary: '修改复工批次及其检查清单',
        params: IdParams,
        body: SeasonUpdate,
        response: { 200: SeasonView, ...errors },
      },
    },
    (req) => service.updateSeason(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/',
    {
      schema: {
        summary: '复工复产申请（按数据范围；按批次、状态、企业筛选）',
        querystring: ResumptionListQuery,
        response: { 200: ResumptionPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof ResumptionFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出复工复产申请（当前筛选条件，按数据范围）为 Excel',
        querystring: ResumptionFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { items, clear } = await service.forExport(db, ctx.actor!, req.query);
      const buffer = await resumptionWorkbook(items, scopeLabel(ctx.actor!), clear);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'resumption.export',
          entityType: 'resumption',
          after: { filters: req.query, rows: items.length, personalData: clear ? 'clear' : 'masked' },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="resumption.xlsx"; filename*=UTF-8''${encodeURIComponent('复工复产确认.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.post(
    '/',
    {
      schema: {
        summary: '申请复工复产（停产、待复工企业；每批次一次）',
        body: ResumptionApply,
        response: { 200: ResumptionDetail, ...errors },
      },
    },
    (req) => service.apply(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '复工申请详情与办理过程', params: IdParams, response: { 200: ResumptionDetail, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/:id/resubmit',
    {
      schema: {
        summary: '修改后重新提交被退回的申请',
        params: IdParams,
        body: ResumptionResubmit,
        response: { 200: ResumptionDetail, ...errors },
      },
    },
    (req) => service.resubmit(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/decision',
    {
      schema: {
        summary: '现场核查后确认复工（企业恢复为在营）或退回（须写明理由）',
        params: IdParams,
        body: ResumptionDecision,
        response: { 200: ResumptionDetail, ...errors },
      },
    },
    (req) => service.decide(db, ctxOf(req), req.params.id, req.body),
  );
}
