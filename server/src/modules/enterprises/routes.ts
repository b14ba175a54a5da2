import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditPage } from '../../../../shared/src/audit';
import { ErrorBody, IdParams, PageQuery } from '../../../../shared/src/common';
import {
  EnterpriseInput,
  EnterpriseListQuery,
  EnterprisePage,
  EnterpriseUpdate,
  EnterpriseView,
} from '../../../../shared/src/enterprises';
import { UserCreate, UserPage, UserView } from '../../../../shared/src/users';
import { text } from '../../../../shared/src/validators';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as users from '../users/service';
import { enterpriseHistory } from './history';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const EnterpriseUserBody = UserCreate.omit({ role: true, organisationId: true });
const EnterpriseUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

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
  app.post(
    '/',
    { schema: { summary: '新建企业档案', body: EnterpriseInput, response: { 200: EnterpriseView, ...errors } } },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '企业档案详情', params: IdParams, response: { 200: EnterpriseView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改企业档案（带版本号，过期版本返回 409）',
        params: IdParams,
        body: EnterpriseUpdate,
        response: { 200: EnterpriseView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/:id/history',
    {
      schema: {
        summary: '企业变更记录（档案、附属记录、账户）',
        params: IdParams,
        querystring: PageQuery.pick({ page: true, pageSize: true }).extend({
          entityType: text().max(40).optional(),
          entityId: text().max(40).optional(),
        }),
        response: { 200: AuditPage, ...errors },
      },
    },
    (req) => enterpriseHistory(db, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/:id/users',
    { schema: { summary: '企业账户列表', params: IdParams, response: { 200: UserPage, ...errors } } },
    (req) => users.listEnterpriseUsers(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/users',
    {
      schema: {
        summary: '为企业开通账户（首次登录须改密）',
        params: IdParams,
        body: EnterpriseUserBody,
        response: { 200: UserView, ...errors },
      },
    },
    (req) => users.createEnterpriseUser(db, deps.config, ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/:id/users/:userId',
    {
      schema: {
        summary: '停用或启用企业账户',
        params: EnterpriseUserParams,
        body: z.object({ disabled: z.boolean() }),
        response: { 200: UserView, ...errors },
      },
    },
    (req) => users.setEnterpriseUserDisabled(db, ctxOf(req), req.params.id, req.params.userId, req.body.disabled),
  );
}
