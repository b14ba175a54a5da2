import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommitmentCreate,
  CommitmentFilters,
  CommitmentListQuery,
  CommitmentPage,
  CommitmentStatus,
  CommitmentTypeUpdate,
  CommitmentTypeView,
  CommitmentView,
  MyCommitments,
  StatusQuery,
} from '../../../../shared/src/commitments';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { commitmentWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function commitmentRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/types',
    {
      schema: {
        summary: '承诺类型（每日/每月、须承诺的重点监管标签、研判事项、宽限天数）',
        response: { 200: z.array(CommitmentTypeView), ...errors },
      },
    },
    (req) => service.types(db, actorOf(req)),
  );
  app.patch(
    '/types/:id',
    {
      schema: {
        summary: '修改承诺类型（全园区诚信分随之重算）',
        params: IdParams,
        body: CommitmentTypeUpdate,
        response: { 200: CommitmentTypeView, ...errors },
      },
    },
    (req) => service.updateType(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/status',
    {
      schema: {
        summary: '某期应承诺企业与未承诺名单（默认今天；按数据范围）',
        querystring: StatusQuery,
        response: { 200: CommitmentStatus, ...errors },
      },
    },
    (req) => service.status(db, actorOf(req), req.query),
  );
  app.get(
    '/mine',
    {
      schema: { summary: '本企业应作的承诺与本期提交情况', response: { 200: MyCommitments, ...errors } },
    },
    (req) => service.mine(db, actorOf(req)),
  );
  app.get(
    '/',
    {
      schema: {
        summary: '承诺记录（按数据范围；按类型、企业、日期筛选）',
        querystring: CommitmentListQuery,
        response: { 200: CommitmentPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof CommitmentFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出承诺记录（当前筛选条件，按数据范围）为 Excel',
        querystring: CommitmentFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      const buffer = await commitmentWorkbook(items, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'commitment.export',
          entityType: 'commitment',
          after: { filters: req.query, rows: items.length },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="commitments.xlsx"; filename*=UTF-8''${encodeURIComponent('安全承诺.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.post(
    '/',
    {
      schema: {
        summary: '提交安全承诺（企业提交本企业的；未来日期不可提交；每期一次）',
        body: CommitmentCreate,
        response: { 200: CommitmentView, ...errors },
      },
    },
    (req) => service.post(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '承诺详情', params: IdParams, response: { 200: CommitmentView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
}
