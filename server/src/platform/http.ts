// The Fastify application: conventions every module relies on (zod validation with Chinese field messages, one error
// shape, session → actor resolution, CSRF, security headers, OpenAPI) and the registration of every module's routes.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import helmet, { type HelmetOptions } from 'helmet';
import { z } from 'zod';
import { fieldLabel } from '../../../shared/src/labels';
import type { Actor, RequestContext } from './actor';
import type { Config } from './config';
import type { Database } from './db';
import { AppError, badRequest, forbidden, unauthorized } from './errors';
import { healthRoutes } from './health';
import { jobRunner } from './jobs';
import { Lifecycle } from './lifecycle';
import { logDestination } from './log';
import { collectGarbage } from './memory';
import { registerMetrics } from './metrics';
import { assertCan, type Permission } from './permissions';
import { CACHE_CHANNEL, FIGURE_TABLES, ReadCache, registerCache, unregisterCache } from './read-cache';
import type { Secrets } from './secrets';
import { serializerCompiler } from './serializer';
import { resolveSession, SESSION_COOKIE } from './sessions';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    lifecycle: Lifecycle;
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
  /** Starting/ready/stopping and the requests in flight; buildApp makes one when not given. */
  lifecycle?: Lifecycle;
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

/** A request id unique across processes (the counter Fastify uses restarts at 1 in every process). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const processTag = randomBytes(3).toString('hex');
let requestSeq = 0;
function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  // The id nginx gave the request ($request_id), so its access log and ours name the same request.
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  requestSeq = (requestSeq + 1) % 0x7fffffff;
  return `${processTag}-${requestSeq.toString(36)}`;
}

/** The headers helmet's middleware sets for these options, as [name, value] pairs (they depend on no request). */
export function securityHeaders(options: HelmetOptions): [string, string][] {
  const out: [string, string][] = [];
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      out.push([name, String(value)]);
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return out;
}

export async function buildApp(deps: AppDeps, modules: Module[]): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      process.env.LOG_LEVEL === 'silent' ? false : { level: process.env.LOG_LEVEL ?? 'info', stream: logDestination() },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: process.env.TRUST_PROXY === 'true',
    genReqId: requestId,
    // Every log line of a request carries it as reqId (Fastify's child logger); the answer in x-request-id.
  });
  const lifecycle = deps.lifecycle ?? new Lifecycle();
  app.decorate('lifecycle', lifecycle);
  // The security headers (helmet's) do not vary by request: computed once here, set by this hook — @fastify/helmet
  // built helmet's middleware anew, through two async hooks, on every request. Callback-style hooks: no promise each.
  const headers = securityHeaders({
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
  app.addHook('onRequest', (req, reply, done) => {
    const res = reply.raw;
    for (const [name, value] of headers) res.setHeader(name, value);
    reply.header('x-request-id', req.id);
    lifecycle.inflight.set(req.id, { id: req.id, method: req.method, url: req.url, startedAt: Date.now() });
    done();
  });
  app.addHook('onResponse', (req, _reply, done) => {
    lifecycle.inflight.delete(req.id);
    done();
  });
  app.addHook('onRequestAbort', async (req) => {
    lifecycle.inflight.delete(req.id);
  });
  app.addHook('onReady', async () => {
    if (lifecycle.state === 'starting') lifecycle.state = 'ready';
  });
  app.addHook('preClose', async () => {
    lifecycle.state = 'stopping';
  });
  app.setValidatorCompiler(validatorCompiler);
  // A POST without a body (logout, unlock) may still say it is JSON. Bytes that are not UTF-8 are refused rather than
  // decoded to U+FFFD, which would then be stored in place of what the user typed.
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    let textBody: string;
    try {
      textBody = utf8.decode(body as Buffer);
    } catch {
      return done(badRequest('BODY_NOT_UTF8', '请求内容含有无效的 UTF-8 字符'), undefined);
    }
    if (textBody === '') return done(null, {});
    try {
      done(null, JSON.parse(textBody));
    } catch {
      done(badRequest('BODY_NOT_JSON', '请求内容不是有效的 JSON'), undefined);
    }
  });
  app.setSerializerCompiler(serializerCompiler({ checkAgainstZod: !config.production }));

  // API answers above 1 KB go compressed (a ledger page of 17.5 KB becomes ~2.6 KB: fewer bytes for a phone on a
  // weak signal, fewer socket writes here). gzip at level 1: on a real ledger page it packs as small as brotli 1 in
  // half the time (0.25 against 0.55 ms) and a third of gzip 6's. Built assets are served already compressed at the
  // highest levels, brotli included (serveConsole). Answers up to 128 KB are compressed in one synchronous call: on
  // 2 cores the plugin's default limit is 8 KB, above which every answer gets a zlib stream of its own, which costs
  // more CPU in all than the inline call.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    syncThreshold: 128 * 1024,
    encodings: ['gzip'],
    zlibOptions: { level: 1 },
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

  // Sessions and settings read by every request come from the read cache while this process hears every change.
  const cache = new ReadCache();
  const figures = new ReadCache();
  const db = deps.database.db;
  if (deps.database.listen && registerCache(db, cache, figures)) {
    const stop = await deps.database.listen(
      CACHE_CHANNEL,
      (table) => {
        figures.clear();
        if (!FIGURE_TABLES.has(table)) cache.clear();
      },
      (live) => {
        cache.setLive(live);
        figures.setLive(live);
      },
    );
    app.addHook('onClose', async () => {
      unregisterCache(db, cache);
      await stop();
    });
    // This process's own writes (logout, password change, a user disabled, settings) drop the copies before the
    // answer leaves, without waiting for the notification.
    app.addHook('onSend', (req, _reply, payload, done) => {
      if (UNSAFE.has(req.method)) {
        cache.clear();
        figures.clear();
      }
      done(null, payload);
    });
  }

  // The embedded start (migrations, the demo seed) leaves garbage an idle server would keep resident (memory.ts).
  if (deps.database.kind === 'pglite') {
    app.addHook('onListen', async () => {
      collectGarbage();
    });
  }

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
      const label = fieldLabel(firstKey.split('.')[0] ?? '', req.routeOptions.url);
      const first = label ? `${label}：${firstMessage}` : firstMessage;
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: first, fields, requestId: req.id } });
    }
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, fields: err.fields, requestId: req.id } });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误', requestId: req.id } });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大', requestId: req.id } });
    }
    if (status < 500) {
      const code = (err as { code?: string }).code ?? 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: '请求格式不正确', requestId: req.id } });
    }
    req.log.error(err);
    return reply.status(500).send({
      error: { code: 'INTERNAL', message: `服务器内部错误，请稍后重试（请求编号 ${req.id}）`, requestId: req.id },
    });
  });

  await app.register(async (scope) => healthRoutes(scope, deps, lifecycle), { prefix: '/api' });
  registerMetrics(app, deps);

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

  lifecycle.report('jobs', () => jobRunner(deps).describeRunning());

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  await serveConsole(app);
  return app;
}

/** Serves the built web console (dist/web) with SPA fallback; API 404s stay JSON. */
async function serveConsole(app: FastifyInstance): Promise<void> {
  const root = path.resolve(process.env.WEB_DIST ?? 'dist/web');
  const hasConsole = fs.existsSync(path.join(root, 'index.html'));
  if (hasConsole) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: ['index.html'],
      // The .br and .gz files the build writes beside each asset (web/vite.config.ts).
      preCompressed: true,
      // Hashed file names (assets/*-<hash>.js) never change content: cached for a year; the rest is revalidated.
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || !hasConsole || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的资源不存在', requestId: req.id } });
    }
    return reply.sendFile('index.html');
  });
}
