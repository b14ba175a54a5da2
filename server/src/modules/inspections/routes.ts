import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  InspectionCreate,
  InspectionListQuery,
  InspectionPage,
  InspectionView,
} from '../../../../shared/src/campaigns';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function inspectionRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '检查记录列表（按数据范围）',
        querystring: InspectionListQuery,
        response: { 200: InspectionPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '登记检查记录及发现的隐患（一次提交，要么全部保存要么都不保存）',
        body: InspectionCreate,
        response: { 200: InspectionView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '检查记录详情', params: IdParams, response: { 200: InspectionView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
}
