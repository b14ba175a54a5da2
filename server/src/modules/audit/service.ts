import type { z } from 'zod';
import type { AuditListQuery } from '../../../../shared/src/audit';
import type { Actor } from '../../platform/actor';
import { NO_PARK, verifyAuditChains } from '../../platform/audit';
import type { Db } from '../../platform/db';
import { assertCan } from '../../platform/permissions';
import * as repo from './repository';

// An admin sees its park's chain and the park-less one (sign-in attempts with unknown user names).
const chainsOf = (actor: Actor) => [actor.parkId, NO_PARK];

export function list(db: Db, actor: Actor, q: z.infer<typeof AuditListQuery>) {
  assertCan(actor, 'audit.read');
  return repo.listAudit(db, chainsOf(actor), q);
}

export function verify(db: Db, actor: Actor) {
  assertCan(actor, 'audit.read');
  return verifyAuditChains(db, { parkIds: chainsOf(actor) });
}
