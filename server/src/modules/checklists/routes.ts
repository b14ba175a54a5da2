import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChecklistListQuery,
  ChecklistOptionList,
  ChecklistOptionsQuery,
  ChecklistTemplateCopy,
  ChecklistTemplateCreate,
  ChecklistTemplateDetail,
  ChecklistTemplatePage,
  ChecklistTemplateUpdate,
} from '../../../../shared/src/checklists';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function checklistRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '检查表列表（默认每个检查表只列最新版本；非安监人员只看到启用的）',
        querystring: ChecklistListQuery,
        response: { 200: ChecklistTemplatePage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/options',
    {
      schema: {
        summary: '可选检查表（启用中的最新版本；给出行动时本行动的检查表排在前面）',
        querystring: ChecklistOptionsQuery,
        response: { 200: ChecklistOptionList, ...errors },
      },
    },
    (req) => service.options(db, actorOf(req), req.query),
  );
  app.get(
    '/:id',
    {
      schema: {
        summary: '检查表详情（含检查项与全部版本；旧版本与停用的检查表仍可查看）',
        params: IdParams,
        response: { 200: ChecklistTemplateDetail, ...errors },
      },
    },
    (req) => service.detail(db, actorOf(req), req.params.id),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '新建检查表（草稿，或 activate=true 直接启用）',
        body: ChecklistTemplateCreate,
        response: { 200: ChecklistTemplateDetail, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.put(
    '/:id',
    {
      schema: {
        summary: '修改检查表：草稿直接修改；启用中的生成新版本（返回新版本），旧版本保留供已有检查记录查看',
        params: IdParams,
        body: ChecklistTemplateUpdate,
        response: { 200: ChecklistTemplateDetail, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/copy',
    {
      schema: {
        summary: '复制为新检查表（新编号，第 1 版草稿）',
        params: IdParams,
        body: ChecklistTemplateCopy,
        response: { 200: ChecklistTemplateDetail, ...errors },
      },
    },
    (req) => service.copy(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/activate',
    {
      schema: { summary: '启用检查表', params: IdParams, response: { 200: ChecklistTemplateDetail, ...errors } },
    },
    (req) => service.activate(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/retire',
    {
      schema: {
        summary: '停用检查表（不再出现在选择列表中，已有检查记录仍可查看）',
        params: IdParams,
        response: { 200: ChecklistTemplateDetail, ...errors },
      },
    },
    (req) => service.retire(db, ctxOf(req), req.params.id),
  );
}
