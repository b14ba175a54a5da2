import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CampaignCancelBody,
  CampaignCreate,
  CampaignEnterpriseRow,
  CampaignListQuery,
  CampaignPage,
  CampaignUpdate,
  CampaignView,
} from '../../../../shared/src/campaigns';
import { CampaignChecklistsBody, ChecklistRef } from '../../../../shared/src/checklists';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function campaignRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '检查行动列表（含进度：覆盖、人次、家次、隐患、整改率）',
        querystring: CampaignListQuery,
        response: { 200: CampaignPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '新建检查行动（按标签/片区/名单确定检查对象，指定检查组）',
        body: CampaignCreate,
        response: { 200: CampaignView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '检查行动详情', params: IdParams, response: { 200: CampaignView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改检查行动（进行中的行动；已结束或已取消的不能修改）',
        params: IdParams,
        body: CampaignUpdate,
        response: { 200: CampaignView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/close',
    {
      schema: {
        summary: '结束检查行动（数据定稿，不再修改）',
        params: IdParams,
        response: { 200: CampaignView, ...errors },
      },
    },
    (req) => service.close(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/cancel',
    {
      schema: {
        summary: '取消检查行动（须说明原因；之后不能再计入检查）',
        params: IdParams,
        body: CampaignCancelBody,
        response: { 200: CampaignView, ...errors },
      },
    },
    (req) => service.cancel(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/:id/coverage',
    {
      schema: {
        summary: '检查覆盖情况（已查/未查企业）',
        params: IdParams,
        querystring: z.object({ covered: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(CampaignEnterpriseRow), ...errors },
      },
    },
    (req) =>
      service.coverage(
        db,
        actorOf(req),
        req.params.id,
        req.query.covered === undefined ? undefined : req.query.covered === 'true',
      ),
  );
  app.get(
    '/:id/checklists',
    {
      schema: {
        summary: '行动的检查表（各检查表的当前版本）',
        params: IdParams,
        response: { 200: z.array(ChecklistRef), ...errors },
      },
    },
    (req) => service.getChecklists(db, actorOf(req), req.params.id),
  );
  app.put(
    '/:id/checklists',
    {
      schema: {
        summary: '设置行动的检查表',
        params: IdParams,
        body: CampaignChecklistsBody,
        response: { 200: z.array(ChecklistRef), ...errors },
      },
    },
    (req) => service.setChecklists(db, ctxOf(req), req.params.id, req.body),
  );
}
