import type { z } from 'zod';
import type {
  OrganisationCreate,
  OrganisationListQuery,
  OrganisationUpdate,
  OrganisationView,
} from '../../../../shared/src/organisations';
import type { RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { keptPhone, looksMasked } from '../../platform/personal-data';
import * as repo from './repository';

export function list(db: Db, ctx: RequestContext, q: z.infer<typeof OrganisationListQuery>) {
  assertCan(ctx.actor!, 'organisations.read');
  return repo.listOrganisations(db, ctx.actor!.parkId, q);
}

export async function get(db: Db, ctx: RequestContext, id: string): Promise<OrganisationView> {
  assertCan(ctx.actor!, 'organisations.read');
  const org = await repo.getOrganisation(db, ctx.actor!.parkId, id);
  if (!org) throw notFound('单位');
  return org;
}

const duplicate = (name: string) =>
  conflict('ORGANISATION_NAME_TAKEN', `已存在同类单位「${name}」`, { name: '同类单位中已有此名称' });

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof OrganisationCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'organisations.manage');
  return db.transaction(async (tx) => {
    if (await repo.nameTaken(tx, actor.parkId, input.kind, input.name)) throw duplicate(input.name);
    const id = await repo.insertOrganisation(tx, { ...input, parkId: actor.parkId });
    const after = await repo.getOrganisation(tx, actor.parkId, id);
    await appendAudit(tx, ctx, { action: 'organisation.create', entityType: 'organisation', entityId: id, after });
    return after!;
  });
}

export async function update(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof OrganisationUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'organisations.manage');
  return db.transaction(async (tx) => {
    const before = await repo.getOrganisation(tx, actor.parkId, id);
    if (!before) throw notFound('单位');
    if (input.name && (await repo.nameTaken(tx, actor.parkId, before.kind, input.name, id)))
      throw duplicate(input.name);
    if (looksMasked(input.contactPhone)) {
      // The form showed the phone masked and it was left alone: keep the stored number.
      if (keptPhone(input.contactPhone!, await repo.clearContactPhone(tx, id)) === undefined) {
        const msg = '请填写完整的号码';
        throw unprocessable('PERSONAL_DATA_MASKED_VALUE', `联系电话${msg}`, { contactPhone: msg });
      }
      input = { ...input, contactPhone: undefined };
    }
    await repo.patchOrganisation(tx, id, input);
    const after = await repo.getOrganisation(tx, actor.parkId, id);
    await appendAudit(tx, ctx, {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      before,
      after,
    });
    return after!;
  });
}

// For users, which checks the organisation a user belongs to.
export { getOrganisation } from './repository';
