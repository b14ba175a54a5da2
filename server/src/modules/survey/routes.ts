import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParams, Ok } from '../../../../shared/src/common';
import {
  CurrentSurvey,
  EnterpriseSurveyParams,
  QuestionInput,
  QuestionUpdate,
  ResponseListQuery,
  ResponsePage,
  ResponseReturn,
  ResponseSave,
  ResponseView,
  SectionInput,
  SurveyCreate,
  SurveyDetail,
  SurveyListQuery,
  SurveyOrder,
  SurveyPage,
  SurveyProgress,
  SurveyUpdate,
} from '../../../../shared/src/survey';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const SectionParams = z.object({ id: z.uuid(), sectionId: z.uuid() });
const QuestionParams = z.object({ id: z.uuid(), questionId: z.uuid() });

export async function surveyRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const detail = { 200: SurveyDetail, ...errors };

  // ---- Surveys
  app.get(
    '/',
    {
      schema: {
        summary: '调查列表（企业用户只见已开放的调查）',
        querystring: SurveyListQuery,
        response: { 200: SurveyPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '新建年度调查（默认题目 / 复制往年 / 空白）',
        body: SurveyCreate,
        response: detail,
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/current',
    {
      schema: {
        summary: '本企业当前的调查与答卷（填报中的调查，否则最近结束的一份）',
        response: { 200: CurrentSurvey, ...errors },
      },
    },
    (req) => service.current(db, actorOf(req)),
  );
  app.get('/:id', { schema: { summary: '调查详情（含分组和题目）', params: IdParams, response: detail } }, (req) =>
    service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/:id',
    {
      schema: {
        summary: '修改调查基本信息（仅草稿；带版本号）',
        params: IdParams,
        body: SurveyUpdate,
        response: detail,
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/delete',
    { schema: { summary: '删除调查（仅草稿）', params: IdParams, response: { 200: Ok, ...errors } } },
    (req) => service.remove(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/:id/open',
    {
      schema: { summary: '开放填报（草稿或已结束的调查；同一时间只开放一份）', params: IdParams, response: detail },
    },
    (req) => service.open(db, ctxOf(req), req.params.id),
  );
  app.post('/:id/close', { schema: { summary: '结束填报', params: IdParams, response: detail } }, (req) =>
    service.close(db, ctxOf(req), req.params.id),
  );

  // ---- Sections and questions (draft only)
  app.post(
    '/:id/sections',
    { schema: { summary: '添加分组', params: IdParams, body: SectionInput, response: detail } },
    (req) => service.addSection(db, ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/:id/sections/:sectionId',
    { schema: { summary: '修改分组', params: SectionParams, body: SectionInput.partial(), response: detail } },
    (req) => service.updateSection(db, ctxOf(req), req.params.id, req.params.sectionId, req.body),
  );
  app.post(
    '/:id/sections/:sectionId/delete',
    { schema: { summary: '删除分组及其题目', params: SectionParams, response: detail } },
    (req) => service.removeSection(db, ctxOf(req), req.params.id, req.params.sectionId),
  );
  app.post(
    '/:id/questions',
    { schema: { summary: '添加题目', params: IdParams, body: QuestionInput, response: detail } },
    (req) => service.addQuestion(db, ctxOf(req), req.params.id, req.body),
  );
  app.patch(
    '/:id/questions/:questionId',
    { schema: { summary: '修改题目', params: QuestionParams, body: QuestionUpdate, response: detail } },
    (req) => service.updateQuestion(db, ctxOf(req), req.params.id, req.params.questionId, req.body),
  );
  app.post(
    '/:id/questions/:questionId/delete',
    { schema: { summary: '删除题目', params: QuestionParams, response: detail } },
    (req) => service.removeQuestion(db, ctxOf(req), req.params.id, req.params.questionId),
  );
  app.post(
    '/:id/order',
    { schema: { summary: '调整分组和题目顺序', params: IdParams, body: SurveyOrder, response: detail } },
    (req) => service.reorder(db, ctxOf(req), req.params.id, req.body),
  );

  // ---- Figures
  app.get(
    '/:id/progress',
    {
      schema: {
        summary: '完成率（全园区、按片区、按重点监管标签；不含注销企业）',
        params: IdParams,
        response: { 200: SurveyProgress, ...errors },
      },
    },
    (req) => service.progress(db, actorOf(req), req.params.id),
  );
  app.get(
    '/:id/responses',
    {
      schema: {
        summary: '各企业填报情况（可筛选未提交企业）',
        params: IdParams,
        querystring: ResponseListQuery,
        response: { 200: ResponsePage, ...errors },
      },
    },
    (req) => service.listResponses(db, actorOf(req), req.params.id, req.query),
  );
  // A file, not JSON: registered on the plain instance so the reply is typed as bytes (params are still zod-checked).
  base.get<{ Params: { id: string } }>(
    '/:id/export',
    {
      schema: {
        summary: '导出答卷（Excel：每家企业一行、每道题一列）',
        params: IdParams,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const { buffer, filename } = await service.exportAnswers(db, ctxOf(req), req.params.id);
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="survey.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );

  // ---- Responses (an enterprise's own, or on its behalf by a supervisor)
  app.get(
    '/:id/responses/:enterpriseId',
    {
      schema: {
        summary: '企业答卷（数据范围外的企业返回 404）',
        params: EnterpriseSurveyParams,
        response: { 200: ResponseView, ...errors },
      },
    },
    (req) => service.getResponse(db, actorOf(req), req.params.id, req.params.enterpriseId),
  );
  app.post(
    '/:id/responses/:enterpriseId/save',
    {
      schema: {
        summary: '保存答卷草稿',
        params: EnterpriseSurveyParams,
        body: ResponseSave,
        response: { 200: ResponseView, ...errors },
      },
    },
    (req) => service.saveResponse(db, ctxOf(req), req.params.id, req.params.enterpriseId, req.body, false),
  );
  app.post(
    '/:id/responses/:enterpriseId/submit',
    {
      schema: {
        summary: '提交答卷（检查必答题）',
        params: EnterpriseSurveyParams,
        body: ResponseSave,
        response: { 200: ResponseView, ...errors },
      },
    },
    (req) => service.saveResponse(db, ctxOf(req), req.params.id, req.params.enterpriseId, req.body, true),
  );
  app.post(
    '/:id/responses/:enterpriseId/return',
    {
      schema: {
        summary: '退回答卷（须填写原因）',
        params: EnterpriseSurveyParams,
        body: ResponseReturn,
        response: { 200: ResponseView, ...errors },
      },
    },
    (req) => service.returnResponse(db, ctxOf(req), req.params.id, req.params.enterpriseId, req.body.reason),
  );
}
