// Work plan rules (工作计划). The committee (admin, supervisor) writes a year's and a quarter's items; its leaders read
// them; enterprises and member units never do. Each write is one transaction with its audit record.
//
// State and progress are DERIVED, never typed (deriveState below). Each linked record reads, through its own module,
// as done / under way / void (links.ts: a campaign closed or past its end date is done, a cancelled one is void; a
// training, meeting or drill held is done; a publicity activity whose last day has passed is done; a year's
// responsibility letter is done when every issued letter is signed). Then, with today in Asia/Shanghai:
//   已完成 (done)        at least one counted (non-void) link, and every counted link done — even after the due date;
//   逾期 (overdue)       otherwise, when the due date has passed;
//   进行中 (inProgress)  otherwise, when there is a counted link;
//   未开始 (notStarted)  otherwise.
// Progress is done / counted links in percent (0 with none).
import type { z } from 'zod';
import type { CampaignCreate } from '../../../../shared/src/campaigns';
import {
  campaignTypesOf,
  type LinkState,
  PLAN_LINK_KIND_NAMES,
  PLAN_LINK_KINDS,
  PLAN_STATES,
  type PlanCampaignBody,
  type PlanDocumentQuery,
  type PlanFilters,
  type PlanItemCreate,
  type PlanItemUpdate,
  type PlanItemView,
  type PlanKind,
  type PlanLinkBody,
  type PlanListQuery,
  type PlanState,
  seasonalProposals,
} from '../../../../shared/src/plans';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { assertOrganisationRefs } from '../../platform/references';
import * as campaigns from '../campaigns/service';
import { periodName, planDocx, planTitle } from './docx';
import { hrefOf, type LinkedRecord, readLinked } from './links';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
const today = () => shanghaiToday(now());

/** The item's state and progress from its links' states (the rule in the header comment). */
export function deriveState(
  linkStates: readonly LinkState[],
  dueOn: string,
  on: string,
): { state: PlanState; progress: number } {
  const counted = linkStates.filter((s) => s !== 'void');
  const done = counted.filter((s) => s === 'done').length;
  const progress = counted.length ? Math.round((done / counted.length) * 100) : 0;
  if (counted.length > 0 && done === counted.length) return { state: 'done', progress };
  if (dueOn < on) return { state: 'overdue', progress };
  return { state: counted.length > 0 ? 'inProgress' : 'notStarted', progress };
}

async function views(db: Db, actor: Actor, items: repo.ItemRow[]): Promise<PlanItemView[]> {
  const links = await repo.links(
    db,
    actor.parkId,
    items.map((i) => i.id),
  );
  // One read per linked record, even when several items share it.
  const records = new Map<string, LinkedRecord | null>();
  for (const l of links) {
    const key = `${l.record_kind}:${l.record_id}`;
    if (!records.has(key)) records.set(key, await readLinked(db, actor, l.record_kind, l.record_id));
  }
  const on = today();
  return items.map((r) => {
    const mine = links
      .filter((l) => l.item_id === r.id)
      .map((l) => {
        const rec = records.get(`${l.record_kind}:${l.record_id}`) ?? null;
        return {
          recordKind: l.record_kind,
          recordId: l.record_id,
          title: rec?.title ?? null,
          date: rec?.date ?? null,
          // A record no longer readable counts for nothing.
          state: rec?.state ?? ('void' as const),
          href: hrefOf(l.record_kind, l.record_id),
          linkedAt: iso(l.linked_at),
        };
      });
    const { state, progress } = deriveState(
      mine.map((l) => l.state),
      r.due_on,
      on,
    );
    return {
      id: r.id,
      year: Number(r.year),
      quarter: r.quarter === null ? null : Number(r.quarter),
      kind: r.kind as PlanKind,
      title: r.title,
      content: r.content,
      ownerUnit: r.owner_unit,
      ownerOrganisationId: r.owner_organisation_id,
      dueOn: r.due_on,
      season: r.season,
      state,
      progress,
      links: mine,
      createdAt: iso(r.created_at),
      rowVersion: Number(r.row_version),
    };
  });
}

/** Every item of the filters with its derived state (state filtered here: it is not stored). */
export async function all(db: Db, actor: Actor, q: z.infer<typeof PlanFilters>) {
  assertCan(actor, 'plans.read');
  const items = await views(db, actor, await repo.all(db, actor.parkId, q));
  return q.state ? items.filter((i) => i.state === q.state) : items;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof PlanListQuery>) {
  assertCan(actor, 'plans.read');
  const items = await views(db, actor, await repo.all(db, actor.parkId, q));
  const byState = Object.fromEntries(PLAN_STATES.map((s) => [s, items.filter((i) => i.state === s).length])) as Record<
    PlanState,
    number
  >;
  const matching = q.state ? items.filter((i) => i.state === q.state) : items;
  const ordered = q.order === 'desc' ? [...matching].reverse() : matching;
  return {
    items: ordered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total: matching.length,
    page: q.page,
    pageSize: q.pageSize,
    byState,
  };
}

export async function get(db: Db, actor: Actor, id: string): Promise<PlanItemView> {
  assertCan(actor, 'plans.read');
  const r = await repo.get(db, actor.parkId, id);
  if (!r) throw notFound('计划事项');
  return (await views(db, actor, [r]))[0]!;
}

async function values(tx: Db, actor: Actor, input: PlanItemCreate): Promise<repo.Values> {
  if (input.ownerOrganisationId) {
    await assertOrganisationRefs(
      tx,
      actor,
      'ownerOrganisationId',
      [input.ownerOrganisationId],
      ['committee', 'department', 'village'],
      '应为本园区在用的安委会、成员单位或村居',
    );
  }
  if (input.quarter !== null && input.dueOn.slice(0, 4) === String(input.year)) {
    const dueQuarter = Math.floor((Number(input.dueOn.slice(5, 7)) - 1) / 3) + 1;
    if (dueQuarter < input.quarter) {
      const message = `完成时限早于第${input.quarter}季度，请调整完成时限或季度`;
      throw unprocessable('PLAN_DUE_BEFORE_QUARTER', message, { dueOn: message });
    }
  }
  return {
    year: input.year,
    quarter: input.quarter,
    kind: input.kind,
    title: input.title,
    content: input.content,
    ownerUnit: input.ownerUnit,
    ownerOrganisationId: input.ownerOrganisationId,
    dueOn: input.dueOn,
    season: input.season,
  };
}

export async function create(db: Db, ctx: RequestContext, input: PlanItemCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  const id = await db.transaction(async (tx) => {
    const id = await repo.insert(tx, actor.parkId, await values(tx, actor, input), actor.userId, now());
    const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, id))!]);
    await appendAudit(tx, ctx, { action: 'workPlan.create', entityType: 'workPlan', entityId: id, after });
    return id;
  });
  return get(db, actor, id);
}

async function lockItem(tx: Db, actor: Actor, id: string, rowVersion?: number) {
  const row = await repo.get(tx, actor.parkId, id, true);
  if (!row) throw notFound('计划事项');
  if (rowVersion !== undefined && rowVersion !== Number(row.row_version)) {
    throw conflict('PLAN_STALE', '计划事项已被他人修改，请刷新后重试');
  }
  return row;
}

export async function update(db: Db, ctx: RequestContext, id: string, input: PlanItemUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  await db.transaction(async (tx) => {
    const row = await lockItem(tx, actor, id, input.rowVersion);
    const [before] = await views(tx, actor, [row]);
    await repo.update(tx, actor.parkId, id, await values(tx, actor, input), now());
    const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, id))!]);
    await appendAudit(tx, ctx, { action: 'workPlan.update', entityType: 'workPlan', entityId: id, before, after });
  });
  return get(db, actor, id);
}

/** Removes an item and its links (the linked records stay as they are). */
export async function remove(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  await db.transaction(async (tx) => {
    const row = await lockItem(tx, actor, id);
    const [before] = await views(tx, actor, [row]);
    await repo.remove(tx, actor.parkId, id);
    await appendAudit(tx, ctx, { action: 'workPlan.delete', entityType: 'workPlan', entityId: id, before });
  });
  return { ok: true as const };
}

/** The record must exist in the actor's park (its module decides); another park's record is refused by name. */
async function assertLinkable(tx: Db, actor: Actor, body: PlanLinkBody) {
  const rec = await readLinked(tx, actor, body.recordKind, body.recordId);
  if (!rec) {
    const message = `关联的${PLAN_LINK_KIND_NAMES[body.recordKind]}不存在、不属于本园区或不在您的数据范围内`;
    throw unprocessable('PLAN_LINK_INVALID', message, { recordId: message });
  }
  return rec;
}

export async function link(db: Db, ctx: RequestContext, id: string, body: PlanLinkBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  await db.transaction(async (tx) => {
    await lockItem(tx, actor, id);
    const rec = await assertLinkable(tx, actor, body);
    if (!(await repo.link(tx, actor.parkId, id, body.recordKind, body.recordId, actor.userId, now()))) {
      throw conflict('PLAN_LINK_EXISTS', `该${PLAN_LINK_KIND_NAMES[body.recordKind]}已关联到本计划事项`);
    }
    await appendAudit(tx, ctx, {
      action: 'workPlan.link',
      entityType: 'workPlan',
      entityId: id,
      after: { ...body, title: rec.title },
    });
  });
  return get(db, actor, id);
}

export async function unlink(db: Db, ctx: RequestContext, id: string, recordKind: string, recordId: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  const kind = PLAN_LINK_KINDS.find((k) => k === recordKind);
  await db.transaction(async (tx) => {
    await lockItem(tx, actor, id);
    if (!kind || !(await repo.unlink(tx, actor.parkId, id, kind, recordId))) throw notFound('关联记录');
    await appendAudit(tx, ctx, {
      action: 'workPlan.unlink',
      entityType: 'workPlan',
      entityId: id,
      before: { recordKind: kind, recordId },
    });
  });
  return get(db, actor, id);
}

/**
 * 生成检查行动: creates a campaign from the item through the campaigns service (its own rules and audit) and links it,
 * in one transaction. Defaults from the item: its title, its season's campaign types, today (or the due date, when
 * that has passed) to the due date, and its content as the description.
 */
export async function createCampaign(db: Db, ctx: RequestContext, id: string, body: PlanCampaignBody) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.manage');
  assertCan(actor, 'campaigns.manage');
  await db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, id);
    const on = today();
    const startsOn = body.startsOn ?? (on <= item.due_on ? on : item.due_on);
    const endsOn = body.endsOn ?? item.due_on;
    if (endsOn < startsOn) {
      const message = '结束日期不能早于开始日期';
      throw unprocessable('CAMPAIGN_PERIOD_INVALID', message, { endsOn: message });
    }
    const input: z.infer<typeof CampaignCreate> = {
      name: body.name ?? item.title.slice(0, 100),
      campaignTypes: body.campaignTypes?.length ? [...new Set(body.campaignTypes)] : campaignTypesOf(item.season),
      startsOn,
      endsOn,
      domains: body.domains ?? ['production'],
      jointDepartmentIds: [],
      description: item.content ? item.content.slice(0, 2000) : null,
      target: body.target,
      inspectorIds: body.inspectorIds,
      checklistTemplateIds: [],
    };
    const campaign = await campaigns.create(tx, ctx, input);
    await repo.link(tx, actor.parkId, id, 'campaign', campaign.id, actor.userId, now());
    await appendAudit(tx, ctx, {
      action: 'workPlan.createCampaign',
      entityType: 'workPlan',
      entityId: id,
      after: { recordKind: 'campaign', recordId: campaign.id, title: campaign.name },
    });
  });
  return get(db, actor, id);
}

/** The seasonal checks of a quarter, each marked when the year's plan already has an item of its season. */
export async function proposals(db: Db, actor: Actor, year: number, quarter: number) {
  assertCan(actor, 'plans.read');
  const { items, missing } = seasonalProposals(year, quarter);
  const planned = await repo.plannedSeasons(db, actor.parkId, year);
  return { items: items.map((p) => ({ ...p, planned: planned.has(p.season) })), missing };
}

/**
 * 导出计划文档: the plan of a year or a quarter (the items the list shows for it) as Word in the official layout,
 * audited as a download in its own transaction. A period with no item is refused by name (an empty plan is not a
 * document anyone hands out): 422 PLAN_DOCUMENT_EMPTY on the field that chose it.
 */
export async function planDocument(db: Db, ctx: RequestContext, q: PlanDocumentQuery) {
  const actor = ctx.actor!;
  assertCan(actor, 'plans.read');
  const items = await all(db, actor, { year: q.year, quarter: q.quarter, q: null });
  if (items.length === 0) {
    const message = `${periodName(q.year, q.quarter)}没有计划事项，请先新增计划事项或选择其他期间`;
    throw unprocessable('PLAN_DOCUMENT_EMPTY', message, { [q.quarter ? 'quarter' : 'year']: message });
  }
  const park = await repo.parkName(db, actor.parkId);
  const content = await planDocx({ park, year: q.year, quarter: q.quarter, items, generatedAt: now() });
  const name = `${planTitle(park, q.year, q.quarter)}.docx`;
  await db.transaction((tx) =>
    appendAudit(tx, ctx, {
      action: 'workPlan.document',
      entityType: 'workPlan',
      after: { year: q.year, quarter: q.quarter ?? null, items: items.length, fileName: name },
    }),
  );
  return { content, name };
}
