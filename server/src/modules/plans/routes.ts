import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ErrorBody, IdParams, Ok } from '../../../../shared/src/common';
import {
  PLAN_KIND_NAMES,
  PLAN_STATE_NAMES,
  PlanCampaignBody,
  PlanDocumentQuery,
  PlanFilters,
  PlanItemCreate,
  PlanItemUpdate,
  PlanItemView,
  PlanLinkBody,
  PlanListQuery,
  PlanPage,
  PlanUnlinkParams,
  ProposalList,
  ProposalQuery,
} from '../../../../shared/src/plans';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition } from '../../platform/jobs';
import { DOCX_MIME } from '../documents/docx-kit';
import { planWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function planRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '工作计划事项（按年度、季度、类别、状态筛选；状态由关联记录推算）',
        querystring: PlanListQuery,
        response: { 200: PlanPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof PlanFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出工作计划（当前筛选条件）为 Excel',
        querystring: PlanFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const q = req.query;
      const items = await service.all(db, ctx.actor!, q);
      const period = [
        q.year ? `${q.year}年` : '全部年度',
        q.quarter ? `第${q.quarter}季度` : '',
        q.kind ? PLAN_KIND_NAMES[q.kind] : '',
        q.state ? PLAN_STATE_NAMES[q.state] : '',
      ]
        .filter(Boolean)
        .join(' ');
      const buffer = await planWorkbook(items, period);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'workPlan.export',
          entityType: 'workPlan',
          after: { filters: q, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="work-plan.xlsx"; filename*=UTF-8''${encodeURIComponent('工作计划.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  base.get<{ Querystring: PlanDocumentQuery }>(
    '/document',
    {
      schema: {
        summary: '导出计划文档：某年度或季度的工作计划（Word，公文格式；按类别分章，列责任单位与完成时限）',
        querystring: PlanDocumentQuery,
        produces: [DOCX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { content, name } = await service.planDocument(db, ctxOf(req), req.query);
      return reply
        .type(DOCX_MIME)
        .header('content-disposition', contentDisposition(name))
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
  app.get(
    '/proposals',
    {
      schema: {
        summary: '节日和季节性检查建议（元旦、春节、两会、五一、汛期、高温、中秋、国庆、安全生产月）',
        querystring: ProposalQuery,
        response: { 200: ProposalList, ...errors },
      },
    },
    (req) => service.proposals(db, actorOf(req), req.query.year, req.query.quarter),
  );
  app.post(
    '/',
    { schema: { summary: '新增计划事项', body: PlanItemCreate, response: { 200: PlanItemView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '计划事项详情（含落实记录）', params: IdParams, response: { 200: PlanItemView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.put(
    '/:id',
    {
      schema: {
        summary: '修改计划事项',
        params: IdParams,
        body: PlanItemUpdate,
        response: { 200: PlanItemView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/:id',
    { schema: { summary: '删除计划事项（关联的记录保留）', params: IdParams, response: { 200: Ok, ...errors } } },
    (req) => service.remove(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/links',
    {
      schema: {
        summary: '关联落实记录（检查行动、培训、会议、演练、宣传活动、责任书；须为本园区的记录）',
        params: IdParams,
        body: PlanLinkBody,
        response: { 200: PlanItemView, ...errors },
      },
    },
    (req) => service.link(db, ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/:id/links/:recordKind/:recordId',
    {
      schema: {
        summary: '取消关联',
        params: PlanUnlinkParams,
        response: { 200: PlanItemView, ...errors },
      },
    },
    (req) => service.unlink(db, ctxOf(req), req.params.id, req.params.recordKind, req.params.recordId),
  );
  app.post(
    '/:id/campaign',
    {
      schema: {
        summary: '由计划事项生成检查行动（并关联）',
        params: IdParams,
        body: PlanCampaignBody,
        response: { 200: PlanItemView, ...errors },
      },
    },
    (req) => service.createCampaign(db, ctxOf(req), req.params.id, req.body),
  );
}
