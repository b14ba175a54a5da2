// Rules for records attached to an enterprise: scope (an enterprise edits only its own), one transaction with the
// audit row, due states derived from dates at read time (never stored, so never stale).

import type { z } from 'zod';
import type { AttachmentListQuery } from '../../../../shared/src/registry';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { digest, looksMasked, maskedIdNumber, personalDataKey } from '../../platform/personal-data';
import { assertEnterpriseInScope } from '../../platform/scope';
import { type AttachedRow, DUE_SOON_DAYS, dueState, type KindDefinition } from './definitions';
import * as repo from './repository';

export function window() {
  const today = shanghaiToday(now());
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + DUE_SOON_DAYS);
  return { today, soonUntil: soon.toISOString().slice(0, 10) };
}

function toView(def: KindDefinition, stored: AttachedRow, enterpriseName: string, w = window()) {
  const dueDate = def.dueColumn ? stored[camel(def.dueColumn.name)] : undefined;
  const applies = def.dueApplies ? def.dueApplies(stored) : true;
  const row: Record<string, unknown> = { ...stored };
  if (def.sealed) {
    // Stored sealed (SM4): every answer, and so the audit rows, carry the mask; 查看 reveals it (personal-data/reveal).
    row[def.sealed.field] = maskedIdNumber(stored[def.sealed.field] as string | null);
    delete row[def.sealed.digestField];
  }
  return {
    ...(row as AttachedRow),
    enterpriseName,
    updatedAt: stored.updatedAt.toISOString(),
    due: applies ? dueState(dueDate, w.today, w.soonUntil) : ('none' as const),
  };
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export async function list(db: Db, def: KindDefinition, ctx: RequestContext, q: z.infer<typeof AttachmentListQuery>) {
  const w = window();
  const { rows, total } = await repo.list(
    db,
    def,
    ctx.actor!,
    { enterpriseId: q.enterpriseId, due: q.due, q: q.q, ...w },
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => toView(def, r.row, r.enterpriseName, w)), total, page: q.page, pageSize: q.pageSize };
}

async function load(db: Db, def: KindDefinition, ctx: RequestContext, id: string) {
  const found = await repo.get(db, def, ctx.actor!, id);
  if (!found) throw notFound(def.label);
  return toView(def, found.row, found.enterpriseName);
}

export const get = load;

/** Unique-key violations inside the transaction become a 409 naming the field (the transaction has rolled back). */
async function mapUnique<T>(def: KindDefinition, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const code = (err as { cause?: { code?: string }; code?: string }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505' && def.uniqueField) {
      throw conflict('RECORD_DUPLICATE', def.uniqueField.message, { [def.uniqueField.field]: def.uniqueField.message });
    }
    throw err;
  }
}

/**
 * The input as stored: a sealed field's new value sealed, with its digest; the mask the edit form was shown (left
 * untouched) keeps the stored value; any other mask is refused by the field's name.
 */
function sealInput(def: KindDefinition, input: Record<string, unknown>, stored?: AttachedRow): Record<string, unknown> {
  const s = def.sealed;
  if (!s || !(s.field in input)) return input;
  const submitted = input[s.field] as string;
  const { [s.field]: _, ...rest } = input;
  if (looksMasked(submitted)) {
    const current = stored ? (stored[s.field] as string | null) : null;
    if (current && maskedIdNumber(current) === submitted) return rest;
    throw unprocessable('PERSONAL_DATA_MASKED_VALUE', `${s.label}请填写完整的号码`, { [s.field]: '请填写完整的号码' });
  }
  // Sealed here whatever it looks like (the input schema's 60 characters keep a sealed value out anyway).
  return { ...rest, [s.field]: personalDataKey().seal(submitted), [s.digestField]: digest(submitted) };
}

export async function create(
  db: Db,
  def: KindDefinition,
  ctx: RequestContext,
  enterpriseId: string,
  input: Record<string, unknown>,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'registry.write');
  return mapUnique(def, () =>
    db.transaction(async (tx) => {
      await assertEnterpriseInScope(tx, actor, enterpriseId);
      const id = await repo.insert(tx, def, { ...sealInput(def, input), parkId: actor.parkId, enterpriseId });
      const after = await load(tx, def, ctx, id);
      await appendAudit(tx, ctx, {
        action: `${def.kind}.create`,
        entityType: def.kind,
        entityId: id,
        enterpriseId,
        after,
      });
      return after;
    }),
  );
}

export async function update(
  db: Db,
  def: KindDefinition,
  ctx: RequestContext,
  id: string,
  input: Record<string, unknown>,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'registry.write');
  return mapUnique(def, () =>
    db.transaction(async (tx) => {
      const found = await repo.get(tx, def, actor, id);
      if (!found) throw notFound(def.label);
      const before = toView(def, found.row, found.enterpriseName);
      await repo.patch(tx, def, actor.parkId, id, sealInput(def, input, found.row));
      const after = await load(tx, def, ctx, id);
      await appendAudit(tx, ctx, {
        action: `${def.kind}.update`,
        entityType: def.kind,
        entityId: id,
        enterpriseId: before.enterpriseId,
        before,
        after,
      });
      return after;
    }),
  );
}

export async function remove(db: Db, def: KindDefinition, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'registry.write');
  await db.transaction(async (tx) => {
    const before = await load(tx, def, ctx, id);
    await repo.remove(tx, def, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: `${def.kind}.delete`,
      entityType: def.kind,
      entityId: id,
      enterpriseId: before.enterpriseId,
      before,
    });
  });
}
