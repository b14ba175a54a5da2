import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams, pageOf } from '../../../../shared/src/common';
import { CriterionCreate, CriterionListQuery, CriterionRevise, CriterionView } from '../../../../shared/src/criteria';
import { type AppDeps, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function criteriaRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '重大事故隐患判定标准库（未核对条款 verified=false，显示为“待核对”）',
        querystring: CriterionListQuery,
        response: { 200: pageOf(CriterionView), ...errors },
      },
    },
    (req) => service.list(db, ctxOf(req), req.query),
  );
  app.post(
    '/',
    { schema: { summary: '新增判定条款', body: CriterionCreate, response: { 200: CriterionView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.post(
    '/:id/revise',
    {
      schema: {
        summary: '修订条款（生成新版本，旧版本停用但保留）',
        params: IdParams,
        body: CriterionRevise,
        response: { 200: CriterionView, ...errors },
      },
    },
    (req) => service.revise(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/retire',
    { schema: { summary: '停用条款', params: IdParams, response: { 200: CriterionView, ...errors } } },
    (req) => service.retire(db, ctxOf(req), req.params.id),
  );
}
