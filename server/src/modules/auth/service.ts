// Sign-in and account security: argon2id passwords, per-account lockout, per-address throttling, optional TOTP
// (required for admins), forced change of an initial password. Every outcome, good or bad, is audited.
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { LoginResult, Me } from '../../../../shared/src/auth';
import type { RequestContext } from '../../platform/actor';
import { appendAudit, NO_PARK } from '../../platform/audit';
import { now } from '../../platform/clock';
import { badRequest, forbidden, tooMany, unauthorized } from '../../platform/errors';
import type { AppDeps } from '../../platform/http';
import { assertPasswordAcceptable, burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/passwords';
import { createSession, type NewSession, revokeSession, revokeUserSessions } from '../../platform/sessions';
import * as repo from './repository';

const CHALLENGE_MINUTES = 5;
const ISSUER = 'ParkSafe园区安全生产';

interface Challenge {
  purpose: 'totp' | 'totpSetup';
  userId: string;
  exp: number;
  secret?: string;
}

export interface LoginOutcome {
  result: LoginResult;
  session: NewSession | null;
}

const policyOf = (deps: AppDeps) => ({
  minLength: deps.config.passwordMinLength,
  minClasses: deps.config.passwordMinClasses,
});

const hhmm = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });

export async function login(
  deps: AppDeps,
  ctx: RequestContext,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const { db } = deps.database;
  const { config } = deps;
  const at = now();
  const windowStart = new Date(at.getTime() - config.lockoutMinutes * 60_000);

  // Per-address throttling first: it protects against guessing across many accounts.
  if ((await repo.countFailuresFromIp(db, ctx.ip, windowStart)) >= config.ipFailureLimit) {
    await db.transaction(async (tx) => {
      await repo.recordAttempt(tx, { username: input.username, ip: ctx.ip, succeeded: false, at });
      await appendAudit(tx, ctx, {
        action: 'auth.loginFailed',
        entityType: 'user',
        entityId: null,
        parkId: NO_PARK,
        actorName: input.username,
        after: { reason: 'throttled' },
      });
    });
    throw tooMany('AUTH_TOO_MANY_ATTEMPTS', `该地址登录失败次数过多，请 ${config.lockoutMinutes} 分钟后再试`);
  }

  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    await burnPasswordCheck(input.password);
    await failAttempt(deps, ctx, input.username, null, 'unknownUser');
    throw unauthorized('AUTH_INVALID_CREDENTIALS', '用户名或密码错误');
  }
  if (user.disabled) {
    await failAttempt(deps, ctx, input.username, user, 'disabled');
    throw forbidden('账户已停用，请联系系统管理员', 'AUTH_ACCOUNT_DISABLED');
  }
  if (user.lockedUntil && user.lockedUntil > at) {
    // The password is not even checked while locked: the right one fails too.
    await failAttempt(deps, ctx, input.username, user, 'locked');
    throw forbidden(
      `连续登录失败次数过多，账户已锁定，请于 ${hhmm(user.lockedUntil)} 后再试或联系管理员解锁`,
      'AUTH_ACCOUNT_LOCKED',
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = user.failedAttempts + 1;
    if (failures >= config.lockoutThreshold) {
      const lockedUntil = new Date(at.getTime() + config.lockoutMinutes * 60_000);
      await failAttempt(deps, ctx, input.username, user, 'wrongPassword', { failedAttempts: 0, lockedUntil });
      throw forbidden(
        `密码连续错误 ${config.lockoutThreshold} 次，账户已锁定 ${config.lockoutMinutes} 分钟（至 ${hhmm(lockedUntil)}）`,
        'AUTH_ACCOUNT_LOCKED',
      );
    }
    await failAttempt(deps, ctx, input.username, user, 'wrongPassword', { failedAttempts: failures });
    throw unauthorized(
      'AUTH_INVALID_CREDENTIALS',
      `用户名或密码错误，再错 ${config.lockoutThreshold - failures} 次账户将被锁定 ${config.lockoutMinutes} 分钟`,
    );
  }

  if (user.failedAttempts > 0 || user.lockedUntil) {
    await repo.updateUser(db, user.id, { failedAttempts: 0, lockedUntil: null });
  }
  const exp = at.getTime() + CHALLENGE_MINUTES * 60_000;
  if (user.totpEnabled) {
    const challenge = deps.secrets.sign({ purpose: 'totp', userId: user.id, exp } satisfies Challenge);
    return { result: { status: 'totpRequired', challenge }, session: null };
  }
  if (user.role === 'admin') {
    const secret = generateSecret();
    const challenge = deps.secrets.sign({ purpose: 'totpSetup', userId: user.id, exp, secret } satisfies Challenge);
    const otpauthUrl = generateURI({ secret, issuer: ISSUER, label: user.username });
    return { result: { status: 'totpSetupRequired', challenge, secret, otpauthUrl }, session: null };
  }
  return startSession(deps, ctx, user, userAgent);
}

async function failAttempt(
  deps: AppDeps,
  ctx: RequestContext,
  username: string,
  user: repo.LoginUser | null,
  reason: string,
  patch?: Partial<repo.LoginUser>,
): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await repo.recordAttempt(tx, { username, ip: ctx.ip, succeeded: false, at: now() });
    if (user && patch) await repo.updateUser(tx, user.id, patch);
    await appendAudit(tx, ctx, {
      action: 'auth.loginFailed',
      entityType: 'user',
      entityId: user?.id ?? null,
      parkId: user?.parkId ?? NO_PARK,
      actorName: username,
      after: { reason, failedAttempts: patch?.failedAttempts, lockedUntil: patch?.lockedUntil },
    });
    if (patch?.lockedUntil) {
      await appendAudit(tx, ctx, {
        action: 'auth.locked',
        entityType: 'user',
        entityId: user?.id ?? null,
        parkId: user?.parkId ?? NO_PARK,
        actorName: username,
        after: { lockedUntil: patch.lockedUntil },
      });
    }
  });
}

async function startSession(
  deps: AppDeps,
  ctx: RequestContext,
  user: repo.LoginUser,
  userAgent: string | null,
  extra?: { totpSecret: string },
): Promise<LoginOutcome> {
  const at = now();
  const session = await deps.database.db.transaction(async (tx) => {
    await repo.recordAttempt(tx, { username: user.username, ip: ctx.ip, succeeded: true, at });
    await repo.updateUser(tx, user.id, {
      lastLoginAt: at,
      ...(extra ? { totpSecret: deps.secrets.encrypt(extra.totpSecret), totpEnabled: true } : {}),
    });
    const s = await createSession(tx, deps.config, user, { ip: ctx.ip, userAgent });
    const actorCtx: RequestContext = {
      ip: ctx.ip,
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        parkId: user.parkId,
        organisationId: user.organisationId,
        enterpriseId: null,
        mustChangePassword: user.mustChangePassword,
      },
    };
    if (extra) await appendAudit(tx, actorCtx, { action: 'auth.totpEnabled', entityType: 'user', entityId: user.id });
    await appendAudit(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return s;
  });
  const me = await repo.loadMe(deps.database.db, user.id, policyOf(deps));
  if (!me) throw new Error('user vanished during login');
  return { result: { status: 'ok', me, csrfToken: session.csrfToken }, session };
}

function readChallenge(deps: AppDeps, token: string, purpose: Challenge['purpose']): Challenge {
  const c = deps.secrets.verify<Challenge>(token);
  if (!c || c.purpose !== purpose || c.exp < now().getTime()) {
    throw unauthorized('AUTH_CHALLENGE_INVALID', '登录验证已过期，请重新输入用户名和密码');
  }
  return c;
}

export function totpValid(secret: string, code: string): boolean {
  const result = verifySync({ secret, token: code, epoch: Math.floor(now().getTime() / 1000), epochTolerance: 30 });
  return result.valid;
}

export async function loginWithTotp(
  deps: AppDeps,
  ctx: RequestContext,
  input: { challenge: string; code: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const c = readChallenge(deps, input.challenge, 'totp');
  const user = await repo.findUserById(deps.database.db, c.userId);
  if (!user || user.disabled || !user.totpSecret)
    throw unauthorized('AUTH_CHALLENGE_INVALID', '登录验证无效，请重新登录');
  if (!totpValid(deps.secrets.decrypt(user.totpSecret), input.code)) {
    await failAttempt(deps, ctx, user.username, user, 'wrongTotp', { failedAttempts: user.failedAttempts + 1 });
    throw unauthorized('AUTH_TOTP_INVALID', '动态验证码不正确，请核对手机上的验证码');
  }
  return startSession(deps, ctx, user, userAgent);
}

export async function loginWithTotpSetup(
  deps: AppDeps,
  ctx: RequestContext,
  input: { challenge: string; code: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const c = readChallenge(deps, input.challenge, 'totpSetup');
  const user = await repo.findUserById(deps.database.db, c.userId);
  if (!user || user.disabled || !c.secret) throw unauthorized('AUTH_CHALLENGE_INVALID', '登录验证无效，请重新登录');
  if (!totpValid(c.secret, input.code)) {
    throw badRequest('AUTH_TOTP_INVALID', '动态验证码不正确，请确认已扫描二维码并输入当前 6 位验证码', {
      code: '动态验证码不正确',
    });
  }
  return startSession(deps, ctx, user, userAgent, { totpSecret: c.secret });
}

export async function currentMe(deps: AppDeps, userId: string): Promise<Me> {
  const me = await repo.loadMe(deps.database.db, userId, policyOf(deps));
  if (!me) throw unauthorized('AUTH_REQUIRED', '请先登录');
  return me;
}

export async function logout(deps: AppDeps, ctx: RequestContext, sessionId: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    await revokeSession(tx, sessionId);
    await appendAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor?.userId });
  });
}

export async function changePassword(
  deps: AppDeps,
  ctx: RequestContext,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = ctx.actor!;
  const user = await repo.findUserById(deps.database.db, actor.userId);
  if (!user) throw unauthorized('AUTH_REQUIRED', '请先登录');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('PASSWORD_CURRENT_WRONG', '当前密码不正确', { currentPassword: '当前密码不正确' });
  }
  assertPasswordAcceptable(input.newPassword, policyOf(deps), 'newPassword');
  if (input.newPassword === input.currentPassword) {
    throw badRequest('PASSWORD_UNCHANGED', '新密码不能与当前密码相同', { newPassword: '新密码不能与当前密码相同' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: now() });
    // Other sessions of this account end: whoever else knew the old password is out.
    await revokeUserSessions(tx, user.id, sessionId);
    await appendAudit(tx, ctx, { action: 'auth.passwordChanged', entityType: 'user', entityId: user.id });
  });
}

export function startTotpSetup(actor: { username: string }): { secret: string; otpauthUrl: string } {
  const secret = generateSecret();
  return { secret, otpauthUrl: generateURI({ secret, issuer: ISSUER, label: actor.username }) };
}

export async function confirmTotp(deps: AppDeps, ctx: RequestContext, input: { secret: string; code: string }) {
  if (!totpValid(input.secret, input.code)) {
    throw badRequest('AUTH_TOTP_INVALID', '动态验证码不正确', { code: '动态验证码不正确' });
  }
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, ctx.actor!.userId, { totpSecret: deps.secrets.encrypt(input.secret), totpEnabled: true });
    await appendAudit(tx, ctx, { action: 'auth.totpEnabled', entityType: 'user', entityId: ctx.actor!.userId });
  });
}

export async function disableTotp(deps: AppDeps, ctx: RequestContext, input: { password: string }) {
  const actor = ctx.actor!;
  if (actor.role === 'admin') throw forbidden('系统管理员必须启用动态验证码', 'TOTP_REQUIRED_FOR_ADMIN');
  const user = await repo.findUserById(deps.database.db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    throw badRequest('PASSWORD_CURRENT_WRONG', '当前密码不正确', { password: '当前密码不正确' });
  }
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.userId, { totpSecret: null, totpEnabled: false });
    await appendAudit(tx, ctx, { action: 'auth.totpDisabled', entityType: 'user', entityId: actor.userId });
  });
}
