import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AuditArchiveList,
  AuditListPage,
  AuditListQuery,
  AuditVerifyQuery,
  AuditVerifyResult,
} from '../../../../shared/src/audit';
import { ErrorBody } from '../../../../shared/src/common';
import { type AuditCheckpointer, startAuditCheckpoints } from '../../platform/audit-checkpoints';
import { type AppDeps, actorOf } from '../../platform/http';
import { ensureAuditPartitions } from './archive';
import * as service from './service';

/** How often each process makes sure the month partitions ahead exist (also at start). */
const PARTITION_HOURS = 6;

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function auditRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  const { config } = deps;
  // Signed checkpoints of the chain heads, outside the database: at start, every few minutes, and at shutdown.
  let checkpointer: AuditCheckpointer | null = null;
  // The audit log's month partitions: this month and the next two, created ahead (idempotent, any process may run
  // it); a failure is logged, never fatal (rows of a month without its partition go to the DEFAULT partition).
  const ensurePartitions = () =>
    ensureAuditPartitions(db)
      .then((n) => {
        if (n) app.log.info({ auditPartitionsCreated: n }, `已创建 ${n} 个审计日志月分区`);
      })
      .catch((err: Error) => app.log.error({ err }, `审计日志月分区创建失败：${err.message}`));
  const partitionTimer = setInterval(() => void ensurePartitions(), PARTITION_HOURS * 3_600_000);
  partitionTimer.unref();
  app.addHook('onReady', async () => {
    await ensurePartitions();
    checkpointer = await startAuditCheckpoints(db, {
      file: config.auditCheckpointFile,
      key: config.auditKey,
      minutes: config.auditCheckpointMinutes,
      log: app.log,
    });
  });
  app.addHook('onClose', async () => {
    clearInterval(partitionTimer);
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
  app.get(
    '/archives',
    {
      schema: {
        summary: '审计日志归档月份（本园区的记录数、文件摘要、归档与删除时间；归档与删除由数据库所有者在命令行执行）',
        response: { 200: AuditArchiveList, ...errors },
      },
    },
    (req) => service.archives(db, actorOf(req)),
  );
}
