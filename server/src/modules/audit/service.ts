import type { z } from 'zod';
import type { AuditListQuery, AuditVerifyQuery } from '../../../../shared/src/audit';
import type { Actor } from '../../platform/actor';
import { NO_PARK, verifyAuditChains } from '../../platform/audit';
import { readCheckpoints } from '../../platform/audit-checkpoints';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import { assertCan } from '../../platform/permissions';
import { listArchives } from './archive';
import { entityNames, nameKey } from './names';
import * as repo from './repository';

// An admin sees its park's chain and the park-less one (sign-in attempts with unknown user names).
const chainsOf = (actor: Actor) => [actor.parkId, NO_PARK];

export async function list(db: Db, actor: Actor, q: z.infer<typeof AuditListQuery>) {
  assertCan(actor, 'audit.read');
  const page = await repo.listAudit(db, chainsOf(actor), q);
  const names = await entityNames(db, actor.parkId, page.items);
  return { ...page, items: page.items.map((r) => ({ ...r, entityName: names.get(nameKey(r)) ?? null })) };
}

/** Verifies the actor's chains with the audit key and against the checkpoints kept outside the database. */
export async function verify(db: Db, config: Config, actor: Actor, q: z.infer<typeof AuditVerifyQuery> = {}) {
  assertCan(actor, 'audit.read');
  const sources = config.auditCheckpointFile ? [config.auditCheckpointFile] : [];
  // A park day runs from Shanghai midnight (UTC+8, no daylight saving) to the next.
  const from = q.date ? new Date(`${q.date}T00:00:00+08:00`) : null;
  return verifyAuditChains(db, {
    parkIds: chainsOf(actor),
    key: config.auditKey,
    checkpoints: await readCheckpoints(sources, config.auditKey),
    ...(from ? { range: { from, to: new Date(from.getTime() + 86_400_000) } } : {}),
  });
}

/** The archived months with the rows of the actor's chains (read-only: archive and drop are the owner's, by CLI). */
export async function archives(db: Db, actor: Actor) {
  assertCan(actor, 'audit.read');
  return { items: await listArchives(db, chainsOf(actor)) };
}

// For an enterprise's change history, shown like the audit log.
export { toAuditRow } from './repository';
