import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  AttendeeParseBody,
  FiguresQuery,
  HistoryQuery,
  HoursQuery,
  HoursReport,
  NewEnterpriseGaps,
  NewEnterpriseQuery,
  ParsedAttendees,
  PersonHistory,
  PlanCreate,
  PlanListQuery,
  PlanPage,
  PlanUpdate,
  PlanView,
  parseAttendeeText,
  SessionCreate,
  SessionFilters,
  SessionListQuery,
  SessionPage,
  SessionUpdate,
  SessionView,
  TrainingFigures,
} from '../../../../shared/src/training';
import { appendAudit } from '../../platform/audit';
import { AppError, badRequest, unprocessable } from '../../platform/errors';
import { ExcelFileError, XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { exportsClearPhones } from '../../platform/personal-data';
import { scopeLabel } from '../../platform/scope';
import * as service from './service';
import { draftsFromWorkbook, sessionWorkbook } from './sheets';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
};
const MAX_SHEET_BYTES = 5 * 1024 * 1024;

export async function trainingRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  await app.register(multipart, {
    limits: { fileSize: MAX_SHEET_BYTES, files: 1, fields: 2, parts: 3 },
    throwFileSizeLimit: true,
  });

  app.get(
    '/sessions',
    {
      schema: {
        summary: '培训记录（按数据范围；按类别、组织方、企业、培训机构、日期筛选）',
        querystring: SessionListQuery,
        response: { 200: SessionPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof SessionFilters> }>(
    '/sessions/export',
    {
      schema: {
        summary: '导出培训记录及参训人员（当前筛选条件，按数据范围）为 Excel',
        querystring: SessionFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { sessions, people } = await service.all(db, ctx.actor!, req.query);
      const clear = exportsClearPhones(ctx.actor!.role);
      const buffer = await sessionWorkbook(sessions, people, scopeLabel(ctx.actor!), clear);
      await db.transaction((tx) =>
        appendAudit(tx, ctx, {
          action: 'training.export',
          entityType: 'trainingSession',
          after: {
            filters: req.query,
            rows: sessions.length,
            attendees: people.length,
            personalData: clear ? 'clear' : 'masked',
          },
        }),
      );
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename="training.xlsx"; filename*=UTF-8''${encodeURIComponent('培训记录.xlsx')}`,
        )
        .header('cache-control', 'no-store')
        .send(buffer);
    },
  );
  app.post(
    '/sessions',
    {
      schema: {
        summary: '登记培训（参训人员、成绩；委托培训机构资质过期须确认 providerExpiredConfirmed）',
        body: SessionCreate,
        response: { 200: SessionView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/sessions/:id',
    { schema: { summary: '培训详情', params: IdParams, response: { 200: SessionView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/sessions/:id',
    {
      schema: {
        summary: '修改培训记录（整条提交，含参训人员）',
        params: IdParams,
        body: SessionUpdate,
        response: { 200: SessionView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/attendees/parse',
    {
      schema: {
        summary: '解析粘贴的参训名单（每行：姓名 企业 岗位 [电话] [成绩/合格]），逐行返回结果和错误',
        body: AttendeeParseBody,
        response: { 200: ParsedAttendees, ...errors },
      },
    },
    (req) => service.resolveDrafts(db, actorOf(req), parseAttendeeText(req.body.text).slice(0, 2000)),
  );
  app.post(
    '/attendees/import',
    {
      schema: {
        summary: '导入参训名单 Excel（multipart：file；列：姓名、企业、岗位、电话、成绩），逐行返回结果和错误',
        consumes: ['multipart/form-data'],
        response: { 200: ParsedAttendees, ...errors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!req.isMultipart())
        throw badRequest('IMPORT_FILE_MISSING', '请以 multipart/form-data 上传 Excel 文件（字段名 file）');
      let buffer: Buffer | null = null;
      try {
        for await (const part of req.parts()) if (part.type === 'file') buffer = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError(413, 'IMPORT_FILE_TOO_LARGE', '文件超过 5 MB 上限，请拆分后分批导入');
        throw err;
      }
      if (!buffer || buffer.length === 0) throw badRequest('IMPORT_FILE_MISSING', '请选择要导入的 Excel 文件');
      try {
        return await service.resolveDrafts(db, actor, await draftsFromWorkbook(buffer));
      } catch (err) {
        if (err instanceof ExcelFileError)
          throw unprocessable('IMPORT_FILE_INVALID', err.message, { file: err.message });
        throw err;
      }
    },
  );

  app.get(
    '/plans',
    {
      schema: {
        summary: '年度培训计划（按数据范围；按年度、企业筛选；完成情况由关联的培训记录得出）',
        querystring: PlanListQuery,
        response: { 200: PlanPage, ...errors },
      },
    },
    (req) => service.listPlans(db, actorOf(req), req.query),
  );
  app.post(
    '/plans',
    { schema: { summary: '新建年度培训计划', body: PlanCreate, response: { 200: PlanView, ...errors } } },
    (req) => service.createPlan(db, ctxOf(req), req.body),
  );
  app.get(
    '/plans/:id',
    { schema: { summary: '培训计划详情', params: IdParams, response: { 200: PlanView, ...errors } } },
    (req) => service.getPlan(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/plans/:id',
    {
      schema: {
        summary: '修改培训计划（整份提交；已关联培训记录的计划项不能删除）',
        params: IdParams,
        body: PlanUpdate,
        response: { 200: PlanView, ...errors },
      },
    },
    (req) => service.updatePlan(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/new-enterprises',
    {
      schema: {
        summary: '随投产随培训：新投产企业主要负责人、安全管理人员未经培训名单（含投产天数）',
        querystring: NewEnterpriseQuery,
        response: { 200: NewEnterpriseGaps, ...errors },
      },
    },
    (req) => service.newEnterpriseGaps(db, actorOf(req), req.query.withinDays),
  );
  app.get(
    '/hours',
    {
      schema: {
        summary: '培训学时：按人员、按企业（某年度，按数据范围）',
        querystring: HoursQuery,
        response: { 200: HoursReport, ...errors },
      },
    },
    (req) => service.hours(db, actorOf(req), req.query),
  );
  app.get(
    '/history',
    {
      schema: {
        summary: '个人培训履历（跨企业：按手机号；无手机号时按企业内姓名）',
        querystring: HistoryQuery,
        response: { 200: PersonHistory, ...errors },
      },
    },
    (req) => service.history(db, actorOf(req), req.query.personKey),
  );
  app.get(
    '/figures',
    {
      schema: {
        summary: '培训统计：培训次数、学时、人次、按类别（按培训日期统计）',
        querystring: FiguresQuery,
        response: { 200: TrainingFigures, ...errors },
      },
    },
    (req) => service.figures(db, actorOf(req), req.query),
  );
}
