import type { HomeStats } from '../../../../shared/src/home';
import type { Actor } from '../../platform/actor';
import { NO_PARK } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { getEnterprise } from '../enterprises/service';
import * as repo from './repository';

/** Start of today in Asia/Shanghai (UTC+8, no daylight saving), as a UTC instant. */
export function startOfShanghaiDay(at: Date): Date {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  shifted.setUTCHours(0, 0, 0, 0);
  return new Date(shifted.getTime() - 8 * 3600_000);
}

export async function homeStats(db: Db, actor: Actor): Promise<HomeStats> {
  const isAdmin = actor.role === 'admin';
  const at = now();
  const [{ enterprises, organisations }, users, audit, own] = await Promise.all([
    repo.figureCounts(db, actor, ['admin', 'supervisor', 'leader'].includes(actor.role)),
    isAdmin ? repo.userCounts(db, actor.parkId, at) : null,
    isAdmin ? repo.auditToday(db, [actor.parkId, NO_PARK], startOfShanghaiDay(at)) : null,
    actor.enterpriseId ? getEnterprise(db, actor, actor.enterpriseId) : null,
  ]);
  return {
    role: actor.role,
    enterprises,
    users,
    organisations,
    audit,
    enterprise: own
      ? { id: own.id, name: own.name, creditCode: own.creditCode, status: own.status, tags: own.supervisionTags }
      : null,
  };
}
