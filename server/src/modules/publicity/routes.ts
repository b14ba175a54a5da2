import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MaterialKindCreate,
  MaterialKindView,
  PublicityCreate,
  PublicityFilters,
  PublicityListQuery,
  PublicityPage,
  PublicityUpdate,
  PublicityView,
} from '../../../../shared/src/activities';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { publicityWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function publicityRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '宣传活动（园区公开；按类型、日期筛选；含参与人数与物资合计）',
        querystring: PublicityListQuery,
        response: { 200: PublicityPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof PublicityFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出宣传活动（当前筛选条件）为 Excel',
        querystring: PublicityFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const buffer = await publicityWorkbook(items);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'publicity.export',
          entityType: 'publicity',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="publicity.xlsx"; filename*=UTF-8''${encodeURIComponent('宣传活动.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.get(
    '/material-kinds',
    {
      schema: { summary: '宣传物资种类（内置与本园区添加）', response: { 200: z.array(MaterialKindView), ...errors } },
    },
    (req) => service.materialKinds(db, actorOf(req)),
  );
  app.post(
    '/material-kinds',
    {
      schema: {
        summary: '添加宣传物资种类（管理员）',
        body: MaterialKindCreate,
        response: { 200: z.array(MaterialKindView), ...errors },
      },
    },
    (req) => service.addMaterialKind(db, ctxOf(req), req.body),
  );
  app.post(
    '/',
    { schema: { summary: '登记宣传活动', body: PublicityCreate, response: { 200: PublicityView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '宣传活动详情', params: IdParams, response: { 200: PublicityView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.put(
    '/:id',
    {
      schema: {
        summary: '修改宣传活动（物资清单整体替换）',
        params: IdParams,
        body: PublicityUpdate,
        response: { 200: PublicityView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
}
