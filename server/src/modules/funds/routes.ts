import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FundCreate,
  FundFilters,
  FundListQuery,
  FundPage,
  FundSubjectEntryCreate,
  FundSubjectKindView,
  FundSubjectOption,
  FundSubjectQuery,
  FundUpdate,
  FundView,
} from '../../../../shared/src/activities';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { fundWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function fundRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '专项资金支出台账（按用途、关联事项、支出日期筛选；含按用途合计）',
        querystring: FundListQuery,
        response: { 200: FundPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof FundFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出专项资金支出台账（当前筛选条件）为 Excel',
        querystring: FundFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const page = await service.list(db, ctx.actor!, { ...req.query, page: 1, pageSize: 1, order: 'desc' });
      const period = `${req.query.from ?? '不限'} 至 ${req.query.to ?? '不限'}`;
      const buffer = await fundWorkbook(items, page.totals, period);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'fund.export',
          entityType: 'fundExpense',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="funds.xlsx"; filename*=UTF-8''${encodeURIComponent('专项资金支出台账.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.get(
    '/subject-kinds',
    {
      schema: {
        summary: '可关联的事项类型（各模块登记）',
        response: { 200: z.array(FundSubjectKindView), ...errors },
      },
    },
    (req) => service.subjectKinds(actorOf(req)),
  );
  app.get(
    '/subjects',
    {
      schema: {
        summary: '可关联的事项（按类型搜索）',
        querystring: FundSubjectQuery,
        response: { 200: z.array(FundSubjectOption), ...errors },
      },
    },
    (req) => service.subjectOptions(db, actorOf(req), req.query.kind, req.query.q),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '登记专项资金支出',
        body: FundCreate,
        response: { 200: FundView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.post(
    '/by-subject',
    {
      schema: {
        summary: '从关联事项（培训、演练、消防服务合同等）登记专项资金支出，每个事项一条',
        body: FundSubjectEntryCreate,
        response: { 200: FundView, ...errors },
      },
    },
    (req) => service.createForSubject(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '资金支出详情', params: IdParams, response: { 200: FundView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.put(
    '/:id',
    {
      schema: {
        summary: '修改资金支出记录',
        params: IdParams,
        body: FundUpdate,
        response: { 200: FundView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
}
