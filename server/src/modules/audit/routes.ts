import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditListQuery, AuditPage, AuditVerifyResult } from '../../../../shared/src/audit';
import { ErrorBody } from '../../../../shared/src/common';
import { type AppDeps, actorOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export async function auditRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.get(
    '/',
    { schema: { summary: '审计日志', querystring: AuditListQuery, response: { 200: AuditPage, ...errors } } },
    (req) => service.list(db, actorOf(req), req.query),
  );
  app.get(
    '/verify',
    { schema: { summary: '校验审计哈希链', response: { 200: AuditVerifyResult, ...errors } } },
    (req) => service.verify(db, actorOf(req)),
  );
}
