import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  EnforcementUnitList,
  JointActionCreate,
  JointActionExportQuery,
  JointActionListQuery,
  JointActionPage,
  JointActionUpdate,
  JointActionView,
  PenaltyCaseCreate,
  PenaltyCaseExportQuery,
  PenaltyCaseListQuery,
  PenaltyCasePage,
  PenaltyCaseUpdate,
  PenaltyCaseView,
} from '../../../../shared/src/enforcement';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { exportJointActions, exportPenaltyCases } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function enforcementRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/penalty-cases',
    {
      schema: {
        summary: '行政处罚案件（按数据范围；企业只看本企业）',
        querystring: PenaltyCaseListQuery,
        response: { 200: PenaltyCasePage, ...errors },
      },
    },
    (req) => service.listPenaltyCases(db, actorOf(req), req.query),
  );
  // Files, not JSON: the reply is the workbook (the query is still zod-checked).
  app.get(
    '/penalty-cases/export',
    {
      schema: {
        summary: '导出行政处罚案件（Excel，按筛选条件与数据范围）',
        querystring: PenaltyCaseExportQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await exportPenaltyCases(db, ctxOf(req), req.query);
      return sendXlsx(reply, buffer, filename, 'penalty-cases.xlsx');
    },
  );
  app.post(
    '/penalty-cases',
    {
      schema: {
        summary: '立案登记行政处罚案件（案号留空则自动编号）',
        body: PenaltyCaseCreate,
        response: { 200: PenaltyCaseView, ...errors },
      },
    },
    (req) => service.createPenaltyCase(db, ctxOf(req), req.body),
  );
  app.get(
    '/penalty-cases/:id',
    { schema: { summary: '处罚案件详情', params: IdParams, response: { 200: PenaltyCaseView, ...errors } } },
    (req) => service.getPenaltyCase(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/penalty-cases/:id',
    {
      schema: {
        summary: '修改处罚案件 / 推进状态（立案 → 决定 → 执行 → 结案）',
        params: IdParams,
        body: PenaltyCaseUpdate,
        response: { 200: PenaltyCaseView, ...errors },
      },
    },
    (req) => service.updatePenaltyCase(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/joint-actions',
    {
      schema: {
        summary: '联合执法行动（含成果合计）',
        querystring: JointActionListQuery,
        response: { 200: JointActionPage, ...errors },
      },
    },
    (req) => service.listJointActions(db, actorOf(req), req.query),
  );
  app.get(
    '/units',
    {
      schema: {
        summary: '可牵头或参与联合执法的单位（管委会、成员单位、村居）',
        response: { 200: EnforcementUnitList, ...errors },
      },
    },
    (req) => service.listUnits(db, actorOf(req)),
  );
  app.get(
    '/joint-actions/export',
    {
      schema: {
        summary: '导出联合执法行动（Excel，含成果合计）',
        querystring: JointActionExportQuery,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await exportJointActions(db, ctxOf(req), req.query);
      return sendXlsx(reply, buffer, filename, 'joint-actions.xlsx');
    },
  );
  app.post(
    '/joint-actions',
    {
      schema: { summary: '登记联合执法行动', body: JointActionCreate, response: { 200: JointActionView, ...errors } },
    },
    (req) => service.createJointAction(db, ctxOf(req), req.body),
  );
  app.get(
    '/joint-actions/:id',
    { schema: { summary: '联合执法行动详情', params: IdParams, response: { 200: JointActionView, ...errors } } },
    (req) => service.getJointAction(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/joint-actions/:id',
    {
      schema: {
        summary: '修改联合执法行动',
        params: IdParams,
        body: JointActionUpdate,
        response: { 200: JointActionView, ...errors },
      },
    },
    (req) => service.updateJointAction(db, ctxOf(req), req.params.id, req.body),
  );
}

function sendXlsx(reply: FastifyReply, buffer: Buffer, filename: string, ascii: string) {
  return reply
    .type(XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(buffer);
}
