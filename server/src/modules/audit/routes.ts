import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditListPage, AuditListQuery, AuditVerifyQuery, AuditVerifyResult } from '../../../../shared/src/audit';
import { ErrorBody } from '../../../../shared/src/common';
import { type AuditCheckpointer, startAuditCheckpoints } from '../../platform/audit-checkpoints';
import { type AppDeps, actorOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function auditRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const { config } = deps;
  // Signed checkpoints of the chain heads, outside the database: at start, every few minutes, and at shutdown.
  let checkpointer: AuditCheckpointer | null = null;
  app.addHook('onReady', async () => {
    checkpointer = await startAuditCheckpoints(db, {
      file: config.auditCheckpointFile,
      key: config.auditKey,
      minutes: config.auditCheckpointMinutes,
      log: app.log,
    });
  });
  app.addHook('onClose', async () => {
    await checkpointer?.stop();
  });
  app.get(
    '/',
    { schema: { summary: '审计日志', querystring: AuditListQuery, response: { 200: AuditListPage, ...errors } } },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/verify',
    {
      schema: {
        summary: '校验审计哈希链（全部记录，或 date 指定的一天）',
        querystring: AuditVerifyQuery,
        response: { 200: AuditVerifyResult, ...errors },
      },
    },
    (req) => service.verify(db, config, actorOf(req), req.query),
  );
}
