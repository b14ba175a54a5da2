import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationPage,
  OrganisationUpdate,
  OrganisationView,
} from '../../../../shared/src/organisations';
import { type AppDeps, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export async function organisationRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    {
      schema: {
        summary: '单位列表',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationPage, ...errors },
      },
    },
    (req) => service.list(db, ctxOf(req), req.query),
  );
  app.post(
    '/',
    { schema: { summary: '新建单位', body: OrganisationCreate, response: { 200: OrganisationView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '单位详情', params: IdParams, response: { 200: OrganisationView, ...errors } } },
    (req) => service.get(db, ctxOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改单位',
        params: IdParams,
        body: OrganisationUpdate,
        response: { 200: OrganisationView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
}
