import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  SessionInfo,
  SessionStatus,
  TotpConfirmBody,
  TotpDisableBody,
  TotpLoginBody,
  TotpSetupStart,
} from '../../../../shared/src/auth';
import { ErrorBody, Ok } from '../../../../shared/src/common';
import { type AppDeps, actorOf, ctxOf } from '../../platform/http';
import { SESSION_COOKIE } from '../../platform/sessions';
import * as service from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody };

export async function authRoutes(base: FastifyInstance, deps: AppDeps) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  const finish = (reply: FastifyReply, outcome: service.LoginOutcome) => {
    if (outcome.session) {
      reply.setCookie(SESSION_COOKIE, outcome.session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.cookieSecure,
        path: '/',
        expires: outcome.session.expiresAt,
      });
    }
    return outcome.result;
  };
  const ua = (h: string | string[] | undefined) => (typeof h === 'string' ? h.slice(0, 300) : null);

  app.post(
    '/login',
    {
      config: { public: true },
      schema: { summary: '用户名密码登录', body: LoginBody, response: { 200: LoginResult, ...errors } },
    },
    async (req, reply) => finish(reply, await service.login(deps, ctxOf(req), req.body, ua(req.headers['user-agent']))),
  );

  app.post(
    '/login/totp',
    {
      config: { public: true },
      schema: { summary: '登录第二步：动态验证码', body: TotpLoginBody, response: { 200: LoginResult, ...errors } },
    },
    async (req, reply) =>
      finish(reply, await service.loginWithTotp(deps, ctxOf(req), req.body, ua(req.headers['user-agent']))),
  );

  app.post(
    '/login/totp-setup',
    {
      config: { public: true },
      schema: {
        summary: '登录第二步：绑定动态验证码（管理员）',
        body: TotpLoginBody,
        response: { 200: LoginResult, ...errors },
      },
    },
    async (req, reply) =>
      finish(reply, await service.loginWithTotpSetup(deps, ctxOf(req), req.body, ua(req.headers['user-agent']))),
  );

  app.get(
    '/session',
    {
      config: { duringPasswordChange: true },
      schema: { summary: '当前会话', response: { 200: SessionInfo, 401: ErrorBody } },
    },
    async (req) => ({ me: await service.currentMe(deps, actorOf(req).userId), csrfToken: req.csrfToken! }),
  );

  // The sign-in page asks this before anyone signs in: "not signed in" is an answer, not an error (no 401 in the
  // console), while /session keeps refusing without a session. It reads only the caller's own cookie.
  app.get(
    '/status',
    {
      config: { public: true },
      schema: { summary: '是否已登录（未登录时 signedIn 为 false）', response: { 200: SessionStatus } },
    },
    async (req) =>
      req.actor && req.csrfToken
        ? { signedIn: true as const, me: await service.currentMe(deps, req.actor.userId), csrfToken: req.csrfToken }
        : { signedIn: false as const },
  );

  app.post(
    '/logout',
    { config: { duringPasswordChange: true }, schema: { summary: '退出登录', response: { 200: Ok, ...errors } } },
    async (req, reply) => {
      await service.logout(deps, ctxOf(req), req.sessionId!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.post(
    '/password',
    {
      config: { duringPasswordChange: true },
      schema: { summary: '修改密码', body: ChangePasswordBody, response: { 200: Ok, ...errors } },
    },
    async (req) => {
      await service.changePassword(deps, ctxOf(req), req.sessionId!, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/totp/setup',
    { schema: { summary: '生成动态验证码密钥', response: { 200: TotpSetupStart, ...errors } } },
    async (req) => service.startTotpSetup(deps, actorOf(req)),
  );

  app.post(
    '/totp/confirm',
    { schema: { summary: '确认启用动态验证码', body: TotpConfirmBody, response: { 200: Ok, ...errors } } },
    async (req) => {
      await service.confirmTotp(deps, ctxOf(req), req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/totp/disable',
    { schema: { summary: '停用动态验证码', body: TotpDisableBody, response: { 200: Ok, ...errors } } },
    async (req) => {
      await service.disableTotp(deps, ctxOf(req), req.body);
      return { ok: true as const };
    },
  );
}
