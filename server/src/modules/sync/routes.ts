import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import { SyncInspectionBody, SyncRectificationBody, SyncResult } from '../../../../shared/src/sync';
import { type AppDeps, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

/** /api/sync: records captured offline on a phone; photos go first through POST /api/files/device (an id made on the device). */
export async function syncRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.post(
    '/inspections',
    {
      schema: {
        summary: '同步离线检查记录（含检查项结果、隐患、照片与签名；同一幂等键重试返回第一次的结果，不重复登记）',
        body: SyncInspectionBody,
        response: { 200: SyncResult, ...errors },
      },
    },
    (req) => service.inspection(db, ctxOf(req), req.body),
  );
  app.post(
    '/rectifications',
    {
      schema: {
        summary: '同步离线整改提交（整改后照片；隐患已销号或已提交复查时拒绝并说明原因）',
        body: SyncRectificationBody,
        response: { 200: SyncResult, ...errors },
      },
    },
    (req) => service.rectification(db, ctxOf(req), req.body),
  );
}
