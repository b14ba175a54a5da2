import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  ProviderCreate,
  ProviderListQuery,
  ProviderPage,
  ProviderUpdate,
  ProviderView,
} from '../../../../shared/src/providers';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function providerRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '服务机构（培训机构、消防技术服务机构等；按名称、类别、资质是否过期筛选）',
        querystring: ProviderListQuery,
        response: { 200: ProviderPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.post(
    '/',
    { schema: { summary: '新增服务机构', body: ProviderCreate, response: { 200: ProviderView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '服务机构详情', params: IdParams, response: { 200: ProviderView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改服务机构（资质、有效期、停用）',
        params: IdParams,
        body: ProviderUpdate,
        response: { 200: ProviderView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
}
