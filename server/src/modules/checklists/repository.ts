// Queries over checklist families, template versions, their items and campaign links; no rules here.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ChecklistItemView,
  ChecklistListQuery,
  ChecklistRef,
  ChecklistStatus,
  ChecklistTemplateView,
} from '../../../../shared/src/checklists';
import {
  campaignChecklists,
  checklistFamilies,
  checklistItems,
  checklistTemplates,
  majorHazardCriteria,
} from '../../db/schema';
import { type Db, rows } from '../../platform/db';
import { likePattern } from '../../platform/pagination';

export type TemplateRow = typeof checklistTemplates.$inferSelect;
export type ItemRow = typeof checklistItems.$inferSelect;
type Domain = 'production' | 'fire' | 'food';

interface ViewRow {
  id: string;
  family_id: string;
  code: string;
  name: string;
  version: number;
  status: ChecklistStatus;
  domains: Domain[];
  description: string | null;
  superseded_by: string | null;
  derived_from: string | null;
  item_count: number;
  major_item_count: number;
  inspection_count: number;
  created_by_name: string | null;
  created_at: Date | string;
  updated_by_name: string | null;
  updated_at: Date | string;
  d_id: string | null;
  d_family_id: string | null;
  d_code: string | null;
  d_name: string | null;
  d_version: number | null;
  d_status: ChecklistStatus | null;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

// Every view column, one row per template version (t). Counts are per version, so they stay small.
const VIEW_SELECT = sql`
  select t.id, t.family_id, f.code, t.name, t.version, t.status, t.domains, t.description, t.superseded_by,
         t.derived_from,
         (select count(*) from checklist_items i where i.template_id = t.id)::int as item_count,
         (select count(*) from checklist_items i where i.template_id = t.id and i.criterion_id is not null)::int
           as major_item_count,
         (select count(*) from inspections x where x.park_id = t.park_id and x.checklist_template_id = t.id)::int
           as inspection_count,
         cu.display_name as created_by_name, t.created_at, uu.display_name as updated_by_name, t.updated_at,
         d.id as d_id, d.family_id as d_family_id, df.code as d_code, d.name as d_name, d.version as d_version,
         d.status as d_status
    from checklist_templates t
    join checklist_families f on f.id = t.family_id
    left join users cu on cu.id = t.created_by
    left join users uu on uu.id = t.updated_by
    left join checklist_templates d on d.id = t.derived_from
    left join checklist_families df on df.id = d.family_id`;

function toView(r: ViewRow): ChecklistTemplateView {
  return {
    id: r.id,
    familyId: r.family_id,
    code: r.code,
    name: r.name,
    version: Number(r.version),
    status: r.status,
    domains: r.domains,
    description: r.description,
    latest: r.superseded_by === null,
    supersededById: r.superseded_by,
    derivedFrom: r.d_id
      ? {
          id: r.d_id,
          familyId: r.d_family_id!,
          code: r.d_code!,
          name: r.d_name!,
          version: Number(r.d_version),
          status: r.d_status!,
        }
      : null,
    itemCount: Number(r.item_count),
    majorItemCount: Number(r.major_item_count),
    inspectionCount: Number(r.inspection_count),
    createdByName: r.created_by_name,
    createdAt: iso(r.created_at),
    updatedByName: r.updated_by_name,
    updatedAt: iso(r.updated_at),
  };
}

export async function list(
  db: Db,
  parkId: string,
  q: z.infer<typeof ChecklistListQuery>,
  onlyStatus: ChecklistStatus | null,
): Promise<{ items: ChecklistTemplateView[]; total: number }> {
  const conds = [sql`t.park_id = ${parkId}`];
  if (q.versions === 'latest') conds.push(sql`t.superseded_by is null`);
  if (onlyStatus) conds.push(sql`t.status = ${onlyStatus}`);
  if (q.status) conds.push(sql`t.status = ${q.status}`);
  if (q.domain) conds.push(sql`${q.domain} = any(t.domains)`);
  if (q.q) {
    const p = likePattern(q.q);
    conds.push(sql`(t.name ilike ${p} or f.code ilike ${p})`);
  }
  const where = sql.join(conds, sql` and `);
  const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const [items, total] = await Promise.all([
    rows<ViewRow>(
      db,
      sql`${VIEW_SELECT} where ${where} order by t.updated_at ${dir}, f.code, t.version desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from checklist_templates t join checklist_families f on f.id = t.family_id
           where ${where}`,
    ),
  ]);
  return { items: items.map(toView), total: Number(total[0]?.n ?? 0) };
}

export async function view(db: Db, parkId: string, id: string): Promise<ChecklistTemplateView | null> {
  const [r] = await rows<ViewRow>(db, sql`${VIEW_SELECT} where t.park_id = ${parkId} and t.id = ${id}`);
  return r ? toView(r) : null;
}

export async function row(db: Db, parkId: string, id: string, forUpdate = false): Promise<TemplateRow | null> {
  const q = db
    .select()
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.parkId, parkId), eq(checklistTemplates.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r ?? null;
}

/** Every version of a family, newest first. */
export async function versions(db: Db, parkId: string, familyId: string) {
  const r = await rows<{
    id: string;
    family_id: string;
    code: string;
    name: string;
    version: number;
    status: ChecklistStatus;
    superseded_by: string | null;
    created_at: Date | string;
    inspection_count: number;
  }>(
    db,
    sql`select t.id, t.family_id, f.code, t.name, t.version, t.status, t.superseded_by, t.created_at,
               (select count(*) from inspections x where x.park_id = t.park_id and x.checklist_template_id = t.id)::int
                 as inspection_count
          from checklist_templates t join checklist_families f on f.id = t.family_id
         where t.park_id = ${parkId} and t.family_id = ${familyId}
         order by t.version desc`,
  );
  return r.map((v) => ({
    id: v.id,
    familyId: v.family_id,
    code: v.code,
    name: v.name,
    version: Number(v.version),
    status: v.status,
    supersededById: v.superseded_by,
    createdAt: iso(v.created_at),
    inspectionCount: Number(v.inspection_count),
  }));
}

export async function items(db: Db, parkId: string, templateId: string): Promise<ChecklistItemView[]> {
  const r = await db
    .select({ i: checklistItems, c: majorHazardCriteria })
    .from(checklistItems)
    .leftJoin(majorHazardCriteria, eq(majorHazardCriteria.id, checklistItems.criterionId))
    .where(and(eq(checklistItems.parkId, parkId), eq(checklistItems.templateId, templateId)))
    .orderBy(asc(checklistItems.seq));
  return r.map(({ i, c }) => ({
    id: i.id,
    seq: i.seq,
    content: i.content,
    basis: i.basis,
    domain: i.domain,
    criterionCode: i.criterionCode,
    criterion: c
      ? {
          id: c.id,
          code: c.code,
          version: c.version,
          standard: c.standard,
          article: c.article,
          item: c.item,
          verified: c.verified,
          retired: c.retired,
        }
      : null,
    method: i.method,
    notes: i.notes,
  }));
}

export async function familyByCode(db: Db, parkId: string, code: string): Promise<{ id: string } | null> {
  const [r] = await rows<{ id: string }>(
    db,
    sql`select id from checklist_families where park_id = ${parkId} and lower(code) = lower(${code})`,
  );
  return r ?? null;
}

export async function insertFamily(tx: Db, parkId: string, code: string): Promise<string> {
  const [r] = await tx.insert(checklistFamilies).values({ parkId, code }).returning({ id: checklistFamilies.id });
  return r!.id;
}

export async function insertTemplate(tx: Db, values: typeof checklistTemplates.$inferInsert): Promise<string> {
  const [r] = await tx.insert(checklistTemplates).values(values).returning({ id: checklistTemplates.id });
  return r!.id;
}

export async function patchTemplate(
  tx: Db,
  parkId: string,
  id: string,
  values: Partial<typeof checklistTemplates.$inferInsert>,
): Promise<void> {
  await tx
    .update(checklistTemplates)
    .set(values)
    .where(and(eq(checklistTemplates.parkId, parkId), eq(checklistTemplates.id, id)));
}

export type NewItem = Omit<typeof checklistItems.$inferInsert, 'parkId' | 'templateId' | 'seq'>;

export async function insertItems(tx: Db, parkId: string, templateId: string, list: NewItem[]): Promise<void> {
  if (list.length === 0) return;
  await tx.insert(checklistItems).values(list.map((it, i) => ({ ...it, parkId, templateId, seq: i + 1 })));
}

/** Only for drafts: no inspection points at a draft's items. */
export async function deleteItems(tx: Db, parkId: string, templateId: string): Promise<void> {
  await tx
    .delete(checklistItems)
    .where(and(eq(checklistItems.parkId, parkId), eq(checklistItems.templateId, templateId)));
}

export async function itemRows(db: Db, parkId: string, templateId: string): Promise<ItemRow[]> {
  return db
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.parkId, parkId), eq(checklistItems.templateId, templateId)))
    .orderBy(asc(checklistItems.seq));
}

export async function inspectionCount(db: Db, parkId: string, templateId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from inspections where park_id = ${parkId} and checklist_template_id = ${templateId}`,
  );
  return Number(r?.n ?? 0);
}

/** Active newest versions, for pickers; inCampaign marks the campaign's own checklists (listed first). */
export async function options(db: Db, parkId: string, domain: Domain | undefined, campaignId: string | null) {
  const r = await rows<{
    id: string;
    family_id: string;
    code: string;
    name: string;
    version: number;
    status: ChecklistStatus;
    domains: Domain[];
    item_count: number;
    in_campaign: boolean;
  }>(
    db,
    sql`select t.id, t.family_id, f.code, t.name, t.version, t.status, t.domains,
               (select count(*) from checklist_items i where i.template_id = t.id)::int as item_count,
               ${
                 campaignId
                   ? sql`exists (select 1 from campaign_checklists cc where cc.park_id = t.park_id
                                    and cc.campaign_id = ${campaignId} and cc.family_id = t.family_id)`
                   : sql`false`
               } as in_campaign
          from checklist_templates t join checklist_families f on f.id = t.family_id
         where t.park_id = ${parkId} and t.status = 'active' and t.superseded_by is null
           ${domain ? sql`and ${domain} = any(t.domains)` : sql``}
         order by in_campaign desc, f.code
         limit 500`,
  );
  return r.map((o) => ({
    id: o.id,
    familyId: o.family_id,
    code: o.code,
    name: o.name,
    version: Number(o.version),
    status: o.status,
    domains: o.domains,
    itemCount: Number(o.item_count),
    inCampaign: Boolean(o.in_campaign),
  }));
}

/** Current versions of the families linked to each campaign, in the order they were set. */
export async function campaignChecklistRefs(
  db: Db,
  parkId: string,
  campaignIds: string[],
): Promise<Map<string, ChecklistRef[]>> {
  const out = new Map<string, ChecklistRef[]>();
  if (campaignIds.length === 0) return out;
  const r = await rows<{
    campaign_id: string;
    id: string;
    family_id: string;
    code: string;
    name: string;
    version: number;
    status: ChecklistStatus;
  }>(
    db,
    sql`select cc.campaign_id, t.id, t.family_id, f.code, t.name, t.version, t.status
          from campaign_checklists cc
          join checklist_families f on f.id = cc.family_id
          join checklist_templates t on t.family_id = cc.family_id and t.superseded_by is null
         where cc.park_id = ${parkId} and cc.campaign_id in (${sql.join(
           campaignIds.map((c) => sql`${c}::uuid`),
           sql`, `,
         )})
         order by cc.campaign_id, cc.seq`,
  );
  for (const x of r) {
    const list = out.get(x.campaign_id) ?? [];
    list.push({
      id: x.id,
      familyId: x.family_id,
      code: x.code,
      name: x.name,
      version: Number(x.version),
      status: x.status,
    });
    out.set(x.campaign_id, list);
  }
  return out;
}

export async function setCampaignFamilies(tx: Db, parkId: string, campaignId: string, familyIds: string[]) {
  await tx
    .delete(campaignChecklists)
    .where(and(eq(campaignChecklists.parkId, parkId), eq(campaignChecklists.campaignId, campaignId)));
  if (familyIds.length === 0) return;
  await tx
    .insert(campaignChecklists)
    .values(familyIds.map((familyId, seq) => ({ parkId, campaignId, familyId, seq: seq + 1 })));
}

/** Template versions by id within the park (for resolving a campaign's list). */
export async function rowsByIds(db: Db, parkId: string, ids: string[]): Promise<TemplateRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(checklistTemplates)
    .where(and(eq(checklistTemplates.parkId, parkId), inArray(checklistTemplates.id, ids)));
}

/** The current (not superseded) version of each family. */
export async function currentOfFamilies(
  db: Db,
  parkId: string,
  familyIds: string[],
): Promise<Map<string, TemplateRow>> {
  if (familyIds.length === 0) return new Map();
  const r = await db
    .select()
    .from(checklistTemplates)
    .where(
      and(
        eq(checklistTemplates.parkId, parkId),
        inArray(checklistTemplates.familyId, familyIds),
        isNull(checklistTemplates.supersededBy),
      ),
    );
  return new Map(r.map((t) => [t.familyId, t]));
}
