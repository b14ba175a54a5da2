import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../../shared/src/common';
import { HomeStats } from '../../../../shared/src/home';
import { type AppDeps, actorOf } from '../../platform/http';
import { homeStats } from './service';

export async function homeRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/',
    {
      schema: { summary: '首页统计（按角色和数据范围）', response: { 200: HomeStats, 401: ErrorBody, 403: ErrorBody } },
    },
    (req) => homeStats(deps.database.db, actorOf(req)),
  );
}
