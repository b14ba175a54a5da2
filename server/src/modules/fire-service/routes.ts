import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  Analysis,
  AnalysisQuery,
  ContractCreate,
  ContractListQuery,
  ContractPage,
  ContractUpdate,
  ContractView,
  VisitCreate,
  VisitDetail,
  VisitFilters,
  VisitListQuery,
  VisitPage,
} from '../../../../shared/src/fire-service';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { scopeLabel } from '../../platform/scope';
import { analyse } from './analysis';
import { analysisWorkbook, ledgerWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const ContractOption = z.object({
  id: z.uuid(),
  serial: z.string(),
  title: z.string(),
  providerName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  coversAll: z.boolean(),
  enterpriseIds: z.array(z.uuid()),
});

function sendXlsx(reply: FastifyReply, buffer: Buffer, ascii: string, name: string) {
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(buffer);
}

export async function fireServiceRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/contracts',
    {
      schema: {
        summary: '消防第三方服务合同（按名称、服务机构、服务期筛选；金额仅管委会可见）',
        querystring: ContractListQuery,
        response: { 200: ContractPage, ...errors },
      },
    },
    (req) => service.listContracts(db, actorOf(req), req.query),
  );
  app.get(
    '/contracts/options',
    {
      schema: {
        summary: '登记服务检查时可选的服务合同',
        response: { 200: z.array(ContractOption), ...errors },
      },
    },
    (req) => service.contractOptions(db, actorOf(req)),
  );
  app.post(
    '/contracts',
    {
      schema: {
        summary: '登记服务合同（服务期、金额、服务内容、服务企业）',
        body: ContractCreate,
        response: { 200: ContractView, ...errors },
      },
    },
    (req) => service.createContract(db, ctxOf(req), req.body),
  );
  app.get(
    '/contracts/:id',
    { schema: { summary: '服务合同详情', params: IdParams, response: { 200: ContractView, ...errors } } },
    (req) => service.getContract(db, actorOf(req), req.params.id),
  );
  app.put(
    '/contracts/:id',
    {
      schema: {
        summary: '修改服务合同',
        params: IdParams,
        body: ContractUpdate,
        response: { 200: ContractView, ...errors },
      },
    },
    (req) => service.updateContract(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/visits',
    {
      schema: {
        summary: '服务台账：服务检查及每次发现、已整改的问题数（按数据范围；按合同、企业、片区、日期筛选）',
        querystring: VisitListQuery,
        response: { 200: VisitPage, ...errors },
      },
    },
    (req) => service.listVisits(db, actorOf(req), req.query),
  );
  // A file, not JSON: registered on the plain instance so the reply is typed as bytes (the query is still zod-checked).
  base.get<{ Querystring: z.infer<typeof VisitFilters> }>(
    '/visits/export',
    {
      schema: {
        summary: '导出服务台账（当前筛选条件，按数据范围）为 Excel',
        querystring: VisitFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { visits, findings } = await service.exportVisits(db, ctx.actor!, req.query);
      const buffer = await ledgerWorkbook(visits, findings, scopeLabel(ctx.actor!));
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'fireService.export',
          entityType: 'fireServiceVisit',
          after: { filters: req.query, rows: visits.length },
        }),
      );
      return sendXlsx(reply, buffer, 'fire-service-ledger.xlsx', '消防第三方服务台账.xlsx');
    },
  );
  app.post(
    '/visits',
    {
      schema: {
        summary: '登记服务检查；发现的问题登记为消防隐患（合同服务期外须确认）',
        body: VisitCreate,
        response: { 200: VisitDetail, ...errors },
      },
    },
    (req) => service.createVisit(db, ctxOf(req), req.body),
  );
  app.get(
    '/visits/:id',
    { schema: { summary: '服务检查详情及其隐患', params: IdParams, response: { 200: VisitDetail, ...errors } } },
    (req) => service.getVisit(db, actorOf(req), req.params.id),
  );

  app.get(
    '/analysis',
    {
      schema: {
        summary: '消防研判：共性问题、按月趋势、薄弱环节（重点监管标签）、重点区域、反复出现的问题',
        querystring: AnalysisQuery,
        response: { 200: Analysis, ...errors },
      },
    },
    (req) => analyse(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof AnalysisQuery> }>(
    '/analysis/export',
    {
      schema: {
        summary: '导出消防研判表格为 Excel',
        querystring: AnalysisQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const a = await analyse(db, ctx.actor!, req.query);
      const title = req.query.contractId
        ? (await service.getContract(db, ctx.actor!, req.query.contractId)).title
        : null;
      const buffer = await analysisWorkbook(a, scopeLabel(ctx.actor!), title);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'fireService.export',
          entityType: 'fireServiceVisit',
          after: { analysis: req.query, findings: a.totals.findings },
        }),
      );
      return sendXlsx(reply, buffer, 'fire-service-analysis.xlsx', '消防研判.xlsx');
    },
  );
}
