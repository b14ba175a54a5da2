import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import { RevealBody, RevealResult } from '../../../../shared/src/personal-data';
import { type AppDeps, ctxOf } from '../../platform/http';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export async function personalDataRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = deps.database;
  app.post(
    '/reveal',
    {
      schema: {
        summary: '查看一项完整的个人信息（电话号码），记录查看人与原因',
        body: RevealBody,
        response: { 200: RevealResult, ...errors },
      },
    },
    (req) => service.reveal(db, ctxOf(req), req.body),
  );
}
