// Publicity rules (宣传活动): the committee records activities with the materials handed out (kinds from the built-in
// list and the park's own, quantities > 0), photos (the committee's park files) and participants; everyone in the
// park reads them (park-public). The money spent is the total of the fund expenses linked to the activity, shown to
// those who may read the funds ledger. Each write is one transaction with its audit record.
import type { z } from 'zod';
import {
  BUILT_IN_MATERIAL_KINDS,
  type MaterialKindView,
  type PublicityCreate,
  type PublicityFilters,
  type PublicityKind,
  type PublicityListQuery,
  type PublicityUpdate,
  type PublicityView,
} from '../../../../shared/src/activities';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan, can } from '../../platform/permissions';
import { seesParkFigures } from '../../platform/scope';
import { assertFilesUsable, assertParkFilesUsable, byIds, filesOf } from '../files/service';
import * as funds from '../funds/service';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
/** The funds ledger's subject kind of a publicity activity. */
export const FUND_SUBJECT_KIND = 'publicity';
/** The record kind of an activity's photos (files/kinds.ts): read by whoever reads the activity. */
export const PHOTO_KIND = 'publicityActivity' as const;

async function views(db: Db, actor: Actor, items: repo.ActivityRow[]): Promise<PublicityView[]> {
  const ids = items.map((r) => r.id);
  const materials = await repo.materialsOf(db, actor.parkId, ids);
  const spent = can(actor, 'funds.read') ? await funds.spentOn(db, actor, FUND_SUBJECT_KIND, ids) : null;
  // Photos are park files of the activity's record kind, read by every reader of the activity (enterprises too);
  // those uploaded before the kind existed (no record kind) only by the readers of the park's own files.
  const readsParkFiles = seesParkFigures(actor);
  const photos = new Map(
    (
      await filesOf(
        db,
        items.flatMap((r) => r.photo_ids),
        actor,
      )
    )
      .filter((f) => readsParkFiles || f.recordKind === PHOTO_KIND)
      .map((f) => [f.id, f] as const),
  );
  return items.map((r) => ({
    id: r.id,
    kind: r.kind as PublicityKind,
    theme: r.theme,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    places: r.places,
    organiser: r.organiser,
    participants: Number(r.participants),
    materials: materials
      .filter((m) => m.activity_id === r.id)
      .map((m) => ({ kind: m.kind, unit: m.unit, quantity: Number(m.quantity) })),
    photos: r.photo_ids.flatMap((id) => photos.get(id) ?? []),
    summary: r.summary,
    spent: spent ? (spent.get(r.id) ?? 0) : null,
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
    rowVersion: Number(r.row_version),
  }));
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof PublicityListQuery>) {
  assertCan(actor, 'publicity.read');
  const r = await repo.list(db, actor.parkId, q);
  return {
    items: await views(db, actor, r.items),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
    totals: {
      participants: r.participants,
      materials: r.materials.map((m) => ({ ...m, quantity: Number(m.quantity) })),
    },
  };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof PublicityFilters>) {
  assertCan(actor, 'publicity.read');
  return views(db, actor, await repo.all(db, actor.parkId, q));
}

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor.parkId, id, forUpdate);
  if (!r) throw notFound('宣传活动');
  return r;
}

export async function get(db: Db, actor: Actor, id: string): Promise<PublicityView> {
  assertCan(actor, 'publicity.read');
  return (await views(db, actor, [await load(db, actor, id)]))[0]!;
}

export async function materialKinds(db: Db, actor: Actor): Promise<MaterialKindView[]> {
  assertCan(actor, 'publicity.read');
  return [
    ...BUILT_IN_MATERIAL_KINDS.map((k) => ({ ...k, builtIn: true })),
    ...(await repo.extraKinds(db, actor.parkId)).map((k) => ({ ...k, builtIn: false })),
  ];
}

export async function addMaterialKind(db: Db, ctx: RequestContext, input: { name: string; unit: string }) {
  const actor = ctx.actor!;
  assertCan(actor, 'publicity.materialKinds');
  const taken = () => {
    const message = `宣传物资「${input.name}」已在列表中`;
    return conflict('MATERIAL_KIND_EXISTS', message, { name: message });
  };
  if (BUILT_IN_MATERIAL_KINDS.some((k) => k.name === input.name)) throw taken();
  await db.transaction(async (tx) => {
    if (!(await repo.insertKind(tx, actor.parkId, input.name, input.unit))) throw taken();
    await appendAudit(tx, ctx, { action: 'publicity.materialKind', entityType: 'publicityMaterialKind', after: input });
  });
  return materialKinds(db, actor);
}

/** The material lines with their units, each kind one of the park's list (named in the error otherwise). */
async function materialLines(tx: Db, actor: Actor, lines: PublicityCreate['materials']) {
  const kinds = new Map((await materialKinds(tx, actor)).map((k) => [k.name, k.unit]));
  return lines.map((l, i) => {
    const unit = kinds.get(l.kind);
    if (!unit) {
      const message = `宣传物资「${l.kind}」不在物资列表中，请先由管理员添加`;
      throw unprocessable('MATERIAL_KIND_UNKNOWN', message, { [`materials.${i}.kind`]: message });
    }
    return { kind: l.kind, unit, quantity: l.quantity };
  });
}

function values(input: PublicityCreate): repo.Values {
  return {
    kind: input.kind,
    theme: input.theme,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    places: input.places ?? null,
    organiser: input.organiser ?? null,
    participants: input.participants,
    photoIds: [...new Set(input.photoIds)],
    summary: input.summary ?? null,
  };
}

/**
 * An activity's photos: park files uploaded for activities (the console's uploads), or the committee's earlier park
 * photos without a record kind (kept on the activities they were saved with) — 422 naming photoIds otherwise
 * (ids are UUIDs, checked by the schema).
 */
async function assertPhotosUsable(tx: Db, actor: Actor, ids: readonly string[]) {
  const kinds = new Map((await byIds(tx, ids)).map((f) => [f.id, f.recordKind]));
  const ofKind = ids.filter((id) => kinds.get(id) === PHOTO_KIND);
  await assertParkFilesUsable(tx, actor, PHOTO_KIND, ofKind, undefined, 'photoIds');
  await assertFilesUsable(
    tx,
    actor,
    null,
    ids.filter((id) => kinds.get(id) !== PHOTO_KIND),
    undefined,
    'photoIds',
  );
}

export async function create(db: Db, ctx: RequestContext, input: PublicityCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'publicity.manage');
  const id = await db.transaction(async (tx) => {
    const lines = await materialLines(tx, actor, input.materials);
    await assertPhotosUsable(tx, actor, input.photoIds);
    const by = { userId: actor.userId, name: actor.displayName };
    const id = await repo.insert(tx, actor.parkId, values(input), by, now());
    await repo.replaceMaterials(tx, actor.parkId, id, lines);
    const [after] = await views(tx, actor, [await load(tx, actor, id)]);
    await appendAudit(tx, ctx, { action: 'publicity.create', entityType: 'publicity', entityId: id, after });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: PublicityUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'publicity.manage');
  await db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('PUBLICITY_STALE', '宣传活动已被他人修改，请刷新后重试');
    }
    const [before] = await views(tx, actor, [row]);
    const lines = await materialLines(tx, actor, input.materials);
    await assertPhotosUsable(tx, actor, input.photoIds);
    await repo.update(tx, actor.parkId, id, values(input), now());
    await repo.replaceMaterials(tx, actor.parkId, id, lines);
    const [after] = await views(tx, actor, [await load(tx, actor, id)]);
    await appendAudit(tx, ctx, { action: 'publicity.update', entityType: 'publicity', entityId: id, before, after });
  });
  return get(db, actor, id);
}

/** Figures of a period (activities overlapping it): by kind, and materials with their quantities. */
export async function figures(db: Db, parkId: string, from: string, to: string) {
  const w = repo.periodWhere(parkId, from, to);
  const [byKind, materials] = await Promise.all([repo.byKind(db, w), repo.materialTotals(db, w)]);
  return {
    byKind: byKind.map((r) => ({ kind: r.kind as PublicityKind, activities: r.n, participants: r.participants })),
    materials: materials.map((m) => ({ ...m, quantity: Number(m.quantity) })),
  };
}

/** The funds ledger's link to an activity: any activity of the actor's park. */
export const fundSubject = {
  label: '宣传活动',
  async check(tx: Db, id: string, actor: Actor) {
    const [r] = await repo.titles(tx, actor.parkId, [id]);
    return r ? `${r.starts_on} ${r.theme}` : null;
  },
  async titles(db: Db, actor: Actor, ids: readonly string[]) {
    return new Map((await repo.titles(db, actor.parkId, ids)).map((r) => [r.id, `${r.starts_on} ${r.theme}`]));
  },
  async search(db: Db, actor: Actor, q: string | null) {
    return (await repo.search(db, actor.parkId, q)).map((r) => ({ id: r.id, title: `${r.starts_on} ${r.theme}` }));
  },
};

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
  replaceMaterials: repo.replaceMaterials,
};
export type BackfillActivity = repo.Values;
