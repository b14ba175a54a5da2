import type { z } from 'zod';
import type { EnterpriseListQuery } from '../../../../shared/src/enterprises';
import type { Actor } from '../../platform/actor';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import * as repo from './repository';

export function list(db: Db, actor: Actor, q: z.infer<typeof EnterpriseListQuery>) {
  assertCan(actor, 'enterprises.read');
  return repo.listEnterprises(db, actor, q);
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'enterprises.read');
  const e = await repo.getEnterprise(db, actor, id);
  if (!e) throw notFound('企业');
  return e;
}
