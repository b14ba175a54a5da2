import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { YearQuery } from '../../../../shared/src/drills';
import {
  FollowUpAdd,
  FollowUpDone,
  GuidanceCreate,
  GuidanceFigures,
  GuidanceFilters,
  GuidanceListQuery,
  GuidancePage,
  GuidanceView,
} from '../../../../shared/src/guidance';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { guidanceWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function guidanceRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '指导服务与谈心谈话记录（按数据范围；按类型、企业、日期、跟进状态筛选）',
        querystring: GuidanceListQuery,
        response: { 200: GuidancePage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof GuidanceFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出指导服务与谈心谈话记录（当前筛选条件，按数据范围）为 Excel',
        querystring: GuidanceFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const buffer = await guidanceWorkbook(items, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'guidance.export',
          entityType: 'guidance',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="guidance.xlsx"; filename*=UTF-8''${encodeURIComponent('指导服务与谈心谈话.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.get(
    '/figures',
    {
      schema: {
        summary: '某年指导服务、谈心谈话次数与跟进事项完成、逾期数',
        querystring: YearQuery,
        response: { 200: GuidanceFigures, ...errors },
      },
    },
    (req) => service.figures(db, actorOf(req), req.query.year),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '登记指导服务或谈心谈话（跟进事项期限不得早于谈话日期）',
        body: GuidanceCreate,
        response: { 200: GuidanceView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '指导服务 / 谈话详情', params: IdParams, response: { 200: GuidanceView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.post(
    '/:id/follow-ups',
    {
      schema: {
        summary: '追加跟进事项',
        params: IdParams,
        body: FollowUpAdd,
        response: { 200: GuidanceView, ...errors },
      },
    },
    (req) => service.addFollowUp(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/follow-ups/:followUpId/done',
    {
      schema: {
        summary: '跟进事项办结',
        params: IdParams.extend({ followUpId: z.uuid({ error: '跟进事项编号格式不正确' }) }),
        body: FollowUpDone,
        response: { 200: GuidanceView, ...errors },
      },
    },
    (req) => service.completeFollowUp(db, ctxOf(req), req.params.id, req.params.followUpId, req.body),
  );
}
