// The Fastify application: conventions every module relies on (zod validation with Chinese field messages, one error
// shape, session → actor resolution, CSRF, security headers, OpenAPI) and the registration of every module's routes.
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_LABELS } from '../../../shared/src/labels';
import type { Actor, RequestContext } from './actor';
import type { Config } from './config';
import type { Database } from './db';
import { AppError, badRequest, forbidden, unauthorized } from './errors';
import { assertCan, type Permission } from './permissions';
import type { Secrets } from './secrets';
import { resolveSession, SESSION_COOKIE } from './sessions';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
    /** Reachable while the user still has to change the initial password. */
    duringPasswordChange?: boolean;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  secrets: Secrets;
  version: string;
}

export interface Module {
  prefix: string;
  tag: string;
  routes: (app: FastifyInstance, deps: AppDeps) => Promise<void> | void;
}

/** The actor of an authenticated route (the auth hook guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized('AUTH_REQUIRED', '请先登录');
  return req.actor;
}

export function ctxOf(req: FastifyRequest): RequestContext {
  return { actor: req.actor, ip: req.ip };
}

/** preHandler that checks a permission of the permissions table. */
export const requirePermission = (permission: Permission) => async (req: FastifyRequest) => {
  assertCan(actorOf(req), permission);
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(deps: AppDeps, modules: Module[]): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: process.env.LOG_LEVEL === 'silent' ? false : { level: process.env.LOG_LEVEL ?? 'info' },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
  });
  app.setValidatorCompiler(validatorCompiler);
  // A POST without a body (logout, unlock) may still say it is JSON.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(badRequest('BODY_NOT_JSON', '请求内容不是有效的 JSON'), undefined);
    }
  });
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'ParkSafe 园区安全生产监管平台 API', version: deps.version },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);

  // Authentication, forced password change and CSRF, for every /api route unless the route says public.
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const routeConfig = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(deps.database.db, config, token);
      if (session) {
        req.actor = session.actor;
        req.sessionId = session.id;
        req.csrfToken = session.csrfToken;
      }
    }
    if (routeConfig.public) return;
    if (!req.actor) throw unauthorized('AUTH_REQUIRED', '登录已失效，请重新登录');
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw forbidden('请求校验失败（CSRF），请刷新页面后重试', 'CSRF_TOKEN_INVALID');
    }
    if (req.actor.mustChangePassword && !routeConfig.duringPasswordChange) {
      throw forbidden('首次登录或密码被重置后，请先修改密码', 'PASSWORD_CHANGE_REQUIRED');
    }
  });

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
        // The form already labels its field; the summary message names it.
        if (!fields[key]) fields[key] = String(issue.message);
      }
      const [firstKey = '', firstMessage = '请求参数不正确'] = Object.entries(fields)[0] ?? [];
      const label = FIELD_LABELS[firstKey.split('.')[0] ?? ''];
      const first = label ? `${label}：${firstMessage}` : firstMessage;
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: first, fields } });
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误' } });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
    }
    if (status < 500) {
      const code = (err as { code?: string }).code ?? 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: '请求格式不正确' } });
    }
    req.log.error(err);
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });

  for (const m of modules) {
    await app.register(
      async (scope) => {
        scope.addHook('onRoute', (route) => {
          route.schema = { ...route.schema, tags: [m.tag] };
        });
        await m.routes(scope, deps);
      },
      { prefix: m.prefix },
    );
  }

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  await serveConsole(app);
  return app;
}

/** Serves the built web console (dist/web) with SPA fallback; API 404s stay JSON. */
async function serveConsole(app: FastifyInstance): Promise<void> {
  const root = path.resolve(process.env.WEB_DIST ?? 'dist/web');
  const hasConsole = fs.existsSync(path.join(root, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, { root, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || !hasConsole || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
    }
    return reply.sendFile('index.html');
  });
}
