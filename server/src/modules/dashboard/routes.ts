import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import { DashboardExportQuery, DashboardView, PeriodQuery } from '../../../../shared/src/dashboard';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { exportTable } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

export function sendXlsx(reply: FastifyReply, buffer: Buffer, filename: string, ascii: string) {
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(buffer);
}

export async function dashboardRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '领导驾驶舱：期间内的检查、隐患、覆盖、风险、诚信、签订率等指标（每项含口径与明细链接）',
        querystring: PeriodQuery,
        response: { 200: DashboardView, ...errors },
      },
    },
    (req) => service.view(db, actorOf(req), req.query),
  );
  app.get(
    '/export',
    {
      schema: {
        summary: '导出驾驶舱的一张数据表（Excel，含口径说明）',
        querystring: DashboardExportQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await exportTable(db, ctxOf(req), req.query);
      return sendXlsx(reply, buffer, filename, 'dashboard.xlsx');
    },
  );
}
