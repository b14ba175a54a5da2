import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, IdParams } from '../../../../shared/src/common';
import {
  NotificationListQuery,
  NotificationPage,
  NotificationView,
  ReadAllResult,
  UnreadCount,
} from '../../../../shared/src/notifications';
import { type AppDeps, actorOf } from '../../platform/http';
import { NotificationScheduler, schedulerEnabled, sweepIntervalMs } from './scheduler';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The signed-in user's notifications; also starts the deadline sweep with the app and stops it on close. */
export async function notificationRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;

  if (schedulerEnabled()) {
    const scheduler = new NotificationScheduler(db, { intervalMs: sweepIntervalMs(), log: (msg) => app.log.info(msg) });
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => scheduler.stop());
  }

  app.get(
    '/',
    {
      schema: {
        summary: '我的消息（未读在前，按时间倒序）',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errors },
      },
    },
    (req) => service.listMine(db, actorOf(req), req.query),
  );
  app.get('/unread-count', { schema: { summary: '未读消息数', response: { 200: UnreadCount, ...errors } } }, (req) =>
    service.unreadCount(db, actorOf(req)),
  );
  app.post('/read-all', { schema: { summary: '全部标为已读', response: { 200: ReadAllResult, ...errors } } }, (req) =>
    service.markAllRead(db, actorOf(req)),
  );
  app.post(
    '/:id/read',
    {
      schema: { summary: '标为已读（仅本人的消息）', params: IdParams, response: { 200: NotificationView, ...errors } },
    },
    (req) => service.markRead(db, actorOf(req), req.params.id),
  );
}
