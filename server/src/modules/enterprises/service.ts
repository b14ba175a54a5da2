// Enterprise registry rules: unique credit code per park, landlord links, optimistic locking, and what an enterprise's
// own users may change. Every write is one transaction with its audit row.
import type { z } from 'zod';
import {
  ENTERPRISE_SELF_EDITABLE,
  type EnterpriseInput,
  type EnterpriseListQuery,
  type EnterpriseUpdate,
  type EnterpriseView,
} from '../../../../shared/src/enterprises';
import { FIELD_LABELS } from '../../../../shared/src/labels';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { keptPhone, looksMasked, maskPhone } from '../../platform/personal-data';
import * as credit from '../credit/service';
import * as repo from './repository';

export async function list(db: Db, actor: Actor, q: z.infer<typeof EnterpriseListQuery>) {
  assertCan(actor, 'enterprises.read');
  return repo.listEnterprises(db, actor, q, await credit.baseGrade(db, actor.parkId));
}

/** Enterprises in scope by risk level and credit grade, counted as the list's filters count them. */
export async function distribution(db: Db, actor: Actor) {
  assertCan(actor, 'enterprises.read');
  return repo.distribution(db, actor, await credit.baseGrade(db, actor.parkId));
}

export async function get(db: Db, actor: Actor, id: string): Promise<EnterpriseView> {
  assertCan(actor, 'enterprises.read');
  const e = await repo.getEnterprise(db, actor, id);
  if (!e) throw notFound('企业');
  return e;
}

/** Cross-field rules the schema cannot see: dates not in the future, landlord of the right kind. */
async function assertConsistent(db: Db, parkId: string, id: string | null, e: Partial<EnterpriseInput>) {
  if (e.productionStartDate && e.productionStartDate > shanghaiToday(now())) {
    throw unprocessable('ENTERPRISE_DATE_IN_FUTURE', '投产日期不能晚于今天', {
      productionStartDate: '投产日期不能晚于今天',
    });
  }
  if (e.siteType === 'ownSite' && e.landlordEnterpriseId) {
    const msg = '独立选址企业不应填写出租方';
    throw unprocessable('ENTERPRISE_LANDLORD_NOT_ALLOWED', msg, { landlordEnterpriseId: msg });
  }
  if (e.landlordEnterpriseId) {
    const landlord = await repo.findInPark(db, parkId, e.landlordEnterpriseId);
    if (!landlord || landlord.id === id) {
      const msg = landlord ? '出租方不能是企业自身' : '出租方企业不存在';
      throw unprocessable('ENTERPRISE_LANDLORD_INVALID', msg, { landlordEnterpriseId: msg });
    }
  }
}

const codeTaken = (code: string) =>
  conflict('ENTERPRISE_CREDIT_CODE_TAKEN', `统一社会信用代码 ${code} 已登记在本园区其他企业名下`, {
    creditCode: '该统一社会信用代码已登记',
  });

export async function create(db: Db, ctx: RequestContext, input: EnterpriseInput): Promise<EnterpriseView> {
  const actor = ctx.actor!;
  assertCan(actor, 'enterprises.create');
  return db.transaction(async (tx) => {
    if (await repo.creditCodeOwner(tx, actor.parkId, input.creditCode)) throw codeTaken(input.creditCode);
    await assertConsistent(tx, actor.parkId, null, input);
    const id = await repo.insertEnterprise(tx, actor.parkId, input);
    const after = await repo.getEnterprise(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'enterprise.create',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      after,
    });
    return after!;
  });
}

export async function update(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof EnterpriseUpdate>,
): Promise<EnterpriseView> {
  const actor = ctx.actor!;
  assertCan(actor, 'enterprises.update');
  const { rowVersion, ...patch } = input;
  if (actor.role === 'enterprise') {
    const editable: readonly string[] = ENTERPRISE_SELF_EDITABLE;
    const locked = Object.keys(patch).filter((k) => !editable.includes(k));
    if (locked.length > 0) {
      const names = locked.map((k) => FIELD_LABELS[k] ?? k).join('、');
      throw forbidden(`${names} 由园区安监部门维护，企业用户不能修改`, 'ENTERPRISE_FIELD_LOCKED');
    }
  }
  return db.transaction(async (tx) => {
    const before = await repo.getEnterprise(tx, actor, id);
    if (!before) throw notFound('企业');
    const current = await repo.lockForUpdate(tx, actor.parkId, id);
    if (current !== rowVersion) {
      throw conflict('ENTERPRISE_STALE', '该企业档案已被他人修改，请刷新后再保存', {});
    }
    if (patch.creditCode && patch.creditCode !== before.creditCode) {
      const owner = await repo.creditCodeOwner(tx, actor.parkId, patch.creditCode);
      if (owner && owner !== id) throw codeTaken(patch.creditCode);
    }
    const merged = {
      siteType: patch.siteType ?? before.siteType,
      landlordEnterpriseId:
        patch.landlordEnterpriseId !== undefined ? patch.landlordEnterpriseId : before.landlordEnterpriseId,
    };
    // Switching to own site drops the landlord link rather than refusing the edit.
    if (patch.siteType === 'ownSite' && patch.landlordEnterpriseId === undefined) {
      merged.landlordEnterpriseId = null;
      patch.landlordEnterpriseId = null;
    }
    await assertConsistent(tx, actor.parkId, id, { ...patch, ...merged });
    keepMaskedPhones(patch, await repo.clearPhones(tx, actor.parkId, id));
    await repo.updateEnterpriseFields(tx, actor.parkId, id, patch as Partial<EnterpriseInput>);
    const after = await repo.getEnterprise(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: 'enterprise.update',
      entityType: 'enterprise',
      entityId: id,
      enterpriseId: id,
      before,
      after,
    });
    return after!;
  });
}

const maskMismatch = (field: string) => {
  const msg = `${FIELD_LABELS[field] ?? '电话'}请填写完整的号码`;
  return unprocessable('PERSONAL_DATA_MASKED_VALUE', msg, { [field]: msg });
};

/**
 * The edit form shows phones masked (138****1234): a mask left as it was keeps the stored number (the field drops out
 * of the patch), a changed one must be a full number; an extra safety manager's mask is matched to the stored entry.
 */
function keepMaskedPhones(
  patch: Record<string, unknown> & { extraSafetyManagers?: { name: string; phone: string | null }[] },
  clear: Awaited<ReturnType<typeof repo.clearPhones>>,
) {
  for (const f of ['principalPhone', 'actualControllerPhone', 'safetyManagerPhone'] as const) {
    const v = patch[f] as string | null | undefined;
    if (v === undefined || !looksMasked(v)) continue;
    const kept = keptPhone(v, clear?.[f] ?? null);
    if (kept === undefined) throw maskMismatch(f);
    delete patch[f];
  }
  if (patch.extraSafetyManagers) {
    const stored = clear?.extraSafetyManagers ?? [];
    patch.extraSafetyManagers = patch.extraSafetyManagers.map((m, i) => {
      if (!looksMasked(m.phone)) return m;
      const same = [stored[i], ...stored].find((s) => s?.phone && maskPhone(s.phone) === m.phone);
      if (!same) throw maskMismatch('extraSafetyManagers');
      return { ...m, phone: same.phone };
    });
  }
}

// For home and the enterprise export, which read enterprises with the same scope and filters.
export { enterpriseWhere, getEnterprise } from './repository';
/**
 * Sets an enterprise's operating status inside the caller's transaction (复工复产确认 sets it back to 在营): the row
 * locked, the status read under the lock, the change audited with why. Returns the status it had. The caller decides
 * who may; this only refuses an enterprise outside the actor's scope.
 */
export async function setStatusIn(
  tx: Db,
  ctx: RequestContext,
  id: string,
  status: EnterpriseView['status'],
  why: { action: string; reason: string },
): Promise<EnterpriseView['status']> {
  const actor = ctx.actor!;
  if ((await repo.lockForUpdate(tx, actor.parkId, id)) === null) throw notFound('企业');
  const before = await repo.getEnterprise(tx, actor, id);
  if (!before) throw notFound('企业');
  if (before.status === status) return before.status;
  await repo.updateEnterpriseFields(tx, actor.parkId, id, { status });
  await appendAudit(tx, ctx, {
    action: 'enterprise.statusChange',
    entityType: 'enterprise',
    entityId: id,
    enterpriseId: id,
    before: { status: before.status },
    after: { status, reason: why.reason, by: why.action },
  });
  return before.status;
}

/** An enterprise's current status, read under a row lock in the caller's transaction (null: not in scope). */
export async function statusForUpdate(tx: Db, actor: Actor, id: string): Promise<EnterpriseView['status'] | null> {
  if ((await repo.lockForUpdate(tx, actor.parkId, id)) === null) return null;
  return (await repo.getEnterprise(tx, actor, id))?.status ?? null;
}
