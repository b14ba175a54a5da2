// Health, split the way load balancers and supervisors ask: liveness (the process answers; restart it if not) and
// readiness (send it requests: started, not stopping, database answering). /api/health stays as before (readiness
// plus version) for the tools that already use it.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Health } from '../../../shared/src/home';
import type { AppDeps } from './http';
import type { Lifecycle } from './lifecycle';

const Live = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });
const Ready = z.object({
  status: z.enum(['ready', 'starting', 'stopping', 'databaseUnavailable']),
  database: z.enum(['pglite', 'postgres']),
});

/** How long readiness waits for the database's `select 1` before calling it unavailable. */
const DB_PROBE_MS = 2000;

async function databaseAnswers(deps: AppDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      deps.database.db.execute(sql`select 1`).then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), DB_PROBE_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(base: FastifyInstance, deps: AppDeps, lifecycle: Lifecycle) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/health',
    { config: { public: true }, schema: { summary: '健康检查', tags: ['系统'], response: { 200: Health } } },
    async () => {
      await deps.database.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: deps.database.kind, version: deps.version };
    },
  );
  app.get(
    '/health/live',
    {
      config: { public: true },
      schema: { summary: '存活检查（进程在响应）', tags: ['系统'], response: { 200: Live } },
    },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );
  app.get(
    '/health/ready',
    {
      config: { public: true },
      schema: {
        summary: '就绪检查（已启动、未在停止、数据库可用；否则 503）',
        tags: ['系统'],
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      const database = deps.database.kind;
      if (lifecycle.state !== 'ready') return reply.status(503).send({ status: lifecycle.state, database });
      if (!(await databaseAnswers(deps))) return reply.status(503).send({ status: 'databaseUnavailable', database });
      return { status: 'ready' as const, database };
    },
  );
}
