import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  JointActionCreate,
  JointActionListQuery,
  JointActionPage,
  JointActionUpdate,
  JointActionView,
  PenaltyCaseCreate,
  PenaltyCaseListQuery,
  PenaltyCasePage,
  PenaltyCaseUpdate,
  PenaltyCaseView,
} from '../../../../shared/src/enforcement';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function enforcementRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/penalty-cases',
    {
      schema: {
        summary: '行政处罚案件（按数据范围；企业只看本企业）',
        querystring: PenaltyCaseListQuery,
        response: { 200: PenaltyCasePage, ...errors },
      },
    },
    (req) => service.listPenaltyCases(db, actorOf(req), req.query),
  );
  app.post(
    '/penalty-cases',
    {
      schema: {
        summary: '立案登记行政处罚案件（案号留空则自动编号）',
        body: PenaltyCaseCreate,
        response: { 200: PenaltyCaseView, ...errors },
      },
    },
    (req) => service.createPenaltyCase(db, ctxOf(req), req.body),
  );
  app.get(
    '/penalty-cases/:id',
    { schema: { summary: '处罚案件详情', params: IdParams, response: { 200: PenaltyCaseView, ...errors } } },
    (req) => service.getPenaltyCase(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/penalty-cases/:id',
    {
      schema: {
        summary: '修改处罚案件 / 推进状态（立案 → 决定 → 执行 → 结案）',
        params: IdParams,
        body: PenaltyCaseUpdate,
        response: { 200: PenaltyCaseView, ...errors },
      },
    },
    (req) => service.updatePenaltyCase(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/joint-actions',
    {
      schema: {
        summary: '联合执法行动（含成果合计）',
        querystring: JointActionListQuery,
        response: { 200: JointActionPage, ...errors },
      },
    },
    (req) => service.listJointActions(db, actorOf(req), req.query),
  );
  app.post(
    '/joint-actions',
    {
      schema: { summary: '登记联合执法行动', body: JointActionCreate, response: { 200: JointActionView, ...errors } },
    },
    (req) => service.createJointAction(db, ctxOf(req), req.body),
  );
  app.get(
    '/joint-actions/:id',
    { schema: { summary: '联合执法行动详情', params: IdParams, response: { 200: JointActionView, ...errors } } },
    (req) => service.getJointAction(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/joint-actions/:id',
    {
      schema: {
        summary: '修改联合执法行动',
        params: IdParams,
        body: JointActionUpdate,
        response: { 200: JointActionView, ...errors },
      },
    },
    (req) => service.updateJointAction(db, ctxOf(req), req.params.id, req.body),
  );
}
