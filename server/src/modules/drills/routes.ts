import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Ok } from '../../../../shared/src/common';
import {
  DrillCreate,
  DrillDetail,
  DrillFigures,
  DrillFilters,
  DrillListQuery,
  DrillPage,
  DrillPlanCreate,
  DrillPlanPage,
  DrillPlanQuery,
  DrillUpdate,
  NoDrillPage,
  NoDrillQuery,
  PlanOption,
  ProblemToHazard,
  YearQuery,
} from '../../../../shared/src/drills';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { drillWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function drillRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '应急演练记录（按数据范围；按企业、级别、场景、日期筛选）',
        querystring: DrillListQuery,
        response: { 200: DrillPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof DrillFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出应急演练记录（当前筛选条件，按数据范围）为 Excel',
        querystring: DrillFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const buffer = await drillWorkbook(items, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'drill.export',
          entityType: 'drill',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="drills.xlsx"; filename*=UTF-8''${encodeURIComponent('应急演练.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.get(
    '/figures',
    {
      schema: {
        summary: '演练数据（某年：按级别、场景，参演与观摩人数，发现问题与转为隐患）',
        querystring: YearQuery,
        response: { 200: DrillFigures, ...errors },
      },
    },
    (req) => service.figures(db, actorOf(req), req.query.year),
  );
  app.get(
    '/annual-plans',
    {
      schema: {
        summary: '年度演练计划（是否已演练由演练记录得出）',
        querystring: DrillPlanQuery,
        response: { 200: DrillPlanPage, ...errors },
      },
    },
    (req) => service.drillPlans(db, actorOf(req), req.query),
  );
  app.post(
    '/annual-plans',
    {
      schema: {
        summary: '登记年度演练计划',
        body: DrillPlanCreate,
        response: { 200: z.object({ id: z.uuid() }), ...errors },
      },
    },
    (req) => service.createPlan(db, ctxOf(req), req.body),
  );
  app.delete(
    '/annual-plans/:id',
    { schema: { summary: '删除年度演练计划', params: IdParams, response: { 200: Ok, ...errors } } },
    (req) => service.deletePlan(db, ctxOf(req), req.params.id),
  );
  app.get(
    '/without-drill',
    {
      schema: {
        summary: '本年度未开展（未参加）演练的在营企业及其重点监管标签',
        querystring: NoDrillQuery,
        response: { 200: NoDrillPage, ...errors },
      },
    },
    (req) => service.withoutDrill(db, actorOf(req), req.query),
  );
  app.get(
    '/emergency-plans/:id',
    {
      schema: {
        summary: '企业的应急预案（供演练选择；:id 为企业编号）',
        params: IdParams,
        response: { 200: z.array(PlanOption), ...errors },
      },
    },
    (req) => service.plansOf(db, actorOf(req), req.params.id),
  );
  app.post(
    '/',
    {
      schema: { summary: '登记应急演练（含发现的问题）', body: DrillCreate, response: { 200: DrillDetail, ...errors } },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '演练详情（含发现的问题）', params: IdParams, response: { 200: DrillDetail, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改演练记录、补充发现的问题',
        params: IdParams,
        body: DrillUpdate,
        response: { 200: DrillDetail, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/problems/:problemId/hazard',
    {
      schema: {
        summary: '将演练发现的问题转为该企业的隐患（每条问题只能转一次）',
        params: IdParams.extend({ problemId: z.uuid({ error: '问题编号格式不正确' }) }),
        body: ProblemToHazard,
        response: { 200: DrillDetail, ...errors },
      },
    },
    (req) => service.problemToHazard(db, ctxOf(req), req.params.id, req.params.problemId, req.body),
  );
}
