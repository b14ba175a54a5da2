import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams, Ok } from '../../../../shared/src/common';
import {
  CommendationCreate,
  CommendationListQuery,
  CommendationPage,
  CommendationView,
  IssueBody,
  IssueResult,
  LetterListQuery,
  LetterPage,
  LetterView,
  RemindResult,
  RoundCreate,
  RoundList,
  RoundRefreshAccepted,
  RoundResults,
  RoundResultsQuery,
  RoundUpdate,
  RoundView,
  ScoreBody,
  SelfAssessBody,
  SignBody,
  TemplateCreate,
  TemplateList,
  TemplateListQuery,
  TemplateUpdate,
  TemplateView,
  VerifyResult,
} from '../../../../shared/src/responsibility';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { contentDisposition, jobRunner } from '../../platform/jobs';
import * as assessment from './assessment';
import * as commendations from './commendations';
import * as letters from './letters';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const send = (reply: FastifyReply, mime: string, f: { buffer: Buffer; fileName: string }) =>
  reply
    .header('content-type', mime)
    .header('content-disposition', contentDisposition(f.fileName))
    .header('cache-control', 'private, no-store')
    .send(f.buffer);

const file = errors;

const sendPng = (reply: FastifyReply, png: Buffer) =>
  reply.header('content-type', 'image/png').header('cache-control', 'private, no-store').send(png);

export async function responsibilityRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const runner = jobRunner(deps);
  runner.register(assessment.REFRESH_JOB_KIND, assessment.refreshHandler(db));
  runner.register(assessment.PUBLISH_JOB_KIND, assessment.publishHandler(db));

  // ---------------------------------------------------------------------------------------------- templates
  app.get(
    '/templates',
    {
      schema: {
        summary: '责任书模板（按年度、版本，含签订率）',
        querystring: TemplateListQuery,
        response: { 200: TemplateList, ...errors },
      },
    },
    (req) => letters.listTemplates(db, actorOf(req), req.query.year),
  );
  app.post(
    '/templates',
    { schema: { summary: '新建年度责任书模板', body: TemplateCreate, response: { 200: TemplateView, ...errors } } },
    (req) => letters.createTemplate(db, ctxOf(req), req.body),
  );
  app.get(
    '/templates/:id',
    { schema: { summary: '责任书模板', params: IdParams, response: { 200: TemplateView, ...errors } } },
    (req) => letters.getTemplate(db, actorOf(req), req.params.id),
  );
  app.put(
    '/templates/:id',
    {
      schema: {
        summary: '修改模板：生成新版本，只有未签署的责任书随之更新',
        params: IdParams,
        body: TemplateUpdate,
        response: { 200: TemplateView, ...errors },
      },
    },
    (req) => letters.updateTemplate(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/templates/:id/issue',
    {
      schema: {
        summary: '批量下达责任书（全部单位；企业可按标签、区域或名单）',
        params: IdParams,
        body: IssueBody,
        response: { 200: IssueResult, ...errors },
      },
    },
    (req) => letters.issue(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/templates/:id/remind',
    {
      schema: { summary: '提醒未签署的单位（站内消息）', params: IdParams, response: { 200: RemindResult, ...errors } },
    },
    (req) => letters.remind(db, ctxOf(req), req.params.id),
  );
  app.get(
    '/templates/:id/export',
    { schema: { summary: '导出签订情况（Excel）', params: IdParams, response: file } },
    async (req, reply) => send(reply, XLSX, await letters.exportTemplate(db, ctxOf(req), req.params.id)),
  );

  // ---------------------------------------------------------------------------------------------- letters
  app.get(
    '/letters',
    {
      schema: {
        summary: '责任书（按数据范围：各单位只看本单位）',
        querystring: LetterListQuery,
        response: { 200: LetterPage, ...errors },
      },
    },
    (req) => letters.listLetters(db, actorOf(req), req.query),
  );
  app.get(
    '/letters/:id',
    { schema: { summary: '责任书详情', params: IdParams, response: { 200: LetterView, ...errors } } },
    (req) => letters.getLetter(db, actorOf(req), req.params.id),
  );
  app.post(
    '/letters/:id/sign',
    {
      schema: {
        summary: '在线签署责任书（本单位账户；记录签署人、时间、地址与 SM3 摘要）',
        params: IdParams,
        body: SignBody,
        response: { 200: LetterView, ...errors },
      },
    },
    (req) => letters.sign(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/letters/:id/verify',
    { schema: { summary: '重新计算并核对签署摘要', params: IdParams, response: { 200: VerifyResult, ...errors } } },
    (req) => letters.verify(db, actorOf(req), req.params.id),
  );
  app.delete(
    '/letters/:id',
    { schema: { summary: '撤回未签署的责任书', params: IdParams, response: { 200: Ok, ...errors } } },
    (req) => letters.withdraw(db, ctxOf(req), req.params.id),
  );
  app.get(
    '/letters/:id/signature',
    { schema: { summary: '签名图像（PNG）', params: IdParams, response: file } },
    async (req, reply) => sendPng(reply, await letters.signatureImage(db, actorOf(req), req.params.id)),
  );
  app.get(
    '/letters/:id/word',
    { schema: { summary: '责任书 Word 文档（含签名与摘要）', params: IdParams, response: file } },
    async (req, reply) => send(reply, DOCX, await letters.letterWord(db, actorOf(req), req.params.id)),
  );

  // ---------------------------------------------------------------------------------------------- assessment
  app.get('/rounds', { schema: { summary: '年度考核', response: { 200: RoundList, ...errors } } }, (req) =>
    assessment.listRounds(db, actorOf(req)),
  );
  app.post(
    '/rounds',
    {
      schema: {
        summary: '新建年度考核（细则与等级分数线）',
        body: RoundCreate,
        response: { 200: RoundView, ...errors },
      },
    },
    (req) => assessment.createRound(db, ctxOf(req), req.body),
  );
  app.put(
    '/rounds/:id',
    {
      schema: {
        summary: '修改考核细则（仅草稿）',
        params: IdParams,
        body: RoundUpdate,
        response: { 200: RoundView, ...errors },
      },
    },
    (req) => assessment.updateRound(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/rounds/:id/open',
    {
      schema: {
        summary: '发布考核（被考核单位为当年签订责任书的单位）',
        params: IdParams,
        response: { 200: RoundView, ...errors },
      },
    },
    (req) => assessment.openRound(db, runner, ctxOf(req), req.params.id),
  );
  app.get(
    '/rounds/:id/results',
    {
      schema: {
        summary: '考核得分、等级与排名（分页；各单位只看本单位）',
        params: IdParams,
        querystring: RoundResultsQuery,
        response: { 200: RoundResults, ...errors },
      },
    },
    (req) => assessment.results(db, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/rounds/:id/self-assessment',
    {
      schema: {
        summary: '本单位自评（附佐证）',
        params: IdParams,
        body: SelfAssessBody,
        response: { 200: RoundResults, ...errors },
      },
    },
    (req) => assessment.selfAssess(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/rounds/:id/scores',
    { schema: { summary: '人工评分', params: IdParams, body: ScoreBody, response: { 200: RoundResults, ...errors } } },
    (req) => assessment.score(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/rounds/:id/publish',
    {
      schema: {
        summary: '公布考核结果（冻结得分、等级与排名）',
        params: IdParams,
        response: { 200: RoundView, ...errors },
      },
    },
    (req) => assessment.publish(db, runner, ctxOf(req), req.params.id),
  );
  app.post(
    '/rounds/:id/refresh',
    {
      schema: {
        summary: '重新计算考核中的自动计算项目（后台任务；GET /api/jobs/:id 查看进度）',
        params: IdParams,
        response: { 202: RoundRefreshAccepted, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(await assessment.startRefresh(db, runner, ctxOf(req), req.params.id)),
  );
  app.get(
    '/rounds/:id/export',
    { schema: { summary: '导出考核结果（Excel）', params: IdParams, response: file } },
    async (req, reply) => send(reply, XLSX, await assessment.exportResults(db, ctxOf(req), req.params.id)),
  );

  // ---------------------------------------------------------------------------------------------- commendations
  app.get(
    '/commendations',
    { schema: { summary: '嘉奖', querystring: CommendationListQuery, response: { 200: CommendationPage, ...errors } } },
    (req) => commendations.list(db, actorOf(req), req.query),
  );
  app.post(
    '/commendations',
    {
      schema: {
        summary: '登记嘉奖（自动编号）',
        body: CommendationCreate,
        response: { 200: CommendationView, ...errors },
      },
    },
    (req) => commendations.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/commendations/:id',
    { schema: { summary: '嘉奖详情', params: IdParams, response: { 200: CommendationView, ...errors } } },
    (req) => commendations.get(db, actorOf(req), req.params.id),
  );
  app.get(
    '/commendations/:id/certificate',
    { schema: { summary: '荣誉证书（Word）', params: IdParams, response: file } },
    async (req, reply) => send(reply, DOCX, await commendations.certificate(db, actorOf(req), req.params.id)),
  );
}
