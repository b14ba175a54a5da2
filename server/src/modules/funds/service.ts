// Special-funds rules (专项资金): the committee records each payment with its purpose, amount (> 0, yuan with two
// decimals), date and supplier, and what it paid for — a record of a registered subject kind, checked by that kind's
// provider in the same transaction. Only the committee and its leaders read the ledger; enterprises never do.
import type { z } from 'zod';
import {
  FUND_PURPOSES,
  type FundCreate,
  type FundFilters,
  type FundListQuery,
  type FundPurpose,
  type FundSubjectEntryCreate,
  type FundUpdate,
  type FundView,
} from '../../../../shared/src/activities';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan } from '../../platform/permissions';
import { nextSerial } from '../../platform/serials';
import { assertFilesUsable, filesOf } from '../files/service';
import * as repo from './repository';
import { fundSubjectKinds, fundSubjectProvider } from './subjects';

export { type FundSubjectProvider, fundSubjectFrom, registerFundSubject } from './subjects';

const iso = (v: string | Date) => new Date(v).toISOString();

/** Titles of the linked subjects of some rows, one query per kind. */
async function subjectTitles(db: Db, actor: Actor, items: readonly repo.FundRow[]) {
  const byKind = new Map<string, string[]>();
  for (const r of items) {
    if (r.subject_kind && r.subject_id)
      byKind.set(r.subject_kind, [...(byKind.get(r.subject_kind) ?? []), r.subject_id]);
  }
  const out = new Map<string, string>();
  for (const [kind, ids] of byKind) {
    const p = fundSubjectProvider(kind);
    if (!p) continue;
    if (p.titles) {
      for (const [id, title] of await p.titles(db, actor, ids)) out.set(`${kind}:${id}`, title);
    } else {
      for (const id of ids) {
        const title = await p.check(db, id, actor);
        if (title) out.set(`${kind}:${id}`, title);
      }
    }
  }
  return out;
}

async function views(db: Db, actor: Actor, items: repo.FundRow[]): Promise<FundView[]> {
  const titles = await subjectTitles(db, actor, items);
  const files = new Map(
    (
      await filesOf(
        db,
        items.flatMap((r) => r.attachment_ids),
        actor,
      )
    ).map((f) => [f.id, f] as const),
  );
  return items.map((r) => ({
    id: r.id,
    serial: r.serial,
    purpose: r.purpose as FundPurpose,
    amount: Number(r.amount),
    paidOn: r.paid_on,
    supplier: r.supplier,
    description: r.description,
    subject:
      r.subject_kind && r.subject_id
        ? {
            kind: r.subject_kind,
            id: r.subject_id,
            kindLabel: fundSubjectProvider(r.subject_kind)?.label ?? r.subject_kind,
            title: titles.get(`${r.subject_kind}:${r.subject_id}`) ?? null,
          }
        : null,
    fromSubject: r.from_subject,
    attachments: r.attachment_ids.flatMap((id) => files.get(id) ?? []),
    recordedByName: r.recorded_by_name,
    recordedAt: iso(r.recorded_at),
    rowVersion: Number(r.row_version),
  }));
}

const totalsOf = (rows: { purpose: string; amount: string; n: number }[]) => {
  const byPurpose = FUND_PURPOSES.map((purpose) => {
    const r = rows.find((x) => x.purpose === purpose);
    return { purpose, amount: Number(r?.amount ?? 0), count: Number(r?.n ?? 0) };
  });
  const cents = byPurpose.reduce((s, p) => s + Math.round(p.amount * 100), 0);
  return { amount: cents / 100, count: byPurpose.reduce((s, p) => s + p.count, 0), byPurpose };
};

export async function list(db: Db, actor: Actor, q: z.infer<typeof FundListQuery>) {
  assertCan(actor, 'funds.read');
  const r = await repo.list(db, actor.parkId, q);
  const totals = totalsOf(r.byPurpose);
  return { items: await views(db, actor, r.items), total: totals.count, page: q.page, pageSize: q.pageSize, totals };
}

export async function all(db: Db, actor: Actor, q: z.infer<typeof FundFilters>) {
  assertCan(actor, 'funds.read');
  return views(db, actor, await repo.all(db, actor.parkId, q));
}

export async function get(db: Db, actor: Actor, id: string): Promise<FundView> {
  assertCan(actor, 'funds.read');
  const r = await repo.get(db, actor.parkId, id);
  if (!r) throw notFound('资金支出记录');
  return (await views(db, actor, [r]))[0]!;
}

/** Totals by purpose of a period (the figure 专项资金按用途; the funds page's totals use the same query). */
export async function totalsInPeriod(db: Db, parkId: string, from: string, to: string) {
  return totalsOf(await repo.totals(db, repo.periodWhere(parkId, from, to)));
}

/** What the linked records of one kind cost (publicity's 投入资金), for those who may read the ledger. */
export async function spentOn(db: Db, actor: Actor, kind: string, ids: readonly string[]) {
  return repo.spentOn(db, actor.parkId, kind, ids);
}

export function subjectKinds(actor: Actor) {
  assertCan(actor, 'funds.read');
  return fundSubjectKinds();
}

export async function subjectOptions(db: Db, actor: Actor, kind: string | null, q: string | null) {
  assertCan(actor, 'funds.manage');
  const p = kind ? fundSubjectProvider(kind) : undefined;
  if (!p) throw unprocessable('FUND_SUBJECT_KIND', '未知的关联事项类型', { kind: '未知的关联事项类型' });
  return ((await p.search?.(db, actor, q)) ?? []).map((o) => ({ kind: kind!, ...o }));
}

async function values(tx: Db, actor: Actor, input: FundCreate): Promise<repo.Values> {
  let subjectKind: string | null = null;
  let subjectId: string | null = null;
  if (input.subject) {
    const p = fundSubjectProvider(input.subject.kind);
    if (!p) throw unprocessable('FUND_SUBJECT_KIND', '关联事项类型未知', { subject: '关联事项类型未知' });
    const title = await p.check(tx, input.subject.id, actor);
    if (!title) {
      const message = `关联的${p.label}不存在或不在您的数据范围内`;
      throw unprocessable('REFERENCE_INVALID', message, { subject: message });
    }
    subjectKind = input.subject.kind;
    subjectId = input.subject.id;
  }
  await assertFilesUsable(tx, actor, null, input.attachmentIds, undefined, 'attachmentIds');
  return {
    purpose: input.purpose,
    amount: input.amount,
    paidOn: input.paidOn,
    supplier: input.supplier ?? null,
    description: input.description,
    subjectKind,
    subjectId,
    attachmentIds: [...new Set(input.attachmentIds)],
  };
}

export async function create(db: Db, ctx: RequestContext, input: FundCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'funds.manage');
  const id = await db.transaction(async (tx) => {
    const v = await values(tx, actor, input);
    const year = v.paidOn.slice(0, 4);
    const serial = `ZJ${year}-${String(await nextSerial(tx, actor.parkId, `fund-${year}`)).padStart(4, '0')}`;
    const id = await repo.insert(tx, actor.parkId, serial, v, { userId: actor.userId, name: actor.displayName }, now());
    const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, id))!]);
    await appendAudit(tx, ctx, { action: 'fund.create', entityType: 'fundExpense', entityId: id, after });
    return id;
  });
  return get(db, actor, id);
}

export async function update(db: Db, ctx: RequestContext, id: string, input: FundUpdate) {
  const actor = ctx.actor!;
  assertCan(actor, 'funds.manage');
  await db.transaction(async (tx) => {
    const row = await repo.get(tx, actor.parkId, id, true);
    if (!row) throw notFound('资金支出记录');
    if (input.rowVersion !== undefined && input.rowVersion !== Number(row.row_version)) {
      throw conflict('FUND_STALE', '资金支出记录已被他人修改，请刷新后重试');
    }
    if (row.from_subject && (input.subject?.kind !== row.subject_kind || input.subject?.id !== row.subject_id)) {
      const message = '该支出由关联事项登记，不能改关联事项';
      throw unprocessable('FUND_SUBJECT_FIXED', message, { subject: message });
    }
    const [before] = await views(tx, actor, [row]);
    await repo.update(tx, actor.parkId, id, await values(tx, actor, input), now());
    const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, id))!]);
    await appendAudit(tx, ctx, { action: 'fund.update', entityType: 'fundExpense', entityId: id, before, after });
  });
  return get(db, actor, id);
}

/** What a subject's module records for it (the subject itself is named separately). */
export interface SubjectEntry {
  purpose: FundPurpose;
  amount: number;
  paidOn: string;
  supplier: string | null;
  description: string;
  attachmentIds?: string[];
}

const recordedTwice = (label: string) =>
  conflict('FUND_RECORDED_BY_SUBJECT', `该${label}已登记过专项资金支出，请在专项资金台账中修改原记录`);

/**
 * Records the ledger entry of a subject in the caller's transaction: a fire-service contract's amount, the 登记支出 of
 * a drill's or a training session's drawer. Other modules call this (never the repository); each has checked its own
 * permission to write the subject. The subject is checked here by its kind's provider (the actor's park and scope:
 * another park's or enterprise's record is refused). One entry per subject: a second is 409 FUND_RECORDED_BY_SUBJECT,
 * unless `replace` (the contract's amount changed) updates the one there.
 */
export async function recordForSubject(
  tx: Db,
  ctx: RequestContext,
  subject: { kind: string; id: string },
  entry: SubjectEntry,
  opts: { replace?: boolean } = {},
): Promise<string> {
  const actor = ctx.actor!;
  const p = fundSubjectProvider(subject.kind);
  if (!p) throw unprocessable('FUND_SUBJECT_KIND', '关联事项类型未知', { subject: '关联事项类型未知' });
  const v = await values(tx, actor, { ...entry, attachmentIds: entry.attachmentIds ?? [], subject });
  const existing = await repo.fromSubject(tx, actor.parkId, subject.kind, subject.id);
  if (existing) {
    if (!opts.replace) throw recordedTwice(p.label);
    const [before] = await views(tx, actor, [existing]);
    await repo.update(tx, actor.parkId, existing.id, { ...v, attachmentIds: existing.attachment_ids }, now());
    const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, existing.id))!]);
    await appendAudit(tx, ctx, {
      action: 'fund.update',
      entityType: 'fundExpense',
      entityId: existing.id,
      before,
      after,
    });
    return existing.id;
  }
  const year = v.paidOn.slice(0, 4);
  const serial = `ZJ${year}-${String(await nextSerial(tx, actor.parkId, `fund-${year}`)).padStart(4, '0')}`;
  const by = { userId: actor.userId, name: actor.displayName };
  // A concurrent second try meets the partial unique index: nothing inserted, the same 409.
  const id = await repo.insertFromSubject(tx, actor.parkId, serial, v, by, now());
  if (!id) throw recordedTwice(p.label);
  const [after] = await views(tx, actor, [(await repo.get(tx, actor.parkId, id))!]);
  await appendAudit(tx, ctx, { action: 'fund.create', entityType: 'fundExpense', entityId: id, after });
  return id;
}

/** 登记支出 from a record's drawer (POST /api/funds/by-subject): the committee's, once per subject. */
export async function createForSubject(db: Db, ctx: RequestContext, input: FundSubjectEntryCreate) {
  const actor = ctx.actor!;
  assertCan(actor, 'funds.manage');
  const id = await db.transaction((tx) => recordForSubject(tx, ctx, input.subject, input));
  return get(db, actor, id);
}

/**
 * 补录: past records written as they were recorded at the time (the demo park's history), with no notifications,
 * credit or plan side effects of a live request. Other modules reach these writes here, never the repository.
 */
export const backfill = {
  insert: repo.insert,
  insertFromSubject: repo.insertFromSubject,
};
export type BackfillExpense = repo.Values;
