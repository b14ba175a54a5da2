// Sign-in and account security: argon2id passwords, per-account lockout, per-address throttling, optional TOTP
// (required for admins), forced change of an initial password. Every outcome, good or bad, is audited.
//
// Attackers send attempts in parallel, so no decision here rests on a count read earlier: each attempt first takes
// its place in an atomic counter (the address's attempts, the account's or unknown name's failures, the challenge's
// tries) and the returned value decides whether it is checked at all. A caller learns only "wrong user name or
// password" or "locked" — the same for a name that does not exist — and the account's owner is told the rest by an
// in-app notification.
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import type { LoginResult, Me } from '../../../../shared/src/auth';
import type { RequestContext } from '../../platform/actor';
import { appendAudit, NO_PARK } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { badRequest, forbidden, tooMany, unauthorized } from '../../platform/errors';
import type { AppDeps } from '../../platform/http';
import { assertPasswordAcceptable, burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/passwords';
import { createSession, type NewSession, revokeSession, revokeUserSessions } from '../../platform/sessions';
import { notifySignInFailure } from '../notifications/service';
import * as repo from './repository';

const CHALLENGE_MINUTES = 5;
const ENROL_MINUTES = 10;
/** Codes one challenge accepts before it dies (each wrong one also counts against the account). */
export const CHALLENGE_TRIES = 5;
const ISSUER = 'ParkSafe园区安全生产';

interface Challenge {
  /** The row in login_challenges that counts tries and records the challenge's use. */
  id: string;
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

const failureRule = (config: Config, at: Date): repo.FailureRule => ({
  at,
  threshold: config.lockoutThreshold,
  staleBefore: new Date(at.getTime() - config.lockoutMinutes * 60_000),
  lockUntil: new Date(at.getTime() + config.lockoutMinutes * 60_000),
});

// The only two answers a caller gets for a refused password, identical for every user name.
const invalidCredentials = (config: Config) =>
  unauthorized(
    'AUTH_INVALID_CREDENTIALS',
    `用户名或密码错误（连续输错 ${config.lockoutThreshold} 次将锁定 ${config.lockoutMinutes} 分钟）`,
  );
const accountLocked = (until: Date) =>
  forbidden(`连续登录失败次数过多，账户已锁定，请于 ${hhmm(until)} 后再试或联系系统管理员解锁`, 'AUTH_ACCOUNT_LOCKED');
const challengeInvalid = () => unauthorized('AUTH_CHALLENGE_INVALID', '登录验证已失效，请重新输入用户名和密码');

export async function login(
  deps: AppDeps,
  ctx: RequestContext,
  input: { username: string; password: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const { db } = deps.database;
  const { config } = deps;
  const at = now();
  const rule = failureRule(config, at);

  // Per-address throttling first: it protects against guessing across many accounts. The slot is taken before
  // anything is checked, so only the limit of a burst is ever evaluated.
  const { attempts, newWindow } = await repo.takeAddressSlot(db, ctx.ip, at, config.lockoutMinutes * 60_000);
  if (newWindow) await repo.pruneSignInState(db, at, rule.staleBefore);
  if (attempts > config.ipFailureLimit) {
    await failAttempt(deps, ctx, { username: input.username, user: null, reason: 'throttled' });
    throw tooMany('AUTH_TOO_MANY_ATTEMPTS', `该地址登录失败次数过多，请 ${config.lockoutMinutes} 分钟后再试`);
  }

  const user = await repo.findUserByUsername(db, input.username);
  if (!user) {
    // An unknown name is counted and locked like an account and costs one hash: nothing tells it apart.
    const count = await repo.reserveNameFailure(db, input.username, rule);
    if (count.lockedUntil) {
      await failAttempt(deps, ctx, { username: input.username, user: null, reason: 'locked' });
      throw accountLocked(count.lockedUntil);
    }
    await burnPasswordCheck(input.password);
    const lockedUntil =
      count.failures >= config.lockoutThreshold ? await repo.lockName(db, input.username, at, rule.lockUntil) : null;
    await failAttempt(deps, ctx, { username: input.username, user: null, reason: 'unknownUser', lockedUntil });
    throw lockedUntil ? accountLocked(lockedUntil) : invalidCredentials(config);
  }

  const count = await repo.reserveAccountFailure(db, user.id, rule);
  if (count.lockedUntil) {
    // The password is not even checked while locked: the right one fails too.
    await failAttempt(deps, ctx, { username: input.username, user, reason: 'locked' });
    throw accountLocked(count.lockedUntil);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const lockedUntil =
      count.failures >= config.lockoutThreshold ? await repo.lockAccount(db, user.id, at, rule.lockUntil) : null;
    await failAttempt(deps, ctx, {
      username: input.username,
      user,
      reason: 'wrongPassword',
      failures: count.failures,
      lockedUntil,
      factor: 'password',
    });
    throw lockedUntil ? accountLocked(lockedUntil) : invalidCredentials(config);
  }
  if (user.disabled) {
    // Only whoever knows the password learns that the account exists and is disabled.
    await repo.releaseAccountFailure(db, user.id, at);
    await failAttempt(deps, ctx, { username: input.username, user, reason: 'disabled' });
    throw forbidden('账户已停用，请联系系统管理员', 'AUTH_ACCOUNT_DISABLED');
  }
  await repo.releaseAddressSlot(db, ctx.ip);

  if (user.totpEnabled || user.role === 'admin') {
    // The password was right, but the sign-in is not complete: earlier wrong codes keep counting.
    await repo.releaseAccountFailure(db, user.id, at);
    const exp = new Date(at.getTime() + CHALLENGE_MINUTES * 60_000);
    const id = randomBytes(16).toString('base64url');
    const purpose = user.totpEnabled ? 'totp' : 'totpSetup';
    await repo.insertChallenge(db, { id, userId: user.id, purpose, secretDigest: null, at, expiresAt: exp });
    if (purpose === 'totp') {
      const challenge = deps.secrets.sign({ id, purpose, userId: user.id, exp: exp.getTime() } satisfies Challenge);
      return { result: { status: 'totpRequired', challenge }, session: null };
    }
    const secret = generateSecret();
    const challenge = deps.secrets.sign({
      id,
      purpose,
      userId: user.id,
      exp: exp.getTime(),
      secret,
    } satisfies Challenge);
    const otpauthUrl = generateURI({ secret, issuer: ISSUER, label: user.username });
    return { result: { status: 'totpSetupRequired', challenge, secret, otpauthUrl }, session: null };
  }
  return startSession(deps, ctx, user, userAgent);
}

interface Failure {
  username: string;
  user: repo.LoginUser | null;
  reason: 'throttled' | 'unknownUser' | 'locked' | 'wrongPassword' | 'wrongTotp' | 'disabled';
  failures?: number;
  lockedUntil?: Date | null;
  /** Set for a checked password or code: the owner is told (never the caller). */
  factor?: 'password' | 'totp';
}

async function failAttempt(deps: AppDeps, ctx: RequestContext, f: Failure): Promise<void> {
  const at = now();
  await deps.database.db.transaction(async (tx) => {
    await repo.recordAttempt(tx, { username: f.username, ip: ctx.ip, succeeded: false, at });
    const who = {
      entityType: 'user',
      entityId: f.user?.id ?? null,
      parkId: f.user?.parkId ?? NO_PARK,
      actorName: f.username,
    };
    await appendAudit(tx, ctx, {
      action: 'auth.loginFailed',
      ...who,
      after: { reason: f.reason, failedAttempts: f.failures, lockedUntil: f.lockedUntil ?? undefined },
    });
    if (f.user && f.lockedUntil) {
      await appendAudit(tx, ctx, { action: 'auth.locked', ...who, after: { lockedUntil: f.lockedUntil } });
    }
    if (f.user && f.factor && f.failures) {
      await notifySignInFailure(
        tx,
        { userId: f.user.id, parkId: f.user.parkId },
        {
          at,
          ip: ctx.ip,
          factor: f.factor,
          failures: f.failures,
          threshold: deps.config.lockoutThreshold,
          lockMinutes: deps.config.lockoutMinutes,
          lockedUntil: f.lockedUntil ?? null,
        },
      );
    }
  });
}

/** Why a second factor that checked out was still refused inside the session's transaction. */
class SecondFactorRefused extends Error {
  constructor(readonly why: 'challengeUsed' | 'stepUsed') {
    super(why);
  }
}

async function startSession(
  deps: AppDeps,
  ctx: RequestContext,
  user: repo.LoginUser,
  userAgent: string | null,
  second?: { challengeId: string; step: number; enrolSecret?: string },
): Promise<LoginOutcome> {
  const at = now();
  const session = await deps.database.db.transaction(async (tx) => {
    if (second) {
      // Consuming the challenge and the code's time step here makes both single-use: a parallel request with the
      // same challenge or code finds them taken, and a failure after this point leaves neither used.
      if (!(await repo.consumeChallenge(tx, second.challengeId, at))) throw new SecondFactorRefused('challengeUsed');
      if (second.enrolSecret) {
        await repo.enableTotp(tx, user.id, deps.secrets.encrypt(second.enrolSecret), second.step);
      } else if (!(await repo.claimTotpStep(tx, user.id, second.step))) {
        throw new SecondFactorRefused('stepUsed');
      }
    }
    await repo.recordAttempt(tx, { username: user.username, ip: ctx.ip, succeeded: true, at });
    await repo.updateUser(tx, user.id, { lastLoginAt: at });
    await repo.clearAccountFailures(tx, user.id);
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
    if (second?.enrolSecret) {
      await appendAudit(tx, actorCtx, { action: 'auth.totpEnabled', entityType: 'user', entityId: user.id });
    }
    await appendAudit(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return s;
  });
  const me = await repo.loadMe(deps.database.db, user.id, policyOf(deps));
  if (!me) throw new Error('user vanished during login');
  return { result: { status: 'ok', me, csrfToken: session.csrfToken }, session };
}

function readChallenge(deps: AppDeps, token: string, purpose: Challenge['purpose']): Challenge {
  const c = deps.secrets.verify<Challenge>(token);
  if (!c || c.purpose !== purpose || typeof c.id !== 'string' || c.exp < now().getTime()) throw challengeInvalid();
  return c;
}

/** The time step a code is valid for (±1 step of clock drift), or null. A malformed secret is simply no match. */
export function totpStep(secret: string, code: string): number | null {
  try {
    const epoch = Math.floor(now().getTime() / 1000);
    const result = verifySync({ secret, token: code, epoch, epochTolerance: 30 });
    return result.valid ? Math.floor(epoch / 30) + result.delta : null;
  } catch {
    return null;
  }
}

export async function loginWithTotp(
  deps: AppDeps,
  ctx: RequestContext,
  input: { challenge: string; code: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const { db } = deps.database;
  const { config } = deps;
  const c = readChallenge(deps, input.challenge, 'totp');
  const at = now();
  const user = await repo.findUserById(db, c.userId);
  if (!user || user.disabled || !user.totpSecret) throw challengeInvalid();
  const attempt = await repo.takeChallengeTry(db, { id: c.id, userId: user.id, purpose: 'totp' }, at, CHALLENGE_TRIES);
  if (!attempt) throw challengeInvalid();
  const count = await repo.reserveAccountFailure(db, user.id, failureRule(config, at));
  if (count.lockedUntil) {
    await failAttempt(deps, ctx, { username: user.username, user, reason: 'locked' });
    throw accountLocked(count.lockedUntil);
  }

  const step = totpStep(deps.secrets.decrypt(user.totpSecret), input.code);
  if (step !== null) {
    try {
      return await startSession(deps, ctx, user, userAgent, { challengeId: c.id, step });
    } catch (e) {
      if (!(e instanceof SecondFactorRefused)) throw e;
      if (e.why === 'challengeUsed') {
        // A parallel request with the same challenge and code signed in: not a guess, just too late.
        await repo.releaseAccountFailure(db, user.id, at);
        throw challengeInvalid();
      }
      // stepUsed: the code was accepted once already in its time step — a replay, refused like a wrong code.
    }
  }
  const lockedUntil =
    count.failures >= config.lockoutThreshold
      ? await repo.lockAccount(db, user.id, at, failureRule(config, at).lockUntil)
      : null;
  await failAttempt(deps, ctx, {
    username: user.username,
    user,
    reason: 'wrongTotp',
    failures: count.failures,
    lockedUntil,
    factor: 'totp',
  });
  if (lockedUntil) throw accountLocked(lockedUntil);
  throw unauthorized(
    'AUTH_TOTP_INVALID',
    attempt.tries >= CHALLENGE_TRIES
      ? '动态验证码不正确，错误次数过多，本次登录验证已失效，请重新输入用户名和密码'
      : '动态验证码不正确，请核对手机上的验证码',
  );
}

export async function loginWithTotpSetup(
  deps: AppDeps,
  ctx: RequestContext,
  input: { challenge: string; code: string },
  userAgent: string | null,
): Promise<LoginOutcome> {
  const { db } = deps.database;
  const c = readChallenge(deps, input.challenge, 'totpSetup');
  const at = now();
  const user = await repo.findUserById(db, c.userId);
  if (!user || user.disabled || !c.secret) throw challengeInvalid();
  if (user.lockedUntil && user.lockedUntil > at) throw accountLocked(user.lockedUntil);
  const attempt = await repo.takeChallengeTry(
    db,
    { id: c.id, userId: user.id, purpose: 'totpSetup' },
    at,
    CHALLENGE_TRIES,
  );
  if (!attempt) throw challengeInvalid();
  const step = totpStep(c.secret, input.code);
  if (step === null) {
    const message =
      attempt.tries >= CHALLENGE_TRIES
        ? '动态验证码不正确，错误次数过多，请重新登录并扫描新的二维码'
        : '动态验证码不正确，请确认已扫描二维码并输入当前 6 位验证码';
    throw badRequest('AUTH_TOTP_INVALID', message, { code: '动态验证码不正确' });
  }
  try {
    return await startSession(deps, ctx, user, userAgent, { challengeId: c.id, step, enrolSecret: c.secret });
  } catch (e) {
    if (e instanceof SecondFactorRefused) throw challengeInvalid();
    throw e;
  }
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

/**
 * The current password of a signed-in user, checked under the same counter as sign-in: a borrowed session cannot
 * be used to guess the password without limit.
 */
async function checkCurrentPassword(deps: AppDeps, user: repo.LoginUser, password: string): Promise<boolean> {
  const { db } = deps.database;
  const at = now();
  const rule = failureRule(deps.config, at);
  const count = await repo.reserveAccountFailure(db, user.id, rule);
  if (count.lockedUntil) throw accountLocked(count.lockedUntil);
  if (await verifyPassword(user.passwordHash, password)) {
    await repo.releaseAccountFailure(db, user.id, at);
    return true;
  }
  if (count.failures >= deps.config.lockoutThreshold) await repo.lockAccount(db, user.id, at, rule.lockUntil);
  return false;
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
  if (!(await checkCurrentPassword(deps, user, input.currentPassword))) {
    throw badRequest('PASSWORD_CURRENT_WRONG', '当前密码不正确', { currentPassword: '当前密码不正确' });
  }
  assertPasswordAcceptable(input.newPassword, policyOf(deps), { field: 'newPassword', username: user.username });
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

const digestOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new secret for the account page's enrolment, remembered (by digest) so only this secret can be confirmed. */
export async function startTotpSetup(
  deps: AppDeps,
  actor: { userId: string; username: string },
): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = generateSecret();
  const at = now();
  await repo.insertChallenge(deps.database.db, {
    id: randomBytes(16).toString('base64url'),
    userId: actor.userId,
    purpose: 'totpEnrol',
    secretDigest: digestOf(secret),
    at,
    expiresAt: new Date(at.getTime() + ENROL_MINUTES * 60_000),
  });
  return { secret, otpauthUrl: generateURI({ secret, issuer: ISSUER, label: actor.username }) };
}

export async function confirmTotp(deps: AppDeps, ctx: RequestContext, input: { secret: string; code: string }) {
  const { db } = deps.database;
  const actor = ctx.actor!;
  const at = now();
  const setupInvalid = () =>
    badRequest('TOTP_SETUP_INVALID', '二维码已失效或不是本系统生成的，请重新生成二维码后再绑定', {
      secret: '二维码已失效，请重新生成',
    });
  const attempt = await repo.takeChallengeTry(
    db,
    { userId: actor.userId, purpose: 'totpEnrol', secretDigest: digestOf(input.secret) },
    at,
    CHALLENGE_TRIES,
  );
  if (!attempt) throw setupInvalid();
  const step = totpStep(input.secret, input.code);
  if (step === null) {
    const message =
      attempt.tries >= CHALLENGE_TRIES ? '动态验证码不正确，错误次数过多，请重新生成二维码' : '动态验证码不正确';
    throw badRequest('AUTH_TOTP_INVALID', message, { code: '动态验证码不正确' });
  }
  await db.transaction(async (tx) => {
    if (!(await repo.consumeChallenge(tx, attempt.id, at))) throw setupInvalid();
    await repo.enableTotp(tx, actor.userId, deps.secrets.encrypt(input.secret), step);
    await appendAudit(tx, ctx, { action: 'auth.totpEnabled', entityType: 'user', entityId: actor.userId });
  });
}

export async function disableTotp(deps: AppDeps, ctx: RequestContext, input: { password: string }) {
  const actor = ctx.actor!;
  if (actor.role === 'admin') throw forbidden('系统管理员必须启用动态验证码', 'TOTP_REQUIRED_FOR_ADMIN');
  const user = await repo.findUserById(deps.database.db, actor.userId);
  if (!user || !(await checkCurrentPassword(deps, user, input.password))) {
    throw badRequest('PASSWORD_CURRENT_WRONG', '当前密码不正确', { password: '当前密码不正确' });
  }
  await deps.database.db.transaction(async (tx) => {
    await repo.updateUser(tx, actor.userId, { totpSecret: null, totpEnabled: false });
    await appendAudit(tx, ctx, { action: 'auth.totpDisabled', entityType: 'user', entityId: actor.userId });
  });
}
