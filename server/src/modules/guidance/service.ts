// Guidance and talk rules: recorded by the committee for an enterprise in its scope, never for a future day; a
// follow-up is due on or after the day of the talk (a promise cannot fall due before it was made) and is done on or
// after that day too. 逾期 is derived from today. Each write is one transaction with its audit row.
import type { z } from 'zod';
import {
  type COUNTERPART_ROLES,
  type FollowUpAdd,
  type FollowUpDone,
  followUpState,
  type GuidanceCreate,
  type GuidanceFilters,
  type GuidanceKind,
  type GuidanceListQuery,
  type GuidanceView,
} from '../../../../shared/src/guidance';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertEnterpriseInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import { assertFilesUsable } from '../files/service';
import * as repo from './repository';

const today = () => shanghaiToday(now());
const iso = (v: string | Date) => new Date(v).toISOString();

function view(r: repo.RecordRow, day: string): GuidanceView {
  const followUps = (r.follow_ups ?? []).map((f) => ({
    id: f.id,
    content: f.content,
    dueOn: f.due_on,
    owner: f.owner,
    doneOn: f.done_on,
    result: f.result,
    state: followUpState({ dueOn: f.due_on, doneOn: f.done_on }, day),
  }));
  return {
    id: r.id,
    serial: r.serial,
    kind: r.kind as GuidanceKind,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    heldOn: r.held_on,
    staff: r.staff,
    counterpartName: r.counterpart_name,
    counterpartRole: r.counterpart_role as (typeof COUNTERPART_ROLES)[number],
    topics: r.topics,
    commitments: r.commitments,
    photoIds: r.photo_ids ?? [],
    followUps,
    openFollowUps: followUps.filter((f) => f.state !== 'done').length,
    overdueFollowUps: followUps.filter((f) => f.state === 'overdue').length,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
  };
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof GuidanceListQuery>) {
  assertCan(actor, 'guidance.read');
  const day = today();
  const r = await repo.list(db, actor, q, day);
  return { items: r.items.map((x) => view(x, day)), total: r.total, page: q.page, pageSize: q.pageSize };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof GuidanceFilters>) {
  assertCan(actor, 'guidance.read');
  const day = today();
  return (await repo.all(db, actor, q, day)).map((x) => view(x, day));
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'guidance.read');
  const r = await repo.get(db, actor, id);
  if (!r) throw notFound('指导服务 / 谈话记录');
  return view(r, today());
}

function assertDueDates(list: { dueOn: string }[], heldOn: string, field: (i: number) => string) {
  for (const [i, f] of list.entries()) {
    if (f.dueOn < heldOn) {
      const msg = `第 ${i + 1} 条跟进事项的完成期限（${f.dueOn}）不能早于${heldOn}（谈话/指导日期）`;
      throw unprocessable('GUIDANCE_FOLLOW_UP_BEFORE', msg, { [field(i)]: msg });
    }
  }
}

export async function create(db: Db, ctx: RequestContext, input: GuidanceCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'guidance.write');
  if (input.heldOn > today()) {
    throw unprocessable('GUIDANCE_IN_FUTURE', '日期不能晚于今天', { heldOn: '日期不能晚于今天' });
  }
  assertDueDates(input.followUps, input.heldOn, (i) => `followUps.${i}.dueOn`);
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    await assertFilesUsable(tx, actor, input.enterpriseId, input.photoIds, undefined, 'photoIds');
    const year = input.heldOn.slice(0, 4);
    const prefix = input.kind === 'talk' ? 'TH' : 'ZD';
    const serial = `${prefix}${year}-${String(await nextSerial(tx, actor.parkId, `guidance-${input.kind}-${year}`)).padStart(4, '0')}`;
    const id = await repo.insert(tx, actor.parkId, serial, input, { id: actor.userId, name: actor.displayName });
    await repo.addFollowUps(tx, actor.parkId, id, input.followUps);
    const after = await repo.get(tx, actor, id);
    await appendAudit(tx, ctx, {
      action: `guidance.create`,
      entityType: 'guidance',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after: after ? view(after, today()) : null,
    });
    return id;
  });
  return get(db, actor, id);
}

async function loadForWrite(tx: Db, actor: Actor, id: string) {
  assertCan(actor, 'guidance.write');
  const r = await repo.get(tx, actor, id, true);
  if (!r) throw notFound('指导服务 / 谈话记录');
  return r;
}

export async function addFollowUp(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof FollowUpAdd>) {
  const actor = ctx.actor!;
  await db.transaction(async (tx) => {
    const r = await loadForWrite(tx, actor, id);
    assertDueDates([input], r.held_on, () => 'dueOn');
    await repo.addFollowUps(tx, actor.parkId, id, [input]);
    await appendAudit(tx, ctx, {
      action: 'guidance.followUpAdd',
      entityType: 'guidance',
      entityId: id,
      enterpriseId: r.enterprise_id,
      after: input,
    });
  });
  return get(db, actor, id);
}

export async function completeFollowUp(
  db: Db,
  ctx: RequestContext,
  id: string,
  followUpId: string,
  input: z.infer<typeof FollowUpDone>,
) {
  const actor = ctx.actor!;
  await db.transaction(async (tx) => {
    const r = await loadForWrite(tx, actor, id);
    await assertEnterpriseInScope(tx, actor, r.enterprise_id);
    const f = await repo.followUp(tx, actor.parkId, id, followUpId);
    if (!f) throw notFound('跟进事项');
    if (f.done_on) throw conflict('GUIDANCE_FOLLOW_UP_DONE', `该跟进事项已于 ${f.done_on} 完成`);
    if (input.doneOn > today() || input.doneOn < r.held_on) {
      const msg = `完成日期应在 ${r.held_on} 至今天之间`;
      throw unprocessable('GUIDANCE_DONE_DATE', msg, { doneOn: msg });
    }
    await repo.markDone(tx, actor.parkId, followUpId, input.doneOn, input.result);
    await appendAudit(tx, ctx, {
      action: 'guidance.followUpDone',
      entityType: 'guidance',
      entityId: id,
      enterpriseId: r.enterprise_id,
      before: { content: f.content, doneOn: null },
      after: { content: f.content, doneOn: input.doneOn, result: input.result },
    });
  });
  return get(db, actor, id);
}

export async function figures(db: Db, actor: Actor, year: number | undefined) {
  assertCan(actor, 'guidance.read');
  const y = year ?? Number(today().slice(0, 4));
  const r = await repo.figures(db, actor, y, today());
  return {
    year: y,
    guidance: Number(r.guidance),
    talks: Number(r.talks),
    enterprises: Number(r.enterprises),
    followUps: Number(r.follow_ups),
    followUpsDone: Number(r.done),
    followUpsOverdue: Number(r.overdue),
  };
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
  addFollowUps: repo.addFollowUps,
};
