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
import * as repo from './repository';

export function list(db: Db, actor: Actor, q: z.infer<typeof EnterpriseListQuery>) {
  assertCan(actor, 'enterprises.read');
  return repo.listEnterprises(db, actor, q);
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
    await repo.updateEnterpriseFields(tx, actor.parkId, id, patch);
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
