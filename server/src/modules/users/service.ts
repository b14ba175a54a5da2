import type { z } from 'zod';
import { ORGANISATION_KIND_LABELS, ROLE_LABELS } from '../../../../shared/src/labels';
import { ROLE_ORGANISATION_KINDS, type Role } from '../../../../shared/src/roles';
import type { ResetPasswordBody, UserCreate, UserListQuery, UserUpdate, UserView } from '../../../../shared/src/users';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertPasswordAcceptable, hashPassword } from '../../platform/passwords';
import { assertCan } from '../../platform/permissions';
import { keptPhone, looksMasked } from '../../platform/personal-data';
import { assertEnterpriseInScope } from '../../platform/scope';
import { revokeUserSessions } from '../../platform/sessions';
import { getOrganisation } from '../organisations/service';
import * as repo from './repository';

const policy = (c: Config) => ({ minLength: c.passwordMinLength, minClasses: c.passwordMinClasses });

export function list(db: Db, ctx: RequestContext, q: z.infer<typeof UserListQuery>) {
  assertCan(ctx.actor!, 'users.manage');
  return repo.listUsers(db, ctx.actor!.parkId, q, now());
}

async function load(db: Db, ctx: RequestContext, id: string): Promise<UserView> {
  const user = await repo.getUser(db, ctx.actor!.parkId, id, now());
  if (!user) throw notFound('用户');
  return user;
}

export async function get(db: Db, ctx: RequestContext, id: string) {
  assertCan(ctx.actor!, 'users.manage');
  return load(db, ctx, id);
}

/** A role belongs to certain kinds of organisation: an enterprise user to an enterprise, a supervisor to the committee. */
async function assertRoleFitsOrganisation(db: Db, parkId: string, role: Role, organisationId: string) {
  const org = await getOrganisation(db, parkId, organisationId);
  if (!org) throw unprocessable('ORGANISATION_NOT_FOUND', '所属单位不存在', { organisationId: '所属单位不存在' });
  if (!ROLE_ORGANISATION_KINDS[role].includes(org.kind)) {
    const kinds = ROLE_ORGANISATION_KINDS[role].map((k) => ORGANISATION_KIND_LABELS[k]?.zh).join('、');
    const msg = `「${ROLE_LABELS[role]?.zh}」只能属于${kinds}，而「${org.name}」是${ORGANISATION_KIND_LABELS[org.kind]?.zh}`;
    throw unprocessable('ROLE_ORGANISATION_MISMATCH', msg, { organisationId: msg });
  }
  if (org.disabled)
    throw unprocessable('ORGANISATION_DISABLED', '所属单位已停用', { organisationId: '所属单位已停用' });
}

export async function create(db: Db, config: Config, ctx: RequestContext, input: z.infer<typeof UserCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'users.manage');
  assertPasswordAcceptable(input.password, policy(config), { username: input.username });
  const passwordHash = await hashPassword(input.password); // slow: outside the transaction
  return db.transaction(async (tx) => {
    if (await repo.usernameTaken(tx, input.username)) {
      throw conflict('USERNAME_TAKEN', `用户名「${input.username}」已被使用`, { username: '用户名已被使用' });
    }
    await assertRoleFitsOrganisation(tx, actor.parkId, input.role, input.organisationId);
    const id = await repo.insertUser(tx, {
      parkId: actor.parkId,
      organisationId: input.organisationId,
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      role: input.role,
      passwordHash,
      mustChangePassword: true,
    });
    const after = await load(tx, ctx, id);
    await appendAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, after });
    return after;
  });
}

export async function update(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof UserUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'users.manage');
  return db.transaction(async (tx) => {
    const before = await load(tx, ctx, id);
    if (id === actor.userId && (input.disabled || (input.role && input.role !== 'admin'))) {
      throw unprocessable('SELF_LOCKOUT', '不能停用自己的账户或取消自己的管理员角色', { role: '不能修改自己的角色' });
    }
    const role = input.role ?? before.role;
    const organisationId = input.organisationId ?? before.organisationId;
    if (input.role || input.organisationId) await assertRoleFitsOrganisation(tx, actor.parkId, role, organisationId);
    if (looksMasked(input.phone)) {
      // The form showed the phone masked and it was left alone: keep the stored number.
      if (keptPhone(input.phone!, await repo.clearPhone(tx, id)) === undefined) {
        throw unprocessable('PERSONAL_DATA_MASKED_VALUE', '电话请填写完整的号码', { phone: '请填写完整的号码' });
      }
      input = { ...input, phone: undefined };
    }
    await repo.patchUser(tx, id, input);
    // A disabled account, or one whose rights changed, signs in again.
    if (input.disabled || input.role || input.organisationId) await revokeUserSessions(tx, id);
    const after = await load(tx, ctx, id);
    await appendAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function unlock(db: Db, ctx: RequestContext, id: string) {
  assertCan(ctx.actor!, 'users.manage');
  return db.transaction(async (tx) => {
    const before = await load(tx, ctx, id);
    await repo.patchUser(tx, id, { failedAttempts: 0, lockedUntil: null });
    const after = await load(tx, ctx, id);
    await appendAudit(tx, ctx, { action: 'user.unlock', entityType: 'user', entityId: id, before, after });
    return after;
  });
}

export async function resetPassword(
  db: Db,
  config: Config,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof ResetPasswordBody>,
) {
  assertCan(ctx.actor!, 'users.manage');
  const target = await load(db, ctx, id);
  assertPasswordAcceptable(input.password, policy(config), { username: target.username });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await load(tx, ctx, id);
    await repo.patchUser(tx, id, { passwordHash, mustChangePassword: true, failedAttempts: 0, lockedUntil: null });
    await revokeUserSessions(tx, id);
    const after = await load(tx, ctx, id);
    await appendAudit(tx, ctx, { action: 'user.resetPassword', entityType: 'user', entityId: id, after });
    return after;
  });
}

/**
 * The enterprise accounts routes serve enterprises only: the committee's, departments', villages' and service
 * providers' accounts (and every role change) are the administrator's, through /api/users. A non-enterprise
 * organisation is 403; an enterprise outside the actor's scope (or none) is 404.
 */
async function assertEnterpriseAccounts(db: Db, actor: Actor, enterpriseId: string) {
  assertCan(actor, 'enterpriseUsers.manage');
  const org = await getOrganisation(db, actor.parkId, enterpriseId);
  if (org && org.kind !== 'enterprise') {
    throw forbidden('这里只能管理企业的账户；管委会、成员单位等单位的账户由系统管理员管理', 'ENTERPRISE_ACCOUNTS_ONLY');
  }
  await assertEnterpriseInScope(db, actor, enterpriseId);
}

/** A supervisor opens accounts for an enterprise from its page: role enterprise, bound to that enterprise. */
export async function createEnterpriseUser(
  db: Db,
  config: Config,
  ctx: RequestContext,
  enterpriseId: string,
  input: Omit<z.infer<typeof UserCreate>, 'role' | 'organisationId'>,
) {
  const actor = ctx.actor!;
  await assertEnterpriseAccounts(db, actor, enterpriseId);
  assertPasswordAcceptable(input.password, policy(config), { username: input.username });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await assertEnterpriseAccounts(tx, actor, enterpriseId);
    if (await repo.usernameTaken(tx, input.username)) {
      throw conflict('USERNAME_TAKEN', `用户名「${input.username}」已被使用`, { username: '用户名已被使用' });
    }
    await assertRoleFitsOrganisation(tx, actor.parkId, 'enterprise', enterpriseId);
    const id = await repo.insertUser(tx, {
      parkId: actor.parkId,
      organisationId: enterpriseId,
      username: input.username,
      displayName: input.displayName,
      phone: input.phone ?? null,
      role: 'enterprise',
      passwordHash,
      mustChangePassword: true,
    });
    const after = await load(tx, ctx, id);
    await appendAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: id, enterpriseId, after });
    return after;
  });
}

export async function listEnterpriseUsers(db: Db, ctx: RequestContext, enterpriseId: string) {
  await assertEnterpriseAccounts(db, ctx.actor!, enterpriseId);
  return repo.listUsers(
    db,
    ctx.actor!.parkId,
    { organisationId: enterpriseId, role: 'enterprise', page: 1, pageSize: 100, sort: 'username', order: 'asc' },
    now(),
  );
}

/** Disable or re-enable an enterprise's account; the user must belong to that enterprise. */
export async function setEnterpriseUserDisabled(
  db: Db,
  ctx: RequestContext,
  enterpriseId: string,
  userId: string,
  disabled: boolean,
) {
  return db.transaction(async (tx) => {
    await assertEnterpriseAccounts(tx, ctx.actor!, enterpriseId);
    const before = await load(tx, ctx, userId);
    if (before.organisationId !== enterpriseId || before.role !== 'enterprise') throw notFound('用户');
    await repo.patchUser(tx, userId, { disabled });
    if (disabled) await revokeUserSessions(tx, userId);
    const after = await load(tx, ctx, userId);
    await appendAudit(tx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      enterpriseId,
      before,
      after,
    });
    return after;
  });
}
