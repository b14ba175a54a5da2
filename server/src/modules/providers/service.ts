// Service-provider rules: the committee keeps the list; everyone in the park may read it (an enterprise picks the
// provider that trained its people). `forUse` is what other modules call when a session, contract or visit names a
// provider: it must be in the actor's park and active, and an expired qualification comes back as a warning.
import type { z } from 'zod';
import {
  type ProviderCreate,
  type ProviderKind,
  type ProviderListQuery,
  type ProviderUpdate,
  type ProviderView,
  qualificationExpiredOn,
} from '../../../../shared/src/providers';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { keptPhone, maskedPhone, open } from '../../platform/personal-data';
import * as repo from './repository';

export function view(r: repo.ProviderRow, today = shanghaiToday(now())): ProviderView {
  return {
    id: r.id,
    name: r.name,
    kinds: r.kinds as ProviderKind[],
    creditCode: r.credit_code,
    qualification: r.qualification,
    qualificationNo: r.qualification_no,
    qualificationValidUntil: r.qualification_valid_until,
    qualificationExpired: qualificationExpiredOn(r.qualification_valid_until, today),
    contactPerson: r.contact_person,
    // Stored sealed, answered masked (POST /api/personal-data/reveal shows it, audited).
    contactPhone: maskedPhone(r.contact_phone),
    note: r.note,
    active: r.active,
    updatedAt: new Date(r.updated_at).toISOString(),
    rowVersion: Number(r.row_version),
  };
}

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor, id, forUpdate);
  if (!r) throw notFound('服务机构');
  return r;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof ProviderListQuery>) {
  assertCan(actor, 'providers.read');
  const today = shanghaiToday(now());
  const r = await repo.list(db, actor, q, today);
  return { items: r.items.map((i) => view(i, today)), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'providers.read');
  return view(await load(db, actor, id));
}

/**
 * The provider a new record names, checked inside the caller's transaction: in the actor's park, active and of the
 * kind the record needs. `expired` is true when its qualification has lapsed by `onDay` — callers warn, not refuse.
 */
export async function forUse(
  tx: Db,
  actor: Actor,
  id: string,
  kind: ProviderKind,
  onDay: string,
  field = 'providerId',
): Promise<{ provider: ProviderView; expired: boolean }> {
  const r = await repo.get(tx, actor, id);
  if (!r) throw unprocessable('PROVIDER_NOT_FOUND', '所选服务机构不存在或不属于本园区', { [field]: '服务机构不存在' });
  const provider = view(r);
  if (!provider.active)
    throw unprocessable('PROVIDER_INACTIVE', `服务机构“${provider.name}”已停用`, { [field]: '服务机构已停用' });
  if (!provider.kinds.includes(kind))
    throw unprocessable('PROVIDER_KIND', `服务机构“${provider.name}”不提供此类服务`, { [field]: '服务类别不符' });
  return { provider, expired: qualificationExpiredOn(provider.qualificationValidUntil, onDay) };
}

async function assertNameFree(tx: Db, parkId: string, name: string, exceptId: string | null) {
  if (await repo.nameTaken(tx, parkId, name, exceptId))
    throw conflict('PROVIDER_NAME_TAKEN', `已有名为“${name}”的服务机构`, { name: '机构名称已存在' });
}

export async function create(db: Db, ctx: RequestContext, input: ProviderCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'providers.manage');
  const id = await db.transaction(async (tx) => {
    await assertNameFree(tx, actor.parkId, input.name, null);
    const id = await repo.insert(tx, actor.parkId, input, actor.userId, now());
    await appendAudit(tx, ctx, {
      action: 'provider.create',
      entityType: 'provider',
      entityId: id,
      after: view(await load(tx, actor, id)),
    });
    return id;
  });
  return get(db, actor, id);
}

/** A mask left untouched in the form keeps the stored number; any other mask is refused. */
function keptContactPhone(submitted: string | null, row: repo.ProviderRow): string | null {
  const kept = keptPhone(submitted, row.contact_phone);
  if (kept === undefined) {
    throw unprocessable('PERSONAL_DATA_MASKED_VALUE', '联系电话请填写完整的号码', { contactPhone: '请填写完整的号码' });
  }
  return kept;
}

export async function update(db: Db, ctx: RequestContext, id: string, input: ProviderUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'providers.manage');
  await db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version))
      throw conflict('PROVIDER_STALE', '服务机构信息已被他人修改，请刷新后重试');
    const before = view(row);
    const { rowVersion: _v, ...patch } = input;
    const next: ProviderCreate = {
      name: patch.name ?? before.name,
      kinds: patch.kinds ?? before.kinds,
      creditCode: patch.creditCode !== undefined ? patch.creditCode : before.creditCode,
      qualification: patch.qualification !== undefined ? patch.qualification : before.qualification,
      qualificationNo: patch.qualificationNo !== undefined ? patch.qualificationNo : before.qualificationNo,
      qualificationValidUntil:
        patch.qualificationValidUntil !== undefined ? patch.qualificationValidUntil : before.qualificationValidUntil,
      contactPerson: patch.contactPerson !== undefined ? patch.contactPerson : before.contactPerson,
      contactPhone:
        patch.contactPhone !== undefined ? keptContactPhone(patch.contactPhone, row) : open(row.contact_phone),
      note: patch.note !== undefined ? patch.note : before.note,
      active: patch.active ?? before.active,
    };
    if (next.name !== before.name) await assertNameFree(tx, actor.parkId, next.name, id);
    await repo.update(tx, actor.parkId, id, next, now());
    await appendAudit(tx, ctx, {
      action: 'provider.update',
      entityType: 'provider',
      entityId: id,
      before,
      after: view(await load(tx, actor, id)),
    });
  });
  return get(db, actor, id);
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
};
