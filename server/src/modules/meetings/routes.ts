import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  MeetingCreate,
  MeetingFilters,
  MeetingListQuery,
  MeetingPage,
  MeetingUpdate,
  MeetingView,
  TaskCreate,
  TaskFilters,
  TaskListQuery,
  TaskPage,
  TaskProgress,
  TaskUpdate,
  TaskView,
} from '../../../../shared/src/activities';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { XLSX_MIME } from '../../platform/excel';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { meetingWorkbook, taskWorkbook } from './export';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function meetingRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  const sendFile = async (
    reply: FastifyReply,
    ctx: RequestContext,
    file: { buffer: Buffer; name: string; ascii: string; entityType: string; filters: unknown; rows: number },
  ) => {
    await db.transaction((tx) =>
      appendAudit(tx, ctx, {
        action: `${file.entityType}.export`,
        entityType: file.entityType,
        after: { filters: file.filters, rows: file.rows },
      }),
    );
    return reply
      .type(XLSX_MIME)
      .header(
        'content-disposition',
        `attachment; filename="${file.ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      )
      .header('cache-control', 'no-store')
      .send(file.buffer);
  };

  app.get(
    '/',
    {
      schema: {
        summary: '会议与学习（安委会扩大会议、中心组学习、专题会议；按类型、日期筛选）',
        querystring: MeetingListQuery,
        response: { 200: MeetingPage, ...errors },
      },
    },
    (req) => service.list(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof MeetingFilters> }>(
    '/export',
    {
      schema: {
        summary: '导出会议及其决定事项（当前筛选条件）为 Excel',
        querystring: MeetingFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.all(db, ctx.actor!, req.query);
      return sendFile(reply, ctx, {
        buffer: await meetingWorkbook(items),
        name: '会议与学习.xlsx',
        ascii: 'meetings.xlsx',
        entityType: 'meeting',
        filters: req.query,
        rows: items.length,
      });
    },
  );
  app.get(
    '/tasks',
    {
      schema: {
        summary: '会议决定事项任务（按数据范围：单位、企业只见本单位的任务；状态可筛选“逾期”）',
        querystring: TaskListQuery,
        response: { 200: TaskPage, ...errors },
      },
    },
    (req) => service.listTasks(db, actorOf(req), req.query),
  );
  base.get<{ Querystring: z.infer<typeof TaskFilters> }>(
    '/tasks/export',
    {
      schema: {
        summary: '导出决定事项任务（当前筛选条件，按数据范围）为 Excel',
        querystring: TaskFilters,
        produces: [XLSX_MIME],
        response: errors,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const items = await service.allTasks(db, ctx.actor!, req.query);
      return sendFile(reply, ctx, {
        buffer: await taskWorkbook(items),
        name: '会议决定事项任务.xlsx',
        ascii: 'meeting-tasks.xlsx',
        entityType: 'meetingTask',
        filters: req.query,
        rows: items.length,
      });
    },
  );
  app.get(
    '/tasks/:id',
    { schema: { summary: '任务详情（含进展记录）', params: IdParams, response: { 200: TaskView, ...errors } } },
    (req) => service.getTask(db, actorOf(req), req.params.id),
  );
  app.patch(
    '/tasks/:id',
    {
      schema: {
        summary: '修改或改派任务（管委会：决定事项、完成期限、责任单位；已完成的任务不能改派）',
        params: IdParams,
        body: TaskUpdate,
        response: { 200: TaskView, ...errors },
      },
    },
    (req) => service.updateTask(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/progress',
    {
      schema: {
        summary: '登记任务进展（责任单位或管委会；状态：未开始 / 进行中 / 已完成）',
        params: IdParams,
        body: TaskProgress,
        response: { 200: TaskView, ...errors },
      },
    },
    (req) => service.progress(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/',
    {
      schema: {
        summary: '登记会议（每项决定事项生成一项任务）',
        body: MeetingCreate,
        response: { 200: MeetingView, ...errors },
      },
    },
    (req) => service.create(db, ctxOf(req), req.body),
  );
  app.get(
    '/:id',
    { schema: { summary: '会议详情（含决定事项任务）', params: IdParams, response: { 200: MeetingView, ...errors } } },
    (req) => service.get(db, actorOf(req), req.params.id),
  );
  app.put(
    '/:id',
    {
      schema: {
        summary: '修改会议（决定事项另行追加与跟进）',
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: MeetingView, ...errors },
      },
    },
    (req) => service.update(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/:id/tasks',
    {
      schema: {
        summary: '追加决定事项任务',
        params: IdParams,
        body: TaskCreate,
        response: { 200: TaskView, ...errors },
      },
    },
    (req) => service.addTask(db, ctxOf(req), req.params.id, req.body),
  );
}
