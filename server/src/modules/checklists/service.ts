// Checklist templates: a draft is edited in place; an edit of an active template publishes a new version (the old
// one stays readable, marked superseded, because inspections point at its items); a copy starts a new family;
// retiring hides a template from pickers. Every write is audited in its transaction.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  CampaignChecklistsBody,
  ChecklistItemInput,
  ChecklistListQuery,
  ChecklistOptionsQuery,
  ChecklistTemplateCopy,
  ChecklistTemplateCreate,
  ChecklistTemplateDetail,
  ChecklistTemplateUpdate,
} from '../../../../shared/src/checklists';
import type { Actor, RequestContext } from '../../platform/actor';
import { appendAudit } from '../../platform/audit';
import { now } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { conflict, notFound, unprocessable } from '../../platform/errors';
import { assertCan, can } from '../../platform/permissions';
import { campaignInScope } from '../../platform/scope';
import { nextSerial } from '../../platform/serials';
import * as criteria from '../criteria/service';
import * as repo from './repository';

/** Only the committee sees drafts and may list other statuses; everyone else sees what is in use. */
const manages = (actor: Actor) => can(actor, 'checklists.manage');

export async function list(db: Db, actor: Actor, q: z.infer<typeof ChecklistListQuery>) {
  assertCan(actor, 'checklists.read');
  const { items, total } = await repo.list(db, actor.parkId, q, manages(actor) ? null : 'active');
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function options(db: Db, actor: Actor, q: z.infer<typeof ChecklistOptionsQuery>) {
  assertCan(actor, 'checklists.read');
  // A campaign outside the actor's scope (an enterprise's: every campaign) does not reveal which checklists it uses.
  const campaignId = q.campaignId && (await campaignInScope(db, actor, q.campaignId)) ? q.campaignId : null;
  return repo.options(db, actor.parkId, q.domain, campaignId);
}

export async function detail(db: Db, actor: Actor, id: string): Promise<ChecklistTemplateDetail> {
  assertCan(actor, 'checklists.read');
  const v = await repo.view(db, actor.parkId, id);
  // Drafts are the committee's work in progress; retired and superseded versions stay readable (records use them).
  if (!v || (v.status === 'draft' && !manages(actor))) throw notFound('检查表');
  // Sequential: this also runs inside transactions, where one connection takes one query at a time.
  const items = await repo.items(db, actor.parkId, id);
  const versions = await repo.versions(db, actor.parkId, v.familyId);
  return {
    ...v,
    items,
    versions: manages(actor) ? versions : versions.filter((x) => x.status !== 'draft'),
  };
}

/** Items with their criterion links resolved to the library's current version; unknown codes → 422 per item. */
async function resolveItems(tx: Db, parkId: string, input: ChecklistItemInput[]): Promise<repo.NewItem[]> {
  const fields: Record<string, string> = {};
  const out: repo.NewItem[] = [];
  for (const [i, it] of input.entries()) {
    let criterionId: string | null = null;
    let criterionCode: string | null = null;
    if (it.criterionCode) {
      const c = await criteria.current(tx, parkId, it.criterionCode);
      if (!c) {
        fields[`items.${i}.criterionCode`] = `判定标准库中没有编号为 ${it.criterionCode} 的有效条款`;
      } else {
        criterionId = c.id;
        criterionCode = c.code;
      }
    }
    out.push({
      content: it.content,
      basis: it.basis,
      domain: it.domain,
      criterionId,
      criterionCode,
      method: it.method,
      notes: it.notes,
    });
  }
  const keys = Object.keys(fields);
  if (keys.length > 0) {
    const which = keys.map((k) => `第 ${Number(k.split('.')[1]) + 1} 项`).join('、');
    throw unprocessable('CHECKLIST_CRITERION_UNKNOWN', `${which}关联的重大隐患判定条款不存在或已停用`, fields);
  }
  return out;
}

/** The given code (unique in the park, any case) or the next JCB-nnnn. */
async function familyCode(tx: Db, parkId: string, wanted: string | null): Promise<string> {
  if (wanted) {
    if (await repo.familyByCode(tx, parkId, wanted)) {
      throw conflict('CHECKLIST_CODE_TAKEN', `检查表编号 ${wanted} 已被使用`, { code: '编号已被使用' });
    }
    return wanted;
  }
  for (;;) {
    const code = `JCB-${String(await nextSerial(tx, parkId, 'checklist')).padStart(4, '0')}`;
    if (!(await repo.familyByCode(tx, parkId, code))) return code;
  }
}

async function audited(
  tx: Db,
  ctx: RequestContext,
  action: string,
  id: string,
  before: ChecklistTemplateDetail | null,
): Promise<ChecklistTemplateDetail> {
  const after = await detail(tx, ctx.actor!, id);
  await appendAudit(tx, ctx, { action: `checklist.${action}`, entityType: 'checklist', entityId: id, before, after });
  return after;
}

export async function create(db: Db, ctx: RequestContext, input: z.infer<typeof ChecklistTemplateCreate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'checklists.manage');
  return db.transaction(async (tx) => {
    const items = await resolveItems(tx, actor.parkId, input.items);
    const code = await familyCode(tx, actor.parkId, input.code);
    const familyId = await repo.insertFamily(tx, actor.parkId, code);
    const at = now();
    const id = await repo.insertTemplate(tx, {
      parkId: actor.parkId,
      familyId,
      version: 1,
      name: input.name,
      domains: input.domains,
      description: input.description,
      status: input.activate ? 'active' : 'draft',
      createdBy: actor.userId,
      createdAt: at,
      updatedBy: actor.userId,
      updatedAt: at,
    });
    await repo.insertItems(tx, actor.parkId, id, items);
    return audited(tx, ctx, 'create', id, null);
  });
}

async function loadForWrite(tx: Db, actor: Actor, id: string) {
  const row = await repo.row(tx, actor.parkId, id, true);
  if (!row) throw notFound('检查表');
  if (row.supersededBy) {
    throw conflict('CHECKLIST_SUPERSEDED', '该版本已被新版本取代，只能查看；请在最新版本上操作');
  }
  return row;
}

/** Draft: changed in place. Active: a new version (returned) replaces it in pickers; the edited one is kept. */
export async function update(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ChecklistTemplateUpdate>) {
  const actor = ctx.actor!;
  assertCan(actor, 'checklists.manage');
  return db.transaction(async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    if (row.status === 'retired') {
      throw conflict('CHECKLIST_RETIRED', '检查表已停用，不能修改；请先启用，或复制后修改');
    }
    const before = await detail(tx, actor, id);
    const items = await resolveItems(tx, actor.parkId, input.items);
    const at = now();
    const fields = { name: input.name, domains: input.domains, description: input.description };
    if (row.status === 'draft') {
      await repo.patchTemplate(tx, actor.parkId, id, { ...fields, updatedBy: actor.userId, updatedAt: at });
      await repo.deleteItems(tx, actor.parkId, id);
      await repo.insertItems(tx, actor.parkId, id, items);
      return audited(tx, ctx, 'update', id, before);
    }
    // Active: the superseded_by reference is deferred, so the old row can name the new one before it exists.
    const newId = randomUUID();
    await repo.patchTemplate(tx, actor.parkId, id, {
      status: 'retired',
      supersededBy: newId,
      updatedBy: actor.userId,
      updatedAt: at,
    });
    await repo.insertTemplate(tx, {
      parkId: actor.parkId,
      id: newId,
      familyId: row.familyId,
      version: row.version + 1,
      ...fields,
      status: 'active',
      derivedFrom: row.derivedFrom,
      createdBy: actor.userId,
      createdAt: at,
      updatedBy: actor.userId,
      updatedAt: at,
    });
    await repo.insertItems(tx, actor.parkId, newId, items);
    return audited(tx, ctx, 'revise', newId, before);
  });
}

export async function copy(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ChecklistTemplateCopy>) {
  const actor = ctx.actor!;
  assertCan(actor, 'checklists.manage');
  return db.transaction(async (tx) => {
    const source = await detail(tx, actor, id);
    const code = await familyCode(tx, actor.parkId, input.code);
    const familyId = await repo.insertFamily(tx, actor.parkId, code);
    const at = now();
    const newId = await repo.insertTemplate(tx, {
      parkId: actor.parkId,
      familyId,
      version: 1,
      name: input.name,
      domains: source.domains,
      description: source.description,
      status: 'draft',
      derivedFrom: source.id,
      createdBy: actor.userId,
      createdAt: at,
      updatedBy: actor.userId,
      updatedAt: at,
    });
    // The copy keeps each item's link to the same criterion version it was made against.
    await repo.insertItems(
      tx,
      actor.parkId,
      newId,
      source.items.map((it) => ({
        content: it.content,
        basis: it.basis,
        domain: it.domain,
        criterionId: it.criterion?.id ?? null,
        criterionCode: it.criterion ? it.criterionCode : null,
        method: it.method,
        notes: it.notes,
      })),
    );
    return audited(tx, ctx, 'copy', newId, null);
  });
}

export async function activate(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'checklists.manage');
  return db.transaction(async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    if (row.status === 'active') throw conflict('CHECKLIST_ALREADY_ACTIVE', '检查表已是启用状态');
    const before = await detail(tx, actor, id);
    await repo.patchTemplate(tx, actor.parkId, id, { status: 'active', updatedBy: actor.userId, updatedAt: now() });
    return audited(tx, ctx, 'activate', id, before);
  });
}

export async function retire(db: Db, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  assertCan(actor, 'checklists.manage');
  return db.transaction(async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    if (row.status === 'retired') throw conflict('CHECKLIST_ALREADY_RETIRED', '检查表已停用');
    const before = await detail(tx, actor, id);
    await repo.patchTemplate(tx, actor.parkId, id, { status: 'retired', updatedBy: actor.userId, updatedAt: now() });
    return audited(tx, ctx, 'retire', id, before);
  });
}

// ------------------------------------------------------------------------------------------ campaign links

/**
 * The families behind the given template ids (any version), in order, without duplicates. Each must exist in the
 * park and its current version be active (not a draft, not retired) — otherwise 422 naming templateIds.N.
 */
export async function familiesFor(tx: Db, parkId: string, templateIds: string[], field = 'templateIds') {
  const found = new Map((await repo.rowsByIds(tx, parkId, [...new Set(templateIds)])).map((r) => [r.id, r]));
  const current = await repo.currentOfFamilies(tx, parkId, [...new Set([...found.values()].map((r) => r.familyId))]);
  const fields: Record<string, string> = {};
  const families: string[] = [];
  for (const [i, id] of templateIds.entries()) {
    const r = found.get(id);
    if (!r || current.get(r.familyId)?.status !== 'active') {
      fields[`${field}.${i}`] = '检查表不存在、未启用或已停用';
    } else if (!families.includes(r.familyId)) {
      families.push(r.familyId);
    }
  }
  if (Object.keys(fields).length > 0) {
    throw unprocessable('CHECKLIST_NOT_USABLE', '所选检查表不存在、未启用或已停用', fields);
  }
  return families;
}

export async function campaignChecklists(db: Db, parkId: string, campaignId: string) {
  return (await repo.campaignChecklistRefs(db, parkId, [campaignId])).get(campaignId) ?? [];
}

export async function setCampaignChecklists(
  tx: Db,
  ctx: RequestContext,
  campaignId: string,
  body: z.infer<typeof CampaignChecklistsBody>,
) {
  const actor = ctx.actor!;
  assertCan(actor, 'campaigns.manage');
  const before = await campaignChecklists(tx, actor.parkId, campaignId);
  const families = await familiesFor(tx, actor.parkId, body.templateIds);
  await repo.setCampaignFamilies(tx, actor.parkId, campaignId, families);
  const after = await campaignChecklists(tx, actor.parkId, campaignId);
  await appendAudit(tx, ctx, {
    action: 'campaign.checklists',
    entityType: 'campaign',
    entityId: campaignId,
    before,
    after,
  });
  return after;
}

// For inspections and campaigns, which use the checklists inside their own transactions.
export { campaignChecklistRefs, type ItemRow, itemRows, items, row, setCampaignFamilies } from './repository';
