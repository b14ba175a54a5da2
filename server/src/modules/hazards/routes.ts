import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  DelistingBody,
  DowngradeBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  HazardCounts,
  HazardCreate,
  HazardDetail,
  HazardListQuery,
  HazardPage,
  HazardPeriodQuery,
  HazardPeriodStats,
  HazardPlanBody,
  HazardSettings,
  HazardSettingsBody,
  HazardTransitionBody,
  ListingBody,
  StoppageBody,
} from '../../../../shared/src/hazards';
import { ExportAccepted } from '../../../../shared/src/io';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { jobRunner, toJobView } from '../../platform/jobs';
import { LEDGER_EXPORT_JOB, ledgerExportHandler, startLedgerExport } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const detail = { 200: HazardDetail, ...errors };

export async function hazardRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const runner = jobRunner(deps);
  runner.register(LEDGER_EXPORT_JOB, ledgerExportHandler(db));

  app.get(
    '/',
    {
      schema: {
        summary: '隐患台账（按数据范围，多条件筛选）',
        querystring: HazardListQuery,
        response: { 200: HazardPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/counts',
    {
      schema: {
        summary: '隐患统计（按状态、等级，整改逾期、复查超时与挂牌数）',
        querystring: HazardListQuery.omit({ page: true, pageSize: true, sort: true, order: true }),
        response: { 200: HazardCounts, ...errors },
      },
    },
    (req) => service.counts(db, actorOf(req), req.query),
  );
  app.get(
    '/period-stats',
    {
      schema: {
        summary: '期间统计（按发生时间：发现、销号、整改率，期末整改逾期与复查超时；补录的步骤计入其发生日期）',
        querystring: HazardPeriodQuery,
        response: { 200: HazardPeriodStats, ...errors },
      },
    },
    (req) => service.periodStats(db, actorOf(req), req.query),
  );
  app.get(
    '/settings',
    { schema: { summary: '隐患设置：复查时限（天）', response: { 200: HazardSettings, ...errors } } },
    (req) => service.getSettings(db, actorOf(req)),
  );
  app.put(
    '/settings',
    {
      schema: {
        summary: '修改复查时限（提交复查后若干天内未复查即为复查超时；管理员、安监人员）',
        body: HazardSettingsBody,
        response: { 200: HazardSettings, ...errors },
      },
    },
    (req) => service.updateSettings(db, ctxOf(req), req.body),
  );
  app.post(
    '/export',
    {
      schema: {
        summary: '导出隐患台账（当前筛选条件，按数据范围）为 Excel：创建后台任务',
        body: HazardListQuery.omit({ page: true, pageSize: true, sort: true, order: true }),
        response: { 202: ExportAccepted, ...errors },
      },
    },
    async (req, reply) => {
      const job = await startLedgerExport(runner, ctxOf(req), req.body);
      return reply.status(202).send({ job: toJobView(job) });
    },
  );
  app.post(
    '/',
    {
      schema: { summary: '登记隐患（匹配判定标准条款即为重大隐患；可即查即改）', body: HazardCreate, response: detail },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '隐患详情（含流转记录、延期申请、当前可执行操作）', params: IdParams, response: detail } },
    (req) => service.detail(db, actorOf(req), req.params.id),
  );
  app.post(
    '/:id/transitions',
    {
      schema: {
        summary: '隐患流转：开始整改 / 提交复查 / 复查通过 / 复查不通过',
        params: IdParams,
        body: HazardTransitionBody,
        response: detail,
      },
    },
    (req) => service.transition(db, ctxOf(req), req.params.id, req.body),
  );
  app.put(
    '/:id/plan',
    { schema: { summary: '重大隐患整改方案（五落实）', params: IdParams, body: HazardPlanBody, response: detail } },
    (req) => service.updatePlan(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/extension',
    { schema: { summary: '申请延期', params: IdParams, body: ExtensionRequestBody, response: detail } },
    (req) => service.requestExtension(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/extension/decision',
    { schema: { summary: '审批延期申请', params: IdParams, body: ExtensionDecisionBody, response: detail } },
    (req) => service.decideExtension(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/listing',
    { schema: { summary: '挂牌督办', params: IdParams, body: ListingBody, response: detail } },
    (req) => service.listForSupervision(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/delisting',
    { schema: { summary: '摘牌（须已复查销号）', params: IdParams, body: DelistingBody, response: detail } },
    (req) => service.delist(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/downgrade',
    {
      schema: {
        summary: '重大隐患降级为一般隐患（须说明理由）',
        params: IdParams,
        body: DowngradeBody,
        response: detail,
      },
    },
    (req) => service.downgrade(db, ctxOf(req), req.params.id, req.body),
  );
  app.put(
    '/:id/stoppage',
    { schema: { summary: '停产停业标记（局部/全部）', params: IdParams, body: StoppageBody, response: detail } },
    (req) => service.setStoppage(db, ctxOf(req), req.params.id, req.body),
  );
}
