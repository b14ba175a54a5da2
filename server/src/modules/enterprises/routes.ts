import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { EnterpriseListQuery, EnterprisePage, EnterpriseView } from '../../../../shared/src/enterprises';
import { type AppDeps, actorOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function enterpriseRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '企业档案列表（按数据范围）',
        querystring: EnterpriseListQuery,
        response: { 200: EnterprisePage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/:id',
    { schema: { summary: '企业档案详情', params: IdParams, response: { 200: EnterpriseView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
}
