// Accident rules: the committee records accidents of the enterprises in its scope; the level follows from deaths,
// serious injuries and direct loss by the national thresholds (never typed); a future time is refused. Each write is
// one transaction with its audit row and the enterprise's credit refresh.
import type { z } from 'zod';
import {
  type AccidentCreate,
  type AccidentFilters,
  type AccidentLevel,
  type AccidentListQuery,
  type AccidentType,
  type AccidentUpdate,
  type AccidentView,
  accidentLevel,
} from '../../../../shared/src/accidents';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as credit from '../credit/service';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();

export function view(r: repo.AccidentRow): AccidentView {
  return {
    id: r.id,
    serial: r.serial,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    occurredAt: iso(r.occurred_at),
    recordedAt: iso(r.recorded_at),
    place: r.place,
    accidentType: r.accident_type as AccidentType,
    deaths: Number(r.deaths),
    seriousInjuries: Number(r.serious_injuries),
    minorInjuries: Number(r.minor_injuries),
    directLoss: Number(r.direct_loss),
    level: r.level as AccidentLevel,
    summary: r.summary,
    recordedByName: r.recorded_by_name,
    rowVersion: Number(r.row_version),
  };
}

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor, id, forUpdate);
  if (!r) throw notFound('事故记录');
  return r;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof AccidentListQuery>) {
  assertCan(actor, 'accidents.read');
  const r = await repo.list(db, actor, q);
  return { items: r.items.map(view), total: r.total, page: q.page, pageSize: q.pageSize, totals: r.totals };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'accidents.read');
  return view(await load(db, actor, id));
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof AccidentFilters>) {
  assertCan(actor, 'accidents.read');
  return (await repo.all(db, actor, q)).map(view);
}

function values(v: Omit<repo.Values, 'level'>): repo.Values {
  if (new Date(v.occurredAt).getTime() > now().getTime()) {
    throw unprocessable('ACCIDENT_IN_FUTURE', '事故发生时间不能晚于现在', { occurredAt: '事故发生时间不能晚于现在' });
  }
  return { ...v, level: accidentLevel(v) };
}

export async function create(db: Db, ctx: RequestContext, input: AccidentCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'accidents.manage');
  const v = values({ ...input, occurredAt: iso(input.occurredAt) });
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    const year = v.occurredAt.slice(0, 4);
    const serial = `SG${year}-${String(await nextSerial(tx, actor.parkId, `accident-${year}`)).padStart(4, '0')}`;
    const id = await repo.insert(
      tx,
      actor.parkId,
      input.enterpriseId,
      serial,
      v,
      { userId: actor.userId, name: actor.displayName },
      now(),
    );
    await credit.refreshIn(tx, actor.parkId, input.enterpriseId);
    await appendAudit(tx, ctx, {
      action: 'accident.create',
      entityType: 'accident',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after: view(await load(tx, actor, id)),
    });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: AccidentUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'accidents.manage');
  await db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('ACCIDENT_STALE', '事故记录已被他人修改，请刷新后重试');
    }
    const before = view(row);
    const v = values({
      occurredAt: input.occurredAt ? iso(input.occurredAt) : before.occurredAt,
      place: input.place ?? before.place,
      accidentType: input.accidentType ?? before.accidentType,
      deaths: input.deaths ?? before.deaths,
      seriousInjuries: input.seriousInjuries ?? before.seriousInjuries,
      minorInjuries: input.minorInjuries ?? before.minorInjuries,
      directLoss: input.directLoss ?? before.directLoss,
      summary: input.summary ?? before.summary,
    });
    await repo.update(tx, actor.parkId, id, v, now());
    await credit.refreshIn(tx, actor.parkId, row.enterprise_id);
    await appendAudit(tx, ctx, {
      action: 'accident.update',
      entityType: 'accident',
      entityId: id,
      enterpriseId: row.enterprise_id,
      before,
      after: view(await load(tx, actor, id)),
    });
  });
  return get(db, actor, id);
}

/**
 * 补录: a past accident recorded as of `at` (the demo park's history), numbered and graded as a live record is,
 * without the credit refresh (the caller recomputes the park once).
 */
export const backfill = {
  async insert(
    tx: Db,
    parkId: string,
    enterpriseId: string,
    input: Omit<repo.Values, 'level'>,
    by: { userId: string; name: string },
    at: Date,
  ): Promise<string> {
    const v = values(input);
    const year = v.occurredAt.slice(0, 4);
    const serial = `SG${year}-${String(await nextSerial(tx, parkId, `accident-${year}`)).padStart(4, '0')}`;
    return repo.insert(tx, parkId, enterpriseId, serial, v, by, at);
  },
};
