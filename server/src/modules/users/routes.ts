import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  ResetPasswordBody,
  UserCreate,
  UserListQuery,
  UserPage,
  UserUpdate,
  UserView,
} from '../../../../shared/src/users';
import { type AppDeps, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function userRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/',
    { schema: { summary: '用户列表', querystring: UserListQuery, response: { 200: UserPage, ...errors } } },
    (req) => service.list(db, ctxOf(req), req.query),
  );
  app.post(
    '/',
    { schema: { summary: '新建用户（首次登录须改密）', body: UserCreate, response: { 200: UserView, ...errors } } },
    (req) => service.create(db, deps.config, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '用户详情', params: IdParams, response: { 200: UserView, ...errors } } },
    (req) => service.get(db, ctxOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改用户（角色、单位、停用）',
        params: IdParams,
        body: UserUpdate,
        response: { 200: UserView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/unlock',
    { schema: { summary: '解锁用户', params: IdParams, response: { 200: UserView, ...errors } } },
    (req) => service.unlock(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/reset-password',
    {
      schema: {
        summary: '重置密码（下次登录须改密）',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: UserView, ...errors },
      },
    },
    (req) => service.resetPassword(db, deps.config, ctxOf(req), req.params.id, req.body),
  );
}
