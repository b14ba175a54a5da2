import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  AccidentCreate,
  AccidentFilters,
  AccidentListQuery,
  AccidentPage,
  AccidentUpdate,
  AccidentView,
} from '../../../../shared/src/accidents';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { accidentWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function accidentRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '生产安全事故（按数据范围；按企业、类别、等级、发生日期筛选）',
        querystring: AccidentListQuery,
        response: { 200: AccidentPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  // A file, not JSON: registered on the plain instance so the reply is typed as bytes (the query is still zod-checked).
  base.get<{ Querystring: z.infer<typeof AccidentFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出事故记录（当前筛选条件，按数据范围）为 Excel',
        querystring: AccidentFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const buffer = await accidentWorkbook(items, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'accident.export',
          entityType: 'accident',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="accidents.xlsx"; filename*=UTF-8''${encodeURIComponent('生产安全事故.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.post(
    '/',
    {
      schema: {
        summary: '登记生产安全事故（等级按死亡、重伤、直接经济损失自动判定）',
        body: AccidentCreate,
        response: { 200: AccidentView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '事故详情', params: IdParams, response: { 200: AccidentView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改事故记录（等级随之重新判定）',
        params: IdParams,
        body: AccidentUpdate,
        response: { 200: AccidentView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
}
