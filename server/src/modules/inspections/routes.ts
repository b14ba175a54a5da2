import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  InspectionCreate,
  InspectionDetail,
  InspectionListQuery,
  InspectionPage,
  InspectorOptionList,
} from '../../../../shared/src/campaigns';
import { InspectionSignBody, ItemHazardCreated, ItemHazardInput } from '../../../../shared/src/checklists';
import { ErrorBody, Id, IdParams } from '../../../../shared/src/common';
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
        summary:
          '登记检查记录：检查表逐项结果、照片、双方签名及发现的隐患（不合格项可同时转为隐患；一次提交，要么全部保存要么都不保存）',
        body: InspectionCreate,
        response: { 200: InspectionDetail, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    {
      schema: {
        summary: '检查记录详情（含检查表逐项结果与签名）',
        params: IdParams,
        response: { 200: InspectionDetail, ...errors },
      },
    },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/inspector-options',
    {
      schema: {
        summary: '可选检查人员（本园区检查、安监及成员单位人员；企业用户为本企业人员）',
        response: { 200: InspectorOptionList, ...errors },
      },
    },
    (req) => service.inspectorOptions(db, actorOf(req)),
  );
  app.post(
    '/:id/items/:itemId/hazard',
    {
      schema: {
        summary: '将检查记录中的不合格项一步登记为隐患（每项只能登记一次）',
        params: z.object({ id: Id, itemId: Id }),
        body: ItemHazardInput,
        response: { 200: ItemHazardCreated, ...errors },
      },
    },
    (req) => service.itemToHazard(db, ctxOf(req), req.params.id, req.params.itemId, req.body),
  );
  app.post(
    '/:id/signatures',
    {
      schema: {
        summary: '补签：检查人员或企业代表在已保存的检查记录上签名（每方一次）',
        params: IdParams,
        body: InspectionSignBody,
        response: { 200: InspectionDetail, ...errors },
      },
    },
    (req) => service.sign(db, ctxOf(req), req.params.id, req.body),
  );
}
