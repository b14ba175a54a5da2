import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../../shared/src/common';
import {
  CreditAdjustmentBody,
  CreditDetail,
  CreditListQuery,
  CreditPage,
  CreditRecomputeResult,
  CreditRulesBody,
  CreditRulesView,
} from '../../../../shared/src/credit';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const EnterpriseParams = z.object({ enterpriseId: z.uuid({ error: '企业编号格式不正确' }) });

export async function creditRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  app.get(
    '/rules',
    {
      schema: {
        summary: '诚信评分规则（现行版本：事件分值与有效天数、等级分数线、检查频次表）',
        response: { 200: CreditRulesView, ...errors },
      },
    },
    (req) => service.getRules(db, actorOf(req)),
  );
  app.put(
    '/rules',
    {
      schema: {
        summary: '保存新版本的诚信评分规则（管理员；全部企业按新规则重新评分）',
        body: CreditRulesBody,
        response: { 200: CreditRulesView, ...errors },
      },
    },
    (req) => service.saveRules(db, ctxOf(req), req.body),
  );
  app.post(
    '/recompute',
    {
      schema: {
        summary: '按记录重新计算全部企业的诚信事件和分数（幂等）',
        response: { 200: CreditRecomputeResult, ...errors },
      },
    },
    (req) => service.recompute(db, ctxOf(req)),
  );
  app.get(
    '/enterprises',
    {
      schema: {
        summary: '企业诚信等级列表（按数据范围；按等级筛选、按分数或等级排序）',
        querystring: CreditListQuery,
        response: { 200: CreditPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/enterprises/:enterpriseId',
    {
      schema: {
        summary: '企业诚信分数与事件记录（企业只看本企业）',
        params: EnterpriseParams,
        response: { 200: CreditDetail, ...errors },
      },
    },
    (req) => service.detail(db, actorOf(req), req.params.enterpriseId),
  );
  app.post(
    '/enterprises/:enterpriseId/adjustments',
    {
      schema: {
        summary: '人工调整诚信分（须说明理由，记入审计）',
        params: EnterpriseParams,
        body: CreditAdjustmentBody,
        response: { 200: CreditDetail, ...errors },
      },
    },
    (req) => service.adjust(db, ctxOf(req), req.params.enterpriseId, req.body),
  );
}
