// Training rules: who records which session (the committee any; an enterprise its own, or one it entrusted to a
// provider), the checks of every id a session names (provider via providers.forUse — an expired qualification must
// be confirmed, never passed silently; attendees' enterprises in the park and, for an enterprise, its own; files of
// the session's enterprise, or park files uploaded for a committee session; a plan item of that enterprise's plan of the year), and plans whose completion is derived.
// Each write is one transaction with its audit record.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type AttendeeDraft,
  type AttendeeInput,
  type AttendeeRole,
  NEW_ENTERPRISE_TRAINED_BEFORE_DAYS,
  NEW_ENTERPRISE_TRAINING_KINDS,
  type OrganiserKind,
  type ParsedAttendee,
  type PlanCreate,
  type PlanFilters,
  type PlanItemView,
  type PlanUpdate,
  type PlanView,
  planItemState,
  roleOfPost,
  type SessionCreate,
  type SessionFilters,
  type SessionListQuery,
  type SessionSummary,
  type SessionView,
  type TrainingKind,
} from '../../../../shared/src/training';
import { shanghaiToday } from '../../../../shared/src/validators';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { looksMasked, maskedPhone, maskPhone, open } from '../../platform/personal-data';
import { assertEnterpriseInScope, seesParkFigures, seesWholePark } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import { assertFilesUsable, assertParkFilesUsable, filesOf } from '../files/service';
import { fundSubjectFrom } from '../funds/service';
import * as providers from '../providers/service';
import { trainingFigures } from './figures';
import * as repo from './repository';

const iso = (v: string | Date) => new Date(v).toISOString();
const num = (v: string | number | null) => (v === null ? null : Number(v));

function summary(r: repo.SessionRow): SessionSummary {
  return {
    id: r.id,
    serial: r.serial,
    kind: r.kind as TrainingKind,
    title: r.title,
    occurredOn: r.occurred_on,
    recordedAt: iso(r.recorded_at),
    organiserKind: r.organiser_kind as OrganiserKind,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    providerId: r.provider_id,
    providerName: r.provider_name,
    providerExpired: r.provider_expired,
    openToAll: r.open_to_all,
    trainer: r.trainer,
    place: r.place,
    hours: Number(r.hours),
    attendeeCount: Number(r.attendee_count),
    passedCount: Number(r.passed_count),
    failedCount: Number(r.failed_count),
    recordedByName: r.recorded_by_name,
    rowVersion: Number(r.row_version),
  };
}

/** The committee edits every session; an enterprise the sessions that are its own (not the committee's). */
function editable(actor: Actor, r: { enterprise_id: string | null }): boolean {
  if (actor.role === 'admin' || actor.role === 'supervisor') return true;
  return actor.role === 'enterprise' && r.enterprise_id !== null && r.enterprise_id === actor.enterpriseId;
}

async function fullView(db: Db, actor: Actor, r: repo.SessionRow): Promise<SessionView> {
  const [people, files] = await Promise.all([
    repo.attendees(db, actor, [r.id]),
    filesOf(db, [...r.material_file_ids, ...r.photo_file_ids], actor),
  ]);
  const ref = (ids: string[]) =>
    files.filter((f) => ids.includes(f.id)).map((f) => ({ id: f.id, originalName: f.originalName, mime: f.mime }));
  return {
    ...summary(r),
    summary: r.summary,
    planItemId: r.plan_item_id,
    planItemLabel: r.plan_item_label,
    materials: ref(r.material_file_ids),
    photos: ref(r.photo_file_ids),
    attendees: people.map((a) => ({
      id: a.id,
      name: a.name,
      enterpriseId: a.enterprise_id,
      enterpriseName: a.enterprise_name,
      post: a.post,
      role: a.role as AttendeeRole,
      phone: maskedPhone(a.phone), // stored sealed (SM4); 查看 reveals it (personal-data/reveal)
      score: num(a.score),
      passed: a.passed,
      personKey: a.person_key,
    })),
    editable: editable(actor, r),
  };
}

async function load(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.get(db, actor, id, forUpdate);
  if (!r) throw notFound('培训记录');
  return r;
}

export async function list(db: Db, actor: Actor, q: z.infer<typeof SessionListQuery>) {
  assertCan(actor, 'training.read');
  const r = await repo.list(db, actor, q);
  return { items: r.items.map(summary), total: r.total, page: q.page, pageSize: q.pageSize, totals: r.totals };
}

export async function get(db: Db, actor: Actor, id: string) {
  assertCan(actor, 'training.read');
  return fullView(db, actor, await load(db, actor, id));
}

/** Sessions with their visible attendees, for the export. */
export async function all(db: Db, actor: Actor, q: z.infer<typeof SessionFilters>) {
  assertCan(actor, 'training.read');
  const sessions = (await repo.all(db, actor, q)).map(summary);
  const people = await repo.attendees(
    db,
    actor,
    sessions.map((s) => s.id),
  );
  return { sessions, people };
}

/** The values to store, after every check of what the body names (inside the write's transaction). */
async function checked(tx: Db, actor: Actor, input: SessionCreate, sessionId: string | null) {
  let enterpriseId = input.enterpriseId;
  const organiserKind = input.organiserKind;
  let openToAll = input.openToAll;
  if (actor.role === 'enterprise') {
    // An enterprise records its own sessions (or those it entrusted to a provider), never the committee's.
    if (organiserKind === 'committee')
      throw forbidden('企业只能登记本企业组织或委托培训机构的培训', 'TRAINING_ORGANISER_FORBIDDEN');
    if (enterpriseId && enterpriseId !== actor.enterpriseId) throw notFound('企业');
    enterpriseId = actor.enterpriseId;
    openToAll = false;
  }
  if (organiserKind === 'enterprise' && !enterpriseId)
    throw unprocessable('TRAINING_ENTERPRISE_REQUIRED', '企业自行组织的培训须选择企业', { enterpriseId: '请选择企业' });
  if (organiserKind === 'committee') enterpriseId = null;
  if (enterpriseId) await assertEnterpriseInScope(tx, actor, enterpriseId);

  if (input.occurredOn > shanghaiToday(now()))
    throw unprocessable('TRAINING_IN_FUTURE', '培训日期不能晚于今天', { occurredOn: '培训日期不能晚于今天' });

  let providerId: string | null = null;
  let providerExpired = false;
  if (organiserKind === 'provider') {
    if (!input.providerId)
      throw unprocessable('TRAINING_PROVIDER_REQUIRED', '委托培训机构的培训须选择培训机构', {
        providerId: '请选择培训机构',
      });
    const use = await providers.forUse(tx, actor, input.providerId, 'training', input.occurredOn);
    if (use.expired && !input.providerExpiredConfirmed) {
      const message = `培训机构“${use.provider.name}”的资质有效期至 ${use.provider.qualificationValidUntil}，培训当日已过期。请核实后确认仍要登记`;
      throw conflict('PROVIDER_QUALIFICATION_EXPIRED', message, { providerId: '资质已过期，需确认' });
    }
    providerId = input.providerId;
    providerExpired = use.expired;
  }

  if (enterpriseId) {
    await assertFilesUsable(tx, actor, enterpriseId, input.materialFileIds, undefined, 'materialFileIds');
    await assertFilesUsable(tx, actor, enterpriseId, input.photoFileIds, undefined, 'photoFileIds');
  } else {
    // A committee session's files are park files uploaded for a training session (read by the session's readers).
    await assertParkFilesUsable(tx, actor, 'trainingSession', input.materialFileIds, undefined, 'materialFileIds');
    await assertParkFilesUsable(tx, actor, 'trainingSession', input.photoFileIds, undefined, 'photoFileIds');
  }

  if (input.planItemId) {
    const item = await repo.planItemOf(tx, actor.parkId, input.planItemId);
    if (!item || item.enterprise_id !== enterpriseId || String(item.year) !== input.occurredOn.slice(0, 4))
      throw unprocessable('TRAINING_PLAN_ITEM', '所选计划项不是该企业当年的培训计划', {
        planItemId: '计划项不属于该企业当年的计划',
      });
  }

  const attendees = await checkedAttendees(tx, actor, input.attendees, sessionId);
  const values: repo.SessionValues = {
    kind: input.kind,
    title: input.title,
    occurredOn: input.occurredOn,
    organiserKind,
    enterpriseId,
    providerId,
    providerExpired,
    openToAll: organiserKind === 'enterprise' ? false : openToAll,
    trainer: input.trainer,
    place: input.place,
    hours: input.hours,
    summary: input.summary,
    planItemId: input.planItemId,
    materialFileIds: [...new Set(input.materialFileIds)],
    photoFileIds: [...new Set(input.photoFileIds)],
  };
  return { values, attendees };
}

/**
 * Every attendee's enterprise is one of the park's (an enterprise records only its own people). A phone sent back as
 * the mask the form showed keeps the stored number of the session's attendee of that name with that mask; any other
 * mask (or a mask in a new session) is refused by its row.
 */
async function checkedAttendees(tx: Db, actor: Actor, list: AttendeeInput[], sessionId: string | null) {
  const stored =
    sessionId && list.some((a) => looksMasked(a.phone)) ? await repo.storedPhones(tx, actor.parkId, sessionId) : [];
  const kept = list.map((a, i) => {
    if (!looksMasked(a.phone)) return a;
    const same = stored.find((s) => s.name === a.name && s.phone && maskPhone(open(s.phone)) === a.phone);
    if (!same) {
      const m = `第 ${i + 1} 名参训人员（${a.name}）的电话请填写完整的号码`;
      throw unprocessable('PERSONAL_DATA_MASKED_VALUE', m, { [`attendees.${i}.phone`]: m });
    }
    return { ...a, phone: same.phone };
  });
  const ids = [...new Set(list.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : [])))];
  const inPark = await repo.enterprisesIn(tx, actor.parkId, ids);
  list.forEach((a, i) => {
    const field = `attendees.${i}.enterpriseId`;
    if (actor.role === 'enterprise' && a.enterpriseId !== actor.enterpriseId) {
      const m = `第 ${i + 1} 名参训人员（${a.name}）不是本企业人员：企业只能登记本企业人员`;
      throw unprocessable('ATTENDEE_NOT_OWN', m, { [field]: m });
    }
    if (a.enterpriseId && !inPark.has(a.enterpriseId)) {
      const m = `第 ${i + 1} 名参训人员（${a.name}）的所在企业不是本园区的企业`;
      throw unprocessable('ATTENDEE_ENTERPRISE_INVALID', m, { [field]: m });
    }
  });
  return kept;
}

export async function create(db: Db, ctx: RequestContext, input: SessionCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'training.manage');
  const id = await db.transaction(async (tx) => {
    const { values, attendees } = await checked(tx, actor, input, null);
    const year = values.occurredOn.slice(0, 4);
    const serial = `PX${year}-${String(await nextSerial(tx, actor.parkId, `training-${year}`)).padStart(4, '0')}`;
    const id = await repo.insert(
      tx,
      actor.parkId,
      serial,
      values,
      { userId: actor.userId, name: actor.displayName },
      now(),
    );
    await repo.replaceAttendees(tx, actor.parkId, id, attendees);
    await appendAudit(tx, ctx, {
      action: 'training.create',
      entityType: 'trainingSession',
      entityId: id,
      enterpriseId: values.enterpriseId,
      after: await fullView(tx, actor, await load(tx, actor, id)),
    });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: SessionCreate & { rowVersion: number }) {
  const actor = ctx.actor!;
  assertCan(actor, 'training.manage');
  await db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true);
    if (!editable(actor, row)) throw forbidden('只能修改本企业登记的培训记录', 'TRAINING_NOT_EDITABLE');
    if (input.rowVersion !== Number(row.row_version))
      throw conflict('TRAINING_STALE', '培训记录已被他人修改，请刷新后重试');
    const before = await fullView(tx, actor, row);
    const { values, attendees } = await checked(tx, actor, input, id);
    await repo.update(tx, actor.parkId, id, values, now());
    await repo.replaceAttendees(tx, actor.parkId, id, attendees);
    await appendAudit(tx, ctx, {
      action: 'training.update',
      entityType: 'trainingSession',
      entityId: id,
      enterpriseId: values.enterpriseId,
      before,
      after: await fullView(tx, actor, await load(tx, actor, id)),
    });
  });
  return get(db, actor, id);
}

// ------------------------------------------------------------------------------------------ pasted / imported lists

/**
 * Resolves drafts (from a pasted list or an Excel sheet: the one parser is shared/src/training.ts) against the
 * park's enterprises: exact name first, then a unique partial match; an enterprise's own user may leave the
 * enterprise out (its own). Each row comes back with its error, so the form shows what will not be added and why.
 */
export async function resolveDrafts(db: Db, actor: Actor, drafts: AttendeeDraft[]) {
  assertCan(actor, 'training.manage');
  const names = [...new Set(drafts.flatMap((d) => (d.enterpriseName ? [d.enterpriseName] : [])))];
  const found = await repo.enterprisesByName(db, actor, names.slice(0, 300));
  const lookup = (n: string) => {
    const exact = found.filter((e) => e.name === n);
    if (exact.length === 1) return exact[0]!;
    const partial = found.filter((e) => e.name.includes(n));
    return partial.length === 1 ? partial[0]! : partial.length > 1 ? ('ambiguous' as const) : null;
  };
  const own = actor.role === 'enterprise' ? actor.enterpriseId : null;
  const items: ParsedAttendee[] = drafts.map((draft) => {
    let d = draft;
    let error: string | null = null;
    let enterprise: { id: string; name: string } | null = null;
    if (d.name.length < 2 || d.name.length > 30) error = '姓名应为 2–30 个字';
    let post = d.post;
    if (own && d.enterpriseName && !lookup(d.enterpriseName)) {
      // An enterprise's list may leave its own name out: the second word is then the post.
      post = [d.enterpriseName, d.post].filter(Boolean).join(' ');
      d = { ...d, enterpriseName: null };
    }
    if (d.enterpriseName) {
      const e = lookup(d.enterpriseName);
      if (e === 'ambiguous') error ??= `“${d.enterpriseName}”对应多家企业，请写企业全称`;
      else if (!e) error ??= `“${d.enterpriseName}”不是本园区${own ? '本企业' : ''}的企业`;
      else enterprise = e;
    } else if (own) {
      enterprise = found.find((e) => e.id === own) ?? { id: own, name: '' };
    } else {
      error ??= '未写所在企业';
    }
    return {
      line: d.line,
      attendee: {
        name: d.name,
        enterpriseId: enterprise?.id ?? null,
        enterpriseName: enterprise?.name || d.enterpriseName,
        post,
        role: roleOfPost(post),
        phone: d.phone,
        score: d.score,
        passed: d.passed ?? (d.score !== null ? d.score >= 60 : null),
      },
      error,
    };
  });
  const invalid = items.filter((i) => i.error).length;
  return { items, valid: items.length - invalid, invalid };
}

// ------------------------------------------------------------------------------------------------------ plans

function itemView(i: repo.PlanItemRow, year: number, today: string): PlanItemView {
  const v = {
    id: i.id,
    month: Number(i.month),
    topic: i.topic,
    kind: i.kind as TrainingKind,
    plannedHours: Number(i.planned_hours),
    plannedAttendees: Number(i.planned_attendees),
    sessions: Number(i.sessions),
    hours: Number(i.hours),
    attendees: Number(i.attendees),
  };
  return { ...v, state: planItemState(v, year, v, today) };
}

async function planViews(db: Db, actor: Actor, plans: repo.PlanRow[]): Promise<PlanView[]> {
  const today = shanghaiToday(now());
  const items = await repo.planItems(
    db,
    actor.parkId,
    plans.map((p) => p.id),
  );
  return plans.map((p) => {
    const list = items.filter((i) => i.plan_id === p.id).map((i) => itemView(i, Number(p.year), today));
    return {
      id: p.id,
      enterpriseId: p.enterprise_id,
      enterpriseName: p.enterprise_name,
      year: Number(p.year),
      items: list.length,
      done: list.filter((i) => i.state === 'done').length,
      overdue: list.filter((i) => i.state === 'overdue').length,
      plannedHours: Math.round(list.reduce((s, i) => s + i.plannedHours, 0) * 10) / 10,
      updatedAt: iso(p.updated_at),
      rowVersion: Number(p.row_version),
      note: p.note,
      itemList: list,
    };
  });
}

async function loadPlan(db: Db, actor: Actor, id: string, forUpdate = false) {
  const r = await repo.getPlan(db, actor, id, forUpdate);
  if (!r) throw notFound('培训计划');
  return r;
}

export async function listPlans(
  db: Db,
  actor: Actor,
  q: z.infer<typeof PlanFilters> & { page: number; pageSize: number },
) {
  assertCan(actor, 'training.read');
  const r = await repo.listPlans(db, actor, q);
  const views = await planViews(db, actor, r.items);
  return {
    items: views.map(({ note: _n, itemList: _i, ...s }) => s),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPlan(db: Db, actor: Actor, id: string): Promise<PlanView> {
  assertCan(actor, 'training.read');
  const [v] = await planViews(db, actor, [await loadPlan(db, actor, id)]);
  return v!;
}

async function writeItems(tx: Db, parkId: string, planId: string, items: PlanCreate['items']) {
  const existing = new Set(await repo.itemIdsOf(tx, parkId, planId));
  items.forEach((i, n) => {
    if (i.id && !existing.has(i.id)) {
      const m = `第 ${n + 1} 项不是本计划的计划项`;
      throw unprocessable('PLAN_ITEM_UNKNOWN', m, { [`items.${n}.id`]: m });
    }
  });
  const kept = new Set(items.flatMap((i) => (i.id ? [i.id] : [])));
  const removed = [...existing].filter((id) => !kept.has(id));
  if ((await repo.linkedItems(tx, parkId, removed)).length > 0)
    throw conflict('PLAN_ITEM_IN_USE', '要删除的计划项已关联培训记录，请先在培训记录中取消关联', {
      items: '已关联培训记录的计划项不能删除',
    });
  await repo.deleteItems(tx, parkId, removed);
  for (const [n, i] of items.entries()) await repo.upsertItem(tx, parkId, planId, n, i);
}

export async function createPlan(db: Db, ctx: RequestContext, input: PlanCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'training.manage');
  const id = await db.transaction(async (tx) => {
    await assertEnterpriseInScope(tx, actor, input.enterpriseId);
    if (await repo.planExists(tx, actor.parkId, input.enterpriseId, input.year))
      throw conflict('PLAN_EXISTS', `该企业已有 ${input.year} 年度培训计划，请在原计划中修改`, {
        year: '该年度已有计划',
      });
    const id = await repo.insertPlan(tx, actor.parkId, input, actor.userId, now());
    await writeItems(
      tx,
      actor.parkId,
      id,
      input.items.map((i) => ({ ...i, id: null })),
    );
    await appendAudit(tx, ctx, {
      action: 'trainingPlan.create',
      entityType: 'trainingPlan',
      entityId: id,
      enterpriseId: input.enterpriseId,
      after: (await planViews(tx, actor, [await loadPlan(tx, actor, id)]))[0],
    });
    return id;
  });
  return getPlan(db, actor, id);
}

export async function updatePlan(db: Db, ctx: RequestContext, id: string, input: PlanUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'training.manage');
  await db.transaction(async (tx) => {
    const row = await loadPlan(tx, actor, id, true);
    if (input.rowVersion !== Number(row.row_version))
      throw conflict('PLAN_STALE', '培训计划已被他人修改，请刷新后重试');
    const [before] = await planViews(tx, actor, [row]);
    await writeItems(tx, actor.parkId, id, input.items);
    await repo.touchPlan(tx, actor.parkId, id, input.note, now());
    await appendAudit(tx, ctx, {
      action: 'trainingPlan.update',
      entityType: 'trainingPlan',
      entityId: id,
      enterpriseId: row.enterprise_id,
      before,
      after: (await planViews(tx, actor, [await loadPlan(tx, actor, id)]))[0],
    });
  });
  return getPlan(db, actor, id);
}

// ------------------------------------------------------------------------------------- 随投产随培训 and hours

export async function newEnterpriseGaps(db: Db, actor: Actor, withinDays: number) {
  assertCan(actor, 'training.read');
  const people = await repo.newEnterprisePeople(db, actor, {
    today: shanghaiToday(now()),
    withinDays,
    trainedBeforeDays: NEW_ENTERPRISE_TRAINED_BEFORE_DAYS,
    kinds: NEW_ENTERPRISE_TRAINING_KINDS,
  });
  const enterprises = new Set(people.map((p) => p.enterprise_id));
  const incomplete = new Set(people.filter((p) => !p.complete).map((p) => p.enterprise_id));
  return {
    items: people
      .filter((p) => !p.complete)
      .map((p) => ({
        enterpriseId: p.enterprise_id,
        enterpriseName: p.enterprise_name,
        productionStartDate: p.production_start_date,
        daysSinceStart: Number(p.days_since_start),
        role: p.role,
        personName: p.person_name,
        personPhone: maskedPhone(p.person_phone), // the registry's phone: sealed, shown masked
      })),
    enterprises: enterprises.size,
    complete: enterprises.size - incomplete.size,
    withinDays,
    kinds: [...NEW_ENTERPRISE_TRAINING_KINDS],
  };
}

export async function hours(db: Db, actor: Actor, q: { year: number; enterpriseId?: string; q?: string | null }) {
  assertCan(actor, 'training.read');
  const range = { from: `${q.year}-01-01`, to: `${q.year}-12-31`, enterpriseId: q.enterpriseId };
  const [people, enterprises] = await Promise.all([
    repo.peopleHours(db, actor, { ...range, q: q.q }),
    repo.enterpriseHours(db, actor, range),
  ]);
  return {
    year: q.year,
    people: people.map((p) => ({
      personKey: p.person_key,
      name: p.name,
      phone: maskedPhone(p.phone),
      attendeeId: p.attendee_id,
      enterpriseNames: p.enterprise_names ?? [],
      sessions: Number(p.sessions),
      hours: Number(p.hours),
      passed: Number(p.passed),
      failed: Number(p.failed),
    })),
    enterprises: enterprises.map((e) => ({
      enterpriseId: e.enterprise_id,
      enterpriseName: e.enterprise_name,
      sessions: Number(e.sessions),
      people: Number(e.people),
      attendees: Number(e.attendees),
      personHours: Number(e.person_hours),
    })),
  };
}

export async function history(db: Db, actor: Actor, personKey: string) {
  assertCan(actor, 'training.read');
  const items = (await repo.personHistory(db, actor, personKey)).map((r) => ({
    sessionId: r.session_id,
    serial: r.serial,
    occurredOn: r.occurred_on,
    kind: r.kind as TrainingKind,
    title: r.title,
    hours: Number(r.hours),
    name: r.name,
    enterpriseName: r.enterprise_name,
    post: r.post,
    role: r.role as AttendeeRole,
    score: num(r.score),
    passed: r.passed,
  }));
  return { items, hours: Math.round(items.reduce((s, i) => s + i.hours, 0) * 10) / 10 };
}

/**
 * The period's figures within the reader's reach: the park's for those who read park figures (committee, leaders,
 * member departments), otherwise the sessions and people of the reader's scope.
 */
export async function figures(db: Db, actor: Actor, q: { from: string; to: string; enterpriseId?: string }) {
  assertCan(actor, 'training.read');
  if (q.to < q.from)
    throw unprocessable('RANGE_INVALID', '结束日期不能早于开始日期', { to: '结束日期不能早于开始日期' });
  const park = sql`s.park_id = ${actor.parkId}`;
  let sessions = seesParkFigures(actor) ? park : repo.sessionScopeSql(actor);
  let attendees = seesParkFigures(actor) ? sql`a.park_id = ${actor.parkId}` : repo.attendeeScopeSql(actor);
  if (q.enterpriseId) {
    if (!seesWholePark(actor)) await assertEnterpriseInScope(db, actor, q.enterpriseId);
    sessions = sql`${sessions} and (s.enterprise_id = ${q.enterpriseId} or exists (select 1 from training_attendees x
                    where x.park_id = s.park_id and x.session_id = s.id and x.enterprise_id = ${q.enterpriseId}))`;
    attendees = sql`${attendees} and a.enterprise_id = ${q.enterpriseId}`;
  }
  return trainingFigures(db, { sessions, attendees }, q.from, q.to);
}

/** The funds ledger's subject kind of a training session (登记支出 from its drawer), scoped like the sessions list. */
export const FUND_SUBJECT_KIND = 'training';
export const fundSubject = fundSubjectFrom('培训', (db, actor, by) => repo.sessionTitles(db, actor, by));

/**
 * A session an enterprise's resumption checklist may link (全员培训): one of the enterprise's (recorded by it or
 * attended by its people, as the sessions list filters by enterprise) that the actor reads; its title, or null when
 * it is not (another enterprise's, another park's, or out of scope).
 */
export async function sessionOfEnterprise(db: Db, actor: Actor, enterpriseId: string, id: string) {
  return (await repo.sessionTitles(db, actor, { ids: [id], enterpriseId }))[0]?.title ?? null;
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
  insertPlan: repo.insertPlan,
  replaceAttendees: repo.replaceAttendees,
  upsertItem: repo.upsertItem,
};
export type BackfillSession = repo.SessionValues;
