import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CampaignView } from '../../../../shared/src/campaigns';
import { ErrorBody } from '../../../../shared/src/common';
import {
  CoverageCampaignBody,
  CoverageFilterQuery,
  CoveragePage,
  CoverageQuery,
} from '../../../../shared/src/dashboard';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { sendXlsx } from '../dashboard/routes';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function coverageRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    {
      schema: {
        summary: '检查覆盖（全覆盖）：期间内各企业应检次数、实际检查次数与覆盖状态，隐患整改覆盖',
        querystring: CoverageQuery,
        response: { 200: CoveragePage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/export',
    {
      schema: {
        summary: '导出检查覆盖（Excel，按筛选条件与数据范围）',
        querystring: CoverageFilterQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await service.exportXlsx(db, ctxOf(req), req.query);
      return sendXlsx(reply, buffer, filename, 'coverage.xlsx');
    },
  );
  app.post(
    '/campaign',
    {
      schema: {
        summary: '为未覆盖企业创建检查行动（检查对象恰为筛选条件下的未覆盖企业）',
        body: CoverageCampaignBody,
        response: { 200: CampaignView, ...errors },
      },
    },
    (req) => service.createCampaignForUncovered(db, ctxOf(req), req.body),
  );
}
