// Commendations (嘉奖): the committee commends enterprises and individuals for a year's safety work, each numbered in
// the park's series of that year (高新安委嘉〔2023〕001号) with a certificate as Word; one may be proposed from a
// published round's ranking (it then names the round). An enterprise reads its own and its people's.
import type { z } from 'zod';
import { parkShortName } from '../../../../shared/src/documents';
import type {
  CommendationCreate,
  CommendationListQuery,
  CommendationView,
} from '../../../../shared/src/responsibility';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseRefs } from '../../platform/references';
import { nextSerial } from '../../platform/serials';
import * as credit from '../credit/service';
import * as repo from './repository';
import { certificateDocx } from './word';

function view(r: repo.CommendationRow): CommendationView {
  return {
    id: r.id,
    number: r.commendation_no,
    year: Number(r.year),
    kind: r.kind,
    enterpriseId: r.enterprise_id,
    personName: r.person_name,
    unitName: r.unit_name,
    honour: r.honour,
    reason: r.reason,
    awardedOn: r.awarded_on,
    roundId: r.round_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof CommendationListQuery>) {
  assertCan(actor, 'commendations.read');
  const { items, total } = await repo.listCommendations(db, actor, q);
  return { items: items.map(view), total, page: q.page, pageSize: q.pageSize };
}

async function load(db: Db, actor: Actor, id: string) {
  const r = await repo.getCommendation(db, actor, id);
  if (!r) throw notFound('嘉奖');
  return r;
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'commendations.read');
  return view(await load(db, actor, id));
}

/** The next number of the year's series not already taken. */
export async function nextNumber(tx: Db, parkId: string, year: number): Promise<string> {
  const short = parkShortName(await repo.parkName(tx, parkId));
  for (;;) {
    const n = await nextSerial(tx, parkId, `commendation-${year}`);
    const no = `${short}安委嘉〔${year}〕${String(n).padStart(3, '0')}号`;
    if (!(await repo.commendationNoTaken(tx, parkId, no))) return no;
  }
}

export async function create(db: Db, ctx: RequestContext, input: CommendationCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'commendations.manage');
  const id = await db.transaction(async (tx) => {
    let unitName = input.unitName;
    if (input.enterpriseId) {
      await assertEnterpriseRefs(tx, actor, 'enterpriseId', [input.enterpriseId]);
      unitName = unitName ?? (await repo.enterpriseName(tx, actor.parkId, input.enterpriseId));
    }
    if (input.roundId) {
      const round = await repo.getRound(tx, actor.parkId, input.roundId);
      if (!round || round.status !== 'published') {
        const msg = '只能依据已公布结果的考核提名嘉奖';
        throw unprocessable('COMMENDATION_ROUND_INVALID', msg, { roundId: msg });
      }
    }
    if (Number(input.awardedOn.slice(0, 4)) < input.year) {
      const msg = '嘉奖日期不能早于所嘉奖的年度';
      throw unprocessable('COMMENDATION_DATE_INVALID', msg, { awardedOn: msg });
    }
    const no = await nextNumber(tx, actor.parkId, input.year);
    const id = await repo.insertCommendation(tx, {
      parkId: actor.parkId,
      no,
      year: input.year,
      kind: input.kind,
      enterpriseId: input.enterpriseId ?? null,
      personName: input.kind === 'individual' ? input.personName : null,
      unitName: unitName ?? '',
      honour: input.honour,
      reason: input.reason,
      awardedOn: input.awardedOn,
      roundId: input.roundId ?? null,
      by: actor.userId,
      at: now(),
    });
    // A commendation of an enterprise or of one of its people counts for its credit, in this transaction.
    if (input.enterpriseId) await credit.refreshIn(tx, actor.parkId, input.enterpriseId);
    await appendAudit(tx, ctx, {
      action: 'commendation.create',
      entityType: 'commendation',
      entityId: id,
      enterpriseId: input.enterpriseId ?? undefined,
      after: { ...input, number: no },
    });
    return id;
  });
  return get(db, actor, id);
}

export async function certificate(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'commendations.read');
  const c = await load(db, actor, id);
  const buffer = await certificateDocx({
    parkName: await repo.parkName(db, actor.parkId),
    number: c.commendation_no,
    recipient: c.kind === 'individual' ? (c.person_name ?? '') : c.unit_name,
    unitName: c.kind === 'individual' ? c.unit_name : null,
    honour: c.honour,
    year: Number(c.year),
    reason: c.reason,
    awardedOn: c.awarded_on,
  });
  return { buffer, fileName: `荣誉证书_${c.commendation_no}.docx` };
}
